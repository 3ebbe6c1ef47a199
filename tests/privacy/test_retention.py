"""Retention: after the terms, no erased personal data is left and the figures stay the same."""

import datetime as dt
import os
from contextlib import contextmanager

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from tests.casework.factories import DeliveryFactory, MeldingFactory, SignalFactory
from tests.factories import MunicipalityFactory
from tests.page_text import page_text
from tests.privacy.database_scan import text_in_database
from vroegsignaal.intake.models import Delivery, Signal
from vroegsignaal.letters.kinds import LetterKind
from vroegsignaal.letters.models import SentLetter
from vroegsignaal.privacy import retention
from vroegsignaal.privacy.models import AuditAction, AuditEntry, RetentionRun
from vroegsignaal.privacy.pseudonyms import address_pseudonym
from vroegsignaal.privacy.routers import AUDIT_DB

pytestmark = pytest.mark.django_db(databases="__all__")

TODAY = dt.date(2027, 12, 1)


@pytest.fixture
def region_with_history():
    """Old signals without a picked-up melding, one picked-up melding, and a recent signal."""
    enschede = MunicipalityFactory()
    person = {
        "surname": "Bijlsma",
        "bsn": "111222333",
        "email": "bijlsma@example.nl",
        "phone": "0612345678",
    }
    old = [
        SignalFactory(municipality=enschede, signal_date=dt.date(2026, 3, d), **person)
        for d in (2, 3)
    ]
    picked_up = MeldingFactory(municipality=enschede, picked_up_on=dt.date(2027, 10, 1))
    recent = SignalFactory(municipality=enschede, signal_date=dt.date(2027, 11, 20))
    return old, picked_up, recent


def test_old_signals_without_a_picked_up_melding_leave_no_personal_data(region_with_history):
    old, picked_up, recent = region_with_history
    counts_before = Signal.objects.values("municipality", "signal_date", "amount_cents").count()
    run = retention.run(today=TODAY)
    assert run.counts[retention.SIGNALS] == 2
    # The street stays on meldingen until casework erases them (casework.erasure).
    for value in ["Bijlsma", "111222333", "bijlsma@example.nl", "0612345678"]:
        assert text_in_database(value) == [], value
    erased = Signal.objects.get(pk=old[0].pk)
    assert erased.address_key == address_pseudonym(old[0].address_key)
    assert (erased.amount_cents, erased.signal_date, erased.creditor_id) == (
        old[0].amount_cents,
        old[0].signal_date,
        old[0].creditor_id,
    )
    assert Signal.objects.count() == counts_before
    # A picked-up melding's signal and a recent signal keep their data.
    assert Signal.objects.get(pk=recent.pk).surname == "Jansen"
    assert picked_up.signal_links.get().signal.surname == "Jansen"


def test_a_dry_run_counts_without_erasing_and_is_reported(region_with_history):
    call_command("retention", "--dry-run")
    run = RetentionRun.objects.get()
    assert run.dry_run and run.counts[retention.SIGNALS] == 2
    assert Signal.objects.filter(surname="Bijlsma").count() == 2


def test_running_twice_erases_nothing_more(region_with_history):
    retention.run(today=TODAY)
    assert retention.run(today=TODAY).counts[retention.SIGNALS] == 0


def test_the_address_pseudonym_is_stable_and_keyed(settings):
    first = address_pseudonym("7511AB-12")
    assert first == address_pseudonym("7511AB-12") == address_pseudonym(first)
    assert len(first) <= 32 and "7511" not in first
    settings.PSEUDONYM_KEY = "een-andere-sleutel"
    assert address_pseudonym("7511AB-12") != first


