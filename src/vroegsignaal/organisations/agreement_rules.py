"""A convenant's period, checked when a beheerder or `setup-organisations` saves one.

The convenant is the legal basis to take in a partner's signals for a municipality (intake asks
`Agreement.objects.valid_on`), and it says whether the partner may hear that a resident is
already known to debt help. An end before the start makes a period in which nothing was
agreed; two convenanten of one partner with one municipality on the same day leave open which
one holds. Both are refused with a Dutch message at the field to fix.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from vroegsignaal.organisations.models import Agreement


def period_text(agreement: Agreement) -> str:
    start = f"vanaf {agreement.valid_from:%d-%m-%Y}"
    if agreement.valid_to is None:
        return f"{start}, zonder einde"
    return f"{start} tot en met {agreement.valid_to:%d-%m-%Y}"


def check_period(agreement: Agreement) -> None:
    """Raise at 'geldig tot en met' when it lies before 'geldig vanaf' (one day is a period)."""
    start, end = agreement.valid_from, agreement.valid_to
    if start and end and end < start:
        raise ValidationError(
            {"valid_to": f"Geldig tot en met ({end:%d-%m-%Y}) ligt vóór geldig vanaf "
                         f"({start:%d-%m-%Y})."}
        )  # fmt: skip


def _overlap(one: Agreement, other: Agreement) -> bool:
    """Whether the two periods share a day; no end means open to the future."""
    starts_in_time = other.valid_to is None or one.valid_from <= other.valid_to
    return starts_in_time and (one.valid_to is None or other.valid_from <= one.valid_to)


def check_overlap(agreement: Agreement, others: Iterable[Agreement]) -> None:
    """Raise when one of ``others`` (the same partner's convenanten) is with the same
    municipality on a day of ``agreement``'s period: at 'geldig vanaf' when the start lies
    within the other period, else at 'geldig tot en met' (the period runs into the other)."""
    if not agreement.valid_from or not agreement.municipality_id:
        return  # the field's own message says what is missing
    for other in others:
        if other.municipality_id == agreement.municipality_id and _overlap(agreement, other):
            field = "valid_from" if other.valid_from <= agreement.valid_from else "valid_to"
            raise ValidationError(
                {field: f"Er is al een convenant met {agreement.municipality.name} dat in deze "
                        f"periode geldt: {period_text(other)}."}
            )  # fmt: skip
