"""Monitoring benchmark: the region dashboard and the DDAS export on a national-scale year.

Uses the shared fill of ``benchmarks.national`` (PostgreSQL under `make bench`): a year (2025)
of 1.2 million signals for 342 municipalities, 14 of them (rank 3-16) in one region. Measured:
`dashboard_tables` for the region and `export_documents` for the largest municipality, each
the best of three runs. Targets: dashboard < 1 s, export < 5 s.
"""

from __future__ import annotations

import datetime as dt
import time

from benchmarks import national


def _best_of_three(function) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


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
    return [
        {"benchmark": "monitoring.dashboard_region", "database": connection.vendor,
         "signals": region_signals, "seconds": round(dashboard, 3), "target_seconds": 1,
         "within_target": dashboard < 1},
        {"benchmark": "monitoring.ddas_export_largest", "database": connection.vendor,
         "signals": exported, "seconds": round(export, 3), "target_seconds": 5,
         "within_target": export < 5},
    ]  # fmt: skip
