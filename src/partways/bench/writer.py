"""Bulk writers: Arrow/Polars frames straight into the partways tables.

Going through the ORM costs tens of microseconds per row, minutes for millions of
rows. Instead each table is written from a Polars frame in one bulk operation:

* SQLite: ADBC's ``adbc_ingest`` (a prepared INSERT bound to Arrow batches in C),
  with the table's secondary indexes dropped during the load and rebuilt after it;
  rebuilding an index from sorted data is far cheaper than updating three B-trees
  row by row. Values are encoded the way Django stores them on SQLite.
* PostgreSQL: ``COPY … FROM STDIN (FORMAT csv)`` through Django's own psycopg
  connection, fed with CSV that Polars writes.

Frames carry logical types (Datetime UTC, Date, Boolean, …); each writer encodes them
for its database.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

import polars as pl
from django.db import connection

from partways.store.imports.bulk import encode

# Rows per ingest batch: bounds the Arrow/CSV copies held in memory at once.
CHUNK_ROWS = 500_000


class Writer(Protocol):
    def write(self, table: str, frame: pl.DataFrame) -> None: ...

    def next_id(self, table: str) -> int: ...

    def finish(self) -> None: ...


def open_writer() -> Writer:
    """The bulk writer for Django's configured database."""
    if connection.vendor == "sqlite":
        # ADBC carries its own SQLite library, which must never have the file open while
        # Django's library has it open in this process (ENGINEERING.md, "One SQLite
        # library per process"): Django's connection is closed until finish().
        if connection.in_atomic_block:
            raise RuntimeError("the SQLite bulk writer cannot run inside a transaction")
        connection.close()
        return SqliteWriter(str(connection.settings_dict["NAME"]))
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        return PostgresWriter()
    raise RuntimeError(f"unsupported database vendor {connection.vendor!r}")


def _chunks(frame: pl.DataFrame) -> Iterator[pl.DataFrame]:
    for start in range(0, frame.height, CHUNK_ROWS):
        yield frame.slice(start, CHUNK_ROWS)


def _max_id(table: str) -> int:
    with connection.cursor() as cur:
        cur.execute(f"SELECT MAX(id) FROM {table}")
        row = cur.fetchone()
    return int(row[0] or 0) if row else 0


class SqliteWriter:
    """ADBC ingest into the SQLite file (or shared in-memory test database)."""

    def __init__(self, path: str) -> None:
        import adbc_driver_sqlite.dbapi as driver

        self._conn = driver.connect(path)
        with self._conn.cursor() as cur:
            # A large page cache makes the index rebuilds sort in memory (1 GiB at most).
            cur.execute("PRAGMA cache_size = -1000000")

    def next_id(self, table: str) -> int:
        # Asked on this connection: in the shared in-memory test database a read on
        # Django's connection could collide with this one's open write transaction.
        with self._conn.cursor() as cur:
            cur.execute(f"SELECT MAX(id) FROM {table}")
            row = cur.fetchone()
        return int(row[0] or 0) + 1 if row else 1

    @staticmethod
    def encode(frame: pl.DataFrame) -> pl.DataFrame:
        return encode(frame, postgres=False)

    def _indexes(self, table: str) -> list[tuple[str, str]]:
        # Only explicitly created indexes have SQL; the implicit ones (primary key,
        # inline UNIQUE) cannot be dropped and have NULL here.
        with self._conn.cursor() as cur:
            cur.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                f"AND tbl_name = '{table}' AND sql IS NOT NULL"
            )
            return [(r[0], r[1]) for r in cur.fetchall()]

    def write(self, table: str, frame: pl.DataFrame) -> None:
        if frame.height == 0:
            return
        big = frame.height > 20_000
        indexes = self._indexes(table) if big else []
        with self._conn.cursor() as cur:
            for name, _ in indexes:
                cur.execute(f'DROP INDEX "{name}"')
            for chunk in _chunks(frame):
                # The oldest Arrow layout (large_string, not string_view) is what the
                # SQLite driver binds.
                data = self.encode(chunk).to_arrow(compat_level=pl.CompatLevel.oldest())
                cur.adbc_ingest(table, data, mode="append")
            for _, sql in indexes:
                cur.execute(sql)
        self._conn.commit()

    def finish(self) -> None:
        # No ANALYZE: Django never runs it, so the timed queries see the same planner
        # statistics (none) as a real partways database would.
        self._conn.commit()
        self._conn.close()
        # Only now may Django's connection open the file again. Fold the write-ahead
        # log back into the database file, so the timed reads do not have to consult
        # a WAL as large as the data.
        with connection.cursor() as cur:
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class PostgresWriter:
    """COPY (CSV) through Django's psycopg connection."""

    def next_id(self, table: str) -> int:
        return _max_id(table) + 1

    @staticmethod
    def encode(frame: pl.DataFrame) -> pl.DataFrame:
        return encode(frame, postgres=True)

    def write(self, table: str, frame: pl.DataFrame) -> None:
        if frame.height == 0:
            return
        cols = ", ".join(f'"{c}"' for c in frame.columns)
        sql = f"COPY {table} ({cols}) FROM STDIN (FORMAT csv)"
        with connection.cursor() as cur:
            raw: Any = cur.cursor  # the psycopg cursor behind Django's wrapper
            with raw.copy(sql) as copy:
                for chunk in _chunks(frame):
                    # Quoting every non-numeric field keeps '' (empty text) apart from
                    # an unquoted empty field, which COPY reads as NULL.
                    copy.write(
                        self.encode(chunk)
                        .write_csv(include_header=False, quote_style="non_numeric")
                        .encode()
                    )

    def finish(self) -> None:
        from django.core.management.color import no_style

        from partways.store import models

        # Rows were written with explicit ids: move each id sequence past them.
        all_models = [getattr(models, name) for name in models.__all__]
        with connection.cursor() as cur:
            for stmt in connection.ops.sequence_reset_sql(no_style(), all_models):
                cur.execute(stmt)
            cur.execute("ANALYZE")
