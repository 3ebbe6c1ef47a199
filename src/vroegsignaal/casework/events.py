"""The timeline of a melding: one small function per kind of event, and the Dutch line it shows.

Each function stores who did what and, where the action moved the melding, the states before and
after. ``describe(event)`` gives the sentence the timeline shows; details hold only what that
sentence needs, so the timeline never repeats the content of a conversation.
"""

from __future__ import annotations

from datetime import date

from vroegsignaal.casework import residence_check
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import (
    WENT_OUT,
    ContactAttempt,
    Event,
    EventKind,
    Melding,
    Referral,
    ReferralKind,
)
from vroegsignaal.casework.no_go import RematchReason, why_not_picked_up
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.dutch_numbers import euros
from vroegsignaal.dutch_text import listed
from vroegsignaal.intake import corrections
from vroegsignaal.organisations.models import User


def _record(
    melding: Melding, kind: EventKind, by: User | None, states: tuple[State, State], /, **details
) -> Event:
    before, after = states
    if before != after:
        details["state"] = [str(before), str(after)]
    return Event.objects.create(melding=melding, kind=kind, actor=by, details=details)


def _unchanged(melding: Melding) -> tuple[State, State]:
    """The states of an event that leaves the melding's phase as it is."""
    same = State(melding.state)
    return same, same


def assigned(melding: Melding, by: User, to_user: User, states) -> Event:
    """The melding was assigned to ``to_user`` (possibly the actor)."""
    return _record(melding, EventKind.ASSIGNED, by, states, to=to_user.display_name)


def unassigned(melding: Melding, by: User, states) -> Event:
    """The assignment was withdrawn; the melding is back in the unassigned queue."""
    return _record(melding, EventKind.UNASSIGNED, by, states)


def contact_attempt(melding: Melding, by: User, attempt: ContactAttempt, states) -> Event:
    """A contact attempt was recorded (a card left after a missed visit is one as well), with
    its time when known (``at``)."""
    at = {"at": f"{attempt.moment:%H:%M}"} if attempt.moment is not None else {}
    return _record(
        melding,
        EventKind.CONTACT_ATTEMPT,
        by,
        states,
        kind=attempt.kind,
        on=attempt.attempted_on.isoformat(),
        part_of_day=attempt.part_of_day,
        reached=attempt.reached,
        **at,
    )


def help_accepted(melding: Melding, by: User, attempt: ContactAttempt) -> Event:
    """The resident accepted help at ``attempt`` (at the door, on the phone). A line of its own,
    as a conversation's answer is in the conversation's line: the first acceptance starts the
    term for the first conversation, so the caseworker looks for that day."""
    return _record(
        melding,
        EventKind.HELP_ACCEPTED,
        by,
        _unchanged(melding),
        kind=attempt.kind,
        on=attempt.attempted_on.isoformat(),
    )


def conversation(melding: Melding, by: User, held_on: date, help_accepted: str, states) -> Event:
    """A conversation with the resident was recorded."""
    return _record(
        melding,
        EventKind.CONVERSATION,
        by,
        states,
        on=held_on.isoformat(),
        help_accepted=help_accepted,
    )


ADDED, CHANGED, REMOVED = "added", "changed", "removed"
_BUDGET_CHANGES = {ADDED: "toegevoegd", CHANGED: "gewijzigd", REMOVED: "verwijderd"}


def budget_line(melding: Melding, by: User, description: str, states, change=ADDED) -> Event:
    """A line of the budget scan was added, changed or removed (``change``); the timeline names
    the line, never its amount."""
    details = {"description": description}
    if change != ADDED:  # events from before lines could change say nothing: added
        details["change"] = change
    return _record(melding, EventKind.BUDGET_LINE, by, states, **details)


def plan(
    melding: Melding, by: User, debt_help_started: bool, states, *, amended: bool = False
) -> Event:
    """A plan van aanpak was recorded, or (``amended``) a new version of the plan in force."""
    changed = {"amended": True} if amended else {}
    return _record(
        melding, EventKind.PLAN, by, states, debt_help_started=debt_help_started, **changed
    )


def _referral_named(referral: Referral) -> dict:
    """What a referral's lines name it by; 'Anders' alone says nothing, so its toelichting too
    (erasure blanks it)."""
    other = {"other": referral.note} if referral.kind == ReferralKind.OTHER else {}
    return {"to": referral.get_kind_display(), **other}


