"""Assigning meldingen to oneself or a colleague of the same municipality, one or many at once."""

from __future__ import annotations

from django.db import transaction

from vroegsignaal.casework import events
from vroegsignaal.casework.access import CASEWORK_ROLES
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.lifecycle import State, is_open
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.transitions import update_melding
from vroegsignaal.organisations.models import User
from vroegsignaal.privacy import policy

# Only these states move on an assignment; later on, assigning hands the work over to a colleague.
_UNASSIGNED_STATES = (State.NEW, State.REOPENED)


def _check_assignee(melding: Melding, to_user: User) -> None:
    if to_user.municipality_id != melding.municipality_id or to_user.role not in CASEWORK_ROLES:
        name = to_user.display_name
        raise CaseworkError(
            f"{name} werkt niet als meldpunt of uitvoerder voor deze gemeente; "
            "kies een collega van dezelfde gemeente."
        )
    if not to_user.is_active:
        raise CaseworkError("Deze collega heeft geen actief account meer; kies een ander.")
    # An assignment does not widen what a caseworker sees (privacy.policy.meldingen_for), so a
    # melding of another team's werkbakje would be out of the assignee's sight.
    if not policy.can(to_user, policy.Action.WORK_MELDINGEN, melding):
        team = melding.queue.team.name
        raise CaseworkError(
            f"{to_user.display_name} werkt in {to_user.team.name} en kan deze melding in het "
            f"werkbakje van {team} niet zien; kies iemand van {team} of van het meldpunt."
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
    with transaction.atomic():
        for melding, version in items:
            try:
                assign(melding, to_user, by, version)
            except CaseworkError as error:
                raise CaseworkError(f"{melding}: {error}") from error
    return len(items)
