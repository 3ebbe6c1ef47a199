"""Reading delivery files as a whole: encodings, delimiters, XLSX cells, column matching, and
the files that must be rejected as a whole with a Dutch reason."""

import datetime as dt
import io
import random

import pytest
from openpyxl import Workbook

from vroegsignaal.intake.columns import CANONICAL_COLUMNS, canonical_headers
from vroegsignaal.intake.reading import (
    ROW_PROBLEM,
    UnreadableFile,
    megabytes,
    read_delivery_file,
    rows_from_records,
)

MAX = 1_000_000
HEADER = "klantnummer;signaaldatum;achternaam;huisnummer;postcode;bedrag_achterstand;datum_ontstaan"


def _read(data: bytes, filename: str = "levering.csv", mapping=None, max_bytes=MAX):
    return read_delivery_file(data, filename, mapping or {}, max_bytes)


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_utf8_csv_with_bom_and_semicolons_keeps_accents_and_row_numbers():
    text = f"{HEADER};voornamen\nK1;15-01-2024;Brouwër;12a;7511 AB;1.234,56;01-12-2023;Zoë\n"
    rows = _read(text.encode("utf-8-sig"))
    assert rows == [
        (
            2,
            {
                "klantnummer": "K1",
                "signaaldatum": "15-01-2024",
                "achternaam": "Brouwër",
                "huisnummer": "12a",
                "postcode": "7511 AB",
                "bedrag_achterstand": "1.234,56",
                "datum_ontstaan": "01-12-2023",
                "voornamen": "Zoë",
            },
        )
    ]


def test_windows_1252_csv_with_commas_is_decoded_with_its_accents():
    header = HEADER.replace(";", ",") + ",woonplaats"
    text = f'{header}\r\nK1,2024-01-15,Hélène,3,7511AB,"1.234,56",2023-12-01,Enschedé\r\n'
    [(number, cells)] = _read(text.encode("cp1252"))
    assert number == 2
    assert cells["achternaam"] == "Hélène"
    assert cells["woonplaats"] == "Enschedé"
    assert cells["bedrag_achterstand"] == "1.234,56"  # the quoted comma did not split the cell


def test_blank_lines_are_skipped_but_row_numbers_stay_those_of_the_file():
    text = f"{HEADER}\nK1;x;x;1;x;1;x\n\n;;;;;;\nK2;x;x;1;x;1;x\n"
    rows = _read(text.encode())
    assert [number for number, _ in rows] == [2, 5]


def test_excel_separator_hint_line_is_honoured_and_not_taken_for_the_header():
    text = "sep=,\n" + HEADER.replace(";", ",") + '\nK1,x,"Smit; de Jong",1,x,1,x\n'
    [(number, cells)] = _read(text.encode())
    assert number == 3
    assert cells["achternaam"] == "Smit; de Jong"


def test_headers_match_regardless_of_case_spaces_underscores_and_accents():
    headers = ["Klantnummer", "SIGNAALDATUM", "achter naam", "Huis-nummer", " Postcode "]
    assert canonical_headers(headers, {}) == [
        "klantnummer",
        "signaaldatum",
        "achternaam",
        "huisnummer",
        "postcode",
    ]
    assert canonical_headers(["Datum voorgenomen beëindiging", "Opmerking"], {}) == [
        "datum_voorgenomen_beeindiging",
        None,  # unknown headers are ignored, not guessed
    ]


def test_creditor_column_mapping_translates_their_own_headers():
    mapping = {"Debiteurnr": "klantnummer", "Openstaand saldo": "bedrag_achterstand"}
    text = (
        "Debiteurnr;Signaaldatum;Achternaam;Huisnummer;Postcode;Openstaand saldo;Datum ontstaan\n"
        "D-77;2024-01-15;Smit;1;7511AB;80;2023-12-01\n"
    )
    [(_, cells)] = _read(text.encode(), mapping=mapping)
    assert cells["klantnummer"] == "D-77"
    assert cells["bedrag_achterstand"] == "80"


def test_mapping_to_a_column_that_does_not_exist_is_reported():
    with pytest.raises(UnreadableFile, match="'Saldo' verwijst naar 'saldo'"):
        _read(f"{HEADER}\nK1;x;x;1;x;1;x\n".encode(), mapping={"Saldo": "saldo"})


def test_xlsx_keeps_excel_numbers_and_dates_as_cells():
    data = _xlsx(
        [
            [*HEADER.title().split(";"), "BSN"],
            [1234, dt.datetime(2024, 1, 15), "Bakker", 12, "7511ab", 1234.56, 45261, 11222335],
            [],
            ["K2", dt.date(2024, 1, 16), "Visser", "3-2", "7512 CD", "€ 80", "01-12-2023", None],
        ]
    )
    rows = _read(data, filename="levering.xlsx")
    assert [number for number, _ in rows] == [2, 4]
    first = rows[0][1]
    assert first["klantnummer"] == 1234
    assert first["signaaldatum"] == dt.datetime(2024, 1, 15)
    assert first["bedrag_achterstand"] == 1234.56
    assert first["datum_ontstaan"] == 45261
    assert rows[1][1]["huisnummer"] == "3-2"


