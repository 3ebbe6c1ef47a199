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
from tests.factories import (
    AgreementFactory,
    CreditorFactory,
    MunicipalityFactory,
    UserFactory,
    enschede_with_energy_agreement,
)
from tests.privacy.inzage_review import composed
from tests.privacy.test_access_request import pdf_text
from vroegsignaal.intake.models import Signal
from vroegsignaal.intake.services import ingest_records
from vroegsignaal.matching.models import ResidentRecord
from vroegsignaal.matching.reference_lists import import_population_register
from vroegsignaal.matching.services import match_period
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
        "municipality": melding.municipality, "bsn": bsn_hash(bsn), "initials": "J.",
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
        "(J. ten Brinkhorst, 17-05-1980, 7511AB 12B-2, en de andere huisletters en "
        in (data["gezocht"])
    )
    assert data["gezocht"].endswith("toevoegingen bij 12)")
    assert [m["id"] for m in data["meldingen"]] == [melding_without_bsn.pk]


def test_a_document_on_the_bsn_alone_says_where_it_searched_instead_of_that_nothing_is_held(
    officer_client, melding_without_bsn
):
    response = composed(officer_client, {"bsn": BSN, "formaat": "pdf"})

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
    assert f"(signaal {signal.pk})" in page and f"(melding VS-{melding_without_bsn.pk})" in page
    assert BSN not in response.redirect_chain[-1][0]
    assert "alleen signalen die met een BSN zijn aangeleverd" not in page


def test_a_resident_search_by_a_bsn_outside_the_brp_tells_the_officer_to_search_by_name_too(
    officer_client, melding_without_bsn
):
    audit.record(UserFactory(caseworker=True), AuditAction.VIEW, melding_without_bsn)

    response = officer_client.post(reverse("privacy:audit_log"), {"bsn": BSN}, follow=True)

    page = " ".join(response.content.decode().split())
    assert "Op BSN vindt u alleen signalen die met een BSN zijn aangeleverd" in page
    assert f"(melding VS-{melding_without_bsn.pk})" not in page


def test_the_brp_of_every_municipality_names_the_resident(officer_client, melding_without_bsn):
    """She moved: her old municipality's extract knows the old address of the old signal."""
    hengelo = MunicipalityFactory(code="0164", name="Hengelo")
    in_brp(melding_without_bsn, municipality=hengelo, postcode="7551AA", house_number=2)
    in_brp(melding_without_bsn)

    data = json.loads(request(officer_client, bsn=BSN, formaat="json").content)

    assert [m["id"] for m in data["meldingen"]] == [melding_without_bsn.pk]
    assert "Hengelo" in data["gezocht"] and "Enschede" in data["gezocht"]
    assert dt.date(1980, 5, 17).strftime("%d-%m-%Y") in data["gezocht"]


# A resident whose BRP address is not the address in her signals: the matching's BRP check
# ties each signal to her all the same ("Volgens de BRP woonachtig op ander adres: ..."), so a
# search on her BSN finds them, and the signals with her name and birth date at those addresses.
BRP_HEADER = (
    "bsn;voorletters;voorvoegsel;achternaam;geboortedatum;postcode;huisnummer;huisletter;"
    "huisnummertoevoeging;datum_overlijden\n"
)
TODAY = dt.date(2026, 11, 25)


def delivered(creditor, customer, day, surname="Berg", **extra):
    values = {
        "klantnummer": customer, "signaaldatum": day, "achternaam": surname,
        "voorvoegsel": "van der", "voorletters": "J.", "geboortedatum": "1980-05-12",
        "huisnummer": "12", "postcode": "7511AB", "bedrag_achterstand": "250,00",
        "datum_ontstaan": "2026-08-01", **extra,
    }  # fmt: skip
    ingest_records(creditor, [values], today=TODAY)
    return Signal.objects.get(creditor=creditor, customer_number=customer)


@pytest.fixture
def moved_resident():
    """J. van der Berg lives at 7512CD 40 according to the BRP; her partners write to 7511AB 12.
    September was matched before the BRP extract was read (its signal has no BRP note); in
    October the health insurer sends her BSN and the energy company does not, and the energy
    company also writes to her at 7511AB 14, where nothing else names her. Her housemate
    at the BRP address has a signal at yet another address."""
    municipality, energy = enschede_with_energy_agreement()
    zorg = CreditorFactory(code="zorg", name="Zorg", partner_type="Zorg")
    AgreementFactory(creditor=zorg, municipality=municipality)
    september = delivered(energy, "E0", "2026-09-03")
    match_period(municipality, "2026-09", today=TODAY)
    import_population_register(
        municipality,
        BRP_HEADER
        + f"{BSN};J;van der;Berg;1980-05-12;7512CD;40;;;\n"
        + ";K;;Smit;1975-03-01;7512CD;40;;;\n",
    )
    mine = [
        delivered(zorg, "Z1", "2026-10-02", bsn=BSN),
        delivered(energy, "E1", "2026-10-03"),
        delivered(energy, "E4", "2026-10-06", huisnummer="14"),  # found by the tie alone
    ]
    housemate = delivered(
        energy, "E2", "2026-10-04", surname="Smit", voorvoegsel="", voorletters="K.",
        geboortedatum="1975-03-01", huisnummer="7",
    )  # fmt: skip
    match_period(municipality, "2026-10", today=TODAY)
    assert Signal.objects.get(pk=mine[1].pk).brp_note.endswith("ander adres: 7512CD 40")
    return {"energy": energy, "mine": [september, *mine], "housemate": housemate}


