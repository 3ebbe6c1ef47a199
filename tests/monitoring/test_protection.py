"""Small numbers about residents are hidden from a reader of aggregates (the project leader), on
the page, in the chart, the CSV, the XLSX and the report alike; the meldpunt of the municipality
sees its own figures exactly (see conftest for the region: Enschede's M1 accepted help and was
referred, its heropaf done)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.casework.factories import MeldingFactory
from tests.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.monitoring.conftest import fill_chain_facts
from tests.monitoring.test_reports_and_businesscase import pdf_text
from vroegsignaal.casework.models import Conversation, ReferralKind, RoundResult
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.dutch_numbers import round_half_up
from vroegsignaal.monitoring.charts import chart_figure, chart_svg
from vroegsignaal.monitoring.indicators import dashboard_tables
from vroegsignaal.monitoring.report_pdf import render_pdf
from vroegsignaal.monitoring.report_tables import report_tables
from vroegsignaal.monitoring.scope import municipality_scope, region_scope

OCTOBER = {"van": "2026-10-01", "tot": "2026-10-31"}
DATES = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
# October's meldingen and the results they reached in November (results count when reached).
WITH_RESULTS = (dt.date(2026, 10, 1), dt.date(2026, 11, 30))
CLOSED_ON = dt.date(2026, 10, 20)
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def leader(twente):
    return UserFactory(project_leader=True, region=twente["region"])


def _get(client, user, name, *args, **query):
    client.force_login(user)
    return client.get(reverse(f"monitoring:{name}", args=args), {**OCTOBER, **query})


def test_the_project_leader_sees_small_outcomes_as_less_than_five_and_the_chain_as_it_is(twente):
    tables = dashboard_tables(municipality_scope("0153", *WITH_RESULTS), TODAY)

    funnel = tables["trechter"]
    # Reached 2 is the chain's own work; that one of them accepted help and was referred is
    # about the household. Both are at most the 2 reached, so '< 5' would say 1 or 2: left
    # out whatever they are, and no percentage gives them back.
    assert funnel.row("Bereikt") == ("Bereikt", 2, 50.0, 66.7)
    assert funnel.row("Hulp geaccepteerd") == ("Hulp geaccepteerd", "x", "x", "x")
    assert funnel.row("Doorverwezen") == ("Doorverwezen", "x", "x", "x")
    assert "'x' is weggelaten" in funnel.note
    assert sorted(tables["resultaten"].rows) == [
        ("Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering", "< 5", "x"),
        ("Niet opgepakt: onterecht signaal", "< 5", "x"),
        ("Vervolghulp en/of verwijzing financieel", "< 5", "x"),
    ]
    assert tables["heropaf"].row("Betalingen lopen weer (hersteld)")[1] == "< 5"
    assert tables["soort-melding"].row("Crisis")[1] == 1  # the signal, not the household


def test_the_meldpunt_sees_the_exact_figures_of_its_own_municipality(client, twente):
    intake = UserFactory(intake=True, municipality=twente["enschede"])

    page = _get(client, intake, "dashboard").content.decode()
    csv = _get(client, intake, "download", "trechter", "csv").content.decode("utf-8-sig")

    assert "Hulp geaccepteerd;1;25,0;50,0\r\nDoorverwezen;1;25,0;100,0" in csv
    assert "Exacte cijfers" in page and "niet afgeschermd" in page


def test_the_page_the_csv_and_the_xlsx_show_the_same_marks(client, twente, leader):
    page = _get(client, leader, "dashboard", gemeente="0153").content.decode()
    csv = _get(client, leader, "download", "trechter", "csv", gemeente="0153")
    xlsx = _get(client, leader, "download", "trechter", "xlsx", gemeente="0153")

    assert "Kleine aantallen over inwoners zijn afgeschermd" in page
    assert '<td class="utrecht-table__cell utrecht-table__cell--numeric-data">x</td>' in page
    assert "Hulp geaccepteerd;x;x;x\r\nDoorverwezen;x;x;x" in csv.content.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True)}
    assert rows["Hulp geaccepteerd"] == ("x", "x", "x")
    assert rows["Bereikt"] == (2, 50, 66.7)


def test_the_chart_draws_no_bar_for_a_hidden_count_and_labels_it_with_its_mark(twente):
    funnel = dashboard_tables(municipality_scope("0153", *DATES), TODAY)["trechter"]

    figure = chart_figure(funnel)

    bars = {  # the chart draws the rows bottom up
        label: bar.get_width()
        for label, bar in zip(funnel.column(0)[::-1], figure.axes[0].patches, strict=True)
    }
    assert bars["Doorverwezen"] == 0 and bars["Hulp geaccepteerd"] == 0
    assert bars["Bereikt"] == 2
    # Each labelled with its mark, 'x' (at most the 2 reached, so left out whatever it is).
    assert [text.get_text() for text in figure.axes[0].texts][:2] == ["x", "x"]
    results = dashboard_tables(municipality_scope("0153", *WITH_RESULTS), TODAY)["resultaten"]
    assert "&lt; 5" in chart_svg(results)  # the SVG keeps the mark as text


def test_a_regional_count_minus_the_municipalities_never_gives_a_hidden_one_back(db):
    """Twente 23 times '(Budget)advies', Enschede 12, Hengelo 8, Almelo 3: with Hengelo's 8
    shown, 23 - 12 - 8 would give Almelo's 3. Hengelo's is hidden too, on the regional page
    and on Hengelo's own."""
    twente = MunicipalityFactory(code="0153", name="Enschede").region
    for code, name, n in (("0164", "Hengelo", 8), ("0141", "Almelo", 3)):
        municipality = MunicipalityFactory(code=code, name=name, region=twente)
        _closed_with(municipality, [(Eindresultaat.ADVIES_QUICK_FIX, n)])
    _closed_with(twente.municipalities.get(code="0153"), [(Eindresultaat.ADVIES_QUICK_FIX, 12)])

    def advice(scope):
        return dashboard_tables(scope, TODAY)["resultaten"].rows[0][1]

    assert advice(region_scope(twente, *DATES)) == 23
    assert advice(municipality_scope("0153", *DATES)) == 12
    assert advice(municipality_scope("0164", *DATES)) == "x"
    assert advice(municipality_scope("0141", *DATES)) == "< 5"
    assert advice(municipality_scope("0164", *DATES, exact=True)) == 8


