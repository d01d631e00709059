"""Reading export files as text: encodings, delimiters, preambles and line numbers.

Spreadsheet tools write CSV in many ways: UTF-8 with or without a byte-order mark,
UTF-16 (Excel's "Unicode text"), Windows-1252 from older Windows exports; commas or
semicolons (locales that write decimals with a comma use semicolons); quoted fields
that hold line breaks; a few preamble lines before the header (Invoice Ninja v4).
:func:`read_csv` copes with all of these and returns every cell as text, with the
header's position, so that the caller can report errors by line and column.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from partways.core.phrase import say

from .base import ImportFailed

# How much of a file `identify` looks at: enough for a preamble and a header.
HEAD_BYTES = 64 * 1024


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name of ``data``: BOM first, then strict UTF-8, then Windows-1252.

    Windows-1252 leaves five byte values undefined; a file that uses them is read as
    Latin-1, which maps every byte, so reading never fails (a wrong guess shows as odd
    letters in names, which the user can see, rather than as a lost import).
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    # UTF-16 without a BOM: every other byte of ASCII text is zero.
    if len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] != 0:
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        # A cut-off multi-byte character at the very end of a sample is still UTF-8.
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8"), "utf-8"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def lines(text: str) -> list[str]:
    """``text`` split into lines as a CSV reader sees them: at CR LF, LF or a lone CR.

    ``str.splitlines`` also splits at form feeds, vertical tabs and Unicode line
    separators, which are data inside a CSV cell.
    """
    return one_newline(text).split("\n")


def one_newline(text: str) -> str:
    """``text`` with every line break a LF (old Mac exports end lines with CR alone)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _one_newline_bytes(data: bytes) -> bytes:
    """:func:`one_newline` for UTF-8 bytes (a CR byte is a CR there, unlike in UTF-16)."""
    if b"\r" not in data or data.count(b"\r") == data.count(b"\r\n"):
        return data
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def head_text(path: Path, size: int = HEAD_BYTES) -> str:
    """The first ``size`` bytes of ``path`` as text ('' for folders and unreadable files)."""
    if not path.is_file():
        return ""
    try:
        with path.open("rb") as fh:
            return decode(fh.read(size))[0]
    except OSError:
        return ""


