"""mbox files: Thunderbird, mutt, mailing-list archives and Google Takeout's Mail export."""

from __future__ import annotations

import codecs
import mmap
import multiprocessing
import multiprocessing.context
import os
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from partways.core.phrase import marked, say

from ..base import Importer, ImportFailed, RowError
from ..records import Records
from ..textio import head_text
from .headers import from_line_date
from .message import UnreadableMessage, parse_message
from .rows import MessageRows

# Every message starts with a "From " line; the mailbox module splits the same way.
_FROM_LINE = re.compile(rb"^From ", re.M)
# mboxrd escapes body lines starting with "From " as ">From " (and ">From " as
# ">>From "); one ">" comes off again so the quote stripper does not take them for
# quotes.
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.M)
_HEADER_LINE = re.compile(r"^[!-9;-~]+:")
# A unit of work: file, offsets of its messages (and of the end), first line, zone.
_Job = tuple[str, list[int], int, str]
# What a unit gives: the messages as columns, and the errors.
_Chunk = tuple[dict[str, list[Any]], list[RowError]]
# Messages per unit of work (and per progress report).
CHUNK = 5000
PARALLEL_FROM = 20000


class MboxImporter(Importer):
    """An mbox file: every message becomes a ``messages`` record (channel "email")."""

    name = "mbox"
    title = marked("E-mail: mbox file (Thunderbird, mutt, Google Takeout, list archives)")
    kinds = ("messages",)
    priority = 60

    def identify(self, path: Path) -> bool:
        """True for a file whose first line is an mbox ``From `` line over a header."""
        if not path.is_file() or path.suffix.lower() == ".eml":
            return False
        lines = head_text(path, 4096).splitlines()
        return (
            len(lines) >= 2 and lines[0].startswith("From ") and bool(_HEADER_LINE.match(lines[1]))
        )

    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        """Every message of the file, in file order; ``line`` is its ``From `` line.

        A message whose Date header is missing or garbled takes the ``From `` line's
        date; one with neither is reported (file, line, "Date") and left out.
        Raises :class:`ImportFailed` for an unreadable, empty or non-mbox file.
        """
        rows = MessageRows(str(path))
        try:
            with path.open("rb") as fh:
                if fh.seek(0, 2) == 0:
                    raise ImportFailed(say("import.file_empty", "the file is empty."), str(path))
                with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
                    self._read(data, path, rows)
        except OSError as exc:
            raise ImportFailed(
                say("import.unreadable", "cannot be read ({reason}).", reason=str(exc.strerror)),
                str(path),
            ) from exc
        return rows.records(), rows.errors

    def _read(self, data: mmap.mmap, path: Path, rows: MessageRows) -> None:
        starts = [m.start() for m in _FROM_LINE.finditer(data)]
        # A byte-order mark (an editor saved the file) sits before the first From line.
        bom = len(codecs.BOM_UTF8) if data[:3] == codecs.BOM_UTF8 else 0
        if bom and data[bom : bom + 5] == b"From ":
            starts.insert(0, bom)
        if not starts or data[bom : starts[0]].strip():
            raise ImportFailed(
                say(
                    "import.mbox_no_from_line",
                    "not an mbox file; expected it to start with a 'From ' line.",
                ),
                str(path),
            )
        total = len(starts)
        starts.append(len(data))
        # Chunks of messages with the file line each chunk starts on.
        chunks: list[tuple[int, int, int]] = []
        line = 1
        previous = 0
        for first in range(0, total, CHUNK):
            line += data[previous : starts[first]].count(b"\n")
            previous = starts[first]
            chunks.append((first, min(first + CHUNK, total), line))
        workers = _workers(total)
        jobs = [(str(path), starts[a : b + 1], line, self.time_zone) for a, b, line in chunks]
        results = self._in_workers(jobs, workers, total) if workers > 1 else None
        if results is None:
            results = []
            done = 0
            for job in jobs:
                results.append(_read_chunk(job, data))
                done += _count(results[-1])
                self.progress(done, total)
        for columns, errors in results:
            rows.extend(columns, errors)

    def _in_workers(self, jobs: list[_Job], workers: int, total: int) -> list[_Chunk] | None:
        """The chunks parsed by ``workers`` processes, in order; None if they cannot run.

        Where processes cannot be started (no fork or semaphores in a sandbox) or one
        dies, the caller parses in this process instead.
        """
        results: list[_Chunk] = []
        done = 0
        try:
            with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
                for result in pool.map(_read_chunk, jobs):
                    results.append(result)
                    done += _count(result)
                    self.progress(done, total)
        except (BrokenProcessPool, OSError):
            return None
        return results


def _count(result: _Chunk) -> int:
    return len(result[0]["line"]) + len(result[1])


def _workers(total: int) -> int:
    """Processes to parse with: one for small files, else one per core (at most 4).

    Parsing is pure Python, so only processes (not threads) use a second core; they
    pay off from a few tens of thousands of messages on.
    """
    if total < PARALLEL_FROM:
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def _context() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds and shares the loaded modules; the workers
    # run only the standard library's parser, never Polars' thread pool.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _read_chunk(job: _Job, data: mmap.mmap | None = None) -> _Chunk:
    """Parse the messages starting at ``offsets`` (the last offset ends the chunk).

    Returns the messages as columns plus the errors; runs in a worker process when
    ``data`` is None (it then maps the file itself).
    """
    path, offsets, line, zone = job
    if data is None:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as own:
            return _read_chunk(job, own)
    rows = MessageRows(path)
    previous = offsets[0]
    for index in range(len(offsets) - 1):
        start, end = offsets[index], offsets[index + 1]
        line += data[previous:start].count(b"\n")
        previous = start
        first_end = data.find(b"\n", start, end)
        if first_end < 0:
            first_end = end
        from_line = data[start:first_end].decode("latin-1").rstrip("\r")
        raw = data[first_end + 1 : end]
        if b">From " in raw:
            raw = _ESCAPED_FROM.sub(rb"\1", raw)
        try:
            record = parse_message(raw)
        except UnreadableMessage as exc:
            rows.errors.append(RowError(path, line, None, exc.phrase))
            continue
        if record is None:
            rows.errors.append(
                RowError(
                    path,
                    line,
                    None,
                    say("import.mail_empty", "an empty message; expected headers and a body"),
                )
            )
            continue
        fallback = from_line_date(from_line, zone) if record["sent_at"] is None else None
        rows.add(record, line, fallback)
    return rows.columns, rows.errors
