"""On PostgreSQL the frames are read with COPY; they must equal the frames read row by row."""

import datetime as dt

import polars as pl
import pytest
from django.db import connection

from vroegsignaal.monitoring import frames, indicators
from vroegsignaal.monitoring.scope import region_scope

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY is the PostgreSQL read path"
)
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def _row_by_row(queryset, schema):
    return pl.DataFrame(list(queryset), schema=schema, orient="row")


def test_copied_melding_frame_equals_the_row_by_row_frame(twente, monkeypatch):
    scope = region_scope("Twente", *YEAR)
    copied = frames.melding_frame(scope)
    monkeypatch.setattr(frames, "_copied_frame", _row_by_row)
    assert copied.height > 0
    assert copied.equals(frames.melding_frame(scope))


def test_dashboard_tables_are_the_same_whichever_way_the_rows_are_read(twente, monkeypatch):
    scope = region_scope("Twente", *YEAR)
    copied = indicators.dashboard_tables(scope, YEAR[1])
    monkeypatch.setattr(frames, "_copied_frame", _row_by_row)
    assert copied == indicators.dashboard_tables(scope, YEAR[1])
