"""Frames built from values an importer collected in Python, safe for any text.

JSON (``"\\ud800"``), YAML and RFC 2047 mail headers can spell half of a UTF-16
surrogate pair, which Python keeps in a string but UTF-8, and so Polars, cannot
hold. :func:`frame` builds the frame as it is and, only when that fails for such a
character, again with each lone surrogate replaced by U+FFFD, the mark every
decoder leaves for a character it cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def clean(value: Any) -> Any:
    """``value`` with lone surrogates replaced, looking inside lists and dicts."""
    if isinstance(value, str):
        return _SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    return value


def frame(
    data: Mapping[str, Sequence[Any]] | Sequence[Mapping[str, Any]], schema: Mapping[str, Any]
) -> pl.DataFrame:
    """``pl.DataFrame(data, schema=schema)``, lone surrogates replaced if there are any."""
    try:
        return pl.DataFrame(data, schema=schema)
    except UnicodeEncodeError:
        if isinstance(data, Mapping):
            return pl.DataFrame({k: clean(list(v)) for k, v in data.items()}, schema=schema)
        return pl.DataFrame([clean(dict(row)) for row in data], schema=schema)
