"""Rendering a creditor's monthly delivery as the messy CSV or XLSX file its office software
would produce: each creditor has one fixed `FileStyle` (encoding, delimiter, date and amount
notation, postcode spelling, house number in one cell or split, its own column names).

Rows come in as canonical values (`signals.Row`): dates, amounts in cents, booleans.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from openpyxl import Workbook

from vroegsignaal import dutch_numbers
from vroegsignaal.intake.columns import CANONICAL_COLUMNS

# openpyxl stamps the save time into the file; a fixed stamp keeps a re-generated file
# byte-identical, so intake recognises it by its checksum and a second demo run adds nothing.
_FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
_CORE_TIMESTAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


@dataclass(frozen=True)
class FileStyle:
    """How one creditor's system writes its delivery files."""

    kind: str = "csv"  # "csv" or "xlsx"
    encoding: str = "utf-8-sig"  # "utf-8-sig" (with BOM), "utf-8" or "cp1252" (Windows-1252)
    delimiter: str = ";"
    date_format: str = "%d-%m-%Y"
    amount: str = "euro"  # "euro": € 1.234,56; "dutch": 1.234,56; "plain": 1234.56
    postcode: str = "lower"  # "lower": 7511ab; "spaced": 7511 AB; "plain": 7511AB
    split_house_number: bool = False  # huisletter/huisnummertoevoeging in their own columns
    yes_no: tuple[str, str] = ("ja", "nee")
    title_headers: bool = False  # "Bedrag achterstand" instead of "bedrag_achterstand"
    with_bsn: bool = False


def _columns(style: FileStyle) -> list[str]:
    skipped = set() if style.with_bsn else {"bsn"}
    if not style.split_house_number:
        skipped |= {"huisletter", "huisnummertoevoeging"}
    return [c for c in CANONICAL_COLUMNS if c not in skipped]


def _headers(columns: list[str], style: FileStyle, mapping: dict[str, str]) -> list[str]:
    theirs = {canonical: own for own, canonical in mapping.items()}
    if style.title_headers:
        return [theirs.get(c, c.replace("_", " ").capitalize()) for c in columns]
    return [theirs.get(c, c) for c in columns]


def dutch_amount(cents: int, with_symbol: bool) -> str:
    """1234.56 euro as '1.234,56' or '€ 1.234,56'."""
    return dutch_numbers.euros(cents) if with_symbol else dutch_numbers.dutch_amount(cents)


def _amount(cents: int, style: FileStyle) -> str:
    if style.amount == "plain":
        return f"{cents // 100}.{cents % 100:02d}"
    return dutch_amount(cents, with_symbol=style.amount == "euro")


def _postcode(postcode: str, style: FileStyle) -> str:
    if style.postcode == "lower":
        return postcode.lower()
    if style.postcode == "spaced":
        return f"{postcode[:4]} {postcode[4:]}"
    return postcode


def _house_number(row: dict, style: FileStyle) -> str | int:
    """12, '12a', '12-2' or '12a-2' in one cell (an Excel cell keeps a bare number numeric)."""
    number, letter, addition = row["huisnummer"], row["huisletter"], row["huisnummertoevoeging"]
    if style.split_house_number or not (letter or addition):
        return number if style.kind == "xlsx" else str(number)
    return f"{number}{letter.lower()}" + (f"-{addition}" if addition else "")


def _cell(column: str, value: object, style: FileStyle) -> object:
    """One canonical value as this creditor writes it; XLSX keeps dates and numbers native."""
    if value is None or value == "":
        return None if style.kind == "xlsx" else ""
    if isinstance(value, bool):
        return style.yes_no[0] if value else style.yes_no[1]
    if isinstance(value, dt.date):
        return value if style.kind == "xlsx" else value.strftime(style.date_format)
    if column == "bedrag_achterstand":
        return value / 100 if style.kind == "xlsx" else _amount(value, style)
    if column == "postcode":
        return _postcode(value, style)
    if style.kind == "xlsx" or isinstance(value, str):
        return value
    return str(value)


def _table(rows: list[dict], style: FileStyle, mapping: dict[str, str]) -> list[list[object]]:
    columns = _columns(style)
    table: list[list[object]] = [_headers(columns, style, mapping)]
    for row in rows:
        values = {**row, "huisnummer": _house_number(row, style)}
        table.append([_cell(c, values.get(c), style) for c in columns])
    return table


def _csv_bytes(table: list[list[object]], style: FileStyle) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=style.delimiter, lineterminator="\r\n").writerows(table)
    return buffer.getvalue().encode(style.encoding, errors="replace")


def _xlsx_bytes(table: list[list[object]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Signalen")
    for values in table:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _with_fixed_timestamps(buffer.getvalue())


def _with_fixed_timestamps(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIMESTAMP.sub(rb"\g<1>2026-01-01T00:00:00Z\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, _FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return target_buffer.getvalue()


def render_delivery(rows: list[dict], style: FileStyle, mapping: dict[str, str]) -> bytes:
    """The file content for `rows` (canonical values) in this creditor's style and headers."""
    table = _table(rows, style, mapping)
    return _xlsx_bytes(table) if style.kind == "xlsx" else _csv_bytes(table, style)
