"""To whom a letter goes: each person named in the signals at the address, or 'Aan de bewoners
van' the address, as the municipality's letterhead says; and how the creditor is named.

A personal letter names only the kinds of creditor of that person's own signals, so one
resident never learns about another's arrears.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vroegsignaal.casework.models import Melding
from vroegsignaal.ddas import Geslacht, Signaalpartner
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


def creditor_phrase(partner_types: Iterable[str]) -> str:
    """The kinds of creditor as Dutch words: 'uw verhuurder en uw energieleverancier'."""
    phrases = list(
        dict.fromkeys(CREDITOR_KIND.get(kind, CREDITOR_KIND["Overige"]) for kind in partner_types)
    )
    if len(phrases) <= 1:
        return phrases[0] if phrases else CREDITOR_KIND[Signaalpartner.OVERIGE]
    return ", ".join(phrases[:-1]) + " en " + phrases[-1]


def address_lines(melding: Melding) -> list[str]:
    """Street line and postcode line in the form PostNL asks: '7511 AB  ENSCHEDE'."""
    postcode = f"{melding.postcode[:4]} {melding.postcode[4:]}"
    return [melding.street_and_number, f"{postcode}  {melding.city.upper()}".rstrip()]


def _initials(signal: Signal) -> str:
    if signal.initials:
        return signal.initials
    return "".join(f"{name[0]}." for name in signal.first_names.split())


def _salutation(signal: Signal) -> str:
    prefix = signal.surname_prefix
    # Without initials in front, the prefix starts with a capital: 'meneer De Vries'.
    surname = " ".join(part for part in (prefix[:1].upper() + prefix[1:], signal.surname) if part)
    title = {Geslacht.MAN: "meneer", Geslacht.VROUW: "mevrouw"}.get(signal.gender)
    if title:
        return f"Beste {title} {surname}"
    return f"Beste {_name_line(signal)}"


def _name_line(signal: Signal) -> str:
    parts = (_initials(signal), signal.surname_prefix, signal.surname)
    return " ".join(part for part in parts if part)


def _residents(melding: Melding, signals: list[Signal]) -> list[Recipient]:
    types = tuple(sorted({signal.creditor.partner_type for signal in signals})) or tuple(
        melding.partner_types
    )
    return [Recipient("Aan de bewoners van", "Beste bewoner", types)]


def signals_by_melding(meldingen: Iterable[Melding]) -> dict[int, list[Signal]]:
    """The signals of each melding, with their creditor, in one query."""
    grouped: dict[int, list[Signal]] = {melding.pk: [] for melding in meldingen}
    signals = (
        Signal.objects.filter(melding_link__melding__in=list(grouped))
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
    persons: dict[tuple, tuple[Signal, set[str]]] = {}
    for signal in signals:
        key = (_name_line(signal).lower(), signal.birth_date)
        persons.setdefault(key, (signal, set()))[1].add(signal.creditor.partner_type)
    return [
        Recipient(_name_line(signal), _salutation(signal), tuple(sorted(types)))
        for signal, types in persons.values()
    ]
