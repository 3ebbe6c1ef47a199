"""BSNs are stored encrypted with a keyed hash; look-ups, matching and the DDAS export still work."""

import datetime as dt

import pytest
from django.core.management import call_command

from tests.factories import AgreementFactory, CreditorFactory, enschede_with_energy_agreement
from tests.matching.test_match_period import record
from tests.privacy.database_scan import text_in_database
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.intake.models import Signal
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.services import match_period
from vroegsignaal.monitoring.ddas_export import export_documents
from vroegsignaal.privacy.bsn import bsn_hash
from vroegsignaal.privacy.inzage import PersonQuery

pytestmark = pytest.mark.django_db(databases="__all__")

TODAY = dt.date(2026, 11, 25)
BSN, CORRECTED_BSN = "111222333", "123456782"


@pytest.fixture
def zorg_signal_with_bsn(tmp_path):
    """A Zorg signal with a BSN in Enschede, whose resident is on the client list by BSN."""
    enschede, _ = enschede_with_energy_agreement()
    zorg = CreditorFactory(code="zorg", name="Zorg", partner_type="Zorg")
    AgreementFactory(creditor=zorg, municipality=enschede)
    ingest_records(zorg, [record("Z1", "2026-10-05", datum_ontstaan="2026-09-01", bsn=BSN)],
                   today=TODAY)  # fmt: skip
    clients = tmp_path / "klanten.csv"
    clients.write_text(f"bsn\n{BSN}\n", encoding="utf-8")
    call_command("import-clients", str(clients), "--municipality", enschede.code)
    return enschede, zorg


def test_no_table_holds_a_bsn_in_plain_text(zorg_signal_with_bsn):
    assert text_in_database(BSN) == []
    assert Signal.objects.get().bsn == BSN  # the application reads it decrypted


def test_an_access_request_finds_the_signal_by_bsn(zorg_signal_with_bsn):
    assert PersonQuery(bsn=BSN).signals().count() == 1
    assert PersonQuery(bsn=CORRECTED_BSN).signals().count() == 0


def test_a_corrected_delivery_replaces_the_bsn_and_its_hash(zorg_signal_with_bsn):
    _, zorg = zorg_signal_with_bsn
    corrected = record("Z1", "2026-10-05", datum_ontstaan="2026-09-01", bsn=CORRECTED_BSN)
    ingest_records(zorg, [corrected], today=TODAY)
    assert Signal.objects.get().bsn_hash == bsn_hash(CORRECTED_BSN)
    assert PersonQuery(bsn=BSN).signals().count() == 0


def test_matching_recognises_a_known_client_by_the_bsn_hash(zorg_signal_with_bsn):
    enschede, _ = zorg_signal_with_bsn
    match_period(enschede, "2026-10", today=TODAY)
    assert Signal.objects.get().status == Signaalstatus.AL_BEKEND


def test_the_ddas_export_carries_the_decrypted_bsn(zorg_signal_with_bsn):
    enschede, _ = zorg_signal_with_bsn
    (document,) = export_documents(enschede, dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    (signal,) = document["leveringen"][0]["vroegsignalen"]
    assert signal["client"] == {"burgerservicenummer": BSN}
