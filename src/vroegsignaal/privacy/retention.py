"""Retention: remove or erase what has passed its term, and record what was done.

Terms (settings, from the environment; see docs/privacy.md):
- RETENTION_DELIVERY_FILE_DAYS after delivery: the original file, its rejected rows and errors;
- RETENTION_SIGNAL_DAYS after the signal date: personal data of signals that have no melding or
  whose melding was closed as not picked up, and of such meldingen (an open melding keeps its
  data until it is closed);
- RETENTION_MELDING_DAYS after closing: personal data of a closed melding and its signals;
- RETENTION_AUDIT_DAYS: audit entries (longer than any of the above); the text of a search in
  them goes sooner: with the meldingen it showed, or after RETENTION_SIGNAL_DAYS when it found
  none (privacy.search_text_erasure).

Every app erases through its own function: intake.erasure for signals; for a melding
casework.erasure (address and casework texts), letters.erasure (PDFs) and feedback.erasure.

A run erases in one transaction: when anything fails, nothing is erased (stored files go only
on commit, the audit log is purged last), and the failure is recorded after the rollback, so
the privacy officer sees it at once on Bewaartermijnen.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from vroegsignaal.casework.erasure import erase_meldingen
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.signal_status import not_picked_up_q
from vroegsignaal.dutch_numbers import counted as counted_noun
from vroegsignaal.feedback.erasure import erase_feedback
from vroegsignaal.intake.erasure import erase_signals, not_erased
from vroegsignaal.intake.models import Delivery, Signal
from vroegsignaal.letters.erasure import erase_letters
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction, AuditEntry, RetentionRun
from vroegsignaal.privacy.pseudonyms import PREFIX
from vroegsignaal.privacy.routers import AUDIT_DB
from vroegsignaal.privacy.search_text_erasure import erase_search_texts, searches_to_erase
from vroegsignaal.stored_files import delete_after_commit

logger = logging.getLogger(__name__)

# Dutch names of the kinds, as the privacy officer reads them in the report.
DELIVERY_FILES = "aanleverbestanden en geweigerde rijen"
SIGNALS = "signalen zonder opgepakte melding"
UNPICKED_MELDINGEN = "meldingen die niet zijn opgepakt"
CLOSED_MELDINGEN = "afgesloten meldingen"
CLOSED_MELDING_SIGNALS = "signalen van afgesloten meldingen"
AUDIT_ENTRIES = "auditregels"
SEARCH_TEXTS = "zoekteksten in het auditlog"
# The kinds above are the keys of a run's counts (stored); the page counts them in words.
_COUNTED = {
    DELIVERY_FILES: (
        "aanleverbestand en de geweigerde rijen",
        "aanleverbestanden en de geweigerde rijen",
    ),
    SIGNALS: ("signaal zonder opgepakte melding", SIGNALS),
    UNPICKED_MELDINGEN: ("melding die niet is opgepakt", UNPICKED_MELDINGEN),
    CLOSED_MELDINGEN: ("afgesloten melding", CLOSED_MELDINGEN),
    CLOSED_MELDING_SIGNALS: ("signaal van een afgesloten melding", CLOSED_MELDING_SIGNALS),
    AUDIT_ENTRIES: ("auditregel", AUDIT_ENTRIES),
    SEARCH_TEXTS: ("zoektekst in het auditlog", SEARCH_TEXTS),
}
_BATCH = 500
# The job runs every night; with no run in two days at least one night was missed.
RUN_EXPECTED_WITHIN = dt.timedelta(days=2)
# What a failed run keeps of its error: the class only, as the message may quote personal data.
FAILURE = "De taak stopte door een fout ({error}); de volledige fout staat in het logbestand."


def counted(kind: str, count: int) -> str:
    """'1 aanleverbestand en de geweigerde rijen', '4.642 auditregels': a count of ``kind``."""
    return counted_noun(count, *_COUNTED.get(kind, (kind, kind)))


def cutoffs(today: dt.date) -> dict[str, dt.date]:
    """Per kind: data dated before this day has passed its term."""
    days = {
        DELIVERY_FILES: settings.RETENTION_DELIVERY_FILE_DAYS,
        SIGNALS: settings.RETENTION_SIGNAL_DAYS,
        UNPICKED_MELDINGEN: settings.RETENTION_SIGNAL_DAYS,
        CLOSED_MELDINGEN: settings.RETENTION_MELDING_DAYS,
        CLOSED_MELDING_SIGNALS: settings.RETENTION_MELDING_DAYS,
        AUDIT_ENTRIES: settings.RETENTION_AUDIT_DAYS,
        # For a search that found nothing; one that found meldingen goes with them.
        SEARCH_TEXTS: settings.RETENTION_SIGNAL_DAYS,
    }
    return {kind: today - dt.timedelta(days=n) for kind, n in days.items()}


def _days(days: int) -> str:
    """'183 dagen', '1826 dagen (5 jaar)': a term of (nearly) whole years says so, for the
    resident reading her inzage."""
    years = round(days / 365.25)
    return (
        f"{days} dagen ({years} jaar)"
        if years and abs(days - years * 365.25) < 1
        else f"{days} dagen"
    )


def terms() -> list[tuple[str, str]]:
    """The terms as the privacy officer (and the resident, in her inzage) reads them: what,
    and how long it is kept."""
    return [
        (
            "Aanleverbestanden en geweigerde rijen",
            f"{_days(settings.RETENTION_DELIVERY_FILE_DAYS)} na de aanlevering",
        ),
        (
            "Signalen die niet tot een opgepakte melding leidden, en meldingen die niet zijn opgepakt",
            f"{_days(settings.RETENTION_SIGNAL_DAYS)} na de signaaldatum",
        ),
        (
            "Afgesloten meldingen en hun signalen",
            f"{_days(settings.RETENTION_MELDING_DAYS)} na het afsluiten",
        ),
        ("Auditregels", _days(settings.RETENTION_AUDIT_DAYS)),
        # A search text goes by one of two rules (privacy.search_text_erasure): one row each,
        # so no days are read beside a search that found meldingen.
        (
            "Zoekteksten in het auditlog van een zoekopdracht die meldingen vond (een naam of adres)",
            "tot alle meldingen die de zoekopdracht vond zijn gewist",
        ),
        (
            "Zoekteksten in het auditlog van een zoekopdracht die niets vond, van een "
            "zoekopdracht in het auditlog zelf en van een getypt filter op een lijst "
            "(klantnummer, postcode, bedrag)",
            f"{_days(settings.RETENTION_SIGNAL_DAYS)} na het zoeken",
        ),
    ]


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _expired_delivery_files(cutoff: dt.date):
    return Delivery.objects.filter(created_at__lt=_start_of(cutoff), file_removed_at__isnull=True)


def _remove_delivery_files(deliveries) -> int:
    count = 0
    for delivery in deliveries:
        delete_after_commit(delivery.original_file)
        delivery.errors.all().delete()
        delivery.rejected_rows = []
        delivery.file_removed_at = timezone.now()
        delivery.save(update_fields=["original_file", "rejected_rows", "file_removed_at"])
        count += 1
    return count


def _meldingen():
    return Melding.objects.exclude(address_key__startswith=PREFIX)


def _unpicked_meldingen(cutoff: dt.date):
    """Meldingen closed as not picked up (matching closes a no-go at once; also overleden, geen
    inwoner, al bekend) whose signals are all past the signal term; before QA12 B1 these waited
    for the term of closed meldingen, four times as long. A signal attached later (a herhaalde
    melding of a later month) keeps its melding until it is past the term itself. An open
    melding is never erased here: a go melding is picked up (DDAS 'Opgepakt') from matching on,
    and before QA13 N3 one without a first contact attempt lost its address while it waited in a
    werkbakje; it is kept until it is closed."""
    return (
        _meldingen()
        .filter(not_picked_up_q(), period_end__lt=cutoff)
        .exclude(signal_links__signal__signal_date__gte=cutoff)
    )


def _closed_meldingen(cutoff: dt.date):
    return _meldingen().filter(closed_on__lt=cutoff)


def _unpicked_signals(cutoff: dt.date):
    """Signals past the signal term that never reached a melding, or whose melding was closed
    as not picked up; the signals of an open melding stay with it (see `_unpicked_meldingen`)."""
    never_picked_up = Q(melding_link__isnull=True) | not_picked_up_q("melding_link__melding__")
    return not_erased(Signal.objects.filter(never_picked_up, signal_date__lt=cutoff))


def _closed_melding_signals(cutoff: dt.date):
    return not_erased(Signal.objects.filter(melding_link__melding__closed_on__lt=cutoff))


def _erase_meldingen(meldingen) -> int:
    """Erase `meldingen` a batch of ids at a time: for each batch one statement per table, not
    several queries per melding (a night may erase thousands)."""
    # Ids first: erasing changes the rows the query selects (SQLite would see that mid-loop).
    ids = list(meldingen.values_list("id", flat=True))
    for start in range(0, len(ids), _BATCH):
        batch = ids[start : start + _BATCH]
        erase_meldingen(batch)
        erase_letters(batch)
        erase_feedback(batch)
    return len(ids)


def _audit_entries(cutoff: dt.date):
    return AuditEntry.objects.using(AUDIT_DB).filter(created_at__lt=_start_of(cutoff))


@dataclass(frozen=True)
class Health:
    """Whether the nightly job keeps up: its last real run that succeeded, the real runs that
    failed since, and what is past its term right now."""

    last_run: RetentionRun | None
    failed_runs: list[RetentionRun]  # since last_run, newest first: the officer is warned
    overdue: dict[str, int]  # per kind with anything past its term and not yet erased
    stale: bool  # no real run (failed or not) within RUN_EXPECTED_WITHIN


def health(now: dt.datetime | None = None) -> Health:
    """The state of retention as the privacy officer should see it (counts only, erases nothing)."""
    now = now or timezone.now()
    real_runs = RetentionRun.objects.filter(dry_run=False).order_by("-started_at")
    last_run = real_runs.filter(failed=False).first()
    failed_runs = real_runs.filter(failed=True)
    if last_run:
        failed_runs = failed_runs.filter(started_at__gt=last_run.started_at)
    failed_runs = list(failed_runs)
    last_attempt = failed_runs[0] if failed_runs else last_run
    counts = _count(cutoffs(timezone.localdate(now)))
    return Health(
        last_run=last_run,
        failed_runs=failed_runs,
        overdue={kind: count for kind, count in counts.items() if count},
        stale=last_attempt is None or last_attempt.started_at < now - RUN_EXPECTED_WITHIN,
    )


def run(today: dt.date | None = None, dry_run: bool = False) -> RetentionRun:
    """Apply every term (or, with `dry_run`, only count) and store the counts as a RetentionRun.

    A real run that fails erases nothing, is recorded as failed (with the error's class only)
    and raises the error again, so the command exits with an error for cron and monitoring. A
    dry run that fails records nothing: it is not the nightly run.
    """
    started_at = timezone.now()
    today = today or timezone.localdate(started_at)
    limits = cutoffs(today)
    kept_cutoffs = {kind: day.isoformat() for kind, day in limits.items()}
    try:
        if dry_run:
            counts = _count(limits)
        else:
            with transaction.atomic():
                counts = _apply(limits)
    except Exception as error:
        # The whole traceback for the administrator; the record only the error's class.
        logger.exception("Retention %s failed; nothing was erased", "dry run" if dry_run else "run")
        if not dry_run:
            # After the rollback, so the record stays (inside an outer transaction, as in the
            # demo load, it is written there).
            RetentionRun.objects.create(
                started_at=started_at,
                failed=True,
                failure=FAILURE.format(error=type(error).__name__),
                cutoffs=kept_cutoffs,
            )
        raise
    retention_run = RetentionRun.objects.create(
        started_at=started_at, dry_run=dry_run, counts=counts, cutoffs=kept_cutoffs
    )
    if not dry_run:
        total = sum(counts.values())
        audit.record(None, AuditAction.ERASE, retention_run, description=f"{total} gewist")
    return retention_run


def _count(limits: dict[str, dt.date]) -> dict[str, int]:
    counts = {
        DELIVERY_FILES: _expired_delivery_files(limits[DELIVERY_FILES]).count(),
        SIGNALS: _unpicked_signals(limits[SIGNALS]).count(),
        CLOSED_MELDING_SIGNALS: _closed_melding_signals(limits[CLOSED_MELDING_SIGNALS]).count(),
        AUDIT_ENTRIES: _audit_entries(limits[AUDIT_ENTRIES]).count(),
        UNPICKED_MELDINGEN: _unpicked_meldingen(limits[UNPICKED_MELDINGEN]).count(),
        CLOSED_MELDINGEN: _closed_meldingen(limits[CLOSED_MELDINGEN]).count(),
    }
    # The searches of the meldingen this run would erase count too.
    due = [
        *_unpicked_meldingen(limits[UNPICKED_MELDINGEN]).values_list("id", flat=True),
        *_closed_meldingen(limits[CLOSED_MELDINGEN]).values_list("id", flat=True),
    ]
    counts[SEARCH_TEXTS] = len(searches_to_erase(_start_of(limits[SEARCH_TEXTS]), due))
    return counts


def _apply(limits: dict[str, dt.date]) -> dict[str, int]:
    """Erase every kind, in the caller's transaction on `default`."""
    counts = {
        DELIVERY_FILES: _remove_delivery_files(_expired_delivery_files(limits[DELIVERY_FILES])),
        SIGNALS: erase_signals(_unpicked_signals(limits[SIGNALS])),
        CLOSED_MELDING_SIGNALS: erase_signals(
            _closed_melding_signals(limits[CLOSED_MELDING_SIGNALS])
        ),
        AUDIT_ENTRIES: 0,  # below; the key keeps its place in the report
        SEARCH_TEXTS: 0,  # below, after the meldingen are erased
        UNPICKED_MELDINGEN: _erase_meldingen(_unpicked_meldingen(limits[UNPICKED_MELDINGEN])),
        CLOSED_MELDINGEN: _erase_meldingen(_closed_meldingen(limits[CLOSED_MELDINGEN])),
    }
    # Which searches showed only erased meldingen is read before the audit transaction opens,
    # so it holds its lock no longer than needed.
    searches = searches_to_erase(_start_of(limits[SEARCH_TEXTS]))
    # The audit log has a connection of its own, outside the transaction on `default`: purged
    # last, so an earlier failure leaves it whole, and in its own transaction just before
    # `default` commits (holding its lock no longer than that, for the pages that write to it).
    with transaction.atomic(using=AUDIT_DB):
        counts[AUDIT_ENTRIES] = AuditEntry.objects.using(AUDIT_DB).purge_before(
            _start_of(limits[AUDIT_ENTRIES])
        )
        counts[SEARCH_TEXTS] = erase_search_texts(searches)
    return counts
