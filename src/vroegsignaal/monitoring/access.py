"""The one access check for monitoring: who may see the figures of which municipalities.

Project leaders see their region (all its municipalities, or one of them) and enter its year
figures; intake (meldpunt) staff see their own municipality only. Everyone else gets 403. Only intake staff may download
the DDAS export, because it holds BSNs and addresses; the figures pages are aggregates only.
Small numbers about residents are hidden, except for a reader who may open every melding
counted (the meldpunt of its own municipality): the scope is then ``exact``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied

from vroegsignaal.monitoring.scope import Scope, municipality_scope, region_scope
from vroegsignaal.organisations.models import Role, User
from vroegsignaal.privacy import policy
from vroegsignaal.privacy.policy import Action


def scope_for(user: User, code: str, start: dt.date, end: dt.date) -> Scope:
    """The scope ``user`` asked for (``code`` = one municipality, '' = everything allowed).

    Raises PermissionDenied (403) for other roles or a municipality outside the user's reach;
    what is in reach is decided by the access policy (``privacy.policy.municipalities_for``).
    The scope is exact (small numbers shown) when the user may see every melding in it.
    """
    policy.check(user, Action.VIEW_AGGREGATES)
    allowed = policy.municipalities_for(user)
    if code and not allowed.filter(code=code).exists():
        raise PermissionDenied(
            "Deze gemeente hoort niet bij uw regio."
            if user.role == Role.PROJECT_LEADER
            else "U ziet alleen de cijfers van uw eigen gemeente."
        )
    if user.role == Role.PROJECT_LEADER and not code:
        return region_scope(user.region, start, end)
    municipality = allowed.get(code=code) if code else allowed.get()
    exact = _sees_every_melding(user, municipality.pk)
    return municipality_scope(municipality, start, end, exact=exact)


def _sees_every_melding(user: User, municipality_id: int) -> bool:
    """Whether ``user`` may open every melding of the municipality: its meldpunt
    (``policy.meldingen_for``: all of them, in every werkbakje), from whom a small number
    hides nothing."""
    return (
        user.role == Role.INTAKE
        and policy.can(user, Action.VIEW_PERSONAL_DATA)
        and municipality_id == user.municipality_id
    )


def may_download_ddas(user: User) -> bool:
    """Only intake staff of a municipality may download its DDAS export (it holds BSNs)."""
    return user.role == Role.INTAKE and user.municipality_id is not None


def check_ddas_export(user: User) -> None:
    """``may_download_ddas``, refused in Dutch: a project leader sees aggregates only
    (domain.md, Privacy), so the refusal says who can."""
    if not may_download_ddas(user):
        raise PermissionDenied(
            "De DDAS-levering aan CBS bevat BSN's en adressen; die kan alleen het meldpunt van "
            "de gemeente downloaden. Vraag het meldpunt van de gemeente om de levering; de "
            "aantallen staan op het dashboard."
        )


def year_figure_municipalities(user: User):
    """The municipalities whose year figures ``user`` may enter: a project leader's region.

    Raises PermissionDenied (403) for everyone else, saying who enters them.
    """
    if user.role != Role.PROJECT_LEADER:
        raise PermissionDenied(
            "Jaarcijfers voert de projectleider van de regio in, of de functioneel beheerder "
            "in Beheer."
        )
    return policy.municipalities_for(user).order_by("name")
