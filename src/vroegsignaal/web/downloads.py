"""Spreadsheet downloads that are safe to open in Excel or LibreOffice.

A cell that starts with = + - @ (or a tab or carriage return) is run as a formula by spreadsheet
software; data from outside (a creditor's file, a resident's name) must never be, so such cells
get a leading apostrophe (OWASP "CSV injection"). Phone numbers and amounts (+31 6 12345678,
-12,50) are left alone: made of digits, spaces and . , ( ) / - only, they cannot name a cell,
a function or another program, so nothing can run, and an apostrophe would only spoil them.

Dates and times are written the Dutch way: as text in a CSV (25-11-2026, 25-11-2026 14:05), as
real date cells with that number format in an XLSX, so Excel sorts and filters them as dates.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A sign, then only digits and the punctuation of phone numbers and amounts (no letters, no
# second + or =, no quotes, no | or !): nothing in it can call anything.
_PHONE_OR_AMOUNT = re.compile(r"^[+-] ?(?:€ ?)?\d[\d .,()/-]*\Z", re.ASCII)
# Excel's format codes are the same in every language; a Dutch Excel shows dd-mm-jjjj.
DATE_FORMAT = "dd-mm-yyyy"
DATETIME_FORMAT = "dd-mm-yyyy hh:mm"


def _local(moment: datetime) -> datetime:
    """A moment as the clock in the Netherlands showed it (a spreadsheet has no time zones)."""
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def as_text(value: object) -> str:
    """The value as text; a date as 25-11-2026 and a moment as 25-11-2026 14:05 (local time)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{_local(value):%d-%m-%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    return str(value)


def neutralise(value: object) -> str:
    """The value as text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    text = as_text(value)
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


def _xlsx_cell(sheet, value):
    # Numbers stay numbers and dates dates; other values are text, neutralised where Excel
    # would run them as a formula.
    if isinstance(value, date):
        is_moment = isinstance(value, datetime)
        cell = WriteOnlyCell(sheet, _local(value).replace(tzinfo=None) if is_moment else value)
        cell.number_format = DATETIME_FORMAT if is_moment else DATE_FORMAT
        return cell
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
    # Write-only: rows are streamed to the file instead of kept as cell objects; a download
    # of several thousand rows took twice as long otherwise.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name[:31])
    if title:
        sheet.append([neutralise(title)])
    sheet.append([neutralise(h) for h in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
