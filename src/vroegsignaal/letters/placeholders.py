"""Placeholders in letter texts: finding them, checking them on save, and filling them in.

A placeholder is a name between curly braces, e.g. ``{aanhef}``. A text is refused when it uses
a name the kind does not know, leaves out a required one, or has a loose brace; every message is
Dutch and names the placeholder, so the editor knows what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError

from vroegsignaal.letters.kinds import REQUIRED_PLACEHOLDERS, LetterKind, allowed_placeholders

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def used_placeholders(text: str) -> list[str]:
    """The placeholder names in ``text``, in order of appearance (spaces inside braces ignored)."""
    return [match.strip() for match in PLACEHOLDER.findall(text)]


def _loose_brace_errors(text: str, field: str) -> list[str]:
    rest = PLACEHOLDER.sub("", text)
    if "{" in rest or "}" in rest:
        return [
            f"In {field} staat een losse accolade ('{{' of '}}'). "
            "Schrijf een invulveld als {aanhef}, met één accolade ervoor en één erna."
        ]
    return []


def placeholder_errors(kind: LetterKind | str, subject: str, body: str) -> list[str]:
    """Dutch messages for every problem with the placeholders in ``subject`` and ``body``."""
    allowed = allowed_placeholders(kind)
    errors = _loose_brace_errors(subject, "het onderwerp") + _loose_brace_errors(body, "de tekst")
    used = used_placeholders(subject) + used_placeholders(body)
    for name in dict.fromkeys(used):
        if name not in allowed:
            known = ", ".join(f"{{{known}}}" for known in allowed)
            errors.append(f"Het invulveld {{{name}}} bestaat niet. U kunt gebruiken: {known}.")
    for name in REQUIRED_PLACEHOLDERS[kind]:
        if name not in used:
            errors.append(f"Het invulveld {{{name}}} ontbreekt; deze brief kan niet zonder.")
    return errors


def validate_texts(kind: LetterKind | str, subject: str, body: str) -> None:
    """Raise ``ValidationError`` with every placeholder problem in the texts of ``kind``."""
    errors = placeholder_errors(kind, subject, body)
    if errors:
        raise ValidationError(errors)


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with every placeholder replaced by its value (a checked text has no unknown ones)."""
    return PLACEHOLDER.sub(lambda match: values[match.group(1).strip()], text)
