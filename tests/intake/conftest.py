"""The intake API writes to the audit log: database tests here may use the audit connection."""

from pathlib import Path

from tests.privacy.audit_database import (
    allow_audit_database,
    close_audit_connection_before_teardown,
)

__all__ = ["close_audit_connection_before_teardown"]


def pytest_collection_modifyitems(items):
    allow_audit_database(items, Path(__file__).parent)
