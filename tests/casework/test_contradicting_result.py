"""A result that contradicts the file (QA13 N4). '(Budget)advies en/of quick fix' says the arrears
can be solved within 30 days of accepting help, without follow-up help (domain.md, step 7). A
referral to schuldhulpverlening in this contact round (planned or done), or a plan van aanpak
saying 'Problematische schulden: ja' or that a debt-help trajectory started, says the debts need
more. The standard does not make the pair impossible (a referral may not go through, a plan may
be outdated), so the close form warns, naming what was recorded, and closes only when the
caseworker confirms; the timeline keeps that the choice was deliberate and against what."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import MeldingFactory
from tests.page_text import page_text
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.contact import record_contact_attempt
from vroegsignaal.casework.conversation import record_conversation, record_plan, refer
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.events import describe, details_in_dutch
from vroegsignaal.casework.heropaf import reopen_by_heropaf, schedule_heropaf
from vroegsignaal.casework.models import Cause, EventKind, HelpAnswer, Melding, ReferralKind
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.ddas import Contactsoort, Dagdeel, Eindresultaat

FRIDAY = dt.date(2026, 11, 27)  # the closing day
TALKED = dt.date(2026, 11, 10)
HANDED_OVER = dt.date(2026, 11, 20)
PLANNED = dt.date(2026, 12, 3)
QUICK_FIX = Eindresultaat.ADVIES_QUICK_FIX
CONFIRM = "Toch afsluiten met '(Budget)advies en/of quick fix'"

WARNING_REFERRAL_AND_DEBTS = (
    "Let op: '(Budget)advies en/of quick fix' betekent dat de achterstand binnen 30 dagen is op "
    "te lossen, zonder vervolghulp. Vastgelegd bij deze melding: een verwijzing naar "
    "schuldhulpverlening (warme overdracht gepland op 03-12-2026) en 'Problematische schulden: "
    "ja' in het plan van aanpak. Kiest u toch dit resultaat, vink dan \"Toch afsluiten met "
    "'(Budget)advies en/of quick fix'\" aan; de tijdlijn bewaart dat. Anders: kies een ander "
    "resultaat, of wijzig eerst wat niet meer klopt."
)


@pytest.fixture
def clock(monkeypatch):
    """The application lives on ``FRIDAY``, 10:00."""
    moment = timezone.make_aware(dt.datetime.combine(FRIDAY, dt.time(10, 0)))
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.fixture
def helped(enschede, caseworker, clock):
    """A melding of October 2026 whose resident accepted help on 10-11-2026."""
    melding = MeldingFactory(municipality=enschede)
    assign(melding, caseworker, caseworker, melding.version)
    record_conversation(
        melding, caseworker, melding.version, held_on=TALKED,
        help_offered=HelpAnswer.YES, help_accepted=HelpAnswer.YES, cause=Cause.INCOME_DROP,
    )  # fmt: skip
    return melding


def _fresh(melding):
    return Melding.objects.get(pk=melding.pk)


def _refer(melding, by, kind=ReferralKind.DEBT_HELP, on=PLANNED):
    refer(melding, by, melding.version, kind=kind, handover_on=on)
    return _fresh(melding)


def _plan(melding, by, debts="ja", started_on=None):
    record_plan(
        melding, by, melding.version, ongoing_payments={}, room_to_pay_off="nee",
        problematic_debts=debts, debt_help_started=started_on is not None,
        debt_help_started_on=started_on,
    )  # fmt: skip
    return _fresh(melding)


def _warned(melding, by, result=QUICK_FIX) -> str:
    with pytest.raises(CaseworkError) as caught:
        close_with_result(melding, by, melding.version, result)
    assert caught.value.field == "confirm_contradiction"
    assert _fresh(melding).state != "closed"
    return str(caught.value)


def _closing_event(melding):
    return _fresh(melding).events.get(kind=EventKind.CLOSED)


# The rule


def test_quick_fix_after_a_planned_referral_to_schuldhulpverlening_and_problematic_debts_asks_to_confirm(
    helped, caseworker
):
    melding = _plan(_refer(helped, caseworker), caseworker)

    assert _warned(melding, caseworker) == WARNING_REFERRAL_AND_DEBTS


def test_quick_fix_after_a_referral_to_schuldhulpverlening_alone_asks_to_confirm(
    helped, caseworker
):
    melding = _refer(helped, caseworker, on=HANDED_OVER)

    assert (
        "Vastgelegd bij deze melding: een verwijzing naar schuldhulpverlening (warme overdracht "
        "op 20-11-2026). Kiest u toch"
    ) in _warned(melding, caseworker)


def test_quick_fix_with_problematic_debts_in_the_plan_alone_asks_to_confirm(helped, caseworker):
    melding = _plan(helped, caseworker)

    assert (
        "Vastgelegd bij deze melding: 'Problematische schulden: ja' in het plan van aanpak."
    ) in _warned(melding, caseworker)


def test_quick_fix_after_a_started_debt_help_trajectory_asks_to_confirm(helped, caseworker):
    melding = _plan(helped, caseworker, debts="onbekend", started_on=dt.date(2026, 11, 12))

    assert (
        "Vastgelegd bij deze melding: 'Schuldhulpverleningstraject gestart op 12-11-2026' in het "
        "plan van aanpak."
    ) in _warned(melding, caseworker)


def test_quick_fix_confirmed_closes_and_the_timeline_names_what_it_was_against(helped, caseworker):
    melding = _plan(_refer(helped, caseworker), caseworker)

    close_with_result(
        melding, caseworker, melding.version, QUICK_FIX, satisfaction=8,
        confirmed_contradiction=True,
    )  # fmt: skip

    assert _fresh(melding).result == QUICK_FIX
    event = _closing_event(melding)
    assert describe(event, with_phase=False) == (
        "Afgesloten met eindresultaat '(Budget)advies en/of quick fix', bewust ondanks een "
        "verwijzing naar schuldhulpverlening (warme overdracht gepland op 03-12-2026) en "
        "'Problematische schulden: ja' in het plan van aanpak; tevredenheid inwoner: 8"
    )
    assert details_in_dutch(event)["bewust afgesloten ondanks"] == [
        "een verwijzing naar schuldhulpverlening (warme overdracht gepland op 03-12-2026)",
        "'Problematische schulden: ja' in het plan van aanpak",
    ]


def test_quick_fix_without_a_contradiction_needs_no_confirmation(helped, caseworker):
    melding = _plan(
        _refer(helped, caseworker, kind=ReferralKind.BUDGET_COACHING), caseworker, debts="nee"
    )

    close_with_result(melding, caseworker, melding.version, QUICK_FIX)

    assert _fresh(melding).result == QUICK_FIX
    assert "ondanks" not in describe(_closing_event(melding))


def test_a_confirmation_without_a_contradiction_is_not_recorded(helped, caseworker):
    melding = _plan(_refer(helped, caseworker, on=HANDED_OVER), caseworker)

    close_with_result(
        melding, caseworker, melding.version, Eindresultaat.VERWIJZING_FINANCIEEL,
        confirmed_contradiction=True,
    )  # fmt: skip

    assert "ondanks" not in describe(_closing_event(melding))


def test_a_referral_and_plan_of_an_earlier_contact_round_do_not_warn(helped, caseworker):
    melding = _plan(_refer(helped, caseworker, on=HANDED_OVER), caseworker)
    close_with_result(melding, caseworker, melding.version, Eindresultaat.VERWIJZING_FINANCIEEL)
    melding = _fresh(melding)
    schedule_heropaf(melding, FRIDAY)
    melding = reopen_by_heropaf(melding, caseworker, today=melding.heropaf_due_on)
    record_contact_attempt(
        melding, caseworker, melding.version, kind=Contactsoort.TELEFOON, attempted_on=FRIDAY,
        part_of_day=Dagdeel.OCHTEND, reached=True,
    )  # fmt: skip
    melding = _fresh(melding)
    record_conversation(
        melding, caseworker, melding.version, held_on=FRIDAY,
        help_offered=HelpAnswer.YES, help_accepted=HelpAnswer.YES, cause=Cause.FORGOTTEN,
    )  # fmt: skip
    melding = _fresh(melding)

    close_with_result(melding, caseworker, melding.version, QUICK_FIX)

    assert _fresh(melding).result == QUICK_FIX


# The close form


def _close_url(melding):
    return reverse("casework:close", args=[melding.pk])


def test_the_close_form_warns_and_offers_the_confirmation(client, helped, caseworker):
    melding = _plan(_refer(helped, caseworker), caseworker)
    client.force_login(caseworker)

    response = client.get(_close_url(melding))

    text = " ".join(page_text(response).split())
    assert WARNING_REFERRAL_AND_DEBTS in text
    assert CONFIRM in text
    assert 'name="confirm_contradiction"' in response.content.decode()


def test_the_close_form_without_a_contradiction_has_no_confirmation(client, helped, caseworker):
    client.force_login(caseworker)

    response = client.get(_close_url(helped))

    assert 'name="confirm_contradiction"' not in response.content.decode()
    assert "Toch afsluiten" not in page_text(response)


def test_the_close_form_keeps_the_melding_open_until_the_caseworker_confirms(
    client, helped, caseworker
):
    melding = _plan(_refer(helped, caseworker), caseworker)
    client.force_login(caseworker)
    data = {"version": melding.version, "result": QUICK_FIX}

    refused = client.post(_close_url(melding), data)

    assert refused.status_code == 200
    assert 'id="id_confirm_contradiction-fout"' in refused.content.decode()
    assert (
        "Vink aan dat u toch wilt afsluiten met '(Budget)advies en/of quick fix', of kies een "
        "ander eindresultaat."
    ) in " ".join(page_text(refused).split())
    assert _fresh(melding).state != "closed"

    closed = client.post(_close_url(melding), data | {"confirm_contradiction": "on"})

    assert closed.status_code == 302
    assert _fresh(melding).result == QUICK_FIX
    page = " ".join(page_text(client.get(reverse("casework:melding", args=[melding.pk]))).split())
    assert "bewust ondanks een verwijzing naar schuldhulpverlening" in page
