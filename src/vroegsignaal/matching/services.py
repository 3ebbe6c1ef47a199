"""Public services of matching.

- `match_period(municipality, period, by=None)`: one idempotent matching run for one month.
- `meldingen_report(municipality, period)`: the meldingen of a period as plain data (CLI --json;
  a no-go has no queue).

A run reads through `adapter`, computes with the pure `engine`, and writes in one transaction:
new meldingen are created, existing ones (same key) get their matching fields refreshed while
the work done on them is kept; signals of a herhaalde melding are attached to the earlier
melding instead of starting a new one; a signal whose corrected address gives it another key
goes to the melding of that address, and the melding it left is brought up to date
(`moved_signals`).
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

import polars as pl
from django.db import transaction
from django.utils import timezone

from vroegsignaal import bulk_rows
from vroegsignaal.casework.deadlines import WorkingCalendar, add_calendar_days, add_working_days
from vroegsignaal.casework.models import Event, Melding, MeldingSignal, Queue
from vroegsignaal.casework.no_go import (
    close_not_picked_up,
    reopen_picked_up_after_rematch,
    result_for_statuses,
)
from vroegsignaal.casework.policy import calendar_for
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.gc_pause import cyclic_gc_paused
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching import adapter, corrections, joined_repeats, moved_signals, run_report
from vroegsignaal.matching.engine import run_matching, with_priority_reasons
from vroegsignaal.matching.engine.classify import BRP_NAME
from vroegsignaal.matching.engine.policy import PolicyError
from vroegsignaal.matching.engine.vocabulary import TERM_CRISIS
from vroegsignaal.matching.models import MatchingRun
from vroegsignaal.matching.policies import effective_policy
from vroegsignaal.matching.rematch import changed_since_previous_run, rematch_reasons
from vroegsignaal.organisations.models import Municipality
from vroegsignaal.search_keys import street_key

logger = logging.getLogger(__name__)

CRISIS_WORKING_DAYS = 3
# Fields a run may refresh on an existing melding; everything else is the caseworkers' work.
MATCHING_FIELDS = [
    "is_single", "is_multiple", "is_consecutive", "is_crisis", "is_warm_handover",
    "partner_types", "partner_type_count", "total_amount_cents", "go", "priority_score",
    "priority_reasons", "queue", "term_kind", "due_on", "street", "street_search", "city",
    "first_signal_on",
]  # fmt: skip


def _due_on(
    term_kind: str, term_days: int, matched_on: dt.date, calendar: WorkingCalendar
) -> dt.date:
    if term_kind == TERM_CRISIS:
        # The municipality's own urgency: its working days (``casework.policy.calendar_for``).
        return add_working_days(matched_on, CRISIS_WORKING_DAYS, calendar)
    return add_calendar_days(matched_on, term_days)


def _refreshed_due_on(melding: Melding, due_from_this_run: dt.date, go: bool) -> dt.date | None:
    """The first action's due date of a melding made by an earlier run. Its term ran from that
    run's matching date (docs/termijnen.md), so running the period again does not restart it;
    a late signal that makes the term shorter (a crisis) counts from this run, when the
    municipality learns of it, unless the melding's own term ends sooner. A no-go that becomes
    a go has had no term yet: it starts with this run; one that stays a no-go keeps its date."""
    if melding.due_on is None or (go and not melding.go):
        return due_from_this_run
    return min(melding.due_on, due_from_this_run) if go else melding.due_on


def _queues(municipality: Municipality, meldingen: pl.DataFrame) -> dict[str, Queue]:
    queues = {}
    # The werkbakje's term is its rule's: a crisis melding in it has 3 working days of its own.
    routes = meldingen.select("queue", "first_contact_channel", "queue_term_days").unique("queue")
    for name, channel, term_days in routes.iter_rows():
        queues[name], _ = Queue.objects.update_or_create(
            municipality=municipality,
            name=name,
            defaults={"first_contact_channel": channel, "term_days": term_days},
        )
    return queues


def _address_details(signals: pl.DataFrame) -> dict[str, dict]:
    """Per melding key: how the address is shown (from the first signal at that address, its
    street and woonplaats from the first signal that has them: both columns are optional, and a
    letter needs them, QA14 B13) and ``first_signal_on``, the earliest signaaldatum of the
    melding's signals."""
    rows = Signal.objects.filter(id__in=signals["signal_id"].to_list()).values(
        "id", "postcode", "house_number", "house_letter", "house_number_addition", "street",
        "city", "signal_date",
    )  # fmt: skip
    by_id = {row["id"]: row for row in rows}
    details = {}
    for signal_id, key in signals.select("signal_id", "melding_key").iter_rows():
        row = by_id[signal_id]
        first = details.setdefault(key, {**row, "first_signal_on": row["signal_date"]})
        first["first_signal_on"] = min(first["first_signal_on"], row["signal_date"])
        for part in ("street", "city"):
            first[part] = first[part] or row[part]
    return details


