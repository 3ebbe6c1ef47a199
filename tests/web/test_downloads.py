"""Neutralising spreadsheet formulas in downloads (CSV injection)."""

import pytest

from vroegsignaal.web.downloads import neutralise


@pytest.mark.parametrize("value", ["=1+1", "+31 6", "-5", "@A1", "\t=1", "\r=1"])
def test_values_starting_a_formula_are_prefixed_with_an_apostrophe(value):
    assert neutralise(value) == f"'{value}"


@pytest.mark.parametrize(
    ("value", "expected"), [("Jansen", "Jansen"), (12, "12"), (None, ""), ("a=b", "a=b")]
)
def test_other_values_are_written_as_text_unchanged(value, expected):
    assert neutralise(value) == expected
