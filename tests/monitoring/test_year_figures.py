"""Evictions and bailiff judgments per year: entered by the project leader (or the beheerder
in the admin) and compared over the years in the reports."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.page_text import page_text
from vroegsignaal.monitoring.models import YearFigures
from vroegsignaal.monitoring.report_tables import report_tables
from vroegsignaal.monitoring.scope import municipality_scope, region_scope

URL = "/monitoring/jaarcijfers/"


def pdf_text(data) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(data).pages)


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
    assert table.row("2025")[1:] == ("12 (1 van 2 gemeenten)", "40 (1 van 2 gemeenten)")
    assert "projectleider" in table.note and "Jaarcijfers" in table.note


def test_a_region_figure_of_only_some_municipalities_says_of_how_many(client, twente, leader):
    """The region's figure was the sum of the municipalities entered (2 of 14), shown as the
    region's: a steering group read 5 evictions for all of Twente. A partial sum says of how
    many municipalities it is; complete, it is the plain sum; a municipality its own figure."""
    enter(client, huisuitzettingen="3", vonnissen="14")
    enter(client, gemeente="0164", jaar="2024", huisuitzettingen="2", vonnissen="9")
    enter(client, jaar="2024", huisuitzettingen="5")
    october = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))

    region = report_tables(region_scope("Twente", *october), dt.date(2026, 11, 5))["jaarcijfers"]

    assert region.row("2024")[1:] == (7, "9 (1 van 2 gemeenten)")
    assert region.row("2025")[1:] == ("3 (1 van 2 gemeenten)", "14 (1 van 2 gemeenten)")
    assert region.row("2026")[1:] == (None, None)
    assert "som van alleen die gemeenten" in region.note
    enschede = report_tables(municipality_scope("0153", *october), dt.date(2026, 11, 5))
    assert enschede["jaarcijfers"].row("2025")[1:] == (3, 14)
    report = client.get(reverse("monitoring:monthly"), {"maand": "2026-10"}).content.decode()
    assert "3 (1 van 2 gemeenten)" in report
    pdf = client.get(reverse("monitoring:monthly"), {"maand": "2026-10", "formaat": "pdf"})
    assert "3 (1 van 2 gemeenten)" in pdf_text(io.BytesIO(pdf.content))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"gemeente": "0164", "vonnissen": "12000000"},
            "12.000.000 vonnissen in één jaar kan niet kloppen voor Hengelo (80.000 inwoners): "
            "hoogstens 8.000, een op de tien inwoners. Controleer het getal.",
        ),
        (
            {"huisuitzettingen": "16001"},
            "16.001 huisuitzettingen in één jaar kan niet kloppen voor Enschede (160.000 inwoners)",
        ),
    ],
)
def test_an_implausible_year_figure_is_refused_with_a_dutch_message(
    client, twente, leader, fields, message
):
    """12.000.000 bailiff judgments for Tubbergen (21.700 inhabitants) were stored."""
    page = enter(client, **fields)

    assert message in page.content.decode()
    assert not YearFigures.objects.exists()


def test_without_inhabitants_a_year_figure_is_capped_and_the_admin_checks_it_too(client, twente):
    from vroegsignaal.monitoring.year_figures import implausible_figures

    twente["hengelo"].inhabitants = 0
    errors = implausible_figures(twente["hengelo"], evictions=100_001, bailiff_judgments=5)
    assert errors == {
        "evictions": "100.001 huisuitzettingen in één jaar kan niet kloppen voor Hengelo: "
        "hoogstens 100.000. Controleer het getal."
    }
    client.force_login(UserFactory(administrator=True, is_superuser=True))
    page = client.post(
        "/admin/monitoring/yearfigures/add/",
        {"municipality": twente["enschede"].pk, "year": "2025", "bailiff_judgments": "20000"},
    )
    assert "20.000 vonnissen in één jaar kan niet kloppen voor Enschede" in page.content.decode()
    assert not YearFigures.objects.exists()


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


def test_the_admin_says_a_year_figures_entry_was_changed_in_good_dutch(client, twente):
    """Django's message takes the model's singular name: 'De jaarcijfers "Jaarcijfers
    Enschede 2025" is gewijzigd' read as a plural with a singular verb, the name twice."""
    client.force_login(UserFactory(administrator=True, is_superuser=True))
    figures = YearFigures.objects.create(municipality=twente["enschede"], year=2025, evictions=4)

    page = client.post(
        f"/admin/monitoring/yearfigures/{figures.pk}/change/",
        {"municipality": twente["enschede"].pk, "year": "2025", "evictions": "5", "source": ""},
        follow=True,
    )

    assert "De opgave jaarcijfers ‘Enschede 2025’ is met succes gewijzigd." in page_text(page)


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
