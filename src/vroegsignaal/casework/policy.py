"""A municipality's casework policy: its saved ``CaseworkPolicy`` or the usual defaults."""

from __future__ import annotations

from vroegsignaal.casework.models import CaseworkPolicy
from vroegsignaal.organisations.models import Municipality


def policy_for(municipality: Municipality) -> CaseworkPolicy:
    """The saved policy of ``municipality``, else an unsaved one with the default terms."""
    try:
        return municipality.casework_policy
    except CaseworkPolicy.DoesNotExist:
        return CaseworkPolicy(municipality=municipality)
