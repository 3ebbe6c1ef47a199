"""The canonical columns of a delivery and the matching of a creditor's own headers to them.

docs/aanleverformaat.md describes each column for creditors; keep the two in step.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

CANONICAL_COLUMNS: tuple[str, ...] = (
    "klantnummer",
    "signaaldatum",
    "voorletters",
    "voornamen",
    "voorvoegsel",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "straat",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "postcode",
    "woonplaats",
    "telefoon",
    "email",
    "bsn",
    "bedrag_achterstand",
    "datum_ontstaan",
    "aantal_termijnen",
    "contractsoort",
    "crisissignaal",
    "datum_voorgenomen_beeindiging",
    "warme_overdracht",
)

REQUIRED_COLUMNS: tuple[str, ...] = (
    "klantnummer",
    "signaaldatum",
    "achternaam",
    "huisnummer",
    "postcode",
    "bedrag_achterstand",
    "datum_ontstaan",
)

# Spreadsheet users write "Bedrag achterstand", "BEDRAG_ACHTERSTAND" or "bedrag-achterstand",
# and "beëindiging" with its diaeresis; all of these mean the same column, so headers are
# compared without case, separators and accents.
_SEPARATORS = re.compile(r"[\s_\-.]+")


def header_key(header: str) -> str:
    """The form in which headers are compared: lower case, without accents, spaces,
    underscores, dashes or dots."""
    decomposed = unicodedata.normalize("NFKD", str(header).replace("\ufeff", "").lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub("", plain)


_CANONICAL_BY_KEY = {header_key(name): name for name in CANONICAL_COLUMNS}


def mapping_problems(mapping: object) -> list[str]:
    """What is wrong with a creditor's column mapping {their header: canonical column}, in Dutch.

    An empty list means the mapping can be used. Checked when an administrator saves it, so
    that a typo is found then and not when every later delivery is refused.
    """
    if not isinstance(mapping, dict):
        return [
            'Schrijf de kolomvertaling als {"eigen kolomnaam": "kolom van het aanleverformaat", …}.'
        ]
    problems = []
    theirs_by_column: dict[str, str] = {}
    for theirs, ours in mapping.items():
        if not isinstance(ours, str):
            problems.append(
                f"'{theirs}' verwijst naar {ours}; schrijf de kolom van het aanleverformaat "
                'tussen dubbele aanhalingstekens, bv. "klantnummer".'
            )
            continue
        canonical = _CANONICAL_BY_KEY.get(header_key(ours))
        if canonical is None:
            problems.append(_unknown_target(theirs, ours))
        elif canonical in theirs_by_column:
            problems.append(
                f"'{theirs_by_column[canonical]}' en '{theirs}' verwijzen allebei naar "
                f"'{canonical}'; een kolom kan maar één eigen naam hebben."
            )
        else:
            theirs_by_column[canonical] = theirs
    return problems


def _unknown_target(theirs: str, ours: str) -> str:
    message = f"'{theirs}' verwijst naar '{ours}', maar dat is geen kolom van het aanleverformaat."
    closest = difflib.get_close_matches(header_key(ours), _CANONICAL_BY_KEY, n=1)
    if closest:
        message += f" Bedoelt u '{_CANONICAL_BY_KEY[closest[0]]}'?"
    return message


def canonical_headers(headers: list[str], mapping: dict[str, str]) -> list[str | None]:
    """Translate a file's headers to canonical column names (None for a column we do not use).

    `mapping` is the creditor's own column mapping {their header: canonical column}; it takes
    precedence over the canonical names. Both sides are compared tolerantly (`header_key`).
    Raises ValueError (Dutch) when the mapping points at a column that does not exist.
    """
    mapped = {}
    for theirs, ours in mapping.items():
        canonical = _CANONICAL_BY_KEY.get(header_key(ours))
        if canonical is None:
            raise ValueError(
                "De kolomkoppeling van uw organisatie klopt niet: "
                + _unknown_target(theirs, ours)
                + " Vraag de functioneel beheerder de koppeling te verbeteren."
            )
        mapped[header_key(theirs)] = canonical
    return [
        mapped.get(header_key(h), _CANONICAL_BY_KEY.get(header_key(h))) if h is not None else None
        for h in headers
    ]