def _melding_values(
    row: dict, address: dict, queue: Queue, matched_on: dt.date, calendar: WorkingCalendar
) -> dict:
    return {
        "is_single": row["enkelvoudig"], "is_multiple": row["meervoudig"],
        "is_consecutive": row["opeenvolgend"], "is_crisis": row["crisis"],
        "is_warm_handover": row["warme_overdracht"], "partner_types": row["partner_types"],
        "partner_type_count": row["partner_type_count"],
        "total_amount_cents": row["total_amount_cents"], "go": row["go"],
        "priority_score": row["priority_score"], "priority_reasons": row["priority_reasons"],
        "queue": queue, "term_kind": row["term_kind"],
        "due_on": _due_on(row["term_kind"], row["term_days"], matched_on, calendar),
        # The search key too: refreshing a melding (update_rows) skips the fields' pre_save.
        "street": address["street"], "street_search": street_key(address["street"]),
        "city": address["city"], "first_signal_on": address["first_signal_on"],
    }  # fmt: skip


def refreshed_values(melding: Melding, row: dict, result, matched_on: dt.date) -> dict:
    """What a run on ``matched_on`` writes on ``melding``, made by an earlier run, from its
    ``row`` of ``result.meldingen`` (with its priority reasons): the ``MATCHING_FIELDS``, as
    ``_write_meldingen`` does. ``matching.recount`` writes these for one melding."""
    queue = _queues(melding.municipality, result.meldingen)[row["queue"]]
    address = _address_details(result.signals)[row["melding_key"]]
    values = _melding_values(row, address, queue, matched_on, calendar_for(melding.municipality_id))
    values["due_on"] = _refreshed_due_on(melding, values["due_on"], values["go"])
    return values


def _write_meldingen(
    municipality, result, matched_on, links: dict[int, MeldingSignal]
) -> tuple[dict[str, int], set[str], set[str]]:
    """Create or refresh meldingen. Returns melding key -> melding id, the keys whose signals
    were attached to an earlier melding (herhaalde melding), and the keys of the meldingen
    this run made."""
    queues = _queues(municipality, result.meldingen)
    calendar = calendar_for(municipality)
    addresses = _address_details(result.signals)
    existing = adapter.existing_meldingen(result.meldingen["melding_key"].to_list())
    attach_to = _attachments(result, links)
    ids, attached, new, refreshed = {}, set(), [], []
    for row in with_priority_reasons(result.meldingen).iter_rows(named=True):
        key = row["melding_key"]
        if key in attach_to and key not in existing:
            ids[key] = attach_to[key]
            attached.add(key)
            continue
        values = _melding_values(row, addresses[key], queues[row["queue"]], matched_on, calendar)
        if key in existing:
            melding = existing[key]
            values["due_on"] = _refreshed_due_on(melding, values["due_on"], values["go"])
            for name, value in values.items():
                setattr(melding, name, value)
            refreshed.append(melding)
            continue
        address = addresses[key]
        new.append(Melding(
            key=key, municipality=municipality, period_start=row["period_start"],
            period_end=row["period_end"], matched_on=matched_on, address_key=row["address_key"],
            postcode=address["postcode"], house_number=address["house_number"],
            house_letter=address["house_letter"],
            house_number_addition=address["house_number_addition"], **values,
        ))  # fmt: skip
    bulk_rows.insert_rows(Melding, new)
    bulk_rows.update_rows(Melding, refreshed, MATCHING_FIELDS)
    ids.update({m.key: m.id for m in Melding.objects.filter(key__in=[m.key for m in new])})
    ids.update({m.key: m.id for m in refreshed})
    return ids, attached, {m.key for m in new}


