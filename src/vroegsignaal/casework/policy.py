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
    days its uitvoeringsnormen set (with their descriptions). Every working-day term of its meldingen and signals is
    counted with it; ``deadlines.due_date`` keeps the statutory terms to the law's days."""
    municipality_id = getattr(municipality, "pk", municipality)
    days = ClosedDay.objects.filter(policy__municipality_id=municipality_id)
    # Their descriptions too, for the note beside a due date on one ('gemeente gesloten
    # (Carnaval)'; deadlines.closed_day_note).
    named = tuple(days.order_by("day").values_list("day", "description"))
    if not named:
        return DEFAULT_CALENDAR
    closed = frozenset(day for day, _ in named)
    return WorkingCalendar(extra_closed_days=closed, closed_day_names=named)
