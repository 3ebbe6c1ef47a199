"""Priority: a score of named, weighted factors, explained as readable Dutch reasons."""

from __future__ import annotations

import polars as pl

from vroegsignaal.matching.engine.classify import euro
from vroegsignaal.matching.engine.meldingen import YOUNG_ADULT

# Reasons are joined with this separator and split once: far cheaper than a list per factor.
_SEPARATOR = "\x1f"


def _factors() -> list[tuple[pl.Expr, pl.Expr]]:
    """(points, reason text without points) per factor; weights come from the w_ columns."""
    w = pl.col
    capped = pl.min_horizontal
    return [
        (pl.when("crisis").then(w("w_crisis")), pl.lit("Crisissignaal")),
        (
            w("w_extra_partner_type") * (w("partner_type_count") - 1),
            pl.format("{} soorten signaalpartners", "partner_type_count"),
        ),
        (
            pl.when("opeenvolgend").then(w("w_opeenvolgend")),
            pl.lit("Eerder signaal op dit adres in de zes maanden hiervoor"),
        ),
        (
            capped(
                w("w_amount_per_100_euro") * (w("total_amount_cents") // 10_000), w("w_amount_max")
            ),
            pl.format("Totale achterstand {}", euro(w("total_amount_cents"))),
        ),
        (pl.when("rent_arrears").then(w("w_rent_arrears")), pl.lit("Huurachterstand")),
        (
            capped(
                w("w_arrears_age_per_30_days") * (w("max_arrears_days") // 30),
                w("w_arrears_age_max"),
            ),
            pl.format("Oudste achterstand {} dagen", "max_arrears_days"),
        ),
        (
            pl.when("young_adult").then(w("w_young_adult")),
            pl.lit(f"Jongvolwassene ({YOUNG_ADULT[0]}-{YOUNG_ADULT[1]} jaar)"),
        ),
        (pl.when("warme_overdracht").then(w("w_warm_handover")), pl.lit("Warme overdracht")),
    ]


def prioritise(meldingen: pl.LazyFrame) -> pl.LazyFrame:
    """Add priority_score and priority_reasons (e.g. 'Crisissignaal (+50)'), in factor order.

    Needs the melding flags and totals and the municipality's weights (w_ columns).
    """
    factors = [(points.fill_null(0).cast(pl.Int64), text) for points, text in _factors()]
    reasons = [
        pl.when(points > 0).then(pl.format("{} (+{})", text, points)) for points, text in factors
    ]
    counted = pl.sum_horizontal([(points > 0).cast(pl.Int32) for points, _ in factors])
    joined = pl.concat_str(reasons, separator=_SEPARATOR, ignore_nulls=True)
    return meldingen.with_columns(
        pl.sum_horizontal([points for points, _ in factors]).alias("priority_score"),
        joined.str.split(_SEPARATOR).list.head(counted).alias("priority_reasons"),
    )
