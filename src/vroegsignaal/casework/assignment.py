"""Assigning meldingen to oneself or a colleague of the same municipality, one or many at once."""

from __future__ import annotations

from django.db import transaction

from vroegsignaal.casework import events
from vroegsignaal.casework.access import CASEWORK_ROLES
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.lifecycle import State, is_open
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.transitions import update_melding
from vroegsignaal.dutch_text import listed
from vroegsignaal.organisations.models import User

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


def assign(melding: Melding, to_user: User, by: User, expected_version: int) -> Melding:
    """Assign ``melding`` to ``to_user``: a new or reopened melding becomes 'Toegewezen'.

    Rule: only to intake staff or caseworkers of the melding's own municipality, and never a
    closed melding.
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


def other_team(meldingen: list[Melding], to_user: User) -> list[Melding]:
    """The meldingen whose werkbakje belongs to another team than ``to_user``'s. Assigning
    them is allowed (a colleague may help out), but whoever assigns should know: the melding
    then shows up in that colleague's lists, away from its own team."""
    return [
        melding
        for melding in meldingen
        if melding.queue is not None
        and melding.queue.team_id is not None
        and to_user.team_id is not None
        and melding.queue.team_id != to_user.team_id
    ]


def other_team_warning(meldingen: list[Melding], to_user: User) -> str:
    """The Dutch warning after assigning ``meldingen`` to ``to_user`` (``other_team``), or ''."""
    others = other_team(meldingen, to_user)
    if not others:
        return ""
    teams = sorted({melding.queue.team.name for melding in others})
    which = "1 melding hoort" if len(others) == 1 else f"{len(others)} meldingen horen"
    return (
        f"Let op: {to_user.display_name} werkt in {to_user.team.name}, maar {which} bij een "
        f"werkbakje van {listed(teams)}. Was dat niet de bedoeling, wijs dan opnieuw toe."
    )


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
