"""Warm hand-overs planned ahead: a referral may be recorded before its hand-over takes place
(``dates.HANDOVER_PLANNED_DAYS``). Until that day the referral is an appointment, not a referral
made, so a result that rests on it waits (``results``), and from that day on the caseworker of the
melding sees it in the werkbakjes overview until the melding is closed: whether the hand-over
took place is not recorded anywhere else, and a melding left open is easily forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F

from vroegsignaal.casework.access import meldingen_visible_to
from vroegsignaal.casework.lifecycle import State
from vroegsignaal.casework.models import Melding, Referral, ReferralKind
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
