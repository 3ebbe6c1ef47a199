"""A heropaf round's result does not erase round 1's from the figures.

Rule: each contact round's end result counts in the period it was closed; a reopened melding
keeps its first round's result in the quarter it closed, while round 2 runs and after round 2
closed with a result of its own, which counts in its own quarter. A year with both closings
counts both: results, not meldingen.
Rule: a cijfer counts with the closing it was given at, as the results do.
Rule: 'Signaal tot resultaat' runs to round 1's result; a heropaf neither removes nor lengthens it.
Rule: the DDAS zaak carries the latest result reached: round 1's while round 2 is open, round
2's once it closed.
"""

import datetime as dt

import pytest

from tests.casework.factories import MeldingFactory, SignalFactory
from tests.factories import MunicipalityFactory, UserFactory
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.conversation import record_conversation
from vroegsignaal.casework.heropaf import reopen_by_heropaf, schedule_heropaf
from vroegsignaal.casework.models import MeldingSignal
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat
from vroegsignaal.monitoring.ddas_export import export_documents
from vroegsignaal.monitoring.indicators import dashboard_tables
from vroegsignaal.monitoring.scope import municipality_scope, quarter_period

D = dt.date
TODAY = D(2026, 11, 26)
SIGNAL_DATE = D(2026, 1, 20)
ADVICE = Eindresultaat.ADVIES_QUICK_FIX


# The tables about results reached; 'Uitkomsten heropaf' says where a heropaf stands now.
ABOUT_RESULTS = ("resultaten", "tevredenheid", "doorlooptijden", "trechter")


def tables(period: str | tuple) -> dict:
    start, end = quarter_period(period) if isinstance(period, str) else period
    return dashboard_tables(municipality_scope("0153", start, end, exact=True), TODAY)


def about_results(period) -> dict:
    return {key: table for key, table in tables(period).items() if key in ABOUT_RESULTS}


def results(period) -> list[tuple]:
    return tables(period)["resultaten"].rows


@pytest.fixture
def caseworker(db):
    return UserFactory(caseworker=True, municipality=MunicipalityFactory(), first_name="Cas")


@pytest.fixture
def first_round(caseworker):
    """A melding of January 2026: reached and helped in February, closed on 10 March (Q1) with
    a quick fix and a cijfer 8; the creditor was informed on 20 March, so its heropaf is
    planned."""
    melding = MeldingFactory(
        municipality=caseworker.municipality, period_start=D(2026, 1, 1),
        period_end=D(2026, 1, 31), matched_on=D(2026, 2, 2), due_on=D(2026, 2, 16),
        first_signal_on=SIGNAL_DATE, signals=0,
    )  # fmt: skip
    signal = SignalFactory(
        municipality=melding.municipality, address_key=melding.address_key,
        house_number=melding.house_number, signal_date=SIGNAL_DATE,
    )  # fmt: skip
    MeldingSignal.objects.create(signal=signal, melding=melding)
    assign(melding, caseworker, caseworker, melding.version)
    record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=D(2026, 2, 10), part_of_day=Dagdeel.MIDDAG, reached=True,
    )  # fmt: skip
    record_conversation(
        melding, caseworker, melding.version, held_on=D(2026, 2, 11), help_offered="ja",
        help_accepted="ja", cause="inkomensdaling",
    )  # fmt: skip
    close_with_result(melding, caseworker, melding.version, ADVICE, D(2026, 3, 10), satisfaction=8)
    schedule_heropaf(melding, D(2026, 3, 20))
    return melding


def reopen(melding, caseworker):
    """The heropaf on 21 September found no regular payments: contact round 2."""
    return reopen_by_heropaf(melding, caseworker, today=D(2026, 9, 21))


def close_round_two(melding, caseworker):
    """Round 2: three letters from 1 October went unanswered (the uitvoeringsnorm's attempts
    before 'geen contact'); closed on 15 October (Q4)."""
    for day in (1, 5, 8):
        record_contact_attempt(
            melding, caseworker, melding.version, kind=Contactsoort.BRIEF,
            attempted_on=D(2026, 10, day), part_of_day=Dagdeel.OCHTEND, reached=False,
        )  # fmt: skip
    close_with_result(
        melding, caseworker, melding.version, Eindresultaat.GEEN_CONTACT, D(2026, 10, 15)
    )


def test_a_reopened_melding_keeps_its_first_rounds_result_in_the_quarter_it_closed(
    first_round, caseworker
):
    sent_to_the_steering_group = about_results("2026Q1")
    assert sent_to_the_steering_group["resultaten"].rows == [(ADVICE, 1, 100.0)]

    reopen(first_round, caseworker)
    assert about_results("2026Q1") == sent_to_the_steering_group

    close_round_two(first_round, caseworker)
    assert about_results("2026Q1") == sent_to_the_steering_group
    assert results("2026Q4") == [(Eindresultaat.GEEN_CONTACT, 1, 100.0)]


def test_a_melding_closed_in_two_rounds_counts_once_per_round_in_a_period_with_both(
    first_round, caseworker
):
    reopen(first_round, caseworker)
    close_round_two(first_round, caseworker)

    year = tables((D(2026, 1, 1), D(2026, 11, 30)))

    assert year["resultaten"].rows == [
        (ADVICE, 1, 50.0),
        (Eindresultaat.GEEN_CONTACT, 1, 50.0),
    ]
    assert year["trechter"].row("Meldingen")[1] == 1


def test_a_cijfer_counts_with_the_closing_it_was_given_at(first_round, caseworker):
    q1 = tables("2026Q1")["tevredenheid"]
    assert q1.row("Enschede")[1:] == (1, 1, 100.0, 8.0, 100.0)

    reopen(first_round, caseworker)
    close_round_two(first_round, caseworker)

    assert tables("2026Q1")["tevredenheid"] == q1
    # Round 2 did not reach the resident: no closing that could give a cijfer in Q4.
    assert tables("2026Q4")["tevredenheid"].row("Enschede")[1:3] == (0, 0)


def test_the_lead_time_to_the_result_runs_to_round_ones_result_whatever_the_heropaf_does(
    first_round, caseworker
):
    def to_result():
        return tables((D(2026, 1, 1), D(2026, 1, 31)))["doorlooptijden"].row(
            "Signaal tot resultaat"
        )

    assert to_result()[1:3] == (1, 49.0)  # 20 January to 10 March
    reopen(first_round, caseworker)
    assert to_result()[1:3] == (1, 49.0)
    close_round_two(first_round, caseworker)
    assert to_result()[1:3] == (1, 49.0)


def test_the_ddas_zaak_carries_the_latest_result_reached(first_round, caseworker):
    def resultaat():
        [document] = export_documents(first_round.municipality, SIGNAL_DATE, SIGNAL_DATE)
        [zaak] = document["leveringen"][0]["vroegsignaalzaken"]
        return zaak.get("resultaat")

    assert resultaat() == ADVICE
    reopen(first_round, caseworker)
    assert resultaat() == ADVICE  # round 2 is still open: round 1's result is the latest
    close_round_two(first_round, caseworker)
    assert resultaat() == Eindresultaat.GEEN_CONTACT
