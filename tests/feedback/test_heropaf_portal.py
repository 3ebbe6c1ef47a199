"""The creditor's heropaf list names the customer, marks overdue questions, and the answer
form takes an amount in any Dutch notation."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from tests.page_text import page_text
from vroegsignaal.feedback.forms import HeropafAnswerForm
from vroegsignaal.feedback.models import HeropafCheck
from vroegsignaal.feedback.release import release_due_feedback


@pytest.fixture
def check(enschede, energy, water, caseworker):
    melding = scenario.melding_with_signals(enschede, energy, water)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy, water])
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))
    check = HeropafCheck.objects.get(creditor=energy)
    check.asked_on = timezone.localdate() - dt.timedelta(days=30)
    check.answer_due_on = timezone.localdate() - dt.timedelta(days=3)
    check.save()
    return check


def _page(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("feedback:heropaf_checks")).content.decode()


def test_the_heropaf_list_names_klantnummer_signal_date_and_municipality(
    client, check, energy, energy_staff
):
    signal = check.melding.signal_links.get(signal__creditor=energy).signal
    page = _page(client, energy_staff)
    assert signal.customer_number in page
    assert f"{signal.signal_date:%d-%m-%Y}" in page
    assert "Enschede" in page


def test_an_overdue_heropaf_question_shows_its_last_day_marked_late(client, check, energy_staff):
    """Rule: the column gives the day the question itself names ('Graag antwoord uiterlijk
    23-07-2026'), marked late: '23-07-2026 (te laat)'. It said 'te laat sinds 24-07-2026', a
    second date for the same term, and often a Saturday."""
    page = _page(client, energy_staff)
    assert f"{check.answer_due_on:%d-%m-%Y} (te laat)" in page_text(page)
    assert "te laat sinds" not in page


def test_an_overdue_question_itself_says_its_last_day_was_passed_as_the_list_does(
    client, check, energy_staff
):
    """Rule: one wording for the last day: the question said 'Graag antwoord uiterlijk
    06-08-2026.' while the list said '06-08-2026 (te laat)'."""
    client.force_login(energy_staff)
    page = client.get(reverse("feedback:heropaf_check", args=[check.pk])).content.decode()
    assert f"Graag antwoord uiterlijk {check.answer_due_on:%d-%m-%Y} (te laat)." in page_text(page)


def test_the_last_day_to_answer_is_a_working_day_also_after_a_heropaf_date_in_a_weekend(
    check, energy
):
    from vroegsignaal.casework.deadlines import is_working_day
    from vroegsignaal.feedback.heropaf_checks import plan_checks

    saturday = dt.date(2026, 7, 4)
    HeropafCheck.objects.all().delete()
    plan_checks(check.melding, [energy], asked_on=saturday)

    due = HeropafCheck.objects.get(creditor=energy).answer_due_on
    assert due == dt.date(2026, 7, 17) and is_working_day(due)


def test_the_answer_term_skips_the_municipalitys_own_closed_days(check, energy):
    from tests.casework import closed_days
    from vroegsignaal.feedback.heropaf_checks import plan_checks

    HeropafCheck.objects.all().delete()
    closed_days.close(check.melding.municipality, dt.date(2026, 7, 10), "Collectieve vrije dag")
    plan_checks(check.melding, [energy], asked_on=dt.date(2026, 7, 4))

    assert HeropafCheck.objects.get(creditor=energy).answer_due_on == dt.date(2026, 7, 20)


def test_on_a_phone_the_question_is_opened_from_the_first_column(client, check, energy_staff):
    """Rule: the klantnummer, in the first column, opens the question: on a 390 px screen the
    last column (the only link) was out of sight until one scrolled the table sideways."""
    page = _page(client, energy_staff)
    row = page.split("<tbody", 1)[1].split("</tr>")[0]
    first_cell = re.search(r"<t[dh]\b.*?</t[dh]>", row, flags=re.S).group()
    assert f'href="{reverse("feedback:heropaf_check", args=[check.pk])}"' in first_cell


def test_a_question_within_its_term_says_answer_by_its_last_day(client, check, energy_staff):
    check.answer_due_on = timezone.localdate() + dt.timedelta(days=4)
    check.save()
    page = _page(client, energy_staff)
    assert f"{check.answer_due_on:%d-%m-%Y}" in page_text(page) and "te laat" not in page


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("€ 1.250,-", 125000),
        ("1.250", 125000),
        ("1250,00", 125000),
        ("€1250", 125000),
        ("412,50", 41250),
        ("0", 0),
        ("", None),
    ],
)
def test_the_amount_still_open_accepts_dutch_notations(text, cents):
    form = HeropafAnswerForm({"answer": "nee", "amount_open": text})
    assert form.is_valid(), form.errors
    assert form.amount_open_cents() == cents


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "Bedrag nog open: het bedrag mag niet negatief zijn."),
        (
            "veel",
            "Bedrag nog open: 'veel' is geen bedrag; schrijf bijvoorbeeld 1.250,00 of 125,50.",
        ),
    ],
)
def test_a_negative_or_unreadable_amount_is_explained(text, message):
    form = HeropafAnswerForm({"answer": "nee", "amount_open": text})
    assert not form.is_valid()
    assert form.errors["amount_open"] == [message]


