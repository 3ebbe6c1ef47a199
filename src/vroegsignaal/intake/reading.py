"""Reading a delivery (CSV, XLSX or the API's JSON list) into rows keyed by canonical column.

Reading judges the file as a whole: a file that is not a readable CSV/XLSX, is empty, too
large or lacks required columns raises `UnreadableFile` and nothing of it is used. Judging the
values in each row is `validation`'s job; cells are passed on as they are.
"""

from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook

from vroegsignaal.intake.columns import REQUIRED_COLUMNS, canonical_headers

InputRow = tuple[int, dict[str, object]]
"""(row number as the creditor sees it, header = 1; canonical column -> raw cell value)."""


class UnreadableFile(Exception):
    """The delivery cannot be read as a whole; `message` says why, in Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_ZIP_MAGIC = b"PK\x03\x04"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx
_BINARY_MAGIC = {
    b"%PDF": "een PDF-bestand",
    b"\x89PNG": "een afbeelding",
    b"\xff\xd8\xff": "een afbeelding",
    b"GIF8": "een afbeelding",
    b"\x1f\x8b": "een gecomprimeerd bestand",
    _ZIP_MAGIC: "een zip-archief",
}
# Text files hold no control characters other than tab and line ends; binaries always do.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Without a "sep=" hint the separator is the one that occurs most in the header line, where
# quoted text with separators in it is rare.
_DELIMITERS = (";", ",", "\t")
_SEPARATOR_HINT = re.compile(r"^\s*sep=([;,\t|])\s*$")
_NOT_A_DELIVERY = "Lever een CSV-bestand (puntkomma of komma als scheidingsteken) of een .xlsx aan."


def read_delivery_file(
    data: bytes, filename: str, column_mapping: dict[str, str], max_bytes: int
) -> list[InputRow]:
    """Read a CSV or XLSX delivery into rows; raises UnreadableFile when it cannot be used."""
    check_size(data, max_bytes)
    if data.startswith(_ZIP_MAGIC) or filename.lower().endswith(".xlsx"):
        table = _xlsx_table(data)
    else:
        table = _csv_table(data)
    return _rows(table, column_mapping)


def check_size(data: bytes, max_bytes: int) -> None:
    """Raise UnreadableFile for a file over `max_bytes` (read one byte more to know) or empty."""
    if len(data) > max_bytes:
        raise UnreadableFile(
            f"Het bestand is te groot ({megabytes(len(data))}); "
            f"de grens is {megabytes(max_bytes)}. Splits het in kleinere bestanden."
        )
    if not data.strip():
        raise UnreadableFile("Het bestand is leeg.")


def rows_from_records(records: list[dict]) -> list[InputRow]:
    """The REST API's JSON list of signals as rows (row = position in the list, from 1).

    Keys are canonical column names, compared tolerantly like file headers; unknown keys are
    ignored. Missing required fields are reported per row by validation.
    """
    if not isinstance(records, list):
        raise UnreadableFile("Verwacht een lijst van signalen (een JSON-array van objecten).")
    if not records:
        raise UnreadableFile("De lijst bevat geen signalen.")
    rows = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise UnreadableFile(
                f"Signaal {number} in de lijst is geen object met velden "
                '(verwacht bv. {"klantnummer": "K1", ...}).'
            )
        keys = list(record)
        names = canonical_headers([str(k) for k in keys], {})
        rows.append((number, {n: record[k] for k, n in zip(keys, names, strict=True) if n}))
    return rows


def megabytes(size: int) -> str:
    """'50 MB', '12,3 MB': megabytes of 10^6 bytes, one decimal only where it says something."""
    text = f"{size / 1_000_000:.1f}".removesuffix(".0").replace(".", ",")
    return f"{text} MB"


# A table is the file's non-blank records as (row number, cells); the first one is the header.
Table = list[tuple[int, list[object]]]


def _xlsx_table(data: bytes) -> Table:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # In read-only mode openpyxl yields an empty tuple for every missing row, so the
        # position in this loop is the row number Excel shows.
        table = [
            (number, list(cells))
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
            if not _blank_record(cells)
        ]
        workbook.close()
    # A damaged or foreign zip makes openpyxl raise many kinds of errors (KeyError,
    # BadZipFile, XML errors, ...); all of them mean the same thing to the creditor.
    except Exception:
        raise UnreadableFile(
            "Het bestand is geen leesbaar Excel-bestand (.xlsx). " + _NOT_A_DELIVERY
        ) from None
    return table


def _csv_table(data: bytes) -> Table:
    if data.startswith(_OLD_EXCEL_MAGIC):
        raise UnreadableFile(
            "Dit is een oud Excel-bestand (.xls) of een beveiligd Excel-bestand. "
            "Sla het op als .xlsx zonder wachtwoord, of als CSV."
        )
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UnreadableFile(f"Het bestand is {kind}, geen CSV of Excel. " + _NOT_A_DELIVERY)
    text = decode_text(data)
    if _CONTROL_CHARACTER.search(text):
        raise UnreadableFile(
            "Het bestand bevat binaire gegevens en is geen CSV. " + _NOT_A_DELIVERY
        )
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # Excel writes and reads a first line "sep=;" that names the separator.
    hint = _SEPARATOR_HINT.match(first_line)
    delimiter = hint.group(1) if hint else max(_DELIMITERS, key=first_line.count)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = [
        (number, list(cells))
        for number, cells in enumerate(records, start=1)
        if not _blank_record(cells)
    ]
    return table[1:] if hint else table


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, which Dutch Excel writes by default."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableFile(
            "De tekencodering van het bestand is niet herkend. Sla het op als CSV in UTF-8."
        ) from None


def _blank_record(cells) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _rows(table: Table, column_mapping: dict[str, str]) -> list[InputRow]:
    if not table:
        raise UnreadableFile("Het bestand is leeg.")
    (_, header), *records = table
    headers = [None if c is None else str(c).strip() for c in header]
    try:
        columns = canonical_headers(headers, column_mapping)
    except ValueError as exc:
        raise UnreadableFile(str(exc)) from None
    _check_columns(headers, columns)
    if not records:
        raise UnreadableFile("Het bestand bevat alleen een kopregel en geen signalen.")
    return [
        (number, {col: cell for col, cell in zip(columns, cells, strict=False) if col})
        for number, cells in records
    ]


def _check_columns(headers: list[str | None], columns: list[str | None]) -> None:
    seen: dict[str, str] = {}
    for header, column in zip(headers, columns, strict=True):
        if column is None:
            continue
        if column in seen:
            raise UnreadableFile(
                f"De kolommen '{seen[column]}' en '{header}' betekenen allebei '{column}'; "
                "laat er één over."
            )
        seen[column] = header
    missing = [c for c in REQUIRED_COLUMNS if c not in seen]
    if missing:
        found = ", ".join(f"'{h}'" for h in headers if h) or "geen"
        what = (
            "Verplichte kolom ontbreekt" if len(missing) == 1 else "Verplichte kolommen ontbreken"
        )
        raise UnreadableFile(
            f"{what}: {', '.join(missing)}. "
            f"Gevonden kolommen: {found}. Controleer de kopregel of de kolomkoppeling."
        )