def referral(melding: Melding, by: User, referral: Referral, states) -> Event:
    """The resident was referred, with a warm hand-over on ``referral.handover_on``."""
    return _record(
        melding,
        EventKind.REFERRAL,
        by,
        states,
        on=referral.handover_on.isoformat(),
        **_referral_named(referral),
    )


def handover_moved(melding: Melding, by: User, referral: Referral, moved_from: date) -> Event:
    """The warm hand-over of ``referral`` moved from ``moved_from`` to its ``handover_on``."""
    return _record(
        melding,
        EventKind.HANDOVER_MOVED,
        by,
        _unchanged(melding),
        moved_from=moved_from.isoformat(),
        on=referral.handover_on.isoformat(),
        **_referral_named(referral),
    )


def closed(
    melding: Melding,
    by: User,
    result: str,
    states,
    satisfaction: int | None = None,
    despite: tuple[str, ...] = (),
) -> Event:
    """The melding was closed with a DDAS Eindresultaat (and the resident's cijfer, if asked).
    'Geen inwoner (meer)' on a melding whose BRP check asked the caseworker to look keeps what
    the check found (``after_check``): the caseworker confirmed it, the matching did not.
    ``despite``: what the file held that the result contradicts, confirmed by the caseworker
    (``casework.contradictions``)."""
    asked = {} if satisfaction is None else {"satisfaction": satisfaction}
    if despite:
        asked["despite"] = list(despite)
    if result == Eindresultaat.GEEN_INWONER and (
        found := residence_check.checked_not_found(melding)
    ):
        asked["after_check"] = found
    return _record(melding, EventKind.CLOSED, by, states, result=result, **asked)


def heropaf_scheduled(melding: Melding, by: User | None, feedback_on: date, due: date) -> Event:
    """The creditor was informed; the heropaf follows on ``due``."""
    return _record(
        melding,
        EventKind.HEROPAF_SCHEDULED,
        by,
        _unchanged(melding),
        feedback_on=feedback_on.isoformat(),
        due=due.isoformat(),
    )


def heropaf_done(melding: Melding, by: User | None, by_partners: bool = False) -> Event:
    """At the heropaf the creditor reported regular payments: nothing more to do;
    ``by_partners`` when every signal partner's 'ja' settled it (then ``by`` is None)."""
    details = {"by_partners": True} if by_partners else {}
    return _record(melding, EventKind.HEROPAF_DONE, by, _unchanged(melding), **details)


def heropaf_unanswered(melding: Melding, by: User, not_answered: list[str]) -> Event:
    """The caseworker closed the heropaf while ``not_answered`` (signal partners asked) gave
    no answer: nobody established that payments run again (QA15 B1)."""
    return _record(
        melding, EventKind.HEROPAF_UNANSWERED, by, _unchanged(melding), not_answered=not_answered
    )


def heropaf_late_answer(
    melding: Melding, creditor: str, answer: str, amount_open_cents: int | None, round_: int
) -> Event:
    """A signal partner answered the heropaf question of ``round_`` after that heropaf was
    decided (reopened by another partner's 'nee', or closed): it stays in the timeline."""
    details = {"creditor": creditor, "answer": answer, "contact_round": round_}
    if amount_open_cents is not None:
        details["amount"] = amount_open_cents
    return _record(melding, EventKind.HEROPAF_LATE_ANSWER, None, _unchanged(melding), **details)


def reopened(
    melding: Melding,
    by: User | None,
    contact_round: int,
    states,
    answered_by: str = "",
    amount_open_cents: int | None = None,
) -> Event:
    """The heropaf showed no regular payments: a new contact round starts. ``answered_by`` is
    the signal partner whose 'nee' reopened it (then ``by`` is None: the system did), with the
    amount it said is still open."""
    details = {"contact_round": contact_round}
    if answered_by:
        details["answered_by"] = answered_by
    if amount_open_cents is not None:
        details["amount"] = amount_open_cents
    return _record(melding, EventKind.REOPENED, by, states, **details)


