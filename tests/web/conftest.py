"""Fixtures for the page tests: Enschede with Energie Oost under contract, and its staff."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import UserFactory, enschede_with_energy_agreement
from tests.web.delivery_files import delivery_csv


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
