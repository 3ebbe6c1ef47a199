"""Deadline compliance over many meldingen at once, using the terms of casework.deadlines.

Public API: ``compliance(meldingen, today)`` → a ``Table``. The statutory conversation term is
computed once per distinct start date (a few hundred a year), not once per melding.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from vroegsignaal.casework.deadlines import Term, due_date
from vroegsignaal.monitoring.tables import Table, percentage


def _row(label: str, on_time: int, late: int, overdue: int, waiting: int) -> tuple:
    return (label, on_time, late, overdue, waiting, percentage(on_time, on_time + late + overdue))


def _counts(frame: pl.DataFrame, due: str, done: str, today: dt.date) -> tuple[int, int, int, int]:
    done_col, due_col = pl.col(done), pl.col(due)
    counts = frame.filter(due_col.is_not_null()).select(
        on_time=(done_col <= due_col).sum(),
        late=(done_col > due_col).sum(),
        overdue=(done_col.is_null() & (due_col < today)).sum(),
        waiting=(done_col.is_null() & (due_col >= today)).sum(),
    )
    return tuple(int(v) for v in counts.row(0))


def _conversation_due(meldingen: pl.DataFrame) -> pl.DataFrame:
    """Add `conversation_due`: Wgs art. 4 lid 2 (crisis, 3 working days) or lid 1 (4 weeks)."""
    starts = meldingen.with_columns(
        term_start=pl.when(pl.col("is_crisis"))
        .then(pl.coalesce("accepted_on", "matched_on"))
        .otherwise(pl.col("accepted_on"))
    )
    pairs = (
        starts.filter(pl.col("go") & pl.col("term_start").is_not_null())
        .select("term_start", "is_crisis")
        .unique()
    )
    dues = [
        due_date(Term.CRISIS_CONVERSATION if crisis else Term.FIRST_CONVERSATION, start)
        for start, crisis in pairs.iter_rows()
    ]
    pairs = pairs.with_columns(conversation_due=pl.Series(dues, dtype=pl.Date))
    return starts.join(pairs, on=["term_start", "is_crisis"], how="left")


def compliance(meldingen: pl.DataFrame, today: dt.date) -> Table:
    """Picked up within the municipality's term, first conversation within the Wgs term."""
    go = meldingen.filter(pl.col("go"))
    with_due = _conversation_due(go)
    rows = [
        _row("Oppakken binnen termijn gemeente", *_counts(go, "due_on", "picked_up_on", today)),
        _row(
            "Eerste gesprek binnen wettelijke termijn (Wgs art. 4)",
            *_counts(with_due, "conversation_due", "first_conversation_on", today),
        ),
    ]
    columns = ("Termijn", "Op tijd", "Te laat", "Verlopen (open)", "Loopt nog", "% op tijd")
    note = "% op tijd = op tijd / (op tijd + te laat + verlopen)."
    return Table("termijnen", "Termijnen gehaald", columns, rows, note)
