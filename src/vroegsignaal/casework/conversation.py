"""The conversation with the resident and what follows from it: budget scan, plan van aanpak
and referrals with a warm hand-over.

Lifecycle: the first conversation moves a melding to 'In gesprek', the first plan to
'Plan gemaakt', the first referral to 'Doorverwezen'; later ones are recorded without a move
(a later plan amends the one in force).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from vroegsignaal import dutch_numbers
from vroegsignaal.casework import events, payments
from vroegsignaal.casework.dates import check_recorded_date
from vroegsignaal.casework.deadlines import SATURDAY, is_equated_by_decree, is_working_day
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import (
    BudgetLine,
    BudgetLineKind,
    Cause,
    Conversation,
    HelpAnswer,
    LifeDomain,
    Melding,
    Plan,
    Provision,
    ProvisionStatus,
    Referral,
    ReferralKind,
    YesNoUnknown,
)
from vroegsignaal.casework.signal_status import (
    chain_fact_changes,
    follow_pick_up,
    pick_up_changes,
)
from vroegsignaal.casework.transitions import update_melding
from vroegsignaal.organisations.models import User

_AFTER_CONVERSATION = (State.IN_CONVERSATION, State.PLAN_MADE, State.REFERRED)
_AFTER_PLAN = (State.PLAN_MADE, State.REFERRED)


def _next_state(melding: Melding, target: State, already: Iterable[State]) -> State | None:
    # A second conversation, plan or referral is recorded without moving the melding back.
    return None if melding.state in already else target


def _check_provisions(provisions: dict[str, str]) -> None:
    for provision, status in provisions.items():
        if provision not in Provision.values or status not in ProvisionStatus.values:
            raise CaseworkError(f"Voorzieningencheck: onbekende waarde '{provision}: {status}'.")


def check_held_on(melding: Melding, held_on: date) -> None:
    """The conversation's date lies between the matching date and today; also run by the page
    on an incomplete form, so the date is named together with an empty field."""
    check_recorded_date(melding, held_on, label="Datum gesprek", field="held_on")


def record_conversation(
    melding: Melding,
    by: User,
    expected_version: int,
    *,
    held_on: date,
    help_offered: HelpAnswer,
    help_accepted: HelpAnswer,
    cause: Cause,
    other_domains: list[LifeDomain] = (),
    provisions: dict[str, str] | None = None,
    note: str = "",
) -> Conversation:
    """Record a conversation.

    Rules: dated between the matching date and today; possible after assignment or contact (not on a new or reopened melding without
    contact); the first one sets first_conversation_on (ends the conversation terms; one before
    a later acceptance is forgotten then, see pick_up_changes) and, if no attempt did,
    picked_up_on; help accepted ('Ja') starts the conversation term if not started.
    """
    provisions = provisions or {}
    _check_provisions(provisions)
    check_held_on(melding, held_on)
    if help_accepted == HelpAnswer.YES and help_offered != HelpAnswer.YES:
        raise CaseworkError("Hulp kan alleen geaccepteerd zijn als die is aangeboden.")
    to_state = _next_state(melding, State.IN_CONVERSATION, _AFTER_CONVERSATION)
    changes = pick_up_changes(melding, held_on, help_accepted=help_accepted == HelpAnswer.YES)
    if changes.get("first_conversation_on", melding.first_conversation_on) is None:
        changes["first_conversation_on"] = held_on
    accepted = help_accepted == HelpAnswer.YES
    facts = chain_fact_changes(melding, held_on, reached=True, accepted=accepted)
    with transaction.atomic():
        states = update_melding(melding, expected_version, to_state, **changes, **facts)
        conversation = Conversation.objects.create(
            melding=melding,
            contact_round=melding.contact_round,
            held_on=held_on,
            help_offered=help_offered,
            help_accepted=help_accepted,
            cause=cause,
            other_domains=list(other_domains),
            provisions=provisions,
            note=note,
            recorded_by=by,
        )
        follow_pick_up(melding, changes)
        events.conversation(melding, by, held_on, HelpAnswer(help_accepted).label, states)
    return conversation


def _check_in_conversation(melding: Melding, what: str) -> None:
    if melding.state not in _AFTER_CONVERSATION:
        raise CaseworkError(f"Leg eerst een gesprek vast; daarna kunt u {what} toevoegen.")


# A monthly amount above this is a typing error in a household's budget, not an income.
BUDGET_LINE_MAX_CENTS = 50_000_00
_AMOUNT_LABEL = "Bedrag per maand"


def _check_monthly_cents(monthly_cents: int) -> None:
    if monthly_cents <= 0:
        raise CaseworkError(
            f"{_AMOUNT_LABEL}: vul een bedrag groter dan € 0 in; of het inkomsten of uitgaven "
            "zijn, kiest u bij Soort.",
            field="monthly_cents",
        )
    if monthly_cents > BUDGET_LINE_MAX_CENTS:
        raise CaseworkError(
            f"{_AMOUNT_LABEL}: vul een bedrag in tot en met "
            f"{dutch_numbers.euros(BUDGET_LINE_MAX_CENTS)}.",
            field="monthly_cents",
        )


def add_budget_line(
    melding: Melding,
    by: User,
    expected_version: int,
    *,
    kind: BudgetLineKind,
    description: str,
    monthly_cents: int,
) -> BudgetLine:
    """Add an income or expense line (per month) to the budget scan; only after a conversation.

    Rule: the amount is more than zero and at most ``BUDGET_LINE_MAX_CENTS``."""
    _check_in_conversation(melding, "de budgetscan")
    _check_monthly_cents(monthly_cents)
    with transaction.atomic():
        states = update_melding(melding, expected_version)
        line = BudgetLine.objects.create(
            melding=melding, kind=kind, description=description, monthly_cents=monthly_cents
        )
        events.budget_line(melding, by, description, states)
    return line


def _check_line_of(melding: Melding, line: BudgetLine) -> None:
    if line.melding_id != melding.pk:
        raise CaseworkError("Deze regel hoort niet bij de budgetscan van deze melding.")


def change_budget_line(
    melding: Melding,
    by: User,
    expected_version: int,
    line: BudgetLine,
    *,
    kind: BudgetLineKind,
    description: str,
    monthly_cents: int,
) -> BudgetLine:
    """Change a line of the budget scan, with the rules of ``add_budget_line``."""
    _check_line_of(melding, line)
    _check_monthly_cents(monthly_cents)
    with transaction.atomic():
        states = update_melding(melding, expected_version)
        line.kind, line.description, line.monthly_cents = kind, description, monthly_cents
        line.save(update_fields=["kind", "description", "monthly_cents"])
        events.budget_line(melding, by, description, states, change=events.CHANGED)
    return line


def remove_budget_line(melding: Melding, by: User, expected_version: int, line: BudgetLine) -> None:
    """Remove a line from the budget scan (it was entered by mistake)."""
    _check_line_of(melding, line)
    with transaction.atomic():
        states = update_melding(melding, expected_version)
        line.delete()
        events.budget_line(melding, by, line.description, states, change=events.REMOVED)


def monthly_balance(lines: Iterable[BudgetLine]) -> int:
    """Income minus expenses per month, in cents (negative: a shortfall)."""
    return sum(
        line.monthly_cents if line.kind == BudgetLineKind.INCOME else -line.monthly_cents
        for line in lines
    )


def current_plan(melding: Melding) -> Plan | None:
    """The plan van aanpak in force: the newest version (the one fed back to the creditor)."""
    return melding.plans.order_by("created_at", "id").last()


def record_plan(
    melding: Melding,
    by: User,
    expected_version: int,
    *,
    ongoing_payments: dict[str, str],
    room_to_pay_off: YesNoUnknown,
    problematic_debts: YesNoUnknown,
    debt_help_started: bool = False,
    debt_help_started_on: date | None = None,
    note: str = "",
) -> Plan:
    """Record the plan van aanpak, or amend the plan in force; the first one moves the melding
    to 'Plan gemaakt'.

    An amendment is a new version: earlier agreements stay readable, and the newest is the plan
    in force (``current_plan``), on the timeline as 'gewijzigd'. A version identical to the plan
    in force in the same contact round is refused, so the history holds only real changes.
    Rules: a started debt-help trajectory (the BKR registration moment) needs its start date,
    and a start date needs the trajectory; that date lies between the matching date and today.
    ``ongoing_payments`` is keyed by creditor id (see ``payments``), each a creditor with a
    signal in the melding.
    """
    _check_in_conversation(melding, "een plan van aanpak")
    payments.check_agreements(melding, ongoing_payments)
    if debt_help_started and debt_help_started_on is None:
        raise CaseworkError(
            "Traject gestart op: vul de startdatum in (de registratie bij BKR), "
            "of vink Schuldhulpverleningstraject gestart uit.",
            field="debt_help_started_on",
        )
    if debt_help_started_on is not None and not debt_help_started:
        raise CaseworkError(
            "U vulde bij Traject gestart op een datum in: vink aan dat het "
            "schuldhulpverleningstraject is gestart, of maak die datum leeg.",
            field="debt_help_started",
        )
    if debt_help_started_on is not None:
        check_recorded_date(
            melding, debt_help_started_on, label="Traject gestart op", field="debt_help_started_on"
        )
    contents = {
        "ongoing_payments": ongoing_payments,
        "room_to_pay_off": room_to_pay_off,
        "problematic_debts": problematic_debts,
        "debt_help_started": debt_help_started,
        "debt_help_started_on": debt_help_started_on,
        "note": note,
    }
    in_force = current_plan(melding)
    if in_force is not None and _unchanged(in_force, melding.contact_round, contents):
        raise CaseworkError("Er is niets gewijzigd aan het plan van aanpak.")
    to_state = _next_state(melding, State.PLAN_MADE, _AFTER_PLAN)
    with transaction.atomic():
        states = update_melding(melding, expected_version, to_state)
        plan = Plan.objects.create(
            melding=melding, contact_round=melding.contact_round, recorded_by=by, **contents
        )
        events.plan(melding, by, debt_help_started, states, amended=in_force is not None)
    return plan


def _unchanged(plan: Plan, contact_round: int, contents: dict) -> bool:
    return plan.contact_round == contact_round and all(
        getattr(plan, name) == value for name, value in contents.items()
    )


REFERRAL_OTHER_NEEDS_NOTE = "Toelichting: vul in waarnaar u verwijst als u 'Anders' kiest."
# The link beside each referral on the melding page (``handovers.move_handover``): a referral
# is recorded once, so a wrong or moved day is corrected there.
MOVE_HANDOVER_ACTION = "'Overdracht verzetten'"
_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def _check_not_referred_yet(melding: Melding, kind: ReferralKind, note: str) -> None:
    # The same referral twice in a round is nearly always a double click or a second try;
    # 'Anders' with another note is another referral.
    same = melding.referrals.filter(contact_round=melding.contact_round, kind=kind)
    if kind == ReferralKind.OTHER:
        same = same.filter(note__iexact=note)
    earlier = same.order_by("handover_on").first()
    if earlier is not None:
        raise CaseworkError(
            f"Er is in deze contactronde al een verwijzing naar {kind.label.lower()} "
            f"(warme overdracht op {earlier.handover_on:%d-%m-%Y}). Dezelfde verwijzing twee "
            "keer vastleggen kan niet. Is de overdracht verzet, kies dan bij die verwijzing op "
            f"de melding {MOVE_HANDOVER_ACTION}.",
            field="kind",
        )


def handover_day_warning(day: date) -> str:
    """A Dutch warning when a warm hand-over is dated on a weekend or public holiday (a date
    typed wrong, or a hand-over that could not take place then); '' on a working day. Not a
    refusal: a volunteer may really meet the resident on a Saturday."""
    if is_working_day(day):
        return ""
    if day.weekday() >= SATURDAY:
        what = _WEEKDAYS[day.weekday()]
    elif is_equated_by_decree(day):
        # Not a feestdag itself: a caseworker who knows 15 May is none would doubt the warning.
        what = "een dag die bij besluit met een feestdag is gelijkgesteld"
    else:
        what = "een feestdag"
    return (
        f"Let op: de warme overdracht staat op {day:%d-%m-%Y}, {what} en geen werkdag. "
        f"Klopt die datum niet, kies dan bij de verwijzing op de melding {MOVE_HANDOVER_ACTION} "
        "en vul de juiste datum in."
    )


def refer(
    melding: Melding,
    by: User,
    expected_version: int,
    *,
    kind: ReferralKind,
    handover_on: date,
    note: str = "",
) -> Referral:
    """Refer the resident with a warm hand-over; the first referral moves it to 'Doorverwezen'.

    Rules: the hand-over is not dated before the matching date; it may be planned ahead, up to
    ``dates.HANDOVER_PLANNED_DAYS``. A referral to 'Anders' says in ``note`` what it is to.
    The same referral (kind, and for 'Anders' the note) is recorded once per contact round.
    A hand-over on a non-working day is accepted; ``handover_day_warning`` says so."""
    _check_in_conversation(melding, "een verwijzing")
    note = note.strip()
    if kind == ReferralKind.OTHER and not note:
        # 'Verwezen naar Anders' alone tells a colleague nothing.
        raise CaseworkError(REFERRAL_OTHER_NEEDS_NOTE, field="note")
    _check_not_referred_yet(melding, ReferralKind(kind), note)
    label = "Datum warme overdracht"
    check_recorded_date(melding, handover_on, label=label, field="handover_on", planned=True)
    to_state = _next_state(melding, State.REFERRED, (State.REFERRED,))
    with transaction.atomic():
        states = update_melding(melding, expected_version, to_state, referred=True)
        referral = Referral.objects.create(
            melding=melding, contact_round=melding.contact_round, kind=kind,
            handover_on=handover_on, note=note, recorded_by=by,
        )  # fmt: skip
        events.referral(melding, by, referral, states)
    return referral
