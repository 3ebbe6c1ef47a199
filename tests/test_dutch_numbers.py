"""Amounts and numbers in Dutch notation, the one place every page, report and message uses."""

import pytest

from vroegsignaal.dutch_numbers import dutch_amount, dutch_number, euros


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
