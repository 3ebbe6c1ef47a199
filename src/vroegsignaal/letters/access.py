"""Who may see which print-room batches.

A batch's PDF holds the names and addresses of every melding in it, so a batch is for a user
only when they may see each of those meldingen (casework's one visibility,
``meldingen_visible_to``): a caseworker in a team does not get a batch a colleague made with
another team's meldingen. Views list and serve batches through ``batches_visible_to`` only.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from vroegsignaal.casework.access import meldingen_visible_to
from vroegsignaal.letters.models import LetterBatch, SentLetter
from vroegsignaal.organisations.models import User


def batches_visible_to(user: User) -> QuerySet[LetterBatch]:
    """The batches of ``user``'s municipality that hold no letter of a melding hidden from them."""
    hidden = SentLetter.objects.filter(batch=OuterRef("pk")).exclude(
        melding__in=meldingen_visible_to(user)
    )
    return LetterBatch.objects.filter(municipality_id=user.municipality_id).exclude(Exists(hidden))
