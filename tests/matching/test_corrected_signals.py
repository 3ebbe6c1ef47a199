"""Rule: a creditor's correction of a signal already in a melding reaches the melding (QA14 B2).

A corrected re-delivery (same creditor, klantnummer and signaaldatum) replaces the signal, but
the melding keeps what the run counted: total, priority, crisis, werkbakje, term. The matching
page says how many signals of which month were corrected since the last run, and offers that
month; the rerun (idempotent: the work on the melding stays) counts the melding again, names
the correction on its timeline (old -> new) and in its report, once. Until then the melding
page says the melding still counts the old values.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.factories import UserFactory
from tests.matching.test_match_period import record
from tests.page_text import page_text

from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.models import SignalCorrection
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.engine.vocabulary import TERM_CRISIS
from vroegsignaal.matching.policies import save_policy
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db(databases="__all__")
DELIVERED = dt.date(2026, 10, 20)
MATCHED = dt.date(2026, 10, 26)  # a Monday
RERUN = dt.date(2026, 10, 29)  # a Thursday


def _matched(enschede, **extra) -> Melding:
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-10-02", **extra)], today=DELIVERED)
    match_period(municipality, "2026-10", today=MATCHED)
    return Melding.objects.get()


def _correct(enschede, **changes):
    _, energy, _ = enschede
    return ingest_records(energy, [record("E1", "2026-10-02", **changes)], today=RERUN)


def _corrected_on() -> str:
    # The day the creditor delivered the correction: the delivery's own moment.
    return f"{timezone.localdate():%d-%m-%Y}"


def _lines(melding: Melding, kind="signal_corrected") -> list[str]:
    return [describe(event) for event in melding.events.filter(kind=kind)]


@pytest.fixture
def meldpunt(enschede, client):
    client.force_login(UserFactory(intake=True, municipality=enschede[0]))
    return client


# --- the intake side: what the correction changed --------------------------------------------


def test_a_correction_records_what_changed_and_no_personal_values(enschede):
    _matched(enschede)
    result = _correct(enschede, amount="255,00", crisissignaal="ja", straat="Brink")
    assert result.replaced_count == 1
    [correction] = SignalCorrection.objects.all()
    assert correction.changes == {
        "amount_cents": [25000, 25500],
        "crisis": [False, True],
        "street": None,  # a street, name or phone changed: said, never kept
    }
    assert not correction.matched


def test_the_same_row_delivered_again_unchanged_is_no_correction(enschede, meldpunt):
    _matched(enschede)
    _, energy, _ = enschede
    # Another delivery (another checksum) of the same row: replaced, but nothing changed.
    again = ingest_records(energy, [record("E1", "2026-10-02", amount="€ 250,00")], today=RERUN)
    assert again.replaced_count == 1 and not SignalCorrection.objects.exists()
    assert "Alle signalen zijn gematcht." in meldpunt.get("/matching/").content.decode()


# --- the matching page says so and offers the month ------------------------------------------


def test_the_matching_page_names_the_corrected_signals_and_offers_their_month(enschede, meldpunt):
    _matched(enschede)
    _correct(enschede, amount="255,00")

    page = meldpunt.get("/matching/").content.decode()

    text = " ".join(page_text(page).split())
    assert "Alle signalen zijn gematcht." not in page
    assert (
        "Sinds de laatste matching verbeterd aangeleverd: 1 signaal van oktober 2026, in een "
        "melding die nog de oude gegevens telt. Match die maand opnieuw om de meldingen bij te "
        "werken; het werk aan de meldingen blijft staan."
    ) in text
    assert re.search(r'name="period"[^>]*value="2026-10"', page)
    assert "Oktober 2026 opnieuw matchen" in text


def test_the_button_matches_the_month_again(enschede, meldpunt, django_capture_on_commit_callbacks):
    _matched(enschede)
    _correct(enschede, amount="255,00")
    with django_capture_on_commit_callbacks(execute=True):
        meldpunt.post("/matching/", {"period": "2026-10"})
    assert Melding.objects.get().total_amount_cents == 25500
    assert "Alle signalen zijn gematcht." in meldpunt.get("/matching/").content.decode()


# --- the rerun counts the melding again and says so, once ------------------------------------


def test_the_rerun_updates_the_melding_and_names_the_correction_on_its_timeline(enschede):
    melding = _matched(enschede)
    assert melding.total_amount_cents == 25000
    _correct(enschede, amount="455,00")

    match_period(enschede[0], "2026-10", today=RERUN)

    melding.refresh_from_db()
    assert melding.total_amount_cents == 45500
    assert any("€ 455,00" in reason for reason in melding.priority_reasons)
    assert _lines(melding) == [
        f"Signaal van Energie Oost (02-10-2026) verbeterd aangeleverd op {_corrected_on()}: "
        "bedrag € 250,00 → € 455,00"
    ]


def test_a_corrected_crisis_flag_makes_the_melding_in_progress_a_crisis_from_the_rerun(enschede):
    """domain.md step 1: a crisis signal is a laatsignalering; sent as a correction it must
    still shorten the term (3 working days from the run that learns of it) and flag it."""
    melding = _matched(enschede)
    caseworker = UserFactory(caseworker=True, municipality=enschede[0])
    assign(melding, caseworker, caseworker, melding.version)
    ordinary_due = Melding.objects.get().due_on
    assert ordinary_due > dt.date(2026, 11, 3) and not melding.is_crisis
    _correct(enschede, crisissignaal="ja", datum_voorgenomen_beeindiging="2026-11-20")

    match_period(enschede[0], "2026-10", today=RERUN)

    melding.refresh_from_db()
    assert melding.is_crisis and melding.term_kind == TERM_CRISIS
    assert melding.due_on == dt.date(2026, 11, 3)  # Fri, Mon, Tue
    assert melding.state == "assigned" and melding.assigned_to == caseworker  # the work stays
    [line] = _lines(melding)
    assert line.endswith("crisissignaal nee → ja; datum voorgenomen beëindiging leeg → 20-11-2026")


def test_a_second_rerun_names_the_correction_no_more(enschede):
    melding = _matched(enschede)
    _correct(enschede, amount="455,00")
    match_period(enschede[0], "2026-10", today=RERUN)

    again = match_period(enschede[0], "2026-10", today=RERUN)

    assert len(_lines(melding)) == 1
    assert again.summary["changes"]["corrected"] == {"count": 0, "shown": []}


def test_two_corrections_before_the_rerun_give_one_line_from_first_to_last(enschede):
    melding = _matched(enschede)
    _correct(enschede, amount="300,00")
    _correct(enschede, amount="455,00", straat="Brink")

    match_period(enschede[0], "2026-10", today=RERUN)

    [line] = _lines(melding)
    assert line.endswith("bedrag € 250,00 → € 455,00; straat gewijzigd")


def test_a_signal_not_matched_before_gets_no_correction_line(enschede):
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-10-02")], today=DELIVERED)
    _correct(enschede, amount="455,00")

    match_period(municipality, "2026-10", today=MATCHED)

    melding = Melding.objects.get()
    assert melding.total_amount_cents == 45500 and _lines(melding) == []
    assert not SignalCorrection.objects.filter(matched=False).exists()


def test_a_no_go_that_a_correction_makes_a_go_is_picked_up_naming_the_correction(enschede):
    save_policy({"minimum_amount_cents": 40000}, municipality=enschede[0])
    melding = _matched(enschede)
    assert not melding.go and melding.state == "closed"
    _correct(enschede, amount="455,00")

    match_period(enschede[0], "2026-10", today=RERUN)

    melding.refresh_from_db()
    assert melding.go and melding.state == "new"
    [line] = _lines(melding, kind="rematched")
    assert line.startswith(
        "Bij opnieuw matchen alsnog op te pakken (verbeterd aangeleverde signalen)"
    )


# --- the run report and the melding page -----------------------------------------------------


def test_the_run_report_names_the_corrected_signal_and_what_changed(enschede, meldpunt):
    melding = _matched(enschede)
    _correct(enschede, amount="455,00", crisissignaal="ja")
    run = match_period(enschede[0], "2026-10", today=RERUN)

    text = " ".join(page_text(meldpunt.get(reverse("matching:run", args=[run.pk]))).split())

    assert "Verbeterd aangeleverde signalen (1)" in text
    assert (
        f"Energie Oost 02-10-2026 bedrag € 250,00 → € 455,00; crisissignaal nee → ja "
        f"{melding.reference}"
    ) in text


def test_the_melding_page_says_it_still_counts_the_old_values_until_the_rerun(enschede, client):
    melding = _matched(enschede)
    _correct(enschede, amount="455,00")
    client.force_login(UserFactory(intake=True, municipality=enschede[0]))
    url = reverse("casework:melding", args=[melding.pk])

    text = " ".join(page_text(client.get(url)).split())

    assert (
        f"Het signaal van Energie Oost (02-10-2026) is op {_corrected_on()} verbeterd "
        "aangeleverd: bedrag € 250,00 → € 455,00. Totale achterstand, prioriteit, kenmerken en "
        "werkbakje van deze melding tellen dat pas na opnieuw matchen van oktober 2026 "
        "(meldpunt, pagina Matching)."
    ) in text
    match_period(enschede[0], "2026-10", today=RERUN)
    assert 'data-testid="verbeterd-aangeleverd"' not in client.get(url).content.decode()
