"""Every page of personal data is audited: by its own record call or by the audit middleware."""

import pytest
from django.urls import get_resolver
from django.urls.resolvers import URLResolver

from tests.casework.factories import MeldingFactory
from tests.factories import DEMO_PASSWORD, UserFactory
from vroegsignaal.privacy.audit_middleware import PERSONAL_DATA_NAMESPACES, PERSONAL_DATA_VIEWS
from vroegsignaal.privacy.models import AuditEntry
from vroegsignaal.privacy.pages import PAGE_DESCRIPTIONS

# Pages without personal data: aggregates (also the year figures: counts of evictions per
# municipality), log-in and one's own password, the start page, the API schema.
WITHOUT_PERSONAL_DATA = {
    "api-schema", "monitoring:dashboard", "monitoring:chart", "monitoring:download",
    "monitoring:monthly",
    "monitoring:quarterly", "monitoring:businesscase", "monitoring:year_figures",
    "web:login", "web:logout",
    "web:otp_setup", "web:otp_verify", "web:start", "web:password_change",
    "web:password_reset", "web:password_reset_sent", "web:password_reset_confirm",
    "web:extend_session",
}  # fmt: skip


def url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            yield from url_names(
                pattern.url_patterns,
                f"{namespace}:{inner}" if namespace and inner else inner or namespace,
            )
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_page_is_either_audited_or_listed_as_holding_no_personal_data():
    unlisted = [
        name
        for name in set(url_names(get_resolver().url_patterns))
        if not name.startswith("admin:")
        and name.split(":")[0] not in PERSONAL_DATA_NAMESPACES
        and name not in PERSONAL_DATA_VIEWS
        and name not in WITHOUT_PERSONAL_DATA
    ]
    assert not unlisted, f"Niet geaudit en niet als 'zonder persoonsgegevens' genoemd: {unlisted}"


def test_every_audited_page_has_a_dutch_description_for_the_privacy_officer():
    audited = {
        name
        for name in url_names(get_resolver().url_patterns)
        if name.split(":")[0] in PERSONAL_DATA_NAMESPACES or name in PERSONAL_DATA_VIEWS
    }
    assert sorted(audited - set(PAGE_DESCRIPTIONS)) == []
    assert sorted(set(PAGE_DESCRIPTIONS) - audited) == []  # no description of a page that is gone


@pytest.mark.django_db(databases="__all__")
def test_viewing_a_melding_page_writes_an_audit_entry_naming_the_melding(client):
    melding = MeldingFactory()
    user = UserFactory(caseworker=True, municipality=melding.municipality)
    client.login(username=user.username, password=DEMO_PASSWORD)
    assert client.get(f"/werk/melding/{melding.pk}/").status_code == 200
    entry = AuditEntry.objects.using("audit").get(object_id=str(melding.pk))
    assert (entry.action, entry.object_type, entry.username) == (
        "view",
        "casework.melding",
        user.username,
    )
    assert entry.endpoint == f"/werk/melding/{melding.pk}/"
    assert (entry.description, entry.object_label) == ("melding", f"melding VS-{melding.pk}")


@pytest.mark.django_db(databases="__all__")
def test_a_refused_request_writes_no_view_entry_but_a_refused_one(client):
    """An attempt at another municipality's melding is no view, but the officer may want to
    know about it."""
    melding = MeldingFactory()
    outsider = UserFactory(caseworker=True, municipality__code="0164", municipality__name="Hengelo")
    client.login(username=outsider.username, password=DEMO_PASSWORD)
    assert client.get(f"/werk/melding/{melding.pk}/").status_code == 404
    entries = AuditEntry.objects.using("audit").filter(object_id=str(melding.pk))
    assert list(entries.values_list("action", "username")) == [("refused", outsider.username)]
    assert entries.get().get_action_display() == "Geweigerd"


@pytest.mark.django_db(databases="__all__")
def test_a_form_sent_back_with_errors_is_a_view_not_a_change(client):
    melding = MeldingFactory()
    user = UserFactory(caseworker=True, municipality=melding.municipality)
    client.login(username=user.username, password=DEMO_PASSWORD)
    response = client.post(f"/werk/melding/{melding.pk}/contactpoging/", {})
    assert response.status_code == 200  # the form again, with its errors
    entry = AuditEntry.objects.using("audit").get(object_id=str(melding.pk))
    assert (entry.action, entry.description) == ("view", "contactpoging")