def _attachments(result, links: dict[int, MeldingSignal]) -> dict[str, int]:
    """Melding key -> the earlier melding a herhaalde melding joins: only one still open (its
    work takes in the new signals at the address), or any earlier one when every signal is a
    repeat. Otherwise the new signals of other partners would vanish under a closed melding
    that nobody picks up again; such a melding is made with the repeat in it, named as such.

    A run again keeps what an earlier run joined: when every signal of the key is already in
    the earlier melding, it stays there, also after that melding closed (``_kept_joined``)."""
    kept = _kept_joined(result, links)
    wanted = result.meldingen.filter(pl.col("attach_to_melding_id").is_not_null()).select(
        "melding_key", "attach_to_melding_id"
    )
    if wanted.is_empty():
        return kept
    still_open = set(
        Melding.objects.filter(pk__in=wanted["attach_to_melding_id"].to_list())
        .exclude(state="closed")
        .values_list("pk", flat=True)
    )
    only_repeats = set(
        result.signals.group_by("melding_key")
        .agg((pl.col("status") == Signaalstatus.HERHAALDE_MELDING).all().alias("only_repeats"))
        .filter("only_repeats")["melding_key"]
    )
    return {
        **{
            key: earlier
            for key, earlier in wanted.iter_rows()
            if earlier in still_open or key in only_repeats
        },
        **kept,
    }


def _kept_joined(result, links: dict[int, MeldingSignal]) -> dict[str, int]:
    """Melding key -> the earlier melding all its signals joined in an earlier run, when this
    run does not attach them again (the herhaalde-melding months changed, say). Whether a
    melding was open is decided when its signals join it (idempotence); those of a melding
    closed since are not even in the run (`adapter.joined_to_closed_meldingen`)."""
    joined: dict[str, set[int | None]] = {}
    for signal_id, key in result.signals.select("signal_id", "melding_key").iter_rows():
        link = links.get(signal_id)
        joined.setdefault(key, set()).add(
            link.melding_id if link is not None and link.attached_as_repeat else None
        )
    return {
        key: next(iter(earlier))
        for key, earlier in joined.items()
        if len(earlier) == 1 and None not in earlier
    }


def _untouched(melding_ids: dict[str, int]) -> set[int]:
    """The ids of the meldingen casework has not moved on: still 'nieuw' and nobody acted on
    them (a caseworker who confirmed 'geen inwoner (meer)' for one signal did). A run sets the
    statuses of their signals and closes them when they are no go; the others are people's."""
    return set(
        Melding.objects.filter(id__in=set(melding_ids.values()), state="new")
        .exclude(events__actor__isnull=False)
        .values_list("id", flat=True)
    )


