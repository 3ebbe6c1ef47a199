"""Numbering addresses and meldingen (engine/numbering.py): one melding per municipality,
address and period, one address id per municipality and address across periods."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from vroegsignaal.matching.engine import meldingen, numbering

JAN, FEB = dt.date(2025, 1, 1), dt.date(2025, 2, 1)


def numbered(rows: list[tuple[str, str, dt.date]]) -> list[dict]:
    frame = pl.DataFrame(
        rows, schema=["municipality_code", "address_key", "period_start"], orient="row"
    )
    codes = sorted(frame["municipality_code"].unique().to_list())
    return numbering.with_numbers(frame, codes).to_dicts()


def test_signals_of_one_address_and_period_share_a_melding_and_stay_in_their_rows():
    rows = numbered([("0153", "7511AB|1|", JAN), ("0153", "7511AB|2|", JAN),
                     ("0153", "7511AB|1|", JAN)])  # fmt: skip
    assert [row["address_key"] for row in rows] == ["7511AB|1|", "7511AB|2|", "7511AB|1|"]
    assert rows[0]["melding_id"] == rows[2]["melding_id"] != rows[1]["melding_id"]
    assert [row["in_multi"] for row in rows] == [True, False, True]
    assert sum(row["first_in_melding"] for row in rows) == 2


def test_one_address_in_two_periods_is_two_meldingen_with_one_address_id():
    first, second = numbered([("0153", "7511AB|1|", JAN), ("0153", "7511AB|1|", FEB)])
    assert first["address_id"] == second["address_id"]
    assert second["melding_id"] == first["melding_id"] + 1  # an address's meldingen are adjacent


def test_the_same_address_key_in_two_municipalities_is_two_addresses():
    first, second = numbered([("0153", "7511AB|1|", JAN), ("0164", "7511AB|1|", JAN)])
    assert first["address_id"] != second["address_id"]
    assert first["melding_id"] != second["melding_id"]


def test_melding_ids_number_the_meldingen_from_zero_without_gaps():
    rows = numbered(
        [("0153", f"7511AB|{n % 7}|", JAN if n % 2 else FEB) for n in range(40)]
        + [("0164", f"7500AA|{n}|", JAN) for n in range(5)]
    )
    ids = sorted({row["melding_id"] for row in rows})
    assert ids == list(range(len(ids))) and len(ids) == 14 + 5
    assert sum(row["first_in_melding"] for row in rows) == len(ids)


def test_the_look_back_for_opeenvolgend_relies_on_this_order_and_refuses_another():
    # meldingen.opeenvolgend compares each melding with the row before: it needs the order
    # numbering gives (address ids rising, an address's periods rising) and says so otherwise.
    history = pl.DataFrame(schema={"address_id": pl.Int64, "month": pl.Int32})
    ordered = pl.DataFrame({"address_id": [0, 0, 1], "month": [5, 7, 5]})
    assert meldingen.opeenvolgend(ordered, history)["opeenvolgend"].to_list() == [
        False, True, False
    ]  # fmt: skip
    with pytest.raises(ValueError, match="niet per adres en periode"):
        meldingen.opeenvolgend(ordered.reverse(), history)


def test_each_address_has_one_first_row_across_its_periods():
    rows = numbered([("0153", "7511AB|1|", FEB), ("0153", "7511AB|1|", JAN),
                     ("0153", "7511AB|2|", JAN), ("0164", "7511AB|1|", JAN)])  # fmt: skip
    firsts = [row["address_id"] for row in rows if row["first_at_address"]]
    assert sorted(firsts) == sorted({row["address_id"] for row in rows}) and len(firsts) == 3
