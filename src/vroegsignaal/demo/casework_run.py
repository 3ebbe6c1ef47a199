"""Carrying out the planned casework through the real casework services, in date order.

`CaseworkSimulation` holds the steps of every planned melding in one queue ordered by moment,
so the work of all municipalities unfolds day by day between the monthly matching runs (which
see, as in real use, which earlier meldingen are still open). Each step calls one public
casework service with the simulated date; the moments of the timeline events are noted on an
`EventClock` and stamped afterwards (see `demo.history`).
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import random
import zlib
from collections import defaultdict

from django.utils import timezone

from vroegsignaal.casework import assignment, contact, conversation, payments, results
from vroegsignaal.casework.models import (
    BudgetLineKind,
    Cause,
    ContactAttempt,
    EventKind,
    HelpAnswer,
    LifeDomain,
    Melding,
    ReferralKind,
    YesNoUnknown,
)
from vroegsignaal.ddas import Contactsoort
from vroegsignaal.demo.casework_plan import MeldingFacts, Step, plan_casework
from vroegsignaal.demo.history import EventClock
from vroegsignaal.organisations.models import Role, User

# Half of the residents who were reached are asked for a cijfer at the close; their cijfers
# spread around a 7, as satisfaction surveys of municipal help usually do.
_ASKED_IF_REACHED = 0.5
_CIJFERS = (3, 4, 5, 6, 7, 8, 9, 10)
_CIJFER_WEIGHTS = (1, 2, 5, 12, 30, 30, 14, 6)

_EVENT_OF = {
    "assign": EventKind.ASSIGNED,
    "attempt": EventKind.CONTACT_ATTEMPT,
    "card": EventKind.CONTACT_ATTEMPT,
    "conversation": EventKind.CONVERSATION,
    "plan": EventKind.PLAN,
    "refer": EventKind.REFERRAL,
    "close": EventKind.CLOSED,
}


class Staff:
    """Who does the work in each municipality: its meldpunt (if any) and its caseworkers."""

    def __init__(self) -> None:
        self.intake: dict[int, User] = {}
        self.caseworkers: dict[int, list[User]] = defaultdict(list)
        for user in User.objects.filter(
            role__in=(Role.INTAKE, Role.CASEWORKER), municipality__isnull=False, is_active=True
        ).order_by("username"):
            if user.role == Role.INTAKE:
                self.intake.setdefault(user.municipality_id, user)
            else:
                self.caseworkers[user.municipality_id].append(user)

    def caseworker(self, melding: Melding) -> User:
        """The caseworker for `melding`: spread evenly, the same one every run; a wijkteam's
        werkbakje goes to that team's caseworkers."""
        everyone = self.caseworkers[melding.municipality_id]
        team_id = melding.queue.team_id if melding.queue else None
        members = [user for user in everyone if team_id and user.team_id == team_id] or everyone
        return members[zlib.crc32(melding.key.encode()) % len(members)]

    def intake_or(self, melding: Melding) -> User:
        """The meldpunt hands out the meldingen; without one the caseworker takes them."""
        return self.intake.get(melding.municipality_id) or self.caseworker(melding)

    def covers(self, melding: Melding) -> bool:
        """Whether anyone works for the melding's municipality."""
        return bool(self.caseworkers.get(melding.municipality_id))


