"""The page fixtures come from tests/web."""

from tests.web.conftest import creditor, creditor_client, creditor_user, upload

__all__ = [
    "creditor",
    "creditor_client",
    "creditor_user",
    "upload",
]
