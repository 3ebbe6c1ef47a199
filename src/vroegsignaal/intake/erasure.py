"""Erase the personal data of signals, keeping what monitoring and matching need without the person.

Kept: creditor (and so partner type), municipality, delivery, dates, amount, terms, contract
type, crisis and warm-handover flags, status, the PC4 part of the postcode, and keyed hashes of
the address key and customer number (privacy.pseudonyms), so "opeenvolgend" and repeat signals
still link. Blanked: names (with the surname's search key), birth date, gender, street, house
number and suffixes, city, phone, e-mail, BSN, the free-text status reason and the BRP check's
note (an address) and name.
"""

from __future__ import annotations

from django.db.models import QuerySet

from vroegsignaal.bulk_rows import update_rows
from vroegsignaal.ddas import Geslacht
from vroegsignaal.intake.models import Signal
from vroegsignaal.privacy.pseudonyms import PREFIX, address_pseudonym, pseudonym

BLANKED = {
    "initials": "",
    "first_names": "",
    "surname_prefix": "",
    "surname": "",
    "surname_search": "",  # the surname folded for Zoeken
    "birth_date": None,
    "gender": Geslacht.LEEG,
    "street": "",
    "house_number": 0,
    "house_letter": "",
    "house_number_addition": "",
    "city": "",
    "phone": "",
    "email": "",
    "bsn": "",
    "bsn_hash": "",
    "status_reason": "",  # free text
    "brp_note": "",  # names the address the population register knows
    "brp_initials": "",  # the name the population register gives
    "brp_surname_prefix": "",
    "brp_surname": "",
}
_UPDATED = [*BLANKED, "postcode", "address_key", "customer_number"]
_BATCH = 1000


def customer_pseudonym(creditor_id: int, customer_number: str) -> str:
    """What an erased signal keeps of its customer number: a keyed hash per creditor."""
    return pseudonym(f"customer:{creditor_id}", customer_number)


def not_erased(signals: QuerySet[Signal]) -> QuerySet[Signal]:
    """The signals that still carry personal data."""
    return signals.exclude(address_key__startswith=PREFIX)


def erase_signal(signal: Signal) -> None:
    """Blank `signal`'s personal fields in memory; the caller saves (see `erase_signals`)."""
    for field, value in BLANKED.items():
        setattr(signal, field, value)
    signal.postcode = signal.postcode[:4]
    signal.address_key = address_pseudonym(signal.address_key)
    signal.customer_number = customer_pseudonym(signal.creditor_id, signal.customer_number)


def erase_signals(signals: QuerySet[Signal]) -> int:
    """Erase the personal data of every signal in `signals` not erased yet; returns how many."""
    # Ids first, then each batch read whole before it is written: on SQLite a write while a
    # read cursor on the same table is still open fails ('database table is locked'), which
    # stopped every run with a backlog of 1,000 signals or more (QA12 B4).
    ids = list(not_erased(signals).values_list("pk", flat=True))
    erased = 0
    for start in range(0, len(ids), _BATCH):
        batch = list(Signal.objects.filter(pk__in=ids[start : start + _BATCH]))
        for signal in batch:
            erase_signal(signal)
        erased += update_rows(Signal, batch, _UPDATED)
    return erased
