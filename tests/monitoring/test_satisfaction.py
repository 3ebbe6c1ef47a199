"""The table 'Tevredenheid inwoners': responses, average cijfer and voldoende per municipality."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.monitoring.conftest import fill_chain_facts
from vroegsignaal.casework.models import ContactAttempt
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.monitoring.indicators import dashboard_tables
from vroegsignaal.monitoring.report_tables import report_tables
from vroegsignaal.monitoring.scope import municipality_scope, region_scope

OCTOBER = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
CLOSED_ON = dt.date(2026, 10, 20)
TODAY = dt.date(2026, 11, 25)
COLUMNS = (
    "Gemeente",
    "Bereikt en afgesloten",
    "Cijfer gegeven",
    "% cijfer gegeven",
    "Gemiddeld cijfer",
    "% voldoende (6 of hoger)",
)


def _closed(municipality, satisfaction, reached=True, **fields):
    """A melding of October closed on 20 October with the cijfer ``satisfaction``, its resident
    reached in that contact round unless not ``reached``."""
    fields = {"result": Eindresultaat.ADVIES_QUICK_FIX, "state": "closed",
              "closed_on": CLOSED_ON, **fields}  # fmt: skip
    melding = MeldingFactory(
        municipality=municipality, satisfaction=satisfaction, signals=0, **fields
    )
    if reached:
        ContactAttempt.objects.create(
            melding=melding, kind="Telefoon", attempted_on=CLOSED_ON, part_of_day="Ochtend",
            reached=True,
        )  # fmt: skip
    fill_chain_facts()
    return melding


@pytest.fixture
def region(db):
    """Enschede: cijfers 8 and 5, two not asked; Hengelo: 7 and one not asked; Almelo: none.
    Not counted: a cijfer given at a closing in September (the closing counts in its own
    period, whatever the melding's matching month), and closures of residents who were never
    reached (most closures: signals not picked up), even one with a cijfer on record."""
    twente = RegionFactory(name="Twente")
    enschede = MunicipalityFactory(code="0153", name="Enschede", region=twente)
    hengelo = MunicipalityFactory(code="0164", name="Hengelo", region=twente)
    MunicipalityFactory(code="0141", name="Almelo", region=twente)
    for cijfer in (8, 5, None, None):
        _closed(enschede, cijfer)
    for cijfer in (7, None):
        _closed(hengelo, cijfer)
    _closed(enschede, 2, closed_on=dt.date(2026, 9, 25))
    for _ in range(3):
        _closed(hengelo, None, reached=False, result=Eindresultaat.ANDERE_REDEN)
    _closed(enschede, 4, reached=False, result=Eindresultaat.GEEN_CONTACT)
    return twente


def test_satisfaction_table_counts_responses_average_and_voldoende_per_municipality(region):
    # Exact, to check the counting: a project leader sees these few cijfers hidden (below).
    table = dashboard_tables(region_scope("Twente", *OCTOBER, exact=True), TODAY)["tevredenheid"]

    assert table.title == "Tevredenheid inwoners"
    assert table.columns == COLUMNS
    assert table.rows == [
        ("Almelo", 0, 0, None, None, None),
        ("Enschede", 4, 2, 50.0, 6.5, 50.0),
        ("Hengelo", 2, 1, 50.0, 7.0, 100.0),
        ("Totaal", 6, 3, 50.0, 6.7, 66.7),
    ]


def test_satisfaction_average_rounds_half_up_like_a_rapportcijfer(region):
    enschede = region.municipalities.get(code="0153")
    _closed(enschede, 6)
    _closed(enschede, 6)

    # Enschede: 8 + 5 + 6 + 6 = 25 over 4 cijfers = 6.25, shown as 6.3.
    scope = municipality_scope("0153", *OCTOBER, exact=True)
    table = dashboard_tables(scope, TODAY)["tevredenheid"]

    assert table.rows == [("Enschede", 6, 4, 66.7, 6.3, 75.0)]


def test_the_quarterly_report_has_the_same_satisfaction_table(region):
    scope = region_scope("Twente", *OCTOBER)

    report = report_tables(scope, TODAY)["tevredenheid"]

    assert report == dashboard_tables(scope, TODAY)["tevredenheid"]


def test_project_leader_sees_and_downloads_the_satisfaction_table(client, region):
    """Three cijfers in all: every average and share of voldoendes would be a resident's own
    (or two), so the project leader sees 'x' for them, on the page and in the download. The
    reached closings of each municipality are its count of advice ('< 5' in the end results),
    so they are left out too, with the response percentage that would give them back."""
    client.force_login(UserFactory(project_leader=True, region=region))
    period = {"van": "2026-10-01", "tot": "2026-10-31"}

    page = client.get(reverse("monitoring:dashboard"), period).content.decode()
    csv = client.get(reverse("monitoring:download", args=["tevredenheid", "csv"]), period)

    assert "Tevredenheid inwoners" in page
    assert "Enschede;x;2;x;x;x\r\nHengelo;x;1;x;x;x\r\nTotaal;6;3;50,0;x;x" in (
        csv.content.decode("utf-8-sig")
    )


def test_an_average_of_at_least_five_cijfers_is_shown_to_the_project_leader(region):
    enschede = region.municipalities.get(code="0153")
    hengelo = region.municipalities.get(code="0164")
    for cijfer in (7, 8, 9):
        _closed(enschede, cijfer)
    for cijfer in (6, 6, 8, 9, 4):
        _closed(hengelo, cijfer)

    table = dashboard_tables(region_scope("Twente", *OCTOBER), TODAY)["tevredenheid"]

    # Enschede 8, 5, 7, 8, 9 and Hengelo 7, 6, 6, 8, 9, 4: both at least five cijfers. Their
    # reached closings are their advice, hidden in the end results beside the one 'geen
    # contact' and the three 'andere reden' (whose shares would give them back).
    assert table.rows[1:] == [
        ("Enschede", "x", 5, "x", 7.4, 80.0),
        ("Hengelo", "x", 6, "x", 6.7, 83.3),
        ("Totaal", 14, 11, 78.6, 7.0, 81.8),
    ]


def test_a_hidden_average_cannot_be_worked_back_from_the_total_and_the_others(region):
    """Hengelo's one cijfer beside Enschede's seven and a regional average of eight would be
    (8 x total - 7 x Enschede's); Enschede's average is hidden too, in the region and on
    Enschede's own page, while the total of eight is shown."""
    enschede = region.municipalities.get(code="0153")
    for cijfer in (7, 8, 9, 6, 7):
        _closed(enschede, cijfer)

    region_table = dashboard_tables(region_scope("Twente", *OCTOBER), TODAY)["tevredenheid"]
    own = dashboard_tables(municipality_scope("0153", *OCTOBER), TODAY)["tevredenheid"]

    assert region_table.row("Hengelo")[4:] == ("x", "x")
    assert region_table.row("Enschede")[4:] == ("x", "x")
    assert region_table.row("Totaal")[2:] == (8, 72.7, 7.1, 87.5)
    assert own.rows == [("Enschede", "x", 7, "x", "x", "x")]  # 9: the hidden advice
    assert "'x' is weggelaten" in own.note
