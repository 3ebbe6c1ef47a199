"""The final DDAS status of each signal, in one order of precedence.

Overleden and geen inwoner first (they are fed back automatically), then onterecht signaal,
herhaalde melding, known client; the remaining signals are picked up when their melding is a
go, otherwise 'andere reden' (too few signals at the address for this municipality's policy).
"""

from __future__ import annotations

import polars as pl

from vroegsignaal.matching.engine import vocabulary as v


def excluded_expr() -> pl.Expr:
    """True when a signal-level rule keeps the signal from counting towards a go."""
    return (
        pl.col("brp_status").is_not_null()
        | (pl.col("onterecht_reason") != "")
        | pl.col("repeat_reason").is_not_null()
        | pl.col("client_reason").is_not_null()
    )


def status_exprs() -> list[pl.Expr]:
    """status and status_reason; needs the rule columns and the melding's go and minimum."""
    cases = [
        (pl.col("brp_status") == "overleden", v.OVERLEDEN, pl.col("brp_reason")),
        (pl.col("brp_status") == "geen_inwoner", v.GEEN_INWONER, pl.col("brp_reason")),
        (pl.col("onterecht_reason") != "", v.ONTERECHT, pl.col("onterecht_reason")),
        (pl.col("repeat_reason").is_not_null(), v.HERHAALDE_MELDING, pl.col("repeat_reason")),
        (pl.col("client_reason").is_not_null(), v.AL_BEKEND, pl.col("client_reason")),
        (pl.col("go"), v.OPGEPAKT, pl.lit("")),
    ]
    # The position of the first case that holds; len(cases) for 'andere reden'.
    first = pl.lit(len(cases), pl.UInt32)
    for position in reversed(range(len(cases))):
        first = pl.when(cases[position][0].fill_null(False)).then(position).otherwise(first)
    first = first.cast(pl.UInt32)
    other = first == len(cases)
    # Formatted only for the signals it applies to: null arguments give a null text, and a
    # million texts of 66 characters are the largest temporary of a national run.
    reason = pl.format(
        "Te weinig signalen op dit adres: {} van minimaal {} (beleid gemeente)",
        pl.when(other).then(pl.col("eligible_count")),
        "minimum_signals",
    )
    for position in reversed(range(len(cases))):
        reason = pl.when(first == position).then(cases[position][2]).otherwise(reason)
    values = pl.Series([value for _, value, _ in cases] + [v.ANDERE_REDEN], dtype=pl.String)
    return [pl.lit(values).gather(first).alias("status"), reason.alias("status_reason")]
