"""Running a period again does not restart the first-action term of meldingen already made
(docs/termijnen.md: the term runs from the matching date). QA, 26-11-2026: re-running Enschede's
October moved every October melding's 'Eerste actie gemeente' to 3 working days / 14 days after
the rerun, so a late first action became 'Gehaald' and the monitoring showed 0 te laat."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from tests.factories import UserFactory
from tests.matching.test_match_period import record
from tests.page_text import page_text

from vroegsignaal.casework.models import Melding
from vroegsignaal.demo.policy import TWENTE_POLICY
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.policies import save_policy
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db
MATCHED = dt.date(2026, 10, 26)  # a Monday
RERUN = dt.date(2026, 11, 26)
DELIVERED = dt.date(2026, 10, 20)


def test_a_rerun_keeps_the_first_action_due_date_of_a_melding_made_earlier(enschede):
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-10-02", crisissignaal="ja")], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)
    assert Melding.objects.get().due_on == dt.date(2026, 10, 29)  # 3 working days

    match_period(municipality, "2026-10", today=RERUN)

    melding = Melding.objects.get()
    assert (melding.matched_on, melding.due_on) == (MATCHED, dt.date(2026, 10, 29))


def test_a_late_crisis_signal_shortens_the_term_counted_from_the_rerun(enschede):
    """The municipality learns of the crisis when the late signal is matched: 3 working days
    from that run, unless the melding's own term ends sooner."""
    municipality, energy, zorg = enschede
    ingest_records(energy, [record("E1", "2026-10-02")], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)
    ordinary_due = Melding.objects.get().due_on
    assert ordinary_due > dt.date(2026, 11, 2)

    late = record("Z1", "2026-10-28", crisissignaal="ja", datum_ontstaan="2026-09-01")
    ingest_records(zorg, [late], today=dt.date(2026, 10, 29))
    match_period(municipality, "2026-10", today=dt.date(2026, 10, 29))  # a Thursday

    assert Melding.objects.get().due_on == dt.date(2026, 11, 3)  # Fri, Mon, Tue


def test_a_no_go_that_becomes_a_go_on_a_rerun_gets_its_term_from_that_run(enschede):
    """It was closed as not picked up; the municipality only now has a melding to act on."""
    municipality, energy, zorg = enschede
    save_policy({"minimum_signals_for_go": 2}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02")], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)
    assert not Melding.objects.get().go

    late = record("Z1", "2026-10-28", datum_ontstaan="2026-09-01", crisissignaal="ja")
    ingest_records(zorg, [late], today=RERUN)
    match_period(municipality, "2026-10", today=RERUN)  # a Thursday

    melding = Melding.objects.get()
    assert melding.go and melding.due_on == dt.date(2026, 12, 1)  # Fri, Mon, Tue


def test_a_no_go_that_stays_a_no_go_keeps_its_date_on_a_rerun(enschede):
    municipality, energy, _ = enschede
    save_policy({"minimum_signals_for_go": 2}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02")], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)
    before = Melding.objects.values_list("go", "due_on").get()

    match_period(municipality, "2026-10", today=RERUN)

    assert Melding.objects.values_list("go", "due_on").get() == before


# A no-go picked up again: both first-action terms run from the run that made it a go (QA11
# finding 3: 'Eerste actie gemeente' counted from the rerun, 'Uiterste termijn eerste actie'
# from the first matching, and both said 'na de matchingsdatum').


def _terms_on_the_page(client, melding: Melding) -> dict[str, tuple[str, str]]:
    """Term -> (Grondslag, Uiterlijk), as the melding page's table of terms shows them."""
    client.force_login(UserFactory(caseworker=True, municipality=melding.municipality))
    html = client.get(reverse("casework:melding", args=[melding.pk])).content.decode()
    table = html.split("Termijnen van deze melding met hun stand")[1].split("</table>")[0]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]:
        cells = [
            " ".join(page_text(c).split())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        rows[cells[0]] = (cells[1], cells[2])
    return rows


# A werkbakje of 14 days beside the policy's 28 days for the limit, as in Twente.
FOURTEEN_DAYS = {"default_route": TWENTE_POLICY["default_route"] | {"term_days": 14}}


def _closed_by_the_minimum_then_picked_up_after_it_is_lowered(enschede) -> Melding:
    """A € 250 signal under Enschede's minimum of € 500 is closed as a no-go on MATCHED; the
    municipality lowers its minimum and runs the period again on RERUN."""
    municipality, energy, _ = enschede
    save_policy({"minimum_amount_cents": 50_000, **FOURTEEN_DAYS}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02", amount="250,00")], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)
    assert Melding.objects.get().state == "closed"
    save_policy({"minimum_amount_cents": 10_000, **FOURTEEN_DAYS}, municipality=municipality)
    match_period(municipality, "2026-10", today=RERUN)
    melding = Melding.objects.get()
    assert (melding.state, melding.matched_on) == ("new", MATCHED)
    return melding


def test_a_no_go_picked_up_by_a_rerun_counts_its_first_action_limit_from_that_run(enschede, client):
    melding = _closed_by_the_minimum_then_picked_up_after_it_is_lowered(enschede)

    terms = _terms_on_the_page(client, melding)

    # The werkbakje's 14 days and the policy's 28 days, both from Thursday 26 November.
    assert terms["Eerste actie gemeente"][1] == "10-12-2026"
    assert terms["Uiterste termijn eerste actie"][1] == "24-12-2026"


def test_both_first_action_terms_of_a_no_go_picked_up_by_a_rerun_say_they_run_from_that_run(
    enschede, client
):
    melding = _closed_by_the_minimum_then_picked_up_after_it_is_lowered(enschede)

    terms = _terms_on_the_page(client, melding)

    since = "na het opnieuw oppakken door de matching op 26-11-2026 (beleid gemeente)"
    assert terms["Eerste actie gemeente"][0] == (
        f"Termijn van het werkbakje {since}; bij een crisissignaal 3 werkdagen (eigen "
        "spoednorm, geen wettelijke termijn)"
    )
    assert terms["Uiterste termijn eerste actie"][0] == f"28 kalenderdagen {since}"


def test_a_melding_that_was_never_a_no_go_keeps_both_terms_from_its_matching_date(enschede, client):
    municipality, energy, _ = enschede
    save_policy(FOURTEEN_DAYS, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-10-02")], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)
    match_period(municipality, "2026-10", today=RERUN)

    terms = _terms_on_the_page(client, Melding.objects.get())

    assert terms["Eerste actie gemeente"] == (
        "Termijn van het werkbakje (beleid gemeente) na de matchingsdatum; bij een "
        "crisissignaal 3 werkdagen (eigen spoednorm, geen wettelijke termijn)",
        "09-11-2026",
    )
    assert terms["Uiterste termijn eerste actie"] == (
        "Gemeentelijk beleid; kalenderdagen na de matchingsdatum",
        "23-11-2026",
    )
