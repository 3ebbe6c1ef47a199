"""Termijnen gehaald, the statutory conversation terms (Wgs art. 4 lid 1 and 2): their cells
count meldingen whose resident accepted help (a term only starts at acceptance), so beside the
funnel's hidden 'Hulp geaccepteerd' they are hidden as small numbers too, for the project leader;
the meldpunt keeps exact figures (docs/monitoring.md, Kleine aantallen).

Twente (conftest): Enschede reached 2 residents in October; one accepted help (M1, talked to on
time, lid 1), the other said no (M2, crisis, closed). Before 27-11-2026 the funnel hid 'Hulp
geaccepteerd' ('x', at most the 2 reached) while the lid 1 row said 'Op tijd 1'."""

import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from tests.casework.factories import MeldingFactory
from tests.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.monitoring.conftest import fill_chain_facts
from tests.monitoring.test_reports_and_businesscase import pdf_text
from vroegsignaal.casework.models import Conversation
from vroegsignaal.monitoring.indicators import dashboard_tables
from vroegsignaal.monitoring.report_pdf import render_pdf
from vroegsignaal.monitoring.scope import municipality_scope, region_scope

D = dt.date
OCTOBER = (D(2026, 10, 1), D(2026, 10, 31))
QUERY = {"van": "2026-10-01", "tot": "2026-10-31"}
TODAY = D(2027, 1, 15)
LID_1 = "Eerste gesprek binnen wettelijke termijn, Wgs art. 4 lid 1: binnen 4 weken"
LID_2 = (
    "Eerste gesprek binnen wettelijke termijn, Wgs art. 4 lid 2, crisissignaal: binnen 3 werkdagen"
)
ACCEPTED_CELLS = slice(1, 7)  # on time, late, missed, overdue, closed within the term, running
NO_HELP, ON_TIME_SHARE = 7, 8


def _accepted(municipality, n, crisis=False, late=False):
    """``n`` go meldingen of October whose resident accepted help on Mon 2 Nov and was talked
    to that day, or (``late``) on 7 Dec: after both terms."""
    talked_on = D(2026, 12, 7) if late else D(2026, 11, 2)
    for _ in range(n):
        melding = MeldingFactory(
            municipality=municipality, is_crisis=crisis, picked_up_on=D(2026, 11, 2),
            accepted_on=D(2026, 11, 2), first_conversation_on=talked_on,
            state="conversation_held",
        )  # fmt: skip
        Conversation.objects.create(
            melding=melding, held_on=talked_on, help_offered="ja", help_accepted="ja"
        )


def _downloads(client, user, **query):
    """The term table as the CSV's lines and the XLSX's rows, by label."""
    client.force_login(user)
    query = {**QUERY, **query}
    csv = client.get(reverse("monitoring:download", args=["termijnen", "csv"]), query)
    xlsx = client.get(reverse("monitoring:download", args=["termijnen", "xlsx"]), query)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    return (
        csv.content.decode("utf-8-sig").split("\r\n"),
        {row[0]: row[1:] for row in sheet.iter_rows(values_only=True)},
    )


def test_the_terms_of_a_few_residents_who_accepted_help_are_hidden_like_the_funnel(
    client, twente, tmp_path
):
    leader = UserFactory(project_leader=True, region=twente["region"])
    tables = dashboard_tables(municipality_scope("0153", *OCTOBER), TODAY)

    assert tables["trechter"].row("Bereikt")[1] == 2
    assert tables["trechter"].row("Hulp geaccepteerd")[1] == "x"
    # 'Op tijd 1' beside 'Bereikt 2' said that one of the two accepted help: every cell of
    # accepted help is 'x', 0 too, and so is '% op tijd' (100,0 would say 'all on time').
    for row in (LID_1, LID_2):
        assert tables["termijnen"].row(row)[ACCEPTED_CELLS] == ("x",) * 6
        assert tables["termijnen"].row(row)[ON_TIME_SHARE] == "x"
    csv, xlsx = _downloads(client, leader, gemeente="0153")
    assert f"{LID_1};x;x;x;x;x;x;x;x" in csv
    assert xlsx[LID_1] == ("x",) * 8
    pdf = tmp_path / "enschede.pdf"
    pdf.write_bytes(render_pdf(municipality_scope("0153", *OCTOBER), TODAY, "Maandrapport"))
    assert "x x x x x x x x" in pdf_text(pdf).replace("\n", " ")
    # The region is Enschede's figures plus Hengelo's zeros: hidden the same way.
    region = dashboard_tables(region_scope("Twente", *OCTOBER), TODAY)["termijnen"]
    assert region.row(LID_1)[ACCEPTED_CELLS] == ("x",) * 6
    assert region.row("Oppakken binnen termijn gemeente")[1:3] == (2, 1)  # the chain's work


