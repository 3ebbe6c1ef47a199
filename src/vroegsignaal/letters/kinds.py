"""The kinds of letter a municipality sends, which contact attempt each one is, and which
placeholders each may (and must) use.

A placeholder is a word between curly braces in a template text, e.g. ``{aanhef}``. The common
ones are filled from the melding and the municipality's settings; a few kinds ask the
caseworker for more (the appointment, the date of the missed visit).
"""

from __future__ import annotations

from django.db import models

from vroegsignaal.ddas import Contactsoort


class LetterKind(models.TextChoices):
    FIRST = "eerste_brief", "Eerste brief: aanbod van hulp"
    REMINDER = "herinnering", "Tweede brief (herinnering)"
    CARD = "kaartje", "Kaartje na gemist huisbezoek"
    APPOINTMENT = "afspraak", "Bevestiging van een afspraak"
    HEROPAF = "heropaf", "Brief na heropaf"


# Filled for every kind; the key is the placeholder, the value explains it in the editor.
COMMON_PLACEHOLDERS: dict[str, str] = {
    "aanhef": "De aanhef, bv. 'Beste J. Jansen' of 'Beste bewoner'.",
    "soort_schuldeiser": "Wie het signaal gaf, als soort: bv. 'uw energieleverancier'.",
    "gemeente": "De naam van de gemeente.",
    "telefoon": "Het telefoonnummer uit de contactgegevens.",
    "email": "Het e-mailadres uit de contactgegevens.",
    "whatsapp": "Het WhatsApp-nummer uit de contactgegevens.",
    "inloopspreekuur": "De tijden en plaats van het inloopspreekuur.",
    "contactmanieren": (
        "Hoe de inwoner kan reageren, alleen wat de gemeente heeft: bv. 'bellen, mailen, appen "
        "of langskomen'."
    ),
    "medewerker": "De naam onder de brief.",
}

# What the caseworker fills in when making the letter, per kind that needs more.
EXTRA_PLACEHOLDERS: dict[str, dict[str, str]] = {
    LetterKind.CARD: {"bezoekdatum": "De dag van het huisbezoek, bv. 'dinsdag 3 november'."},
    LetterKind.APPOINTMENT: {
        "afspraak_datum": "De dag van de afspraak, bv. 'donderdag 12 november'.",
        "afspraak_tijd": "De tijd van de afspraak, bv. '10.00 uur'.",
        "afspraak_plaats": "Waar de afspraak is, bv. 'bij u thuis'.",
    },
}

# A text that leaves these out is refused: without them the letter loses its point.
REQUIRED_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    LetterKind.FIRST: ("aanhef", "soort_schuldeiser"),
    LetterKind.REMINDER: ("aanhef", "soort_schuldeiser"),
    LetterKind.CARD: ("aanhef", "bezoekdatum"),
    LetterKind.APPOINTMENT: ("aanhef", "afspraak_datum", "afspraak_tijd", "afspraak_plaats"),
    LetterKind.HEROPAF: ("aanhef", "soort_schuldeiser"),
}


def allowed_placeholders(kind: LetterKind | str) -> dict[str, str]:
    """Every placeholder ``kind`` may use, with its explanation for the editor."""
    return {**COMMON_PLACEHOLDERS, **EXTRA_PLACEHOLDERS.get(kind, {})}


def contact_kind(kind: LetterKind | str) -> Contactsoort:
    """The DDAS contactsoort a sent letter of ``kind`` is recorded as."""
    return Contactsoort.KAARTJE if kind == LetterKind.CARD else Contactsoort.BRIEF


# Letters to a resident who was reached already: not an attempt to reach anyone, so not
# recorded as a contact attempt (it would count as one that failed).
NOT_AN_ATTEMPT = frozenset({LetterKind.APPOINTMENT})


# The letters that go by post, to the melding's address; a card is left at the door after a
# missed home visit (`casework.postal_address`: no letter without straat and woonplaats).
BY_POST = frozenset(kind for kind in LetterKind if kind != LetterKind.CARD)


# The letter that opens a contact round. After a heropaf reopened a melding (round 2 or later)
# the resident had contact before, so the first letter ("Wij kregen een bericht van ...") would
# read as a first contact; the heropaf letter takes its place. One of them per round.
OPENING_LETTERS = (LetterKind.FIRST, LetterKind.HEROPAF)


def opening_letter(contact_round: int) -> LetterKind:
    """The letter that opens ``contact_round``: the first letter, or after a heropaf the
    heropaf letter."""
    return LetterKind.FIRST if contact_round <= 1 else LetterKind.HEROPAF
