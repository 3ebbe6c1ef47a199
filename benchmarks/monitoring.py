"""Monitoring benchmark: the region dashboard and the DDAS export on a national-scale year.

Uses the shared fill of ``benchmarks.national`` (PostgreSQL under `make bench`): a year (2025)
of 1.2 million signals for 342 municipalities, 14 of them (rank 3-16) in one region. Measured:
`dashboard_tables` for the region and `export_documents` for the largest municipality, each
the best of three runs. Targets: dashboard < 1 s, export < 5 s. And the region's dashboard page
as its project leader's first visit (every cache cold, best of three), against the work the page
did when it drew its charts itself (the tables and every chart, `report_pdf.figures`), measured
in the same run: the ratio must stay below 1. The time until every chart is there requests each
chart URL of the page in turn after it (a browser asks for the charts in view, a few at once).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import time

from benchmarks import national


def _best_of_three(function) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def _cold() -> None:
    """Forget every drawn chart and every table kept for a chart request: a first visit."""
    from django.core.cache import cache

    from vroegsignaal.monitoring.charts import _drawn_svg

    cache.clear()
    _drawn_svg.cache_clear()


def _leader(region_name: str) -> str:
    """A project leader of the bench region (the fill has none); their username."""
    from vroegsignaal.organisations.models import Region, Role, User

    User.objects.get_or_create(
        username="bench-projectleider",
        defaults={"role": Role.PROJECT_LEADER, "region": Region.objects.get(name=region_name)},
    )
    return "bench-projectleider"


def _dashboard_page(region, query: dict, username: str, today: dt.date) -> dict:
    """The first visit of the region's dashboard page against drawing its charts in the page."""
    from benchmarks.pages import logged_in_client
    from vroegsignaal.monitoring.indicators import dashboard_tables
    from vroegsignaal.monitoring.report_pdf import figures

    client = logged_in_client(username)
    charts: list[str] = []

    def page() -> None:
        _cold()
        response = client.get("/monitoring/", query)
        assert response.status_code == 200, response.status_code
        charts[:] = re.findall(r'class="monitoring-chart" src="([^"]+)"', response.content.decode())

    def every_chart() -> None:
        page()
        for src in charts:
            assert client.get(html.unescape(src)).status_code == 200

    def drawn_in_page() -> None:
        _cold()
        figures(dashboard_tables(region, today))

    seconds, until_charts = _best_of_three(page), _best_of_three(every_chart)
    baseline = _best_of_three(drawn_in_page)
    return {
        "benchmark": "monitoring.dashboard_page_region", "seconds": round(seconds, 3),
        "charts": len(charts), "until_every_chart_seconds": round(until_charts, 3),
        "drawn_in_page_seconds": round(baseline, 3), "ratio": round(seconds / baseline, 2),
        "within_target": seconds < baseline,
    }  # fmt: skip


def run(quick: bool = False) -> list[dict]:
    """Fill the database, then time the region dashboard and the largest DDAS export."""
    if not national.setup_django():
        return [{"benchmark": "monitoring", "skipped": "geen PostgreSQL (DATABASE_URL)"}]
    from django.db import connection

    from vroegsignaal.monitoring.ddas_export import export_documents
    from vroegsignaal.monitoring.indicators import dashboard_tables
    from vroegsignaal.monitoring.scope import municipality_scope, region_scope

    data = national.ensure_filled(quick)
    year = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    region = region_scope(data.region, *year)
    largest = municipality_scope(data.largest_code, *year)
    region_signals = dashboard_tables(region, year[1])["per-1000-inwoners"].row("Totaal")[2]
    dashboard = _best_of_three(lambda: dashboard_tables(region, year[1]))
    documents = export_documents(largest.municipalities[0], *year)
    exported = sum(len(d["leveringen"][0]["vroegsignalen"]) for d in documents)
    export = _best_of_three(lambda: export_documents(largest.municipalities[0], *year))
    # The whole year as the page's selection, so that the page shows what the tables above are.
    selection = {"van": year[0].isoformat(), "tot": year[1].isoformat()}
    page = _dashboard_page(region, selection, _leader(data.region), dt.date.today())
    return [
        {"benchmark": "monitoring.dashboard_region", "database": connection.vendor,
         "signals": region_signals, "seconds": round(dashboard, 3), "target_seconds": 1,
         "within_target": dashboard < 1},
        {"benchmark": "monitoring.ddas_export_largest", "database": connection.vendor,
         "signals": exported, "seconds": round(export, 3), "target_seconds": 5,
         "within_target": export < 5},
        {**page, "database": connection.vendor},
    ]  # fmt: skip
