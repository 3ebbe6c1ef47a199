"""Monitoring pages: who sees what, figures and charts on the page, safe downloads."""

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import load_workbook

from tests.factories import UserFactory
from vroegsignaal.monitoring.exports import table_csv
from vroegsignaal.monitoring.tables import Table

OCTOBER = {"van": "2026-10-01", "tot": "2026-10-31"}


@pytest.fixture
def leader(twente):
    return UserFactory(project_leader=True, region=twente["region"])


@pytest.fixture
def intake(twente):
    return UserFactory(intake=True, municipality=twente["hengelo"])


def login(client, user):
    client.force_login(user)
    return client


def test_project_leader_sees_the_region_side_by_side_with_charts_and_tables(client, leader):
    page = login(client, leader).get(reverse("monitoring:dashboard"), OCTOBER)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Monitoring: Regio Twente" in html
    assert "Gemeenten naast elkaar" in html
    assert html.count("<figure") >= 12
    assert 'src="/monitoring/grafiek/trechter.svg?' in html
    assert 'alt="Grafiek: Van signaal tot doorverwijzing.' in html
    assert "7511AB" not in html and "Jansen" not in html


def test_intake_staff_see_only_their_own_municipality(client, intake):
    login(client, intake)
    page = client.get(reverse("monitoring:dashboard"), OCTOBER)
    assert "Monitoring: Gemeente Hengelo" in page.content.decode()
    # Only their own municipality is offered; another one is refused and shows no figures.
    enschede = {**OCTOBER, "gemeente": "0153"}
    other = client.get(reverse("monitoring:dashboard"), enschede).content.decode()
    assert "Selecteer een geldige keuze" in other
    assert "<figure" not in other
    csv = client.get(reverse("monitoring:download", args=["trechter", "csv"]), enschede)
    assert csv.status_code == 404
    assert client.get(reverse("monitoring:monthly"), enschede).status_code == 403


def test_project_leader_cannot_choose_a_municipality_outside_the_region(client, leader):
    # Twente holds Enschede and Hengelo; 0363 (Amsterdam) is not one of them.
    response = login(client, leader).get(
        reverse("monitoring:monthly"), {"maand": "2026-10", "gemeente": "0363"}
    )
    assert response.status_code == 403


def test_caseworkers_and_creditors_get_no_monitoring(client, twente):
    caseworker = UserFactory(caseworker=True, municipality=twente["enschede"])
    assert login(client, caseworker).get(reverse("monitoring:dashboard")).status_code == 403


def test_every_table_downloads_as_csv_and_xlsx(client, leader):
    login(client, leader)
    csv = client.get(reverse("monitoring:download", args=["trechter", "csv"]), OCTOBER)
    assert csv["Content-Type"].startswith("text/csv")
    assert "Opgepakt (go);4;80,0;80,0\r\nEerste actie gedaan;3;60,0;75,0" in csv.content.decode(
        "utf-8-sig"
    )
    xlsx = client.get(reverse("monitoring:download", args=["resultaten", "xlsx"]), OCTOBER)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value.startswith("Eindresultaten (DDAS) · ")
    assert (
        client.get(reverse("monitoring:download", args=["geheim", "csv"]), OCTOBER).status_code
        == 404
    )


def test_a_downloaded_table_says_whose_and_which_period_in_its_name_and_sheet(client, leader):
    """A table of Hengelo and one of the whole region were both 'trechter-20261001-...csv'."""
    login(client, leader)
    hengelo = {**OCTOBER, "gemeente": "0164"}
    csv = client.get(reverse("monitoring:download", args=["trechter", "csv"]), hengelo)
    assert csv["Content-Disposition"] == (
        'attachment; filename="trechter-hengelo-20261001-20261031.csv"'
    )
    xlsx = client.get(reverse("monitoring:download", args=["resultaten", "xlsx"]), OCTOBER)
    assert "resultaten-regio-twente-20261001-20261031.xlsx" in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == (
        "Eindresultaten (DDAS) · Regio Twente · 1 oktober 2026 tot en met 31 oktober 2026"
    )


