"""The longest field an import accepts, checked once for every importer.

Every importer hands its records over as frames in the schemas of
:mod:`partways.importers.records`; this module looks at every text column of them (and
at every item of a list of texts) and reports a value longer than the
``text.max_field_chars`` limit as an error of its row: the file, the line when the
format has lines, the column, and how long the value is against the limit. The row
is then left out of the records, so "import the good rows" imports the others.
"""

from __future__ import annotations

import polars as pl

from partways.core.limits import limit
from partways.core.phrase import Phrase, say
from partways.importers import Records, RowError
from partways.importers.base import grouped

# Kinds whose records carry an id of their own, and the column that holds it.
IDENTITY = {"messages": ("message", "message_id"), "meetings": ("meeting", "uid")}
# A column computed from another (a message's text is its body without quotes): when
# both are too long, the one the user wrote is reported.
DERIVED = {("messages", "text"): "body"}


def _lengths(frame: pl.DataFrame, column: str) -> pl.Expr | None:
    dtype = frame.schema[column]
    if dtype == pl.String:
        return pl.col(column).str.len_chars()
    if isinstance(dtype, pl.List) and dtype.inner == pl.String:
        return pl.col(column).list.eval(pl.element().str.len_chars()).list.max()
    return None


def _which(row: dict[str, object], kind: str) -> str | None:
    """The record's own id, where its kind has one: a Slack export's line is a
    message's place in one of many day files, and an mbox holds thousands of them."""
    if kind not in IDENTITY:
        return None
    value = row.get(IDENTITY[kind][1])
    if not isinstance(value, str) or not value or len(value) > 200:
        return None
    return f"<{value}>"


def _too_long(kind: str, which: str | None, length: int, most: int) -> Phrase:
    """The error for a field of ``length`` characters, naming its record when it can."""
    params = {"length": grouped(length), "most": grouped(most)}
    if which is not None and IDENTITY[kind][0] == "message":
        return say(
            "import.field_too_long_message",
            "message {id}: this field holds {length} characters; at most {most} are "
            "accepted (the limit text.max_field_chars)",
            id=which,
            **params,
        )
    if which is not None:
        return say(
            "import.field_too_long_meeting",
            "meeting {id}: this field holds {length} characters; at most {most} are "
            "accepted (the limit text.max_field_chars)",
            id=which,
            **params,
        )
    return say(
        "import.field_too_long",
        "this field holds {length} characters; at most {most} are accepted "
        "(the limit text.max_field_chars)",
        **params,
    )


def oversized_fields(records: Records, source: str) -> tuple[Records, list[RowError]]:
    """``records`` without the rows that hold a field longer than the limit, and one
    error per such field (every field of every kind is checked).

    Raises :class:`partways.core.limits.LimitMisconfigured` for a bad override.
    """
    most = limit("text.max_field_chars")
    errors: list[RowError] = []
    for kind, frame in records.frames.items():
        lengths = {
            c: expr
            for c in frame.columns
            if c != "line" and (expr := _lengths(frame, c)) is not None
        }
        if not lengths or frame.height == 0:
            continue
        too_long = pl.any_horizontal(expr.fill_null(0) > most for expr in lengths.values())
        # Measured in one pass; only the (usually no) rows over the limit come back.
        told = [c for c in ("line", IDENTITY.get(kind, ("", ""))[1]) if c in frame.columns]
        over = frame.filter(too_long).select(
            *told, *[expr.fill_null(0).alias(f"_len_{c}") for c, expr in lengths.items()]
        )
        if over.height == 0:
            continue
        for row in over.iter_rows(named=True):
            line = row.get("line")
            which = _which(row, kind)
            for column in lengths:
                length = row[f"_len_{column}"]
                source_column = DERIVED.get((kind, column))
                if source_column and row.get(f"_len_{source_column}", 0) > most:
                    continue
                if length > most:
                    errors.append(
                        RowError(
                            source,
                            line if isinstance(line, int) else None,
                            column,
                            _too_long(kind, which, length, most),
                        )
                    )
        records.frames[kind] = frame.filter(~too_long)
    return records, errors