class CaseworkSimulation:
    """The planned steps of all meldingen, carried out in the order of their moments."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.staff = Staff()
        self.clock = EventClock()
        self._queue: list[tuple[dt.datetime, int, int, Step]] = []
        self._order = itertools.count()
        self._meldingen: dict[int, Melding] = {}
        self._visits: dict[int, ContactAttempt] = {}
        self.steps_done = 0

    def plan(self, meldingen) -> int:
        """Plan the casework of the untouched go meldingen in `meldingen`; returns how many."""
        fresh = meldingen.filter(go=True, state="new", assigned_to__isnull=True)
        planned = 0
        for melding in fresh.select_related("queue").order_by("pk"):
            if self.staff.covers(melding):
                self._plan_round(melding, melding.key, melding.matched_on)
                planned += 1
        return planned

    def plan_new_round(self, melding_id: int, reopened_on: dt.date) -> None:
        """After a heropaf reopened a melding, its caseworker starts a new contact round."""
        melding = Melding.objects.select_related("queue").get(pk=melding_id)
        self._plan_round(melding, f"{melding.key}:{melding.contact_round}", reopened_on)

    def _plan_round(self, melding: Melding, key: str, start: dt.date) -> None:
        facts = MeldingFacts(
            key=key,
            matched_on=start,
            channel=melding.queue.first_contact_channel if melding.queue else "",
            partner_types=tuple(melding.partner_types),
            crisis=melding.is_crisis,
        )
        self._meldingen[melding.pk] = melding
        for step in plan_casework(facts, self.seed):
            heapq.heappush(self._queue, (step.moment, next(self._order), melding.pk, step))

    def run_before(self, day: dt.date) -> None:
        """Carry out every step planned before `day`."""
        while self._queue and self._queue[0][0].date() < day:
            _, _, melding_id, step = heapq.heappop(self._queue)
            self._do(self._meldingen[melding_id], step)
            self.steps_done += 1

    def _do(self, melding: Melding, step: Step) -> None:
        getattr(self, f"_{step.action}")(melding, step)
        if step.action in _EVENT_OF:
            self.clock.note(melding.pk, _EVENT_OF[step.action], step.moment)
        if step.action == "close":
            del self._meldingen[melding.pk]
            self._visits.pop(melding.pk, None)

    def _assign(self, melding: Melding, step: Step) -> None:
        by = self.staff.intake_or(melding)
        assignment.assign(melding, self.staff.caseworker(melding), by, melding.version)

    def _attempt(self, melding: Melding, step: Step) -> None:
        # The time as a caseworker records it; a step later today than now (the year is
        # simulated up to the day of loading) happens now, as an attempt cannot lie ahead.
        moment = min(step.moment, timezone.localtime())
        attempt = contact.record_contact_attempt(
            melding,
            self.staff.caseworker(melding),
            melding.version,
            kind=Contactsoort(step.data["kind"]),
            attempted_on=moment.date(),
            part_of_day=contact.part_of_day(moment.time()),
            reached=step.data["reached"],
            moment=moment.time().replace(second=0, microsecond=0),
        )
        self._visits[melding.pk] = attempt

    def _card(self, melding: Melding, step: Step) -> None:
        visit = self._visits[melding.pk]
        contact.leave_card(melding, self.staff.caseworker(melding), melding.version, visit)

    def _conversation(self, melding: Melding, step: Step) -> None:
        data = step.data
        conversation.record_conversation(
            melding,
            self.staff.caseworker(melding),
            melding.version,
            held_on=step.moment.date(),
            help_offered=HelpAnswer.YES,
            help_accepted=HelpAnswer(data["help_accepted"]),
            cause=Cause(data["cause"]),
            other_domains=[LifeDomain(d) for d in data["domains"]],
            provisions=data["provisions"],
        )

    def _budget(self, melding: Melding, step: Step) -> None:
        by = self.staff.caseworker(melding)
        for kind, description, cents in step.data["lines"]:
            conversation.add_budget_line(
                melding,
                by,
                melding.version,
                kind=BudgetLineKind(kind),
                description=description,
                monthly_cents=cents,
            )
            self.clock.note(melding.pk, EventKind.BUDGET_LINE, step.moment)

    def _plan(self, melding: Melding, step: Step) -> None:
        data = step.data
        started_on = data.get("debt_help_on")
        # The plan names an agreement per partner type; each creditor of that type gets it.
        agreements = {
            payments.payment_key(creditor): data["payments"].get(creditor.partner_type, "")
            for creditor in payments.melding_creditors(melding)
        }
        conversation.record_plan(
            melding,
            self.staff.caseworker(melding),
            melding.version,
            ongoing_payments=agreements,
            room_to_pay_off=YesNoUnknown(data["room"]),
            problematic_debts=YesNoUnknown.YES if data["problematic"] else YesNoUnknown.NO,
            debt_help_started=started_on is not None,
            debt_help_started_on=started_on,
        )

    def _refer(self, melding: Melding, step: Step) -> None:
        conversation.refer(
            melding,
            self.staff.caseworker(melding),
            melding.version,
            kind=ReferralKind(step.data["kind"]),
            handover_on=step.data["handover_on"],
        )

    def _close(self, melding: Melding, step: Step) -> None:
        results.close_with_result(
            melding,
            self.staff.caseworker(melding),
            melding.version,
            step.data["result"],
            closed_on=step.moment.date(),
            satisfaction=self._satisfaction(melding),
        )

    def _satisfaction(self, melding: Melding) -> int | None:
        """The cijfer the resident gives at this close, or None if not asked (or not reached
        in this contact round: the closing rules take a cijfer only then); the same seed,
        melding and contact round always give the same answer."""
        if not contact.was_reached(melding):
            return None
        rng = random.Random(f"{self.seed}:{melding.key}:{melding.contact_round}:tevredenheid")
        if rng.random() >= _ASKED_IF_REACHED:
            return None
        return rng.choices(_CIJFERS, weights=_CIJFER_WEIGHTS)[0]