def _reached(municipality, n, accepted=0, referred=0):
    """``n`` October meldingen of ``municipality`` in which the resident was reached, the first
    ``accepted`` of them accepting help and the first ``referred`` referred (the chain facts
    casework keeps on the melding)."""
    for number in range(n):
        MeldingFactory(
            municipality=municipality, picked_up_on=dt.date(2026, 11, 3),
            first_attempt_on=dt.date(2026, 11, 3), first_contact_on=dt.date(2026, 11, 3),
            accepted_in_conversation=number < accepted, referred=number < referred,
        )  # fmt: skip


def test_help_accepted_of_fewer_than_five_reached_is_hidden_whatever_it_is(client, tmp_path, db):
    """Demo, February 2026: Borne reached 1 resident, who accepted help and was referred, and
    showed 'Bereikt 1' above 'Hulp geaccepteerd < 5': exactly 1. Help accepted and referred are
    at most reached, so below 5 reached they are 'x', 0 too: Tubbergen, whose one reached
    resident declined, looks the same on the page, in the CSV, the XLSX and the PDF, and so do
    the report's referrals to each kind of help."""
    twente = RegionFactory(name="Twente")
    borne = MunicipalityFactory(code="0147", name="Borne", region=twente)
    tubbergen = MunicipalityFactory(code="0183", name="Tubbergen", region=twente)
    enschede = MunicipalityFactory(code="0153", name="Enschede", region=twente)
    _reached(borne, 1, accepted=1, referred=1)
    _reached(tubbergen, 1)
    _reached(enschede, 30, accepted=9, referred=6)
    leader = UserFactory(project_leader=True, region=twente)

    def seen(code):
        funnel = dashboard_tables(municipality_scope(code, *DATES), TODAY)["trechter"]
        csv = _get(client, leader, "download", "trechter", "csv", gemeente=code)
        xlsx = _get(client, leader, "download", "trechter", "xlsx", gemeente=code)
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        pdf = tmp_path / f"{code}.pdf"
        pdf.write_bytes(render_pdf(municipality_scope(code, *DATES), TODAY, "Maandrapport"))
        return (
            funnel.rows[4:],
            csv.content.decode("utf-8-sig").split("\r\n")[5:8],
            [row for row in sheet.iter_rows(values_only=True)][5:8],
            [line for line in pdf_text(pdf).splitlines() if line.startswith(STEPS)],
            report_tables(municipality_scope(code, *DATES), TODAY)["verwijzingen"].rows,
        )

    borne_seen = seen("0147")

    assert borne_seen[0] == [
        ("Bereikt", 1, 100.0, 100.0),
        ("Hulp geaccepteerd", "x", "x", "x"),
        ("Doorverwezen", "x", "x", "x"),
    ]
    assert borne_seen[1] == ["Bereikt;1;100,0;100,0", "Hulp geaccepteerd;x;x;x",
                              "Doorverwezen;x;x;x"]  # fmt: skip
    assert "Hulp geaccepteerd x x x" in borne_seen[3]
    # A kind of help listed (or none) would tell whether the one resident was referred.
    assert borne_seen[4] == [(kind.label, "x") for kind in ReferralKind]
    assert seen("0183") == borne_seen
    region = dashboard_tables(region_scope(twente, *DATES), TODAY)
    assert region["trechter"].row("Hulp geaccepteerd")[1] == 10  # each 0 or 1: not told
    assert region["gemeenten"].row("Borne")[8:] == region["gemeenten"].row("Tubbergen")[8:]
    assert region["gemeenten"].row("Borne")[8:] == ("x", "x")


