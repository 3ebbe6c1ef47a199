"""The one access check for casework: who may see which meldingen.

Only intake (meldpunt) staff and caseworkers see meldingen, and only those of their own
municipality; a caseworker in a team sees the queues of that team and the queues without a team.
Other roles get 403; a melding outside the user's reach answers 404, so its existence is not
revealed. Every casework view goes through ``meldingen_visible_to`` or ``get_melding_for``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from vroegsignaal.casework.models import Melding
from vroegsignaal.organisations.models import Role, User

CASEWORK_ROLES = (Role.INTAKE, Role.CASEWORKER)


def check_casework_user(user: User) -> None:
    """Raise ``PermissionDenied`` (403) unless ``user`` does casework for a municipality."""
    if user.role not in CASEWORK_ROLES:
        raise PermissionDenied("Meldingen zijn alleen te zien voor het meldpunt en uitvoerders.")
    if user.municipality_id is None:
        raise PermissionDenied("Uw account is niet aan een gemeente gekoppeld.")


def meldingen_visible_to(user: User) -> QuerySet[Melding]:
    """The meldingen ``user`` may see: none for other roles, else their municipality (and team)."""
    if user.role not in CASEWORK_ROLES or user.municipality_id is None:
        return Melding.objects.none()
    meldingen = Melding.objects.filter(municipality_id=user.municipality_id)
    if user.role == Role.CASEWORKER and user.team_id is not None:
        meldingen = meldingen.filter(
            Q(queue__team__isnull=True) | Q(queue__team_id=user.team_id) | Q(assigned_to=user)
        )
    return meldingen


def get_melding_for(user: User, pk: int) -> Melding:
    """The melding ``pk`` if ``user`` may see it; 403 for another role, 404 when out of reach."""
    check_casework_user(user)
    return get_object_or_404(
        meldingen_visible_to(user).select_related("queue", "assigned_to", "municipality"), pk=pk
    )


def colleagues_of(user: User) -> QuerySet[User]:
    """Active intake staff and caseworkers of ``user``'s municipality: who a melding can go to."""
    return User.objects.filter(
        municipality_id=user.municipality_id, role__in=CASEWORK_ROLES, is_active=True
    ).order_by("first_name", "last_name", "username")
