"""Closing a melding with one DDAS Eindresultaat; the statuses of its signals follow.

The result goes to DDAS and to the creditor's feedback as is, so it must fit the file
(``result_refusals``): no 'Definitief geen contact kunnen krijgen' after the resident was
reached, nor before the uitvoeringsnorm's number of failed attempts in the round (default 3,
``CaseworkPolicy.no_contact_after_attempts``: 'definitief' means the caseworker tried), no
'Geen reactie na eerder contact' when the resident was never reached, no help result without a conversation in which help was accepted, no 'Vervolghulp en/of
verwijzing ...' or 'Verwijzing zonder tussenkomst inwoner' without a recorded referral (of the
matching kind), nor before the warm hand-over of that referral took place (a referral may be
recorded ahead of its hand-over, ``casework.handovers``: until that day it is an appointment,
and the creditor and CBS would hear of help that may not start), no 'Inwoner regelt het zelf'
without contact, no 'Persoon is geen inwoner (meer)'
or 'Inwoner is overleden' while the BRP has a person of the melding living at the address (the
caseworker confirms 'geen inwoner' per signal then: ``casework.not_resident``). Reached, accepted and referred
count in the current contact round (a heropaf reopening starts a new one).

The no-go results ('Niet opgepakt: andere reden / herhaalde melding / onterecht signaal',
'Persoon is geen inwoner (meer)') tell the creditor the signal was not picked up. They fit only
while the resident has not been reached in the current round: before that, a failed attempt may
be how the caseworker learns that the person moved or the signal was wrong (a letter returned,
neighbours at a missed visit), so the first attempt (which sets 'datum opgepakt') does not rule
them out; once the resident was reached, the result must say what came of that contact. The
'Niet opgepakt' ones also do not fit a round after a heropaf: the signal was picked up in round 1
and the creditor heard its outcome; 'geen inwoner' does (the resident may have moved since).
'Inwoner is overleden' and 'Inwoner al bekend bij schuldhulpverlening' fit at any time: a
resident may die during the help, and being known to debt help often shows in the conversation.

The resident's satisfaction (a rapportcijfer, or None when not asked) is recorded at the same
moment, so every cijfer belongs to the close it was given at; only a resident reached in this
contact round can give one.

Every closing is also kept as the round's ``RoundResult`` (result, date, reached, cijfer): a
heropaf reopening blanks the melding's result for the new round, not the round before's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from vroegsignaal.casework import events, residence_check
from vroegsignaal.casework.contact import unsuccessful_attempts, was_reached
from vroegsignaal.casework.contradictions import CONFIRM_FIELD, contradictions
from vroegsignaal.casework.dates import check_recorded_date
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.handovers import handover_to
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import (
    SATISFACTION_MAX,
    SATISFACTION_MIN,
    HelpAnswer,
    Melding,
    ReferralKind,
    RoundResult,
)
from vroegsignaal.casework.policy import policy_for
from vroegsignaal.casework.signal_status import set_signal_statuses, status_for_result
from vroegsignaal.casework.transitions import update_melding
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.dutch_text import listed
from vroegsignaal.organisations.models import User

SATISFACTION_MESSAGE = "Tevredenheid: geef een cijfer van 1 tot en met 10."
SATISFACTION_NOT_REACHED = (
    "Tevredenheid: alleen in te vullen als de inwoner in deze contactronde is bereikt "
    "(een contactpoging waarbij de inwoner is bereikt, of een gesprek); laat het veld leeg."
)
SATISFACTION_NO_CONTACT = (
    "Tevredenheid: bij 'Definitief geen contact kunnen krijgen' is de inwoner niet bereikt en "
    "heeft die geen cijfer gegeven; laat het veld leeg."
)

# Which referrals are financial help (DDAS 'Vervolghulp en/of verwijzing financieel') and which
# are not ('... niet financieel'). 'Anders' does not say, so it fits either result.
FINANCIAL_REFERRALS = frozenset(
    {
        ReferralKind.DEBT_HELP,
        ReferralKind.BUDGET_COACHING,
        ReferralKind.ADMINISTRATION,
        ReferralKind.VOLUNTEERS,
        ReferralKind.OTHER,
    }
)
NON_FINANCIAL_REFERRALS = frozenset(
    {ReferralKind.SOCIAL_WORK, ReferralKind.NEIGHBOURHOOD_TEAM, ReferralKind.OTHER}
)
ALL_REFERRALS = frozenset(ReferralKind)
_HELP_RESULTS = (
    Eindresultaat.ADVIES_QUICK_FIX,
    Eindresultaat.VERWIJZING,
    Eindresultaat.VERWIJZING_FINANCIEEL,
    Eindresultaat.VERWIJZING_NIET_FINANCIEEL,
)
_REFERRAL_NEEDED = {
    Eindresultaat.VERWIJZING: ALL_REFERRALS,
    Eindresultaat.VERWIJZING_FINANCIEEL: FINANCIAL_REFERRALS,
    Eindresultaat.VERWIJZING_NIET_FINANCIEEL: NON_FINANCIAL_REFERRALS,
    Eindresultaat.VERWIJZING_ZONDER_INWONER: ALL_REFERRALS,
}
_REACHED = "een contactpoging waarbij de inwoner is bereikt, of een gesprek"
_NOT_PICKED_UP = (
    Eindresultaat.ANDERE_REDEN,
    Eindresultaat.HERHAALDE_MELDING,
    Eindresultaat.ONTERECHT,
)
_NO_GO_RESULTS = (*_NOT_PICKED_UP, Eindresultaat.GEEN_INWONER)
# Nobody left at the address: not while the BRP has a person of the melding living there.
_GONE = (Eindresultaat.GEEN_INWONER, Eindresultaat.OVERLEDEN)


@dataclass(frozen=True)
class PlannedHandover:
    """A referral of the round whose warm hand-over lies after the closing day."""

    kind: str
    to: str
    on: date


@dataclass(frozen=True)
class FileFacts:
    """What the file shows that a result must fit: the resident reached and help accepted in
    the current contact round, the kinds of the referrals made in it, whether the round
    is one after a heropaf, the failed attempts in the round against the number the
    uitvoeringsnorm asks before 'geen contact', and whether the resident was ever reached.
    The referrals are split by the closing day: the kinds whose hand-over took place by then,
    and the hand-overs still planned after it."""

    reached: bool
    help_accepted: bool
    referral_kinds: frozenset[str]
    # A round after a heropaf reopening: the signal was picked up in round 1.
    later_round: bool = False
    failed_attempts: int = 0
    attempts_needed: int = 1
    # Reached in any contact round: 'Geen reactie na eerder contact' needs that contact.
    reached_ever: bool = False
    # The persons the BRP has living at the address ('R. Bakker'): nobody there is no one.
    living_here: tuple[str, ...] = ()
    # The kinds referred to with a hand-over on or before the closing day.
    handed_over_kinds: frozenset[str] = frozenset()
    # The referrals whose hand-over is still to come, earliest first.
    planned_handovers: tuple[PlannedHandover, ...] = ()


def file_facts(melding: Melding, closing_on: date | None = None) -> FileFacts:
    """The facts of ``melding``'s file in its current contact round, closed on ``closing_on``
    (default today, the day the close form closes on)."""
    closing_on = closing_on or timezone.localdate()
    this_round = melding.contact_round
    conversations = melding.conversations.filter(contact_round=this_round)
    referrals = list(melding.referrals.filter(contact_round=this_round))  # by hand-over day
    attempts = list(melding.contact_attempts.filter(contact_round=this_round))
    return FileFacts(
        reached=was_reached(melding),
        help_accepted=conversations.filter(help_accepted=HelpAnswer.YES).exists(),
        referral_kinds=frozenset(referral.kind for referral in referrals),
        handed_over_kinds=frozenset(r.kind for r in referrals if r.handover_on <= closing_on),
        planned_handovers=tuple(
            PlannedHandover(r.kind, handover_to(r), r.handover_on)
            for r in referrals
            if r.handover_on > closing_on
        ),
        later_round=this_round > 1,
        failed_attempts=unsuccessful_attempts(attempts, this_round),
        attempts_needed=policy_for(melding.municipality).no_contact_after_attempts,
        # The chain fact kept by every attempt and conversation, over all contact rounds.
        reached_ever=melding.first_contact_on is not None,
        living_here=tuple(residence_check.living_here(melding)),
    )


def _kinds(kinds: frozenset[ReferralKind]) -> str:
    names = [kind.label.lower() for kind in ReferralKind if kind in kinds]
    return listed(names, "of")


def _attempts(count: int) -> str:
    return f"{count} mislukte contactpoging" + ("" if count == 1 else "en")


def refusal(result: str, facts: FileFacts) -> str | None:
    """Why ``result`` does not fit the file (Dutch), or None when it fits."""
    name = f"'{result}'"
    if result in _GONE and facts.living_here:
        who = listed(list(facts.living_here))
        lives = "woont" if len(facts.living_here) == 1 else "wonen"
        return (
            f"{who} {lives} volgens de BRP op dit adres. {name} kan daarom niet voor de hele "
            "melding. Woont de persoon van een ander signaal hier niet (meer), kies dan bij dat "
            f"signaal 'Bevestig: geen inwoner (meer)'; de melding gaat door voor {who}."
        )
    if result == Eindresultaat.GEEN_CONTACT and facts.reached:
        return (
            f"{name} kan niet: de inwoner is in deze contactronde bereikt ({_REACHED}). "
            "Kies het resultaat dat past bij het contact."
        )
    if result == Eindresultaat.GEEN_CONTACT and facts.failed_attempts < facts.attempts_needed:
        return (
            f"{name} kan pas na {_attempts(facts.attempts_needed)} in deze contactronde "
            f"(de uitvoeringsnorm van de gemeente); vastgelegd: {facts.failed_attempts}. "
            "Een kaartje na een gemist huisbezoek telt niet apart. Leg eerst de pogingen vast."
        )
    if result == Eindresultaat.GEEN_REACTIE and not facts.reached_ever:
        return (
            f"{name} kan alleen als de inwoner eerder is bereikt ({_REACHED}). Is de inwoner "
            "nooit bereikt, kies dan 'Definitief geen contact kunnen krijgen' na de "
            "contactpogingen."
        )
    if result in _NO_GO_RESULTS and facts.reached:
        return (
            f"{name} kan niet: de inwoner is in deze contactronde bereikt ({_REACHED}), en dit "
            "resultaat zegt de signaalpartner dat het signaal niet is opgepakt. Kies het "
            "resultaat dat past bij het contact."
        )
    if result in _NOT_PICKED_UP and facts.later_round:
        return (
            f"{name} kan niet in een contactronde na een heropaf: het signaal is in de eerste "
            "contactronde opgepakt en de signaalpartner kreeg de uitkomst. Kies het resultaat "
            "dat past bij deze ronde."
        )
    if result == Eindresultaat.REGELT_ZELF and not facts.reached:
        return (
            f"{name} kan alleen als de inwoner in deze contactronde is bereikt ({_REACHED}). "
            "Leg eerst het contact vast."
        )
    if result in _HELP_RESULTS and not facts.help_accepted:
        return (
            f"{name} kan alleen na een gesprek in deze contactronde waarin de inwoner hulp "
            "accepteerde. Leg eerst dat gesprek vast."
        )
    needed = _REFERRAL_NEEDED.get(result)
    if needed is not None and not facts.referral_kinds & needed:
        if needed == ALL_REFERRALS:
            return f"{name} vraagt een vastgelegde verwijzing. Leg eerst de verwijzing vast."
        return f"{name} vraagt een verwijzing naar {_kinds(needed)}. Leg eerst de verwijzing vast."
    if needed is not None and not facts.handed_over_kinds & needed:
        return _handover_planned(name, facts, needed)
    return None


def _handover_planned(name: str, facts: FileFacts, needed: frozenset[ReferralKind]) -> str:
    # Every referral the result can rest on is still an appointment: name the first of them.
    first = next(planned for planned in facts.planned_handovers if planned.kind in needed)
    return (
        f"{name} kan pas vanaf {first.on:%d-%m-%Y}: dan staat de warme overdracht naar "
        f"{first.to} gepland. Sluit op of na die dag af met dit resultaat, als de overdracht "
        "heeft plaatsgevonden. Gaat de overdracht niet door, leg dan vast wat er gebeurde (een "
        "contactpoging of een gesprek) en kies het resultaat dat daarbij past."
    )


def result_refusals(melding: Melding, facts: FileFacts | None = None) -> dict[str, str]:
    """Every Eindresultaat that does not fit ``melding``'s file, with the reason (for the form)."""
    facts = facts or file_facts(melding)
    found = {result: refusal(result, facts) for result in Eindresultaat.values}
    return {result: reason for result, reason in found.items() if reason}


