"""The lock-out after too many wrong passwords (django-axes, settings AXES_*): in the privacy
officer's audit log when it starts, and lifted when the account's owner gets a new password.

Axes locks a username per IP address. Whoever then sets a new password through the mailed link
has proved the account is hers, and an administrator who sets one does so on her request: in
both cases the page says "log in with it", so every lock-out of that username goes (QA12 B8).
"""

from __future__ import annotations

from axes.helpers import get_failure_limit
from axes.signals import user_locked_out
from axes.utils import reset
from django.conf import settings
from django.dispatch import receiver

from vroegsignaal.organisations.models import User
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction

LIFTED = "blokkade na mislukte inlogpogingen opgeheven"


def lift(user: User) -> bool:
    """Remove the failed attempts of `user`'s username, from every IP address; whether there
    were any (so the audit entry can say a lock-out was lifted)."""
    return reset(username=user.get_username()) > 0


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
