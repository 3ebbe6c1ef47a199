"""Finding a melding again: by its kenmerk, by address or by a resident's surname.

A resident who got a letter calls back; the caseworker has the kenmerk from the letter, an
address or a name. The worklist only holds open meldingen in working order, so searching is a
page of its own that also finds closed meldingen of every period. It searches only the meldingen
the user may see (`casework.access`), and the audit middleware records each search with its
terms, so the privacy officer can see who looked for whom.

One text box, read as (in this order):
- a kenmerk (`Melding.reference`, read by `vroegsignaal.kenmerk`): `VS-7941`, `vs 7941`,
  `Melding VS-7941` (as the melding page's heading says it), `melding 7941` or just `7941`; four
  digits alone (`7511`) may also be a postcode area, so both are looked for;
- an address: a postcode (`7511 AB`), optionally with house number and letter or addition
  (`7511AB 12`, `7511 ab 12-a`, `7514 BN 417B-2` as the pages write it);
- a street with a house number (`Stijnpad 105`, `stijnpad 105a`, `Lasondersingel 93-2`): the
  street's name as the melding has it, from its start.
  After a house number, people write what they remember: a number alone finds every letter and
  addition at it, a letter without an addition (`Martstraat 35b`) every addition at that letter
  (35B, 35B-4); with an addition (`35B-4`, `93-2`, `12 bis`) only that address is found. The
  letter and the addition are told apart as in a delivery's huisnummer cell
  (`intake.parsing.parse_house_number`);
- otherwise a name, with or without its tussenvoegsel (`van der Berg`, `Berg, van der`,
  `Berg`): the meldingen with a signal whose surname starts with it, and those in a street
  whose name starts with the text (`Stijnpad`: a caller often gives the street first).
  Initials or first names with the surname, as a letter writes it or a resident says it
  (`J. Simons`, `Simons, J.`, `Jolie Simons`, `Jacob van Dokkum`), narrow it to the signals
  they fit (`names.initials_fit`: also those without initials); words that may be first names
  or a double surname (`Oude Egbrink`) are looked for both ways (`names.typed_names`).
Names and streets are compared by their search keys (`vroegsignaal.search_keys`): case and
accents do not count, so `Noellering` finds Noëllering and `Cobelstraat` Cöbelstraat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from vroegsignaal import kenmerk
from vroegsignaal.addresses import address_suffix
from vroegsignaal.casework.access import meldingen_visible_to
from vroegsignaal.casework.models import Melding, MeldingSignal
from vroegsignaal.dutch_text import listed
from vroegsignaal.intake.models import Signal
from vroegsignaal.intake.parsing import parse_house_number
from vroegsignaal.names import TypedName, initials_fit, surname_without_prefix, typed_names
from vroegsignaal.organisations.models import User
from vroegsignaal.search_keys import street_key, surname_key

MIN_NAME_LETTERS = 2
MAX_LENGTH = 100
MAX_REFERENCE_DIGITS = 18  # a melding's id is a 64-bit integer
# Dashes a word processor or a phone's keyboard puts in 'VS–7941' or '7511–AB'.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))

_POSTCODE_AREA = re.compile(r"^[1-9]\d{3}$")
# A house number's letter and addition as the pages write them ('93-2', '417B-2') or typed
# otherwise ('417 b 2'); the address key compares them without the separators.
_SUFFIX = r"(?:\s*[-\s]?\s*([0-9a-z]{1,6}(?:\s*[-\s]\s*[0-9a-z]{1,10})?))?"
_ADDRESS = re.compile(
    rf"^(\d{{4}})\s*-?\s*([a-z]{{2}})(?:[\s,]*(\d{{1,5}}){_SUFFIX})?$", re.IGNORECASE
)
_STREET_AND_NUMBER = re.compile(
    rf"^([^\d,]*[a-z][^\d,]*?)[\s,]+(\d{{1,5}}){_SUFFIX}$", re.IGNORECASE
)


class SearchError(ValueError):
    """A search text that cannot be read; the message says how to search."""


@dataclass(frozen=True)
class Search:
    """What a search text asks for: a kenmerk, an address or a surname (four digits alone are
    both a kenmerk and a postcode area)."""

    melding_id: int | None = None
    address_prefix: str = ""  # the start of the address key: 'postcode|' or 'postcode|number|'
    address_key: str = ""  # a whole address key, when an addition was given
    surname: str = ""
    # Surnames with the initials typed with them ('J. Simons'): each is looked for too.
    names: tuple[TypedName, ...] = ()
    street: str = ""  # the start of a street's name: with a surname, either is looked for
    house_number: int | None = None  # with a street: that number at it
    address_suffix: str = ""  # with a house number: letter and addition, as in the key
    # With a house number: its letter, given without an addition (every addition at it).
    house_letter: str = ""

    @property
    def kind(self) -> str:
        if self.melding_id is not None:
            return "kenmerk of postcodegebied" if self.address_prefix else "kenmerk"
        if self.address_prefix or self.address_key or self.house_number is not None:
            return "adres"
        return "naam of straat"


def parse(text: str) -> Search:
    """The search a text asks for; `SearchError` with a Dutch hint when it asks for none."""
    text = " ".join(text.translate(_DASHES).split())
    if not text:
        raise SearchError("Vul een kenmerk, een postcode (met huisnummer) of een achternaam in.")
    if len(text) > MAX_LENGTH:
        raise SearchError(f"Zoek met hoogstens {MAX_LENGTH} tekens.")
    if (number := kenmerk.number_in(text)) is not None:
        if len(number) > MAX_REFERENCE_DIGITS:
            raise SearchError(
                f"Er is geen melding met kenmerk {kenmerk.of(number)}: zo'n nummer bestaat niet."
            )
        if _POSTCODE_AREA.match(text):
            # '7511' is a kenmerk or a postcode area: look for both.
            return Search(melding_id=int(number), address_prefix=number)
        return Search(melding_id=int(number))
    if match := _ADDRESS.match(text):
        return _address_search(*match.groups())
    if match := _STREET_AND_NUMBER.match(text):
        street, number, suffix = match.groups()
        letter, exact = _letter_or_suffix(number, suffix)
        return Search(
            street=street.strip(),
            house_number=int(number),
            address_suffix=exact,
            house_letter=letter,
        )
    readings = [name for name in typed_names(text) if _long_enough(name.surname)]
    if not readings:
        raise SearchError(
            f"Zoek op een achternaam van minstens {MIN_NAME_LETTERS} letters, een straat, een "
            f"postcode of een kenmerk (zoals {kenmerk.EXAMPLE})."
        )
    alone = [surname_without_prefix(name.surname) for name in readings if not name.initials]
    return Search(
        surname=alone[0] if alone else "",
        names=tuple(name for name in readings if name.initials),
        street=text,
    )


def _long_enough(surname: str) -> bool:
    letters = surname_without_prefix(surname)
    return sum(character.isalpha() for character in letters) >= MIN_NAME_LETTERS


def _address_search(digits: str, letters: str, number: str | None, suffix: str | None) -> Search:
    postcode = f"{digits}{letters.upper()}"
    if number is None:
        return Search(address_prefix=f"{postcode}|")
    letter, exact = _letter_or_suffix(number, suffix)
    if exact:
        return Search(address_key=f"{postcode}|{int(number)}|{exact}")
    return Search(address_prefix=f"{postcode}|{int(number)}|", house_letter=letter)


def _letter_or_suffix(number: str, suffix: str | None) -> tuple[str, str]:
    """What was typed after the house number: (its letter, '') for a letter without an
    addition, found with every addition at it; ('', the key's suffix) for anything with an
    addition, found exactly; ('', '') for nothing."""
    if not suffix:
        return "", ""
    try:
        _, letter, addition = parse_house_number(f"{number} {suffix}")
    except ValueError:  # longer than a delivery allows: it can only match exactly
        addition = suffix
    if not addition:
        return letter, ""
    return "", address_suffix(suffix, "")


def _with_letter(letter: str) -> Q:
    """At a house number already chosen: the letter with or without an addition, and an
    addition that is only this letter (a partner that delivered 12-A; the key joins them)."""
    return Q(house_letter=letter) | Q(address_key__endswith=f"|{letter}")


def search_meldingen(user: User, search: Search) -> QuerySet[Melding]:
    """The meldingen `user` may see that `search` finds, newest period first, with their
    signals' names (for telling residents apart) prefetched."""
    visible = meldingen_visible_to(user)
    if search.melding_id is not None:
        wanted = Q(pk=search.melding_id)
        if search.address_prefix:
            wanted |= Q(address_key__startswith=search.address_prefix)
        found = visible.filter(wanted)
    elif search.address_key:
        found = visible.filter(address_key=search.address_key)
    elif search.address_prefix:
        found = visible.filter(address_key__startswith=search.address_prefix)
        if search.house_letter:
            found = found.filter(_with_letter(search.house_letter))
    elif search.house_number is not None:
        at_number = f"|{search.house_number}|{search.address_suffix}"
        found = visible.filter(
            street_search__startswith=street_key(search.street), house_number=search.house_number
        )
        if search.address_suffix:
            found = found.filter(address_key__endswith=at_number)
        elif search.house_letter:
            found = found.filter(_with_letter(search.house_letter))
    else:
        # A semi-join, not a join: a common name has many signals, and DISTINCT over the wide
        # melding rows was sorted on disk. The surname's and the street's meldingen are one
        # UNION, each read from its own index; an OR of the two made PostgreSQL test every
        # melding of the municipality (search p95 35 -> 216 ms in `benchmarks pages`).
        municipality_id = user.municipality_id
        wanted = [meldingen_in_street(municipality_id, search.street)]
        if search.surname:
            named = signals_named(municipality_id, search.surname)
            wanted.insert(0, MeldingSignal.objects.filter(signal__in=named).values("melding_id"))
        if search.names:
            fitting = signals_fitting(municipality_id, search.names)
            wanted.insert(0, MeldingSignal.objects.filter(signal__in=fitting).values("melding_id"))
        found = visible.filter(pk__in=wanted[0].union(*wanted[1:]))
    names = MeldingSignal.objects.select_related("signal").only(
        "melding_id",
        "signal__initials",
        "signal__surname_prefix",
        "signal__surname",
    )
    return (
        found.select_related("queue", "assigned_to")
        .prefetch_related(Prefetch("signal_links", queryset=names))
        .order_by("-period_start", "-pk")
    )


def signals_named(municipality_id: int | None, *surnames: str) -> QuerySet[Signal]:
    """The municipality's signals whose surname starts with one of `surnames` (any case or
    accents); on PostgreSQL from the index `signal_surname_search` (migration intake.0010)."""
    starts = Q()
    for surname in surnames:
        starts |= Q(surname_search__startswith=surname_key(surname))
    return Signal.objects.filter(starts, municipality_id=municipality_id).values("pk")


def signals_fitting(municipality_id: int | None, names: tuple[TypedName, ...]) -> list[int]:
    """The ids of the municipality's signals whose surname starts with one of `names` and whose
    initials, first names or BRP initials fit the initials typed with it. The surnames come
    from their index; the initials are compared here, as people write them in many ways."""
    keys = [(surname_key(name.surname), name.initials) for name in names]
    candidates = signals_named(municipality_id, *(name.surname for name in names)).values_list(
        "pk", "surname_search", "initials", "first_names", "brp_initials"
    )
    return [
        pk
        for pk, surname, *known in candidates
        if any(surname.startswith(key) and initials_fit(typed, *known) for key, typed in keys)
    ]


def nothing_found(search: Search) -> str:
    """What a name search looked for and found nothing with, and how to find more."""
    readings = [
        f"met achternaam {name.surname} en "
        f"{'voorletter' if name.initials.count('.') == 1 else 'voorletters'} {name.initials}"
        for name in search.names
    ]
    if search.surname:
        readings.append(f"met achternaam {search.surname}")
    looked_for = (
        f"Geen meldingen {listed(readings, 'of')}, en geen meldingen in een straat die begint "
        f'met "{search.street}".'
    )
    if search.names:
        return (
            f"{looked_for} Voorletters of een voornaam maken de zoekopdracht nauwer: zoek op de "
            "achternaam alleen om iedereen met die achternaam te zien."
        )
    return (
        f"{looked_for} Zoek op het begin van de naam (hoofdletters en accenten tellen niet), of "
        "op postcode en huisnummer."
    )


def meldingen_in_street(municipality_id: int | None, street: str) -> QuerySet[Melding]:
    """The municipality's meldingen whose street starts with `street` (any case or accents);
    on PostgreSQL from the index `melding_street_search` (migration casework.0019)."""
    return Melding.objects.filter(
        municipality_id=municipality_id, street_search__startswith=street_key(street)
    ).values("pk")


def resident_names(melding: Melding) -> list[str]:
    """The distinct names on the melding's signals ('J. van der Berg'), in order of first use."""
    names = []
    for link in melding.signal_links.all():
        signal = link.signal
        parts = (signal.initials, signal.surname_prefix, signal.surname)
        name = " ".join(part for part in parts if part)
        if name and name not in names:
            names.append(name)
    return names
