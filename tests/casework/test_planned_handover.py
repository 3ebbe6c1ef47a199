"""A warm hand-over planned ahead (QA12 B10): a result that rests on the referral ('Vervolghulp
en/of verwijzing ...', 'Verwijzing zonder tussenkomst inwoner') waits for the hand-over day,
because the creditor and CBS hear it as done; the close form says so before the click, and the
caseworker's werkbakjes overview shows the melding from the hand-over day on (also when that
day fell in the weekend), so a hand-over that did not take place does not go unseen. A hand-over
moved to another day ('Overdracht verzetten') moves both, and the timeline says so."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from tests.page_text import page_text
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.conversation import record_conversation, refer
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.handovers import move_handover
from vroegsignaal.casework.models import Cause, HelpAnswer, Melding, ReferralKind
from vroegsignaal.casework.results import close_with_result, result_refusals
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.privacy.models import AuditAction, AuditEntry

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
    """(Budget)advies rests on the conversation, not on the referral. (After a referral to
    schuldhulpverlening it asks to confirm: test_contradicting_result.)"""
    melding = _refer(helped, caseworker, kind=ReferralKind.BUDGET_COACHING)

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


# Moving the hand-over to another day ('Overdracht verzetten')

LATER = dt.date(2026, 12, 10)  # a Thursday, a week after HANDOVER
MOVE = "casework:move_handover"


def _move_on_the_page(client, user, melding, on: dt.date):
    """Post 'Overdracht verzetten' for the melding's referral, as ``user`` on the page."""
    client.force_login(user)
    return client.post(
        reverse(MOVE, args=[melding.pk, melding.referrals.get().pk]),
        {"version": melding.version, "handover_on": on.isoformat()},
        follow=True,
    )


def test_moving_the_hand_over_moves_the_day_a_referral_result_can_close_from(
    client, helped, caseworker, clock
):
    melding = _refer(helped, caseworker)
    _move_on_the_page(client, caseworker, melding, LATER)
    melding = Melding.objects.get(pk=melding.pk)
    clock(HANDOVER)

    assert "kan pas vanaf 10-12-2026" in _refused(melding, caseworker)
    clock(LATER)
    _close(melding, caseworker)
    assert Melding.objects.get(pk=melding.pk).result == FINANCIEEL


def test_moving_the_hand_over_moves_it_in_the_overview(client, helped, caseworker, clock):
    melding = _refer(helped, caseworker)
    _move_on_the_page(client, caseworker, melding, LATER)
    clock(HANDOVER)

    assert "Geplande warme overdracht" not in _text(_get(client, caseworker, WORKLIST))
    clock(LATER)
    assert (
        f"Melding {melding.reference}: warme overdracht naar schuldhulpverlening op "
        "10-12-2026 (vandaag)" in _text(_get(client, caseworker, WORKLIST))
    )


def test_a_hand_over_that_did_not_take_place_can_be_moved_after_its_day(
    client, helped, caseworker, clock
):
    """The overview asks 'is die doorgegaan?'; the answer 'no, next week' is a move."""
    melding = _refer(helped, caseworker)
    clock(dt.date(2026, 12, 4))

    text = _text(_move_on_the_page(client, caseworker, melding, LATER))

    assert "De warme overdracht naar schuldhulpverlening is verzet naar 10-12-2026." in text
    assert "Geplande warme overdracht" not in _text(_get(client, caseworker, WORKLIST))


def test_the_timeline_says_from_which_day_to_which_the_hand_over_moved(client, helped, caseworker):
    melding = _refer(helped, caseworker)

    text = _text(_move_on_the_page(client, caseworker, melding, LATER))

    assert "Warme overdracht naar schuldhulpverlening verzet van 03-12-2026 naar 10-12-2026" in text
    assert "Schuldhulpverlening: warme overdracht op 10-12-2026" in text


def test_a_moved_hand_over_to_anders_is_named_by_its_toelichting(client, helped, caseworker):
    melding = _refer(helped, caseworker, kind=ReferralKind.OTHER, note="Schuldmaatje")

    text = _text(_move_on_the_page(client, caseworker, melding, LATER))

    assert "Warme overdracht naar Schuldmaatje verzet van 03-12-2026 naar 10-12-2026" in text


def test_moving_the_hand_over_is_in_the_audit_log_as_a_change(client, helped, caseworker):
    melding = _refer(helped, caseworker)

    _move_on_the_page(client, caseworker, melding, LATER)

    changes = AuditEntry.objects.filter(action=AuditAction.CHANGE, username=caseworker.username)
    assert "warme overdracht verzetten" in {entry.readable_description for entry in changes}


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (
            dt.date(2026, 11, 1),
            "Nieuwe datum warme overdracht: de datum ligt vóór de matchingsdatum van de melding "
            "(02-11-2026)",
        ),
        (
            dt.date(2027, 3, 1),
            "Nieuwe datum warme overdracht: de datum ligt te ver in de toekomst (01-03-2027). "
            "Vul een datum in tot en met 25-02-2027",
        ),
        (HANDOVER, "Nieuwe datum warme overdracht: de overdracht staat al op 03-12-2026."),
    ],
)
def test_a_refused_new_date_is_named_at_the_field_and_nothing_moves(
    client, helped, caseworker, day, words
):
    melding = _refer(helped, caseworker)

    response = _move_on_the_page(client, caseworker, melding, day)

    html = response.content.decode()
    assert 'id="id_handover_on-fout"' in html
    assert words in _text(response)
    assert melding.referrals.get().handover_on == HANDOVER
    assert Melding.objects.get(pk=melding.pk).version == melding.version


def test_a_stale_page_does_not_move_the_hand_over(client, helped, caseworker):
    melding = _refer(helped, caseworker)
    stale = Melding.objects.get(pk=melding.pk)
    _move_on_the_page(client, caseworker, melding, LATER)

    text = _text(_move_on_the_page(client, caseworker, stale, dt.date(2026, 12, 17)))

    assert "Iemand anders heeft deze melding intussen gewijzigd." in text
    assert melding.referrals.get().handover_on == LATER


def test_the_melding_page_offers_the_move_while_the_melding_is_open(
    client, helped, caseworker, clock
):
    melding = _refer(helped, caseworker)
    move = reverse(MOVE, args=[melding.pk, melding.referrals.get().pk])

    assert move in _get(client, caseworker, "casework:melding", melding.pk).content.decode()
    clock(HANDOVER)
    _close(melding, caseworker)
    assert move not in _get(client, caseworker, "casework:melding", melding.pk).content.decode()


def test_a_closed_melding_keeps_its_hand_over_day(helped, caseworker, clock):
    melding = _refer(helped, caseworker)
    clock(HANDOVER)
    _close(melding, caseworker)
    melding = Melding.objects.get(pk=melding.pk)

    with pytest.raises(CaseworkError, match="De melding is afgesloten"):
        move_handover(melding, caseworker, melding.version, melding.referrals.get(), LATER)
    assert melding.referrals.get().handover_on == HANDOVER
