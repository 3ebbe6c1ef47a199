"""The monthly report page and the quarterly management report (PDF, WeasyPrint).

Public API: ``figures(tables, image)`` (each table with its chart; the dashboard uses it too,
with its charts as images of their own), ``report_context(scope, today)`` (tables with their
charts, for both) and ``render_pdf(scope, today)`` → PDF bytes. Both use the template monitoring/report_body.html,
so the printed page and the PDF show the same figures and charts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from vroegsignaal import pdf
from vroegsignaal.monitoring.charts import ChartImage, inline_image
from vroegsignaal.monitoring.protection import reader_note
from vroegsignaal.monitoring.report_tables import report_tables
from vroegsignaal.monitoring.scope import Scope
from vroegsignaal.monitoring.tables import Table

STYLESHEET = Path(__file__).parent / "static" / "monitoring" / "report.css"


# A table with more columns than this (Gemeenten naast elkaar: ten) is printed smaller, so that
# all of them fit an A4 page; Termijnen gehaald (eight) fits as it is.
WIDE_TABLE_COLUMNS = 8


def figures(
    tables: dict[str, Table], image: Callable[[Table], ChartImage | None] = inline_image
) -> list[dict]:
    """Each table with its chart as ``image`` makes it (None when the table is best read as a
    table; by default inside the page, as a report needs it) and whether it is wide (printed
    in a smaller font)."""
    return [
        {"table": t, "chart": image(t), "wide": len(t.columns) > WIDE_TABLE_COLUMNS}
        for t in tables.values()
    ]


def report_context(scope: Scope, today: dt.date) -> dict:
    """What the report templates need: the scope, generation time and every figure."""
    return {
        "scope": scope,
        "today": today,
        "running": scope.end >= today,  # the period has not ended: the figures will still grow
        "generated_at": timezone.localtime(),
        "figures": figures(report_tables(scope, today)),
        "protection_note": reader_note(scope),
    }


def render_pdf(scope: Scope, today: dt.date, title: str) -> bytes:
    """The management report of ``scope`` as PDF bytes."""
    html = render_to_string(
        "monitoring/report_pdf.html", {**report_context(scope, today), "title": title}
    )
    return pdf.render_pdf(html, STYLESHEET)
