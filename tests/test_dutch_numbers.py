"""Amounts and numbers in Dutch notation, the one place every page, report and message uses."""

import pytest

from vroegsignaal.dutch_numbers import (
    counted,
    dutch_amount,
    dutch_number,
    dutch_percentage,
    euros,
    round_half_up,
)


@pytest.mark.parametrize(
    ("cents", "text"),
    [(0, "0,00"), (7500, "75,00"), (123456, "1.234,56"), (100000000, "1.000.000,00"),
     (-7505, "-75,05"), (5, "0,05")],
)  # fmt: skip
def test_amounts_in_cents_get_a_thousands_dot_and_a_decimal_comma(cents, text):
    assert dutch_amount(cents) == text
    assert euros(cents) == f"€ {text}"


def test_numbers_keep_their_kind_and_decimals():
    assert [dutch_number(30744), dutch_number(2.5), dutch_number(4.0, 2), dutch_number(None)] == [
        "30.744", "2,5", "4,00", "–",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [(31.25, 1, "31,3"), (43.75, 1, "43,8"), (2.675, 2, "2,68"), (0.05, 1, "0,1"),
     (-0.04, 1, "0,0"), (1234.45, 1, "1.234,5")],
)  # fmt: skip
def test_a_half_is_rounded_up_as_a_spreadsheet_does_not_to_even(value, decimals, text):
    """Telefoon: 25 of 80 attempts reached is 31,25 %: '31,3', as Excel gives from the same
    figures (Python's round and format go to even: '31,2')."""
    assert dutch_number(value, decimals) == text
    assert round_half_up(value, decimals) == float(text.replace(".", "").replace(",", "."))


def test_a_percentage_of_the_monitoring_is_rounded_half_up():
    from vroegsignaal.monitoring.tables import percentage

    assert percentage(25, 80) == 31.3


@pytest.mark.parametrize(
    ("count", "text"),
    [(0, "0 signalen"), (1, "1 signaal"), (2, "2 signalen"), (1234, "1.234 signalen")],
)
def test_a_count_takes_the_singular_only_for_one(count, text):
    assert counted(count, "signaal", "signalen") == text


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [
        (79, 136, "58%"),
        (136, 136, "100%"),
        (0, 136, "0%"),
        (4490, 4499, "99,8%"),  # QA14 B8: 9 rows against 4.499 said '100% minder'
        (3, 4499, "0,1%"),
        (99_999, 100_000, "99,9%"),
        (314, 136, "231%"),
        (12_345, 100, "12.345%"),
    ],
)
def test_a_percentage_is_whole_but_never_says_all_or_nothing_of_a_part_that_is_not(
    part, whole, text
):
    assert dutch_percentage(part, whole) == text
