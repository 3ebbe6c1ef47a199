"""Our enumerations use the exact values of the national DDAS standard (v1.2)."""

import json
from pathlib import Path

import pytest

from vroegsignaal import ddas
from vroegsignaal.casework.forms import ContactAttemptForm

SCHEMA = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "standards"
    / "ddas-vroegsignalering-v1.2.schema.json"
)


@pytest.mark.parametrize(
    ("enum", "schema_name"),
    [
        (ddas.Signaalpartner, "EnumSignaalpartner"),
        (ddas.Signaalstatus, "EnumSignaalstatus"),
        (ddas.Eindresultaat, "EnumEindresultaat"),
        (ddas.Contactsoort, "EnumContactsoort"),
        (ddas.Dagdeel, "EnumDagdeel"),
        (ddas.Geslacht, "geslacht"),
    ],
)
def test_enumeration_matches_the_ddas_schema_exactly(enum, schema_name):
    schema = json.loads(SCHEMA.read_text())
    assert sorted(enum.values) == sorted(schema["$defs"][schema_name]["enum"])


DDAS_ENUMS = [
    value
    for value in vars(ddas).values()
    if isinstance(value, type) and issubclass(value, ddas.DdasChoices) and list(value)
]


def test_every_ddas_enumeration_is_checked_against_the_schema():
    assert {enum.__name__ for enum in DDAS_ENUMS} == {
        "Signaalpartner", "Signaalstatus", "Eindresultaat", "Contactsoort", "Dagdeel", "Geslacht",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("enum", "member"), [(enum, member) for enum in DDAS_ENUMS for member in enum], ids=str
)
def test_every_label_is_the_standards_value(enum, member):
    # Django would derive a label from the member name: 'Afspraak Op Locatie', 'Sms Whatsapp'.
    assert member.label == member.value
    assert (member.value, member.value) in enum.choices


def test_the_contact_form_offers_the_contactsoorten_as_the_standard_spells_them():
    labels = [label for _, label in ContactAttemptForm().fields["kind"].choices]

    assert "Afspraak op locatie" in labels and "SMS/Whatsapp" in labels
