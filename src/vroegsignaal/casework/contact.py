"""Contact attempts (DDAS contactpogingen): recording them, the card after a missed visit, and
when to propose 'Definitief geen contact kunnen krijgen'."""

from __future__ import annotations

from collections import Counter
from datetime import date, time

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from vroegsignaal.casework import events
from vroegsignaal.casework.dates import check_recorded_date
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.lifecycle import State, is_open
from vroegsignaal.casework.models import CaseworkPolicy, ContactAttempt, Conversation, Melding
from vroegsignaal.casework.signal_status import (
    chain_fact_changes,
    follow_pick_up,
    pick_up_changes,
)
from vroegsignaal.casework.transitions import update_melding
from vroegsignaal.ddas import Contactsoort, Dagdeel
from vroegsignaal.organisations.models import User

# The DDAS dagdelen (domain step 5) by their first minute: the one place they are defined.
NOON = time(12)
EVENING = time(18)
DAGDEEL_STARTS = {Dagdeel.OCHTEND: time(0), Dagdeel.MIDDAG: NOON, Dagdeel.AVOND: EVENING}
DAGDEEL_HOURS = "ochtend tot 12:00, middag van 12:00 tot 18:00, avond vanaf 18:00"
CARD_NOTE = "Kaartje achtergelaten na gemist huisbezoek."
# What the user is told after leaving a card. A card is a contactpoging of its own kind (DDAS
# contactsoort Kaartje): the melding page, the monitoring and the national delivery list it. Only
# towards 'Definitief geen contact kunnen krijgen' it is one with its missed visit
# (``unsuccessful_attempts``): one ring at the door is one try, whatever was left behind.
CARD_RECORDED = (
    "vastgelegd als contactpoging bij het gemiste huisbezoek; voor het voorstel 'Definitief geen "
    "contact kunnen krijgen' telt het niet als aparte mislukte poging"
)

# Recording the first attempt in these states starts the contact phase.
_STARTS_CONTACT = (State.ASSIGNED, State.REOPENED)


def part_of_day(moment: time) -> Dagdeel:
    """DDAS dagdeel of a time: Ochtend before 12:00, Middag 12:00-18:00, Avond from 18:00."""
    if moment < NOON:
        return Dagdeel.OCHTEND
    if moment < EVENING:
        return Dagdeel.MIDDAG
    return Dagdeel.AVOND


def _check_can_contact(melding: Melding) -> None:
    if not is_open(melding.state):
        raise CaseworkError("De melding is afgesloten; er kan geen contactpoging meer bij.")
    if melding.state == State.NEW:
        raise CaseworkError("Wijs de melding eerst toe voordat u een contactpoging vastlegt.")


def _check_moment_passed(on: date, moment: time) -> None:
    now = timezone.localtime()
    if on == now.date() and moment.replace(second=0, microsecond=0) > now.time():
        raise CaseworkError(
            f"Tijd: het moment ligt in de toekomst ({on:%d-%m-%Y} {moment:%H:%M}). "
            f"Vul een tijd in tot en met nu ({now:%H:%M}).",
            field="moment",
        )


def _check_dagdeel(on: date, chosen: Dagdeel, moment: time | None) -> None:
    """A known time lies in the chosen dagdeel; without one, a dagdeel of today has begun."""
    if moment is not None:
        actual = part_of_day(moment)
        if actual != chosen:
            raise CaseworkError(
                f"Dagdeel: de tijd {moment:%H:%M} valt in de {actual.lower()}, niet in de "
                f"{chosen.lower()} ({DAGDEEL_HOURS}). Kies {actual} of laat het dagdeel leeg, "
                "of pas de tijd aan.",
                field="part_of_day",
            )
        return
    now = timezone.localtime()
    starts = DAGDEEL_STARTS[chosen]
    if on == now.date() and starts > now.time():
        raise CaseworkError(
            f"Dagdeel: de {chosen.lower()} begint vandaag pas om {starts:%H:%M} (nu is het "
            f"{now:%H:%M}). Kies een dagdeel dat al begonnen is, of de datum waarop de poging "
            "was.",
            field="part_of_day",
        )


