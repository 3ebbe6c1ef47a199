"""Importing a municipality's reference lists for matching: the debt-help client list and the
population-register (BRP) extract. Formats are documented in docs/matching.md.

Each import replaces the municipality's previous list as a whole (a list is a snapshot), and is
all or nothing: a bad row refuses the file, with a Dutch message naming row and column for every
fault (the first MAX_PROBLEMS_SHOWN, then how many more). A list whose addresses lie mostly in
another municipality is read in with a warning. A list in doubt (much smaller than the current
one, or unlike a client list: `list_doubts`) is refused unless the reader confirms it
(`ListNeedsConfirmation`), and then read in with the doubt as a warning; a file without the
BRP extract's own columns is refused as extract. A list identical to the current one changes
nothing and says so (`_is_current`). Rows given twice: `list_duplicates`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from vroegsignaal.dutch_numbers import counted, dutch_number, dutch_percentage
from vroegsignaal.dutch_text import after_colon
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
from vroegsignaal.intake.reading import (
    UnreadableFile,
    check_size,
    csv_table,
    csv_text,
    field_count_problems,
)
from vroegsignaal.matching.list_doubts import (
    MUCH_SMALLER_SHARE,
    NO_RESIDENT,
    SMALLER,
    Confirmation,
    Doubt,
    incomplete_first_extract,
    not_a_brp_extract,
    unlike_a_client_list,
)
from vroegsignaal.matching.list_duplicates import OneRowPerResident, distinct_clients
from vroegsignaal.matching.models import (
    KnownClient,
    ReferenceListImport,
    ReferenceListKind,
    ResidentRecord,
)
from vroegsignaal.organisations.models import Municipality
from vroegsignaal.organisations.services import PostcodeDirectory
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


# What the readers below take (intake.reading.csv_text), said in the names of Excel's "Opslaan
# als" types: UTF-8, Windows-1252 with semicolons, and UTF-16 with tabs. The upload page and
# every refusal say it in these words.
LIST_FORMAT = (
    "een CSV-bestand met een kopregel, gescheiden door puntkomma's, komma's of tabs. In Excel: "
    "opslaan als 'CSV UTF-8 (door komma's gescheiden)', 'CSV (gescheiden door "
    "lijstscheidingsteken)' of 'Unicode-tekst'"
)
LIST_ADVICE = f"Lever de lijst aan als {LIST_FORMAT}."
# The upload's file chooser offers the same files: Excel saves 'Unicode-tekst' as .txt.
LIST_FILE_TYPES = ".csv,.txt,text/csv,text/plain"
# A list with a bad column or an export error has a fault in every row: the first few say what
# is wrong, thousands of lines of the same say nothing more.
MAX_PROBLEMS_SHOWN = 20
# Above this share of addresses in another municipality, the list is probably another
# municipality's: people move, so a few outside addresses are normal.
OTHER_MUNICIPALITY_SHARE = 0.5


class ReferenceListError(ValueError):
    """The file is refused as a whole. `problems` are the rows' faults, each naming its row and
    column; the message says all of it in one text (the website's field error)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.summary = message
        self.problems = problems or []
        # After '2 fouten:' the first row's fault goes on in the same sentence.
        first, *rest = self.problems or [""]
        super().__init__(" ".join(filter(None, [message, after_colon(first), *rest])))


class ListNeedsConfirmation(ReferenceListError):
    """The list is in doubt (much smaller than the current one, or unlike a client list); it is
    read in only when each of `confirmations` is given (the page's tick, the command's option),
    which the caller says how to give."""

    def __init__(self, doubts: list[Doubt]) -> None:
        super().__init__(" ".join(doubt.refusal for doubt in doubts))
        self.confirmations = list(dict.fromkeys(doubt.confirmation for doubt in doubts))


@dataclass(frozen=True)
class ImportedList:
    """A list read in: how many rows, and what the reader should check (a Dutch sentence each)."""

    kind: str
    rows: int
    warnings: list[str] = field(default_factory=list)
    # False: the list was the current one again, so nothing was replaced.
    replaced: bool = True
    municipality: str = ""
    # True: the municipality had no list of this kind before, so none was replaced.
    first: bool = False

    @property
    def counted(self) -> str:
        """'1 klant', '136 klanten', '1 inwoner': what was read in, as the messages say it."""
        return counted(self.rows, *_NOUNS[self.kind])

    @property
    def outcome(self) -> str:
        """What the page and the command both say of a list read in ('' when it was the current
        one again: then only its warning speaks)."""
        if not self.replaced:
            return ""
        read_in = f"{self.counted} ingelezen voor {self.municipality}"
        if self.first:
            return f"{read_in}. De volgende matching gebruikt deze lijst."
        previous = _THE_LIST[self.kind][4]
        return f"{read_in}; {previous} is vervangen. De volgende matching gebruikt de nieuwe lijst."


_NOUNS = {
    ReferenceListKind.CLIENTS: ("klant", "klanten"),
    ReferenceListKind.BRP: ("inwoner", "inwoners"),
}
# How the messages name a list: (this one, the new one, the current one, the previous one,
# the previous one in full).
_THE_LIST = {
    ReferenceListKind.CLIENTS: (
        "deze klantenlijst",
        "de nieuwe klantenlijst",
        "de huidige",
        "de vorige",
        "de vorige klantenlijst",
    ),
    ReferenceListKind.BRP: (
        "dit BRP-uittreksel",
        "het nieuwe BRP-uittreksel",
        "het huidige",
        "het vorige",
        "het vorige BRP-uittreksel",
    ),
}
# The fields a list's rows are compared on to find an identical list.
_CLIENT_FIELDS = (
    "bsn",
    "surname",
    "birth_date",
    "postcode",
    "house_number",
    "house_letter",
    "house_number_addition",
)
_RESIDENT_FIELDS = (*_CLIENT_FIELDS, "initials", "surname_prefix", "death_date")


def read_list_file(data: bytes, max_bytes: int | None = None) -> str:
    """The text of a list file, decoded as a delivery is (UTF-8, Windows-1252 or UTF-16 with
    BOM); an empty file or one that is no CSV (a PDF, an Excel file) raises ReferenceListError
    saying so, and what to deliver instead (LIST_ADVICE).

    Without `max_bytes` there is no limit: a BRP extract read in on the server may be larger
    than an upload in the browser."""
    try:
        check_size(data, len(data) if max_bytes is None else max_bytes)
        return csv_text(data, LIST_ADVICE, excel_read=False)
    except UnreadableFile as error:
        raise ReferenceListError(error.message) from None


@dataclass(frozen=True)
class _Table:
    """A list file's header column names, its non-blank rows (row number as in the file,
    header 1) and the rows whose fields do not stand under their columns, each with its one
    message (`intake.reading.field_count_problems`)."""

    columns: set[str]
    records: list[tuple[int, dict[str, str]]]
    misaligned: dict[int, str]


def _table(text: str) -> _Table:
    """The list's table, separated and checked as a delivery is (`intake.reading.csv_table`)."""
    try:
        table, delimiter = csv_table(text)
        if not table:
            return _Table(set(), [], {})
        (_, header), *records = table
        misaligned = field_count_problems(header, records, delimiter, in_a_list=True)
    except UnreadableFile as error:
        raise ReferenceListError(error.message) from None
    names = [name.strip().lower() for name in header]
    # A short row lacks its last columns (None, as blank): an Excel header may end in empty
    # columns that a row need not fill. A long one's extra fields are read by no column.
    rows = [(number, dict(zip(names, cells, strict=False))) for number, cells in records]
    return _Table(set(names), rows, misaligned)


class _Rows:
    """Reads the cells of a list's rows and collects every fault, so the file is refused once
    with all of them instead of one per attempt."""

    def __init__(self, table: _Table) -> None:
        self.problems: list[str] = []
        self.today = timezone.localdate()
        self.table = table

    def aligned(self) -> Iterator[tuple[int, dict[str, str]]]:
        """The rows whose fields stand under their columns, in file order. Each other row is one
        fault ('Rij 12 heeft 8 velden, de kopregel 10. ...'): its values are shifted, so judging
        them per column would only name columns it seems to miss."""
        for number, row in self.table.records:
            if number in self.table.misaligned:
                self.problems.append(self.table.misaligned[number])
            else:
                yield number, row

    def field(self, row_number: int, row: dict, column: str, parse: Callable, required=False):
        value = row.get(column)
        if is_blank(value):
            if required:
                self.problems.append(f"Rij {row_number}, {column}: dit veld is verplicht.")
            return None
        try:
            return parse(value)
        except ValueError as exc:
            self.problems.append(f"Rij {row_number}, {column}: {exc}.")
            return None

    def past_date(self, row_number: int, row: dict, column: str, required=False) -> dt.date | None:
        """A date that has happened: a birth or death after today is a fault in the export."""
        day = self.field(row_number, row, column, parse_date, required)
        if day is not None and day > self.today:
            self.problems.append(f"Rij {row_number}, {column}: {day:%d-%m-%Y} ligt in de toekomst.")
            return None
        return day

    def address(self, row_number: int, row: dict, required: bool) -> dict:
        postcode = self.field(row_number, row, "postcode", parse_postcode, required)
        number = self.field(row_number, row, "huisnummer", parse_house_number, required)
        letter = self.field(row_number, row, "huisletter", parse_house_letter) or ""
        addition = self.field(row_number, row, "huisnummertoevoeging", parse_addition) or ""
        house_number, cell_letter, cell_addition = number or (None, "", "")
        return {
            "postcode": postcode or "",
            "house_number": house_number,
            "house_letter": letter or cell_letter,
            "house_number_addition": addition or cell_addition,
        }

    def refuse_if_faulty(self) -> None:
        if not self.problems:
            return
        shown = self.problems[:MAX_PROBLEMS_SHOWN]
        more = len(self.problems) - len(shown)
        if more:
            shown.append(f"… en nog {more} {'fout' if more == 1 else 'fouten'}.")
        summary = f"{len(self.problems)} fouten:" if len(self.problems) > 1 else ""
        raise ReferenceListError(summary, shown)


def _missing(fieldnames: set[str], needed: tuple[str, ...]) -> list[str]:
    return [c for c in needed if c not in fieldnames]


def _check_has_rows(rows: list, what: str) -> None:
    if not rows:
        raise ReferenceListError(f"Het bestand bevat alleen een kopregel en geen {what}.")


def _client(rows: _Rows, row_number: int, row: dict) -> KnownClient:
    if not is_blank(row.get("bsn")):
        # A client with a BSN is known by it alone: a bad BSN is its one fault.
        bsn = rows.field(row_number, row, "bsn", parse_bsn)
        return KnownClient(bsn=bsn_hash(bsn) if bsn else "")
    return KnownClient(
        surname=rows.field(row_number, row, "achternaam", lambda v: parse_text(v, 120), True),
        birth_date=rows.past_date(row_number, row, "geboortedatum", required=True),
        **rows.address(row_number, row, required=True),
    )


def _resident(rows: _Rows, row_number: int, row: dict) -> tuple[str, ResidentRecord]:
    """The row's BSN as written ('' for none or a bad one) and its resident."""

    def text(column: str, length: int, required: bool = False) -> str:
        return rows.field(row_number, row, column, lambda v: parse_text(v, length), required) or ""

    bsn = rows.field(row_number, row, "bsn", parse_bsn) or ""
    return bsn, ResidentRecord(
        bsn=bsn_hash(bsn),
        initials=text("voorletters", 30),
        surname_prefix=text("voorvoegsel", 20),
        surname=text("achternaam", 120, required=True),
        birth_date=rows.past_date(row_number, row, "geboortedatum"),
        death_date=rows.past_date(row_number, row, "datum_overlijden"),
        **rows.address(row_number, row, required=True),
    )


def _elsewhere_warning(municipality: Municipality, records: list) -> list[str]:
    """A warning when most addresses of the list lie in another municipality: probably another
    municipality's list, which would mark its residents as known or as no inhabitant here."""
    directory = PostcodeDirectory()
    places = [directory.municipality_for(r.postcode) for r in records if r.postcode]
    known = [place for place in places if place is not None]
    elsewhere = [place for place in known if place.pk != municipality.pk]
    if not known or len(elsewhere) <= OTHER_MUNICIPALITY_SHARE * len(known):
        return []
    names = ", ".join(name for name, _ in Counter(p.name for p in elsewhere).most_common(3))
    return [
        f"Let op: {dutch_number(len(elsewhere))} van de {dutch_number(len(known))} adressen "
        f"liggen niet in "
        f"{municipality.name} maar in {names}. Is dit de lijst van {municipality.name}? "
        "Lees anders de juiste lijst in."
    ]


def _is_current(kind: str, current, records: list, fields: tuple[str, ...]) -> str | None:
    """When ``records`` are exactly the ``current`` rows (nothing needs replacing), the warning
    that says so; else None."""
    if len(records) != current.count() or Counter(current.values_list(*fields)) != Counter(
        tuple(getattr(record, name) for name in fields) for record in records
    ):
        return None
    this, _, the_current, *_ = _THE_LIST[kind]
    same = "dezelfde" if kind == ReferenceListKind.CLIENTS else "hetzelfde"
    return (
        f"Let op: {this} is precies {same} als {the_current}. Er is niets veranderd. "
        "Verwachtte u een nieuwere lijst, controleer dan of u het goede bestand heeft gekozen."
    )


def _much_smaller(kind: str, before: int, now: int) -> Doubt | None:
    if now >= MUCH_SMALLER_SHARE * before:
        return None
    this, new, the_current, previous, _ = _THE_LIST[kind]
    share = dutch_percentage(before - now, before)
    fewer = f"{counted(now, *_NOUNS[kind])}, {{}} {dutch_number(before)} ({share} minder)"
    return Doubt(
        SMALLER,
        f"{this[0].upper()}{this[1:]} heeft {fewer.format(the_current)}. Is het bestand "
        f"volledig? {_MISSING_ROWS[kind]}",
        f"Let op: {new} heeft {fewer.format(previous)}. {_MISSING_ROWS[kind]} Klopt dat "
        "niet, lees dan het volledige bestand in vóór de volgende matching.",
    )


# What a row missing from the new list does at the next matching.
_MISSING_ROWS = {
    ReferenceListKind.CLIENTS: "Wie niet meer op de lijst staat, geldt bij de volgende matching "
    "niet meer als bekend bij schuldhulpverlening en wordt dan opgepakt.",
    ReferenceListKind.BRP: f"Wie niet meer in het uittreksel staat, {NO_RESIDENT}",
}


_STORED_AS = {
    ReferenceListKind.CLIENTS: (KnownClient, _CLIENT_FIELDS),
    ReferenceListKind.BRP: (ResidentRecord, _RESIDENT_FIELDS),
}


@dataclass(frozen=True)
class _Read:
    """How a list was read in: by whom (None on the server), from which file, the doubts the
    reader confirmed, and the warnings of reading the file itself."""

    by: object
    filename: str
    confirmed: Collection[Confirmation]
    warnings: list[str] = field(default_factory=list)


def _store(
    municipality: Municipality,
    kind: str,
    records: list,
    read: _Read,
    doubts: list[Doubt | None] = (),
) -> ImportedList:
    """Replace the municipality's list of ``kind`` by ``records``, unless they are the current
    list, and record the import; with the warnings for the reader (first those of reading the
    file). A list in doubt (``doubts``, and much smaller than the current one) raises
    `ListNeedsConfirmation` unless each doubt is confirmed, and says them as warnings if so."""
    model, fields = _STORED_AS[kind]
    current = model.objects.filter(municipality=municipality)
    before = current.count()
    same = _is_current(kind, current, records, fields) if before else None
    warnings = list(read.warnings)
    if same:
        warnings.append(same)
    else:
        if before:
            doubts = [_much_smaller(kind, before, len(records)), *doubts]
        doubts = [doubt for doubt in doubts if doubt]
        unconfirmed = [d for d in doubts if d.confirmation not in read.confirmed]
        if unconfirmed:
            raise ListNeedsConfirmation(unconfirmed)
        warnings += [doubt.warning for doubt in doubts]
        for record in records:
            record.municipality = municipality
        current.delete()
        model.objects.bulk_create(records, batch_size=2000)
    _record(municipality, kind, len(records), read.by, read.filename)
    warnings += _elsewhere_warning(municipality, records)
    return ImportedList(
        kind,
        len(records),
        warnings,
        replaced=not same,
        municipality=municipality.name,
        first=not before,
    )


@transaction.atomic
def import_known_clients(
    municipality: Municipality,
    text: str,
    by=None,
    filename: str = "",
    *,
    confirmed: Collection[Confirmation] = (),
) -> ImportedList:
    """Replace the municipality's client list; rows have `bsn` or name + birth date + address.

    `by` is the user who uploaded it (None on the server); the import is recorded, also when
    the list is the current one again (it is then still the list of that day). A list in
    doubt is read in only when its doubts are among ``confirmed`` (`list_doubts`)."""
    table = _table(text)
    if "bsn" not in table.columns and _missing(table.columns, CLIENT_ADDRESS_COLUMNS[:4]):
        raise ReferenceListError(
            "De klantenlijst heeft een kolom 'bsn' nodig, of de kolommen "
            + ", ".join(CLIENT_ADDRESS_COLUMNS)
            + "."
        )
    _check_has_rows(table.records, "klanten")
    rows = _Rows(table)
    clients = distinct_clients([_client(rows, n, row) for n, row in rows.aligned()], _CLIENT_FIELDS)
    rows.refuse_if_faulty()
    return _store(
        municipality,
        ReferenceListKind.CLIENTS,
        clients,
        _Read(by, filename, confirmed),
        [unlike_a_client_list(municipality, table.columns, len(clients))],
    )


@transaction.atomic
def import_population_register(
    municipality: Municipality,
    text: str,
    by=None,
    filename: str = "",
    *,
    confirmed: Collection[Confirmation] = (),
) -> ImportedList:
    """Replace the municipality's BRP extract (one row per resident); the import is recorded.
    A file without the extract's own columns (the client list) is refused. A much smaller
    extract is read in only when `list_doubts.SMALLER` is ``confirmed``, a first one with few
    of the municipality's addresses or areas when `list_doubts.COMPLETE_EXTRACT` is."""
    table = _table(text)
    if refusal := not_a_brp_extract(table.columns):
        raise ReferenceListError(refusal)
    missing = _missing(table.columns, BRP_COLUMNS[3:7])
    if missing:
        raise ReferenceListError(
            "Het BRP-uittreksel mist de kolom(men): " + ", ".join(missing) + "."
        )
    _check_has_rows(table.records, "inwoners")
    rows = _Rows(table)
    register = OneRowPerResident()
    for number, row in rows.aligned():
        faults = len(rows.problems)
        bsn, resident = _resident(rows, number, row)
        # A row with a fault is said as such; the file is refused, its residents not compared.
        if len(rows.problems) == faults and (problem := register.add(number, bsn, resident)):
            rows.problems.append(problem)
    rows.refuse_if_faulty()
    return _store(
        municipality,
        ReferenceListKind.BRP,
        register.residents,
        _Read(by, filename, confirmed, register.warnings),
        [incomplete_first_extract(municipality, register.residents)],
    )


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
