"""The indicator 'client satisfaction' (domain step 10): the rapportcijfers residents gave.

Public API: ``satisfaction(shown)`` → the table 'Tevredenheid inwoners'. The meldingen with an
end result come from the melding counts; the cijfers from one grouped read of the small partial
index ``melding_satisfaction``. Only counts, sums and averages leave the database. An average
or share of voldoendes of fewer than 5 cijfers is that of one or two residents: unless the
scope is exact it is hidden, over the scope's peers (``Protection.hidden_averages``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import polars as pl
from django.db.models import Count, Q, Sum

from vroegsignaal.casework.models import SATISFACTION_PASS, Melding
from vroegsignaal.monitoring.protection import REGION, Protection
from vroegsignaal.monitoring.scope import Scope
from vroegsignaal.monitoring.small_numbers import HIDDEN
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


def _row(label: str, closed: int, asked: int, total: int, passed: int, hidden: bool) -> tuple:
    return (
        label,
        closed,
        asked,
        percentage(asked, closed),
        HIDDEN if hidden else average(total, asked),
        HIDDEN if hidden else percentage(passed, asked),
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


def satisfaction(shown: Protection) -> Table:
    """Per municipality of the scope (and in total for a region): reached meldingen with an end
    result, cijfers given, the response percentage, the average cijfer and the share of
    voldoendes; those two hidden where ``shown`` hides them."""
    scope = shown.scope
    # Only a resident who was reached can give a cijfer: the base is the reached meldingen
    # with an end result (most closures are signals that were never picked up).
    closed = dict(
        shown.cube.filter(pl.col("result").fill_null("") != "")
        .group_by("municipality_id").agg(pl.col("reached").sum()).iter_rows()
    )  # fmt: skip
    cijfers = _cijfers(shown.peers)
    hidden = shown.hidden_averages({m: figures[0] for m, figures in cijfers.items()})
    # Per municipality: reached with an end result, cijfers given, their sum, voldoendes.
    figures = [
        (m.name, closed.get(m.pk, 0), *cijfers.get(m.pk, (0, 0, 0)), m.pk in hidden)
        for m in scope.municipalities
    ]
    if scope.is_region:
        total = (sum(f[i] for f in figures) for i in range(1, 5))
        figures.append(("Totaal", *total, REGION in hidden))
    rows = [_row(*f) for f in figures]
    return Table("tevredenheid", "Tevredenheid inwoners", COLUMNS, rows, NOTE)
