"""Which months have signals that no run has matched yet: what the matching page suggests."""

from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import Municipality


def unmatched_months(municipality: Municipality) -> list[tuple[str, int]]:
    """(period 'YYYY-MM', number of signals in no melding), newest month first."""
    rows = (
        Signal.objects.filter(municipality=municipality, melding_link__isnull=True)
        .annotate(month=TruncMonth("signal_date"))
        .values("month")
        .annotate(signals=Count("id"))
        .order_by("-month")
    )
    return [(f"{row['month']:%Y-%m}", row["signals"]) for row in rows]


def suggested_period(waiting: list[tuple[str, int]], corrected: list[tuple[str, int]] = ()) -> str:
    """The newest month that waits for a run: with signals in no melding, else with signals
    corrected since the run that put them in one (`matching.corrections`); with none, the
    current month (a month matched again only when something waits or someone chooses it: a
    rerun of an earlier month was one click)."""
    for months in (waiting, corrected):
        if months:
            return months[0][0]
    return f"{timezone.localdate():%Y-%m}"
