"""The matching page: intake staff start a run for their own municipality."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from tests.factories import DEMO_PASSWORD, UserFactory, enschede_with_energy_agreement
from tests.matching.test_match_period import record

from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.models import MatchingRun, PolicyVersion
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db


def logged_in(client, user):
    assert client.login(username=user.username, password=DEMO_PASSWORD)
    return client


def test_intake_staff_start_a_run_and_see_its_result(client, django_capture_on_commit_callbacks):
    municipality, energy = enschede_with_energy_agreement()
    ingest_records(energy, [record("E1", "2026-10-02")], today=dt.date(2026, 11, 25))
    user = UserFactory(intake=True, municipality=municipality)
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(client, user).post("/matching/", {"period": "2026-10"}, follow=True)
    assert "De matching voor oktober 2026 is aangevraagd" in response.content.decode()
    response = client.get("/matching/")
    run = MatchingRun.objects.get()
    assert run.municipality == municipality and run.started_by == user
    assert Melding.objects.count() == 1
    assert "oktober 2026" in response.content.decode()


@pytest.mark.parametrize("period", ["2026-13", "okt", "2999-01"])
def test_a_wrong_or_future_period_is_explained_in_dutch(client, period):
    municipality, _ = enschede_with_energy_agreement()
    user = UserFactory(intake=True, municipality=municipality)
    response = logged_in(client, user).post("/matching/", {"period": period})
    assert response.status_code == 200 and "Fout:" in response.content.decode()
    assert not MatchingRun.objects.exists()


def test_a_month_without_signals_of_the_municipality_is_not_run(client):
    """'1999-01' was accepted and left a run of nothing at the top of the list."""
    municipality, energy = enschede_with_energy_agreement()
    ingest_records(energy, [record("E1", "2026-10-02")], today=dt.date(2026, 11, 25))
    user = UserFactory(intake=True, municipality=municipality)

    response = logged_in(client, user).post("/matching/", {"period": "1999-01"})

    html = response.content.decode()
    assert "Er zijn geen signalen met een signaaldatum in januari 1999" in html
    assert not MatchingRun.objects.exists()


def test_a_run_without_a_user_is_listed_as_started_by_the_planning(client):
    municipality, energy = enschede_with_energy_agreement()
    ingest_records(energy, [record("E1", "2026-10-02")], today=dt.date(2026, 11, 25))
    match_period(municipality, "2026-10")
    user = UserFactory(intake=True, municipality=municipality)

    html = logged_in(client, user).get("/matching/").content.decode()

    assert "automatisch (planning)" in html


def test_a_run_names_whose_policy_version_it_used_and_a_failed_run_none(client):
    """'versie 2' under runs of 'versie 1' read as the next version of the same policy, while
    it was Enschede's own after the region's."""
    from vroegsignaal.matching.policies import save_policy
    from vroegsignaal.matching.services import record_failed_run

    municipality, energy = enschede_with_energy_agreement()
    ingest_records(energy, [record("E1", "2026-10-02")], today=dt.date(2026, 11, 25))
    save_policy({"minimum_amount_cents": 5000}, region=municipality.region)
    match_period(municipality, "2026-10")
    save_policy({"minimum_amount_cents": 7500}, municipality=municipality)
    match_period(municipality, "2026-10")
    record_failed_run(municipality, "2026-10", None, RuntimeError("stuk"))
    user = UserFactory(intake=True, municipality=municipality)

    html = logged_in(client, user).get("/matching/").content.decode()

    cells = [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]
    region = f"{municipality.region.name} v1"
    assert region in cells and f"{region} + {municipality.name} v1" in cells
    assert "–" in cells and "standaard" not in cells


def test_other_roles_cannot_start_matching(client):
    municipality, _ = enschede_with_energy_agreement()
    for user in (
        UserFactory(caseworker=True, municipality=municipality),
        UserFactory(creditor_staff=True),
    ):
        assert logged_in(client, user).post("/matching/", {"period": "2026-10"}).status_code == 403
    assert not MatchingRun.objects.exists()


def test_a_failed_run_is_shown_with_its_reason_and_changes_nothing(
    client, django_capture_on_commit_callbacks
):
    """A run that fails (here: a policy version stored by an older release with a setting this
    one does not know) is not silent: the page says it failed and why, and the run list shows
    it; no melding is written."""
    municipality, energy = enschede_with_energy_agreement()
    PolicyVersion.objects.create(municipality=municipality, number=1, document={"oud": 1})
    ingest_records(energy, [record("E1", "2026-10-02")], today=dt.date(2026, 11, 25))
    user = UserFactory(intake=True, municipality=municipality)

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(client, user).post("/matching/", {"period": "2026-10"}, follow=True)

    assert "De matching voor oktober 2026 is aangevraagd" in response.content.decode()
    run = MatchingRun.objects.get()
    assert run.failure == (
        f"Het beleid ({municipality.name} v1) is ongeldig; een functioneel beheerder slaat in "
        "Beheer → Matching → Beleidsversies een verbeterde versie op. Onbekend veld 'oud' in beleid."
    )
    assert run.finished_at is not None
    page = client.get("/matching/").content.decode()
    assert "De matching voor oktober 2026" in page and "is mislukt: Het beleid" in page
    assert "Onbekend veld &#x27;oud&#x27; in beleid." in page
    assert 'data-testid="run-mislukt"' in page
    assert not Melding.objects.exists()


def test_runs_are_listed_newest_first_also_when_started_at_the_same_moment(client):
    """Runs started at the same moment (a planned run per month at 06:00) are listed in the
    order they were made, newest first."""
    municipality, _ = enschede_with_energy_agreement()
    user = UserFactory(intake=True, municipality=municipality)
    for month in (9, 11, 10):
        MatchingRun.objects.create(municipality=municipality, period_start=dt.date(2026, month, 1))
    MatchingRun.objects.update(started_at=timezone.now())

    page = logged_in(client, user).get("/matching/").content.decode()

    assert page.index("oktober 2026") < page.index("november 2026") < page.index("september 2026")


def test_a_run_counts_meldingen_as_monitoring_does_and_names_the_signals_joined_earlier(client):
    """A herhaalde melding that joins an earlier melding makes no melding of its own: the run's
    'Meldingen' and 'Op te pakken' count only the meldingen the run made or refreshed (the
    Melding rows monitoring counts for the month), and the page says how many signals joined an
    earlier melding instead (QA: 'Meldingen 309' on the matching page, 242 in monitoring)."""
    municipality, energy = enschede_with_energy_agreement()
    today = dt.date(2026, 11, 25)
    ingest_records(energy, [record("E1", "2026-09-03")], today=today)
    match_period(municipality, "2026-09", today=today)
    ingest_records(
        energy,
        [record("E1", "2026-10-05", amount="300,00"), record("E2", "2026-10-06", house="14")],
        today=today,
    )

    run = match_period(municipality, "2026-10", today=today)

    october = Melding.objects.filter(period_start=dt.date(2026, 10, 1))
    assert run.summary["signals"] == 2 and run.summary["signals_joined_earlier"] == 1
    assert run.summary["meldingen"] == october.count() == 1
    assert run.summary["go"] == october.filter(go=True).count() == 1
    page = logged_in(client, UserFactory(intake=True, municipality=municipality))
    html = page.get("/matching/").content.decode()
    assert "waarvan 1 bij een eerdere melding gevoegd" in html


def test_a_run_from_before_the_count_of_joined_signals_keeps_its_figures_and_says_so(client):
    """Older runs counted the groups that joined an earlier melding as meldingen; their row keeps
    its figures and says they may include those."""
    municipality, _ = enschede_with_energy_agreement()
    summary = {"signals": 350, "meldingen": 309, "go": 35, "statuses": {}}
    MatchingRun.objects.create(
        municipality=municipality, period_start=dt.date(2026, 10, 1), summary=summary
    )

    page = logged_in(client, UserFactory(intake=True, municipality=municipality))
    html = page.get("/matching/").content.decode()

    assert ">309<" in html and "inclusief herhaalde meldingen" in html


def test_the_form_suggests_the_newest_month_with_signals_not_matched_yet_and_names_them(client):
    """On 26 November, with November's signals matched, the form said 2026-10: one click
    matched October again. It suggests the month that waits for a run and says what waits."""
    municipality, energy = enschede_with_energy_agreement()
    user = UserFactory(intake=True, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02")], today=dt.date(2026, 11, 25))
    ingest_records(energy, [record("E2", "2026-11-03", house="14")], today=dt.date(2026, 11, 25))
    match_period(municipality, "2026-10", today=dt.date(2026, 11, 25))

    page = logged_in(client, user).get("/matching/").content.decode()

    assert re.search(r'name="period"[^>]*value="2026-11"', page)
    assert "Nog niet gematcht: 1 signaal van november 2026." in " ".join(page.split())

    match_period(municipality, "2026-11", today=dt.date(2026, 11, 25))
    page = client.get("/matching/").content.decode()
    assert re.search(rf'name="period"[^>]*value="{timezone.localdate():%Y-%m}"', page)
    assert "Alle signalen zijn gematcht." in page
