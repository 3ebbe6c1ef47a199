"""Creditor API keys: stored hashed, scoped to one creditor, revocable."""

import pytest
from tests.factories import CreditorFactory

from vroegsignaal.organisations.models import ApiKey
from vroegsignaal.organisations.services import authenticate_api_key, create_api_key, revoke_api_key

pytestmark = pytest.mark.django_db


def test_api_key_is_stored_only_as_a_hash_and_authenticates_its_creditor():
    creditor = CreditorFactory()
    key = create_api_key(creditor, "koppeling")
    stored = ApiKey.objects.get()
    assert key not in (stored.hashed_key, stored.prefix) and len(stored.hashed_key) == 64
    assert authenticate_api_key(key).creditor == creditor


def test_a_wrong_or_revoked_key_does_not_authenticate():
    key = create_api_key(CreditorFactory(), "koppeling")
    assert authenticate_api_key(key[:-1] + ("x" if key[-1] != "x" else "y")) is None
    assert authenticate_api_key("geen-sleutel") is None
    revoke_api_key(ApiKey.objects.get())
    assert authenticate_api_key(key) is None
