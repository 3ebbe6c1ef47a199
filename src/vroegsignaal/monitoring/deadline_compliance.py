"""Deadline compliance over many meldingen at once, using the terms of casework.deadlines.

Public API: ``compliance(counts, today, shown)`` → a ``Table``, from the ``cube`` and
``conversation_term`` groupings of ``melding_counts``: the municipality's pick-up term, and the
statutory first conversation in two rows, Wgs art. 4 lid 1 (4 weeks) and lid 2 (crisis), both
from the acceptance of help. The statutory term is computed once per distinct start date (a few
hundred a year), not once per melding.

A term stopped by closing the melding within it, and a melding closed without its resident
accepting help (the statutory term never began), are two columns: the melding page's
'Vervallen: melding afgesloten' and 'Vervallen: geen hulp geaccepteerd' (QA11 finding 5: one
column 'Vervallen' held both). Whether help was accepted is what a household answered, so
that column's small numbers are hidden (``shown``, as the funnel's 'Hulp geaccepteerd'); the
other columns are the chain's own work and shown as they are.
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
from vroegsignaal.monitoring.protection import Protection
from vroegsignaal.monitoring.tables import Table, percentage


def _row(label: str, on_time, late, missed, overdue, lapsed, waiting, no_help) -> tuple:
    # Only a term that has ended is met or not: one stopped by closing within it, still
    # running or that never began (no help accepted) is neither.
    ended = on_time + late + missed + overdue
    cells = (on_time, late, missed, overdue, lapsed, waiting, no_help)
    return (label, *cells, percentage(on_time, ended))


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
    DeadlineState.LAPSED: "lapsed",
}  # fmt: skip


def _conversations(counts: MeldingCounts, today: dt.date) -> dict[bool, tuple[int, ...]]:
    """Go meldingen whose resident accepted help per Wgs term, crisis (Wgs art. 4 lid 2,
    3 working days) or not (lid 1, 4 weeks): from the acceptance, against the days to the first
    conversation or, without one, to the closing (which stops the term, as on the melding
    page)."""
    frame = counts.conversation_term.filter(pl.col("term_start").is_not_null())
    columns = ("on_time", "late", "missed", "overdue", "lapsed", "waiting")
    tallies = {crisis: dict.fromkeys(columns, 0) for crisis in (False, True)}
    dues = {}
    rows = frame.select(
        "term_crisis", "term_start", "conversation_days", "closed_days", "meldingen"
    ).iter_rows()
    for crisis, start, days, closed_days, meldingen in rows:
        crisis = bool(crisis)
        if (crisis, start) not in dues:
            dues[crisis, start] = due_date(conversation_term(crisis), start)
        done_on = None if days is None else start + dt.timedelta(days=days)
        closed_on = None if closed_days is None else start + dt.timedelta(days=closed_days)
        state = deadline_state(dues[crisis, start], today, done_on, closed_on=closed_on)
        tallies[crisis][_TALLY.get(state, "waiting")] += meldingen
    return {crisis: tuple(tally.values()) for crisis, tally in tallies.items()}


# The cube's counts of go meldingen closed without help accepted, per term: crisis or not.
_NO_HELP = {False: "closed_unaccepted", True: "closed_unaccepted_crisis"}


def _no_help_accepted(shown: Protection) -> dict[bool, int | str]:
    """Per term (crisis or not) the go meldingen closed without their resident accepting help,
    as the reader sees them, hidden over the peers' municipalities. The reader sees each
    municipality's go meldingen (funnel) and those whose resident accepted help (the other
    columns of the term rows), so at most the rest went without: below 5 they are hidden
    whatever they are, 0 too."""
    per_municipality = shown.cube.group_by("municipality_id").agg(
        pl.col("unaccepted", *_NO_HELP.values()).sum()
    )
    cells, bounds = {}, {}
    for row in per_municipality.iter_rows(named=True):
        for column in _NO_HELP.values():
            cells[column, row["municipality_id"]] = row[column]
            bounds[column, row["municipality_id"]] = row["unaccepted"]
    shown.protect_counts("termijnen", cells, bounds=bounds)
    return {crisis: shown.shown("termijnen", column) for crisis, column in _NO_HELP.items()}


_STATUTORY = "Eerste gesprek binnen wettelijke termijn"
NOTE = (
    "Alleen go-meldingen. "
    "Eerste gesprek, lid 1: 4 weken na het accepteren van hulp (valt de laatste dag in een "
    "weekend of op een feestdag, dan de eerstvolgende werkdag). Lid 2, crisissignaal: "
    "3 werkdagen na het accepteren van hulp. "
    "Niet gehaald: de melding is na de termijn afgesloten zonder dat de termijn gehaald was. "
    "Afgesloten binnen termijn: de melding is afgesloten voordat de termijn voorbij was en "
    "voordat hij gehaald was (op de meldingpagina: 'Vervallen: melding afgesloten'). "
    "Geen hulp geaccepteerd: de inwoner accepteerde geen hulp (of is niet bereikt) en de "
    "melding is afgesloten; de wettelijke termijn voor het eerste gesprek begint pas als de "
    "inwoner hulp accepteert en is dus nooit begonnen (op de meldingpagina: 'Vervallen: geen "
    "hulp geaccepteerd'). Voor het oppakken telt dat niet: die termijn loopt vanaf de "
    "matching. Een open melding zonder geaccepteerde hulp telt nog niet mee. "
    "% op tijd = op tijd / (op tijd + te laat + niet gehaald + verlopen): het deel van de "
    "termijnen die voorbij zijn dat op tijd gehaald is. De kolommen Afgesloten binnen "
    "termijn, Loopt nog en Geen hulp geaccepteerd tellen niet mee in % op tijd: daar is de "
    "termijn niet gehaald en ook niet gemist."
)


def compliance(counts: MeldingCounts, today: dt.date, shown: Protection) -> Table:
    """Picked up within the municipality's term, first conversation within the Wgs term;
    ``shown`` hides the small numbers of the meldingen closed without help accepted."""
    conversations = _conversations(counts, today)
    no_help = _no_help_accepted(shown)
    rows = [
        # The pick-up term runs from the matching, whether or not help is accepted later.
        _row("Oppakken binnen termijn gemeente", *_pick_up(counts, today), None),
        # Two rows: steering groups ask for the crisis term apart from the usual one (QA9 B9).
        _row(
            f"{_STATUTORY}, Wgs art. 4 lid 1: binnen 4 weken", *conversations[False],
            no_help[False],
        ),
        _row(
            f"{_STATUTORY}, Wgs art. 4 lid 2, crisissignaal: binnen 3 werkdagen",
            *conversations[True], no_help[True],
        ),
    ]  # fmt: skip
    columns = (
        "Termijn", "Op tijd", "Te laat", "Niet gehaald (afgesloten)", "Verlopen (open)",
        "Afgesloten binnen termijn", "Loopt nog", "Geen hulp geaccepteerd", "% op tijd",
    )  # fmt: skip
    return Table("termijnen", "Termijnen gehaald", columns, rows, NOTE)
