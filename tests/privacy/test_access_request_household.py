"""Inzageverzoek: a resident's signals under another spelling are hers; a housemate's are not
printed, and the officer decides about them on screen before the document is made."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from tests.casework.factories import MeldingFactory, add_signal
from tests.factories import CreditorFactory, UserFactory
from tests.privacy.inzage_review import composed
from tests.privacy.test_access_request import pdf_text
from vroegsignaal.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db(databases="__all__")

BIRTH = dt.date(1980, 3, 12)
ASKED = {
    "achternaam": "Appelman", "geboortedatum": "1980-03-12", "postcode": "7511AB",
    "huisnummer": "5",
}  # fmt: skip


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(privacy_officer=True))
    return client


def _signal(melding, creditor_name, partner_type, **person):
    creditor = CreditorFactory(
        code=creditor_name.lower(), name=creditor_name, partner_type=partner_type
    )
    signal = add_signal(melding, creditor)
    for name, value in person.items():
        setattr(signal, name, value)
    signal.save()
    return signal


@pytest.fixture
def household():
    """7511AB 5, one melding in October: J. Appelman's energy signal, her water signal under
    the misspelling 'Apelman' (same birth date and address), and her housemate P. Kok's rent
    signal."""
    melding = MeldingFactory(
        house_number=5, signals__surname="Appelman", signals__birth_date=BIRTH,
        signals__amount_cents=30000, is_single=False, is_multiple=True, is_consecutive=True,
        total_amount_cents=190000, priority_score=14,
        priority_reasons=["3 soorten signaalpartners (+8)", "Totale achterstand € 1.900 (+6)"],
    )  # fmt: skip
    misspelled = _signal(
        melding, "Vitens", "Water", surname="Apelman", birth_date=BIRTH, amount_cents=10000
    )
    housemate = _signal(
        melding, "Domijn", "Huur", surname="Kok", initials="P.",
        birth_date=dt.date(1999, 1, 2), amount_cents=150000,
    )  # fmt: skip
    return {"melding": melding, "misspelled": misspelled, "housemate": housemate}


def _ask(client, formaat="json", **extra):
    return client.post(reverse("privacy:access_request"), {**ASKED, "formaat": formaat, **extra})


def _composed(client, formaat="json", **ticked):
    """The document after the officer answered the question about other people's signals,
    ticking `meenemen`."""
    return composed(client, {**ASKED, "formaat": formaat}, **ticked)


def test_a_request_by_name_finds_her_signal_under_a_misspelled_surname_as_matching_does(
    officer_client, household
):
    """QA: 'Apelman' (same birth date and address) was left out of Appelman's answer while her
    melding named it."""
    data = json.loads(_composed(officer_client).content)

    assert sorted(s["achternaam"] for s in data["signalen"]) == ["Apelman", "Appelman"]


def test_the_officer_is_warned_about_another_persons_signal_in_her_melding_before_composing(
    officer_client, household
):
    response = _ask(officer_client)

    page = " ".join(response.content.decode().split())
    reference = household["melding"].reference
    assert response["Content-Type"].startswith("text/html")
    assert (
        f"Melding {reference}: 1 signaal van een andere persoon op dit adres "
        "(P. Kok, 02-01-1999): hoort dit bij deze inwoner?"
    ) in page
    assert "Apelman" not in page  # hers: found by the matching's rule, no question
    assert f'name="meenemen" value="{household["housemate"].pk}"' in page
    assert 'name="andere_bekeken"' in page


def test_the_document_leaves_out_a_housemates_signal_and_the_households_totals(
    officer_client, household
):
    response = _composed(officer_client, formaat="pdf")

    text = " ".join(pdf_text(response.content).split())
    for housemates in ("Kok", "Domijn", "1.500", "1.900", "Huur", "3 soorten"):
        assert housemates not in text, housemates
    assert "Signaal van Vitens" in text and "Signaal van Energie Oost" in text
    assert (
        "In deze melding staan ook gegevens over een ander op uw adres. Die staan niet in dit "
        "overzicht, ook niet in de totalen."
    ) in text


def test_the_json_leaves_out_a_housemates_signal_and_the_households_totals(
    officer_client, household
):
    data = json.loads(_composed(officer_client).content)

    melding = data["meldingen"][0]
    assert len(melding["vastgelegd"]["signalen bij melding"]) == 2
    assert "totaal achterstand (cent)" not in melding
    assert "soorten signaalpartner" not in melding and "redenen prioriteit" not in melding
    assert "Kok" not in json.dumps(data)


def test_a_signal_the_officer_includes_deliberately_is_in_the_document_and_the_audit_log(
    officer_client, household
):
    housemate = household["housemate"]

    data = json.loads(_composed(officer_client, meenemen=str(housemate.pk)).content)

    assert "Kok" in [s["achternaam"] for s in data["signalen"]]
    assert AuditEntry.objects.filter(
        object_type="intake.signal", object_id=str(housemate.pk),
        description__contains="bewust meegenomen",
    ).exists()  # fmt: skip


def test_the_officer_cannot_include_a_signal_outside_the_residents_meldingen(
    officer_client, household
):
    stranger = MeldingFactory(signals__surname="Vreemd").signal_links.get().signal

    data = json.loads(_composed(officer_client, meenemen=str(stranger.pk)).content)

    assert "Vreemd" not in [s["achternaam"] for s in data["signalen"]]
