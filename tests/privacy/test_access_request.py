"""Inzageverzoek: everything held about one person, as JSON and PDF, for the privacy officer only."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory, add_signal
from tests.factories import CreditorFactory, UserFactory
from tests.privacy.inzage_review import answers_on, composed
from vroegsignaal.addresses import address_key
from vroegsignaal.casework.models import Plan
from vroegsignaal.privacy.inzage_document import feedback_text
from vroegsignaal.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db(databases="__all__")

# `composed` answers the page's questions as the officer would: these residents are in no BRP
# extract, so the document is composed on the BSN alone, past the warning that a BSN finds only
# the signals delivered with one (test_access_request_by_brp); the caseworkers' notes in these
# documents were read and may go out, past the review of free texts
# (test_inzage_free_text_review).


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(privacy_officer=True))
    return client


def test_a_request_by_bsn_exports_the_signals_and_their_melding_as_json(officer_client):
    melding = MeldingFactory(signals__bsn="123456782", signals__surname="Bakker")
    MeldingFactory(signals__bsn="999999990", signals__surname="Anders")
    response = composed(officer_client, {"bsn": "123456782", "formaat": "json"})
    data = json.loads(response.content)
    assert [s["achternaam"] for s in data["signalen"]] == ["Bakker"]
    assert [m["id"] for m in data["meldingen"]] == [melding.pk]
    entry = AuditEntry.objects.get(action="export", object_type="")  # the request as a whole
    assert "123456782" not in entry.description and "op BSN" in entry.description


def test_a_request_by_name_birth_date_and_address_gives_a_readable_pdf(officer_client):
    MeldingFactory(signals__surname="Bakker", house_number=7)
    response = officer_client.post(
        reverse("privacy:access_request"),
        {
            "achternaam": "bakker",
            "geboortedatum": "1980-05-17",
            "postcode": "7511 ab",
            "huisnummer": "7",
            "formaat": "pdf",
        },
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("typed", "number"), [("van de Water", "175A"), ("Water, van de", "175 a"), ("WATER", "175")]
)
def test_a_request_by_name_finds_the_resident_with_or_without_tussenvoegsel_and_house_letter(
    officer_client, typed, number
):
    """'van de Water' at 175A, as the melding shows her, found nothing: the signal keeps the
    tussenvoegsel apart, and the house number field refused the letter. An answer 'nothing is
    held about you' would have been untrue."""
    melding = MeldingFactory(
        signals__surname="Water", signals__surname_prefix="van de",
        house_number=175,
    )  # fmt: skip
    # Another person: by the matching's rule 'Waterman' born the same day would be her (a
    # surname that starts with hers, Jaro-Winkler 0.93).
    MeldingFactory(
        signals__surname="Waterman", signals__birth_date=dt.date(1990, 1, 1), house_number=175
    )

    response = officer_client.post(
        reverse("privacy:access_request"),
        {"achternaam": typed, "geboortedatum": "17-05-1980", "postcode": "7511 AB",
         "huisnummer": number, "formaat": "json"},
    )  # fmt: skip

    data = json.loads(response.content)
    assert [m["id"] for m in data["meldingen"]] == [melding.pk]


@pytest.mark.parametrize("typed", ["Noellering", "noëllering", "van Noellering"])
def test_a_request_by_name_finds_the_resident_without_the_accents_of_her_name(
    officer_client, typed
):
    """A resident asking what is held about her writes 'Noellering'; her signal says
    Noëllering. 'Nothing is held about you' would be untrue."""
    melding = MeldingFactory(signals__surname="Noëllering", house_number=9)
    MeldingFactory(signals__surname="Noel", house_number=9)

    response = officer_client.post(
        reverse("privacy:access_request"),
        {"achternaam": typed, "geboortedatum": "17-05-1980", "postcode": "7511 AB",
         "huisnummer": "9", "formaat": "json"},
    )  # fmt: skip

    data = json.loads(response.content)
    assert [m["id"] for m in data["meldingen"]] == [melding.pk]


def test_a_house_number_that_is_none_is_refused_at_the_field(officer_client):
    response = officer_client.post(
        reverse("privacy:access_request"),
        {"achternaam": "Water", "geboortedatum": "17-05-1980", "postcode": "7511 AB",
         "huisnummer": "hoek", "formaat": "json"},
    )  # fmt: skip

    assert "Huisnummer: &#x27;hoek&#x27; is geen huisnummer" in response.content.decode()


def test_without_a_bsn_all_four_person_fields_are_needed(officer_client):
    response = officer_client.post(
        reverse("privacy:access_request"), {"achternaam": "Bakker", "formaat": "json"}
    )
    assert "Vul een BSN in, of achternaam" in response.content.decode()


def test_the_format_is_chosen_with_two_labelled_radio_buttons(officer_client):
    html = officer_client.get(reverse("privacy:access_request")).content.decode()
    for value, label in (("pdf", "PDF"), ("json", "JSON")):
        radio = re.search(rf'<input[^>]*type="radio"[^>]*value="{value}"[^>]*>', html)
        assert radio, f"no radio button for {value}"
        radio_id = re.search(r'id="([^"]+)"', radio.group(0)).group(1)
        assert (
            f'<label class="utrecht-form-label utrecht-form-label--radio" for="{radio_id}">{label}</label>'
            in html
        )
    assert 'for="None"' not in html and "<option" not in html
    assert "<legend" in html and "Formaat" in html


