"""Rule: a matching run records both policy versions it was built from (QA10 B1).

The policy in force is the region's document with the municipality's own settings on top. A
run records the region's version and the municipality's own (either may be absent), names both
wherever runs are shown ("Twente v2 + Enschede v1"), and a rerun after a change of either sees
'beleid gewijzigd'. The run's result page lists the meldingen a rerun picked up again, with why.
"""

import datetime as dt
import re
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from tests.factories import UserFactory
from tests.matching.test_match_period import TODAY, record
from tests.page_text import page_text

from vroegsignaal.casework.events import describe
from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.models import MatchingRun, PolicyVersion
from vroegsignaal.matching.policies import save_policy
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db(databases="__all__")
migration = import_module(
    "vroegsignaal.matching.migrations.0011_matchingrun_regional_policy_version"
)


@pytest.fixture
def meldpunt(enschede, client):
    client.force_login(UserFactory(intake=True, municipality=enschede[0]))
    return client


def _closed_by_the_regions_minimum_then_lowered(enschede) -> tuple[MatchingRun, MatchingRun]:
    """Enschede's own version stays v1; the region's minimum (v1: € 500) closes a € 250 signal,
    the region's v2 (€ 100) picks it up again."""
    municipality, energy, _ = enschede
    save_policy({"minimum_amount_cents": 50_000}, region=municipality.region)
    save_policy({"crisis_always_go": True}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02", amount="250,00")], today=TODAY)
    first = match_period(municipality, "2026-10", today=TODAY)
    assert Melding.objects.get().state == "closed"
    save_policy({"minimum_amount_cents": 10_000}, region=municipality.region)
    return first, match_period(municipality, "2026-10", today=TODAY)


def test_a_run_records_the_regions_version_and_the_municipalitys_own(enschede):
    municipality, energy, _ = enschede
    regional = save_policy({"repeat_months": 4}, region=municipality.region)
    own = save_policy({"minimum_amount_cents": 7500}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02")], today=TODAY)

    run = match_period(municipality, "2026-10", today=TODAY)

    assert (run.regional_policy_version, run.policy_version) == (regional, own)
    assert run.policy_label == f"{municipality.region.name} v1 + {municipality.name} v1"


def test_a_run_under_the_regions_policy_alone_records_no_own_version(enschede):
    municipality, energy, _ = enschede
    regional = save_policy({"repeat_months": 4}, region=municipality.region)
    ingest_records(energy, [record("E1", "2026-10-02")], today=TODAY)

    run = match_period(municipality, "2026-10", today=TODAY)

    assert (run.regional_policy_version, run.policy_version) == (regional, None)
    assert run.policy_label == f"{municipality.region.name} v1"


def test_the_matching_page_tells_apart_two_runs_after_the_region_changed_its_policy(
    enschede, meldpunt
):
    """QA10 B1: two runs both said 'Enschede v2' with 396 and 449 meldingen to pick up."""
    _closed_by_the_regions_minimum_then_lowered(enschede)

    html = meldpunt.get(reverse("matching:runs")).content.decode()

    cells = [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]
    assert "Twente v1 + Enschede v1" in cells and "Twente v2 + Enschede v1" in cells


def test_a_melding_picked_up_after_a_change_of_the_regions_policy_names_the_policy(enschede):
    _closed_by_the_regions_minimum_then_lowered(enschede)

    line = describe(Melding.objects.get().events.get(kind="rematched"))

    assert line.startswith("Bij opnieuw matchen alsnog op te pakken (beleid gewijzigd)")


def test_the_result_page_lists_the_meldingen_a_rerun_picked_up_again_and_why(enschede, meldpunt):
    """QA10 B1: 'Nieuwe meldingen om op te pakken (0) ... Meteen afgesloten (0)' while the
    rerun had reopened 53 meldingen."""
    _, rerun = _closed_by_the_regions_minimum_then_lowered(enschede)
    melding = Melding.objects.get()

    html = meldpunt.get(reverse("matching:run", args=[rerun.pk])).content.decode()
    text = " ".join(page_text(html).split())

    assert "Alsnog op te pakken: eerder afgesloten, nu terug in het werkbakje (1)" in text
    assert f'href="/werk/melding/{melding.pk}/"' in html
    assert "beleid gewijzigd" in text


def test_the_result_page_names_both_policy_versions_the_run_used(enschede, meldpunt):
    _, rerun = _closed_by_the_regions_minimum_then_lowered(enschede)

    text = page_text(meldpunt.get(reverse("matching:run", args=[rerun.pk])))

    assert "Beleid: Twente v2 + Enschede v1." in " ".join(text.split())


def test_the_admin_list_of_runs_names_both_policy_versions(enschede, admin_client):
    _closed_by_the_regions_minimum_then_lowered(enschede)

    text = page_text(admin_client.get("/admin/matching/matchingrun/"))

    assert "Twente v1 + Enschede v1" in text and "Twente v2 + Enschede v1" in text


# Migration matching.0011: runs recorded before the rule


def _stored_as_before(run: MatchingRun, version: PolicyVersion | None) -> None:
    """As a run stored it before: one version, the municipality's own or else the region's."""
    MatchingRun.objects.filter(pk=run.pk).update(
        policy_version=version, regional_policy_version=None
    )


def test_the_migration_fills_in_the_regions_version_saved_before_each_run(enschede):
    first, rerun = _closed_by_the_regions_minimum_then_lowered(enschede)
    own = PolicyVersion.objects.get(municipality=enschede[0])
    for run in (first, rerun):
        _stored_as_before(run, own)

    migration.fill_regional_versions(apps, None)

    assert [
        (run.regional_policy_version.number, run.policy_version)
        for run in MatchingRun.objects.order_by("pk")
    ] == [(1, own), (2, own)]


def test_the_migration_moves_a_regions_version_a_run_used_alone_to_the_region(enschede):
    municipality, energy, _ = enschede
    regional = save_policy({"repeat_months": 4}, region=municipality.region)
    ingest_records(energy, [record("E1", "2026-10-02")], today=TODAY)
    run = match_period(municipality, "2026-10", today=TODAY)
    _stored_as_before(run, regional)

    migration.fill_regional_versions(apps, None)

    run.refresh_from_db()
    assert (run.regional_policy_version, run.policy_version) == (regional, None)


def test_the_migration_leaves_the_region_empty_when_it_saved_its_policy_after_the_run(enschede):
    municipality, energy, _ = enschede
    own = save_policy({"repeat_months": 4}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02")], today=TODAY)
    run = match_period(municipality, "2026-10", today=TODAY)
    MatchingRun.objects.filter(pk=run.pk).update(started_at=timezone.now() - dt.timedelta(days=1))
    save_policy({"repeat_months": 5}, region=municipality.region)
    _stored_as_before(run, own)

    migration.fill_regional_versions(apps, None)

    run.refresh_from_db()
    assert (run.regional_policy_version, run.policy_version) == (None, own)
