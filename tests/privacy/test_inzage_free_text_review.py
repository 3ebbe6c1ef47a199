"""Inzageverzoek: the privacy officer reads the caseworkers' free texts before the document goes
out and may leave out a text about someone else (AVG art. 15 lid 4; QA12 B9), and the answer
holds only for the resident and the texts she read (QA13 N1); a melding not picked up has no
term in the document, PDF or JSON, as on its page (QA12 B12, QA13 N5)."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.factories import UserFactory
from tests.privacy.inzage_review import answers_on, composed
from tests.privacy.test_access_request import pdf_text
from vroegsignaal.casework import events
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import ContactAttempt, Conversation, Plan, Referral
from vroegsignaal.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db(databases="__all__")

ASKED = {"bsn": "123456782"}  # in no BRP extract: on the BSN alone, past that question
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


def _page(officer_client, ticked: dict | None = None, **posted) -> str:
    """The review of the free texts, past the questions before it (`ticked`: the signals of
    other people taken in there, `meenemen`)."""
    data = {**ASKED, "formaat": "pdf", **posted}
    response = composed(officer_client, data, until="vrije_tekst_bekeken", **(ticked or {}))
    assert response["Content-Type"].startswith("text/html")
    return " ".join(response.content.decode().split())


def _compose(officer_client, page: str, other: dict | None = None, **posted):
    """'Samenstellen (zonder de aangevinkte teksten)' on the review `page`, for the resident it
    was for, or for `other` (another resident with her own answers to the questions before)."""
    data = {**ASKED, "formaat": "pdf", **answers_on(page), **(other or {}), **posted}
    return officer_client.post(reverse("privacy:access_request"), data)


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
    page = _page(officer_client)

    response = _compose(officer_client, page, weglaten=_left_out_key(page, ABOUT_EX))

    text = " ".join(pdf_text(response.content).split())
    assert "gewelddadig" not in text
    assert f"Overige afspraken {WITHHELD}" in text
    assert ALIMONY in text  # not ticked: the officer judged it may go out


def test_a_free_text_left_out_is_withheld_in_the_json_as_in_the_pdf(officer_client, noted_melding):
    page = _page(officer_client, formaat="json")

    response = _compose(
        officer_client, page, formaat="json", weglaten=_left_out_key(page, ABOUT_EX)
    )

    assert "gewelddadig" not in response.content.decode()
    recorded = json.loads(response.content)["meldingen"][0]["vastgelegd"]
    assert recorded["plannen van aanpak"][0]["overige afspraken"] == WITHHELD
    assert recorded["gesprekken"][0]["notitie"] == ALIMONY


def test_the_audit_entry_of_the_inzage_names_the_texts_left_out_by_field_not_their_words(
    officer_client, noted_melding
):
    page = _page(officer_client)
    _compose(officer_client, page, weglaten=_left_out_key(page, ABOUT_EX))

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
    response = _compose(officer_client, page, weglaten=_left_out_key(page, "die schulden heeft"))

    text = " ".join(pdf_text(response.content).split())
    assert "zus" not in text
    assert text.count(WITHHELD) == 2  # the referral's note and the timeline's sentence


CHANGED = "De teksten zijn veranderd of horen bij een andere inwoner; lees ze opnieuw na."
CARD = "Kaartje achtergelaten na gemist huisbezoek."


def _note_attempt(melding, note: str) -> None:
    ContactAttempt.objects.create(
        melding=melding, kind="kaartje", attempted_on=dt.date(2026, 11, 20), part_of_day="middag",
        note=note,
    )  # fmt: skip


def test_a_review_of_one_resident_does_not_compose_the_document_of_another_typed_in_after_it(
    officer_client, noted_melding
):
    """QA13 N1: after the review of Rijcken's texts the officer typed Leeuwen's details and
    clicked 'Samenstellen (zonder de aangevinkte teksten)': out came Leeuwen's document with
    texts the officer never read."""
    other = MeldingFactory(signals__bsn="111222333", signals__surname="Leeuwen")
    _note_attempt(other, CARD)
    leeuwen = {"bsn": "111222333"}
    # Leeuwen's own answer to compose on her BSN alone, as another tab could have it.
    bsn_alone = officer_client.post(
        reverse("privacy:access_request"), {**leeuwen, "formaat": "pdf"}
    )
    leeuwen |= answers_on(bsn_alone.content.decode())
    page = _page(officer_client)
    key_of_first_review = _left_out_key(page, ABOUT_EX)

    response = _compose(officer_client, page, leeuwen, weglaten=key_of_first_review)

    assert response["Content-Type"].startswith("text/html")  # no document
    again = " ".join(response.content.decode().split())
    assert CHANGED in again
    assert CARD in again and ABOUT_EX not in again  # the other resident's texts, to read now
    assert again.count('name="weglaten"') == 1
    assert not AuditEntry.objects.filter(action="export").exists()


def test_a_note_added_between_the_review_and_composing_shows_the_review_again(
    officer_client, noted_melding
):
    page = _page(officer_client)
    _note_attempt(noted_melding, CARD)  # a caseworker records a card meanwhile

    response = _compose(officer_client, page)

    assert response["Content-Type"].startswith("text/html")
    again = " ".join(response.content.decode().split())
    assert CHANGED in again and CARD in again and ABOUT_EX in again


def test_a_note_changed_between_the_review_and_composing_shows_the_review_again(
    officer_client, noted_melding
):
    page = _page(officer_client)
    Plan.objects.filter(melding=noted_melding).update(note="Zus woont sinds kort bij haar in.")

    response = _compose(officer_client, page)

    assert response["Content-Type"].startswith("text/html")
    assert "Zus woont sinds kort bij haar in." in response.content.decode()


def test_composing_without_the_review_pages_answer_shows_the_review(officer_client, noted_melding):
    """'vrije_tekst_bekeken' alone, as before QA13 N1, no longer passes the review."""
    data = {**ASKED, "formaat": "pdf", "vrije_tekst_bekeken": "1"}
    response = composed(officer_client, data, until="vrije_tekst_bekeken")

    assert response["Content-Type"].startswith("text/html")
    assert ABOUT_EX in response.content.decode()


def test_the_review_read_for_the_same_resident_and_texts_composes_the_document(
    officer_client, noted_melding
):
    page = _page(officer_client)

    response = _compose(officer_client, page)

    assert response["Content-Type"] == "application/pdf"
    assert ABOUT_EX in " ".join(pdf_text(response.content).split())


def test_the_review_step_shows_the_resident_read_only_with_a_link_to_search_another(
    officer_client, noted_melding
):
    page = _page(officer_client)

    bsn_input = re.search(r'<input[^>]*name="bsn"[^>]*>', page).group(0)
    assert "readonly" in bsn_input and 'value="123456782"' in bsn_input
    link = re.search(r'<a [^>]*href="([^"]+)"[^>]*>Andere inwoner zoeken</a>', page)
    assert link and link.group(1) == reverse("privacy:access_request")


def test_a_document_without_free_texts_is_composed_at_once(officer_client):
    MeldingFactory(signals__bsn="123456782")

    response = composed(officer_client, {**ASKED, "formaat": "pdf"})

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

    page = _page(officer_client, {"meenemen": str(housemate.pk)})

    assert re.search(r'<input type="hidden" name="andere_bekeken" value="[0-9a-f]{64}">', page)
    assert f'<input type="hidden" name="meenemen" value="{housemate.pk}">' in page


def _no_go_melding() -> None:
    """A no-go closed on the matching day, with the term it would have had (QA12 B12)."""
    MeldingFactory(
        signals__bsn="123456782", state="closed", go=False, term_kind="calendar_days",
        due_on=dt.date(2026, 7, 10), closed_on=dt.date(2026, 6, 26),
        result="Niet opgepakt: andere reden",
    )  # fmt: skip


def test_the_inzage_gives_a_melding_not_picked_up_no_term_as_its_page_does(officer_client):
    """QA12 B12: a no-go closed on the matching day read 'Termijn: binnen de termijn die de
    gemeente zichzelf stelt / Uiterlijk in behandeling nemen op 10-07-2026' while its page says
    'Niet opgepakt: er lopen geen termijnen voor deze melding.'"""
    _no_go_melding()

    response = composed(officer_client, {**ASKED, "formaat": "pdf"})

    text = " ".join(pdf_text(response.content).split())
    assert "10-07-2026" not in text and "zichzelf stelt" not in text
    assert "Termijn geen: de gemeente heeft deze melding niet in behandeling genomen" in text


def test_the_inzage_says_when_a_melding_was_recorded_in_vroegsignaal_apart_from_its_date(
    officer_client,
):
    """QA12 B12: 'Aangemaakt op 27-11-2026' beside 'Melding gemaakt op 26-06-2026' read as if
    the melding was made twice; the first is when the system stored it."""
    MeldingFactory(signals__bsn="123456782")

    response = composed(officer_client, {**ASKED, "formaat": "pdf"})

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


def test_the_json_of_a_melding_not_picked_up_gives_no_pick_up_term_as_the_pdf(officer_client):
    """QA13 N5: the PDF said 'Termijn: geen: ...' while the JSON still gave 'uiterlijk oppakken
    op': '2026-07-10'."""
    _no_go_melding()

    response = composed(officer_client, {**ASKED, "formaat": "json"})

    melding = json.loads(response.content)["meldingen"][0]
    assert "2026-07-10" not in response.content.decode()
    assert melding["uiterlijk oppakken op"] is None
    assert melding["soort termijn"] == (
        "geen: de gemeente heeft deze melding niet in behandeling genomen"
    )
    assert melding["afgesloten op"] == "2026-06-26"  # the other stored values stay


def test_the_json_of_a_melding_picked_up_keeps_its_pick_up_term(officer_client):
    MeldingFactory(signals__bsn="123456782", due_on=dt.date(2026, 11, 16))

    response = composed(officer_client, {**ASKED, "formaat": "json"})

    assert json.loads(response.content)["meldingen"][0]["uiterlijk oppakken op"] == "2026-11-16"
