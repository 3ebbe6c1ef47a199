"""The canonical columns of a delivery and the matching of a creditor's own headers to them.

docs/aanleverformaat.md describes each column for creditors; keep the two in step.
"""

from __future__ import annotations

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
                f"De kolomkoppeling verwijst met '{theirs}' naar '{ours}', "
                "maar dat is geen kolom van het aanleverformaat."
            )
        mapped[header_key(theirs)] = canonical
    return [
        mapped.get(header_key(h), _CANONICAL_BY_KEY.get(header_key(h))) if h is not None else None
        for h in headers
    ]
