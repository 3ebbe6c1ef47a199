"""The resident's satisfaction: a Dutch rapportcijfer recorded with the end result."""

import pytest
from django.db import IntegrityError, transaction

from vroegsignaal.casework.erasure import erase_melding
from vroegsignaal.casework.errors import CaseworkError
from vroegsignaal.casework.events import describe
from vroegsignaal.casework.models import Event, EventKind, Melding
from vroegsignaal.casework.results import close_with_result
from vroegsignaal.ddas import Eindresultaat

MESSAGE = "Tevredenheid: geef een cijfer van 1 tot en met 10."


@pytest.mark.parametrize("cijfer", [0, 11, -3])
def test_satisfaction_outside_1_to_10_is_refused_and_the_melding_stays_open(
    helped, caseworker, cijfer
):
    with pytest.raises(CaseworkError, match=MESSAGE):
        close_with_result(
            helped,
            caseworker,
            helped.version,
            Eindresultaat.ADVIES_QUICK_FIX,
            satisfaction=cijfer,
        )

    stored = Melding.objects.get(pk=helped.pk)
    assert (stored.state, stored.result, stored.satisfaction) == ("in_conversation", "", None)


@pytest.mark.parametrize("cijfer", [None, 1, 7, 10])
def test_satisfaction_is_a_rapportcijfer_from_1_to_10_or_not_asked(helped, caseworker, cijfer):
    close_with_result(
        helped, caseworker, helped.version, Eindresultaat.ADVIES_QUICK_FIX, satisfaction=cijfer
    )

    assert Melding.objects.get(pk=helped.pk).satisfaction == cijfer


def test_the_closing_event_shows_the_satisfaction_when_asked(helped, caseworker):
    close_with_result(
        helped, caseworker, helped.version, Eindresultaat.ADVIES_QUICK_FIX, satisfaction=8
    )

    event = Event.objects.get(melding=helped, kind=EventKind.CLOSED)
    assert describe(event).startswith(
        "Afgesloten met eindresultaat '(Budget)advies en/of quick fix'; tevredenheid inwoner: 8"
    )


def test_the_closing_event_without_satisfaction_says_nothing_about_it(helped, caseworker):
    close_with_result(helped, caseworker, helped.version, Eindresultaat.REGELT_ZELF)

    event = Event.objects.get(melding=helped, kind=EventKind.CLOSED)
    assert "tevredenheid" not in describe(event)


def test_erasure_keeps_the_satisfaction_as_an_aggregated_fact(helped, caseworker):
    close_with_result(
        helped, caseworker, helped.version, Eindresultaat.ADVIES_QUICK_FIX, satisfaction=6
    )

    erase_melding(Melding.objects.get(pk=helped.pk))

    stored = Melding.objects.get(pk=helped.pk)
    assert (stored.street, stored.satisfaction) == ("", 6)


def test_the_database_refuses_a_cijfer_outside_1_to_10(melding):
    with pytest.raises(IntegrityError), transaction.atomic():
        Melding.objects.filter(pk=melding.pk).update(satisfaction=11)