def test_downloads_neutralise_cells_that_would_run_as_formulas():
    table = Table("x", "Titel", ("Werkbakje", "Aantal"), [("=HYPERLINK(1)", 1), ("@SUM", 2)])
    text = table_csv(table, "x.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1);1" in text and "'@SUM;2" in text


def test_monthly_report_page_is_printable(client, leader):
    page = login(client, leader).get(reverse("monitoring:monthly"), {"maand": "2026-10"})
    html = page.content.decode()
    assert "Maandrapport oktober 2026: Regio Twente" in html
    assert 'media="print"' in html
    assert "Verwijzingen naar soort hulp" in html


def test_the_report_of_the_running_month_says_up_to_today_in_its_header(client, leader):
    today = timezone.localdate()
    month = {"maand": f"{today:%Y-%m}"}

    html = login(client, leader).get(reverse("monitoring:monthly"), month).content.decode()

    month_year = date_format(today, "F Y")
    header = re.search(r"Regio Twente · ([^·]*) ·", html)[1]
    assert header == f"1 {month_year} tot en met {today.day} {month_year} (loopt nog)"


@pytest.mark.parametrize("month", ["2026-13", "x", "2026-1x"])
def test_monthly_report_explains_an_invalid_month_on_the_form(client, leader, month):
    page = login(client, leader).get(reverse("monitoring:monthly"), {"maand": month})
    html = page.content.decode()
    assert page.status_code == 400
    assert f"Maand &#x27;{month}&#x27; is ongeldig; schrijf bijvoorbeeld 2026-10." in html
    assert "Het formulier is nog niet goed ingevuld; zie de meldingen bij de velden." in html
    assert 'name="maand"' in html and 'aria-invalid="true"' in html
    assert "Van signaal tot doorverwijzing" not in html  # no report of a month that is not one


def test_quarterly_pdf_downloads(client, leader):
    response = login(client, leader).get(reverse("monitoring:quarterly"), {"kwartaal": "2026q4"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    bad = client.get(reverse("monitoring:quarterly"), {"kwartaal": "2026Q9"})
    assert "Kwartaal &#x27;2026Q9&#x27; is ongeldig" in bad.content.decode()


def test_quarterly_form_from_the_menu_has_no_error_and_offers_the_last_completed_quarter(
    client, leader
):
    today = timezone.localdate()
    last_completed = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1) - dt.timedelta(1)
    expected = f"{last_completed.year}Q{(last_completed.month + 2) // 3}"
    page = login(client, leader).get(reverse("monitoring:quarterly"))
    html = page.content.decode()
    assert page.status_code == 200
    assert f'value="{expected}" selected' in html
    assert "vereist" not in html and 'aria-invalid="true"' not in html


def test_an_empty_quarter_is_asked_for_by_name(client, leader):
    page = login(client, leader).get(reverse("monitoring:quarterly"), {"kwartaal": ""})
    assert page.status_code == 400
    assert "Vul een kwartaal in, bijvoorbeeld 2026Q3." in page.content.decode()


def test_a_month_or_quarter_that_has_not_started_is_refused_by_name(client, leader):
    today = timezone.localdate()
    login(client, leader)
    quarter = client.get(reverse("monitoring:quarterly"), {"kwartaal": f"{today.year + 1}q1"})
    assert quarter.status_code == 400 and quarter["Content-Type"].startswith("text/html")
    assert (
        f"Kwartaal {today.year + 1}Q1 is nog niet begonnen; kies een kwartaal tot en met "
        f"{today.year}Q{(today.month + 2) // 3}." in quarter.content.decode()
    )
    month = client.get(reverse("monitoring:monthly"), {"maand": f"{today.year + 1}-01"})
    assert month.status_code == 400
    assert (
        f"Maand {today.year + 1}-01 is nog niet begonnen; kies een maand tot en met "
        f"{today:%Y-%m}." in month.content.decode()
    )
    # The running month has started, so it is reported.
    assert client.get(reverse("monitoring:monthly"), {"maand": f"{today:%Y-%m}"}).status_code == 200


def gemeente_options(html: str) -> list[str]:
    select = re.search(r'<select[^>]*name="gemeente".*?</select>', html, re.S)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select[0]) if select else []


def test_the_region_choice_carries_the_regions_own_name(client, leader):
    html = login(client, leader).get(reverse("monitoring:dashboard"), OCTOBER).content.decode()
    assert gemeente_options(html) == ["Hele regio Twente", "Enschede", "Hengelo"]


def test_monthly_and_quarterly_reports_offer_the_municipalities_the_user_may_see(
    client, leader, intake
):
    login(client, leader)
    monthly = client.get(reverse("monitoring:monthly"), {"maand": "2026-10", "gemeente": "0164"})
    assert gemeente_options(monthly.content.decode()) == [
        "Hele regio Twente",
        "Enschede",
        "Hengelo",
    ]
    assert '<option value="0164" selected>Hengelo</option>' in monthly.content.decode()
    assert "Maandrapport oktober 2026: Gemeente Hengelo" in monthly.content.decode()
    quarterly = client.get(reverse("monitoring:quarterly")).content.decode()
    assert gemeente_options(quarterly) == ["Hele regio Twente", "Enschede", "Hengelo"]
    client.logout()
    # Intake staff see one municipality only: nothing to choose.
    login(client, intake)
    assert gemeente_options(client.get(reverse("monitoring:quarterly")).content.decode()) == []


def test_the_quarter_is_chosen_from_a_list_of_started_quarters(client, leader):
    today = timezone.localdate()
    html = login(client, leader).get(reverse("monitoring:quarterly")).content.decode()
    select = re.search(r'<select[^>]*name="kwartaal".*?</select>', html, re.S)[0]
    quarters = re.findall(r'<option value="(\d{4}Q[1-4])"', select)
    assert quarters[0] == f"{today.year}Q{(today.month + 2) // 3}"  # the running quarter first
    assert len(quarters) == 12 and quarters == sorted(quarters, reverse=True)


@pytest.mark.parametrize(
    ("query", "filename"),
    [
        ({"kwartaal": "2026-k4"}, "kwartaalrapportage-2026Q4-regio-twente.pdf"),
        ({"kwartaal": "K4 2026", "gemeente": "0153"}, "kwartaalrapportage-2026Q4-enschede.pdf"),
    ],
)
def test_regional_and_municipal_pdfs_have_their_own_file_names(client, leader, query, filename):
    response = login(client, leader).get(reverse("monitoring:quarterly"), query)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_ddas_download_is_for_intake_staff_of_the_municipality(client, intake, leader):
    response = login(client, intake).get(reverse("monitoring:ddas"), OCTOBER)
    document = json.loads(response.content)
    assert document["leveringen"][0]["gemeentecode"] == "0164"
    client.logout()
    assert login(client, leader).get(reverse("monitoring:ddas"), OCTOBER).status_code == 403


@pytest.mark.django_db(databases="__all__")
def test_a_ddas_download_asked_for_another_municipality_is_audited_as_refused(client, intake):
    """Nothing is delivered (the choice is refused at the field); the privacy officer reads a
    refusal, not 'Bekeken', so it does not look as if Hengelo's delivery was seen."""
    from vroegsignaal.privacy.models import AuditAction, AuditEntry

    response = login(client, intake).get(
        reverse("monitoring:ddas"), {**OCTOBER, "gemeente": "0153"}
    )

    assert "attachment" not in response.get("Content-Disposition", "")
    entry = AuditEntry.objects.get(endpoint__startswith=reverse("monitoring:ddas"))
    assert (entry.action, entry.description) == (
        AuditAction.REFUSED,
        "landelijke export (DDAS): niet geleverd, de keuze is geweigerd",
    )


@pytest.mark.django_db(databases="__all__")
def test_the_officer_reads_the_period_and_the_numbers_of_a_ddas_download(client, twente):
    """QA13 N7: the download was 'Gedownload | landelijke export (DDAS)', without period or
    numbers, while the command line's entry names them."""
    meldpunt = UserFactory(intake=True, municipality=twente["enschede"])
    login(client, meldpunt).get(reverse("monitoring:ddas"), OCTOBER)
    officer = UserFactory(privacy_officer=True, municipality=twente["enschede"])

    page = login(client, officer).get(reverse("privacy:audit_log")).content.decode()

    assert "Gedownload" in page
    assert "landelijke export (DDAS) 01-10-2026 t/m 31-10-2026: 6 signalen, 4 zaken" in page


def test_the_project_leader_refused_the_ddas_export_is_told_who_delivers_it_and_why(client, leader):
    """The project leader sees aggregates only (domain: privacy); the export holds BSNs."""
    response = login(client, leader).get(reverse("monitoring:ddas"), OCTOBER)
    html = response.content.decode()
    assert response.status_code == 403
    assert "alleen het meldpunt van de gemeente" in html and "BSN" in html
    assert "Deze pagina hoort niet bij uw rol" not in html


def test_ddas_download_of_several_pages_is_a_zip(client, twente, monkeypatch):
    from vroegsignaal.monitoring import ddas_export

    monkeypatch.setattr(ddas_export, "PAGE_SIZE", 2)
    user = UserFactory(intake=True, municipality=twente["enschede"])
    response = login(client, user).get(reverse("monitoring:ddas"), OCTOBER)
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names[:2] == ["ddas-0153-20261001-20261031.json", "ddas-0153-20261001-20261031-2.json"]


def test_business_case_page_shows_budget_beside_real_figures(client, leader):
    page = login(client, leader).get(
        reverse("monitoring:businesscase"), {**OCTOBER, "tariff_per_household": "600"}
    )
    html = page.content.decode()
    assert "Begroting volgens het projectvoorstel" in html
    assert "Bereikte huishoudens</dt><dd>2</dd>" in html
    assert "€ 1.200" in html
    bad = client.get(reverse("monitoring:businesscase"), {"initiation_hours": "80-40"})
    assert "Uren initiatie: laag (80) is groter dan hoog (40)" in bad.content.decode()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "Uurtarief projectleiding (€): &#x27;abc&#x27; is geen getal van 0 of meer"),
        ("-5", "Uurtarief projectleiding (€): &#x27;-5&#x27; is geen getal van 0 of meer"),
    ],
)
def test_a_business_case_field_that_is_no_number_is_named_by_its_label(
    client, leader, twente, value, message
):
    """The page names the field as the form does (not 'hourly_rate'), and a minus sign is not
    silently dropped (-5 was read as 5)."""
    client.force_login(leader)
    html = client.get(reverse("monitoring:businesscase"), {"hourly_rate": value}).content.decode()
    assert message in html and "hourly_rate" not in html.split("<form")[0]


