"""A surname as people type it and as the signals keep it (casework search, privacy requests).

Signals keep the tussenvoegsel apart from the surname (`van de` + `Water`); people type
`van de Water` or `Water, van de`. The tussenvoegsels are the matching's own list, so search,
the privacy pages and matching read a name alike.
"""

from __future__ import annotations

import re

from vroegsignaal.matching.engine.normalise import LEADING_PREFIXES

_PREFIX_WORDS = re.compile(LEADING_PREFIXES, re.IGNORECASE)


def surname_without_prefix(text: str) -> str:
    """'Berg, van der' and 'van der Berg' -> 'Berg'."""
    before_comma = " ".join(text.split(",")[0].split())
    return _PREFIX_WORDS.sub("", before_comma).strip()
