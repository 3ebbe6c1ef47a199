"""The lock-out after too many wrong passwords (django-axes, settings AXES_*): in the privacy
officer's audit log when it starts, and lifted when the account gets a new password.

Axes locks a username per IP address. Whoever then sets a new password proved the account is
hers (through the mailed link, or logged in on another device on the password change page) or
acts at her request (the beheerder, an operator with the `changepassword` command), and is told
"log in with it": so every lock-out of that username goes, from every IP address (QA12 B8). It
happens on the save of the new password itself (``organisations.models.new_password_saved``),
whichever way set it; each way's audit entry adds ``audit_notes`` to say so.
"""

from __future__ import annotations

from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset
from django.conf import settings
from django.dispatch import receiver

from vroegsignaal.organisations.models import User, new_password_saved
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction

LIFTED = "blokkade na mislukte inlogpogingen opgeheven"


def lift(user: User) -> bool:
    """Remove the failed attempts of `user`'s username, from every IP address; whether there
    were any (so the audit entry can say a lock-out was lifted)."""
    return reset(username=user.get_username()) > 0


def has_failed_attempts(username: str) -> bool:
    """Whether `username` has failed attempts that a new password would lift (``lift``)."""
    return AccessAttempt.objects.filter(username=username).exists()


@receiver(new_password_saved, dispatch_uid="vroegsignaal.web.lockouts.lift_on_new_password")
def lift_on_new_password(sender, user: User, **kwargs) -> None:
    """A new password, however set, lifts the lock-out; the account remembers whether it did
    for the audit entry of the way it was set (``audit_notes``)."""
    user.lock_out_lifted = lift(user)


def audit_notes(user: User) -> list[str]:
    """What the audit entry of a new password adds: that it lifted a lock-out, if it did."""
    return [LIFTED] if getattr(user, "lock_out_lifted", False) else []


@receiver(user_locked_out, dispatch_uid="vroegsignaal.web.lockouts.record_lock_out")
def record_lock_out(sender, request, username, **kwargs) -> None:
    """One entry, about the account, when its log-in gets locked; not for each later try during
    the lock-out (axes signals those too, with a higher count). A username no account has gets
    no entry: what was typed may be anything, even a password in the wrong field."""
    failures = getattr(request, "axes_failures_since_start", None)
    if failures != get_failure_limit(request, getattr(request, "axes_credentials", None)):
        return
    account = User.objects.filter(username=username).first()
    if account is None:
        return
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    audit.record(
        request,
        AuditAction.REFUSED,
        account,
        account=account,
        description=f"inloggen geblokkeerd na {failures} keer een verkeerd wachtwoord, "
        f"voor {minutes} minuten",
    )
