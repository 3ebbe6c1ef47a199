"""Where audit entries live: the `audit` database alias, a connection of their own.

An entry written on its own connection is committed at once, so it survives when the request's
transaction on `default` is rolled back. With PostgreSQL `audit` is the same database (the
table is created by the ordinary `migrate`); with SQLite, which allows one writer at a time,
it is a file of its own next to the database (settings.AUDIT_DATABASE_IS_SEPARATE).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

AUDIT_DB = "audit"
AUDIT_MODELS = {("privacy", "auditentry"), ("privacy", "auditshownobject")}


def _is_audit_model(app_label: str, model_name: str | None) -> bool:
    return (app_label, model_name) in AUDIT_MODELS


class AuditRouter:
    """Reads and writes of the audit log (entries and what their lists showed) go to `audit`;
    everything else stays on `default`."""

    def db_for_read(self, model, **hints):
        return AUDIT_DB if _is_audit_model(model._meta.app_label, model._meta.model_name) else None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        audit_model = _is_audit_model(app_label, model_name)
        if db == AUDIT_DB:
            return audit_model
        if audit_model:
            return not settings.AUDIT_DATABASE_IS_SEPARATE
        return None


def migrate_audit_file_with_default(sender, using, **kwargs) -> None:
    """After `migrate` on SQLite, migrate the audit file that belongs to the same database too.

    Only the default sibling file (`<name>.audit.sqlite3`) is migrated automatically, so a
    one-command set-up (`make demo`) works; an explicit AUDIT_DATABASE_URL is migrated with
    `vroegsignaal migrate --database audit`. Test databases (in memory) never match the sibling
    name, so the test runner keeps creating the audit test database itself.
    """
    if using != DEFAULT_DB_ALIAS or not settings.AUDIT_DATABASE_IS_SEPARATE:
        return
    default_name = str(connections[DEFAULT_DB_ALIAS].settings_dict["NAME"])
    sibling = str(Path(default_name).with_suffix(".audit.sqlite3"))
    if connections[AUDIT_DB].settings_dict["NAME"] == sibling:
        call_command("migrate", database=AUDIT_DB, verbosity=0, interactive=False)
