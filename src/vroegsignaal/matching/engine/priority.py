"""Priority: a score of named, weighted factors, explained as readable Dutch reasons.

The engine keeps the points per factor (`priority_points`, a struct); the Dutch reasons are
formatted by `with_priority_reasons` only for the meldingen that are shown or stored. Formatting
a million reason lists was most of a national run's time (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from vroegsignaal.matching.engine.classify import euro
from vroegsignaal.matching.engine.meldingen import YOUNG_ADULT

# Reasons are joined with this separator and split once: far cheaper than a list per factor.
_SEPARATOR = "\x1f"


def _points(weight: Callable[[str], pl.Expr]) -> dict[str, pl.Expr]:
    """Points per factor, in the order the reasons are shown; `weight('w_crisis')` gives a
    weight per melding."""
    w, c = weight, pl.col
    capped = pl.min_horizontal
    return {
        "crisis": pl.when("crisis").then(w("w_crisis")),
        "partner_types": w("w_extra_partner_type") * (c("partner_type_count") - 1),
        "opeenvolgend": pl.when("opeenvolgend").then(w("w_opeenvolgend")),
        "amount": capped(
            w("w_amount_per_100_euro") * (c("total_amount_cents") // 10_000), w("w_amount_max")
        ),
        "rent_arrears": pl.when("rent_arrears").then(w("w_rent_arrears")),
        "arrears_age": capped(
            w("w_arrears_age_per_30_days") * (c("max_arrears_days") // 30), w("w_arrears_age_max")
        ),
        "young_adult": pl.when("young_adult").then(w("w_young_adult")),
        "warm_handover": pl.when("warme_overdracht").then(w("w_warm_handover")),
    }


def _texts() -> dict[str, pl.Expr]:
    """The reason text per factor, without its points."""
    return {
        "crisis": pl.lit("Crisissignaal"),
        "partner_types": pl.format("{} soorten signaalpartners", "partner_type_count"),
        "opeenvolgend": pl.lit("Eerder signaal op dit adres in de zes maanden hiervoor"),
        "amount": pl.format("Totale achterstand {}", euro(pl.col("total_amount_cents"))),
        "rent_arrears": pl.lit("Huurachterstand"),
        "arrears_age": pl.format("Oudste achterstand {} dagen", "max_arrears_days"),
        "young_adult": pl.lit(f"Jongvolwassene ({YOUNG_ADULT[0]}-{YOUNG_ADULT[1]} jaar)"),
        "warm_handover": pl.lit("Warme overdracht"),
    }


def prioritise(meldingen: pl.LazyFrame, weight: Callable[[str], pl.Expr] = pl.col) -> pl.LazyFrame:
    """Add priority_score and priority_points (a struct of the points per named factor).

    Needs the melding flags and totals; `weight` gives the municipality's weights by name
    (`w_crisis`, ...): by default from columns of that name.
    """
    points = {name: expr.fill_null(0).cast(pl.Int64) for name, expr in _points(weight).items()}
    # The score sums the struct's fields: written out twice, every factor was computed twice.
    return meldingen.with_columns(pl.struct(**points).alias("priority_points")).with_columns(
        pl.sum_horizontal(pl.col("priority_points").struct.unnest()).alias("priority_score")
    )


def reasons_expr() -> pl.Expr:
    """priority_reasons: the factors that scored, e.g. ['Crisissignaal (+50)', ...].

    Needs priority_points, partner_type_count, total_amount_cents and max_arrears_days.
    """
    scored = [(pl.col("priority_points").struct.field(name), t) for name, t in _texts().items()]
    parts = [pl.when(p > 0).then(pl.format("{} (+{})", text, p)) for p, text in scored]
    counted = pl.sum_horizontal([(p > 0).cast(pl.Int32) for p, _ in scored])
    joined = pl.concat_str(parts, separator=_SEPARATOR, ignore_nulls=True)
    return joined.str.split(_SEPARATOR).list.head(counted).alias("priority_reasons")


def with_priority_reasons(meldingen: pl.DataFrame) -> pl.DataFrame:
    """The meldingen of `run_matching` with `priority_reasons`, a list of Dutch strings."""
    return meldingen.with_columns(reasons_expr())