def test_per_1000_figures_have_two_decimals_in_every_row_on_the_page_and_in_the_chart(
    client, leader, twente
):
    twente["hengelo"].inhabitants = 1000  # its one October signal: exactly 1 per 1.000
    twente["hengelo"].save()
    html = login(client, leader).get(reverse("monitoring:dashboard"), OCTOBER).content.decode()
    per_1000 = html[html.index('id="fig-per-1000-inwoners"') : html.index('id="fig-trend"')]
    cells = re.findall(r'numeric-data">([^<]*)<', per_1000)
    assert cells[2::3] == ["0,04", "1,00", "0,04"]  # Enschede, Hengelo, Totaal
    side_by_side = html[html.index('id="fig-gemeenten"') :]
    src = re.search(r'<img class="monitoring-chart" src="([^"]+)"', side_by_side)[1]
    chart = client.get(src.replace("&amp;", "&")).content.decode()
    assert ">1,00<" in chart and ">0,04<" in chart


def test_dashboard_numbers_are_written_the_dutch_way_and_each_title_shows_once():
    from django.template.loader import render_to_string

    table = Table(
        key="inwoners", title="Signalen per 1.000 inwoners per maand",
        columns=["Gemeente", "Inwoners", "Per 1.000"],
        rows=[["Enschede", 161500, 4.01], ["Hengelo", 80000, 4.0], ["Almelo", 0, None]],
        note="gemiddeld over de maanden van de periode", decimals={2: 2},
    )  # fmt: skip
    html = render_to_string("monitoring/_figure.html", {"figure": {"table": table, "chart": None}})
    assert ">161.500<" in html and ">4,01<" in html and ">4,00<" in html and ">–<" in html
    # The figure's caption is the visible title; the table's caption names it for screen readers.
    assert 'class="utrecht-table__caption visually-hidden">Signalen per 1.000' in html
    assert "gemiddeld over de maanden van de periode</p>" in html


