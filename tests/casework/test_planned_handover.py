"""A warm hand-over planned ahead (QA12 B10): a result that rests on the referral ('Vervolghulp
en/of verwijzing ...', 'Verwijzing zonder tussenkomst inwoner') waits for the hand-over day,
because the creditor and CBS hear it as done; the close form says so before the click, and the
caseworker's werkbakjes overview shows the melding from the hand-over day on (also when that
day fell in the weekend), so a hand-over that did not take place does not go unseen."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from tests.page_text import page_text
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.conversation import record_conversation, refer
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.models import Cause, HelpAnswer, Melding, ReferralKind
from vroegsignaal.casework.results import close_with_result, result_refusals
from vroegsignaal.ddas import Eindresultaat

FRIDAY = dt.date(2026, 11, 27)  # the day the QA tester referred and closed
SATURDAY = dt.date(2026, 11, 28)
MONDAY = dt.date(2026, 11, 30)
HANDOVER = dt.date(2026, 12, 3)  # a Thursday
FINANCIEEL = Eindresultaat.VERWIJZING_FINANCIEEL
WORKLIST = "casework:worklist"

PLANNED_FINANCIEEL = (
    "'Vervolghulp en/of verwijzing financieel' kan pas vanaf 03-12-2026: dan staat de warme "
    "overdracht naar schuldhulpverlening gepland. Sluit op of na die dag af met dit resultaat, "
    "als de overdracht heeft plaatsgevonden. Gaat de overdracht niet door, leg dan vast wat er "
    "gebeurde (een contactpoging of een gesprek) en kies het resultaat dat daarbij past."
)


@pytest.fixture
def clock(monkeypatch):
    """Set the day the application lives on: ``clock(day)`` makes it 10:00 that day."""

    def set_day(day: dt.date) -> None:
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
        monkeypatch.setattr(timezone, "now", lambda: moment)

    set_day(FRIDAY)
    return set_day


@pytest.fixture
def helped(enschede, caseworker, clock):
    """A melding of October 2026 whose resident accepted help on 10-11-2026."""
    melding = MeldingFactory(municipality=enschede)
    assign(melding, caseworker, caseworker, melding.version)
    record_conversation(
        melding, caseworker, melding.version, held_on=dt.date(2026, 11, 10),
        help_offered=HelpAnswer.YES, help_accepted=HelpAnswer.YES, cause=Cause.INCOME_DROP,
    )  # fmt: skip
    return melding


def _refer(melding, by, on=HANDOVER, kind=ReferralKind.DEBT_HELP, note=""):
    refer(melding, by, melding.version, kind=kind, handover_on=on, note=note)
    return Melding.objects.get(pk=melding.pk)


def _close(melding, by, result=FINANCIEEL, closed_on=None):
    return close_with_result(melding, by, melding.version, result, closed_on)


def _refused(melding, by, result=FINANCIEEL, closed_on=None) -> str:
    with pytest.raises(CaseworkError) as caught:
        _close(melding, by, result, closed_on)
    assert caught.value.field == "result"
    assert Melding.objects.get(pk=melding.pk).closed_on is None
    return str(caught.value)


def _get(client, user, name, *args):
    """The page as ``user`` sees it now; logged in afresh, since a session does not outlive a
    clock moved days ahead."""
    client.force_login(user)
    return client.get(reverse(name, args=args))


def _text(response) -> str:
    return " ".join(page_text(response).split())


# Closing


def test_vervolghulp_financieel_is_refused_before_the_planned_hand_over_naming_its_day(
    helped, caseworker
):
    melding = _refer(helped, caseworker)

    assert _refused(melding, caseworker) == PLANNED_FINANCIEEL


@pytest.mark.parametrize(
    "result", [Eindresultaat.VERWIJZING, Eindresultaat.VERWIJZING_ZONDER_INWONER]
)
def test_every_result_that_rests_on_the_referral_waits_for_the_hand_over(
    helped, caseworker, result
):
    melding = _refer(helped, caseworker)

    assert "kan pas vanaf 03-12-2026" in _refused(melding, caseworker, result)


def test_advies_does_not_wait_for_the_hand_over(helped, caseworker):
    """(Budget)advies rests on the conversation, not on the referral."""
    melding = _refer(helped, caseworker)

    _close(melding, caseworker, Eindresultaat.ADVIES_QUICK_FIX)

    assert Melding.objects.get(pk=melding.pk).result == Eindresultaat.ADVIES_QUICK_FIX


def test_vervolghulp_financieel_fits_on_the_hand_over_day(helped, caseworker, clock):
    melding = _refer(helped, caseworker)
    clock(HANDOVER)

    _close(melding, caseworker)

    assert Melding.objects.get(pk=melding.pk).result == FINANCIEEL


def test_a_saturday_hand_over_lets_the_caseworker_close_on_monday(helped, caseworker, clock):
    melding = _refer(helped, caseworker, on=SATURDAY)

    assert "kan pas vanaf 28-11-2026" in _refused(melding, caseworker)
    clock(MONDAY)
    _close(melding, caseworker)

    assert Melding.objects.get(pk=melding.pk).closed_on == MONDAY


def test_a_closing_dated_before_the_hand_over_is_refused_after_it_too(helped, caseworker, clock):
    melding = _refer(helped, caseworker)
    clock(dt.date(2026, 12, 7))

    assert "kan pas vanaf 03-12-2026" in _refused(melding, caseworker, closed_on=MONDAY)


def test_a_financial_hand_over_that_took_place_carries_the_result_while_another_is_planned(
    helped, caseworker
):
    melding = _refer(
        helped, caseworker, on=dt.date(2026, 11, 20), kind=ReferralKind.BUDGET_COACHING
    )
    melding = _refer(melding, caseworker)

    _close(melding, caseworker)

    assert Melding.objects.get(pk=melding.pk).result == FINANCIEEL


def test_a_planned_hand_over_to_anders_is_named_by_its_toelichting(helped, caseworker):
    melding = _refer(helped, caseworker, kind=ReferralKind.OTHER, note="Schuldmaatje")

    assert "de warme overdracht naar Schuldmaatje gepland" in _refused(melding, caseworker)


def test_the_close_form_leaves_out_the_result_and_says_from_when_it_can(client, helped, caseworker):
    melding = _refer(helped, caseworker)

    response = _get(client, caseworker, "casework:close", melding.pk)

    assert f'value="{FINANCIEEL}"' not in response.content.decode()
    assert PLANNED_FINANCIEEL in _text(response)
    assert result_refusals(melding)[FINANCIEEL] == PLANNED_FINANCIEEL


def test_the_close_form_offers_the_result_on_the_hand_over_day(client, helped, caseworker, clock):
    melding = _refer(helped, caseworker)
    clock(HANDOVER)

    response = _get(client, caseworker, "casework:close", melding.pk)

    assert f'<option value="{FINANCIEEL}">' in response.content.decode()


# The werkbakjes overview


def test_the_overview_shows_a_planned_hand_over_from_its_day_on_also_after_a_weekend(
    client, helped, caseworker, clock
):
    melding = _refer(helped, caseworker, on=SATURDAY)

    assert "Geplande warme overdracht" not in _text(_get(client, caseworker, WORKLIST))
    clock(MONDAY)
    text = _text(_get(client, caseworker, WORKLIST))

    assert "Geplande warme overdracht: is die doorgegaan?" in text
    assert (
        f"Melding {melding.reference}: warme overdracht naar schuldhulpverlening op 28-11-2026"
        in text
    )


def test_the_overview_says_today_on_the_hand_over_day(client, helped, caseworker, clock):
    melding = _refer(helped, caseworker)
    clock(HANDOVER)

    text = _text(_get(client, caseworker, WORKLIST))

    assert (
        f"Melding {melding.reference}: warme overdracht naar schuldhulpverlening op "
        "03-12-2026 (vandaag)" in text
    )


def test_the_hand_over_leaves_the_overview_when_the_melding_is_closed(
    client, helped, caseworker, clock
):
    melding = _refer(helped, caseworker)
    clock(HANDOVER)
    _close(melding, caseworker)

    assert "Geplande warme overdracht" not in _text(_get(client, caseworker, WORKLIST))


def test_the_overview_shows_the_hand_over_to_the_caseworker_of_the_melding_only(
    client, helped, caseworker, colleague, clock
):
    _refer(helped, caseworker)
    clock(HANDOVER)

    assert "Geplande warme overdracht" not in _text(_get(client, colleague, WORKLIST))


def test_a_hand_over_recorded_after_it_took_place_is_not_shown_as_planned(
    client, helped, caseworker, clock
):
    _refer(helped, caseworker, on=dt.date(2026, 11, 26))

    assert "Geplande warme overdracht" not in _text(_get(client, caseworker, WORKLIST))
