"""The one access check for monitoring: who may see the figures of which municipalities.

Project leaders see their region (all its municipalities, or one of them); intake (meldpunt)
staff see their own municipality only. Everyone else gets 403. Only intake staff may download
the DDAS export, because it holds BSNs and addresses; the figures pages are aggregates only.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied

from vroegsignaal.monitoring.scope import Scope, municipality_scope, region_scope
from vroegsignaal.organisations.models import Role, User


def scope_for(user: User, code: str, start: dt.date, end: dt.date) -> Scope:
    """The scope ``user`` asked for (``code`` = one municipality, '' = everything allowed).

    Raises PermissionDenied (403) for other roles or a municipality outside the user's reach.
    """
    if user.role == Role.PROJECT_LEADER and user.region_id is not None:
        region = region_scope(user.region, start, end)
        if not code:
            return region
        if code not in {m.code for m in region.municipalities}:
            raise PermissionDenied("Deze gemeente hoort niet bij uw regio.")
        return municipality_scope(code, start, end)
    if user.role == Role.INTAKE and user.municipality_id is not None:
        if code and code != user.municipality.code:
            raise PermissionDenied("U ziet alleen de cijfers van uw eigen gemeente.")
        return municipality_scope(user.municipality.code, start, end)
    raise PermissionDenied("Monitoring is er voor projectleiders en het meldpunt.")


def check_ddas_export(user: User) -> None:
    """Only intake staff of a municipality may download its DDAS export (it holds BSNs)."""
    if user.role != Role.INTAKE or user.municipality_id is None:
        raise PermissionDenied(
            "De DDAS-levering kan alleen het meldpunt van de gemeente downloaden."
        )
