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
    too_few = pl.format(
        "Te weinig signalen op dit adres: {} van minimaal {} (beleid gemeente)",
        "eligible_count",
        "minimum_signals",
    )
    cases = [
        (pl.col("brp_status") == "overleden", v.OVERLEDEN, pl.col("brp_reason")),
        (pl.col("brp_status") == "geen_inwoner", v.GEEN_INWONER, pl.col("brp_reason")),
        (pl.col("onterecht_reason") != "", v.ONTERECHT, pl.col("onterecht_reason")),
        (pl.col("repeat_reason").is_not_null(), v.HERHAALDE_MELDING, pl.col("repeat_reason")),
        (pl.col("client_reason").is_not_null(), v.AL_BEKEND, pl.col("client_reason")),
        (pl.col("go"), v.OPGEPAKT, pl.lit("")),
    ]
    status = pl.lit(v.ANDERE_REDEN)
    reason = too_few
    for condition, value, why in reversed(cases):
        status = pl.when(condition.fill_null(False)).then(pl.lit(value)).otherwise(status)
        reason = pl.when(condition.fill_null(False)).then(why).otherwise(reason)
    return [status.alias("status"), reason.alias("status_reason")]