def signal_not_resident(
    melding: Melding, by: User, creditor: str, states, checked: str, other: str = ""
) -> Event:
    """The caseworker confirmed, after the BRP check asked, that the person of one signal (of
    ``creditor``) is no resident (any more), checked so (``checked``: 'Huisbezoek'; for
    'Anders' the caseworker's words in ``other``); the melding goes on for the others."""
    words = {"other": other} if other else {}
    return _record(
        melding, EventKind.SIGNAL_NOT_RESIDENT, by, states, creditor=creditor, checked=checked,
        **words,
    )  # fmt: skip


def not_resident_withdrawn(melding: Melding, by: User, creditor: str, states) -> Event:
    """The caseworker withdrew that confirmation before a release told ``creditor``: the signal
    counts again. The same kind of event, so the line stands with the confirmation."""
    return _record(
        melding, EventKind.SIGNAL_NOT_RESIDENT, by, states, creditor=creditor, withdrawn=True
    )


def repeat_joined(melding_id: int, creditor: str, signal_date: date, amount_cents: int) -> Event:
    """A matching run joined a later signal of ``creditor`` to the melding as a herhaalde
    melding (the same creditor reported the same customer again). Unsaved: a run writes its
    lines in bulk, once per signal, when it links the signal (no actor: the system did)."""
    return Event(
        melding_id=melding_id,
        kind=EventKind.REPEAT_JOINED,
        details={"creditor": creditor, "on": signal_date.isoformat(), "amount": amount_cents},
    )


def signal_corrected(
    melding_id: int, creditor: str, signal_date: date, corrected_on: date, changes: dict
) -> Event:
    """A matching run counted a signal of ``creditor`` again that the creditor corrected since
    the previous run (delivered on ``corrected_on``), with what changed
    (``intake.corrections``). Unsaved: a run writes its lines in bulk, once per correction."""
    return Event(
        melding_id=melding_id,
        kind=EventKind.SIGNAL_CORRECTED,
        details={
            "creditor": creditor,
            "on": signal_date.isoformat(),
            "corrected_on": corrected_on.isoformat(),
            "changes": changes,
        },
    )


def signal_moved(melding_id: int, creditor: str, signal_date: date, **where) -> Event:
    """A matching run moved a signal of ``creditor`` whose address changed (a corrected
    delivery) to the melding of its new address (`matching.moved_signals`): on the melding it
    left ``to_melding`` (its kenmerk) and, when that melding has no signals left,
    ``emptied`` (and ``still_open``); on the melding it joined ``from_melding`` and, when the
    melding it left was dropped, ``dropped``. Unsaved: a run writes its lines in bulk."""
    return Event(
        melding_id=melding_id,
        kind=EventKind.SIGNAL_MOVED,
        details={"creditor": creditor, "on": signal_date.isoformat(), **where},
    )


def letter(melding: Melding, by: User, title: str, states, about: str = "") -> Event:
    """A letter was made that is not an attempt to reach the resident (e.g. the confirmation
    of an appointment made with them); letters that are attempts are contact attempts."""
    details = {"title": title, "about": about} if about else {"title": title}
    return _record(melding, EventKind.LETTER, by, states, **details)


