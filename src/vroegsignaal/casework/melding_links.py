"""A melding named on a page: its kenmerk as a link to its page, and a herhaalde melding's
reason that names the earlier melding.

The reason is stored as text ('Eerder gemeld door dezelfde schuldeiser op 23-10-2026 (melding
VS-20511)', `matching.engine.classify.repeats`), the same in exports and the inzage. A page
links that kenmerk to the melding, and on that melding's own page says '(deze melding)': a
caseworker reading 'melding VS-20511' on VS-20511 went looking for another one (QA9 B2).
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from vroegsignaal import kenmerk
from vroegsignaal.matching.engine.vocabulary import REFERENCE_PREFIX

_EARLIER_MELDING = re.compile(rf"\(melding {re.escape(REFERENCE_PREFIX)}(\d+)\)")


def melding_link(melding_id: int) -> SafeString:
    """The kenmerk of melding ``melding_id`` linked to its page ('VS-20511')."""
    return format_html(
        '<a class="utrecht-link" href="{}">{}</a>',
        reverse("casework:melding", args=[melding_id]),
        kenmerk.of(melding_id),
    )


def reason_shown(reason: str, page_melding_id: int) -> SafeString:
    """A signal's status reason on the page of melding ``page_melding_id``, with the earlier
    melding it names linked, or '(deze melding)' when that is the page itself."""

    shown, end = [], 0
    for match in _EARLIER_MELDING.finditer(reason):
        melding_id = int(match.group(1))
        shown.append(escape(reason[end : match.start()]))
        shown.append(
            "(deze melding)"
            if melding_id == page_melding_id
            else f"(melding {melding_link(melding_id)})"
        )
        end = match.end()
    shown.append(escape(reason[end:]))
    return mark_safe("".join(shown))  # each piece escaped or made by format_html
