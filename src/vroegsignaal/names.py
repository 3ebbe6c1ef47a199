"""Names as people type them and as the app writes them.

A surname as people type it and as the signals keep it (casework search, privacy requests);
initials as the app writes them, whoever delivered them (melding page, letters); a name as a
caller gives it, initials or first names before the surname (`typed_names`), and whether those
initials may be a signal's (`initials_fit`), for the casework search.

Signals keep the tussenvoegsel apart from the surname (`van de` + `Water`); people type
`van de Water` or `Water, van de`. The tussenvoegsels are the matching's own list, so search,
the privacy pages and matching read a name alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vroegsignaal.matching.engine.normalise import LEADING_PREFIXES, fold

_PREFIX_WORDS = re.compile(LEADING_PREFIXES, re.IGNORECASE)
_LETTER_RUNS = re.compile(r"[^\W\d_]+")
# Written-out first names a caller may say before the surname ('Jan Hendrik Simons').
MAX_FIRST_NAMES = 3


def surname_without_prefix(text: str) -> str:
    """'Berg, van der' and 'van der Berg' -> 'Berg'."""
    before_comma = " ".join(text.split(",")[0].split())
    return _PREFIX_WORDS.sub("", before_comma).strip()


def written_initials(initials: str) -> str:
    """Initials with a full stop each, as the app writes them: 'J' -> 'J.', 'JH' and 'J H' ->
    'J.H.', 'Th J' -> 'Th.J.'. The BRP extract (and some creditors) leave the stops out."""
    return "".join(f"{initial[0].upper()}{initial[1:]}." for initial in _initials(initials))


def _initials(text: str) -> list[str]:
    found = []
    for run in _LETTER_RUNS.findall(text):
        # 'JH' (or 'jh') is two initials; 'Th' or 'Chr' is one, written with its lower case.
        found += list(run) if run.isupper() or run.islower() else [run]
    return found


@dataclass(frozen=True)
class TypedName:
    """One way to read a typed name: a surname as typed, its tussenvoegsel in front ('van der
    Berg' also for 'Berg, van der'), and the initials typed with it as the app writes them ('J.';
    '' when none were typed)."""

    surname: str
    initials: str = ""


# Initials typed against the surname without a space: 'J.Simons', 'J.H.Simons'.
_GLUED_INITIALS = re.compile(r"(?<!\S)((?:[^\W\d_]\.)+)(?=[^\W\d_]{2})")


def typed_names(text: str) -> list[TypedName]:
    """The ways to read a name as people type it, the most initials first.

    'J. Simons', 'Simons, J.', 'Simons J.' and 'J. van Dokkum' have initials, so they are read
    one way. Written-out words before a surname may be first names or part of the surname
    ('Jolie Simons', but 'Oude Egbrink' is a surname): each split is a reading, and the whole
    text as a surname too. A tussenvoegsel always starts the surname ('Jacob van Dokkum').
    """
    text = _GLUED_INITIALS.sub(r"\1 ", text)  # 'J.Simons' is 'J. Simons'
    surname_part, comma, after_comma = text.partition(",")
    if comma:  # 'Berg, J. van der': after the comma the initials and the tussenvoegsel
        after = after_comma.replace(",", " ").split()
        prefix = [word for word in after if _is_tussenvoegsel(word)]
        given = [word for word in after if not _is_tussenvoegsel(word)]
        return [TypedName(" ".join(prefix + surname_part.split()), _typed_initials(given))]
    words = text.split()
    trailing = _count_initials(reversed(words[1:]))
    if trailing:  # 'Simons J.'
        return [TypedName(" ".join(words[:-trailing]), _typed_initials(words[-trailing:]))]
    leading = _count_initials(words[:-1])
    readings = []
    for split in range(max(leading, 1), min(len(words) - 1, leading + MAX_FIRST_NAMES) + 1):
        given = words[:split]
        if _is_tussenvoegsel(given[-1]):
            break
        readings.insert(0, TypedName(" ".join(words[split:]), _typed_initials(given)))
    if not leading:
        readings.append(TypedName(" ".join(words)))
    return readings


def initials_fit(typed: str, initials: str, first_names: str, brp_initials: str) -> bool:
    """Whether initials typed with a surname ('J.', 'J.H.', the 'J.' of 'Jolie') may be those
    of a signal with these initials, first names and initials in the BRP.

    They narrow a search, so they rather fit once too often than miss the resident: a signal
    without any fits; the first typed initial may be any of the signal's (a resident is called
    by a second name: Henk for J.H.), and a creditor may know only the first initial ('J.' for
    J.H.). 'J.' does not fit 'K.', nor 'J.H.' 'K.H.'."""
    typed_letters = _letters(_initials(typed))
    known = [
        letters
        for letters in (
            _letters(_initials(initials)),
            _letters(first_names.split()),
            _letters(_initials(brp_initials)),
        )
        if letters
    ]
    if not typed_letters or not known:
        return True
    return typed_letters[0] in set().union(*known) or any(
        letters[0] in typed_letters for letters in known
    )


def _letters(names: list[str]) -> list[str]:
    return [fold(name[0]) for name in names if name]


def _is_tussenvoegsel(word: str) -> bool:
    return _PREFIX_WORDS.fullmatch(f"{word} ") is not None


def _is_initial(word: str) -> bool:
    """'J.', 'J.H.', 'Th.' or 'J': not a first name nor part of a surname."""
    letters = "".join(_LETTER_RUNS.findall(word))
    return not _is_tussenvoegsel(word) and ("." in word or len(letters) == 1)


def _count_initials(words) -> int:
    count = 0
    for word in words:
        if not _is_initial(word):
            break
        count += 1
    return count


def _typed_initials(given: list[str]) -> str:
    """Initials as the app writes them from what was typed for them: 'J.', 'J', 'JH' and
    'J.H.' are initials; 'Jolie' or 'jolie' is a first name and gives its first letter."""
    initials = []
    for word in given:
        letters = "".join(_LETTER_RUNS.findall(word))
        if "." in word or (word.isupper() and len(letters) < 3):
            initials.append(word)
        elif letters:
            initials.append(letters[0].upper())
    return written_initials(" ".join(initials))