def test_a_region_minus_its_large_municipality_gives_no_hidden_term_back(twente):
    # Almelo: 9 residents accepted help, 5 talked to on time and 4 late (lid 1). Twente's
    # on time would be Almelo's 5 plus Enschede's hidden 1.
    almelo = MunicipalityFactory(code="0141", name="Almelo", region=twente["region"])
    _accepted(almelo, 5)
    _accepted(almelo, 4, late=True)
    fill_chain_facts()

    def seen(scope):
        tables = dashboard_tables(scope, TODAY)
        return tables["termijnen"].row(LID_1), tables["trechter"].row("Hulp geaccepteerd")[1]

    region, region_accepted = seen(region_scope("Twente", *OCTOBER))
    almelo_row, almelo_accepted = seen(municipality_scope("0141", *OCTOBER))
    enschede_row, _ = seen(municipality_scope("0153", *OCTOBER))

    assert enschede_row[ACCEPTED_CELLS] == ("x",) * 6
    for column in range(1, 7):  # region minus Almelo: never a number
        shown = (region[column], almelo_row[column])
        assert not all(isinstance(value, int) for value in shown), column
    # Nor does Almelo's row give its hidden cells back from its shown 'Hulp geaccepteerd'.
    hidden = [value for value in almelo_row[ACCEPTED_CELLS] if not isinstance(value, int)]
    assert len(hidden) != 1 or not isinstance(almelo_accepted, int)
    assert len(hidden) != 1 or not isinstance(region_accepted, int)


def test_terms_of_many_residents_who_accepted_help_stay_visible(client, db):
    salland = RegionFactory(name="Salland")
    zwolle = MunicipalityFactory(code="0193", name="Zwolle", region=salland)
    kampen = MunicipalityFactory(code="0166", name="Kampen", region=salland)
    for municipality in (zwolle, kampen):
        _accepted(municipality, 6)
        _accepted(municipality, 5, late=True)
        _accepted(municipality, 5, crisis=True)
    fill_chain_facts()

    zwolle_table = dashboard_tables(municipality_scope("0193", *OCTOBER), TODAY)["termijnen"]
    region = dashboard_tables(region_scope("Salland", *OCTOBER), TODAY)["termijnen"]

    assert zwolle_table.row(LID_1)[1:] == (6, 5, 0, 0, 0, 0, 0, 54.5)
    assert zwolle_table.row(LID_2)[1:] == (5, 0, 0, 0, 0, 0, 0, 100.0)
    assert region.row(LID_1)[1:] == (12, 10, 0, 0, 0, 0, 0, 54.5)
    assert "Kleine aantallen" not in region.note
    leader = UserFactory(project_leader=True, region=salland)
    csv, _ = _downloads(client, leader, gemeente="0193")
    assert f"{LID_1};6;5;0;0;0;0;0;54,5" in csv


def test_the_meldpunt_sees_the_exact_terms_of_its_own_municipality(client, twente):
    intake = UserFactory(intake=True, municipality=twente["enschede"])

    csv, xlsx = _downloads(client, intake)

    assert f"{LID_1};1;0;0;0;0;0;0;100,0" in csv
    assert f"{LID_2};0;0;0;0;0;0;1;" in csv
    assert xlsx[LID_1] == (1, 0, 0, 0, 0, 0, 0, 100)