def test_xlsx_is_recognised_by_its_content_whatever_the_file_is_called():
    data = _xlsx([HEADER.split(";"), ["K1", "2024-01-15", "Smit", 1, "7511AB", 10, "2023-12-01"]])
    assert len(_read(data, filename="export.csv")) == 1


def test_missing_required_columns_are_named():
    text = "klantnummer;signaaldatum;achternaam;huisnummer;bedrag\nK1;x;x;1;2\n"
    with pytest.raises(UnreadableFile) as exc:
        _read(text.encode())
    assert "Verplichte kolommen ontbreken: postcode, bedrag_achterstand, datum_ontstaan" in str(
        exc.value
    )
    assert "'bedrag'" in exc.value.message  # what was found, to help the creditor correct it


def test_two_columns_meaning_the_same_are_rejected():
    text = f"{HEADER};Post code\nK1;x;x;1;x;1;x;y\n"
    with pytest.raises(UnreadableFile, match="betekenen allebei 'postcode'"):
        _read(text.encode())


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "leeg"),
        (b"  \r\n\r\n", "leeg"),
        (HEADER.encode() + b"\n\n", "alleen een kopregel"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nendobj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "afbeelding"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), ".xls"),
        (b"PK\x03\x04 this zip is broken", "geen leesbaar Excel-bestand"),
    ],
)
def test_unreadable_files_are_rejected_as_a_whole_with_the_reason(data, reason):
    with pytest.raises(UnreadableFile, match=reason):
        _read(data)


def test_random_binary_blob_is_rejected_as_not_csv():
    blob = random.Random(2026).randbytes(4096)
    with pytest.raises(UnreadableFile):
        _read(b"klantnummer;" + blob)


def test_text_that_is_neither_utf8_nor_windows_1252_is_rejected():
    with pytest.raises(UnreadableFile, match="tekencodering"):
        _read(HEADER.encode() + b"\n\x81\x8d\x8f;x\n")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_its_bom_is_read_as_excel_unicode_text_saves_it(encoding):
    """Excel's "Unicode-tekst": UTF-16 (little-endian) with a BOM, tab-separated."""
    text = HEADER.replace(";", "\t") + "\r\nK1\t15-01-2024\tMüller\t12\t7511AB\t100\t01-12-2023\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    [(number, cells)] = _read(data)
    assert (number, cells["achternaam"], cells["datum_ontstaan"]) == (2, "Müller", "01-12-2023")


def test_utf16_without_its_bom_is_refused_for_its_encoding_not_as_binary():
    data = f"{HEADER}\nK1;x;x;1;x;1;x\n".encode("utf-16-le")
    with pytest.raises(UnreadableFile) as refused:
        _read(data)
    assert refused.value.message == (
        "De tekencodering van het bestand is niet herkend: het is geen UTF-8, geen Windows-1252 "
        "en geen UTF-16 met BOM. Sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'."
    )


def test_renamed_non_excel_file_called_xlsx_is_rejected():
    with pytest.raises(UnreadableFile, match="Excel"):
        _read(f"{HEADER}\nK1;x;x;1;x;1;x\n".encode(), filename="levering.xlsx")


def test_file_over_the_size_limit_is_rejected_before_reading():
    data = f"{HEADER}\nK1;x;x;1;x;1;x\n".encode()
    with pytest.raises(UnreadableFile, match="te groot"):
        _read(data, max_bytes=len(data) - 1)
    assert len(_read(data, max_bytes=len(data))) == 1


@pytest.mark.parametrize(
    ("size", "text"),
    [(50_000_000, "50 MB"), (12_345_678, "12,3 MB"), (52_428_800, "52,4 MB"), (400_000, "0,4 MB")],
)
def test_sizes_are_told_in_megabytes_of_a_million_bytes_without_a_needless_decimal(size, text):
    assert megabytes(size) == text


def test_api_records_become_rows_numbered_from_one_with_canonical_keys():
    rows = rows_from_records(
        [
            {"klantnummer": "K1", "bedrag_achterstand": 12.5, "Bedrag achterstand x": 1},
            {"KLANTNUMMER": "K2", "crisissignaal": True},
        ]
    )
    assert rows == [
        (1, {"klantnummer": "K1", "bedrag_achterstand": 12.5}),
        (2, {"klantnummer": "K2", "crisissignaal": True}),
    ]


@pytest.mark.parametrize(
    ("records", "reason"),
    [
        ([], "geen signalen"),
        ({"klantnummer": "K1"}, "lijst van signalen"),
        ([{"klantnummer": "K1"}, "K2"], "Signaal 2"),
    ],
)
def test_api_records_that_are_not_a_list_of_objects_are_rejected(records, reason):
    with pytest.raises(UnreadableFile, match=reason):
        rows_from_records(records)


