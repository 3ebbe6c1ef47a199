"""The normalised address key that links signals at one address (intake, matching, privacy),
and how an address is written for people (pages, letters, PDFs, JSON).

Key = postcode + '|' + house number + '|' + house letter and addition, upper-cased with every
character that is not a letter or digit removed. So `12A`, `12 a`, `12-A` and huisnummer 12
with toevoeging `a` are one address, and `12` and `12A` are two. The matching engine builds
the same key with Polars expressions (`matching.engine.normalise`); a test keeps them equal.

Written for people, the huisletter follows the number and the huisnummertoevoeging comes after
a hyphen, as the BAG and PostNL write them: 93-2, 417B, 417B-2, 12-bis. Glued together ('932',
'417B2') they read as another house.
"""

from __future__ import annotations

import re

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def address_suffix(house_letter: str | None, addition: str | None) -> str:
    return _NOT_ALNUM.sub("", f"{house_letter or ''}{addition or ''}".upper())


def address_key(
    postcode: str, house_number: int, house_letter: str = "", addition: str = ""
) -> str:
    """`postcode` is already normalised (7511AB)."""
    return f"{postcode}|{house_number}|{address_suffix(house_letter, addition)}"


def house_number_text(house_number: int, house_letter: str = "", addition: str = "") -> str:
    """'93', '417B', '93-2', '417B-2': every page, letter and document writes it so."""
    number = f"{house_number}{house_letter}"
    return f"{number}-{addition}" if addition else number
