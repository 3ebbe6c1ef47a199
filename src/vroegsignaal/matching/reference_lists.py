"""Importing a municipality's reference lists for matching: the debt-help client list and the
population-register (BRP) extract. Formats are documented in docs/matching.md.

Each import replaces the municipality's previous list as a whole (a list is a snapshot), and is
all or nothing: one bad row refuses the file with a Dutch message naming row and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from django.db import transaction

from vroegsignaal.intake.parsing import (
    is_blank,
    parse_addition,
    parse_bsn,
    parse_date,
    parse_house_letter,
    parse_house_number,
    parse_postcode,
    parse_text,
)
from vroegsignaal.matching.models import (
    KnownClient,
    ReferenceListImport,
    ReferenceListKind,
    ResidentRecord,
)
from vroegsignaal.organisations.models import Municipality
from vroegsignaal.privacy.bsn import bsn_hash

CLIENT_ADDRESS_COLUMNS = (
    "achternaam",
    "geboortedatum",
    "postcode",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
)
BRP_COLUMNS = (
    "bsn",
    "voorletters",
    "voorvoegsel",
    "achternaam",
    "geboortedatum",
    "postcode",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "datum_overlijden",
)


class ReferenceListError(ValueError):
    """The file is refused as a whole; the message names the row and column."""


def _records(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames or []]
    for row_number, row in enumerate(reader, start=2):
        if any(not is_blank(v) for v in row.values()):
            yield row_number, row


def _field(row_number: int, row: dict, column: str, parse: Callable, required: bool = False):
    value = row.get(column)
    if is_blank(value):
        if required:
            raise ReferenceListError(f"Rij {row_number}, {column}: dit veld is verplicht.")
        return None
    try:
        return parse(value)
    except ValueError as exc:
        raise ReferenceListError(f"Rij {row_number}, {column}: {exc}.") from exc


def _address(row_number: int, row: dict, required: bool) -> dict:
    postcode = _field(row_number, row, "postcode", parse_postcode, required)
    number = _field(row_number, row, "huisnummer", parse_house_number, required)
    letter = _field(row_number, row, "huisletter", parse_house_letter) or ""
    addition = _field(row_number, row, "huisnummertoevoeging", parse_addition) or ""
    house_number, cell_letter, cell_addition = number or (None, "", "")
    return {
        "postcode": postcode or "",
        "house_number": house_number,
        "house_letter": letter or cell_letter,
        "house_number_addition": addition or cell_addition,
    }


def _missing(fieldnames: set[str], needed: tuple[str, ...]) -> list[str]:
    return [c for c in needed if c not in fieldnames]


def _client(row_number: int, row: dict) -> KnownClient:
    bsn = _field(row_number, row, "bsn", parse_bsn)
    if bsn:
        return KnownClient(bsn=bsn_hash(bsn))
    return KnownClient(
        surname=_field(row_number, row, "achternaam", lambda v: parse_text(v, 120), True),
        birth_date=_field(row_number, row, "geboortedatum", parse_date, True),
        **_address(row_number, row, required=True),
    )


def _resident(row_number: int, row: dict) -> ResidentRecord:
    def text(column: str, length: int, required: bool = False) -> str:
        return _field(row_number, row, column, lambda v: parse_text(v, length), required) or ""

    return ResidentRecord(
        bsn=bsn_hash(_field(row_number, row, "bsn", parse_bsn) or ""),
        initials=text("voorletters", 30),
        surname_prefix=text("voorvoegsel", 20),
        surname=text("achternaam", 120, required=True),
        birth_date=_field(row_number, row, "geboortedatum", parse_date),
        death_date=_field(row_number, row, "datum_overlijden", parse_date),
        **_address(row_number, row, required=True),
    )


@transaction.atomic
def import_known_clients(municipality: Municipality, text: str, by=None, filename: str = "") -> int:
    """Replace the municipality's client list; rows have `bsn` or name + birth date + address.

    `by` is the user who uploaded it (None on the server); the import is recorded."""
    records = list(_records(text))
    fieldnames = set(records[0][1]) if records else set()
    if "bsn" not in fieldnames and _missing(fieldnames, CLIENT_ADDRESS_COLUMNS[:4]):
        raise ReferenceListError(
            "De klantenlijst heeft een kolom 'bsn' nodig, of de kolommen "
            + ", ".join(CLIENT_ADDRESS_COLUMNS)
            + "."
        )
    clients = [_client(n, row) for n, row in records]
    for client in clients:
        client.municipality = municipality
    KnownClient.objects.filter(municipality=municipality).delete()
    KnownClient.objects.bulk_create(clients, batch_size=2000)
    _record(municipality, ReferenceListKind.CLIENTS, len(clients), by, filename)
    return len(clients)


@transaction.atomic
def import_population_register(
    municipality: Municipality, text: str, by=None, filename: str = ""
) -> int:
    """Replace the municipality's BRP extract (one row per resident); the import is recorded."""
    records = list(_records(text))
    missing = _missing(set(records[0][1]) if records else set(), BRP_COLUMNS[3:7])
    if missing:
        raise ReferenceListError(
            "Het BRP-uittreksel mist de kolom(men): " + ", ".join(missing) + "."
        )
    residents = [_resident(n, row) for n, row in records]
    for resident in residents:
        resident.municipality = municipality
    ResidentRecord.objects.filter(municipality=municipality).delete()
    ResidentRecord.objects.bulk_create(residents, batch_size=2000)
    _record(municipality, ReferenceListKind.BRP, len(residents), by, filename)
    return len(residents)


def _record(municipality, kind: str, rows: int, by, filename: str) -> None:
    ReferenceListImport.objects.create(
        municipality=municipality, kind=kind, rows=rows, imported_by=by, filename=filename[:200]
    )


def latest_imports(municipality: Municipality) -> dict[str, ReferenceListImport | None]:
    """The newest import of each kind of list (None: never read in)."""
    imports = ReferenceListImport.objects.filter(municipality=municipality).select_related(
        "imported_by"
    )
    return {kind: imports.filter(kind=kind).first() for kind in ReferenceListKind.values}
