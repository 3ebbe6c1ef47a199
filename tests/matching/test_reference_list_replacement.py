"""Rule: a reference list that replaces the current one says when it is much smaller or the
same (QA10 B8).

A half export made known clients new again without a word. A list with fewer than three
quarters of the current rows is refused until the reader confirms it (in the browser a tick,
on the server `--allow-smaller`), and then read in with a warning; a list identical to the
current one changes nothing and says so. The client list in the browser and both lists on the
command line alike.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from tests.factories import MunicipalityFactory, UserFactory
from tests.page_text import page_text

from vroegsignaal.matching.models import KnownClient, ReferenceListImport, ResidentRecord
from vroegsignaal.matching.reference_lists import import_known_clients

pytestmark = pytest.mark.django_db


def clients(count: int) -> str:
    return "achternaam;geboortedatum;postcode;huisnummer\n" + "".join(
        f"Jansen;01-02-1970;7511AB;{number}\n" for number in range(1, count + 1)
    )


def residents(count: int) -> str:
    """A BRP extract: the client list's columns would be refused as one."""
    return "voorletters;achternaam;geboortedatum;postcode;huisnummer\n" + "".join(
        f"J;Jansen;01-02-1970;7511AB;{number}\n" for number in range(1, count + 1)
    )


@pytest.fixture
def intake(client):
    user = UserFactory(intake=True)
    client.force_login(user)
    return user


def _upload(client, text: str, **extra):
    file = SimpleUploadedFile("kl_good.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("matching:reference_lists"), {"file": file, **extra}, follow=True)


def _text(response) -> str:
    return " ".join(page_text(response).split())


def test_a_much_smaller_client_list_is_not_read_in_until_it_is_confirmed(client, intake):
    """QA10 B8: 57 clients replaced 136 without a word."""
    import_known_clients(intake.municipality, clients(136))

    text = _text(_upload(client, clients(57)))

    assert (
        "kl_good.csv is niet ingelezen: deze klantenlijst heeft 57 klanten, de huidige 136 "
        "(58% minder)."
    ) in text
    assert "De lijst is veel kleiner, en dat klopt" in text
    assert KnownClient.objects.count() == 136 and ReferenceListImport.objects.count() == 1


def test_a_confirmed_much_smaller_client_list_is_read_in_with_a_warning(client, intake):
    import_known_clients(intake.municipality, clients(136))

    text = _text(_upload(client, clients(57), smaller_confirmed="on"))

    assert "57 klanten ingelezen voor Enschede; de vorige klantenlijst is vervangen." in text
    assert "Let op: de nieuwe klantenlijst heeft 57 klanten, de vorige 136 (58% minder)." in text
    assert KnownClient.objects.count() == 57


def test_a_client_list_a_little_smaller_is_read_in_without_a_word(client, intake):
    import_known_clients(intake.municipality, clients(100))

    text = _text(_upload(client, clients(90)))

    assert "90 klanten ingelezen" in text and "Let op" not in text


def test_the_same_client_list_again_changes_nothing_and_says_so(client, intake):
    _upload(client, clients(57))

    text = _text(_upload(client, clients(57)))

    assert "Let op: deze klantenlijst is precies dezelfde als de huidige" in text
    assert "Er is niets veranderd" in text
    assert "de vorige klantenlijst is vervangen" not in text
    assert KnownClient.objects.count() == 57


def test_earlier_lists_write_their_row_counts_with_a_thousands_dot(client, intake):
    import_known_clients(intake.municipality, clients(1234))

    html = client.get(reverse("matching:reference_lists")).content.decode()

    assert ">1.234<" in html.replace(" ", "").replace("\n", "") and ">1234<" not in html


def test_a_much_smaller_brp_extract_on_the_command_line_needs_allow_smaller(tmp_path, capsys):
    MunicipalityFactory()
    path = tmp_path / "brp.csv"
    path.write_text(residents(100))
    call_command("import-brp", str(path), "--municipality", "0153")
    path.write_text(residents(40))

    with pytest.raises(CommandError) as refused:
        call_command("import-brp", str(path), "--municipality", "0153")
    assert "dit BRP-uittreksel heeft 40 inwoners, het huidige 100 (60% minder)" in str(
        refused.value
    )
    assert "--allow-smaller" in str(refused.value) and ResidentRecord.objects.count() == 100

    call_command("import-brp", str(path), "--municipality", "0153", "--allow-smaller")
    assert ResidentRecord.objects.count() == 40
    assert "Let op: het nieuwe BRP-uittreksel heeft 40 inwoners, het vorige 100" in (
        capsys.readouterr().err
    )


def test_the_same_brp_extract_again_on_the_command_line_says_nothing_changed(tmp_path, capsys):
    MunicipalityFactory()
    path = tmp_path / "brp.csv"
    path.write_text(residents(3))
    call_command("import-brp", str(path), "--municipality", "0153")
    capsys.readouterr()

    call_command("import-brp", str(path), "--municipality", "0153")

    output = capsys.readouterr()
    assert "Let op: dit BRP-uittreksel is precies hetzelfde als het huidige" in output.err
    assert output.out == ""


# QA14 B8: what the page and the commands say after reading a list in.


def test_the_first_list_of_a_municipality_does_not_say_a_previous_one_was_replaced(
    tmp_path, capsys, client, intake
):
    path = tmp_path / "brp.csv"
    path.write_text(residents(40))

    call_command("import-brp", str(path), "--municipality", "0153")
    page = _text(_upload(client, clients(3)))

    said = capsys.readouterr().out
    assert (
        said == "40 inwoners ingelezen voor Enschede. De volgende matching gebruikt deze lijst.\n"
    )
    assert "3 klanten ingelezen voor Enschede. De volgende matching gebruikt deze lijst." in page
    assert "vervangen" not in said + page


def test_the_page_and_the_command_say_the_same_when_a_list_replaces_the_previous_one(
    tmp_path, capsys, client, intake
):
    """One code path: the page said 'de vorige klantenlijst', the command 'de vorige lijst'."""
    path = tmp_path / "klanten.csv"
    path.write_text(clients(10))
    call_command("import-clients", str(path), "--municipality", "0153")
    path.write_text(clients(11))
    call_command("import-clients", str(path), "--municipality", "0153")

    page = _text(_upload(client, clients(12)))

    said = capsys.readouterr().out.splitlines()[-1]
    assert said == (
        "11 klanten ingelezen voor Enschede; de vorige klantenlijst is vervangen. De volgende "
        "matching gebruikt de nieuwe lijst."
    )
    assert said.replace("11", "12") in page


def test_a_much_smaller_list_says_its_share_with_a_decimal_rather_than_100_percent(tmp_path):
    """QA14 B8: 9 residents against 4.499 were '100% minder', and 4499 had no thousands dot."""
    MunicipalityFactory()
    path = tmp_path / "brp.csv"
    path.write_text(residents(1234))
    call_command("import-brp", str(path), "--municipality", "0153")
    path.write_text(residents(2))

    with pytest.raises(CommandError) as refused:
        call_command("import-brp", str(path), "--municipality", "0153")

    assert "dit BRP-uittreksel heeft 2 inwoners, het huidige 1.234 (99,8% minder)." in str(
        refused.value
    )
