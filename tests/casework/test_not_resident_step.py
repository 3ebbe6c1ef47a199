"""QA9 B5 and B6: 'Bevestig: geen inwoner (meer)' is a deliberate step with a way back.

The confirmation has a page of its own that says what follows for the creditor and asks how it
was checked; the timeline and the resident's line on the melding page say it was confirmed,
when, by whom and how. Until a release told the creditor, 'Bevestiging intrekken' undoes it;
after that release, withdrawing is refused with the reason. The BRP notice at the top names the
resident it is about."""

# The fixtures come from the QA8 tests of the same melding; pytest passes them by name.
# ruff: noqa: F811

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casework.test_geen_inwoner_per_signal import (  # noqa: F401 (fixtures)
    CHECK,
    _picked_up,
    insurer,
    smit_and_bakker,
    water,
)
from tests.page_text import page_text
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.models import Melding, NotResidentConfirmation, ResidenceCheckMethod
from vroegsignaal.casework.not_resident import (
    WHAT_FOLLOWS,
    confirm_not_resident,
    withdraw_not_resident,
)
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.feedback.models import FeedbackKind, SignalFeedback
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.privacy.models import AuditAction, AuditEntry

SITE = "https://vroegsignaal.example"


def _melding_page(client, melding) -> str:
    return page_text(client.get(reverse("casework:melding", args=[melding.pk])))


def _confirm(client, melding, signal, **data):
    return client.post(
        reverse("casework:confirm_not_resident", args=[melding.pk, signal.pk]),
        {"version": melding.version, **data},
        follow=True,
    )


def _figures(melding) -> tuple:
    melding = Melding.objects.get(pk=melding.pk)
    return (melding.total_amount_cents, melding.partner_types, melding.priority_score,
            melding.priority_reasons, melding.queue_id, melding.go)  # fmt: skip


def test_the_brp_notice_names_the_resident_it_is_about(smit_and_bakker, caseworker, client):
    melding, _, _ = smit_and_bakker
    client.force_login(caseworker)
    page = _melding_page(client, melding)
    assert page.count("Niet gevonden in de BRP van Enschede: S. Smit. Controleer") == 1
    assert (
        "Niet gevonden in de BRP van Enschede: S. Smit. Controleer of de inwoner hier woont "
        "voordat u de melding afsluit." in page
    )


def test_the_button_opens_a_page_that_says_what_follows_and_asks_how_it_was_checked(
    smit_and_bakker, caseworker, client
):
    melding, smit, _ = smit_and_bakker
    client.force_login(caseworker)
    page = page_text(
        client.get(reverse("casework:confirm_not_resident", args=[melding.pk, smit.pk]))
    )
    assert WHAT_FOLLOWS in page
    assert "Signaal van Vitens (Drinkwater)" in page and "S. Smit" in page
    for choice in ("BRP-bevraging", "Huisbezoek", "Navraag bij buren of verhuurder", "Anders"):
        assert choice in page


def test_confirming_without_saying_how_it_was_checked_changes_nothing(
    smit_and_bakker, caseworker, client
):
    melding, smit, _ = smit_and_bakker
    client.force_login(caseworker)
    page = page_text(_confirm(client, melding, smit))
    assert "Kies hoe u hebt gecontroleerd dat de persoon hier niet woont." in page
    page = page_text(_confirm(client, melding, smit, method=ResidenceCheckMethod.OTHER))
    assert "Schrijf kort op hoe u het hebt gecontroleerd." in page
    smit.refresh_from_db()
    assert smit.status == Signaalstatus.NOG_NIET_OPGEPAKT
    assert not NotResidentConfirmation.objects.exists()


def test_how_it_was_checked_is_on_the_timeline_and_the_resident_is_noted_with_date_and_name(
    smit_and_bakker, caseworker, client
):
    melding, smit, _ = smit_and_bakker
    client.force_login(caseworker)
    page = page_text(
        _confirm(
            client, melding, smit, method=ResidenceCheckMethod.OTHER,
            note="Verhuurder: vertrokken in september",
        )
    )  # fmt: skip
    assert "Bevestigd: de persoon van dit signaal is geen inwoner (meer)." in page
    assert (
        "Signaal van Vitens: geen inwoner (meer) na controle (Verhuurder: vertrokken in september)"
        in page
    )
    today = f"{timezone.localdate():%d-%m-%Y}"
    assert (
        f"S. Smit, geboren 17-05-1980; geen inwoner (meer), bevestigd op {today} door "
        f"{caseworker.display_name} (Verhuurder: vertrokken in september)" in page
    )
    assert page.count("geen inwoner (meer), bevestigd op") == 1  # not at R. Bakker


