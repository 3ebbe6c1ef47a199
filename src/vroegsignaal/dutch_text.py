"""Dutch sentence pieces that many messages compose: a list ('a, b en c') and the part after a
colon ('Niet opgepakt: persoon is geen inwoner (meer)').

One place, so letters, results, intake and the portal join and continue alike. No Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A word that keeps its capital after a colon: an abbreviation or a name with a capital inside
# ('BRP', 'BSN', 'BRP-uittreksel', 'UTF-8', 'DigiD').
_KEEPS_CAPITAL = re.compile(r"\w*[A-Z]\w*[A-Z]|\w+\d")


def listed(items: Iterable[str], conjunction: str = "en") -> str:
    """The items as Dutch writes a list: 'a', 'a en b', 'a, b en c' (or 'a, b of c')."""
    *first, last = list(items) or [""]
    return f"{', '.join(first)} {conjunction} {last}" if first else last


def after_colon(text: str) -> str:
    """``text`` continued after a colon: a lower-case first letter ('Het bestand is leeg' ->
    'het bestand is leeg'), unless its first word is an abbreviation or a name that keeps its
    capital ('BRP-uittreksel mist ...' stays)."""
    first_word = text.split(" ", 1)[0]
    if not text or _KEEPS_CAPITAL.match(first_word):
        return text
    return text[0].lower() + text[1:]
