"""docs/configuratie.md lists every environment setting, generated from conf.SETTINGS."""

from vroegsignaal.conf import PROJECT_DIR, settings_markdown


def test_configuration_page_is_up_to_date_with_the_settings_list():
    page = (PROJECT_DIR / "docs" / "configuratie.md").read_text(encoding="utf-8")
    assert page == settings_markdown(), "Draai `vroegsignaal document-settings`."
