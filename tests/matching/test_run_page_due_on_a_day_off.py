"""Rule: the run's result page says when a werkbakje term ends on a day off (QA14 B11).

The default werkbakje term is 28 calendar days: matched on Friday 27-11-2026 the meldingen are
due on Eerste Kerstdag. A municipal term keeps ending where it ends (docs/termijnen.md), so the
run page, like the melding page and the werkbakjes, names the day and the last working day before
it in the municipality's calendar (`deadlines.closed_day_note`), beside each due date it lists.
"""

import datetime as dt

import pytest
from django.urls import reverse
from tests.casework import closed_days
from tests.factories import UserFactory
from tests.matching.test_match_period import record
from tests.page_text import page_text

from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.policies import save_policy
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db(databases="__all__")
DELIVERED = dt.date(2026, 11, 20)
FRIDAY = dt.date(2026, 11, 27)  # + 28 days = Friday 25-12-2026, Eerste Kerstdag
CHRISTMAS = "25-12-2026 (Eerste Kerstdag; laatste werkdag ervoor 24-12-2026)"


def _run_page_text(client, enschede, run) -> str:
    client.force_login(UserFactory(intake=True, municipality=enschede[0]))
    return " ".join(page_text(client.get(reverse("matching:run", args=[run.pk]))).split())


def test_a_new_melding_due_on_a_holiday_names_it_and_the_last_working_day(enschede, client):
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-11-02")], today=DELIVERED)

    run = match_period(municipality, "2026-11", today=FRIDAY)

    assert Melding.objects.get().due_on == dt.date(2026, 12, 25)
    assert CHRISTMAS in _run_page_text(client, enschede, run)


def test_a_melding_picked_up_again_due_on_a_holiday_names_it_too(enschede, client):
    municipality, energy, _ = enschede
    save_policy({"minimum_amount_cents": 40000}, municipality=municipality)
    ingest_records(energy, [record("E1", "2026-11-02")], today=DELIVERED)
    match_period(municipality, "2026-11", today=dt.date(2026, 11, 23))
    save_policy({"minimum_amount_cents": 10000}, municipality=municipality)

    run = match_period(municipality, "2026-11", today=FRIDAY)

    text = _run_page_text(client, enschede, run)
    assert "Alsnog op te pakken: eerder afgesloten, nu terug in het werkbakje (1)" in text
    assert CHRISTMAS in text


def test_the_municipalitys_own_closed_day_is_named_with_its_description(enschede, client):
    municipality, energy, _ = enschede
    closed_days.close(municipality, dt.date(2026, 12, 28), "Kerstsluiting")
    ingest_records(energy, [record("E1", "2026-11-02")], today=DELIVERED)

    run = match_period(municipality, "2026-11", today=dt.date(2026, 11, 30))  # + 28: Mon 28-12

    assert (
        "28-12-2026 (gemeente gesloten (Kerstsluiting); laatste werkdag ervoor 24-12-2026)"
    ) in _run_page_text(client, enschede, run)


def test_a_due_date_on_a_working_day_gets_no_note(enschede, client):
    municipality, energy, _ = enschede
    ingest_records(energy, [record("E1", "2026-11-02")], today=DELIVERED)

    run = match_period(municipality, "2026-11", today=dt.date(2026, 11, 26))  # + 28: Thu 24-12

    client.force_login(UserFactory(intake=True, municipality=municipality))
    html = client.get(reverse("matching:run", args=[run.pk])).content.decode()
    assert "24-12-2026" in html and 'data-testid="geen-werkdag"' not in html
