"""Assigning meldingen to oneself or a colleague of the same municipality, one or many at once."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import Q, QuerySet

from vroegsignaal.casework import events
from vroegsignaal.casework.access import CASEWORK_ROLES
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.lifecycle import State, is_open
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.transitions import update_melding
from vroegsignaal.dutch_numbers import counted
from vroegsignaal.dutch_text import listed
from vroegsignaal.organisations.models import Role, User
from vroegsignaal.privacy import policy

# Only these states move on an assignment; later on, assigning hands the work over to a colleague.
_UNASSIGNED_STATES = (State.NEW, State.REOPENED)


def who_can_see(colleagues: QuerySet[User], melding: Melding) -> QuerySet[User]:
    """The ``colleagues`` who can see ``melding``, so the assign choices offer no one who would
    be refused: the meldpunt, caseworkers without a team and those of its werkbakje's team
    (privacy.policy.meldingen_for read from the colleague's side)."""
    team_id = melding.queue.team_id if melding.queue_id else None
    if team_id is None:
        return colleagues
    return colleagues.filter(~Q(role=Role.CASEWORKER) | Q(team__isnull=True) | Q(team_id=team_id))


def _ways_out(team: str) -> str:
    return f"iemand van {team}, een uitvoerder zonder team of het meldpunt"


def _check_colleague(melding: Melding, to_user: User) -> None:
    if to_user.municipality_id != melding.municipality_id or to_user.role not in CASEWORK_ROLES:
        name = to_user.display_name
        raise CaseworkError(
            f"{name} werkt niet als meldpunt of uitvoerder voor deze gemeente; "
            "kies een collega van dezelfde gemeente."
        )
    if not to_user.is_active:
        raise CaseworkError("Deze collega heeft geen actief account meer; kies een ander.")


def _out_of_sight(melding: Melding, to_user: User) -> bool:
    # An assignment does not widen what a caseworker sees (privacy.policy.meldingen_for), so a
    # melding of another team's werkbakje would be out of the assignee's sight.
    return not policy.can(to_user, policy.Action.WORK_MELDINGEN, melding)


def _check_assignee(melding: Melding, to_user: User) -> None:
    _check_colleague(melding, to_user)
    if _out_of_sight(melding, to_user):
        team = melding.queue.team.name
        raise CaseworkError(
            f"{to_user.display_name} werkt in {to_user.team.name} en kan deze melding in het "
            f"werkbakje van {team} niet zien; kies {_ways_out(team)}."
        )


def _check_sight_of_all(meldingen: list[Melding], to_user: User) -> None:
    """Refuse a bulk assignment naming every chosen melding ``to_user`` cannot see, by the
    team of its werkbakje, not only the first."""
    # In kenmerk order: the chosen meldingen come from the database in no fixed order.
    unseen = sorted((m for m in meldingen if _out_of_sight(m, to_user)), key=lambda m: m.pk)
    if not unseen:
        return
    by_team = defaultdict(list)
    for melding in unseen:
        by_team[melding.queue.team.name].append(melding.reference)
    if len(by_team) == 1:
        ((team, references),) = by_team.items()
        where = f"{team}: {listed(references)}"
    else:
        team = "dat team"
        where = "een ander team: " + listed(f"{listed(refs)} ({t})" for t, refs in by_team.items())
    chosen = counted(len(meldingen), "gekozen melding", "gekozen meldingen")
    those, stand = ("die melding", "staat") if len(unseen) == 1 else ("die meldingen", "staan")
    raise CaseworkError(
        f"{to_user.display_name} werkt in {to_user.team.name} en kan {len(unseen)} van de "
        f"{chosen} niet zien, want die {stand} in het werkbakje van {where}. Kies voor "
        f"{those} {_ways_out(team)}."
    )


def assign(melding: Melding, to_user: User, by: User, expected_version: int) -> Melding:
    """Assign ``melding`` to ``to_user``: a new or reopened melding becomes 'Toegewezen'.

    Rule: only to intake staff or caseworkers of the melding's own municipality who can see it
    (a caseworker of another team cannot), and never a closed melding.
    """
    if not is_open(melding.state):
        raise CaseworkError("Een afgesloten melding kan niet worden toegewezen.")
    _check_assignee(melding, to_user)
    to_state = State.ASSIGNED if melding.state in _UNASSIGNED_STATES else None
    with transaction.atomic():
        states = update_melding(melding, expected_version, to_state, assigned_to=to_user)
        events.assigned(melding, by, to_user, states)
    return melding


def unassign(melding: Melding, by: User, expected_version: int) -> Melding:
    """Send a melding assigned by mistake back to the unassigned queue (only before contact)."""
    if melding.state != State.ASSIGNED:
        raise CaseworkError(
            "Alleen een toegewezen melding zonder contact kan terug naar niet-toegewezen; "
            "draag de melding anders over aan een collega."
        )
    with transaction.atomic():
        states = update_melding(melding, expected_version, State.NEW, assigned_to=None)
        events.unassigned(melding, by, states)
    return melding


def bulk_assign(items: list[tuple[Melding, int]], to_user: User, by: User) -> int:
    """Assign every (melding, version the user saw) to ``to_user``: all of them or none.

    One melding that someone else changed meanwhile stops the whole assignment, with its
    address in the message, so nobody's work is overwritten.
    """
    if len(items) > 1:
        _check_colleague(items[0][0], to_user)
        _check_sight_of_all([melding for melding, _ in items], to_user)
    with transaction.atomic():
        for melding, version in items:
            try:
                assign(melding, to_user, by, version)
            except CaseworkError as error:
                raise CaseworkError(f"{melding}: {error}") from error
    return len(items)
