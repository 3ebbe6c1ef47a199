"""Data frames of the chain for a scope, read with a few grouped queries (no per-row Python).

Public API: ``melding_frame(scope)`` (one row per melding with the dates and facts the
indicators need), ``signal_counts(scope)`` (signals per municipality, month and partner type)
and ``attempt_counts(scope)`` (contact attempts and reached per contact kind and part of
day). Monitoring only reads the operational tables.
"""

from __future__ import annotations

import io

import polars as pl
from django.db import connection
from django.db.models import Count, Min, Q, QuerySet
from django.db.models.functions import TruncMonth

from vroegsignaal.casework.models import (
    ContactAttempt,
    Conversation,
    Event,
    EventKind,
    Melding,
    Referral,
)
from vroegsignaal.intake.models import Signal
from vroegsignaal.monitoring.scope import Scope

_MELDING_COLUMNS = {
    "id": pl.Int64, "municipality_id": pl.Int64, "period_start": pl.Date, "matched_on": pl.Date,
    "is_single": pl.Boolean, "is_multiple": pl.Boolean, "is_consecutive": pl.Boolean,
    "is_crisis": pl.Boolean, "go": pl.Boolean, "queue__name": pl.String, "due_on": pl.Date,
    "picked_up_on": pl.Date, "accepted_on": pl.Date, "first_conversation_on": pl.Date,
    "result": pl.String, "closed_on": pl.Date, "heropaf_due_on": pl.Date,
    "first_signal_on": pl.Date,
}  # fmt: skip


def scope_meldingen(scope: Scope) -> QuerySet[Melding]:
    """The meldingen of the scope: its municipalities, matching period starting in its period."""
    return Melding.objects.filter(
        municipality_id__in=scope.municipality_ids, period_start__range=(scope.start, scope.end)
    )


def scope_signals(scope: Scope) -> QuerySet[Signal]:
    """The signals of the scope: its municipalities, signaaldatum in its period."""
    return Signal.objects.filter(
        municipality_id__in=scope.municipality_ids, signal_date__range=(scope.start, scope.end)
    )


def _frame(queryset: QuerySet, schema: dict) -> pl.DataFrame:
    """The rows of ``queryset`` as a frame with ``schema``'s columns and types."""
    if connection.vendor == "postgresql":
        return _copied_frame(queryset.values_list(*schema), schema)
    return pl.DataFrame(list(queryset.values_list(*schema)), schema=schema, orient="row")


def _copied_frame(queryset: QuerySet, schema: dict) -> pl.DataFrame:
    # COPY ... TO STDOUT hands the rows over as CSV that Polars parses natively: no Python
    # object per value, which made a region's year (a quarter of a million meldingen) slow.
    sql, params = queryset.query.sql_with_params()
    statement = f"COPY ({sql}) TO STDOUT (FORMAT csv)"
    data = bytearray()
    with connection.cursor() as cursor, cursor.cursor.copy(statement, params) as copy:
        for row in copy:  # one block per row; extending a bytearray is the cheapest gather
            data += row
    as_text = {name: pl.String if dtype == pl.Boolean else dtype for name, dtype in schema.items()}
    frame = pl.read_csv(
        io.BytesIO(data), has_header=False, new_columns=list(schema), schema=as_text
    )
    # PostgreSQL writes booleans as t/f and an empty string as "" (Polars: empty string).
    return frame.with_columns(
        (pl.col(name) == "t").alias(name) for name, dtype in schema.items() if dtype == pl.Boolean
    )


