"""Creditors find the whole delivery format in the app, with an example file made from the same
column definitions the reader uses; docs/aanleverformaat.md names the same columns."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from tests.factories import UserFactory
from tests.page_text import page_text

from vroegsignaal.intake.columns import CANONICAL_COLUMNS, COLUMNS, REQUIRED_COLUMNS
from vroegsignaal.intake.reading import CSV_ENCODINGS, read_delivery_file
from vroegsignaal.intake.validation import validate_rows

DOCS = Path(__file__).resolve().parents[2] / "docs" / "aanleverformaat.md"


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(creditor_staff=True))
    return client


def test_the_format_page_lists_every_column_and_marks_the_required_ones(staff_client):
    page = staff_client.get(reverse("intake:format")).content.decode()

    for column in COLUMNS:
        assert f"<code>{column.name}</code>" in page
    required = re.findall(r"<code>(\w+)</code> <strong>\(verplicht\)</strong>", page)
    assert tuple(required) == REQUIRED_COLUMNS


def test_the_format_page_names_utf16_with_bom_among_the_encodings_a_csv_may_have(staff_client):
    text = " ".join(page_text(staff_client.get(reverse("intake:format"))).split())

    assert (
        "CSV: tekencodering UTF-8 (met of zonder BOM), Windows-1252 (de standaard van "
        'Nederlandse Excel) of UTF-16 met BOM (zoals Excel "Unicode-tekst" opslaat);' in text
    )


@pytest.mark.parametrize("encoding", CSV_ENCODINGS, ids=lambda encoding: encoding.name)
def test_every_encoding_the_format_page_names_is_read(staff_client, encoding):
    """The page lists the reader's own encodings: each, written as the page says, is read."""
    text = " ".join(page_text(staff_client.get(reverse("intake:format"))).split())
    example = staff_client.get(reverse("intake:format_example", args=["csv"]))
    delivery = example.content.decode("utf-8-sig").encode(encoding.codec)

    assert encoding.name in text
    assert read_delivery_file(delivery, "levering.csv", {}, 1_000_000)


def test_the_docs_column_table_names_the_same_columns_as_the_reader():
    rows = re.findall(r"^\| (\*\*)?(\w+)(?:\*\*)? \|", DOCS.read_text(), flags=re.MULTILINE)
    documented = [(name, bool(bold)) for bold, name in rows if name in CANONICAL_COLUMNS]
    assert documented == [(column.name, column.required) for column in COLUMNS]


def test_the_example_csv_has_every_column_and_every_value_of_its_row_is_readable(staff_client):
    """Every value of the example row is in a form the reader accepts; the row itself is refused
    as the example, so an example uploaded unchanged adds no made-up resident."""
    response = staff_client.get(reverse("intake:format_example", args=["csv"]))

    assert response["Content-Disposition"] == 'attachment; filename="voorbeeld-aanlevering.csv"'
    rows = read_delivery_file(response.content, "voorbeeld-aanlevering.csv", {}, 1_000_000)
    assert response.content.decode("utf-8-sig").splitlines()[0] == ";".join(CANONICAL_COLUMNS)
    checked = validate_rows(
        rows,
        today=dt.date(2026, 11, 26),
        oldest_signal_date=dt.date(2024, 2, 15),  # the example's own date: its age is not the point
        locate=lambda *_: (1, None),
        max_amount_cents=10**7,
        bsn_allowed=True,
    )
    assert checked.valid == []
    assert [error.message for error in checked.errors] == [
        "Rij 2, klantnummer: dit is de voorbeeldrij uit het voorbeeldbestand; vervang haar door "
        "uw eigen signalen."
    ]


def test_the_example_is_also_offered_as_excel(staff_client):
    response = staff_client.get(reverse("intake:format_example", args=["xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in next(sheet.rows)] == list(CANONICAL_COLUMNS)


def test_the_upload_and_api_pages_lead_to_the_format_page_not_to_a_repository_file(staff_client):
    link = f'href="{reverse("intake:format")}"'
    upload = staff_client.get(reverse("intake:upload")).content.decode()
    api = staff_client.get(reverse("intake:api")).content.decode()

    assert link in upload and link in api
    assert "docs/aanleverformaat.md" not in api