def test_a_request_without_a_valid_format_says_so_at_the_field(officer_client):
    for posted in ({"bsn": "123456782"}, {"bsn": "123456782", "formaat": "xml"}):
        response = officer_client.post(reverse("privacy:access_request"), posted)
        html = response.content.decode()
        assert response["Content-Type"].startswith("text/html")
        assert 'id="id_formaat-fout"' in html and "Kies een formaat: PDF of JSON." in html


@pytest.fixture
def worked_melding():
    """A closed crisis melding with contact attempts, a conversation, a letter and their events."""
    import datetime as dt

    from tests.factories import UserFactory as Users
    from vroegsignaal.casework import events
    from vroegsignaal.casework.lifecycle import State
    from vroegsignaal.casework.models import ContactAttempt, Conversation
    from vroegsignaal.letters.models import SentLetter

    worker = Users(caseworker=True, first_name="Joost", last_name="Oude Egbrink")
    melding = MeldingFactory(
        signals__bsn="123456782", signals__amount_cents=225820, signals__crisis=True,
        total_amount_cents=225820, is_crisis=True, term_kind="crisis_3_working_days",
        state="closed", assigned_to=worker, closed_on=dt.date(2026, 11, 26),
        priority_reasons=["Crisissignaal (+50)", "Totale achterstand € 2.258,20 (+40)"],
    )  # fmt: skip
    events.assigned(melding, worker, worker, (State.NEW, State.ASSIGNED))
    visit = ContactAttempt.objects.create(
        melding=melding, kind="Huisbezoek", attempted_on=dt.date(2026, 11, 26),
        part_of_day="Ochtend", reached=False, recorded_by=worker,
    )  # fmt: skip
    events.contact_attempt(melding, worker, visit, (State.ASSIGNED, State.CONTACT_IN_PROGRESS))
    letter = ContactAttempt.objects.create(
        melding=melding, kind="Brief", attempted_on=dt.date(2026, 11, 26),
        part_of_day="Middag", recorded_by=worker,
    )  # fmt: skip
    events.contact_attempt(melding, worker, letter, (State.CONTACT_IN_PROGRESS,) * 2)
    SentLetter.objects.create(
        melding=melding, kind="afspraak", contact_round=1, recipients=["J. Jansen"],
        contact_attempt=letter, created_by=worker,
    )  # fmt: skip
    Conversation.objects.create(
        melding=melding, held_on=dt.date(2026, 11, 26), help_offered="ja", help_accepted="ja",
        cause="geen_overzicht", other_domains=["psychisch", "administratie"],
        provisions={"huurtoeslag": "aangevraagd", "zorgtoeslag": "onbekend"},
        note="Dochter helpt met de post.", recorded_by=worker,
    )  # fmt: skip
    events.conversation(
        melding, worker, dt.date(2026, 11, 26), "Ja", (State.CONTACT_IN_PROGRESS, State.CLOSED)
    )
    return melding


def pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


RAW_FIELD_NAMES = [
    "creditor", "municipality", "delivery", "key", "queue", "assigned to", "version",
    "created at", "updated at", "recorded by", "created by", "contact attempt", "batch",
    "signal", "melding_id", "part_of_day",
]  # fmt: skip


def test_the_inzage_pdf_reads_as_dutch_for_the_resident_without_raw_values(
    officer_client, worked_melding
):
    response = composed(officer_client, {"bsn": "123456782", "formaat": "pdf"})
    text = pdf_text(response.content)
    for raw in RAW_FIELD_NAMES:
        assert not re.search(rf"(?im)^\s*{raw}\b", text), f"raw field name {raw!r} in the PDF"
    for raw in ("True", "False", "None", "{'", "['", "crisis_3_working_days", "(cent)"):
        assert raw not in text, f"raw value {raw!r} in the PDF"
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "ISO date in the PDF"
    assert "fase closed" not in text.lower() and "bij melding bij melding" not in text
    assert "225820" not in text and "€ 2.258,20" in text
    assert "26-11-2026" in text and "Ja" in text and "Nee" in text
    assert "Afgesloten" in text  # the phase by its Dutch label
    assert "Joost Oude Egbrink" in text  # people by name, not username
    assert "Huisbezoek op 26-11-2026, ochtend: niet bereikt" in text  # the event as a sentence
    assert "Psychische gezondheid" in text and "Huurtoeslag: Nu aangevraagd" in text
    assert "Bevestiging van een afspraak" in text and "Gemaakt op" in text


def test_the_inzage_json_stays_complete_and_machine_readable(officer_client, worked_melding):
    response = composed(officer_client, {"bsn": "123456782", "formaat": "json"})
    data = json.loads(response.content)
    melding = data["meldingen"][0]
    assert melding["totaal achterstand (cent)"] == 225820
    recorded = melding["vastgelegd"]
    assert len(recorded["contactpogingen"]) == 2 and len(recorded["gesprekken"]) == 1
    assert len(recorded["verstuurde brieven"]) == 1 and len(recorded["gebeurtenissen"]) == 4
    assert recorded["gesprekken"][0]["voorzieningencheck"]["Huurtoeslag"] == "Nu aangevraagd"
    assert "terugkoppelingen" in data["signalen"][0]


def test_the_feedback_in_the_inzage_is_written_in_dutch_words():
    """What a vastelastenpartner heard is in the inzage as words, not as stored codes."""
    text = feedback_text(
        {"help_accepted": "ja", "cause": "inkomensdaling", "perspective": "alleen_achterstand"}
    )
    assert text == (
        "hulp geaccepteerd: Ja; globale oorzaak: Inkomensdaling; "
        "perspectief: Alleen een betalingsachterstand"
    )


