"""Erase the free text a creditor received about a melding's signals (called by retention).

Of the released feedback only the agreement on ongoing payments is typed by a caseworker; the
rest are choices (picked up, reason, cause, perspective) that monitoring may still count.
"""

from __future__ import annotations

from collections.abc import Iterable

from vroegsignaal.bulk_rows import update_rows
from vroegsignaal.feedback.models import SignalFeedback

_FREE_TEXT = ("ongoing_payments",)


def erase_feedback(melding_ids: Iterable[int]) -> None:
    """Blank the free text in the feedback on the signals of the meldingen with these ids, one
    statement for the batch; idempotent."""
    items = list(
        SignalFeedback.objects.filter(signal__melding_link__melding_id__in=list(melding_ids)).only(
            "content"
        )
    )
    for item in items:
        for key in _FREE_TEXT:
            if item.content.get(key):
                item.content[key] = None
    update_rows(SignalFeedback, items, ["content"])
