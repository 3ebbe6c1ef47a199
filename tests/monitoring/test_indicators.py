"""The indicators count the chain as the project team reads it (see conftest for the region)."""

import datetime as dt

import pytest

from tests.casework.factories import MeldingFactory, SignalFactory
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.monitoring.indicators import dashboard_tables, per_1000_per_month
from vroegsignaal.monitoring.scope import (
    ScopeError,
    municipality_scope,
    quarter_period,
    region_scope,
)

OCTOBER = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
TODAY = dt.date(2026, 12, 1)


# The counting itself: exact figures, as the meldpunt sees them (small numbers shown;
# tests/monitoring/test_protection.py hides them).
@pytest.fixture
def enschede_tables(twente):
    return dashboard_tables(municipality_scope("0153", *OCTOBER, exact=True), TODAY)


@pytest.fixture
def region_tables(twente):
    return dashboard_tables(region_scope("Twente", *OCTOBER, exact=True), TODAY)


def test_funnel_counts_each_step_with_percentages_of_meldingen(enschede_tables):
    funnel = enschede_tables["trechter"]
    assert funnel.column(0) == [
        "Signalen", "Meldingen", "Opgepakt (go)", "Eerste actie gedaan", "Bereikt",
        "Hulp geaccepteerd", "Doorverwezen",
    ]  # fmt: skip
    assert funnel.column(1) == [6, 4, 3, 3, 2, 1, 1]
    assert funnel.row("Opgepakt (go)")[2] == 75.0
    assert funnel.row("Hulp geaccepteerd")[3] == 50.0


def test_the_first_action_is_one_step_of_the_funnel_not_two(enschede_tables):
    """A first action is the first contact attempt or conversation, so a step 'Contact
    geprobeerd' (at least one attempt) beside it always carried the same number (QA). Reached
    is counted from the meldingen with a first action."""
    funnel = enschede_tables["trechter"]

    assert "Contact geprobeerd" not in funnel.column(0)
    first_action, reached = funnel.row("Eerste actie gedaan"), funnel.row("Bereikt")
    assert funnel.rows.index(reached) == funnel.rows.index(first_action) + 1
    assert reached[3] == round(100 * reached[1] / first_action[1], 1)


def test_opgepakt_means_go_as_the_signal_status_and_the_first_action_has_its_own_name(twente):
    """'Opgepakt' is DDAS's signal status: the policy picks the melding up (go), as the
    creditor's page and the matching page ('Op te pakken') say. The first contact attempt or
    conversation (DDAS datumOpgepakt) is 'Eerste actie gedaan': a go melding nobody has acted on
    yet counts as opgepakt, not as a first action (QA: 'Opgepakt 0' while 459 were go)."""
    tables = dashboard_tables(municipality_scope("0164", *OCTOBER), TODAY)  # M5: nothing done

    funnel = tables["trechter"]
    assert funnel.row("Opgepakt (go)")[1] == 1 and funnel.row("Eerste actie gedaan")[1] == 0
    assert "Opgepakt" not in funnel.column(0)
    assert tables["trend"].columns == (
        "Maand", "Signalen", "Meldingen", "Opgepakt (go)", "Eerste actie gedaan", "Bereikt"
    )  # fmt: skip
    assert tables["trend"].rows == [("okt 2026", 1, 1, 1, 0, 0)]
    assert "Eerste actie gedaan: de gemeente heeft voor het eerst geprobeerd" in funnel.note
    assert "levert de gemeente aan CBS als de datum van oppakken" in funnel.note


def test_signals_per_1000_inhabitants_per_month_per_municipality_and_region(region_tables):
    table = region_tables["per-1000-inwoners"]
    assert table.row("Enschede")[2:] == (6, round(6 * 1000 / 160_000, 2))
    assert table.row("Totaal")[2] == 7
    assert per_1000_per_month(4000, 1_000_000) == 4.0
    assert per_1000_per_month(10, 0) is None


def test_splits_by_partner_type_flag_and_queue(enschede_tables):
    assert enschede_tables["signaalpartner"].row("Energie")[1:] == (3, 50.0)
    assert enschede_tables["soort-melding"].row("Meervoudig")[1] == 1
    assert enschede_tables["soort-melding"].row("Crisis")[1] == 1
    assert "Geen werkbakje" not in enschede_tables["werkbakje"].column(0)  # M3 is a no-go
    assert enschede_tables["werkbakje"].row("Huisbezoek")[1] == 2