def test_the_privacy_officers_menu_leads_to_audit_log_inzageverzoek_and_bewaartermijnen(client):
    client.force_login(UserFactory(privacy_officer=True))
    html = client.get(reverse("web:start")).content.decode()
    nav = html[html.index("<nav") : html.index("</nav>")]
    for name in ("privacy:audit_log", "privacy:access_request", "privacy:retention_runs"):
        assert f'href="{reverse(name)}"' in nav


def test_the_inzage_pdf_is_tagged_for_screen_readers_in_dutch_with_its_title(officer_client):
    import io

    from pypdf import PdfReader

    response = composed(officer_client, {"bsn": "123456782", "formaat": "pdf"})
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nl"
    assert reader.metadata.title == "Inzageverzoek"


def test_a_bsn_that_fails_the_elfproef_is_refused_at_the_field_instead_of_finding_nothing(
    officer_client,
):
    response = officer_client.post(
        reverse("privacy:access_request"), {"bsn": "123456789", "formaat": "pdf"}
    )
    assert response["Content-Type"].startswith("text/html")
    assert "elfproef" in response.content.decode()
    assert not AuditEntry.objects.filter(action="export").exists()


def test_a_bsn_with_spaces_or_dots_is_read_as_its_nine_digits(officer_client):
    MeldingFactory(signals__bsn="123456782", signals__surname="Bakker")
    response = composed(officer_client, {"bsn": "1234.56.782", "formaat": "json"})
    assert [s["achternaam"] for s in json.loads(response.content)["signalen"]] == ["Bakker"]


def test_the_inzage_pdf_explains_purpose_legal_basis_terms_and_the_residents_rights(
    officer_client, settings
):
    settings.RETENTION_SIGNAL_DAYS = 183
    MeldingFactory(signals__bsn="123456782")
    response = composed(officer_client, {"bsn": "123456782", "formaat": "pdf"})
    text = " ".join(pdf_text(response.content).split())
    assert "Wet gemeentelijke schuldhulpverlening" in text  # purpose and legal basis
    assert "6 maanden na de datum van het signaal" in text  # the terms of this installation
    for right in ("laten verbeteren", "bezwaar", "Autoriteit Persoonsgegevens"):
        assert right in text, right


def test_the_inzage_json_has_dutch_keys_dutch_local_times_and_no_internal_keys(
    officer_client, worked_melding
):
    import datetime as dt

    from django.utils import timezone

    from vroegsignaal.feedback.models import FeedbackRelease, SignalFeedback

    signal = worked_melding.signal_links.get().signal
    release = FeedbackRelease.objects.create(released_on=dt.date(2026, 11, 27))
    SignalFeedback.objects.create(
        signal=signal, creditor=signal.creditor, release=release, kind="outcome",
        content={"picked_up": True, "help_accepted": "ja", "outcome_date": "2026-11-26"},
        released_at=timezone.now(),
    )  # fmt: skip
    response = composed(officer_client, {"bsn": "123456782", "formaat": "json"})
    body = response.content.decode()
    content = json.loads(body)["signalen"][0]["terugkoppelingen"][0]["inhoud"]
    assert content == {
        "opgepakt door de gemeente": True,
        "hulp geaccepteerd": "Ja",
        "datum uitkomst": "2026-11-26",
    }
    assert "+00:00" not in body and "+01:00" in body  # one time zone: Dutch time (winter)
    for internal in ("sleutel-hash", "adressleutel", "meldingsleutel", "zoeksleutel", '"versie"'):
        assert internal not in body, internal


def _inzage_json(officer_client) -> dict:
    response = composed(officer_client, {"bsn": "123456782", "formaat": "json"})
    return json.loads(response.content)


def test_the_inzage_json_names_phase_term_and_choices_by_their_dutch_labels(
    officer_client, worked_melding
):
    """docs/privacy.md promises Dutch names: 'closed', 'calendar_days' or 'ontvangt_al' tell
    the resident nothing."""
    melding = _inzage_json(officer_client)["meldingen"][0]
    assert melding["fase"] == "Afgesloten"
    assert melding["soort termijn"] == "crisismelding: oppakken binnen 3 werkdagen"
    conversation = melding["vastgelegd"]["gesprekken"][0]
    assert conversation["voorzieningencheck"] == {
        "Huurtoeslag": "Nu aangevraagd",
        "Zorgtoeslag": "Onbekend",
    }
    assert conversation["problemen op andere leefgebieden"] == [
        "Psychische gezondheid",
        "Administratie",
    ]


def test_the_inzage_json_names_people_by_their_name_and_the_system_as_systeem(
    officer_client, worked_melding
):
    import datetime as dt

    from vroegsignaal.casework import events

    events.heropaf_scheduled(worked_melding, None, dt.date(2026, 11, 27), dt.date(2027, 1, 27))
    melding = _inzage_json(officer_client)["meldingen"][0]
    assert melding["toegewezen aan"] == "Joost Oude Egbrink"  # as the PDF, not the username
    heropaf, *rest = melding["vastgelegd"]["gebeurtenissen"]
    assert heropaf["door"] == "systeem"  # as the melding page says
    assert rest[-1]["door"] == "Joost Oude Egbrink"


def test_the_inzage_json_names_the_details_of_events_in_dutch(officer_client, worked_melding):
    import datetime as dt

    from vroegsignaal.casework import events

    events.heropaf_scheduled(worked_melding, None, dt.date(2026, 11, 27), dt.date(2027, 1, 27))
    heropaf, conversation, *_ = _inzage_json(officer_client)["meldingen"][0]["vastgelegd"][
        "gebeurtenissen"
    ]
    assert heropaf["gegevens"] == {
        "signaalpartner geïnformeerd op": "2026-11-27",
        "heropaf op": "2027-01-27",
    }
    assert conversation["gegevens"] == {
        "datum": "2026-11-26",
        "hulp geaccepteerd": "Ja",
        "fase ervoor en erna": ["Contact loopt", "Afgesloten"],
    }