def test_the_retention_page_tells_the_officer_what_happens_not_which_command_to_run(
    client, settings, region_with_history
):
    from django.urls import reverse

    from tests.factories import UserFactory

    settings.RETENTION_SIGNAL_DAYS = 183
    retention.run(today=TODAY)
    client.force_login(UserFactory(privacy_officer=True, municipality=None))
    html = client.get(reverse("privacy:retention_runs")).content.decode()
    note_at = html.index('class="utrecht-paragraph beheerder-note')
    intro = html[html.index("<h1") : note_at]
    note = html[note_at : html.index("</p>", note_at)]
    assert "vroegsignaal retention" not in intro
    assert "elke dag" in intro.lower() and "automatisch" in intro and "beheerder" in intro
    assert "183 dagen" in intro  # the terms themselves, in days
    assert "vroegsignaal retention" in note  # only as a note for the administrator
    # Per kind erased: up to which date.
    cutoff = TODAY - dt.timedelta(days=183)
    assert cutoff.strftime("%d-%m-%Y") in html


def _retention_page(client) -> str:
    from django.urls import reverse

    from tests.factories import UserFactory

    client.force_login(UserFactory(privacy_officer=True, municipality=None))
    return client.get(reverse("privacy:retention_runs")).content.decode()


def _alert(html: str) -> str:
    start = html.index('role="alert"')
    return html[start : html.index("</div>", start)]


def test_the_retention_page_warns_when_the_daily_job_never_ran_and_counts_what_is_past_its_term(
    client, region_with_history, settings
):
    settings.RETENTION_SIGNAL_DAYS = 183
    alert = _alert(_retention_page(client))
    assert "nog nooit gedraaid" in alert
    assert "2 signalen zonder opgepakte melding" in alert  # past the term, not yet erased
    assert "beheerder" in alert
    assert Signal.objects.filter(surname="Bijlsma").count() == 2  # looking erases nothing


def test_the_retention_page_warns_when_the_daily_job_has_not_run_for_two_days(client, db):
    from django.utils import timezone

    run = retention.run()
    three_days_ago = timezone.now() - dt.timedelta(days=3)
    RetentionRun.objects.filter(pk=run.pk).update(started_at=three_days_ago)
    alert = _alert(_retention_page(client))
    assert f"sinds {timezone.localtime(three_days_ago):%d-%m-%Y}" in page_text(alert)
    assert "niet gedraaid" in alert


def test_a_dry_run_does_not_count_as_the_daily_job_having_run(client, db):
    retention.run(dry_run=True)
    assert "nog nooit gedraaid" in _alert(_retention_page(client))


def test_the_retention_page_gives_no_warning_after_last_nights_run(client, db):
    from django.utils import timezone

    run = retention.run()
    RetentionRun.objects.filter(pk=run.pk).update(
        started_at=timezone.now() - dt.timedelta(hours=30)
    )
    html = _retention_page(client)
    assert 'role="alert"' not in html
    assert "Laatste geslaagde run" in html


@pytest.mark.parametrize(
    ("kind", "count", "phrase"),
    [
        (retention.DELIVERY_FILES, 1, "1 aanleverbestand en de geweigerde rijen"),
        (retention.DELIVERY_FILES, 3, "3 aanleverbestanden en de geweigerde rijen"),
        (retention.SIGNALS, 1, "1 signaal zonder opgepakte melding"),
        (retention.UNPICKED_MELDINGEN, 1, "1 melding die niet is opgepakt"),
        (retention.CLOSED_MELDINGEN, 1, "1 afgesloten melding"),
        (retention.CLOSED_MELDING_SIGNALS, 1, "1 signaal van een afgesloten melding"),
        (retention.AUDIT_ENTRIES, 1, "1 auditregel"),
        (retention.AUDIT_ENTRIES, 4642, "4.642 auditregels"),
    ],
)
def test_the_retention_page_counts_each_kind_in_singular_or_plural(kind, count, phrase):
    assert retention.counted(kind, count) == phrase


def test_the_retention_page_names_its_column_and_where_its_warning_stands(client, db):
    RetentionRun.objects.create(
        dry_run=False,
        counts={retention.DELIVERY_FILES: 1},
        cutoffs={retention.DELIVERY_FILES: "2026-10-23"},
    )
    html = _retention_page(client)
    assert "1 aanleverbestand en de geweigerde rijen (23-10-2026)" in page_text(html)
    assert "Gewist per soort (gegevens van vóór de datum)" in html
    assert "bovenaan deze pagina een waarschuwing" in html
    assert "hierboven" not in html


