"""Giving simulated history the moments it would have had in a running system.

Some rows record the wall clock when they are written (`auto_now_add` or `timezone.now()` in the
service): deliveries, matching runs, timeline events, feedback releases and heropaf answers. The
services that write them take no date for that column, so the demo writes the rows through the
services first and then, only here, moves those timestamps back to the simulated moment. Dates
the services do take (attempt date, conversation date, closing date, ...) are passed to them
directly and never changed afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque

from django.db import connection, connections
from django.utils import timezone

from vroegsignaal.casework.models import Event, EventKind
from vroegsignaal.feedback.models import FeedbackRelease, HeropafCheck, SignalFeedback
from vroegsignaal.intake.models import Delivery, Signal
from vroegsignaal.matching.models import MatchingRun, PolicyVersion
from vroegsignaal.privacy.models import AuditEntry, RetentionRun
from vroegsignaal.privacy.routers import AUDIT_DB


def _not_after_now(moment: dt.datetime) -> dt.datetime:
    return min(moment, timezone.now())


def backdate_delivery(delivery_id: int, moment: dt.datetime) -> None:
    """A delivery and its signals arrived at `moment` (lead times, monthly figures)."""
    moment = _not_after_now(moment)
    Delivery.objects.filter(pk=delivery_id).update(created_at=moment)
    Signal.objects.filter(delivery_id=delivery_id).update(received_at=moment, updated_at=moment)


def backdate_policy_versions(versions: list[PolicyVersion], moment: dt.datetime) -> None:
    """The policy was saved at `moment`, before the runs of the simulated year used it."""
    PolicyVersion.objects.filter(pk__in=[v.pk for v in versions]).update(
        created_at=_not_after_now(moment)
    )


def backdate_matching_run(run: MatchingRun, moment: dt.datetime) -> None:
    """The run took place at `moment`: the feedback terms count from the day of the run."""
    moment = _not_after_now(moment)
    MatchingRun.objects.filter(pk=run.pk).update(started_at=moment, finished_at=moment)


def backdate_release(release: FeedbackRelease, moment: dt.datetime) -> None:
    """The feedback batch (and what creditors see of it) was released at `moment`."""
    moment = _not_after_now(moment)
    FeedbackRelease.objects.filter(pk=release.pk).update(released_at=moment)
    SignalFeedback.objects.filter(release=release).update(released_at=moment)


def backdate_answer(check_id: int, moment: dt.datetime) -> None:
    """The creditor answered the heropaf check at `moment`."""
    HeropafCheck.objects.filter(pk=check_id).update(answered_at=_not_after_now(moment))


def backdate_retention_run(run: RetentionRun, moment: dt.datetime) -> None:
    """The nightly retention job ran at `moment`: its record and the audit entry it wrote.

    The audit log is append-only for the application; only the demo, which writes history after
    the fact, moves the entry of its own simulated run (raw SQL on the audit connection).
    """
    moment = _not_after_now(moment)
    RetentionRun.objects.filter(pk=run.pk).update(started_at=moment)
    audit = connections[AUDIT_DB]
    with audit.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET created_at = %s"
            " WHERE object_type = %s AND object_id = %s",
            [audit.ops.adapt_datetimefield_value(moment), "privacy.retentionrun", str(run.pk)],
        )


def backdate_matching_events(after_pk: int, moment: dt.datetime) -> None:
    """The events a matching run wrote (no-gos closed, meldingen back in the queue, signals
    joined as herhaalde melding) happened at the run's `moment`."""
    kinds = (EventKind.NOT_PICKED_UP, EventKind.PICKED_UP_AFTER_REMATCH, EventKind.REPEAT_JOINED)
    Event.objects.filter(pk__gt=after_pk, kind__in=kinds).update(created_at=_not_after_now(moment))


def latest_event_pk() -> int:
    """The id of the newest event (0 without any): events after it are new."""
    return Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


class EventClock:
    """Remembers the simulated moment of each event a step caused, and stamps them afterwards.

    Each casework service records exactly one event per call, so the events of one kind on one
    melding, in the order they were written, match the moments noted for them in that order.
    The heropaf events the feedback release writes carry their own date (`feedback_on`).
    """

    def __init__(self) -> None:
        self.after_pk = latest_event_pk()
        self.moments: dict[tuple[int, str], deque[dt.datetime]] = defaultdict(deque)

    def note(self, melding_id: int, kind: EventKind, moment: dt.datetime) -> None:
        """Note that `melding_id` got one event of `kind` at `moment`."""
        self.moments[(melding_id, kind)].append(moment)

    def stamp(self) -> int:
        """Give every event written since the clock started its noted moment; returns how many."""
        now = timezone.now()
        updates = []
        events = Event.objects.filter(pk__gt=self.after_pk).order_by("pk")
        for pk, melding_id, kind, details in events.values_list(
            "pk", "melding_id", "kind", "details"
        ):
            moment = self._moment(melding_id, kind, details)
            if moment is not None:
                # Raw SQL for speed, so the value is adapted as the ORM would (UTC on SQLite).
                value = connection.ops.adapt_datetimefield_value(min(moment, now))
                updates.append((value, pk))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {Event._meta.db_table} SET created_at = %s WHERE id = %s", updates
            )
        self.after_pk = max((pk for _, pk in updates), default=self.after_pk)
        self.moments.clear()
        return len(updates)

    def _moment(self, melding_id: int, kind: str, details: dict) -> dt.datetime | None:
        if kind == EventKind.HEROPAF_SCHEDULED:
            day = dt.date.fromisoformat(details["feedback_on"])
            return timezone.make_aware(dt.datetime.combine(day, dt.time(16)))
        noted = self.moments.get((melding_id, kind))
        return noted.popleft() if noted else None
