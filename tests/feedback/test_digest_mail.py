"""The e-mail digest goes over real SMTP to a receiver started here, and carries no personal data."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from tests.factories import UserFactory
from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from vroegsignaal.feedback.models import HeropafCheck
from vroegsignaal.feedback.release import release_due_feedback


def _release_outcome(enschede, energy, water, caseworker):
    melding = scenario.melding_with_signals(enschede, energy, water)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy, water])
    return melding


def test_each_creditor_contact_receives_a_digest_with_counts_and_a_link(
    enschede, energy, water, energy_staff, water_staff, inbox
):
    colleague = UserFactory(creditor_staff=True, creditor=energy, email="bo@energie-oost.nl")
    scenario.melding_with_signals(enschede, energy, water)
    scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))

    (body,) = inbox.bodies_for(energy_staff.email)
    assert "go/no-go: 2 signalen" in body
    assert f"{SITE_URL}/terugkoppeling/" in body
    assert len(inbox.bodies_for(colleague.email)) == 1
    (water_body,) = inbox.bodies_for(water_staff.email)
    assert "- go/no-go: 1 signaal" in water_body.splitlines()
    assert all(len(rcpt) == 1 for rcpt, _ in inbox.messages)


def test_the_digest_contains_no_personal_data(
    enschede, energy, water, energy_staff, caseworker, inbox
):
    melding = _release_outcome(enschede, energy, water, caseworker)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))

    received = "\n".join(f"{m['Subject']}\n{m.get_content()}" for _, m in inbox.messages)
    assert "- uitkomst: 1 signaal" in inbox.bodies_for(energy_staff.email)[-1].splitlines()
    signal = melding.signal_links.first().signal
    personal = [
        *scenario.NEVER_SHOWN,
        scenario.OWN_PAYMENTS,
        signal.customer_number,
        "250,00",
        "25000",
        caseworker.last_name,
    ]
    for value in personal:
        assert value not in received, value


def test_a_creditor_to_whom_nothing_was_released_gets_no_mail(
    enschede, energy, water, energy_staff, water_staff, inbox
):
    scenario.melding_with_signals(enschede, energy)

    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))

    assert len(inbox.bodies_for(energy_staff.email)) == 1
    assert inbox.bodies_for(water_staff.email) == []


def test_the_digest_names_only_the_kinds_released_with_their_count_in_singular_or_plural(
    enschede, energy, energy_staff, caseworker, inbox
):
    first = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(first, caseworker, [energy])
    scenario.melding_with_signals(enschede, energy)
    scenario.melding_with_signals(enschede, energy)

    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))

    body = inbox.bodies_for(energy_staff.email)[-1]
    assert "- go/no-go: 2 signalen\r\n- uitkomst: 1 signaal\r\n" in body  # mail ends lines in CRLF
    assert "gecorrigeerde" not in body and "heropafvragen" not in body
    assert "0 signalen" not in body


def test_no_digest_when_nothing_new_was_released(enschede, energy, energy_staff, inbox):
    scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 6))
    assert len(inbox.bodies_for(energy_staff.email)) == 1


def test_a_new_heropaf_question_is_announced_once_in_a_digest_that_says_only_that(
    enschede, energy, energy_staff, caseworker, inbox
):
    melding = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy])
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))
    release_due_feedback(SITE_URL, today=dt.date(2027, 5, 24))
    release_due_feedback(SITE_URL, today=dt.date(2027, 5, 25))

    bodies = inbox.bodies_for(energy_staff.email)
    assert len(bodies) == 3
    assert "- heropafvragen om te beantwoorden: 1" in bodies[-1].splitlines()
    assert not any(word in bodies[-1] for word in ("go/no-go", "uitkomst", "signalen"))


def _heropaf_question_due(enschede, energy, caseworker):
    """A closed go melding whose heropaf question is asked on 24 May 2027."""
    melding = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy])
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))
    assert melding.heropaf_checks.get().asked_on == dt.date(2027, 5, 24)


def test_a_heropaf_question_is_announced_once_however_often_the_release_runs_that_day(
    enschede, energy, energy_staff, caseworker, inbox
):
    _heropaf_question_due(enschede, energy, caseworker)
    mails_before = len(inbox.bodies_for(energy_staff.email))

    release_due_feedback(SITE_URL, today=dt.date(2027, 5, 24))
    release_due_feedback(SITE_URL, today=dt.date(2027, 5, 24))
    release_due_feedback(SITE_URL, today=dt.date(2027, 5, 25))

    bodies = inbox.bodies_for(energy_staff.email)[mails_before:]
    assert len(bodies) == 1
    assert "- heropafvragen om te beantwoorden: 1" in bodies[0].splitlines()


def test_a_heropaf_question_whose_digest_could_not_be_sent_is_announced_in_the_next_one(
    enschede, energy, energy_staff, caseworker, inbox, settings
):
    _heropaf_question_due(enschede, energy, caseworker)
    mails_before = len(inbox.bodies_for(energy_staff.email))
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # nothing listens there

    failed = release_due_feedback(SITE_URL, today=dt.date(2027, 5, 24))
    settings.EMAIL_PORT = working_port
    release_due_feedback(SITE_URL, today=dt.date(2027, 5, 24))
    release_due_feedback(SITE_URL, today=dt.date(2027, 5, 25))

    assert failed.summary["mail_failed"] == [energy.code]
    bodies = inbox.bodies_for(energy_staff.email)[mails_before:]
    assert len(bodies) == 1
    assert "- heropafvragen om te beantwoorden: 1" in bodies[0].splitlines()


def test_the_release_command_says_which_heropaf_questions_it_announced_and_a_rerun_none(
    enschede, energy, energy_staff, caseworker, inbox, capsys
):
    _heropaf_question_due(enschede, energy, caseworker)
    HeropafCheck.objects.update(asked_on=timezone.localdate())
    mails_before = len(inbox.bodies_for(energy_staff.email))

    call_command("release-feedback", "--site-url", SITE_URL)
    first = capsys.readouterr().out
    call_command("release-feedback", "--site-url", SITE_URL)
    second = capsys.readouterr().out

    assert "Aangekondigd: 1 nieuwe heropafvraag." in first
    assert second == (
        "Vrijgegeven: 0 go/no-go, 0 gecorrigeerde go/no-go, 0 uitkomsten "
        "voor 0 vastelastenpartners.\n"
    )
    assert len(inbox.bodies_for(energy_staff.email)) == mails_before + 1


def test_a_release_without_digests_releases_but_mails_nobody(enschede, energy, energy_staff, inbox):
    """The demo replays a year of days: the feedback is released, no year of mail goes out."""
    scenario.melding_with_signals(enschede, energy)

    release = release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5), mail_digests=False)

    assert release.items.exists() and inbox.messages == []
