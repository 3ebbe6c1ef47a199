"""The indicator 'client satisfaction' (domain step 10): the rapportcijfers residents gave.

Public API: ``satisfaction(scope, counts)`` → the table 'Tevredenheid inwoners'. The meldingen
with an end result come from the melding counts; the cijfers from one grouped read of the
small partial index ``melding_satisfaction``. Only counts, sums and averages leave the database.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import polars as pl
from django.db.models import Count, Q, Sum

from vroegsignaal.casework.models import SATISFACTION_PASS, Melding
from vroegsignaal.monitoring.melding_counts import MeldingCounts
from vroegsignaal.monitoring.scope import Scope
from vroegsignaal.monitoring.tables import Table, percentage

COLUMNS = (
    "Gemeente",
    "Bereikt en afgesloten",
    "Cijfer gegeven",
    "% cijfer gegeven",
    "Gemiddeld cijfer",
    "% voldoende (6 of hoger)",
)
NOTE = (
    "Meldingen met een eindresultaat waarvan de inwoner bereikt is (alleen die kan een cijfer "
    "geven), en het rapportcijfer (1 tot en met 10) dat de inwoner bij het afsluiten gaf; "
    "gemiddelde en voldoendes zijn van de gegeven cijfers."
)


def average(total: int, count: int) -> float | None:
    """``total / count`` with one decimal rounded half up, as a rapportcijfer is (6,25 → 6,3)."""
    if not count:
        return None
    return float((Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _row(label: str, closed: int, asked: int, total: int, passed: int) -> tuple:
    return (
        label,
        closed,
        asked,
        percentage(asked, closed),
        average(total, asked),
        percentage(passed, asked),
    )


def _cijfers(scope: Scope) -> dict[int, tuple[int, int, int]]:
    """Per municipality: cijfers given, their sum and how many are a voldoende."""
    rows = (
        Melding.objects.filter(
            municipality__in=scope.municipality_ids,
            period_start__range=(scope.start, scope.end),
            satisfaction__isnull=False,
            first_contact_on__isnull=False,  # the same base as the reached meldingen counted
        )
        .exclude(result="")  # reopened by a heropaf: no end result (yet)
        .values("municipality")
        .annotate(
            asked=Count("id"),
            total=Sum("satisfaction"),
            passed=Count("id", filter=Q(satisfaction__gte=SATISFACTION_PASS)),
        )
        .values_list("municipality", "asked", "total", "passed")
    )
    return {municipality: figures for municipality, *figures in rows}


def satisfaction(scope: Scope, counts: MeldingCounts) -> Table:
    """Per municipality of ``scope`` (and in total for a region): reached meldingen with an end
    result, cijfers given, the response percentage, the average cijfer and the share of voldoendes."""
    # Only a resident who was reached can give a cijfer: the base is the reached meldingen
    # with an end result (most closures are signals that were never picked up).
    closed = dict(
        counts.cube.filter(pl.col("result").fill_null("") != "")
        .group_by("municipality_id").agg(pl.col("reached").sum()).iter_rows()
    )  # fmt: skip
    cijfers = _cijfers(scope)
    # Per municipality: reached with an end result, cijfers given, their sum, voldoendes.
    figures = [
        (m.name, closed.get(m.pk, 0), *cijfers.get(m.pk, (0, 0, 0))) for m in scope.municipalities
    ]
    if scope.is_region:
        figures.append(("Totaal", *(sum(f[i] for f in figures) for i in range(1, 5))))
    rows = [_row(*f) for f in figures]
    return Table("tevredenheid", "Tevredenheid inwoners", COLUMNS, rows, NOTE)
