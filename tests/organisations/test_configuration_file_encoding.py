"""`vroegsignaal setup-organisations FILE` reads its YAML or JSON as a delivery is read
(intake.reading.decode_text): UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252, as
a Windows editor saves 'Enschedé'. A file it cannot read is refused in Dutch, naming the file
and the line, and nothing is stored; before 27-11-2026 it stopped with a UnicodeDecodeError's
traceback."""

import io

import pytest
from django.core.management import CommandError, call_command

from vroegsignaal.organisations.models import Creditor, Municipality, Region

pytestmark = pytest.mark.django_db
REFUSED = "organisaties.yaml is niet ingelezen; er is niets opgeslagen. 1 fout:"
DOCUMENT = (
    "regions:\n"
    "  - {name: Twente, municipalities: ['0153']}\n"
    "municipalities:\n"
    "  - {code: '0153', name: Enschedé, inhabitants: 162000, postcodes: ['7511']}\n"
    "creditors:\n"
    "  - {code: energie-oost, name: Énergie Oost, partner_type: Energie, agreements: ['0153']}\n"
)


def _setup(tmp_path, data: bytes, name="organisaties.yaml") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    out = io.StringIO()
    call_command("setup-organisations", str(path), stdout=out)
    return out.getvalue()


def _refusal(tmp_path, data: bytes) -> str:
    with pytest.raises(CommandError) as refused:
        _setup(tmp_path, data)
    assert not (Region.objects.exists() or Municipality.objects.exists()), "nothing stored"
    return str(refused.value)


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(DOCUMENT.encode("cp1252"), id="windows-1252"),
        pytest.param(DOCUMENT.encode("latin-1"), id="latin-1"),
        pytest.param(DOCUMENT.encode("utf-8-sig"), id="utf-8-with-bom"),
        pytest.param(DOCUMENT.encode("utf-8"), id="utf-8"),
        pytest.param(DOCUMENT.encode("utf-16"), id="utf-16-with-bom"),
    ],
)
def test_a_file_saved_on_windows_is_read_with_its_accents(tmp_path, encoded):
    _setup(tmp_path, encoded)

    assert Municipality.objects.get(code="0153").name == "Enschedé"
    assert Creditor.objects.get(code="energie-oost").name == "Énergie Oost"


def test_a_json_file_in_windows_1252_is_read_too(tmp_path):
    data = '{"municipalities": [{"code": "0153", "name": "Enschedé"}]}'.encode("cp1252")

    _setup(tmp_path, data, name="organisaties.json")

    assert Municipality.objects.get(code="0153").name == "Enschedé"


def test_a_file_with_a_byte_that_is_no_utf_8_after_a_utf_8_bom_names_the_line(tmp_path):
    data = "\ufeff" + DOCUMENT.replace("Énergie", "Energie")
    broken = data.encode("utf-8").replace("Enschedé".encode(), "Enschedé".encode("cp1252"))

    message = _refusal(tmp_path, broken)

    assert message.startswith(REFUSED)
    assert (
        "De tekencodering klopt niet: het bestand begint als UTF-8, maar regel 4 bevat een teken "
        "dat geen UTF-8 is ('é' in Windows-1252, byte"
    ) in message
    assert "Bewaar het bestand als UTF-8" in message
    assert "Excel" not in message and "Traceback" not in message


def test_a_file_mixing_utf_8_and_windows_1252_names_both_lines(tmp_path):
    mixed = DOCUMENT.encode("utf-8").replace("Enschedé".encode(), "Enschedé".encode("cp1252"))

    message = _refusal(tmp_path, mixed)

    assert (
        "De tekencodering klopt niet: het bestand is gemengd. Regel 6 heeft 'É' in UTF-8, "
        "regel 4 een teken dat geen UTF-8 is ('é' in Windows-1252"
    ) in message


def test_a_file_in_no_known_encoding_is_refused_in_dutch(tmp_path):
    # 0x81 is no UTF-8 on its own and has no character in Windows-1252.
    message = _refusal(tmp_path, b"municipalities: []\x81\n")

    assert message.startswith(REFUSED)
    assert "De tekencodering van het bestand is niet herkend" in message
    assert "Bewaar het bestand als UTF-8" in message
