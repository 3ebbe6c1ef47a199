"""From signals to meldingen: one row per municipality, period and address, with flags.

Partner types travel as a bitmask per signal (one bit per partner type present in the input),
so a melding's set of partner types is a bitwise OR instead of a list aggregation; the sorted
list of names is built once per distinct mask.

Most meldingen hold a single signal (about nine in ten at national scale): their row is the
signal's own values, and only the signals of meldingen with more than one signal are grouped.
"""

from __future__ import annotations

import polars as pl

from vroegsignaal.matching.engine.vocabulary import HUUR

OPEENVOLGEND_MONTHS = 6
YOUNG_ADULT = (18, 27)
# Made of the signals that are picked up only: a signal a rule excludes (overleden, geen
# inwoner, onterecht, herhaalde melding, al bekend) stays in the melding with its status, but
# adds no amount, partner type, priority or route. The kind (enkelvoudig/meervoudig) counts
# every signal at the address, as `opeenvolgend` counts every earlier one.
PICKED_UP_FIGURES = frozenset({
    "partner_mask", "total_amount_cents", "crisis", "warme_overdracht", "max_arrears_days",
    "young_adult", "min_age",
})  # fmt: skip
# Taken from the melding's first signal: equal for every signal of a melding.
_SHARED = [
    "melding_id", "address_id", "municipality_code", "period_start", "address_key", "postcode",
    "minimum_signals", "policy_index",
]  # fmt: skip


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


def _totals(bits: dict[str, int], *, grouped: bool) -> list[pl.Expr]:
    """The melding totals; for one signal (`grouped` False) its own values give the same."""
    young = pl.col("age_years").is_between(*YOUNG_ADULT)
    values = {
        "signal_count": pl.len() if grouped else pl.lit(1),
        "eligible_count": ~pl.col("excluded"),
        # A crisis signal that counts makes the melding a go when the policy says so.
        "crisis_go": (
            pl.col("crisis").fill_null(False) & ~pl.col("excluded") & pl.col("crisis_always_go")
        ),
        "partner_mask": mask_expr(bits),
        "total_amount_cents": pl.col("amount_cents").fill_null(0),
        "crisis": pl.col("crisis").fill_null(False),
        "warme_overdracht": pl.col("warm_handover").fill_null(False),
        "max_arrears_days": pl.col("arrears_days"),
        "young_adult": young.fill_null(False),
        "min_age": pl.col("age_years"),
        "attach_to_melding_id": pl.col("attach_to_melding_id"),
    }
    if grouped:
        reduce = {"eligible_count": "sum", "crisis_go": "any", "partner_mask": "bitwise_or",
                  "total_amount_cents": "sum",
                  "crisis": "any", "warme_overdracht": "any", "max_arrears_days": "max",
                  "young_adult": "any", "min_age": "min", "attach_to_melding_id": "max"}  # fmt: skip
        per_signal = values
        values = {name: getattr(e, reduce[name])() if name in reduce else e
                  for name, e in per_signal.items()}  # fmt: skip
        # The figures, priority factors and route are about the signals that are picked up
        # (docs/matching.md); a melding without any still shows what was reported. Both are
        # reduced and one is chosen per melding: filtering inside the aggregation evaluates
        # group by group and doubled the cost of grouping (0.19 -> 0.36 s nationally).
        counted = {name: getattr(pl.when(~pl.col("excluded")).then(e), reduce[name])()
                   for name, e in per_signal.items() if name in PICKED_UP_FIGURES}  # fmt: skip
        any_counted = (~pl.col("excluded")).any()
        values |= {name: pl.when(any_counted).then(counted[name]).otherwise(values[name])
                   for name in PICKED_UP_FIGURES}  # fmt: skip
    dtypes = {"signal_count": pl.UInt32, "eligible_count": pl.Int64}
    return [e.cast(dtypes[n]).alias(n) if n in dtypes else e.alias(n) for n, e in values.items()]


