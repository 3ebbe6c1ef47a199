"""The browser-test harness: a live Django server, Debian's Chromium driven by Playwright, and
helpers every journey reuses. A plugin of the root conftest, so the journeys (tests/e2e) and the
browser checks of other apps (tests/monitoring/test_phone_width.py) share one browser per test
process: two session fixtures each starting Playwright in one process fail ("Sync API inside
the asyncio loop").

Fixtures:
- `page`: a fresh Chromium page whose relative URLs go to the live server (`page.goto("/")`).
- `login_as(page, user, password=DEMO_PASSWORD)`: log in through the real log-in form.
- `assert_accessible(page)`: run axe-core on the current page; fails on serious or critical
  violations (WCAG 2.1 A/AA and best practices), listing each with the elements concerned.

Mark journeys with `pytestmark = pytest.mark.e2e`; `make test` runs them on PostgreSQL only.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect, sync_playwright

from tests.factories import DEMO_PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_SCRIPT = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: installeer het met `apt-get install -y chromium`.")
    # Playwright's sync API runs an event loop in the test thread, which trips Django's check
    # against database access from async code; the tests' ORM calls are not async code. Set
    # only once a browser starts, so the other tests keep Django's check.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Page:
    # bypass_csp keeps axe injectable once the strict Content-Security-Policy is in place.
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", bypass_csp=True, accept_downloads=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login_as():
    """Log in through the log-in form and wait for the start page."""

    def login(page: Page, user, password: str = DEMO_PASSWORD) -> None:
        page.goto("/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(user.username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")

    return login


@pytest.fixture
def assert_accessible():
    """Check the current page with axe-core; fail on serious or critical violations."""

    def check(page: Page) -> None:
        if not AXE_SCRIPT.exists():
            pytest.fail(f"{AXE_SCRIPT} ontbreekt: voer `npm ci` uit (make setup).")
        page.add_script_tag(path=str(AXE_SCRIPT))
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"Toegankelijkheid van {page.url}:\n" + "\n".join(
            _describe(v) for v in blocking
        )

    return check


def _describe(violation: dict) -> str:
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    return f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({targets})"
