"""The creditor's heropaf list names the customer, marks overdue questions, and the answer
form takes an amount in any Dutch notation."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
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


def test_an_overdue_heropaf_question_is_marked_late_since_the_day_after_its_term(
    client, check, energy_staff
):
    page = _page(client, energy_staff)
    late_since = check.answer_due_on + dt.timedelta(days=1)
    assert f"te laat sinds {late_since:%d-%m-%Y}" in page


def test_a_question_within_its_term_says_answer_by_its_last_day(client, check, energy_staff):
    check.answer_due_on = timezone.localdate() + dt.timedelta(days=4)
    check.save()
    page = _page(client, energy_staff)
    assert f"uiterlijk {check.answer_due_on:%d-%m-%Y}" in page and "te laat" not in page


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
