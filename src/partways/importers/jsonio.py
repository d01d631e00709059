"""JSON read within the nesting limit, with problems as sentences and line numbers.

Python's ``json`` parses nested arrays and objects recursively: a file of 100,000
``[`` ends in a ``RecursionError`` (and ten thousand levels already cost seconds).
:func:`loads` measures the nesting first, without recursion, and refuses anything
deeper than ``structure.max_depth`` before parsing. Real exports nest a few levels
(a Slack message's blocks and reactions reach about ten).
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from partways.core.limits import limit
from partways.core.phrase import Phrase, say

from .base import grouped

# Strings once their escapes are gone: no alternation, so a quote left open costs
# one scan to the end, never one per quote (a file of \"\"\"… would be quadratic).
_STRINGS = re.compile(rb'"[^"]*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
# Opening brackets become +1, closing ones -1 (0xff read as a signed byte).
_STEPS = bytes.maketrans(b"[]{}", b"\x01\xff\x01\xff")


class JsonError(ValueError):
    """JSON that cannot be read: ``message`` says why ("the file is not valid JSON
    (…)"), and the exception's text is its English; ``line`` and ``column`` (1-based)
    say where the parser stopped, when it did, and ``problem`` is the parser's own
    words then."""

    def __init__(
        self,
        message: Phrase,
        line: int | None = None,
        column: int | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__(message.english())
        self.message = message
        self.line = line
        self.column = column
        self.problem = problem


def depth(data: bytes) -> int:
    """How deeply ``data``'s arrays and objects nest (brackets inside strings not counted).

    Runs at C speed (a regular expression, ``bytes.translate`` and ``accumulate``),
    never recursing, so it is safe on any input; an unclosed bracket counts too.
    """
    # Escapes go first: an escaped backslash, then an escaped quote, left to right as
    # JSON reads them.
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    skeleton = _STRINGS.sub(b"", unescaped).translate(None, _NOT_BRACKETS)
    if not skeleton:
        return 0
    steps = memoryview(skeleton.translate(_STEPS)).cast("b")
    return max(accumulate(steps))


def loads(data: bytes | str) -> Any:
    """The JSON value in ``data`` (UTF-8, a byte-order mark allowed).

    Raises :class:`JsonError` saying what is wrong: not UTF-8, nested deeper than
    ``structure.max_depth``, or not valid JSON (with the line).
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    most = limit("structure.max_depth")
    found = depth(raw)
    if found > most:
        raise JsonError(
            say(
                "import.json_too_deep",
                "the file nests arrays and objects {found} levels deep, more than the "
                "{most} an import reads (structure.max_depth)",
                found=grouped(found),
                most=most,
            )
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JsonError(
            say(
                "import.json_not_utf8",
                "the file is not UTF-8 text (byte {byte})",
                byte=grouped(exc.start),
            )
        ) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonError(
            say(
                "import.json_invalid",
                "the file is not valid JSON ({problem} at column {column})",
                problem=exc.msg,
                column=str(exc.colno),
            ),
            exc.lineno,
            exc.colno,
            exc.msg,
        ) from exc
    except (ValueError, RecursionError) as exc:
        # A number of thousands of digits (Python refuses to convert it), or nesting
        # that the depth check could not see.
        raise JsonError(
            say(
                "import.json_unreadable",
                "the file is not JSON an import can read ({problem})",
                problem=str(exc),
            )
        ) from exc
