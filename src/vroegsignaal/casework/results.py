"""Closing a melding with one DDAS Eindresultaat; the statuses of its signals follow.

The resident's satisfaction (a rapportcijfer, or None when not asked) is recorded at the same
moment, so every cijfer belongs to the close it was given at.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from vroegsignaal.casework import events
from vroegsignaal.casework.dates import check_recorded_date
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import SATISFACTION_MAX, SATISFACTION_MIN, Melding
from vroegsignaal.casework.signal_status import set_signal_statuses, status_for_result
from vroegsignaal.casework.transitions import update_melding
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.organisations.models import User

SATISFACTION_MESSAGE = "Tevredenheid: geef een cijfer van 1 tot en met 10."


def close_with_result(
    melding: Melding,
    by: User,
    expected_version: int,
    result: str,
    closed_on: date | None = None,
    satisfaction: int | None = None,
) -> Melding:
    """Close ``melding`` with ``result``.

    Rules: exactly one valid Eindresultaat is required; the signals then get the status the
    result implies ('Opgepakt', or the same-named 'Niet opgepakt: ...' status). ``closed_on``
    (default today) lies between the matching date and today. The
    ``satisfaction`` is a rapportcijfer from 1 to 10, or None when the resident was not asked;
    closing again after a heropaf replaces it.
    """
    if result not in Eindresultaat.values:
        raise CaseworkError("Kies een eindresultaat uit de lijst om de melding af te sluiten.")
    check_satisfaction(satisfaction)
    closed_on = closed_on or timezone.localdate()
    check_recorded_date(melding, closed_on, label="Afgesloten op", field="closed_on")
    changes = {
        "result": result,
        "closed_on": closed_on,
        "satisfaction": satisfaction,
    }
    with transaction.atomic():
        states = update_melding(melding, expected_version, State.CLOSED, **changes)
        set_signal_statuses(melding, status_for_result(Eindresultaat(result)))
        events.closed(melding, by, result, states, satisfaction)
    return melding


def check_satisfaction(satisfaction: int | None) -> None:
    """Refuse anything but a whole rapportcijfer from 1 to 10 (None: not asked)."""
    if satisfaction is None:
        return
    # type() rather than isinstance(): True is an int too, but not a cijfer.
    if type(satisfaction) is not int or not SATISFACTION_MIN <= satisfaction <= SATISFACTION_MAX:
        raise CaseworkError(SATISFACTION_MESSAGE)
