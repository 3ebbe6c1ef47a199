"""Only health insurers deliver a BSN (domain.md step 1). From any other partner the signal is
taken without it: nothing of the BSN is stored with the signal, and the report and the API answer
say per row that it was not taken over."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient
from tests.casework.factories import SignalFactory
from tests.factories import (
    AgreementFactory,
    CreditorFactory,
    UserFactory,
    enschede_with_energy_agreement,
)
from tests.page_text import page_text

from vroegsignaal.intake.models import Delivery, DeliveryStatus, Signal
from vroegsignaal.intake.services import ingest_file
from vroegsignaal.organisations.services import create_api_key
from vroegsignaal.privacy.bsn import bsn_hash

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)
VALID_BSN = "1234.56.782"
NOTICE = (
    "niet overgenomen; alleen zorgverzekeraars leveren een BSN aan. Laat deze kolom voortaan leeg."
)
HEADER = (
    "klantnummer;signaaldatum;achternaam;straat;huisnummer;postcode;woonplaats;bsn;"
    "bedrag_achterstand;datum_ontstaan"
)


def _file(*bsns: str) -> bytes:
    rows = [
        f"TK-{n};03-11-2026;Jansen;Brink;{n};7511AB;Enschede;{bsn};120,00;01-09-2026"
        for n, bsn in enumerate(bsns, start=1)
    ]
    return "\r\n".join([HEADER, *rows]).encode("utf-8")


@pytest.fixture
def enschede():
    return enschede_with_energy_agreement()[0]


def _partner(enschede, partner_type: str):
    creditor = CreditorFactory(
        code=partner_type.lower(), name=partner_type, partner_type=partner_type
    )
    AgreementFactory(creditor=creditor, municipality=enschede)
    return creditor


def _stored_bsn_columns(signal: Signal) -> tuple[str, str]:
    """The columns as the database holds them, not as the model decrypts them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT bsn, bsn_hash FROM intake_signal WHERE id = %s", [signal.pk])
        return cursor.fetchone()


@pytest.mark.parametrize("partner_type", ["Huur", "Energie", "Water", "CAK Zorgverzekeringen"])
def test_a_bsn_from_a_partner_that_is_no_health_insurer_is_not_stored_but_its_signal_is(
    enschede, partner_type
):
    result = ingest_file(
        _partner(enschede, partner_type), _file("", VALID_BSN), "a.csv", today=TODAY
    )
    assert (result.status, result.accepted_count) == (DeliveryStatus.ACCEPTED, 2)
    signal = Signal.objects.get(customer_number="TK-2")
    assert (signal.bsn, signal.bsn_hash) == ("", "")
    assert _stored_bsn_columns(signal) == ("", "")
    assert [(n.row, n.field, n.message) for n in result.notices] == [
        (3, "bsn", f"Rij 3, bsn: {NOTICE}")
    ]


def test_a_bsn_failing_the_elfproef_from_a_non_insurer_is_dropped_instead_of_refusing_the_signal(
    enschede,
):
    result = ingest_file(_partner(enschede, "Huur"), _file("123456789"), "a.csv", today=TODAY)
    assert (result.accepted_count, result.errors) == (1, [])
    assert Signal.objects.get().bsn == ""
    assert [n.message for n in result.notices] == [f"Rij 2, bsn: {NOTICE}"]


def test_a_health_insurers_bsn_is_still_checked_and_stored(enschede):
    zorg = _partner(enschede, "Zorg")
    result = ingest_file(zorg, _file(VALID_BSN, "123456789"), "z.csv", today=TODAY)
    assert (result.accepted_count, result.notices) == (1, [])
    assert [e.field for e in result.errors] == ["bsn"]
    assert Signal.objects.get().bsn_hash == bsn_hash("123456782")


