"""One resident named in signals of several creditors is one person on the melding page and in
the letters, whatever spelling each creditor used: the matching's person link decides."""

import datetime as dt

import pytest
from django.urls import reverse
from tests.factories import (
    AgreementFactory,
    CreditorFactory,
    UserFactory,
    enschede_with_energy_agreement,
)
from tests.letters.conftest import configure_letters
from tests.letters.pdf import pdf_text
from tests.page_text import page_text

from vroegsignaal.casework.models import Melding
from vroegsignaal.intake.erasure import erase_signals
from vroegsignaal.intake.models import Signal
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.letters import services
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.services import LetterRequest
from vroegsignaal.matching.reference_lists import BRP_COLUMNS, import_population_register
from vroegsignaal.matching.services import match_period

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)
BRP_HEADER = ";".join(BRP_COLUMNS) + "\n"


def record(customer, surname, **extra):
    return {
        "klantnummer": customer,
        "signaaldatum": "2026-10-05",
        "achternaam": surname,
        "voorletters": "J.",
        "geboortedatum": "1980-05-12",
        "straat": "Oldenzaalsestraat",
        "huisnummer": "12",
        "postcode": "7511AB",
        "woonplaats": "Enschede",
        "bedrag_achterstand": "250,00",
        "datum_ontstaan": "2026-08-01",
        **extra,
    }


@pytest.fixture
def enschede():
    municipality, energy = enschede_with_energy_agreement()
    zorg = CreditorFactory(code="zorg", name="Zorg", partner_type="Zorg")
    AgreementFactory(creditor=zorg, municipality=municipality)
    configure_letters(municipality)
    return municipality, energy, zorg


def _deliver_and_match(enschede, energy_record, zorg_record) -> Melding:
    municipality, energy, zorg = enschede
    ingest_records(energy, [energy_record], today=TODAY)
    ingest_records(zorg, [{**zorg_record, "datum_ontstaan": "2026-09-01"}], today=TODAY)
    match_period(municipality, "2026-10", today=TODAY)
    return Melding.objects.get()


def _residents_on_page(client, melding) -> list[str]:
    """The residents the melding page lists, one text per resident."""
    client.force_login(UserFactory(caseworker=True, municipality=melding.municipality))
    html = client.get(reverse("casework:melding", args=[melding.pk])).content.decode()
    items = html.split('data-testid="bewoner">')[1:]
    return [page_text(item.split("</li>")[0]) for item in items]


def _letters(melding) -> list[str]:
    """The text of each letter the first approach would write, one per addressee."""
    pdf = services.preview_pdf(melding, LetterRequest(LetterKind.FIRST), TODAY)
    return pdf_text(pdf).split("Datum: ")[1:]


@pytest.mark.parametrize(
    "zorg_first_name",
    [
        {"voorletters": "J."},
        {"voorletters": "", "voornamen": "Jan"},
        {"voorletters": ""},  # the creditor does not know the initials
    ],
    ids=["same initials", "first name against initials", "no initials"],
)
def test_a_one_letter_surname_typo_is_one_resident_on_the_melding_page_and_one_letter(
    client, enschede, zorg_first_name
):
    melding = _deliver_and_match(
        enschede, record("E1", "Appelman"), record("Z1", "Apelman", **zorg_first_name)
    )

    residents = _residents_on_page(client, melding)
    assert len(residents) == 1
    assert residents[0].startswith("J. Appelman, geboren 12-05-1980")
    assert "in de signalen ook geschreven als" in residents[0] and "Apelman" in residents[0]
    (letter,) = _letters(melding)
    assert "J. Appelman Oldenzaalsestraat 12" in letter
    assert "uw energieleverancier en uw zorgverzekeraar" in letter


@pytest.mark.parametrize(
    ("brp_initials", "written"),
    [("J.", "J."), ("J", "J."), ("J H", "J.H.")],
    ids=["with full stops", "without a full stop", "two without full stops"],
)
def test_the_brp_spelling_is_the_name_on_the_melding_page_and_in_the_letter(
    client, enschede, brp_initials, written
):
    """The extract's initials get their full stops, as the app writes initials everywhere."""
    municipality = enschede[0]
    brp_row = f";{brp_initials};;Appelman;1980-05-12;7511AB;12;;;\n"
    import_population_register(municipality, BRP_HEADER + brp_row)
    # Both creditors misspell the name; the BRP finds the person through either spelling.
    melding = _deliver_and_match(
        enschede, record("E1", "Apelman"), record("Z1", "Appelmann", voorletters="")
    )

    (resident,) = _residents_on_page(client, melding)
    assert resident.startswith(f"{written} Appelman (zo geschreven in de BRP), geboren 12-05-1980")
    assert "ook geschreven als J. Apelman, Appelmann" in resident
    (letter,) = _letters(melding)
    assert f"{written} Appelman Oldenzaalsestraat 12" in letter and "Apelman" not in letter
    assert f"Beste {written} Appelman" in letter


def test_erasing_the_signals_after_the_retention_term_removes_the_brp_spelling(enschede):
    import_population_register(enschede[0], BRP_HEADER + ";J.;;Appelman;1980-05-12;7511AB;12;;;\n")
    _deliver_and_match(enschede, record("E1", "Apelman"), record("Z1", "Appelman"))
    assert set(Signal.objects.values_list("brp_surname", flat=True)) == {"Appelman"}

    erase_signals(Signal.objects.all())

    names = Signal.objects.values_list("brp_initials", "brp_surname_prefix", "brp_surname")
    assert set(names) == {("", "", "")}


