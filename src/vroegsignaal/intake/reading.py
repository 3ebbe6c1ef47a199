"""Reading a delivery (CSV, XLSX or the API's JSON list) into rows keyed by canonical column.

Reading judges the file as a whole: a file that is not a readable CSV/XLSX, is empty, too
large or lacks required columns raises `UnreadableFile` and nothing of it is used. Judging the
values in each row is `validation`'s job; cells are passed on as they are.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl import load_workbook

from vroegsignaal.dutch_numbers import dutch_number
from vroegsignaal.dutch_text import listed
from vroegsignaal.intake.columns import REQUIRED_COLUMNS, canonical_headers

InputRow = tuple[int, dict[str, object]]
"""(row number as the creditor sees it, header = 1; canonical column -> raw cell value)."""

ROW_PROBLEM = "_rij"
"""Key in a row's cells for a problem with the row as a whole (a Dutch message naming the row):
a CSV row with more or fewer fields than the header, whose values cannot be put under their
columns, or a JSON object with two keys for one column. Validation rejects such a row with this
one message instead of judging its cells.

Every other row has each column its header (or JSON object) names, blank or not: a column a row
lacks was not delivered at all."""


@dataclass
class ReadDelivery:
    """A readable delivery: its rows keyed by canonical column, and the file as delivered.

    `header` is the file's own header, `originals` each row's cells in file order (to give
    rejected rows back as they came), `labels` the creditor's own name for each canonical
    column it delivered (for messages).
    """

    rows: list[InputRow]
    header: list[str]
    originals: dict[int, list[object]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


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
    return read_delivery(data, filename, column_mapping, max_bytes).rows


def read_delivery(
    data: bytes, filename: str, column_mapping: dict[str, str], max_bytes: int
) -> ReadDelivery:
    """Read a CSV or XLSX delivery with its own header; raises UnreadableFile when unusable."""
    check_size(data, max_bytes)
    if data.startswith(_ZIP_MAGIC) or filename.lower().endswith(".xlsx"):
        return _read_table(_xlsx_table(data), column_mapping, delimiter=None)
    table, delimiter = _csv_table(data)
    return _read_table(table, column_mapping, delimiter=delimiter)


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
    ignored. Missing required fields are reported per row by validation, and so is an object
    with two keys for one column (`postcode` and `Postcode`): the row is refused, as a file
    with two such columns is, instead of one of the two values being taken silently.
    """
    return read_records(records).rows


def read_records(records: list[dict]) -> ReadDelivery:
    """`rows_from_records` with the keys as sent: the header is every key in order of first use."""
    if not isinstance(records, list):
        raise UnreadableFile("Verwacht een lijst van signalen (een JSON-array van objecten).")
    if not records:
        raise UnreadableFile("De lijst bevat geen signalen.")
    rows: list[InputRow] = []
    seen: dict[str, None] = {}  # the keys in order of first use
    labels: dict[str, str] = {}
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise UnreadableFile(
                f"Signaal {number} in de lijst is geen object met velden "
                '(verwacht bv. {"klantnummer": "K1", ...}).'
            )
        keys = list(record)
        names = canonical_headers([str(k) for k in keys], {})
        if twice := _one_column_twice(keys, names):
            rows.append((number, {ROW_PROBLEM: f"Rij {number}: {twice}"}))
        else:
            rows.append((number, {n: record[k] for k, n in zip(keys, names, strict=True) if n}))
        for key, name in zip(keys, names, strict=True):
            if str(key) not in seen:
                seen[str(key)] = None
                if name:
                    labels.setdefault(name, str(key))
    header = list(seen)
    originals = {
        number: [record.get(key) for key in header]
        for number, record in enumerate(records, start=1)
    }
    return ReadDelivery(rows, header, originals, labels)


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


def csv_text(data: bytes, advice: str = _NOT_A_DELIVERY, *, excel_read: bool = True) -> str:
    """The text of a CSV file (`decode_text`). A file that is no text at all (a PDF, an Excel
    file, other binary data) raises UnreadableFile saying what it is, then `advice`: what to
    deliver instead. The municipality's reference lists are read with it too, with
    `excel_read=False`: they are read as CSV only, so no message may offer Excel."""
    accepted = "CSV of Excel" if excel_read else "CSV"
    if not excel_read and (data.startswith(_OLD_EXCEL_MAGIC) or _is_workbook(data)):
        raise UnreadableFile(f"Het bestand is een Excel-bestand, geen {accepted}. " + advice)
    if data.startswith(_OLD_EXCEL_MAGIC):
        raise UnreadableFile(
            "Dit is een oud Excel-bestand (.xls) of een beveiligd Excel-bestand. "
            "Sla het op als .xlsx zonder wachtwoord, of als CSV."
        )
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UnreadableFile(f"Het bestand is {kind}, geen {accepted}. " + advice)
    text = decode_text(data)
    if _CONTROL_CHARACTER.search(text):
        raise UnreadableFile("Het bestand bevat binaire gegevens en is geen CSV. " + advice)
    return text