def test_business_case_writes_every_number_and_amount_the_dutch_way(client, leader):
    page = login(client, leader).get(
        reverse("monitoring:businesscase"),
        {**OCTOBER, "tariff_per_household": "612,5", "matching_per_year": "12.000",
         "reached_households_per_year": "1.200-1.800", "return_factor": "2,5"},
    )  # fmt: skip
    html = page.content.decode()
    assert "Hulp (× € 612,5)</dt><dd>€ 1.225</dd>" in html  # 2 reached households
    assert "(factor 2,5)" in html
    # 1.200-1.800 households × € 612,5 plus fixed costs: thousands separators in every range.
    assert re.search(r"<dd>€ \d{1,3}(\.\d{3})+ – € \d{1,3}(\.\d{3})+</dd>", html)
    assert not re.search(r"€ \d{4}", html), "an amount without thousands separator"
    assert not re.search(r"\d\.\d(?!\d\d)", html.split("<form")[0]), "a decimal point"
    # The inputs keep what was asked, written the same way, and read back the same.
    for name, text in [
        ("matching_per_year", "12.000"),
        ("return_factor", "2,5"),
        ("tariff_per_household", "612,5"),
        ("reached_households_per_year", "1.200-1.800"),
        ("hourly_rate", "95"),
    ]:
        assert f'name="{name}" value="{text}"' in html


