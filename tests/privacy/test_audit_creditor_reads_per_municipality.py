"""A creditor's list, download or API read can show signals of several municipalities; its staff
belong to no municipality. The read is written as one audit entry per municipality of what it
showed, each with only that municipality's signals and their number, so the privacy officer (FG)
of each municipality sees its own part and no other; a regional FG sees every part in its region,
each naming its municipality ("lijst met 2 signalen, gemeente Enschede"), on the page and in the CSV.
The resident's inzage still lists the read once, also when it showed her signals of two
municipalities (she moved)."""

import datetime as dt
import re

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.casework.factories import DeliveryFactory, MeldingFactory, SignalFactory
from tests.factories import (
    AgreementFactory,
    CreditorFactory,
    MunicipalityFactory,
    RegionFactory,
    UserFactory,
)
from tests.letters.pdf import pdf_text
from tests.privacy.inzage_review import composed
from vroegsignaal.ddas import Signaalstatus
from vroegsignaal.feedback.release import release_due_feedback
from vroegsignaal.intake.models import Signal
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.models import AuditAction, AuditEntry, AuditShownObject
from vroegsignaal.privacy.routers import AUDIT_DB

pytestmark = pytest.mark.django_db(databases="__all__")

SITE_URL = "https://vroegsignaal.example.nl"
BAKKER, SMIT = "123456782", "111222333"


@pytest.fixture
def twente():
    region = RegionFactory(name="Twente")
    enschede = MunicipalityFactory(region=region)
    hengelo = MunicipalityFactory(code="0164", name="Hengelo", region=region)
    return region, enschede, hengelo


@pytest.fixture
def energy(twente):
    _, enschede, hengelo = twente
    creditor = CreditorFactory()
    for municipality in (enschede, hengelo):
        AgreementFactory(creditor=creditor, municipality=municipality)
    return creditor


@pytest.fixture
def staff(energy):
    return UserFactory(creditor_staff=True, creditor=energy, username="fatima.energie")


def released(municipality, creditor, bsn: str = "") -> Signal:
    """A signal of `creditor` in `municipality`, picked up, with its go/no-go released."""
    melding = MeldingFactory(
        municipality=municipality, signals__creditor=creditor, signals__bsn=bsn,
        signals__status=Signaalstatus.OPGEPAKT,
    )  # fmt: skip
    release_due_feedback(SITE_URL, today=dt.date(2026, 11, 5))
    return melding.signal_links.get().signal


@pytest.fixture
def feedback(twente, energy):
    """Two signals with feedback in Enschede (one of Bakker), one in Hengelo (of Smit)."""
    _, enschede, hengelo = twente
    released(enschede, energy, BAKKER), released(enschede, energy), released(hengelo, energy, SMIT)


def audit_log(client, officer) -> str:
    """The text of the officer's audit log page, searched for the creditor's staff member."""
    client.force_login(officer)
    html = client.get(reverse("privacy:audit_log"), {"wie": "fatima"}).content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def who_saw(client, officer, bsn: str) -> str:
    """The officer's answer to "who saw this resident's data?" (by BSN)."""
    client.force_login(officer)
    page = client.post(reverse("privacy:audit_log"), {"bsn": bsn}, follow=True)
    return page.content.decode()


def test_each_municipal_officer_sees_the_creditors_list_with_only_its_own_signals(
    client, twente, staff, feedback
):
    _, enschede, hengelo = twente
    client.force_login(staff)
    assert client.get(reverse("feedback:signals")).status_code == 200
    officer_enschede = UserFactory(privacy_officer=True, municipality=enschede)
    officer_hengelo = UserFactory(privacy_officer=True, municipality=hengelo)

    enschede_log = audit_log(client, officer_enschede)
    assert "1 regel " in enschede_log
    assert "terugkoppeling per signaal (lijst met 2 signalen, gemeente Enschede)" in enschede_log
    hengelo_log = audit_log(client, officer_hengelo)
    assert "1 regel " in hengelo_log
    assert "terugkoppeling per signaal (lijst met 1 signaal, gemeente Hengelo)" in hengelo_log
    # Each officer finds the read on the record of its own resident, not on the other's.
    assert "fatima.energie" in who_saw(client, officer_enschede, BAKKER)
    assert "fatima.energie" not in who_saw(client, officer_enschede, SMIT)
    assert "fatima.energie" in who_saw(client, officer_hengelo, SMIT)
    assert "fatima.energie" not in who_saw(client, officer_hengelo, BAKKER)


def test_a_regional_officer_and_an_officer_for_the_installation_see_every_part(
    client, twente, staff, feedback
):
    region, _, _ = twente
    client.force_login(staff)
    client.get(reverse("feedback:signals"))

    for officer in (
        UserFactory(privacy_officer=True, municipality=None, region=region),
        UserFactory(privacy_officer=True, municipality=None),
    ):
        log = audit_log(client, officer)
        assert "2 regels " in log
        assert "(lijst met 2 signalen, gemeente Enschede)" in log
        assert "(lijst met 1 signaal, gemeente Hengelo)" in log
        assert "fatima.energie" in who_saw(client, officer, BAKKER)
        assert "fatima.energie" in who_saw(client, officer, SMIT)


