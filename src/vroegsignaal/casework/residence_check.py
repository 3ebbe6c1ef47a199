"""The caseworker's check whether a resident lives at the address, when the BRP did not say.

Matching does not close a crisis melding on a person the BRP extract did not find (name matching
fails on a maiden name or a typo): each such signal keeps the note 'Niet gevonden in de BRP van
Enschede: controleer of de inwoner hier woont voordat u de melding afsluit.' (matching.md, BRP).
The instruction is for while the melding is open; what the BRP check found stays true after, and
a caseworker who confirms 'geen inwoner (meer)' confirms it after that check.
"""

from __future__ import annotations

from vroegsignaal.casework.lifecycle import is_open
from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.engine.classify import BRP_CHECK_BY_HAND


def asks_for_check(note: str) -> bool:
    """Whether a signal's BRP note asks the caseworker to check the address."""
    return note.endswith(BRP_CHECK_BY_HAND)


def found(note: str) -> str:
    """The note without the instruction: what the BRP check found ('Niet gevonden in de BRP
    van Enschede'); any other note as it is."""
    return note.removesuffix(BRP_CHECK_BY_HAND)


def note_shown(note: str, melding: Melding) -> str:
    """A signal's BRP note as the melding page shows it: the instruction only while open."""
    return note if is_open(melding.state) else found(note)


def residence_checks(melding: Melding, signals: list[Signal]) -> list[str]:
    """While the melding is open: the BRP notes that ask the caseworker to check whether the
    resident lives here (the warnings at the top of the melding page)."""
    if not is_open(melding.state):
        return []
    return sorted({s.brp_note for s in signals if asks_for_check(s.brp_note)})


def checked_not_found(melding: Melding) -> str:
    """What the BRP check found for the melding's signals that asked for a check ('Niet
    gevonden in de BRP van Enschede'); '' when none did."""
    notes = Signal.objects.filter(
        melding_link__melding=melding, brp_note__endswith=BRP_CHECK_BY_HAND
    ).values_list("brp_note", flat=True)
    return "; ".join(sorted({found(note) for note in notes}))
