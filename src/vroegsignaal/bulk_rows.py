"""Insert and update many rows at once, the way each database does that fastest.

Django's `bulk_update` builds a CASE expression per field with a WHEN per row, in Python, for
every batch: for a few thousand rows that took more time than everything else the query did (a
quarter of the demo's load went into it: the matching runs' updates and retention's erasures).
Here the new values go into a temporary table (COPY on PostgreSQL, one prepared INSERT run per
row on SQLite) and one `UPDATE ... FROM` applies them. `insert_rows` skips the ORM's per-batch
statement building in the same way. Values are prepared by the fields themselves
(`get_db_prep_save`), as `save()` would; neither runs `save()` or signals.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connections, models, router, transaction


def insert_rows(model: type[models.Model], objects: list[models.Model]) -> None:
    """Insert new, unsaved instances; their ids are not set (query them back by a key).

    The fields' `pre_save` runs (auto_now dates, derived search keys), as in `save()`."""
    if not objects:
        return
    connection = _connection(model)
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    rows = ([_db_value(connection, f, f.pre_save(obj, True)) for f in fields] for obj in objects)
    with transaction.atomic(using=connection.alias):
        _write(connection, model._meta.db_table, [f.column for f in fields], rows)


def update_rows(model: type[models.Model], objects: list[models.Model], names: list[str]) -> int:
    """Set the fields `names` of existing rows to the values on `objects` (matched by id), and
    return how many rows changed. Like `bulk_update`, the fields' `pre_save` does not run:
    set derived values (search keys, hashes) on the objects first."""
    if not objects:
        return 0
    connection = _connection(model)
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    table, target = f"bulk_{model._meta.db_table}", quote(model._meta.db_table)
    temporary = quote(table)
    columns = [f"{quote(f.column)} {_column_type(connection, f)}" for f in fields]
    rows = ([obj.pk, *(_db_value(connection, f, getattr(obj, f.attname)) for f in fields)]
            for obj in objects)  # fmt: skip
    assignments = ", ".join(f"{quote(f.column)} = s.{quote(f.column)}" for f in fields)
    # One transaction: the temporary table lives only within it, and no half update remains.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {temporary}")
        cursor.execute(f"CREATE TEMPORARY TABLE {temporary} (id bigint, {', '.join(columns)})")
        _write(connection, table, ["id", *(f.column for f in fields)], rows)
        cursor.execute(
            f"UPDATE {target} SET {assignments} FROM {temporary} AS s "
            f"WHERE {target}.{quote(model._meta.pk.column)} = s.id"
        )
        changed = cursor.rowcount
        cursor.execute(f"DROP TABLE {temporary}")
    return changed


def _write(connection, table: str, columns: list[str], rows) -> None:
    """Append `rows` (lists of database values in the order of `columns`) to `table`."""
    if connection.vendor == "postgresql":
        with _copy(connection, table, columns) as copy:
            for row in rows:
                copy.write_row(row)
        return
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(columns))
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})", rows)


@contextmanager
def _copy(connection, table: str, columns: list[str]):
    """COPY rows into `table` through psycopg: yields the copy object with `write_row`."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy,
    ):
        yield copy


def _connection(model: type[models.Model]):
    return connections[router.db_for_write(model)]


def _column_type(connection, field: models.Field) -> str:
    return field.rel_db_type(connection) if field.is_relation else field.db_type(connection)


def _db_value(connection, field: models.Field, value):
    return field.get_db_prep_save(value, connection)
