"""Following a link in a browser journey.

A click only starts a navigation: a check that runs right after it can meet the new document
before its <head> exists (axe-core could not be injected, CI 2026-11-25). `follow` returns once
the new page has loaded, so every next step sees the page the link leads to.
"""

from __future__ import annotations

from playwright.sync_api import Locator


def follow(link: Locator) -> None:
    """Click a link and wait until the page it leads to has loaded."""
    with link.page.expect_navigation(wait_until="load"):
        link.click()
