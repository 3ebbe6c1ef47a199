"""The browser journeys. Their fixtures (`page`, `login_as`, `assert_accessible`) are in
tests/browser.py, a plugin of the root conftest shared with other apps' browser checks."""
