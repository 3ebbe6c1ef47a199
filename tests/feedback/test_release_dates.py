"""Rule: the creditor sees when each feedback item was released to it, and when the
municipality last released feedback (read from the releases: the application sets no
schedule, the operator's timer runs `release-feedback`). Two releases can fall on one day (a
go/no-go and its correction), so the portal names the moment: day and time, Dutch time."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from tests.page_text import page_text
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.demo.casework_plan import at
from vroegsignaal.demo.history import backdate_release
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.intake.models import Signal

GO_NO_GO_DAY = dt.date(2026, 11, 5)  # a Thursday
OUTCOME_DAY = dt.date(2026, 11, 23)  # a Monday


def release_on(day: dt.date, hour: int = 16) -> None:
    """The release `vroegsignaal release-feedback` makes on `day`, at four in the afternoon."""
    backdate_release(release_due_feedback(SITE_URL, today=day, mail_digests=False), at(day, hour))


@pytest.fixture
def signal(enschede, energy, caseworker):
    """A signal told its go/no-go on GO_NO_GO_DAY and its outcome on OUTCOME_DAY."""
    melding = scenario.melding_with_signals(enschede, energy)
    release_on(GO_NO_GO_DAY)
    scenario.work_and_close(melding, caseworker, [energy])
    release_on(OUTCOME_DAY)
    return melding.signal_links.get().signal


def shown(client, user, url) -> str:
    client.force_login(user)
    return " ".join(page_text(client.get(url)).split())


def test_the_signal_page_says_when_its_go_no_go_and_its_outcome_were_released(
    client, signal, energy_staff
):
    text = shown(client, energy_staff, reverse("feedback:signal", args=[signal.pk]))

    assert re.search(r"Go/no-go vrijgegeven op\s*05-11-2026 16:00", text)
    assert re.search(r"Vrijgegeven op\s*23-11-2026 16:00", text.split("Uitkomst", 1)[1])


def test_the_signal_list_says_when_each_signals_feedback_was_last_released(
    client, signal, energy_staff
):
    text = shown(client, energy_staff, reverse("feedback:signals"))

    header = text.split("Klantnummer", 1)[1].split(signal.customer_number, 1)[0]
    assert header.split()[-3:] == ["Laatst", "vrijgegeven", "op"]  # the download's words
    # The row is the table's last: it ends where the (closed) session warning dialog begins.
    row = text.split(signal.customer_number, 1)[1].split("U wordt over", 1)[0]
    assert row.split()[-2:] == ["23-11-2026", "16:00"]  # the outcome's release, not the go/no-go's


def test_the_list_names_the_day_of_the_last_release_from_the_releases_not_a_schedule(
    client, enschede, energy, energy_staff
):
    scenario.melding_with_signals(enschede, energy)
    assert "vrijgave" not in shown(client, energy_staff, reverse("feedback:signals")).lower()

    release_on(GO_NO_GO_DAY)
    text = shown(client, energy_staff, reverse("feedback:signals"))
    assert "De laatste vrijgave van terugkoppeling was op donderdag 05-11-2026 om 16:00." in text
    assert "dagelijk" not in text.lower() and "vrijdag" not in text.lower()

    release_on(OUTCOME_DAY)  # nothing new for Energie Oost: a release all the same
    text = shown(client, energy_staff, reverse("feedback:signals"))
    assert "De laatste vrijgave van terugkoppeling was op maandag 23-11-2026 om 16:00." in text


def test_a_go_no_go_and_its_correction_released_on_one_day_read_apart_by_their_time(
    client, enschede, energy, energy_staff
):
    melding = scenario.melding_with_signals(enschede, energy, status=Signaalstatus.ONTERECHT)
    release_on(GO_NO_GO_DAY, hour=9)
    Signal.objects.update(status=Signaalstatus.OPGEPAKT)  # a re-run of matching turned it
    release_on(GO_NO_GO_DAY, hour=16)
    signal = melding.signal_links.get().signal

    text = shown(client, energy_staff, reverse("feedback:signal", args=[signal.pk]))

    assert re.search(r"Go/no-go vrijgegeven op\s*05-11-2026 16:00", text)
    assert "(vrijgegeven op 05-11-2026 09:00)" in text