def test_an_api_record_with_two_keys_for_one_column_is_refused_as_a_row_like_such_a_file():
    """Taking one of the two silently put signals at the wrong municipality."""
    rows = rows_from_records(
        [{"klantnummer": "K1", "postcode": "7511AB", "Postcode": "7601AB"}, {"klantnummer": "K2"}]
    )
    assert rows == [
        (
            1,
            {
                ROW_PROBLEM: "Rij 1: de kolommen 'postcode' en 'Postcode' betekenen allebei "
                "'postcode'; laat er één over."
            },
        ),
        (2, {"klantnummer": "K2"}),
    ]


def test_every_canonical_column_is_recognised_by_its_own_name():
    assert canonical_headers(list(CANONICAL_COLUMNS), {}) == list(CANONICAL_COLUMNS)


def test_a_pipe_separated_file_is_refused_naming_the_separator():
    text = HEADER.replace(";", "|") + "\nK1|15-01-2024|Berg|12|7511AB|100|01-12-2023\n"
    with pytest.raises(UnreadableFile) as refused:
        _read(text.encode())
    assert refused.value.message == (
        "Het scheidingsteken lijkt '|' te zijn; gebruik een puntkomma, komma of tab."
    )


def test_a_header_and_rows_with_different_separators_are_refused_once_naming_both():
    """QA14 B7: a header with commas over rows with semicolons made every row one field."""
    text = HEADER.replace(";", ",") + "\nK1;15-01-2024;Berg;12;7511AB;100;01-12-2023\n" * 2
    with pytest.raises(UnreadableFile) as refused:
        _read(text.encode())
    assert refused.value.message == (
        "De kopregel is gescheiden door komma's, de rijen door puntkomma's. Gebruik in het hele "
        "bestand hetzelfde scheidingsteken."
    )


def test_a_utf8_file_with_a_windows_1252_letter_is_refused_for_its_encoding_naming_the_row():
    """QA14 B7: read as Windows-1252, the BOM stuck to the first column name, which then
    seemed missing."""
    data = (
        b"\xef\xbb\xbf" + HEADER.encode() + b"\nK1;15-01-2024;Berg;12;7511AB;100;01-12-2023\n"
        b"K2;15-01-2024;No\xebl;12;7511AB;100;01-12-2023\n"
    )
    position = data.index(b"\xeb") + 1
    assert _refusal(data) == (
        "De tekencodering klopt niet: het bestand begint als UTF-8, maar rij 3 bevat een teken "
        f"dat geen UTF-8 is ('ë' in Windows-1252, byte {position} van het bestand). Sla het in "
        "Excel op als 'CSV UTF-8 (door komma's gescheiden)'."
    )


MIXED_ADVICE = "Verbeter dat teken en bewaar het bestand als UTF-8."


def _refusal(data: bytes) -> str:
    with pytest.raises(UnreadableFile) as refused:
        _read(data)
    return refused.value.message


def test_a_utf8_file_without_bom_with_one_windows_1252_byte_is_refused_as_mixed():
    """Read as Windows-1252 as a whole, every other 'ë' of the file became 'Ã«' without a word:
    the one stray byte is named by row and byte, and the file is used for nothing."""
    data = (
        f"{HEADER}\nK1;15-01-2024;Brouwër;12;7511AB;100;01-12-2023\n".encode()
        + b"K2;15-01-2024;No\xebl;12;7511AB;100;01-12-2023\n"
    )
    position = data.index(b"\xeb") + 1

    assert _refusal(data) == (
        "De tekencodering klopt niet: het bestand is gemengd. Rij 2 heeft 'ë' in UTF-8, rij 3 "
        f"een teken dat geen UTF-8 is ('ë' in Windows-1252, byte {position} van het bestand). "
        f"{MIXED_ADVICE}"
    )


def test_a_windows_1252_file_with_a_utf8_letter_pasted_in_is_mixed_too():
    data = (
        f"{HEADER}\n".encode()
        + b"K1;15-01-2024;No\xebl;12;7511AB;100;01-12-2023\n"
        + "K2;15-01-2024;Çelik;12;7511AB;100;01-12-2023\n".encode()
    )

    assert _refusal(data).startswith(
        "De tekencodering klopt niet: het bestand is gemengd. Rij 3 heeft 'Ç' in UTF-8, rij 2 "
        "een teken dat geen UTF-8 is ('ë' in Windows-1252, byte "
    )


def test_a_windows_1252_file_of_many_lines_is_read_as_windows_1252_still():
    lines = [f"K{n};15-01-2024;Noël;12;7511AB;100;01-12-2023" for n in range(1, 500)]
    data = "\n".join([HEADER, *lines]).encode("cp1252")

    rows = _read(data)

    assert len(rows) == 499 and {cells["achternaam"] for _, cells in rows} == {"Noël"}