def _write_signals(
    result,
    melding_ids: dict[str, int],
    attached: set[str],
    links: dict[int, MeldingSignal],
    untouched: set[int],
    moves: moved_signals.Moves,
) -> tuple[int, list[MeldingSignal]]:
    """Link signals to their melding and set their status, unless casework already moved on
    (not in `untouched`); a signal joining an earlier melding gets a line on its timeline, one
    at a new address (``moves``) goes to the melding of that address with the status it gets
    there. Returns how many signals stay in the earlier melding they joined in an earlier run,
    and the links this run made."""
    new_links, changed_links, changed_signals, stay_joined = [], [], [], 0
    # A joined signal is the person of the customer's earlier signal there (`joined_repeats`).
    taken_person = joined_repeats.person_keys(result, melding_ids, attached)
    for row in result.signals.iter_rows(named=True):
        melding_id = melding_ids[row["melding_key"]]
        link = links.get(row["signal_id"])
        person_key = taken_person.get(row["signal_id"], row["person_key"] or "")
        if link is None:
            new_links.append(
                MeldingSignal(
                    signal_id=row["signal_id"],
                    melding_id=melding_id,
                    person_key=person_key,
                    attached_as_repeat=row["melding_key"] in attached,
                )
            )
        elif row["signal_id"] in moves:
            link.melding_id, link.person_key = melding_id, person_key
            link.attached_as_repeat = row["melding_key"] in attached
            changed_links.append(link)
        elif link.attached_as_repeat and link.melding_id != melding_id:
            # Joined an earlier melding in an earlier run, which this run does not attach the
            # address to: the signal stays in the file of the melding whose work took it in,
            # with its status.
            stay_joined += 1
            continue
        elif link.person_key != person_key:
            link.person_key = person_key
            changed_links.append(link)
        if melding_id in untouched or link is None or row["signal_id"] in moves:
            changed_signals.append(
                Signal(
                    id=row["signal_id"],
                    status=row["status"],
                    status_reason=(row["status_reason"] or "")[:200],
                    brp_note=(row["brp_note"] or "")[:200],
                    **{name: row[name] or "" for name in BRP_NAME.values()},
                )
            )
    bulk_rows.insert_rows(MeldingSignal, new_links)
    bulk_rows.insert_rows(Event, joined_repeats.timeline_lines(new_links))
    bulk_rows.update_rows(
        MeldingSignal, changed_links, ["person_key", "melding_id", "attached_as_repeat"]
    )
    bulk_rows.update_rows(
        Signal, changed_signals, ["status", "status_reason", "brp_note", *BRP_NAME.values()]
    )
    return stay_joined, new_links


def _go_decisions(result, melding_ids: dict[str, int], attached: set[str]):
    """Per melding of this run (not attached ones): the go ids, and the no-go ids with the
    'niet opgepakt' result their signals' statuses give."""
    statuses: dict[str, list[str]] = {}
    for key, status in result.signals.select("melding_key", "status").iter_rows():
        statuses.setdefault(key, []).append(status)
    go, no_go = [], {}
    for key, is_go in result.meldingen.select("melding_key", "go").iter_rows():
        if key in attached:
            continue
        if is_go:
            go.append(melding_ids[key])
        else:
            no_go[melding_ids[key]] = result_for_statuses(statuses[key])
    return go, no_go


def _summary(result, attached: set[str], stay_joined: int) -> dict:
    """The run's figures as the matching page shows them. Meldingen, go and the kinds count the
    meldingen the run made or refreshed: the Melding rows of the period that monitoring counts.
    A herhaalde melding that joined an earlier melding is no melding of this run; its signals
    are counted apart (``signals_joined_earlier``)."""
    statuses = result.signals.group_by("status").len().iter_rows()
    own = result.meldingen.filter(~pl.col("melding_key").is_in(list(attached)))
    joined = result.signals.filter(pl.col("melding_key").is_in(list(attached))).height
    joined += stay_joined
    return {
        "signals": result.signals.height,
        "signals_joined_earlier": joined,
        "meldingen": own.height,
        "statuses": {status: count for status, count in sorted(statuses)},
        # A flag's sum is its count (0 for no meldingen).
        **{flag: int(own[flag].sum()) for flag in ("go", "meervoudig", "opeenvolgend", "crisis")},
    }


