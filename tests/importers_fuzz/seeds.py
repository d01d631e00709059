"""Seed exports for the fuzz suite: one or more per registered importer.

Three sources, in this order:

* the importers' own fixtures (``src/partways/importers/*/fixtures``): files and
  whole-folder exports (a maildir, an unpacked Slack or Toggl export), each assigned
  to the importer that recognises it;
* exports generated here in the real formats, for what the fixtures do not show:
  Slack and Toggl exports as ZIP files, an mbox with MIME parts and encoded words,
  a calendar with a time zone, a rule and moved occurrences, a records file with
  anchors;
* the real sample exports in ``shared/data`` when they are there (they are in CI,
  but the suite does not depend on them).

A :class:`Seed` is a set of files (path inside the seed -> bytes) plus which path to
import; a ZIP seed's files are zipped into that path when the case is written, so
that a mutation can hit a member before it is packed or the archive's own bytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from partways.importers import registry
from tests.shared_data import SHARED

IMPORTERS = Path(__file__).resolve().parents[2] / "src" / "partways" / "importers"
# Real samples larger than this would make each case slow without finding more.
MAX_SHARED_BYTES = 200_000
MAX_FOLDER_BYTES = 400_000


@dataclass(frozen=True)
class Seed:
    """Files of one export and what to import: a file, the folder itself, or a ZIP."""

    label: str
    fmt: str
    files: tuple[tuple[str, bytes], ...]
    main: str = ""  # the path to import, inside the seed ("" = the folder itself)
    zipped: bool = False  # ``files`` are packed into ``main`` (a .zip) when written

    def __repr__(self) -> str:
        return f"Seed({self.label!r}, {self.fmt!r})"

    def members(self) -> dict[str, bytes]:
        return dict(self.files)


def write(seed: Seed, files: dict[str, bytes], root: Path, archive: bytes | None = None) -> Path:
    """Lay ``files`` (the seed's, mutated) out under ``root``; the path to import.

    For a ZIP seed, ``archive`` (the packed bytes, mutated) is written when given,
    else ``files`` are packed.
    """
    if seed.zipped:
        target = root / seed.main
        target.write_bytes(archive if archive is not None else pack(files))
        return target
    base = root / "export" if seed.main == "" else root
    for name, data in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    base.mkdir(parents=True, exist_ok=True)
    return base if seed.main == "" else root / seed.main


def pack(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _folder_files(folder: Path) -> tuple[tuple[str, bytes], ...]:
    return tuple(
        (p.relative_to(folder).as_posix(), p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".expected.json")
    )


def _fixture_seeds() -> list[Seed]:
    seeds = []
    for path in sorted(IMPORTERS.glob("*/fixtures/**/*")):
        if path.name.endswith(".expected.json") or ".mapping." in path.name:
            continue
        found = registry.identify(path)
        if found is None:
            continue
        label = path.relative_to(IMPORTERS).as_posix()
        if path.is_dir():
            if found.reads_folders:
                seeds.append(Seed(label, found.name, _folder_files(path)))
            continue
        files = {path.name: path.read_bytes()}
        for beside in path.parent.glob(path.name + ".mapping.*"):
            files[beside.name] = beside.read_bytes()
        seeds.append(Seed(label, found.name, tuple(files.items()), main=path.name))
    # The mapped CSV fixtures whose mapping is not named after them (--mapping).
    generic = IMPORTERS / "generic_csv" / "fixtures"
    seeds.append(
        Seed(
            "generic_csv/invoices.csv+mapping",
            "mapped-csv",
            (
                ("invoices.csv", (generic / "invoices.csv").read_bytes()),
                ("invoices.csv.mapping.yaml", (generic / "invoices.mapping.yaml").read_bytes()),
            ),
            main="invoices.csv",
        )
    )
    return seeds


MBOX = b"""From ana@studio.example Thu Oct  1 10:00:00 2026
From: =?utf-8?q?Ana_Kova=C4=8D?= <ana@studio.example>
To: Budi <budi@maju.example>, "Smith, J" <j@x.example>
Cc: team@studio.example
Date: Thu, 01 Oct 2026 10:00:00 +0200
Message-ID: <m1@studio.example>
Subject: =?UTF-8?B?UmHEjXVuIGJyLiAxMg==?=
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="inner"

--inner
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Po=C5=A1tovani, ra=C4=8Dun je u privitku.
>From the archive: escaped.

--inner
Content-Type: text/html; charset=utf-8

<p>Po&scaron;tovani,</p><blockquote>old <b>quote</b></blockquote>
--inner--

--outer
Content-Type: application/pdf; name="r.pdf"
Content-Disposition: attachment; filename="r.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--outer--

From budi@maju.example Fri Oct  2 09:30:00 2026
From: Budi <budi@maju.example>
To: ana@studio.example
Date: Fri, 02 Oct 2026 09:30:00 +0700
Message-ID: <m2@maju.example>
In-Reply-To: <m1@studio.example>
References: <m1@studio.example>
Subject: Re: =?UTF-8?B?UmHEjXVuIGJyLiAxMg==?=
Content-Type: text/plain; charset=iso-8859-2
Content-Transfer-Encoding: 8bit

Terima kasih, kami akan bayar minggu depan.

On Thu, Ana wrote:
> Po\xb9tovani

From nobody Sat Oct  3 00:00:00 2026
Subject: no date, no id

body only
"""

ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//fuzz//EN\r
BEGIN:VTIMEZONE\r
TZID:Central Europe Standard Time\r
BEGIN:STANDARD\r
DTSTART:16010101T030000\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010101T020000\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:weekly@fuzz\r
DTSTART;TZID=Central Europe Standard Time:20260302T100000\r
RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20260601T000000Z\r
EXDATE;TZID=Central Europe Standard Time:20260309T100000\r
RDATE;VALUE=DATE:20260401\r
SUMMARY:Weekly call\r
ORGANIZER;CN=Ana:mailto:ana@studio.example\r
ATTENDEE;PARTSTAT=ACCEPTED:mailto:budi@maju.example\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly@fuzz\r
RECURRENCE-ID;TZID=Central Europe Standard Time:20260316T100000\r
DTSTART;TZID=Central Europe Standard Time:20260317T150000\r
STATUS:CANCELLED\r
SUMMARY:Weekly call (moved)\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:allday@fuzz\r
DTSTART;VALUE=DATE:20260331\r
SUMMARY:Workshop\r
END:VEVENT\r
END:VCALENDAR\r
"""

RECORDS = b"""partways: 1
defaults: &terms
  currency: EUR
  notice_days: 30
contracts:
  - client: Acme d.o.o.
    title: Web maintenance
    start: 2025-01-01
    end: 2025-12-31
    auto_renew: true
    notice_days: 30
    currency: EUR
clients:
  - name: Acme d.o.o.
    country: HR
    aliases: [ACME, "Acme Ltd"]
    contacts:
      - {name: Ana, email: ana@acme.example, primary: true}
incidents:
  - client: Acme d.o.o.
    kind: abuse_to_staff
    occurred_at: 2025-03-04T10:00:00+01:00
    severity: high
"""


def _generated_seeds() -> list[Seed]:
    slack = _folder_files(IMPORTERS / "slack" / "fixtures" / "export")
    toggl = _folder_files(IMPORTERS / "toggl" / "fixtures" / "data_export")
    return [
        Seed("generated/slack.zip", "slack", slack, main="slack.zip", zipped=True),
        Seed(
            "generated/slack-in-folder.zip",
            "slack",
            tuple((f"Workspace export/{n}", d) for n, d in slack),
            main="export.zip",
            zipped=True,
        ),
        Seed("generated/toggl.zip", "toggl-data", toggl, main="toggl.zip", zipped=True),
        Seed("generated/mime.mbox", "mbox", (("mime.mbox", MBOX),), main="mime.mbox"),
        Seed(
            "generated/mime.eml",
            "eml",
            (("mime.eml", MBOX.split(b"\n\nFrom budi")[0].split(b"\n", 1)[1]),),
            main="mime.eml",
        ),
        Seed("generated/tz.ics", "ics", (("tz.ics", ICS),), main="tz.ics"),
        Seed(
            "generated/records.yaml", "records", (("records.yaml", RECORDS),), main="records.yaml"
        ),
    ]


def _shared_seeds() -> list[Seed]:
    seeds: list[Seed] = []
    for folder in ("exports", "email", "chat"):
        base = SHARED / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            label = f"shared/{path.relative_to(SHARED).as_posix()}"
            if path.is_dir():
                found = registry.identify(path)
                if found is None or not found.reads_folders:
                    continue
                files = _folder_files(path)
                if sum(len(d) for _, d in files) <= MAX_FOLDER_BYTES:
                    seeds.append(Seed(label, found.name, files))
            elif path.stat().st_size <= MAX_SHARED_BYTES:
                found = registry.identify(path)
                if found is not None:
                    seeds.append(
                        Seed(label, found.name, ((path.name, path.read_bytes()),), path.name)
                    )
    return seeds


@cache
def all_seeds() -> dict[str, list[Seed]]:
    """Seeds by importer name (every registered importer that reads files)."""
    out: dict[str, list[Seed]] = {}
    for seed in _fixture_seeds() + _generated_seeds() + _shared_seeds():
        out.setdefault(seed.fmt, []).append(seed)
    return out


def formats() -> list[str]:
    """Every registered importer that reads files or folders (all but IMAP)."""
    return [name for name in registry.importer_classes() if name != "imap"]
