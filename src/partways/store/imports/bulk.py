"""Writing Polars frames into tables inside Django's own transaction.

An import must be all or nothing, so every row lands through Django's connection,
inside the import's ``transaction.atomic()`` block. Going through the ORM would cost
tens of microseconds per row, minutes for a million time entries, so:

* PostgreSQL: ``COPY … FROM STDIN`` on Django's own psycopg connection.
* SQLite, small frames: one ``executemany``.
* SQLite, large frames: the sqlite3 module binds values one by one in Python (about
  5 µs a row here), so the frame is first written by ADBC (Arrow straight into
  SQLite, in C) into a staging file beside the database, which Django's connection
  attaches and copies from with one ``INSERT … SELECT`` inside the transaction. When
  the new rows outnumber the table's, its indexes are dropped and rebuilt around the
  copy: building an index from scratch is a sort, far cheaper than a million
  insertions into a B-tree.

Ids are given explicitly (from :func:`next_ids`), so rows that refer to each other
(a payment to an invoice of the same file) can be linked before they are written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
from django.db import connection

CHUNK_ROWS = 100_000
SQLITE_CACHE_KIB = 256 * 1024
# From this many rows on, SQLite inserts go through the ADBC staging file.
STAGING_ROWS = 20_000
STAGING_SCHEMA = "partways_staging"


def next_ids(table: str, count: int) -> pl.Series:
    """``count`` fresh ids for ``table``. The import's write lock makes them safe to use:
    SQLite's IMMEDIATE transaction, and on PostgreSQL an explicit table lock."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        cur.execute(f"SELECT MAX(id) FROM {table}")
        row = cur.fetchone()
    start = int(row[0] or 0) + 1 if row else 1
    return pl.int_range(start, start + count, dtype=pl.Int64, eager=True)


def _text_datetime(col: str, suffix: str = "") -> pl.Expr:
    # Django's own text form of a UTC datetime, so the ORM reads these rows back.
    c = pl.col(col)
    return (
        pl.when(c.dt.microsecond() == 0)
        .then(c.dt.strftime("%Y-%m-%d %H:%M:%S" + suffix))
        .otherwise(c.dt.strftime("%Y-%m-%d %H:%M:%S%.6f" + suffix))
        .alias(col)
    )


def _encode(frame: pl.DataFrame, postgres: bool) -> pl.DataFrame:
    exprs = []
    for name, dtype in frame.schema.items():
        if isinstance(dtype, pl.Datetime):
            exprs.append(_text_datetime(name, "+00" if postgres else ""))
        elif dtype == pl.Date:
            exprs.append(pl.col(name).dt.strftime("%Y-%m-%d"))
        elif dtype == pl.Boolean and not postgres:
            exprs.append(pl.col(name).cast(pl.Int64))  # Django stores booleans as 0/1
        else:
            exprs.append(pl.col(name))
    return frame.select(exprs)


def insert(table: str, frame: pl.DataFrame) -> None:
    """Insert every row of ``frame`` (columns named as the table's) into ``table``."""
    if frame.height == 0:
        return
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    if connection.vendor == "postgresql":
        _copy(table, cols, frame)
        return
    raw: Any = connection.connection  # the sqlite3 connection inside Django's transaction
    # A large page cache keeps the indexes being extended in memory (SQLite's default,
    # 2 MB, makes a million-row insert re-read index pages from disk over and over).
    raw.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    if frame.height >= STAGING_ROWS:
        _staged_insert(raw, table, cols, frame)
        return
    marks = ", ".join("?" for _ in frame.columns)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"
    for start in range(0, frame.height, CHUNK_ROWS):
        chunk = _encode(frame.slice(start, CHUNK_ROWS), postgres=False)
        raw.executemany(sql, chunk.iter_rows())


def _staging_path(number: int) -> Path:
    db = Path(str(connection.settings_dict["NAME"]))
    return db.with_name(f"{db.stem}-import-staging-{number}.sqlite3")


def _attached_staging(raw: Any) -> list[str]:
    return [
        row[1] for row in raw.execute("PRAGMA database_list") if row[1].startswith(STAGING_SCHEMA)
    ]


def _staged_insert(raw: Any, table: str, cols: str, frame: pl.DataFrame) -> None:
    import adbc_driver_sqlite.dbapi as adbc

    # One staging file per table written: an attached file is read in the snapshot
    # the transaction took, so rows added to it later would not be seen.
    number = len(_attached_staging(raw)) + 1
    path = _staging_path(number)
    path.unlink(missing_ok=True)
    with adbc.connect(str(path)) as staging:
        with staging.cursor() as cur:
            for start in range(0, frame.height, CHUNK_ROWS * 5):
                chunk = _encode(frame.slice(start, CHUNK_ROWS * 5), postgres=False)
                # The oldest Arrow layout (large_string, not string_view) is what
                # the SQLite driver binds.
                cur.adbc_ingest(
                    "rows",
                    chunk.to_arrow(compat_level=pl.CompatLevel.oldest()),
                    mode="create_append",
                )
        staging.commit()
    # ATTACH is allowed inside a transaction; DETACH is not: detach_staging() runs after.
    raw.execute(f"ATTACH DATABASE ? AS {STAGING_SCHEMA}_{number}", (str(path),))
    existing = raw.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
    indexes = []
    if frame.height > existing:
        indexes = raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (table,),
        ).fetchall()
        for name, _ in indexes:
            raw.execute(f'DROP INDEX "{name}"')
    raw.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {STAGING_SCHEMA}_{number}.rows")
    for _, sql in indexes:
        raw.execute(sql)


def detach_staging() -> None:
    """Detach and delete the staging files, once the import's transaction has ended."""
    if connection.vendor != "sqlite" or connection.connection is None:
        return
    raw: Any = connection.connection
    for schema in _attached_staging(raw):
        raw.execute(f"DETACH DATABASE {schema}")
        _staging_path(int(schema.rsplit("_", 1)[1])).unlink(missing_ok=True)


def _copy(table: str, cols: str, frame: pl.DataFrame) -> None:
    sql = f"COPY {table} ({cols}) FROM STDIN (FORMAT csv)"
    with connection.cursor() as cur:
        psycopg_cursor: Any = cur.cursor
        with psycopg_cursor.copy(sql) as copy:
            for start in range(0, frame.height, CHUNK_ROWS):
                chunk = _encode(frame.slice(start, CHUNK_ROWS), postgres=True)
                # Quoting every non-numeric field keeps '' (empty text) apart from an
                # unquoted empty field, which COPY reads as NULL.
                copy.write(
                    chunk.write_csv(include_header=False, quote_style="non_numeric").encode()
                )


def update(table: str, frame: pl.DataFrame) -> None:
    """Set the columns of ``frame`` on the rows whose ``id`` it names."""
    if frame.height == 0:
        return
    cols = [c for c in frame.columns if c != "id"]
    postgres = connection.vendor == "postgresql"
    mark = "%s" if postgres else "?"
    sets = ", ".join(f'"{c}" = {mark}' for c in cols)
    sql = f"UPDATE {table} SET {sets} WHERE id = {mark}"
    rows = _encode(frame.select([*cols, "id"]), postgres).iter_rows()
    if postgres:
        with connection.cursor() as cur:
            cur.executemany(sql, list(rows))
    else:
        raw: Any = connection.connection
        raw.executemany(sql, rows)


def fetch(sql: str, params: list[Any], schema: dict[str, Any]) -> pl.DataFrame:
    """The rows of a query as a frame with ``schema`` (column names and types)."""
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    return pl.DataFrame(rows, schema=schema, orient="row")
