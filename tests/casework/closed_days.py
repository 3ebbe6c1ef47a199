"""A municipality's own extra closed days in tests, saved as the beheeromgeving saves them."""

from datetime import date

from vroegsignaal.casework.models import CaseworkPolicy, ClosedDay
from vroegsignaal.organisations.models import Municipality


def close(municipality: Municipality, day: date, description: str = "Carnaval") -> ClosedDay:
    """Add ``day`` to the municipality's closed days (making its uitvoeringsnormen if needed)."""
    policy, _ = CaseworkPolicy.objects.get_or_create(municipality=municipality)
    closed = ClosedDay(policy=policy, day=day, description=description)
    closed.full_clean()
    closed.save()
    return closed
