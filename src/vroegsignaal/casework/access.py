"""Who may see which meldingen: casework's names for the one access policy (privacy.policy).

Only intake (meldpunt) staff and caseworkers see meldingen, and only those of their own
municipality; a caseworker in a team sees the queues of that team and the queues without a team.
Other roles get 403; a melding outside the user's reach answers 404, so its existence is not
revealed. Every casework view goes through ``meldingen_visible_to`` or ``get_melding_for``.
"""

from __future__ import annotations

from django.db.models import QuerySet

from vroegsignaal.casework.models import Melding
from vroegsignaal.organisations.models import Role, User
from vroegsignaal.privacy import policy
from vroegsignaal.privacy.policy import Action

CASEWORK_ROLES = (Role.INTAKE, Role.CASEWORKER)

meldingen_visible_to = policy.meldingen_for


def check_casework_user(user: User) -> None:
    """Raise ``PermissionDenied`` (403) unless ``user`` does casework for a municipality."""
    policy.check(user, Action.WORK_MELDINGEN)


def get_melding_for(user: User, pk: int) -> Melding:
    """The melding ``pk`` if ``user`` may see it; 403 for another role, 404 when out of reach."""
    check_casework_user(user)
    return policy.get_for(
        user, Melding.objects.select_related("queue", "assigned_to", "municipality"), pk=pk
    )


def colleagues_of(user: User) -> QuerySet[User]:
    """Active intake staff and caseworkers of ``user``'s municipality: who a melding can go to."""
    return (
        User.objects.filter(
            municipality_id=user.municipality_id, role__in=CASEWORK_ROLES, is_active=True
        )
        .select_related("team")
        .order_by("first_name", "last_name", "username")
    )


def chosen_beforehand(user: User) -> int | None:
    """Whom the assign choices show chosen before ``user`` picks: herself when she is a
    caseworker (she takes meldingen on), no one for the meldpunt, which hands them out (with
    herself chosen, one click on 'Toewijzen' gave her the melding)."""
    return user.pk if user.role == Role.CASEWORKER else None


def colleague_label(colleague: User, me: User) -> str:
    """'Joost Oude Egbrink (Team Zuid)', 'Fatma Yilmaz (meldpunt, ikzelf)': whom a melding goes
    to, with the team (or the meldpunt), as the werkbakjes are split by team."""
    if colleague.team_id:
        where = colleague.team.name
    else:
        where = "meldpunt" if colleague.role == Role.INTAKE else "uitvoerder"
    return f"{colleague.display_name} ({where}{', ikzelf' if colleague.pk == me.pk else ''})"
