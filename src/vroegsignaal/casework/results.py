"""Closing a melding with one DDAS Eindresultaat; the statuses of its signals follow."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from vroegsignaal.casework import events
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.signal_status import set_signal_statuses, status_for_result
from vroegsignaal.casework.transitions import update_melding
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.organisations.models import User


def close_with_result(
    melding: Melding,
    by: User,
    expected_version: int,
    result: str,
    closed_on: date | None = None,
) -> Melding:
    """Close ``melding`` with ``result``.

    Rules: exactly one valid Eindresultaat is required; the signals then get the status the
    result implies ('Opgepakt', or the same-named 'Niet opgepakt: ...' status).
    """
    if result not in Eindresultaat.values:
        raise CaseworkError("Kies een eindresultaat uit de lijst om de melding af te sluiten.")
    changes = {"result": result, "closed_on": closed_on or timezone.localdate()}
    with transaction.atomic():
        states = update_melding(melding, expected_version, State.CLOSED, **changes)
        set_signal_statuses(melding, status_for_result(Eindresultaat(result)))
        events.closed(melding, by, result, states)
    return melding