def test_a_term_of_whole_years_says_so_beside_its_days(settings):
    """'Auditregels 1826 dagen' in a resident's inzage: she reads years."""
    from vroegsignaal.privacy.retention import terms

    settings.RETENTION_AUDIT_DAYS, settings.RETENTION_MELDING_DAYS = 1826, 730
    settings.RETENTION_SIGNAL_DAYS = 183
    shown = dict(terms())
    assert shown["Auditregels"] == "1826 dagen (5 jaar)"
    assert shown["Afgesloten meldingen en hun signalen"] == "730 dagen (2 jaar) na het afsluiten"
    assert "183 dagen na de signaaldatum" in shown.values()


def test_a_backlog_of_more_than_a_thousand_signals_is_erased_in_one_run(db):
    # One erasing batch is 1,000 signals; on SQLite the second batch used to fail with 'database
    # table is locked' (a write while the read cursor of the first was still open), so a backlog
    # of a few missed nights was never erased again (QA12 B4).
    first = SignalFactory(signal_date=dt.date(2026, 3, 2), surname="Bijlsma")
    copies = []
    for n in range(1, 1_101):
        copy = Signal.objects.get(pk=first.pk)
        copy.pk, copy.row_number, copy.customer_number = None, first.row_number + n, f"B{n:06d}"
        copies.append(copy)
    Signal.objects.bulk_create(copies)

    run = retention.run(today=TODAY)

    assert run.counts[retention.SIGNALS] == 1_101
    assert not Signal.objects.filter(surname="Bijlsma").exists()


@pytest.fixture
def past_their_term(region_with_history):
    """Of every kind something past its term on TODAY, each naming Bijlsma: the old signals, a
    delivery file, a closed melding with a letter, and an audit entry."""
    delivery = DeliveryFactory(original_file=ContentFile(b"Bijlsma;7511AB", name="oud.csv"))
    Delivery.objects.filter(pk=delivery.pk).update(
        created_at=dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    )
    closed = MeldingFactory(street="Bijlsmastraat", closed_on=dt.date(2024, 6, 1))
    SentLetter.objects.create(
        melding=closed, kind=LetterKind.FIRST, contact_round=1, recipients=["B. Bijlsma"],
        pdf=ContentFile(b"%PDF Bijlsma", name="brief.pdf"),
    )  # fmt: skip
    AuditEntry(
        created_at=dt.datetime(2021, 1, 4, tzinfo=dt.UTC),
        username="uitvoerder",
        action=AuditAction.VIEW,
        description="Bijlsma bekeken",
    ).save()
    return [delivery.original_file.path, SentLetter.objects.get().pdf.path]


