"""`run_matching`: from a period's signals to prioritised, routed meldingen with statuses.

Costs at national scale drive the shape (docs/performance.md): whole municipalities are matched
in batches; the signals of a batch never move: `numbering` gives each an integer `address_id`
and `melding_id` (the row number of its melding) by sorting a narrow integer key, so grouping,
the look-back for opeenvolgend and joining back are integer work and gathers. Only meldingen
with more than one signal are grouped; rule results, policy settings, weights and routes are
written or gathered by position instead of joined; person fields are normalised only for the
signals that are compared; partner types travel as a bitmask; and every municipality is
filtered, scored and routed in one vectorised pass. Large frames made by a lazy query come
in chunks; they are read lazily again or their columns picked (`_pick`), because an eager
`select` or `with_columns` first copies the whole frame into one chunk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import polars as pl

from vroegsignaal.matching.engine import classify, meldingen, numbering, persons, policy_table
from vroegsignaal.matching.engine.normalise import (
    address_key_expr,
    bsn_expr,
    normalise_signals,
    per_distinct,
)
from vroegsignaal.matching.engine.policy import Policy
from vroegsignaal.matching.engine.priority import prioritise
from vroegsignaal.matching.engine.routing import route
from vroegsignaal.matching.engine.schema import CONFIRMED_NOT_RESIDENT
from vroegsignaal.matching.engine.status import excluded_expr, status_exprs

MELDING_COLUMNS = [
    "melding_key", "municipality_code", "period_start", "period_end", "address_key",
    "enkelvoudig", "meervoudig", "opeenvolgend", "crisis", "warme_overdracht",
    "signal_count", "partner_types", "partner_type_count", "total_amount_cents",
    "max_arrears_days", "priority_score", "priority_points", "queue", "first_contact_channel",
    "queue_term_days", "term_kind", "term_days", "attach_to_melding_id", "go",
]  # fmt: skip
_RULE_COLUMNS = [
    "signal_id", "melding_id", "address_id", "first_in_melding", "in_multi", "municipality_code",
    "period_start", "address_key", "postcode", "policy_index", "partner_type", "amount_cents",
    "crisis", "warm_handover", "arrears_days", "age_years", "minimum_signals", "crisis_always_go",
    "onterecht_reason",
]  # fmt: skip
_PERSON_SOURCE = [
    "signal_id", "melding_id", "in_multi", "municipality_code", "address_key", "bsn", "surname",
    "first_names", "initials", "birth_date",
]  # fmt: skip
# What the statuses and keys of the signals are made of.
_STATUS_SOURCE = [
    "signal_id", "onterecht_reason",
    "repeat_reason", "client_reason", "brp_status", "brp_reason", "brp_note",
    *classify.BRP_NAME.values(), "minimum_signals",
]  # fmt: skip
SIGNAL_COLUMNS = [
    "signal_id", "melding_key", "person_key", "status", "status_reason", "brp_note",
    *classify.BRP_NAME.values(),
]  # fmt: skip
_CHECK_COLUMNS = {
    "attach_to_melding_id": pl.Int64, "repeat_reason": pl.String, "client_reason": pl.String,
    "brp_status": pl.String, "brp_reason": pl.String, "brp_note": pl.String,
    **dict.fromkeys(classify.BRP_NAME.values(), pl.String),
}  # fmt: skip


# Signals per batch: whole municipalities are matched in batches of about this size to bound
# peak memory of long catch-ups. A batch copies its share of the input and the statuses of
# several batches must be re-sorted, so a national year (1.2 M signals) goes in one: 1.36 GB
# peak against 1.63 GB in batches of 300,000 (docs/performance.md).
BATCH_ROWS = 2_000_000


@dataclass(frozen=True)
class MatchResult:
    """The meldingen (one row per address and period) and the signals with their status."""

    meldingen: pl.DataFrame
    signals: pl.DataFrame


@dataclass(frozen=True)
class _Context:
    """What every batch of periods shares: policies, reference lists and earlier signals."""

    chosen: dict[str, Policy]
    weights: pl.DataFrame
    bits: dict[str, int]
    history: pl.DataFrame
    clients: pl.DataFrame | None
    brp: pl.DataFrame | None
    # The ids of the signals a caseworker confirmed as no resident; None when there are none.
    confirmed: pl.Series | None


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
    skipped; without `clients` the known-client check is. A signal with
    `schema.CONFIRMED_NOT_RESIDENT` True stays 'geen inwoner' (a caseworker confirmed it).
    Meldingen come per municipality (codes in melding-key order), those of one address
    together and by period; signals by signal id. Priority reasons are added by `with_priority_reasons`.
    """
    _check_period(signals, period)
    confirmed = _confirmed_not_resident(signals)
    signals = signals.drop(CONFIRMED_NOT_RESIDENT, strict=False)
    codes = sorted(signals["municipality_code"].unique().to_list())
    chosen = policy_table.resolve(policies, codes)
    context = _Context(
        chosen=chosen,
        weights=policy_table.settings_table(policy_table.distinct(chosen)).select("^w_.*$"),
        bits=meldingen.partner_bits(signals["partner_type"]),
        history=history,
        clients=None if clients is None else _normalise_register(clients),
        brp=None if brp is None else _normalise_register(brp),
        confirmed=confirmed,
    )
    found, statuses = [], []
    for batch in _batches(signals):
        batch_meldingen, batch_signals = _match_batch(batch, context)
        found.append(batch_meldingen)
        statuses.append(batch_signals)
    found_all = pl.concat(found)
    partner_types = meldingen.partner_type_lists(found_all["partner_mask"], context.bits)
    return MatchResult(
        meldingen=_pick(found_all.with_columns(partner_types=partner_types), MELDING_COLUMNS),
        signals=_by_signal_id(pl.concat(statuses)),
    )


