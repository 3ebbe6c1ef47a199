"""Neutralising spreadsheet formulas in downloads (CSV injection)."""

import pytest

from vroegsignaal.web.downloads import neutralise


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+1+1", "-2+3", "-1e5", "+A1", "-SUM(A1)", "+31 6\n=1", "@A1", "\t=1", "\r=1"],
)
def test_values_starting_a_formula_are_prefixed_with_an_apostrophe(value):
    assert neutralise(value) == f"'{value}"


@pytest.mark.parametrize(
    "value", ["+31632955055", "+31 (0)6 12-34 56 78", "-5", "-12,50", "- € 1.234,56"]
)
def test_phone_numbers_and_amounts_keep_their_sign_without_an_apostrophe(value):
    # Digits and number punctuation only: nothing that a formula could call.
    assert neutralise(value) == value


@pytest.mark.parametrize(
    ("value", "expected"), [("Jansen", "Jansen"), (12, "12"), (None, ""), ("a=b", "a=b")]
)
def test_other_values_are_written_as_text_unchanged(value, expected):
    assert neutralise(value) == expected
