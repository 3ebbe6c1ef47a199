"""Dates a caseworker records lie between the melding's matching date and today.

A contact attempt, conversation, hand-over, trajectory start, closing or feedback to the creditor
cannot lie in the future, nor before the melding existed (its matching date). The rule lives in
the services, so pages, CLI and demo obey it alike; the pages show it at the date field.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.conversation import record_conversation, record_plan, refer
from vroegsignaal.casework.dates import HANDOVER_PLANNED_DAYS
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.heropaf import schedule_heropaf
from vroegsignaal.casework.models import Melding, Provision
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat

TODAY = timezone.localdate()
TOMORROW = TODAY + dt.timedelta(days=1)
FUTURE = "de datum ligt in de toekomst"
BEFORE_MATCHING = "de datum ligt vóór de matchingsdatum van de melding"


def attempt(melding, by, on):
    return record_contact_attempt(
        melding, by, melding.version, kind=Contactsoort.BRIEF, attempted_on=on,
        part_of_day=Dagdeel.OCHTEND, reached=True,
    )  # fmt: skip


def talk(melding, by, on):
    return record_conversation(
        melding, by, melding.version, held_on=on, help_offered="ja", help_accepted="ja",
        cause="inkomensdaling",
    )  # fmt: skip


@pytest.fixture
def in_conversation(assigned, caseworker):
    talk(assigned, caseworker, assigned.matched_on)
    return assigned


def test_a_contact_attempt_cannot_lie_in_the_future(assigned, caseworker):
    with pytest.raises(CaseworkError, match=f"Datum: {FUTURE}") as refused:
        attempt(assigned, caseworker, TOMORROW)

    assert refused.value.field == "attempted_on"
    assert not assigned.contact_attempts.exists()
    assert Melding.objects.get(pk=assigned.pk).picked_up_on is None


def test_a_contact_attempt_cannot_lie_before_the_matching_date(assigned, caseworker):
    day_before = assigned.matched_on - dt.timedelta(days=1)

    with pytest.raises(CaseworkError, match=f"Datum: {BEFORE_MATCHING} \\(02-11-2026\\)"):
        attempt(assigned, caseworker, day_before)


def test_a_contact_attempt_on_the_matching_date_or_today_is_accepted(assigned, caseworker):
    attempt(assigned, caseworker, assigned.matched_on)
    attempt(assigned, caseworker, TODAY)

    assert assigned.contact_attempts.count() == 2


def test_a_conversation_cannot_lie_in_the_future_or_before_matching(assigned, caseworker):
    with pytest.raises(CaseworkError, match=f"Datum gesprek: {FUTURE}"):
        talk(assigned, caseworker, TOMORROW)
    with pytest.raises(CaseworkError, match=f"Datum gesprek: {BEFORE_MATCHING}"):
        talk(assigned, caseworker, dt.date(2026, 10, 31))
    assert not assigned.conversations.exists()


def handover(melding, by, on):
    return refer(melding, by, melding.version, kind="wijkteam", handover_on=on)


def test_a_warm_handover_cannot_lie_before_the_matching_date(in_conversation, caseworker):
    day_before = in_conversation.matched_on - dt.timedelta(days=1)

    with pytest.raises(CaseworkError, match=f"Datum warme overdracht: {BEFORE_MATCHING}") as no:
        handover(in_conversation, caseworker, day_before)
    assert no.value.field == "handover_on"


def test_a_warm_handover_may_be_planned_ahead(in_conversation, caseworker):
    referral = handover(in_conversation, caseworker, TOMORROW)

    assert referral.handover_on == TOMORROW


def test_a_planned_warm_handover_lies_at_most_the_planning_window_ahead(
    in_conversation, caseworker
):
    last = TODAY + dt.timedelta(days=HANDOVER_PLANNED_DAYS)

    with pytest.raises(CaseworkError, match="Datum warme overdracht: de datum ligt te ver") as no:
        handover(in_conversation, caseworker, last + dt.timedelta(days=1))
    assert no.value.field == "handover_on"
    assert handover(in_conversation, caseworker, last).handover_on == last


def test_the_referral_page_refuses_a_handover_years_ahead_at_the_date_field(
    client, caseworker, in_conversation
):
    client.force_login(caseworker)
    last = TODAY + dt.timedelta(days=HANDOVER_PLANNED_DAYS)

    response = client.post(
        reverse("casework:referral", args=[in_conversation.pk]),
        {"version": in_conversation.version, "kind": "wijkteam", "handover_on": "2035-06-01"},
    )

    html = response.content.decode()
    assert (
        'id="id_handover_on-fout">Datum warme overdracht: de datum ligt te ver in de toekomst '
        f"(01-06-2035). Vul een datum in tot en met {last:%d-%m-%Y}" in html
    )
    assert not in_conversation.referrals.exists()


def test_a_debt_help_trajectory_cannot_start_in_the_future(in_conversation, caseworker):
    with pytest.raises(CaseworkError, match=f"Traject gestart op: {FUTURE}"):
        record_plan(
            in_conversation, caseworker, in_conversation.version, ongoing_payments={},
            room_to_pay_off="nee", problematic_debts="ja", debt_help_started=True,
            debt_help_started_on=TOMORROW,
        )  # fmt: skip


def test_closing_cannot_be_dated_in_the_future(helped, caseworker):
    with pytest.raises(CaseworkError, match=f"Afgesloten op: {FUTURE}"):
        close_with_result(
            helped, caseworker, helped.version, Eindresultaat.REGELT_ZELF, closed_on=TOMORROW
        )
    assert Melding.objects.get(pk=helped.pk).state == "in_conversation"


def test_the_feedback_release_records_its_own_run_date(in_conversation, caseworker):
    # The release (no person) may run for a simulated day; its date is not typed by anyone.
    close_with_result(
        in_conversation, caseworker, in_conversation.version, Eindresultaat.REGELT_ZELF
    )

    schedule_heropaf(in_conversation, TOMORROW)

    assert Melding.objects.get(pk=in_conversation.pk).feedback_on == TOMORROW


def test_the_contact_page_shows_a_future_date_at_the_date_field(client, caseworker, assigned):
    client.force_login(caseworker)

    response = client.post(
        reverse("casework:contact", args=[assigned.pk]),
        {
            "version": assigned.version,
            "kind": "Brief",
            "attempted_on": TOMORROW.isoformat(),
            "part_of_day": "Ochtend",
            "reached": "nee",
        },
    )

    html = response.content.decode()
    assert f'id="id_attempted_on-fout">Datum: {FUTURE}' in html
    assert 'aria-invalid="true"' in html
    assert "De contactpoging is vastgelegd." not in html
    assert not assigned.contact_attempts.exists()


def test_the_conversation_page_shows_a_date_before_matching_at_the_date_field(
    client, caseworker, assigned
):
    client.force_login(caseworker)
    fields = {f"provision_{provision}": "onbekend" for provision in Provision.values}

    response = client.post(
        reverse("casework:conversation", args=[assigned.pk]),
        {
            "version": assigned.version,
            "held_on": "2026-10-15",
            "help_offered": "ja",
            "help_accepted": "ja",
            "cause": "inkomensdaling",
            **fields,
        },
    )

    html = response.content.decode()
    assert f'id="id_held_on-fout">Datum gesprek: {BEFORE_MATCHING}' in html
    assert not assigned.conversations.exists()


def test_the_conversation_page_names_a_date_before_matching_together_with_an_empty_field(
    client, caseworker, assigned
):
    """Rule: a form names every field error at once (as the contact attempt page does). The
    date rule lives in the service, which only ran once the form was complete."""
    client.force_login(caseworker)
    fields = {f"provision_{provision}": "onbekend" for provision in Provision.values}

    response = client.post(
        reverse("casework:conversation", args=[assigned.pk]),
        {"version": assigned.version, "held_on": "2026-10-15", "cause": "inkomensdaling", **fields},
    )

    html = response.content.decode()
    assert f'id="id_held_on-fout">Datum gesprek: {BEFORE_MATCHING}' in html
    assert "Hulp aangeboden: kies Ja, Nee of Later." in html
    assert not assigned.conversations.exists()
