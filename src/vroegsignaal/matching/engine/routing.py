"""Routing meldingen into werkbakjes: ordered rules per municipality, first match wins."""

from __future__ import annotations

import polars as pl

from vroegsignaal.matching.engine.policy import Policy, RouteCondition
from vroegsignaal.matching.engine.vocabulary import (
    CRISIS_TERM_DAYS,
    TERM_CALENDAR_DAYS,
    TERM_CRISIS,
)


def condition_expr(condition: RouteCondition, bits: dict[str, int]) -> pl.Expr:
    """The condition as a Polars predicate over the melding columns (all parts must hold).

    `bits` maps partner types to their bit in `partner_mask` (see `meldingen.partner_bits`).
    """
    parts = [pl.col(flag) for flag in condition.flags]
    if condition.min_amount_cents is not None:
        parts.append(pl.col("total_amount_cents") >= condition.min_amount_cents)
    if condition.partner_types:
        wanted = sum(bits.get(name, 0) for name in set(condition.partner_types))
        parts.append((pl.col("partner_mask") & wanted) != 0)
    if condition.max_age is not None:
        parts.append(pl.col("min_age").fill_null(condition.max_age + 1) <= condition.max_age)
    if condition.postcode_prefixes:
        parts.append(
            pl.any_horizontal(
                [pl.col("postcode").str.starts_with(p) for p in condition.postcode_prefixes]
            )
        )
    return pl.all_horizontal(parts) if parts else pl.lit(True)


def route(meldingen: pl.LazyFrame, policies: list[Policy], bits: dict[str, int]) -> pl.LazyFrame:
    """Add queue, first_contact_channel, term_kind and term_days.

    `meldingen` has a `policy_index` into `policies`, so all municipalities are routed in one
    pass. Crisis meldingen keep their queue but get the 3-working-day term (Wgs art. 4 lid 2).
    """
    index = pl.lit(None, pl.Int32)
    table_rows = []
    for number, policy in enumerate(policies):
        rules = [*policy.routing_rules, policy.default_route]
        chosen = pl.lit(len(rules) - 1, pl.Int32)
        for position in reversed(range(len(rules) - 1)):
            condition = condition_expr(rules[position].condition, bits)
            chosen = pl.when(condition).then(pl.lit(position, pl.Int32)).otherwise(chosen)
        index = pl.when(pl.col("policy_index") == number).then(chosen).otherwise(index)
        table_rows += [
            (number, position, rule.queue, rule.first_contact_channel, rule.term_days)
            for position, rule in enumerate(rules)
        ]
    table = pl.LazyFrame(
        table_rows,
        schema={"policy_index": pl.Int32, "rule_index": pl.Int32, "queue": pl.String,
                "first_contact_channel": pl.String, "rule_term_days": pl.Int64},
        orient="row",
    )  # fmt: skip
    crisis = pl.col("crisis")
    return (
        meldingen.with_columns(index.alias("rule_index"))
        .join(table, on=["policy_index", "rule_index"], how="left", maintain_order="left")
        .with_columns(
            pl.when(crisis).then(pl.lit(TERM_CRISIS)).otherwise(pl.lit(TERM_CALENDAR_DAYS))
            .alias("term_kind"),
            pl.when(crisis).then(pl.lit(CRISIS_TERM_DAYS, pl.Int64)).otherwise("rule_term_days")
            .alias("term_days"),
        )
        .drop("rule_index", "rule_term_days")
    )  # fmt: skip
