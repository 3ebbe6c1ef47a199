"""Erase the letters of meldingen: their PDFs and the names they were addressed to.

A PDF cannot be partly blanked, so the whole file goes: the melding's own letters, and every
print-room batch that holds one of its letters (the other letters in that batch were sent
already; their record, the SentLetter row and its contact attempt, stays). The rows remain so
monitoring still counts letters and contact attempts. The files go when the transaction commits
(stored_files), so a retention run that fails keeps them with their rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from vroegsignaal.bulk_rows import update_rows
from vroegsignaal.letters.models import LetterBatch, SentLetter
from vroegsignaal.stored_files import delete_after_commit


def erase_letters(melding_ids: Iterable[int]) -> int:
    """Delete the stored PDFs with the letters of the meldingen with these ids and blank their
    recipients, one statement per table for the batch; returns how many files were deleted.
    Running it again deletes nothing more."""
    letters = list(SentLetter.objects.filter(melding_id__in=list(melding_ids)).only("pdf", "batch"))
    deleted = 0
    for letter in letters:
        if letter.pdf:
            delete_after_commit(letter.pdf)
            deleted += 1
        letter.recipients = []
    update_rows(SentLetter, letters, ["pdf", "recipients"])
    batch_ids = {letter.batch_id for letter in letters if letter.batch_id}
    batches = list(LetterBatch.objects.filter(id__in=batch_ids).exclude(pdf="").only("pdf"))
    for batch in batches:
        delete_after_commit(batch.pdf)
    update_rows(LetterBatch, batches, ["pdf"])
    return deleted + len(batches)
