"""`vroegsignaal import-clients` and `vroegsignaal import-brp`."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from tests.factories import MunicipalityFactory

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
    with pytest.raises(CommandError, match=r"Rij 3, bsn: .*elfproef"):
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
            write(tmp_path, "achternaam;geboortedatum\nX;2000-01-01\n"),
            "--municipality",
            "0153",
        )
