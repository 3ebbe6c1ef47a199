"""Shared fixtures. Factories live in tests/factories.py.

Every audited view writes on the separate `audit` connection, so every database test may use
it (see tests/audit_database.py).
"""

from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from tests.audit_database import allow_audit_database, close_audit_connection_before_teardown

__all__ = ["close_audit_connection_before_teardown"]
# The `inbox` fixture: a real SMTP receiver; `page`, `login_as`, `assert_accessible`: Chromium;
# `functioneel_beheerder`: logged in to the beheeromgeving.
pytest_plugins = ["tests.mail", "tests.browser", "tests.admin_forms"]
# No test is timed (performance is measured in benchmarks/): Hypothesis' default deadline of
# 200 ms per example failed a date property test on a busy machine (790 ms).
hypothesis_settings.register_profile("untimed", deadline=None)
hypothesis_settings.load_profile("untimed")


def pytest_collection_modifyitems(items):
    allow_audit_database(items, Path(__file__).parent)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
