"""The JSON nesting check that runs before any JSON is parsed (importers/jsonio.py)."""

from __future__ import annotations

import time

import pytest

from partways.importers.jsonio import JsonError, depth, loads


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"3", 0),
        (b"[]", 1),
        (b'[{"a": [1, {"b": []}]}]', 5),
        # Brackets inside strings, escaped quotes and escaped backslashes do not count.
        (b'["]]]]", "[[[[", "\\"[[[", "\\\\", []]', 2),
        (b'{"text": "a \\\\\\" [[[ still a string"}', 1),
        # An unclosed bracket counts: the parser would recurse into it.
        (b"[" * 500, 500),
        # So do the brackets after a quote left open (the file is broken either way).
        (b'[1, "unclosed string [[[[', 5),
    ],
)
def test_depth_counts_only_the_brackets_a_parser_would_enter(data: bytes, expected: int) -> None:
    assert depth(data) == expected


def test_depth_stays_linear_on_a_file_of_escaped_quotes() -> None:
    # An open quote followed by a million escaped ones: a regular expression with
    # alternation would scan to the end once per quote.
    data = b'"' + b'\\"' * 1_000_000
    started = time.monotonic()
    assert depth(data) == 0
    assert time.monotonic() - started < 5


def test_loads_refuses_past_the_limit_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTWAYS_LIMIT_STRUCTURE_MAX_DEPTH", "3")
    assert loads(b"[[[1]]]") == [[[1]]]
    with pytest.raises(JsonError, match="4 levels deep, more than the 3"):
        loads(b"[[[[1]]]]")


def test_loads_names_the_line_of_a_syntax_error_and_reads_a_bom() -> None:
    assert loads(b"\xef\xbb\xbf[1]") == [1]
    with pytest.raises(JsonError) as caught:
        loads(b'[1,\n 2,\n "x" "y"]')
    assert (caught.value.line, caught.value.column) == (3, 6)
    with pytest.raises(JsonError, match="not UTF-8"):
        loads(b'["\xff"]')
    with pytest.raises(JsonError, match="not JSON an import can read"):
        loads(b"[" + b"1" * 5000 + b"]")  # Python refuses to convert 5,000 digits
