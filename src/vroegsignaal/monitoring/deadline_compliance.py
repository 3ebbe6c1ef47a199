"""Deadline compliance over many meldingen at once, using the terms of casework.deadlines.

Public API: ``compliance(counts, today)`` → a ``Table``, from the ``cube`` and
``conversation_term`` groupings of ``melding_counts``. The statutory conversation term is
computed once per distinct start date (a few hundred a year), not once per melding.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from vroegsignaal.casework.deadlines import Term, due_date
from vroegsignaal.monitoring.melding_counts import MeldingCounts
from vroegsignaal.monitoring.tables import Table, percentage


def _row(label: str, on_time: int, late: int, overdue: int, waiting: int) -> tuple:
    return (label, on_time, late, overdue, waiting, percentage(on_time, on_time + late + overdue))


def _pick_up(counts: MeldingCounts, today: dt.date) -> tuple[int, int, int, int]:
    """Go meldingen with a pick-up term: picked up by the due date, after it, or not yet
    (the due date passed or still ahead of ``today``)."""
    state, due, meldingen = pl.col("pick_up"), pl.col("open_due_on"), pl.col("meldingen")
    totals = counts.cube.select(
        on_time=meldingen.filter(state == "on_time").sum(),
        late=meldingen.filter(state == "late").sum(),
        overdue=meldingen.filter((state == "open") & (due < today)).sum(),
        waiting=meldingen.filter((state == "open") & (due >= today)).sum(),
    )
    return tuple(int(v) for v in totals.row(0))


def _conversation(counts: MeldingCounts, today: dt.date) -> tuple[int, int, int, int]:
    """Go meldingen whose Wgs term started: Wgs art. 4 lid 2 (crisis, 3 working days) or lid 1
    (4 weeks), against the days from the term's start to the first conversation."""
    frame = counts.conversation_term.filter(pl.col("term_start").is_not_null())
    on_time = late = overdue = waiting = 0
    dues = {}
    rows = frame.select("term_crisis", "term_start", "conversation_days", "meldingen").iter_rows()
    for crisis, start, days, meldingen in rows:
        if (crisis, start) not in dues:
            term = Term.CRISIS_CONVERSATION if crisis else Term.FIRST_CONVERSATION
            dues[crisis, start] = due_date(term, start)
        due = dues[crisis, start]
        if days is None:
            overdue += meldingen if due < today else 0
            waiting += meldingen if due >= today else 0
        elif start + dt.timedelta(days=days) <= due:
            on_time += meldingen
        else:
            late += meldingen
    return on_time, late, overdue, waiting


def compliance(counts: MeldingCounts, today: dt.date) -> Table:
    """Picked up within the municipality's term, first conversation within the Wgs term."""
    rows = [
        _row("Oppakken binnen termijn gemeente", *_pick_up(counts, today)),
        _row(
            "Eerste gesprek binnen wettelijke termijn (Wgs art. 4)",
            *_conversation(counts, today),
        ),
    ]
    columns = ("Termijn", "Op tijd", "Te laat", "Verlopen (open)", "Loopt nog", "% op tijd")
    note = "% op tijd = op tijd / (op tijd + te laat + verlopen)."
    return Table("termijnen", "Termijnen gehaald", columns, rows, note)
