"""Organisations as code (`vroegsignaal setup-organisations`)."""

import json

import pytest
from django.core.management import CommandError, call_command

from vroegsignaal.organisations.configuration import ConfigurationError, apply_document
from vroegsignaal.organisations.models import (
    Agreement,
    Creditor,
    Municipality,
    PostcodeArea,
    Region,
)

pytestmark = pytest.mark.django_db

ISSUE_EXAMPLE = {
    "regions": [{"name": "Twente", "municipalities": ["0153"]}],
    "municipalities": [
        {
            "code": "0153",
            "name": "Enschede",
            "inhabitants": 162000,
            "postcodes": ["7511", "7512", "7521AB"],
        }
    ],
    "creditors": [
        {
            "code": "energie-oost",
            "name": "Energie Oost",
            "partner_type": "Energie",
            "agreements": ["0153"],
        }
    ],
}


def test_the_documented_example_creates_region_municipality_creditor_and_agreement(tmp_path):
    path = tmp_path / "organisaties.json"
    path.write_text(json.dumps(ISSUE_EXAMPLE))
    call_command("setup-organisations", str(path))
    enschede = Municipality.objects.get(code="0153")
    assert enschede.region == Region.objects.get(name="Twente")
    assert sorted(enschede.postcode_areas.values_list("postcode", flat=True)) == [
        "7511",
        "7512",
        "7521AB",
    ]
    agreement = Agreement.objects.get()
    assert (agreement.creditor.code, agreement.municipality.code) == ("energie-oost", "0153")


def test_applying_the_same_document_twice_changes_nothing():
    apply_document(ISSUE_EXAMPLE)
    second = apply_document(ISSUE_EXAMPLE)
    assert second.created == {} and second.updated == {}
    assert (Municipality.objects.count(), Creditor.objects.count(), Agreement.objects.count()) == (
        1,
        1,
        1,
    )


def test_a_changed_value_updates_the_existing_record():
    apply_document(ISSUE_EXAMPLE)
    changed = json.loads(json.dumps(ISSUE_EXAMPLE))
    changed["municipalities"][0]["inhabitants"] = 163000
    report = apply_document(changed)
    assert report.updated == {"gemeenten": 1}
    assert Municipality.objects.get(code="0153").inhabitants == 163000


def test_yaml_is_accepted_and_agreements_can_carry_validity_and_settings(tmp_path):
    path = tmp_path / "organisaties.yaml"
    path.write_text(
        "municipalities:\n  - {code: '0164', name: Hengelo, inhabitants: 81000, postcodes: ['7551']}\n"
        "creditors:\n  - code: zorg-twente\n    name: Zorg Twente\n    partner_type: Zorg\n"
        "    agreements:\n      - {municipality: '0164', valid_from: 2024-01-01, valid_to: 2026-12-31,"
        " share_known_client_status: true}\n"
    )
    call_command("setup-organisations", str(path))
    agreement = Agreement.objects.get()
    assert str(agreement.valid_to) == "2026-12-31" and agreement.share_known_client_status


def test_an_unknown_partner_type_is_refused_with_the_allowed_values_and_nothing_is_stored():
    document = json.loads(json.dumps(ISSUE_EXAMPLE))
    document["creditors"][0]["partner_type"] = "Telecom"
    with pytest.raises(ConfigurationError, match=r"partner_type 'Telecom' is onbekend.*Energie"):
        apply_document(document)
    assert not Municipality.objects.exists()


def test_a_column_mapping_to_a_column_the_format_lacks_is_refused_and_nothing_is_stored():
    """As in the beheeromgeving: a typo is found when the document is applied, not when every
    later delivery of the partner is refused."""
    document = json.loads(json.dumps(ISSUE_EXAMPLE))
    document["creditors"][0]["column_mapping"] = {"Debiteur": "klantnumer"}

    with pytest.raises(ConfigurationError, match=r"creditors\[0\]\.column_mapping: .*klantnummer"):
        apply_document(document)
    assert not Municipality.objects.exists()


def test_a_good_column_mapping_is_stored():
    document = json.loads(json.dumps(ISSUE_EXAMPLE))
    document["creditors"][0]["column_mapping"] = {"Debiteur": "klantnummer"}

    apply_document(document)

    assert Creditor.objects.get().column_mapping == {"Debiteur": "klantnummer"}


def test_an_agreement_with_an_unknown_municipality_names_the_place(tmp_path):
    path = tmp_path / "o.json"
    path.write_text(
        json.dumps(
            {
                "creditors": [
                    {"code": "x", "name": "X", "partner_type": "Water", "agreements": ["0999"]}
                ]
            }
        )
    )
    with pytest.raises(
        CommandError, match=r"creditors\[0\]\.agreements\[0\]: gemeente 0999 bestaat niet"
    ):
        call_command("setup-organisations", str(path))


def test_a_bad_postcode_area_is_refused():
    document = {"municipalities": [{"code": "0153", "name": "Enschede", "postcodes": ["0511"]}]}
    with pytest.raises(ConfigurationError, match="'0511' is geen PC4 of PC6"):
        apply_document(document)
    assert not PostcodeArea.objects.exists()
