"""Folded search keys: surnames and streets found whatever their accents and case.

Residents who call give their name without diacritics ('Noellering', 'Celik') and a caseworker
types it so. Signals and meldingen therefore keep a folded copy of the surname and the street
(`Signal.surname_search`, `Melding.street_search`): lower case, accents dropped, the surname
without a leading tussenvoegsel. Zoeken (casework.search) and the privacy pages (inzageverzoek,
the audit log's resident search) fold what is typed alike and compare keys, which PostgreSQL
reads from an index (migrations intake.0010, casework.0019).

The folding is the matching engine's (`engine.normalise.fold`), so search and matching ignore
the same accents. Changing a key's rule means a migration that runs `fill_search_keys` again.
"""

from __future__ import annotations

from django.db import connections, migrations, models

from vroegsignaal.matching.engine.normalise import fold
from vroegsignaal.names import surname_without_prefix


def surname_key(text: str) -> str:
    """'Berg, van der', 'van der Berg', 'BERG' -> 'berg'; 'Noëllering' -> 'noellering'."""
    return fold(surname_without_prefix(text))


def street_key(text: str) -> str:
    """'Cöbelstraat' -> 'cobelstraat' (spaces between words collapsed)."""
    return fold(" ".join(text.split()))


_KEYS = {"surname": surname_key, "street": street_key}


class SearchKeyField(models.CharField):
    """The search key of the model's `source` field ('surname' or 'street'), set on every save
    and insert (like `BsnHashField`; not by `bulk_update` or `update`: set it there yourself)."""

    def __init__(self, *args, source: str, **kwargs):
        self.source = source
        self.key = _KEYS[source]
        kwargs.setdefault("max_length", 120)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = self.key(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


def prefix_search_index(key_field: str, name: str) -> models.Index:
    """The index from which Zoeken reads a municipality's rows whose key starts with a text
    (`LIKE 'berg%'`). The operator class lets PostgreSQL read a prefix from it whatever the
    database's collation; SQLite has none and searches a municipality's rows as they are."""
    return models.Index(
        fields=["municipality", key_field],
        name=name,
        opclasses=["int8_ops", "varchar_pattern_ops"],  # municipality_id is a bigint
    )


def fill_search_keys(
    model: type[models.Model], key_field: str, using: str = "default", batch_size: int = 1000
) -> None:
    """Set `key_field` on every row of `model` whose key is missing or stale (a migration's
    model works too): rows read in order of id, the changed ones written with one UPDATE per
    batch (a million signals take seconds, where `bulk_update` builds a CASE per row)."""
    field = model._meta.get_field(key_field)
    connection = connections[using]
    quote = connection.ops.quote_name
    table, id_column = quote(model._meta.db_table), quote(model._meta.pk.column)
    rows = model._default_manager.using(using).order_by("pk")
    last = 0
    while batch := list(
        rows.filter(pk__gt=last).values_list("pk", field.source, key_field)[:batch_size]
    ):
        last = batch[-1][0]
        changed = [(row, new) for row, source, old in batch if (new := field.key(source)) != old]
        if not changed:
            continue
        # VALUES names its columns column1, column2 on PostgreSQL and SQLite alike.
        values = ", ".join(["(%s, %s)"] * len(changed))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {quote(field.column)} = v.column2 "
                f"FROM (VALUES {values}) AS v WHERE {table}.{id_column} = v.column1",
                [value for row in changed for value in row],
            )


def filling_search_keys(app_label: str, model_name: str, key_field: str) -> migrations.RunPython:
    """A migration's operation that fills a search key on the rows already there."""

    def fill(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        fill_search_keys(model, key_field, using=schema_editor.connection.alias)

    return migrations.RunPython(fill, migrations.RunPython.noop)


def dropping_postgresql_index(name: str, definition: str) -> migrations.RunPython:
    """A migration's operation that drops the raw PostgreSQL index `name`, which a search key's
    index replaces; reversed, it is made again as `CREATE INDEX name ON definition`. Other
    databases never had it."""

    def execute_on_postgresql(sql: str):
        def execute(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql)

        return execute

    return migrations.RunPython(
        execute_on_postgresql(f"DROP INDEX IF EXISTS {name}"),
        execute_on_postgresql(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}"),
    )
