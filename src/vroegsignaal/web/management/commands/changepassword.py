"""Django's `changepassword`, with its audit entry: an operator on the server sets a user's
password as the beheerder does in the beheeromgeving, so the privacy officer reads it as well
(`privacy.command_line`: the server account, the command, the account; never the password).

Like every new password, it lifts the account's lock-out after wrong passwords (`web.lockouts`,
on the save). Django's command keeps the account it saved to itself, so whether there was a
lock-out to lift is read before it runs. This app comes before django.contrib.auth in
INSTALLED_APPS, or Django would run its own command instead of this one.
"""

from __future__ import annotations

import getpass

from django.contrib.auth.management.commands import changepassword

from vroegsignaal.organisations.models import User
from vroegsignaal.privacy import command_line
from vroegsignaal.privacy.models import AuditAction
from vroegsignaal.web import lockouts

SET_ON_COMMAND_LINE = "wachtwoord gezet met de opdracht changepassword"


class Command(changepassword.Command):
    def handle(self, *args, **options):
        username = options["username"] or getpass.getuser()  # Django's own default
        locked_out = lockouts.has_failed_attempts(username)
        # Raises CommandError when no password was set (unknown user, three failed tries).
        done = super().handle(*args, **options)
        account = User.objects.get(username=username)
        command_line.record(
            AuditAction.CHANGE,
            account,
            command=f"changepassword {username}",
            municipality=account.municipality,
            description="; ".join(
                [SET_ON_COMMAND_LINE, *([lockouts.LIFTED] if locked_out else [])]
            ),
        )
        return done
