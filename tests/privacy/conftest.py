"""Every database test here may use the audit connection; the page fixtures come from tests/web."""

from pathlib import Path

from tests.privacy.audit_database import (
    allow_audit_database,
    close_audit_connection_before_teardown,
)
from tests.web.conftest import creditor, creditor_client, creditor_user, upload

__all__ = [
    "close_audit_connection_before_teardown",
    "creditor",
    "creditor_client",
    "creditor_user",
    "upload",
]


def pytest_collection_modifyitems(items):
    allow_audit_database(items, Path(__file__).parent)
