"""Every database test here may use the audit connection; the page fixtures come from tests/web."""

from pathlib import Path

from tests.privacy.audit_database import allow_audit_database
from tests.web.conftest import creditor, creditor_client, creditor_user, upload

__all__ = ["creditor", "creditor_client", "creditor_user", "upload"]


def pytest_collection_modifyitems(items):
    allow_audit_database(items, Path(__file__).parent)
