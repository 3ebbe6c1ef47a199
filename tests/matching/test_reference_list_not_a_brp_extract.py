"""Rule: a file that is not (all of) the municipality's BRP extract is not read in as its
first extract unasked.

The client list read in by `import-brp` made its few people the only residents: at the next
matching every other signal was closed as 'geen inwoner (meer)', and that goes to the creditor
by itself. The opposite of the client-list doubt (test_reference_list_not_a_client_list):
- a file with none of the columns only the BRP extract has (voorletters, voorvoegsel,
  datum_overlijden) is refused, with what to do for either list; no option lifts it: a real
  extract has those columns, so nothing needs confirming every month;
- a first extract holding far fewer of the addresses of the municipality's signals, or of its
  postcode areas, than a register of every resident does, is read in only when confirmed
  (`--confirm-complete-extract`), in the shape of the other doubts, and then with a warning.
A replacement is compared with the current extract instead (`--allow-smaller`).
"""

import pytest
from django.core.management import CommandError, call_command
from tests.casework.factories import SignalFactory
from tests.factories import MunicipalityFactory, PostcodeAreaFactory

from vroegsignaal.matching.list_doubts import COMPLETE_EXTRACT
from vroegsignaal.matching.models import ResidentRecord
from vroegsignaal.matching.reference_lists import import_population_register

pytestmark = pytest.mark.django_db

BRP_HEADER = (
    "bsn;voorletters;voorvoegsel;achternaam;geboortedatum;postcode;huisnummer;huisletter;"
    "huisnummertoevoeging;datum_overlijden\n"
)
CLIENT_LIST = "achternaam;geboortedatum;postcode;huisnummer\nJansen;01-02-1970;7511AB;12\n"
EFFECT = (
    "Wie niet in het uittreksel staat, geldt bij de volgende matching als geen inwoner (meer); "
    "zo'n melding wordt niet opgepakt."
)


def residents(*addresses: tuple[str, int]) -> str:
    return BRP_HEADER + "".join(
        f";J;;Jansen;1970-02-01;{postcode};{number};;;\n" for postcode, number in addresses
    )


def import_brp(tmp_path, text: str, *options: str) -> None:
    path = tmp_path / "brp.csv"
    path.write_text(text)
    call_command("import-brp", str(path), "--municipality", "0153", *options)


def refusal(tmp_path, text: str) -> str:
    with pytest.raises(CommandError) as refused:
        import_brp(tmp_path, text)
    return " ".join(str(refused.value).split())


@pytest.fixture
def enschede():
    return MunicipalityFactory()


def signals_at(municipality, count: int, postcode: str = "7511AB") -> None:
    for number in range(1, count + 1):
        SignalFactory(municipality=municipality, postcode=postcode, house_number=number)


def test_the_client_list_read_in_as_the_brp_extract_is_refused_with_what_to_do(tmp_path, enschede):
    said = refusal(tmp_path, CLIENT_LIST)

    assert said == (
        "brp.csv is niet ingelezen: is dit wel een BRP-uittreksel? Het bestand heeft geen van "
        "de kolommen die in een BRP-uittreksel horen en die een klantenlijst niet gebruikt: "
        "voorletters, voorvoegsel en datum_overlijden. Een klantenlijst leest u in met "
        "import-clients, of in de browser onder Matching → Klantenlijst en BRP-uittreksel. "
        f"{EFFECT} Is dit wel het BRP-uittreksel, neem die kolommen dan op in de export (leeg "
        "bij een inwoner zonder)."
    )
    assert not ResidentRecord.objects.exists()


def test_a_client_list_of_bsns_alone_gets_the_same_refusal_not_one_of_missing_columns(
    tmp_path, enschede
):
    said = refusal(tmp_path, "bsn\n563347223\n")

    assert "is dit wel een BRP-uittreksel?" in said
    assert "mist de kolom" not in said


def test_an_extract_with_one_of_the_brp_columns_is_read_in(tmp_path, enschede, capsys):
    header = "voorletters;achternaam;geboortedatum;postcode;huisnummer\n"

    import_brp(tmp_path, header + "J;Jansen;01-02-1970;7511AB;12\n")

    assert ResidentRecord.objects.count() == 1
    assert capsys.readouterr().err == ""


