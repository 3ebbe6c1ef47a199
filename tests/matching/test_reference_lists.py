"""`vroegsignaal import-clients` and `vroegsignaal import-brp`."""

import codecs
import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from tests.factories import MunicipalityFactory, PostcodeAreaFactory

from vroegsignaal.matching.models import KnownClient, ResidentRecord
from vroegsignaal.privacy.bsn import bsn_hash

pytestmark = pytest.mark.django_db


def write(tmp_path, text: str):
    path = tmp_path / "lijst.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_client_list_by_bsn_or_by_name_birth_date_and_address(tmp_path):
    MunicipalityFactory()
    call_command("import-clients", write(tmp_path, "bsn\n111222333\n"), "--municipality", "0153")
    assert KnownClient.objects.get().bsn == bsn_hash("111222333")
    text = (
        "achternaam;geboortedatum;postcode;huisnummer;huisletter;huisnummertoevoeging\n"
        "Jansen;01-02-1980;7511 ab;12a;;\n"
    )
    call_command("import-clients", write(tmp_path, text), "--municipality", "0153")
    client = KnownClient.objects.get()  # the new list replaced the old one
    assert (
        client.surname,
        client.birth_date,
        client.postcode,
        client.house_number,
        client.house_letter,
    ) == ("Jansen", dt.date(1980, 2, 1), "7511AB", 12, "A")


def test_client_list_without_usable_columns_is_refused(tmp_path):
    MunicipalityFactory()
    with pytest.raises(CommandError, match="kolom 'bsn' nodig"):
        call_command("import-clients", write(tmp_path, "naam\nJansen\n"), "--municipality", "0153")


def test_client_list_with_a_bad_bsn_names_the_row_and_keeps_the_old_list(tmp_path):
    MunicipalityFactory()
    call_command("import-clients", write(tmp_path, "bsn\n111222333\n"), "--municipality", "0153")
    with pytest.raises(CommandError, match=r"niet ingelezen: rij 3, bsn: .*elfproef"):
        call_command(
            "import-clients",
            write(tmp_path, "bsn\n111222333\n123456789\n"),
            "--municipality",
            "0153",
        )
    assert KnownClient.objects.count() == 1


def test_brp_extract_reads_one_row_per_resident_with_date_of_death(tmp_path):
    MunicipalityFactory()
    text = (
        "bsn;voorletters;voorvoegsel;achternaam;geboortedatum;postcode;huisnummer;huisletter;"
        "huisnummertoevoeging;datum_overlijden\n"
        "111222333;J.;van der;Berg;1980-05-12;7511AB;12;A;;\n"
        ";M.;;Öztürk;1990-01-01;7512CD;3;;2;2026-10-01\n"
    )
    call_command("import-brp", write(tmp_path, text), "--municipality", "0153")
    deceased = ResidentRecord.objects.get(surname="Öztürk")
    assert deceased.death_date == dt.date(2026, 10, 1) and deceased.house_number_addition == "2"
    assert ResidentRecord.objects.get(bsn=bsn_hash("111222333")).surname_prefix == "van der"


def test_brp_extract_missing_columns_are_named(tmp_path):
    MunicipalityFactory()
    with pytest.raises(CommandError, match=r"mist de kolom.*postcode"):
        call_command(
            "import-brp",
            write(tmp_path, "voorletters;achternaam;geboortedatum\nJ;X;2000-01-01\n"),
            "--municipality",
            "0153",
        )


# Reading the file: the encodings of a delivery, and a file that is no list said as such

BY_NAME = "achternaam;geboortedatum;postcode;huisnummer;huisletter;huisnummertoevoeging\n"
# A BRP extract has a column the client list has not (else it is refused as the client list).
BRP_BY_NAME = "voorletters;" + BY_NAME


@pytest.mark.parametrize("command", ["import-clients", "import-brp"])
def test_both_commands_read_windows_1252_as_the_browser_does(tmp_path, command):
    MunicipalityFactory()
    path = tmp_path / "ansi.csv"
    text = BY_NAME + "Noël;12-03-1980;7511AB;12;;\n"
    if command == "import-brp":
        text = BRP_BY_NAME + "J;Noël;12-03-1980;7511AB;12;;\n"
    path.write_bytes(text.encode("cp1252"))

    call_command(command, str(path), "--municipality", "0153")

    model = KnownClient if command == "import-clients" else ResidentRecord
    assert model.objects.get().surname == "Noël"


def test_excels_unicode_text_utf16_with_tabs_is_read_as_a_delivery_is(tmp_path):
    MunicipalityFactory()
    path = tmp_path / "unicode.txt"
    text = "achternaam\tgeboortedatum\tpostcode\thuisnummer\r\nNoël\t01-01-1980\t7511AB\t3\r\n"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))

    call_command("import-clients", str(path), "--municipality", "0153")

    assert KnownClient.objects.get().surname == "Noël"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "het bestand is leeg."),
        (BY_NAME.encode(), "het bestand bevat alleen een kopregel en geen klanten."),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "het bestand is een PDF-bestand"),
        (b"naam\nJansen\n", "heeft een kolom 'bsn' nodig"),
    ],
    ids=["empty", "header only", "pdf", "wrong columns"],
)
def test_an_empty_header_only_or_non_csv_file_is_not_called_one_missing_columns(
    tmp_path, content, message
):
    MunicipalityFactory()
    path = tmp_path / "lijst.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as refused:
        call_command("import-clients", str(path), "--municipality", "0153")
    if message != "heeft een kolom 'bsn' nodig":
        assert "kolom" not in str(refused.value)


