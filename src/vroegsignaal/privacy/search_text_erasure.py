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

The log lives on its own connection without foreign keys: the erased meldingen are read on
`default` and the entries that showed them on `audit`, each in batches of ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from vroegsignaal.casework.models import Melding
from vroegsignaal.privacy.models import AuditEntry, AuditShownObject
from vroegsignaal.privacy.pages import MELDING, SEARCH_DESCRIPTION_START
from vroegsignaal.privacy.pseudonyms import PREFIX
from vroegsignaal.privacy.routers import AUDIT_DB

_IDS_PER_QUERY = 900  # below SQLite's limit on query parameters


def searches_to_erase(
    nothing_found_before: dt.datetime, erased_too: Iterable[int] = ()
) -> list[int]:
    """The ids of the search entries whose text is to be erased now. `erased_too`: meldingen
    this run will erase (a dry run counts their searches as well)."""
    erased = set(
        Melding.objects.filter(address_key__startswith=PREFIX).values_list("pk", flat=True)
    ) | set(erased_too)
    return sorted({*_found_nothing(nothing_found_before), *_showed_only(erased)})


def erase_search_texts(entry_ids: list[int]) -> int:
    """Erase the text of these search entries, a batch at a time; the number erased."""
    entries = AuditEntry.objects.using(AUDIT_DB)
    return sum(entries.filter(pk__in=batch).erase_search_texts() for batch in _batches(entry_ids))


def _searches():
    """Search entries whose text is still there (an erased one no longer starts with a quote)."""
    return AuditEntry.objects.using(AUDIT_DB).filter(
        description__startswith=SEARCH_DESCRIPTION_START
    )


def _found_nothing(before: dt.datetime) -> list[int]:
    # An entry's `shown` summary is empty exactly when its list showed nothing.
    return list(_searches().filter(shown="", created_at__lt=before).values_list("pk", flat=True))


def _showed_only(erased: set[int]) -> set[int]:
    """Searches that showed an erased melding and nothing still held."""
    candidates = set()
    for batch in _batches(sorted(erased)):
        shown = AuditShownObject.objects.using(AUDIT_DB).filter(
            object_type=MELDING,
            object_id__in=[str(pk) for pk in batch],
            # A join: the shown rows are found by their index, then their entries by id.
            entry__description__startswith=SEARCH_DESCRIPTION_START,
        )
        candidates |= set(shown.values_list("entry_id", flat=True))
    still_named = set()
    for batch in _batches(sorted(candidates)):
        shown = AuditShownObject.objects.using(AUDIT_DB).filter(entry_id__in=batch)
        for entry_id, object_type, object_id in shown.values_list(
            "entry_id", "object_type", "object_id"
        ):
            if object_type != MELDING or not _is_in(object_id, erased):
                still_named.add(entry_id)
    return candidates - still_named


def _batches(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _IDS_PER_QUERY):
        yield ids[start : start + _IDS_PER_QUERY]


def _is_in(object_id: str, ids: set[int]) -> bool:
    return object_id.isdigit() and int(object_id) in ids
