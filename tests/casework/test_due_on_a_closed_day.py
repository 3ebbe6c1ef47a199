"""A municipal term in calendar days can end on a holiday or in the weekend (QA14 B11): 28 days
after Friday 27-11-2026 is Eerste Kerstdag. docs/termijnen.md keeps such a term where it ends
(only statutory terms run on to a working day), but the caseworker reads what the day is and the
last working day before it, in the municipality's working-day calendar, wherever the date is
shown: 'Uiterlijk 25-12-2026 (Eerste Kerstdag; laatste werkdag ervoor 24-12-2026)'."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.casework import closed_days
from tests.casework.factories import MeldingFactory
from tests.page_text import page_text
from vroegsignaal.casework.deadlines import DEFAULT_CALENDAR, WorkingCalendar, closed_day_note
from vroegsignaal.casework.policy import calendar_for


@pytest.mark.parametrize(
    ("due", "note"),
    [
        (dt.date(2026, 12, 25), "Eerste Kerstdag; laatste werkdag ervoor 24-12-2026"),
        # Tweede Kerstdag 2026 is a Saturday: named as the holiday it is.
        (dt.date(2026, 12, 26), "Tweede Kerstdag; laatste werkdag ervoor 24-12-2026"),
        (dt.date(2026, 11, 28), "zaterdag; laatste werkdag ervoor 27-11-2026"),
        (dt.date(2026, 11, 29), "zondag; laatste werkdag ervoor 27-11-2026"),
        # Month ends: a Sunday back into the month, Nieuwjaarsdag back into the year before.
        (dt.date(2026, 5, 31), "zondag; laatste werkdag ervoor 29-05-2026"),
        (dt.date(2027, 1, 1), "Nieuwjaarsdag; laatste werkdag ervoor 31-12-2026"),
        # Across a holiday: the weekend and Tweede Paasdag after Goede Vrijdag look back to Thursday.
        (dt.date(2026, 4, 4), "zaterdag; laatste werkdag ervoor 02-04-2026"),
        (dt.date(2026, 4, 6), "Tweede Paasdag; laatste werkdag ervoor 02-04-2026"),
        (dt.date(2026, 4, 27), "Koningsdag; laatste werkdag ervoor 24-04-2026"),
        (dt.date(2026, 5, 5), "Bevrijdingsdag; laatste werkdag ervoor 04-05-2026"),
        # A day a Royal Decree equates with a holiday is no feestdag itself: said as what it is.
        (
            dt.date(2026, 5, 15),
            "bij besluit met een feestdag gelijkgesteld; laatste werkdag ervoor 13-05-2026",
        ),
    ],
)
def test_a_due_date_on_a_day_off_names_the_day_and_the_last_working_day_before_it(due, note):
    assert closed_day_note(due, DEFAULT_CALENDAR) == note


def test_a_due_date_on_a_working_day_has_no_note():
    assert closed_day_note(dt.date(2026, 12, 24), DEFAULT_CALENDAR) == ""
    assert closed_day_note(dt.date(2026, 11, 30), DEFAULT_CALENDAR) == ""


def test_the_municipalitys_own_closed_day_is_named_with_its_description():
    calendar = WorkingCalendar(
        extra_closed_days=frozenset({dt.date(2026, 2, 16)}),
        closed_day_names=((dt.date(2026, 2, 16), "Carnaval"),),
    )

    assert closed_day_note(dt.date(2026, 2, 16), calendar) == (
        "gemeente gesloten (Carnaval); laatste werkdag ervoor 13-02-2026"
    )
    # A Sunday before that closed Monday: the last working day before it is still Friday.
    assert closed_day_note(dt.date(2026, 2, 15), calendar) == (
        "zondag; laatste werkdag ervoor 13-02-2026"
    )
    # The day after a closed day in the weekend-and-carnaval stretch looks back past both.
    calendar_two = WorkingCalendar(
        extra_closed_days=frozenset({dt.date(2026, 2, 13), dt.date(2026, 2, 16)})
    )
    assert closed_day_note(dt.date(2026, 2, 16), calendar_two) == (
        "gemeente gesloten; laatste werkdag ervoor 12-02-2026"
    )


@pytest.mark.django_db
def test_the_municipalitys_calendar_names_its_closed_days(enschede):
    closed_days.close(enschede, dt.date(2026, 2, 16), "Carnaval")

    assert closed_day_note(dt.date(2026, 2, 16), calendar_for(enschede)) == (
        "gemeente gesloten (Carnaval); laatste werkdag ervoor 13-02-2026"
    )


@pytest.fixture
def matched_before_christmas(enschede, caseworker):
    """Matched on Friday 27-11-2026 in a werkbakje of 28 days: due on Eerste Kerstdag, as is
    the limit of 28 calendar days."""
    return MeldingFactory(
        municipality=enschede,
        matched_on=dt.date(2026, 11, 27),
        due_on=dt.date(2026, 12, 25),
        period_start=dt.date(2026, 10, 1),
    )


def _text(response) -> str:
    assert response.status_code == 200
    return " ".join(page_text(response).split())


@pytest.mark.django_db
def test_the_melding_page_says_the_due_date_is_eerste_kerstdag(
    client, caseworker, matched_before_christmas
):
    client.force_login(caseworker)

    text = _text(client.get(reverse("casework:melding", args=[matched_before_christmas.pk])))

    assert "Eerste actie gemeente" in text
    assert text.count("25-12-2026 (Eerste Kerstdag; laatste werkdag ervoor 24-12-2026)") == 2, (
        "the first action and its limit of 28 calendar days"
    )


@pytest.mark.django_db
def test_the_worklist_says_it_under_the_due_date(client, caseworker, matched_before_christmas):
    client.force_login(caseworker)

    text = _text(client.get(reverse("casework:worklist")))

    assert "25-12-2026 (" in text
    assert "Eerste Kerstdag; laatste werkdag ervoor 24-12-2026" in text


@pytest.mark.django_db
def test_the_worklist_uses_the_municipalitys_closed_days(client, caseworker, enschede):
    closed_days.close(enschede, dt.date(2027, 2, 8), "Carnaval")
    MeldingFactory(
        municipality=enschede, matched_on=dt.date(2027, 1, 25), due_on=dt.date(2027, 2, 8)
    )
    client.force_login(caseworker)

    text = _text(client.get(reverse("casework:worklist")))

    assert "gemeente gesloten (Carnaval); laatste werkdag ervoor 05-02-2027" in text


@pytest.mark.django_db
def test_a_due_date_on_a_working_day_shows_no_note(client, caseworker, enschede):
    MeldingFactory(
        municipality=enschede, matched_on=dt.date(2026, 11, 26), due_on=dt.date(2026, 12, 24)
    )
    client.force_login(caseworker)

    text = _text(client.get(reverse("casework:worklist")))

    assert "24-12-2026" in text
    assert "laatste werkdag ervoor" not in text
