"""What the melding page shows, gathered in a fixed, small number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format

from vroegsignaal import dutch_numbers
from vroegsignaal.casework import contact, conversation, events, payments
from vroegsignaal.casework.actions import available_actions
from vroegsignaal.casework.address_history import address_history
from vroegsignaal.casework.heropaf import heropaf_applies
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import Melding
from vroegsignaal.casework.not_resident import confirmed_on_page
from vroegsignaal.casework.out_of_sight import is_out_of_assignees_sight
from vroegsignaal.casework.persons import persons_of
from vroegsignaal.casework.policy import calendar_for, policy_for
from vroegsignaal.casework.postal_address import open_melding_warning
from vroegsignaal.casework.residence_check import may_confirm, residence_checks
from vroegsignaal.casework.signal_status import (
    not_picked_up,
    why_nobody_to_follow_up,
    why_told_as_not_picked_up,
)
from vroegsignaal.casework.terms import melding_deadlines
from vroegsignaal.intake.corrections import described, per_signal
from vroegsignaal.intake.models import Signal, SignalCorrection
from vroegsignaal.organisations.models import User


@dataclass(frozen=True)
class HeropafAnswerRow:
    """A signal partner's answer to the heropaf question of this round, in words."""

    creditor: str
    answer: str
    answered: bool
    asked: bool = True


def heropaf_answers(
    melding: Melding, creditors, contact_round: int | None = None
) -> list[HeropafAnswerRow]:
    """Per signal partner of ``melding`` the answer to the heropaf question of the current
    round, or of ``contact_round`` (the feedback app's HeropafCheck, read only): the answer, the
    amount still open and the day it came; or that no answer came yet and by when it is due; or
    that none was asked."""
    round_ = melding.contact_round if contact_round is None else contact_round
    checks = {
        check.creditor_id: check for check in melding.heropaf_checks.filter(contact_round=round_)
    }
    rows = []
    for creditor in sorted(creditors, key=lambda c: c.name):
        check = checks.get(creditor.pk)
        if check is None:
            text = "niet gevraagd: geen heropafvraag aan deze signaalpartner"
        elif not check.answer:
            text = f"nog geen antwoord (uiterlijk {check.answer_due_on:%d-%m-%Y})"
        else:
            parts = [check.get_answer_display()]
            if check.amount_open_cents is not None:
                parts.append(f"nog open: {dutch_numbers.euros(check.amount_open_cents)}")
            if check.answered_at is not None:
                parts.append(f"beantwoord op {timezone.localdate(check.answered_at):%d-%m-%Y}")
            text = "; ".join(parts)
        answered = check is not None and bool(check.answer)
        rows.append(HeropafAnswerRow(creditor.name, text, answered, check is not None))
    return rows


def earlier_heropaf_answers(melding: Melding, creditors) -> list[tuple[int, list]]:
    """The answers to the heropaf of each earlier round (after a reopening), per round: what
    the new home visit needs, above all the amount a partner said is still open (QA15 B3).
    Only the partners asked in that round."""
    rounds = sorted(
        set(
            melding.heropaf_checks.filter(contact_round__lt=melding.contact_round).values_list(
                "contact_round", flat=True
            )
        )
    )
    return [
        (round_, [row for row in heropaf_answers(melding, creditors, round_) if row.asked])
        for round_ in rounds
    ]


def card_buttons(visits) -> list[tuple]:
    """Each missed home visit without a card, with the words that tell its button apart: the
    date and dagdeel, and when another visit shares both what tells them apart
    (``contact.visit_distinctions``)."""
    distinctions = contact.visit_distinctions(visits)
    buttons = []
    for visit in visits:
        when = f"{visit.attempted_on:%d-%m-%Y} ({visit.part_of_day.lower()}"
        if distinctions[visit.pk]:
            when += f", {distinctions[visit.pk]}"
        buttons.append((visit, when + ")"))
    return buttons


def multiple_without_points(melding: Melding, signals: list[Signal]) -> str:
    """Why a meervoudige melding whose signals come from one kind of signal partner has no
    points for being meervoudig: the badge counts signals, the priority scores extra partner
    types (matching.engine.priority), and a caseworker would take the score for wrong. Counts
    the signals of the melding's own period, as the badge does: not those joined later as
    herhaalde melding."""
    own = [signal for signal in signals if not signal.melding_link.attached_as_repeat]
    partner_types = {signal.creditor.partner_type for signal in own}
    if not melding.is_multiple or len(partner_types) != 1:
        return ""
    return (
        f"Meervoudig: {dutch_numbers.counted(len(own), 'signaal', 'signalen')} van één soort "
        f"signaalpartner ({partner_types.pop()}); punten krijgt een melding pas bij meer "
        "soorten signaalpartners."
    )


