"""Search every text and JSON column of every table, in every database, for a value."""

from django.apps import apps
from django.db import connections, router

TEXT_TYPES = {"CharField", "TextField", "JSONField", "FileField", "ImageField"}


def text_in_database(value: str) -> list[str]:
    """'table.column' of every text column that holds `value` anywhere (also the audit log)."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        for field in model._meta.concrete_fields:
            if field.get_internal_type() not in TEXT_TYPES:
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT 1 FROM {quote(model._meta.db_table)} "
                    f"WHERE CAST({quote(field.column)} AS TEXT) LIKE %s",
                    [f"%{value}%"],
                )
                if cursor.fetchone():
                    found.append(f"{model._meta.db_table}.{field.column}")
    return found
