"""Who may use the beheeromgeving and what they may do there: the role decides, as everywhere.

A functioneel beheerder (`Action.CONFIGURE` in privacy.policy) enters the beheeromgeving and
gets the Django permissions of `ADMINISTRATOR_PERMISSIONS` from the role itself
(`RolePermissionBackend`): no staff status, groups or hand-picked permissions to set, and a
changed role takes effect at once. Every other role stays out, even with staff status ticked by
mistake. A superuser with staff status (a technical account) keeps all of Django's permissions.
"""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import PermissionDenied

from vroegsignaal.privacy.policy import Action, can

EVERYTHING = ("view", "add", "change", "delete")
# What a functioneel beheerder manages, per app and model; a ModelAdmin may allow less (a
# policy version or matching run is never changed or deleted). Not here: the audit log and
# retention runs (privacy officer), groups and permissions (superuser), background tasks.
ORGANISATION_MODELS = ("region", "municipality", "postcodearea", "creditor", "agreement", "team")
ADMINISTERED_MODELS: dict[str, dict[str, tuple[str, ...]]] = {
    "organisations": {model: EVERYTHING for model in (*ORGANISATION_MODELS, "user", "apikey")},
    "matching": {"policyversion": EVERYTHING, "matchingrun": ("view",)},
    "casework": {"caseworkpolicy": EVERYTHING, "closedday": EVERYTHING, "queue": EVERYTHING},
    "monitoring": {"yearfigures": EVERYTHING},
    # What goes on every letter of a municipality; on the letters page only the meldpunt changes it.
    "letters": {"letterhead": EVERYTHING, "contactdetails": EVERYTHING},
    # A lost phone: remove the authenticator app so the user can set up a new one.
    "otp_totp": {"totpdevice": EVERYTHING},
    # A user locked out after too many failed log-ins: lift the block.
    "axes": {"accessattempt": ("view", "delete")},
}
ADMINISTRATOR_PERMISSIONS = frozenset(
    f"{app}.{action}_{model}"
    for app, models in ADMINISTERED_MODELS.items()
    for model, actions in models.items()
    for action in actions
)


def may_use_beheeromgeving(user) -> bool:
    """A functioneel beheerder, or a superuser with staff status; nobody else."""
    if not user.is_active:
        return False
    return (user.is_superuser and user.is_staff) or can(user, Action.CONFIGURE)


def refuse_other_roles(user) -> None:
    """Raise PermissionDenied (the app's 'Geen toegang' page) for a logged-in user who may not
    use the beheeromgeving; Django's admin offered its log-in form instead ('U bent geverifieerd
    als ..., maar niet bevoegd'). A visitor who is not logged in is left to log in."""
    if user.is_authenticated and not may_use_beheeromgeving(user):
        raise PermissionDenied("De beheeromgeving is voor de functioneel beheerder.")


class RolePermissionBackend(BaseBackend):
    """The Django permissions that come with the role; logs nobody in."""

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or not can(user_obj, Action.CONFIGURE):
            return set()
        return set(ADMINISTRATOR_PERMISSIONS)

    def has_module_perms(self, user_obj, app_label: str) -> bool:
        return any(perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj))
