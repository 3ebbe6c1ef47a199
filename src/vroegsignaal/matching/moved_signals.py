"""Signals a run finds at another address than the melding they are in.

A melding is the signals at one address in one period (domain.md, step 2). A creditor's
corrected delivery can change a signal's address (`intake.corrections`), and with it the
melding key the engine gives it: the run then links it to the melding of its new address, made
or existing (`found`, used by `services._write_signals`), and `settled` brings the melding it
left up to date. While that melding has signals of its period the run counts it again itself;
a melding left without them counts nothing, and what happens to it follows the work on it:

- nobody worked on it (no person's line on its timeline, no contact, notes, letter or closing
  of a person's): the matching made it and drops it, as it undoes its own no-go closures
  (`casework.no_go`); a melding without signals is no household to reach, and no werkbakje,
  monitoring figure or DDAS delivery should count it as one;
- a person did: it stays, with that work, its phase, werkbakje and term, for the caseworker to
  close with the result the work done gives; it counts no amount, partner type or priority.

Both timelines say where the signal went (`casework.events.signal_moved`), and the run's
report lists the moves (`run_report`). A signal joined to an earlier melding as a herhaalde
melding stays there (`services._write_signals`), and so do the signals of a melding erased
after its retention term: their pseudonymised address gives no key of its own.
"""

from __future__ import annotations

from django.db.models import Q

from vroegsignaal import bulk_rows, kenmerk
from vroegsignaal.casework import events
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import Event, Melding, MeldingSignal
from vroegsignaal.intake.models import Signal
from vroegsignaal.privacy.pseudonyms import PREFIX

# Signal id -> (the melding it leaves, the melding of its new address).
Moves = dict[int, tuple[int, int]]

# What a melding with no signals of its period counts. Its term, werkbakje, go and address stay:
# the work on it goes on there.
NOTHING_COUNTED = {
    "is_single": False, "is_multiple": False, "is_consecutive": False, "is_crisis": False,
    "is_warm_handover": False, "partner_types": [], "partner_type_count": 0,
    "total_amount_cents": 0, "priority_score": 0, "priority_reasons": [],
}  # fmt: skip

# The work a person records on a melding, besides the lines on its timeline that name them: a
# record outlives its author's account (Event.actor is emptied when an account is removed).
_WORK = (
    "contact_attempts", "conversations", "budget_lines", "plans", "referrals", "letters",
    "not_resident_confirmations", "heropaf_checks",
)  # fmt: skip


def found(result, melding_ids: dict[str, int], links: dict[int, MeldingSignal]) -> Moves:
    """The run's signals linked, not as a herhaalde melding, to another melding than the one
    of their melding key in this run, with both meldingen."""
    moves = {}
    for signal_id, key in result.signals.select("signal_id", "melding_key").iter_rows():
        link = links.get(signal_id)
        if link and not link.attached_as_repeat and link.melding_id != melding_ids[key]:
            moves[signal_id] = (link.melding_id, melding_ids[key])
    if not moves:
        return {}
    erased = set(
        Melding.objects.filter(
            pk__in={left for left, _ in moves.values()}, address_key__startswith=PREFIX
        ).values_list("pk", flat=True)
    )
    return {signal_id: pair for signal_id, pair in moves.items() if pair[0] not in erased}


def _worked_on(melding_ids: set[int]) -> set[int]:
    """The meldingen among ``melding_ids`` a person acted on."""
    by_a_person = Q(events__actor__isnull=False) | Q(assigned_to__isnull=False)
    for work in _WORK:
        by_a_person |= Q(**{f"{work}__isnull": False})
    return set(
        Melding.objects.filter(by_a_person, pk__in=melding_ids)
        .values_list("pk", flat=True)
        .distinct()
    )


def settled(moves: Moves, counted: set[int]) -> list[list]:
    """Bring the meldingen the ``moves`` left up to date, after the run linked the signals to
    their new meldingen and counted its own (``counted``), and write both timeline lines of
    each move. Returns the moves as the run's report keeps them: [signal id, melding left,
    melding joined, whether the melding left was dropped]."""
    if not moves:
        return []
    emptied = {left for left, _ in moves.values()} - counted
    still_linked = set(
        MeldingSignal.objects.filter(melding_id__in=emptied).values_list("melding_id", flat=True)
    )
    dropped = emptied - still_linked - _worked_on(emptied)
    kept = emptied - dropped
    Melding.objects.filter(pk__in=kept).update(**NOTHING_COUNTED)
    still_open = set(
        Melding.objects.filter(pk__in=kept).exclude(state=State.CLOSED).values_list("pk", flat=True)
    )
    signals = Signal.objects.filter(pk__in=list(moves)).values_list(
        "id", "creditor__name", "signal_date"
    )
    lines: list[Event] = []
    for signal_id, creditor, signal_date in sorted(signals, key=lambda row: (row[2], row[0])):
        left, joined = moves[signal_id]
        if left not in dropped:
            emptied_here = {"emptied": True} if left in kept else {}
            if left in still_open:
                emptied_here["still_open"] = True
            lines.append(events.signal_moved(
                left, creditor, signal_date, to_melding=kenmerk.of(joined), **emptied_here
            ))  # fmt: skip
        dropped_here = {"dropped": True} if left in dropped else {}
        lines.append(events.signal_moved(
            joined, creditor, signal_date, from_melding=kenmerk.of(left), **dropped_here
        ))  # fmt: skip
    Melding.objects.filter(pk__in=dropped).delete()
    bulk_rows.insert_rows(Event, lines)
    return [
        [signal_id, left, joined, left in dropped]
        for signal_id, (left, joined) in sorted(moves.items())
    ]
