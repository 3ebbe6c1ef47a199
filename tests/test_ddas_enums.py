"""Our enumerations use the exact values of the national DDAS standard (v1.2)."""

import json
from pathlib import Path

import pytest

from vroegsignaal import ddas

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
