"""The letter that opens a contact round tells the resident what the municipality does with her
data (AVG art. 14): she never asked for contact and the data came from her creditor (QA10 B5)."""

import pytest
from django.urls import reverse

from tests.factories import CreditorFactory
from tests.letters.conftest import MOMENT, assigned_melding
from tests.letters.pdf import pdf_reader, pdf_text
from tests.page_text import page_text
from tests.pdf_words import pdf_words
from vroegsignaal.ddas import Signaalpartner
from vroegsignaal.intake.models import Signal
from vroegsignaal.letters import services
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import LetterBatch
from vroegsignaal.letters.services import LetterRequest

HEADING = "Wat doen wij met uw gegevens?"


def with_privacy_officer(municipality):
    municipality.privacy_officer_email = "fg@enschede.example"
    municipality.privacy_officer_phone = "053 481 10 10"
    municipality.privacy_officer_address = "Postbus 20, 7500 AA Enschede"
    municipality.save()


def letter_text(melding, kind=LetterKind.FIRST) -> str:
    return pdf_text(services.preview_pdf(melding, LetterRequest(kind), MOMENT.date()))


def privacy_part(text: str) -> str:
    return text[text.index(HEADING) :]


def test_the_first_letter_says_which_data_came_from_which_creditor_and_why(melding):
    notice = privacy_part(letter_text(melding))

    assert (
        "Wij kregen van uw energieleverancier uw naam, adres, geboortedatum en klantnummer, "
        "en hoeveel u nog moet betalen en sinds wanneer." in notice
    )
    assert "alleen om u hulp aan te bieden" in notice
    assert "Wet gemeentelijke schuldhulpverlening, artikel 3" in notice
    assert "AVG artikel 6 lid 1 sub e" in notice


def test_the_first_letter_names_how_long_the_data_is_kept_from_the_installations_term(
    melding, settings
):
    assert "Wij bewaren uw gegevens tot 2 jaar nadat wij klaar zijn met uw melding." in (
        privacy_part(letter_text(melding))
    )
    settings.RETENTION_MELDING_DAYS = 365

    assert "tot 1 jaar nadat wij klaar zijn met uw melding" in privacy_part(letter_text(melding))


def test_the_first_letter_names_the_right_of_access_objection_and_complaint(melding):
    notice = privacy_part(letter_text(melding))

    assert "U mag vragen welke gegevens wij van u hebben (AVG artikel 15)" in notice
    assert "bezwaar maken tegen het gebruik van uw gegevens (AVG artikel 21)" in notice
    assert "Autoriteit Persoonsgegevens" in notice


def test_the_letter_gives_the_privacy_officers_contact_details_when_the_municipality_has_them(
    melding, enschede
):
    with_privacy_officer(enschede)

    notice = privacy_part(letter_text(melding))

    assert (
        "De functionaris gegevensbescherming van de gemeente Enschede: e-mail "
        "fg@enschede.example, telefoon 053 481 10 10, post: Postbus 20, 7500 AA Enschede."
    ) in notice


def test_without_privacy_officer_details_the_letter_sends_questions_to_the_team(melding):
    notice = privacy_part(letter_text(melding))

    assert "Neem dan contact met ons op; zie 'Zo bereikt u ons' op de eerste bladzijde." in notice
    assert "functionaris" not in notice


def test_the_notice_names_only_the_data_the_creditor_sent(enschede, caseworker, letterhead):
    """A phone number, e-mail address or BSN is named when a signal of the resident had one
    (only a health insurer may send a BSN)."""
    zorg = CreditorFactory(
        code="zorg-oost", name="Zorgverzekeraar Oost", partner_type=Signaalpartner.ZORG
    )
    melding = assigned_melding(
        enschede,
        caseworker,
        signals__creditor=zorg,
        signals__phone="06 98 76 54 32",
        signals__bsn="111222333",
    )

    notice = privacy_part(letter_text(melding))

    assert (
        "Wij kregen van uw zorgverzekeraar uw naam, adres, geboortedatum, telefoonnummer, "
        "burgerservicenummer (BSN) en klantnummer, en hoeveel u nog moet betalen" in notice
    )
    assert "e-mailadres" not in notice


