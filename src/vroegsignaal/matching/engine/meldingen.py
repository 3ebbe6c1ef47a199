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
# Periods per look-back window: with the six months before, 62 bits of an Int64.
_WINDOW = 56


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
    """Group the signals (with `excluded` and the policy columns) into meldingen.

    The signals come sorted by `melding_id` (0, 1, ...): the meldingen keep that order, so the
    row number of a melding is its id.
    """
    young = pl.col("age_years").is_between(*YOUNG_ADULT)
    huur = bits.get(HUUR, 0)
    return (
        rules.group_by("melding_id", maintain_order=True)
        .agg(
            pl.col(
                "melding_key",
                "municipality_code",
                "period_start",
                "address_key",
                "postcode",
                "minimum_signals",
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
    return meldingen.join(table, on="partner_mask", how="left", maintain_order="left").drop(
        "partner_mask"
    )


def opeenvolgend(meldingen: pl.LazyFrame, earlier: pl.LazyFrame, months: list[int]) -> pl.LazyFrame:
    """Add `opeenvolgend`: a signal at the address in the six months before the period.

    The meldingen keep their order (by `melding_id`).

    `earlier` holds municipality_code, address_key and month (see `month_index`) of every known
    signal; `months` are the month indexes of the periods matched. Six whole months back from
    the first day of the period: for July 2025 a signal on 1 January 2025 counts and one on
    31 December 2024 does not.

    Per address the months with a signal become bits of one integer, so the look-back is one
    group-by and one join instead of pairing every signal with every other. An Int64 holds
    62 months, so long catch-ups are done in windows of `_WINDOW` periods.
    """
    with_month = meldingen.with_columns(month_index(pl.col("period_start")).alias("month"))
    parts = []
    for first in range(min(months), max(months) + 1, _WINDOW):
        window = with_month.filter(pl.col("month").is_between(first, first + _WINDOW - 1))
        parts.append(_flag_window(window, earlier, first - OPEENVOLGEND_MONTHS))
    if len(parts) == 1:
        return parts[0].drop("month")
    return pl.concat(parts).sort("melding_id").drop("month")


def _flag_window(meldingen: pl.LazyFrame, earlier: pl.LazyFrame, base: int) -> pl.LazyFrame:
    bit = pl.lit(2, pl.Int64).pow(pl.col("month") - base)
    masks = (
        earlier.filter(pl.col("month").is_between(base, base + _WINDOW + OPEENVOLGEND_MONTHS - 1))
        .group_by("municipality_code", "address_key")
        .agg(bit.bitwise_or().alias("month_mask"))
    )
    before = pl.col("month_mask") // pl.lit(2, pl.Int64).pow(
        pl.col("month") - OPEENVOLGEND_MONTHS - base
    )
    return (
        meldingen.join(
            masks, on=["municipality_code", "address_key"], how="left", maintain_order="left"
        )
        .with_columns((before % 2**OPEENVOLGEND_MONTHS != 0).fill_null(False).alias("opeenvolgend"))
        .drop("month_mask")
    )