def test_withdrawing_before_the_release_restores_status_and_figures_and_tells_the_creditor_nothing(
    smit_and_bakker, caseworker, client
):
    melding, smit, bakker = smit_and_bakker
    melding = _picked_up(melding, caseworker)
    release_due_feedback(SITE, today=timezone.localdate())  # both signals: go
    confirm_not_resident(
        melding, smit, caseworker, melding.version, method=ResidenceCheckMethod.BRP
    )
    assert _figures(melding)[:2] == (bakker.amount_cents, ["Zorgverzekeraar"])
    client.force_login(caseworker)
    melding = Melding.objects.get(pk=melding.pk)
    assert "Bevestiging intrekken" in _melding_page(client, melding)

    response = client.post(
        reverse("casework:withdraw_not_resident", args=[melding.pk, smit.pk]),
        {"version": melding.version},
        follow=True,
    )

    page = page_text(response)
    assert "De bevestiging is ingetrokken: het signaal telt weer mee." in page
    assert "Bevestiging 'geen inwoner (meer)' voor het signaal van Vitens ingetrokken" in page
    assert page.count("Bevestig: geen inwoner (meer)") == 1  # the check is asked again
    smit.refresh_from_db()
    assert smit.status == Signaalstatus.OPGEPAKT  # as the melding's other signal
    amount, partner_types, _, reasons, _, go = _figures(melding)
    assert (amount, partner_types, go) == (
        smit.amount_cents + bakker.amount_cents,
        ["Drinkwater", "Zorgverzekeraar"],
        True,
    )
    assert "2 soorten signaalpartners" in " ".join(reasons)
    # The next release has no correction to tell.
    release_due_feedback(SITE, today=timezone.localdate() + dt.timedelta(days=1))
    told = SignalFeedback.objects.filter(signal=smit, kind=FeedbackKind.GO_NO_GO)
    assert [item.content["picked_up"] for item in told] == [True]


def test_withdrawing_after_the_release_told_the_creditor_is_refused_with_the_reason(
    smit_and_bakker, caseworker, client
):
    melding, smit, _ = smit_and_bakker
    confirm_not_resident(
        melding, smit, caseworker, melding.version, method=ResidenceCheckMethod.NEIGHBOURS
    )
    released_on = timezone.localdate() + dt.timedelta(days=1)
    release_due_feedback(SITE, today=released_on)
    melding = Melding.objects.get(pk=melding.pk)
    reason = (
        f"Intrekken kan niet meer: de signaalpartner heeft bij de vrijgave van "
        f"{released_on:%d-%m-%Y} al gehoord dat deze persoon geen inwoner (meer) is."
    )

    with pytest.raises(CaseworkError, match=re.escape(reason)):
        withdraw_not_resident(melding, smit, caseworker, melding.version)

    client.force_login(caseworker)
    page = _melding_page(client, melding)
    assert reason in page and "Bevestiging intrekken" not in page
    smit.refresh_from_db()
    assert smit.status == Signaalstatus.GEEN_INWONER


def test_confirming_and_withdrawing_are_in_the_audit_log(smit_and_bakker, caseworker, client):
    melding, smit, _ = smit_and_bakker
    client.force_login(caseworker)
    _confirm(client, melding, smit, method=ResidenceCheckMethod.HOME_VISIT)
    melding = Melding.objects.get(pk=melding.pk)
    client.post(
        reverse("casework:withdraw_not_resident", args=[melding.pk, smit.pk]),
        {"version": melding.version},
    )
    changes = AuditEntry.objects.filter(action=AuditAction.CHANGE, username=caseworker.username)
    assert {entry.readable_description for entry in changes} >= {
        "signaal bevestigen: geen inwoner (meer)",
        "bevestiging geen inwoner (meer) intrekken",
    }
