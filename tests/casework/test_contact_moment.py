"""The time of a contact attempt: not in the future, asked for with the dagdeel at the fields,
kept, shown and used to order the attempts of one day."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.page_text import page_text
from vroegsignaal.casework.contact import leave_card, record_contact_attempt
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.models import ContactAttempt, Melding
from vroegsignaal.ddas import Contactsoort, Dagdeel

TODAY = dt.date(2026, 11, 20)
NOW = timezone.make_aware(dt.datetime(2026, 11, 20, 6, 42, 30))


@pytest.fixture
def at_six_42(monkeypatch):
    """The clock says 06:42 on TODAY (localdate reads localtime)."""
    monkeypatch.setattr(timezone, "localtime", lambda value=None, timezone=None: NOW)


@pytest.fixture
def logged_in(client, caseworker):
    client.force_login(caseworker)
    return client


def _post(client, melding, **fields):
    data = {
        "version": Melding.objects.get(pk=melding.pk).version,
        "kind": "Telefoon",
        "attempted_on": TODAY.isoformat(),
        "reached": "nee",
    }
    return client.post(reverse("casework:contact", args=[melding.pk]), data | fields)


def test_a_contact_moment_later_today_is_refused_at_the_time_field(logged_in, assigned, at_six_42):
    html = _post(logged_in, assigned, moment="10:15").content.decode()

    assert (
        "Tijd: het moment ligt in de toekomst (20-11-2026 10:15). "
        "Vul een tijd in tot en met nu (06:42)." in html
    )
    assert 'id="id_moment-fout"' in html
    assert not assigned.contact_attempts.exists()


def test_a_contact_moment_earlier_today_is_kept(logged_in, assigned, at_six_42):
    _post(logged_in, assigned, moment="06:42")

    attempt = assigned.contact_attempts.get()
    assert attempt.moment == dt.time(6, 42)
    assert attempt.part_of_day == Dagdeel.OCHTEND


def test_the_service_refuses_a_moment_in_the_future(assigned, caseworker, at_six_42):
    with pytest.raises(CaseworkError) as refused:
        record_contact_attempt(
            assigned, caseworker, assigned.version, kind=Contactsoort.TELEFOON,
            attempted_on=TODAY, part_of_day=Dagdeel.OCHTEND, moment=dt.time(6, 43),
            reached=False,
        )  # fmt: skip
    assert refused.value.field == "moment"


def test_without_time_and_dagdeel_both_fields_are_marked(logged_in, assigned):
    html = _post(logged_in, assigned, attempted_on="2026-11-05").content.decode()

    assert "Tijd: vul de tijd van de contactpoging in, of kies het dagdeel." in html
    assert "Dagdeel: kies het dagdeel van de contactpoging, of vul de tijd in." in html
    assert 'id="id_moment-fout"' in html
    assert 'id="id_part_of_day-fout"' in html
    assert re.search(r'name="moment"[^>]*aria-invalid="true"', html)
    assert re.search(r'name="part_of_day"[^>]*aria-invalid="true"', html)


def _attempt(melding, by, on, part, moment=None, kind=Contactsoort.TELEFOON):
    return record_contact_attempt(
        melding, by, Melding.objects.get(pk=melding.pk).version, kind=kind, attempted_on=on,
        part_of_day=part, moment=moment, reached=False,
    )  # fmt: skip


def test_the_contact_list_is_ordered_by_date_then_time_and_shows_the_time(
    logged_in, assigned, caseworker
):
    day = dt.date(2026, 11, 5)
    _attempt(assigned, caseworker, day, Dagdeel.AVOND, dt.time(19, 5), Contactsoort.MAIL)
    _attempt(assigned, caseworker, day, Dagdeel.MIDDAG, dt.time(14, 30), Contactsoort.BRIEF)
    _attempt(assigned, caseworker, day, Dagdeel.OCHTEND, dt.time(9, 10), Contactsoort.SMS_WHATSAPP)
    _attempt(assigned, caseworker, day, Dagdeel.OCHTEND, dt.time(8, 0), Contactsoort.HUISBEZOEK)
    _attempt(assigned, caseworker, day - dt.timedelta(days=1), Dagdeel.MIDDAG)

    html = logged_in.get(reverse("casework:melding", args=[assigned.pk])).content.decode()
    table = html[html.index('data-testid="contactpogingen"') :]
    table = table[: table.index("</table>")]

    rows = re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", table, re.S)[1:]
    cells = [
        [page_text(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)] for row in rows
    ]
    assert [(c[0], c[1], c[2]) for c in cells] == [
        ("04-11-2026", "–", "Telefoon"),
        ("05-11-2026", "08:00", "Huisbezoek"),
        ("05-11-2026", "09:10", "SMS/Whatsapp"),
        ("05-11-2026", "14:30", "Brief"),
        ("05-11-2026", "19:05", "Mail"),
    ]


def test_a_card_after_a_missed_visit_takes_the_time_of_the_visit(assigned, caseworker):
    visit = _attempt(
        assigned, caseworker, dt.date(2026, 11, 5), Dagdeel.AVOND, dt.time(19, 15),
        Contactsoort.HUISBEZOEK,
    )  # fmt: skip

    card = leave_card(assigned, caseworker, Melding.objects.get(pk=assigned.pk).version, visit)

    assert ContactAttempt.objects.get(pk=card.pk).moment == dt.time(19, 15)


def _timeline(client, melding) -> str:
    html = client.get(reverse("casework:melding", args=[melding.pk])).content.decode()
    timeline = html[html.index('data-testid="tijdlijn"') :]
    return timeline[: timeline.index("</ol>")]


def test_the_timeline_line_of_an_attempt_shows_its_time(logged_in, assigned, caseworker):
    _attempt(assigned, caseworker, dt.date(2026, 11, 5), Dagdeel.MIDDAG, dt.time(14, 5))

    assert "Telefoon op 05-11-2026 om 14:05 (middag): niet bereikt" in _timeline(
        logged_in, assigned
    )


def test_the_timeline_line_of_an_attempt_with_only_a_dagdeel_names_the_dagdeel(
    logged_in, assigned, caseworker
):
    _attempt(assigned, caseworker, dt.date(2026, 11, 5), Dagdeel.MIDDAG)

    timeline = _timeline(logged_in, assigned)
    assert "Telefoon op 05-11-2026, middag: niet bereikt" in timeline
    assert " om " not in timeline.split("Telefoon op", 1)[1].split("</li>", 1)[0]


# The dagdeel fits the time (Ochtend before 12:00, Middag 12:00-18:00, Avond from 18:00)


def test_the_service_refuses_a_time_outside_the_chosen_dagdeel(assigned, caseworker):
    with pytest.raises(CaseworkError) as refused:
        _attempt(assigned, caseworker, dt.date(2026, 11, 5), Dagdeel.AVOND, dt.time(10, 20))

    assert refused.value.field == "part_of_day"
    assert str(refused.value) == (
        "Dagdeel: de tijd 10:20 valt in de ochtend, niet in de avond (ochtend tot 12:00, "
        "middag van 12:00 tot 18:00, avond vanaf 18:00). Kies Ochtend of laat het dagdeel "
        "leeg, of pas de tijd aan."
    )
    assert not assigned.contact_attempts.exists()


@pytest.mark.parametrize(
    ("moment", "part"),
    [
        (dt.time(11, 59), Dagdeel.OCHTEND),
        (dt.time(12, 0), Dagdeel.MIDDAG),
        (dt.time(17, 59), Dagdeel.MIDDAG),
        (dt.time(18, 0), Dagdeel.AVOND),
    ],
)
def test_a_time_inside_the_chosen_dagdeel_is_kept(assigned, caseworker, moment, part):
    _attempt(assigned, caseworker, dt.date(2026, 11, 5), part, moment)

    assert assigned.contact_attempts.get().part_of_day == part


def test_the_page_shows_a_time_outside_the_dagdeel_at_the_dagdeel_field(
    logged_in, assigned, at_six_42
):
    html = _post(logged_in, assigned, moment="06:20", part_of_day="Avond").content.decode()

    assert "Dagdeel: de tijd 06:20 valt in de ochtend, niet in de avond" in html
    assert 'id="id_part_of_day-fout"' in html
    assert not assigned.contact_attempts.exists()


def test_an_attempt_today_without_time_is_refused_in_a_dagdeel_not_begun(
    assigned, caseworker, at_six_42
):
    with pytest.raises(CaseworkError) as refused:
        _attempt(assigned, caseworker, TODAY, Dagdeel.AVOND)

    assert refused.value.field == "part_of_day"
    assert str(refused.value) == (
        "Dagdeel: de avond begint vandaag pas om 18:00 (nu is het 06:42). Kies een dagdeel "
        "dat al begonnen is, of de datum waarop de poging was."
    )


def test_the_page_refuses_a_dagdeel_not_begun_today_at_the_dagdeel_field(
    logged_in, assigned, at_six_42
):
    html = _post(logged_in, assigned, part_of_day="Middag").content.decode()

    assert "Dagdeel: de middag begint vandaag pas om 12:00 (nu is het 06:42)" in html
    assert 'id="id_part_of_day-fout"' in html
    assert not assigned.contact_attempts.exists()


def test_an_attempt_without_time_in_a_dagdeel_that_has_begun_is_kept(
    assigned, caseworker, at_six_42
):
    _attempt(assigned, caseworker, TODAY, Dagdeel.OCHTEND)
    _attempt(assigned, caseworker, TODAY - dt.timedelta(days=1), Dagdeel.AVOND)

    assert assigned.contact_attempts.count() == 2


def test_a_card_follows_a_visit_recorded_before_the_dagdeel_rules(assigned, caseworker):
    """A visit kept with a time outside its dagdeel (allowed before) still gets its card."""
    visit = ContactAttempt.objects.create(
        melding=assigned, kind=Contactsoort.HUISBEZOEK, attempted_on=dt.date(2026, 11, 5),
        part_of_day=Dagdeel.AVOND, moment=dt.time(10, 26), reached=False,
    )  # fmt: skip

    card = leave_card(assigned, caseworker, Melding.objects.get(pk=assigned.pk).version, visit)

    assert (card.part_of_day, card.moment) == (Dagdeel.AVOND, dt.time(10, 26))


def test_a_time_in_the_future_is_named_together_with_an_empty_reached(
    logged_in, assigned, at_six_42
):
    """Rule: a form names every field error at once. The time rule lives in the service, which
    only ran once the form was complete: 'Tijd: ... in de toekomst' came on the second save."""
    html = _post(logged_in, assigned, moment="23:30", reached="").content.decode()

    assert "Inwoner bereikt: kies Ja of Nee." in html
    assert "Tijd: het moment ligt in de toekomst (20-11-2026 23:30)." in html
    assert 'id="id_moment-fout"' in html
    assert not assigned.contact_attempts.exists()


def test_a_field_with_its_own_error_is_not_checked_again(logged_in, assigned, at_six_42):
    html = _post(logged_in, assigned, moment="25:99", reached="").content.decode()

    assert "Tijd: vul een tijd in, zoals 10:15." in html
    assert "in de toekomst" not in html
