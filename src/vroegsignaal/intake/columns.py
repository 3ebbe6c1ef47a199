"""The columns of a delivery (with the explanation creditors read on the format page) and the
matching of a creditor's own headers to them.

docs/aanleverformaat.md describes each column too; tests/intake/test_format_page.py keeps the
two in step.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column of the delivery format as creditors read it (the format page, the example
    file); `example` is a value the parser accepts."""

    name: str
    required: bool
    meaning: str
    accepted: str
    empty: str
    example: str


_DATE = "Een datum, zie Datums"
# Both are optional, but a letter needs them: an accepted row without gets a notice (validation).
_NO_LETTER = "leeg: de gemeente kan geen brief sturen (een opmerking, geen fout)"
# The example file's row: every value readable, but refused as a signal, so an example uploaded
# unchanged does not put a made-up resident in front of a caseworker.
EXAMPLE_CUSTOMER_NUMBER = "VOORBEELD-1"
COLUMNS: tuple[Column, ...] = (
    Column("klantnummer", True, "Uw eigen kenmerk van de klant of het contract",
           "Tekst, hoogstens 64 tekens", "–", EXAMPLE_CUSTOMER_NUMBER),
    Column("signaaldatum", True, "Datum waarop de achterstand gesignaleerd is", _DATE, "–",
           "15-02-2024"),
    Column("voorletters", False, "", "Tekst, hoogstens 30 tekens", "leeg", "J."),
    Column("voornamen", False, "", "Tekst, hoogstens 120 tekens", "leeg", "Jan"),
    Column("voorvoegsel", False, "Tussenvoegsel, bv. van der", "Tekst, hoogstens 20 tekens",
           "leeg", "van der"),
    Column("achternaam", True, "", "Tekst, hoogstens 120 tekens", "–", "Berg"),
    Column("geboortedatum", False, "", _DATE, "onbekend", "17-05-1980"),
    Column("geslacht", False, "", "M of man, V of vrouw, O, onbekend of X", "Leeg (DDAS)", "M"),
    Column("straat", False, "", "Tekst, hoogstens 120 tekens", _NO_LETTER, "Oldenzaalsestraat"),
    Column("huisnummer", True, "Huisnummer, eventueel met huisletter en toevoeging in dezelfde cel",
           "Zie Huisnummer", "–", "12a"),
    Column("huisletter", False, "Eén letter", "a of A", "geen", ""),
    Column("huisnummertoevoeging", False, "",
           "Letters en cijfers, hoogstens 10 tekens, bv. 2, hs, bis", "geen", ""),
    Column("postcode", True, "", "7511AB, 7511 AB of 7511ab", "–", "7511 AB"),
    Column("woonplaats", False, "", "Tekst, hoogstens 80 tekens", _NO_LETTER, "Enschede"),
    Column("telefoon", False, "", "Tekst, hoogstens 30 tekens", "leeg", "0612345678"),
    Column("email", False, "", "Tekst, hoogstens 254 tekens", "leeg", ""),
    Column("bsn", False, "Burgerservicenummer (alleen zorgverzekeraars; van een andere "
           "partner wordt het niet overgenomen)",
           "9 cijfers; spaties en punten mogen", "geen", ""),
    Column("bedrag_achterstand", True, "Openstaand bedrag in euro's", "Een bedrag, zie Bedragen",
           "–", "1.234,56"),
    Column("datum_ontstaan", True, "Datum waarop de achterstand ontstond", _DATE, "–",
           "01-12-2023"),
    Column("aantal_termijnen", False, "Aantal onbetaalde termijnen",
           "Heel getal, 0 tot en met 999", "onbekend", "3"),
    Column("contractsoort", False, "", "particulier (ook P, prive, privé) of zakelijk (ook Z)",
           "particulier", "particulier"),
    Column("crisissignaal", False,
           "Dreigende afsluiting, beëindiging levering, ontruiming of beëindiging verzekering",
           "Ja of nee, zie Ja/nee", "nee", "nee"),
    Column("datum_voorgenomen_beeindiging", False,
           "Datum waarop u van plan bent af te sluiten, de levering te beëindigen of te ontruimen",
           "Een datum, zie Datums; mag in de toekomst liggen", "geen", ""),
    Column("warme_overdracht", False, "U sprak de klant al en die wil hulp",
           "Ja of nee, zie Ja/nee", "nee", "ja"),
)  # fmt: skip

CANONICAL_COLUMNS: tuple[str, ...] = tuple(column.name for column in COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(column.name for column in COLUMNS if column.required)

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


_COLUMN_POSITION = {name: position for position, name in enumerate(CANONICAL_COLUMNS)}


def own_column_names(mapping: dict[str, str]) -> list[tuple[str, str | None]]:
    """A creditor's column mapping as its staff read it on the upload and format pages: (own
    header, the format's column) in the format's column order, each target named as the format
    names it ('Datum ontstaan' -> 'datum_ontstaan'). A target that is no column of the format
    (saved before the beheeromgeving checked it) is None, last: the page must not pretend it
    maps anywhere."""
    pairs = [(theirs, _CANONICAL_BY_KEY.get(header_key(ours))) for theirs, ours in mapping.items()]
    return sorted(pairs, key=lambda pair: _COLUMN_POSITION.get(pair[1], len(CANONICAL_COLUMNS)))


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
