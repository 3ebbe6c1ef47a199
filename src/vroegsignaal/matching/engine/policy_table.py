"""Policies as frames, so that rules are applied to all municipalities in one vectorised pass."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from vroegsignaal.dutch_numbers import euros
from vroegsignaal.matching.engine.policy import Policy
from vroegsignaal.matching.engine.vocabulary import PARTNER_TYPES


def resolve(policies: Mapping[str, Policy] | Policy, codes: list[str]) -> dict[str, Policy]:
    """The policy of every municipality in `codes`; one `Policy` applies to all of them."""
    if isinstance(policies, Policy):
        return dict.fromkeys(codes, policies)
    missing = sorted(set(codes) - set(policies))
    if missing:
        raise ValueError(f"Geen beleid voor gemeente(n): {', '.join(missing)}.")
    return {code: policies[code] for code in codes}


def distinct(policies: dict[str, Policy]) -> list[Policy]:
    """The distinct policies in order of first use; `policy_index` points into this list."""
    return list(dict.fromkeys(policies.values()))


def settings_table(policies: list[Policy]) -> pl.DataFrame:
    """One row per distinct policy, in `policy_index` order: filter settings and weights
    (prefixed w_)."""
    rows = [
        {
            "minimum_amount_cents": policy.minimum_amount_cents,
            "minimum_text": _minimum_text(policy.minimum_amount_cents),
            "exclude_business": policy.exclude_business_contracts,
            "minimum_signals": policy.minimum_signals_for_go,
            "crisis_always_go": policy.crisis_always_go,
            "repeat_months": policy.repeat_months,
            **{f"w_{k}": v for k, v in vars(policy.weights).items()},
        }
        for policy in policies
    ]
    return pl.DataFrame(rows, schema_overrides={"minimum_amount_cents": pl.Int64})


def window_table(policies: list[Policy]) -> pl.DataFrame:
    """One row per distinct policy and partner type (row `policy_index` * number of partner
    types + partner position): the arrears-age window and its label."""
    rows = [
        {
            "window_min": policy.window_for(partner).min_days,
            "window_max": policy.window_for(partner).max_days,
            "window_text": f"buiten venster {partner} ({policy.window_for(partner).label()})",
        }
        for policy in policies
        for partner in PARTNER_TYPES
    ]
    return pl.DataFrame(rows, schema_overrides={"window_min": pl.Int64, "window_max": pl.Int64})


def with_settings(signals: pl.LazyFrame, policies: dict[str, Policy]) -> pl.LazyFrame:
    """Add each signal's `policy_index`, its policy's filter settings (`settings_table` without
    the weights) and the window of its partner type (`window_min`, `window_max`,
    `window_text`; null for an unknown partner type).

    The settings come from the small per-policy tables by index: a join would gather every
    signal column.
    """
    ordered = distinct(policies)
    index = {code: ordered.index(policy) for code, policy in policies.items()}
    position = {partner: number for number, partner in enumerate(PARTNER_TYPES)}
    settings = settings_table(ordered).select(pl.exclude("^w_.*$"))
    windows = window_table(ordered)
    window = pl.col("policy_index") * len(PARTNER_TYPES) + pl.col("partner_type").replace_strict(
        position, default=None, return_dtype=pl.Int64
    )
    return (
        signals.with_columns(
            pl.col("municipality_code")
            .replace_strict(index, return_dtype=pl.Int32)
            .alias("policy_index")
        )
        # A column of its own: inside each gather it was computed once per window column.
        .with_columns(window.alias("window_index"))
        .with_columns(
            *(pl.lit(settings[name]).gather(pl.col("policy_index")) for name in settings.columns),
            *(pl.lit(windows[name]).gather(pl.col("window_index")) for name in windows.columns),
        )
        .drop("window_index")
    )


def _minimum_text(cents: int | None) -> str | None:
    """'Bedrag onder minimum van € 1.234,56' (Dutch money notation)."""
    if cents is None:
        return None
    return f"Bedrag onder minimum van {euros(cents)}"
