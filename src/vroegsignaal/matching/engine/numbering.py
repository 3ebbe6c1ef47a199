"""Numbering addresses and meldingen without moving the signals.

A melding is the signals of one municipality, period and address. Sorting the wide signal
frame by a text key was the costliest step of a national run (every column is gathered); here
only a narrow integer key is sorted, and the numbers are written back to the signals' own rows:

- `address_id`: 0, 1, ... per distinct municipality + address key;
- `melding_id`: 0, 1, ... per distinct municipality + address key + period, numbered in the
  order (municipality, address, period), so the meldingen of one address are consecutive;
- `first_in_melding`: the one row per melding that gives its shared columns;
- `first_at_address`: the one row per address (for looking up its earlier signals);
- `in_multi`: the signal shares its melding with another signal.

The key is the municipality's rank, a hash of the address key and the month. Equal
sort hashes of different addresses (about once in 65,000 national runs) are detected by a
second, independently seeded 64-bit hash of the same texts; then the rows are sorted by both
hashes. Comparing the address texts instead cost a gather of a million texts per run; two
addresses now share a melding only if both hashes agree, about 2^-80 per national run.
"""

from __future__ import annotations

import polars as pl

from vroegsignaal.matching.engine.meldingen import month_index

NUMBER_COLUMNS = ["address_id", "melding_id", "first_in_melding", "first_at_address", "in_multi"]
# What neighbouring sorted rows are compared on: `group` holds the municipality's rank.
_COMPARED = ["group", "month", "check"]
_CHECK_SEED = 0x5EED_0F_ADD2E55


def address_hash() -> pl.Expr:
    """The 64-bit hash of the address key that is sorted on (a function, so a test can force
    equal hashes and exercise the collision path). The municipality needs no hashing: its
    rank is in the upper bits of the key."""
    return pl.col("address_key").hash()


def check_hash() -> pl.Expr:
    """A second 64-bit hash of the address key with another seed, independent of the first."""
    return pl.col("address_key").hash(seed=_CHECK_SEED)


def with_numbers(signals: pl.DataFrame, codes: list[str]) -> pl.DataFrame:
    """`signals` (with municipality_code, address_key, period_start) plus `NUMBER_COLUMNS`.

    `codes` are the municipalities in the order their meldingen should come.
    """
    keys = _keys(signals, codes)
    order = keys["key"].arg_sort()
    ranked = keys.select(pl.col(_COMPARED).gather(order))
    if ranked.select(_collision()).item():
        order = keys.select(pl.arg_sort_by("group", "check", "month")).to_series()
        ranked = keys.select(pl.col(_COMPARED).gather(order))
    numbered = ranked.select(_run_numbers())
    back = pl.DataFrame([_scatter(numbered[name], order) for name in NUMBER_COLUMNS])
    return pl.concat([signals, back], how="horizontal")


def _keys(signals: pl.DataFrame, codes: list[str]) -> pl.DataFrame:
    """group (rank + address hash, upper bits), key (group with the month in the low bits) and
    the check hash."""
    rank_bits = max(len(codes) - 1, 1).bit_length()
    months = signals.lazy().select(month_index(pl.col("period_start"))).collect().to_series()
    first_month = months.min() or 0
    month_bits = max((months.max() or 0) - first_month, 1).bit_length()
    hash_bits = 64 - rank_bits - month_bits
    rank = pl.col("municipality_code").replace_strict(
        {code: position for position, code in enumerate(codes)}, return_dtype=pl.UInt64
    )
    group = rank * 2 ** (64 - rank_bits) + address_hash() // 2 ** (64 - hash_bits) * 2**month_bits
    month = pl.lit(months) - first_month
    return (
        signals.lazy()
        .select(
            check_hash().alias("check"),
            group.alias("group"),
            month.alias("month"),
            (group + month.cast(pl.UInt64)).alias("key"),
        )
        .collect()
        .rechunk()  # small, and selected from several times below
    )


def _collision() -> pl.Expr:
    """True when neighbouring rows share a hash group but not their address."""
    same_group = pl.col("group") == pl.col("group").shift(1)
    return (same_group & _changed("check")).fill_null(False).any()


def _run_numbers() -> list[pl.Expr]:
    """The numbers of rows sorted by municipality, address and period: a new number wherever
    the address (or, for melding_id, the period) differs from the row before."""
    new_address = _changed("group") | _changed("check")
    new_melding = new_address | _changed("month")
    melding_id = new_melding.cum_sum().cast(pl.Int64) - 1
    next_differs = (melding_id != melding_id.shift(-1)).fill_null(True)
    return [
        (new_address.cum_sum().cast(pl.Int64) - 1).alias("address_id"),
        melding_id.alias("melding_id"),
        new_melding.alias("first_in_melding"),
        new_address.alias("first_at_address"),
        (~(new_melding & next_differs)).alias("in_multi"),
    ]


def _changed(column: str) -> pl.Expr:
    return (pl.col(column) != pl.col(column).shift(1)).fill_null(True)


def _scatter(values: pl.Series, order: pl.Series) -> pl.Series:
    """Values of the sorted rows back at the rows' own positions (`order` is a permutation,
    so every position of the copy is written)."""
    return values.clone().scatter(order, values)