def sniff_delimiter(line: str) -> str:
    """Comma, semicolon or tab: whichever splits the header line into the most fields."""
    counts = {d: len(next(csv.reader([line], delimiter=d), [])) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def header_fields(line: str, delimiter: str) -> list[str]:
    return [f.strip() for f in next(csv.reader([line], delimiter=delimiter), [])]


@dataclass
class CsvHeader:
    """Where the header is: its 0-based line index, its fields and the delimiter."""

    index: int
    fields: list[str]
    delimiter: str


def find_header(
    text: str, accept: Callable[[list[str]], bool], max_lines: int = 20
) -> CsvHeader | None:
    """The first of the first ``max_lines`` lines whose fields ``accept`` approves.

    Lines before it are a preamble (a title, an export date, a blank line).
    """
    # Only the file's start: splitting a whole 100 MB export into lines costs seconds.
    for index, line in enumerate(lines(text[:HEAD_BYTES])[:max_lines]):
        if not line.strip():
            continue
        delimiter = sniff_delimiter(line)
        fields = header_fields(line, delimiter)
        if accept(fields):
            return CsvHeader(index, fields, delimiter)
    return None


@dataclass
class CsvText:
    """A CSV file read as text cells, and how to find a row's line in the file."""

    path: Path
    frame: pl.DataFrame  # every column a String, in header order; "_row" = 0-based row
    header: CsvHeader
    encoding: str
    columns: list[str] = field(default_factory=list)  # header as written (before dedup)
    newlines: int = 0  # line breaks in the file, to tell whether rows map to lines 1:1
    blank_rows: int = 0  # blank lines dropped: rows then no longer map to lines 1:1
    _lines: dict[int, int] | None = None

    def column_number(self, name: str) -> int:
        return self.frame.columns.index(name)  # _row is last, so this is 0-based

    def lines_of(self, rows: Iterable[int]) -> dict[int, int]:
        """1-based file line of each 0-based data row (quoted line breaks counted)."""
        if self._lines is None:
            # Only needed for error reports and for files with quoted line breaks, so
            # the file is decoded again here rather than kept in memory.
            text = one_newline(decode(self.path.read_bytes())[0])
            reader = csv.reader(io.StringIO(text), delimiter=self.header.delimiter)
            lines: dict[int, int] = {}
            row = -1
            start = 1
            try:
                for record in reader:
                    number = start
                    start = reader.line_num + 1
                    if number <= self.header.index + 1:
                        continue
                    if not any(cell.strip() for cell in record):
                        continue
                    row += 1
                    lines[row] = number
            except csv.Error:
                # A cell over the csv module's 128 KiB limit: the rows after it are
                # placed as if each took one line.
                pass
            self._lines = lines
        direct = self.header.index + 2
        return {r: self._lines.get(r, r + direct) for r in rows}


def read_csv(
    path: Path,
    header: CsvHeader | None = None,
    accept: Callable[[list[str]], bool] | None = None,
    keep: Callable[[CsvHeader], Collection[str]] | None = None,
) -> CsvText:
    """Read ``path`` as CSV with every cell as text.

    The header is ``header`` if given, else the first line ``accept`` approves (or
    the first non-empty line). ``keep`` names the header fields to read (all when
    None): an importer that reads 10 of 14 columns holds 10 in memory. Blank lines
    are dropped. Raises :class:`ImportFailed` for an empty or unreadable file, or
    rows with more fields than the header (and whatever ``keep`` raises).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(
            say("import.unreadable", "cannot be read ({reason}).", reason=str(exc.strerror)),
            str(path),
        ) from exc
    head, encoding = decode(data[:HEAD_BYTES])
    if not head.strip():
        raise ImportFailed(say("import.file_empty", "the file is empty."), str(path))
    if header is None:
        # Without a line ``accept`` approves (a format forced with --format on another
        # tool's file), the first line stands as the header, so that the importer can
        # name the columns it misses.
        header = find_header(head, accept or any) or find_header(head, any)
        if header is None:
            raise ImportFailed(
                say("import.csv_no_header", "no header line found in the first 20 lines."),
                str(path),
            )
    names = _unique(header.fields)
    if keep is not None:
        wanted = set(keep(header))
        selected = [n for n, f in zip(names, header.fields, strict=True) if f in wanted]
    else:
        selected = names
    # Plain UTF-8 goes to Polars as it is (decoding a 100 MB export into a Python
    # string would cost time and as much memory again); Polars checks it is UTF-8,
    # and anything else is decoded here first.
    # (Polars skips a UTF-8 byte-order mark itself.)
    # Polars ends lines at LF only: a file whose lines end with CR alone (or a mix)
    # is read with LF line ends, so that its lines are what the header search saw.
    utf8 = _one_newline_bytes(data) if encoding in ("utf-8", "utf-8-sig") else data
    frame = None
    if encoding in ("utf-8", "utf-8-sig") and header.index == 0:
        frame = _read(path, utf8, header, names, selected, strict=True)
    if frame is None:
        text, encoding = decode(data)
        utf8 = _body_bytes(one_newline(text), header.index)
        frame = _read(path, utf8, header, names, selected, strict=False)
    assert frame is not None  # only a strict read gives None
    newlines = utf8.count(b"\n") + header.index
    del data, utf8
    # Polars puts the row index first; keep the export's columns first.
    frame = frame.select([*selected, "_row"])
    blank_row = pl.all_horizontal([pl.col(n).is_null() | (pl.col(n) == "") for n in selected])
    kept = frame.filter(~blank_row).with_columns(pl.int_range(pl.len()).alias("_row"))
    return CsvText(
        path, kept, header, encoding, header.fields, newlines, frame.height - kept.height
    )


def _read(
    path: Path,
    utf8: bytes,
    header: CsvHeader,
    names: list[str],
    selected: list[str],
    strict: bool,
) -> pl.DataFrame | None:
    """The ``selected`` columns, every cell as text; None when ``strict`` and the bytes
    are not UTF-8 after all."""
    try:
        return pl.read_csv(
            utf8,
            separator=header.delimiter,
            has_header=True,
            new_columns=names,
            columns=selected,
            infer_schema=False,
            quote_char='"',
            raise_if_empty=False,
            truncate_ragged_lines=False,
            row_index_name="_row",
        )
    except pl.exceptions.PolarsError as exc:
        if strict and isinstance(exc, pl.exceptions.ComputeError) and "utf" in str(exc).lower():
            return None
        text = one_newline(decode(path.read_bytes())[0])
        # Polars' own words, first line only: it may quote the whole row otherwise.
        said = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise _ragged(path, text, header) or ImportFailed(
            say(
                "import.csv_unreadable",
                "cannot be read as CSV ({reason}); expected one header line and "
                "one row per line, with quotes around values that hold the delimiter.",
                reason=said,
            ),
            str(path),
        ) from exc


def _body_bytes(text: str, header_index: int) -> bytes:
    """UTF-8 bytes of ``text`` from the header line on."""
    start = 0
    for _ in range(header_index):
        start = text.index("\n", start) + 1
    # A lone surrogate cannot come from decoding bytes; "replace" keeps this total.
    return text[start:].encode("utf-8", "replace")


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names):
        name = name or f"column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _ragged(path: Path, text: str, header: CsvHeader) -> ImportFailed | None:
    """The first line with more fields than the header, as Python's csv sees it."""
    reader = csv.reader(io.StringIO(text), delimiter=header.delimiter)
    start = 1
    try:
        for record in reader:
            number = start
            start = reader.line_num + 1
            if number <= header.index + 1:
                continue
            if len(record) > len(header.fields):
                return ImportFailed(
                    say(
                        "import.csv_too_many_fields",
                        "{fields} fields where the header has {columns}; expected one field "
                        "per header column (is a value with a delimiter in it missing its "
                        "quotes?)",
                        fields=len(record),
                        columns=len(header.fields),
                    ),
                    str(path),
                    number,
                )
    except csv.Error as exc:
        return ImportFailed(
            say("import.csv_error", "cannot be read as CSV ({reason}).", reason=str(exc)),
            str(path),
            reader.line_num,
        )
    return None