def test_the_inzage_json_keys_payment_agreements_by_the_partners_name(
    officer_client, worked_melding
):
    from vroegsignaal.casework.models import Plan

    creditor = worked_melding.signal_links.get().signal.creditor
    Plan.objects.create(
        melding=worked_melding, ongoing_payments={str(creditor.pk): "€ 50 per maand"},
        room_to_pay_off="ja", problematic_debts="nee",
    )  # fmt: skip
    plan = _inzage_json(officer_client)["meldingen"][0]["vastgelegd"]["plannen van aanpak"][0]
    assert plan["afspraken lopende betalingen"] == {creditor.name: "€ 50 per maand"}


def test_the_inzage_json_gives_the_feedback_choices_by_their_dutch_labels(
    officer_client, worked_melding
):
    from django.utils import timezone

    from vroegsignaal.feedback.models import FeedbackRelease, SignalFeedback

    signal = worked_melding.signal_links.get().signal
    SignalFeedback.objects.create(
        signal=signal, creditor=signal.creditor, kind="outcome",
        release=FeedbackRelease.objects.create(released_on=timezone.localdate()),
        content={"help_accepted": "ja", "cause": "geen_overzicht",
                 "perspective": "alleen_achterstand"},
        released_at=timezone.now(),
    )  # fmt: skip
    content = _inzage_json(officer_client)["signalen"][0]["terugkoppelingen"][0]["inhoud"]
    assert content == {
        "hulp geaccepteerd": "Ja",
        "globale oorzaak": "Onvoldoende overzicht over de financiën",
        "perspectief": "Alleen een betalingsachterstand",
    }


def test_the_inzage_pdf_shows_times_as_hours_and_minutes_and_the_system_by_name(
    officer_client, worked_melding
):
    """docs/privacy.md: times as uu:mm ('09:26', not '09:26:00'); a step nobody took was the
    system's, as the melding page says ('Door –' told the resident nothing)."""
    import datetime as dt

    from vroegsignaal.casework import events

    worked_melding.contact_attempts.update(moment=dt.time(9, 26))
    events.heropaf_scheduled(worked_melding, None, dt.date(2026, 11, 27), dt.date(2027, 1, 27))
    response = composed(officer_client, {"bsn": "123456782", "formaat": "pdf"})
    text = pdf_text(response.content)
    assert "09:26" in text and "09:26:00" not in text
    assert not re.search(r"\d\d:\d\d:\d\d", text), "a time with seconds in the PDF"
    assert re.search(r"(?m)^Door systeem", text)


@pytest.fixture
def at_93_2():
    """A melding at 7514 BN 93 with huisnummertoevoeging 2 (not house 932)."""
    return MeldingFactory(
        street="Lasondersingel", postcode="7514BN", house_number=93, house_number_addition="2",
        address_key=address_key("7514BN", 93, "", "2"),
    )  # fmt: skip


def _request_for_93_2(client, formaat: str):
    """The request as the resident writes the address: huisnummer '93-2'."""
    return client.post(
        reverse("privacy:access_request"),
        {"achternaam": "Jansen", "geboortedatum": "17-05-1980", "postcode": "7514 BN",
         "huisnummer": "93-2", "formaat": formaat},
    )  # fmt: skip


def test_the_inzage_json_writes_number_and_addition_as_the_letter_does(officer_client, at_93_2):
    content = _request_for_93_2(officer_client, "json").content.decode()

    melding = json.loads(content)["meldingen"][0]
    written = [melding[name] for name in ("huisnummer", "huisletter", "huisnummertoevoeging")]
    assert written == [93, "", "2"]
    assert f"Melding VS-{at_93_2.pk} (7514BN 93-2)" in content and "7514BN 932" not in content


def test_the_inzage_pdf_writes_number_letter_and_addition_apart(officer_client, at_93_2):
    text = pdf_text(_request_for_93_2(officer_client, "pdf").content)

    assert "Huisnummer 93\nHuisletter niet ingevuld\nHuisnummertoevoeging 2" in text


def test_the_inzage_says_the_house_number_searched_with_its_addition_and_the_others_included(
    officer_client, at_93_2
):
    """The FG searched for 93-2 and the document said 'huisnummer 93': the search leaves the
    letter and addition out on purpose (better a signal too many than one of hers left out),
    so the heading says what was typed and that the others at 93 were searched too."""
    at_93 = MeldingFactory(
        street="Lasondersingel", postcode="7514BN", house_number=93,
        address_key=address_key("7514BN", 93),
    )  # fmt: skip
    searched = "huisnummer 93-2 (en de andere huisletters en toevoegingen bij 93)"

    data = json.loads(_request_for_93_2(officer_client, "json").content)
    text = " ".join(pdf_text(_request_for_93_2(officer_client, "pdf").content).split())

    assert data["gezocht"].endswith(f"postcode 7514BN en {searched}")
    assert {m["id"] for m in data["meldingen"]} == {at_93_2.pk, at_93.pk}
    assert (
        f"gezocht op achternaam Jansen, geboortedatum 17-05-1980, postcode 7514BN en {searched}."
        in text
    )


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("7", "huisnummer 7 (met alle huisletters en toevoegingen)"),
        ("7a", "huisnummer 7A (en de andere huisletters en toevoegingen bij 7)"),
        ("7 b-2", "huisnummer 7B-2 (en de andere huisletters en toevoegingen bij 7)"),
        ("7B-2", "huisnummer 7B-2 (en de andere huisletters en toevoegingen bij 7)"),
        ("7 bis", "huisnummer 7-bis (en de andere huisletters en toevoegingen bij 7)"),
    ],
)
def test_the_inzage_writes_the_house_number_searched_as_the_pages_do(
    officer_client, typed, written
):
    """As typed, written the way every page writes an address (7B-2, as the melding shows it,
    was refused at the field)."""
    response = officer_client.post(
        reverse("privacy:access_request"),
        {"achternaam": "Jansen", "geboortedatum": "17-05-1980", "postcode": "7511 AB",
         "huisnummer": typed, "formaat": "json"},
    )  # fmt: skip

    assert json.loads(response.content)["gezocht"].endswith(written)


