"""Whom a melding can go to: each colleague is named with the team (or the meldpunt), so the
meldpunt need not know by heart who works in Team Zuid when a crisis melding in 7546 comes in;
and who is chosen before anyone picks."""

import re

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.factories import UserFactory
from vroegsignaal.casework.assignment import assign
from vroegsignaal.organisations.models import Team

pytestmark = pytest.mark.django_db


def test_the_assign_choices_name_each_colleagues_team_or_the_meldpunt(client):
    intake = UserFactory(intake=True, first_name="Fatma", last_name="Yilmaz")
    south = Team.objects.create(municipality=intake.municipality, name="Team Zuid")
    UserFactory(caseworker=True, municipality=intake.municipality, team=south,
                first_name="Joost", last_name="Oude Egbrink")  # fmt: skip
    UserFactory(caseworker=True, municipality=intake.municipality,
                first_name="Anouk", last_name="ter Horst")  # fmt: skip
    melding = MeldingFactory(municipality=intake.municipality)
    client.force_login(intake)

    for url in (reverse("casework:melding", args=[melding.pk]), reverse("casework:worklist")):
        page = client.get(url).content.decode()
        assert "Joost Oude Egbrink (Team Zuid)" in page, url
        assert "Anouk ter Horst (uitvoerder)" in page, url
        assert "Fatma Yilmaz (meldpunt" in page, url


def chosen_assignee(page: str) -> str:
    """The option a browser sends for the first 'medewerker' choice on the page: the one marked
    selected, otherwise the first."""
    select = re.search(r'<select[^>]*name="medewerker".*?</select>', page, re.DOTALL)
    options = re.findall(r"<option([^>]*)>([^<]*)</option>", select.group(0))
    chosen = next((o for o in options if "selected" in o[0]), options[0])
    return chosen[1]


def test_a_meldpunt_user_chooses_whom_a_melding_goes_to_herself(client, intake_user, melding):
    """The meldpunt hands meldingen out and does no casework: with herself chosen beforehand,
    one click on 'Toewijzen' gave her the melding. No one is chosen until she picks."""
    UserFactory(caseworker=True, municipality=intake_user.municipality)
    client.force_login(intake_user)

    for url in (reverse("casework:melding", args=[melding.pk]), reverse("casework:worklist")):
        assert chosen_assignee(client.get(url).content.decode()) == "Kies een medewerker", url


def test_a_caseworker_has_herself_chosen_and_a_reassignment_the_assignee(
    client, caseworker, colleague, melding
):
    other = MeldingFactory(municipality=melding.municipality)
    assign(other, colleague, caseworker, other.version)
    client.force_login(caseworker)

    def chosen(url):
        return chosen_assignee(client.get(url).content.decode())

    assert (
        chosen(reverse("casework:melding", args=[melding.pk])) == "Cas Werker (uitvoerder, ikzelf)"
    )
    assert chosen(reverse("casework:worklist")) == "Cas Werker (uitvoerder, ikzelf)"
    assert chosen(reverse("casework:melding", args=[other.pk])) == "Col Lega (uitvoerder)"


def test_assigning_without_choosing_anyone_asks_to_choose(client, intake_user, melding):
    client.force_login(intake_user)

    one = client.post(
        reverse("casework:assign", args=[melding.pk]),
        {"version": melding.version, "medewerker": ""},
        follow=True,
    )
    bulk = client.post(
        reverse("casework:worklist"),
        {"melding": f"{melding.pk}:{melding.version}", "medewerker": ""},
        follow=True,
    )

    assert "Toewijzen aan: kies een medewerker." in one.content.decode()
    assert "Gekozen meldingen toewijzen aan: kies een medewerker." in bulk.content.decode()
    melding.refresh_from_db()
    assert melding.assigned_to is None


def test_bulk_assigning_without_a_colleague_says_so_at_the_field_and_keeps_the_ticks(
    client, intake_user, colleague, melding
):
    """Rule: a refused assignment names what is missing at the field and keeps what was chosen;
    'Kies minstens één melding en een medewerker' after a redirect lost the ticks."""
    other = MeldingFactory(municipality=melding.municipality)
    client.force_login(intake_user)

    page = client.post(
        reverse("casework:worklist") + "?werkbakje=",
        {"melding": f"{melding.pk}:{melding.version}", "medewerker": ""},
    ).content.decode()

    assert (
        '<p class="utrecht-form-field-error-message utrecht-form-field__error-message" '
        'id="bulk-medewerker-fout">Gekozen meldingen toewijzen aan: kies een medewerker.</p>'
        in page
    )
    assert 'aria-describedby="bulk-medewerker-fout"' in page
    assert "vink minstens één melding aan" not in page
    assert re.search(rf'value="{melding.pk}:{melding.version}"[^>]* checked', page)
    assert not re.search(rf'value="{other.pk}:{other.version}"[^>]* checked', page)
    melding.refresh_from_db()
    assert melding.assigned_to is None


def test_bulk_assigning_without_a_tick_says_so_at_the_list_and_keeps_the_colleague(
    client, intake_user, colleague, melding
):
    client.force_login(intake_user)

    page = client.post(reverse("casework:worklist"), {"medewerker": colleague.pk}).content.decode()

    assert (
        '<p class="utrecht-form-field-error-message" id="kiezen-fout">'
        "Meldingen: vink minstens één melding aan om toe te wijzen.</p>" in page
    )
    assert 'aria-describedby="kiezen-fout"' in page
    assert "kies een medewerker." not in page
    assert chosen_assignee(page) == "Col Lega (uitvoerder)"


def test_bulk_assigning_with_nothing_chosen_names_both_at_the_top(client, intake_user, melding):
    client.force_login(intake_user)

    page = client.post(reverse("casework:worklist"), {"medewerker": ""}).content.decode()

    alert = re.search(r'data-testid="toewijzen-fouten">(.*?)</div>', page, re.DOTALL).group(1)
    assert "Meldingen: vink minstens één melding aan om toe te wijzen." in alert
    assert "Gekozen meldingen toewijzen aan: kies een medewerker." in alert
