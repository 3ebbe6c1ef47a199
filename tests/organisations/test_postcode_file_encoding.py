"""`vroegsignaal import-postcodes FILE` reads the file as a delivery is read
(intake.reading.csv_text): UTF-8 with or without BOM, Windows-1252 (Dutch Excel's default) and
UTF-16 with BOM. A file it cannot read is refused in Dutch with the file's name and nothing is
stored, instead of a Python traceback (UnicodeDecodeError) as before 27-11-2026."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from tests.factories import MunicipalityFactory

from vroegsignaal.organisations.services import municipality_for_postcode

pytestmark = pytest.mark.django_db
REFUSED = "is niet ingelezen; er is niets opgeslagen."


@pytest.fixture(autouse=True)
def enschede():
    return MunicipalityFactory(code="0153", name="Enschede")


def _import(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    out = io.StringIO()
    call_command("import-postcodes", str(path), stdout=out)
    return out.getvalue()


def _refusal(tmp_path, name: str, data: bytes) -> str:
    with pytest.raises(CommandError) as refused:
        _import(tmp_path, name, data)
    assert municipality_for_postcode("7512AA") is None, "nothing stored"
    return str(refused.value)


def test_a_windows_1252_file_is_read_as_dutch_excel_writes_it(tmp_path):
    data = "postcode;gemeentecode;gemeente\n7512;0153;Enschedé\n".encode("cp1252")

    assert "1 postcodegebied geïmporteerd" in _import(tmp_path, "pc.csv", data)
    assert municipality_for_postcode("7512AA").code == "0153"


def test_a_utf_16_file_with_its_bom_is_read(tmp_path):
    data = "postcode;gemeentecode\n7512;0153\n".encode("utf-16")

    _import(tmp_path, "pc.txt", data)

    assert municipality_for_postcode("7512AA").code == "0153"


def test_a_utf_8_file_with_a_letter_that_is_no_utf_8_names_the_row(tmp_path):
    data = b"\xef\xbb\xbfpostcode;gemeentecode\n7512;0153 Enschede\xe9\n"

    message = _refusal(tmp_path, "pc.csv", data)

    assert message == (
        f"pc.csv {REFUSED} De tekencodering klopt niet: het bestand begint als UTF-8, maar rij 2 "
        "bevat een teken dat geen UTF-8 is ('é' in Windows-1252, byte 44 van het bestand). Sla "
        "het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'."
    )


def test_a_file_in_no_known_encoding_is_refused_in_dutch(tmp_path):
    # 0x81 is no UTF-8 on its own and has no character in Windows-1252.
    message = _refusal(tmp_path, "pc.csv", b"7512;0153\x81\n")

    assert message.startswith(f"pc.csv {REFUSED} De tekencodering van het bestand is niet herkend")


def test_an_excel_file_is_refused_as_one_and_told_what_to_deliver(tmp_path):
    workbook = io.BytesIO()
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")

    message = _refusal(tmp_path, "pc.xlsx", workbook.getvalue())

    assert message == (
        f"pc.xlsx {REFUSED} Het bestand is een Excel-bestand, geen CSV. Lever een tekstbestand "
        "met per regel 'postcode;gemeentecode' (in Excel: opslaan als 'CSV UTF-8 (door komma's "
        "gescheiden)')."
    )
