"""The rejected rows as CSV: the creditor's own values plus 'fout', safe to open in Excel."""

import csv
import io

import pytest
from django.urls import reverse

from tests.web.delivery_files import HEADER, messy_rows, row
from vroegsignaal.intake.models import Delivery

pytestmark = pytest.mark.django_db


def _download(client) -> tuple[object, list[list[str]]]:
    response = client.get(reverse("intake:delivery_rejected_csv", args=[Delivery.objects.get().pk]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    return response, list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_download_holds_only_the_rejected_rows_with_original_values_and_reasons(
    creditor_client, upload
):
    upload(creditor_client, messy_rows())
    response, table = _download(creditor_client)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    header, *rows = table
    assert header == [*HEADER, "fout"]
    assert [r[0] for r in rows] == ["K003", "K004"]
    assert rows[0][HEADER.index("postcode")] == "0511AB"
    assert rows[0][-1].startswith("Rij 4, postcode:")
    assert rows[1][-1].startswith("Rij 5, bedrag_achterstand:")


def test_cells_that_a_spreadsheet_would_run_as_a_formula_get_a_leading_apostrophe(
    creditor_client, upload
):
    dangerous = ['=HYPERLINK("http://x.test","klik")', "+A1", "-2+3", "@SUM(A1)"]
    rows = [row(f"K{n}", surname=name, postcode="0000") for n, name in enumerate(dangerous)]
    upload(creditor_client, rows)
    _, (_, *table) = _download(creditor_client)
    surnames = [r[HEADER.index("achternaam")] for r in table]
    assert surnames == [f"'{name}" for name in dangerous]


def test_an_ordinary_value_is_left_as_it_was(creditor_client, upload):
    upload(creditor_client, [row("K1", surname="van 't Hek", postcode="0000")])
    _, (_, first) = _download(creditor_client)
    assert first[HEADER.index("achternaam")] == "van 't Hek"


def test_corrected_download_can_be_delivered_again_with_its_fout_column(creditor_client, upload):
    upload(creditor_client, messy_rows())
    _, (header, *rows) = _download(creditor_client)
    rows[0][header.index("postcode")] = "7511AB"
    rows[1][header.index("bedrag_achterstand")] = "10,00"
    corrected = "\r\n".join(";".join(r) for r in [header, *rows]).encode("utf-8")
    page = upload(creditor_client, corrected, filename="verbeterd.csv").content.decode()
    assert 'data-testid="geaccepteerd">2<' in page and 'data-testid="geweigerd">0<' in page


def test_rejected_rows_as_xlsx_neutralise_formulas_and_can_be_delivered_again(
    creditor_client, upload
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    upload(creditor_client, [*messy_rows(), row("K9", surname="=1+1", postcode="0000")])
    delivery = Delivery.objects.get()
    response = creditor_client.get(reverse("intake:delivery_rejected_xlsx", args=[delivery.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert header == [*HEADER, "fout"] and [r[0] for r in rows] == ["K003", "K004", "K9"]
    assert rows[2][HEADER.index("achternaam")] == "'=1+1"
    rows[0][header.index("postcode")] = "7511AB"
    rows[1][header.index("bedrag_achterstand")] = "10,00"
    sheet.delete_rows(1, sheet.max_row)
    for values in [header, *rows[:2]]:
        sheet.append(values)
    corrected = io.BytesIO()
    sheet.parent.save(corrected)
    file = SimpleUploadedFile("verbeterd.xlsx", corrected.getvalue())
    page = creditor_client.post(reverse("intake:upload"), {"file": file}, follow=True)
    assert 'data-testid="geaccepteerd">2<' in page.content.decode()
