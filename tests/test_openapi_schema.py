"""The OpenAPI schema is generated from the code and committed; this test catches drift."""

from pathlib import Path

import pytest
from django.core.management import call_command

COMMITTED = Path(__file__).resolve().parents[1] / "docs" / "openapi.yaml"


@pytest.mark.django_db
def test_committed_openapi_schema_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--fail-on-warn")
    assert generated.read_text() == COMMITTED.read_text(), (
        "Het API-schema is veranderd: draai `vroegsignaal spectacular --file docs/openapi.yaml`."
    )
