"""Deadline compliance over many meldingen at once, using the terms of casework.deadlines.

Public API: ``compliance(counts, today)`` → a ``Table``, from the ``cube`` and
``conversation_term`` groupings of ``melding_counts``: the municipality's pick-up term, and the
statutory first conversation in two rows, Wgs art. 4 lid 1 (4 weeks) and lid 2 (crisis), both
from the acceptance of help. The statutory term is computed once per distinct start date (a few
hundred a year), not once per melding.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from vroegsignaal.casework.deadlines import (
    DeadlineState,
    conversation_term,
    deadline_state,
    due_date,
)
from vroegsignaal.monitoring.melding_counts import MeldingCounts
from vroegsignaal.monitoring.tables import Table, percentage


def _row(label: str, on_time, late, missed, overdue, lapsed, waiting) -> tuple:
    ended = on_time + late + missed + overdue
    return (label, on_time, late, missed, overdue, lapsed, waiting, percentage(on_time, ended))


def _pick_up(counts: MeldingCounts, today: dt.date) -> tuple[int, ...]:
    """Go meldingen with a pick-up term: picked up by the due date or after it, closed without
    being picked up after or before it, or still open (the due date passed or still ahead)."""
    state, due, meldingen = pl.col("pick_up"), pl.col("open_due_on"), pl.col("meldingen")
    totals = counts.cube.select(
        on_time=meldingen.filter(state == "on_time").sum(),
        late=meldingen.filter(state == "late").sum(),
        missed=meldingen.filter(state == "missed").sum(),
        overdue=meldingen.filter((state == "open") & (due < today)).sum(),
        lapsed=meldingen.filter(state == "lapsed").sum(),
        waiting=meldingen.filter((state == "open") & (due >= today)).sum(),
    )
    return tuple(int(v) for v in totals.row(0))


# The melding page's state of a term (casework.deadlines.deadline_state) → its column; a term
# that is still running (on time or due soon) is 'waiting'.
_TALLY = {
    DeadlineState.MET: "on_time", DeadlineState.MET_LATE: "late",
    DeadlineState.MISSED: "missed", DeadlineState.OVERDUE: "overdue",
    DeadlineState.LAPSED: "lapsed", DeadlineState.NO_HELP_ACCEPTED: "lapsed",
}  # fmt: skip


def _conversations(counts: MeldingCounts, today: dt.date) -> dict[bool, tuple[int, ...]]:
    """Go meldingen per Wgs term, crisis (Wgs art. 4 lid 2, 3 working days) or not (lid 1,
    4 weeks): from the acceptance of help, against the days to the first conversation or,
    without one, to the closing (which stops the term, as on the melding page). A melding
    closed without acceptance lapsed: its term never began (QA10 B4)."""
    frame = counts.conversation_term.filter(
        pl.col("term_start").is_not_null() | pl.col("closed_unaccepted").is_not_null()
    )
    columns = ("on_time", "late", "missed", "overdue", "lapsed", "waiting")
    tallies = {crisis: dict.fromkeys(columns, 0) for crisis in (False, True)}
    dues = {}
    rows = frame.select(
        "term_crisis", "term_start", "conversation_days", "closed_days", "meldingen"
    ).iter_rows()
    for crisis, start, days, closed_days, meldingen in rows:
        crisis = bool(crisis)
        if start is None:
            state = DeadlineState.NO_HELP_ACCEPTED
        else:
            if (crisis, start) not in dues:
                dues[crisis, start] = due_date(conversation_term(crisis), start)
            done_on = None if days is None else start + dt.timedelta(days=days)
            closed_on = None if closed_days is None else start + dt.timedelta(days=closed_days)
            state = deadline_state(dues[crisis, start], today, done_on, closed_on=closed_on)
        tallies[crisis][_TALLY.get(state, "waiting")] += meldingen
    return {crisis: tuple(tally.values()) for crisis, tally in tallies.items()}


_STATUTORY = "Eerste gesprek binnen wettelijke termijn"


def compliance(counts: MeldingCounts, today: dt.date) -> Table:
    """Picked up within the municipality's term, first conversation within the Wgs term."""
    conversations = _conversations(counts, today)
    rows = [
        _row("Oppakken binnen termijn gemeente", *_pick_up(counts, today)),
        # Two rows: steering groups ask for the crisis term apart from the usual one (QA9 B9).
        _row(f"{_STATUTORY}, Wgs art. 4 lid 1: binnen 4 weken", *conversations[False]),
        _row(
            f"{_STATUTORY}, Wgs art. 4 lid 2, crisissignaal: binnen 3 werkdagen",
            *conversations[True],
        ),
    ]
    columns = (
        "Termijn", "Op tijd", "Te laat", "Niet gehaald (afgesloten)", "Verlopen (open)",
        "Vervallen (afgesloten)", "Loopt nog", "% op tijd",
    )  # fmt: skip
    note = (
        "Alleen go-meldingen. Een melding die is afgesloten voordat de termijn gehaald was, "
        "telt als niet gehaald (afgesloten na de termijn) of vervallen (afgesloten binnen de "
        "termijn), zoals op de meldingpagina. "
        "Eerste gesprek, lid 1: 4 weken na het accepteren van hulp (valt de laatste dag in "
        "een weekend of op een feestdag, dan de eerstvolgende werkdag). Lid 2, crisissignaal: "
        "3 werkdagen na het accepteren van hulp. De wettelijke termijn begint pas als de "
        "inwoner hulp accepteert: een melding die is afgesloten zonder dat de inwoner hulp "
        "accepteerde, telt bij vervallen. "
        "% op tijd = op tijd / (op tijd + te laat + niet gehaald + verlopen)."
    )
    return Table("termijnen", "Termijnen gehaald", columns, rows, note)