def test_the_creditors_download_shows_each_municipal_officer_its_own_part(
    client, twente, staff, feedback
):
    _, enschede, hengelo = twente
    client.force_login(staff)
    assert client.get(reverse("feedback:download", args=["csv"])).status_code == 200

    log = audit_log(client, UserFactory(privacy_officer=True, municipality=hengelo))
    assert "Gedownload" in log and "(download) (lijst met 1 signaal, gemeente Hengelo)" in log
    log = audit_log(client, UserFactory(privacy_officer=True, municipality=enschede))
    assert "Gedownload" in log and "(download) (lijst met 2 signalen, gemeente Enschede)" in log


def test_the_parts_of_one_read_share_their_moment_page_and_user(client, staff, feedback):
    client.force_login(staff)
    client.get(reverse("feedback:signals"))

    parts = AuditEntry.objects.filter(username=staff.username)
    assert parts.count() == 2
    assert len(set(parts.values_list("created_at", "endpoint", "action", "user_id"))) == 1
    assert sorted(parts.values_list("shown", flat=True)) == [
        "1 signaal, gemeente Hengelo",
        "2 signalen, gemeente Enschede",
    ]


def test_the_regional_officers_csv_names_the_municipality_of_each_part(
    client, twente, staff, feedback
):
    """QA13 N7: two lines at the same moment, 2 and 1 signals, and nothing said which was which."""
    region, _, _ = twente
    client.force_login(staff)
    client.get(reverse("feedback:signals"))
    client.force_login(UserFactory(privacy_officer=True, municipality=None, region=region))

    export = client.get(reverse("privacy:audit_export"), {"wie": "fatima"}).content.decode()

    assert "2 signalen, gemeente Enschede" in export
    assert "1 signaal, gemeente Hengelo" in export


def test_a_large_download_is_written_in_a_few_bulk_queries_not_one_per_signal(twente, staff):
    """A creditor downloading thousands of signals: the municipality of each comes with the ids
    in one query, and the parts and their rows go in one bulk insert per batch."""
    _, enschede, hengelo = twente
    delivery = DeliveryFactory(creditor=staff.creditor)
    signals = [
        SignalFactory.build(
            creditor=staff.creditor, delivery=delivery,
            municipality=enschede if number % 3 else hengelo,
        )
        for number in range(1500)
    ]  # fmt: skip
    Signal.objects.bulk_create(signals)

    with (
        CaptureQueriesContext(connections["default"]) as data,
        CaptureQueriesContext(connections[AUDIT_DB]) as log,
    ):
        audit.record(staff, AuditAction.DOWNLOAD, "download", shown=Signal.objects.all())

    assert len(data) == 2  # the ids with their municipality, and the municipalities' names
    inserts = [query for query in log if query["sql"].startswith("INSERT")]
    # The two parts in one insert, then the 1,500 rows of what they showed in batches (on
    # SQLite, 999 parameters a query: 333 rows; on PostgreSQL 900): a handful, not 1,500.
    assert len(inserts) <= 1 + 1500 // 333 + 1
    assert AuditShownObject.objects.count() == 1500
    assert sorted(AuditEntry.objects.values_list("shown", flat=True)) == [
        "1000 signalen, gemeente Enschede",
        "500 signalen, gemeente Hengelo",
    ]


def test_the_residents_inzage_lists_a_creditors_read_of_her_two_municipalities_once(
    client, twente, energy, staff
):
    """She moved from Enschede to Hengelo: the creditor's list showed a signal of hers in each."""
    _, enschede, hengelo = twente
    released(enschede, energy, BAKKER), released(hengelo, energy, BAKKER)
    client.force_login(staff)
    client.get(reverse("feedback:signals"))
    client.force_login(UserFactory(privacy_officer=True, municipality=None))

    response = composed(client, {"bsn": BAKKER, "formaat": "pdf"})  # on the BSN alone

    text = pdf_text(response.content)
    section = text[text.index("Wie uw gegevens heeft bekeken") :]
    today = timezone.localdate().strftime("%d-%m-%Y")
    assert f"{today} Medewerker, Energie Oost terugkoppeling per signaal bekeken" in section
    assert "keer" not in section


def test_a_list_of_one_municipality_stays_one_entry_with_that_municipality(twente, staff, energy):
    _, enschede, _ = twente
    signals = [released(enschede, energy), released(enschede, energy)]

    audit.record(staff, AuditAction.VIEW, "lijst", shown=signals)

    entry = AuditEntry.objects.get()
    assert (entry.municipality_id, entry.shown) == (enschede.pk, "2 signalen, gemeente Enschede")
