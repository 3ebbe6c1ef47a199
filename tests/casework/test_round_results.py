"""Every contact round keeps its own end result.

Rule: closing keeps the round's result, closing date, whether the resident was reached in that
round and the cijfer (``RoundResult``), in the same transaction as the closing.
Rule: a heropaf reopening blanks the melding's result for the new round, but round 1's result
stays; closing round 2 adds its own beside it and round 1's first closing date stays on the
melding (``first_closed_on``).
Rule: matching's own closure of a no-go is round 1's result too, and a later run that picks the
melding up after all withdraws it.
Rule: the migration fills the results of existing meldingen: the current round from the melding,
the rounds a heropaf reopened from their closing events.
Rule: while round 2 is open, the melding page shows round 1's result.
"""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from tests.page_text import page_text
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.conversation import record_conversation
from vroegsignaal.casework.heropaf import reopen_by_heropaf, schedule_heropaf
from vroegsignaal.casework.models import Event, EventKind, Melding, RoundResult
from vroegsignaal.casework.no_go import close_not_picked_up, reopen_picked_up_after_rematch
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat

D = dt.date
migration = import_module("vroegsignaal.casework.migrations.0022_round_results")


def rounds(melding) -> list[tuple]:
    return list(
        RoundResult.objects.filter(melding=melding).values_list(
            "contact_round", "result", "closed_on", "reached", "satisfaction"
        )
    )


def reach(melding, by, on):
    record_contact_attempt(
        melding, by, melding.version, kind=Contactsoort.TELEFOON, attempted_on=on,
        part_of_day=Dagdeel.OCHTEND, reached=True,
    )  # fmt: skip


def helped_in_this_round(melding, by, on):
    record_conversation(
        melding, by, melding.version, held_on=on, help_offered="ja", help_accepted="ja",
        cause="inkomensdaling",
    )  # fmt: skip


@pytest.fixture
def first_round_closed(assigned, caseworker):
    """Reached on 3 November, helped, closed on 10 November with a quick fix and a 8;
    the creditor was informed on 12 November, so its heropaf is planned."""
    reach(assigned, caseworker, D(2026, 11, 3))
    helped_in_this_round(assigned, caseworker, D(2026, 11, 4))
    close_with_result(
        assigned, caseworker, assigned.version, Eindresultaat.ADVIES_QUICK_FIX, D(2026, 11, 10),
        satisfaction=8,
    )  # fmt: skip
    schedule_heropaf(assigned, D(2026, 11, 12))
    return assigned


def test_closing_keeps_the_rounds_result_date_reach_and_cijfer(first_round_closed):
    assert rounds(first_round_closed) == [
        (1, Eindresultaat.ADVIES_QUICK_FIX, D(2026, 11, 10), True, 8)
    ]
    assert Melding.objects.get(pk=first_round_closed.pk).first_closed_on == D(2026, 11, 10)


def test_a_melding_reopened_by_heropaf_keeps_its_first_rounds_result(
    first_round_closed, caseworker
):
    reopen_by_heropaf(first_round_closed, caseworker, today=first_round_closed.heropaf_due_on)

    stored = Melding.objects.get(pk=first_round_closed.pk)
    assert (stored.result, stored.closed_on, stored.satisfaction) == ("", None, None)
    assert stored.first_closed_on == D(2026, 11, 10)
    assert rounds(stored) == [(1, Eindresultaat.ADVIES_QUICK_FIX, D(2026, 11, 10), True, 8)]


def test_closing_round_two_after_a_heropaf_adds_its_result_beside_round_ones(
    first_round_closed, caseworker
):
    reopen_by_heropaf(first_round_closed, caseworker, today=first_round_closed.heropaf_due_on)
    # The uitvoeringsnorm's three failed attempts before 'geen contact'.
    for day in (18, 19, 20):
        record_contact_attempt(
            first_round_closed, caseworker, first_round_closed.version, kind=Contactsoort.BRIEF,
            attempted_on=D(2026, 11, day), part_of_day=Dagdeel.OCHTEND, reached=False,
        )  # fmt: skip

    close_with_result(
        first_round_closed, caseworker, first_round_closed.version, Eindresultaat.GEEN_CONTACT,
        D(2026, 11, 24),
    )  # fmt: skip

    assert rounds(first_round_closed) == [
        (1, Eindresultaat.ADVIES_QUICK_FIX, D(2026, 11, 10), True, 8),
        (2, Eindresultaat.GEEN_CONTACT, D(2026, 11, 24), False, None),
    ]
    stored = Melding.objects.get(pk=first_round_closed.pk)
    assert (stored.result, stored.first_closed_on) == (Eindresultaat.GEEN_CONTACT, D(2026, 11, 10))


