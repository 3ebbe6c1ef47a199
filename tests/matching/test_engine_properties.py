"""Property tests: the Polars address key and folding equal the Python ones, normalisation is
idempotent, and the matching result does not depend on the order of the input rows."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from vroegsignaal.addresses import address_key
from vroegsignaal.matching.engine import Policy, run_matching
from vroegsignaal.matching.engine.normalise import (
    address_key_expr,
    address_suffix_expr,
    fold,
    fold_expr,
    initial_expr,
    initial_from_letters,
    name_letters_expr,
    per_distinct,
    surname_core_expr,
)
from vroegsignaal.matching.engine.schema import HISTORY, SIGNALS, frame

text = st.text(max_size=12)
house_part = st.text(alphabet=st.sampled_from("aAbB12 -/.éß"), max_size=4) | text


@given(st.lists(st.tuples(st.integers(1, 99999), house_part, house_part), min_size=1))
def test_polars_address_key_equals_the_python_address_key(rows):
    df = pl.DataFrame(
        {
            "postcode": ["7511AB"] * len(rows),
            "house_number": [r[0] for r in rows],
            "house_letter": [r[1] for r in rows],
            "house_number_addition": [r[2] for r in rows],
        }
    )
    got = df.select(address_key_expr())[:, 0].to_list()
    assert got == [address_key("7511AB", n, letter, addition) for n, letter, addition in rows]


# Names as residents and partners write them: Latin letters with their accents, precomposed
# or as combining marks (other scripts may differ by Unicode version between Python and Polars).
latin_name = st.text(
    st.characters(max_codepoint=0x24F) | st.characters(min_codepoint=0x300, max_codepoint=0x36F)
)


@given(st.lists(latin_name, min_size=1))
def test_python_fold_equals_the_polars_fold(values):
    """Zoeken's search keys fold in Python, matching in Polars: one name must fold alike."""
    folded = pl.DataFrame({"v": values}).select(fold_expr(pl.col("v")))[:, 0].to_list()
    assert folded == [fold(value) for value in values]


@given(st.lists(text, min_size=1))
def test_name_and_address_normalisation_is_idempotent(values):
    df = pl.DataFrame({"v": values, "e": [""] * len(values)})
    for normalise in (
        fold_expr,
        surname_core_expr,
        lambda c: address_suffix_expr(c, pl.col("e")),
    ):
        once = df.select(normalise(pl.col("v")).alias("v"), "e")
        twice = once.select(normalise(pl.col("v")))
        assert twice[:, 0].to_list() == once["v"].to_list()


@given(st.lists(st.none() | st.sampled_from(["Berg", "berg", "Bérg", "J.", ""]) | text))
def test_names_normalised_per_distinct_value_equal_the_names_normalised_row_by_row(values):
    # with_person_keys normalises each distinct name once and looks the result up.
    df = pl.DataFrame(
        {"v": values, "w": list(reversed(values))}, schema={"v": pl.String, "w": pl.String}
    )
    direct = df.select(
        surname_core_expr(pl.col("v")).alias("surname"), initial_expr(pl.col("v"), pl.col("w"))
    )
    looked_up = df.select(
        per_distinct("v", surname_core_expr).alias("surname"),
        initial_from_letters(
            per_distinct("v", name_letters_expr), per_distinct("w", name_letters_expr)
        ),
    )
    assert looked_up.to_dicts() == direct.to_dicts()


