"""Rule: a file that does not look like a client list is read in as one only when confirmed
(QA14 B6).

The BRP extract uploaded as client list made every resident 'al bekend bij schuldhulpverlening':
no signal was picked up. Fewer than 10% of meldingen concern households known to debt help
(domain.md), and meldingen are households in arrears: a client list holds a few per cent of
the residents. A list with columns only a BRP extract has, with a tenth of the residents in the
BRP extract or more, or half again as many rows as the current client list, is refused until
the reader confirms it (a tick on the page, `--confirm-client-list` on the command line), in
the shape of the much smaller list, and is then read in with a warning.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from tests.factories import UserFactory
from tests.page_text import page_text

from vroegsignaal.matching.models import KnownClient
from vroegsignaal.matching.reference_lists import import_known_clients, import_population_register

pytestmark = pytest.mark.django_db

BRP_HEADER = (
    "bsn;voorletters;voorvoegsel;achternaam;geboortedatum;postcode;huisnummer;huisletter;"
    "huisnummertoevoeging;datum_overlijden\n"
)
BRP_ROWS = (
    "563347223;J;de;Vries;1980-05-17;7511AB;12;;;\n"
    "227514750;F;;Yılmaz;2001-03-01;7511CD;5;A;;\n"
    "977898908;P;;Bakker;1960-01-01;7511EF;100;;;\n"
    "410408426;K;;Mulder;1950-06-06;7511AA;9;;;2026-10-01\n"
)
BRP_GOOD = BRP_HEADER + BRP_ROWS
CONFIRM = "Dit is de klantenlijst schuldhulpverlening, en dat klopt"


def by_name(count: int, start: int = 1) -> str:
    return "achternaam;geboortedatum;postcode;huisnummer\n" + "".join(
        f"Jansen;01-02-1970;7511AB;{number}\n" for number in range(start, start + count)
    )


@pytest.fixture
def intake(client):
    user = UserFactory(intake=True)
    client.force_login(user)
    return user


def upload(client, text: str, **ticks) -> str:
    file = SimpleUploadedFile("brp_good.csv", text.encode(), content_type="text/csv")
    response = client.post(
        reverse("matching:reference_lists"), {"file": file, **ticks}, follow=True
    )
    return " ".join(page_text(response).split())


def test_the_brp_extract_uploaded_as_client_list_is_not_read_in_until_confirmed(client, intake):
    import_population_register(intake.municipality, BRP_GOOD)

    text = upload(client, BRP_GOOD)

    assert (
        "brp_good.csv is niet ingelezen: is dit wel de klantenlijst schuldhulpverlening? Het "
        "bestand heeft kolommen die in een BRP-uittreksel horen en die een klantenlijst niet "
        "gebruikt: voorletters, voorvoegsel en datum_overlijden. Laat die kolommen weg uit de "
        "export als dit wel de klantenlijst is. Er staan 4 klanten in, 100% van de 4 inwoners in "
        "het BRP-uittreksel van Enschede; een klantenlijst heeft er gewoonlijk een paar procent "
        "van. Wie op de klantenlijst staat, geldt bij de volgende matching als bekend "
        "bij schuldhulpverlening: zijn signalen worden niet opgepakt. Is dit toch de klantenlijst, "
        f"kies het bestand dan opnieuw en vink '{CONFIRM}' aan. De huidige lijst blijft tot dan "
        "staan."
    ) in text
    assert not KnownClient.objects.exists()


def test_confirmed_it_is_read_in_with_the_doubt_as_a_warning(client, intake):
    import_population_register(intake.municipality, BRP_GOOD)

    text = upload(client, BRP_GOOD, client_list_confirmed="on")

    assert "4 klanten ingelezen voor Enschede." in text
    assert (
        "Let op: de nieuwe klantenlijst lijkt niet op een klantenlijst schuldhulpverlening. Het "
        "bestand heeft kolommen die in een BRP-uittreksel horen"
    ) in text
    assert "Klopt dat niet, lees dan de juiste klantenlijst in vóór de volgende matching." in text
    assert KnownClient.objects.count() == 4


def test_one_column_of_the_brp_alone_asks_too_and_how_to_do_without(client, intake):
    """Without a BRP extract to compare with, the columns are all there is to go by. A client
    export that really has such a column is asked every month: the message says to drop it."""
    text = upload(client, "bsn;voorletters\n563347223;J\n")

    assert (
        "kolom die in een BRP-uittreksel hoort en die een klantenlijst niet gebruikt: voorletters."
        in text
    )
    assert "Laat die kolom weg uit de export als dit wel de klantenlijst is." in text
    assert CONFIRM in text and not KnownClient.objects.exists()


def test_a_client_list_of_a_tenth_of_the_residents_asks_to_confirm_and_fewer_do_not(client, intake):
    import_population_register(intake.municipality, BRP_HEADER.replace("bsn;", "") + "".join(
        f"J;;Jansen;1970-02-01;7511AB;{number};;;\n" for number in range(1, 101)
    ))  # fmt: skip

    asked = upload(client, by_name(10))
    read_in = upload(client, by_name(9))

    assert "Er staan 10 klanten in, 10% van de 100 inwoners in het BRP-uittreksel van Enschede" in (
        asked
    )
    assert "9 klanten ingelezen" in read_in and "Let op" not in read_in


def test_a_client_list_half_again_as_large_as_the_current_one_asks_to_confirm(client, intake):
    import_known_clients(intake.municipality, by_name(100))

    asked = upload(client, by_name(150))
    read_in = upload(client, by_name(149))

    assert (
        "is dit wel de klantenlijst schuldhulpverlening? Er staan 150 klanten in, 50% meer dan in "
        "de huidige klantenlijst (100)."
    ) in asked
    assert "149 klanten ingelezen" in read_in and "Let op" not in read_in


def test_a_list_both_much_smaller_and_unlike_a_client_list_asks_both_and_keeps_a_tick(
    client, intake
):
    import_known_clients(intake.municipality, by_name(100))
    brp_like = "bsn;datum_overlijden\n563347223;\n"

    both = upload(client, brp_like)
    one_ticked = client.post(
        reverse("matching:reference_lists"),
        {"file": SimpleUploadedFile("k.csv", brp_like.encode()), "smaller_confirmed": "on"},
    ).content.decode()
    text = upload(client, brp_like, smaller_confirmed="on", client_list_confirmed="on")

    assert "De lijst is veel kleiner, en dat klopt" in both and CONFIRM in both
    assert 'name="smaller_confirmed" id="id_smaller_confirmed" checked' in one_ticked
    assert 'name="client_list_confirmed" id="id_client_list_confirmed">' in one_ticked
    assert "1 klant ingelezen" in text and KnownClient.objects.count() == 1


def test_the_command_asks_for_confirm_client_list_and_warns_when_given(tmp_path, capsys, intake):
    path = tmp_path / "brp_good.csv"
    path.write_text(BRP_GOOD)

    with pytest.raises(CommandError) as refused:
        call_command("import-clients", str(path), "--municipality", "0153")
    call_command("import-clients", str(path), "--municipality", "0153", "--confirm-client-list")

    assert "is dit wel de klantenlijst schuldhulpverlening?" in str(refused.value)
    assert str(refused.value).endswith(
        "Is dit toch de klantenlijst, draai de opdracht dan met --confirm-client-list."
    )
    assert "Let op: de nieuwe klantenlijst lijkt niet op een klantenlijst" in (
        capsys.readouterr().err
    )
    assert KnownClient.objects.count() == 4
