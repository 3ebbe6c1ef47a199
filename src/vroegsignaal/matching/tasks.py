"""Background tasks of matching. They take ids (not objects) and are safe to run again."""

from django_tasks import task

from vroegsignaal.matching.services import match_period
from vroegsignaal.organisations.models import Municipality, User


@task()
def match_period_task(municipality_id: int, period: str, user_id: int | None = None) -> int:
    """Run `match_period` for one municipality and month; returns the MatchingRun id."""
    municipality = Municipality.objects.get(pk=municipality_id)
    by = User.objects.filter(pk=user_id).first() if user_id else None
    return match_period(municipality, period, by=by).id