def test_after_niet_ingelezen_the_reason_goes_on_in_lower_case_abbreviations_keep_capitals(
    tmp_path,
):
    MunicipalityFactory()
    with pytest.raises(CommandError) as empty:
        call_command("import-clients", write(tmp_path, ""), "--municipality", "0153")
    with pytest.raises(CommandError) as brp:
        call_command("import-brp", write(tmp_path, "voorletters\n"), "--municipality", "0153")

    assert str(empty.value) == "lijst.csv is niet ingelezen: het bestand is leeg."
    assert str(brp.value).startswith("lijst.csv is niet ingelezen: het BRP-uittreksel mist")


def test_every_bad_row_is_named_at_once_not_only_the_first(tmp_path):
    MunicipalityFactory()
    text = BY_NAME + (
        "Jansen;31-02-1980;7511AB;12;;\n"
        "Smit;01-02-1980;;13;;\n"
        "Bos;01-02-1980;751AB;14;;\n"
        "Mulder;01-02-1980;7511AB;abc;;\n"
    )
    with pytest.raises(CommandError) as refused:
        call_command("import-clients", write(tmp_path, text), "--municipality", "0153")
    message = str(refused.value)
    assert message.startswith("lijst.csv is niet ingelezen: 4 fouten:")
    for start in (
        "Rij 2, geboortedatum",
        "Rij 3, postcode",
        "Rij 4, postcode",
        "Rij 5, huisnummer",
    ):
        assert start in message
    assert not KnownClient.objects.exists()


def test_a_list_with_a_fault_in_every_row_shows_the_first_twenty_and_counts_the_rest(tmp_path):
    MunicipalityFactory()
    text = "bsn\n" + "12345\n" * 25
    with pytest.raises(CommandError) as refused:
        call_command("import-clients", write(tmp_path, text), "--municipality", "0153")
    message = str(refused.value)
    assert message.count("is geen geldig burgerservicenummer") == 20
    assert "Rij 21, bsn" in message and "Rij 22, bsn" not in message
    assert message.endswith("… en nog 5 fouten.")


def test_a_date_of_death_or_birth_in_the_future_refuses_the_brp_extract_naming_it(tmp_path):
    MunicipalityFactory()
    text = (
        "achternaam;geboortedatum;postcode;huisnummer;datum_overlijden\n"
        "Berg;1980-05-12;7511AB;12;2030-01-01\n"
        "Smit;2031-02-03;7511AB;14;\n"
    )
    with pytest.raises(CommandError) as refused:
        call_command("import-brp", write(tmp_path, text), "--municipality", "0153")
    assert "Rij 2, datum_overlijden: 01-01-2030 ligt in de toekomst." in str(refused.value)
    assert "Rij 3, geboortedatum: 03-02-2031 ligt in de toekomst." in str(refused.value)
    assert not ResidentRecord.objects.exists()


def test_a_list_whose_addresses_lie_mostly_elsewhere_is_read_in_with_a_warning(tmp_path, capsys):
    enschede = MunicipalityFactory()
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    PostcodeAreaFactory(postcode="7511", municipality=enschede)
    PostcodeAreaFactory(postcode="7551", municipality=hengelo)
    text = BY_NAME + "A;01-01-1980;7511AB;1;;\nB;01-01-1980;7511AB;2;;\nC;01-01-1980;7551AA;3;;\n"

    call_command("import-clients", write(tmp_path, text), "--municipality", "0164")

    output = capsys.readouterr()
    assert output.out.startswith("3 klanten ingelezen voor Hengelo.")
    assert "Let op: 2 van de 3 adressen liggen niet in Hengelo maar in Enschede." in output.err
    call_command("import-clients", write(tmp_path, text), "--municipality", "0153")
    assert capsys.readouterr().err == ""


def test_one_row_read_in_is_said_in_the_singular(tmp_path, capsys):
    MunicipalityFactory()
    call_command("import-clients", write(tmp_path, "bsn\n111222333\n"), "--municipality", "0153")
    call_command("import-brp", write(tmp_path, BRP_BY_NAME + "J;X;01-01-1980;7511AB;1;;\n"),
                 "--municipality", "0153")  # fmt: skip
    assert capsys.readouterr().out.splitlines() == [
        "1 klant ingelezen voor Enschede. De volgende matching gebruikt deze lijst.",
        "1 inwoner ingelezen voor Enschede. De volgende matching gebruikt deze lijst.",
    ]
