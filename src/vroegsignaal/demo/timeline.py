"""A year of the region's work, day by day: matching, casework, feedback and heropaf answers.

Every night at 02:00 the retention job runs (`privacy.retention`), as cron or a timer runs it in
a deployment, so data past its term is erased on the day it would have been. Each month is
matched on the 26th or the working day after (the current month today), as the region would
have done; between the runs the caseworkers' planned steps happen on their dates
(`CaseworkSimulation`); every Friday (or the working day after, when it is a holiday) the
municipality releases the feedback that is due (`feedback.release`) after the creditors have
answered the heropaf checks whose answer day has come. Nothing is simulated on or after
`today`, so recent meldingen are still being worked on and this month's are new.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from vroegsignaal.casework.deadlines import add_working_days, roll_forward
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import EventKind, Melding
from vroegsignaal.demo import history
from vroegsignaal.demo.casework_plan import at
from vroegsignaal.demo.casework_run import CaseworkSimulation
from vroegsignaal.feedback.heropaf_checks import answer_check
from vroegsignaal.feedback.models import FeedbackRelease, HeropafAnswer, HeropafCheck
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.adapter import month_bounds
from vroegsignaal.matching.models import MatchingRun
from vroegsignaal.matching.services import match_period
from vroegsignaal.organisations.models import Municipality, Role, User
from vroegsignaal.privacy import retention
from vroegsignaal.privacy.models import RetentionRun

MATCHING_DAY = 26
RELEASE_WEEKDAY = 4  # Friday
# Creditors answer most heropaf checks within the agreed ten working days; some never do.
UNANSWERED_SHARE = 0.05
REGULAR_PAYMENTS_SHARE = 0.8
RETENTION_HOUR = 2  # the nightly job, before the day's work


@dataclass
class TimelineSummary:
    municipalities: list[Municipality]
    planned: int = 0
    steps: int = 0
    releases: int = 0
    answers: int = 0


def simulate_year(
    municipalities: list[Municipality], months: list[dt.date], today: dt.date, seed: int
) -> TimelineSummary:
    """Match every month and simulate the work on its meldingen up to (not including) `today`."""
    match_days = {
        min(roll_forward(first.replace(day=MATCHING_DAY)), today): first for first in months
    }
    last = FeedbackRelease.objects.order_by("-released_on").first()
    released_until = last.released_on if last else dt.date.min
    retained_until = _last_retention_night()
    simulation = CaseworkSimulation(seed)
    summary = TimelineSummary(municipalities)
    day = min(match_days)
    while day <= today:
        # One transaction per simulated day: the services' own transactions become savepoints,
        # so the disk is synced once a day instead of after every step.
        with transaction.atomic():
            if day > retained_until:
                _run_retention(day)
            _one_day(day, today, match_days, released_until, simulation, summary)
        day += dt.timedelta(days=1)
    with transaction.atomic():
        simulation.clock.stamp()
    summary.steps = simulation.steps_done
    return summary


def _one_day(day, today, match_days, released_until, simulation, summary) -> None:
    if day in match_days:
        summary.planned += _match(summary.municipalities, match_days[day], day, simulation)
    if day < today:
        simulation.run_before(day + dt.timedelta(days=1))
        if _is_release_day(day) and day > released_until:
            summary.answers += _answer_heropaf_checks(day, simulation)
            _release(day)
            summary.releases += 1


def _is_release_day(day: dt.date) -> bool:
    """The week's Friday, or the working day after it when the Friday is a holiday (Goede
    Vrijdag, Tweede Kerstdag): the municipality releases feedback on a working day."""
    friday = day - dt.timedelta(days=(day.weekday() - RELEASE_WEEKDAY) % 7)
    return day == roll_forward(friday)


def _last_retention_night() -> dt.date:
    """The last night the retention job ran (a top-up load does not run a night twice)."""
    last = RetentionRun.objects.filter(dry_run=False).order_by("-started_at").first()
    return timezone.localdate(last.started_at) if last else dt.date.min


def _run_retention(day: dt.date) -> None:
    run = retention.run(today=day)
    history.backdate_retention_run(run, at(day, RETENTION_HOUR))


def _match(municipalities, first_day: dt.date, matched_on: dt.date, simulation) -> int:
    moment = at(matched_on, 6)
    for municipality in municipalities:
        if not _needs_matching(municipality, first_day):
            continue
        after_pk = history.latest_event_pk()
        run = match_period(municipality, f"{first_day:%Y-%m}", today=matched_on)
        history.backdate_matching_run(run, moment)
        history.backdate_matching_events(after_pk, moment)
    return simulation.plan(
        Melding.objects.filter(municipality__in=municipalities, period_start=first_day)
    )


def _needs_matching(municipality: Municipality, first_day: dt.date) -> bool:
    """A month is matched again only when it has signals without a melding (a top-up that
    brought new deliveries): another run would change nothing but add a line to the runs."""
    matched = MatchingRun.objects.filter(municipality=municipality, period_start=first_day)
    _, last_day = month_bounds(f"{first_day:%Y-%m}")
    unlinked = Signal.objects.filter(
        municipality=municipality,
        signal_date__range=(first_day, last_day),
        melding_link__isnull=True,
    )
    return not matched.exists() or unlinked.exists()


def _release(day: dt.date) -> None:
    release = release_due_feedback(settings.SITE_URL, today=day, mail_digests=False)
    history.backdate_release(release, at(day, 16))


def _answer_heropaf_checks(day: dt.date, simulation: CaseworkSimulation) -> int:
    """Creditors answer the open checks whose (simulated) answer day has come by `day`."""
    staff = {u.creditor_id: u for u in User.objects.filter(role=Role.CREDITOR_STAFF)}
    answered = 0
    checks = HeropafCheck.objects.filter(answer="", asked_on__lte=day).select_related(
        "melding", "creditor"
    )
    for check in checks.order_by("asked_on", "pk"):
        rng = random.Random(
            f"{simulation.seed}:{check.melding.key}:{check.creditor.code}:{check.contact_round}"
        )
        if rng.random() < UNANSWERED_SHARE:
            continue
        answer_on = add_working_days(check.asked_on, rng.randint(1, 12))
        if answer_on > day:
            continue
        regular = rng.random() < REGULAR_PAYMENTS_SHARE
        answer = HeropafAnswer.YES if regular else HeropafAnswer.NO
        open_cents = None if regular else rng.randint(50, 900) * 100
        moment = at(answer_on, 10)
        before = Melding.objects.values_list("state", "heropaf_due_on").get(pk=check.melding_id)
        answer_check(check, answer, open_cents, user=staff.get(check.creditor_id), today=answer_on)
        history.backdate_answer(check.pk, moment)
        after = Melding.objects.values_list("state", "heropaf_due_on").get(pk=check.melding_id)
        if after[0] == State.REOPENED and before[0] != State.REOPENED:
            simulation.clock.note(check.melding_id, EventKind.REOPENED, moment)
            simulation.plan_new_round(check.melding_id, answer_on)
        elif before[1] is not None and after[1] is None:
            simulation.clock.note(check.melding_id, EventKind.HEROPAF_DONE, moment)
        answered += 1
    return answered