def _with_kept_joined(summary: dict, kept_joined: dict[int, str]) -> dict:
    """The run's figures with the period's signals that stay in a closed earlier melding they
    joined (left out of the run): they are the period's signals, joined earlier."""
    statuses = dict(summary["statuses"])
    for status in kept_joined.values():
        statuses[status] = statuses.get(status, 0) + 1
    return {
        **summary,
        "signals": summary["signals"] + len(kept_joined),
        "signals_joined_earlier": summary["signals_joined_earlier"] + len(kept_joined),
        "statuses": dict(sorted(statuses.items())),
    }


@cyclic_gc_paused()  # model objects per row: the collector's walks cost a third of the time
def period_has_signals(municipality: Municipality, period: str) -> bool:
    """Whether ``municipality`` has signals with a signaaldatum in ``period`` (`YYYY-MM`)."""
    start, end = adapter.month_bounds(period)
    return Signal.objects.filter(
        municipality=municipality, signal_date__gte=start, signal_date__lte=end
    ).exists()


def match_period(
    municipality: Municipality,
    period: str,
    *,
    by=None,
    command_line_user: str = "",
    today: dt.date | None = None,
) -> MatchingRun:
    """Match one municipality's signals of one month (`YYYY-MM`); safe to run again.

    `by` is the user who started it on the website, `command_line_user` the server account
    that ran `vroegsignaal match`; neither: a scheduled task."""
    policy, versions = effective_policy(municipality)
    kept_joined = adapter.joined_to_closed_meldingen(municipality, period)
    signals = adapter.period_signals(municipality, period).filter(
        ~pl.col("signal_id").is_in(list(kept_joined))
    )
    start, _ = adapter.month_bounds(period)
    run = MatchingRun(
        municipality=municipality,
        period_start=start,
        regional_policy_version=versions.regional,
        policy_version=versions.own,
        started_by=by if getattr(by, "pk", None) else None,
        command_line_user=command_line_user,
    )
    if signals.is_empty():
        with transaction.atomic():
            # Signals that all stay in a closed earlier melding can still have been corrected.
            named = corrections.taken_in(corrections.pending(municipality, period))
            run.summary = _with_kept_joined(
                {"signals": 0, "signals_joined_earlier": 0, "meldingen": 0, "go": 0,
                 "statuses": {}},
                kept_joined,
            ) | {"changes": {**run_report.NO_CHANGES, "corrected": run_report.corrected_recorded(named)}}  # fmt: skip
            run.finished_at = timezone.now()
            run.save()
        return run
    result = run_matching(
        signals,
        adapter.history(municipality, period, policy.repeat_months),
        policy,
        clients=adapter.known_clients(municipality),
        brp=adapter.population_register(municipality),
        period=period,
    )
    matched_on = today or timezone.localdate()
    with transaction.atomic():
        # Read before the run links signals: a correction of a signal in no melding yet is
        # counted as the signal is now, without a line.
        corrected = corrections.pending(municipality, period)
        links = adapter.existing_links(result.signals["signal_id"].to_list())
        melding_ids, attached, created = _write_meldingen(municipality, result, matched_on, links)
        go, no_go = _go_decisions(result, melding_ids, attached)
        # A melding matching closed earlier that is now a go goes back to the queue first, so
        # its signals get their new statuses; no-go meldingen are closed after.
        why = partial(
            rematch_reasons,
            result,
            melding_ids,
            changed_since_previous_run(run),
            corrected=corrected.signal_ids,
        )
        reopened = reopen_picked_up_after_rematch(go, matched_on, why)
        untouched = _untouched(melding_ids)
        # A signal at a new address (a corrected delivery) goes to the melding of that address.
        moves = moved_signals.found(result, melding_ids, links)
        stay_joined, new_links = _write_signals(
            result, melding_ids, attached, links, untouched, moves
        )
        closed_no_go = {pk: no_go[pk] for pk in no_go.keys() & untouched}
        close_not_picked_up(closed_no_go, matched_on)
        moved = moved_signals.settled(moves, set(melding_ids.values()))
        # A moved signal's correction is named where it counts now.
        named = corrections.taken_in(corrected, now_in={pk: to for pk, (_, to) in moves.items()})
        run.summary = {
            **_with_kept_joined(_summary(result, attached, stay_joined), kept_joined),
            "changes": run_report.recorded(
                result, melding_ids, created, new_links, closed_no_go, reopened, named, moved
            ),
        }
        run.finished_at = timezone.now()
        run.save()
    return run


