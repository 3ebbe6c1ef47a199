"""Meldingen worked through casework's own services, with personal details that must never
reach a creditor: each value in ``NEVER_SHOWN`` is searched for in what creditors receive."""

from __future__ import annotations

import datetime as dt

from tests.casework.factories import MeldingFactory, SignalFactory
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.conversation import add_budget_line, record_conversation, record_plan
from vroegsignaal.casework.models import (
    BudgetLineKind,
    Cause,
    HelpAnswer,
    LifeDomain,
    Melding,
    MeldingSignal,
    YesNoUnknown,
)
from vroegsignaal.casework.payments import payment_key
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat, Signaalstatus
from vroegsignaal.feedback.models import HeropafCheck
from vroegsignaal.feedback.release import release_due_feedback

SURNAME = "Jansen"
POSTCODE = "7511AB"
STREET = "Oldenzaalsestraat"
AMOUNT_TEXT = "250"
CONVERSATION_NOTE = "Vertelt over gokschulden bij zijn broer"
PLAN_NOTE = "Geheime afspraak met de budgetcoach"
BUDGET_LINE = "Uitkering Participatiewet"
OWN_PAYMENTS = "Betaalt vanaf december elke maand"
OTHER_PAYMENTS = "Waterrekening via automatische incasso"
CONVERSATION_DAY = dt.date(2026, 11, 10)
CLOSED_DAY = dt.date(2026, 11, 20)
OUTCOME_RELEASED_DAY = dt.date(2026, 11, 23)
# Six months after OUTCOME_RELEASED_DAY, the first working day: the heropaf asks the creditors.
HEROPAF_DAY = dt.date(2027, 5, 24)

NEVER_SHOWN = (
    SURNAME,
    POSTCODE,
    STREET,
    CONVERSATION_NOTE,
    PLAN_NOTE,
    BUDGET_LINE,
    LifeDomain.ADDICTION.label,
    Eindresultaat.ADVIES_QUICK_FIX.value,
)


def melding_with_signals(municipality, *creditors, status=Signaalstatus.OPGEPAKT, reason=""):
    """A matched melding with one signal per creditor, each with ``status`` and ``reason``."""
    melding = MeldingFactory(municipality=municipality, signals=0)
    for creditor in creditors:
        signal = SignalFactory(
            creditor=creditor,
            municipality=municipality,
            address_key=melding.address_key,
            house_number=melding.house_number,
            status=status,
            status_reason=reason,
        )
        MeldingSignal.objects.create(signal=signal, melding=melding)
    return melding


def work_and_close(melding: Melding, caseworker, creditors) -> Melding:
    """Conversation (with a note and a life domain), budget line, plan and result, as a
    caseworker records them; the plan names ongoing payments for ``creditors`` in order."""
    assign(melding, caseworker, caseworker, melding.version)
    record_conversation(
        melding,
        caseworker,
        melding.version,
        held_on=CONVERSATION_DAY,
        help_offered=HelpAnswer.YES,
        help_accepted=HelpAnswer.YES,
        cause=Cause.INCOME_DROP,
        other_domains=[LifeDomain.ADDICTION],
        note=CONVERSATION_NOTE,
    )
    add_budget_line(
        melding,
        caseworker,
        melding.version,
        kind=BudgetLineKind.INCOME,
        description=BUDGET_LINE,
        monthly_cents=123456,
    )
    keys = [payment_key(c) for c in creditors]
    payments = dict(zip(keys, [OWN_PAYMENTS, OTHER_PAYMENTS], strict=False))
    record_plan(
        melding,
        caseworker,
        melding.version,
        ongoing_payments=payments,
        room_to_pay_off=YesNoUnknown.YES,
        problematic_debts=YesNoUnknown.NO,
        note=PLAN_NOTE,
    )
    return close_with_result(
        melding, caseworker, melding.version, Eindresultaat.ADVIES_QUICK_FIX, CLOSED_DAY
    )


NO_CONTACT_DAYS = (dt.date(2026, 11, 3), dt.date(2026, 11, 4), dt.date(2026, 11, 5))


def try_and_close_without_contact(melding: Melding, caseworker) -> Melding:
    """Three home visits nobody answered, then 'Definitief geen contact kunnen krijgen'."""
    assign(melding, caseworker, caseworker, melding.version)
    for day in NO_CONTACT_DAYS:
        record_contact_attempt(
            melding, caseworker, melding.version, kind=Contactsoort.HUISBEZOEK,
            attempted_on=day, part_of_day=Dagdeel.MIDDAG, reached=False,
        )  # fmt: skip
    return close_with_result(
        melding, caseworker, melding.version, Eindresultaat.GEEN_CONTACT, CLOSED_DAY
    )


def melding_with_released_outcome(municipality, caseworker, creditors, site_url) -> Melding:
    """A melding of ``creditors`` worked and closed, its go and outcome released (the outcome on
    OUTCOME_RELEASED_DAY), so that each creditor has a heropaf question for HEROPAF_DAY."""
    melding = melding_with_signals(municipality, *creditors)
    release_due_feedback(site_url, today=dt.date(2026, 11, 5))
    work_and_close(melding, caseworker, creditors)
    release_due_feedback(site_url, today=OUTCOME_RELEASED_DAY)
    melding.refresh_from_db()
    return melding


def heropaf_check(melding: Melding, creditor) -> HeropafCheck:
    return HeropafCheck.objects.get(melding=melding, creditor=creditor)
