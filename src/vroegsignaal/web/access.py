"""The one access check for pages: logged in (else to the log-in page) and the right role (else 403)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from vroegsignaal.organisations.models import Role


def role_required(*roles: Role):
    """Decorate a view so only logged-in users with one of `roles` reach it.

    Creditor staff must also belong to a creditor: without one they could see nothing of their own.
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            user = request.user
            if user.role not in roles:
                raise PermissionDenied("Deze pagina hoort niet bij uw rol.")
            if user.role == Role.CREDITOR_STAFF and user.creditor_id is None:
                raise PermissionDenied("Uw account is niet aan een vastelastenpartner gekoppeld.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