def test_the_inzage_page_tells_the_officer_that_other_additions_are_searched_too(officer_client):
    html = officer_client.get(reverse("privacy:access_request")).content.decode()

    assert "Gezocht wordt ook op de andere huisletters en toevoegingen bij dat nummer." in html


def _worked_pdf_text(officer_client) -> str:
    response = composed(officer_client, {"bsn": "123456782", "formaat": "pdf"})
    return pdf_text(response.content)


def test_a_letter_in_the_inzage_pdf_was_sent_and_only_a_visit_reaches_the_resident_or_not(
    officer_client, worked_melding
):
    """A letter has no reached/not reached of its own: 'Inwoner bereikt: Verstuurd' (QA) and
    before that 'Inwoner bereikt: Nee' read as if the letter had failed."""
    text = _worked_pdf_text(officer_client)

    rows = re.findall(r"(?m)^Uitkomst (.+)$", text)
    assert rows == ["U bent niet bereikt", "Brief verstuurd"]  # the home visit, then the letter
    assert "Inwoner bereikt" not in text


def test_the_inzage_pdf_explains_the_kind_of_melding_instead_of_enkelvoudig_or_meervoudig(
    officer_client, worked_melding
):
    text = " ".join(_worked_pdf_text(officer_client).split())

    for jargon in ("Enkelvoudig", "Meervoudig", "Opeenvolgend"):
        assert jargon not in text, jargon
    assert "Soort melding Eén signaal over uw adres in deze maand" in text


def test_the_inzage_pdf_says_why_the_melding_had_priority_without_a_score(
    officer_client, worked_melding
):
    """'Prioriteit 10' and '(+50)' mean nothing to a resident; the reasons do."""
    text = " ".join(_worked_pdf_text(officer_client).split())

    assert "Prioriteit" not in text and "(+" not in text
    assert "Waarom de melding voorrang kreeg Dringend signaal; Totale achterstand € 2.258,20" in (
        text
    )


def test_the_inzage_pdf_says_nog_niet_for_a_step_not_taken_and_names_picking_up_one_way(
    officer_client, worked_melding
):
    """'Datum opgepakt –' beside 'Opgepakt in deze contactronde –' (QA): two wordings for one
    step, and a dash the resident cannot read. A second round shows only after a heropaf."""
    text = _worked_pdf_text(officer_client)

    assert "In behandeling genomen op nog niet" in text
    assert "Datum opgepakt" not in text and "contactronde –" not in text
    assert "In behandeling genomen in deze contactronde" not in text  # round 1
    assert not re.search(r"(?m) –$", text), "a dash for an empty value"


def _with_brp_notice_and_help_accepted_at_the_door(melding) -> None:
    """The rich case of QA7 M3: the BRP check did not find the resident (a crisis signal stays
    open for the caseworker's check), she accepted help at the door on the home visit, the
    melding sat in the Crisis werklijst and her signal was added to it from a later period."""
    from vroegsignaal.casework import events
    from vroegsignaal.casework.models import ContactAttempt, Queue

    signal_link = melding.signal_links.get()
    signal = signal_link.signal
    signal.brp_note = (
        "Niet gevonden in de BRP van Enschede: controleer of de inwoner hier woont voordat u de "
        "melding afsluit."
    )
    signal.save()
    signal_link.attached_as_repeat = True
    signal_link.save()
    visit = ContactAttempt.objects.get(melding=melding, kind="Huisbezoek")
    visit.reached = True
    visit.save()
    events.help_accepted(melding, melding.assigned_to, visit)
    melding.accepted_on, melding.accepted_in_conversation = visit.attempted_on, False
    melding.queue = Queue.objects.create(municipality=melding.municipality, name="Crisis")
    melding.save()


def test_the_inzage_pdf_names_no_cbs_codes_delivery_rows_enum_values_or_english(
    officer_client, worked_melding, settings
):
    from vroegsignaal.ddas import Eindresultaat

    settings.RETENTION_AUDIT_DAYS = 1826
    worked_melding.result = Eindresultaat.ADVIES_QUICK_FIX
    worked_melding.save()
    _with_brp_notice_and_help_accepted_at_the_door(worked_melding)

    text = " ".join(_worked_pdf_text(officer_client).split())

    for jargon in (
        "(0153)", "Aanlevering 1", "Rij in aanlevering", "Geslacht Leeg", "quick fix",
        "Werkbakje", "matching", "Matching", "Printopdracht", "Crisissignaal", "crisismelding",
        "Warme overdracht", "Heropaf op", "signaalpartner",
        # QA7 M3: a work instruction, system terms and a contradiction
        "controleer of de inwoner", "Reden status", "(fase:", "Werklijst", "Crisis",
        "Auditregels", "Aanleverbestanden", "geweigerde rijen", "dagen (5 jaar)",
        "eerdere periode", "Hulp aangenomen in een gesprek", "Volgens de BRP",
    ):  # fmt: skip
        assert jargon not in text, jargon
    assert "Gemeente Enschede" in text
    assert (
        "Controle in de Basisregistratie Personen (BRP) Wij vonden u bij de controle niet in de "
        "Basisregistratie Personen op dit adres."
    ) in text
    assert "U hebt hulp aangenomen Ja, op 26-11-2026" in text
    assert "Wat er gebeurde Toegewezen aan Joost Oude Egbrink" in text  # without its phase
    assert "Wie uw gegevens heeft bekeken 5 jaar" in text
    assert "Hoe het afliep Advies over uw geldzaken; de achterstand was snel op te lossen" in text


