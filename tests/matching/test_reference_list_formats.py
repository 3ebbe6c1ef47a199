"""Rule: what the client list and BRP extract readers say about a file is what they really read:
CSV (semicolon, comma or tab; UTF-8, Windows-1252 or Excel's Unicode text), never Excel."""

import codecs
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook
from tests.factories import MunicipalityFactory, UserFactory
from tests.page_text import page_text

from vroegsignaal.dutch_text import after_colon
from vroegsignaal.intake.reading import UnreadableFile, read_delivery_file
from vroegsignaal.matching.models import KnownClient

pytestmark = pytest.mark.django_db

OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
# How Excel names the three ways to save a list that the reader takes.
EXCEL_SAVE_AS = ("CSV UTF-8", "CSV (gescheiden door lijstscheidingsteken)", "Unicode-tekst")


def workbook() -> bytes:
    book = Workbook()
    book.active.append(["bsn"])
    book.active.append(["123456782"])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def refusal(tmp_path, content: bytes, command="import-clients", name="lijst.xlsx") -> str:
    MunicipalityFactory()
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command(command, str(path), "--municipality", "0153")
    return str(refused.value)


@pytest.mark.parametrize("command", ["import-clients", "import-brp"])
def test_an_excel_workbook_is_called_excel_and_the_list_asked_for_as_csv(tmp_path, command):
    said = refusal(tmp_path, workbook(), command)

    assert "is een Excel-bestand" in said and "zip" not in said
    assert "geen CSV" in said and "of Excel" not in said
    assert all(way in said for way in EXCEL_SAVE_AS)


def test_an_old_excel_file_is_not_told_to_be_saved_as_xlsx(tmp_path):
    said = refusal(tmp_path, OLD_EXCEL, name="lijst.xls")

    assert ".xlsx" not in said
    assert "is een Excel-bestand" in said and "CSV UTF-8" in said


def test_a_pdf_list_is_not_told_that_excel_would_do(tmp_path):
    said = refusal(tmp_path, PDF, name="lijst.pdf")

    assert "het bestand is een PDF-bestand, geen CSV." in said
    assert "Excel-bestand" not in said and ".xlsx" not in said


@pytest.fixture
def intake(client):
    client.force_login(UserFactory(intake=True))


def upload(client, content: bytes, name: str):
    file = SimpleUploadedFile(name, content)
    return client.post(reverse("matching:reference_lists"), {"file": file}, follow=True)


def test_the_upload_form_describes_and_offers_the_files_the_reader_reads(client, intake):
    response = client.get(reverse("matching:reference_lists"))

    html = response.content.decode()
    assert 'accept=".csv,.txt,text/csv,text/plain"' in html
    text = page_text(response)
    assert "puntkomma's, komma's of tabs" in text
    assert all(way in text for way in EXCEL_SAVE_AS)
    assert "of 'Unicode-tekst'." in text  # the hint is a sentence, with its full stop
    assert "xlsx" not in html.lower() and "Windows-1252" not in text


def test_an_excel_workbook_uploaded_as_client_list_is_refused_in_the_pages_words(client, intake):
    text = page_text(upload(client, workbook(), "klanten.xlsx"))

    assert "klanten.xlsx is niet ingelezen: het bestand is een Excel-bestand, geen CSV." in text
    assert not KnownClient.objects.exists()


def test_excels_unicode_text_is_read_when_uploaded_in_the_browser(client, intake):
    content = "bsn\r\n123456782\r\n".encode("utf-16-le")

    text = page_text(upload(client, codecs.BOM_UTF16_LE + content, "klanten.txt"))

    assert "1 klant ingelezen" in text
    assert KnownClient.objects.count() == 1


# QA14 B7: a broken list file is told what is wrong with the file, as a delivery is, not that
# its columns are missing or that every row is wrong in four ways.

BRP_HEADER = (
    "bsn;voorletters;voorvoegsel;achternaam;geboortedatum;postcode;huisnummer;huisletter;"
    "huisnummertoevoeging;datum_overlijden"
)
BRP_ROWS = [
    "563347223;J;de;Vries;1980-05-17;7411AB;12;;;",
    "118492470;M;;Smit;1985-08-08;7412LM;20;;;",
]


@pytest.mark.parametrize("command", ["import-clients", "import-brp"])
def test_a_pipe_separated_list_is_told_its_separator_as_a_delivery_is(tmp_path, command):
    text = "\r\n".join([BRP_HEADER, *BRP_ROWS]).replace(";", "|")

    said = refusal(tmp_path, text.encode("utf-8-sig"), command, name="brp_pipe.csv")

    assert said == (
        "brp_pipe.csv is niet ingelezen: het scheidingsteken lijkt '|' te zijn; gebruik een "
        "puntkomma, komma of tab."
    )


