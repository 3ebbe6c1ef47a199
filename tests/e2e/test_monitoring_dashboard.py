"""The project leader's dashboard in Chromium: the page comes with its tables, the browser fetches
a chart when it comes near the view, every chart arrives as an image, and the page passes the
axe check (see tests/monitoring/conftest.py for the region)."""

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.monitoring.conftest import twente  # noqa: F401 (the monitoring tests' region)

pytestmark = pytest.mark.e2e

CHARTS = "img.monitoring-chart"
FETCHED = "performance.getEntriesByType('resource').filter(e => e.name.includes('/grafiek/'))"


def test_the_dashboards_charts_arrive_as_images_when_they_come_into_view(
    page,
    login_as,
    assert_accessible,
    twente,  # noqa: F811 (the fixture imported above)
):
    login_as(page, UserFactory(project_leader=True, region=twente["region"]))

    page.goto("/monitoring/?van=2026-10-01&tot=2026-10-31")

    charts = page.locator(CHARTS)
    count = charts.count()
    assert count == 9
    first = charts.first
    expect(first).to_have_attribute("loading", "lazy")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=first.element_handle()
    )
    # Far below the view the browser has not asked for a chart yet: the page did not wait for it.
    assert page.evaluate(f"{FETCHED}.length") < count
    for index in range(count):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=chart.element_handle()
        )
    sizes = charts.evaluate_all("imgs => imgs.map(i => [i.naturalWidth, i.naturalHeight])")
    assert all(width == 672 and height > 100 for width, height in sizes)
    assert page.evaluate(f"{FETCHED}.length") == count
    assert_accessible(page)
