"""Closing with a DDAS Eindresultaat, signal statuses that follow, and the heropaf."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casework import closed_days
from tests.casework.factories import MeldingFactory
from tests.page_text import page_text
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.conversation import record_conversation
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.heropaf import (
    close_heropaf_unanswered,
    complete_heropaf,
    heropaf_due,
    reopen_by_heropaf,
    schedule_heropaf,
)
from vroegsignaal.casework.lifecycle import TransitionNotAllowed
from vroegsignaal.casework.models import CaseworkPolicy, Cause, HelpAnswer, Melding
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat, Signaalstatus
from vroegsignaal.intake.models import Signal


def statuses(melding):
    return set(
        Signal.objects.filter(melding_link__melding=melding).values_list("status", flat=True)
    )


def test_closing_requires_a_ddas_eindresultaat(assigned, caseworker):
    with pytest.raises(CaseworkError, match="Kies een eindresultaat"):
        close_with_result(assigned, caseworker, assigned.version, "Klaar")
    assert Melding.objects.get(pk=assigned.pk).state == "assigned"


def test_closing_after_contact_marks_the_signals_opgepakt(assigned, caseworker):
    # 'Geen contact' follows the uitvoeringsnorm's three failed attempts (casework.results).
    for _ in range(3):
        record_contact_attempt(
            assigned,
            caseworker,
            assigned.version,
            kind=Contactsoort.BRIEF,
            attempted_on=dt.date(2026, 11, 3),
            part_of_day=Dagdeel.OCHTEND,
            reached=False,
        )
    close_with_result(assigned, caseworker, assigned.version, Eindresultaat.GEEN_CONTACT)

    stored = Melding.objects.get(pk=assigned.pk)
    assert (stored.state, stored.result) == ("closed", Eindresultaat.GEEN_CONTACT)
    assert stored.closed_on is not None
    assert statuses(assigned) == {Signaalstatus.OPGEPAKT}


def test_closing_as_not_picked_up_gives_the_signals_that_status(melding, intake_user):
    close_with_result(melding, intake_user, melding.version, Eindresultaat.ONTERECHT)

    assert statuses(melding) == {Signaalstatus.ONTERECHT}


def test_closing_keeps_a_status_that_matching_set(enschede, intake_user):
    melding = MeldingFactory(municipality=enschede, signals__status=Signaalstatus.HERHAALDE_MELDING)

    close_with_result(melding, intake_user, melding.version, Eindresultaat.ANDERE_REDEN)

    assert statuses(melding) == {Signaalstatus.HERHAALDE_MELDING}


def test_a_closed_melding_cannot_be_closed_again(melding, intake_user):
    close_with_result(melding, intake_user, melding.version, Eindresultaat.ONTERECHT)

    with pytest.raises(TransitionNotAllowed):
        close_with_result(melding, intake_user, melding.version, Eindresultaat.ONTERECHT)


@pytest.fixture
def closed(enschede, caseworker):
    """A melding of February 2026, worked and closed; the creditor can be informed since."""
    melding = MeldingFactory(
        municipality=enschede, period_start=dt.date(2026, 2, 1), period_end=dt.date(2026, 2, 28),
        matched_on=dt.date(2026, 3, 2), due_on=dt.date(2026, 3, 16),
    )  # fmt: skip
    melding = assign(melding, caseworker, caseworker, melding.version)
    record_conversation(
        melding, caseworker, melding.version, held_on=dt.date(2026, 3, 20),
        help_offered=HelpAnswer.YES, help_accepted=HelpAnswer.YES, cause=Cause.INCOME_DROP,
    )  # fmt: skip
    return close_with_result(
        melding, caseworker, melding.version, Eindresultaat.ADVIES_QUICK_FIX, dt.date(2026, 4, 1)
    )


def test_heropaf_is_six_months_after_the_feedback_clamped_to_month_end(closed):
    due = schedule_heropaf(closed, dt.date(2026, 8, 30))

    # 30 August + 6 months is clamped to Sunday 28 February 2027, so Monday 1 March.
    assert due == dt.date(2027, 3, 1)
    stored = Melding.objects.get(pk=closed.pk)
    assert (stored.feedback_on, stored.heropaf_due_on) == (dt.date(2026, 8, 30), due)


def test_heropaf_months_follow_the_municipality_policy(closed):
    CaseworkPolicy.objects.create(municipality=closed.municipality, heropaf_months=3)
    closed.municipality.refresh_from_db()

    assert schedule_heropaf(closed, dt.date(2026, 9, 1)) == dt.date(2026, 12, 1)


def test_a_heropaf_date_on_the_municipalitys_own_closed_day_moves_to_its_next_working_day(
    closed,
):
    closed_days.close(closed.municipality, dt.date(2027, 3, 1), "Collectieve vrije dag")

    # 30 August + 6 months: Sunday 28 February 2027, Monday 1 March closed, so Tuesday.
    assert schedule_heropaf(closed, dt.date(2026, 8, 30)) == dt.date(2027, 3, 2)


def test_heropaf_queue_shows_the_melding_from_its_date(closed):
    due = schedule_heropaf(closed, dt.date(2026, 9, 1))
    meldingen = Melding.objects.all()

    assert list(heropaf_due(meldingen, due - dt.timedelta(days=1))) == []
    assert list(heropaf_due(meldingen, due)) == [closed]


def test_reopen_by_heropaf_starts_a_new_contact_round(closed, caseworker):
    due = schedule_heropaf(closed, dt.date(2026, 9, 1))

    reopen_by_heropaf(closed, caseworker, today=due)

    stored = Melding.objects.get(pk=closed.pk)
    assert (stored.state, stored.contact_round, stored.result) == ("reopened", 2, "")
    assert stored.heropaf_due_on is None
    assert list(heropaf_due(Melding.objects.all(), dt.date(2030, 1, 1))) == []


def test_reopen_needs_a_planned_heropaf(closed, caseworker):
    with pytest.raises(CaseworkError, match="geen heropaf gepland"):
        reopen_by_heropaf(closed, caseworker)


def test_a_heropaf_closed_without_answer_leaves_the_melding_closed_and_out_of_the_queue(
    closed, caseworker
):
    """No signal partner was asked here: 'Betalingen lopen weer' is refused (QA15 B1), closing
    without an answer is what the caseworker can do."""
    due = schedule_heropaf(closed, dt.date(2026, 9, 1))
    with pytest.raises(CaseworkError, match="alleen als elke gevraagde signaalpartner"):
        complete_heropaf(closed, caseworker, closed.version, today=due)

    close_heropaf_unanswered(closed, caseworker, closed.version, today=due)

    stored = Melding.objects.get(pk=closed.pk)
    assert (stored.state, stored.heropaf_due_on) == ("closed", None)


# The heropaf is decided from its date: before it, no creditor was asked (domain.md step 9)


def test_a_caseworker_cannot_complete_the_heropaf_before_its_date(closed, caseworker):
    due = schedule_heropaf(closed, dt.date(2026, 9, 1))

    with pytest.raises(CaseworkError, match=f"De heropaf is gepland op {due:%d-%m-%Y}"):
        complete_heropaf(closed, caseworker, closed.version, today=due - dt.timedelta(days=1))

    assert Melding.objects.get(pk=closed.pk).heropaf_due_on == due


def test_a_caseworker_cannot_reopen_by_the_heropaf_before_its_date(closed, caseworker):
    due = schedule_heropaf(closed, dt.date(2026, 9, 1))

    with pytest.raises(CaseworkError, match="afronden of heropenen kan vanaf dan"):
        reopen_by_heropaf(closed, caseworker, today=due - dt.timedelta(days=1))

    assert Melding.objects.get(pk=closed.pk).state == "closed"


def test_the_page_offers_the_heropaf_decision_only_from_its_date(client, closed, caseworker):
    # Planned by the feedback release today: six months before anyone asks the creditors.
    due = schedule_heropaf(closed, timezone.localdate())
    client.force_login(caseworker)

    html = client.get(reverse("casework:melding", args=[closed.pk])).content.decode()

    assert "Betalingen lopen weer: heropaf afronden" not in html
    assert "Betalingen lopen niet: heropenen" not in html
    assert f"Heropaf gepland op {due:%d-%m-%Y}" in page_text(html)
    assert "vanaf die datum kunt u de heropaf afronden of de melding heropenen" in html


def test_the_complete_button_refuses_before_the_heropaf_date(client, closed, caseworker):
    schedule_heropaf(closed, timezone.localdate())
    client.force_login(caseworker)

    response = client.post(
        reverse("casework:complete_heropaf", args=[closed.pk]),
        {"version": Melding.objects.get(pk=closed.pk).version},
        follow=True,
    )

    assert "Pas vanaf die datum" in response.content.decode()
    assert Melding.objects.get(pk=closed.pk).heropaf_due_on is not None
