"""Moving Polars frames in and out of an in-process DuckDB connection (through Arrow)."""

from __future__ import annotations

import duckdb
import polars as pl

# Same person: BSN decides when both have one; else tolerant name, initial and birth date.
# A birth date ('YYYYMMDD') counts as equal when one digit differs, day and month are swapped,
# or two adjacent digits within the year, month or day are swapped (1975/1957, 12/21): the
# typos of someone typing a date. Neighbours across fields (YYYY|MM, MM|DD) are not typed
# next to each other in 'DD-MM-YYYY', so that swap stays a different date.
_MACROS = """
CREATE OR REPLACE MACRO swapped_at(x, y, i) AS
    substr(x, i, 1) = substr(y, i + 1, 1) AND substr(x, i + 1, 1) = substr(y, i, 1);
CREATE OR REPLACE MACRO dob_close(x, y) AS
    CASE WHEN x = '' OR y = '' OR x = y THEN TRUE
    ELSE hamming(x, y) <= 1
         OR (substr(x, 1, 4) = substr(y, 1, 4) AND substr(x, 5, 2) = substr(y, 7, 2)
             AND substr(x, 7, 2) = substr(y, 5, 2))
         -- Two differing digits that are neighbours swapped: the rest is equal.
         OR (hamming(x, y) = 2
             AND (swapped_at(x, y, 1) OR swapped_at(x, y, 2) OR swapped_at(x, y, 3)
                  OR swapped_at(x, y, 5) OR swapped_at(x, y, 7)))
    END;
CREATE OR REPLACE MACRO same_person(bsn_a, bsn_b, name_a, name_b, ini_a, ini_b, dob_a, dob_b,
                                    threshold) AS
    CASE WHEN bsn_a <> '' AND bsn_b <> '' THEN bsn_a = bsn_b
    ELSE name_a <> '' AND jaro_winkler_similarity(name_a, name_b) >= threshold
         AND (ini_a = '' OR ini_b = '' OR ini_a = ini_b)
         AND dob_close(dob_a, dob_b)
    END;
"""


def connect() -> duckdb.DuckDBPyConnection:
    """A fresh in-memory connection with the person-comparison macros."""
    con = duckdb.connect()
    con.execute(_MACROS)
    return con


def register(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    """Make `frame` queryable as table `name` (Arrow: no copy of the strings)."""
    con.register(name, frame.to_arrow())


def query(con: duckdb.DuckDBPyConnection, sql: str, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Run `sql` and return its result as a Polars frame with the given schema."""
    result = pl.from_arrow(con.sql(sql).to_arrow_table())
    return result.select([pl.col(name).cast(dtype) for name, dtype in schema.items()])
