"""Person linking: within a melding, and against a register (BRP extract, client list).

Candidate pairs are blocked (same melding; or same municipality plus BSN, address, surname with
birth year or day, or birth date) and compared in DuckDB with the `same_person` macro of
`duck.py`.
"""

from __future__ import annotations

import duckdb
import polars as pl

from vroegsignaal.matching.engine import duck
from vroegsignaal.matching.engine.normalise import (
    birth_key_expr,
    bsn_expr,
    initial_from_letters,
    name_letters_expr,
    per_distinct,
    surname_core_expr,
)
from vroegsignaal.matching.engine.person_conflicts import separate_known_apart

# 0.9 separates spelling variants ('Jansen'/'Janssen' 0.97) from different names
# ('Berg'/'Burg' 0.85).
NAME_THRESHOLD = 0.9

PERSON_FIELDS = ["bsn", "surname_core", "initial", "birth_key"]
# A register row is a candidate when it shares one of these blocks with the signal (same
# municipality). Without BSN or address, a match needs the same-ish name and a birth date that
# is equal, or differs in one digit or by swapping day and month: then the surname and either
# the birth year or the birth day and month are equal, or (spelling variant) the whole birth
# date is. So these blocks lose no match of the surname or birth-date blocks, and a common
# surname no longer pairs every signal with thousands of residents (docs/performance.md).
BLOCKS: tuple[tuple[str, ...], ...] = (
    ("bsn",),
    ("address_key",),
    ("surname_core", "birth_year"),
    ("surname_core", "birth_day"),
    ("birth_key",),
)
ADDRESS_BLOCKS = BLOCKS[:2]


