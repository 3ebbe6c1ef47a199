"""What the letter that opens a contact round tells the resident about her data (AVG art. 14).

She never asked for contact and her data came from a third party, her creditor, so the first
letter (and after a heropaf the heropaf letter) says, in B1 Dutch: which data the municipality
received from whom, why (the Wgs task, AVG art. 6 lid 1 sub e), how long it is kept (this
installation's term, as the inzage says it), her rights of access and objection (art. 15, 21)
and complaint, and whom to ask: the municipality's privacy officer when Beheer has the details,
else the team, whose contact details every letter carries.

It is a fixed back page, not part of the editable texts, so an own text cannot leave it out;
and always a page of its own, so every opening letter is one sheet printed double-sided, also in
a print-room batch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vroegsignaal.dutch_text import listed
from vroegsignaal.intake.models import Signal
from vroegsignaal.letters.kinds import OPENING_LETTERS, LetterKind
from vroegsignaal.privacy.inzage_wording import closed_melding_term

HEADING = "Wat doen wij met uw gegevens?"
POINTER = "Wat wij met uw gegevens doen, leest u op de volgende bladzijde."

# Sent with every signal; the others are named only when a signal of hers had them.
_ALWAYS_SENT = ("naam", "adres")
_SOMETIMES_SENT = (
    ("geboortedatum", lambda signal: signal.birth_date),
    ("telefoonnummer", lambda signal: signal.phone),
    ("e-mailadres", lambda signal: signal.email),
    ("burgerservicenummer (BSN)", lambda signal: signal.bsn_hash),
)
# The editor's sample resident has no signals: the data a creditor usually sends.
_USUALLY_SENT = ("geboortedatum",)


@dataclass(frozen=True)
class PrivacyNotice:
    """The back page: its heading, the line on page 1 that points to it, and its paragraphs
    (each a list of lines, like ``rendering.Letter.paragraphs``)."""

    paragraphs: list[list[str]]
    heading: str = HEADING
    pointer: str = POINTER


def applies_to(kind: LetterKind | str) -> bool:
    """Whether a letter of ``kind`` carries the notice: the letter that opens a round. The
    reminder follows it; a card names no creditor (anyone in the house can read it); an
    appointment follows contact."""
    return kind in OPENING_LETTERS


def _data_received(signals: Iterable[Signal]) -> str:
    signals = list(signals)
    sometimes = (
        [name for name, sent in _SOMETIMES_SENT if any(sent(signal) for signal in signals)]
        if signals
        else list(_USUALLY_SENT)
    )
    return listed([*_ALWAYS_SENT, *sometimes, "klantnummer"])


# A source of its own (AVG art. 14 lid 2 sub f): matching looks the person up in the
# municipality's BRP extract when it has one (matching.md, BRP).
_CHECKED_IN_BRP = (
    " Wij hebben ook in de Basisregistratie Personen (BRP) van de gemeente gekeken of u op dit "
    "adres woont."
)


def _checked_in_brp(signals: Iterable[Signal]) -> bool:
    """Whether matching compared her with a BRP extract: it then kept what it found (the
    BRP's name, or a note: another address, not found)."""
    return any(signal.brp_surname or signal.brp_note for signal in signals)


def _questions(privacy_officer: str) -> list[list[str]]:
    ask_us = [
        "Heeft u een vraag over uw gegevens, of wilt u ze inzien of bezwaar maken? Neem dan "
        "contact met ons op; zie 'Zo bereikt u ons' op de eerste bladzijde."
    ]
    if not privacy_officer:
        return [ask_us]
    officer = [
        "U kunt ook terecht bij de functionaris gegevensbescherming. Die let erop dat de "
        "gemeente goed met uw gegevens omgaat.",
        privacy_officer,
    ]
    return [ask_us, officer]


def privacy_notice(
    creditors: str, signals: Iterable[Signal], privacy_officer: str
) -> PrivacyNotice:
    """The notice for one addressee: ``creditors`` as the letter names them ('uw verhuurder'),
    her ``signals`` (which data they held) and ``privacy_officer`` (how to reach the officer,
    `inzage_wording.privacy_officer_contact`; empty sends questions to the team)."""
    signals = list(signals)  # read twice: the data sent, and whether the BRP was asked
    return PrivacyNotice([
        [
            f"Wij kregen van {creditors} uw {_data_received(signals)}, en hoeveel u nog moet "
            "betalen en sinds wanneer. Wij gebruiken deze gegevens alleen om u hulp aan te "
            "bieden. Dat is een taak van de gemeente (Wet gemeentelijke schuldhulpverlening, "
            "artikel 3). Daarom mag dat, ook als u er niet zelf om vroeg (AVG artikel 6 lid 1 "
            "sub e)."
            + _CHECKED_IN_BRP * _checked_in_brp(signals)
        ],
        [
            f"Wij bewaren uw gegevens tot {closed_melding_term()} nadat wij klaar zijn met uw "
            "melding. Daarna wissen wij uw naam, adres en de andere gegevens die over u gaan."
        ],
        [
            "U mag vragen welke gegevens wij van u hebben (AVG artikel 15), en fouten laten "
            "verbeteren. U mag ook bezwaar maken tegen het gebruik van uw gegevens (AVG "
            "artikel 21). Vindt u dat wij niet goed met uw gegevens omgaan? Dan kunt u een "
            "klacht indienen bij de Autoriteit Persoonsgegevens."
        ],
        *_questions(privacy_officer),
    ])  # fmt: skip
