"""Intake staff read in the client list in the browser and see how old both reference lists are."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.factories import MunicipalityFactory, UserFactory

from vroegsignaal.matching.models import KnownClient, ReferenceListImport
from vroegsignaal.matching.reference_lists import import_population_register

pytestmark = pytest.mark.django_db

CLIENTS = "bsn;achternaam\n123456782;\n111222333;\n"
BY_NAME_1252 = (
    "achternaam;geboortedatum;postcode;huisnummer;huisletter;huisnummertoevoeging\n"
    "Çelik;12-03-1980;7511 AB;12;a;\n"
).encode("cp1252")
# A BRP extract has a column the client list has not (else it is refused as the client list).
BRP_HEADER = "voorletters;achternaam;geboortedatum;postcode;huisnummer\n"
ONE_RESIDENT = BRP_HEADER + "J;Jansen;01-02-1970;7511AB;12\n"


@pytest.fixture
def intake(client):
    user = UserFactory(intake=True, first_name="Ina", last_name="Take")
    client.force_login(user)
    return user


def _upload(client, content: bytes, name="klanten.csv"):
    file = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(reverse("matching:reference_lists"), {"file": file}, follow=True)


def test_the_page_says_no_list_was_read_in_and_the_check_is_skipped(client, intake):
    html = client.get(reverse("matching:reference_lists")).content.decode()

    assert html.count("Niet ingelezen: de matching slaat deze controle over.") == 2


def test_a_client_list_upload_replaces_the_list_and_is_recorded(client, intake):
    _upload(client, b"bsn\n123456782\n")
    response = _upload(client, BY_NAME_1252, "klanten-naam.csv")

    html = response.content.decode()
    assert (
        "1 klant ingelezen voor Enschede; de vorige klantenlijst is vervangen. De volgende "
        "matching gebruikt de nieuwe lijst."
    ) in html
    assert list(KnownClient.objects.values_list("surname", flat=True)) == ["Çelik"]
    latest = ReferenceListImport.objects.first()
    assert (latest.kind, latest.rows, latest.filename) == ("clients", 1, "klanten-naam.csv")
    assert latest.imported_by == intake and "Ina Take" in html


def test_a_bad_row_refuses_the_file_names_row_and_column_and_keeps_the_old_list(client, intake):
    _upload(client, CLIENTS.encode())

    response = _upload(client, b"bsn\n123456782\n12345\n", "fout.csv")

    html = response.content.decode()
    assert "fout.csv is niet ingelezen: rij 3, bsn:" in html
    assert KnownClient.objects.count() == 2
    assert ReferenceListImport.objects.count() == 1


def test_after_niet_ingelezen_the_reason_goes_on_in_lower_case(client, intake):
    header_only = _upload(client, b"bsn\n", "leeg.csv").content.decode()
    two_faults = _upload(client, b"bsn\n12345\n6789\n", "fout.csv").content.decode()

    assert "leeg.csv is niet ingelezen: het bestand bevat alleen een kopregel" in header_only
    assert "fout.csv is niet ingelezen: 2 fouten: rij 2, bsn:" in two_faults


def test_the_brp_extract_read_in_on_the_server_shows_with_its_date(client, intake):
    import_population_register(intake.municipality, ONE_RESIDENT, filename="brp.csv")

    html = client.get(reverse("matching:reference_lists")).content.decode()

    assert "Op de server" in html and "brp.csv" in html
    assert html.count("Niet ingelezen") == 1


def test_only_the_own_municipality_s_lists_are_shown(client, intake):
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    import_population_register(hengelo, ONE_RESIDENT.replace("7511AB;12", "7550AA;1"))

    html = client.get(reverse("matching:reference_lists")).content.decode()

    assert html.count("Niet ingelezen") == 2


def test_the_matching_page_says_how_old_the_lists_are(client, intake):
    _upload(client, CLIENTS.encode())

    html = client.get(reverse("matching:runs")).content.decode()

    assert "Klantenlijst schuldhulpverlening ingelezen op" in html and "(2 rijen)" in html
    assert "BRP-uittreksel niet ingelezen (controle wordt overgeslagen)" in html


def test_a_pdf_uploaded_as_client_list_is_called_a_pdf_not_a_list_missing_columns(client, intake):
    response = _upload(client, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "lijst.csv")

    html = response.content.decode()
    assert "lijst.csv is niet ingelezen: het bestand is een PDF-bestand" in html
    assert "kolom" not in html.split("niet ingelezen")[1].split("</p>")[0]


def test_the_matching_page_counts_a_list_of_one_row_as_1_rij(client, intake):
    import_population_register(intake.municipality, ONE_RESIDENT, filename="brp.csv")

    html = client.get(reverse("matching:runs")).content.decode()

    assert "(1 rij)" in html and "1 rijen" not in html


def test_the_matching_page_writes_a_large_list_count_with_a_thousands_dot(client, intake):
    rows = "".join(f"J;Jansen;01-02-1970;7511AB;{number}\n" for number in range(1, 1235))
    import_population_register(intake.municipality, BRP_HEADER + rows)

    html = client.get(reverse("matching:runs")).content.decode()

    assert "(1.234 rijen)" in html
