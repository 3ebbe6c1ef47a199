"""Which of the signals an inzageverzoek found are the resident's: the matching's person first.

The search (`inzage.PersonQuery.signals`) is wide on purpose: her BSN, and her name compared
tolerantly (`same_person`), so a creditor's misspelling is not left out. Twins share surname,
birth date and address, though, and the matching keeps them two residents (QA7 H1); handing one
twin the other's signal is the worst an answer can do. So what the search found is decided
here with what is known for sure, in one rule with the matching:

- The resident's identity: her BSN (typed), her initials (typed, or from the BRP extract for
  her BSN); else what the found signals agree on. When they hold two different initials or
  BSNs and nothing typed says which is hers, the officer is asked for them (`ambiguous`).
- In a melding the matching's person (`MeldingSignal.person_key`) decides: a person holding
  her BSN is hers, with every signal the matching linked to it (also one without initials);
  a person holding another known BSN or initial is not; a person the search found holding her
  initial is hers. Where she is such a sure person, a person found only by the tolerant name
  (no initial known) is one the matching kept apart, e.g. a signal without initials that fits
  both twins: it is not taken in.
- A signal outside a melding counts on its own: found, and no other BSN or initial.

What is not hers but fits her name, and the other signals in her meldingen, go to the
officer's question (`others`), never into the answer without the officer's tick.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vroegsignaal.casework.persons import Name, person_key
from vroegsignaal.intake.models import Signal
from vroegsignaal.privacy import same_person
from vroegsignaal.privacy.bsn import bsn_hash


@dataclass(frozen=True)
class Identity:
    """What is known for sure of the resident: BSN hashes and initials as the matching
    compares them; empty when unknown."""

    bsns: frozenset[str]
    initials: frozenset[str]

    def is_other(self, bsn: str, initial: str) -> bool:
        """A signal with this BSN hash and initial is someone else's."""
        other_bsn = bool(bsn and self.bsns) and bsn not in self.bsns
        other_initial = bool(initial and self.initials) and initial not in self.initials
        return other_bsn or other_initial

    def sure(self, bsn: str, initial: str) -> bool:
        """A signal with this BSN hash and initial names her for sure (when found by name, for
        the initial)."""
        return (bool(bsn) and bsn in self.bsns) or (bool(initial) and initial in self.initials)


@dataclass(frozen=True)
class Decision:
    """The resident's signals (`hers`) and the signals to ask the officer about (`others`);
    or, when the found signals hold two people and nothing typed says which is hers, their
    names (`ambiguous`) and nothing decided."""

    hers: list[Signal]
    others: list[Signal]
    ambiguous: list[str]


def decide(found: list[Signal], pool: list[Signal], bsn: str, initials: Iterable[str]) -> Decision:
    """Split `found` (the search's signals) and `pool` (those plus every signal in their
    meldingen, `melding_link` loaded) for the resident with the typed `bsn` and the typed or
    BRP `initials`."""
    letters = same_person.initials_of(pool)
    known = Identity(
        frozenset({bsn_hash(bsn)} - {""}),
        frozenset(same_person.initial_of(i) for i in initials) - {""},
    )
    identity, ambiguous = _completed(known, found, letters)
    if ambiguous:
        return Decision([], [], ambiguous)
    found_ids = {s.pk for s in found}
    hers = _hers(pool, found_ids, identity, letters)
    hers_ids = {s.pk for s in hers}
    her_meldingen = {s.melding_link.melding_id for s in hers if in_melding(s)}
    others = [
        s
        for s in pool
        if s.pk not in hers_ids
        and in_melding(s)
        and (s.melding_link.melding_id in her_meldingen or s.pk in found_ids)
    ]
    return Decision(hers, sorted(others, key=lambda s: s.pk), [])


def _completed(
    known: Identity, found: list[Signal], letters: dict[int, str]
) -> tuple[Identity, list[str]]:
    """`known`, with what the found signals agree on where nothing was typed; the names of the
    people in them when they do not agree."""
    bsns, initials = known.bsns, known.initials
    if not bsns:
        # Only a signal with her typed initial (or none) can lend her its BSN: the other twin's
        # BSN would make the other twin's signals hers.
        bsns = frozenset(
            s.bsn_hash for s in found if s.bsn_hash and not known.is_other("", letters[s.pk])
        )
    if not initials:
        # Her BSN typed: its signals' initials are hers. Else the name found them all alike.
        with_her_bsn = [s for s in found if s.bsn_hash and s.bsn_hash in known.bsns]
        initials = frozenset(letters[s.pk] for s in with_her_bsn or found) - {""}
    if len(bsns) > 1 or len(initials) > 1:
        names = {
            Name(s.initials, s.first_names, s.surname_prefix, s.surname).formal
            for s in found
            if s.bsn_hash or letters[s.pk]
        }
        return known, sorted(names)
    return Identity(bsns, initials), []


def in_melding(signal: Signal) -> bool:
    """The signal belongs to a melding (a signal not matched yet does not)."""
    return getattr(signal, "melding_link", None) is not None


def _hers(
    pool: list[Signal], found: set[int], identity: Identity, letters: dict[int, str]
) -> list[Signal]:
    people: dict[str, list[Signal]] = {}
    for signal in pool:
        key = person_key(signal) if in_melding(signal) else f"signal {signal.pk}"
        people.setdefault(key, []).append(signal)

    def verdict(person: list[Signal]) -> str:
        if any(s.bsn_hash and s.bsn_hash in identity.bsns for s in person):
            return "sure"
        if any(identity.is_other(s.bsn_hash, letters[s.pk]) for s in person):
            return "other"
        if not any(s.pk in found for s in person):
            return "other"
        return "sure" if any(identity.sure("", letters[s.pk]) for s in person) else "tolerant"

    verdicts = {key: verdict(person) for key, person in people.items()}
    # Meldingen where she is a sure person: there the matching's split outweighs a tolerant name.
    sure_in = {
        person[0].melding_link.melding_id
        for key, person in people.items()
        if verdicts[key] == "sure" and in_melding(person[0])
    }

    def taken(key: str, signal: Signal) -> bool:
        if verdicts[key] != "tolerant":
            return verdicts[key] == "sure"
        return not (in_melding(signal) and signal.melding_link.melding_id in sure_in)

    return [signal for key, person in people.items() for signal in person if taken(key, signal)]
