"""A result that contradicts what the caseworker recorded, without being wrong by the standard:
the close form warns and the caseworker confirms ("Toch afsluiten met ..."); ``results`` refuses
only what cannot be.

'(Budget)advies en/of quick fix' says the arrears can be solved within 30 days of accepting
help, without follow-up help (domain.md, step 7); CBS and the monitoring count it so. A referral
to schuldhulpverlening in the current contact round (its warm hand-over planned or done), or a
plan van aanpak of this round saying 'Problematische schulden: ja' or that a debt-help trajectory
started, says the debts need more than that. Yet the pair can be right: a referral may not go
through, and the resident may solve the arrears after all while the plan is not updated. So the
caseworker confirms, and the timeline keeps that the close was deliberate and what it was
against (``events.closed``, ``despite``).

'Inwoner regelt het zelf/hoeft geen hulp' after the resident accepted help, before a first
conversation, lets the Wgs first conversation (art. 4 lid 1, four weeks after accepting) lapse.
Changing one's mind is allowed, so again the caseworker confirms, and the timeline keeps the
date help was accepted (QA15 B12).

Only structured facts are named (the kind of referral, the plan's answers and dates), never a
free text, so the timeline line needs nothing erased after the retention term.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vroegsignaal.casework.conversation import current_plan
from vroegsignaal.casework.models import Melding, ReferralKind, YesNoUnknown
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.dutch_text import listed

# The close form's checkbox, and the field a missing confirmation is reported at.
CONFIRM_FIELD = "confirm_contradiction"
QUICK_FIX_MEANING = (
    "betekent dat de achterstand binnen 30 dagen is op te lossen, zonder vervolghulp"
)
NO_HELP_MEANING = (
    "betekent dat de inwoner geen hulp vanuit vroegsignalering wil; het eerste gesprek "
    "(Wgs art. 4 lid 1) vervalt dan"
)


@dataclass(frozen=True)
class Contradiction:
    """``result`` against what the file holds (``recorded``: Dutch phrases, in file order);
    ``meaning``: what the result says, which the file contradicts."""

    result: str
    recorded: tuple[str, ...]
    meaning: str

    @property
    def confirm_label(self) -> str:
        return f"Toch afsluiten met '{self.result}'"

    @property
    def warning(self) -> str:
        return (
            f"Let op: '{self.result}' {self.meaning}. "
            f"Vastgelegd bij deze melding: {listed(self.recorded)}. "
            f'Kiest u toch dit resultaat, vink dan "{self.confirm_label}" aan; de tijdlijn '
            "bewaart dat. Anders: kies een ander resultaat, of wijzig eerst wat niet meer klopt."
        )

    @property
    def unconfirmed(self) -> str:
        """What the checkbox says when the result was chosen without it."""
        return (
            f"Vink aan dat u toch wilt afsluiten met '{self.result}', of kies een ander "
            "eindresultaat."
        )


def contradictions(melding: Melding, closing_on: date) -> dict[str, Contradiction]:
    """The results that contradict ``melding``'s file in its current contact round when closed
    on ``closing_on`` (a hand-over after it is 'gepland'), by result; empty when none do."""
    found = {}
    recorded = [*_debt_help_referrals(melding, closing_on), *_plan_facts(melding)]
    if recorded:
        quick_fix = Eindresultaat.ADVIES_QUICK_FIX
        found[quick_fix] = Contradiction(quick_fix, tuple(recorded), QUICK_FIX_MEANING)
    if melding.accepted_on is not None and melding.first_conversation_on is None:
        no_help = Eindresultaat.REGELT_ZELF
        accepted = f"hulp geaccepteerd op {melding.accepted_on:%d-%m-%Y}, nog zonder gesprek"
        found[no_help] = Contradiction(no_help, (accepted,), NO_HELP_MEANING)
    return found


def _debt_help_referrals(melding: Melding, closing_on: date) -> list[str]:
    referrals = melding.referrals.filter(
        contact_round=melding.contact_round, kind=ReferralKind.DEBT_HELP
    )
    return [
        "een verwijzing naar schuldhulpverlening (warme overdracht "
        + ("gepland " if referral.handover_on > closing_on else "")
        + f"op {referral.handover_on:%d-%m-%Y})"
        for referral in referrals
    ]


def _plan_facts(melding: Melding) -> list[str]:
    # The plan in force, if it was made in this round: an earlier round's was about then.
    plan = current_plan(melding)
    if plan is None or plan.contact_round != melding.contact_round:
        return []
    answers = []
    if plan.problematic_debts == YesNoUnknown.YES:
        answers.append("'Problematische schulden: ja'")
    if plan.debt_help_started:
        answers.append(
            f"'Schuldhulpverleningstraject gestart op {plan.debt_help_started_on:%d-%m-%Y}'"
        )
    return [f"{listed(answers)} in het plan van aanpak"] if answers else []