def test_reach_by_contact_kind_and_part_of_day(enschede_tables):
    assert enschede_tables["bereik-contactsoort"].row("Huisbezoek")[1:] == (2, 1, 50.0)
    assert enschede_tables["bereik-contactsoort"].row("Telefoon")[1:] == (1, 1, 100.0)
    assert enschede_tables["bereik-dagdeel"].row("Ochtend")[1:] == (1, 0, 0.0)  # the visit


def test_results_count_the_end_results_reached_in_the_period(twente, enschede_tables):
    # October's meldingen were closed in November: their results count there, not in October.
    assert enschede_tables["resultaten"].rows == []
    november = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    results = dashboard_tables(municipality_scope("0153", *november, exact=True), TODAY)[
        "resultaten"
    ]
    assert results.row("Vervolghulp en/of verwijzing financieel")[1:] == (1, 33.3)
    assert sum(results.column(1)) == 3
    assert results.columns == ("Eindresultaat", "Aantal", "% van eindresultaten")
    assert "telt zo één keer per ronde" in results.note


def test_lead_times_are_medians_and_90th_percentiles_in_days(enschede_tables):
    # First signals are on 20 October; attempts on 3 Nov (M1), 2 Nov (M2), 20 Nov (M4).
    first_attempt = enschede_tables["doorlooptijden"].row("Signaal tot eerste contactpoging")
    assert first_attempt[1:3] == (3, 14.0)
    assert first_attempt[3] == pytest.approx(27.6)
    to_result = enschede_tables["doorlooptijden"].row("Signaal tot resultaat")
    assert to_result[1] == 2  # M1 and M2; M3 is a no-go


def test_deadline_compliance_counts_late_pick_up_and_statutory_conversation(enschede_tables):
    table = enschede_tables["termijnen"]
    # Due on 16 November: M1 and M2 on time, M4 late (20 Nov); M3 was no-go.
    assert table.row("Oppakken binnen termijn gemeente")[1:] == (2, 1, 0, 0, 0, 0, None, 66.7)
    # M1 accepted and talked the same day (Wgs art. 4 lid 1); M2 (crisis, lid 2) was closed
    # without its resident accepting help, so its term never began.
    assert table.rows[1][1:] == (1, 0, 0, 0, 0, 0, 0, 100.0)
    assert table.rows[2][1:] == (0, 0, 0, 0, 0, 0, 1, None)


def test_a_closed_melding_stops_its_term_rather_than_leaving_it_overdue(twente):
    # As on the melding page (casework.terms): closed before the due date, the term lapsed;
    # closed after it without the conversation, the term was missed, unless help was never
    # accepted (Wgs art. 4 lid 2 binds from acceptance): then it lapsed. None is still open.
    for closed_on, accepted_on, result in (
        (dt.date(2026, 11, 4), None, Eindresultaat.GEEN_CONTACT),
        (dt.date(2026, 11, 10), dt.date(2026, 11, 2), Eindresultaat.REGELT_ZELF),
        (dt.date(2026, 11, 10), None, Eindresultaat.GEEN_CONTACT),
    ):
        MeldingFactory(
            municipality=twente["enschede"], first_signal_on=dt.date(2026, 10, 20), crisis=True,
            picked_up_on=dt.date(2026, 11, 2), state="closed", closed_on=closed_on,
            accepted_on=accepted_on, result=result,
        )  # fmt: skip
    scope = municipality_scope("0153", *OCTOBER, exact=True)
    table = dashboard_tables(scope, TODAY)["termijnen"]

    assert table.columns == (
        "Termijn", "Op tijd", "Te laat", "Niet gehaald (afgesloten)", "Verlopen (open)",
        "Afgesloten binnen termijn", "Loopt nog", "Geen hulp geaccepteerd", "% op tijd",
    )  # fmt: skip
    # M1 on time (lid 1); the crisis term (lid 2): M2, the first and the third new one were
    # closed without help accepted, the second one missed its term.
    assert table.rows[1][1:] == (1, 0, 0, 0, 0, 0, 0, 100.0)
    assert table.rows[2][1:] == (0, 0, 1, 0, 0, 0, 3, 0.0)


def test_heropaf_outcome_counts_restored_payments(enschede_tables):
    assert enschede_tables["heropaf"].row("Betalingen lopen weer (hersteld)")[1] == 1


def test_trend_has_one_row_per_month(enschede_tables):
    assert enschede_tables["trend"].rows == [("okt 2026", 6, 4, 3, 3, 2)]
    assert enschede_tables["trend"].note == ""


def test_the_running_month_is_marked_in_the_trend(twente):
    table = dashboard_tables(municipality_scope("0153", *OCTOBER), dt.date(2026, 10, 20))["trend"]
    assert table.rows == [("okt 2026 (lopend)", 6, 4, 3, 3, 2)]
    assert "nog niet afgelopen" in table.note


