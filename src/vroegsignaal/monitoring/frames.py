"""What a scope selects, and the grouped signal and attempt counts (no per-row Python).

Public API: ``scope_meldingen(scope)`` and ``scope_signals(scope)`` (the querysets),
``signal_counts(scope)`` (signals per municipality, month and partner type),
``first_signal_months(scope)`` (where each municipality's data begins) and
``attempt_counts(scope)`` (contact attempts and reached per contact kind and part of day).
The meldingen are counted in ``melding_counts``. Monitoring only reads the operational tables.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth

from vroegsignaal.casework.models import ContactAttempt, Melding
from vroegsignaal.intake.models import Signal
from vroegsignaal.monitoring.scope import Scope
from vroegsignaal.organisations.models import Municipality


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


def signal_counts(scope: Scope) -> pl.DataFrame:
    """Signals per municipality_id, month and partner_type (column ``signals``), and crisis."""
    rows = (
        scope_signals(scope)
        .annotate(month=TruncMonth("signal_date"))
        .values("municipality_id", "month", "creditor__partner_type")
        # COUNT(*) rather than of the id: the covering index signal_monitoring answers alone.
        .annotate(signals=Count("*"), crisis=Count("crisis", filter=Q(crisis=True)))
        .values_list("municipality_id", "month", "creditor__partner_type", "signals", "crisis")
    )
    schema = {
        "municipality_id": pl.Int64, "month": pl.Date, "partner_type": pl.String,
        "signals": pl.Int64, "crisis": pl.Int64,
    }  # fmt: skip
    return pl.DataFrame(list(rows), schema=schema, orient="row")


def first_signal_months(scope: Scope) -> dict[int, dt.date]:
    """Municipality id → the first day of the month of its first signal ever (not only in the
    scope's period); a municipality without signals is left out. One index lookup each."""
    first = Signal.objects.filter(municipality=OuterRef("pk")).order_by("signal_date")
    rows = (
        Municipality.objects.filter(pk__in=scope.municipality_ids)
        .annotate(first_on=Subquery(first.values("signal_date")[:1]))
        .filter(first_on__isnull=False)
        .values_list("pk", "first_on")
    )
    return {pk: first_on.replace(day=1) for pk, first_on in rows}


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
