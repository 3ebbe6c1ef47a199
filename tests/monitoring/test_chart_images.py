"""The dashboard's charts are images of their own (`<img loading="lazy">`): the page holds the
tables and draws no chart, and a chart URL shows what the page shows the same user, never more
(see conftest for the region: Twente with Enschede and Hengelo, October's meldingen)."""

import html
import re

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory, RegionFactory, UserFactory
from vroegsignaal.monitoring.chart_images import KEPT_SECONDS

OCTOBER = {"van": "2026-10-01", "tot": "2026-10-31"}


@pytest.fixture
def leader(twente):
    return UserFactory(project_leader=True, region=twente["region"])


def _page(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("monitoring:dashboard"), {**OCTOBER, **query})
    assert response.status_code == 200
    return response.content.decode()


def _image(page: str, key: str) -> dict[str, str]:
    """The attributes of the chart image in the figure of table ``key``."""
    figure = page[page.index(f'id="fig-{key}"') :]
    tag = re.search(r'<img class="monitoring-chart"[^>]*>', figure.split("</figure>")[0])[0]
    return {name: html.unescape(value) for name, value in re.findall(r'([\w-]+)="([^"]*)"', tag)}


def _cells(page: str, key: str, column: int) -> list[str]:
    """The page's cells of one number column (1 = the first after the row label)."""
    figure = page[page.index(f'id="fig-{key}"') :].split("</figure>")[0]
    rows = re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", figure, re.S)[1:]
    return [html.unescape(re.findall(r'numeric-data">([^<]*)<', row)[column - 1]) for row in rows]


def _texts(svg: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def _bar_labels(svg: str) -> list[str]:
    """The labels beside the bars of a bar chart, top to bottom (drawn bottom up; only they
    start at their point, tick labels are centred or end at theirs)."""
    labels = re.findall(r"<text[^>]*text-anchor: start[^>]*>([^<]*)</text>", svg)
    return [html.unescape(label) for label in labels][::-1]


def test_the_dashboard_draws_no_chart_and_offers_each_as_a_lazy_image_of_its_size(client, leader):
    page = _page(client, leader)

    assert "data:image" not in page and "<svg" not in page
    images = re.findall(r'<img class="monitoring-chart"[^>]*>', page)
    assert len(images) == 9  # the tables with a chart and rows in October
    assert all('loading="lazy"' in image for image in images)
    funnel = _image(page, "trechter")
    assert funnel["loading"] == "lazy"
    assert funnel["src"].startswith(reverse("monitoring:chart", args=["trechter"]) + "?")
    # Seven inches wide in the SVG's points, as a browser shows them: the page does not jump.
    assert funnel["width"] == "672" and int(funnel["height"]) > 100
    # The text alternative stays: the table under it holds the same figures.
    assert (
        funnel["alt"]
        == "Grafiek: Van signaal tot doorverwijzing. De cijfers staan in de tabel hieronder."
    )


def test_a_chart_url_gives_the_chart_of_the_pages_table_kept_for_the_session(client, leader):
    page = _page(client, leader)

    response = client.get(_image(page, "gemeenten")["src"])

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<svg") and 'width="504pt"' in svg
    assert {"Enschede", "Hengelo"} <= set(_texts(svg))
    cache = response["Cache-Control"]
    assert "private" in cache and f"max-age={KEPT_SECONDS}" in cache


def test_the_chart_shows_the_hidden_small_numbers_exactly_as_the_page(client, leader):
    page = _page(client, leader, gemeente="0153")
    shown = _cells(page, "trechter", 1)
    assert {"< 5", "x"} & set(shown)  # help accepted and referred: one household each

    svg = client.get(_image(page, "trechter")["src"]).content.decode()

    assert _bar_labels(svg) == shown


def test_the_meldpunt_gets_its_exact_figures_in_the_chart_too(client, twente):
    intake = UserFactory(intake=True, municipality=twente["enschede"])
    page = _page(client, intake)
    shown = _cells(page, "trechter", 1)
    assert not {"< 5", "x"} & set(shown)

    svg = client.get(_image(page, "trechter")["src"]).content.decode()

    assert _bar_labels(svg) == shown


def test_another_regions_project_leader_gets_no_chart_of_this_region(client, leader):
    page = _page(client, leader)
    enschede = _image(_page(client, leader, gemeente="0153"), "trechter")["src"]
    whole_region = _image(page, "gemeenten")["src"]
    other = RegionFactory(name="Achterhoek")
    MunicipalityFactory(code="1859", name="Berkelland", region=other)
    MunicipalityFactory(code="0197", name="Aalten", region=other)
    client.force_login(UserFactory(project_leader=True, region=other))

    assert client.get(enschede).status_code == 404  # Enschede is no choice of his
    # 'Hele regio' is his own region: its figures, never Twente's, and not kept under the URL.
    response = client.get(whole_region)
    texts = _texts(response.content.decode())
    assert "Berkelland" in texts and "Enschede" not in texts and "Hengelo" not in texts
    assert "no-store" in response["Cache-Control"]


def test_a_chart_url_refuses_an_anonymous_visitor_and_other_roles(client, leader, twente):
    src = _image(_page(client, leader), "trechter")["src"]
    client.logout()

    anonymous = client.get(src)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/inloggen/")
    client.force_login(UserFactory(caseworker=True, municipality=twente["enschede"]))
    assert client.get(src).status_code == 403


def test_a_table_without_a_chart_or_a_wrong_selection_has_no_chart_url(client, leader):
    page = _page(client, leader)
    assert "<img" not in page[page.index('id="fig-heropaf"') :].split("</figure>")[0]

    url = reverse("monitoring:chart", args=["heropaf"])
    assert client.get(url, OCTOBER).status_code == 404
    assert (
        client.get(reverse("monitoring:chart", args=["trechter"]), {"van": "x"}).status_code == 404
    )


def test_a_chart_whose_figures_changed_since_the_page_shows_the_current_ones_not_kept(
    client, leader
):
    _page(client, leader)
    url = reverse("monitoring:chart", args=["trechter"])

    response = client.get(url, {**OCTOBER, "v": "van-een-oudere-pagina"})

    assert response.status_code == 200 and "Signalen" in _texts(response.content.decode())
    assert "no-store" in response["Cache-Control"]


def test_the_monthly_report_keeps_its_charts_inside_the_page_for_printing(client, leader):
    client.force_login(leader)
    page = client.get(reverse("monitoring:monthly"), {"maand": "2026-10"}).content.decode()

    funnel = _image(page, "trechter")
    assert funnel["src"].startswith("data:image/svg+xml;base64,")
    assert "loading" not in funnel and funnel["width"] == "672"