def test_the_inzage_json_names_why_a_rematch_picked_the_melding_up_in_dutch(
    officer_client, worked_melding
):
    from vroegsignaal.casework.models import Event

    Event.objects.create(
        melding=worked_melding, kind="rematched",
        details={"state": ["closed", "new"], "reasons": ["brp", "new_signals"]},
    )  # fmt: skip
    rematched = _inzage_json(officer_client)["meldingen"][0]["vastgelegd"]["gebeurtenissen"][0]
    assert rematched["gegevens"] == {
        "fase ervoor en erna": ["Afgesloten", "Nieuw"],
        "redenen": ["BRP-uittreksel bijgewerkt", "later aangeleverde signalen"],
    }


def test_the_inzage_does_not_call_a_repeat_signal_no_herhaalde_melding(officer_client):
    """The link's flag says whether the signal was added to an earlier melding, not whether it
    is a herhaalde melding (its status says that): a repeat within its own melding said
    '"herhaalde melding": false' next to 'Niet opgepakt: herhaalde melding' (QA)."""
    MeldingFactory(signals__bsn="123456782", signals__status="Niet opgepakt: herhaalde melding")

    data = _inzage_json(officer_client)

    link = data["meldingen"][0]["vastgelegd"]["signalen bij melding"][0]
    assert data["signalen"][0]["status"] == "Niet opgepakt: herhaalde melding"
    assert "herhaalde melding" not in link
    assert link["toegevoegd aan een melding uit een eerdere periode"] is False


def _input_tags(html: str, name: str) -> list[str]:
    return re.findall(rf'<input\b[^>]*\bname="{name}"[^>]*>', html)


def test_only_the_format_is_marked_required_as_one_combination_of_person_fields_suffices(
    officer_client,
):
    """Every person field carried the HTML attribute required, so a screen reader called them
    all required while a BSN alone, or name and address, suffices."""
    html = officer_client.get(reverse("privacy:access_request")).content.decode()

    for name in ("bsn", "achternaam", "geboortedatum", "postcode", "huisnummer"):
        [tag] = _input_tags(html, name)
        assert not re.search(r"\srequired\b", tag), tag
    assert all(re.search(r"\srequired\b", tag) for tag in _input_tags(html, "formaat"))

    empty = officer_client.post(reverse("privacy:access_request"), {"formaat": "pdf"})
    assert "Vul een BSN in, of achternaam, geboortedatum, postcode én huisnummer." in (
        empty.content.decode()
    )


def test_the_inzage_pdf_tells_the_resident_in_plain_dutch_what_the_partner_was_told(
    officer_client, worked_melding
):
    """'Go/no-go', 'vrijgave van 30-01-2026' and an empty 'Corrigeert –' were the chain's
    jargon: each message is named by what it was about, when it was sent and what it said; a
    correction says which message it set right, a first message does not say it corrects none."""
    import datetime as dt

    from vroegsignaal.feedback.models import FeedbackRelease, SignalFeedback

    signal = worked_melding.signal_links.get().signal
    release = FeedbackRelease.objects.create(released_on=dt.date(2026, 11, 20))
    sent = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)  # in the past: sent messages
    first = SignalFeedback.objects.create(
        signal=signal, creditor=signal.creditor, release=release, kind="go_no_go",
        content={"picked_up": False, "reason": "Niet opgepakt: herhaalde melding",
                 "known_to_debt_help": None},
        released_at=sent,
    )  # fmt: skip
    SignalFeedback.objects.create(
        signal=signal, creditor=signal.creditor, release=release, kind="go_no_go",
        content={"picked_up": True, "reason": None, "known_to_debt_help": None},
        released_at=sent + dt.timedelta(days=3), corrects=first,
    )  # fmt: skip
    SignalFeedback.objects.create(
        signal=signal, creditor=signal.creditor, release=release, kind="outcome",
        contact_round=2, content={"help_accepted": "ja", "perspective": "alleen_achterstand",
                                  "outcome_date": "2026-11-24"},
        released_at=sent + dt.timedelta(days=5),
    )  # fmt: skip

    response = composed(officer_client, {"bsn": "123456782", "formaat": "pdf"})

    text = " ".join(pdf_text(response.content).split())
    partner = signal.creditor.name
    for jargon in ("Go/no-go", "go/no-go", "Vrijgave", "vrijgave", "Corrigeert", "Uitkomst ("):
        assert jargon not in text, jargon
    assert f"Bericht aan {partner} of de gemeente contact met u opneemt" in text
    assert "Verstuurd op 20-11-2026 De gemeente neemt contact met u op Nee" in text
    assert "Waarom niet Niet opgepakt: herhaalde melding" in text
    assert "Verstuurd op 23-11-2026 De gemeente neemt contact met u op Ja" in text
    assert "Verbetert het bericht van 20-11-2026, dat niet klopte" in text
    assert text.count("Verbetert") == 1
    assert f"Bericht aan {partner} over hoe het afliep" in text
    assert "U hebt hulp aangenomen Ja" in text and "Datum 24-11-2026" in text
    assert "Contactronde 2 (de gemeente zocht opnieuw contact met u)" in text
    assert "bekend bij schuldhulpverlening" not in text  # the partner was not told


