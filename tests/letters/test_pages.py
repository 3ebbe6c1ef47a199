"""The letter pages: who may use them, the editor with its preview, and making a letter."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from tests.factories import UserFactory
from tests.letters.conftest import assigned_melding
from tests.page_text import page_text
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import ContactAttempt, Melding
from vroegsignaal.ddas import Contactsoort, Dagdeel
from vroegsignaal.letters import services
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import LetterBatch, LetterTemplate, SentLetter


@pytest.fixture
def logged_in(client, caseworker):
    client.force_login(caseworker)
    return client


@pytest.mark.parametrize("role", ["creditor_staff", "project_leader", "privacy_officer"])
def test_other_roles_may_not_use_letters(client, melding, role):
    client.force_login(UserFactory(**{role: True}))
    assert client.get(reverse("letters:melding", args=[melding.pk])).status_code == 403
    assert client.get(reverse("letters:overview")).status_code == 403


def test_a_melding_of_another_municipality_is_not_found(client, hengelo, letterhead):
    client.force_login(UserFactory(caseworker=True, municipality=hengelo))
    other = MeldingFactory(municipality=letterhead.municipality)
    assert client.get(reverse("letters:melding", args=[other.pk])).status_code == 404


def test_intake_staff_of_the_municipality_may_make_letters(client, intake_user, melding):
    client.force_login(intake_user)
    assert client.get(reverse("letters:melding", args=[melding.pk])).status_code == 200


def test_the_letter_page_names_the_melding_by_its_kenmerk(logged_in, melding):
    html = logged_in.get(reverse("letters:melding", args=[melding.pk])).content.decode()
    assert f"<title>Brief of kaartje · melding VS-{melding.pk} · Vroegsignaal</title>" in html


def test_a_sent_letter_pdf_is_only_for_its_municipality(client, logged_in, melding, hengelo):
    logged_in.post(
        reverse("letters:melding", args=[melding.pk]),
        {"version": melding.version, "kind": LetterKind.FIRST, "actie": "maken"},
    )
    sent = SentLetter.objects.get()
    assert logged_in.get(reverse("letters:sent_pdf", args=[sent.pk])).status_code == 200
    client.force_login(UserFactory(caseworker=True, municipality=hengelo))
    assert client.get(reverse("letters:sent_pdf", args=[sent.pk])).status_code == 404


def test_making_a_letter_records_a_brief_attempt_and_a_preview_records_nothing(logged_in, melding):
    url = reverse("letters:melding", args=[melding.pk])
    form = {"version": melding.version, "kind": LetterKind.FIRST}
    preview = logged_in.post(url, {**form, "actie": "voorbeeld"})
    assert preview["Content-Type"] == "application/pdf"
    assert not ContactAttempt.objects.exists()
    made = logged_in.post(url, {**form, "actie": "maken"}, follow=True)
    assert "is gemaakt en vastgelegd als contactpoging" in made.content.decode()
    attempt = ContactAttempt.objects.get()
    assert attempt.kind == Contactsoort.BRIEF
    assert attempt.letter.kind == LetterKind.FIRST
    twice = logged_in.post(url, {**form, "actie": "maken"})
    assert services.OPENING_LETTER_SENT in twice.content.decode()
    assert ContactAttempt.objects.count() == 1


def test_a_card_is_recorded_as_kaartje_on_the_missed_visit(logged_in, melding, caseworker):
    visit = record_contact_attempt(
        melding,
        caseworker,
        melding.version,
        kind=Contactsoort.HUISBEZOEK,
        attempted_on=melding.matched_on,
        part_of_day=Dagdeel.AVOND,
        reached=False,
    )
    url = reverse("letters:melding", args=[melding.pk])
    made = logged_in.post(
        url,
        {"version": melding.version, "kind": LetterKind.CARD, "visit": visit.pk, "actie": "maken"},
        follow=True,
    )
    card = ContactAttempt.objects.get(kind=Contactsoort.KAARTJE)
    assert (card.attempted_on, card.part_of_day) == (visit.attempted_on, Dagdeel.AVOND)
    # A card is a contactpoging (DDAS Kaartje) that belongs to the visit (docs/casework.md).
    assert (
        "is gemaakt en vastgelegd als contactpoging bij het gemiste huisbezoek; voor het "
        "voorstel 'Definitief geen contact kunnen krijgen' telt het niet als aparte mislukte "
        "poging." in page_text(made)
    )


def test_an_appointment_letter_asks_for_date_time_and_place(logged_in, reached):
    melding = reached
    url = reverse("letters:melding", args=[melding.pk])
    response = logged_in.post(
        url, {"version": melding.version, "kind": LetterKind.APPOINTMENT, "actie": "maken"}
    )
    page = response.content.decode()
    assert (
        "Datum afspraak: vul de datum in." in page and "Plaats afspraak: vul de plaats in." in page
    )
    assert not SentLetter.objects.exists()


def test_a_wrong_appointment_date_gets_one_message_not_two(logged_in, reached):
    melding = reached
    url = reverse("letters:melding", args=[melding.pk])
    data = {"version": melding.version, "kind": LetterKind.APPOINTMENT, "actie": "maken"}
    data |= {"appointment_date": "31-02-2026", "appointment_time": "10:00"}
    data |= {"appointment_place": "Stadhuis"}

    page = logged_in.post(url, data).content.decode()

    assert page.count("Datum afspraak: vul een bestaande datum in, zoals") == 1
    assert "Datum afspraak: vul de datum in." not in page


def test_the_editor_refuses_a_broken_placeholder_and_keeps_the_default(logged_in, melding):
    url = reverse("letters:template", args=[LetterKind.FIRST])
    response = logged_in.post(url, {"subject": "Hulp", "body": "{aanhef}, {schuldeiser}"})
    page = response.content.decode()
    assert "Het invulveld {schuldeiser} bestaat niet." in page
    assert "Het invulveld {soort_schuldeiser} ontbreekt" in page
    assert not LetterTemplate.objects.exists()


def test_the_editor_saves_a_good_text_for_the_users_municipality_only(logged_in, melding, enschede):
    url = reverse("letters:template", args=[LetterKind.FIRST])
    body = "{aanhef}, een bericht van {soort_schuldeiser}."
    logged_in.post(url, {"subject": "Hulp van {gemeente}", "body": body})
    saved = LetterTemplate.objects.get()
    assert (saved.municipality, saved.kind, saved.body) == (enschede, LetterKind.FIRST, body)


def test_the_live_preview_fills_in_a_sample_resident_or_names_the_problem(logged_in, melding):
    url = reverse("letters:template_preview", args=[LetterKind.FIRST])
    good = logged_in.post(url, {"subject": "Hulp", "body": "{aanhef}, over {soort_schuldeiser}."})
    assert "Beste mevrouw Jansen, over uw energieleverancier." in good.content.decode()
    bad = logged_in.post(url, {"subject": "Hulp", "body": "{aanhef}, over {bedrag}."})
    assert "Het invulveld {bedrag} bestaat niet." in bad.content.decode()


def test_the_batch_page_lists_assigned_meldingen_and_makes_the_print_pdf(logged_in, melding):
    page = logged_in.get(reverse("letters:batch"))
    assert f'value="{melding.pk}:{melding.version}"' in page.content.decode()
    result = logged_in.post(
        reverse("letters:batch"), {"melding": [f"{melding.pk}:{melding.version}"]}
    )
    assert "1 brief gemaakt en vastgelegd als contactpoging" in result.content.decode()
    assert f'value="{melding.pk}:' not in logged_in.get(reverse("letters:batch")).content.decode()


def test_settings_are_saved_for_the_users_municipality(client, intake_user, enschede):
    # Only the meldpunt changes them here (tests/letters/test_settings_access.py).
    client.force_login(intake_user)
    data = {
        "briefhoofd-sender_name": "Gemeente Enschede",
        "briefhoofd-sender_address": "Postbus 20",
        "briefhoofd-signature_name": "A. Brinkman",
        "briefhoofd-signature_role": "Consulent",
        "briefhoofd-addressing": "bewoners",
        "contact-phone": "14 053",
    }
    client.post(reverse("letters:settings"), data)
    assert enschede.letterhead.addressing == "bewoners"
    assert enschede.letter_contact.phone == "14 053"


def test_an_appointment_confirmation_is_not_recorded_as_a_contact_attempt(logged_in, reached):
    """The confirmation goes to a resident who was reached already: as a 'Brief, niet bereikt'
    attempt it would lower the reach figures and add a failed contactpoging to the national
    (DDAS) export. The letter is made and kept, and the timeline says so."""
    melding = reached
    url = reverse("letters:melding", args=[melding.pk])
    data = {"version": melding.version, "kind": LetterKind.APPOINTMENT, "actie": "maken"}
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data |= {"appointment_date": tomorrow.isoformat(), "appointment_time": "10:00"}
    data |= {"appointment_place": "Stadhuis"}

    made = logged_in.post(url, data, follow=True)

    assert SentLetter.objects.get().kind == LetterKind.APPOINTMENT
    assert list(ContactAttempt.objects.values_list("kind", flat=True)) == [Contactsoort.TELEFOON]
    assert (
        "Bevestiging van een afspraak is gemaakt en staat in de tijdlijn" in made.content.decode()
    )
    event = melding.events.get(kind="letter")
    assert describe(event) == (
        "Bevestiging van een afspraak gemaakt voor "
        f"{services.dutch_date(tomorrow, weekday=True)} om 10.00 uur, Stadhuis"
    )


def test_the_letter_page_proposes_the_heropaf_letter_in_a_later_contact_round(
    logged_in, enschede, caseworker, letterhead
):
    reopened = assigned_melding(enschede, caseworker, contact_round=2)

    page = logged_in.get(reverse("letters:melding", args=[reopened.pk])).content.decode()

    assert f'value="{LetterKind.HEROPAF}" class="utrecht-radio-button' in page
    checked = page[page.index(f'value="{LetterKind.HEROPAF}"') :].split(">", 1)[0]
    assert "checked" in checked


def test_counts_of_one_letter_or_melding_are_in_the_singular(
    logged_in, melding, enschede, caseworker
):
    batch_page = logged_in.get(reverse("letters:batch")).content.decode()
    made = logged_in.post(
        reverse("letters:batch"), {"melding": [f"{melding.pk}:{melding.version}"]}
    ).content.decode()
    overview = logged_in.get(reverse("letters:overview")).content.decode()

    assert "1 melding zonder brief in deze contactronde" in batch_page
    assert "1 brief gemaakt en vastgelegd als contactpoging." in made
    assert ": 1 brief (pdf)" in overview and "1 brieven" not in overview
    assert str(LetterBatch.objects.get()).endswith("(1 brief)")


def test_counts_of_more_letters_are_in_the_plural(logged_in, enschede, caseworker, letterhead):
    two = [assigned_melding(enschede, caseworker) for _ in range(2)]
    chosen = {"melding": [f"{m.pk}:{m.version}" for m in two]}

    assert (
        "2 meldingen zonder brief in deze contactronde"
        in logged_in.get(reverse("letters:batch")).content.decode()
    )
    assert "2 brieven gemaakt" in logged_in.post(reverse("letters:batch"), chosen).content.decode()
    assert ": 2 brieven (pdf)" in logged_in.get(reverse("letters:overview")).content.decode()


MAKE_BUTTON = ">Maken en vastleggen</button>"


def test_an_unassigned_melding_says_before_any_click_that_it_must_be_assigned_first(
    logged_in, enschede, letterhead
):
    """QA10 B11: the page offered 'Maken en vastleggen' and only refused after the click."""
    unassigned = MeldingFactory(municipality=enschede)

    html = logged_in.get(reverse("letters:melding", args=[unassigned.pk])).content.decode()

    assert "Deze melding is nog niet toegewezen." in page_text(html)
    assert MAKE_BUTTON not in html
    assert "Voorbeeld bekijken" in html and "Toewijzen aan" in html


def test_assigning_from_the_letter_page_returns_to_it_ready_to_make_the_letter(
    logged_in, enschede, caseworker, letterhead
):
    unassigned = MeldingFactory(municipality=enschede)
    letter_page = reverse("letters:melding", args=[unassigned.pk])

    done = logged_in.post(
        reverse("casework:assign", args=[unassigned.pk]),
        {"version": unassigned.version, "medewerker": caseworker.pk, "terug": "brief"},
        follow=True,
    )

    assert done.redirect_chain[-1][0] == letter_page
    html = done.content.decode()
    assert "De melding is toegewezen." in html
    assert MAKE_BUTTON in html and "nog niet toegewezen" not in html
    unassigned.refresh_from_db()
    assert unassigned.assigned_to == caseworker


def test_a_closed_melding_offers_no_letter_to_make(logged_in, melding, caseworker):
    Melding.objects.filter(pk=melding.pk).update(state=State.CLOSED)

    html = logged_in.get(reverse("letters:melding", args=[melding.pk])).content.decode()

    assert "De melding is afgesloten; er kan geen brief of kaartje meer bij." in page_text(html)
    assert MAKE_BUTTON not in html and "Toewijzen aan" not in html