def _answer(client, user, check, data):
    client.force_login(user)
    return client.post(reverse("feedback:heropaf_check", args=[check.pk]), data, follow=True)


def test_an_answer_is_confirmed_on_the_list_with_the_customer_and_the_answer(
    client, check, energy, energy_staff
):
    signal = check.melding.signal_links.get(signal__creditor=energy).signal

    page = _answer(client, energy_staff, check, {"answer": "nee", "amount_open": "€ 1.250,-"})

    text = page.content.decode()
    assert page.redirect_chain[-1][0] == reverse("feedback:heropaf_checks")
    assert (
        f"Uw antwoord op heropafvraag {check.pk} ({signal.customer_number}) is opgeslagen: "
        "Nee, de betalingen lopen niet." in text
    )


def test_an_answered_question_opens_read_only_with_who_answered_and_the_amount(
    client, check, energy_staff
):
    _answer(client, energy_staff, check, {"answer": "nee", "amount_open": "€ 1.250,-"})

    response = client.get(reverse("feedback:heropaf_check", args=[check.pk]))

    text = page_text(response)
    assert response.status_code == 200
    assert f"beantwoord op {timezone.localdate():%d-%m-%Y} door {energy_staff.display_name}" in text
    assert "Nee, de betalingen lopen niet" in text and "€ 1.250,00" in text
    assert "Antwoord versturen" not in text


def test_answering_an_answered_question_again_changes_nothing(client, check, energy_staff):
    _answer(client, energy_staff, check, {"answer": "nee", "amount_open": "100"})

    page = _answer(client, energy_staff, check, {"answer": "ja"})

    check.refresh_from_db()
    assert (check.answer, check.amount_open_cents) == ("nee", 10000)
    assert "Deze heropafvraag is al beantwoord" in page.content.decode()


def test_the_answered_list_shows_the_amount_still_open(client, check, energy_staff):
    _answer(client, energy_staff, check, {"answer": "nee", "amount_open": "€ 1.250,-"})

    page = _page(client, energy_staff)

    answered = page.split(">Beantwoord</h2>")[1]
    assert "Nee, de betalingen lopen niet" in answered and "€ 1.250,00" in answered


def test_the_open_list_heads_the_due_date_column_antwoord_uiterlijk(client, check, energy_staff):
    page = _page(client, energy_staff)
    assert ">Antwoord uiterlijk</th>" in page


def test_the_answered_list_is_paginated(client, check, energy, energy_staff):
    answered_at = timezone.now()
    for round_ in range(2, 2 + 30):
        HeropafCheck.objects.create(
            melding=check.melding,
            creditor=energy,
            contact_round=round_,
            asked_on=check.asked_on,
            answer_due_on=check.answer_due_on,
            answer="ja",
            answered_at=answered_at,
        )

    first = _page(client, energy_staff)
    second = client.get(reverse("feedback:heropaf_checks"), {"pagina": 2}).content.decode()

    assert "Pagina 1 van 2" in first and "Pagina 2 van 2" in second


def test_a_question_about_one_signal_speaks_of_one_signal(client, check, energy, energy_staff):
    signal = check.melding.signal_links.get(signal__creditor=energy).signal
    client.force_login(energy_staff)

    text = client.get(reverse("feedback:heropaf_check", args=[check.pk])).content.decode()

    assert f"Het gaat om uw signaal met klantnummer {signal.customer_number} (" in text


def _second_signal_of_the_same_customer(check, energy):
    """The melding holds a second signal of the same klantnummer, three months later."""
    from tests.casework.factories import SignalFactory
    from vroegsignaal.casework.models import MeldingSignal

    first = check.melding.signal_links.get(signal__creditor=energy).signal
    second = SignalFactory(
        creditor=energy,
        municipality=first.municipality,
        address_key=first.address_key,
        house_number=first.house_number,
        customer_number=first.customer_number,
        signal_date=first.signal_date + dt.timedelta(days=90),
    )
    MeldingSignal.objects.create(signal=second, melding=check.melding)
    return first, second


def test_a_heropaf_question_names_each_klantnummer_once(client, check, energy, energy_staff):
    """Rule: the list, the question and the answer's confirmation name each klantnummer once,
    with the dates of its signals ('EO-1 (signalen van 25-12-2025 en 25-03-2026)')."""
    first, second = _second_signal_of_the_same_customer(check, energy)
    customer = first.customer_number

    listing = _page(client, energy_staff)
    link = listing.index(f'href="{reverse("feedback:heropaf_check", args=[check.pk])}"')
    row = listing[listing.rindex("<tr", 0, link) : listing.index("</tr>", link)]
    assert row.count(customer) == 1
    assert f"{first.signal_date:%d-%m-%Y}, {second.signal_date:%d-%m-%Y}" in page_text(row)
    question = client.get(reverse("feedback:heropaf_check", args=[check.pk])).content.decode()
    assert (
        f"uw klantnummer {customer} (signalen van {first.signal_date:%d-%m-%Y} en "
        f"{second.signal_date:%d-%m-%Y})" in question
    )

    page = _answer(client, energy_staff, check, {"answer": "nee", "amount_open": ""})
    assert f"heropafvraag {check.pk} ({customer}) is opgeslagen" in page.content.decode()
