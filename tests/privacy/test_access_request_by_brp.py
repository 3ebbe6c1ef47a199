"""An inzageverzoek or audit-log search by BSN also finds the signals delivered without one.

Only health insurers deliver a BSN; every other partner's signal is found by name, birth date
and address. The municipality's BRP extract knows those for the BSN, so a request by BSN also
searches by them; where it does not, the officer is told so, and the resident's document never
says flatly that nothing is held."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory
from tests.factories import MunicipalityFactory, UserFactory
from tests.privacy.test_access_request import pdf_text
from vroegsignaal.matching.models import ResidentRecord
from vroegsignaal.privacy import audit
from vroegsignaal.privacy.bsn import bsn_hash
from vroegsignaal.privacy.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db(databases="__all__")

BSN = "723129277"


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(privacy_officer=True, municipality=None))
    return client


@pytest.fixture
def melding_without_bsn():
    """A's energy signal: delivered with name, birth date and address, without a BSN."""
    return MeldingFactory(
        signals__surname="Brinkhorst", signals__surname_prefix="ten", house_number=12
    )


def in_brp(melding, bsn=BSN, **changes) -> ResidentRecord:
    """The resident of the melding's signal in her municipality's BRP extract, with her BSN."""
    signal = melding.signal_links.get().signal
    values = {
        "municipality": melding.municipality, "bsn": bsn_hash(bsn), "initials": "A.",
        "surname_prefix": "ten", "surname": "Brinkhorst", "birth_date": signal.birth_date,
        "postcode": signal.postcode, "house_number": signal.house_number, **changes,
    }  # fmt: skip
    return ResidentRecord.objects.create(**values)


def request(officer_client, **posted):
    return officer_client.post(reverse("privacy:access_request"), posted)


def test_a_request_by_bsn_finds_signals_without_one_by_the_brp_name_birth_date_and_address(
    officer_client, melding_without_bsn
):
    in_brp(melding_without_bsn)
    MeldingFactory(signals__surname="Brinkhorst", house_number=14)  # a neighbour's namesake
    with_bsn = MeldingFactory(signals__bsn=BSN, signals__surname="Brinkhorst", house_number=12)

    response = request(officer_client, bsn=BSN, formaat="json")

    data = json.loads(response.content)
    assert [m["id"] for m in data["meldingen"]] == [melding_without_bsn.pk, with_bsn.pk]
    assert "Basisregistratie Personen" in data["gezocht"]
    assert "ten Brinkhorst" in data["gezocht"] and "17-05-1980" in data["gezocht"]
    entry = AuditEntry.objects.get(action="export", object_type="")
    assert BSN not in entry.description and "brinkhorst" not in entry.description.lower()
    assert "BRP-uittreksel" in entry.description
    assert not AuditEntry.objects.filter(endpoint__contains=BSN).exists()


def test_the_pdf_tells_the_resident_she_was_found_by_bsn_and_the_brp_name_and_address(
    officer_client, melding_without_bsn
):
    in_brp(melding_without_bsn)

    text = " ".join(pdf_text(request(officer_client, bsn=BSN, formaat="pdf").content).split())

    assert "gezocht op uw burgerservicenummer en op de naam" in text
    assert "Basisregistratie Personen (BRP) van Enschede" in text
    assert "ten Brinkhorst, 17-05-1980, 7511AB 12" in text
    assert "Signalen (1)" in text and "Melding " in text


@pytest.mark.parametrize(
    "register",
    [
        pytest.param(None, id="no BRP extract"),
        pytest.param({"bsn": "111222333"}, id="BSN not in the extract"),
        pytest.param({"birth_date": None}, id="BSN in the extract without a birth date"),
    ],
)
def test_a_bsn_the_brp_extract_cannot_name_sends_the_officer_back_to_add_name_and_address(
    officer_client, melding_without_bsn, register
):
    if register is not None:
        in_brp(melding_without_bsn, **register)

    response = request(officer_client, bsn=BSN, formaat="pdf")

    html = " ".join(response.content.decode().split())
    assert response["Content-Type"].startswith("text/html")
    assert "Op BSN vindt u alleen signalen die met een BSN zijn aangeleverd" in html
    assert "vul ook achternaam, geboortedatum, postcode en huisnummer in" in html
    assert 'name="alleen_bsn"' in html  # or compose it on the BSN alone after all
    assert not AuditEntry.objects.filter(action="export").exists()


