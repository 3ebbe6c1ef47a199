"""The meldpunt's overview links the count of overdue heropaf questions to their meldingen (QA15 B5).

Rule: 'Heropaf niet beantwoord (verlopen)' per creditor opens the list of those questions with
the melding (kenmerk linked to its page), the round, the answer term and whether the creditor
was reminded; only the meldpunt's own municipality."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory, UserFactory
from tests.feedback import scenario
from tests.feedback.conftest import SITE_URL
from tests.page_text import page_text
from vroegsignaal import kenmerk
from vroegsignaal.feedback.models import HeropafCheck
from vroegsignaal.feedback.release import release_due_feedback


@pytest.fixture
def overdue(enschede, energy, caseworker):
    melding = scenario.melding_with_signals(enschede, energy)
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    scenario.work_and_close(melding, caseworker, [energy])
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 23))
    # Asked and past its term before today.
    HeropafCheck.objects.update(asked_on=dt.date(2026, 11, 2), answer_due_on=dt.date(2026, 11, 16))
    return melding


def test_the_overdue_count_links_to_the_list_of_its_meldingen(client, intake_user, energy, overdue):
    client.force_login(intake_user)
    listing = reverse("feedback:overdue_heropaf", args=[energy.pk])

    overview = client.get(reverse("feedback:overview")).content.decode()
    assert f'href="{listing}"' in overview

    text = page_text(client.get(listing))
    assert kenmerk.of(overdue.pk) in text
    assert "16-11-2026" in text


def test_the_list_shows_no_other_municipalitys_questions(client, energy, overdue):
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    other = UserFactory(intake=True, municipality=hengelo, username="henk")
    client.force_login(other)

    text = page_text(client.get(reverse("feedback:overdue_heropaf", args=[energy.pk])))
    assert kenmerk.of(overdue.pk) not in text
