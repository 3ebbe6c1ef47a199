"""The chain facts on the melding (first attempt, first contact, help accepted in a conversation,
referred): set by the services that record attempts, conversations and referrals, kept over a
heropaf reopening, and filled for existing meldingen by the migration exactly as the services
would have set them."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps

from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.conversation import record_conversation, refer
from vroegsignaal.casework.heropaf import reopen_by_heropaf, schedule_heropaf
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat

D = dt.date
FACTS = ("first_attempt_on", "first_contact_on", "accepted_in_conversation", "referred")


def facts(melding) -> tuple:
    stored = Melding.objects.get(pk=melding.pk)
    return tuple(getattr(stored, name) for name in FACTS)


def attempt(melding, by, on, reached=False):
    return record_contact_attempt(
        melding, by, melding.version, kind=Contactsoort.TELEFOON, attempted_on=on,
        part_of_day=Dagdeel.OCHTEND, reached=reached,
    )  # fmt: skip


def talk(melding, by, on, accepted="ja"):
    return record_conversation(
        melding, by, melding.version, held_on=on, help_offered="ja", help_accepted=accepted,
        cause="inkomensdaling",
    )  # fmt: skip


def test_a_new_melding_has_no_chain_facts(melding):
    assert facts(melding) == (None, None, False, False)


def test_an_attempt_that_misses_the_resident_sets_only_the_first_attempt(assigned, caseworker):
    attempt(assigned, caseworker, D(2026, 11, 3))

    assert facts(assigned) == (D(2026, 11, 3), None, False, False)


def test_the_first_reached_attempt_is_the_first_contact(assigned, caseworker):
    attempt(assigned, caseworker, D(2026, 11, 3))
    attempt(assigned, caseworker, D(2026, 11, 6), reached=True)
    attempt(assigned, caseworker, D(2026, 11, 9), reached=True)

    assert facts(assigned)[:2] == (D(2026, 11, 3), D(2026, 11, 6))


def test_an_attempt_recorded_late_with_an_earlier_date_moves_the_first_dates_back(
    assigned, caseworker
):
    attempt(assigned, caseworker, D(2026, 11, 6), reached=True)
    attempt(assigned, caseworker, D(2026, 11, 2), reached=True)

    assert facts(assigned)[:2] == (D(2026, 11, 2), D(2026, 11, 2))


def test_a_conversation_is_contact_and_records_help_accepted(assigned, caseworker):
    talk(assigned, caseworker, D(2026, 11, 4))

    assert facts(assigned) == (None, D(2026, 11, 4), True, False)


def test_help_declined_in_the_conversation_is_not_accepted(assigned, caseworker):
    talk(assigned, caseworker, D(2026, 11, 4), accepted="nee")

    assert facts(assigned)[2] is False


def test_a_referral_marks_the_melding_referred(assigned, caseworker):
    talk(assigned, caseworker, D(2026, 11, 4))
    refer(assigned, caseworker, assigned.version, kind="wijkteam", handover_on=D(2026, 11, 10))

    assert facts(assigned)[3] is True


def test_reopening_by_heropaf_keeps_the_chain_facts_of_the_first_round(assigned, caseworker):
    attempt(assigned, caseworker, D(2026, 11, 3), reached=True)
    talk(assigned, caseworker, D(2026, 11, 4))
    close_with_result(assigned, caseworker, assigned.version, Eindresultaat.ADVIES_QUICK_FIX)
    schedule_heropaf(assigned, D(2026, 11, 10))

    reopen_by_heropaf(assigned, caseworker, today=assigned.heropaf_due_on)
    attempt(assigned, caseworker, D(2026, 11, 20), reached=True)

    assert facts(assigned) == (D(2026, 11, 3), D(2026, 11, 3), True, False)


@pytest.mark.parametrize("reached_first", [True, False])
def test_the_migration_fills_the_facts_the_services_recorded(assigned, caseworker, reached_first):
    talk_on = D(2026, 11, 5) if reached_first else D(2026, 11, 3)
    attempt(assigned, caseworker, D(2026, 11, 2))
    attempt(assigned, caseworker, D(2026, 11, 4), reached=True)
    talk(assigned, caseworker, talk_on)
    refer(assigned, caseworker, assigned.version, kind="wijkteam", handover_on=D(2026, 11, 10))
    recorded = facts(assigned)
    Melding.objects.update(
        first_attempt_on=None, first_contact_on=None, accepted_in_conversation=False, referred=False
    )

    migration = import_module("vroegsignaal.casework.migrations.0006_melding_chain_facts")
    migration.fill_chain_facts(apps, None)

    assert facts(assigned) == recorded
    assert recorded[1] == min(D(2026, 11, 4), talk_on)