def _confirmed_not_resident(signals: pl.DataFrame) -> pl.Series | None:
    """The ids of the signals a caseworker confirmed as no resident (any more), or None when
    the column is absent or confirms none: then the rule is skipped, at no cost."""
    if CONFIRMED_NOT_RESIDENT not in signals.columns:
        return None
    ids = signals.filter(pl.col(CONFIRMED_NOT_RESIDENT).fill_null(False))["signal_id"]
    return ids if ids.len() else None


def _by_signal_id(signals: pl.DataFrame) -> pl.DataFrame:
    """The signals sorted by id; usually they already are (the rows of a batch never move)."""
    return signals if signals["signal_id"].is_sorted() else signals.sort("signal_id")


def _batches(signals: pl.DataFrame) -> Iterator[pl.DataFrame]:
    """Whole municipalities in batches of about `BATCH_ROWS` signals, in melding-key order of
    their codes (see `_melding_order`), so batched and unbatched runs give the same order."""
    if signals.height <= BATCH_ROWS:
        # Counting per municipality (a group-by on a text) alone costs ~300 MB nationally.
        yield signals
        return
    counts = (
        signals.group_by("municipality_code")
        .len()
        .sort(pl.format("{}|", "municipality_code"))
        .iter_rows()
    )
    groups: list[list[str]] = []
    size = BATCH_ROWS
    for code, count in counts:
        if size + count > BATCH_ROWS:
            groups.append([])
            size = 0
        groups[-1].append(code)
        size += count
    if len(groups) == 1:
        yield signals
        return
    for group in groups:
        yield signals.filter(pl.col("municipality_code").is_in(group))


def _earlier(prepared: pl.DataFrame, history: pl.DataFrame) -> pl.LazyFrame:
    """address_id and month of the earlier signals at the batch's addresses, for
    `opeenvolgend` (the batch's own signals are its meldingen)."""
    addresses = prepared.lazy().filter("first_at_address")
    return (
        history.lazy()
        .filter(pl.col("municipality_code").is_in(prepared["municipality_code"].unique().implode()))
        .select("municipality_code", "address_key", meldingen.month_index(pl.col("signal_date")))
        .join(
            addresses.select("municipality_code", "address_key", "address_id"),
            on=["municipality_code", "address_key"],
        )
        .select("address_id", pl.col("signal_date").alias("month"))
    )


