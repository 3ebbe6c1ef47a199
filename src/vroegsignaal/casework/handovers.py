"""Warm hand-overs planned ahead: a referral may be recorded before its hand-over takes place
(``dates.HANDOVER_PLANNED_DAYS``). Until that day the referral is an appointment, not a referral
made, so a result that rests on it waits (``results``), and from that day on the caseworker of the
melding sees it in the werkbakjes overview until the melding is closed: whether the hand-over
took place is not recorded anywhere else, and a melding left open is easily forgotten.
A hand-over that moves to another day is moved on its referral (``move_handover``), not recorded
again: the closing rule and the overview then wait for the new day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F

from vroegsignaal.casework import events
from vroegsignaal.casework.access import meldingen_visible_to
from vroegsignaal.casework.dates import check_recorded_date
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.lifecycle import State, is_open
from vroegsignaal.casework.models import Melding, Referral, ReferralKind
from vroegsignaal.casework.transitions import update_melding
from vroegsignaal.organisations.models import User


def handover_to(referral: Referral) -> str:
    """What the resident is handed over to, as a sentence says it after 'naar':
    'schuldhulpverlening', or for 'Anders' its toelichting ('Schuldmaatje')."""
    if referral.kind == ReferralKind.OTHER and referral.note:
        return referral.note
    return referral.get_kind_display().lower()


@dataclass(frozen=True)
class DueHandover:
    """A planned warm hand-over whose day has come while its melding is still open."""

    melding: Melding
    to: str
    on: date


def due_handovers(user: User, today: date) -> list[DueHandover]:
    """The warm hand-overs of the open meldingen assigned to ``user`` that were recorded before
    their day and whose day is ``today`` or has passed (a Saturday's shows on Monday), in the
    melding's current contact round; earliest first. A referral recorded on or after its
    hand-over day is one that took place: nothing to check."""
    # Assigned to ``user``, and within her reach as every casework list is.
    open_meldingen = meldingen_visible_to(user).filter(assigned_to=user)
    referrals = (
        Referral.objects.filter(
            melding__in=open_meldingen.exclude(state=State.CLOSED),
            contact_round=F("melding__contact_round"),
            handover_on__lte=today,
            created_at__date__lt=F("handover_on"),
        )
        .select_related("melding")
        .order_by("handover_on", "melding_id", "id")
    )
    return [DueHandover(r.melding, handover_to(r), r.handover_on) for r in referrals]


NEW_DAY_LABEL = "Nieuwe datum warme overdracht"


def move_handover(
    melding: Melding, by: User, expected_version: int, referral: Referral, handover_on: date
) -> Referral:
    """Move the warm hand-over of ``referral`` to ``handover_on`` ('Overdracht verzetten').

    Rules: only a referral of the open melding's current contact round (a closed melding's
    result and what the creditor heard rest on the day it had); the new day follows ``refer``'s
    date rules (not before the matching date, at most ``dates.HANDOVER_PLANNED_DAYS`` ahead)
    and differs from the day it has. The timeline keeps both days."""
    if referral.melding_id != melding.pk:
        raise CaseworkError("Deze verwijzing hoort niet bij deze melding.")
    if not is_open(melding.state):
        raise CaseworkError(
            "De melding is afgesloten; de warme overdracht verzetten kan niet meer."
        )
    if referral.contact_round != melding.contact_round:
        raise CaseworkError(
            "Deze verwijzing hoort bij een eerdere contactronde; de warme overdracht daarvan "
            "verzetten kan niet meer. Leg in deze ronde een nieuwe verwijzing vast."
        )
    check_recorded_date(
        melding, handover_on, label=NEW_DAY_LABEL, field="handover_on", planned=True
    )
    moved_from = referral.handover_on
    if handover_on == moved_from:
        raise CaseworkError(
            f"{NEW_DAY_LABEL}: de overdracht staat al op {moved_from:%d-%m-%Y}. "
            "Vul de dag in waarnaar de overdracht is verzet.",
            field="handover_on",
        )
    with transaction.atomic():
        update_melding(melding, expected_version)
        referral.handover_on = handover_on
        referral.save(update_fields=["handover_on"])
        events.handover_moved(melding, by, referral, moved_from)
    return referral