def melding_of(signal):
    return Signal.objects.get(pk=signal.pk).melding_link.melding


def test_a_request_by_bsn_finds_the_signals_the_brp_check_tied_to_her_at_another_address(
    officer_client, moved_resident
):
    data = json.loads(request(officer_client, bsn=BSN, formaat="json").content)

    assert sorted(s["id"] for s in data["signalen"]) == sorted(s.pk for s in moved_resident["mine"])
    assert "bij de controle met de BRP aan die inwoner gekoppeld" in data["gezocht"]
    assert "(7511AB 12, 7511AB 14, met alle huisletters" in data["gezocht"]  # searched by name
    assert "let op" not in data


def test_who_looked_at_a_resident_by_bsn_finds_the_views_of_her_meldingen_at_another_address(
    officer_client, moved_resident
):
    melding = melding_of(moved_resident["mine"][0])  # September: neither BSN nor BRP note
    audit.record(UserFactory(caseworker=True), AuditAction.VIEW, melding)
    audit.record(
        UserFactory(caseworker=True), AuditAction.VIEW, melding_of(moved_resident["housemate"])
    )

    response = officer_client.post(reverse("privacy:audit_log"), {"bsn": BSN}, follow=True)

    page = " ".join(response.content.decode().split())
    assert f"(melding VS-{melding.pk})" in page
    assert f"(melding VS-{melding_of(moved_resident['housemate']).pk})" not in page
    assert "1 regel" in page


def test_a_signal_tied_to_her_brp_address_under_another_spelling_sends_the_officer_to_the_signal_address(
    officer_client, moved_resident
):
    """The BRP check ties 'Bergh' at an address where nothing else names her to her (a spelling
    variant); the search cannot be sure it is her, so it leaves the signal out and tells the
    officer to search by the signal's address."""
    variant = delivered(
        moved_resident["energy"], "E3", "2026-10-05", surname="Bergh", huisnummer="16"
    )
    match_period(variant.municipality, "2026-10", today=TODAY)
    assert Signal.objects.get(pk=variant.pk).brp_note.endswith("ander adres: 7512CD 40")
    warning = "zoek ook op achternaam, geboortedatum en het adres in de signalen"

    inzage_page = " ".join(
        request(officer_client, bsn=BSN, formaat="json").content.decode().split()
    )
    audit_page = officer_client.post(reverse("privacy:audit_log"), {"bsn": BSN}, follow=True)

    assert warning in inzage_page and 'name="toch_samenstellen"' in inzage_page
    assert warning in " ".join(audit_page.content.decode().split())
    document = composed(officer_client, {"bsn": BSN, "formaat": "json"})
    assert variant.pk not in [s["id"] for s in json.loads(document.content)["signalen"]]


def test_a_spelling_variant_at_an_address_of_her_signals_is_hers_as_the_matching_reads_it(
    officer_client, moved_resident
):
    """'Bergh' at 7511AB 12, where her other signals are, with her initial and birth date: the
    matching's person rule calls it her, so the answer has it and the officer is not asked."""
    variant = delivered(moved_resident["energy"], "E3", "2026-10-05", surname="Bergh")
    match_period(variant.municipality, "2026-10", today=TODAY)

    response = request(officer_client, bsn=BSN, formaat="json")

    assert variant.pk in [s["id"] for s in json.loads(response.content)["signalen"]]


def test_the_resident_search_says_how_she_was_found_and_how_much_without_her_bsn_or_name(
    officer_client, moved_resident
):
    response = officer_client.post(reverse("privacy:audit_log"), {"bsn": BSN}, follow=True)

    searched = " ".join(response.content.decode().split())
    assert "Gezocht op BSN (en op naam, geboortedatum en adres uit het BRP-uittreksel" in searched
    assert "4 signalen en 3 meldingen van deze inwoner gevonden" in searched
    assert BSN not in searched and "Berg" not in searched


def test_the_resident_search_says_bulk_exports_such_as_the_ddas_delivery_are_not_in_its_answer(
    officer_client,
):
    page = " ".join(officer_client.get(reverse("privacy:audit_log")).content.decode().split())

    assert (
        "De landelijke levering (DDAS) en andere exports met veel inwoners tegelijk staan niet"
        in page
    )
