"""The minimum password length, with its message in Dutch.

Django's own message for a too short password has no Dutch translation (its plural form is
missing from Django's Dutch catalogue), so the form showed "This password is too short" on a
Dutch page. Twelve characters, not Django's eight: accounts here open the personal data of
residents in financial trouble, and a long password (a few words) is easier to remember than a
short complicated one.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

MINIMUM_LENGTH = 12


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def __init__(self, min_length: int = MINIMUM_LENGTH):
        super().__init__(min_length)

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                f"Dit wachtwoord is te kort: gebruik minstens {self.min_length} tekens, "
                "bijvoorbeeld een paar woorden achter elkaar.",
                code="password_too_short",
            )

    def get_help_text(self):
        return (
            # Neutral: a beheerder creating a user reads it too (Django's other rules in
            # vroegsignaal/locale say "het wachtwoord" as well).
            f"Het wachtwoord moet minstens {self.min_length} tekens lang zijn; een paar woorden "
            "achter elkaar is lang genoeg en goed te onthouden."
        )
