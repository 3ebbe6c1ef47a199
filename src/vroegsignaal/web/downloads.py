"""Spreadsheet downloads that are safe to open in Excel or LibreOffice.

A cell that starts with = + - @ (or a tab or carriage return) is run as a formula by spreadsheet
software; data from outside (a creditor's file, a resident's name) must never be, so such cells
get a leading apostrophe (OWASP "CSV injection"). Phone numbers and amounts (+31 6 12345678,
-12,50) are left alone: made of digits, spaces and . , ( ) / - only, they cannot name a cell,
a function or another program, so nothing can run, and an apostrophe would only spoil them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A sign, then only digits and the punctuation of phone numbers and amounts (no letters, no
# second + or =, no quotes, no | or !): nothing in it can call anything.
_PHONE_OR_AMOUNT = re.compile(r"^[+-] ?(?:€ ?)?\d[\d .,()/-]*\Z", re.ASCII)


def neutralise(value: object) -> str:
    """The value as text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES) and not _PHONE_OR_AMOUNT.match(text):
        return f"'{text}"
    return text


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV attachment in the form Dutch office software opens directly: UTF-8 with BOM, `;`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    writer.writerows([neutralise(v) for v in row] for row in rows)
    return response


def _xlsx_cell(value):
    # Numbers stay numbers; text that Excel would run as a formula is neutralised.
    return value if isinstance(value, int | float) or value is None else neutralise(value)


def xlsx_response(
    filename: str,
    header: Sequence[str],
    rows: Iterable[Sequence],
    *,
    sheet_name: str = "Blad1",
    title: str | None = None,
) -> HttpResponse:
    """An XLSX attachment: an optional title row, the header, then the rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name[:31]
    if title:
        sheet.append([neutralise(title)])
    sheet.append([neutralise(h) for h in header])
    for row in rows:
        sheet.append([_xlsx_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
