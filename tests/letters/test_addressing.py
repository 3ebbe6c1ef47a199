"""To whom a letter goes, and which creditors it names."""

import datetime as dt

from tests.casework.factories import SignalFactory
from tests.factories import CreditorFactory
from tests.letters.conftest import MOMENT
from tests.letters.pdf import pdf_text
from vroegsignaal.casework.models import MeldingSignal
from vroegsignaal.ddas import Geslacht, Signaalpartner
from vroegsignaal.letters import services
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import Addressing, Letterhead
from vroegsignaal.letters.services import LetterRequest


def _add_partner(melding, **person):
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
    MeldingSignal.objects.create(signal=signal, melding=melding)


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


def test_the_same_person_in_two_signals_gets_one_letter(melding):
    _add_partner(melding, initials="J.", surname="Jansen", birth_date=dt.date(1980, 5, 17))
    text = pdf_text(services.preview_pdf(melding, LetterRequest(LetterKind.FIRST), MOMENT.date()))
    assert text.count("Datum: ") == 1
    assert "uw energieleverancier en uw verhuurder" in text