STEPS = ("Bereikt", "Hulp geaccepteerd", "Doorverwezen")


def test_the_region_hides_the_shares_of_help_accepted_and_referred_beside_each_other(twente):
    table = dashboard_tables(region_scope("Twente", *DATES), TODAY)["gemeenten"]

    # Enschede: one of four meldingen; Hengelo none (0 hides nothing).
    assert table.row("Enschede")[8:] == ("x", "x")
    assert table.row("Hengelo")[8:] == (0.0, 0.0)


def test_the_report_hides_small_solutions_life_domains_and_referrals_and_not_year_figures(twente):
    tables = report_tables(region_scope("Twente", *WITH_RESULTS), TODAY)

    assert tables["opgelost"].rows == [("Vervolghulp of verwijzing financieel", "< 5", "x")]
    # M1 named 'wonen' and 'werk', M2 'wonen': both small, after any shown domain.
    assert tables["leefgebieden"].column(1) == ["< 5", "< 5"]
    # Two residents reached in the region: each kind of help is at most 2, so every kind is
    # 'x', whether anyone was referred to it or not.
    assert tables["verwijzingen"].rows == [(kind.label, "x") for kind in ReferralKind]
    assert "afgeschermd" not in tables["jaarcijfers"].note


def test_a_shown_life_domain_comes_first_and_hidden_ones_give_no_order_away(twente):
    m4 = twente["m4"]
    for _ in range(6):
        Conversation.objects.create(
            melding=m4, held_on=dt.date(2026, 11, 21), help_offered="ja", help_accepted="nee",
            cause="onbekend", other_domains=["werk"],
        )  # fmt: skip

    table = report_tables(municipality_scope("0153", *DATES), TODAY)["leefgebieden"]

    # Werk 7 of 8 conversations is shown; wonen (2) follows, hidden, whatever its size.
    assert table.rows == [("Werk en dagbesteding", 7, 87.5), ("Wonen", "< 5", "x")]


def test_the_monthly_report_shows_the_marks_and_says_what_they_mean(client, twente, leader):
    client.force_login(leader)
    page = client.get(reverse("monitoring:monthly"), {"maand": "2026-10"}).content.decode()

    assert "Kleine aantallen over inwoners zijn afgeschermd" in page
    assert "&lt; 5" in page


def _closed_with(municipality, counts):
    """Meldingen of ``municipality`` closed in October, ``n`` with each ``result``."""
    for result, n in counts:
        for _ in range(n):
            MeldingFactory(
                municipality=municipality, state="closed", result=result, closed_on=CLOSED_ON
            )
    fill_chain_facts()


def test_the_shares_of_the_other_results_never_give_a_hidden_one_back(db):
    """Twenty without contact (69%) give the 29 closed meldingen; 29 - 20 - 6 would give the
    3 deceased back, so the 6 who paid themselves are hidden too."""
    enschede = MunicipalityFactory(code="0153", name="Enschede")
    _closed_with(
        enschede,
        [(Eindresultaat.GEEN_CONTACT, 20), (Eindresultaat.ZELF_BETAALD, 6),
         (Eindresultaat.OVERLEDEN, 3)],
    )  # fmt: skip

    table = dashboard_tables(municipality_scope("0153", *DATES), TODAY)["resultaten"]

    assert sorted(table.rows) == [
        ("Definitief geen contact kunnen krijgen", 20, 69.0),
        ("Inwoner heeft zelf al betaald/betalingsregeling getroffen", "x", "x"),
        ("Inwoner is overleden", "< 5", "x"),
    ]


