"""Signals a run joins to an earlier melding as a herhaalde melding: whom they are about, and
the line on that melding's timeline.

A herhaalde melding is the same creditor reporting the same customer again, so by definition
the same person as that customer's earlier signal. The engine links persons only among the
signals of one run, which gave a joined signal a person key of its own: the earlier melding's
page and letters then counted the resident twice (QA9 B2: Y. Meis twice on VS-20511). Here a
joined signal, and the signals the engine linked to it, take the person key of the earliest
signal of that creditor and customer in the melding they join.
"""

from __future__ import annotations

import polars as pl

from vroegsignaal.casework import events
from vroegsignaal.casework.models import Event, MeldingSignal
from vroegsignaal.intake.erasure import customer_pseudonym
from vroegsignaal.intake.models import Signal


def person_keys(result, melding_ids: dict[str, int], attached: set[str]) -> dict[int, str]:
    """Signal id -> the person key it takes from the melding it joins, for the signals of the
    ``attached`` melding keys whose person (as the engine linked it) has an earlier signal of
    the same creditor and customer there. Only joined signals are read: a few per run."""
    if not attached:
        return {}
    rows = result.signals.filter(pl.col("melding_key").is_in(list(attached))).select(
        "signal_id", "melding_key", "person_key"
    )
    ids = rows["signal_id"].to_list()
    customers = {
        pk: (creditor, customer)
        for pk, creditor, customer in Signal.objects.filter(id__in=ids).values_list(
            "id", "creditor_id", "customer_number"
        )
    }
    earliest = _earliest_person_per_customer({melding_ids[key] for key in attached}, ids)
    taken: dict[str, str] = {}
    for signal_id, melding_key, engine_key in rows.iter_rows():
        creditor, customer = customers[signal_id]
        melding_id = melding_ids[melding_key]
        found = earliest.get((melding_id, creditor, customer)) or earliest.get(
            # An earlier signal past its retention term keeps its customer number as a hash.
            (melding_id, creditor, customer_pseudonym(creditor, customer))
        )
        if found:
            taken.setdefault(engine_key or f"signal {signal_id}", found)
    return {
        signal_id: taken[key]
        for signal_id, _, engine_key in rows.iter_rows()
        if (key := engine_key or f"signal {signal_id}") in taken
    }


def _earliest_person_per_customer(
    melding_ids: set[int], joining: list[int]
) -> dict[tuple[int, int, str], str]:
    """(melding id, creditor id, customer number) -> person key of that customer's earliest
    signal in the melding, leaving out the ``joining`` signals themselves (on a rerun they are
    in it already)."""
    earliest: dict[tuple[int, int, str], str] = {}
    links = (
        MeldingSignal.objects.filter(melding_id__in=melding_ids)
        .exclude(signal_id__in=joining)
        .exclude(person_key="")
        .order_by("signal__signal_date", "signal_id")
        .values_list("melding_id", "signal__creditor_id", "signal__customer_number", "person_key")
    )
    for melding_id, creditor, customer, key in links:
        earliest.setdefault((melding_id, creditor, customer), key)
    return earliest


def timeline_lines(new_links: list[MeldingSignal]) -> list[Event]:
    """The timeline line of each signal that joins a melding as herhaalde melding for the
    first time (``new_links``: the links a run makes; a rerun makes none for them)."""
    joined = {link.signal_id: link.melding_id for link in new_links if link.attached_as_repeat}
    signals = Signal.objects.filter(id__in=list(joined)).values_list(
        "id", "creditor__name", "signal_date", "amount_cents"
    )
    return [
        events.repeat_joined(joined[pk], creditor, signal_date, amount_cents)
        for pk, creditor, signal_date, amount_cents in sorted(
            signals, key=lambda row: (row[2], row[0])
        )
    ]