def test_region_shows_municipalities_side_by_side(region_tables, enschede_tables):
    table = region_tables["gemeenten"]
    assert table.column(0) == ["Enschede", "Hengelo"]
    hengelo = dict(zip(table.columns, table.row("Hengelo"), strict=True))
    assert table.row("Hengelo")[1:4] == (1, 0.01, 1)
    assert (hengelo["% go"], hengelo["% eerste actie gedaan"]) == (100.0, 0.0)
    assert "gemeenten" not in enschede_tables


def test_side_by_side_shows_the_go_share_and_reach_of_go_meldingen(region_tables):
    """A policy of two signals makes most meldingen a no-go; '% go' shows that choice and
    '% bereikt van go' how well the meldingen taken on were reached (Enschede: 3 of 4 go,
    2 of those 3 reached)."""
    table = region_tables["gemeenten"]
    enschede = dict(zip(table.columns, table.row("Enschede"), strict=True))
    assert (enschede["Meldingen"], enschede["% go"], enschede["% bereikt"]) == (4, 75.0, 50.0)
    assert enschede["% bereikt van go"] == 66.7


def test_no_table_carries_personal_data(twente, region_tables):
    cells = {str(cell) for table in region_tables.values() for row in table.rows for cell in row}
    assert not cells & {"123456782", "7511AB", "Jansen", "Oldenzaalsestraat"}


def test_quarter_and_scope_errors_are_dutch():
    assert quarter_period("2026Q3") == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    with pytest.raises(ScopeError, match="Kwartaal '2026Q5' is ongeldig"):
        quarter_period("2026Q5")
    with pytest.raises(ScopeError, match="ligt vóór de begindatum"):
        municipality_scope("0153", dt.date(2026, 2, 1), dt.date(2026, 1, 1))


@pytest.mark.parametrize(
    "text",
    ["2026Q3", "2026q3", "2026-K3", "2026 K3", "K3 2026", "2026-Q3", "k3-2026", " 2026 - q3 "],
)
def test_a_quarter_may_be_written_the_ways_people_write_it(text):
    assert quarter_period(text) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))


@pytest.mark.parametrize("text", ["2026K5", "K3", "2026-3", "Q3 26", "2026Q3 2027"])
def test_a_quarter_that_is_not_one_is_refused_in_dutch(text):
    with pytest.raises(ScopeError, match="is ongeldig; schrijf bijvoorbeeld 2026Q3"):
        quarter_period(text)


def test_a_period_without_data_gives_empty_tables_not_errors(twente):
    tables = dashboard_tables(
        region_scope("Twente", dt.date(2027, 1, 1), dt.date(2027, 3, 31)), TODAY
    )
    assert tables["trechter"].column(1) == [0, 0, 0, 0, 0, 0, 0]
    assert tables["doorlooptijden"].rows[0][1:] == (0, None, None)
    assert tables["trend"].rows == []


def test_lead_times_count_only_meldingen_picked_up_by_policy(twente):
    # M3 is a no-go closed by matching on 2 November; a go melding closed as 'Inwoner is
    # overleden' before anyone picked it up is not picked up either: neither has a lead time.
    MeldingFactory(
        municipality=twente["enschede"], first_signal_on=dt.date(2026, 10, 20), state="closed",
        result=Eindresultaat.OVERLEDEN, closed_on=dt.date(2026, 11, 3),
    )  # fmt: skip
    table = dashboard_tables(municipality_scope("0153", *OCTOBER), TODAY)["doorlooptijden"]

    # Signal tot resultaat: M1 (20 Oct → 20 Nov, 31 days) and M2 (20 Oct → 4 Nov, 15 days).
    assert table.row("Signaal tot resultaat")[1:3] == (2, 23.0)
    assert table.columns[1] == "Meldingen (go)"
    assert "no-go" in table.note
    # Nor do they count against the municipality's pick-up term.
    assert dashboard_tables(municipality_scope("0153", *OCTOBER), TODAY)["termijnen"].row(
        "Oppakken binnen termijn gemeente"
    )[1:] == (2, 1, 0, 0, 0, 0, None, 66.7)


def test_meldingen_per_queue_count_go_meldingen_with_their_reach(enschede_tables):
    table = enschede_tables["werkbakje"]
    assert table.columns == (
        "Werkbakje", "Meldingen (go)", "% van go-meldingen", "Bereikt", "% bereikt",
    )  # fmt: skip
    assert table.column(0) == ["Huisbezoek", "Brief"]
    assert table.row("Huisbezoek")[1:] == (2, 66.7, 2, 100.0)
    assert table.row("Brief")[1:] == (1, 33.3, 0, 0.0)
    assert "1 no-go-melding (niet opgepakt" in table.note