def test_the_shares_of_the_solved_dossiers_are_a_total_too(db):
    """In the report, advice 20 of 26 solved (76.9%) would give the hidden 6 who paid
    themselves back, and with them the 3 deceased: advice is hidden in every table."""
    enschede = MunicipalityFactory(code="0153", name="Enschede")
    _closed_with(
        enschede,
        [(Eindresultaat.ADVIES_QUICK_FIX, 20), (Eindresultaat.ZELF_BETAALD, 6),
         (Eindresultaat.OVERLEDEN, 3)],
    )  # fmt: skip

    tables = report_tables(municipality_scope("0153", *DATES), TODAY)

    assert tables["resultaten"].column(1) == ["x", "x", "< 5"]
    assert tables["opgelost"].rows == [
        ("Advies of quick fix", "x", "x"),
        ("Zelf betaald of regeling getroffen", "x", "x"),
    ]


def _worked_out(
    tables: dict[str, list[tuple]], reached_closed: dict[str, int | str] | None = None
) -> dict[tuple[str, str], int]:
    """What a reader works out of the end results of the region and of each municipality (the
    ``tables`` by whose they are; the region's is 'regio'), as the QA tester did: each total from
    the percentages, the sum of the results in which the resident was reached from the
    satisfaction table's ``reached_closed`` (by whose), then every sum with one figure unknown.
    Returns the hidden cells found."""
    rows = {row[0] for shown in tables.values() for row in shown}
    known = {(label, whose): 0 for label in rows for whose in tables}  # a row left out is 0
    for whose, shown in tables.items():
        for label, count, _share in shown:
            known.pop((label, whose))
            if not isinstance(count, str):
                known[label, whose] = count
    totals = {}
    for whose, shown in tables.items():
        fitting = {
            total
            for total in range(1, 10_000)
            if all(
                round_half_up(100 * count / total, 1) == share
                for _label, count, share in shown
                if not isinstance(count, str)
            )
        }
        if len(fitting) == 1 and any(not isinstance(row[1], str) for row in shown):
            totals[whose] = fitting.pop()
    municipalities = [whose for whose in tables if whose != "regio"]
    # Each sum: a whole (a cell, or a number the percentages gave) and its parts.
    sums = [((label, "regio"), [(label, m) for m in municipalities]) for label in rows]
    sums += [(total, [(label, whose) for label in rows]) for whose, total in totals.items()]
    sums += [
        (closed, [(label, whose) for label in rows if label in ALWAYS_REACHED])
        for whose, closed in (reached_closed or {}).items()
        if not isinstance(closed, str)
    ]
    found, progress = {}, True
    while progress:
        progress = False
        for whole, parts in sums:
            cells = [*parts, whole] if isinstance(whole, tuple) else parts
            unknown = [cell for cell in cells if cell not in known]
            if len(unknown) != 1:
                continue
            (cell,) = unknown
            if cell == whole:
                known[cell] = sum(known[part] for part in parts)
            else:
                value = known[whole] if isinstance(whole, tuple) else whole
                known[cell] = value - sum(known[part] for part in parts if part != cell)
            found[cell], progress = known[cell], True
    return found


# The results that by the casework rules are only given once the resident was reached.
ALWAYS_REACHED = {
    Eindresultaat.ADVIES_QUICK_FIX, Eindresultaat.REGELT_ZELF, Eindresultaat.VERWIJZING,
    Eindresultaat.VERWIJZING_FINANCIEEL, Eindresultaat.VERWIJZING_NIET_FINANCIEEL,
}  # fmt: skip


