"""Rules for a referral with a warm hand-over (QA finding 9):
- the same referral (kind; for 'Anders' also the toelichting) is recorded once per contact
  round; a second one is refused, at the field, with the date of the first;
- a hand-over dated on a weekend or public holiday is kept, with a warning that names the day
  (a day a decree equates with a holiday is said to be one, not called a feestdag);
- both point a wrong or moved day to the referral's 'Overdracht verzetten'."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.page_text import page_text
from vroegsignaal.casework.assignment import assign
from vroegsignaal.casework.conversation import handover_day_warning, record_conversation, refer
from vroegsignaal.casework.errors import CaseworkError

MONDAY = dt.date(2025, 11, 24)
SATURDAY = dt.date(2025, 11, 29)
CHRISTMAS = dt.date(2025, 12, 25)  # a Thursday
# The Friday after Hemelvaartsdag, equated with a holiday by Royal Decree (Atw art. 3 lid 3).
EQUATED = dt.date(2026, 5, 15)


@pytest.fixture
def in_conversation(enschede, caseworker):
    melding = MeldingFactory(
        municipality=enschede, period_start=dt.date(2025, 10, 1),
        period_end=dt.date(2025, 10, 31), matched_on=dt.date(2025, 11, 3),
    )  # fmt: skip
    assign(melding, caseworker, caseworker, melding.version)
    record_conversation(
        melding, caseworker, melding.version, held_on=dt.date(2025, 11, 10), help_offered="ja",
        help_accepted="ja", cause="inkomensdaling",
    )  # fmt: skip
    return melding


def _refer(melding, by, kind="schuldhulpverlening", on=MONDAY, note=""):
    return refer(melding, by, melding.version, kind=kind, handover_on=on, note=note)


def test_the_same_referral_twice_in_one_round_is_refused(in_conversation, caseworker):
    _refer(in_conversation, caseworker)

    with pytest.raises(CaseworkError) as refused:
        _refer(in_conversation, caseworker, on=dt.date(2025, 11, 26))

    assert refused.value.field == "kind"
    assert "al een verwijzing naar schuldhulpverlening (warme overdracht op 24-11-2025)" in str(
        refused.value
    )
    assert in_conversation.referrals.count() == 1


def test_another_kind_of_referral_in_the_same_round_is_accepted(in_conversation, caseworker):
    _refer(in_conversation, caseworker)
    _refer(in_conversation, caseworker, kind="wijkteam")

    assert in_conversation.referrals.count() == 2


def test_anders_with_another_toelichting_is_another_referral(in_conversation, caseworker):
    _refer(in_conversation, caseworker, kind="anders", note="Schuldmaatje")
    _refer(in_conversation, caseworker, kind="anders", note="Voedselbank")

    with pytest.raises(CaseworkError, match="al een verwijzing naar anders"):
        _refer(in_conversation, caseworker, kind="anders", note="schuldmaatje")


@pytest.mark.parametrize(
    ("day", "words"),
    [(SATURDAY, "29-11-2025, zaterdag en geen werkdag"), (CHRISTMAS, "25-12-2025, een feestdag")],
)
def test_a_hand_over_on_a_non_working_day_gets_a_warning(day, words):
    assert words in handover_day_warning(day)


def test_the_non_working_day_warning_advises_moving_the_hand_over_not_referring_again():
    """Referring again is refused as a duplicate; the referral's 'Overdracht verzetten' is the
    way to correct the day."""
    warning = handover_day_warning(SATURDAY)

    assert warning.endswith(
        "Klopt die datum niet, kies dan bij de verwijzing op de melding 'Overdracht verzetten' "
        "en vul de juiste datum in."
    )
    assert "opnieuw vast" not in warning


def test_the_duplicate_refusal_points_to_moving_the_hand_over(in_conversation, caseworker):
    _refer(in_conversation, caseworker)

    with pytest.raises(CaseworkError) as refused:
        _refer(in_conversation, caseworker, on=dt.date(2025, 11, 26))

    assert str(refused.value).endswith(
        "Dezelfde verwijzing twee keer vastleggen kan niet. Is de overdracht verzet, kies dan "
        "bij die verwijzing op de melding 'Overdracht verzetten'."
    )


def test_a_hand_over_on_a_day_equated_by_decree_is_not_called_a_feestdag():
    warning = handover_day_warning(EQUATED)

    assert warning.startswith(
        "Let op: de warme overdracht staat op 15-05-2026, een dag die bij besluit met een "
        "feestdag is gelijkgesteld en geen werkdag."
    )
    assert "een feestdag en" not in warning


def _refer_on_the_page(client, caseworker, melding, handover_on: dt.date) -> str:
    """The text of the melding page after referring to budgetcoaching with that hand-over."""
    client.force_login(caseworker)
    response = client.post(
        reverse("casework:referral", args=[melding.pk]),
        {"version": melding.version, "kind": "budgetcoaching",
         "handover_on": handover_on.isoformat(), "note": ""},
        follow=True,
    )  # fmt: skip
    return " ".join(page_text(response.content.decode()).split())


def test_the_referral_page_warns_that_a_hand_over_falls_on_a_day_equated_by_decree(
    client, caseworker, in_conversation
):
    text = _refer_on_the_page(client, caseworker, in_conversation, EQUATED)

    assert "De verwijzing is vastgelegd." in text
    assert (
        "Let op: de warme overdracht staat op 15-05-2026, een dag die bij besluit met een "
        "feestdag is gelijkgesteld en geen werkdag." in text
    )


def test_a_hand_over_on_a_working_day_gets_no_warning():
    assert handover_day_warning(MONDAY) == ""


def test_the_referral_page_keeps_a_saturday_hand_over_and_warns(
    client, caseworker, in_conversation
):
    text = _refer_on_the_page(client, caseworker, in_conversation, SATURDAY)

    assert "De verwijzing is vastgelegd." in text
    assert "Let op: de warme overdracht staat op 29-11-2025, zaterdag en geen werkdag." in text
    assert in_conversation.referrals.get().handover_on == SATURDAY


def test_the_referral_page_shows_the_duplicate_at_the_field(client, caseworker, in_conversation):
    _refer(in_conversation, caseworker)
    client.force_login(caseworker)

    response = client.post(
        reverse("casework:referral", args=[in_conversation.pk]),
        {"version": in_conversation.version, "kind": "schuldhulpverlening",
         "handover_on": MONDAY.isoformat(), "note": ""},
    )  # fmt: skip

    html = response.content.decode()
    assert 'id="id_kind-fout"' in html
    assert "al een verwijzing naar schuldhulpverlening" in html
