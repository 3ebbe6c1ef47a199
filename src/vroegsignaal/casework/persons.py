"""The residents of a melding: its signals grouped per person as the matching linked them.

One rule for "these signals are the same person": the matching engine's person link
(`engine.persons`, stored as `MeldingSignal.person_key`). The melding page and the letters both
group with `persons_of`, so neither can count a spelling variant ('Appelman'/'Apelman') as a
second resident while the matching linked the two. A signal the matching has not linked (no
key yet) is a person of its own.

A person is named as the BRP extract writes them when the matching found them there
(`Signal.brp_surname` and friends), else as their first signal does; the other spellings in
the signals stay visible to the caseworker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from vroegsignaal.ddas import Geslacht
from vroegsignaal.dutch_text import listed
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.engine.normalise import fold
from vroegsignaal.names import surname_without_prefix, written_initials


@dataclass(frozen=True)
class Name:
    """A person's name in its parts, as one source writes it."""

    initials: str
    first_names: str
    surname_prefix: str
    surname: str

    @property
    def written_initials(self) -> str:
        """The initials with their full stops ('J H' -> 'J.H.': the BRP extract leaves them
        out), or those of the first names ('Jan Piet' -> 'J.P.')."""
        first_letters = " ".join(name[0] for name in self.first_names.split())
        return written_initials(self.initials or first_letters)

    @property
    def full(self) -> str:
        """First names when known, else initials, then prefix and surname: 'Jan de Vries'."""
        first = self.first_names or self.written_initials
        return _joined(first, self.surname_prefix, self.surname)

    @property
    def formal(self) -> str:
        """Initials, prefix and surname, as on an envelope: 'J. de Vries'."""
        return _joined(self.written_initials, self.surname_prefix, self.surname)


def _joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class Person:
    """One resident: the signals the matching linked to them, first signal first.

    `could_be` names the other residents a person without initials may be ('J. Appelman of
    K. Appelman'; see `_could_be`).
    """

    signals: tuple[Signal, ...]
    could_be: str = ""

    @property
    def brp_name(self) -> Name | None:
        """The name in the BRP extract, when the matching found the person there."""
        return next((brp_name_of(s) for s in self.signals if s.brp_surname), None)

    @property
    def name(self) -> Name:
        """The BRP's spelling when known, else that of the first signal."""
        return self.brp_name or _signal_name(self.signals[0])

    @property
    def other_spellings(self) -> list[str]:
        """How the signals write the name where that differs from `name` (typos, first names
        against initials), each once."""
        shown = {self.name.full.lower(), self.name.formal.lower()}
        spellings: dict[str, str] = {}
        for signal in self.signals:
            full = _signal_name(signal).full
            if full.lower() not in shown:
                spellings.setdefault(full.lower(), full)
        return list(spellings.values())

    def _first(self, field: str):
        return next((getattr(s, field) for s in self.signals if getattr(s, field)), None)

    @property
    def birth_date(self) -> date | None:
        return self._first("birth_date")

    @property
    def gender(self) -> str:
        """Man or Vrouw when a signal says so (another signal may leave it empty)."""
        known = (s.gender for s in self.signals if s.gender in (Geslacht.MAN, Geslacht.VROUW))
        return next(known, Geslacht.LEEG)

    @property
    def phone(self) -> str:
        return self._first("phone") or ""

    @property
    def email(self) -> str:
        return self._first("email") or ""

    @property
    def partner_types(self) -> tuple[str, ...]:
        """The kinds of creditor of this person's own signals, sorted."""
        return tuple(sorted({signal.creditor.partner_type for signal in self.signals}))


def brp_name_of(signal: Signal) -> Name:
    """The name the BRP extract gives the signal's person (empty parts when it found none)."""
    return Name(signal.brp_initials, "", signal.brp_surname_prefix, signal.brp_surname)


def _signal_name(signal: Signal) -> Name:
    return Name(signal.initials, signal.first_names, signal.surname_prefix, signal.surname)


def person_key(signal: Signal) -> str:
    """The matching's key of the person of `signal` (its `melding_link` loaded), or a key of
    its own when the matching has not linked it."""
    return signal.melding_link.person_key or f"signal {signal.pk}"


def persons_of(signals: Iterable[Signal]) -> list[Person]:
    """The persons among `signals` (with `melding_link` and `creditor` loaded), in the order
    their first signal comes in `signals`. Within a person the signals go by signal date, so
    the name and details shown do not depend on the order the caller chose."""
    grouped: dict[str, list[Signal]] = {}
    for signal in signals:
        grouped.setdefault(person_key(signal), []).append(signal)
    persons = [
        Person(tuple(sorted(group, key=lambda s: (s.signal_date, s.pk))))
        for group in grouped.values()
    ]
    return [replace(person, could_be=_could_be(person, persons)) for person in persons]


def _could_be(person: Person, persons: list[Person]) -> str:
    """The residents a person without initials or first names may be: two or more others with
    the same surname and birth date (twins). The matching keeps such a signal a person of its
    own, as it cannot say whose it is (`engine.person_conflicts`); the caseworker can ask."""
    if person.name.written_initials:
        return ""
    namesakes = [
        other.name.formal
        for other in persons
        if other is not person and other.name.written_initials and _same_name(person, other)
    ]
    return listed(namesakes, "of") if len(namesakes) > 1 else ""


def _same_name(a: Person, b: Person) -> bool:
    """Same surname (without tussenvoegsel, accents or case) and birth date, where known."""
    surnames = (fold(surname_without_prefix(p.name.surname)) for p in (a, b))
    births = {a.birth_date, b.birth_date} - {None}
    return len(set(surnames)) == 1 and len(births) <= 1
