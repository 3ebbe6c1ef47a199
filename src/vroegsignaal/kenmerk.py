"""A melding's kenmerk ('VS-7941'): the one name people know a melding by.

A resident quotes it from the letter, a caseworker reads it to a colleague on the phone, the
privacy officer finds it in the audit log. Every page, letter and audit text names a melding
this way, never by a second form ('Melding 7941'); URLs, form values and technical logs keep
the bare number. The prefix is the engine's (`REFERENCE_PREFIX`), because the matching writes
the kenmerk too, in the reason of a herhaalde melding.
"""

from __future__ import annotations

import re

from vroegsignaal.matching.engine.vocabulary import REFERENCE_PREFIX


def of(melding_id: int | str) -> str:
    """7941 → 'VS-7941'."""
    return f"{REFERENCE_PREFIX}{melding_id}"


# The example the search fields give.
EXAMPLE = of(7941)

# The prefix as people type it: any case, with or without its dash or a space ('VS-7941',
# 'vs 7941', 'vs7941'), also after 'melding' as the pages' headings say it ('Melding VS-7941'),
# or the number alone ('melding 7941', '7941').
_LETTERS = re.escape(REFERENCE_PREFIX.rstrip("-"))
_TYPED = re.compile(rf"(?:melding\s+)?(?:{_LETTERS}\s*-?\s*)?(\d+)", re.IGNORECASE)


def number_in(text: str) -> str | None:
    """The melding's number (its digits as typed) when `text` is a kenmerk as people type it;
    None otherwise."""
    match = _TYPED.fullmatch(text.strip())
    return match[1] if match else None
