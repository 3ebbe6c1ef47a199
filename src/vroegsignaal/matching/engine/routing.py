"""Routing meldingen into werkbakjes: ordered rules per municipality, first match wins."""

from __future__ import annotations

import polars as pl

from vroegsignaal.matching.engine.policy import Policy, RouteCondition
from vroegsignaal.matching.engine.vocabulary import (
    CRISIS_TERM_DAYS,
    TERM_CALENDAR_DAYS,
    TERM_CRISIS,
)


def condition_expr(condition: RouteCondition) -> pl.Expr:
    """The condition as a Polars predicate over the melding columns (all parts must hold)."""
    parts = [pl.col(flag) for flag in condition.flags]
    if condition.min_amount_cents is not None:
        parts.append(pl.col("total_amount_cents") >= condition.min_amount_cents)
    if condition.partner_types:
        wanted = list(condition.partner_types)
        parts.append(pl.col("partner_types").list.eval(pl.element().is_in(wanted)).list.any())
    if condition.max_age is not None:
        parts.append(pl.col("min_age").fill_null(condition.max_age + 1) <= condition.max_age)
    if condition.postcode_prefixes:
        parts.append(
            pl.any_horizontal(
                [pl.col("postcode").str.starts_with(p) for p in condition.postcode_prefixes]
            )
        )
    return pl.all_horizontal(parts) if parts else pl.lit(True)


def route(meldingen: pl.DataFrame, policy: Policy) -> pl.DataFrame:
    """Add queue, first_contact_channel, term_kind and term_days under one policy.

    Crisis meldingen keep their queue but get the 3-working-day term (Wgs art. 4 lid 2).
    """
    rules = [*policy.routing_rules, policy.default_route]
    index = pl.lit(len(rules) - 1)
    for position in reversed(range(len(rules) - 1)):
        index = pl.when(condition_expr(rules[position].condition)).then(position).otherwise(index)
    table = pl.DataFrame(
        {
            "rule_index": list(range(len(rules))),
            "queue": [r.queue for r in rules],
            "first_contact_channel": [r.first_contact_channel for r in rules],
            "rule_term_days": [r.term_days for r in rules],
        },
        schema_overrides={"rule_index": pl.Int32, "rule_term_days": pl.Int64},
    )
    return (
        meldingen.with_columns(index.cast(pl.Int32).alias("rule_index"))
        .join(table, on="rule_index", how="left")
        .with_columns(
            pl.when("crisis")
            .then(pl.lit(TERM_CRISIS))
            .otherwise(pl.lit(TERM_CALENDAR_DAYS))
            .alias("term_kind"),
            pl.when("crisis")
            .then(pl.lit(CRISIS_TERM_DAYS, pl.Int64))
            .otherwise("rule_term_days")
            .alias("term_days"),
        )
        .drop("rule_index", "rule_term_days")
    )
