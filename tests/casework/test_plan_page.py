"""The plan van aanpak page: amending the plan in force instead of starting from an empty form."""

import datetime as dt

import pytest
from django.urls import reverse

from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.conversation import current_plan, record_conversation, record_plan
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.models import EventKind, Melding, Plan
from vroegsignaal.casework.payments import payment_key
from vroegsignaal.ddas import Contactsoort, Dagdeel

DAY = dt.date(2026, 11, 3)


@pytest.fixture
def logged_in(client, caseworker):
    client.force_login(caseworker)
    return client


@pytest.fixture
def planned(assigned, caseworker):
    """A melding with a conversation and a first plan (an agreement with its creditor)."""
    record_contact_attempt(
        assigned, caseworker, assigned.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=DAY, part_of_day=Dagdeel.OCHTEND, reached=True,
    )  # fmt: skip
    record_conversation(
        assigned, caseworker, assigned.version, held_on=DAY,
        help_offered="ja", help_accepted="ja", cause="inkomensdaling",
    )  # fmt: skip
    creditor = assigned.signal_links.get().signal.creditor
    record_plan(
        assigned, caseworker, assigned.version,
        ongoing_payments={payment_key(creditor): "Termijn per incasso"},
        room_to_pay_off="ja", problematic_debts="nee",
        debt_help_started=True, debt_help_started_on=DAY, note="Belt in december terug",
    )  # fmt: skip
    return assigned


def _plan_post(melding, **changes):
    creditor = melding.signal_links.get().signal.creditor
    data = {
        "version": Melding.objects.get(pk=melding.pk).version,
        f"payment_{creditor.pk}": "Termijn per incasso",
        "room_to_pay_off": "ja",
        "problematic_debts": "nee",
        "debt_help_started": "on",
        "debt_help_started_on": DAY.isoformat(),
        "note": "Belt in december terug",
    }
    return data | changes


def test_the_plan_form_is_filled_in_from_the_current_plan(logged_in, planned):
    creditor = planned.signal_links.get().signal.creditor

    html = logged_in.get(reverse("casework:plan", args=[planned.pk])).content.decode()

    assert f'name="payment_{creditor.pk}" value="Termijn per incasso"' in html
    assert 'id="id_room_to_pay_off_0" required checked' in html
    assert 'id="id_problematic_debts_1" required checked' in html
    assert 'id="id_debt_help_started" checked' in html
    assert 'value="2026-11-03"' in html
    assert "Belt in december terug</textarea>" in html


def test_amending_the_plan_keeps_the_earlier_version_and_the_timeline_says_gewijzigd(
    logged_in, planned
):
    response = logged_in.post(
        reverse("casework:plan", args=[planned.pk]),
        _plan_post(planned, problematic_debts="ja"),
        follow=True,
    )

    plans = list(Plan.objects.filter(melding=planned))
    assert [plan.problematic_debts for plan in plans] == ["nee", "ja"]
    assert current_plan(planned) == plans[-1]
    assert plans[-1].ongoing_payments == plans[0].ongoing_payments
    lines = [describe(e) for e in planned.events.filter(kind=EventKind.PLAN).order_by("id")]
    assert lines == [
        "Plan van aanpak vastgelegd; schuldhulpverleningstraject gestart "
        "(fase: In gesprek → Plan gemaakt)",
        "Plan van aanpak gewijzigd; schuldhulpverleningstraject gestart",
    ]
    html = response.content.decode()
    assert "Het plan van aanpak is gewijzigd." in html
    assert "Geldend plan" in html
    assert "Eerdere versie" in html


def test_saving_the_plan_unchanged_adds_no_version(logged_in, planned):
    response = logged_in.post(reverse("casework:plan", args=[planned.pk]), _plan_post(planned))

    assert "Er is niets gewijzigd aan het plan van aanpak." in response.content.decode()
    assert Plan.objects.filter(melding=planned).count() == 1


def test_an_unchanged_plan_is_refused_by_the_service_too(planned, caseworker):
    creditor = planned.signal_links.get().signal.creditor
    with pytest.raises(CaseworkError, match="niets gewijzigd"):
        record_plan(
            planned, caseworker, planned.version,
            ongoing_payments={payment_key(creditor): "Termijn per incasso"},
            room_to_pay_off="ja", problematic_debts="nee",
            debt_help_started=True, debt_help_started_on=DAY, note="Belt in december terug",
        )  # fmt: skip


@pytest.fixture
def talked(assigned, caseworker):
    record_conversation(
        assigned, caseworker, assigned.version, held_on=DAY,
        help_offered="ja", help_accepted="ja", cause="inkomensdaling",
    )  # fmt: skip
    return assigned


def _first_plan(client, melding, **fields):
    data = {
        "version": Melding.objects.get(pk=melding.pk).version,
        "room_to_pay_off": "ja",
        "problematic_debts": "nee",
    }
    return client.post(reverse("casework:plan", args=[melding.pk]), data | fields)


def test_a_start_date_without_the_ticked_trajectory_asks_to_tick_it_at_the_checkbox(
    logged_in, talked
):
    html = _first_plan(logged_in, talked, debt_help_started_on="2026-11-04").content.decode()

    assert (
        'id="id_debt_help_started-fout">U vulde bij Traject gestart op een datum in: vink aan '
        "dat het schuldhulpverleningstraject is gestart, of maak die datum leeg." in html
    )
    assert "(en alleen dan)" not in html
    assert not talked.plans.exists()


def test_a_ticked_trajectory_without_start_date_asks_for_the_date_at_the_date_field(
    logged_in, talked
):
    html = _first_plan(logged_in, talked, debt_help_started="on").content.decode()

    assert (
        'id="id_debt_help_started_on-fout">Traject gestart op: vul de startdatum in (de '
        "registratie bij BKR), of vink Schuldhulpverleningstraject gestart uit." in html
    )
    assert not talked.plans.exists()
