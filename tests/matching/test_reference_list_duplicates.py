"""Rule: in a BRP extract one BSN is one person (QA14 B5).

The BRP check looks a signal's person up by BSN first (matching.md), so an extract that gives
one BSN to two people could put the wrong name on a letter, or close a melding as deceased or
no inhabitant for the wrong person. Such an extract is refused, naming both rows, with its
other faults. The same row twice says nothing new about anyone (an export that joined a table
twice): it is read in once, with a warning to check the export. The format is one row per
resident, so the same person with other data (another address) is refused too: which row holds?

A client list only says who is known to debt help: two rows of one client (a client with two
trajects) are one known client, whatever else the rows say, so the list counts each once.
"""

import pytest
from django.core.management import CommandError, call_command
from tests.factories import MunicipalityFactory

from vroegsignaal.matching.models import KnownClient, ResidentRecord

pytestmark = pytest.mark.django_db

HEADER = (
    "bsn;voorletters;voorvoegsel;achternaam;geboortedatum;postcode;huisnummer;huisletter;"
    "huisnummertoevoeging;datum_overlijden\n"
)
DE_VRIES = "563347223;J;de;Vries;1980-05-17;7411AB;12;;;\n"
YILMAZ = "227514750;F;;Yılmaz;2001-03-01;7421CD;5;A;;\n"
BAKKER = "977898908;P;;Bakker;1960-01-01;7425EF;100;;;\n"


def import_brp(tmp_path, text: str) -> str:
    MunicipalityFactory()
    path = tmp_path / "brp_dupbsn.csv"
    path.write_text(HEADER + text)
    call_command("import-brp", str(path), "--municipality", "0153")


def refusal(tmp_path, text: str) -> str:
    with pytest.raises(CommandError) as refused:
        import_brp(tmp_path, text)
    assert not ResidentRecord.objects.exists()
    return str(refused.value)


def test_a_brp_extract_giving_one_bsn_to_two_people_is_refused_naming_both_rows(tmp_path):
    jansen = "563347223;A;;Jansen;1975-02-02;7431GH;3;;;\n"

    said = refusal(tmp_path, DE_VRIES + YILMAZ + BAKKER + jansen)

    assert said == (
        "brp_dupbsn.csv is niet ingelezen: rij 5, bsn: 563347223 staat ook in rij 2 (een ander "
        "persoon)."
    )


def test_a_bsn_given_twice_is_said_in_row_order_among_the_other_faults(tmp_path):
    jansen = "563347223;A;;Jansen;1975-02-02;7431GH;3;;;\n"
    wrong_date = "118492470;M;;Smit;1985-02-31;7412LM;20;;;\n"

    said = refusal(tmp_path, DE_VRIES + jansen + wrong_date)

    assert said.startswith("brp_dupbsn.csv is niet ingelezen: 2 fouten:\n  Rij 3, bsn: 563347223")
    assert said.index("Rij 4, geboortedatum") > said.index("staat ook in rij 2")


def test_the_same_person_under_one_bsn_at_another_address_is_refused_naming_what_differs(
    tmp_path,
):
    moved = "563347223;J;de;Vries;1980-05-17;7431GH;3;;;\n"

    said = refusal(tmp_path, DE_VRIES + YILMAZ + moved)

    assert said == (
        "brp_dupbsn.csv is niet ingelezen: rij 4, bsn: 563347223 staat ook in rij 2 (dezelfde "
        "persoon met andere gegevens in postcode en huisnummer; het uittreksel heeft één rij per "
        "inwoner)."
    )


def test_the_same_row_twice_is_read_in_once_with_a_warning_to_check_the_export(tmp_path, capsys):
    import_brp(tmp_path, DE_VRIES + YILMAZ + BAKKER + DE_VRIES)

    output = capsys.readouterr()
    assert output.out.startswith("3 inwoners ingelezen voor Enschede.")
    assert output.err == (
        "Let op: 1 rij staat er precies zo al in: rij 5 (als rij 2); die inwoner is één keer "
        "ingelezen. Een BRP-uittreksel heeft één rij per inwoner: controleer de export.\n"
    )
    assert ResidentRecord.objects.count() == 3


def test_many_repeated_rows_are_counted_and_the_first_three_named(tmp_path, capsys):
    import_brp(tmp_path, (DE_VRIES + YILMAZ + BAKKER) * 3)

    assert capsys.readouterr().err.startswith(
        "Let op: 6 rijen staan er precies zo al in: rij 5 (als rij 2), rij 6 (als rij 3), "
        "rij 7 (als rij 4), …; elke inwoner is één keer ingelezen."
    )
    assert ResidentRecord.objects.count() == 3


def test_a_client_listed_twice_in_the_client_list_counts_once_without_a_word(tmp_path, capsys):
    MunicipalityFactory()
    path = tmp_path / "klanten.csv"
    path.write_text(
        "bsn;achternaam;geboortedatum;postcode;huisnummer\n"
        "563347223;Vries;1980-05-17;7411AB;12\n"
        "563347223;Vries;1980-05-17;7411AB;12\n"
        "563347223;de Vries;1980-05-17;7431GH;3\n"
        ";Bakker;1960-01-01;7425EF;100\n"
        ";Bakker;1960-01-01;7425EF;100\n"
    )

    call_command("import-clients", str(path), "--municipality", "0153")

    output = capsys.readouterr()
    assert output.out.startswith("2 klanten ingelezen voor Enschede.")
    assert output.err == ""
    assert KnownClient.objects.count() == 2
