"""A melding whose signals gave no straat or woonplaats (both optional in a delivery) gets no
letter addressed '5A' above '7421 CD' (QA14 B13): the melding page says the address is
incomplete for letters, and the letters that go by post are refused with that reason. A card,
left at the door after a missed home visit, needs no postal address: it carries the name only,
and its preview says, where the address would be, why no letter goes by post and what to do."""

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.letters.conftest import MOMENT, assigned_melding
from tests.letters.pdf import pdf_text
from tests.page_text import page_text
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.postal_address import why_no_letter
from vroegsignaal.ddas import Contactsoort, Dagdeel
from vroegsignaal.letters import services
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import SentLetter

NO_STREET = (
    "Geen brief mogelijk: van het adres ontbreekt de straat; de signaalpartners leverden die "
    "niet aan. Neem op een andere manier contact op (huisbezoek, telefoon), of vraag via het "
    "meldpunt de signaalpartner het signaal opnieuw aan te leveren met de straat: na opnieuw "
    "matchen staat het adres compleet op de melding."
)


@pytest.fixture
def without_street(enschede, caseworker, letterhead):
    return assigned_melding(enschede, caseworker, street="", signals__street="")


def test_the_reason_names_what_is_missing(enschede):
    assert why_no_letter(MeldingFactory(municipality=enschede, street="")) == NO_STREET
    both = MeldingFactory(municipality=enschede, street="", city="")
    assert why_no_letter(both).startswith(
        "Geen brief mogelijk: van het adres ontbreken de straat en de woonplaats; de "
        "signaalpartners leverden ze niet aan."
    )
    assert why_no_letter(MeldingFactory(municipality=enschede)) == ""


def test_the_melding_page_says_the_address_is_incomplete_for_letters(
    client, without_street, caseworker
):
    client.force_login(caseworker)
    text = page_text(client.get(reverse("casework:melding", args=[without_street.pk])))
    assert NO_STREET in " ".join(text.split())


def test_a_complete_address_gets_no_such_line(client, enschede, caseworker, letterhead):
    melding = assigned_melding(enschede, caseworker)
    client.force_login(caseworker)
    html = client.get(reverse("casework:melding", args=[melding.pk])).content.decode()
    assert 'data-testid="geen-brief-adres"' not in html


@pytest.mark.parametrize("kind", [LetterKind.FIRST, LetterKind.REMINDER, LetterKind.APPOINTMENT])
def test_a_letter_by_post_is_unavailable_with_the_reason(without_street, kind):
    assert services.unavailable_kinds(without_street, [])[kind] == NO_STREET


def test_send_letter_refuses_and_records_nothing(without_street, caseworker):
    request = services.LetterRequest(LetterKind.FIRST)
    with pytest.raises(services.LetterError) as refusal:
        services.send_letter(without_street, caseworker, without_street.version, request, MOMENT)
    assert str(refusal.value) == NO_STREET
    assert not SentLetter.objects.exists() and not without_street.contact_attempts.exists()


def test_the_letter_page_names_the_reason(client, without_street, caseworker):
    client.force_login(caseworker)
    text = page_text(client.get(reverse("letters:melding", args=[without_street.pk])))
    assert NO_STREET in " ".join(text.split())


def _missed_visit(melding, caseworker):
    visit = record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=MOMENT.date(), part_of_day=Dagdeel.AVOND, reached=False,
    )  # fmt: skip
    melding.refresh_from_db()
    return visit


def test_a_card_after_a_missed_visit_can_still_be_left(without_street, caseworker):
    visit = _missed_visit(without_street, caseworker)
    assert LetterKind.CARD not in services.unavailable_kinds(without_street, [visit])


def test_the_print_batch_skips_it_with_the_reason(enschede, caseworker, letterhead, without_street):
    complete = assigned_melding(enschede, caseworker, postcode="7512BC")
    selection = [(m, m.version) for m in (without_street, complete)]
    result = services.first_letter_batch(enschede, selection, caseworker, MOMENT)
    assert result.batch.letter_count == 1
    assert [(m.pk, reason) for m, reason in result.skipped] == [(without_street.pk, NO_STREET)]
    assert not without_street.contact_attempts.exists()


def test_the_card_preview_says_why_no_letter_goes_by_post_instead_of_an_incomplete_address(
    client, without_street, caseworker
):
    visit = _missed_visit(without_street, caseworker)
    client.force_login(caseworker)
    preview = client.post(
        reverse("letters:melding", args=[without_street.pk]),
        {"version": without_street.version, "kind": LetterKind.CARD, "visit": visit.pk,
         "actie": "voorbeeld"},
    )  # fmt: skip
    assert preview["Content-Type"] == "application/pdf"
    text = pdf_text(preview.content)
    assert (
        f"Alleen in dit voorbeeld, niet op het kaartje: {NO_STREET} Een kaartje laat u aan de "
        "deur achter; het noemt daarom alleen de naam, zonder onvolledig adres."
    ) in text
    assert "J. Jansen" in text
    assert f"{without_street.house_number} 7511 AB ENSCHEDE" not in text
    assert "7511 AB" not in text


def test_the_card_itself_carries_the_name_and_no_incomplete_address(without_street, caseworker):
    visit = _missed_visit(without_street, caseworker)
    request = services.LetterRequest(LetterKind.CARD, visit=visit)
    sent = services.send_letter(without_street, caseworker, without_street.version, request, MOMENT)
    text = pdf_text(sent.pdf.read())
    assert "J. Jansen" in text and "7511 AB" not in text
    assert "voorbeeld" not in text.lower() and "Geen brief mogelijk" not in text


def test_a_letter_to_a_complete_address_has_no_notice_in_its_preview(
    enschede, caseworker, letterhead
):
    melding = assigned_melding(enschede, caseworker)
    request = services.LetterRequest(LetterKind.FIRST)
    text = pdf_text(services.preview_pdf(melding, request, MOMENT.date()))
    assert "7511 AB  ENSCHEDE" in text or "7511 AB ENSCHEDE" in text
    assert "Alleen in dit voorbeeld" not in text


def test_the_letter_page_warns_once_as_the_melding_page_does(client, without_street, caseworker):
    client.force_login(caseworker)
    page = client.get(reverse("letters:melding", args=[without_street.pk]))
    html = page.content.decode()
    assert 'data-testid="geen-brief-adres"' in html
    text = " ".join(page_text(page).split())
    assert text.count(NO_STREET) == 1
    assert (
        "Eerste brief: aanbod van hulp staat er nu niet bij. Er is geen volledig adres voor "
        "de post (zie hierboven)." in text
    )


def test_a_letter_by_post_asked_from_an_older_page_gives_the_notice_not_a_pdf(
    client, without_street, caseworker
):
    client.force_login(caseworker)
    preview = client.post(
        reverse("letters:melding", args=[without_street.pk]),
        {"version": without_street.version, "kind": LetterKind.FIRST, "actie": "voorbeeld"},
    )
    assert preview["Content-Type"].startswith("text/html")
    assert NO_STREET in " ".join(page_text(preview).split())