def check_attempt_time(
    melding: Melding,
    attempted_on: date,
    *,
    part_of_day: Dagdeel | None = None,
    moment: time | None = None,
) -> None:
    """The date and time rules of ``record_contact_attempt`` on their own: the date lies between
    the matching date and today, a moment today is not later than now, a moment lies in the
    chosen dagdeel and without one a dagdeel of today has begun. ``part_of_day`` None: not
    chosen yet, so only the date and the moment are checked. A page runs this also while
    another field is still empty, so the user hears about every field at once."""
    check_recorded_date(melding, attempted_on, label="Datum", field="attempted_on")
    if moment is not None:
        _check_moment_passed(attempted_on, moment)
    if part_of_day:
        _check_dagdeel(attempted_on, part_of_day, moment)


def record_contact_attempt(
    melding: Melding,
    by: User,
    expected_version: int,
    *,
    kind: Contactsoort,
    attempted_on: date,
    part_of_day: Dagdeel,
    reached: bool,
    moment: time | None = None,
    note: str = "",
    accepted_help: bool = False,
) -> ContactAttempt:
    """Record a contact attempt in the current contact round, at ``moment`` if the time is known.

    Rules: the melding must be assigned and open; the date lies between the matching date and
    today, and a moment today is not later than now; a moment lies in the chosen dagdeel, and
    without one a dagdeel of today has begun; the first attempt of a round moves it to
    'Contact loopt'; the very first attempt is the moment the melding is picked up (picked_up_on,
    signals 'Opgepakt'); help accepted at the door starts the term for the first conversation.
    """
    _check_can_contact(melding)
    check_attempt_time(melding, attempted_on, part_of_day=part_of_day, moment=moment)
    if accepted_help and not reached:
        raise CaseworkError("Hulp accepteren kan alleen als de inwoner is bereikt.")
    attempt = ContactAttempt(
        kind=kind, attempted_on=attempted_on, part_of_day=part_of_day, moment=moment,
        reached=reached, note=note,
    )  # fmt: skip
    return _store(melding, by, expected_version, attempt, accepted_help=accepted_help)


def _store(
    melding: Melding,
    by: User,
    expected_version: int,
    attempt: ContactAttempt,
    *,
    accepted_help: bool = False,
) -> ContactAttempt:
    """Store ``attempt`` (unsaved, its date and time checked or taken from a visit that was) in
    the melding's current contact round, with what it changes on the melding."""
    to_state = State.CONTACT_IN_PROGRESS if melding.state in _STARTS_CONTACT else None
    on = attempt.attempted_on
    changes = pick_up_changes(melding, on, help_accepted=accepted_help)
    facts = chain_fact_changes(melding, on, attempted=True, reached=attempt.reached)
    with transaction.atomic():
        states = update_melding(melding, expected_version, to_state, **changes, **facts)
        attempt.melding, attempt.contact_round = melding, melding.contact_round
        attempt.recorded_by = by
        attempt.save()
        follow_pick_up(melding, changes)
        events.contact_attempt(melding, by, attempt, states)
        if accepted_help:
            events.help_accepted(melding, by, attempt)
    return attempt


def _reaching(melding, contact_round) -> tuple[QuerySet, QuerySet]:
    """What reaches the resident in a contact round: an attempt that reached them, or any
    conversation. ``melding`` and ``contact_round`` are values or ``OuterRef``s."""
    this_round = {"melding": melding, "contact_round": contact_round}
    return (
        ContactAttempt.objects.filter(**this_round, reached=True),
        Conversation.objects.filter(**this_round),
    )


def reached_in_current_round():
    """A condition on meldingen: the resident was reached in the melding's current contact
    round (``_reaching``). The one meaning of 'reached' for the closing rules (results), for
    who still gets a first letter (letters) and for what the creditor hears (feedback)."""
    attempt, conversation = _reaching(OuterRef("pk"), OuterRef("contact_round"))
    return Exists(attempt) | Exists(conversation)


def was_reached(melding: Melding) -> bool:
    """Whether ``melding``'s resident was reached in its current contact round, for one
    melding: two plain queries, half the time of filtering on ``reached_in_current_round``
    (a close asks it twice, and the demo closes thousands)."""
    return any(query.exists() for query in _reaching(melding, melding.contact_round))


def record_letter_to_reached_resident(
    melding: Melding, by: User, expected_version: int, *, title: str, about: str = ""
) -> None:
    """A letter to a resident already reached (the confirmation of an appointment): on the
    timeline, not as a contact attempt, which would count as one that did not reach anyone
    (the reach figures, DDAS contactpogingen). ``about``: what it confirms ('donderdag 3
    december 2026 om 10.30 uur, Gemeentehuis'). The melding must be open and assigned, as for
    an attempt."""
    _check_can_contact(melding)
    with transaction.atomic():
        states = update_melding(melding, expected_version)
        events.letter(melding, by, title, states, about)


