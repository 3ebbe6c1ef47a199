"""Policies as frames, so that rules are applied to all municipalities in one vectorised pass."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

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


def municipal_table(policies: dict[str, Policy]) -> pl.DataFrame:
    """One row per municipality: policy_index, filter settings and weights (prefixed w_)."""
    index = {policy: number for number, policy in enumerate(distinct(policies))}
    rows = []
    for code, policy in policies.items():
        weights = {f"w_{k}": v for k, v in vars(policy.weights).items()}
        rows.append(
            {
                "municipality_code": code,
                "policy_index": index[policy],
                "minimum_amount_cents": policy.minimum_amount_cents,
                "minimum_text": _minimum_text(policy.minimum_amount_cents),
                "exclude_business": policy.exclude_business_contracts,
                "minimum_signals": policy.minimum_signals_for_go,
                "repeat_months": policy.repeat_months,
                **weights,
            }
        )
    return pl.DataFrame(
        rows, schema_overrides={"minimum_amount_cents": pl.Int64, "policy_index": pl.Int32}
    )


def window_table(policies: dict[str, Policy]) -> pl.DataFrame:
    """One row per municipality and partner type: the arrears-age window and its label."""
    rows = [
        {
            "municipality_code": code,
            "partner_type": partner,
            "window_min": policy.window_for(partner).min_days,
            "window_max": policy.window_for(partner).max_days,
            "window_text": f"buiten venster {partner} ({policy.window_for(partner).label()})",
        }
        for code, policy in policies.items()
        for partner in PARTNER_TYPES
    ]
    return pl.DataFrame(rows, schema_overrides={"window_min": pl.Int64, "window_max": pl.Int64})


def with_settings(signals: pl.LazyFrame, policies: dict[str, Policy]) -> pl.LazyFrame:
    """Add each signal's policy settings (`policy_index`, the filter settings of
    `municipal_table` without weights) and the window of its partner type (`window_min`,
    `window_max`, `window_text`; null for an unknown partner type).

    The settings come from small per-policy tables by index: a join would gather every
    signal column.
    """
    ordered = distinct(policies)
    index = {code: ordered.index(policy) for code, policy in policies.items()}
    position = {partner: number for number, partner in enumerate(PARTNER_TYPES)}
    per_policy = municipal_table(dict(zip(map(str, range(len(ordered))), ordered, strict=True)))
    windows = window_table({str(number): policy for number, policy in enumerate(ordered)})
    settings = ["minimum_amount_cents", "minimum_text", "exclude_business", "minimum_signals",
                "repeat_months"]  # fmt: skip
    window = pl.col("policy_index") * len(PARTNER_TYPES) + pl.col("partner_type").replace_strict(
        position, default=None, return_dtype=pl.Int64
    )
    return signals.with_columns(
        pl.col("municipality_code")
        .replace_strict(index, return_dtype=pl.Int32)
        .alias("policy_index")
    ).with_columns(
        *(pl.lit(per_policy[name]).gather(pl.col("policy_index")) for name in settings),
        *(
            pl.lit(windows[name]).gather(window)
            for name in ("window_min", "window_max", "window_text")
        ),
    )


def _minimum_text(cents: int | None) -> str | None:
    """'Bedrag onder minimum van € 1.234,56' (Dutch money notation)."""
    if cents is None:
        return None
    whole = f"{cents // 100:,}".replace(",", ".")
    return f"Bedrag onder minimum van € {whole},{cents % 100:02d}"