def test_the_notice_names_the_column_as_the_partner_calls_it(enschede):
    corporatie = _partner(enschede, "Huur")
    corporatie.column_mapping = {"Burgerservicenr": "bsn"}
    corporatie.save()
    data = _file(VALID_BSN).replace(b";bsn;", b";Burgerservicenr;")
    [notice] = ingest_file(corporatie, data, "a.csv", today=TODAY).notices
    assert notice.message == f"Rij 2, Burgerservicenr: {NOTICE}"


def test_the_report_page_tells_the_partner_per_row_that_the_bsn_was_not_taken_over(
    client, enschede
):
    corporatie = _partner(enschede, "Huur")
    result = ingest_file(corporatie, _file("", VALID_BSN), "tukkersthuis.csv", today=TODAY)
    client.force_login(UserFactory(creditor_staff=True, creditor=corporatie))
    text = page_text(client.get(reverse("intake:delivery", args=[result.delivery_id])))
    assert "1 opmerking over een waarde die niet is overgenomen of ontbreekt" in text
    assert (
        "In deze rijen is een waarde niet overgenomen, of ontbreekt iets wat de gemeente nodig "
        "heeft om een brief te sturen. Dat is geen reden om de rij te weigeren"
    ) in " ".join(text.split())
    assert f"3 bsn {NOTICE}" in " ".join(text.split())


def test_the_api_answer_carries_the_notice_per_row(enschede):
    corporatie = _partner(enschede, "Huur")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {create_api_key(corporatie, 'koppeling')}")
    record = {
        "klantnummer": "A1", "signaaldatum": "2026-11-02", "achternaam": "Smit",
        "straat": "Brink", "huisnummer": "4", "postcode": "7511AB", "woonplaats": "Enschede",
        "bedrag_achterstand": "210,00", "datum_ontstaan": "2026-09-01", "bsn": VALID_BSN,
    }  # fmt: skip
    response = client.post("/api/v1/deliveries", [record], format="json")
    assert response.status_code == 201, response.content
    answer = response.json()
    assert (answer["accepted"], answer["errors"]) == (1, [])
    assert answer["notices"] == [{"row": 1, "field": "bsn", "message": f"Rij 1, bsn: {NOTICE}"}]
    assert Delivery.objects.get().notices.get().message == f"Rij 1, bsn: {NOTICE}"
    assert Signal.objects.get().bsn == ""


def test_the_migration_drops_the_bsns_stored_earlier_from_partners_that_are_no_health_insurer(
    enschede,
):
    from_energy = SignalFactory(bsn="123456782")
    zorg = _partner(enschede, "Zorg")
    from_zorg = SignalFactory(creditor=zorg, bsn="123456782")
    migration = importlib.import_module(
        "vroegsignaal.intake.migrations.0011_delivery_notices_and_repeated_rows"
    )
    migration.drop_bsns_of_other_partners(apps, None)
    assert _stored_bsn_columns(from_energy) == ("", "")
    assert Signal.objects.get(pk=from_zorg.pk).bsn_hash == bsn_hash("123456782")


def test_the_notices_are_paged_apart_from_the_rejected_rows(client, enschede, monkeypatch):
    monkeypatch.setattr("vroegsignaal.intake.views.ERRORS_PER_PAGE", 1)
    monkeypatch.setattr("vroegsignaal.intake.views.NOTICES_PER_PAGE", 1)
    corporatie = _partner(enschede, "Huur")
    data = _file(VALID_BSN, VALID_BSN).replace(b"7511AB", b"0511AB")  # both rows rejected too
    result = ingest_file(corporatie, data, "a.csv", today=TODAY)
    client.force_login(UserFactory(creditor_staff=True, creditor=corporatie))
    url = reverse("intake:delivery", args=[result.delivery_id])
    html = client.get(url, {"pagina": 2}).content.decode()
    # The notices' next page keeps the rejected rows' page, and the other way round.
    assert 'href="?pagina=2&amp;opmerkingen=2"' in html
    assert 'href="?pagina=1"' in html
