"""A creditor searching a klantnummer finds its own signals that have no feedback yet, with when
they arrived, whether they are matched and the last day for the go/no-go (QA9 B8): not the
same "nothing found" as for a number it never delivered."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import SignalFactory
from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from tests.page_text import page_text
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.models import MatchingRun
from vroegsignaal.privacy.models import AuditShownObject

NOTHING_FOUND = "Geen signalen met terugkoppeling bij deze zoekopdracht."
FRIDAY = dt.date(2026, 11, 27)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 30)))


def _received(signal: Signal, day: dt.date) -> Signal:
    Signal.objects.filter(pk=signal.pk).update(received_at=_at(day))
    signal.refresh_from_db()
    return signal


def _matched(municipality, creditor, received_on: dt.date, run_on: dt.date) -> Signal:
    """A signal received on ``received_on`` and matched into a melding of its month; the
    period's first finished run was on ``run_on``."""
    melding = scenario.melding_with_signals(municipality, creditor)
    signal = melding.signal_links.get().signal
    signal.signal_date = received_on
    signal.save()
    MatchingRun.objects.create(
        municipality=municipality,
        period_start=received_on.replace(day=1),
        finished_at=_at(run_on) + dt.timedelta(hours=1),
    )
    return _received(signal, received_on)


def _search(client, user, customer_number: str) -> str:
    client.force_login(user)
    response = client.get(reverse("feedback:signals"), {"klantnummer": customer_number})
    assert response.status_code == 200
    return page_text(response)


def test_a_signal_delivered_today_and_not_yet_matched_is_found_as_received(
    client, enschede, energy, energy_staff
):
    signal = _received(SignalFactory(creditor=energy, municipality=enschede), FRIDAY)
    page = _search(client, energy_staff, signal.customer_number)
    assert NOTHING_FOUND not in page
    assert (
        "Ontvangen op 27-11-2026; nog niet gematcht; de go/no-go volgt uiterlijk 5 werkdagen "
        "na de matching" in page
    )


def test_a_number_never_delivered_still_finds_nothing(client, enschede, energy, energy_staff):
    _received(SignalFactory(creditor=energy, municipality=enschede), FRIDAY)
    assert NOTHING_FOUND in _search(client, energy_staff, "ONBEKEND-1")


def test_a_matched_signal_awaits_release_with_its_go_no_go_date_five_working_days_on_across_a_weekend(
    client, enschede, energy, energy_staff
):
    signal = _matched(enschede, energy, received_on=FRIDAY, run_on=FRIDAY)
    page = _search(client, energy_staff, signal.customer_number)
    assert (
        "Ontvangen op 27-11-2026; gematcht, wacht op vrijgave; go/no-go uiterlijk 04-12-2026"
        in (page)
    )


def test_the_go_no_go_date_skips_christmas(client, enschede, energy, energy_staff):
    tuesday = dt.date(2026, 12, 22)
    signal = _matched(enschede, energy, received_on=tuesday, run_on=tuesday)
    page = _search(client, energy_staff, signal.customer_number)
    # 23, 24, (25 and 26 Kerst, 27 Sunday) 28, 29, 30 December.
    assert "go/no-go uiterlijk 30-12-2026" in page


def test_a_go_no_go_date_that_has_passed_says_it_is_late_and_skips_koningsdag(
    client, enschede, energy, energy_staff
):
    friday = dt.date(2026, 4, 24)
    signal = _matched(enschede, energy, received_on=friday, run_on=friday)
    page = _search(client, energy_staff, signal.customer_number)
    # (25, 26 weekend, 27 Koningsdag) 28, 29, 30 April, 1 and 4 May.
    assert "go/no-go uiterlijk 04-05-2026 (te laat)" in page


def test_a_signal_received_after_its_periods_first_run_counts_from_its_receipt(
    client, enschede, energy, energy_staff
):
    signal = _matched(enschede, energy, received_on=FRIDAY, run_on=dt.date(2026, 11, 20))
    page = _search(client, energy_staff, signal.customer_number)
    assert "go/no-go uiterlijk 04-12-2026" in page


def test_a_signal_with_feedback_is_listed_with_its_feedback_not_as_awaiting(
    client, enschede, energy, energy_staff
):
    melding = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    page = _search(client, energy_staff, melding.signal_links.get().signal.customer_number)
    assert "Opgepakt" in page
    assert "wacht op vrijgave" not in page and "Ontvangen op" not in page


def test_another_creditors_signal_is_never_shown_as_awaiting(
    client, enschede, energy, water, energy_staff
):
    theirs = _received(SignalFactory(creditor=water, municipality=enschede), FRIDAY)
    page = _search(client, energy_staff, theirs.customer_number)
    assert NOTHING_FOUND in page and "Ontvangen op" not in page


def test_the_list_without_a_search_shows_no_awaiting_signals(
    client, enschede, energy, energy_staff
):
    _received(SignalFactory(creditor=energy, municipality=enschede), FRIDAY)
    client.force_login(energy_staff)
    page = page_text(client.get(reverse("feedback:signals")))
    assert "Ontvangen op" not in page


def test_an_awaiting_signal_that_was_shown_is_in_the_audit_log(
    client, enschede, energy, energy_staff
):
    signal = _received(SignalFactory(creditor=energy, municipality=enschede), FRIDAY)
    _search(client, energy_staff, signal.customer_number)
    shown = AuditShownObject.objects.filter(object_type="intake.signal", object_id=str(signal.pk))
    assert shown.get().entry.user_id == energy_staff.pk
