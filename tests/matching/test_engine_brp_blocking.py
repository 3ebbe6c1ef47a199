"""BRP blocking: a common surname is compared only with residents of a close birth date, and
the tighter blocks still find a resident elsewhere in the municipality despite typos."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from tests.matching.test_engine_rules import brp, match, signals

from vroegsignaal.matching.engine import vocabulary as v
from vroegsignaal.matching.engine.normalise import address_key_expr
from vroegsignaal.matching.engine.persons import candidate_pairs, with_person_keys

D = dt.date


@pytest.mark.parametrize(
    "variant",
    [
        {"birth_date": D(1981, 3, 4)},  # typo in the year
        {"birth_date": D(1980, 3, 5)},  # typo in the day
        {"birth_date": D(1980, 4, 3)},  # day and month swapped
        {"surname": "Bergh"},  # spelling variant, same birth date
    ],
)
def test_brp_finds_a_resident_at_another_address_despite_a_birth_date_or_surname_typo(variant):
    result = match(signals({}), brp=brp({"house_number": 40, **variant}))
    row = result.signals.row(0, named=True)
    assert row["status"] == v.OPGEPAKT
    assert row["brp_note"] == "Volgens de BRP woonachtig op ander adres: 7511AB 40"


def _persons(rows: list[dict], id_column: str) -> pl.DataFrame:
    base = {"municipality_code": "0153", "bsn": "", "first_names": "", "initials": "J.",
            "surname": "Berg", "postcode": "7511AB", "house_letter": "",
            "house_number_addition": ""}  # fmt: skip
    frame = pl.DataFrame([{**base, **row} for row in rows]).with_row_index(id_column)
    return (
        with_person_keys(frame.lazy())
        .with_columns(address_key_expr().alias("address_key"), pl.col(id_column).cast(pl.Int64))
        .collect()
    )


def test_brp_blocking_pairs_a_common_surname_only_with_residents_of_a_close_birth_date():
    probe = _persons([{"birth_date": D(1980, 3, 4), "house_number": 12}], "signal_id")
    residents = _persons(
        [
            {"birth_date": D(1980, 3, 4), "house_number": 40},  # same birth date
            {"birth_date": D(1981, 3, 4), "house_number": 41},  # same day and month
            {"birth_date": D(1980, 9, 9), "house_number": 42},  # same year
            {"birth_date": D(1955, 7, 21), "house_number": 43},  # same surname only
        ],
        "row_id",
    )
    pairs = candidate_pairs(probe, residents, name_needs_address=False)
    assert sorted(pairs["row_id"].to_list()) == [0, 1, 2]
