"""Hypothesis strategies that turn a seed export into a damaged or hostile one.

A case is one seed plus one to four mutations, each drawn by Hypothesis (so a
failing case shrinks to the fewest, smallest mutations that still fail):

* byte flips, truncation, deleting or duplicating a slice, swapping two lines;
* line endings changed (CR LF, LF, CR alone, a mix);
* a line repeated up to a few thousand times (huge counts within the limits);
* tokens of the file's own format inserted (quotes and delimiters in CSV, brackets
  and wrong types in JSON, anchors and tags in YAML, RRULEs and time zones in
  iCalendar, encoded words and MIME headers in mail) and of no format (NUL, a lone
  surrogate in UTF-8 and CESU form, overlong UTF-8, byte-order marks, line and
  paragraph separators, right-to-left marks, combining accents);
* nesting thousands deep in the format's own brackets;
* the whole file re-encoded (UTF-16 with or without a BOM, Windows-1252);
* pieces of another seed spliced in;
* for a folder export, a member deleted or a junk member added; for a ZIP, its
  bytes damaged: flags (encryption), compression method, declared sizes, headers.
"""

from __future__ import annotations

import struct

from hypothesis import strategies as st

from .seeds import Seed, pack

GENERIC = [
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    "\u2028".encode(),
    "\u2029".encode(),
    "\u0085".encode(),
    "\u202e".encode(),
    "\u200f".encode(),
    "e\u0301".encode(),
    "\U0001f642".encode(),
    "\ufffd".encode(),
    b"\xed\xa0\x80",  # a lone surrogate, as CESU-8 writes it
    b"\xed\xb2\x80",
    b"\xc0\xaf",  # overlong "/"
    b"\x80",
    b"\xf4\x90\x80\x80",  # past U+10FFFF
    "\u00a0".encode(),
    "٣,٥".encode(),
    b"\r",
    b"\n",
    b"\r\n",
    b"\t",
    b"\x0b\x0c",
    b" " * 200,
    b"x" * 5000,
    b"-",
    b"-1",
    b"0",
    b"99999999999999999999999999999999999",
    b"1" * 5000,
    b"1e309",
    b"-1e309",
    b"nan",
    b"inf",
    b"-0",
    b"0.000000000000000000000001",
    b"1,234.56",
    b"1.234,56",
    b"($400.00)",
    b"2026-02-30",
    b"2026-13-01",
    b"0000-00-00",
    b"9999-12-31",
    b"31/12/9999 23:59",
    b"24:61:61",
    b"99:99",
    b"-5:00",
    b"1970-01-01T00:00:00Z",
    b"1900-01-01",
    b"\\",
    b"%s%n",
    b"'; DROP TABLE x; --",
]