def test_reach_per_part_of_day_counts_only_attempts_that_can_reach_at_that_moment(
    enschede_tables,
):
    table = enschede_tables["bereik-dagdeel"]
    # Ochtend: M1's missed home visit counts; its kaartje and M4's letter do not.
    assert table.row("Ochtend")[1:] == (1, 0, 0.0)
    assert table.row("Middag")[1:] == (1, 1, 100.0)
    assert table.row("Avond")[1:] == (1, 1, 100.0)
    assert "afspraak op locatie, huisbezoek en telefoon" in table.note
    # Per contact kind every kind stays.
    assert enschede_tables["bereik-contactsoort"].row("Brief")[1:] == (1, 0, 0.0)


def test_a_card_counts_as_a_contactpoging_of_its_own_kind_as_in_the_national_delivery(
    enschede_tables,
):
    """A kaartje after a missed visit is DDAS contactsoort Kaartje, so the national delivery
    holds it as a contactpoging; the reach per contact kind counts it the same and says so."""
    table = enschede_tables["bereik-contactsoort"]

    assert table.row("Kaartje")[1:] == (1, 0, 0.0)
    assert table.row("Huisbezoek")[1:] == (2, 1, 50.0)
    assert "Een kaartje na een gemist huisbezoek telt als eigen contactpoging" in table.note


def test_signals_per_month_leave_out_the_running_month(twente):
    november = dt.date(2026, 11, 15)
    tables = dashboard_tables(
        region_scope("Twente", dt.date(2026, 10, 1), dt.date(2026, 11, 30)), november
    )
    table = tables["per-1000-inwoners"]
    # October is complete: 6 signals over one month, not over October and half a November.
    assert table.row("Enschede")[2:] == (6, round(6 * 1000 / 160_000, 2))
    assert "lopende maand" in table.note
    assert tables["gemeenten"].row("Enschede")[2] == round(6 * 1000 / 160_000, 2)


def test_a_period_of_only_the_running_month_has_no_rate_per_month(twente):
    table = dashboard_tables(municipality_scope("0153", *OCTOBER), dt.date(2026, 10, 20))[
        "per-1000-inwoners"
    ]
    assert table.row("Enschede")[2:] == (6, None)
    assert "lopende maand" in table.note


def test_the_rate_per_month_counts_from_the_first_month_with_signals_not_from_an_earlier_van(
    twente,
):
    """A period from 2020 over data from October 2026 on: October and November count (a
    complete month without signals after the first counts), not 82 empty months."""
    scope = region_scope("Twente", dt.date(2020, 1, 1), dt.date(2030, 12, 31))
    tables = dashboard_tables(scope, TODAY)
    table = tables["per-1000-inwoners"]

    assert table.row("Enschede")[2:] == (6, round(6 * 1000 / 160_000 / 2, 2))
    assert table.row("Totaal")[2:] == (7, round(7 * 1000 / 240_000 / 2, 2))
    assert tables["gemeenten"].row("Hengelo")[2] == round(1 * 1000 / 80_000 / 2, 2)
    assert "vóór de eerste signalen tellen niet mee: per maand vanaf okt 2026" in table.note


def test_each_municipality_counts_its_months_from_its_own_first_signal(twente):
    SignalFactory(
        municipality=twente["hengelo"], creditor=twente["m1"].signal_links.first().signal.creditor,
        address_key="7550AA-1", signal_date=dt.date(2026, 9, 15),
    )  # fmt: skip
    scope = region_scope("Twente", dt.date(2026, 1, 1), dt.date(2026, 11, 30))
    table = dashboard_tables(scope, TODAY)["per-1000-inwoners"]

    assert table.row("Enschede")[3] == round(6 * 1000 / 160_000 / 2, 2)
    assert table.row("Hengelo")[3] == round(2 * 1000 / 80_000 / 3, 2)
    # The region: signals per 1,000 inhabitant-months of its municipalities.
    assert table.row("Totaal")[3] == round(8 * 1000 / (160_000 * 2 + 80_000 * 3), 2)
    assert "per gemeente vanaf haar eerste maand met signalen (vanaf sep 2026)" in table.note


def test_a_period_before_the_first_signals_has_no_rate_and_says_why(twente):
    scope = region_scope("Twente", dt.date(2019, 1, 1), dt.date(2019, 3, 31))
    table = dashboard_tables(scope, TODAY)["per-1000-inwoners"]

    assert table.row("Totaal")[2:] == (0, None)
    assert "ligt vóór de eerste signalen" in table.note
