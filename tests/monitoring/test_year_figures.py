"""Evictions and bailiff judgments per year: entered by the project leader (or the beheerder
in the admin) and compared over the years in the reports."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MunicipalityFactory, RegionFactory, UserFactory
from vroegsignaal.monitoring.models import YearFigures
from vroegsignaal.monitoring.report_tables import report_tables
from vroegsignaal.monitoring.scope import region_scope

URL = "/monitoring/jaarcijfers/"


@pytest.fixture
def leader(client, twente):
    user = UserFactory(project_leader=True, region=twente["region"])
    client.force_login(user)
    return user


def enter(client, **fields):
    data = {"gemeente": "0153", "jaar": "2025", "huisuitzettingen": "", "vonnissen": "", "bron": ""}
    return client.post(URL, data | fields, follow=True)


def test_the_url_is_the_year_figures_page():
    assert reverse("monitoring:year_figures") == URL


def test_a_project_leader_enters_year_figures_that_the_reports_compare(client, twente, leader):
    page = enter(client, huisuitzettingen="12", vonnissen="40", bron="Woonbedrijf")

    assert "Jaarcijfers van Enschede over 2025 opgeslagen." in page.content.decode()
    figures = YearFigures.objects.get()
    assert (figures.evictions, figures.bailiff_judgments, figures.source) == (12, 40, "Woonbedrijf")
    assert figures.entered_by == leader
    scope = region_scope("Twente", dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    table = report_tables(scope, dt.date(2027, 1, 5))["jaarcijfers"]
    assert table.row("2025")[1:] == (12, 40)
    assert "projectleider" in table.note and "Jaarcijfers" in table.note


def test_the_page_lists_the_figures_entered_with_an_empty_cell_as_not_entered(
    client, twente, leader
):
    enter(client, huisuitzettingen="3")
    page = client.get(URL).content.decode()
    rows = [re.sub(r"<[^>]+>", "|", row) for row in page.split("<tr")]
    assert any(re.search(r"2025\|+Enschede\|+3\|+–\|+–\|", row) for row in rows)
    assert '<option value="0164">Hengelo</option>' in page


def test_entering_the_same_municipality_and_year_again_replaces_the_figures(client, twente, leader):
    enter(client, huisuitzettingen="12", vonnissen="40")
    enter(client, huisuitzettingen="14", vonnissen="")

    figures = YearFigures.objects.get()
    assert (figures.evictions, figures.bailiff_judgments) == (14, None)


def test_a_municipality_outside_the_region_cannot_be_chosen(client, twente, leader):
    MunicipalityFactory(code="0363", name="Amsterdam", region=RegionFactory(name="Amstelland"))
    page = enter(client, gemeente="0363", huisuitzettingen="1")

    assert "Selecteer een geldige keuze" in page.content.decode()
    assert not YearFigures.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"jaar": "2099"}, "ligt in de toekomst"),
        ({"jaar": "1999"}, "vanaf 2000"),
        ({"huisuitzettingen": "-1"}, "niet negatief"),
    ],
)
def test_a_future_year_or_a_negative_count_is_refused_in_dutch(
    client, twente, leader, fields, message
):
    page = enter(client, **({"huisuitzettingen": "1"} | fields))
    assert message in page.content.decode()
    assert not YearFigures.objects.exists()


def test_the_form_offers_the_figures_already_entered_for_a_municipality_and_year(
    client, twente, leader
):
    enter(client, huisuitzettingen="12", bron="Woonbedrijf")
    page = client.get(URL, {"gemeente": "0153", "jaar": "2025"}).content.decode()
    assert 'value="12"' in page and 'value="Woonbedrijf"' in page


def test_only_the_project_leader_enters_year_figures(client, twente):
    intake = UserFactory(intake=True, municipality=twente["enschede"])
    client.force_login(intake)
    assert client.get(URL).status_code == 403
    assert enter(client, huisuitzettingen="1").status_code == 403
    assert not YearFigures.objects.exists()


def test_the_beheerder_finds_year_figures_in_the_admin(client, twente):
    client.force_login(UserFactory(administrator=True, is_superuser=True))
    YearFigures.objects.create(municipality=twente["enschede"], year=2025, evictions=4)

    listing = client.get("/admin/monitoring/yearfigures/").content.decode()
    assert "Enschede" in listing and "2025" in listing
    assert client.get("/admin/monitoring/yearfigures/add/").status_code == 200


def test_this_year_may_be_entered(client, twente, leader):
    this_year = str(timezone.localdate().year)
    enter(client, jaar=this_year, vonnissen="2")
    assert YearFigures.objects.get().year == int(this_year)


def test_the_year_figures_table_writes_numbers_with_dutch_thousands(client, twente, leader):
    """Rule: counts of 1.000 or more read '1.250' in the table, as on the dashboard and PDF."""
    enter(client, huisuitzettingen="1250", vonnissen="12000")
    page = client.get(URL).content.decode()
    rows = [re.sub(r"<[^>]+>", "|", row) for row in page.split("<tr")]
    assert any(re.search(r"2025\|+Enschede\|+1\.250\|+12\.000\|", row) for row in rows)
