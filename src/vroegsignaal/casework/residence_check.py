"""The caseworker's check whether a resident lives at the address, when the BRP did not say.

Matching does not close a crisis melding on a person the BRP extract did not find (name matching
fails on a maiden name or a typo): each such signal keeps the note 'Niet gevonden in de BRP van
Enschede: controleer of de inwoner hier woont voordat u de melding afsluit.' (matching.md, BRP).
The instruction is for while the melding is open; what the BRP check found stays true after, and
a caseworker who confirms 'geen inwoner (meer)' confirms it after that check, for the whole
melding or, when the BRP has another person of it living here (``living_here``), per signal
(``casework.not_resident``).
"""

from __future__ import annotations

from vroegsignaal.casework.lifecycle import is_open
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.persons import brp_name_of, persons_of
from vroegsignaal.casework.signal_status import CASEWORK_STATUSES
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.dutch_text import listed
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.engine.classify import BRP_CHECK_BY_HAND


def asks_for_check(note: str) -> bool:
    """Whether a signal's BRP note asks the caseworker to check the address."""
    return note.endswith(BRP_CHECK_BY_HAND)


def found(note: str) -> str:
    """The note without the instruction: what the BRP check found ('Niet gevonden in de BRP
    van Enschede'); any other note as it is."""
    return note.removesuffix(BRP_CHECK_BY_HAND)


def note_shown(signal: Signal, melding: Melding) -> str:
    """A signal's BRP note as the melding page shows it: the instruction only while open and
    not yet confirmed for the signal."""
    note = signal.brp_note
    if asks_for_check(note) and not may_confirm(melding, signal):
        return found(note)
    return note


def residence_checks(melding: Melding, signals: list[Signal]) -> list[str]:
    """While the melding is open: the BRP notes that ask the caseworker to check whether the
    resident lives here (the warnings at the top of the melding page), of the signals not yet
    confirmed as 'geen inwoner (meer)' (``not_resident.confirm_not_resident``), each naming
    whom it is about as 'Bewoners volgens de signalen' does: 'Niet gevonden in de BRP van
    Enschede: Piet Pieters. Controleer of ...'. ``signals`` have creditor and melding_link."""
    names: dict[str, list[str]] = {}
    for person in persons_of(signals):
        for signal in person.signals:
            about = names.setdefault(signal.brp_note, [])
            if may_confirm(melding, signal) and person.name.full not in about:
                about.append(person.name.full)
    return [
        f"{found(note)}: {listed(who)}. {_INSTRUCTION}"
        for note, who in sorted(names.items())
        if who
    ]


# The instruction as a sentence of its own, after the names.
_INSTRUCTION = BRP_CHECK_BY_HAND[2:3].upper() + BRP_CHECK_BY_HAND[3:]


def checked_not_found(melding: Melding) -> str:
    """What the BRP check found for the melding's signals that asked for a check ('Niet
    gevonden in de BRP van Enschede'); '' when none did."""
    notes = Signal.objects.filter(
        melding_link__melding=melding, brp_note__endswith=BRP_CHECK_BY_HAND
    ).values_list("brp_note", flat=True)
    return "; ".join(sorted({found(note) for note in notes}))


def living_here(melding: Melding) -> list[str]:
    """The persons of ``melding`` the BRP has living at its address ('R. Bakker'), each once.

    Found at the address means: a BRP name on the signal, no note (a note says another address
    or not found) and not deceased. While one of them lives here, 'geen inwoner (meer)' or
    'overleden' is not the whole melding's result (casework.results)."""
    at_address = Signal.objects.filter(melding_link__melding=melding, brp_note="").exclude(
        brp_surname=""
    )
    names = []
    living = at_address.exclude(status=Signaalstatus.OVERLEDEN).order_by("pk")
    # Only the BRP name: a whole signal row costs more to load than the query (every close).
    for signal in living.only("brp_initials", "brp_surname_prefix", "brp_surname"):
        name = brp_name_of(signal).formal
        if name not in names:
            names.append(name)
    return names


def may_confirm(melding: Melding, signal: Signal) -> bool:
    """Whether the melding page offers 'Bevestig: geen inwoner (meer)' at ``signal``: its BRP
    note asks for the check, casework still decides its status, and the melding is open."""
    return (
        is_open(melding.state)
        and asks_for_check(signal.brp_note)
        and signal.status in CASEWORK_STATUSES
    )
