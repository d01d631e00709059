"""Stable record keys: the same record gives the same key in every export and release.

A key is the XXH3 64-bit hash of the record's kind and identity fields
(``KEY_FIELDS``), as a signed 64-bit integer: compact to index, and at a billion
records the chance of any two colliding is below one in ten thousand. XXH3's output
is fixed by its specification; Polars' own ``hash`` is not used because it may change
between Polars releases, which would make every earlier import look new. (XXH3 over
a million rows takes a quarter of a second here; BLAKE2b through hashlib took 1.1 s.)

Identical rows within one file (two equal payments on one day) are told apart by
their rank among equals, in file order, so a re-import of the same file gives the
same keys again, and so does an overlapping export that holds the same rows.
"""

from __future__ import annotations

import polars as pl
import xxhash

from partways.importers.records import KEY_FIELDS, SCHEMAS

_SEP = "\x1f"  # a character no export puts in a field
_NULL = "\x00"


def _as_text(frame: pl.DataFrame, columns: list[str]) -> pl.Expr:
    parts = []
    for col in columns:
        dtype = frame.schema[col]
        expr = pl.col(col)
        if isinstance(dtype, pl.List):
            expr = expr.list.join(",")
        elif dtype == pl.Boolean:
            expr = expr.cast(pl.Int8)
        elif isinstance(dtype, pl.Datetime | pl.Date):
            # Microseconds (days for dates) since 1970, UTC: the instant itself, and
            # five times cheaper to write out than an ISO text.
            expr = expr.cast(pl.Int64)
        parts.append(expr.cast(pl.String).fill_null(_NULL))
    return pl.concat_str(parts, separator=_SEP)


def _hash(texts: pl.Series) -> pl.Series:
    """XXH3-64 of each UTF-8 text, as Int64."""
    digest = xxhash.xxh3_64_intdigest
    hashed = pl.Series(list(map(digest, texts.cast(pl.Binary).to_list())), dtype=pl.UInt64)
    return hashed.reinterpret(signed=True)


def with_keys(kind: str, frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with ``_key`` (identity) and ``_digest`` (everything else) columns."""
    if frame.height == 0:
        return frame.with_columns(
            pl.lit(0, pl.Int64).alias("_key"), pl.lit(0, pl.Int64).alias("_digest")
        )
    rest = [c for c in SCHEMAS[kind] if c not in KEY_FIELDS[kind]]
    texts = frame.select(
        pl.concat_str(
            [pl.lit(kind), _as_text(frame, list(KEY_FIELDS[kind]))], separator=_SEP
        ).alias("_id"),
        (_as_text(frame, rest) if rest else pl.lit("")).alias("_rest"),
    )
    keys = _hash(texts["_id"])
    repeated = keys.is_duplicated()
    if repeated.any():
        # The second, third… of identical rows: hash again with their rank. The first
        # keeps the plain key, so it matches the same row in an export without repeats.
        idx = repeated.arg_true()
        ranks = (
            pl.DataFrame({"k": keys.gather(idx)})
            .select(pl.int_range(pl.len()).over("k"))
            .to_series()
        )
        again = _hash(texts["_id"].gather(idx) + _SEP + ranks.cast(pl.String))
        keys = keys.scatter(idx, _first_plain(ranks, again, keys.gather(idx)))
    return frame.with_columns(keys.alias("_key"), _hash(texts["_rest"]).alias("_digest"))


def identity_texts(kind: str, frame: pl.DataFrame) -> list[str]:
    """The text each row's key is the hash of (its kind and identity fields)."""
    if frame.height == 0:
        return []
    texts = frame.select(
        pl.concat_str([pl.lit(kind), _as_text(frame, list(KEY_FIELDS[kind]))], separator=_SEP)
    )
    return list(texts.to_series())


def ranked_key(text: str, rank: int) -> int:
    """The key of the row with this identity text that is the ``rank``-th of its
    identical rows (0: the first, whose key is the plain hash), as :func:`with_keys`
    gives it."""
    raw = text if rank == 0 else f"{text}{_SEP}{rank}"
    digest = xxhash.xxh3_64_intdigest(raw.encode("utf-8"))
    return digest - (1 << 64) if digest >= 1 << 63 else digest


def _first_plain(ranks: pl.Series, again: pl.Series, first: pl.Series) -> pl.Series:
    return (
        pl.DataFrame({"r": ranks, "a": again, "f": first})
        .select(pl.when(pl.col("r") > 0).then("a").otherwise("f"))
        .to_series()
    )
