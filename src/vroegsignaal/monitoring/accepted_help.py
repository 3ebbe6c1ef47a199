"""Help accepted, and the statutory conversation terms that only meldingen whose resident
accepted help have, hidden as small numbers together.

Public API: ``HELP`` (their table in the ``Protection``), ``protect(shown, today)``,
``terms(shown, crisis)`` and ``on_time_share(shown, crisis)``.

The funnel's 'Hulp geaccepteerd' and 'Doorverwezen' say what a household answered, so their
small numbers are hidden. The term table's rows of the Wgs art. 4 terms (lid 1, and lid 2 for a
crisis signal) count the go meldingen whose resident accepted help by how their term stands (a
term starts at acceptance), and the meldingen closed without help accepted. Their cells add up
to the accepted meldingen of that term: shown as they are, 'Op tijd 1' beside 'Bereikt 1', or a
row's sum, would give the funnel's hidden figure back. So one protection holds them all, per
peer municipality: each term cell, with help accepted as their sum (``counted``; with the
accepted meldingen that have no running term: reopened by a heropaf, which clears the
acceptance for the new round), each at most reached; referred, at most reached; and the
meldingen closed without help accepted, at most the go meldingen not (yet) accepted.
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
from vroegsignaal.monitoring.protection import Protection
from vroegsignaal.monitoring.small_numbers import HIDDEN
from vroegsignaal.monitoring.tables import percentage

HELP = "hulp"
HELP_ACCEPTED, REFERRED = "help_accepted", "referred"  # the funnel's steps, by their cube count
# A statutory term's columns of accepted help (the term table's order); then those closed
# without help accepted, whose term never began.
TERM_COLUMNS = ("on_time", "late", "missed", "overdue", "lapsed", "waiting")
ENDED = TERM_COLUMNS[:4]  # the terms that are over: met or not, the base of '% op tijd'
NO_HELP = "no_help"
_NO_TERM = "accepted_without_term"  # accepted, but no term runs now (reopened by a heropaf)

# The melding page's state of a term (casework.deadlines.deadline_state) → its column; a term
# that is still running (on time or due soon) is 'waiting'.
_TALLY = {
    DeadlineState.MET: "on_time", DeadlineState.MET_LATE: "late",
    DeadlineState.MISSED: "missed", DeadlineState.OVERDUE: "overdue",
    DeadlineState.LAPSED: "lapsed",
}  # fmt: skip
# The cube's counts of go meldingen closed without help accepted, per term: crisis or not.
_CLOSED_UNACCEPTED = {False: "closed_unaccepted", True: "closed_unaccepted_crisis"}


def _term_tallies(terms: pl.DataFrame, today: dt.date) -> dict[tuple, int]:
    """(municipality id, crisis, column) → the go meldingen whose resident accepted help, per
    Wgs term, crisis (lid 2, 3 working days) or not (lid 1, 4 weeks): from the acceptance,
    against the days to the first conversation or, without one, to the closing (which stops
    the term, as on the melding page). Each term's due date is computed once per start date."""
    tallies: dict[tuple, int] = {}
    dues = {}
    rows = terms.filter(pl.col("term_start").is_not_null()).select(
        "municipality_id", "term_crisis", "term_start", "conversation_days", "closed_days",
        "meldingen",
    )  # fmt: skip
    for municipality, crisis, start, days, closed_days, meldingen in rows.iter_rows():
        crisis = bool(crisis)
        if (crisis, start) not in dues:
            dues[crisis, start] = due_date(conversation_term(crisis), start)
        done_on = None if days is None else start + dt.timedelta(days=days)
        closed_on = None if closed_days is None else start + dt.timedelta(days=closed_days)
        state = deadline_state(dues[crisis, start], today, done_on, closed_on=closed_on)
        key = (municipality, crisis, _TALLY.get(state, "waiting"))
        tallies[key] = tallies.get(key, 0) + meldingen
    return tallies


def protect(shown: Protection, today: dt.date) -> None:
    """Hide the small numbers of help accepted, referred and the statutory terms over the
    peers' municipalities, as the reader sees them on ``today`` (once; see the module)."""
    per_municipality = shown.cube.group_by("municipality_id").agg(
        pl.col(HELP_ACCEPTED, REFERRED, "unaccepted", *_CLOSED_UNACCEPTED.values()).sum()
    )
    reached = shown.reached()
    tallies = _term_tallies(shown.conversation_term, today)
    term_rows = [(crisis, column) for crisis in (False, True) for column in TERM_COLUMNS]
    cells, bounds = {}, {}
    for row in per_municipality.iter_rows(named=True):
        m = row["municipality_id"]
        terms = {term: tallies.get((m, *term), 0) for term in term_rows}
        cells |= {(term, m): n for term, n in terms.items()}
        cells[_NO_TERM, m] = row[HELP_ACCEPTED] - sum(terms.values())
        cells[REFERRED, m] = row[REFERRED]
        for crisis, column in _CLOSED_UNACCEPTED.items():
            cells[(crisis, NO_HELP), m] = row[column]
            bounds[(crisis, NO_HELP), m] = row["unaccepted"]
        # Help is accepted by a reached resident, a referral follows a conversation.
        for accepted in (*term_rows, _NO_TERM, HELP_ACCEPTED, REFERRED):
            bounds[accepted, m] = reached.get(m, 0)
    shown.protect_counts(
        HELP, cells, bounds=bounds, counted={HELP_ACCEPTED: [*term_rows, _NO_TERM]}
    )


def terms(shown: Protection, crisis: bool) -> tuple:
    """The statutory term's cells as the reader sees them: ``TERM_COLUMNS``, then the meldingen
    closed without help accepted (``protect`` first)."""
    return tuple(shown.shown(HELP, (crisis, column)) for column in (*TERM_COLUMNS, NO_HELP))


def on_time_share(shown: Protection, crisis: bool) -> float | str | None:
    """'% op tijd' of the term: on time of the terms that are over, or ``HIDDEN`` when one of
    those counts is, because beside the others it would give it back."""
    if any(shown.mark(HELP, (crisis, column)) for column in ENDED):
        return HIDDEN
    ended = sum(shown.count(HELP, (crisis, column)) for column in ENDED)
    return percentage(shown.count(HELP, (crisis, "on_time")), ended)
