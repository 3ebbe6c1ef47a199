"""The figures on each role's start page: small read-only queries, aggregates where the role needs no more.

A project leader sees counts per municipality and never a single signal (aggregates only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from vroegsignaal.intake.models import Delivery, Signal
from vroegsignaal.organisations.models import Creditor, Municipality, Region


@dataclass(frozen=True)
class MonthCount:
    """Signals received in a calendar month for one municipality."""

    municipality: Municipality
    received: int
    crisis: int

    @property
    def per_1000_inhabitants(self) -> float | None:
        inhabitants = self.municipality.inhabitants
        return round(self.received * 1000 / inhabitants, 2) if inhabitants else None


def month_start(now: dt.datetime | None = None) -> dt.datetime:
    """Midnight on the first of the current month in Dutch local time (where months begin for users)."""
    local = timezone.localtime(now)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def recent_deliveries(creditor: Creditor, limit: int = 10) -> list[Delivery]:
    """The creditor's latest deliveries, newest first."""
    return list(Delivery.objects.filter(creditor=creditor).order_by("-created_at")[:limit])


def signals_received_this_month(
    municipality: Municipality, now: dt.datetime | None = None
) -> MonthCount:
    """How many signals for the municipality arrived since the first of this month, and how many are crisis signals."""
    counts = Signal.objects.filter(
        municipality=municipality, received_at__gte=month_start(now)
    ).aggregate(received=Count("id"), crisis=Count("id", filter=Q(crisis=True)))
    return MonthCount(municipality, counts["received"], counts["crisis"])


def region_signal_counts(region: Region, now: dt.datetime | None = None) -> list[MonthCount]:
    """Per municipality of the region: signals received this month (also municipalities with none)."""
    since = month_start(now)
    municipalities = region.municipalities.annotate(
        received=Count("signals", filter=Q(signals__received_at__gte=since)),
        crisis=Count("signals", filter=Q(signals__received_at__gte=since, signals__crisis=True)),
    ).order_by("name")
    return [MonthCount(m, m.received, m.crisis) for m in municipalities]
