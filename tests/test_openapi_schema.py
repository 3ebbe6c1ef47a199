"""The OpenAPI schema is generated from the code and committed; this test catches drift."""

import difflib
from pathlib import Path

import pytest
from django.core.management import call_command

COMMITTED = Path(__file__).resolve().parents[1] / "docs" / "openapi.yaml"


@pytest.mark.django_db
def test_committed_openapi_schema_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--fail-on-warn")
    new, old = generated.read_text().splitlines(), COMMITTED.read_text().splitlines()
    diff = "\n".join(
        difflib.unified_diff(old, new, "docs/openapi.yaml", "uit de code", lineterm="")
    )
    assert not diff, (
        "Het API-schema is veranderd: draai `vroegsignaal spectacular --file docs/openapi.yaml`.\n"
        + diff[:3000]
    )
