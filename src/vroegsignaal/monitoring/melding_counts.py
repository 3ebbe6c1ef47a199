"""The meldingen of a scope counted in the database: no row per melding reaches Python.

Public API: ``melding_counts(scope)`` → ``MeldingCounts``, ``peer_counts(scope)`` (only its
cube and conversation terms), ``heropaf_standing(scope, cube)`` and ``result_counts(scope)``.
Every fact the dashboard counts is a column of the melding (the chain facts are kept there by
casework), so one statement of three grouped reads of the covering index ``melding_monitoring`` answers every melding table.
The same SQL runs on PostgreSQL and SQLite; only the day difference is spelled per database.

End results are counted apart (``result_counts``): each contact round's result in the period it
closed, from casework's ``RoundResult``, not the meldingen of the period by their result now. A
result is reached once and stays so: a heropaf that reopens a melding later does not take it out
of the period it closed in, and the new round's result counts in the period that one closes in.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Sum

from vroegsignaal.casework.models import (
    SATISFACTION_PASS,
    Event,
    EventKind,
    Melding,
    Queue,
    RoundResult,
)
from vroegsignaal.casework.signal_status import NOT_PICKED_UP_RESULTS
from vroegsignaal.monitoring.frames import scope_meldingen
from vroegsignaal.monitoring.scope import Scope

# The end results that close a melding as not picked up ('Niet opgepakt: ...', overleden, geen
# inwoner, al bekend): casework's ``not_picked_up`` for a melding closed before anyone picked it
# up. A picked-up (go) melding is a go that was not closed that way: only those have terms and
# lead times. ``state`` is not in the covering index; a result is only set on closing.
# Round 1's closing (``first_closed_on``, kept by a heropaf) ends the lead time to the result
# and the pick-up term, so reopening a melding later changes neither.
_NOT_PICKED_UP_RESULTS = ", ".join(
    "'" + str(result).replace("'", "''") + "'" for result in sorted(NOT_PICKED_UP_RESULTS)
)
GO = f"(m.go AND NOT (m.picked_up_on IS NULL AND m.result IN ({_NOT_PICKED_UP_RESULTS})))"
_PICK_UP = (
    f"CASE WHEN NOT {GO} OR m.due_on IS NULL THEN NULL WHEN m.picked_up_on <= m.due_on "
    "THEN 'on_time' WHEN m.picked_up_on > m.due_on THEN 'late' "
    "WHEN m.first_closed_on <= m.due_on THEN 'lapsed' "
    "WHEN m.first_closed_on > m.due_on THEN 'missed' "
    "ELSE 'open' END"
)


def _days(later: str, earlier: str) -> str:
    """SQL for the whole days from ``earlier`` to ``later`` (NULL if either is)."""
    if connection.vendor == "postgresql":
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def _date(expression: str) -> str:
    """SQL for a date key: SQLite hands a plain column back as a date but an expression as
    text, so there every date key is read as text (and parsed by Polars)."""
    if connection.vendor == "postgresql":
        return expression
    return f"CAST({expression} AS TEXT)"


def _keys() -> dict[str, str]:
    return {
        "municipality_id": "m.municipality_id",
        "period_start": _date("m.period_start"),
        "go": f"CASE WHEN {GO} THEN 1 ELSE 0 END",
        "queue_id": "m.queue_id",
        "attempt_days": _days("m.first_attempt_on", "m.first_signal_on"),
        "contact_days": _days("m.first_contact_on", "m.first_signal_on"),
        "result_days": _days("m.first_closed_on", "m.first_signal_on"),
        "term_crisis": f"CASE WHEN {GO} THEN (CASE WHEN m.is_crisis THEN 1 ELSE 0 END) END",
        # The statutory conversation term (Wgs art. 4) starts at the acceptance of help and
        # only there, as on the melding page (casework.terms).
        "term_start": _date(f"CASE WHEN {GO} THEN m.accepted_on END"),
        "conversation_days": _days("m.first_conversation_on", "m.accepted_on"),
        # Closing stops a term not yet done (casework.deadlines.deadline_state): the days from
        # the acceptance to the closing, only while no conversation was held.
        "closed_days": _days(
            "CASE WHEN m.first_conversation_on IS NULL THEN m.closed_on END", "m.accepted_on"
        ),
        "pick_up": _PICK_UP,
        "open_due_on": _date(
            f"CASE WHEN {GO} AND m.picked_up_on IS NULL AND m.first_closed_on IS NULL "
            "THEN m.due_on END"
        ),
    }


# Each grouping answers some tables: ``cube`` the funnel, flags, queues, trend,
# municipalities, the pick-up term and the meldingen closed without help accepted;
# ``lead_days`` the lead times (the three day differences together have a few thousand
# combinations, fewer than three separate reads cost); the
# ``conversation_term`` the statutory term per municipality (its cells are hidden as small
# numbers over the peers, ``accepted_help``), computed per distinct start date in Python.
GROUPINGS = {
    "cube": (
        "municipality_id",
        "period_start",
        "go",
        "queue_id",
        "pick_up",
        "open_due_on",
    ),
    "lead_days": ("go", "attempt_days", "contact_days", "result_days"),
    "conversation_term": (
        "municipality_id",
        "term_crisis",
        "term_start",
        "conversation_days",
        "closed_days",
    ),
}
LEAD_DAYS = {
    "first_attempt": "attempt_days",
    "first_contact": "contact_days",
    "closed_on": "result_days",
}
_DATES = ("period_start", "term_start", "open_due_on")
_STRINGS = ("pick_up",)


def _flag(condition: str) -> str:
    return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"


_CLOSED_UNACCEPTED = f"{GO} AND m.accepted_on IS NULL AND m.closed_on IS NOT NULL"
_COUNTS = {
    "meldingen": "COUNT(*)",
    "picked_up": "COUNT(m.picked_up_on)",
    "reached": "COUNT(m.first_contact_on)",
    "help_accepted": _flag("m.accepted_on IS NOT NULL OR m.accepted_in_conversation"),
    "referred": _flag("m.referred"),
    "is_single": _flag("m.is_single"),
    "is_multiple": _flag("m.is_multiple"),
    "is_consecutive": _flag("m.is_consecutive"),
    "is_crisis": _flag("m.is_crisis"),
    "heropaf_planned": "COUNT(m.heropaf_due_on)",
    # Go meldingen whose resident has not accepted help: those closed so have no statutory
    # term (it never began, whatever conversation was held), per term (Wgs art. 4 lid 1 and,
    # crisis, lid 2); all of them bound those two counts for the reader of the term table.
    "unaccepted": _flag(f"{GO} AND m.accepted_on IS NULL"),
    "closed_unaccepted": _flag(_CLOSED_UNACCEPTED + " AND NOT m.is_crisis"),
    "closed_unaccepted_crisis": _flag(_CLOSED_UNACCEPTED + " AND m.is_crisis"),
}


# How a melding's heropaf stands (``heropaf_standing``): still planned, or its latest outcome.
HEROPAF_RESTORED, HEROPAF_REOPENED, HEROPAF_PLANNED = "restored", "reopened", "planned"
# Closed by the caseworker without the signal partners' answer: not counted as restored (QA15 B1).
HEROPAF_UNANSWERED = "unanswered"
_HEROPAF_OUTCOMES = {
    EventKind.HEROPAF_DONE: HEROPAF_RESTORED,
    EventKind.HEROPAF_UNANSWERED: HEROPAF_UNANSWERED,
    EventKind.REOPENED: HEROPAF_REOPENED,
}


@dataclass(frozen=True)
class MeldingCounts:
    """Counts of the scope's meldingen per grouping of ``GROUPINGS`` (its keys and
    ``meldingen``; ``go`` is 1 for a picked-up (go) melding, 0 for a no-go or a melding closed
    as not picked up; the cube also every count of ``_COUNTS``, the queue's name as ``queue`` and
    the period's ``month``). How their heropaf stands (``heropaf_standing``) and the end results
    reached (``result_counts``) are read for the peers the small numbers are hidden over
    (``Protection.of``), so not here."""

    cube: pl.DataFrame
    lead_days: pl.DataFrame
    conversation_term: pl.DataFrame

    def days(self, lead_time: str) -> pl.Series:
        """The day differences of ``lead_time`` (a ``LEAD_DAYS`` key), one per picked-up (go)
        melding that has both dates: expanded from the counts, so any statistic of them is
        exact. A no-go closed on the matching day is no lead time of the chain."""
        key = LEAD_DAYS[lead_time]
        go = self.lead_days.filter((pl.col("go") == 1) & pl.col(key).is_not_null())
        return go.select(pl.col(key).repeat_by("meldingen").explode())[key]


def _null(key: str) -> str:
    """A typed NULL for ``key``: the first branch of a UNION fixes the column types."""
    kind = "DATE" if key in _DATES else "VARCHAR(80)" if key in _STRINGS else "INTEGER"
    return f"CAST(NULL AS {kind})"


def _statement(municipalities: int, groupings: dict[str, tuple[str, ...]]) -> str:
    keys = _keys()
    # The scope's conditions on the melding itself, so the covering index answers alone.
    source = (
        f"FROM {Melding._meta.db_table} m "
        f"WHERE m.municipality_id IN ({', '.join(['%s'] * municipalities)}) "
        "AND m.period_start BETWEEN %s AND %s"
    )
    branches = []
    for number, (name, group) in enumerate(groupings.items()):
        columns = ", ".join(f"{keys[k] if k in group else _null(k)} AS {k}" for k in keys)
        counts = ", ".join(
            f"{sql if name == 'cube' or count == 'meldingen' else '0'} AS {count}"
            for count, sql in _COUNTS.items()
        )
        by = ", ".join(keys[k] for k in group)
        branches.append(f"SELECT {number} AS grouping, {columns}, {counts} {source} GROUP BY {by}")
    return " UNION ALL ".join(branches)


def _frame(rows: list[tuple]) -> pl.DataFrame:
    text_dates = connection.vendor != "postgresql"
    date_type = pl.String if text_dates else pl.Date
    keys = {
        key: date_type if key in _DATES else pl.String if key in _STRINGS else pl.Int64
        for key in _keys()
    }
    schema = {"grouping": pl.Int64} | keys | dict.fromkeys(_COUNTS, pl.Int64)
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    if text_dates:
        frame = frame.with_columns(pl.col(key).str.to_date() for key in _DATES)
    return frame


def _groupings(scope: Scope, groupings=GROUPINGS) -> dict[str, pl.DataFrame]:
    ids = scope.municipality_ids or [None]  # a region without municipalities counts nothing
    params = [*ids, scope.start, scope.end] * len(groupings)
    with connection.cursor() as cursor:
        cursor.execute(_statement(len(ids), groupings), params)
        frame = _frame(cursor.fetchall())
    return {
        name: frame.filter(pl.col("grouping") == number).select(
            *group, *(_COUNTS if name == "cube" else ["meldingen"])
        )
        for number, (name, group) in enumerate(groupings.items())
    }


def _named(cube: pl.DataFrame) -> pl.DataFrame:
    """The cube with each queue's name and each period's month."""
    queue_ids = cube["queue_id"].drop_nulls().unique().to_list()
    names = dict(Queue.objects.filter(id__in=queue_ids).values_list("id", "name"))
    return cube.with_columns(
        queue=pl.col("queue_id").replace_strict(names, default=None, return_dtype=pl.String),
        month=pl.col("period_start").dt.truncate("1mo"),
    )


def peer_counts(scope: Scope) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Only the cube and the conversation terms of ``melding_counts(scope)``: the
    per-municipality counts, for the peers of a scope whose small numbers are hidden over its
    region (``monitoring.protection``)."""
    names = ("cube", "conversation_term")
    groupings = _groupings(scope, {name: GROUPINGS[name] for name in names})
    return _named(groupings["cube"]), groupings["conversation_term"]


