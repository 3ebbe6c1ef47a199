"""The harness itself: the axe check must catch real violations, and the theme must load."""

import pytest

pytestmark = pytest.mark.e2e


def test_accessibility_check_fails_on_a_serious_violation_and_names_it(page, assert_accessible):
    page.goto("/inloggen/")
    page.set_content("<html><body><main><img src='/x.png'></main></body></html>")
    with pytest.raises(AssertionError, match=r"image-alt") as failure:
        assert_accessible(page)
    assert "html-has-lang" in str(failure.value)


def test_pages_get_the_nl_design_system_theme_from_the_static_files(page):
    page.goto("/inloggen/")
    primary = page.evaluate(
        "getComputedStyle(document.documentElement)"
        ".getPropertyValue('--utrecht-button-primary-action-background-color')"
    )
    assert primary.strip(), "design tokens (utrecht-theme) not loaded"
    button = page.get_by_role("button", name="Inloggen")
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") != "rgba(0, 0, 0, 0)"
