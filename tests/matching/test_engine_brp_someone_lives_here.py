"""A signal the BRP does not find, at an address where the BRP does find another signal's
person, is not closed as 'geen inwoner': someone lives there, and name matching misses a
partner under her maiden name or a typo. It counts, and carries the caseworker's check notice,
as a not-found crisis signal does."""

from __future__ import annotations

import datetime as dt

from tests.matching.test_engine_rules import brp, match, only_melding, signals, status_of

from vroegsignaal.matching.engine import vocabulary as v

D = dt.date
CHECK_BY_HAND = (
    "Niet gevonden in de BRP van Enschede: controleer of de inwoner hier woont voordat u de "
    "melding afsluit."
)
# A partner the BRP has under her maiden name: the name match does not find her.
PARTNER = {"initials": "L.", "surname": "Zandvoort", "surname_prefix": "", "creditor_id": 2,
           "partner_type": "Water", "birth_date": D(1983, 9, 30)}  # fmt: skip


def test_a_not_found_signal_where_another_signals_person_lives_gets_the_check_notice():
    result = match(signals({}, PARTNER), brp=brp({}))
    row = result.signals.row(1, named=True)
    assert (row["status"], row["status_reason"], row["brp_note"]) == (v.OPGEPAKT, "", CHECK_BY_HAND)
    assert only_melding(result)["partner_types"] == ["Energie", "Water"]


def test_a_not_found_signal_where_the_others_live_elsewhere_stays_geen_inwoner():
    result = match(signals({}, PARTNER), brp=brp({"house_number": 40}))
    assert status_of(result, 1)[0] == v.OPGEPAKT
    assert status_of(result, 2) == (v.GEEN_INWONER, "Niet gevonden in de BRP van Enschede")


def test_a_deceased_resident_at_the_address_does_not_hold_a_not_found_signal():
    result = match(signals({}, PARTNER), brp=brp({"death_date": D(2025, 6, 1)}))
    assert status_of(result, 1)[0] == v.OVERLEDEN
    assert status_of(result, 2)[0] == v.GEEN_INWONER
    assert not only_melding(result)["go"]


def test_a_not_found_signal_alone_at_its_address_stays_geen_inwoner():
    result = match(signals(PARTNER), brp=brp({}))
    assert status_of(result, 1)[0] == v.GEEN_INWONER