def _match_batch(signals: pl.DataFrame, context: _Context) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Meldingen (by municipality, address and period; partner types still as a mask) and
    signal statuses."""
    prepared = _prepare(signals, context.chosen)
    with ThreadPoolExecutor(max_workers=1) as pool:
        # Linking persons (DuckDB) only feeds the person keys: it runs beside everything else.
        # Only the columns it needs: the rest of `prepared` can be freed while it runs.
        links = pool.submit(_link_persons, _pick(prepared, _PERSON_SOURCE))
        # Independent queries, run side by side by Polars.
        people, repeats, earlier = pl.collect_all(
            [
                _people(prepared, context.clients, context.brp),
                classify.repeats(prepared.lazy(), context.history.lazy()),
                _earlier(prepared, context.history),
            ]
        )
        rules = _signal_rules(prepared, people, repeats, context)
        # Freed as soon as they are used: the memory is reused for the texts made at the end.
        del prepared, people, repeats  # names and normalised fields are no longer needed
        found = _meldingen(rules, earlier, context)
        del earlier
        status_source, melding_ids = _pick(rules, _STATUS_SOURCE), rules["melding_id"]
        del rules  # its columns for the meldingen only (amounts, flags, postcode)
        labels = pl.DataFrame(
            _aligned(links.result(), status_source["signal_id"], {"person_label": pl.Int64})
        )
    # melding_id is the row number of the melding: joining back is a gather.
    per_signal = pl.DataFrame(
        meldingen.gather_rows(found, ["melding_key", "go", "eligible_count"], melding_ids)
    )
    masked = ["partner_mask" if name == "partner_types" else name for name in MELDING_COLUMNS]
    out_meldingen = _pick(found, masked)
    del found  # the working columns (ids, totals only used for scoring) go before the texts
    out_signals = (
        pl.concat([status_source, per_signal, labels], how="horizontal")
        .lazy()
        .with_columns(*status_exprs(), _person_key())
        .select(SIGNAL_COLUMNS)
        .collect()
    )
    return out_meldingen, out_signals


def _check_period(signals: pl.DataFrame, period: str | None) -> None:
    if period is None:
        return
    start = dt.datetime.strptime(period, "%Y-%m").date()
    outside = signals.filter(pl.col("signal_date").dt.truncate("1mo") != start)
    if outside.height:
        ids = ", ".join(map(str, outside["signal_id"].head(5).to_list()))
        raise ValueError(f"Signalen buiten de periode {period}: {ids}.")


def _prepare(signals: pl.DataFrame, chosen: dict[str, Policy]) -> pl.DataFrame:
    """Per signal (in input order): normalised keys, the policy's settings, the onterecht
    reason and the numbers of its address and melding (`numbering.NUMBER_COLUMNS`)."""
    normalised = (
        normalise_signals(signals.lazy())
        .with_columns(bsn_expr().alias("bsn"))
        .pipe(policy_table.with_settings, chosen)
        .pipe(classify.onterecht_reason)
        .drop("window_min", "window_max", "window_text", "exclude_business", "minimum_text")
        .drop("minimum_amount_cents", "contract_type", "house_letter", "house_number_addition")
        .collect()
    )
    return numbering.with_numbers(normalised, _melding_order(chosen))


def _melding_order(codes: Iterable[str]) -> list[str]:
    """The municipalities in the order of their melding keys ('code|...': also when one code
    is a prefix of another)."""
    return sorted(codes, key=lambda code: f"{code}|")


def _signal_rules(
    prepared: pl.DataFrame, people: pl.DataFrame, repeats: pl.DataFrame, context: _Context
) -> pl.DataFrame:
    """The signals with the columns of every signal-level rule and `excluded`; `people` are
    the person fields of `_people`, `repeats` the herhaalde meldingen."""
    checks = [repeats]
    if context.clients is not None:
        checks.append(classify.known_clients(people, context.clients))
    if context.brp is not None:
        checks.append(classify.brp_check(people, context.brp))
    found = checks[0]
    for check in checks[1:]:
        found = found.join(check, on="signal_id", how="full", coalesce=True)
    rules = (
        prepared.lazy()
        .select(_RULE_COLUMNS)
        .with_columns(_aligned(found, prepared["signal_id"], _CHECK_COLUMNS))
    )
    if context.brp is not None:  # without a BRP nobody is 'geen inwoner' (0.07 s nationally)
        rules = rules.pipe(classify.hold_not_found_for_a_check)
    if context.confirmed is not None:
        rules = rules.pipe(classify.confirmed_not_resident, context.confirmed)
    return rules.with_columns(excluded_expr().alias("excluded")).collect()


def _aligned(
    found: pl.DataFrame, signal_ids: pl.Series, wanted: dict[str, pl.DataType]
) -> list[pl.Series]:
    """The `wanted` columns for every signal: the few rows `found` holds written at their
    signals' positions (a left join would gather every signal column)."""
    rows = (
        pl.LazyFrame({"signal_id": signal_ids})
        .with_row_index("row")
        .join(found.lazy(), on="signal_id")
        .collect()
    )
    columns = []
    for name, dtype in wanted.items():
        column = pl.repeat(None, len(signal_ids), dtype=dtype, eager=True).alias(name)
        columns.append(column.scatter(rows["row"], rows[name]) if name in rows.columns else column)
    return columns


