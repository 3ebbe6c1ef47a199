"""The `<id:...>` path converter: a database id in a URL, bounded to what the database can hold.

Django's `<int:...>` takes any run of digits; an id above 2^63 − 1 then reaches a query and
fails in the database (SQLite: OverflowError, PostgreSQL: DataError), a 500 an outsider can
call up at will. Every primary key here is a BigAutoField, so an id outside 1..2^63 − 1 names no
object: such a path does not match, and the answer is the 404 of any unknown page.
"""

from django.urls import register_converter

# The largest signed 64-bit integer: PostgreSQL's bigint and SQLite's INTEGER alike.
LARGEST_ID = 2**63 - 1


class DatabaseIdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= LARGEST_ID:
            raise ValueError("no database holds this id")  # the resolver treats it as no match
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(DatabaseIdConverter, "id")