TOKENS: dict[str, list[bytes]] = {
    "csv": [
        b'"',
        b'""',
        b'"a,b"',
        b'"unclosed',
        b",",
        b";",
        b"\t",
        b'"x\ny"',
        b",,,,,,,,,",
        b"\n\n",
    ],
    "json": [
        b"[",
        b"]",
        b"{",
        b"}",
        b",",
        b":",
        b'"',
        b'"\\ud800"',
        b'"\\udc00\\ud800"',
        b'"\\u0000"',
        b"null",
        b"true",
        b"1e999",
        b"-1e999",
        b"123456789012345678901234567890",
        b"NaN",
        b"Infinity",
        b'{"id": []}',
        b'"ts": 5,',
        b'"ts": "99999999999999999999",',
        b'"ts": "-1.5",',
        b'"user": ["U1"],',
        b'"text": {"a": 1},',
        b'"subtype": [],',
        b'"members": 7,',
        b'"profile": "x",',
        b'"client_id": [1],',
        b'"name": 5,',
        b'"id": true,',
    ],
    "yaml": [
        b"&a ",
        b"*a",
        b"<<: *a\n",
        b"!!binary ",
        b"!!python/object/apply:os.system ['true']",
        b"!!set ",
        b"!!timestamp ",
        b"? ",
        b"- ",
        b": ",
        b"---\n",
        b"...\n",
        b"%YAML 1.1\n",
        b"{",
        b"[",
        b"'",
        b'"\\ud800"',
        b'"\\x00"',
        b"~",
        b"yes",
        b"NO",
        b".nan",
        b".inf",
        b"0x7fffffffffffffffffff",
        b"2026-13-01",
        b"|\n",
    ],
    "toml": [
        b"[[",
        b"]]",
        b"[",
        b"]",
        b"= ",
        b'"""',
        b"'''",
        b"inf",
        b"nan",
        b"-inf",
        b"0x7fffffffffffffffffffffff",
        b"9223372036854775808",
        b"1979-05-27T07:32:00Z",
        b"1979-05-27",
        b"{ a = 1 }",
        b'"\\ud800"',
        b"a.b.c = 1\n",
    ],
    "ics": [
        b"BEGIN:VEVENT\r\n",
        b"END:VEVENT\r\n",
        b"BEGIN:VCALENDAR\r\n",
        b"DTSTART:20260101T000000Z\r\n",
        b"DTSTART;VALUE=DATE:20260230\r\n",
        b"DTSTART;VALUE=TIME:100000\r\n",
        b"DTSTART;TZID=Nowhere/Zone:20260101T100000\r\n",
        b"DTSTART:20261301T250000\r\n",
        b"RRULE:FREQ=SECONDLY\r\n",
        b"RRULE:FREQ=MINUTELY;COUNT=99999999\r\n",
        b"RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\n",
        b"RRULE:FREQ=DAILY;UNTIL=garbage\r\n",
        b"RRULE:FREQ=WEEKLY;BYDAY=XX\r\n",
        b"RRULE:FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE\r\n",
        b"RDATE;VALUE=PERIOD:20260101T000000Z/PT1H\r\n",
        b"RDATE:20260101T000000Z,20260102T000000Z,x\r\n",
        b"EXDATE:xxx\r\n",
        b"RECURRENCE-ID:20260101\r\n",
        b"RECURRENCE-ID:garbage\r\n",
        b"DURATION:P1D\r\n",
        b"STATUS:CANCELLED\r\n",
        b"METHOD:CANCEL\r\n",
        b"ATTENDEE;CN=x:mailto:\r\n",
        b"ORGANIZER:mailto:a@b\r\nORGANIZER:mailto:c@d\r\n",
        b"UID:\r\n",
        b"UID:a\r\nUID:b\r\n",
        b"BEGIN:VTIMEZONE\r\nTZID:X\r\nEND:VTIMEZONE\r\n",
        b"BEGIN:VTIMEZONE\r\nTZID:Y\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\n"
        b"TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=13\r\n"
        b"END:STANDARD\r\nEND:VTIMEZONE\r\n",
        b"TZOFFSETTO:+2500\r\n",
        b"TZID:\r\n",
        b"\r\n ",
        b';X-PARAM="unclosed:',
    ],
    "mail": [
        b"=?utf-8?B?!!!notbase64?=",
        b"=?utf-8?B?QUJD?=",
        b"=?x-unknown?q?=FF?=",
        b"=?utf-8?q?",
        b"=?bogus-charset?q?x?=",
        b"\\u12 \\ud800",
        b"Content-Type: multipart/mixed; boundary=z\n\n--z\n",
        b"Content-Type: multipart/alternative\n",
        b"Content-Type: message/rfc822\n\n",
        b"Content-Transfer-Encoding: base64\n",
        b"Content-Transfer-Encoding: quoted-printable\n",
        b"Content-Type: text/html; charset=utf-7\n",
        b'Content-Type: text/plain; charset="bogus"\n',
        b"Content-Disposition: attachment\n",
        b"Date: garbage\n",
        b"Date: Mon, 99 Foo 2026 99:99:99 +9999\n",
        b"Date: Thu, 01 Oct 99999 10:00:00 +0000\n",
        b"From \n",
        b"From x Mon Jan  1 00:00:00 1800\n",
        b"\nFrom a@b Mon Jan  1 00:00:00 2026\n",
        b">From ",
        b"Message-ID: <>\n",
        b"Message-ID: <a@b> <c@d>\n",
        b"References: <a> <b> <c>\n",
        b"In-Reply-To: \n",
        b"To: undisclosed-recipients:;\n",
        b'To: "a,b" <a@b>, (comment) c@d, <>\n',
        b"From: a at b.example\n",
        b"\n\n",
        b"<blockquote><blockquote>",
        b"<script>",
        b"&#0;&#x110000;&#99999999;",
        b"=\n",
        b"=ZZ",
        b"\x00",
    ],
}

_FAMILY_BY_SUFFIX = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".toml": "toml",
    ".ics": "ics",
}
_MAIL_FORMATS = {"mbox", "eml", "maildir"}
# How each format nests: an opening and a closing piece repeated ``n`` times.
_NESTING = {
    "csv": (b'"', b'"'),
    "json": (b'{"a":[', b"]}"),
    "yaml": (b"[", b"]"),
    "toml": (b"[", b"]"),
    "ics": (b"BEGIN:X\r\n", b"END:X\r\n"),
    "mail": (b"Content-Type: multipart/mixed; boundary=q\n\n--q\n", b"\n--q--\n"),
}
MAX_REPEAT = 3000
MAX_NEST = 5000