def _dutch_date(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d-%m-%Y")


def _lower_first(text: str) -> str:
    # 'Niet gevonden in de BRP ...' in the middle of a sentence.
    return text[:1].lower() + text[1:]


def _reached(details: dict) -> str:
    reached = "bereikt" if details["reached"] else WENT_OUT.get(details["kind"], "niet bereikt")
    day, part = _dutch_date(details["on"]), details["part_of_day"].lower()
    # The dagdeel stays beside the time: the caseworker may have chosen one the time does not
    # imply. Attempts with only a dagdeel (and events from before times were kept) lack 'at'.
    when = f"{day} om {details['at']} ({part})" if "at" in details else f"{day}, {part}"
    return f"{details['kind']} op {when}: {reached}"


_DESCRIPTIONS = {
    EventKind.ASSIGNED: lambda d: f"Toegewezen aan {d['to']}",
    EventKind.UNASSIGNED: lambda d: "Toewijzing ingetrokken",
    EventKind.CONTACT_ATTEMPT: _reached,
    EventKind.HELP_ACCEPTED: lambda d: (
        f"Hulp geaccepteerd op {_dutch_date(d['on'])} bij een contactpoging ({d['kind']})"
    ),
    EventKind.CONVERSATION: lambda d: (
        f"Gesprek op {_dutch_date(d['on'])}; hulp geaccepteerd: {d['help_accepted']}"
    ),
    EventKind.BUDGET_LINE: lambda d: (
        f"Budgetscan: regel '{d['description']}' {_BUDGET_CHANGES[d.get('change', ADDED)]}"
    ),
    EventKind.PLAN: lambda d: (
        ("Plan van aanpak gewijzigd" if d.get("amended") else "Plan van aanpak vastgelegd")
        + ("; schuldhulpverleningstraject gestart" if d["debt_help_started"] else "")
    ),
    EventKind.REFERRAL: lambda d: (
        f"Verwezen naar {d['to']}"
        + (f" ({d['other']})" if d.get("other") else "")
        + f"; warme overdracht op {_dutch_date(d['on'])}"
    ),
    EventKind.HANDOVER_MOVED: lambda d: (
        f"Warme overdracht naar {d.get('other') or d['to'].lower()} verzet van "
        f"{_dutch_date(d['moved_from'])} naar {_dutch_date(d['on'])}"
    ),
    EventKind.CLOSED: lambda d: (
        f"Afgesloten met eindresultaat '{d['result']}'"
        + (f" na controle: {_lower_first(d['after_check'])}" if "after_check" in d else "")
        + (f", bewust ondanks {listed(d['despite'])}" if d.get("despite") else "")
        + (f"; tevredenheid inwoner: {d['satisfaction']}" if "satisfaction" in d else "")
    ),
    EventKind.HEROPAF_SCHEDULED: lambda d: (
        f"Signaalpartner geïnformeerd op {_dutch_date(d['feedback_on'])}; "
        f"heropaf op {_dutch_date(d['due'])}"
    ),
    EventKind.HEROPAF_DONE: lambda d: (
        "Heropaf: de betalingen lopen weer"
        + (" volgens het antwoord van elke signaalpartner" if d.get("by_partners") else "")
        + ", geen actie nodig"
    ),
    EventKind.HEROPAF_UNANSWERED: lambda d: (
        "Heropaf afgerond zonder antwoord van de signaalpartner"
        + (f" ({listed(d['not_answered'])})" if d.get("not_answered") else "")
        + "; niet vastgesteld dat de betalingen weer lopen. Een 'nee' dat nog komt, heropent "
        "de melding"
    ),
    EventKind.HEROPAF_LATE_ANSWER: lambda d: (
        f"Antwoord van {d['creditor']} op de heropafvraag van contactronde "
        f"{d['contact_round']}, na het afronden van die heropaf: {d['answer']}"
        + (f"; nog open: {euros(d['amount'])}" if "amount" in d else "")
    ),
    EventKind.REOPENED: lambda d: (
        "Heropend door heropaf"
        + (
            f" na het antwoord van {d['answered_by']} (de betalingen lopen niet"
            + (f"; nog open: {euros(d['amount'])}" if "amount" in d else "")
            + ")"
            if d.get("answered_by")
            else ""
        )
        + f"; contactronde {d['contact_round']}"
    ),
    EventKind.NOT_PICKED_UP: lambda d: (
        f"Niet opgepakt{why_not_picked_up(d['result'])}; "
        f"afgesloten met eindresultaat '{d['result']}'"
    ),
    EventKind.PICKED_UP_AFTER_REMATCH: lambda d: (
        "Bij opnieuw matchen alsnog op te pakken" + _rematch_reasons(d) + "; terug in het werkbakje"
    ),
    EventKind.SIGNAL_NOT_RESIDENT: lambda d: _not_resident(d),
    EventKind.REPEAT_JOINED: lambda d: (
        f"Later signaal van {d['creditor']} ({_dutch_date(d['on'])}, {euros(d['amount'])}) "
        "toegevoegd als herhaalde melding"
    ),
    EventKind.SIGNAL_CORRECTED: lambda d: (
        f"Signaal van {d['creditor']} ({_dutch_date(d['on'])}) verbeterd aangeleverd op "
        f"{_dutch_date(d['corrected_on'])}: {corrections.described(d['changes'])}"
    ),
    EventKind.SIGNAL_MOVED: lambda d: _moved(d),
    EventKind.LETTER: lambda d: (
        f"{d['title']} gemaakt" + (f" voor {d['about']}" if "about" in d else "")
    ),
}


# The Dutch name of each detail an event keeps (the inzage's JSON gives them so); a detail
# added to a function above gets its name here.
DETAIL_NAMES = {
    "state": "fase ervoor en erna",
    "to": "aan",
    "kind": "contactsoort",
    "on": "datum",
    "part_of_day": "dagdeel",
    "reached": "inwoner bereikt",
    "at": "tijd",
    "help_accepted": "hulp geaccepteerd",
    "description": "regel budgetscan",
    "change": "wijziging",
    "debt_help_started": "schuldhulpverleningstraject gestart",
    "amended": "plan gewijzigd",
    "other": "toelichting",
    "moved_from": "verzet van",
    "result": "eindresultaat",
    "satisfaction": "tevredenheid inwoner",
    "after_check": "na controle",
    "despite": "bewust afgesloten ondanks",
    "feedback_on": "signaalpartner geïnformeerd op",
    "due": "heropaf op",
    "by_partners": "volgens het antwoord van elke signaalpartner",
    "contact_round": "contactronde",
    "answered_by": "antwoord van",
    "not_answered": "geen antwoord van",
    "answer": "antwoord",
    "title": "brief",
    "about": "voor",
    "reasons": "redenen",
    "creditor": "signaalpartner",
    "checked": "gecontroleerd via",
    "withdrawn": "bevestiging ingetrokken",
    "amount": "bedrag",
    "corrected_on": "verbeterd aangeleverd op",
    "changes": "wijzigingen",
    "to_melding": "naar melding",
    "from_melding": "van melding",
    "emptied": "geen signalen meer",
    "still_open": "nog open",
    "dropped": "vervallen",
}


def details_in_dutch(event: Event) -> dict:
    """The event's details by their Dutch names, with the phases and the change of a budget
    line in words and an amount in euros (the other details are Dutch text, dates, numbers or
    yes/no already)."""
    dutch = {}
    for key, value in event.details.items():
        if key == "state":
            value = [State(state).label for state in value]
        elif key == "change":
            value = _BUDGET_CHANGES.get(value, value)
        elif key == "reasons":
            value = [RematchReason(reason).label for reason in value]
        elif key == "amount":
            value = euros(value)
        elif key == "changes":
            value = corrections.described(value)
        dutch[DETAIL_NAMES.get(key, key.replace("_", " "))] = value
    return dutch


def _not_resident(details: dict) -> str:
    if details.get("withdrawn"):
        return (
            f"Bevestiging 'geen inwoner (meer)' voor het signaal van {details['creditor']} "
            "ingetrokken; het signaal telt weer mee"
        )
    # Confirmations from before the check was asked say only that there was one.
    how = details.get("other") or details.get("checked")
    checked = f" ({how})" if how else ""
    return f"Signaal van {details['creditor']}: geen inwoner (meer) na controle{checked}"


def _moved(details: dict) -> str:
    signal = f"Signaal van {details['creditor']} ({_dutch_date(details['on'])})"
    why = "het adres van het signaal veranderde"
    if "from_melding" in details:
        came = f"{signal} kwam over van melding {details['from_melding']}: {why}"
        if details.get("dropped"):
            came += (
                f". Melding {details['from_melding']} is vervallen: zij had geen signalen meer "
                "en niemand had eraan gewerkt"
            )
        return came
    went = f"{signal} hoort nu bij melding {details['to_melding']}: {why}"
    if details.get("emptied"):
        went += ". Deze melding heeft geen signalen meer; het werk eraan blijft staan"
        if details.get("still_open"):
            went += ". Sluit haar af met het eindresultaat dat bij het gedane werk past"
    return went


def _rematch_reasons(details: dict) -> str:
    # Events written before the run recorded its reasons name none (they said 'door later
    # aangeleverde signalen' whatever the cause was).
    names = [RematchReason(reason).label for reason in details.get("reasons", [])]
    return f" ({'; '.join(names)})" if names else ""


def describe(event: Event, *, with_phase: bool = True) -> str:
    """The Dutch sentence for ``event`` on the timeline, with the state change if there was one
    (``with_phase=False``: without it, for readers to whom phases are bookkeeping)."""
    text = _DESCRIPTIONS[EventKind(event.kind)](event.details)
    if with_phase and "state" in event.details:
        before, after = (State(value).label for value in event.details["state"])
        text += f" (fase: {before} → {after})"
    return text