def _link_persons(signals: pl.DataFrame) -> pl.DataFrame:
    """signal_id -> person_label for the signals that share a melding with another; their
    person fields (`_PERSON_SOURCE`) are normalised here, in the linking thread."""
    multi = signals.lazy().filter(pl.col("in_multi"))
    return persons.link_within_meldingen(persons.with_person_keys(multi).collect())


def _people(
    prepared: pl.DataFrame, clients: pl.DataFrame | None, brp: pl.DataFrame | None
) -> pl.LazyFrame:
    """The person fields of the signals the client and BRP checks compare: those that may be
    on the client list and those in a BRP municipality. Normalising names is costly, and few
    signals share a BSN or address with the client list."""
    wanted = pl.lit(False)
    if clients is not None:
        wanted = wanted | _shares_key(clients)
    if brp is not None:
        wanted = wanted | pl.col("municipality_code").is_in(brp["municipality_code"].implode())
    subset = prepared.lazy().select(_PERSON_SOURCE).filter(wanted)
    return persons.with_person_keys(subset)


def _shares_key(clients: pl.DataFrame) -> pl.Expr:
    """True for signals that may share a BSN or address with someone on the (normalised)
    client list. Hashes are compared, not texts: a rare false hit only adds a signal whose
    person fields are normalised for nothing; the client check itself compares the texts."""
    bsns = clients.filter(pl.col("bsn") != "").select(pl.col("bsn").hash()).to_series()
    addresses = clients.select(pl.col("address_key").hash()).to_series()
    return pl.col("bsn").hash().is_in(bsns.implode()) | pl.col("address_key").hash().is_in(
        addresses.implode()
    )


def _normalise_register(register: pl.DataFrame) -> pl.DataFrame:
    frame = register.lazy()
    blank = ("first_names", "initials", "house_letter", "house_number_addition", "bsn")
    for column in (*blank, "municipality_name"):
        if column not in register.columns:
            frame = frame.with_columns(pl.lit("").alias(column))
    return (
        persons.with_person_keys(frame)
        .with_columns(address_key_expr().alias("address_key"))
        .with_row_index("row_id")
        .with_columns(pl.col("row_id").cast(pl.Int64))
        .collect()
    )


def _meldingen(rules: pl.DataFrame, earlier: pl.DataFrame, context: _Context) -> pl.DataFrame:
    """One row per melding, in `melding_id` order, with flags, priority and route (partner
    types still as a mask)."""
    grouped = meldingen.aggregate(rules, context.bits).with_columns(
        meldingen.month_index(pl.col("period_start")).alias("month")
    )
    flagged = meldingen.opeenvolgend(grouped, earlier).drop("month")
    policies = policy_table.distinct(context.chosen)
    return (
        flagged.lazy()
        .with_columns(_melding_key(), _period_end())
        .pipe(prioritise, _weights(context.weights))
        .pipe(route, policies, context.bits)
        .collect()
    )


def _weights(table: pl.DataFrame) -> Callable[[str], pl.Expr]:
    """A weight of each melding's policy by name ('w_crisis'), gathered by policy_index inside
    the score's expressions (ten weight columns per melding would cost ~90 MB nationally)."""
    return lambda name: pl.lit(table[name]).gather(pl.col("policy_index"))


def _pick(frame: pl.DataFrame, names: list[str]) -> pl.DataFrame:
    """The named columns, without copying: `select` aligns the chunks of columns that are
    chunked differently, which copied every column of a national run's meldingen (~230 MB)."""
    return pl.DataFrame([frame[name] for name in names])


def _melding_key() -> pl.Expr:
    """'code|YYYY-MM|address key' of a melding (its signals gather it by melding_id)."""
    # Calendar functions cost 25-60 ms per million rows; a batch has a few periods.
    period = per_distinct("period_start", lambda starts: starts.dt.strftime("%Y-%m"))
    return pl.format("{}|{}|{}", "municipality_code", period, "address_key").alias("melding_key")


def _period_end() -> pl.Expr:
    return per_distinct("period_start", lambda starts: starts.dt.month_end()).alias("period_end")


def _person_key() -> pl.Expr:
    """The melding key plus the lowest signal id of the linked person."""
    label = pl.coalesce("person_label", "signal_id")
    return pl.format("{}|{}", "melding_key", label).alias("person_key")
