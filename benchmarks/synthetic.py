"""Synthetic national-scale signals with realistic noise, for the matching benchmark.

A year of signals for ~340 municipalities (sizes skewed like Dutch municipalities), with
repeat addresses across months, several signals per address, ~10% with BSN, and the spelling
noise that matching must absorb: tussenvoegsel placement, diacritics and case, house letter
written as letter or addition ('12A', '12 a', '12-A'), and birth dates with a typo.
Everything is vectorised with NumPy so 1.2 million rows take seconds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl
from faker.providers.person import nl_NL as _nl

MUNICIPALITIES = 342
# The BRP extract is made for the largest municipality; 15 residents per address in the pool
# gives it ~930,000 residents at 1.2 M signals, the size of Amsterdam.
BRP_MUNICIPALITY = "0001"
RESIDENTS_PER_ADDRESS = 15
PARTNERS = np.array(["Energie", "Zorg", "Huur", "Water", "Overige"])
PARTNER_WEIGHTS = np.array([0.30, 0.30, 0.20, 0.15, 0.05])
CREDITORS_PER_PARTNER = 8
# Surnames: Faker's nl_NL list (1,130 names) with Zipf-like weights (exponent 0.3), so the most
# common name holds ~0.5% of residents and the ten most common ~3%, as in the Dutch population;
# the real tail is longer still, so surname blocks here are if anything too large.
SURNAMES = np.random.default_rng(0).permutation(np.array(_nl.Provider.last_names))
SURNAME_WEIGHTS = 1.0 / np.arange(1, len(SURNAMES) + 1) ** 0.3
SURNAME_WEIGHTS /= SURNAME_WEIGHTS.sum()
PREFIXES = np.array(["", "", "", "van", "de", "van der", "van den", "ter"])
LETTERS = np.array(["", "", "", "", "", "", "A", "B", "a", "1", "2"])
FIRST_NAMES = np.array(["Jan", "Anna", "Pieter", "Fatima", "Mohamed", "Sanne", "Kees", "Eva"])


def _addresses(rng: np.random.Generator, count: int) -> pl.DataFrame:
    """The address pool with one resident each; municipality sizes follow a Zipf-like curve."""
    sizes = 1.0 / np.arange(1, MUNICIPALITIES + 1) ** 0.8
    municipality = rng.choice(MUNICIPALITIES, size=count, p=sizes / sizes.sum())
    pc4 = 1000 + municipality * 26 + rng.integers(0, 26, count)
    alphabet = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    pairs = np.array([a + b for a in alphabet for b in alphabet])
    return pl.DataFrame(
        {
            "address_id": np.arange(count),
            "municipality_code": np.char.zfill((municipality + 1).astype(str), 4),
            "postcode": np.char.add(pc4.astype(str), rng.choice(pairs, count)),
            "house_number": rng.integers(1, 300, count),
            "letter": rng.choice(LETTERS, count),
            "surname_base": rng.choice(SURNAMES, count, p=SURNAME_WEIGHTS),
            "prefix": rng.choice(PREFIXES, count),
            "first_name": rng.choice(FIRST_NAMES, count),
            "birth_date": np.datetime64("1940-01-01") + rng.integers(0, 365 * 65, count),
            "person_bsn": np.char.zfill(rng.integers(10**8, 10**9 - 1, count).astype(str), 9),
        }
    ).with_columns(pl.col("birth_date").cast(pl.Date))


def _signal_rows(
    rng: np.random.Generator, addresses: pl.DataFrame, count: int, start: dt.date, days: int
) -> pl.DataFrame:
    """`count` signals spread over `days` from `start`, skewed so addresses recur."""
    pool = addresses.height
    address_id = (rng.random(count) ** 1.6 * pool).astype(np.int64)
    partner = rng.choice(len(PARTNERS), size=count, p=PARTNER_WEIGHTS)
    signal_date = np.datetime64(start) + rng.integers(0, days, count)
    arrears_days = rng.gamma(2.0, 35.0, count).astype(np.int64) + 10
    return pl.DataFrame(
        {
            "address_id": address_id,
            "partner_type": PARTNERS[partner],
            "creditor_id": partner * CREDITORS_PER_PARTNER
            + rng.integers(0, CREDITORS_PER_PARTNER, count)
            + 1,
            "signal_date": signal_date,
            "arrears_start": signal_date - arrears_days,
            "amount_cents": (rng.lognormal(5.5, 1.0, count) * 100).astype(np.int64),
            "noise": rng.integers(0, 100, count),
            "crisis": rng.random(count) < 0.04,
            "warm_handover": rng.random(count) < 0.03,
            "zakelijk": rng.random(count) < 0.02,
        }
    ).with_columns(pl.col("signal_date", "arrears_start").cast(pl.Date))


def _with_noise(rows: pl.DataFrame, addresses: pl.DataFrame) -> pl.DataFrame:
    """Join the resident and write name, house letter and birth date the way creditors do."""
    noise = pl.col("noise")
    full = pl.concat_str(
        [pl.col("prefix"), pl.col("surname_base")], separator=" "
    ).str.strip_chars()
    comma = pl.format("{}, {}", "surname_base", "prefix")
    has_prefix = pl.col("prefix") != ""
    birth = pl.col("birth_date")
    swapped = pl.date(birth.dt.year(), birth.dt.day(), birth.dt.month())
    return rows.join(addresses, on="address_id").with_columns(
        pl.when(has_prefix & (noise < 20))
        .then(full)
        .when(has_prefix & (noise < 30))
        .then(comma)
        .when(noise >= 95)
        .then(pl.col("surname_base").str.to_uppercase())
        .otherwise("surname_base")
        .alias("surname"),
        pl.when(has_prefix & (noise >= 30))
        .then("prefix")
        .otherwise(pl.lit(""))
        .alias("surname_prefix"),
        pl.when(noise % 2 == 0).then("first_name").otherwise(pl.lit("")).alias("first_names"),
        pl.format("{}.", pl.col("first_name").str.slice(0, 1)).alias("initials"),
        pl.when((noise % 7 == 0) & (birth.dt.day() <= 12))
        .then(swapped)
        .otherwise(birth)
        .alias("birth_date"),
        pl.when(noise % 3 == 0).then("letter").otherwise(pl.lit("")).alias("house_letter"),
        pl.when(noise % 3 == 1)
        .then(pl.format("-{}", "letter"))
        .when(noise % 3 == 2)
        .then(pl.format(" {}", pl.col("letter").str.to_lowercase()))
        .otherwise(pl.lit(""))
        .alias("house_number_addition"),
        pl.when(noise < 10).then("person_bsn").otherwise(pl.lit("")).alias("bsn"),
        pl.format("K{}-{}", "creditor_id", "address_id").alias("customer_number"),
        pl.when("zakelijk")
        .then(pl.lit("zakelijk"))
        .otherwise(pl.lit("particulier"))
        .alias("contract_type"),
    )


def generate(directory: Path, signals: int, seed: int = 2026) -> dict[str, Path]:
    """Write signals (a year, 2025), history (the six months before) and clients as parquet."""
    rng = np.random.default_rng(seed)
    addresses = _addresses(rng, int(signals * 0.6))
    year = _with_noise(_signal_rows(rng, addresses, signals, dt.date(2025, 1, 1), 365), addresses)
    earlier = _with_noise(
        _signal_rows(rng, addresses, signals // 2, dt.date(2024, 7, 1), 184), addresses
    )
    directory.mkdir(parents=True, exist_ok=True)
    names = ("signals", "history", "clients", "brp")
    paths = {name: directory / f"{name}.parquet" for name in names}
    _signal_frame(year).write_parquet(paths["signals"])
    _history_frame(rng, earlier, signals).write_parquet(paths["history"])
    _client_frame(rng, addresses).write_parquet(paths["clients"])
    brp_extract(np.random.default_rng(seed + 1), addresses, BRP_MUNICIPALITY).write_parquet(
        paths["brp"]
    )
    return paths


def brp_extract(rng: np.random.Generator, addresses: pl.DataFrame, code: str) -> pl.DataFrame:
    """A population-register extract of one municipality: one row per resident.

    Every resident of the address pool is in it, written the register's way (voorvoegsel
    apart, true birth date), except 1% who moved away; 0.5% have died and 2% moved within the
    municipality. Household members (same surname) and residents of other addresses fill it up
    to `RESIDENTS_PER_ADDRESS` times the pool, a realistic population for the signals.
    """
    pool = addresses.filter(pl.col("municipality_code") == code)
    fate = rng.random(pool.height)
    moved = fate < 0.02
    residents = pool.filter(pl.Series(fate >= 0.01)).select(
        "municipality_code",
        pl.col("person_bsn").alias("bsn"),
        pl.col("first_name").alias("first_names"),
        pl.col("prefix").alias("surname_prefix"),
        pl.col("surname_base").alias("surname"),
        "birth_date",
        "postcode",
        "house_number",
        pl.col("letter").alias("house_letter"),
    )
    dead = pl.Series(rng.random(residents.height) < 0.005)
    residents = residents.with_columns(
        pl.when(dead).then(pl.date(2025, 1, 1)).alias("death_date"),
        pl.when(pl.Series(moved[fate >= 0.01]))
        .then(pl.col("house_number") + 1000)
        .otherwise("house_number")
        .alias("house_number"),
    )
    others = _residents(rng, pool, code, pool.height * (RESIDENTS_PER_ADDRESS - 1))
    return pl.concat([residents, others], how="diagonal").select(
        pl.exclude("first_names"),
        pl.format("{}.", pl.col("first_names").str.slice(0, 1)).alias("initials"),
        pl.lit("").alias("house_number_addition"),
    )


def _residents(rng: np.random.Generator, pool: pl.DataFrame, code: str, count: int):
    """Household members at pool addresses (half) and residents of other addresses (half)."""
    at_pool = rng.integers(0, pool.height, count)
    household = rng.random(count) < 0.5
    pc4 = 1000 + (int(code) - 1) * 26 + rng.integers(0, 26, count)
    alphabet = np.array([chr(c) for c in range(ord("A"), ord("Z") + 1)])
    postcode = np.char.add(pc4.astype(str), np.char.add(*rng.choice(alphabet, (2, count))))
    base = pool[at_pool]
    return pl.DataFrame(
        {
            "municipality_code": code,
            "bsn": np.char.zfill(rng.integers(10**8, 10**9 - 1, count).astype(str), 9),
            "first_names": rng.choice(FIRST_NAMES, count),
            "surname_prefix": np.where(household, base["prefix"], rng.choice(PREFIXES, count)),
            "surname": np.where(
                household, base["surname_base"], rng.choice(SURNAMES, count, p=SURNAME_WEIGHTS)
            ),
            "birth_date": np.datetime64("1925-01-01") + rng.integers(0, 365 * 100, count),
            "postcode": np.where(household, base["postcode"], postcode),
            "house_number": np.where(
                household, base["house_number"], rng.integers(300, 900, count)
            ),
            "house_letter": np.where(household, base["letter"], ""),
        }
    ).with_columns(pl.col("birth_date").cast(pl.Date))


def _signal_frame(rows: pl.DataFrame) -> pl.DataFrame:
    from vroegsignaal.matching.engine.schema import SIGNALS

    return rows.with_row_index("signal_id", offset=1).select(
        [pl.col(name).cast(dtype) for name, dtype in SIGNALS.items()]
    )


def _history_frame(rng: np.random.Generator, rows: pl.DataFrame, offset: int) -> pl.DataFrame:
    from vroegsignaal.matching.engine.normalise import address_key_expr

    state = rng.random(rows.height)
    return rows.select(
        (pl.int_range(pl.len(), dtype=pl.Int64) + offset + 1).alias("signal_id"),
        "municipality_code",
        pl.col("creditor_id").cast(pl.Int64),
        "customer_number",
        address_key_expr().alias("address_key"),
        "signal_date",
        (pl.int_range(pl.len(), dtype=pl.Int64) // 2 + 1).alias("melding_id"),
        pl.Series(state < 0.3).alias("melding_open"),
        pl.Series((state >= 0.3) & (state < 0.8)).alias("melding_handled"),
    )


def _client_frame(rng: np.random.Generator, addresses: pl.DataFrame) -> pl.DataFrame:
    """About 2% of residents are known to debt help; half of the list carries a BSN."""
    known = addresses.filter(pl.Series(rng.random(addresses.height) < 0.02))
    with_bsn = pl.Series(rng.random(known.height) < 0.5)
    return known.select(
        "municipality_code",
        pl.when(with_bsn).then("person_bsn").otherwise(pl.lit("")).alias("bsn"),
        pl.col("surname_base").alias("surname"),
        "birth_date",
        "postcode",
        pl.col("house_number").cast(pl.Int64),
        pl.col("letter").alias("house_letter"),
        pl.lit("").alias("house_number_addition"),
    )
