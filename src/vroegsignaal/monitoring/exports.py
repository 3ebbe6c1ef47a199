"""Downloads of a ``Table`` as CSV or XLSX, safe to open in spreadsheet software.

Public API: ``table_csv(table, filename)`` and ``table_xlsx(table, filename)``, both Django
responses. Text cells that a spreadsheet would run as a formula (= + - @) are neutralised the
same way as every other download (``web.downloads.neutralise``); numbers stay numbers in XLSX.
"""

from __future__ import annotations

from django.http import HttpResponse

from vroegsignaal.monitoring.tables import Table
from vroegsignaal.web.downloads import csv_response, xlsx_response


def _csv_cell(value) -> str:
    # Dutch spreadsheet settings read a decimal comma; None is an empty cell.
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return "" if value is None else value


def table_csv(table: Table, filename: str) -> HttpResponse:
    """``table`` as a semicolon-separated CSV attachment."""
    rows = [[_csv_cell(v) for v in row] for row in table.rows]
    return csv_response(filename, table.columns, rows)


def table_xlsx(table: Table, filename: str, title: str = "") -> HttpResponse:
    """``table`` as an XLSX attachment with ``title`` (else the table's own) in the first row."""
    return xlsx_response(
        filename, table.columns, table.rows, sheet_name=table.key, title=title or table.title
    )