def _two_residents(client, melding) -> tuple[list[str], list[str]]:
    residents = _residents_on_page(client, melding)
    letters = _letters(melding)
    assert len(residents) == 2 and len(letters) == 2
    return residents, letters


def test_berg_and_burg_with_other_birth_dates_stay_two_residents_with_a_letter_each(
    client, enschede
):
    melding = _deliver_and_match(
        enschede,
        record("E1", "Berg"),
        record("Z1", "Burg", geboortedatum="1983-09-30"),
    )
    residents, letters = _two_residents(client, melding)
    assert residents[0].startswith("J. Berg, geboren 12-05-1980")
    assert residents[1].startswith("J. Burg, geboren 30-09-1983")
    assert "uw energieleverancier" in letters[0] and "zorgverzekeraar" not in letters[0]


def test_household_members_with_one_surname_other_initials_and_birth_dates_stay_two(
    client, enschede
):
    melding = _deliver_and_match(
        enschede,
        record("E1", "Appelman"),
        record("Z1", "Appelman", voorletters="M.", geboortedatum="1982-02-03"),
    )
    residents, _ = _two_residents(client, melding)
    assert [resident.split(",")[0] for resident in residents] == ["J. Appelman", "M. Appelman"]


def test_twins_with_one_surname_and_birth_date_but_other_initials_stay_two(client, enschede):
    melding = _deliver_and_match(
        enschede,
        record("E1", "Appelman"),
        record("Z1", "Appelman", voorletters="K."),
    )
    residents, letters = _two_residents(client, melding)
    assert [resident.split(",")[0] for resident in residents] == ["J. Appelman", "K. Appelman"]
    assert "J. Appelman Oldenzaalsestraat" in letters[0]
    assert "K. Appelman Oldenzaalsestraat" in letters[1]


def _creditors_by_addressee(letters: list[str]) -> dict[str, str]:
    """Per letter: the name in the envelope window, and the creditors the letter names."""
    found = {}
    for letter in letters:
        addressee = letter.rsplit("7500 AA Enschede ", 1)[1].split(" Oldenzaalsestraat")[0]
        found[addressee] = letter.split("Wij kregen een bericht van ")[1].split(". Daarin")[0]
    return found


def _twins_and_a_signal_without_initials(enschede) -> Melding:
    """J. (energy) and K. Appelman (zorg), born the same day at one address, and a water
    company's signal 'Appelman' without initials that fits both."""
    water = CreditorFactory(code="water", name="Water", partner_type="Water")
    AgreementFactory(creditor=water, municipality=enschede[0])
    ingest_records(water, [record("W1", "Appelman", voorletters="")], today=TODAY)
    return _deliver_and_match(
        enschede, record("E1", "Appelman"), record("Z1", "Appelman", voorletters="K.")
    )


TWINS_IN_THE_BRP = ";J.;;Appelman;1980-05-12;7511AB;12;;;\n;K.;;Appelman;1980-05-12;7511AB;12;;;\n"


@pytest.mark.parametrize("twins_in_the_brp", [False, True], ids=["without BRP", "both in the BRP"])
def test_twins_stay_two_residents_with_a_letter_each_when_a_signal_without_initials_fits_both(
    client, enschede, twins_in_the_brp
):
    # The water company knows no initials: its signal fits both twins, so it cannot say whose
    # arrears these are. It must not make the twins one resident, nor go to one of them: it is
    # a resident of its own, written to as the water company wrote the name. The BRP cannot
    # say whose either: it does not give the third resident a twin's name.
    municipality = enschede[0]
    if twins_in_the_brp:
        import_population_register(municipality, BRP_HEADER + TWINS_IN_THE_BRP)
    melding = _twins_and_a_signal_without_initials(enschede)

    residents = _residents_on_page(client, melding)
    names = sorted(resident.split(",")[0] for resident in residents)
    in_brp = " (zo geschreven in de BRP)" if twins_in_the_brp else ""
    assert names == ["Appelman", f"J. Appelman{in_brp}", f"K. Appelman{in_brp}"]
    assert not any("ook geschreven als" in resident for resident in residents)
    letters = _letters(melding)
    assert _creditors_by_addressee(letters) == {
        "J. Appelman": "uw energieleverancier",
        "K. Appelman": "uw zorgverzekeraar",
        "Appelman": "uw drinkwaterbedrijf",
    }
    # Without initials nor a known gender, the greeting does not guess one.
    (third,) = [letter for letter in letters if "uw drinkwaterbedrijf" in letter]
    assert "Beste heer/mevrouw Appelman," in third


def test_the_melding_page_says_whom_a_resident_without_initials_could_be(client, enschede):
    # The water company's signal fits both twins; the matching keeps it a resident of its own.
    # The caseworker is told it may be either twin, so she can ask at the door.
    melding = _twins_and_a_signal_without_initials(enschede)

    residents = _residents_on_page(client, melding)
    (third,) = [resident for resident in residents if resident.startswith("Appelman")]
    assert third == (
        "Appelman, geboren 12-05-1980; kan J. Appelman of K. Appelman zijn: "
        "het signaal noemt geen voorletters"
    )
    twins = [resident for resident in residents if not resident.startswith("Appelman")]
    assert not any("kan " in twin for twin in twins)


def test_a_resident_without_initials_beside_one_namesake_is_linked_not_asked_about(
    client, enschede
):
    # With one person it fits, the matching links the signal: no question on the page.
    melding = _deliver_and_match(
        enschede, record("E1", "Appelman"), record("Z1", "Appelman", voorletters="")
    )
    residents = _residents_on_page(client, melding)
    assert len(residents) == 1
    assert "kan " not in residents[0]