SURNAMES = ["Berg", "van der Berg", "Berg, van der", "Bérg", "Jansen", "Janssen", "Smit"]
signal_rows = st.lists(
    st.fixed_dictionaries(
        {
            "creditor_id": st.integers(1, 3),
            "partner_type": st.sampled_from(["Energie", "Zorg", "Huur", "Water"]),
            "customer_number": st.sampled_from(["K1", "K2", "K3"]),
            "signal_date": st.dates(dt.date(2025, 7, 1), dt.date(2025, 7, 31)),
            "initials": st.sampled_from(["J.", "P.", ""]),
            "surname": st.sampled_from(SURNAMES),
            "birth_date": st.none() | st.dates(dt.date(1980, 1, 1), dt.date(1980, 1, 20)),
            "bsn": st.sampled_from(["", "", "123456782"]),
            "house_number": st.integers(1, 3),
            "house_letter": st.sampled_from(["", "A", "a"]),
            "amount_cents": st.integers(1_000, 200_000),
            "arrears_start": st.dates(dt.date(2025, 1, 1), dt.date(2025, 7, 1)),
            "contract_type": st.sampled_from(["particulier", "zakelijk"]),
            "crisis": st.booleans(),
            "warm_handover": st.booleans(),
        }
    ),
    min_size=1,
    max_size=12,
)
HISTORY_ROWS = frame(
    [
        {"signal_id": 900, "municipality_code": "0153", "creditor_id": 1, "customer_number": "K1",
         "address_key": "7511AB|1|", "signal_date": dt.date(2025, 5, 1), "melding_id": 7,
         "melding_open": True, "melding_handled": False},
    ],
    HISTORY,
)  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(signal_rows, st.randoms(use_true_random=False))
def test_matching_result_does_not_depend_on_input_row_order(rows, rnd):
    built = [
        {**row, "signal_id": i, "municipality_code": "0153", "postcode": "7511AB"}
        for i, row in enumerate(rows, 1)
    ]
    shuffled = list(built)
    rnd.shuffle(shuffled)
    policy = Policy(minimum_amount_cents=5_000, minimum_signals_for_go=2)
    first = run_matching(frame(built, SIGNALS), HISTORY_ROWS, policy, period="2025-07")
    second = run_matching(frame(shuffled, SIGNALS), HISTORY_ROWS, policy, period="2025-07")
    assert first.meldingen.equals(second.meldingen)
    assert first.signals.equals(second.signals)


def test_matching_in_batches_of_municipalities_gives_the_same_result_as_one_batch(monkeypatch):
    # '015' is a prefix of '0153': the batches must still come out in melding-key order.
    from vroegsignaal.matching.engine import run as engine_run

    rows = [
        {"signal_id": i, "municipality_code": "0153" if i % 3 else "015", "creditor_id": 1 + i % 2,
         "partner_type": "Energie" if i % 2 else "Huur", "customer_number": f"K{i % 4}",
         "signal_date": dt.date(2025, 5 + i % 3, 1 + i), "surname": "Berg",
         "birth_date": dt.date(1990, 1, 1), "postcode": "7511AB", "house_number": 1 + i % 2,
         "amount_cents": 10_000 * i, "arrears_start": dt.date(2025, 3, 1),
         "contract_type": "particulier", "crisis": i == 3, "warm_handover": False}
        for i in range(1, 10)
    ]  # fmt: skip
    signals = frame(rows, SIGNALS)
    whole = run_matching(signals, HISTORY_ROWS, Policy())
    monkeypatch.setattr(engine_run, "BATCH_ROWS", 1)
    batched = run_matching(signals, HISTORY_ROWS, Policy())
    assert batched.meldingen["opeenvolgend"].any()
    assert batched.meldingen["municipality_code"].n_unique() == 2
    assert whole.meldingen.equals(batched.meldingen)
    assert whole.signals.equals(batched.signals)


@settings(max_examples=25, deadline=None)
@given(signal_rows)
def test_addresses_with_equal_hashes_still_make_separate_meldingen(generated):
    # Every address gets the same sort hash: the collision path (sorting by both hashes) must
    # give the same meldingen and statuses as the usual one, never one melding for two
    # addresses.
    from vroegsignaal.matching.engine import numbering

    rows = [
        {**row, "signal_id": i, "municipality_code": "0153", "postcode": "7511AB",
         "signal_date": dt.date(2025, 5 + i % 3, 1)}
        for i, row in enumerate(generated, 1)
    ]  # fmt: skip
    signals = frame(rows, SIGNALS)
    hashed = run_matching(signals, HISTORY_ROWS, Policy())
    original = numbering.address_hash
    numbering.address_hash = lambda: pl.lit(0, pl.UInt64)
    try:
        colliding = run_matching(signals, HISTORY_ROWS, Policy())
    finally:
        numbering.address_hash = original
    assert colliding.meldingen.sort("melding_key").equals(hashed.meldingen.sort("melding_key"))
    assert colliding.signals.equals(hashed.signals)
    assert colliding.meldingen["melding_key"].is_unique().all()
