"""Routing meldingen into werkbakjes: ordered rules per municipality, first match wins."""

from __future__ import annotations

import polars as pl

from vroegsignaal.matching.engine.policy import Policy, RouteCondition, RoutingRule
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
    """Add queue, first_contact_channel, queue_term_days, term_kind and term_days.

    `meldingen` has a `policy_index` into `policies`, so all municipalities are routed in one
    pass. Crisis meldingen keep their queue but get the 3-working-day term: the municipality's
    own urgency for the first action, after the three working days Wgs art. 4 lid 2 sets for
    the first conversation once help is accepted (docs/termijnen.md); `queue_term_days` stays
    the rule's term, the werkbakje's own.
    """
    index = pl.lit(None, pl.Int64)
    rows: list[RoutingRule] = []
    for number, policy in enumerate(policies):
        rules = [*policy.routing_rules, policy.default_route]
        # Position in `rows` of the policy's first rule that holds (the default always does).
        chosen = pl.lit(len(rows) + len(rules) - 1, pl.Int64)
        for position in reversed(range(len(rules) - 1)):
            condition = condition_expr(rules[position].condition, bits)
            chosen = (
                pl.when(condition).then(pl.lit(len(rows) + position, pl.Int64)).otherwise(chosen)
            )
        index = pl.when(pl.col("policy_index") == number).then(chosen).otherwise(index)
        rows += rules

    def table(values: list, dtype: pl.DataType) -> pl.Expr:
        # One row per rule: a gather by rule position instead of a join.
        return pl.lit(pl.Series(values, dtype=dtype)).gather(pl.col("rule_index"))

    crisis = pl.col("crisis")
    return (
        meldingen.with_columns(index.alias("rule_index"))
        .with_columns(
            table([rule.queue for rule in rows], pl.String).alias("queue"),
            table([rule.first_contact_channel for rule in rows], pl.String)
            .alias("first_contact_channel"),
            table([rule.term_days for rule in rows], pl.Int64).alias("queue_term_days"),
            pl.when(crisis).then(pl.lit(TERM_CRISIS)).otherwise(pl.lit(TERM_CALENDAR_DAYS))
            .alias("term_kind"),
        )
        .with_columns(
            pl.when(crisis).then(pl.lit(CRISIS_TERM_DAYS, pl.Int64))
            .otherwise(pl.col("queue_term_days"))
            .alias("term_days"),
        )
        .drop("rule_index")
    )  # fmt: skip