def test_business_case_shares_costs_over_the_municipalities_the_figures_cover(client, leader):
    login(client, leader)
    region = client.get(reverse("monitoring:businesscase"), OCTOBER).content.decode()
    assert 'name="municipalities" value="2"' in region  # Enschede and Hengelo
    # One municipality of the region: the proposal's costs are still the region's; it carries
    # its share (test_reports_and_businesscase).
    one = client.get(reverse("monitoring:businesscase"), {**OCTOBER, "gemeente": "0153"})
    assert 'name="municipalities" value="2"' in one.content.decode()
    chosen = client.get(reverse("monitoring:businesscase"), {**OCTOBER, "municipalities": "14"})
    assert 'name="municipalities" value="14"' in chosen.content.decode()


def test_one_wrong_business_case_field_keeps_every_value_typed_and_computes_nothing(client, leader):
    html = (
        login(client, leader)
        .get(
            reverse("monitoring:businesscase"),
            {**OCTOBER, "hourly_rate": "120", "initiation_hours": "80-40"},
        )
        .content.decode()
    )
    assert 'name="hourly_rate" value="120"' in html
    assert 'name="initiation_hours" value="80-40"' in html
    field = html[html.index('id="p-initiation_hours-fout"') :]
    assert field.startswith('id="p-initiation_hours-fout">Uren initiatie: laag (80) is groter')
    assert 'aria-invalid="true"' in html.split('id="p-initiation_hours"')[1].split(">")[0]
    assert 'aria-invalid="true"' not in html.split('id="p-hourly_rate"')[1].split(">")[0]
    assert "standaardwaarden" not in html
    assert "Eenmalig (totaal)" not in html and "Bereikte huishoudens" not in html
    assert "wordt berekend zodra alle velden kloppen" in html


def test_every_wrong_business_case_field_is_named_in_one_round(client, leader):
    html = (
        login(client, leader)
        .get(
            reverse("monitoring:businesscase"),
            {**OCTOBER, "hourly_rate": "veel", "initiation_hours": "80-40"},
        )
        .content.decode()
    )
    assert 'id="p-hourly_rate-fout"' in html and 'id="p-initiation_hours-fout"' in html
    summary = html.split('role="alert"')[1].split('aria-label="Parameters businesscase"')[0]
    assert "Uurtarief projectleiding (€): &#x27;veel&#x27;" in summary
    assert "Uren initiatie: laag (80)" in summary


@pytest.mark.parametrize(
    ("query", "filename"),
    [
        ({"maand": "2026-10"}, "maandrapport-2026-10-regio-twente.pdf"),
        ({"maand": "2026-10", "gemeente": "0153"}, "maandrapport-2026-10-enschede.pdf"),
    ],
)
def test_the_monthly_report_downloads_as_a_pdf_named_after_month_and_region_or_municipality(
    client, leader, query, filename
):
    from pypdf import PdfReader

    response = login(client, leader).get(reverse("monitoring:monthly"), query | {"formaat": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Maandrapport oktober 2026" in text and "Van signaal tot doorverwijzing" in text


def test_the_monthly_report_page_offers_its_pdf(client, leader):
    html = login(client, leader).get(reverse("monitoring:monthly"), {"maand": "2026-10"})
    html = html.content.decode()
    assert 'name="formaat" value="pdf"' in html and "PDF downloaden" in html


def test_a_monthly_pdf_of_a_month_that_is_not_one_shows_the_form_with_its_error(client, leader):
    response = login(client, leader).get(
        reverse("monitoring:monthly"), {"maand": "2026-13", "formaat": "pdf"}
    )
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")


def test_a_municipality_page_of_the_business_case_states_its_share_of_the_regional_costs(
    client, leader
):
    """Hengelo's page charged the whole region's fixed costs and expected households to Hengelo
    (QA: 14 municipality pages added up to 14 times the region)."""
    login(client, leader)
    html = client.get(
        reverse("monitoring:businesscase"), {**OCTOBER, "gemeente": "0164"}
    ).content.decode()

    assert "Aandeel van Hengelo in de regionale kosten: 33,3 % naar inwoners." in html
    assert "De begroting geldt voor de hele regio Twente (2 gemeenten)." in html
    # 300-500 households for the region: a third of them for Hengelo.
    assert "Verwacht bereikte huishoudens per jaar in Hengelo</dt><dd>100 – 167</dd>" in html
    assert "Vaste kosten (1 maanden, aandeel 33,3 %)</dt><dd>€ 2.111</dd>" in html
    region = client.get(reverse("monitoring:businesscase"), OCTOBER).content.decode()
    assert "Aandeel van" not in region and "Vaste kosten (1 maanden)</dt><dd>€ 6.333</dd>" in region