def leave_card(
    melding: Melding, by: User, expected_version: int, visit: ContactAttempt
) -> ContactAttempt:
    """One click after a missed home visit: record the card left, same day and part of the day.

    The card takes the visit's date, dagdeel and time as they were accepted for the visit (a
    visit kept before the dagdeel rules may have a time outside its dagdeel)."""
    _check_can_contact(melding)
    if visit.melding_id != melding.pk or visit.kind != Contactsoort.HUISBEZOEK or visit.reached:
        raise CaseworkError("Een kaartje achterlaten kan alleen na een gemist huisbezoek.")
    card = ContactAttempt(
        kind=Contactsoort.KAARTJE, attempted_on=visit.attempted_on,
        part_of_day=visit.part_of_day, moment=visit.moment, reached=False, note=CARD_NOTE,
    )  # fmt: skip
    return _store(melding, by, expected_version, card)


_DAY_ORDER = {Dagdeel.OCHTEND: 0, Dagdeel.MIDDAG: 1, Dagdeel.AVOND: 2}


def in_time_order(attempts: list[ContactAttempt]) -> list[ContactAttempt]:
    """``attempts`` as they happened: by date, dagdeel and time; an attempt without a time
    first in its dagdeel, and attempts at the same time in the order they were recorded."""
    return sorted(
        attempts,
        key=lambda a: (
            a.attempted_on,
            _DAY_ORDER.get(a.part_of_day, 3),
            a.moment or time.min,
            a.pk,
        ),
    )


def unsuccessful_attempts(attempts: list[ContactAttempt], contact_round: int) -> int:
    """Attempts in ``contact_round`` that did not reach the resident.

    A card left after a missed visit belongs to that visit, so it does not count on its own.
    """
    return sum(
        1
        for attempt in attempts
        if attempt.contact_round == contact_round
        and not attempt.reached
        and attempt.kind != Contactsoort.KAARTJE
    )


def proposes_no_contact(
    melding: Melding, attempts: list[ContactAttempt], policy: CaseworkPolicy
) -> bool:
    """Whether to propose 'Definitief geen contact kunnen krijgen': the policy's number of
    unsuccessful attempts reached in this round and the resident never reached in it."""
    this_round = [a for a in attempts if a.contact_round == melding.contact_round]
    return (
        melding.state == State.CONTACT_IN_PROGRESS
        and not any(a.reached for a in this_round)
        and unsuccessful_attempts(this_round, melding.contact_round)
        >= policy.no_contact_after_attempts
    )


def missed_visits_without_card(attempts: list[ContactAttempt]) -> list[ContactAttempt]:
    """Missed home visits after which no card was recorded yet (offered as one-click action)."""
    card_days = {
        (a.attempted_on, a.part_of_day) for a in attempts if a.kind == Contactsoort.KAARTJE
    }
    return [
        a
        for a in attempts
        if a.kind == Contactsoort.HUISBEZOEK
        and not a.reached
        and (a.attempted_on, a.part_of_day) not in card_days
    ]


def visit_distinctions(visits: list[ContactAttempt]) -> dict[int, str]:
    """Per missed visit (by pk) what tells it apart from the others of its day and dagdeel, for
    the card buttons and the letter page: '' when it is the only one; else its time ('om
    19:15') or, without one, the minute it was recorded ('vastgelegd om 10:26'); when that
    repeats too, its number in the order of the visits ('vastgelegd om 10:26, 2e van 2')."""
    ordered = in_time_order(visits)
    day = Counter((v.attempted_on, v.part_of_day) for v in ordered)
    words = {}
    for visit in ordered:
        if day[(visit.attempted_on, visit.part_of_day)] == 1:
            words[visit.pk] = ""
        elif visit.moment is not None:
            words[visit.pk] = f"om {visit.moment:%H:%M}"
        else:
            words[visit.pk] = f"vastgelegd om {timezone.localtime(visit.created_at):%H:%M}"
    same = Counter((v.attempted_on, v.part_of_day, words[v.pk]) for v in ordered)
    seen = Counter()
    for visit in ordered:
        key = (visit.attempted_on, visit.part_of_day, words[visit.pk])
        if words[visit.pk] and same[key] > 1:
            seen[key] += 1
            words[visit.pk] += f", {seen[key]}e van {same[key]}"
    return words
