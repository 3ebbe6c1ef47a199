"""Each role's start page shows what that role needs, and the project leader only aggregates."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AgreementFactory,
    CreditorFactory,
    MunicipalityFactory,
    PostcodeAreaFactory,
    UserFactory,
)
from tests.page_text import page_text
from tests.web.delivery_files import delivery_csv, row, valid_rows
from vroegsignaal.intake.models import Channel, Signal
from vroegsignaal.intake.services import ingest_file
from vroegsignaal.organisations.models import Team
from vroegsignaal.web.start_pages import month_start, region_signal_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def hengelo(creditor):
    hengelo = MunicipalityFactory(code="0164", name="Hengelo", inhabitants=87000)
    PostcodeAreaFactory(postcode="7550", municipality=hengelo)
    AgreementFactory(creditor=creditor, municipality=hengelo)
    return hengelo


@pytest.fixture
def signals(creditor, hengelo):
    """This month: three in Enschede (one crisis), one in Hengelo; one Enschede signal last month."""
    rows = [
        *valid_rows(),
        row("K3", crisis="ja"),
        row("K4", postcode="7550AA"),
        row("K5", surname="Vorigemaand"),
    ]
    ingest_file(creditor, delivery_csv(rows), "signalen.csv", channel=Channel.UPLOAD)
    last_month = month_start() - dt.timedelta(days=3)
    Signal.objects.filter(customer_number="K5").update(received_at=last_month)


def _start_page(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("web:start")).content.decode()


def test_creditor_sees_its_own_deliveries_and_an_upload_button(client, creditor, creditor_user):
    ingest_file(creditor, delivery_csv(valid_rows()), "eigen.csv")
    other = CreditorFactory(code="water-twente", name="Water Twente", partner_type="Water")
    ingest_file(other, delivery_csv(valid_rows()), "andermans.csv")
    page = _start_page(client, creditor_user)
    assert "eigen.csv" in page and "andermans.csv" not in page
    assert f'href="{reverse("intake:upload")}">Bestand aanleveren' in page


def test_intake_sees_this_months_signal_count_for_its_own_municipality(client, signals):
    page = _start_page(client, UserFactory(intake=True))
    assert "Signalen deze maand voor Enschede" in page
    assert 'data-testid="ontvangen">3<' in page and 'data-testid="crisis">1<' in page


def test_caseworker_in_another_municipality_does_not_count_enschede_signals(
    client, signals, hengelo
):
    page = _start_page(client, UserFactory(caseworker=True, municipality=hengelo))
    assert 'data-testid="ontvangen">1<' in page


def test_project_leader_sees_counts_per_municipality_of_the_region_and_no_personal_data(
    client, signals, hengelo
):
    page = _start_page(client, UserFactory(project_leader=True))
    assert "Regio-overzicht Twente" in page
    enschede_row = page.split("Enschede</th>")[1].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in enschede_row.split("</td>")[:2]] == ["3", "1"]
    assert "Hengelo</th>" in page
    assert "Jansen" not in page and "7511" not in page


@pytest.mark.parametrize(
    ("user", "works_for"),
    [
        ({"project_leader": True}, "projectleider bij Regio Twente."),
        ({"caseworker": True}, "uitvoerder / hulpverlener bij gemeente Enschede."),
        ({"role": ""}, "gebruiker zonder rol."),
    ],
)
def test_the_start_page_names_the_organisation_as_the_other_pages_do(client, user, works_for):
    """'projectleider bij Twente' read as a municipality; monitoring says 'Regio Twente'."""
    page = " ".join(page_text(_start_page(client, UserFactory(**user))).split())
    assert f"U bent ingelogd als {works_for}" in page


def test_the_page_header_names_the_team_of_a_caseworker_who_has_one(client):
    """The team decides which werkbakjes a caseworker sees, so the header says it."""
    team_member = UserFactory(caseworker=True, first_name="Anouk", last_name="ter Horst")
    team_member.team = Team.objects.create(municipality=team_member.municipality, name="Team Zuid")
    team_member.save()
    without_team = UserFactory(caseworker=True, first_name="Joost", last_name="Oude Egbrink")

    def header(user):
        client.force_login(user)
        page = client.get(reverse("web:start")).content.decode()
        return page_text(page.split('class="current-user">')[1].split("</span>")[0])

    assert header(team_member) == (
        "Anouk ter Horst · Uitvoerder / hulpverlener · Gemeente Enschede · Team Zuid"
    )
    assert (
        header(without_team) == "Joost Oude Egbrink · Uitvoerder / hulpverlener · Gemeente Enschede"
    )


def test_project_leader_per_1000_inhabitants_uses_the_municipality_size(signals, hengelo):
    counts = {c.municipality.name: c for c in region_signal_counts(hengelo.region)}
    assert counts["Hengelo"].received == 1
    assert counts["Hengelo"].per_1000_inhabitants == round(1000 / 87000, 2)


def test_project_leader_start_page_writes_per_1000_figures_with_two_decimals(
    client, signals, hengelo
):
    hengelo.inhabitants = 10_000  # its one signal: 0.1 per 1.000, shown as 0,10 beside 4,07
    hengelo.save()
    page = _start_page(client, UserFactory(project_leader=True))
    hengelo_row = page.split("Hengelo</th>")[1].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in hengelo_row.split("</td>")[:3]] == ["1", "0", "0,10"]


def test_administrator_gets_a_link_to_the_admin(client):
    page = _start_page(client, UserFactory(administrator=True))
    assert f'href="{reverse("admin:index")}"' in page


def test_privacy_officer_gets_the_privacy_placeholder(client):
    assert "Privacy" in _start_page(client, UserFactory(privacy_officer=True))


def test_user_without_a_role_is_told_to_ask_for_one(client):
    page = _start_page(client, UserFactory(role=""))
    assert "nog geen rol" in page


def test_a_technical_superuser_without_a_role_is_led_to_the_beheeromgeving(client):
    page = _start_page(client, UserFactory(role="", is_superuser=True, is_staff=True))
    assert "technisch account" in page and f'href="{reverse("admin:index")}"' in page
    assert "nog geen rol" not in page


def test_month_starts_at_local_midnight_on_the_first():
    late_evening_utc = dt.datetime(2026, 10, 31, 23, 30, tzinfo=dt.UTC)  # 1 November in NL
    start = month_start(late_evening_utc)
    assert (start.month, start.day, start.hour) == (11, 1, 0)
    assert start.tzinfo is not None and timezone.is_aware(start)
