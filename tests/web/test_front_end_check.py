"""The pages need the NL Design System's stylesheets and htmx from npm (make setup): without
them every page is bare HTML, which nobody should mistake for a working installation."""

from pathlib import Path

from django.core import checks

from vroegsignaal.web.checks import FRONT_END_FILES, front_end_packages


def test_the_installation_has_every_front_end_file_the_pages_load():
    assert front_end_packages(None) == []


def test_a_missing_front_end_package_stops_the_server_with_a_dutch_message(settings, tmp_path):
    settings.STATICFILES_DIRS = [("utrecht", tmp_path / "@utrecht"), ("htmx", tmp_path / "htmx")]
    settings.STATIC_ROOT = tmp_path / "static"

    problems = front_end_packages(None)

    assert [p.id for p in problems] == ["web.E001"] * len(FRONT_END_FILES)
    assert all(p.level == checks.ERROR for p in problems)
    assert "utrecht/design-tokens/dist/index.css ontbreekt" in problems[0].msg
    assert "npm ci" in problems[0].hint


def test_collected_static_files_are_enough_without_node_modules(settings, tmp_path):
    """In production the files are collected (collectstatic) and node_modules may be gone."""
    settings.STATICFILES_DIRS = []
    settings.STATIC_ROOT = tmp_path
    for name in FRONT_END_FILES:
        Path(tmp_path, name).parent.mkdir(parents=True, exist_ok=True)
        Path(tmp_path, name).write_text("/* verzameld */")

    assert front_end_packages(None) == []
