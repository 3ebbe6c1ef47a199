"""The indicator 'client satisfaction' (domain step 10): the rapportcijfers residents gave.

Public API: ``satisfaction(shown)`` → the table 'Tevredenheid inwoners', ``REACHED_CLOSED`` and
``always_reached(results)``: the name and the end results of the total it shows. A cijfer is given when a
contact round is closed, so it is counted as the end results are: per closing in the period
(``melding_counts.result_counts``, which brings only counts and sums out of the database), the
base being the closings whose resident was reached in that round. An average or share of
voldoendes of fewer than 5 cijfers is that of one or two residents: unless the scope is exact it
is hidden, over the scope's peers (``Protection.hidden_averages``). The reached closings are
the sum of end results, so they are left out where the end results' protection says so.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import polars as pl

from vroegsignaal.monitoring.protection import REGION, Protection
from vroegsignaal.monitoring.small_numbers import HIDDEN
from vroegsignaal.monitoring.tables import Table, percentage

REACHED_CLOSED = "Bereikt en afgesloten"
COLUMNS = (
    "Gemeente",
    REACHED_CLOSED,
    "Cijfer gegeven",
    "% cijfer gegeven",
    "Gemiddeld cijfer",
    "% voldoende (6 of hoger)",
)
NOTE = (
    "Eindresultaten bereikt in de periode waarbij de inwoner in die contactronde bereikt is "
    "(alleen die kan een cijfer geven), en het rapportcijfer (1 tot en met 10) dat de inwoner "
    "bij dat afsluiten gaf; gemiddelde en voldoendes zijn van de gegeven cijfers. Een melding "
    "die na een heropaf opnieuw is afgesloten, telt per ronde, zoals bij de eindresultaten."
)


def average(total: int, count: int) -> float | None:
    """``total / count`` with one decimal rounded half up, as a rapportcijfer is (6,25 → 6,3)."""
    if not count:
        return None
    return float((Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _row(
    label: str, closed: int, asked: int, total: int, passed: int, hidden: bool, left_out: bool
) -> tuple:
    return (
        label,
        HIDDEN if left_out else closed,
        asked,
        HIDDEN if left_out else percentage(asked, closed),  # with the cijfers it gives closed
        HIDDEN if hidden else average(total, asked),
        HIDDEN if hidden else percentage(passed, asked),
    )


def always_reached(results: pl.DataFrame) -> set[str]:
    """The end results of ``results`` (``melding_counts.result_counts``) whose closings all
    reached the resident. Their sum is the column 'Bereikt en afgesloten' of every municipality
    and the region, so the end results' protection must know it (the casework rules make most
    results reached or not by their nature; 'Inwoner is overleden' and a few others can be
    either, and then the reader knows less than this sum)."""
    per_result = results.group_by("result").agg(pl.col("results", "reached_results").sum())
    return {
        result for result, closed, reached in per_result.iter_rows() if closed and reached == closed
    }


def satisfaction(shown: Protection) -> Table:
    """Per municipality of the scope (and in total for a region): closings in the period of a
    reached resident, cijfers given, the response percentage, the average cijfer and the share
    of voldoendes; those two hidden where ``shown`` hides them, and the reached closings (with
    the response percentage) where the end results' protection leaves them out (call
    ``indicators.protect_results`` first)."""
    scope = shown.scope
    # Per peer municipality: reached closings, cijfers given, their sum, voldoendes. Only a
    # resident who was reached can give a cijfer (most closings are signals never picked up).
    per_municipality = {
        m: figures
        for m, *figures in shown.results.group_by("municipality_id")
        .agg(pl.col("reached_results", "cijfers", "cijfer_total", "voldoende").sum())
        .iter_rows()
    }
    hidden = shown.hidden_averages({m: figures[1] for m, figures in per_municipality.items()})
    figures = [
        (m.name, *per_municipality.get(m.pk, (0, 0, 0, 0)), m.pk in hidden, _left_out(shown, m.pk))
        for m in scope.municipalities
    ]
    if scope.is_region:
        total = (sum(f[i] for f in figures) for i in range(1, 5))
        figures.append(("Totaal", *total, REGION in hidden, _left_out(shown, REGION)))
    rows = [_row(*f) for f in figures]
    return Table("tevredenheid", "Tevredenheid inwoners", COLUMNS, rows, NOTE)


def _left_out(shown: Protection, municipality) -> bool:
    return shown.mark("resultaten", REACHED_CLOSED, municipality) is not None
