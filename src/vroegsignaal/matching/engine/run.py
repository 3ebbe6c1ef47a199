"""`run_matching`: from a period's signals to prioritised, routed meldingen with statuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from vroegsignaal.matching.engine import classify, persons, policy_table
from vroegsignaal.matching.engine.normalise import address_key_expr, normalise_signals
from vroegsignaal.matching.engine.policy import Policy
from vroegsignaal.matching.engine.priority import YOUNG_ADULT, prioritise
from vroegsignaal.matching.engine.routing import route
from vroegsignaal.matching.engine.status import excluded_expr, status_exprs
from vroegsignaal.matching.engine.vocabulary import HUUR

MELDING_COLUMNS = [
    "melding_key", "municipality_code", "period_start", "period_end", "address_key",
    "enkelvoudig", "meervoudig", "opeenvolgend", "crisis", "warme_overdracht",
    "signal_count", "partner_types", "partner_type_count", "total_amount_cents",
    "priority_score", "priority_reasons", "queue", "first_contact_channel", "term_kind",
    "term_days", "attach_to_melding_id", "go",
]  # fmt: skip
_RULE_COLUMNS = [
    "signal_id", "melding_key", "municipality_code", "period_start", "period_end",
    "address_key", "postcode", "signal_date", "partner_type", "amount_cents", "crisis",
    "warm_handover", "arrears_days", "age_years", "minimum_signals", "onterecht_reason",
]  # fmt: skip
SIGNAL_COLUMNS = ["signal_id", "melding_key", "person_key", "status", "status_reason", "brp_note"]


@dataclass(frozen=True)
class MatchResult:
    """The meldingen (one row per address and period) and the signals with their status."""

    meldingen: pl.DataFrame
    signals: pl.DataFrame


def run_matching(
    signals: pl.DataFrame,
    history: pl.DataFrame,
    policies: Mapping[str, Policy] | Policy,
    clients: pl.DataFrame | None = None,
    brp: pl.DataFrame | None = None,
    period: str | None = None,
) -> MatchResult:
    """Match signals into meldingen per municipality and period (see docs/performance.md).

    `period` 'YYYY-MM' checks that every signal falls in that month; None matches each signal
    in the calendar month of its signal date (a catch-up over several months). `policies` maps
    municipality codes to policies, or is one policy for all. Without `brp` the BRP check is
    skipped; without `clients` the known-client check is.
    """
    codes = sorted(signals["municipality_code"].unique().to_list())
    chosen = policy_table.resolve(policies, codes)
    prepared = _prepare(signals, chosen, period).collect()
    rules = _signal_rules(prepared, history, clients, brp)
    meldingen = _meldingen(rules, history, chosen)
    final = rules.join(
        meldingen.select("melding_key", "go", "eligible_count"), on="melding_key"
    ).with_columns(status_exprs())
    return MatchResult(
        meldingen=meldingen.select(MELDING_COLUMNS).sort("melding_key"),
        signals=final.select(SIGNAL_COLUMNS).sort("signal_id"),
    )


def _prepare(signals: pl.DataFrame, chosen: dict[str, Policy], period: str | None) -> pl.LazyFrame:
    frame = normalise_signals(signals.lazy())
    if period is not None:
        start = dt.datetime.strptime(period, "%Y-%m").date()
        outside = signals.filter(pl.col("signal_date").dt.truncate("1mo") != start)
        if outside.height:
            ids = ", ".join(map(str, outside["signal_id"].head(5).to_list()))
            raise ValueError(f"Signalen buiten de periode {period}: {ids}.")
    melding_key = pl.format(
        "{}|{}|{}", "municipality_code", pl.col("period_start").dt.strftime("%Y-%m"), "address_key"
    )
    return (
        frame.with_columns(melding_key.alias("melding_key"))
        .join(
            policy_table.municipal_table(chosen).lazy().select(pl.exclude("^w_.*$")),
            on="municipality_code",
        )
        .join(
            policy_table.window_table(chosen).lazy(),
            on=["municipality_code", "partner_type"],
            how="left",
        )
        .pipe(classify.onterecht_reason)
    )


def _signal_rules(
    prepared: pl.DataFrame,
    history: pl.DataFrame,
    clients: pl.DataFrame | None,
    brp: pl.DataFrame | None,
) -> pl.DataFrame:
    """The prepared signals with person_key and the columns of every signal-level rule."""
    with_persons = persons.with_person_keys(prepared.lazy()).collect()
    repeats = classify.repeats(prepared.lazy(), history.lazy()).collect()
    checks = [
        persons.link_within_meldingen(with_persons),
        repeats,
        _register_check(with_persons, clients, classify.known_clients, "client_reason"),
        _register_check(
            with_persons, brp, classify.brp_check, "brp_status", "brp_reason", "brp_note"
        ),
    ]
    # Only what aggregation and status need travels on: the frame is national-scale.
    out = with_persons.select(_RULE_COLUMNS)
    for check in checks:
        out = out.join(check, on="signal_id", how="left")
    return out.with_columns(excluded_expr().alias("excluded"))


def _register_check(probes, register, check, *columns: str) -> pl.DataFrame:
    """Run `check` against a register, or give empty columns when it was not loaded."""
    if register is None:
        return probes.select("signal_id", *[pl.lit(None, pl.String).alias(c) for c in columns])
    rows = _normalise_register(register)
    return check(probes, rows)


def _normalise_register(register: pl.DataFrame) -> pl.DataFrame:
    frame = register.lazy()
    for column in ("first_names", "initials", "house_letter", "house_number_addition", "bsn"):
        if column not in register.columns:
            frame = frame.with_columns(pl.lit("").alias(column))
    return (
        persons.with_person_keys(frame)
        .with_columns(address_key_expr().alias("address_key"))
        .with_row_index("row_id")
        .with_columns(pl.col("row_id").cast(pl.Int64))
        .collect()
    )


def _meldingen(rules: pl.DataFrame, history: pl.DataFrame, chosen: dict[str, Policy]):
    earlier = (
        pl.concat(
            [
                history.select("municipality_code", "address_key", "signal_date"),
                rules.select("municipality_code", "address_key", "signal_date"),
            ]
        )
        .lazy()
        .rename({"signal_date": "earlier_date"})
        .unique()
    )
    weights = policy_table.municipal_table(chosen).select("municipality_code", "^w_.*$")
    grouped = _aggregate(rules.lazy()).join(weights.lazy(), on="municipality_code")
    flagged = classify.opeenvolgend(grouped, earlier)
    scored = prioritise(flagged).collect()
    return _route_all(scored, chosen)


def _aggregate(rules: pl.LazyFrame) -> pl.LazyFrame:
    young = pl.col("age_years").is_between(*YOUNG_ADULT)
    return (
        rules.group_by("melding_key")
        .agg(
            pl.col(
                "municipality_code",
                "period_start",
                "period_end",
                "address_key",
                "postcode",
                "minimum_signals",
            ).first(),
            pl.len().alias("signal_count"),
            (~pl.col("excluded")).sum().alias("eligible_count"),
            pl.col("partner_type").unique().sort().alias("partner_types"),
            pl.col("amount_cents").sum().alias("total_amount_cents"),
            pl.col("crisis").any(),
            pl.col("warm_handover").any().alias("warme_overdracht"),
            (pl.col("partner_type") == HUUR).any().alias("rent_arrears"),
            pl.col("arrears_days").max().alias("max_arrears_days"),
            young.any().alias("young_adult"),
            pl.col("age_years").min().alias("min_age"),
            pl.col("attach_to_melding_id").max(),
        )
        .with_columns(
            (pl.col("signal_count") == 1).alias("enkelvoudig"),
            (pl.col("signal_count") >= 2).alias("meervoudig"),
            pl.col("partner_types").list.len().cast(pl.Int64).alias("partner_type_count"),
            (pl.col("eligible_count") >= pl.col("minimum_signals")).alias("go"),
        )
    )


def _route_all(meldingen: pl.DataFrame, chosen: dict[str, Policy]) -> pl.DataFrame:
    """Route per distinct policy: municipalities sharing a policy are routed together."""
    by_policy: dict[Policy, list[str]] = {}
    for code, policy in chosen.items():
        by_policy.setdefault(policy, []).append(code)
    parts = [
        route(meldingen.filter(pl.col("municipality_code").is_in(codes)), policy)
        for policy, codes in by_policy.items()
    ]
    return pl.concat(parts)
