"""Two adjacent digits swapped within the day, month or year of a birth date (1975 typed as
1957, 12-03 as 21-03) are a classic typo: the signal is the same person, within a melding and
against the BRP extract. A swap across fields, or two digits that differ otherwise, is not."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.matching.test_engine_brp_blocking import _persons
from tests.matching.test_engine_person_conflicts import persons
from tests.matching.test_engine_rules import brp, match, signals

from vroegsignaal.matching.engine import vocabulary as v
from vroegsignaal.matching.engine.persons import candidate_pairs

D = dt.date
VRIES = {"initials": "P.", "surname_prefix": "de", "surname": "Vries"}
BORN = D(1975, 5, 5)

# (birth date in the BRP or first signal, the same date with two adjacent digits swapped)
ADJACENT_SWAPS = [
    pytest.param(D(1975, 5, 5), D(1957, 5, 5), id="year 1975/1957"),
    pytest.param(D(1980, 3, 12), D(1980, 3, 21), id="day 12/21"),
    pytest.param(D(1980, 10, 4), D(1980, 1, 4), id="month 10/01"),
]


@pytest.mark.parametrize(("born", "typed"), ADJACENT_SWAPS)
def test_two_adjacent_digits_swapped_in_the_birth_date_are_one_person_in_a_melding(born, typed):
    assert persons(
        {**VRIES, "birth_date": born}, {**VRIES, "birth_date": typed, "partner_type": "Water"}
    ) == [{1, 2}]


@pytest.mark.parametrize(
    ("born", "typed"),
    [
        # Neighbours in YYYYMMDD, but in different fields: not one typed number.
        pytest.param(D(1970, 12, 3), D(1971, 2, 3), id="year and month"),
        pytest.param(D(1980, 1, 23), D(1980, 2, 13), id="month and day"),
        pytest.param(D(1975, 5, 5), D(1986, 5, 5), id="two digits differ"),
        pytest.param(D(1975, 5, 5), D(1957, 5, 6), id="a swap and one more digit"),
    ],
)
def test_other_birth_dates_two_digits_apart_stay_two_persons(born, typed):
    assert persons({**VRIES, "birth_date": born}, {**VRIES, "birth_date": typed}) == [{1}, {2}]


def test_twins_stay_apart_when_a_third_signal_has_their_birth_year_swapped():
    # J. and K. share surname and birth date; a signal without initials born '1957' fits both.
    twins = {"surname": "Appelman", "surname_prefix": "", "birth_date": BORN}
    assert persons(
        {**twins, "initials": "J."},
        {**twins, "initials": "K."},
        {**twins, "initials": "", "birth_date": D(1957, 5, 5)},
    ) == [{1}, {2}, {3}]


def test_a_swapped_birth_year_finds_the_resident_in_the_brp_at_the_address():
    """QA7 M2: P. de Vries, born 05-05-1975, lives there; the water company typed 1957."""
    result = match(
        signals({**VRIES, "birth_date": D(1957, 5, 5)}),
        brp=brp({**VRIES, "initials": "P", "birth_date": BORN}),
    )
    row = result.signals.row(0, named=True)
    assert (row["status"], row["status_reason"], row["brp_note"]) == (v.OPGEPAKT, "", None)
    assert (row["brp_initials"], row["brp_surname"]) == ("P", "Vries")


@pytest.mark.parametrize(("born", "typed"), ADJACENT_SWAPS)
def test_a_swapped_birth_date_finds_the_resident_at_another_address_in_the_brp(born, typed):
    result = match(
        signals({**VRIES, "birth_date": typed}),
        brp=brp({**VRIES, "birth_date": born, "house_number": 40}),
    )
    row = result.signals.row(0, named=True)
    assert row["status"] == v.OPGEPAKT
    assert row["brp_note"] == "Volgens de BRP woonachtig op ander adres: 7511AB 40"


@pytest.mark.parametrize(("born", "typed"), ADJACENT_SWAPS)
def test_brp_blocking_pairs_a_signal_with_the_resident_whose_birth_date_it_swapped(born, typed):
    probe = _persons([{"birth_date": typed, "house_number": 12}], "signal_id")
    resident = _persons([{"birth_date": born, "house_number": 40}], "row_id")
    assert candidate_pairs(probe, resident, name_needs_address=False)["row_id"].to_list() == [0]


def test_the_brp_prefers_the_resident_with_the_exact_birth_date_over_a_swapped_one():
    # Father (1957, deceased) and son (1975) of one name at one address: the signal born 1957
    # is the father's, not the son's with the digits swapped.
    result = match(
        signals({**VRIES, "birth_date": D(1957, 5, 5)}, {**VRIES, "birth_date": BORN}),
        brp=brp(
            {**VRIES, "birth_date": BORN},
            {**VRIES, "birth_date": D(1957, 5, 5), "death_date": D(2025, 6, 1)},
        ),
    )
    assert result.signals["status"].to_list() == [v.OVERLEDEN, v.OPGEPAKT]
