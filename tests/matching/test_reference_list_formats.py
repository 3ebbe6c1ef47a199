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
