"""Values as the policy form reads and shows them; its settings and its werkbakjes rules share them.

Euro amounts in Dutch notation (`parse_euros`, `euro_text`), and the engine's Dutch messages for
one part of a policy document (`policy_problems`): `Policy.from_dict` is the one place that
decides what is valid, the form only says where a message belongs.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms

from vroegsignaal.dutch_numbers import euros
from vroegsignaal.matching.engine.policy import Policy, PolicyError

NO_MINIMUM = "geen"
WRONG_KIND = (
    "Een waarde heeft het verkeerde soort: een tekst waar een getal hoort, "
    "of een getal waar een lijst hoort."
)

_AMOUNT = re.compile(r"-?(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?")


def euro_text(cents: int | None) -> str:
    return "geen minimum" if cents is None else euros(cents)


def parse_euros(text: str) -> int:
    """'75', '75,5', '1.250,00' or '€ 75,00' -> cents; a dot only separates thousands."""
    cleaned = text.replace("€", "").replace(" ", "")
    if not _AMOUNT.fullmatch(cleaned):
        raise forms.ValidationError(
            "Geef het minimumbedrag in euro's met een komma voor de centen, bijvoorbeeld 75,00, "
            f"of '{NO_MINIMUM}' voor geen minimumbedrag."
        )
    return int(Decimal(cleaned.replace(".", "").replace(",", ".")) * 100)


def policy_problems(part: dict) -> list[str]:
    """The engine's Dutch messages for a (partial) policy document; [] when it is valid."""
    try:
        Policy.from_dict(part)
    except PolicyError as exc:
        return exc.messages
    except (TypeError, ValueError, AttributeError):
        return [WRONG_KIND]
    return []