def test_a_round_has_one_result(first_round_closed):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoundResult.objects.create(
            melding=first_round_closed, municipality=first_round_closed.municipality,
            contact_round=1, result=Eindresultaat.REGELT_ZELF, closed_on=D(2026, 11, 11),
        )  # fmt: skip


def test_a_no_go_closed_by_matching_has_round_ones_result_until_a_rematch_withdraws_it(melding):
    close_not_picked_up({melding.pk: Eindresultaat.ONTERECHT}, D(2026, 11, 2))

    assert rounds(melding) == [(1, Eindresultaat.ONTERECHT, D(2026, 11, 2), False, None)]
    assert Melding.objects.get(pk=melding.pk).first_closed_on == D(2026, 11, 2)

    reopen_picked_up_after_rematch([melding.pk], D(2026, 11, 3))

    assert rounds(melding) == []
    assert Melding.objects.get(pk=melding.pk).first_closed_on is None


def test_the_migration_fills_the_round_results_of_meldingen_reopened_by_heropaf(
    first_round_closed, caseworker
):
    """casework.0022: round 1 from its closing event (dated the day it was written), round 2
    from the melding; a melding closed once from the melding alone; a round whose closure
    matching withdrew has none."""
    closing = Event.objects.get(melding=first_round_closed, kind=EventKind.CLOSED)
    Event.objects.filter(pk=closing.pk).update(
        created_at=timezone.make_aware(dt.datetime(2026, 11, 10, 16, 30))
    )
    reopen_by_heropaf(first_round_closed, caseworker, today=first_round_closed.heropaf_due_on)
    reach(first_round_closed, caseworker, D(2026, 11, 20))
    close_with_result(
        first_round_closed, caseworker, first_round_closed.version, Eindresultaat.REGELT_ZELF,
        D(2026, 11, 24), satisfaction=6,
    )  # fmt: skip
    once = MeldingFactory(municipality=first_round_closed.municipality)
    close_not_picked_up({once.pk: Eindresultaat.ANDERE_REDEN}, D(2026, 11, 2))
    withdrawn = MeldingFactory(municipality=first_round_closed.municipality)
    close_not_picked_up({withdrawn.pk: Eindresultaat.ONTERECHT}, D(2026, 11, 2))
    reopen_picked_up_after_rematch([withdrawn.pk], D(2026, 11, 3))
    recorded = {m.pk: rounds(m) for m in (first_round_closed, once, withdrawn)}
    RoundResult.objects.all().delete()
    Melding.objects.update(first_closed_on=None)

    migration.fill_round_results(apps, None)

    assert {m.pk: rounds(m) for m in (first_round_closed, once, withdrawn)} == recorded
    assert recorded[first_round_closed.pk] == [
        (1, Eindresultaat.ADVIES_QUICK_FIX, D(2026, 11, 10), True, 8),
        (2, Eindresultaat.REGELT_ZELF, D(2026, 11, 24), True, 6),
    ]
    assert Melding.objects.get(pk=first_round_closed.pk).first_closed_on == D(2026, 11, 10)
    migration.fill_round_results(apps, None)  # again: nothing doubles
    assert RoundResult.objects.count() == 3


def test_the_migration_blanks_the_cijfer_a_heropaf_reopening_left_on_the_open_round(
    first_round_closed, caseworker
):
    reopen_by_heropaf(first_round_closed, caseworker, today=first_round_closed.heropaf_due_on)
    Melding.objects.filter(pk=first_round_closed.pk).update(satisfaction=8)  # as before 0022
    RoundResult.objects.all().delete()

    migration.fill_round_results(apps, None)

    assert Melding.objects.get(pk=first_round_closed.pk).satisfaction is None
    assert rounds(first_round_closed)[0][4] == 8


def test_a_melding_reopened_by_heropaf_shows_round_ones_result_on_its_page(
    client, first_round_closed, caseworker
):
    reopen_by_heropaf(first_round_closed, caseworker, today=first_round_closed.heropaf_due_on)
    client.force_login(caseworker)

    page = page_text(client.get(reverse("casework:melding", args=[first_round_closed.pk])))

    assert "Resultaat ronde 1" in page
    assert (
        "(Budget)advies en/of quick fix (afgesloten op 10-11-2026; tevredenheid inwoner: 8)" in page
    )
    assert "Eindresultaat" not in page  # round 2 has none yet
