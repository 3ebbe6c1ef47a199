"""Retention erases meldingen in batches: for a batch of ids one statement per table (address,
notes, plans, events, letters, feedback), not several queries per melding, since a night may
erase thousands. The result is the same as erasing them one at a time, as retention did before:
the same rows, to the letter, on every table. A run still erases all or nothing (the failing
steps in test_retention.py)."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from tests.privacy.test_erasure import RETENTION_DAY, twente, worked_region
from vroegsignaal.casework.erasure import erase_meldingen
from vroegsignaal.casework.models import (
    BudgetLine,
    ContactAttempt,
    Event,
    EventKind,
    Melding,
    NotResidentConfirmation,
    Plan,
)
from vroegsignaal.feedback.erasure import erase_feedback
from vroegsignaal.feedback.models import FeedbackRelease, SignalFeedback
from vroegsignaal.intake.models import Delivery
from vroegsignaal.letters.erasure import erase_letters
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import LetterBatch, SentLetter
from vroegsignaal.privacy import retention
from vroegsignaal.privacy.models import RetentionRun

__all__ = ["twente", "worked_region"]

pytestmark = pytest.mark.django_db(databases="__all__")


# What a run stamps with its own moment, which differs from run to run.
MOMENTS = {RetentionRun: None, Delivery: "file_removed_at"}


def _state() -> dict[str, list[dict]]:
    """Every row of every table on `default`, by table and id; without the moments of the run."""
    state = {}
    for model in apps.get_models():
        if model._meta.proxy or router.db_for_read(model) != "default":
            continue
        if model in MOMENTS and MOMENTS[model] is None:
            continue
        rows = list(model.objects.order_by("pk").values())
        for row in rows:
            row.pop(MOMENTS.get(model), None)
        state[model._meta.db_table] = rows
    return state


def _erased_in_batches_of(size: int, monkeypatch) -> dict[str, list[dict]]:
    """The state after a run that erases `size` meldingen a batch, then rolled back, so the next
    run starts from the same rows."""
    monkeypatch.setattr(retention, "_BATCH", size)
    with transaction.atomic():
        run = retention.run(today=RETENTION_DAY)
        state = _state()
        transaction.set_rollback(True)
    assert run.counts[retention.CLOSED_MELDINGEN] + run.counts[retention.UNPICKED_MELDINGEN] == 3
    return state


@pytest.fixture
def more_to_erase(worked_region):
    """Besides the worked region's notes (test_erasure): a print batch with letters of two erased
    meldingen, feedback with an agreement on ongoing payments, a plan, a budget line, events with
    typed text and a not-resident confirmation on the other erased meldingen; every erased
    melding keyed as matching keys it."""
    m1 = worked_region["m1"]
    for melding in Melding.objects.filter(state="closed"):
        # Keyed as matching keys them: the address inside the melding's and the persons' keys.
        melding.key = f"0153|2026-10|{melding.address_key}"
        melding.save(update_fields=["key"])
        for link in melding.signal_links.all():
            link.person_key = f"{melding.key}|{link.signal_id}"
            link.save(update_fields=["person_key"])
    others = list(Melding.objects.filter(state="closed").exclude(pk=m1.pk).order_by("pk"))
    batch = LetterBatch.objects.get()
    for melding in others:
        SentLetter.objects.create(
            melding=melding, kind=LetterKind.FIRST, contact_round=1, recipients=["J. Jansen"],
            batch=batch, pdf=ContentFile(b"%PDF letter", name="brief.pdf"),
        )  # fmt: skip
        Plan.objects.create(
            melding=melding, room_to_pay_off="ja", problematic_debts="nee", note="plan-tekst",
            ongoing_payments={"1": "afspraak-tekst", "2": ""},
        )  # fmt: skip
        BudgetLine.objects.create(
            melding=melding, kind="uitgaven", description="budget-tekst", monthly_cents=5
        )
        Event.objects.create(
            melding=melding, kind=EventKind.REFERRAL, details={"other": "verwijzing-tekst"}
        )
        signal = melding.signal_links.first().signal
        NotResidentConfirmation.objects.create(melding=melding, signal=signal, note="bevestiging")
        SignalFeedback.objects.create(
            signal=signal, creditor=signal.creditor, kind="outcome",
            release=FeedbackRelease.objects.create(released_on=dt.date(2026, 12, 1)),
            content={"cause": "vergeten", "ongoing_payments": "betaalt-85"},
            released_at=timezone.now(),
        )  # fmt: skip
    return worked_region


def test_erasing_in_batches_leaves_the_same_rows_as_erasing_one_melding_at_a_time(
    more_to_erase, monkeypatch
):
    before = _state()

    one_at_a_time = _erased_in_batches_of(1, monkeypatch)
    in_batches = _erased_in_batches_of(500, monkeypatch)

    assert in_batches == one_at_a_time
    changed = {table for table, rows in in_batches.items() if rows != before[table]}
    assert {
        "casework_melding", "casework_meldingsignal", "casework_contactattempt",
        "casework_conversation", "casework_referral", "casework_plan", "casework_budgetline",
        "casework_event", "casework_notresidentconfirmation", "letters_sentletter",
        "letters_letterbatch", "feedback_signalfeedback", "intake_signal",
    } <= changed  # fmt: skip


def _closed_meldingen(count: int) -> list[int]:
    ids = []
    for _ in range(count):
        melding = MeldingFactory(state="closed", closed_on=dt.date(2024, 6, 1))
        ContactAttempt.objects.create(
            melding=melding, kind="Brief", attempted_on=dt.date(2024, 5, 1), note="notitie"
        )
        Plan.objects.create(melding=melding, room_to_pay_off="ja", problematic_debts="nee")
        SentLetter.objects.create(
            melding=melding, kind=LetterKind.FIRST, contact_round=1, recipients=["J. Jansen"]
        )
        ids.append(melding.pk)
    return ids


def _queries_to_erase(ids: list[int]) -> int:
    connection = connections["default"]
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        erase_meldingen(ids)
        erase_letters(ids)
        erase_feedback(ids)
    return len(queries)


def test_a_batch_of_many_meldingen_is_erased_with_as_many_queries_as_a_batch_of_two(db):
    few, many = _closed_meldingen(2), _closed_meldingen(12)

    assert _queries_to_erase(many) == _queries_to_erase(few)
    assert not Melding.objects.filter(pk__in=few + many, street__gt="").exists()
    assert not ContactAttempt.objects.filter(melding__in=few + many, note__gt="").exists()
