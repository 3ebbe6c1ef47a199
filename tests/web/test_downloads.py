"""Neutralising spreadsheet formulas in downloads (CSV injection)."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from vroegsignaal.web.downloads import csv_response, neutralise, xlsx_response


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


def test_dates_and_moments_are_date_cells_in_an_xlsx_download_with_a_dutch_format():
    """Rule: Excel sorts and filters dates only when they are date cells, not text; a moment is
    written as the Dutch clock showed it (Excel has no time zones)."""
    day = dt.date(2026, 8, 6)
    moment = timezone.make_aware(dt.datetime(2026, 11, 23, 15, 5), dt.UTC)  # 16:05 in NL

    response = xlsx_response("x.xlsx", ["Dag", "Moment", "Tekst"], [[day, moment, "=1+1"]])

    dag, tijd, tekst = load_workbook(io.BytesIO(response.content)).active[2]
    assert (dag.value.date(), dag.number_format) == (day, "dd-mm-yyyy")
    assert (tijd.value, tijd.number_format) == (
        dt.datetime(2026, 11, 23, 16, 5),
        "dd-mm-yyyy hh:mm",
    )
    assert tekst.value == "'=1+1" and tekst.data_type == "s"


def test_dates_and_moments_are_dutch_text_in_a_csv_download():
    moment = timezone.make_aware(dt.datetime(2026, 11, 23, 15, 5), dt.UTC)
    response = csv_response("x.csv", ["Dag", "Moment"], [[dt.date(2026, 8, 6), moment]])
    assert response.content.decode("utf-8-sig").split("\r\n")[1] == "06-08-2026;23-11-2026 16:05"
