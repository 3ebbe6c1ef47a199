"""Stored files (uploads, PDFs) removed only once the database keeps the change.

A file deleted inside a transaction that is then rolled back cannot be brought back, while its
row, restored, would still point to it: the retention job erases in one transaction, and a run
that fails must leave everything as it was.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.fields.files import FieldFile


def delete_after_commit(file: FieldFile) -> None:
    """Empty `file`'s field on its instance (the caller saves it) and delete the stored file when
    the transaction commits (at once outside a transaction; never if it is rolled back)."""
    name, storage = file.name, file.storage
    if not name:
        return
    setattr(file.instance, file.field.attname, "")
    transaction.on_commit(lambda: storage.delete(name), using=file.instance._state.db)
