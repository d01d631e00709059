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
(a payment to an invoice of the same file) can be linked before they are written,
and so that the keys of new records can be written beside them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import polars as pl
from django.db import connection

from ..leftovers import owner_token, remove_orphans

CHUNK_ROWS = 100_000
SQLITE_CACHE_KIB = 256 * 1024
# From this many rows on, SQLite inserts go through the ADBC staging file.
STAGING_ROWS = 20_000
STAGING_SCHEMA = "partways_staging"
STAGING_INFIX = "-import-staging-"
# Rows per Arrow batch written to a staging file: bounds the copies held at once.
STAGING_CHUNK_ROWS = 200_000
# A large frame is staged in parts of about this many rows, so copying one part into
# its table overlaps writing the next one's file. Each part is an attached database,
# and SQLite attaches ten at most: parts are capped, and what is left of the ten is
# kept for the keys' file and for another large kind in the same import.
STAGING_PART_ROWS = 200_000
MAX_STAGING_PARTS = 5
SQLITE_MAX_ATTACHED = 10


def next_ids(table: str, count: int) -> pl.Series:
    """``count`` ids for ``table`` that were never used, not even by deleted rows.

    Never reusing an id keeps an imported key from pointing at another record once
    its own was deleted. The import's write lock makes the range safe to take:
    SQLite's IMMEDIATE transaction (its AUTOINCREMENT counter remembers the highest id
    ever given), and on PostgreSQL a table lock while the sequence is moved past it.
    """
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
            cur.execute(f"SELECT pg_get_serial_sequence('{table}', 'id')")
            (sequence,) = cur.fetchone() or (None,)
            cur.execute(
                f"SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}), "
                f"(SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END "
                f"FROM {sequence}))"
            )
            start = int(cur.fetchone()[0]) + 1
            cur.execute("SELECT setval(%s, %s)", [sequence, start + count - 1])
        else:
            cur.execute(
                f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0), "
                f"COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
                [table],
            )
            start = int(cur.fetchone()[0]) + 1
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


def encode(frame: pl.DataFrame, postgres: bool) -> pl.DataFrame:
    """``frame`` as Django stores it in the database: datetimes and dates as its text,
    booleans as 0/1 on SQLite."""
    exprs = []
    for name, dtype in frame.schema.items():
        if dtype == pl.String and postgres:
            # PostgreSQL text cannot hold NUL (a stray one in a mail body); SQLite can.
            exprs.append(pl.col(name).str.replace_all("\x00", "", literal=True))
        elif isinstance(dtype, pl.Datetime):
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
    if frame.height >= STAGING_ROWS and len(_attached_staging(raw)) <= SQLITE_MAX_ATTACHED - 2:
        _staged_insert(raw, table, cols, frame)
        return
    marks = ", ".join("?" for _ in frame.columns)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"
    for start in range(0, frame.height, CHUNK_ROWS):
        chunk = encode(frame.slice(start, CHUNK_ROWS), postgres=False)
        raw.executemany(sql, chunk.iter_rows())


def _attached_staging(raw: Any) -> list[tuple[str, str]]:
    """(schema, file) of every staging file attached to ``raw``."""
    return [
        (row[1], row[2])
        for row in raw.execute("PRAGMA database_list")
        if row[1].startswith(STAGING_SCHEMA)
    ]


def _staged_insert(raw: Any, table: str, cols: str, frame: pl.DataFrame) -> None:
    """Insert a large frame through staging files (see :func:`_copy_parts`)."""
    with ThreadPoolExecutor(2) as pool:
        _copy_parts(raw, table, cols, _submit_parts(raw, pool, frame), frame.height)


