"""Rows that a reference list gives more than once (QA14 B5; docs/matching.md).

A BRP extract has one row per resident, and the BRP check finds a signal's person by BSN first:
one BSN given to two people could put the wrong name on a letter or close a melding as
deceased or no inhabitant for the wrong person, so that refuses the extract. The same row twice
says nothing new about anyone (an export that joined a table twice): it is read in once, with a
warning. The same person under one BSN with other data (another address) is refused as well:
which row holds is not for the reader to guess.

A client list only says who is known to debt help: a client on two rows (two trajects) is one
known client, so those rows count once, without a word.
"""

from __future__ import annotations

from vroegsignaal.dutch_numbers import counted
from vroegsignaal.dutch_text import listed
from vroegsignaal.matching.models import KnownClient, ResidentRecord

# What makes a row of the extract a person, and what else it says of her, by column name.
_PERSON_FIELDS = ("initials", "surname_prefix", "surname", "birth_date")
_OTHER_COLUMNS = {
    "postcode": "postcode",
    "house_number": "huisnummer",
    "house_letter": "huisletter",
    "house_number_addition": "huisnummertoevoeging",
    "death_date": "datum_overlijden",
}
_REPEATS_NAMED = 3


def _values(record, fields) -> tuple:
    return tuple(getattr(record, name) for name in fields)


class OneRowPerResident:
    """The residents of a BRP extract, row by row: `add` keeps a new one, passes over a row
    repeated exactly, and says the fault of a BSN already given to another row."""

    def __init__(self) -> None:
        self.residents: list[ResidentRecord] = []
        self._by_bsn: dict[str, tuple[int, ResidentRecord]] = {}
        self._rows: dict[tuple, int] = {}  # a row's values -> its first row number
        self._repeats: list[tuple[int, int]] = []  # (row, the row it repeats)

    def add(self, row_number: int, bsn: str, resident: ResidentRecord) -> str | None:
        """Take the row (``bsn`` as written, '' for none); a fault of the file, or None."""
        values = (bsn, *_values(resident, (*_PERSON_FIELDS, *_OTHER_COLUMNS)))
        if values in self._rows:
            self._repeats.append((row_number, self._rows[values]))
            return None
        if bsn in self._by_bsn:
            earlier_row, earlier = self._by_bsn[bsn]
            how = _how(earlier, resident)
            return f"Rij {row_number}, bsn: {bsn} staat ook in rij {earlier_row} ({how})."
        self._rows[values] = row_number
        if bsn:
            self._by_bsn[bsn] = (row_number, resident)
        self.residents.append(resident)
        return None

    @property
    def warnings(self) -> list[str]:
        """The rows read in once for being repeated, said once for the whole file."""
        if not self._repeats:
            return []
        named = [f"rij {row} (als rij {first})" for row, first in self._repeats[:_REPEATS_NAMED]]
        more = ", …" if len(self._repeats) > _REPEATS_NAMED else ""
        one = len(self._repeats) == 1
        return [
            f"Let op: {counted(len(self._repeats), 'rij', 'rijen')} "
            f"{'staat' if one else 'staan'} er precies zo al in: {', '.join(named)}{more}; "
            f"{'die inwoner' if one else 'elke inwoner'} is één keer ingelezen. Een "
            "BRP-uittreksel heeft één rij per inwoner: controleer de export."
        ]


def _how(earlier: ResidentRecord, later: ResidentRecord) -> str:
    """How the later row with the same BSN differs: another person, or other data of hers."""
    if _values(earlier, _PERSON_FIELDS) != _values(later, _PERSON_FIELDS):
        return "een ander persoon"
    columns = [
        column
        for name, column in _OTHER_COLUMNS.items()
        if getattr(earlier, name) != getattr(later, name)
    ]
    return (
        f"dezelfde persoon met andere gegevens in {listed(columns)}; het uittreksel heeft één "
        "rij per inwoner"
    )


def distinct_clients(clients: list[KnownClient], fields: tuple[str, ...]) -> list[KnownClient]:
    """Each client once: the first of the rows with the same ``fields``."""
    seen: dict[tuple, KnownClient] = {}
    for client in clients:
        seen.setdefault(_values(client, fields), client)
    return list(seen.values())