def test_the_brp_address_searched_is_written_whole_with_the_others_at_its_number(
    officer_client, melding_without_bsn
):
    in_brp(melding_without_bsn, house_letter="B", house_number_addition="2")

    data = json.loads(request(officer_client, bsn=BSN, formaat="json").content)

    assert (
        "(A. ten Brinkhorst, 17-05-1980, 7511AB 12B-2, en de andere huisletters en "
        in (data["gezocht"])
    )
    assert data["gezocht"].endswith("toevoegingen bij 12)")
    assert [m["id"] for m in data["meldingen"]] == [melding_without_bsn.pk]


def test_a_document_on_the_bsn_alone_says_where_it_searched_instead_of_that_nothing_is_held(
    officer_client, melding_without_bsn
):
    response = request(officer_client, bsn=BSN, formaat="pdf", alleen_bsn="1")

    text = " ".join(pdf_text(response.content).split())
    assert "Op uw burgerservicenummer zijn geen signalen gevonden." in text
    assert "Op uw burgerservicenummer zijn geen meldingen gevonden." in text
    assert "Er zijn geen signalen over u gevonden" not in text
    assert "alleen zorgverzekeraars" in text  # why a signal may still be held


def test_a_request_by_bsn_and_name_together_finds_the_signals_of_both(officer_client):
    """The BSN finds the health insurer's signal; the name and (old) address the others."""
    by_bsn = MeldingFactory(signals__bsn=BSN, house_number=3)
    by_name = MeldingFactory(signals__surname="Brinkhorst", house_number=12)

    response = request(
        officer_client, bsn=BSN, achternaam="Brinkhorst", geboortedatum="17-05-1980",
        postcode="7511 AB", huisnummer="12", formaat="json",
    )  # fmt: skip

    data = json.loads(response.content)
    assert sorted(m["id"] for m in data["meldingen"]) == [by_bsn.pk, by_name.pk]
    assert "achternaam Brinkhorst" in data["gezocht"]


def test_a_bsn_with_only_part_of_the_name_and_address_says_which_are_missing(officer_client):
    response = request(officer_client, bsn=BSN, achternaam="Brinkhorst", formaat="json")

    assert "vul ook geboortedatum, postcode én huisnummer in" in response.content.decode()


def test_who_looked_at_a_resident_found_by_bsn_includes_her_signals_without_one(
    officer_client, melding_without_bsn
):
    in_brp(melding_without_bsn)
    signal = melding_without_bsn.signal_links.get().signal
    audit.record(UserFactory(creditor_staff=True), AuditAction.VIEW, signal)
    audit.record(UserFactory(caseworker=True), AuditAction.VIEW, melding_without_bsn)

    response = officer_client.post(reverse("privacy:audit_log"), {"bsn": BSN}, follow=True)

    page = response.content.decode()
    assert f"(signaal {signal.pk})" in page and f"(melding {melding_without_bsn.pk})" in page
    assert BSN not in response.redirect_chain[-1][0]
    assert "alleen signalen die met een BSN zijn aangeleverd" not in page


def test_a_resident_search_by_a_bsn_outside_the_brp_tells_the_officer_to_search_by_name_too(
    officer_client, melding_without_bsn
):
    audit.record(UserFactory(caseworker=True), AuditAction.VIEW, melding_without_bsn)

    response = officer_client.post(reverse("privacy:audit_log"), {"bsn": BSN}, follow=True)

    page = " ".join(response.content.decode().split())
    assert "Op BSN vindt u alleen signalen die met een BSN zijn aangeleverd" in page
    assert f"(melding {melding_without_bsn.pk})" not in page


def test_the_brp_of_every_municipality_names_the_resident(officer_client, melding_without_bsn):
    """She moved: her old municipality's extract knows the old address of the old signal."""
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    in_brp(melding_without_bsn, municipality=hengelo, postcode="7551AA", house_number=2)
    in_brp(melding_without_bsn)

    data = json.loads(request(officer_client, bsn=BSN, formaat="json").content)

    assert [m["id"] for m in data["meldingen"]] == [melding_without_bsn.pk]
    assert "Hengelo" in data["gezocht"] and "Enschede" in data["gezocht"]
    assert dt.date(1980, 5, 17).strftime("%d-%m-%Y") in data["gezocht"]
