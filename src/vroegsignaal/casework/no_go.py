"""Meldingen that the policy does not pick up (no-go) are closed by matching, not by a person.

Their Eindresultaat is the 'Niet opgepakt' reason most of their signals carry (onterecht signaal,
herhaalde melding, al bekend, overleden, geen inwoner), else 'Niet opgepakt: andere reden'.
This is the one place that moves meldingen without a user, in bulk, because a run closes
thousands at once. Each closure is kept as round 1's ``RoundResult``, as a person's closing is.
When a later run of the same period makes such a melding a go (signals delivered late),
matching reverses its own closure here: the melding goes back to 'new' and that result is
withdrawn (it was the matching's, not an outcome of work on the melding). That reversal is
deliberately not in the lifecycle table, which governs what people may do; it only applies
while nobody has worked on the melding, and never to a closure a person made: a caseworker who
closed a go melding unassigned with a 'not picked up' result (say 'geen inwoner (meer)' after
checking a crisis signal the BRP did not find) decided; a run, which may still say go, does not
overturn that.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date

from django.db import models
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import Event, EventKind, Melding, RoundResult
from vroegsignaal.ddas import Eindresultaat

_CLOSED_BY_MATCHING = {
    Eindresultaat.ONTERECHT, Eindresultaat.HERHAALDE_MELDING, Eindresultaat.ANDERE_REDEN,
    Eindresultaat.AL_BEKEND, Eindresultaat.OVERLEDEN, Eindresultaat.GEEN_INWONER,
}  # fmt: skip


# Why matching did not pick a melding up, when not the municipality's policy but a reference
# list did (the BRP extract or the client list): the caseworker knows what to check if it seems
# wrong.
_NOT_PICKED_UP_BY = {
    Eindresultaat.GEEN_INWONER: ": persoon is geen inwoner (meer) volgens de BRP",
    Eindresultaat.OVERLEDEN: ": inwoner is overleden volgens de BRP",
    Eindresultaat.AL_BEKEND: (
        ": inwoner al bekend volgens de klantenlijst schuldhulpverlening van de gemeente"
    ),
}


def why_not_picked_up(result: str) -> str:
    """What follows 'niet opgepakt' for a no-go matching closed with ``result``, on the
    timeline and in the werkbakje line: the list that decided (': ... volgens de BRP'), else
    ' volgens het beleid'."""
    return _NOT_PICKED_UP_BY.get(result, " volgens het beleid")


def result_for_statuses(statuses: Iterable[str]) -> Eindresultaat:
    """The Eindresultaat for a no-go melding from its signals' statuses (most common wins;
    ties go to the first in the standard's order)."""
    counts = Counter(s for s in statuses if s in _CLOSED_BY_MATCHING)
    if not counts:
        return Eindresultaat.ANDERE_REDEN
    best = max(counts.values())
    return min((s for s, n in counts.items() if n == best), key=Eindresultaat.values.index)


def close_not_picked_up(results: dict[int, Eindresultaat], on: date) -> int:
    """Close untouched meldingen (state new) with their result; returns how many were closed."""
    closed = 0
    for result in set(results.values()):
        ids = [pk for pk, r in results.items() if r == result]
        untouched = Melding.objects.filter(pk__in=ids, state=State.NEW)
        chosen = list(untouched.values_list("pk", "municipality_id"))
        closed += untouched.update(
            state=State.CLOSED, result=result, closed_on=on, first_closed_on=on,
            version=F("version") + 1, updated_at=timezone.now(),
        )  # fmt: skip
        RoundResult.objects.bulk_create(
            RoundResult(melding_id=pk, municipality_id=municipality_id, contact_round=1,
                        result=result, closed_on=on)
            for pk, municipality_id in chosen
        )  # fmt: skip
        Event.objects.bulk_create(
            Event(melding_id=pk, kind=EventKind.NOT_PICKED_UP, actor=None,
                  details={"result": str(result), "state": [State.NEW, State.CLOSED]})
            for pk, _ in chosen
        )  # fmt: skip
    return closed


class RematchReason(models.TextChoices):
    """Why a later run makes a go of a melding it closed (``details['reasons']`` of the event,
    named on the timeline in this order)."""

    NEW_SIGNALS = "new_signals", "later aangeleverde signalen"
    CORRECTED_SIGNALS = "corrected_signals", "verbeterd aangeleverde signalen"
    POPULATION_REGISTER = "brp", "BRP-uittreksel bijgewerkt"
    CLIENT_LIST = "client_list", "klantenlijst schuldhulpverlening bijgewerkt"
    POLICY = "policy", "beleid gewijzigd"


def _closed_by_a_person() -> Exists:
    """A person closed the melding (``casework.results``; the matching's own closure is a
    'not picked up' event). Once a caseworker closed it, the closure is theirs for good."""
    return Exists(Event.objects.filter(melding=OuterRef("pk"), kind=EventKind.CLOSED))


def reopen_picked_up_after_rematch(
    melding_ids: Iterable[int],
    on: date,
    reasons_for: Callable[[list[int]], dict[int, list[RematchReason]]] | None = None,
) -> dict[int, list[RematchReason]]:
    """Return meldingen that matching closed, and nobody touched or closed since, to 'new';
    returns the ids of those returned with why (for the run's result page).

    ``on`` is the run's matching date: the event keeps it, because the first action and its
    limit of such a melding run from it (``casework.terms.picked_up_again_on``).
    ``reasons_for`` gives, for the ids of the meldingen returned, why the run picks each up; it
    is asked before they change, while their signals still have the statuses of the run before.
    """
    reverted = Melding.objects.filter(
        pk__in=list(melding_ids), state=State.CLOSED, result__in=_CLOSED_BY_MATCHING,
        assigned_to__isnull=True, picked_up_on__isnull=True,
    ).exclude(_closed_by_a_person())  # fmt: skip
    chosen = list(reverted.values_list("pk", flat=True))
    reasons = reasons_for(chosen) if reasons_for and chosen else {}
    reverted.update(
        state=State.NEW, result="", closed_on=None, first_closed_on=None,
        version=F("version") + 1, updated_at=timezone.now(),
    )  # fmt: skip
    RoundResult.objects.filter(
        melding_id__in=chosen, contact_round=F("melding__contact_round")
    ).delete()
    Event.objects.bulk_create(
        Event(melding_id=pk, kind=EventKind.PICKED_UP_AFTER_REMATCH, actor=None,
              details={"state": [State.CLOSED, State.NEW], "on": on.isoformat(),
                       "reasons": [str(reason) for reason in reasons.get(pk, [])]})
        for pk in chosen
    )  # fmt: skip
    return {pk: reasons.get(pk, []) for pk in chosen}
