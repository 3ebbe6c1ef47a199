"""A melding's figures and priority reasons are about the signals that are picked up: a signal
the matching gave a not-picked-up status (overleden, onterecht, al bekend, geen inwoner, ...)
keeps that status for the caseworker to see, but adds no amount, partner type or priority."""

from __future__ import annotations

import datetime as dt

import polars as pl
from tests.matching.test_engine_rules import brp, match, only_melding, signals, status_of

from vroegsignaal.matching.engine import vocabulary as v
from vroegsignaal.matching.engine.classify import CONFIRMED_REASON
from vroegsignaal.matching.engine.schema import CLIENTS, CONFIRMED_NOT_RESIDENT, frame

D = dt.date
WATER = {"partner_type": "Water", "creditor_id": 2, "amount_cents": 139_500}
# Someone else at the address, whom the BRP has died.
WIDOW = {"initials": "A.", "birth_date": D(1941, 2, 9)}
FIGURES = ("total_amount_cents", "partner_types", "partner_type_count", "crisis",
           "priority_score", "priority_reasons")  # fmt: skip


def figures(melding: dict) -> dict:
    return {name: melding[name] for name in FIGURES}


# The melding of the energy signal alone: what the caseworker picks up.
ENERGY_ALONE = figures(only_melding(match(signals({}))))


def test_a_deceased_persons_signal_adds_no_amount_partner_type_or_priority_reason():
    result = match(
        signals({}, {**WATER, **WIDOW}),
        brp=brp({}, {**WIDOW, "initials": "A", "death_date": D(2025, 6, 1)}),
    )
    assert status_of(result, 2)[0] == v.OVERLEDEN
    melding = only_melding(result)
    assert melding["go"]
    assert figures(melding) == ENERGY_ALONE
    assert melding["partner_types"] == ["Energie"]


def test_a_business_crisis_signal_does_not_make_the_melding_a_crisis():
    result = match(signals({}, {**WATER, "contract_type": "zakelijk", "crisis": True}))
    assert status_of(result, 2) == (v.ONTERECHT, "Zakelijk contract")
    melding = only_melding(result)
    assert melding["go"] and figures(melding) == ENERGY_ALONE
    assert melding["term_kind"] != v.TERM_CRISIS


def test_a_known_clients_signal_adds_no_amount_or_partner_type():
    result = match(
        signals({}, {**WATER, **WIDOW, "bsn": "123456782"}),
        clients=frame([{"municipality_code": "0153", "bsn": "123456782"}], CLIENTS),
    )
    assert status_of(result, 2)[0] == v.AL_BEKEND
    assert figures(only_melding(result)) == ENERGY_ALONE


def test_meervoudig_still_says_how_many_signals_the_address_had():
    # The kind of melding describes what was reported at the address in the month (and is
    # counted as such by the monitoring); only the figures leave the not-picked-up signal out.
    result = match(signals({}, {**WATER, "contract_type": "zakelijk"}))
    melding = only_melding(result)
    assert melding["meervoudig"] and not melding["enkelvoudig"]


def test_a_melding_with_nothing_to_pick_up_still_shows_what_was_reported():
    result = match(signals({"contract_type": "zakelijk"}, {**WATER, "contract_type": "zakelijk"}))
    melding = only_melding(result)
    assert not melding["go"]
    assert melding["total_amount_cents"] == 159_500
    assert melding["partner_types"] == ["Energie", "Water"]


# Her maiden name is not in the BRP beside the resident it has at the address: matching holds
# her signal for the caseworker's check (classify.hold_not_found_for_a_check).
MAIDEN_NAME = {**WATER, "initials": "L.", "surname": "Zandvoort", "surname_prefix": "",
               "birth_date": D(1983, 9, 30)}  # fmt: skip


def confirmed_not_resident(sigs, *confirmed: bool):
    """`sigs` with the caseworker's confirmation per signal, as matching.adapter hands it."""
    return sigs.with_columns(pl.Series(CONFIRMED_NOT_RESIDENT, confirmed, dtype=pl.Boolean))


def test_a_signal_a_caseworker_confirmed_not_resident_adds_no_amount_partner_type_or_priority():
    held = match(signals({}, MAIDEN_NAME), brp=brp({}))
    assert status_of(held, 2)[0] == v.OPGEPAKT  # held for the check: it counts

    result = match(confirmed_not_resident(signals({}, MAIDEN_NAME), False, True), brp=brp({}))

    assert status_of(result, 2) == (v.GEEN_INWONER, CONFIRMED_REASON)
    melding = only_melding(result)
    assert melding["go"] and melding["meervoudig"]
    assert figures(melding) == ENERGY_ALONE
    assert melding["queue"] == only_melding(match(signals({})))["queue"]


def test_a_confirmed_crisis_signal_no_longer_makes_the_melding_a_crisis():
    crisis = {**MAIDEN_NAME, "crisis": True}
    result = match(confirmed_not_resident(signals({}, crisis), False, True), brp=brp({}))
    melding = only_melding(result)
    assert not melding["crisis"] and melding["term_kind"] != v.TERM_CRISIS
    assert figures(melding) == ENERGY_ALONE


def test_without_any_confirmation_the_match_is_the_same_as_without_the_column():
    sigs = signals({}, MAIDEN_NAME, {**WATER, "postcode": "7511AC", "customer_number": "W2"})
    without = match(sigs, brp=brp({}))
    for unconfirmed in ((False, False, False), (None, None, None)):
        result = match(confirmed_not_resident(sigs, *unconfirmed), brp=brp({}))
        assert result.meldingen.equals(without.meldingen)
        assert result.signals.equals(without.signals)