def family(seed: Seed, name: str) -> str:
    """Which token list fits member ``name`` of ``seed``."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if seed.fmt in _MAIL_FORMATS and suffix not in (".json", ".yaml", ".toml"):
        return "mail"
    return _FAMILY_BY_SUFFIX.get(suffix, "mail" if seed.fmt in _MAIL_FORMATS else "csv")


class Case:
    """A mutated seed: its files, the packed archive for a ZIP seed, what was done.

    A plain class, not a dataclass: Hypothesis prints a dataclass field by field
    (the seed's every byte); this one prints what changed.
    """

    def __init__(self, seed: Seed, files: dict[str, bytes]) -> None:
        self.seed = seed
        self.files = files
        self.archive: bytes | None = None
        self.done: list[str] = []

    def __repr__(self) -> str:
        # Short enough to read in a failure report; the @reproduce_failure blob
        # rebuilds the whole case.
        original = self.seed.members()
        changed = {n: d for n, d in self.files.items() if original.get(n) != d}
        shown = ", ".join(f"{n!r}: {len(d):,} bytes {d[:300]!r}" for n, d in changed.items())
        return f"Case({self.seed!r}, done={self.done}, changed={{{shown}}})"


def _position(draw: st.DrawFn, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


def _line_bounds(data: bytes) -> list[tuple[int, int]]:
    bounds, start = [], 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end + 1
        bounds.append((start, end))
        start = end
    return bounds


@st.composite
def mutated_bytes(
    draw: st.DrawFn, data: bytes, kind: str, others: list[bytes]
) -> tuple[bytes, str]:
    """``data`` after one mutation drawn for format family ``kind``; and its name."""
    op = draw(
        st.sampled_from(
            [
                "flip",
                "truncate",
                "delete",
                "duplicate",
                "swap_lines",
                "line_ends",
                "repeat_line",
                "token",
                "token",
                "format_token",
                "format_token",
                "format_token",
                "nest",
                "encoding",
                "splice",
            ]
        )
    )
    if op == "flip" and data:
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
        return bytes(out), op
    if op == "truncate":
        return data[: _position(draw, data)], op
    if op == "delete":
        a, b = sorted((_position(draw, data), _position(draw, data)))
        return data[:a] + data[b:], op
    if op == "duplicate":
        a, b = sorted((_position(draw, data), _position(draw, data)))
        at = _position(draw, data)
        return data[:at] + data[a:b] * draw(st.integers(1, 3)) + data[at:], op
    lines = _line_bounds(data)
    if op == "swap_lines" and len(lines) >= 2:
        i, j = sorted(draw(st.lists(st.integers(0, len(lines) - 1), min_size=2, max_size=2)))
        parts = [data[a:b] for a, b in lines]
        parts[i], parts[j] = parts[j], parts[i]
        return b"".join(parts), op
    if op == "line_ends":
        style = draw(st.sampled_from(["crlf", "lf", "cr", "mixed"]))
        plain = data.replace(b"\r\n", b"\n")
        if style == "crlf":
            return plain.replace(b"\n", b"\r\n"), f"{op}:{style}"
        if style == "cr":
            return plain.replace(b"\n", b"\r"), f"{op}:{style}"
        if style == "lf":
            return plain, f"{op}:{style}"
        pieces = plain.split(b"\n")
        ends = draw(st.lists(st.sampled_from([b"\n", b"\r\n", b"\r"]), min_size=1, max_size=3))
        return b"".join(p + ends[i % len(ends)] for i, p in enumerate(pieces)), f"{op}:{style}"
    if op == "repeat_line" and lines:
        a, b = lines[draw(st.integers(0, len(lines) - 1))]
        times = draw(st.integers(2, MAX_REPEAT))
        line = data[a:b] if data[a:b].endswith(b"\n") else data[a:b] + b"\n"
        return data[:b] + line * times + data[b:], f"{op}x{times}"
    if op in ("token", "format_token"):
        pool = GENERIC if op == "token" else TOKENS[kind]
        token = draw(st.sampled_from(pool))
        at = _position(draw, data)
        if draw(st.booleans()):  # replace a stretch rather than insert
            end = min(len(data), at + draw(st.integers(0, 20)))
            return data[:at] + token + data[end:], op
        return data[:at] + token + data[at:], op
    if op == "nest":
        opening, closing = _NESTING[kind]
        n = draw(st.integers(1, MAX_NEST))
        at = _position(draw, data)
        closed = draw(st.booleans())
        return data[:at] + opening * n + (closing * n if closed else b"") + data[at:], f"{op}{n}"
    if op == "encoding":
        how = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "cp1252", "bom", "latin1"]))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return data, f"{op}:undecodable"
        if how == "bom":
            return b"\xef\xbb\xbf" + data, f"{op}:{how}"
        return text.encode(how if how != "latin1" else "latin-1", "replace"), f"{op}:{how}"
    if op == "splice" and others:
        other = draw(st.sampled_from(others))
        a, b = sorted((_position(draw, other), _position(draw, other)))
        at = _position(draw, data)
        return data[:at] + other[a:b] + data[at:], op
    return data, "none"


def _zip_damage(draw: st.DrawFn, archive: bytes) -> tuple[bytes, str]:
    """``archive`` with one of its headers damaged."""
    out = bytearray(archive)
    headers = []
    for signature, layout in ((b"PK\x03\x04", "local"), (b"PK\x01\x02", "central")):
        start = 0
        while (start := archive.find(signature, start)) >= 0:
            headers.append((start, layout))
            start += 4
    if not headers:
        return archive, "zip:none"
    start, layout = draw(st.sampled_from(headers))
    # Offsets of flags, method, compressed and uncompressed size in each header.
    flags, method, packed, size = (6, 8, 18, 22) if layout == "local" else (8, 10, 20, 24)
    how = draw(st.sampled_from(["encrypted", "method", "size", "packed", "bytes", "cut"]))
    if how == "encrypted":
        (value,) = struct.unpack_from("<H", out, start + flags)
        struct.pack_into("<H", out, start + flags, value | 1)
    elif how == "method":
        struct.pack_into("<H", out, start + method, draw(st.sampled_from([1, 12, 14, 99, 0])))
    elif how in ("size", "packed"):
        value = draw(st.sampled_from([0, 1, 2**31, 2**32 - 1, 10**9]))
        struct.pack_into("<I", out, start + (size if how == "size" else packed), value)
    elif how == "bytes":
        for _ in range(draw(st.integers(1, 8))):
            i = min(len(out) - 1, start + draw(st.integers(0, 64)))
            out[i] = draw(st.integers(0, 255))
    else:
        return bytes(out[: draw(st.integers(0, len(out)))]), f"zip:{how}"
    return bytes(out), f"zip:{layout}:{how}"


@st.composite
def cases(draw: st.DrawFn, seeds: list[Seed]) -> Case:
    """A seed of the list and one to four mutations of it."""
    seed = draw(st.sampled_from(seeds))
    files = seed.members()
    case = Case(seed, files)
    others = [d for s in seeds for _, d in s.files if len(d) < 50_000][:20]
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from(["member", "member", "member", "folder"]))
        if where == "folder" and (seed.main == "" or seed.zipped):
            _folder_change(draw, case)
            continue
        names = sorted(files)
        if not names:
            continue
        # The file imported is the likeliest to be mutated; a mapping beside it too.
        main = seed.main if seed.main in files else None
        name = draw(st.sampled_from([main, *names] if main else names))
        data, done = draw(mutated_bytes(files[name], family(seed, name), others))
        files[name] = data
        case.done.append(f"{name}:{done}")
    if seed.zipped:
        case.archive = pack(files)
        if draw(st.integers(0, 3)) == 0:
            case.archive, done = _zip_damage(draw, case.archive)
            case.done.append(done)
    return case


def _folder_change(draw: st.DrawFn, case: Case) -> None:
    """A member deleted, emptied, or a junk member added (a folder or ZIP export)."""
    files = case.files
    how = draw(st.sampled_from(["delete", "empty", "junk", "many"]))
    names = sorted(files)
    if how in ("delete", "empty") and names:
        name = draw(st.sampled_from(names))
        if how == "delete":
            del files[name]
        else:
            files[name] = b""
        case.done.append(f"folder:{how}:{name}")
        return
    if how == "many":
        n = draw(st.integers(1, 500))
        for i in range(n):
            files[f"extra/2026-01-{i % 28 + 1:02d}-{i}.json"] = b"[]"
        case.done.append(f"folder:many{n}")
        return
    junk = draw(
        st.sampled_from(
            [
                ("junk.json", b"\x00\x01\x02"),
                ("channels/2026-01-01.json", b'[{"ts": "1"}]'),
                ("a/" * 40 + "2026-01-01.json", b"[]"),
                ("users.json", b"{}"),
                ("tasks/1.json", b"[[[["),
                ("cur/1.host:2,S", b"From: a\n\n"),
                ("new/x", b"\xff" * 100),
                ("notes.txt", b"not a message"),
            ]
        )
    )
    files[junk[0]] = junk[1]
    case.done.append(f"folder:junk:{junk[0]}")
