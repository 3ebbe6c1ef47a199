"""Inzageverzoek: the privacy officer reads the caseworkers' free texts before the document goes
out and may leave out a text about someone else (AVG art. 15 lid 4; QA12 B9); a melding not
picked up has no term in the document, as on its page (QA12 B12)."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.factories import UserFactory
from tests.privacy.test_access_request import pdf_text
from vroegsignaal.casework import events
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import Conversation, Plan, Referral
from vroegsignaal.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db(databases="__all__")

ASKED = {"bsn": "123456782", "alleen_bsn": "1"}
WITHHELD = "[Tekst weggelaten: bevat gegevens van anderen]"
ABOUT_EX = "Intern: ex-partner gewelddadig geweest, niet delen."
ALIMONY = "ex-partner betaalt geen alimentatie"


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(privacy_officer=True))
    return client


@pytest.fixture
def noted_melding():
    """QA12 B9: a plan whose 'Overige afspraken' is an internal note about the ex-partner, and
    a conversation note about her."""
    melding = MeldingFactory(signals__bsn="123456782", state="assigned")
    Conversation.objects.create(
        melding=melding, held_on=dt.date(2026, 11, 26), help_offered="ja", help_accepted="ja",
        cause="geen_overzicht", note=ALIMONY,
    )  # fmt: skip
    Plan.objects.create(
        melding=melding, room_to_pay_off="ja", problematic_debts="nee", note=ABOUT_EX
    )
    return melding


def _page(officer_client, **posted) -> str:
    response = officer_client.post(
        reverse("privacy:access_request"), {**ASKED, "formaat": "pdf", **posted}
    )
    assert response["Content-Type"].startswith("text/html")
    return " ".join(response.content.decode().split())


def _left_out_key(page: str, text: str) -> str:
    """The value of the 'weglaten' checkbox in the row of `text` on the review page."""
    row = next(row for row in re.findall(r"<tr\b.*?</tr>", page) if text in row)
    return re.search(r'name="weglaten" value="([^"]+)"', row).group(1)


def test_the_inzage_page_lists_every_free_text_for_review_before_the_document_goes_out(
    officer_client, noted_melding
):
    page = _page(officer_client)

    assert "Lees deze teksten na: staan er gegevens van anderen in (AVG art. 15 lid 4), laat " in (
        page
    )
    assert f"Melding {noted_melding.reference}" in page
    assert "Plan van aanpak" in page and "overige afspraken" in page and ABOUT_EX in page
    assert "Gesprek op 26-11-2026" in page and "notitie" in page and ALIMONY in page
    assert page.count('name="weglaten"') == 2
    assert not re.search(r'name="weglaten"[^>]*checked', page)  # nothing left out by itself


def test_a_free_text_left_out_reads_as_withheld_in_the_pdf_and_the_others_stay(
    officer_client, noted_melding
):
    key = _left_out_key(_page(officer_client), ABOUT_EX)

    response = officer_client.post(
        reverse("privacy:access_request"),
        {**ASKED, "formaat": "pdf", "vrije_tekst_bekeken": "1", "weglaten": key},
    )

    text = " ".join(pdf_text(response.content).split())
    assert "gewelddadig" not in text
    assert f"Overige afspraken {WITHHELD}" in text
    assert ALIMONY in text  # not ticked: the officer judged it may go out


def test_a_free_text_left_out_is_withheld_in_the_json_as_in_the_pdf(officer_client, noted_melding):
    key = _left_out_key(_page(officer_client, formaat="json"), ABOUT_EX)

    response = officer_client.post(
        reverse("privacy:access_request"),
        {**ASKED, "formaat": "json", "vrije_tekst_bekeken": "1", "weglaten": key},
    )

    assert "gewelddadig" not in response.content.decode()
    recorded = json.loads(response.content)["meldingen"][0]["vastgelegd"]
    assert recorded["plannen van aanpak"][0]["overige afspraken"] == WITHHELD
    assert recorded["gesprekken"][0]["notitie"] == ALIMONY


def test_the_audit_entry_of_the_inzage_names_the_texts_left_out_by_field_not_their_words(
    officer_client, noted_melding
):
    key = _left_out_key(_page(officer_client), ABOUT_EX)
    officer_client.post(
        reverse("privacy:access_request"),
        {**ASKED, "formaat": "pdf", "vrije_tekst_bekeken": "1", "weglaten": key},
    )

    request = AuditEntry.objects.get(action="export", object_type="")
    left_out = (
        "vrije tekst weggelaten omdat die gegevens van anderen bevat: melding "
        f"{noted_melding.reference}, plan van aanpak"
    )
    assert left_out in request.description and "overige afspraken" in request.description
    melding_entry = AuditEntry.objects.get(
        action="export", object_type="casework.melding", object_id=str(noted_melding.pk)
    )
    assert left_out in melding_entry.description
    for entry in AuditEntry.objects.all():
        assert "gewelddadig" not in entry.description and "alimentatie" not in entry.description


def test_a_text_left_out_is_left_out_where_the_timeline_repeats_it(officer_client):
    """A referral to 'Anders' repeats its note on the timeline ('Verwezen naar Anders: ...')."""
    melding = MeldingFactory(signals__bsn="123456782", state="referred")
    worker = UserFactory(caseworker=True)
    referral = Referral.objects.create(
        melding=melding, kind="anders", handover_on=dt.date(2026, 11, 27),
        note="Opvang samen met haar zus, die schulden heeft", recorded_by=worker,
    )  # fmt: skip
    events.referral(melding, worker, referral, (State.CONTACT_IN_PROGRESS, State.REFERRED))

    page = _page(officer_client)
    assert page.count('name="weglaten"') == 1  # one text, wherever it stands
    key = _left_out_key(page, "die schulden heeft")
    response = officer_client.post(
        reverse("privacy:access_request"),
        {**ASKED, "formaat": "pdf", "vrije_tekst_bekeken": "1", "weglaten": key},
    )

    text = " ".join(pdf_text(response.content).split())
    assert "zus" not in text
    assert text.count(WITHHELD) == 2  # the referral's note and the timeline's sentence


def test_a_document_without_free_texts_is_composed_at_once(officer_client):
    MeldingFactory(signals__bsn="123456782")

    response = officer_client.post(reverse("privacy:access_request"), {**ASKED, "formaat": "pdf"})

    assert response["Content-Type"] == "application/pdf"


def test_the_review_keeps_the_officers_answer_about_other_peoples_signals(
    officer_client, noted_melding
):
    """After 'Samenstellen (met de aangevinkte signalen)' the review comes next; the signal
    ticked there must still be in the document that follows."""
    from tests.casework.factories import add_signal
    from tests.factories import CreditorFactory

    housemate = add_signal(noted_melding, CreditorFactory(code="domijn", name="Domijn"))
    housemate.surname, housemate.birth_date = "Kok", dt.date(1999, 1, 2)
    housemate.save()

    page = _page(officer_client, andere_bekeken="1", meenemen=str(housemate.pk))

    assert '<input type="hidden" name="andere_bekeken" value="1">' in page
    assert f'<input type="hidden" name="meenemen" value="{housemate.pk}">' in page


def test_the_inzage_gives_a_melding_not_picked_up_no_term_as_its_page_does(officer_client):
    """QA12 B12: a no-go closed on the matching day read 'Termijn: binnen de termijn die de
    gemeente zichzelf stelt / Uiterlijk in behandeling nemen op 10-07-2026' while its page says
    'Niet opgepakt: er lopen geen termijnen voor deze melding.'"""
    MeldingFactory(
        signals__bsn="123456782", state="closed", go=False, term_kind="calendar_days",
        due_on=dt.date(2026, 7, 10), closed_on=dt.date(2026, 6, 26),
        result="Niet opgepakt: andere reden",
    )  # fmt: skip

    response = officer_client.post(reverse("privacy:access_request"), {**ASKED, "formaat": "pdf"})

    text = " ".join(pdf_text(response.content).split())
    assert "10-07-2026" not in text and "zichzelf stelt" not in text
    assert "Termijn geen: de gemeente heeft deze melding niet in behandeling genomen" in text


def test_the_inzage_says_when_a_melding_was_recorded_in_vroegsignaal_apart_from_its_date(
    officer_client,
):
    """QA12 B12: 'Aangemaakt op 27-11-2026' beside 'Melding gemaakt op 26-06-2026' read as if
    the melding was made twice; the first is when the system stored it."""
    MeldingFactory(signals__bsn="123456782")

    response = officer_client.post(reverse("privacy:access_request"), {**ASKED, "formaat": "pdf"})

    text = " ".join(pdf_text(response.content).split())
    assert "Aangemaakt op" not in text
    assert "Vastgelegd in Vroegsignaal op" in text


@pytest.mark.parametrize("page", ["casework:conversation", "casework:plan"])
def test_the_caseworker_reads_at_the_note_that_a_resident_can_read_it_on_request(client, page):
    melding = MeldingFactory(state="contact_in_progress")
    worker = UserFactory(caseworker=True, municipality=melding.municipality)
    melding.assigned_to = worker
    melding.save()
    client.force_login(worker)

    html = " ".join(client.get(reverse(page, args=[melding.pk])).content.decode().split())

    assert "Een inwoner die om inzage in het dossier vraagt, kan deze tekst lezen." in html
