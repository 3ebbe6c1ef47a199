"""Why a run picks up a melding that an earlier run of the same period closed as no-go.

The timeline names it ('Bij opnieuw matchen alsnog op te pakken (BRP-uittreksel bijgewerkt)'),
and so does the inzage document for the resident, so it must be what the run can know:
- later aangeleverde signalen: the melding now has signals it did not have;
- verbeterd aangeleverde signalen: a creditor corrected one of its signals since the previous
  run (a higher amount, a crisis flag: `matching.corrections`);
- a reference list changed: a list was read in since the previous run of the period, and a
  signal that was 'geen inwoner (meer)' or 'overleden' by the BRP extract, or 'al bekend bij
  schuldhulpverlening' by the client list, is not any more;
- the policy changed: this run used another policy version than the previous run of the period
  (the region's or the municipality's own: the policy in force is built from both), and a
  signal the policy turned down (onterecht, herhaalde melding, andere reden) is not any more.
A status can also turn without its list changing: a late crisis signal makes the melding a
crisis, whose signals the BRP did not find wait for a caseworker's check (matching.md, BRP).
Then the late signal is the reason, not the extract. More than one can apply; when none does,
the line names no reason.
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl

from vroegsignaal.casework.models import MeldingSignal
from vroegsignaal.casework.no_go import RematchReason
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.matching.models import MatchingRun, ReferenceListImport, ReferenceListKind

_BY_STATUS = {
    Signaalstatus.GEEN_INWONER: RematchReason.POPULATION_REGISTER,
    Signaalstatus.OVERLEDEN: RematchReason.POPULATION_REGISTER,
    Signaalstatus.AL_BEKEND: RematchReason.CLIENT_LIST,
}
_BY_POLICY = (
    Signaalstatus.ONTERECHT,
    Signaalstatus.HERHAALDE_MELDING,
    Signaalstatus.ANDERE_REDEN,
)
_LIST_REASONS = {
    ReferenceListKind.BRP: RematchReason.POPULATION_REGISTER,
    ReferenceListKind.CLIENTS: RematchReason.CLIENT_LIST,
}


def changed_since_previous_run(run: MatchingRun) -> set[RematchReason]:
    """What of its inputs other than the signals changed for ``run`` (not saved yet) since the
    previous finished run of its municipality and period: the policy version it uses, and the
    reference lists read in since that run started (one read in while it ran may not have been
    used by it)."""
    previous = (
        MatchingRun.objects.filter(
            municipality=run.municipality_id,
            period_start=run.period_start,
            finished_at__isnull=False,
            failure="",
        )
        .only("policy_version_id", "regional_policy_version_id", "started_at")
        .first()
    )
    if previous is None:
        return set()
    lists = ReferenceListImport.objects.filter(
        municipality=run.municipality_id, imported_at__gte=previous.started_at
    ).values_list("kind", flat=True)
    changed = {_LIST_REASONS[kind] for kind in lists}
    if (previous.regional_policy_version_id, previous.policy_version_id) != (
        run.regional_policy_version_id,
        run.policy_version_id,
    ):
        changed.add(RematchReason.POLICY)
    return changed


def rematch_reasons(
    result,
    melding_ids: dict[str, int],
    changed: set[RematchReason],
    chosen: list[int],
    *,
    corrected: set[int] = frozenset(),
) -> dict[int, list[RematchReason]]:
    """Per melding id in ``chosen`` why this run's ``result`` picks it up; ``changed`` is what
    changed since the previous run (``changed_since_previous_run``), ``corrected`` the ids of
    the signals in a melding that their creditor corrected since (``matching.corrections``).
    Asked before the run writes its signals: the links and statuses stored are still those of
    the run before."""
    wanted = set(chosen)
    keys = [key for key, pk in melding_ids.items() if pk in wanted]
    now = result.signals.filter(pl.col("melding_key").is_in(keys))
    new_status = dict(now.select("signal_id", "status").iter_rows())
    signals_now = defaultdict(set)
    for key, signal_id in now.select("melding_key", "signal_id").iter_rows():
        signals_now[melding_ids[key]].add(signal_id)
    before = MeldingSignal.objects.filter(melding_id__in=chosen).values_list(
        "melding_id", "signal_id", "signal__status"
    )
    found = defaultdict(set)
    signals_before = defaultdict(set)
    for pk, signal_id, status in before:
        signals_before[pk].add(signal_id)
        if signal_id not in new_status or new_status[signal_id] == status:
            continue
        if _BY_STATUS.get(status) in changed:
            found[pk].add(_BY_STATUS[status])
        elif status in _BY_POLICY and RematchReason.POLICY in changed:
            found[pk].add(RematchReason.POLICY)
    for pk in chosen:
        if signals_now[pk] - signals_before[pk]:
            found[pk].add(RematchReason.NEW_SIGNALS)
        if signals_before[pk] & corrected:
            found[pk].add(RematchReason.CORRECTED_SIGNALS)
    return {pk: [reason for reason in RematchReason if reason in found[pk]] for pk in chosen}