@contextmanager
def _database_refuses(statement: str, table: str, using: str = "default"):
    """A trigger that makes the database refuse every `statement` on `table`: a real failure
    halfway through the erasing, as a full disk or a broken constraint would be. Its message
    names the resident, as a database error may."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE TRIGGER refuse BEFORE {statement} ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'refused for Bijlsma'); END"
            )
        else:
            cursor.execute(
                "CREATE OR REPLACE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'refused for Bijlsma'; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER refuse BEFORE {statement} ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER refuse" + ("" if connection.vendor == "sqlite" else f" ON {table}")
        )


def _personal_data_left(files: list[str]) -> tuple[list[str], list[bool]]:
    return text_in_database("Bijlsma"), [os.path.exists(path) for path in files]


# The last step (the audit log, after everything else was erased) and two halfway: the
# meldingen of a batch, and their letters after them.
FAILING_STEPS = pytest.mark.parametrize(
    ("statement", "table", "using"),
    [
        ("DELETE", "privacy_auditentry", AUDIT_DB),
        ("UPDATE", "casework_melding", "default"),
        ("UPDATE", "letters_sentletter", "default"),
    ],
    ids=["purging-the-audit-log", "erasing-a-melding", "erasing-a-letter"],
)


@FAILING_STEPS
def test_a_run_that_fails_erases_nothing_and_the_officer_sees_at_once_that_it_failed(
    client, past_their_term, caplog, statement, table, using
):
    before = _personal_data_left(past_their_term)
    assert len(before[0]) > 4 and all(before[1])
    with _database_refuses(statement, table, using), pytest.raises(DatabaseError):
        retention.run(today=TODAY)

    assert _personal_data_left(past_their_term) == before
    assert not Delivery.objects.filter(file_removed_at__isnull=False).exists()
    failed = RetentionRun.objects.get()
    assert failed.failed and not failed.dry_run and failed.counts == {}
    # The traceback goes to the log; the record and the page keep no personal data.
    assert "refused for Bijlsma" in caplog.text
    assert "Bijlsma" not in failed.failure
    html = _retention_page(client)
    alert = page_text(_alert(html))
    started = timezone.localtime(failed.started_at)
    assert (
        f"De bewaartermijntaak van {started:%d-%m-%Y %H:%M} is mislukt; er is niets gewist."
        in alert
    )
    assert "Technisch beheer: zie het logbestand." in alert
    assert "Bijlsma" not in html
    assert "Mislukt" in page_text(html)  # in the table of runs too


def test_a_later_run_that_succeeds_clears_the_failure_warning(
    client, past_their_term, django_capture_on_commit_callbacks
):
    with _database_refuses("UPDATE", "casework_melding"), pytest.raises(DatabaseError):
        retention.run(today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):  # the files go when it commits
        retention.run(today=TODAY)

    html = _retention_page(client)
    assert 'role="alert"' not in html
    assert "Laatste geslaagde run" in html
    assert _personal_data_left(past_their_term) == ([], [False, False])
    assert [run.failed for run in RetentionRun.objects.all()] == [False, True]


def test_the_failure_warning_counts_the_failed_runs_since_the_last_that_succeeded(
    client, past_their_term
):
    for _ in range(3):
        with _database_refuses("UPDATE", "casework_melding"), pytest.raises(DatabaseError):
            retention.run(today=TODAY)
    first, *_, last = RetentionRun.objects.order_by("started_at")

    alert = page_text(_alert(_retention_page(client)))

    assert (
        "De bewaartermijntaak is 3 keer achter elkaar mislukt, van "
        f"{timezone.localtime(first.started_at):%d-%m-%Y %H:%M} tot en met "
        f"{timezone.localtime(last.started_at):%d-%m-%Y %H:%M}; er is niets gewist."
    ) in alert


def test_the_failure_warning_says_when_the_job_has_not_run_since(client, db):
    three_days_ago = timezone.now() - dt.timedelta(days=3)
    RetentionRun.objects.create(started_at=three_days_ago, failed=True)
    alert = page_text(_alert(_retention_page(client)))
    assert f"De bewaartermijntaak van {timezone.localtime(three_days_ago):%d-%m-%Y %H:%M}" in alert
    assert "is mislukt" in alert and "Daarna heeft de taak niet meer gedraaid." in alert


def test_the_command_exits_with_an_error_when_the_run_fails(past_their_term):
    with _database_refuses("UPDATE", "casework_melding"), pytest.raises(CommandError) as error:
        call_command("retention")
    assert "mislukt" in str(error.value) and "Bijlsma" not in str(error.value)
    assert RetentionRun.objects.get().failed


def test_a_dry_run_that_fails_is_not_a_failed_nightly_run(client, past_their_term):
    # Counting fails when a table it reads is missing.
    with connections[AUDIT_DB].cursor() as cursor:
        cursor.execute("ALTER TABLE privacy_auditentry RENAME TO privacy_auditentry_away")
    # (A savepoint: PostgreSQL refuses everything after an error in the test's transaction.)
    with pytest.raises(DatabaseError), transaction.atomic(using=AUDIT_DB):
        retention.run(today=TODAY, dry_run=True)
    with connections[AUDIT_DB].cursor() as cursor:
        cursor.execute("ALTER TABLE privacy_auditentry_away RENAME TO privacy_auditentry")

    assert not RetentionRun.objects.exists()
    assert "mislukt" not in _retention_page(client)
