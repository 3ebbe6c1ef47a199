"""Fixtures for the page tests: Enschede with Energie Oost under contract, and its staff."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import UserFactory, enschede_with_energy_agreement
from tests.privacy.audit_database import (
    allow_audit_database,
    close_audit_connection_before_teardown,
)
from tests.web.delivery_files import delivery_csv

__all__ = ["close_audit_connection_before_teardown"]


def pytest_collection_modifyitems(items):
    """The pages write to the audit log: database tests here may use the audit connection."""
    allow_audit_database(items, Path(__file__).parent)


@pytest.fixture
def creditor(db):
    _, creditor = enschede_with_energy_agreement()
    return creditor


@pytest.fixture
def creditor_user(creditor):
    return UserFactory(creditor_staff=True, creditor=creditor)


@pytest.fixture
def creditor_client(client, creditor_user):
    client.force_login(creditor_user)
    return client


@pytest.fixture
def upload():
    """Post rows (or raw bytes) to the upload page as the logged-in user; returns the response."""

    def post(client, content, filename="aanlevering.csv", follow=True):
        data = content if isinstance(content, bytes) else delivery_csv(content)
        file = SimpleUploadedFile(filename, data, content_type="text/csv")
        return client.post(reverse("intake:upload"), {"file": file}, follow=follow)

    return post
