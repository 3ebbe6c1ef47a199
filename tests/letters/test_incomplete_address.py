"""A melding whose signals gave no straat or woonplaats (both optional in a delivery) gets no
letter addressed '5A' above '7421 CD' (QA14 B13): the melding page says the address is
incomplete for letters, and the letters that go by post are refused with that reason. A card,
left at the door after a missed home visit, needs no postal address."""

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.letters.conftest import MOMENT, assigned_melding
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


def test_a_card_after_a_missed_visit_can_still_be_left(without_street, caseworker):
    visit = record_contact_attempt(
        without_street, caseworker, without_street.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=MOMENT.date(), part_of_day=Dagdeel.AVOND, reached=False,
    )  # fmt: skip
    without_street.refresh_from_db()
    assert LetterKind.CARD not in services.unavailable_kinds(without_street, [visit])


def test_the_print_batch_skips_it_with_the_reason(enschede, caseworker, letterhead, without_street):
    complete = assigned_melding(enschede, caseworker, postcode="7512BC")
    selection = [(m, m.version) for m in (without_street, complete)]
    result = services.first_letter_batch(enschede, selection, caseworker, MOMENT)
    assert result.batch.letter_count == 1
    assert [(m.pk, reason) for m, reason in result.skipped] == [(without_street.pk, NO_STREET)]
    assert not without_street.contact_attempts.exists()