def heropaf_standing(scope: Scope, cube: pl.DataFrame) -> pl.DataFrame:
    """Per ``municipality_id`` the meldingen of ``scope`` by how their heropaf stands
    (``outcome``), one row each: ``HEROPAF_PLANNED`` while a heropaf date is set (counted in
    ``cube``, the scope's), else its latest outcome: ``HEROPAF_RESTORED`` (payments regular
    again), ``HEROPAF_UNANSWERED`` (closed without the partners' answer) or
    ``HEROPAF_REOPENED``. A melding reopened and later restored, or planned again,
    counts once, where it stands now; however many partners answered, a round has one outcome."""
    kinds = list(_HEROPAF_OUTCOMES)
    later = Event.objects.filter(melding=OuterRef("melding"), kind__in=kinds).filter(
        Q(created_at__gt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
    )
    latest = (
        Event.objects.filter(
            kind__in=kinds,
            melding__in=scope_meldingen(scope).filter(heropaf_due_on__isnull=True),
        )
        .filter(~Exists(later))
        .values("melding__municipality_id", "kind")
        .annotate(meldingen=Count("*"))
        .values_list("melding__municipality_id", "kind", "meldingen")
    )
    planned = cube.group_by("municipality_id").agg(pl.col("heropaf_planned").sum())
    rows = [(municipality, _HEROPAF_OUTCOMES[kind], n) for municipality, kind, n in latest] + [
        (municipality, HEROPAF_PLANNED, n) for municipality, n in planned.iter_rows() if n
    ]
    schema = {"municipality_id": pl.Int64, "outcome": pl.String, "meldingen": pl.Int64}
    return pl.DataFrame(rows, schema=schema, orient="row")


RESULT_SCHEMA = {
    "municipality_id": pl.Int64, "result": pl.String, "results": pl.Int64, "reached_results": pl.Int64,
    "cijfers": pl.Int64, "cijfer_total": pl.Int64, "voldoende": pl.Int64,
}  # fmt: skip


def result_counts(scope: Scope) -> pl.DataFrame:
    """The end results reached in ``scope``'s period: per ``municipality_id`` and ``result``
    the contact rounds closed with it on a day in the period (``results``), how many of them
    had reached the resident in that round (``reached_results``), the cijfers given at those reached
    closings (``cijfers``), their sum and how many were a voldoende. A melding whose rounds both
    closed in the period counts once per round: these are results, not meldingen. One grouped
    read of the index ``round_result_monitoring``."""
    # Only a resident reached in the round can give a cijfer (casework.results); one recorded
    # otherwise (before that rule) stays out of the base and the cijfers alike.
    reached = Q(reached=True)
    rows = (
        RoundResult.objects.filter(
            municipality_id__in=scope.municipality_ids,
            closed_on__range=(scope.start, scope.end),
        )
        .values("municipality_id", "result")
        .annotate(
            results=Count("*"),
            # Not named 'reached': a later filter on the field would read this count.
            reached_results=Count("result", filter=reached),
            cijfers=Count("satisfaction", filter=reached),
            cijfer_total=Sum("satisfaction", filter=reached, default=0),
            voldoende=Count(
                "satisfaction", filter=reached & Q(satisfaction__gte=SATISFACTION_PASS)
            ),
        )
        .values_list(*RESULT_SCHEMA)
    )
    return pl.DataFrame(list(rows), schema=RESULT_SCHEMA, orient="row")


def melding_counts(scope: Scope) -> MeldingCounts:
    """The meldingen of ``scope`` counted per grouping of ``GROUPINGS``."""
    groupings = _groupings(scope)
    return MeldingCounts(
        cube=_named(groupings["cube"]),
        lead_days=groupings["lead_days"],
        conversation_term=groupings["conversation_term"],
    )
