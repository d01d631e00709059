"""docs/benchmarks.md is shared: each benchmark owns one marked section of it."""

from __future__ import annotations

from pathlib import Path


def replace_section(path: Path, start: str, end: str, new: str) -> None:
    """Put ``new`` (which begins with ``start`` and ends with ``end``) in place of the
    section between those markers in ``path``, appending it the first time; every
    other section of the file is kept."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + new + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + new + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