def corrections_not_counted(melding: Melding) -> list[str]:
    """Per signal of ``melding`` its creditor corrected since the run that matched it: what
    changed, and that the melding counts it only after its month is matched again (QA14 B2;
    ``matching.corrections``). Otherwise the page shows the new amount in the signals and the
    old total above them."""
    rows = (
        SignalCorrection.objects.filter(matched=False, signal__melding_link__melding=melding)
        .order_by("created_at", "id")
        .values_list("signal_id", "created_at", "changes", "signal__creditor__name",
                     "signal__signal_date")
    )  # fmt: skip
    return [
        f"Het signaal van {creditor} ({signal_date:%d-%m-%Y}) is op {day:%d-%m-%Y} verbeterd "
        f"aangeleverd: {described(changes)}. Totale achterstand, prioriteit, kenmerken en "
        "werkbakje van deze melding tellen dat pas na opnieuw matchen van "
        f"{date_format(signal_date, 'F Y')} (meldpunt, pagina Matching)."
        for (creditor, signal_date), day, changes in per_signal(rows).values()
    ]


def melding_context(melding: Melding, today: date, viewer: User) -> dict:
    """The template context of the melding page, as `viewer` may see it."""
    signals = list(
        Signal.objects.filter(melding_link__melding=melding)
        .select_related("creditor", "melding_link")
        .order_by("signal_date", "pk")
    )
    attempts = contact.in_time_order(melding.contact_attempts.select_related("recorded_by"))
    lines = list(melding.budget_lines.all())
    policy = policy_for(melding.municipality)
    creditors = {signal.creditor for signal in signals}
    timeline = [(event, events.describe(event)) for event in melding.events.select_related("actor")]
    actions = available_actions(melding)
    confirmed = confirmed_on_page(melding)
    # A heropaf reopening blanks the melding's result; the rounds before keep theirs.
    earlier_results = (
        list(melding.round_results.filter(contact_round__lt=melding.contact_round))
        if melding.contact_round > 1
        else []
    )
    return {
        "melding": melding,
        "state_label": State(melding.state).label,
        "assignee_out_of_sight": is_out_of_assignees_sight(melding),
        "actions": actions,
        "heropaf_answers": heropaf_answers(melding, creditors) if "reopen" in actions else [],
        "not_picked_up": not_picked_up(melding),
        # What the feedback release does with the closed melding (feedback.release).
        "heropaf_follows": heropaf_applies(melding),
        "told_as_not_picked_up_because": why_told_as_not_picked_up(melding),
        "no_heropaf_because": why_nobody_to_follow_up(melding),
        "earlier_results": earlier_results,
        "earlier_heropaf_answers": (
            earlier_heropaf_answers(melding, creditors) if melding.contact_round > 1 else []
        ),
        "signals": signals,
        "multiple_without_points": multiple_without_points(melding, signals),
        "residence_checks": residence_checks(melding, signals),
        # No letter can go to an address without street or woonplaats; said while one may be
        # sent (QA14 B13).
        "no_letter_address": open_melding_warning(melding),
        "corrections_not_counted": corrections_not_counted(melding),
        # The signals whose 'geen inwoner (meer)' the caseworker can confirm one by one.
        "confirmable": {signal.pk for signal in signals if may_confirm(melding, signal)},
        # Each resident with the confirmations 'geen inwoner (meer)' of their signals.
        "persons": [
            (person, [confirmed[s.pk] for s in person.signals if s.pk in confirmed])
            for person in persons_of(signals)
        ],
        "at_address": address_history(melding, viewer),
        "deadlines": melding_deadlines(
            melding, today, policy, calendar_for(melding.municipality_id)
        ),
        "attempts": attempts,
        "missed_visits": card_buttons(contact.missed_visits_without_card(attempts)),
        "propose_no_contact": contact.proposes_no_contact(melding, attempts, policy),
        "no_contact_after": policy.no_contact_after_attempts,
        "conversations": list(melding.conversations.select_related("recorded_by")),
        # The plan in force first; earlier versions after it, newest first.
        "plans": [
            (plan, payments.agreements_by_name(plan, creditors))
            for plan in melding.plans.select_related("recorded_by").order_by("-created_at", "-id")
        ],
        "referrals": list(melding.referrals.all()),
        "budget_lines": lines,
        "balance_cents": conversation.monthly_balance(lines),
        "timeline": timeline,
    }
