"""Signals corrected since the run that put them in a melding (QA14 B2).

A creditor's corrected re-delivery replaces a signal (`intake.corrections`), but the melding
keeps what the run counted: total, priority, crisis, werkbakje and term. The matching page
counts these corrections per month and offers that month (`corrected_months`); a run of the
month counts the melding again from the signals as they are now (idempotent, as any rerun: the
work on the melding stays), and takes the corrections in (`pending`, `taken_in`): a line on the
melding's timeline with what changed, from the first old value to the last new one, and a list
in the run's report. A correction of a signal no run had put in a melding yet needs no line:
the run counts it as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db.models import Count
from django.db.models.functions import TruncMonth

from vroegsignaal import bulk_rows
from vroegsignaal.casework import events
from vroegsignaal.casework.models import Event
from vroegsignaal.intake.corrections import Changes, per_signal
from vroegsignaal.intake.models import Signal, SignalCorrection
from vroegsignaal.matching.adapter import month_bounds
from vroegsignaal.organisations.models import Municipality


def corrected_months(municipality: Municipality) -> list[tuple[str, int]]:
    """(period 'YYYY-MM', number of signals) of the signals in a melding that were corrected
    since the run that matched them, newest month first."""
    rows = (
        Signal.objects.filter(
            municipality=municipality,
            melding_link__isnull=False,
            corrections__matched=False,
        )
        .annotate(month=TruncMonth("signal_date"))
        .values("month")
        .annotate(signals=Count("id", distinct=True))
        .order_by("-month")
    )
    return [(f"{row['month']:%Y-%m}", row["signals"]) for row in rows]


@dataclass(frozen=True)
class Corrected:
    """One signal in a melding, corrected since the run that matched it, with its corrections
    merged into one (`intake.corrections.merged`)."""

    signal_id: int
    melding_id: int
    creditor: str
    signal_date: dt.date
    corrected_on: dt.date  # the day of the latest correction
    changes: Changes


@dataclass(frozen=True)
class Pending:
    """The corrections of a period no run has taken in: those of signals in a melding, and the
    ids of all of them (a signal in no melding yet included), to mark taken in."""

    corrected: list[Corrected]
    correction_ids: list[int]

    @property
    def signal_ids(self) -> set[int]:
        return {row.signal_id for row in self.corrected}


def pending(municipality: Municipality, period: str) -> Pending:
    """The period's corrections not taken in yet. Read before the run links new signals: a
    signal it puts in a melding for the first time is counted as it is, with no line."""
    rows = list(
        SignalCorrection.objects.filter(
            matched=False,
            signal__municipality=municipality,
            signal__signal_date__range=month_bounds(period),
        )
        .order_by("created_at", "id")
        .values_list(
            "id", "signal_id", "created_at", "changes", "signal__melding_link__melding_id",
            "signal__creditor__name", "signal__signal_date",
        )
    )  # fmt: skip
    ids = [row[0] for row in rows]
    in_a_melding = (row[1:] for row in rows if row[4] is not None)
    corrected = [
        Corrected(signal_id, melding_id, creditor, signal_date, corrected_on, changes)
        for signal_id, ((melding_id, creditor, signal_date), corrected_on, changes) in sorted(
            per_signal(in_a_melding).items(), key=lambda item: (item[1][0][0], item[0])
        )
    ]
    return Pending(corrected, ids)


def taken_in(found: Pending, now_in: dict[int, int] | None = None) -> list[Corrected]:
    """Write the timeline line of each corrected signal on its melding and mark the period's
    corrections taken in; returns the signals named, for the run's report. ``now_in``: signal
    id -> the melding a signal at a new address went to (`moved_signals`), which names it."""
    moved = now_in or {}
    corrected = [
        replace(row, melding_id=moved[row.signal_id]) if row.signal_id in moved else row
        for row in found.corrected
    ]
    lines: list[Event] = [
        events.signal_corrected(
            row.melding_id, row.creditor, row.signal_date, row.corrected_on, row.changes
        )
        for row in corrected
    ]
    bulk_rows.insert_rows(Event, lines)
    SignalCorrection.objects.filter(pk__in=found.correction_ids).update(matched=True)
    return corrected