def test_a_first_extract_without_most_addresses_of_the_signals_is_read_in_only_when_confirmed(
    tmp_path, enschede, capsys
):
    signals_at(enschede, 40)
    text = residents(*(("7511AB", number) for number in range(1, 4)))

    said = refusal(tmp_path, text)

    assert said == (
        "brp.csv is niet ingelezen: is dit het volledige BRP-uittreksel van Enschede? Van de 40 "
        "adressen in de signalen voor Enschede staan er 3 in dit bestand (8%); een volledig "
        "uittreksel heeft bijna al die adressen, want het heeft alle inwoners. "
        f"{EFFECT} Is dit toch het volledige BRP-uittreksel, draai de opdracht dan met "
        "--confirm-complete-extract."
    )
    assert not ResidentRecord.objects.exists()

    import_brp(tmp_path, text, "--confirm-complete-extract")

    assert ResidentRecord.objects.count() == 3
    assert " ".join(capsys.readouterr().err.split()) == (
        "Let op: het BRP-uittreksel lijkt niet volledig. Van de 40 adressen in de signalen voor "
        "Enschede staan er 3 in dit bestand (8%); een volledig uittreksel heeft bijna al die "
        f"adressen, want het heeft alle inwoners. {EFFECT} Klopt dat niet, lees dan het "
        "volledige uittreksel in vóór de volgende matching."
    )


def test_a_first_extract_with_half_of_the_signals_addresses_or_more_is_not_asked(
    tmp_path, enschede
):
    signals_at(enschede, 40)

    import_brp(tmp_path, residents(*(("7511AB", number) for number in range(1, 21))))

    assert ResidentRecord.objects.count() == 20


def test_a_few_signals_are_too_few_to_judge_an_extract_by(tmp_path, enschede):
    signals_at(enschede, 19)

    import_brp(tmp_path, residents(("7511AB", 1)))

    assert ResidentRecord.objects.count() == 1


def test_erased_signals_have_no_address_to_count(tmp_path, enschede):
    # Retention keeps an erased signal's postcode area and sets its house number to 0.
    for _ in range(40):
        SignalFactory(municipality=enschede, postcode="7511", house_number=0)

    import_brp(tmp_path, residents(("7511AB", 1)))

    assert ResidentRecord.objects.count() == 1


def test_a_first_extract_living_in_few_of_the_postcode_areas_is_read_in_only_when_confirmed(
    tmp_path, enschede
):
    for postcode in ("7511", "7512", "7513", "7514", "7521AB", "7522"):
        PostcodeAreaFactory(postcode=postcode, municipality=enschede)
    two_areas = residents(("7511AB", 1), ("7521AB", 5))

    said = refusal(tmp_path, two_areas)

    assert (
        "is dit het volledige BRP-uittreksel van Enschede? In 2 van de 6 postcodegebieden van "
        "Enschede woont volgens dit bestand iemand (33%); in een volledig uittreksel wonen in "
        "bijna elk postcodegebied mensen."
    ) in said
    import_brp(tmp_path, residents(("7511AB", 1), ("7512CD", 1), ("7521AB", 5)))
    assert ResidentRecord.objects.count() == 3  # half the areas: not asked


def test_a_few_postcode_areas_are_too_few_to_judge_an_extract_by(tmp_path, enschede):
    for postcode in ("7511", "7512", "7513", "7514"):
        PostcodeAreaFactory(postcode=postcode, municipality=enschede)

    import_brp(tmp_path, residents(("7511AB", 1)))

    assert ResidentRecord.objects.count() == 1


def test_both_reasons_are_said_in_one_question(tmp_path, enschede):
    for postcode in ("7511", "7512", "7513", "7514", "7515"):
        PostcodeAreaFactory(postcode=postcode, municipality=enschede)
    signals_at(enschede, 30, postcode="7512CD")

    said = refusal(tmp_path, residents(("7511AB", 1)))

    assert said.count("--confirm-complete-extract") == 1
    assert "Van de 30 adressen in de signalen" in said
    assert "In 1 van de 5 postcodegebieden" in said


def test_a_replacing_extract_is_compared_with_the_current_one_instead(tmp_path, enschede):
    import_brp(tmp_path, residents(*(("7511AB", number) for number in range(1, 4))))
    signals_at(enschede, 40)

    import_brp(tmp_path, residents(*(("7511AB", number) for number in range(1, 5))))

    assert ResidentRecord.objects.count() == 4


def test_the_service_takes_the_confirmation_as_the_command_does(enschede):
    signals_at(enschede, 40)

    imported = import_population_register(
        enschede, residents(("7511AB", 1)), confirmed=[COMPLETE_EXTRACT]
    )

    assert imported.rows == 1
    assert imported.warnings[0].startswith("Let op: het BRP-uittreksel lijkt niet volledig.")