def _submit_parts(raw: Any, pool: ThreadPoolExecutor, frame: pl.DataFrame) -> list[Future[Path]]:
    """Queue the staging files of ``frame``'s parts on ``pool``, in order."""
    free = SQLITE_MAX_ATTACHED - len(_attached_staging(raw)) - 1  # one left for keys
    if free < 1:
        raise RuntimeError("no staging slot left; callers check before staging")
    parts = max(1, min(MAX_STAGING_PARTS, free, -(-frame.height // STAGING_PART_ROWS)))
    size = -(-frame.height // parts)
    return [pool.submit(_write_stage, frame.slice(i * size, size)) for i in range(parts)]


def _copy_parts(raw: Any, table: str, cols: str, parts: list[Future[Path]], count: int) -> None:
    """Copy each staged part into ``table`` as soon as its file is written: while one
    part is copied on this thread, the next one's file is written on another."""
    try:
        schemas = (_attach(raw, f.result()) for f in parts)
        _copy_from_stages(raw, table, cols, schemas, count)
    except BaseException:
        _discard(parts, raw)
        raise


def _discard(files: list[Future[Path]], raw: Any) -> None:
    """Delete staging files written but never attached (detach_staging() misses them)."""
    attached = {Path(p) for _, p in _attached_staging(raw)}
    for f in files:
        if not f.cancel() and f.exception() is None and f.result() not in attached:
            f.result().unlink(missing_ok=True)


def _write_stage(frame: pl.DataFrame) -> Path:
    """A new staging file beside the database holding ``frame`` as table ``rows``.

    Uses its own ADBC connection only, so it can run in a second thread while the
    main one writes through Django's connection (both release the GIL).
    """
    import adbc_driver_sqlite.dbapi as adbc

    # One file per frame: an attached file is read in the snapshot the transaction
    # took, so rows added to it later would not be seen.
    db = Path(str(connection.settings_dict["NAME"]))
    # The host and process in the name let a later import tell a killed one's file.
    path = db.with_name(f"{db.stem}{STAGING_INFIX}{owner_token()}-{uuid.uuid4().hex[:12]}.sqlite3")
    with adbc.connect(str(path)) as staging:
        with staging.cursor() as cur:
            for start in range(0, frame.height, STAGING_CHUNK_ROWS):
                chunk = encode(frame.slice(start, STAGING_CHUNK_ROWS), postgres=False)
                # The oldest Arrow layout (large_string, not string_view) is what
                # the SQLite driver binds.
                cur.adbc_ingest(
                    "rows",
                    chunk.to_arrow(compat_level=pl.CompatLevel.oldest()),
                    mode="create_append",
                )
        staging.commit()
    return path


def _attach(raw: Any, path: Path) -> str:
    """Attach a staging file to Django's connection; the schema name it got."""
    schema = f"{STAGING_SCHEMA}_{len(_attached_staging(raw)) + 1}"
    # ATTACH is allowed inside a transaction; DETACH is not: detach_staging() runs after.
    raw.execute(f"ATTACH DATABASE ? AS {schema}", (str(path),))
    return schema


def _copy_from_stages(raw: Any, table: str, cols: str, schemas: Iterable[str], count: int) -> None:
    """``INSERT INTO table`` from each staging schema's ``rows`` in turn, rebuilding the
    table's indexes around the copy when the new rows outnumber the ones already there.

    ``schemas`` may be lazy: each is attached when its file is ready.
    """
    # Counting stops at count + 1 rows: only "more new rows than old ones?" matters.
    existing = raw.execute(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} LIMIT ?)", (count + 1,)
    ).fetchone()[0]
    indexes = []
    if count > existing:
        indexes = raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (table,),
        ).fetchall()
        for name, _ in indexes:
            raw.execute(f'DROP INDEX "{name}"')
    for schema in schemas:
        raw.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {schema}.rows")
    # Index builds sort; with helper threads SQLite sorts on every core.
    raw.execute(f"PRAGMA threads = {os.cpu_count() or 1}")
    for _, sql in indexes:
        raw.execute(sql)


def insert_with_keys(
    table: str, frame: pl.DataFrame, key_table: str, kind: str, batch_id: int
) -> None:
    """Insert ``frame``'s rows into ``table`` and their ``_key``/``_digest`` into ``key_table``.

    The keys go in sorted: the key is the keys table's primary key (on SQLite its
    rowid), so sorted keys extend its B-tree instead of landing all over it.
    """
    keys = frame.select(
        pl.col("_key").alias("key"),
        pl.col("id").alias("object_id"),
        pl.col("_digest").alias("digest"),
    ).sort("key")
    raw: Any = connection.connection
    if (
        connection.vendor == "sqlite"
        and keys.height >= STAGING_ROWS
        and len(_attached_staging(raw)) <= SQLITE_MAX_ATTACHED - 2  # a part and the keys
    ):
        # The keys' staging file is written on a worker thread while the rows go in;
        # only the three columns that vary are staged (kind and batch are constants).
        raw.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        rows = frame.drop("_key", "_digest")
        with ThreadPoolExecutor(2) as pool:
            # The rows' parts are queued first: the copy into the table waits on them.
            parts = _submit_parts(raw, pool, rows)
            staged_keys = pool.submit(_write_stage, keys)
            cols = ", ".join(f'"{c}"' for c in rows.columns)
            try:
                _copy_parts(raw, table, cols, parts, rows.height)
            except BaseException:
                _discard([staged_keys], raw)
                raise
            schema = _attach(raw, staged_keys.result())
        raw.execute(
            f"INSERT INTO {key_table} (key, object_id, digest, kind, batch_id) "
            f"SELECT key, object_id, digest, ?, ? FROM {schema}.rows",
            (kind, batch_id),
        )
        return
    insert(table, frame.drop("_key", "_digest"))
    insert(
        key_table,
        keys.with_columns(pl.lit(kind).alias("kind"), pl.lit(batch_id, pl.Int64).alias("batch_id")),
    )


def detach_staging() -> None:
    """Detach and delete the staging files, once the import's transaction has ended."""
    if connection.vendor != "sqlite" or connection.connection is None:
        return
    raw: Any = connection.connection
    for schema, path in _attached_staging(raw):
        raw.execute(f"DETACH DATABASE {schema}")
        Path(path).unlink(missing_ok=True)
    # A killed import's transaction never committed, so its staged rows are in no
    # table; only its files are left, as large as what was being imported.
    db = Path(str(connection.settings_dict["NAME"]))
    remove_orphans(db.parent, f"{db.stem}{STAGING_INFIX}")


def _copy(table: str, cols: str, frame: pl.DataFrame) -> None:
    sql = f"COPY {table} ({cols}) FROM STDIN (FORMAT csv)"
    with connection.cursor() as cur:
        psycopg_cursor: Any = cur.cursor
        with psycopg_cursor.copy(sql) as copy:
            for start in range(0, frame.height, CHUNK_ROWS):
                chunk = encode(frame.slice(start, CHUNK_ROWS), postgres=True)
                # Quoting every non-numeric field keeps '' (empty text) apart from an
                # unquoted empty field, which COPY reads as NULL.
                copy.write(
                    chunk.write_csv(include_header=False, quote_style="non_numeric").encode()
                )


def update(table: str, frame: pl.DataFrame, by: str = "id") -> None:
    """Set the columns of ``frame`` on the rows whose ``by`` column (the id) it names."""
    if frame.height == 0:
        return
    cols = [c for c in frame.columns if c != by]
    postgres = connection.vendor == "postgresql"
    mark = "%s" if postgres else "?"
    sets = ", ".join(f'"{c}" = {mark}' for c in cols)
    sql = f"UPDATE {table} SET {sets} WHERE {by} = {mark}"
    rows = encode(frame.select([*cols, by]), postgres).iter_rows()
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
