"""The one place a melding changes: lifecycle check plus optimistic version check.

Every casework service writes a melding through ``update_melding``. The UPDATE only succeeds
while the melding still has the version the user saw (``UPDATE ... WHERE version = expected``),
so two caseworkers never silently overwrite each other: the second gets ``StaleMelding``.
"""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from vroegsignaal.casework.errors import StaleMelding
from vroegsignaal.casework.lifecycle import State, check_transition
from vroegsignaal.casework.models import Melding


def update_melding(
    melding: Melding, expected_version: int, to_state: State | None = None, **changes
) -> tuple[State, State]:
    """Store ``changes`` (and the move to ``to_state``) if the melding is still at ``expected_version``.

    Raises ``TransitionNotAllowed`` for a move the lifecycle forbids and ``StaleMelding`` when
    someone else changed the melding first. Returns (state before, state after) for the event.
    The in-memory ``melding`` is updated to match the database.
    """
    before = State(melding.state)
    if to_state is not None:
        check_transition(before, to_state)
        changes["state"] = str(to_state)
    updated = Melding.objects.filter(pk=melding.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        raise StaleMelding()
    for field, value in changes.items():
        setattr(melding, field, value)
    melding.version = expected_version + 1
    return before, State(melding.state)