def test_the_inzage_pdf_names_the_eer_as_the_register_does(officer_client):
    """docs/privacy.md's register says 'Doorgifte buiten de EER: geen'; the document said
    'buiten Europa', which is another area."""
    MeldingFactory(signals__bsn="123456782")
    response = composed(officer_client, {"bsn": "123456782", "formaat": "pdf"})

    text = " ".join(pdf_text(response.content).split())
    assert "buiten de Europese Economische Ruimte (EER)" in text
    assert "buiten Europa" not in text


def test_the_inzage_pdf_names_an_earlier_melding_by_its_kenmerk_not_its_database_number(
    officer_client,
):
    """QA8 M3: 'Reden status Eerder gemeld ... (melding 14296)': an internal number and a
    system label. The resident reads why, and the kenmerk she can quote ('VS-14296'), as the
    matching writes the reason (and migration matching.0009 rewrote the older ones)."""
    MeldingFactory(
        signals__bsn="123456782", signals__status="Niet opgepakt: herhaalde melding",
        signals__status_reason="Eerder gemeld door dezelfde schuldeiser op 15-07-2026 (melding VS-14296)",
    )  # fmt: skip

    text = " ".join(_worked_pdf_text(officer_client).split())

    assert "Reden status" not in text and "melding 14296" not in text
    assert "Waarom Eerder gemeld door dezelfde schuldeiser op 15-07-2026 (melding VS-14296)" in text


def test_the_inzage_pdf_says_once_per_melding_whether_the_resident_accepted_help(
    officer_client, worked_melding
):
    """QA8 L8: the melding's row, the door's event, the conversation's event and the
    conversation's own row each said it: one statement, from the date and the answer."""
    _with_brp_notice_and_help_accepted_at_the_door(worked_melding)

    text = " ".join(_worked_pdf_text(officer_client).split())

    assert len(re.findall(r"(?i)hulp (geaccepteerd|aangenomen)", text)) == 1
    assert (
        "U hebt hulp aangenomen Ja, op 26-11-2026; in het gesprek van 26-11-2026 zei u: ja"
    ) in text
    assert (
        "Wat er gebeurde Gesprek op 26-11-2026 " in text
    )  # the conversation stays on the timeline


def test_a_closed_melding_does_not_say_nog_niet_about_help_the_resident_put_off(
    officer_client, worked_melding
):
    """QA8 L8: 'U hebt hulp aangenomen nog niet' for a closed melding whose conversation said
    'Later': nothing more is coming, so the answer is no, with what the conversation recorded."""
    worked_melding.conversations.update(help_accepted="later")

    text = " ".join(_worked_pdf_text(officer_client).split())

    assert ("U hebt hulp aangenomen Nee; in het gesprek van 26-11-2026 zei u: later") in text
    assert "hulp aangenomen nog niet" not in text.lower()


def test_an_open_melding_says_nog_niet_until_help_is_accepted(officer_client):
    MeldingFactory(signals__bsn="123456782", state="assigned")

    text = " ".join(_worked_pdf_text(officer_client).split())

    assert "U hebt hulp aangenomen nog niet" in text


def test_the_inzage_writes_initials_with_full_stops_in_the_pdf_and_on_the_officers_page(
    officer_client,
):
    """QA8 M3: '(A Tweeling, ...)' and 'Voorletters volgens de BRP A': the BRP extract and
    some partners leave the stops out; the inzage writes them as the rest of the app does."""
    from tests.casework.factories import add_signal
    from tests.factories import CreditorFactory
    from vroegsignaal.matching.models import ResidentRecord
    from vroegsignaal.privacy.bsn import bsn_hash

    melding = MeldingFactory(
        signals__bsn="123456782", signals__initials="JH", signals__brp_initials="A",
        signals__surname="Tweeling",
    )  # fmt: skip
    signal = melding.signal_links.get().signal
    ResidentRecord.objects.create(
        municipality=melding.municipality, bsn=bsn_hash("123456782"), initials="A",
        surname="Tweeling", birth_date=signal.birth_date, postcode=signal.postcode,
        house_number=signal.house_number,
    )  # fmt: skip
    housemate = add_signal(melding, CreditorFactory(code="domijn", name="Domijn"))
    housemate.surname, housemate.initials, housemate.birth_date = "Kok", "P", dt.date(1999, 1, 2)
    housemate.save()
    asked = {"bsn": "123456782", "formaat": "pdf"}

    page = " ".join(
        officer_client.post(reverse("privacy:access_request"), asked).content.decode().split()
    )
    assert "(P. Kok, 02-01-1999)" in page

    response = composed(officer_client, asked)
    text = " ".join(pdf_text(response.content).split())
    assert "(A. Tweeling, 17-05-1980" in text
    assert "Voorletters J.H." in text and "Voorletters volgens de BRP A." in text


# Every answer to the page's questions holds for the resident it was asked about only.