def test_the_heropaf_letter_carries_the_same_privacy_notice(enschede, caseworker, letterhead):
    reopened = assigned_melding(enschede, caseworker, contact_round=2)

    notice = privacy_part(letter_text(reopened, LetterKind.HEROPAF))

    assert notice.startswith(HEADING + " Wij kregen van uw energieleverancier uw naam")


@pytest.mark.parametrize("kind", [LetterKind.REMINDER, LetterKind.APPOINTMENT])
def test_letters_after_the_opening_letter_repeat_no_privacy_notice(kind, reached):
    extra = {"afspraak_datum": "do 3 dec", "afspraak_tijd": "10.00 uur", "afspraak_plaats": "hier"}
    content = services.preview_pdf(reached, LetterRequest(kind, extra), MOMENT.date())

    assert HEADING not in pdf_text(content)
    assert len(pdf_reader(content).pages) == 1


def test_the_notice_is_the_back_page_so_a_print_batch_stays_two_pages_per_letter(
    logged_in_caseworker, enschede, caseworker, letterhead, tmp_path
):
    """Page 1 stays the letter as it was, with a line pointing to the notice; the notice always
    starts a page of its own, so a print room that prints double-sided gets every letter on
    one sheet, also in a batch."""
    two = [assigned_melding(enschede, caseworker) for _ in range(2)]
    logged_in_caseworker.post(
        reverse("letters:batch"), {"melding": [f"{m.pk}:{m.version}" for m in two]}
    )
    batch = LetterBatch.objects.get()
    path = tmp_path / "batch.pdf"
    path.write_bytes(batch.pdf.read())
    words = pdf_words(path)

    def pages_of(text):
        return [w["page"] for w in words if w["text"] == text]

    assert max(w["page"] for w in words) == 4
    assert pages_of("gegevens?") == [2, 4]
    assert pages_of("Beste") == [1, 3]
    page_one = " ".join(w["text"] for w in words if w["page"] == 1)
    assert "Wat wij met uw gegevens doen, leest u op de volgende bladzijde." in page_one


@pytest.fixture
def logged_in_caseworker(client, caseworker):
    client.force_login(caseworker)
    return client


def test_the_letter_page_warns_while_the_privacy_officer_is_missing(
    logged_in_caseworker, melding, enschede
):
    url = reverse("letters:melding", args=[melding.pk])
    warning = "heeft nog geen contactgegevens van de functionaris gegevensbescherming"

    without = page_text(logged_in_caseworker.get(url))
    with_privacy_officer(enschede)
    with_officer = page_text(logged_in_caseworker.get(url))

    assert warning in without and "Beheer → Organisaties → Gemeenten" in without
    assert warning not in with_officer


def test_the_editor_preview_shows_the_fixed_privacy_notice_of_an_opening_letter(
    logged_in_caseworker, melding
):
    first = page_text(
        logged_in_caseworker.get(reverse("letters:template", args=[LetterKind.FIRST]))
    )
    reminder = page_text(
        logged_in_caseworker.get(reverse("letters:template", args=[LetterKind.REMINDER]))
    )

    assert HEADING in first and "Wij kregen van uw energieleverancier uw naam" in first
    assert HEADING not in reminder


def test_the_notice_names_the_brp_as_a_source_when_the_municipality_checked_her_there(
    melding, enschede
):
    """AVG art. 14 lid 2 sub f: every source. Matching looked her up in the municipality's BRP
    extract (the melding page says 'zo geschreven in de BRP'); without an extract it did not.
    With it and the privacy officer's details the notice still fills one page."""
    assert "Basisregistratie Personen" not in privacy_part(letter_text(melding))
    Signal.objects.filter(melding_link__melding=melding).update(
        brp_initials="J.", brp_surname="Jansen"
    )
    with_privacy_officer(enschede)

    content = services.preview_pdf(melding, LetterRequest(LetterKind.FIRST), MOMENT.date())
    notice = privacy_part(pdf_text(content))

    assert len(pdf_reader(content).pages) == 2

    assert (
        "Wij hebben ook in de Basisregistratie Personen (BRP) van de gemeente gekeken of u op "
        "dit adres woont." in notice
    )


def test_the_notice_says_what_is_erased_after_the_term(melding):
    assert "Daarna wissen wij uw naam, adres en de andere gegevens die over u gaan." in (
        privacy_part(letter_text(melding))
    )