def aggregate(rules: pl.DataFrame, bits: dict[str, int]) -> pl.DataFrame:
    """Group the signals (with `excluded` and the policy columns) into meldingen.

    The signals carry `melding_id` (0, 1, ...), `first_in_melding` and `in_multi`; the
    meldingen come in `melding_id` order, so the row number of a melding is its id.
    The first signal of every melding gives its row; the totals of the meldingen with more
    than one signal are grouped and written over it by position.
    """
    needed = [*_SHARED, "excluded", "crisis_always_go", "partner_type", "amount_cents", "crisis",
              "warm_handover", "arrears_days", "age_years", "attach_to_melding_id"]  # fmt: skip
    first_rows = pl.DataFrame(gather_rows(rules, needed, _first_rows(rules)))
    meldingen = first_rows.lazy().select(*_SHARED, *_totals(bits, grouped=False)).collect()
    multi = (
        rules.lazy()
        .filter(pl.col("in_multi"))
        .group_by("melding_id", maintain_order=True)
        .agg(_totals(bits, grouped=True))
        .collect()
    )
    positions = multi["melding_id"]
    meldingen = meldingen.with_columns(
        meldingen[name].scatter(positions, multi[name]) for name in multi.columns[1:]
    )
    huur = bits.get(HUUR, 0)
    return (
        meldingen.lazy()
        .with_columns(
            (pl.col("signal_count") == 1).alias("enkelvoudig"),
            (pl.col("signal_count") >= 2).alias("meervoudig"),
            pl.col("partner_mask").bitwise_count_ones().cast(pl.Int64).alias("partner_type_count"),
            ((pl.col("partner_mask") & huur) != 0).alias("rent_arrears"),
            ((pl.col("eligible_count") >= pl.col("minimum_signals")) | pl.col("crisis_go")).alias(
                "go"
            ),
        )
        .collect()
    )


def gather_rows(frame: pl.DataFrame, names: list[str], rows: pl.Series) -> list[pl.Series]:
    """The named columns at `rows`, each made one chunk first. The streaming engine leaves a
    national frame in 10-20 chunks, and a gather across chunks costs several times more than
    rechunking one column (0.001-0.04 s) and gathering from it: the first rows of the
    meldingen 0.26 -> 0.22 s, the signals' melding keys 0.08 s formatted -> 0.02 s gathered."""
    return [frame[name].rechunk().gather(rows.rechunk()) for name in names]


def _first_rows(rules: pl.DataFrame) -> pl.Series:
    """The row of each melding's first signal, in `melding_id` order (melding ids number the
    meldingen 0, 1, ..., so writing each row at its melding id orders them without a sort)."""
    firsts = (
        rules.lazy()
        .select(pl.int_range(pl.len()).alias("row"), "melding_id", "first_in_melding")
        .filter("first_in_melding")
        .collect()
    )
    return firsts["row"].clone().scatter(firsts["melding_id"], firsts["row"])


def partner_type_lists(masks: pl.Series, bits: dict[str, int]) -> pl.Series:
    """`partner_types`: the sorted list of partner type names of each mask in `masks`.

    One list per distinct mask, gathered by the mask's position."""
    distinct = masks.unique().sort()
    lists = pl.Series(
        "partner_types",
        [[name for name, bit in bits.items() if mask & bit] for mask in distinct],
        dtype=pl.List(pl.String),
    )
    return lists.gather(
        masks.replace_strict(
            distinct, pl.int_range(distinct.len(), eager=True), return_dtype=pl.Int64
        )
    )


def opeenvolgend(meldingen: pl.DataFrame, history: pl.DataFrame) -> pl.DataFrame:
    """Add `opeenvolgend`: a signal at the address in the six months before the period.

    `meldingen` has `address_id` and `month` (see `month_index`) and comes as `numbering`
    orders it: the meldingen of one address consecutive and by period. `history` holds
    address_id and month of the earlier signals at those addresses. Six whole months back
    from the first day of the period: for July 2025 a signal on 1 January 2025 counts and one
    on 31 December 2024 does not. The meldingen keep their order.

    An earlier melding of this run at the address is the row before (a comparison of
    neighbours); earlier signals from the history are paired with the meldingen of their
    address only (a few per address).
    """
    address, month = pl.col("address_id"), pl.col("month")
    if not meldingen.select(_in_address_order(address, month)).item():
        raise ValueError("Meldingen niet per adres en periode geordend.")
    in_run = meldingen.select(
        ((address == address.shift(1)) & (month - month.shift(1) <= OPEENVOLGEND_MONTHS))
        .fill_null(False)
        .alias("opeenvolgend")
    ).to_series()
    rows = (
        history.lazy()
        .join(
            meldingen.lazy().select("address_id", "month").with_row_index("row"),
            on="address_id",
            suffix="_melding",
        )
        .filter(
            month.is_between(
                pl.col("month_melding") - OPEENVOLGEND_MONTHS, pl.col("month_melding") - 1
            )
        )
        .select("row")
        .collect()
        .to_series()
    )
    return meldingen.with_columns(in_run.scatter(rows, True))


def _in_address_order(address: pl.Expr, month: pl.Expr) -> pl.Expr:
    """True when address ids never decrease and months rise within an address."""
    same = address == address.shift(1)
    rising = pl.when(same).then(month > month.shift(1)).otherwise(address > address.shift(1))
    return rising.fill_null(True).all()
