"""The audit log for commands run on the server (`vroegsignaal export-ddas`, `import-brp`, ...).

A command has no logged-in user: whoever runs it does so under their own account on the server.
Its handling of personal data is recorded as the website records it, with that account as the
one who did it ("beheer via de opdrachtregel (gebruiker root)"), the command as the "page", and
the municipality of the data, so the privacy officer of that municipality finds the entry.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from django.db import models

from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction, AuditEntry

OPERATOR_PREFIX = "beheer via de opdrachtregel"


def os_user() -> str:
    """The account on the server that runs the command ('root'), or its number without a name."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        # A container may run under a user id that has no name.
        return f"uid {os.getuid()}"


@dataclass(frozen=True)
class CommandLineOperator:
    """Who ran a command, in the shape `audit.record` reads of a user: no user id (it is no user
    of the application), the server account as the name, the municipality of the data."""

    municipality_id: int | None
    is_authenticated: bool = True
    pk: None = None
    role: str = ""

    def get_username(self) -> str:
        return f"{OPERATOR_PREFIX} (gebruiker {os_user()})"


def record(
    action: AuditAction,
    obj_or_label: models.Model | str,
    *,
    command: str,
    municipality=None,
    description: str = "",
    shown=(),
) -> AuditEntry:
    """Write the audit entry of a command: `command` is what was run ('match --period 2026-10'),
    `municipality` the one whose data it handled (None: tied to the object, if it has one)."""
    operator = CommandLineOperator(getattr(municipality, "pk", None))
    return audit.record(
        operator,
        action,
        obj_or_label,
        description=description,
        endpoint=f"vroegsignaal {command}"[:300],
        shown=shown,
    )
