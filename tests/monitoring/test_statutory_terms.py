"""Termijnen gehaald: the statutory first conversation (Wgs art. 4) in two rows, because steering
groups ask for the crisis term (lid 2, 3 working days) apart from the usual one (lid 1, 4 weeks).
QA9 B9: one row held both, so the crisis term could not be reported."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.factories import MunicipalityFactory, UserFactory
from tests.monitoring.conftest import fill_chain_facts
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.monitoring.indicators import dashboard_tables
from vroegsignaal.monitoring.scope import municipality_scope

D = dt.date
OCTOBER = (D(2026, 10, 1), D(2026, 10, 31))
TODAY = D(2027, 1, 15)
LID_1 = "Eerste gesprek binnen wettelijke termijn, Wgs art. 4 lid 1: binnen 4 weken"
LID_2 = (
    "Eerste gesprek binnen wettelijke termijn, Wgs art. 4 lid 2, crisissignaal: binnen 3 werkdagen"
)


@pytest.fixture
def almelo(twente):
    """Four go meldingen of October in Almelo whose residents accepted help, each term met or
    missed by one day across a weekend or the Christmas holidays (Atw)."""
    almelo = MunicipalityFactory(code="0141", name="Almelo", region=twente["region"])
    for crisis, accepted_on, conversation_on in (
        # Thu 19 Nov: Fri, Mon, Tue 24 Nov; Wednesday is a day late.
        (True, D(2026, 11, 19), D(2026, 11, 25)),
        # Wed 23 Dec: Thu 24, (Christmas Fri 25), Mon 28, Tue 29 Dec: on time.
        (True, D(2026, 12, 23), D(2026, 12, 29)),
        # Fri 27 Nov + 4 weeks is Christmas Day; the term runs on to Monday 28 Dec: on time.
        (False, D(2026, 11, 27), D(2026, 12, 28)),
        # Thu 5 Nov + 4 weeks is Thu 3 Dec; Friday is a day late.
        (False, D(2026, 11, 5), D(2026, 12, 4)),
    ):
        MeldingFactory(
            municipality=almelo, is_crisis=crisis, picked_up_on=D(2026, 11, 3),
            accepted_on=accepted_on, first_conversation_on=conversation_on,
            state="conversation_held",
        )  # fmt: skip
    fill_chain_facts()
    return almelo


def test_the_crisis_term_and_the_four_week_term_each_have_their_own_row(almelo):
    table = dashboard_tables(municipality_scope("0141", *OCTOBER, exact=True), TODAY)["termijnen"]

    assert table.column(0) == ["Oppakken binnen termijn gemeente", LID_1, LID_2]
    # On time, late, missed, overdue, lapsed, still running, % on time.
    assert table.row(LID_1)[1:] == (1, 1, 0, 0, 0, 0, 50.0)
    assert table.row(LID_2)[1:] == (1, 1, 0, 0, 0, 0, 50.0)


def test_a_crisis_melding_not_yet_accepted_has_no_statutory_term_yet(almelo):
    # The 3 working days bind from acceptance (Wgs art. 4 lid 2): an open crisis melding
    # matched on 2 Nov without acceptance is not 'Verlopen' in the statutory row; its urgency
    # is the municipality's pick-up term.
    MeldingFactory(municipality=almelo, is_crisis=True)
    fill_chain_facts()

    table = dashboard_tables(municipality_scope("0141", *OCTOBER, exact=True), TODAY)["termijnen"]

    assert table.row(LID_2)[1:] == (1, 1, 0, 0, 0, 0, 50.0)
    assert table.row(LID_1)[1:] == (1, 1, 0, 0, 0, 0, 50.0)


def test_a_melding_whose_resident_never_accepted_help_counts_as_lapsed_not_late(almelo):
    # QA10 B4 (VS-483): a conversation answered 'Nee' after the crisis melding's 3 working days,
    # then closed 'Inwoner regelt het zelf'. No statutory term started: 'Vervallen', as on the
    # melding page, not 'Te laat'. The same for the four weeks of lid 1.
    for crisis in (True, False):
        MeldingFactory(
            municipality=almelo, is_crisis=crisis, picked_up_on=D(2026, 11, 3),
            first_conversation_on=D(2026, 11, 30), state="closed",
            result=Eindresultaat.REGELT_ZELF, closed_on=D(2026, 12, 1),
        )  # fmt: skip
    fill_chain_facts()

    table = dashboard_tables(municipality_scope("0141", *OCTOBER, exact=True), TODAY)["termijnen"]

    assert table.row(LID_2)[1:] == (1, 1, 0, 0, 1, 0, 50.0)
    assert table.row(LID_1)[1:] == (1, 1, 0, 0, 1, 0, 50.0)


def test_the_project_leaders_download_of_the_terms_has_both_rows(client, almelo, twente):
    client.force_login(UserFactory(project_leader=True, region=twente["region"]))
    query = {"van": "2026-10-01", "tot": "2026-10-31", "gemeente": "0141"}

    csv = client.get(reverse("monitoring:download", args=["termijnen", "csv"]), query)
    page = client.get(reverse("monitoring:dashboard"), query).content.decode()

    text = csv.content.decode("utf-8-sig")
    # The chain's own work is not hidden as small numbers (docs/monitoring.md): exact counts.
    assert f"{LID_1};1;1;0;0;0;0;50,0" in text
    assert f"{LID_2};1;1;0;0;0;0;50,0" in text
    assert "Wgs art. 4 lid 2, crisissignaal: binnen 3 werkdagen" in page
