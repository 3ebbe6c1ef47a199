"""A municipality's casework policy: its saved ``CaseworkPolicy`` or the usual defaults, and the
working-day calendar every term of its meldingen and signals is counted with."""

from __future__ import annotations

from vroegsignaal.casework.deadlines import DEFAULT_CALENDAR, WorkingCalendar
from vroegsignaal.casework.models import CaseworkPolicy, ClosedDay
from vroegsignaal.organisations.models import Municipality


def policy_for(municipality: Municipality) -> CaseworkPolicy:
    """The saved policy of ``municipality``, else an unsaved one with the default terms."""
    try:
        return municipality.casework_policy
    except CaseworkPolicy.DoesNotExist:
        return CaseworkPolicy(municipality=municipality)


def calendar_for(municipality: Municipality | int) -> WorkingCalendar:
    """The working days of ``municipality`` (or its id): the law's, minus the extra closed
    days its uitvoeringsnormen set. Every working-day term of its meldingen and signals is
    counted with it; ``deadlines.due_date`` keeps the statutory terms to the law's days."""
    municipality_id = getattr(municipality, "pk", municipality)
    days = ClosedDay.objects.filter(policy__municipality_id=municipality_id)
    closed = frozenset(days.values_list("day", flat=True))
    return WorkingCalendar(extra_closed_days=closed) if closed else DEFAULT_CALENDAR
