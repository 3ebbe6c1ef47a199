"""Every database test here may use the audit connection."""

from pathlib import Path

from tests.privacy.audit_database import allow_audit_database


def pytest_collection_modifyitems(items):
    allow_audit_database(items, Path(__file__).parent)
