"""The dashboard's charts as images of their own, fetched by the browser when they come into view.

Public API: ``dashboard_figures(scope, today, selection)`` → the dashboard's figures, each chart
an ``<img loading="lazy">`` URL with its size, and ``chart_table(scope, today, key, version)`` →
the table a chart request draws and whether it is the one the page showed.

Why: drawing a dozen matplotlib charts was most of the first visit of a selection (docs/
performance.md); now the page comes back with its tables and only the charts near the view are
drawn.

Why the URL holds the selection and not the figures: the chart view takes the page's selection
(gemeente, van, tot) and goes through the same access check and the same code path
(``access.scope_for``, ``indicators.dashboard_tables``), so an image can never show more than the
page shows the same user: another region's municipality is refused, and the small numbers are
hidden exactly as on the page. The URL also carries the chart's ``version``, a keyed hash of
what it is drawn from: it names the figures without telling them, it lets the browser keep the
image for the session (other figures, another URL), and it finds the page's own table back in
the server's cache. The page puts each table there under its scope, the day and its version;
a chart request reads only an entry of the scope that passed its own access check, and one
that is gone (expired, another server process) is computed anew.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.crypto import salted_hmac

from vroegsignaal.monitoring.charts import ChartImage, chart_size, drawn_from
from vroegsignaal.monitoring.indicators import dashboard_tables
from vroegsignaal.monitoring.report_pdf import figures
from vroegsignaal.monitoring.scope import Scope
from vroegsignaal.monitoring.tables import Table

# As long as the session: an image is asked for while its page is open.
KEPT_SECONDS = settings.SESSION_COOKIE_AGE


def version(table: Table) -> str:
    """A short keyed hash of what the chart of ``table`` is drawn from."""
    return salted_hmac("monitoring.chart", repr(drawn_from(table))).hexdigest()[:20]


def dashboard_figures(scope: Scope, today: dt.date, selection: dict[str, str]) -> list[dict]:
    """The dashboard's figures of ``scope``: each chart an image at the chart URL with the
    page's ``selection`` (gemeente, van, tot), its table kept for the chart requests."""
    tables = dashboard_tables(scope, today)
    charted = {table.key: table for table in tables.values() if chart_size(table)}
    cache.set_many(
        {_cache_key(scope, today, key, version(t)): t for key, t in charted.items()},
        KEPT_SECONDS,
    )

    def image(table: Table) -> ChartImage | None:
        if table.key not in charted:
            return None
        query = urlencode({**selection, "v": version(table)})
        url = f"{reverse('monitoring:chart', args=[table.key])}?{query}"
        return ChartImage(url, *chart_size(table), lazy=True)

    return figures(tables, image)


def chart_table(scope: Scope, today: dt.date, key: str, asked: str) -> tuple[Table | None, bool]:
    """The table of ``scope`` whose chart ``key`` is asked for with version ``asked``, and
    whether it is the one the page showed. The caller has checked that the user may see
    ``scope``. Not the page's (its figures changed since and its entry is gone): the current
    table, which the browser must not keep under the page's URL. None for a key without a
    chart."""
    kept = cache.get(_cache_key(scope, today, key, asked))
    if kept is not None:
        return kept, True
    table = dashboard_tables(scope, today).get(key)
    if table is None or not chart_size(table):
        return None, False
    return table, version(table) == asked


def _cache_key(scope: Scope, today: dt.date, key: str, table_version: str) -> str:
    """Everything the figures depend on: whose (the exact scope, also whether small numbers
    are shown), the period, the day, the table and its version."""
    whose = (scope.label, tuple(scope.municipality_ids), scope.start, scope.end, scope.exact)
    digest = hashlib.sha256(repr((whose, today, key, table_version)).encode()).hexdigest()
    return f"monitoring-chart:{digest}"