# What the matching page says of a run that failed for another reason than its policy; the
# traceback is for the operator: the log and the background tasks in the beheeromgeving, or
# the output of `vroegsignaal match` on the server.
RUN_FAILED = (
    "Er ging iets mis bij het matchen. De beheerder ziet de oorzaak bij de achtergrondtaken."
)
RUN_FAILED_ON_COMMAND_LINE = (
    "Er ging iets mis bij het matchen. De beheerder ziet de oorzaak in de uitvoer van de "
    "opdracht op de server."
)


def failure_reason(error: Exception, *, on_command_line: bool = False) -> str:
    """Why a run failed, as the matching page and `vroegsignaal match` say it: an invalid
    policy's own messages (they name the version to correct), else where the cause is."""
    if isinstance(error, PolicyError):
        return " ".join(error.messages)
    return RUN_FAILED_ON_COMMAND_LINE if on_command_line else RUN_FAILED


def record_failed_run(
    municipality: Municipality, period: str, by, error: Exception, *, command_line_user: str = ""
) -> MatchingRun:
    """Record that a run of `match_period` failed, so the matching page can say so, why and
    who started it (`by` on the website, `command_line_user` for `vroegsignaal match`).

    `match_period` writes everything in one transaction, so nothing of the run was stored."""
    if not isinstance(error, PolicyError):
        # An invalid policy is said in full on the page and by the command; anything else
        # needs the traceback.
        logger.exception("Matching van %s voor %s mislukt", municipality.code, period)
    start, _ = adapter.month_bounds(period)
    return MatchingRun.objects.create(
        municipality=municipality,
        period_start=start,
        started_by=by if getattr(by, "pk", None) else None,
        command_line_user=command_line_user,
        finished_at=timezone.now(),
        failure=failure_reason(error, on_command_line=bool(command_line_user)),
    )


def meldingen_report(municipality: Municipality, period: str) -> list[dict]:
    """The meldingen of a period with their signals, as `vroegsignaal meldingen --json` prints."""
    start, _ = adapter.month_bounds(period)
    meldingen = (
        Melding.objects.filter(municipality=municipality, period_start=start)
        .select_related("queue")
        .prefetch_related("signal_links__signal")
        .order_by("-priority_score", "due_on", "id")
    )
    return [
        {
            "id": m.id,
            "address_key": m.address_key,
            "signals": [
                {"id": link.signal_id, "status": link.signal.status,
                 "status_reason": link.signal.status_reason, "brp_note": link.signal.brp_note}
                for link in sorted(m.signal_links.all(), key=lambda link: link.signal_id)
            ],
            "flags": {"enkelvoudig": m.is_single, "meervoudig": m.is_multiple,
                      "opeenvolgend": m.is_consecutive, "crisis": m.is_crisis},
            "partner_types": m.partner_types,
            "total_amount_cents": m.total_amount_cents,
            "priority_score": m.priority_score,
            "priority_reasons": m.priority_reasons,
            # A no-go is closed by the run: it waits in no werkbakje, whatever queue the routing
            # rules gave it (that queue is used only if a later run makes it a go).
            "queue": m.queue.name if m.queue and m.go else None,
            "go": m.go,
        }
        for m in meldingen
    ]  # fmt: skip
