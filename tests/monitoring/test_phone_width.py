"""The monitoring pages on a phone (390 px): charts keep legible labels and scroll sideways in
their own box, a wide table keeps its row labels in view, and the page itself never scrolls
sideways."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
# The charts are drawn 7 inches wide with 9-point labels; at 36rem (576 px) the labels are
# about 10 px, at the 358 px of a phone column they were about 5 px.
LEGIBLE_CHART_WIDTH = 570


def test_dashboard_charts_keep_legible_labels_on_a_phone_and_scroll_in_their_own_box(
    page, login_as, assert_accessible, twente
):
    leader = UserFactory(project_leader=True, region=twente["region"])
    page.set_viewport_size(PHONE)
    login_as(page, leader)

    page.goto("/monitoring/?van=2026-10-01&tot=2026-10-31")

    widths = page.eval_on_selector_all(
        "img.monitoring-chart", "imgs => imgs.map(i => i.getBoundingClientRect().width)"
    )
    assert widths and min(widths) >= LEGIBLE_CHART_WIDTH
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    box = page.locator(".monitoring-chart-box").first
    assert box.get_attribute("role") == "region"
    assert box.get_attribute("aria-label") == "Grafiek: Van signaal tot doorverwijzing"
    assert_accessible(page)


def test_a_wide_monitoring_table_keeps_its_row_labels_in_view_on_a_phone(page, login_as, twente):
    leader = UserFactory(project_leader=True, region=twente["region"])
    page.set_viewport_size(PHONE)
    login_as(page, leader)
    page.goto("/monitoring/?van=2026-10-01&tot=2026-10-31")

    table = page.locator("#fig-gemeenten ~ .utrecht-table-container")
    table.evaluate("box => box.scrollLeft = 400")
    label = table.locator("tbody th").first
    box_left = table.evaluate("box => box.getBoundingClientRect().left")
    assert abs(label.bounding_box()["x"] - box_left) < 2, "de gemeentenaam schuift uit beeld"


def test_every_monitoring_page_fits_a_phone_and_passes_the_axe_check(
    page, login_as, assert_accessible, twente
):
    leader = UserFactory(project_leader=True, region=twente["region"])
    page.set_viewport_size(PHONE)
    login_as(page, leader)

    for url in (
        "/monitoring/maandrapport/?maand=2026-10",
        "/monitoring/businesscase/?hourly_rate=120&initiation_hours=80-40",
        "/monitoring/jaarcijfers/",
        "/monitoring/kwartaalrapport/",
    ):
        page.goto(url)
        assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"), (
            f"{url} scrolt zijwaarts op een telefoon"
        )
        assert_accessible(page)
