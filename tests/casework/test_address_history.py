"""'Andere meldingen op dit adres' on the melding page: only what the viewer may open.

A caseworker of one team does not see the meldingen of another team (privacy.md, demo.md), not
even their kenmerk and result in this list; she reads how many there are, so she knows the
address has a history and whom to ask (QA10 B7).
"""

import datetime as dt

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory, QueueFactory
from tests.factories import UserFactory
from tests.page_text import page_text
from vroegsignaal.ddas import Eindresultaat
from vroegsignaal.organisations.models import Team
from vroegsignaal.privacy.models import AuditShownObject


@pytest.fixture
def teams(enschede):
    return {
        "noord": Team.objects.create(municipality=enschede, name="Team Noord"),
        "zuid": Team.objects.create(municipality=enschede, name="Team Zuid"),
    }


@pytest.fixture
def zuid_worker(enschede, teams):
    return UserFactory(caseworker=True, municipality=enschede, team=teams["zuid"])


@pytest.fixture
def crisis_melding(enschede):
    """A crisis melding in the werkbakje Crisis, which has no team: every caseworker sees it."""
    return MeldingFactory(
        municipality=enschede,
        queue=QueueFactory(municipality=enschede, name="Crisis"),
        period_start=dt.date(2026, 11, 1),
    )


def closed_at(melding, queue, period_start):
    """An earlier melding at the same address, closed without contact, in `queue`."""
    return MeldingFactory(
        municipality=melding.municipality, address_key=melding.address_key, queue=queue,
        period_start=period_start, state="closed", result=Eindresultaat.GEEN_CONTACT,
        closed_on=period_start + dt.timedelta(days=40),
    )  # fmt: skip


@pytest.fixture
def history(enschede, teams, crisis_melding):
    """Two earlier meldingen at the address in Wijkteam Noord's werkbakje, one in Zuid's."""
    noord = QueueFactory(municipality=enschede, name="Wijkteam Noord", team=teams["noord"])
    zuid = QueueFactory(municipality=enschede, name="Wijkteam Zuid", team=teams["zuid"])
    return {
        "noord mei": closed_at(crisis_melding, noord, dt.date(2026, 5, 1)),
        "noord augustus": closed_at(crisis_melding, noord, dt.date(2026, 8, 1)),
        "zuid": closed_at(crisis_melding, zuid, dt.date(2026, 2, 1)),
    }


def melding_page(client, user, melding) -> str:
    client.force_login(user)
    return page_text(client.get(reverse("casework:melding", args=[melding.pk])))


def test_a_caseworker_sees_no_kenmerk_or_result_of_another_teams_meldingen_at_the_address(
    client, zuid_worker, crisis_melding, history
):
    text = melding_page(client, zuid_worker, crisis_melding)

    assert history["zuid"].reference in text
    for name in ("noord mei", "noord augustus"):
        assert history[name].reference not in text
    assert text.count("Definitief geen contact kunnen krijgen") == 1  # Zuid's melding only


def test_a_caseworker_reads_how_many_meldingen_at_the_address_another_team_has(
    client, zuid_worker, crisis_melding, history
):
    text = melding_page(client, zuid_worker, crisis_melding)

    assert "Nog 2 eerdere meldingen op dit adres bij een ander team" in text


def test_only_another_teams_meldingen_at_the_address_are_not_called_none(
    client, zuid_worker, crisis_melding, history
):
    history["zuid"].delete()

    text = melding_page(client, zuid_worker, crisis_melding)

    assert "Geen andere meldingen op dit adres" not in text
    assert "Nog 2 eerdere meldingen op dit adres bij een ander team" in text


def test_earlier_and_later_meldingen_of_another_team_are_counted_apart(
    client, enschede, teams, zuid_worker, crisis_melding, history
):
    noord = QueueFactory(municipality=enschede, name="Wijkteam Noord", team=teams["noord"])
    closed_at(crisis_melding, noord, dt.date(2026, 12, 1))

    text = melding_page(client, zuid_worker, crisis_melding)

    assert "Nog 3 meldingen op dit adres bij een ander team (2 eerder en 1 later)" in text


def test_the_meldpunt_sees_every_melding_at_the_address_and_no_count(
    client, enschede, crisis_melding, history
):
    meldpunt = UserFactory(intake=True, municipality=enschede)

    text = melding_page(client, meldpunt, crisis_melding)

    assert all(melding.reference in text for melding in history.values())
    assert "bij een ander team" not in text


def test_the_meldingen_listed_at_the_address_are_in_the_audit_log_of_the_page(
    client, zuid_worker, crisis_melding, history
):
    melding_page(client, zuid_worker, crisis_melding)

    shown = set(
        AuditShownObject.objects.filter(object_type="casework.melding").values_list(
            "object_id", flat=True
        )
    )
    assert str(history["zuid"].pk) in shown
    assert str(history["noord mei"].pk) not in shown
