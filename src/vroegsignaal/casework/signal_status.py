"""How the statuses of a melding's signals follow the casework (DDAS EnumSignaalstatus).

Only statuses casework decides are changed: a signal that matching already marked (for example
as herhaalde melding) keeps that status.
"""

from __future__ import annotations

from vroegsignaal.casework.models import Melding
from vroegsignaal.ddas import Eindresultaat, Signaalstatus
from vroegsignaal.intake.models import Signal

_CASEWORK_STATUSES = (Signaalstatus.NOG_NIET_OPGEPAKT, Signaalstatus.OPGEPAKT)


def status_for_result(result: Eindresultaat) -> Signaalstatus:
    """The signal status a result implies: the same-named status ('Niet opgepakt: ...',
    overleden, geen inwoner, al bekend), otherwise 'Opgepakt'."""
    try:
        return Signaalstatus(str(result))
    except ValueError:
        return Signaalstatus.OPGEPAKT


def set_signal_statuses(melding: Melding, status: Signaalstatus) -> int:
    """Give the melding's signals whose status casework decides ``status``; returns how many."""
    return Signal.objects.filter(
        melding_link__melding=melding, status__in=_CASEWORK_STATUSES
    ).update(status=status)
