"""The letter rules (`services.unavailable_kinds`) hold for every caller of `send_letter`, not
only for the letter page: a refused kind raises its Dutch reason and nothing is made or recorded.
The database holds one letter that opens a contact round per melding and round."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from tests.letters.conftest import MOMENT, assigned_melding, reach
from vroegsignaal.casework.contact import leave_card, record_contact_attempt
from vroegsignaal.casework.models import ContactAttempt, Melding
from vroegsignaal.ddas import Contactsoort, Dagdeel
from vroegsignaal.letters import services
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import SentLetter


@pytest.fixture
def reopened(enschede, caseworker, letterhead):
    """A melding in contact round 2 (the heropaf reopened it), assigned again."""
    return assigned_melding(enschede, caseworker, contact_round=2)


def _send(melding, caseworker, kind, visit=None):
    melding.refresh_from_db()
    request = services.LetterRequest(kind, visit=visit)
    return services.send_letter(melding, caseworker, melding.version, request, MOMENT)


def _refused(melding, caseworker, kind, reason, visit=None):
    """Assert ``kind`` is refused with ``reason`` and leaves letters and attempts as they were."""
    letters, attempts = SentLetter.objects.count(), ContactAttempt.objects.count()
    with pytest.raises(services.LetterError) as refusal:
        _send(melding, caseworker, kind, visit)
    assert str(refusal.value) == reason
    assert (SentLetter.objects.count(), ContactAttempt.objects.count()) == (letters, attempts)


def _missed_visit(melding, caseworker):
    melding.refresh_from_db()
    return record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.HUISBEZOEK,
        attempted_on=MOMENT.date(), part_of_day=Dagdeel.AVOND, reached=False,
    )  # fmt: skip


def test_send_letter_refuses_a_second_opening_letter_in_a_round(melding, caseworker):
    _send(melding, caseworker, LetterKind.FIRST)

    _refused(melding, caseworker, LetterKind.FIRST, services.OPENING_LETTER_SENT)


def test_send_letter_refuses_a_second_heropaf_letter_in_a_round(reopened, caseworker):
    _send(reopened, caseworker, LetterKind.HEROPAF)

    _refused(reopened, caseworker, LetterKind.HEROPAF, services.OPENING_LETTER_SENT)


def test_send_letter_refuses_the_first_letter_in_a_heropaf_round(reopened, caseworker):
    _refused(reopened, caseworker, LetterKind.FIRST, services.REOPENED_GETS_HEROPAF_LETTER)


def test_send_letter_refuses_the_heropaf_letter_in_round_one(melding, caseworker):
    _refused(melding, caseworker, LetterKind.HEROPAF, services.NOT_REOPENED)


def test_send_letter_refuses_an_opening_letter_once_the_resident_was_reached(reached, caseworker):
    _refused(reached, caseworker, LetterKind.FIRST, services.ALREADY_REACHED)


def test_send_letter_refuses_a_reminder_before_the_opening_letter(melding, caseworker):
    _refused(melding, caseworker, LetterKind.REMINDER, services.NO_OPENING_LETTER_YET)


def test_send_letter_refuses_a_reminder_once_the_resident_was_reached(melding, caseworker):
    _send(melding, caseworker, LetterKind.FIRST)
    reach(melding, caseworker)

    _refused(melding, caseworker, LetterKind.REMINDER, services.ALREADY_REACHED_NO_REMINDER)


def test_send_letter_sends_a_reminder_after_the_opening_letter(melding, caseworker):
    _send(melding, caseworker, LetterKind.FIRST)

    sent = _send(melding, caseworker, LetterKind.REMINDER)

    assert sent.kind == LetterKind.REMINDER and sent.contact_attempt.kind == Contactsoort.BRIEF


def test_send_letter_refuses_a_second_card_for_one_missed_visit(melding, caseworker):
    visit = _missed_visit(melding, caseworker)
    _send(melding, caseworker, LetterKind.CARD, visit)

    _refused(melding, caseworker, LetterKind.CARD, services.NO_MISSED_VISIT, visit)


def test_send_letter_refuses_a_card_for_a_visit_that_had_its_card_already(melding, caseworker):
    """A card recorded on the melding page ('Kaartje achtergelaten') counts as well."""
    visit = _missed_visit(melding, caseworker)
    melding.refresh_from_db()
    leave_card(melding, caseworker, melding.version, visit)

    _refused(melding, caseworker, LetterKind.CARD, services.NO_MISSED_VISIT, visit)


def test_send_letter_refuses_an_appointment_confirmation_before_the_resident_was_reached(
    melding, caseworker
):
    _refused(melding, caseworker, LetterKind.APPOINTMENT, services.NOT_REACHED_YET)


def test_a_second_submission_of_the_opening_letter_hears_that_it_went(melding, caseworker):
    """A double click on 'Maken en vastleggen' (both posts with the version the page showed):
    the second hears that the letter went, not only that the melding changed."""
    version = melding.version
    request = services.LetterRequest(LetterKind.FIRST)
    services.send_letter(melding, caseworker, version, request, MOMENT)

    with pytest.raises(services.LetterError) as refusal:
        services.send_letter(melding, caseworker, version, request, MOMENT)
    assert str(refusal.value) == services.OPENING_LETTER_SENT
    assert SentLetter.objects.count() == 1


@pytest.mark.postgres
def test_two_submissions_at_once_make_one_opening_letter_and_the_other_hears_why(
    transactional_db, enschede, caseworker, letterhead
):
    """Two tabs send the first letter at the same moment, with the version both pages showed.
    The first to lock the melding makes the letter; the other waits for that, then sees it."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite kent geen rijvergrendeling (select_for_update).")
    pk = assigned_melding(enschede, caseworker).pk
    version = Melding.objects.get(pk=pk).version
    start, outcomes = threading.Barrier(2), []

    def submit():
        try:
            melding = Melding.objects.get(pk=pk)
            request = services.LetterRequest(LetterKind.FIRST)
            start.wait()
            services.send_letter(melding, caseworker, version, request, MOMENT)
            outcomes.append("gemaakt")
        except services.LetterError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    tabs = [threading.Thread(target=submit) for _ in range(2)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join()

    assert sorted(outcomes) == sorted(["gemaakt", services.OPENING_LETTER_SENT])
    assert SentLetter.objects.filter(melding_id=pk).count() == 1


@pytest.mark.parametrize("second", [LetterKind.HEROPAF, LetterKind.FIRST])
def test_the_database_holds_one_opening_letter_per_melding_and_round(reopened, second):
    SentLetter.objects.create(melding=reopened, kind=LetterKind.HEROPAF, contact_round=2)

    with pytest.raises(IntegrityError), transaction.atomic():
        SentLetter.objects.create(melding=reopened, kind=second, contact_round=2)


def test_the_database_allows_an_opening_letter_in_each_round_and_reminders_beside_it(reopened):
    SentLetter.objects.create(melding=reopened, kind=LetterKind.FIRST, contact_round=1)
    SentLetter.objects.create(melding=reopened, kind=LetterKind.HEROPAF, contact_round=2)
    SentLetter.objects.create(melding=reopened, kind=LetterKind.HEROPAF, contact_round=3)
    SentLetter.objects.create(melding=reopened, kind=LetterKind.REMINDER, contact_round=2)
    SentLetter.objects.create(melding=reopened, kind=LetterKind.REMINDER, contact_round=2)

    assert SentLetter.objects.filter(melding=reopened).count() == 5
