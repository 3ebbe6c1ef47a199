"""The figures pages take whole months: meldingen belong to a matching period of a calendar
month, so a part of a month would set a few days' signals beside the whole month's meldingen
(and divide them by a whole month per 1.000 inwoners). The running month may end today."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from vroegsignaal.monitoring.scope import whole_month_problems

TODAY = dt.date(2026, 11, 26)


def test_a_period_of_whole_months_or_up_to_today_has_no_problem():
    D = dt.date
    assert whole_month_problems(D(2026, 10, 1), D(2026, 10, 31), TODAY) == {}
    assert whole_month_problems(D(2025, 12, 1), D(2026, 2, 28), TODAY) == {}
    assert whole_month_problems(D(2026, 1, 1), TODAY, TODAY) == {}  # the default: up to today


def test_a_part_of_a_month_is_refused_with_the_whole_months_around_it():
    problems = whole_month_problems(dt.date(2026, 10, 5), dt.date(2026, 10, 20), TODAY)

    assert problems == {
        "start": (
            "Kies een begindatum op de eerste dag van een maand, bijvoorbeeld 01-10-2026 of "
            "01-11-2026: meldingen horen bij de matchingsperiode van een hele kalendermaand, "
            "dus een deel van een maand zou de signalen van een paar dagen naast de meldingen "
            "van de hele maand zetten."
        ),
        "end": (
            "Kies een einddatum op de laatste dag van een maand, bijvoorbeeld 30-09-2026 of "
            "31-10-2026, of vandaag (26-11-2026): meldingen horen bij de matchingsperiode van "
            "een hele kalendermaand."
        ),
    }


@pytest.fixture
def leader(twente):
    return UserFactory(project_leader=True, region=twente["region"])


def test_the_dashboard_refuses_a_part_of_a_month_at_its_fields_and_shows_no_figures(client, leader):
    client.force_login(leader)

    page = client.get(reverse("monitoring:dashboard"), {"van": "2026-10-05", "tot": "2026-10-20"})

    html = page.content.decode()
    assert page.status_code == 400  # as the monthly report answers a wrong selection
    assert "Kies een begindatum op de eerste dag van een maand" in html
    assert "Kies een einddatum op de laatste dag van een maand" in html
    assert "<figure" not in html
    download = reverse("monitoring:download", args=["trechter", "csv"])
    assert client.get(download, {"van": "2026-10-05", "tot": "2026-10-31"}).status_code == 404


def test_the_dashboard_says_which_signals_and_meldingen_it_counts(client, leader):
    client.force_login(leader)

    page = client.get(reverse("monitoring:dashboard"), {"van": "2026-10-01", "tot": "2026-11-30"})

    assert (
        "signalen met een signaaldatum in de periode, meldingen van de matchingsmaanden "
        "oktober 2026 tot en met november 2026"
    ) in page.content.decode()


def test_the_business_case_takes_whole_months_too(client, leader):
    client.force_login(leader)

    page = client.get(reverse("monitoring:businesscase"), {"van": "2026-10-15"})

    assert page.status_code == 400
    assert "Kies een begindatum op de eerste dag van een maand" in page.content.decode()


def test_the_ddas_delivery_still_takes_any_days(client, twente):
    """The record-level delivery to CBS is of signals by signaaldatum, any range of days."""
    client.force_login(UserFactory(intake=True, municipality=twente["enschede"]))

    response = client.get(reverse("monitoring:ddas"), {"van": "2026-10-05", "tot": "2026-10-20"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_the_ddas_delivery_answers_a_wrong_period_as_a_bad_request_like_the_dashboard(
    client, twente
):
    """It showed the Dutch message with status 200, while the dashboard, the reports and the
    business case answer a wrong selection with 400."""
    client.force_login(UserFactory(intake=True, municipality=twente["enschede"]))

    response = client.get(reverse("monitoring:ddas"), {"van": "2026-10-20", "tot": "2026-10-05"})

    assert response.status_code == 400
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    assert "attachment" not in response.get("Content-Disposition", "")


def test_a_refused_period_is_summarised_at_the_top_of_the_page_as_other_forms_do(client, leader):
    client.force_login(leader)

    page = client.get(reverse("monitoring:dashboard"), {"van": "2026-10-05", "tot": "2026-10-20"})

    html = page.content.decode()
    summary = html.index("Het formulier is nog niet goed ingevuld; zie de meldingen bij de velden.")
    assert summary < html.index('aria-label="Selectie"') < html.index("Kies een begindatum")
    assert "<title>Fout: Monitoring" in html


def test_a_period_that_has_not_begun_is_refused_as_the_month_report_refuses_it(client, leader):
    today = timezone.localdate()
    client.force_login(leader)
    next_year = f"{today.year + 1}"

    page = client.get(
        reverse("monitoring:dashboard"), {"van": f"{next_year}-01-01", "tot": f"{next_year}-01-31"}
    )

    html = page.content.decode()
    assert page.status_code == 400 and "<figure" not in html
    assert (
        f"Maand {next_year}-01 is nog niet begonnen; kies een maand tot en met {today:%Y-%m}."
    ) in html
    # A start that is not the first of a month either: that it has not begun comes first.
    html = client.get(
        reverse("monitoring:dashboard"), {"van": f"{next_year}-01-05", "tot": f"{next_year}-01-31"}
    ).content.decode()
    assert f"Maand {next_year}-01 is nog niet begonnen" in html
    assert "Kies een begindatum op de eerste dag" not in html
    # The running month has begun.
    running = {"van": f"{today:%Y-%m}-01", "tot": today.isoformat()}
    assert client.get(reverse("monitoring:dashboard"), running).status_code == 200


def test_a_single_month_is_named_once(client, leader):
    client.force_login(leader)

    page = client.get(reverse("monitoring:dashboard"), {"van": "2026-10-01", "tot": "2026-10-31"})

    html = page.content.decode()
    assert "meldingen van de matchingsmaand oktober 2026," in html
    assert "oktober 2026 tot en met oktober 2026" not in html