def test_the_reached_closings_of_the_satisfaction_table_give_no_hidden_result_back(db):
    """QA, Dinkelland July 2026: 'andere reden' with its share gave all results; beside it
    'verwijzing financieel' and 'geen contact' were '< 5', and the satisfaction table's
    'Bereikt en afgesloten 1' is the sum of the results in which the resident was reached:
    the referral was 1, and 'geen contact' the rest, 2."""
    twente = RegionFactory(name="Twente")
    closed = {
        ("1774", "Dinkelland"): [(Eindresultaat.ANDERE_REDEN, 30), (Eindresultaat.GEEN_CONTACT, 2),
                                 (Eindresultaat.VERWIJZING_FINANCIEEL, 1)],
        ("0153", "Enschede"): [(Eindresultaat.ANDERE_REDEN, 40), (Eindresultaat.GEEN_CONTACT, 12),
                               (Eindresultaat.VERWIJZING_FINANCIEEL, 9),
                               (Eindresultaat.REGELT_ZELF, 7)],
        ("0164", "Hengelo"): [(Eindresultaat.ANDERE_REDEN, 20), (Eindresultaat.REGELT_ZELF, 6)],
    }  # fmt: skip
    for (code, name), counts in closed.items():
        _closed_with(MunicipalityFactory(code=code, name=name, region=twente), counts)
    RoundResult.objects.filter(result__in=ALWAYS_REACHED).update(reached=True)

    def shown(scope):
        tables = dashboard_tables(scope, TODAY)
        return tables["resultaten"].rows, tables["tevredenheid"].rows[-1][1]

    seen = {"regio": shown(region_scope(twente, *DATES))} | {
        code: shown(municipality_scope(code, *DATES)) for code, _name in closed
    }
    results = {whose: rows for whose, (rows, _) in seen.items()}
    reached_closed = {whose: closed for whose, (_, closed) in seen.items()}

    other_reason = "Niet opgepakt: andere reden"
    assert (other_reason, 30, 90.9) in results["1774"]  # so Dinkelland's total is 33
    assert ("Vervolghulp en/of verwijzing financieel", "< 5", "x") in results["1774"]
    assert _worked_out(results, reached_closed) == {}
    # The satisfaction table leaves out what would give the referral back, with its share.
    tables = dashboard_tables(municipality_scope("1774", *DATES), TODAY)
    assert tables["tevredenheid"].rows == [("Dinkelland", "x", 0, "x", None, None)]
    exact = dashboard_tables(municipality_scope("1774", *DATES, exact=True), TODAY)
    assert exact["tevredenheid"].rows[0][1] == 1  # the meldpunt's figures stay exact


def test_the_region_beside_its_municipalities_and_their_shares_gives_no_hidden_result_back(db):
    """QA, September 2026: the region hid deceased and 'geen inwoner' beside Twenterand's one
    herhaalde melding ('< 5'), while Enschede, the only municipality with them, showed them (5
    and 8). The region's total follows from its percentages, so deceased and geen inwoner came
    back from Enschede's page and the herhaalde melding as the rest: exactly 1."""
    twente = RegionFactory(name="Twente")
    closed = {
        ("0153", "Enschede"): [(Eindresultaat.GEEN_CONTACT, 40), (Eindresultaat.OVERLEDEN, 5),
                               (Eindresultaat.GEEN_INWONER, 8)],
        ("1700", "Twenterand"): [(Eindresultaat.GEEN_CONTACT, 20),
                                 (Eindresultaat.HERHAALDE_MELDING, 1)],
        ("0164", "Hengelo"): [(Eindresultaat.GEEN_CONTACT, 12)],
    }  # fmt: skip
    for (code, name), counts in closed.items():
        _closed_with(MunicipalityFactory(code=code, name=name, region=twente), counts)

    def shown(scope):
        return dashboard_tables(scope, TODAY)["resultaten"].rows

    tables = {"regio": shown(region_scope(twente, *DATES))} | {
        code: shown(municipality_scope(code, *DATES)) for code, _name in closed
    }

    assert tables["regio"][0][1:] == (72, 83.7)  # so the region's total is 86
    assert ("Niet opgepakt: herhaalde melding", "< 5", "x") in tables["1700"]
    assert _worked_out(tables) == {}


def test_the_project_leader_is_told_that_subtracting_two_periods_reveals_small_numbers(
    client, twente, leader
):
    # The protection holds within one selection; January-October minus January-September gives
    # October's figure (QA12 B2), so the page says not to share the tables outside the team.
    page = _get(client, leader, "dashboard", gemeente="0153").content.decode()

    assert "wie de cijfers van twee periodes van elkaar aftrekt" in page
    assert "publiceer alleen cijfers van hele kwartalen of jaren" in page
