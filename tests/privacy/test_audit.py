"""The audit log: a creditor's journey leaves entries, entries survive a rollback and cannot be
changed or removed, and the privacy officer searches and exports them."""

import pytest
from django.db import transaction
from django.urls import reverse

from tests.factories import UserFactory
from tests.web.delivery_files import valid_rows
from vroegsignaal.intake.models import Delivery
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AppendOnlyError, AuditAction, AuditEntry


def entries():
    return list(AuditEntry.objects.order_by("id").values_list("username", "action", "description"))


def test_a_creditors_journey_is_recorded_step_by_step(creditor_client, creditor_user, upload):
    upload(creditor_client, valid_rows())
    delivery = Delivery.objects.get()
    creditor_client.get(reverse("intake:delivery_rejected_csv", args=[delivery.pk]))
    creditor_client.get("/api/v1/deliveries")
    name = creditor_user.username
    assert entries() == [
        (name, "change", "aangeleverd"),
        (name, "view", "rapport van de aanlevering"),
        (name, "download", "geweigerde rijen (CSV)"),
        (name, "view", "eigen aanleveringen (API)"),
    ]
    entry = AuditEntry.objects.get(action="download")
    assert entry.object_type == "intake.delivery" and entry.object_id == str(delivery.pk)
    assert entry.role == "creditor_staff" and entry.organisation == "Energie Oost"
    assert entry.endpoint.endswith("geweigerde-rijen.csv") and entry.ip_address == "127.0.0.1"


@pytest.mark.django_db(databases="__all__", transaction=True)
def test_an_entry_survives_when_the_transaction_around_it_is_rolled_back():
    user = UserFactory(caseworker=True)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(user, AuditAction.VIEW, "melding 12")
        UserFactory(caseworker=True, username="teruggedraaid")
        raise RuntimeError("de handeling mislukt")
    assert not type(user).objects.filter(username="teruggedraaid").exists()
    assert entries() == [(user.username, "view", "melding 12")]


@pytest.mark.django_db(databases="__all__")
def test_entries_cannot_be_changed_or_deleted_through_the_application():
    entry = audit.record(UserFactory(caseworker=True), AuditAction.VIEW, "melding 12")
    entry.description = "iets anders"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(description="weg")
    assert entries()[0][2] == "melding 12"


@pytest.mark.django_db(databases="__all__")
def test_the_privacy_officer_searches_by_user_and_exports_csv_with_formulas_neutralised(client):
    officer = UserFactory(privacy_officer=True, municipality=None)
    worker = UserFactory(caseworker=True, username="=cmd|calc")
    audit.record(worker, AuditAction.VIEW, "melding 12")
    audit.record(UserFactory(intake=True, username="meldpunt"), AuditAction.VIEW, "melding 13")
    client.force_login(officer)
    page = client.get(reverse("privacy:audit_log"), {"wie": "cmd"}).content.decode()
    assert "melding 12" in page and "melding 13" not in page
    export = client.get(reverse("privacy:audit_export"), {"wie": "cmd"}).content.decode()
    assert "'=cmd|calc" in export and "melding 13" not in export
    assert "Uitvoerder / hulpverlener" in export and ";caseworker;" not in export  # Dutch role
    # Looking and exporting are themselves on the record.
    assert AuditEntry.objects.filter(username=officer.username).count() == 2


@pytest.mark.django_db(databases="__all__")
def test_the_audit_log_page_lists_every_entry_with_the_dutch_role(client):
    from tests.factories import DEMO_PASSWORD

    caseworker = UserFactory(caseworker=True)
    audit.record(caseworker, AuditAction.VIEW, "melding 12")
    officer = UserFactory(privacy_officer=True, municipality=None)
    client.login(username=officer.username, password=DEMO_PASSWORD)
    html = client.get(reverse("privacy:audit_log")).content.decode()
    assert caseworker.username in html and "Uitvoerder / hulpverlener" in html


@pytest.mark.django_db(databases="__all__")
def test_a_regional_privacy_officer_sees_the_entries_of_the_regions_municipalities_only():
    from tests.factories import MunicipalityFactory, RegionFactory
    from vroegsignaal.privacy.policy import audit_entries_for

    twente, achterhoek = RegionFactory(name="Twente"), RegionFactory(name="Achterhoek")
    enschede = MunicipalityFactory(region=twente)
    hengelo = MunicipalityFactory(code="0164", name="Hengelo", region=twente)
    winterswijk = MunicipalityFactory(code="0294", name="Winterswijk", region=achterhoek)
    for municipality in (enschede, hengelo, winterswijk):
        audit.record(UserFactory(caseworker=True, municipality=municipality), "view", "melding")
    officer = UserFactory(privacy_officer=True, municipality=None, region=twente)
    everyone = UserFactory(privacy_officer=True, municipality=None)

    seen = set(audit_entries_for(officer).values_list("municipality_id", flat=True))

    assert seen == {enschede.pk, hengelo.pk}
    assert audit_entries_for(everyone).count() == 3


@pytest.mark.django_db(databases="__all__")
def test_a_reversed_date_range_lists_no_entries_and_names_the_field(client):
    audit.record(UserFactory(caseworker=True), AuditAction.VIEW, "melding 12")
    client.force_login(UserFactory(privacy_officer=True, municipality=None))
    search = {"van": "2026-11-20", "tot": "2026-11-10"}
    html = client.get(reverse("privacy:audit_log"), search).content.decode()
    assert "melding 12" not in html
    assert 'id="id_tot-fout"' in html
    assert "Tot en met: deze datum ligt vóór de datum bij Vanaf." in html
    export = client.get(reverse("privacy:audit_export"), search).content.decode()
    assert "melding 12" not in export


@pytest.mark.django_db(databases="__all__")
def test_one_view_of_a_page_is_one_audit_entry(client):
    officer = UserFactory(privacy_officer=True, municipality=None)
    client.force_login(officer)
    requests = [
        ("get", reverse("privacy:audit_log"), {}),
        ("get", reverse("privacy:audit_log"), {"wie": "iemand", "van": "2026-11-01"}),
        ("get", reverse("privacy:audit_export"), {}),
        ("get", reverse("privacy:retention_runs"), {}),
        ("get", reverse("privacy:access_request"), {}),
        ("post", reverse("privacy:access_request"), {"bsn": "123456782", "formaat": "json"}),
        ("post", reverse("privacy:access_request"), {"bsn": "123456782"}),
    ]
    for method, url, data in requests:
        before = AuditEntry.objects.count()
        getattr(client, method)(url, data)
        assert AuditEntry.objects.count() == before + 1, (method, url, data)
