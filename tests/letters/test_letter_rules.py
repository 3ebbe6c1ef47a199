"""Which letter kinds a melding can get now (by contact round, letters sent this round and
reach), the heropaf letter's text, the appointment's moment and messages, and its timeline line."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.letters.conftest import MOMENT, assigned_melding, reach
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.models import Event, EventKind
from vroegsignaal.letters import services
from vroegsignaal.letters.default_texts import DEFAULT_TEXTS
from vroegsignaal.letters.forms import LetterForm
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import SentLetter


def _unavailable(melding):
    melding.refresh_from_db()
    return services.unavailable_kinds(melding, [])


def _send(melding, caseworker, kind, **extra):
    melding.refresh_from_db()
    request = services.LetterRequest(kind, extra)
    services.send_letter(melding, caseworker, melding.version, request, MOMENT)
    melding.refresh_from_db()


@pytest.fixture
def reopened(enschede, caseworker, letterhead):
    return assigned_melding(enschede, caseworker, contact_round=2)


def test_round_one_before_any_letter_offers_the_first_letter_only_of_the_opening_letters(
    melding,
):
    unavailable = _unavailable(melding)

    assert LetterKind.FIRST not in unavailable
    assert unavailable[LetterKind.HEROPAF] == services.NOT_REOPENED
    assert unavailable[LetterKind.REMINDER] == services.NO_OPENING_LETTER_YET


def test_the_first_letter_is_not_offered_again_once_sent_this_round_but_the_reminder_is(
    melding, caseworker
):
    _send(melding, caseworker, LetterKind.FIRST)

    unavailable = _unavailable(melding)

    assert unavailable[LetterKind.FIRST] == services.OPENING_LETTER_SENT
    assert LetterKind.REMINDER not in unavailable


def test_round_two_offers_the_heropaf_letter_and_not_the_first_letter(reopened):
    unavailable = _unavailable(reopened)

    assert LetterKind.HEROPAF not in unavailable
    assert unavailable[LetterKind.FIRST] == services.REOPENED_GETS_HEROPAF_LETTER


def test_the_heropaf_letter_is_not_offered_again_once_sent_this_round(reopened, caseworker):
    _send(reopened, caseworker, LetterKind.HEROPAF)

    unavailable = _unavailable(reopened)

    assert unavailable[LetterKind.HEROPAF] == services.OPENING_LETTER_SENT
    assert LetterKind.REMINDER not in unavailable


def test_an_opening_letter_of_an_earlier_round_does_not_count_in_this_round(reopened):
    SentLetter.objects.create(melding=reopened, kind=LetterKind.FIRST, contact_round=1)

    unavailable = _unavailable(reopened)

    assert LetterKind.HEROPAF not in unavailable
    assert unavailable[LetterKind.REMINDER] == services.NO_OPENING_LETTER_YET


def test_no_reminder_once_the_resident_was_reached_this_round(melding, caseworker):
    _send(melding, caseworker, LetterKind.FIRST)
    reach(melding, caseworker)

    unavailable = _unavailable(melding)

    assert unavailable[LetterKind.REMINDER] == services.ALREADY_REACHED_NO_REMINDER
    assert LetterKind.APPOINTMENT not in unavailable


def test_no_first_letter_once_the_resident_was_reached_this_round(reached):
    assert _unavailable(reached)[LetterKind.FIRST] == services.ALREADY_REACHED


def test_no_heropaf_letter_once_the_resident_was_reached_this_round(reopened, caseworker):
    reach(reopened, caseworker)

    assert _unavailable(reopened)[LetterKind.HEROPAF] == services.ALREADY_REACHED


def test_the_letter_page_offers_only_the_kinds_that_fit_and_says_why_not_the_others(
    client, reopened, caseworker
):
    client.force_login(caseworker)

    page = client.get(reverse("letters:melding", args=[reopened.pk])).content.decode()

    assert f'value="{LetterKind.HEROPAF}"' in page
    assert f'value="{LetterKind.FIRST}"' not in page
    assert f'value="{LetterKind.REMINDER}"' not in page
    assert services.REOPENED_GETS_HEROPAF_LETTER in page


def test_a_withheld_kind_posted_anyway_is_refused_at_the_kind_field(client, reopened, caseworker):
    client.force_login(caseworker)
    data = {"version": reopened.version, "kind": LetterKind.FIRST, "actie": "maken"}

    page = client.post(reverse("letters:melding", args=[reopened.pk]), data).content.decode()

    assert services.REOPENED_GETS_HEROPAF_LETTER in page and 'id="id_kind-fout"' in page
    assert not SentLetter.objects.exists()


def test_the_heropaf_letter_does_not_claim_earlier_contact():
    body = DEFAULT_TEXTS[LetterKind.HEROPAF].body

    assert "contact met u" not in body.split("{contactmanieren}")[0].split("Neem contact")[0]
    assert "hadden wij contact" not in body


def test_the_batch_page_does_not_claim_a_reopened_melding_had_contact(client, reopened, caseworker):
    client.force_login(caseworker)

    page = client.get(reverse("letters:batch")).content.decode()

    assert "had al contact" not in page


def _appointment_form(now, **data):
    data = {"version": 1, "kind": LetterKind.APPOINTMENT, **data}
    return LetterForm(data, missed_visits=[], unavailable={}, now=now)


def test_an_appointment_earlier_today_is_refused_at_the_time_field():
    now = timezone.make_aware(dt.datetime(2026, 11, 26, 8, 3))
    form = _appointment_form(
        now,
        appointment_date="2026-11-26",
        appointment_time="06:00",
        appointment_place="Gemeentehuis",
    )

    assert not form.is_valid()
    assert form.errors["appointment_time"] == [
        "Tijd afspraak: dit moment is al voorbij (26-11-2026 06:00). Vul een tijd in na nu (08:03)."
    ]
    assert "appointment_date" not in form.errors


def test_an_appointment_later_today_is_accepted():
    now = timezone.make_aware(dt.datetime(2026, 11, 26, 8, 3))
    form = _appointment_form(
        now,
        appointment_date="2026-11-26",
        appointment_time="08:30",
        appointment_place="Gemeentehuis",
    )

    assert form.is_valid(), form.errors


def test_appointment_messages_name_the_field_in_house_style():
    now = timezone.make_aware(dt.datetime(2026, 11, 26, 8, 3))
    form = _appointment_form(now)
    past = _appointment_form(
        now, appointment_date="2026-11-25", appointment_time="10:00", appointment_place="Hier"
    )

    assert not form.is_valid() and not past.is_valid()
    assert form.errors["appointment_date"] == ["Datum afspraak: vul de datum in."]
    assert form.errors["appointment_time"] == ["Tijd afspraak: vul de tijd in."]
    assert form.errors["appointment_place"] == ["Plaats afspraak: vul de plaats in."]
    assert past.errors["appointment_date"] == [
        "Datum afspraak: de datum ligt in het verleden. Kies vandaag of een latere dag."
    ]


def test_the_timeline_line_of_an_appointment_confirmation_names_date_time_and_place(
    reached, caseworker
):
    _send(
        reached,
        caseworker,
        LetterKind.APPOINTMENT,
        afspraak_datum="donderdag 3 december 2026",
        afspraak_tijd="10.30 uur",
        afspraak_plaats="Gemeentehuis",
    )

    event = Event.objects.get(melding=reached, kind=EventKind.LETTER)

    assert describe(event).startswith(
        "Bevestiging van een afspraak gemaakt voor donderdag 3 december 2026 om 10.30 uur, "
        "Gemeentehuis"
    )


def test_the_batch_page_ticks_only_the_users_own_meldingen_by_default(
    client, melding, enschede, caseworker
):
    colleague = UserFactory(
        caseworker=True, municipality=enschede, first_name="Col", last_name="Lega"
    )
    theirs = assigned_melding(enschede, colleague)
    client.force_login(caseworker)

    page = client.get(reverse("letters:batch")).content.decode()

    assert _checkbox(page, melding).endswith(" checked")
    assert f'value="{theirs.pk}:' in page and not _checkbox(page, theirs).endswith(" checked")
    assert "1 aan u toegewezen en aangevinkt" in page


def test_the_batch_page_is_named_for_the_letters_of_the_round_not_first_letters(
    client, melding, caseworker
):
    client.force_login(caseworker)

    page = client.get(reverse("letters:batch")).content.decode()

    assert "Eerste brieven" not in page and "zonder eerste brief" not in page
    assert "<title>Brieven printen" in page
    assert "1 melding zonder brief in deze contactronde" in page


def _checkbox(page, melding) -> str:
    start = page.index(f'value="{melding.pk}:')
    return page[start:].split(">", 1)[0]
