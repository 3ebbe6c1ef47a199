"""The dates a caseworker records lie between the melding's matching date and today.

A contact attempt, conversation, the start of a debt-help trajectory, closing and informing the
creditor all happen to a melding that exists: not before its matching date, and not in the
future. A warm hand-over may be planned ahead (an appointment with the other service), but not
further than ``HANDOVER_PLANNED_DAYS``: a date years ahead is a typing error, and an open
appointment that far off is no warm hand-over. Every casework service checks its date here, so pages, CLI and demo obey
the same rule; the error names the form field so the page shows it at the date.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.models import Melding

# How far ahead an agreed warm hand-over may lie: an appointment within about three months.
HANDOVER_PLANNED_DAYS = 90


def check_recorded_date(
    melding: Melding, on: date, *, label: str, field: str, planned: bool = False
) -> None:
    """Refuse ``on`` (the field ``field``, shown as ``label``) when it lies before the melding's
    matching date, or after today; one that may be ``planned`` may lie up to
    ``HANDOVER_PLANNED_DAYS`` ahead."""
    today = timezone.localdate()
    if planned:
        last = today + timedelta(days=HANDOVER_PLANNED_DAYS)
        if on > last:
            raise CaseworkError(
                f"{label}: de datum ligt te ver in de toekomst ({on:%d-%m-%Y}). Vul een datum "
                f"in tot en met {last:%d-%m-%Y} (hoogstens {HANDOVER_PLANNED_DAYS} dagen "
                "vooruit) of, als de overdracht al was, de datum waarop die plaatsvond.",
                field=field,
            )
    elif on > today:
        raise CaseworkError(
            f"{label}: de datum ligt in de toekomst ({on:%d-%m-%Y}). "
            f"Vul een datum in tot en met vandaag ({today:%d-%m-%Y}).",
            field=field,
        )
    if on < melding.matched_on:
        raise CaseworkError(
            f"{label}: de datum ligt vóór de matchingsdatum van de melding "
            f"({melding.matched_on:%d-%m-%Y}); toen was er nog geen melding. "
            f"Vul een datum in vanaf {melding.matched_on:%d-%m-%Y}.",
            field=field,
        )
