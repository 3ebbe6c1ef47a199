"""To whom a letter goes, and which creditors it names."""

import datetime as dt

import pytest

from tests.casework.factories import SignalFactory
from tests.factories import CreditorFactory
from tests.letters.conftest import MOMENT, assigned_melding
from tests.letters.pdf import pdf_text
from vroegsignaal.casework.models import MeldingSignal
from vroegsignaal.ddas import Geslacht, Signaalpartner
from vroegsignaal.letters import services
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import Addressing, Letterhead
from vroegsignaal.letters.services import LetterRequest


def _add_partner(melding, person_key="", **person):
    landlord = CreditorFactory(
        code="woonbedrijf", name="Woonbedrijf", partner_type=Signaalpartner.HUUR
    )
    signal = SignalFactory(
        creditor=landlord,
        municipality=melding.municipality,
        address_key=melding.address_key,
        house_number=melding.house_number,
        **person,
    )
    MeldingSignal.objects.create(signal=signal, melding=melding, person_key=person_key)


def test_each_person_gets_a_letter_naming_only_their_own_creditor(melding):
    _add_partner(
        melding,
        initials="P.",
        surname_prefix="de",
        surname="Vries",
        gender=Geslacht.MAN,
        birth_date=dt.date(1975, 1, 2),
    )
    text = pdf_text(services.preview_pdf(melding, LetterRequest(LetterKind.FIRST), MOMENT.date()))
    first, second = text.split("Datum: ")[1:]
    assert "Beste J. Jansen," in first and "uw energieleverancier" in first
    assert "verhuurder" not in first
    assert "Beste meneer De Vries," in second and "uw verhuurder" in second
    assert "energieleverancier" not in second
    assert "P. de Vries Oldenzaalsestraat 12A" in text


def test_a_person_without_initials_or_gender_is_greeted_as_heer_mevrouw(melding):
    """Not 'Beste De Vries': the letter neither leaves the greeting curt nor guesses."""
    _add_partner(melding, initials="", first_names="", surname_prefix="de", surname="Vries",
                 gender=Geslacht.LEEG, birth_date=dt.date(1975, 1, 2))  # fmt: skip
    text = pdf_text(services.preview_pdf(melding, LetterRequest(LetterKind.FIRST), MOMENT.date()))
    second = text.split("Datum: ")[2]
    assert "Beste heer/mevrouw De Vries," in second
    assert "de Vries Oldenzaalsestraat 12A" in second


def test_aan_de_bewoners_gives_one_letter_naming_every_creditor(melding):
    Letterhead.objects.filter(municipality=melding.municipality).update(
        addressing=Addressing.RESIDENTS
    )
    _add_partner(melding, initials="P.", surname="Vries")
    text = pdf_text(services.preview_pdf(melding, LetterRequest(LetterKind.FIRST), MOMENT.date()))
    assert text.count("Datum: ") == 1
    assert "Aan de bewoners van Oldenzaalsestraat 12A 7511 AB ENSCHEDE" in text
    assert "Beste bewoner," in text
    assert "Jansen" not in text
    assert "uw energieleverancier en uw verhuurder" in text


def test_signals_the_matching_linked_to_one_person_get_one_letter(melding):
    """The matching's person link decides, not the spelling: the second signal's 'Janssen' is
    the same person as 'Jansen' (tests/matching/test_one_person_across_the_chain.py goes
    through the matching itself)."""
    person = f"{melding.key}|1"
    melding.signal_links.update(person_key=person)
    _add_partner(melding, person_key=person, surname="Janssen", birth_date=dt.date(1980, 5, 17))
    text = pdf_text(services.preview_pdf(melding, LetterRequest(LetterKind.FIRST), MOMENT.date()))
    assert text.count("Datum: ") == 1
    assert "uw energieleverancier en uw verhuurder" in text


@pytest.mark.parametrize(
    ("letter", "addition", "written"), [("", "2", "93-2"), ("B", "", "93B"), ("B", "2", "93B-2")]
)
def test_the_letter_writes_the_huisletter_attached_and_the_toevoeging_after_a_hyphen(
    enschede, caseworker, letterhead, letter, addition, written
):
    """Letter and addition glued ('93B2') read as another house; each has its own place."""
    melding = assigned_melding(
        enschede, caseworker, street="Lasondersingel", postcode="7514BN", house_number=93,
        house_letter=letter, house_number_addition=addition,
    )  # fmt: skip

    text = pdf_text(services.preview_pdf(melding, LetterRequest(LetterKind.FIRST), MOMENT.date()))

    assert f"Lasondersingel {written} 7514 BN ENSCHEDE" in text
