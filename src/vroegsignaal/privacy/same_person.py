"""Which signals at an address are the person an inzageverzoek looks for: matching's own rule.

Creditors misspell names ('Apelman' for Appelman), swap day and month or mistype a digit of
a birth date. The matching links such signals into one person (`engine.persons`, the DuckDB
macro `same_person`: a tolerant surname, the same initial when both have one, a birth date
equal up to one digit or a day/month swap); an exact search left them out of the resident's
answer while her melding held them. So the inzage asks the engine the same question instead of
keeping a second, stricter rule. Letters and additions at a house number do not narrow (see
`inzage.by_name_and_address`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl
from django.db import models

from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.engine.persons import find_in_register, with_person_keys

_COLUMNS = {
    "signal_id": pl.Int64,
    "municipality_code": pl.String,
    "address_key": pl.String,
    "bsn": pl.String,
    "surname": pl.String,
    "first_names": pl.String,
    "initials": pl.String,
    "birth_date": pl.Date,
}


@dataclass(frozen=True)
class Person:
    """Someone looked for at an address: as typed by the officer or as a BRP extract gives
    her. Without initials, as the search by name always was: a creditor's initials differ from
    the BRP's often enough ('J.' for Johanna, 'A.' in the BRP for Anna Johanna), and better one
    signal too many in the resident's answer than one of hers left out."""

    surname: str
    birth_date: dt.date | None
    postcode: str
    house_number: int


def _postcode(person: Person) -> str:
    return person.postcode.replace(" ", "").upper()


def _place(postcode: str, house_number: int) -> str:
    """The address (postcode normalised) without letter or addition: every letter and addition
    at a number counts."""
    return f"{postcode}|{house_number}"


def _frame(rows: list[dict]) -> pl.LazyFrame:
    return with_person_keys(pl.DataFrame(rows, schema=_COLUMNS).lazy())


def signals_of(people: Iterable[Person]) -> set[int]:
    """The ids of the signals at each person's address (any letter or addition) that the
    matching would call that person. The BSN is left out of the comparison: a signal with a
    BSN is found by it (`PersonQuery.signals`)."""
    people = list(people)
    at_addresses = models.Q(pk__in=[])
    for person in people:
        at_addresses |= models.Q(postcode=_postcode(person), house_number=person.house_number)
    signals = [
        {
            "signal_id": s["pk"], "municipality_code": "", "bsn": "",
            "address_key": _place(s["postcode"], s["house_number"]),
            "surname": s["surname"], "first_names": s["first_names"],
            "initials": s["initials"], "birth_date": s["birth_date"],
        }
        for s in Signal.objects.filter(at_addresses).values(
            "pk", "postcode", "house_number", "surname", "first_names", "initials", "birth_date"
        )
    ]  # fmt: skip
    if not signals:
        return set()
    probes = [
        {
            "signal_id": number, "municipality_code": "", "bsn": "",
            "address_key": _place(_postcode(p), p.house_number), "surname": p.surname,
            "first_names": "", "initials": "", "birth_date": p.birth_date,
        }
        for number, p in enumerate(people)
    ]  # fmt: skip
    register = _frame(signals).rename({"signal_id": "row_id"}).collect()
    pairs = find_in_register(_frame(probes).collect(), register, name_needs_address=True)
    return set(pairs["row_id"].to_list())


def initials_of(signals: Iterable[Signal]) -> dict[int, str]:
    """Each signal's initial as the matching compares it ('' when unknown): the first letter
    of the first names, else of the initials (`engine.persons.with_person_keys`)."""
    rows = [
        {
            "signal_id": s.pk, "municipality_code": "", "address_key": "", "bsn": "",
            "surname": s.surname, "first_names": s.first_names, "initials": s.initials,
            "birth_date": s.birth_date,
        }
        for s in signals
    ]  # fmt: skip
    if not rows:
        return {}
    return dict(_frame(rows).select("signal_id", "initial").collect().iter_rows())


def initial_of(initials: str) -> str:
    """The initial the matching compares of initials typed or from a BRP extract ('A.J.' -> 'a')."""
    row = {
        "signal_id": 0, "municipality_code": "", "address_key": "", "bsn": "", "surname": "",
        "first_names": "", "initials": initials, "birth_date": None,
    }  # fmt: skip
    return _frame([row]).collect()["initial"][0] if initials.strip() else ""
