"""The beheeromgeving in tests: a functioneel beheerder logged in (fixture, a plugin of
tests/conftest.py), and a form filled in as a browser would: the values the page shows, then
changes."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.factories import RegionFactory, UserFactory
from vroegsignaal.organisations.models import Role


@pytest.fixture
def functioneel_beheerder(client):
    """As a beheerder makes one: the role and a region, nothing ticked; logged in."""
    user = UserFactory(username="beheerder", role=Role.ADMINISTRATOR, region=RegionFactory())
    client.force_login(user)
    return user


class _FormValues(HTMLParser):
    """The values a browser would send for each form with method post on a page."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self.values: dict[str, list[str]] = {}
        self._in_form = False
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._in_form, self.values = True, {}
            self.forms.append(self.values)
        if not self._in_form or (not attrs.get("name") and tag != "option"):
            return
        name = attrs.get("name")
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if attrs.get("type") in ("checkbox", "radio") else ""
            self.values.setdefault(name, []).append(attrs.get("value") or default)
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values.setdefault(self._select, []).append(attrs.get("value") or "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # A browser drops the newline that starts a textarea's content.
            value = self.values[self._textarea][-1]
            self.values[self._textarea][-1] = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form = False


def form_data(client, url: str, **changes) -> dict:
    """The page's form (its largest: not the log-out button) as it would be sent unchanged,
    with `changes` (name → value or list; None leaves a field out)."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    parser = _FormValues()
    parser.feed(page.content.decode())
    values = max(parser.forms, key=len)
    data = {name: value if len(value) > 1 else value[0] for name, value in values.items()}
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data
