"""From signals to meldingen: one row per municipality, period and address, with flags.

Partner types travel as a bitmask per signal (one bit per partner type present in the input),
so a melding's set of partner types is a bitwise OR instead of a list aggregation; the sorted
list of names is built once per distinct mask.
"""

from __future__ import annotations

import polars as pl

from vroegsignaal.matching.engine.vocabulary import HUUR

OPEENVOLGEND_MONTHS = 6
YOUNG_ADULT = (18, 27)


def month_index(date: pl.Expr) -> pl.Expr:
    """Months since year 0 ('2025-07-10' -> 2025 * 12 + 6): consecutive months differ by one."""
    return date.dt.year().cast(pl.Int32) * 12 + date.dt.month().cast(pl.Int32) - 1


def partner_bits(partner_types: pl.Series) -> dict[str, int]:
    """Bit value per partner type occurring in `partner_types`, in sorted name order."""
    names = sorted(partner_types.unique().drop_nulls().to_list())
    if len(names) > 62:
        raise ValueError(f"Te veel soorten signaalpartners ({len(names)}); maximaal 62.")
    return {name: 1 << position for position, name in enumerate(names)}


def mask_expr(bits: dict[str, int], column: str = "partner_type") -> pl.Expr:
    """The partner type of a signal as its bit."""
    return pl.col(column).replace_strict(bits, return_dtype=pl.Int64)


def aggregate(rules: pl.LazyFrame, bits: dict[str, int]) -> pl.LazyFrame:
    """Group the signals (with `excluded` and the policy columns) into meldingen."""
    young = pl.col("age_years").is_between(*YOUNG_ADULT)
    huur = bits.get(HUUR, 0)
    return (
        rules.group_by("melding_key")
        .agg(
            pl.col(
                "municipality_code", "period_start", "address_key", "postcode", "minimum_signals"
            ).first(),
            pl.len().alias("signal_count"),
            (~pl.col("excluded")).sum().cast(pl.Int64).alias("eligible_count"),
            mask_expr(bits).bitwise_or().alias("partner_mask"),
            pl.col("amount_cents").sum().alias("total_amount_cents"),
            pl.col("crisis").any(),
            pl.col("warm_handover").any().alias("warme_overdracht"),
            pl.col("arrears_days").max().alias("max_arrears_days"),
            young.any().alias("young_adult"),
            pl.col("age_years").min().alias("min_age"),
            pl.col("attach_to_melding_id").max(),
        )
        .with_columns(
            pl.col("period_start").dt.month_end().alias("period_end"),
            (pl.col("signal_count") == 1).alias("enkelvoudig"),
            (pl.col("signal_count") >= 2).alias("meervoudig"),
            pl.col("partner_mask").bitwise_count_ones().cast(pl.Int64).alias("partner_type_count"),
            ((pl.col("partner_mask") & huur) != 0).alias("rent_arrears"),
            (pl.col("eligible_count") >= pl.col("minimum_signals")).alias("go"),
        )
    )


def partner_type_lists(meldingen: pl.DataFrame, bits: dict[str, int]) -> pl.DataFrame:
    """Replace `partner_mask` by `partner_types`, the sorted list of partner type names."""
    masks = meldingen["partner_mask"].unique().to_list()
    table = pl.DataFrame(
        {
            "partner_mask": masks,
            "partner_types": [[n for n, bit in bits.items() if mask & bit] for mask in masks],
        },
        schema={"partner_mask": pl.Int64, "partner_types": pl.List(pl.String)},
    )
    return meldingen.join(table, on="partner_mask", how="left").drop("partner_mask")


def opeenvolgend(meldingen: pl.LazyFrame, earlier: pl.LazyFrame) -> pl.LazyFrame:
    """Add `opeenvolgend`: a signal at the address in the six months before the period.

    `earlier` holds municipality_code, address_key and month (see `month_index`) of every known
    signal. Six whole months back from the first day of the period: for July 2025 a signal on
    1 January 2025 counts and one on 31 December 2024 does not. An as-of join finds the latest
    earlier month at the same address without pairing every signal with every other.
    """
    months = earlier.unique().rename({"month": "earlier_month"}).sort("earlier_month")
    return (
        meldingen.with_columns(month_index(pl.col("period_start")).alias("month"))
        .sort("month")
        .join_asof(
            months,
            left_on="month",
            right_on="earlier_month",
            by=["municipality_code", "address_key"],
            strategy="backward",
            allow_exact_matches=False,
            check_sortedness=False,
        )
        .with_columns(
            (pl.col("month") - pl.col("earlier_month") <= OPEENVOLGEND_MONTHS)
            .fill_null(False)
            .alias("opeenvolgend")
        )
        .drop("month", "earlier_month")
    )
