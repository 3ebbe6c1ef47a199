"""Names as people type them and as the app writes them.

A surname as people type it and as the signals keep it (casework search, privacy requests);
initials as the app writes them, whoever delivered them (melding page, letters).

Signals keep the tussenvoegsel apart from the surname (`van de` + `Water`); people type
`van de Water` or `Water, van de`. The tussenvoegsels are the matching's own list, so search,
the privacy pages and matching read a name alike.
"""

from __future__ import annotations

import re

from vroegsignaal.matching.engine.normalise import LEADING_PREFIXES

_PREFIX_WORDS = re.compile(LEADING_PREFIXES, re.IGNORECASE)
_LETTER_RUNS = re.compile(r"[^\W\d_]+")


def surname_without_prefix(text: str) -> str:
    """'Berg, van der' and 'van der Berg' -> 'Berg'."""
    before_comma = " ".join(text.split(",")[0].split())
    return _PREFIX_WORDS.sub("", before_comma).strip()


def written_initials(initials: str) -> str:
    """Initials with a full stop each, as the app writes them: 'J' -> 'J.', 'JH' and 'J H' ->
    'J.H.', 'Th J' -> 'Th.J.'. The BRP extract (and some creditors) leave the stops out."""
    found = []
    for run in _LETTER_RUNS.findall(initials):
        # 'JH' (or 'jh') is two initials; 'Th' or 'Chr' is one, written with its lower case.
        found += list(run) if run.isupper() or run.islower() else [run]
    return "".join(f"{initial[0].upper()}{initial[1:]}." for initial in found)
