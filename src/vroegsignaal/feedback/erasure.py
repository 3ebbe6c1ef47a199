"""Erase the free text a creditor received about a melding's signals (called by retention).

Of the released feedback only the agreement on ongoing payments is typed by a caseworker; the
rest are choices (picked up, reason, cause, perspective) that monitoring may still count.
"""

from __future__ import annotations

from vroegsignaal.bulk_rows import update_rows
from vroegsignaal.casework.models import Melding
from vroegsignaal.feedback.models import SignalFeedback

_FREE_TEXT = ("ongoing_payments",)


def erase_feedback(melding: Melding) -> None:
    """Blank the free text in the feedback on `melding`'s signals; idempotent."""
    items = list(SignalFeedback.objects.filter(signal__melding_link__melding=melding))
    for item in items:
        for key in _FREE_TEXT:
            if item.content.get(key):
                item.content[key] = None
    update_rows(SignalFeedback, items, ["content"])