def with_person_keys(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Add the normalised person fields (`PERSON_FIELDS`) to signals or register rows; the
    names are normalised once per distinct value (`per_distinct`)."""
    return frame.with_columns(
        bsn_expr().alias("bsn"),
        per_distinct("surname", surname_core_expr).alias("surname_core"),
        initial_from_letters(
            per_distinct("first_names", name_letters_expr),
            per_distinct("initials", name_letters_expr),
        ).alias("initial"),
        birth_key_expr(pl.col("birth_date")),
    )


def link_within_meldingen(signals: pl.DataFrame) -> pl.DataFrame:
    """signal_id -> person_label: the same person across the signals of one melding.

    `signals` needs signal_id, melding_id and `PERSON_FIELDS`; pass only the signals of
    meldingen with more than one signal (a single signal is its own person). The label is the
    lowest signal id of the linked person, so it does not depend on row order. Linking is
    transitive, except that a person never holds two different BSNs or initials
    (`person_conflicts`).
    """
    edges = _pairs_within(signals)
    labels = separate_known_apart(_components(edges), edges, signals)
    return labels.rename({"label": "person_label"})


def _pairs_within(multi: pl.DataFrame) -> pl.DataFrame:
    con = duck.connect()
    duck.register(
        con, "p", multi.lazy().select("melding_id", "signal_id", *PERSON_FIELDS).collect()
    )
    sql = f"""
        SELECT a.signal_id AS a, b.signal_id AS b
        FROM p a JOIN p b ON a.melding_id = b.melding_id AND a.signal_id < b.signal_id
        WHERE same_person(a.bsn, b.bsn, a.surname_core, b.surname_core, a.initial, b.initial,
                          a.birth_key, b.birth_key, {NAME_THRESHOLD})
    """
    return duck.query(con, sql, {"a": pl.Int64, "b": pl.Int64})


def _components(edges: pl.DataFrame) -> pl.DataFrame:
    """Connected components by min-label propagation: label = lowest signal id linked.

    Only signals with an edge get a label; the others are a person of their own. The first
    labels are each signal's lowest neighbour (or itself); most persons are settled then, and
    each further round takes the lowest label of the neighbours until nothing changes.
    """
    both = pl.concat([edges, edges.select(a="b", b="a")])
    labels = (
        both.group_by("a")
        .agg(pl.min_horizontal(pl.col("b").min(), pl.col("a").first()).alias("label"))
        .rename({"a": "signal_id"})
    )
    while True:
        neighbour = (
            both.join(labels, left_on="b", right_on="signal_id")
            .group_by("a")
            .agg(pl.col("label").min().alias("neighbour"))
        )
        updated = labels.join(
            neighbour, left_on="signal_id", right_on="a", how="left", maintain_order="left"
        ).select("signal_id", pl.min_horizontal("label", "neighbour").alias("label"))
        # The rows keep their order, so the labels compare without sorting.
        if updated["label"].equals(labels["label"]):
            return labels
        labels = updated


def find_in_register(
    probes: pl.DataFrame, register: pl.DataFrame, *, name_needs_address: bool
) -> pl.DataFrame:
    """Pairs (signal_id, row_id, same_address, by_bsn, same_birth_date) of a signal's person
    found in a register.

    Both frames need municipality_code, address_key and `PERSON_FIELDS`; `register` also row_id.
    Without BSN a match needs the tolerant name, initial and birth date, and either the same
    address or (when `name_needs_address` is False) a known birth date on both sides.
    """
    con, candidates = _candidates(probes, register, name_needs_address)
    without_address = "FALSE" if name_needs_address else "(s.birth_key <> '' AND r.birth_key <> '')"
    sql = f"""
        WITH cand AS ({candidates})
        SELECT c.signal_id, c.row_id,
               s.address_key = r.address_key AS same_address,
               s.bsn <> '' AND s.bsn = r.bsn AS by_bsn,
               s.birth_key <> '' AND s.birth_key = r.birth_key AS same_birth_date
        FROM cand c JOIN s ON s.signal_id = c.signal_id JOIN r ON r.row_id = c.row_id
        WHERE same_person(s.bsn, r.bsn, s.surname_core, r.surname_core, s.initial, r.initial,
                          s.birth_key, r.birth_key, {NAME_THRESHOLD})
          AND (s.bsn <> '' AND s.bsn = r.bsn OR s.address_key = r.address_key
               OR {without_address})
    """
    schema = {
        "signal_id": pl.Int64,
        "row_id": pl.Int64,
        "same_address": pl.Boolean,
        "by_bsn": pl.Boolean,
        "same_birth_date": pl.Boolean,
    }
    return duck.query(con, sql, schema)


def candidate_pairs(
    probes: pl.DataFrame, register: pl.DataFrame, *, name_needs_address: bool
) -> pl.DataFrame:
    """The (signal_id, row_id) pairs that `find_in_register` compares: its blocking, exposed
    so that tests and the benchmark can count what a register check costs."""
    con, candidates = _candidates(probes, register, name_needs_address)
    return duck.query(con, candidates, {"signal_id": pl.Int64, "row_id": pl.Int64})


def _candidates(
    probes: pl.DataFrame, register: pl.DataFrame, name_needs_address: bool
) -> tuple[duckdb.DuckDBPyConnection, str]:
    """A connection with tables s (probes) and r (register) and the SQL of the candidates."""
    con = duck.connect()
    cols = ["municipality_code", "address_key", *PERSON_FIELDS, "birth_year", "birth_day"]
    blocks = ADDRESS_BLOCKS if name_needs_address else BLOCKS
    probes, register = _with_birth_parts(probes), _with_birth_parts(register)
    # Only the larger side is filtered, by the distinct keys of the smaller: a month's few
    # thousand signals against 930,000 residents, or 220,000 signals against a client list.
    if register.height > probes.height:
        register = _sharing_a_block(register, probes, blocks)
    else:
        probes = _sharing_a_block(probes, register, blocks)
    duck.register(con, "s", probes.select("signal_id", *cols))
    duck.register(con, "r", register.select("row_id", *cols))
    sql = " UNION ".join(
        "SELECT s.signal_id, r.row_id FROM s JOIN r ON s.municipality_code = r.municipality_code"
        + "".join(f" AND s.{key} = r.{key} AND s.{key} <> ''" for key in block)
        for block in blocks
    )
    return con, sql


def _with_birth_parts(frame: pl.DataFrame) -> pl.DataFrame:
    """Add birth_year ('YYYY') and birth_day ('MMDD') of birth_key, '' when unknown."""
    return (
        frame.lazy()
        .with_columns(
            pl.col("birth_key").str.slice(0, 4).alias("birth_year"),
            pl.col("birth_key").str.slice(4, 4).alias("birth_day"),
        )
        .collect()
    )


def _sharing_a_block(rows: pl.DataFrame, others: pl.DataFrame, blocks) -> pl.DataFrame:
    """Only the `rows` sharing a block with one of `others`: the rest cannot pair, and handing
    fewer rows to DuckDB is most of the cost at national scale. The distinct keys of `others`
    are looked up, so pass the smaller side as `others`."""
    keep = pl.repeat(False, rows.height, eager=True)
    for block in blocks:
        keys = ["municipality_code", *block]
        known = pl.all_horizontal([pl.col(key) != "" for key in block])
        values = others.select(keys).filter(known).unique()
        hits = rows.select(keys).join(
            values.with_columns(hit=pl.lit(True)), on=keys, how="left", maintain_order="left"
        )["hit"]
        keep = keep | hits.fill_null(False)
    return rows.filter(keep)
