"""The letter page offers only the kinds that can be made now, and says why the others cannot."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.letters.conftest import MOMENT, reach
from tests.page_text import page_text
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.models import ContactAttempt
from vroegsignaal.ddas import Contactsoort, Dagdeel
from vroegsignaal.letters import services
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import SentLetter

NO_MISSED_VISIT = "Er is geen gemist huisbezoek zonder kaartje."
NOT_REACHED = "De inwoner is in deze contactronde nog niet bereikt."


@pytest.fixture
def logged_in(client, caseworker):
    client.force_login(caseworker)
    return client


def _page(client, melding) -> str:
    return client.get(reverse("letters:melding", args=[melding.pk])).content.decode()


def _post(client, melding, **data):
    data = {"version": melding.version, "actie": "maken", **data}
    return client.post(reverse("letters:melding", args=[melding.pk]), data)


def _appointment(day: dt.date) -> dict:
    return {
        "kind": LetterKind.APPOINTMENT,
        "appointment_date": day.isoformat(),
        "appointment_time": "10:00",
        "appointment_place": "Stadskantoor",
    }


def test_the_card_is_not_offered_without_a_missed_visit_lacking_a_card(logged_in, melding):
    page = _page(logged_in, melding)

    assert f'value="{LetterKind.CARD}"' not in page
    assert NO_MISSED_VISIT in page


def test_a_card_posted_without_a_missed_visit_gets_a_message_at_the_kind_field(logged_in, melding):
    page = _post(logged_in, melding, kind=LetterKind.CARD).content.decode()

    assert (
        f'<p class="utrecht-form-field-error-message" id="id_kind-fout">{NO_MISSED_VISIT}</p>'
        in page
    )
    assert not ContactAttempt.objects.exists()


def test_the_appointment_confirmation_is_not_offered_before_the_resident_was_reached(
    logged_in, melding
):
    page = _page(logged_in, melding)

    assert f'value="{LetterKind.APPOINTMENT}"' not in page
    assert NOT_REACHED in page


def test_an_appointment_confirmation_posted_before_the_resident_was_reached_is_refused(
    logged_in, melding
):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    page = _post(logged_in, melding, **_appointment(tomorrow)).content.decode()

    assert NOT_REACHED in page and 'id="id_kind-fout"' in page
    assert not SentLetter.objects.exists()
    with pytest.raises(services.LetterError, match=NOT_REACHED):
        services.send_letter(
            melding,
            melding.assigned_to,
            melding.version,
            services.LetterRequest(LetterKind.APPOINTMENT, {"afspraak_datum": "x"}),
            timezone.localtime(),
        )


def test_an_appointment_date_in_the_past_is_refused_naming_the_field(
    logged_in, melding, caseworker
):
    reach(melding, caseworker)
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    page = _post(logged_in, melding, **_appointment(yesterday)).content.decode()

    assert "Datum afspraak: de datum ligt in het verleden. Kies vandaag of een latere dag." in page
    assert 'id="id_appointment_date-fout"' in page
    assert not SentLetter.objects.exists()


def test_an_appointment_later_today_is_confirmed_once_the_resident_was_reached(
    logged_in, melding, caseworker
):
    reach(melding, caseworker)
    later = timezone.localtime() + dt.timedelta(minutes=5)

    assert f'value="{LetterKind.APPOINTMENT}"' in _page(logged_in, melding)
    data = _appointment(later.date()) | {"appointment_time": f"{later:%H:%M}"}
    response = _post(logged_in, melding, **data)

    assert response.status_code == 302
    assert SentLetter.objects.get().kind == LetterKind.APPOINTMENT


def test_the_card_choices_tell_visits_of_one_dagdeel_apart_by_their_time(
    logged_in, melding, caseworker
):
    """Rule: two missed visits in one evening are two choices that read differently."""
    for moment in (dt.time(18, 30), dt.time(20, 5)):
        record_contact_attempt(
            melding, caseworker, melding.version, kind=Contactsoort.HUISBEZOEK,
            attempted_on=MOMENT.date(), part_of_day=Dagdeel.AVOND, moment=moment, reached=False,
        )  # fmt: skip
        melding.refresh_from_db()

    page = page_text(_page(logged_in, melding))

    assert "woensdag 25 november 2026, avond, om 18:30" in page
    assert "woensdag 25 november 2026, avond, om 20:05" in page


def _missed_visit(melding, by, on: dt.date):
    visit = record_contact_attempt(
        melding, by, melding.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=on, part_of_day=Dagdeel.AVOND, reached=False,
    )  # fmt: skip
    melding.refresh_from_db()
    return visit


def _checked_visits(page: str) -> list[str]:
    """The values of the visit choices the page has ticked."""
    inputs = re.findall(r'<input type="radio" name="visit"[^>]*>', page)
    assert inputs, "the page offers no missed visit to choose"
    return [re.search(r'value="(\d+)"', tag)[1] for tag in inputs if " checked" in tag]


def test_the_card_form_preselects_the_only_missed_visit_without_a_card(
    logged_in, melding, caseworker
):
    visit = _missed_visit(melding, caseworker, MOMENT.date())

    assert _checked_visits(_page(logged_in, melding)) == [str(visit.pk)]


def test_with_several_missed_visits_the_card_form_leaves_the_visit_to_choose(
    logged_in, melding, caseworker
):
    for day in (MOMENT.date() - dt.timedelta(days=1), MOMENT.date()):
        _missed_visit(melding, caseworker, day)

    assert _checked_visits(_page(logged_in, melding)) == []
    page = _post(logged_in, melding, kind=LetterKind.CARD).content.decode()
    assert "Kies het gemiste huisbezoek waar het kaartje bij hoort." in page
    assert not ContactAttempt.objects.filter(kind=Contactsoort.KAARTJE).exists()


def _checked_kinds(page: str) -> list[str]:
    """The values of the 'Soort brief' choices the page has ticked."""
    inputs = re.findall(r'<input type="radio" name="kind"[^>]*>', page)
    return [re.search(r'value="([^"]+)"', tag)[1] for tag in inputs if " checked" in tag]


def test_the_letter_form_starts_on_the_first_letter_without_a_missed_visit(logged_in, melding):
    assert _checked_kinds(_page(logged_in, melding)) == [LetterKind.FIRST]


def test_right_after_a_missed_home_visit_the_letter_form_starts_on_the_card(
    logged_in, melding, caseworker
):
    visit = _missed_visit(melding, caseworker, MOMENT.date())

    page = _page(logged_in, melding)

    assert _checked_kinds(page) == [LetterKind.CARD]
    assert _checked_visits(page) == [str(visit.pk)]


def test_a_missed_visit_followed_by_another_attempt_leaves_the_form_on_the_first_letter(
    logged_in, melding, caseworker
):
    _missed_visit(melding, caseworker, MOMENT.date() - dt.timedelta(days=1))
    record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.TELEFOON,
        attempted_on=MOMENT.date(), part_of_day=Dagdeel.OCHTEND, reached=False,
    )  # fmt: skip
    melding.refresh_from_db()

    assert _checked_kinds(_page(logged_in, melding)) == [LetterKind.FIRST]
