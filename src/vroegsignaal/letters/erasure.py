"""Erase the letters of a melding: their PDFs and the names they were addressed to.

A PDF cannot be partly blanked, so the whole file goes: the melding's own letters, and every
print-room batch that holds one of its letters (the other letters in that batch were sent
already; their record, the SentLetter row and its contact attempt, stays). The rows remain so
monitoring still counts letters and contact attempts. The files go when the transaction commits
(stored_files), so a retention run that fails keeps them with their rows.
"""

from __future__ import annotations

from vroegsignaal.bulk_rows import update_rows
from vroegsignaal.casework.models import Melding
from vroegsignaal.letters.models import LetterBatch, SentLetter
from vroegsignaal.stored_files import delete_after_commit


def erase_letters(melding: Melding) -> int:
    """Delete the stored PDFs with `melding`'s letters and blank their recipients; returns how
    many files were deleted. Running it again deletes nothing more."""
    deleted = 0
    letters = list(SentLetter.objects.filter(melding=melding))
    for letter in letters:
        if letter.pdf:
            delete_after_commit(letter.pdf)
            deleted += 1
        letter.recipients = []
    update_rows(SentLetter, letters, ["pdf", "recipients"])
    batch_ids = {letter.batch_id for letter in letters if letter.batch_id}
    for batch in LetterBatch.objects.filter(id__in=batch_ids).exclude(pdf=""):
        delete_after_commit(batch.pdf)
        batch.save(update_fields=["pdf"])
        deleted += 1
    return deleted
