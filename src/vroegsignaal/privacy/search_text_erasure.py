"""Erase the search texts in the audit log that may name a resident no longer held (called by
retention; QA12 B6).

A search for meldingen is logged with its text as typed (`pages.search_description`): a name or
an address, kept with the log for RETENTION_AUDIT_DAYS, longer than the data it found. So the
text is replaced by `pages.ERASED_SEARCH_TEXT`
- once every melding the search showed is erased (a melding is never deleted; an erased one's
  address key is a pseudonym), and
- for a search that showed nothing, once it is past RETENTION_SIGNAL_DAYS: it names nobody the
  municipality holds data on, so it is kept no longer than the shortest term for residents.
Who searched, when, how many were found and the list of meldingen shown stay.

Every other text typed in a page address is logged by the name of its field
(`pages.with_typed_texts`): what the privacy officer typed at Gegevens and Gebruiker of the
audit log ('Hoeks'), and a list's typed filter (a creditor's klantnummer, the worklist's
postcode or amount). Each may single out a resident, and none is tied to the meldingen a list
showed (the officer's search shows audit entries; a filter narrows a list that is audited
anyway), as none is to a search that found nothing, so it goes after RETENTION_SIGNAL_DAYS as
well. Who, when, in which screen, that a text was typed and the filters that are no text
(handeling, werkbakje, dates) stay.

The log lives on its own connection without foreign keys: the meldingen shown by searches
that still hold a text are read on `audit`, and which of them are erased on `default`, in
batches of ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q

from vroegsignaal.casework.models import Melding
from vroegsignaal.privacy.models import AuditEntry, AuditShownObject
from vroegsignaal.privacy.pages import (
    MELDING,
    SEARCH_DESCRIPTION_START,
    meldingen_searches_with_text,
    typed_texts_still_there,
)
from vroegsignaal.privacy.pseudonyms import PREFIX
from vroegsignaal.privacy.routers import AUDIT_DB

_IDS_PER_QUERY = 900  # below SQLite's limit on query parameters


def searches_to_erase(signal_term_before: dt.datetime, erased_too: Iterable[int] = ()) -> list[int]:
    """The ids of the search entries whose text is to be erased now: those made before
    `signal_term_before` that no melding ties (found nothing, or searched the audit log), and
    those that showed only erased meldingen. `erased_too`: meldingen this run will erase (a dry
    run counts their searches as well)."""
    return sorted({*_untied(signal_term_before), *_showed_only_erased(set(erased_too))})


def erase_search_texts(entry_ids: list[int]) -> int:
    """Erase the text of these search entries, a batch at a time; the number erased."""
    entries = AuditEntry.objects.using(AUDIT_DB)
    return sum(entries.filter(pk__in=batch).erase_search_texts() for batch in _batches(entry_ids))


def _untied(before: dt.datetime) -> list[int]:
    """Searches whose text no melding ties to a term: for meldingen that found nothing (an
    entry's `shown` summary is empty exactly when its list showed nothing), and every other
    typed text (the officer's of the audit log, a list's filter)."""
    found_nothing = meldingen_searches_with_text() & Q(shown="")
    untied = AuditEntry.objects.using(AUDIT_DB).filter(
        found_nothing | typed_texts_still_there(), created_at__lt=before
    )
    return list(untied.values_list("pk", flat=True))


def _showed_only_erased(erased_too: set[int]) -> set[int]:
    """Searches whose text is still there and that showed only erased meldingen. Read from the
    searches still holding a text (fewer each night), not from every melding ever erased, which
    grows for the whole audit term; the page of the officer counts this too."""
    shown_by_entry: dict[int, list[tuple[str, str]]] = {}
    rows = AuditShownObject.objects.using(AUDIT_DB).filter(
        entry__description__startswith=SEARCH_DESCRIPTION_START
    )
    for entry_id, object_type, object_id in rows.values_list(
        "entry_id", "object_type", "object_id"
    ):
        shown_by_entry.setdefault(entry_id, []).append((object_type, object_id))
    melding_ids = sorted(
        {int(object_id) for shown in shown_by_entry.values()
         for object_type, object_id in shown if object_type == MELDING and object_id.isdigit()}
    )  # fmt: skip
    erased = set(erased_too)
    for batch in _batches(melding_ids):
        erased |= set(
            Melding.objects.filter(pk__in=batch, address_key__startswith=PREFIX).values_list(
                "pk", flat=True
            )
        )
    return {
        entry_id
        for entry_id, shown in shown_by_entry.items()
        if all(kind == MELDING and _is_in(object_id, erased) for kind, object_id in shown)
    }


def _batches(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _IDS_PER_QUERY):
        yield ids[start : start + _IDS_PER_QUERY]


def _is_in(object_id: str, ids: set[int]) -> bool:
    return object_id.isdigit() and int(object_id) in ids
