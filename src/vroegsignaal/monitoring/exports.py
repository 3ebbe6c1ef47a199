"""Downloads of a ``Table`` as CSV or XLSX, safe to open in spreadsheet software.

Public API: ``table_csv(table, filename)`` and ``table_xlsx(table, filename)``, both Django
responses. Text cells that a spreadsheet would run as a formula (= + - @) are neutralised the
same way as every other download (``web.downloads.neutralise``); numbers stay numbers in XLSX.
"""

from __future__ import annotations

import io

from django.http import HttpResponse
from openpyxl import Workbook

from vroegsignaal.monitoring.tables import Table
from vroegsignaal.web.downloads import csv_response, neutralise

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_cell(value) -> str:
    # Dutch spreadsheet settings read a decimal comma; None is an empty cell.
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return "" if value is None else value


def table_csv(table: Table, filename: str) -> HttpResponse:
    """``table`` as a semicolon-separated CSV attachment."""
    rows = [[_csv_cell(v) for v in row] for row in table.rows]
    return csv_response(filename, table.columns, rows)


def _xlsx_cell(value):
    return value if isinstance(value, int | float) or value is None else neutralise(value)


def table_xlsx(table: Table, filename: str) -> HttpResponse:
    """``table`` as an XLSX attachment with the title in the first row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.key[:31]
    sheet.append([neutralise(table.title)])
    sheet.append([neutralise(c) for c in table.columns])
    for row in table.rows:
        sheet.append([_xlsx_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