def test_a_header_with_commas_over_rows_with_semicolons_is_one_message_for_the_file(tmp_path):
    text = "\n".join([BRP_HEADER.replace(";", ","), *BRP_ROWS * 5])

    said = refusal(tmp_path, text.encode(), "import-brp", name="brp_mixed.csv")

    assert said == (
        "brp_mixed.csv is niet ingelezen: de kopregel is gescheiden door komma's, de rijen door "
        "puntkomma's. Gebruik in het hele bestand hetzelfde scheidingsteken."
    )


def test_a_utf8_list_with_a_windows_1252_letter_is_told_its_encoding_not_missing_columns(
    client, intake
):
    """kl_good.csv: saved as UTF-8 with a BOM, then 'Noëllering' typed in as Windows-1252. Read
    as Windows-1252 the BOM stuck to the first column, which then seemed missing."""
    content = (
        codecs.BOM_UTF8
        + b"achternaam;geboortedatum;postcode;huisnummer;huisletter;huisnummertoevoeging\r\n"
        + b"Smit;08-08-1985;7412 LM;20;;\r\nNo\xebllering;24-12-1966;7417QR;44;;\r\n"
    )

    text = " ".join(page_text(upload(client, content, "kl_good.csv")).split())

    assert (
        "kl_good.csv is niet ingelezen: de tekencodering klopt niet: het bestand begint als "
        "UTF-8, maar rij 3 bevat een teken dat geen UTF-8 is ('ë' in Windows-1252, byte "
    ) in text
    assert "heeft een kolom 'bsn' nodig" not in text
    assert not KnownClient.objects.exists()


# A list is read as a delivery is: a file in two encodings is refused with the delivery's
# message, and a row whose fields do not stand under their columns is one fault, not one per
# column it seems to miss.

BY_NAME = "achternaam;geboortedatum;postcode;huisnummer;huisletter;huisnummertoevoeging"


@pytest.mark.parametrize("command", ["import-clients", "import-brp"])
def test_a_utf8_list_with_one_windows_1252_byte_is_refused_as_a_delivery_is(tmp_path, command):
    # An extract has voorletters, a client list has not (else each is refused as the other).
    header, initials = (
        (BY_NAME, "") if command == "import-clients" else (f"voorletters;{BY_NAME}", "J;")
    )
    content = (
        f"{header}\n{initials}Brouwër;08-08-1985;7412LM;20;;\n".encode()
        + f"{initials}No".encode()
        + b"\xebllering;24-12-1966;7417QR;44;;\n"
    )
    with pytest.raises(UnreadableFile) as as_a_delivery:
        read_delivery_file(content, "levering.csv", {}, len(content))

    said = refusal(tmp_path, content, command, name="lijst.csv")

    assert said == f"lijst.csv is niet ingelezen: {after_colon(as_a_delivery.value.message)}"
    assert "het bestand is gemengd. Rij 2 heeft 'ë' in UTF-8, rij 3 een teken" in said


def test_a_list_row_with_too_few_fields_is_one_fault_for_the_row(tmp_path):
    text = (
        f"{BY_NAME}\nSmit;08-08-1985;7412LM;20;;\nJansen;01-02-1970;7511AB\n"
        "Berg;12-05-1980;7511AB;12;;\nKok;1975-06-30\n"
    )

    said = refusal(tmp_path, text.encode(), name="lijst.csv")

    cause = (
        "Ontbreken er scheidingstekens, of staat er een aanhalingsteken of regeleinde in een "
        "waarde? Controleer de rij en lees de lijst opnieuw in."
    )
    assert said == (
        f"lijst.csv is niet ingelezen: 2 fouten:\n  Rij 3 heeft 3 velden, de kopregel 6. {cause}"
        f"\n  Rij 5 heeft 2 velden, de kopregel 6. {cause}"
    )
    assert "verplicht" not in said
    assert not KnownClient.objects.exists()


def test_a_comma_in_a_name_of_a_comma_separated_extract_is_said_as_such_not_as_an_amount(
    tmp_path,
):
    header = BRP_HEADER.replace(";", ",")
    rows = [",J,,Smit,1985-08-08,7412LM,20,,,", ",J,,Berg, van der,1980-05-12,7511AB,12,,,"]

    said = refusal(tmp_path, "\n".join([header, *rows]).encode(), "import-brp", name="brp.csv")

    assert said == (
        "brp.csv is niet ingelezen: rij 3 heeft 11 velden, de kopregel 10. Staat er een komma in "
        "een waarde terwijl de komma ook het scheidingsteken is? Zet die waarde tussen "
        "aanhalingstekens."
    )
