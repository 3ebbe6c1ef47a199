"""A heropaf question unanswered past its term is reminded once, over real SMTP (QA15 B5).

Rule: the first feedback release after a question's answer term passed, while it is still
unanswered and its round is the melding's current one, puts it in the creditor's digest as a
reminder ('herinnering: heropafvragen over de termijn: 1'), counted, without personal data;
never a second time, however often the release runs; a digest that could not be sent gives the
reminder back to the next release."""

import datetime as dt

import pytest

from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from vroegsignaal.feedback.heropaf_checks import answer_check
from vroegsignaal.feedback.models import HeropafCheck
from vroegsignaal.feedback.release import release_due_feedback

REMINDER = "- herinnering: heropafvragen over de termijn: 1"


@pytest.fixture
def overdue(enschede, energy, caseworker):
    """A question asked and announced on 24 May 2027, unanswered past its term."""
    melding = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy])
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))
    release_due_feedback(SITE_URL, today=dt.date(2027, 5, 24))
    check = melding.heropaf_checks.get()
    check.day_after_term = check.answer_due_on + dt.timedelta(days=1)
    return check


def test_an_overdue_question_is_reminded_once_without_personal_data(overdue, energy_staff, inbox):
    before = len(inbox.bodies_for(energy_staff.email))
    release_due_feedback(SITE_URL, today=overdue.answer_due_on)  # still within the term

    first = release_due_feedback(SITE_URL, today=overdue.day_after_term)
    release_due_feedback(SITE_URL, today=overdue.day_after_term)
    release_due_feedback(SITE_URL, today=overdue.day_after_term + dt.timedelta(days=7))

    bodies = inbox.bodies_for(energy_staff.email)[before:]
    assert len(bodies) == 1
    assert REMINDER in bodies[0].splitlines()
    signal = overdue.melding.signal_links.first().signal
    assert signal.customer_number not in bodies[0]
    assert first.summary["creditors"][str(energy_staff.creditor_id)] == {"heropaf_reminder": 1}
    assert HeropafCheck.objects.get(pk=overdue.pk).reminded_in == first


def test_an_answered_question_is_not_reminded(overdue, energy_staff, inbox):
    answer_check(overdue, "ja", user=energy_staff, today=overdue.answer_due_on)
    before = len(inbox.bodies_for(energy_staff.email))

    release_due_feedback(SITE_URL, today=overdue.day_after_term)

    assert inbox.bodies_for(energy_staff.email)[before:] == []


def test_a_reminder_whose_digest_failed_goes_out_with_the_next_release(
    overdue, energy, energy_staff, inbox, settings
):
    before = len(inbox.bodies_for(energy_staff.email))
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # nothing listens there

    failed = release_due_feedback(SITE_URL, today=overdue.day_after_term)
    settings.EMAIL_PORT = working_port
    release_due_feedback(SITE_URL, today=overdue.day_after_term)

    assert failed.summary["mail_failed"] == [energy.code]
    bodies = inbox.bodies_for(energy_staff.email)[before:]
    assert len(bodies) == 1
    assert REMINDER in bodies[0].splitlines()
