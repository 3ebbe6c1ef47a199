"""Conversation, budget scan, plan van aanpak and referrals, and the states they lead to."""

import datetime as dt

import pytest

from tests.casework.factories import CreditorFactory, add_signal
from vroegsignaal.casework import payments
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.conversation import (
    add_budget_line,
    monthly_balance,
    record_conversation,
    record_plan,
    refer,
)
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.forms import PlanForm
from vroegsignaal.casework.lifecycle import TransitionNotAllowed
from vroegsignaal.casework.models import BudgetLine, Melding, Plan
from vroegsignaal.casework.payments import payment_key
from vroegsignaal.ddas import Contactsoort, Dagdeel

DAY = dt.date(2026, 11, 9)


def talk(melding, by, accepted="ja", **extra):
    return record_conversation(
        melding,
        by,
        melding.version,
        held_on=DAY,
        help_offered="ja",
        help_accepted=accepted,
        cause="inkomensdaling",
        **extra,
    )


@pytest.fixture
def in_conversation(assigned, caseworker):
    record_contact_attempt(
        assigned,
        caseworker,
        assigned.version,
        kind=Contactsoort.HUISBEZOEK,
        attempted_on=DAY - dt.timedelta(days=4),
        part_of_day=Dagdeel.AVOND,
        reached=True,
    )
    talk(assigned, caseworker)
    return assigned


def test_first_conversation_moves_to_in_conversation_and_ends_the_term(in_conversation):
    stored = Melding.objects.get(pk=in_conversation.pk)
    assert stored.state == "in_conversation"
    assert stored.first_conversation_on == DAY
    assert stored.accepted_on == DAY


def test_conversation_stores_voorzieningencheck_and_other_life_domains(assigned, caseworker):
    conversation = talk(
        assigned,
        caseworker,
        provisions={"huurtoeslag": "aangevraagd", "zorgtoeslag": "ontvangt_al"},
        other_domains=["gezondheid"],
    )

    conversation.refresh_from_db()
    assert conversation.provisions == {"huurtoeslag": "aangevraagd", "zorgtoeslag": "ontvangt_al"}
    assert conversation.other_domains == ["gezondheid"]


def test_an_unknown_provision_is_refused(assigned, caseworker):
    with pytest.raises(CaseworkError, match="Voorzieningencheck"):
        talk(assigned, caseworker, provisions={"huurtoeslag": "misschien"})


def test_help_cannot_be_accepted_when_not_offered(assigned, caseworker):
    with pytest.raises(CaseworkError, match="aangeboden"):
        record_conversation(
            assigned,
            caseworker,
            assigned.version,
            held_on=DAY,
            help_offered="nee",
            help_accepted="ja",
            cause="onbekend",
        )


def test_a_conversation_on_a_new_melding_is_not_allowed_by_the_lifecycle(melding, caseworker):
    with pytest.raises(TransitionNotAllowed, match="kan niet naar fase 'In gesprek'"):
        talk(melding, caseworker)


def test_budget_scan_gives_the_monthly_balance_in_cents(in_conversation, caseworker):
    for kind, description, cents in [
        ("inkomsten", "Salaris", 210000),
        ("uitgaven", "Huur", 95000),
        ("uitgaven", "Energie", 18050),
    ]:
        add_budget_line(
            in_conversation,
            caseworker,
            in_conversation.version,
            kind=kind,
            description=description,
            monthly_cents=cents,
        )

    assert monthly_balance(BudgetLine.objects.filter(melding=in_conversation)) == 96950


def test_budget_scan_needs_a_conversation_first(assigned, caseworker):
    with pytest.raises(CaseworkError, match="Leg eerst een gesprek vast"):
        add_budget_line(
            assigned,
            caseworker,
            assigned.version,
            kind="inkomsten",
            description="Salaris",
            monthly_cents=1,
        )


def test_plan_moves_to_plan_made_with_agreements_per_creditor(in_conversation, caseworker):
    creditor = in_conversation.signal_links.get().signal.creditor
    agreement = "Termijnbedrag per 1 december weer automatisch"
    plan = record_plan(
        in_conversation,
        caseworker,
        in_conversation.version,
        ongoing_payments={payment_key(creditor): agreement},
        room_to_pay_off="ja",
        problematic_debts="nee",
    )

    assert Melding.objects.get(pk=in_conversation.pk).state == "plan_made"
    assert Plan.objects.get(pk=plan.pk).ongoing_payments == {str(creditor.pk): agreement}


def test_the_plan_form_asks_per_creditor_by_name_even_when_two_share_a_name(in_conversation):
    energy = in_conversation.signal_links.get().signal.creditor
    namesake = CreditorFactory(code="energie-oost-2", name=energy.name)
    add_signal(in_conversation, namesake)
    creditors = payments.melding_creditors(in_conversation)
    data = {"version": 1, "room_to_pay_off": "ja", "problematic_debts": "nee"}
    data |= {f"payment_{energy.pk}": "Eerste", f"payment_{namesake.pk}": "Tweede"}

    form = PlanForm(data, creditors=creditors)

    assert form.is_valid(), form.errors
    assert form.ongoing_payments() == {str(energy.pk): "Eerste", str(namesake.pk): "Tweede"}
    labels = [field.label for name, field in form.fields.items() if name.startswith("payment_")]
    assert labels == ["Afspraak over de lopende betalingen aan Energie Oost"] * 2


def test_a_plan_rejects_an_agreement_for_a_creditor_without_a_signal_in_the_melding(
    in_conversation, caseworker
):
    stranger = CreditorFactory(code="water-west", name="Water West")
    with pytest.raises(CaseworkError, match="Water West"):
        record_plan(
            in_conversation,
            caseworker,
            in_conversation.version,
            ongoing_payments={payment_key(stranger): "Afspraak"},
            room_to_pay_off="ja",
            problematic_debts="nee",
        )


def test_a_started_debt_help_trajectory_needs_its_bkr_date(in_conversation, caseworker):
    with pytest.raises(CaseworkError, match="startdatum"):
        record_plan(
            in_conversation,
            caseworker,
            in_conversation.version,
            ongoing_payments={},
            room_to_pay_off="onbekend",
            problematic_debts="ja",
            debt_help_started=True,
        )


def test_referral_moves_to_referred_and_a_second_one_keeps_the_state(in_conversation, caseworker):
    refer(
        in_conversation,
        caseworker,
        in_conversation.version,
        kind="schuldhulpverlening",
        handover_on=DAY + dt.timedelta(days=7),
    )
    refer(in_conversation, caseworker, in_conversation.version, kind="wijkteam", handover_on=DAY)

    stored = Melding.objects.get(pk=in_conversation.pk)
    assert stored.state == "referred"
    assert stored.referrals.count() == 2
