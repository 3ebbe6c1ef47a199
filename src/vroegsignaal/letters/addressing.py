"""To whom a letter goes: each person named in the signals at the address, or 'Aan de bewoners
van' the address, as the municipality's letterhead says; and how the creditor is named.

The persons are those the matching linked (`casework.persons`): two signals of one resident,
however differently spelled, give one letter, under the BRP's spelling when it is known. A
personal letter names only the kinds of creditor of that person's own signals, so one
resident never learns about another's arrears.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.persons import Person, persons_of
from vroegsignaal.casework.signal_status import CASEWORK_STATUSES
from vroegsignaal.ddas import Geslacht, Signaalpartner
from vroegsignaal.dutch_text import listed
from vroegsignaal.intake.models import Signal
from vroegsignaal.letters.models import Addressing

CREDITOR_KIND: dict[str, str] = {
    Signaalpartner.HUUR: "uw verhuurder",
    Signaalpartner.ENERGIE: "uw energieleverancier",
    Signaalpartner.WATER: "uw drinkwaterbedrijf",
    Signaalpartner.ZORG: "uw zorgverzekeraar",
    Signaalpartner.HYPOTHEEK: "uw hypotheekverstrekker",
    Signaalpartner.CAK_EIGEN_BIJDRAGE: "het CAK",
    Signaalpartner.CAK_ZORGVERZEKERINGEN: "het CAK",
    Signaalpartner.DUO: "DUO",
    Signaalpartner.BELASTINGDIENST: "de Belastingdienst",
    Signaalpartner.DIENST_TOESLAGEN: "Dienst Toeslagen",
    Signaalpartner.OVERIGE: "een organisatie waar u vaste lasten aan betaalt",
}


@dataclass(frozen=True)
class Recipient:
    """One addressee: the lines above the address, the greeting and the creditors to name."""

    name_line: str
    salutation: str
    partner_types: tuple[str, ...]
    # Their signals: the privacy notice names the data these held (`privacy_notice`).
    signals: tuple[Signal, ...] = ()


def creditor_phrase(partner_types: Iterable[str]) -> str:
    """The kinds of creditor as Dutch words: 'uw verhuurder en uw energieleverancier'."""
    phrases = list(
        dict.fromkeys(CREDITOR_KIND.get(kind, CREDITOR_KIND["Overige"]) for kind in partner_types)
    )
    return listed(phrases) if phrases else CREDITOR_KIND[Signaalpartner.OVERIGE]


def address_lines(melding: Melding) -> list[str]:
    """Street line and postcode line in the form PostNL asks: '7511 AB  ENSCHEDE'."""
    postcode = f"{melding.postcode[:4]} {melding.postcode[4:]}"
    return [melding.street_and_number, f"{postcode}  {melding.city.upper()}".rstrip()]


def _salutation(person: Person) -> str:
    name = person.name
    prefix = name.surname_prefix
    # Without initials in front, the prefix starts with a capital: 'meneer De Vries'.
    surname = " ".join(part for part in (prefix[:1].upper() + prefix[1:], name.surname) if part)
    title = {Geslacht.MAN: "meneer", Geslacht.VROUW: "mevrouw"}.get(person.gender)
    if title:
        return f"Beste {title} {surname}"
    if not name.written_initials:
        # A surname alone ('Beste Appelman') is curt; the letter does not guess a gender.
        return f"Beste heer/mevrouw {surname}"
    return f"Beste {name.formal}"


def _residents(melding: Melding, signals: list[Signal]) -> list[Recipient]:
    types = tuple(sorted({signal.creditor.partner_type for signal in signals})) or tuple(
        melding.partner_types
    )
    return [Recipient("Aan de bewoners van", "Beste bewoner", types, tuple(signals))]


def signals_by_melding(meldingen: Iterable[Melding]) -> dict[int, list[Signal]]:
    """The signals of each melding a letter is about, with their creditor, in one query: not
    those the matching did not pick up (overleden, geen inwoner, onterecht, ...), which the
    melding page shows with their status; nobody is written to about them."""
    grouped: dict[int, list[Signal]] = {melding.pk: [] for melding in meldingen}
    signals = (
        Signal.objects.filter(melding_link__melding__in=list(grouped), status__in=CASEWORK_STATUSES)
        .select_related("creditor", "melding_link")
        .order_by("surname", "initials", "pk")
    )
    for signal in signals:
        grouped[signal.melding_link.melding_id].append(signal)
    return grouped


def recipients(melding: Melding, signals: list[Signal], addressing: str) -> list[Recipient]:
    """The addressees of a letter about ``melding`` (with ``signals``) under ``addressing``."""
    if addressing == Addressing.RESIDENTS or not signals:
        return _residents(melding, signals)
    return [
        Recipient(person.name.formal, _salutation(person), person.partner_types, person.signals)
        for person in persons_of(signals)
    ]