def _per_melding(meldingen: QuerySet[Melding]) -> list[pl.DataFrame]:
    """Grouped facts per melding id, each from one aggregate query.

    The first signal date is stored on the melding by matching (``first_signal_on``): reading
    it through the signal links was the costliest of these queries for a region's year.
    """
    attempts = ContactAttempt.objects.filter(melding__in=meldingen).values("melding_id")
    conversations = Conversation.objects.filter(melding__in=meldingen).values("melding_id")
    referrals = Referral.objects.filter(melding__in=meldingen).values("melding_id")
    # Only the heropaf outcomes, which a partial index holds (not the whole timeline).
    outcomes = [EventKind.HEROPAF_DONE, EventKind.REOPENED]
    heropaf = Event.objects.filter(melding__in=meldingen, kind__in=outcomes).values("melding_id")
    return [
        _frame(
            attempts.annotate(
                first_attempt=Min("attempted_on"),
                first_reached=Min("attempted_on", filter=Q(reached=True)),
            ),
            {"melding_id": pl.Int64, "first_attempt": pl.Date, "first_reached": pl.Date},
        ),
        _frame(
            conversations.annotate(
                first_talk=Min("held_on"), accepted=Count("id", filter=Q(help_accepted="ja"))
            ),
            {"melding_id": pl.Int64, "first_talk": pl.Date, "accepted": pl.Int64},
        ),
        _frame(
            referrals.annotate(referrals=Count("id")),
            {"melding_id": pl.Int64, "referrals": pl.Int64},
        ),
        _frame(
            heropaf.annotate(
                heropaf_done=Count("id", filter=Q(kind=EventKind.HEROPAF_DONE)),
                reopened=Count("id", filter=Q(kind=EventKind.REOPENED)),
            ),
            {"melding_id": pl.Int64, "heropaf_done": pl.Int64, "reopened": pl.Int64},
        ),
    ]


def melding_frame(scope: Scope) -> pl.DataFrame:
    """One row per melding of the scope with derived columns.

    Added: first_signal, first_attempt, first_contact (first reached attempt or conversation),
    attempted/reached/help_accepted/referred/heropaf_done/reopened flags and `month`.
    """
    meldingen = scope_meldingen(scope)
    frame = _frame(meldingen, _MELDING_COLUMNS).rename(
        {"id": "melding_id", "queue__name": "queue", "first_signal_on": "first_signal"}
    )
    for facts in _per_melding(meldingen):
        frame = frame.join(facts, on="melding_id", how="left")
    return frame.with_columns(
        first_contact=pl.min_horizontal("first_reached", "first_talk"),
        attempted=pl.col("first_attempt").is_not_null(),
        reached=pl.col("first_reached").is_not_null() | pl.col("first_talk").is_not_null(),
        help_accepted=pl.col("accepted_on").is_not_null() | (pl.col("accepted").fill_null(0) > 0),
        referred=pl.col("referrals").fill_null(0) > 0,
        heropaf_done=pl.col("heropaf_done").fill_null(0) > 0,
        reopened=pl.col("reopened").fill_null(0) > 0,
        picked_up=pl.col("picked_up_on").is_not_null(),
        month=pl.col("period_start").dt.truncate("1mo"),
    )


def signal_counts(scope: Scope) -> pl.DataFrame:
    """Signals per municipality_id, month and partner_type (column ``signals``), and crisis."""
    rows = (
        scope_signals(scope)
        .annotate(month=TruncMonth("signal_date"))
        .values("municipality_id", "month", "creditor__partner_type")
        .annotate(signals=Count("id"), crisis=Count("id", filter=Q(crisis=True)))
        .values_list("municipality_id", "month", "creditor__partner_type", "signals", "crisis")
    )
    schema = {
        "municipality_id": pl.Int64, "month": pl.Date, "partner_type": pl.String,
        "signals": pl.Int64, "crisis": pl.Int64,
    }  # fmt: skip
    return pl.DataFrame(list(rows), schema=schema, orient="row")


def attempt_counts(scope: Scope) -> pl.DataFrame:
    """Contact attempts on the scope's meldingen per ``kind`` and ``part_of_day``, with how
    many reached the resident: one query that the reach tables sum either way."""
    rows = (
        ContactAttempt.objects.filter(melding__in=scope_meldingen(scope))
        .values("kind", "part_of_day")
        .annotate(attempts=Count("id"), reached=Count("id", filter=Q(reached=True)))
        .values_list("kind", "part_of_day", "attempts", "reached")
    )
    schema = {
        "kind": pl.String, "part_of_day": pl.String, "attempts": pl.Int64, "reached": pl.Int64,
    }  # fmt: skip
    return pl.DataFrame(list(rows), schema=schema, orient="row")
