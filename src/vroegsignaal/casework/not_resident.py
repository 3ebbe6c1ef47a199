"""Confirming 'geen inwoner (meer)' for one signal of a melding, after the BRP check asked.

Matching holds a signal whose person the BRP did not find for the caseworker's check when
another person of the melding is found living at the address (or the melding has a crisis
signal): the note says 'controleer of de inwoner hier woont'. The whole melding cannot close as
'geen inwoner (meer)' while someone lives there (``casework.results``); the caseworker confirms
it for that signal. The signal then has Signaalstatus 'Persoon is geen inwoner (meer) in de
gemeente': it no longer counts in the melding (letters and figures take the signals casework
decides, ``signal_status.CASEWORK_STATUSES``), the feedback release tells its creditor as a
go/no-go correction (``signal_status.confirmed_not_resident_q``), and the melding goes on for the
others.
"""

from __future__ import annotations

from django.db import transaction

from vroegsignaal.casework import events
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.lifecycle import is_open
from vroegsignaal.casework.models import Melding, MeldingSignal
from vroegsignaal.casework.residence_check import asks_for_check
from vroegsignaal.casework.signal_status import CASEWORK_STATUSES
from vroegsignaal.casework.transitions import update_melding
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.intake.models import Signal
from vroegsignaal.organisations.models import User

CLOSE_INSTEAD = (
    "Dit is het laatste signaal dat meetelt in de melding: sluit de melding af met "
    "'Persoon is geen inwoner (meer) in de gemeente'."
)


def confirm_not_resident(
    melding: Melding, signal: Signal, by: User, expected_version: int
) -> Signal:
    """Give ``signal`` the status 'Persoon is geen inwoner (meer) in de gemeente' after the
    caseworker's check. Only while the melding is open, for a signal of the melding whose BRP
    note asks for the check and that still counts; never the last one that counts (then the
    melding itself closes with that result)."""
    if not is_open(melding.state):
        raise CaseworkError("De melding is afgesloten: een signaal bevestigen kan niet meer.")
    if not MeldingSignal.objects.filter(melding=melding, signal=signal).exists():
        raise CaseworkError("Dit signaal hoort niet bij de melding.")
    if not asks_for_check(signal.brp_note):
        raise CaseworkError(
            "Dit signaal vraagt geen controle van de BRP: bevestig 'geen inwoner (meer)' "
            "alleen bij een signaal met 'controleer of de inwoner hier woont'."
        )
    if signal.status not in CASEWORK_STATUSES:
        raise CaseworkError(f"Dit signaal telt al niet mee in de melding: {signal.status}.")
    others = MeldingSignal.objects.filter(
        melding=melding, signal__status__in=CASEWORK_STATUSES
    ).exclude(signal=signal)
    if not others.exists():
        raise CaseworkError(CLOSE_INSTEAD)
    with transaction.atomic():
        states = update_melding(melding, expected_version, **_figures_of(others))
        Signal.objects.filter(pk=signal.pk).update(status=Signaalstatus.GEEN_INWONER)
        signal.status = Signaalstatus.GEEN_INWONER
        events.signal_not_resident(melding, by, signal.creditor.name, states)
    return signal


def _figures_of(counted) -> dict:
    """The melding's amount and partner types over the signals that still count, as the
    matching computes them over the picked-up signals. Its priority and route follow at the
    next run, which counts the melding so too (``matching.adapter.period_signals``)."""
    signals = Signal.objects.filter(melding_link__in=counted).select_related("creditor")
    partner_types = sorted({signal.creditor.partner_type for signal in signals})
    return {
        "total_amount_cents": sum(signal.amount_cents for signal in signals),
        "partner_types": partner_types,
        "partner_type_count": len(partner_types),
    }
