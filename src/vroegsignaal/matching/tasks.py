"""Background tasks of matching. They take ids (not objects) and are safe to run again."""

from django_tasks import task

from vroegsignaal.matching.services import match_period, record_failed_run
from vroegsignaal.organisations.models import Municipality, User


@task()
def match_period_task(municipality_id: int, period: str, user_id: int | None = None) -> int:
    """Run `match_period` for one municipality and month; returns the MatchingRun id.

    A failure is recorded as a failed run (the matching page shows it) and raised again, so the
    task backend keeps the traceback for the operator."""
    municipality = Municipality.objects.get(pk=municipality_id)
    by = User.objects.filter(pk=user_id).first() if user_id else None
    try:
        return match_period(municipality, period, by=by).id
    except Exception as error:
        record_failed_run(municipality, period, by, error)
        raise