def _is_workbook(data: bytes) -> bool:
    """An .xlsx: a zip archive holding an Excel workbook (not any zip someone sent)."""
    if not data.startswith(_ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _csv_table(data: bytes) -> tuple[Table, str]:
    return csv_table(csv_text(data))


def csv_table(text: str) -> tuple[Table, str]:
    """The non-blank records of a CSV text (the header first) and its separator. A delivery and
    the municipality's reference lists are read with it, so both find the separator alike and
    say alike when it is wrong (`UnreadableFile`): a pipe, or a header and rows with different
    separators, instead of every column or every row seeming wrong."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # Excel writes and reads a first line "sep=;" that names the separator.
    hint = _SEPARATOR_HINT.match(first_line)
    delimiter = hint.group(1) if hint else max(_DELIMITERS, key=first_line.count)
    if not hint and delimiter not in first_line and "|" in first_line:
        # Otherwise the whole header is one unknown column and every required one "missing".
        raise UnreadableFile(
            "Het scheidingsteken lijkt '|' te zijn; gebruik een puntkomma, komma of tab."
        )
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = [
        (number, list(cells))
        for number, cells in enumerate(records, start=1)
        if not _blank_record(cells)
    ]
    table = table[1:] if hint else table
    _check_one_separator(table, delimiter)
    return table, delimiter


_SEPARATOR_NAMES = {";": "puntkomma's", ",": "komma's", "\t": "tabs", "|": "verticale strepen"}


def _check_one_separator(table: Table, delimiter: str) -> None:
    """Raise UnreadableFile when the header has one separator and the rows another (a header
    typed over a pasted export): no row then has the header's field count, and each would be
    refused for it, or in a list for each of its columns. When most rows split by another
    separator fit the header exactly, that is the one message worth giving."""
    if len(table) < 2 or len(table[0][1]) < 2:
        return
    (_, header), *records = table
    if any(len(cells) == len(header) for _, cells in records):
        return
    for other in (d for d in (*_DELIMITERS, "|") if d != delimiter):
        fitting = sum(
            len(next(csv.reader([delimiter.join(cells)], delimiter=other))) == len(header)
            for _, cells in records
        )
        if fitting > len(records) / 2:
            raise UnreadableFile(
                f"De kopregel is gescheiden door {_SEPARATOR_NAMES[delimiter]}, de rijen door "
                f"{_SEPARATOR_NAMES[other]}. Gebruik in het hele bestand hetzelfde "
                "scheidingsteken."
            )


@dataclass(frozen=True)
class TextEncoding:
    """An encoding `decode_text` reads: its name for people, when it applies (for the format
    page), and Python's codec."""

    name: str
    note: str
    codec: str


UTF_8 = TextEncoding("UTF-8", "met of zonder BOM", "utf-8-sig")
WINDOWS_1252 = TextEncoding("Windows-1252", "de standaard van Nederlandse Excel", "cp1252")
UTF_16 = TextEncoding("UTF-16 met BOM", 'zoals Excel "Unicode-tekst" opslaat', "utf-16")
CSV_ENCODINGS = (UTF_8, WINDOWS_1252, UTF_16)
"""Every encoding a CSV may have: `decode_text` reads these, the format page and the refusal
name them (one list, so the page cannot leave one out)."""


def csv_encodings_in_words() -> str:
    """The format page's list: 'UTF-8 (met of zonder BOM), Windows-1252 (...) of UTF-16 ...'."""
    return listed((f"{encoding.name} ({encoding.note})" for encoding in CSV_ENCODINGS), "of")


_NOT_ANY_ENCODING = ", ".join(f"geen {e.name}" for e in CSV_ENCODINGS[:-1])
_SAVE_AS_UTF8 = "Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'."


def _unknown_encoding(save_as: str) -> str:
    return (
        f"De tekencodering van het bestand is niet herkend: het is {_NOT_ANY_ENCODING} en geen "
        f"{CSV_ENCODINGS[-1].name}. {save_as}"
    )


def decode_text(data: bytes, *, line: str = "rij", save_as: str = _SAVE_AS_UTF8) -> str:
    """UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's "Unicode-tekst"), else
    Windows-1252, which Dutch Excel writes by default (`CSV_ENCODINGS`). A file in none of them
    raises UnreadableFile naming the ``line`` ('rij' of a CSV; 'regel' of a file that has no
    rows, such as the YAML of `setup-organisations`) and how to save it (``save_as``: from
    Excel, for a CSV)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode(UTF_16.codec)
        except UnicodeDecodeError:
            raise UnreadableFile(_unknown_encoding(save_as)) from None
    if data.startswith(codecs.BOM_UTF8):
        # A file that says it is UTF-8 and is not: read as Windows-1252 instead, its BOM would
        # stick to the first column name, which would then seem missing (QA14 B7).
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as error:
            row, character = _stray_byte(data, error.start + len(codecs.BOM_UTF8))
            raise UnreadableFile(
                f"{_WRONG_ENCODING}het bestand begint als UTF-8, maar {line} {row} bevat "
                f"{character}. {save_as}"
            ) from None
    # Without its BOM, UTF-16 text is valid UTF-8 and Windows-1252 full of NUL characters, and
    # would be called binary: say what it is.
    if _looks_like_utf16(data):
        raise UnreadableFile(_unknown_encoding(save_as))
    try:
        return data.decode(UTF_8.codec)
    except UnicodeDecodeError as error:
        # Letters in UTF-8 and a byte that is none: a file saved again by a program in its own
        # encoding. Read as Windows-1252 as a whole, every UTF-8 letter would be mangled ('ë'
        # becomes 'Ã«') without a word; read as UTF-8, the stray byte would be lost.
        if utf8_letter := _UTF8_LETTER.search(data):
            raise UnreadableFile(_mixed(data, utf8_letter, error.start, line)) from None
    try:
        return data.decode(WINDOWS_1252.codec)
    except UnicodeDecodeError:
        raise UnreadableFile(_unknown_encoding(save_as)) from None


_WRONG_ENCODING = "De tekencodering klopt niet: "
# A letter beyond ASCII written in UTF-8: a lead byte and its continuation bytes, as only valid
# UTF-8 has them (Windows-1252 text has such pairs almost never: an accented capital followed
# by a symbol such as '’').
_UTF8_LETTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _row_of(data: bytes, position: int) -> int:
    """The row (header = 1) the byte at ``position`` is in."""
    return data.count(b"\n", 0, position) + 1


def _stray_byte(data: bytes, position: int) -> tuple[int, str]:
    """The row of the byte at ``position`` (from 0) that is no UTF-8, and 'een teken dat geen
    UTF-8 is ('ë' in Windows-1252, byte 57 van het bestand)': mostly a letter typed in by a
    program that saved the file again in its own encoding."""
    character = data[position : position + 1].decode(WINDOWS_1252.codec, errors="replace")
    return _row_of(data, position), (
        f"een teken dat geen UTF-8 is ('{character}' in Windows-1252, byte "
        f"{dutch_number(position + 1)} van het bestand)"
    )


def _mixed(data: bytes, utf8_letter: re.Match, stray: int, line: str) -> str:
    """The message for a file without BOM that has both a letter in UTF-8 and a byte at
    ``stray`` that is no UTF-8: neither reading keeps all its letters."""
    letter = utf8_letter.group().decode("utf-8")
    row, character = _stray_byte(data, stray)
    return (
        f"{_WRONG_ENCODING}het bestand is gemengd. {line.capitalize()} "
        f"{_row_of(data, utf8_letter.start())} heeft '{letter}' in UTF-8, {line} {row} "
        f"{character}. Verbeter dat teken en bewaar het "
        "bestand als UTF-8."
    )


def _looks_like_utf16(data: bytes) -> bool:
    """Mostly NUL bytes on one side of each byte pair and hardly any on the other: the Latin
    letters of UTF-16 text. A binary file has its NULs on both sides."""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    return any(
        side.count(0) > len(side) // 2 and other.count(0) < len(other) // 10
        for side, other in ((even, odd), (odd, even))
    )


def _blank_record(cells) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _one_column_twice(headers: list, columns: list[str | None]) -> str | None:
    """The Dutch message when two headers (or JSON keys) mean the same column, else None."""
    seen: dict[str, object] = {}
    for header, column in zip(headers, columns, strict=True):
        if column is None:
            continue
        if column in seen:
            return (
                f"de kolommen '{seen[column]}' en '{header}' betekenen allebei '{column}'; "
                "laat er één over."
            )
        seen[column] = header
    return None


def _read_table(
    table: Table, column_mapping: dict[str, str], delimiter: str | None
) -> ReadDelivery:
    if not table:
        raise UnreadableFile("Het bestand is leeg.")
    (_, header), *records = table
    headers = [None if c is None else str(c).strip() for c in header]
    try:
        columns = canonical_headers(headers, column_mapping)
    except ValueError as exc:
        raise UnreadableFile(str(exc)) from None
    _check_columns(headers, columns, column_mapping)
    if not records:
        raise UnreadableFile("Het bestand bevat alleen een kopregel en geen signalen.")
    problems = field_count_problems(headers, records, delimiter) if delimiter else {}
    rows: list[InputRow] = []
    for number, cells in records:
        if number in problems:
            rows.append((number, {ROW_PROBLEM: problems[number]}))
        else:
            # A spreadsheet row may stop at its last filled cell: the columns after it are blank.
            padded = [*cells, *[None] * (len(columns) - len(cells))]
            rows.append(
                (number, {col: cell for col, cell in zip(columns, padded, strict=False) if col})
            )
    labels = {col: h for h, col in zip(headers, columns, strict=True) if col and h}
    return ReadDelivery(
        rows,
        [h or "" for h in headers],
        {number: cells for number, cells in records},
        labels,
    )


def field_count_problems(
    headers: list[str | None], records: Table, delimiter: str, *, in_a_list: bool = False
) -> dict[int, str]:
    """The CSV rows with more or fewer fields than the header, each with its Dutch message.
    A delivery rejects such a row; a municipality's reference list (``in_a_list``, which has no
    amounts and is read in again as a whole) is refused with it.

    Such a row's values no longer stand under their columns (`250,62` unquoted in a
    comma-separated file becomes two fields and shifts everything after it), so judging them
    per column only gives nonsense. Excel pads every line up to the widest column it used, the
    header included: a header ending in empty columns allows a row to fill them (empty or not:
    they are read by no column) or to stop after the last named column. A field past the
    header's own last one is never padding, even when empty: an unquoted `1234,50` before an
    empty last column looks just so (QA14 B3), and in a file where every amount has a comma
    every row does. When no row fits, the file as a whole is refused with one message
    (`UnreadableFile`).
    """
    expected = len(headers)
    named = max((i + 1 for i, h in enumerate(headers) if h), default=0)
    counts = {
        number: len(cells) for number, cells in records if not named <= len(cells) <= expected
    }
    if not counts:
        return {}
    if len(counts) == len(records):
        examples = ", ".join(f"rij {n} heeft er {c}" for n, c in list(counts.items())[:3])
        more = ", …" if len(counts) > 3 else ""
        longer = any(c > expected for c in counts.values())
        raise UnreadableFile(
            f"Geen enkele rij heeft evenveel velden als de kopregel ({expected}): "
            f"{examples}{more}. {_probable_cause(delimiter, longer, in_a_list)}"
        )
    return {
        number: f"Rij {number} heeft {count} velden, de kopregel {expected}. "
        + _probable_cause(delimiter, count > expected, in_a_list)
        for number, count in counts.items()
    }


def _probable_cause(delimiter: str, longer: bool, in_a_list: bool) -> str:
    if not longer:
        again = "lees de lijst opnieuw in" if in_a_list else "lever hem opnieuw aan"
        return (
            "Ontbreken er scheidingstekens, of staat er een aanhalingsteken of regeleinde in "
            f"een waarde? Controleer de rij en {again}."
        )
    if delimiter == "," and not in_a_list:
        return (
            "Staat er een komma in een bedrag terwijl de komma ook het scheidingsteken is? "
            "Zet het bedrag tussen aanhalingstekens of gebruik ; als scheidingsteken."
        )
    name = {";": "puntkomma", ",": "komma", "\t": "tab"}.get(delimiter, f"'{delimiter}'")
    return (
        f"Staat er een {name} in een waarde terwijl de {name} ook het scheidingsteken is? "
        "Zet die waarde tussen aanhalingstekens."
    )


def _check_columns(
    headers: list[str | None], columns: list[str | None], column_mapping: dict[str, str]
) -> None:
    if twice := _one_column_twice(headers, columns):
        raise UnreadableFile(twice[0].upper() + twice[1:])
    seen = {column for column in columns if column}
    # A creditor with its own column names knows its columns by those names.
    theirs = {canonical_headers([ours], {})[0]: name for name, ours in column_mapping.items()}
    missing = [theirs.get(c, c) for c in REQUIRED_COLUMNS if c not in seen]
    if missing:
        found = ", ".join(f"'{h}'" for h in headers if h) or "geen"
        what = (
            "Verplichte kolom ontbreekt" if len(missing) == 1 else "Verplichte kolommen ontbreken"
        )
        raise UnreadableFile(
            f"{what}: {', '.join(missing)}. "
            f"Gevonden kolommen: {found}. Controleer de kopregel of de kolomkoppeling."
        )
