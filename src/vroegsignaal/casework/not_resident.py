"""Confirming 'geen inwoner (meer)' for one signal of a melding, after the BRP check asked, and
withdrawing that confirmation.

Matching holds a signal whose person the BRP did not find for the caseworker's check when
another person of the melding is found living at the address (or the melding has a crisis
signal): the note says 'controleer of de inwoner hier woont'. The whole melding cannot close as
'geen inwoner (meer)' while someone lives there (``casework.results``); the caseworker confirms
it for that signal, on a page of its own that says what follows and asks how it was checked
(``NotResidentConfirmation``). The signal then has Signaalstatus 'Persoon is geen inwoner (meer)
in de gemeente': it no longer counts in the melding (letters and figures take the signals
casework decides, ``signal_status.CASEWORK_STATUSES``), the feedback release tells its creditor
as a go/no-go correction (``signal_status.confirmed_not_resident_q``), and the melding goes on
for the others. Its figures, priority and werkbakje are counted again as a matching run counts
them (``matching.recount``), so the page and the next run agree.

Until a release told the creditor, the caseworker can withdraw the confirmation: the signal
counts again, with the status the others have, and nothing is told. After that release the
creditor may already act on it (collection resumes), so withdrawing is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from vroegsignaal.casework import events
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.lifecycle import is_open
from vroegsignaal.casework.models import (
    Melding,
    MeldingSignal,
    NotResidentConfirmation,
    ResidenceCheckMethod,
)
from vroegsignaal.casework.residence_check import asks_for_check
from vroegsignaal.casework.signal_status import CASEWORK_STATUSES
from vroegsignaal.casework.transitions import update_melding
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.feedback.release import go_no_go_released_since
from vroegsignaal.intake.models import Signal
from vroegsignaal.matching.recount import recounted
from vroegsignaal.organisations.models import User

CLOSE_INSTEAD = (
    "Dit is het laatste signaal dat meetelt in de melding: sluit de melding af met "
    "'Persoon is geen inwoner (meer) in de gemeente'."
)
# What the confirmation page tells the caseworker before the step.
WHAT_FOLLOWS = (
    "De signaalpartner hoort bij de volgende vrijgave dat deze persoon geen inwoner (meer) is; "
    "het signaal telt niet meer mee in de melding. Tot die vrijgave kunt u de bevestiging "
    "intrekken."
)
OTHER_NEEDS_WORDS = "Schrijf kort op hoe u het hebt gecontroleerd."


def confirm_not_resident(
    melding: Melding,
    signal: Signal,
    by: User,
    expected_version: int,
    *,
    method: ResidenceCheckMethod,
    note: str = "",
) -> Signal:
    """Give ``signal`` the status 'Persoon is geen inwoner (meer) in de gemeente' after the
    caseworker's check (``method``; ``note`` says how for 'Anders'). Only while the melding is
    open, for a signal of the melding whose BRP note asks for the check and that still counts;
    never the last one that counts (then the melding itself closes with that result)."""
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
    note = note.strip()
    if method == ResidenceCheckMethod.OTHER and not note:
        raise CaseworkError(OTHER_NEEDS_WORDS, field="note")
    others = MeldingSignal.objects.filter(
        melding=melding, signal__status__in=CASEWORK_STATUSES
    ).exclude(signal=signal)
    if not others.exists():
        raise CaseworkError(CLOSE_INSTEAD)
    with transaction.atomic():
        _set_status(signal, Signaalstatus.GEEN_INWONER)
        confirmation = NotResidentConfirmation.objects.create(
            signal=signal,
            melding=melding,
            method=method,
            note=note if method == ResidenceCheckMethod.OTHER else "",
            confirmed_by=by,
        )
        states = update_melding(melding, expected_version, **_recounted(melding))
        events.signal_not_resident(
            melding, by, signal.creditor.name, states,
            confirmation.get_method_display(), confirmation.note,
        )  # fmt: skip
    return signal


def withdraw_not_resident(
    melding: Melding, signal: Signal, by: User, expected_version: int
) -> Signal:
    """Undo ``confirm_not_resident`` for ``signal`` while no release told its creditor: it
    counts in the melding again, with the status the melding's other signals have."""
    confirmation = NotResidentConfirmation.objects.filter(signal=signal, melding=melding).first()
    if confirmation is None:
        raise CaseworkError(
            "Voor dit signaal is geen bevestiging 'geen inwoner (meer)' in te trekken."
        )
    if not is_open(melding.state):
        raise CaseworkError("De melding is afgesloten: de bevestiging intrekken kan niet meer.")
    refusal = withdrawal_refusal(confirmation)
    if refusal:
        raise CaseworkError(refusal)
    # 'Opgepakt' once the melding was picked up (``signal_status.follow_pick_up``).
    status = Signaalstatus.OPGEPAKT if melding.picked_up_on else Signaalstatus.NOG_NIET_OPGEPAKT
    with transaction.atomic():
        confirmation.delete()
        _set_status(signal, status)
        states = update_melding(melding, expected_version, **_recounted(melding))
        events.not_resident_withdrawn(melding, by, signal.creditor.name, states)
    return signal


def withdrawal_refusal(confirmation: NotResidentConfirmation) -> str:
    """Why the confirmation can no longer be withdrawn ('' while it can): a release since it
    told the creditor, which may already have resumed collection."""
    release = go_no_go_released_since(confirmation.signal, confirmation.confirmed_at)
    if release is None:
        return ""
    return (
        f"Intrekken kan niet meer: de signaalpartner heeft bij de vrijgave van "
        f"{release.released_on:%d-%m-%Y} al gehoord dat deze persoon geen inwoner (meer) is. "
        "Woont de persoon er toch, neem dan contact op met de signaalpartner."
    )


def confirmed_note(confirmation: NotResidentConfirmation) -> str:
    """What the melding page says at the person of a confirmed signal: 'geen inwoner (meer),
    bevestigd op 27-11-2026 door Anouk ter Horst (Huisbezoek)'."""
    on = timezone.localtime(confirmation.confirmed_at)
    by = confirmation.confirmed_by.display_name if confirmation.confirmed_by else "onbekend"
    return f"geen inwoner (meer), bevestigd op {on:%d-%m-%Y} door {by} ({confirmation.how})"


@dataclass(frozen=True)
class Confirmed:
    """A confirmation in force, as the melding page shows it at its person: ``note``
    (``confirmed_note``), and whether it can be withdrawn or why not (``refusal``)."""

    signal_id: int
    note: str
    withdrawable: bool
    refusal: str


def confirmed_on_page(melding: Melding) -> dict[int, Confirmed]:
    """The melding's confirmations in force, by signal id."""
    shown = {}
    for confirmation in melding.not_resident_confirmations.select_related("confirmed_by", "signal"):
        refusal = withdrawal_refusal(confirmation)
        shown[confirmation.signal_id] = Confirmed(
            confirmation.signal_id,
            confirmed_note(confirmation),
            withdrawable=is_open(melding.state) and not refusal,
            refusal=refusal,
        )
    return shown


def _set_status(signal: Signal, status: Signaalstatus) -> None:
    Signal.objects.filter(pk=signal.pk).update(status=status)
    signal.status = status


def _recounted(melding: Melding) -> dict:
    """The melding's figures, priority, go and werkbakje over the signals that count now,
    exactly as the next matching run writes them (``matching.recount``)."""
    return recounted(melding, timezone.localdate())