def close_with_result(
    melding: Melding,
    by: User,
    expected_version: int,
    result: str,
    closed_on: date | None = None,
    satisfaction: int | None = None,
    confirmed_contradiction: bool = False,
) -> Melding:
    """Close ``melding`` with ``result``.

    Rules: exactly one valid Eindresultaat is required, and it fits the file (``refusal``);
    the signals then get the status the result implies ('Opgepakt', or the same-named
    'Niet opgepakt: ...' status). ``closed_on`` (default today) lies between the matching date
    and today, and not before the warm hand-over the result rests on. The ``satisfaction`` is a
    rapportcijfer from 1 to 10, or None when the resident was not asked; only a resident
    reached in this contact round gives one. A result that contradicts what was recorded
    (``casework.contradictions``) closes only with ``confirmed_contradiction``; the timeline
    then names what it was against. The round's result
    is kept as its ``RoundResult``; closing again after a heropaf adds the new round's beside it
    (the melding itself then carries the new round's).
    """
    if result not in Eindresultaat.values:
        raise CaseworkError("Kies een eindresultaat uit de lijst om de melding af te sluiten.")
    closed_on = closed_on or timezone.localdate()
    facts = file_facts(melding, closed_on)
    reason = refusal(result, facts)
    if reason:
        raise CaseworkError(reason, field="result")
    check_satisfaction(satisfaction)
    if satisfaction is not None and not facts.reached:
        message = (
            SATISFACTION_NO_CONTACT
            if result == Eindresultaat.GEEN_CONTACT
            else SATISFACTION_NOT_REACHED
        )
        raise CaseworkError(message, field="satisfaction")
    check_recorded_date(melding, closed_on, label="Afgesloten op", field="closed_on")
    contradiction = contradictions(melding, closed_on).get(result)
    if contradiction is not None and not confirmed_contradiction:
        raise CaseworkError(contradiction.warning, field=CONFIRM_FIELD)
    changes = {
        "result": result,
        "closed_on": closed_on,
        "satisfaction": satisfaction,
        "first_closed_on": melding.first_closed_on or closed_on,
    }
    with transaction.atomic():
        states = update_melding(melding, expected_version, State.CLOSED, **changes)
        RoundResult.objects.create(
            melding=melding,
            municipality_id=melding.municipality_id,
            contact_round=melding.contact_round,
            result=result,
            closed_on=closed_on,
            reached=facts.reached,
            satisfaction=satisfaction,
        )
        set_signal_statuses(melding, status_for_result(Eindresultaat(result)))
        despite = contradiction.recorded if contradiction else ()
        events.closed(melding, by, result, states, satisfaction, despite=despite)
    return melding


def check_satisfaction(satisfaction: int | None) -> None:
    """Refuse anything but a whole rapportcijfer from 1 to 10 (None: not asked)."""
    if satisfaction is None:
        return
    # type() rather than isinstance(): True is an int too, but not a cijfer.
    if type(satisfaction) is not int or not SATISFACTION_MIN <= satisfaction <= SATISFACTION_MAX:
        raise CaseworkError(SATISFACTION_MESSAGE)
