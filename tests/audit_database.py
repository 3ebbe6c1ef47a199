"""Let database tests also use the `audit` connection that every audited view writes to.

pytest-django gives a test only the `default` database unless its marker names more. Call
`allow_audit_database(items, directory)` from a conftest's `pytest_collection_modifyitems`
so the database tests under `directory` may use every alias (an explicit `databases=` wins).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connections

from vroegsignaal.privacy.routers import AUDIT_DB

DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


def allow_audit_database(items, directory: Path) -> None:
    for item in items:
        if directory not in item.path.parents:
            continue
        marker = item.get_closest_marker("django_db")
        if marker is None and not DATABASE_FIXTURES & set(item.fixturenames):
            continue
        kwargs = dict(marker.kwargs) if marker else {}
        if "databases" in kwargs:
            continue
        args = marker.args if marker else ()
        item.add_marker(pytest.mark.django_db(*args, **kwargs, databases="__all__"), append=False)


@pytest.fixture(scope="session", autouse=True)
def close_audit_connection_before_teardown(django_db_setup, django_db_blocker):
    """On PostgreSQL `audit` is a second session on the test database, which cannot be dropped
    while it is open: close it before pytest-django drops the database."""
    yield
    with django_db_blocker.unblock():
        connections[AUDIT_DB].close()
