"""The columns the engine expects, and a helper to build frames with defaults for the rest.

The Django adapter builds these frames from the database; tests and benchmarks build them
from plain rows with `frame`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl

SIGNALS: dict[str, pl.DataType] = {
    "signal_id": pl.Int64(),
    "municipality_code": pl.String(),
    "creditor_id": pl.Int64(),
    "partner_type": pl.String(),
    "customer_number": pl.String(),
    "signal_date": pl.Date(),
    "initials": pl.String(),
    "first_names": pl.String(),
    "surname_prefix": pl.String(),
    "surname": pl.String(),
    "birth_date": pl.Date(),
    "bsn": pl.String(),
    "postcode": pl.String(),
    "house_number": pl.Int64(),
    "house_letter": pl.String(),
    "house_number_addition": pl.String(),
    "amount_cents": pl.Int64(),
    "arrears_start": pl.Date(),
    "contract_type": pl.String(),
    "crisis": pl.Boolean(),
    "warm_handover": pl.Boolean(),
}
# Optional in the signals: True for a signal whose person a caseworker confirmed is no resident
# (any more) after the BRP check asked (casework.not_resident). Matching keeps that status: the
# signal is 'geen inwoner' like one the BRP did not find (`classify.confirmed_not_resident`).
# Absent or without a True, it costs nothing.
CONFIRMED_NOT_RESIDENT = "confirmed_not_resident"

HISTORY: dict[str, pl.DataType] = {
    "signal_id": pl.Int64(),
    "municipality_code": pl.String(),
    "creditor_id": pl.Int64(),
    "customer_number": pl.String(),
    "address_key": pl.String(),
    "signal_date": pl.Date(),
    "melding_id": pl.Int64(),
    "melding_open": pl.Boolean(),
    "melding_handled": pl.Boolean(),
}

_ADDRESS_AND_PERSON: dict[str, pl.DataType] = {
    "municipality_code": pl.String(),
    "bsn": pl.String(),
    "surname": pl.String(),
    "birth_date": pl.Date(),
    "postcode": pl.String(),
    "house_number": pl.Int64(),
    "house_letter": pl.String(),
    "house_number_addition": pl.String(),
}
CLIENTS: dict[str, pl.DataType] = dict(_ADDRESS_AND_PERSON)
BRP: dict[str, pl.DataType] = {
    **_ADDRESS_AND_PERSON,
    "municipality_name": pl.String(),
    "initials": pl.String(),
    "surname_prefix": pl.String(),
    "death_date": pl.Date(),
}

_EMPTY_TEXT = ("initials", "first_names", "surname_prefix", "bsn", "house_letter",
               "house_number_addition")  # fmt: skip


def frame(rows: Iterable[Mapping[str, Any]], schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    """A frame with exactly `schema`; text fields that may be blank default to ''."""
    filled = [{**dict.fromkeys(_EMPTY_TEXT, ""), **row} for row in rows]
    return pl.DataFrame(
        [{name: row.get(name) for name in schema} for row in filled], schema=dict(schema)
    )