def _with_housemate(surname: str, house_number: int, housemate: str):
    """A melding of `surname` at 7511AB `house_number` that also holds a rent signal of
    P. `housemate`: the page asks about it before composing."""
    melding = MeldingFactory(signals__surname=surname, house_number=house_number)
    other = add_signal(melding, CreditorFactory(code=housemate.lower(), name=f"Huur {housemate}"))
    other.surname, other.initials, other.birth_date = housemate, "P", dt.date(1999, 1, 2)
    other.save()
    return melding, other


def _by_name(surname: str, house_number: int) -> dict:
    return {
        "achternaam": surname, "geboortedatum": "1980-05-17", "postcode": "7511AB",
        "huisnummer": str(house_number), "formaat": "pdf",
    }  # fmt: skip


def _asked(officer_client, data: dict):
    return officer_client.post(reverse("privacy:access_request"), data)


def _page_of(response) -> str:
    assert response["Content-Type"].startswith("text/html")  # no document
    return " ".join(response.content.decode().split())


def test_an_answer_about_other_peoples_signals_for_one_resident_asks_again_for_another_typed_in(
    officer_client,
):
    """The answer rode along as a hidden field while the search fields could still be edited:
    typing Visser's details after answering the question about Bakker's housemate composed
    Visser's document without asking about hers."""
    _, kok = _with_housemate("Bakker", 7, "Kok")
    _with_housemate("Visser", 9, "Smit")
    bakker = _page_of(_asked(officer_client, _by_name("Bakker", 7)))
    assert "(P. Kok, 02-01-1999)" in bakker

    answered_for_bakker = {**answers_on(bakker), "meenemen": str(kok.pk)}
    response = _asked(officer_client, {**_by_name("Visser", 9), **answered_for_bakker})

    visser = _page_of(response)
    assert "(P. Smit, 02-01-1999): hoort dit bij deze inwoner?" in visser
    assert "Kok" not in visser
    assert not AuditEntry.objects.filter(action="export").exists()


def test_a_signal_of_another_person_added_after_the_answer_asks_about_them_again(officer_client):
    melding, _ = _with_housemate("Bakker", 7, "Kok")
    page = _page_of(_asked(officer_client, _by_name("Bakker", 7)))
    lodger = add_signal(melding, CreditorFactory(code="vitens", name="Vitens"))
    lodger.surname, lodger.initials, lodger.birth_date = "Smit", "R", dt.date(2001, 6, 3)
    lodger.save()

    again = _page_of(_asked(officer_client, {**_by_name("Bakker", 7), **answers_on(page)}))

    assert "(P. Kok, 02-01-1999)" in again and "(R. Smit, 03-06-2001)" in again


def test_an_answer_to_compose_on_the_bsn_alone_asks_again_for_another_bsn_typed_in(
    officer_client,
):
    MeldingFactory(signals__bsn="123456782", signals__surname="Bakker")
    MeldingFactory(signals__bsn="111222333", signals__surname="Visser")
    page = _page_of(_asked(officer_client, {"bsn": "123456782", "formaat": "pdf"}))

    response = _asked(officer_client, {"bsn": "111222333", "formaat": "pdf", **answers_on(page)})

    assert 'data-testid="alleen-bsn"' in _page_of(response)
    assert not AuditEntry.objects.filter(action="export").exists()


def test_an_answer_posted_as_yes_without_its_question_composes_nothing(officer_client):
    """'1', as the buttons posted before, is no answer to any question."""
    _with_housemate("Bakker", 7, "Kok")

    response = _asked(officer_client, {**_by_name("Bakker", 7), "andere_bekeken": "1"})

    assert "(P. Kok, 02-01-1999)" in _page_of(response)


def _search_fields(page: str) -> dict[str, str]:
    """Per search field on the page, its input element."""
    names = ("bsn", "achternaam", "voorletters", "geboortedatum", "postcode", "huisnummer")
    return {name: re.search(rf'<input [^>]*name="{name}"[^>]*>', page).group(0) for name in names}


def test_every_question_shows_the_resident_read_only_and_the_answers_compose_the_document(
    officer_client,
):
    """The normal flow: on the BSN alone, past the question about a housemate's signal (taken
    in) and the review of a caseworker's note, each page about the resident asked for."""
    melding = MeldingFactory(signals__bsn="123456782", signals__surname="Bakker", state="assigned")
    housemate = add_signal(melding, CreditorFactory(code="domijn", name="Domijn"))
    housemate.surname, housemate.initials, housemate.birth_date = "Kok", "P", dt.date(1999, 1, 2)
    housemate.save()
    Plan.objects.create(
        melding=melding, room_to_pay_off="ja", problematic_debts="nee", note="Budgetcoach gevraagd."
    )
    asked = {"bsn": "123456782", "formaat": "pdf"}
    link = f'href="{reverse("privacy:access_request")}">Andere inwoner zoeken</a>'

    bsn_alone = _page_of(_asked(officer_client, asked))
    assert 'data-testid="alleen-bsn"' in bsn_alone and link in bsn_alone
    fields = _search_fields(bsn_alone)
    assert "readonly" in fields["bsn"]
    assert "readonly" not in fields["achternaam"]  # the question asks to fill in name and address

    asked |= answers_on(bsn_alone)
    others = _page_of(_asked(officer_client, asked))
    assert "(P. Kok, 02-01-1999)" in others and link in others
    assert all("readonly" in field for field in _search_fields(others).values())

    asked |= {**answers_on(others), "meenemen": str(housemate.pk)}
    review = _page_of(_asked(officer_client, asked))
    assert "Budgetcoach gevraagd." in review and link in review
    assert all("readonly" in field for field in _search_fields(review).values())

    response = _asked(officer_client, asked | answers_on(review))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Domijn" in text and "Budgetcoach gevraagd." in text
