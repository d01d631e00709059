"""The upload benchmark of issue 13: the server's memory and time under hostile uploads.

``python -m partways.bench.uploads`` starts the real ``partways serve`` (Waitress, one
process) on loopback over a fresh SQLite folder, logs the owner in over HTTP, and
uploads through the import page, one after another:

- a 0.9 GB file of CSV rows, larger than the upload limit;
- a zip bomb: a Slack export of about 1.5 MB whose one day file expands to 1.5 GB;
- an e-mail whose body is a million characters, most of them one run of letters
  (the case that kept lingua busy for minutes), and one of 1.5 million characters,
  over the field limit;
- a genuine Toggl export of 100,000 rows, for what an accepted upload costs.

Uploads are streamed from generators (the client never holds one whole). While each
runs, the resident memory of the server and its child processes is sampled every
50 ms, and the server's own high-water mark (VmHWM, reset before each upload) is read
after it; an upload ends with the refusal page, or with the import's report once the
job page says it is done. Writes the "Uploads (issue 13)" section of docs/benchmarks.md.

The client helpers (:class:`Uploader`) serve the suite's test of the real server too.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import html
import http.client
import io
import json
import os
import re
import secrets
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .machine import describe_host
from .sections import replace_section
from .web import EMAIL, PASSWORD, serve

START, END = "<!-- bench:uploads -->", "<!-- /bench:uploads -->"
TARGET_MIB = 500e6 / 2**20  # 500 MB, read as 500·10⁶ bytes: the stricter reading
TARGET_SECONDS = 120.0
MIB = 1024 * 1024
CSV_HEADER = (
    b"User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
    b"End date,End time,Duration,Tags,Amount (EUR)\n"
)


# --- the uploads ----------------------------------------------------------------------


@dataclass
class Upload:
    """One file to upload: its name, its exact size and its bytes, made as they are sent."""

    label: str
    name: str
    size: int
    chunks: Iterable[bytes]
    expect: str  # what should happen, in words, for the report
    hostile: bool = True  # False: a genuine export, measured for what it costs


def csv_rows(size: int) -> Upload:
    """Toggl-like CSV rows, ``size`` bytes in all (1 MiB blocks after the header)."""
    row = (
        b"Ana Horvat,ana@studio.example,Client 001 d.o.o.,Website,,Homepage design,Yes,"
        b"2025-03-02,09:15:00,2025-03-02,11:45:00,02:30:00,,200.00\n"
    )
    block = row * (MIB // len(row))
    blocks, rest = divmod(size - len(CSV_HEADER) - len(row), len(block))
    # The bytes that no whole row fills lengthen the first row's description.
    first = row.replace(b"design", b"design" + b" " * (rest % len(row)), 1)

    def chunks() -> Iterator[bytes]:
        yield CSV_HEADER + first + row * (rest // len(row))
        for _ in range(blocks):
            yield block

    return Upload(
        f"{size / 1e9:.1f} GB of CSV rows",
        "report.csv",
        size,
        chunks(),
        "refused: over the upload limit",
    )


def zip_bomb(expanded: int) -> Upload:
    """A Slack export zip whose one day file is ``expanded`` bytes of spaces in a list."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("channels.json", json.dumps([{"id": "C1", "name": "general"}]))
        zf.writestr("users.json", json.dumps([{"id": "U1", "name": "ana"}]))
        with zf.open("general/2025-03-02.json", "w", force_zip64=True) as day:
            day.write(b"[")
            spaces = b" " * MIB
            for _ in range(expanded // MIB):
                day.write(spaces)
            day.write(b"]")
    data = buffer.getvalue()
    return Upload(
        f"zip bomb ({len(data) / MIB:.1f} MiB expanding to {expanded / 1e9:.1f} GB)",
        "slack-export.zip",
        len(data),
        [data],
        "refused: the archive expands too far",
    )


def long_mail(body_chars: int, expect: str) -> Upload:
    """An .eml whose body is ``body_chars`` characters: one line of a sentence, then one
    run of letters (what lingua read in time growing with its square)."""
    head = (
        "From: Marko Horvat <marko@kvarner.example>\r\nTo: Ana <ana@studio.example>\r\n"
        "Subject: Export\r\nDate: Mon, 3 Mar 2025 10:00:00 +0100\r\n"
        f"Message-ID: <long-{body_chars}@kvarner.example>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Here is the data you asked for, please check it today.\r\n"
    ).encode()
    body = b"a" * (body_chars - 56) + b"\r\n"
    return Upload(
        f"e-mail with a {body_chars / 1e6:.1f}-million-character body",
        "export.eml",
        len(head) + len(body),
        [head, body],
        expect,
    )


def _file(path: Path, label: str) -> Upload:
    def chunks() -> Iterator[bytes]:
        with path.open("rb") as f:
            while block := f.read(MIB):
                yield block

    size = path.stat().st_size
    return Upload(f"{label} ({size / MIB:.0f} MiB)", path.name, size, chunks(), "imported", False)


def toggl_export(rows: int, folder: Path) -> Upload:
    """A genuine Toggl detailed report of ``rows`` entries, written to ``folder``."""
    from .imports import write_toggl_csv

    path = folder / f"toggl-{rows}.csv"
    write_toggl_csv(path, rows)
    return _file(path, f"Toggl export, {rows:,} rows")


def mailbox(messages: int, folder: Path) -> Upload:
    """A genuine mbox of ``messages`` short messages in four languages, written to ``folder``."""
    from .imports import write_mbox

    path = folder / f"mail-{messages}.mbox"
    write_mbox(path, messages)
    return _file(path, f"mbox, {messages:,} messages")


def slack_export(unpacked: int, folder: Path) -> Upload:
    """A Slack export ZIP of about ``unpacked`` bytes of day files: 20 client channels,
    two years of days, messages of a line or two with e-mail addresses in users.json,
    so every message is kept and matched, as in a real agency's export."""
    import random

    rng = random.Random(5)
    users: list[dict[str, Any]] = [
        {
            "id": f"U{i:03d}",
            "name": f"user{i}",
            "real_name": f"Person {i}",
            "profile": {"email": f"person{i}@client{i % 20}.example"},
        }
        for i in range(60)
    ]
    words = ["invoice", "design", "draft", "review", "please", "thanks", "deadline"]
    words += ["call", "logo", "website", "page", "copy", "budget", "scope", "feedback"]
    channels: list[dict[str, Any]] = []
    made = 0
    path = folder / f"slack-{unpacked // MIB}MiB.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        day = 0
        while made < unpacked:
            channel = f"client-{day % 20:02d}"
            date = dt.date(2024, 1, 1) + dt.timedelta(days=day // 20)
            start = dt.datetime.combine(date, dt.time(9), dt.UTC).timestamp()
            messages = [
                {
                    "type": "message",
                    "user": f"U{rng.randrange(60):03d}",
                    "text": " ".join(rng.choices(words, k=rng.randrange(8, 40))),
                    "ts": f"{start + 60 * k:.6f}",
                }
                for k in range(120)
            ]
            data = json.dumps(messages).encode()
            archive.writestr(f"{channel}/{date}.json", data)
            made += len(data)
            day += 1
        for n in range(20):
            members = [f"U{i:03d}" for i in range(60) if i % 20 == n]
            channels.append({"id": f"C{n:03d}", "name": f"client-{n:02d}", "members": members})
        archive.writestr("channels.json", json.dumps(channels))
        archive.writestr("users.json", json.dumps(users))
    return _file(path, f"Slack export, {made / MIB:.1f} MiB unpacked")


# --- the client -----------------------------------------------------------------------


@dataclass
class Outcome:
    """How one upload ended, as the client saw it."""

    status: int | None = None  # of the answer to the upload itself
    page: str = ""  # the refusal page, or the import's report once done
    error: str = ""  # the connection failed (reset, closed) instead of answering
    seconds: float = 0.0  # from the first byte sent to the refusal or the finished report
    job: str = ""  # the job page's path, when the upload was taken

    @property
    def text(self) -> str:
        """The page's words, without markup."""
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", self.page)).split())


class Uploader:
    """The owner logged in to a server on loopback, uploading through the import page."""

    def __init__(self, port: int, timeout: float = 600) -> None:
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def _connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)

    def _headers(self) -> dict[str, str]:
        return {
            "Host": "127.0.0.1",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }

    def _keep_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        conn = self._connection()
        try:
            conn.request("GET", path, headers={**self._headers(), **(headers or {})})
            response = conn.getresponse()
            text = response.read().decode()
            self._keep_cookies(response)
            return response.status, text
        finally:
            conn.close()

    def _token(self, path: str) -> str:
        status, page = self.get(path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if found is None:
            raise RuntimeError(f"no CSRF token on {path} ({status}): {page[:300]}")
        return found.group(1)

    def log_in(self, email: str = EMAIL, password: str = PASSWORD) -> None:
        from urllib.parse import urlencode

        body = urlencode(
            {"csrfmiddlewaretoken": self._token("/login/"), "username": email, "password": password}
        )
        conn = self._connection()
        try:
            conn.request(
                "POST",
                "/login/",
                body=body,
                headers={**self._headers(), "Content-Type": "application/x-www-form-urlencoded"},
            )
            response = conn.getresponse()
            response.read()
            self._keep_cookies(response)
        finally:
            conn.close()
        if response.status != 302:
            raise RuntimeError(f"log-in refused ({response.status})")

    def upload(self, item: Upload, *, chunked: bool = False, wait: float = 600) -> Outcome:
        """Send ``item`` through the import form; follow the job to its end if it is taken.

        ``chunked`` sends the body without declaring its size (Transfer-Encoding: chunked).
        """
        boundary = "partways" + secrets.token_hex(12)
        head = (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{self._token('/import/')}\r\n"
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="format"\r\n\r\n\r\n'
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="uploads"; filename="{item.name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        tail = f"\r\n--{boundary}--\r\n".encode()
        outcome = Outcome()
        conn = self._connection()
        started = time.perf_counter()
        try:
            conn.putrequest("POST", "/import/", skip_host=True, skip_accept_encoding=True)
            for name, value in self._headers().items():
                conn.putheader(name, value)
            conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
            if chunked:
                conn.putheader("Transfer-Encoding", "chunked")
            else:
                conn.putheader("Content-Length", str(len(head) + item.size + len(tail)))
            conn.endheaders()
            for piece in (head, *item.chunks, tail):
                if not piece:
                    continue
                conn.send(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            if chunked:
                conn.send(b"0\r\n\r\n")
            response = conn.getresponse()
            outcome.status = response.status
            outcome.page = response.read().decode(errors="replace")
            location = response.headers.get("Location", "")
        except OSError as exc:  # reset, broken pipe, closed: what a refusal must not be
            outcome.error = f"{type(exc).__name__}: {exc}"
            outcome.seconds = time.perf_counter() - started
            return outcome
        finally:
            conn.close()
        if outcome.status == 302 and location:
            outcome.job = location
            outcome.page = self._follow(location, wait)
        outcome.seconds = time.perf_counter() - started
        return outcome

    def _follow(self, path: str, wait: float) -> str:
        """The job's report once it is done (HTMX's "stop polling" answer, 286)."""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            status, page = self.get(path, {"HX-Request": "true"})
            if status == 286:
                return page
            time.sleep(0.2)
        return f"(still running after {wait:.0f} s)"


# --- the server and its memory --------------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _status_kib(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    """``pid`` and every process descended from it."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            found += _tree(int(child))
    return found


@dataclass
class MemoryWatch:
    """Samples the resident memory of a process and its children until stopped."""

    pid: int
    every: float = 0.05
    peak_kib: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> MemoryWatch:
        # Reset the server's own high-water mark (5: "reset the peak resident size").
        with contextlib.suppress(OSError):
            Path(f"/proc/{self.pid}/clear_refs").write_text("5")
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            total = sum(_status_kib(p, "VmRSS") for p in _tree(self.pid))
            self.peak_kib = max(self.peak_kib, total)
            self._stop.wait(self.every)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    @property
    def server_hwm_kib(self) -> int:
        return _status_kib(self.pid, "VmHWM")


# --- long messages, in this process ---------------------------------------------------


def long_texts() -> list[dict[str, Any]]:
    """Seconds to label one long message, as before this change and now.

    Before, lingua read the whole message, in time growing with the square of a run of
    letters, and the lexicons read all of it too; both are reproduced here (a lingua
    detector built as the identifier builds it; the analyzer told to read everything).
    """
    import random

    from lingua import Language, LanguageDetectorBuilder

    from partways.core.text.lexicon_analyzer import LexiconAnalyzer

    now = LexiconAnalyzer()
    whole = LexiconAnalyzer(max_chars=10**9)
    names = ["ENGLISH", "INDONESIAN", "MALAY", "CROATIAN", "BOSNIAN", "SERBIAN", "ARABIC"]
    lingua = (
        LanguageDetectorBuilder.from_languages(*[getattr(Language, n) for n in names])
        .with_low_accuracy_mode()
        .build()
    )
    lorem = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed eiusmod tempor "
    for analyzer in (now, whole):
        analyzer.analyze(["Lorem ipsum dolor", lorem * 3])  # lingua's models load now
    lingua.detect_language_of(lorem * 3)

    def timed(fn: Callable[[], object]) -> float:
        started = time.perf_counter()
        fn()
        return round(time.perf_counter() - started, 3)

    rng = random.Random(5)
    vocab = ["the", "invoice", "please", "send", "f*ck", "late-payment", "klijent", "idiot"]
    words = " ".join(rng.choice(vocab) for _ in range(600_000))[:3_000_000]
    rows: list[dict[str, Any]] = []
    for n in (80_000, 160_000, 1_000_000):
        run = "a" * n
        # A million letters took lingua longer than 470 s: not run again here.
        before = timed(partial(lingua.detect_language_of, run)) if n <= 160_000 else None
        now_s = timed(partial(now.analyze_one, run))
        rows.append({"text": f"{n:,} letters in one run", "before": before, "now": now_s})
    rows.append(
        {
            "text": "3,000,000 characters of words (insults among them)",
            "before": timed(partial(whole.analyze_one, words)),
            "now": timed(partial(now.analyze_one, words)),
        }
    )
    return rows


# --- the run --------------------------------------------------------------------------


def _ending(outcome: Outcome) -> str:
    """What the user was told, in a few words."""
    if outcome.error:
        return f"connection failed ({outcome.error})"
    text = outcome.text
    if outcome.status == 413:
        return "refused before reading: " + _quote(text, "The upload comes to")
    if outcome.job:
        if "(still running" in outcome.page:
            return outcome.page
        if "not imported" in text.lower():
            detail = text.split("What was wrong, and what was expected", 1)[-1].strip()
            return "file refused: " + detail[:240]
        return "imported: " + _quote(text, "time entries:", "messages:")
    return f"HTTP {outcome.status}: {text[:200]}"


def _quote(text: str, *anchors: str) -> str:
    """About a line of ``text`` from the first of ``anchors`` found in it."""
    for anchor in anchors:
        at = text.find(anchor)
        if at >= 0:
            return text[at : at + 120].strip()
    return text[:120]


def _one(folder: Path, item: Upload) -> dict[str, Any]:
    """Upload ``item`` to a fresh server over a fresh database; what it cost."""
    env = {**os.environ, "PARTWAYS_HOME": str(folder)}
    env.pop("DATABASE_URL", None)
    port = _free_port()
    server = serve(env, port)
    try:
        client = Uploader(port)
        client.log_in()
        idle_kib = _status_kib(server.pid, "VmRSS")
        with MemoryWatch(server.pid) as watch:
            outcome = client.upload(item)
        hwm_kib = watch.server_hwm_kib
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "upload": item.label,
        "bytes": item.size,
        "expected": item.expect,
        "hostile": item.hostile,
        "ending": _ending(outcome),
        "status": outcome.status,
        "reset": bool(outcome.error),
        "seconds": round(outcome.seconds, 2),
        "idle_mib": round(idle_kib / 1024, 1),
        "peak_mib": round(watch.peak_kib / 1024, 1),
        "server_hwm_mib": round(hwm_kib / 1024, 1),
    }


def run(
    folder: Path,
    big_bytes: int,
    bomb_bytes: int,
    toggl_rows: Iterable[int],
    mbox_messages: Iterable[int],
    slack_bytes: Iterable[int] = (),
) -> dict[str, Any]:
    """Every upload, each to its own fresh server (so no figure carries another's memory)."""
    uploads: list[Callable[[], Upload]] = [
        lambda: csv_rows(big_bytes),
        lambda: zip_bomb(bomb_bytes),
        lambda: long_mail(1_000_000, "imported and labelled"),
        lambda: long_mail(1_500_000, "refused: the body is over the field limit"),
        *[lambda rows=rows: toggl_export(rows, folder) for rows in toggl_rows],
        *[lambda n=n: mailbox(n, folder) for n in mbox_messages],
        *[lambda b=b: slack_export(b, folder) for b in slack_bytes],
    ]
    results: list[dict[str, Any]] = []
    for i, make in enumerate(uploads):
        item = make()  # made before the server starts (the zip bomb takes seconds)
        results.append(_one(folder / f"home-{i}", item))
        print(json.dumps(results[-1]), flush=True)
    return {
        "host": describe_host(),
        "date": dt.date.today().isoformat(),
        "idle_mib": max(r["idle_mib"] for r in results),
        "results": results,
        "texts": long_texts(),
    }


def _table(results: list[dict[str, Any]]) -> list[str]:
    rows = [
        "| upload | size | expected | what the client got | s | peak RSS MiB | server VmHWM MiB |",
        "|---|---:|---|---|---:|---:|---:|",
    ]
    for r in results:
        rows.append(
            f"| {r['upload']} | {r['bytes'] / MIB:,.1f} MiB | {r['expected']} | "
            f"{r['ending'].replace('|', '/')} | {r['seconds']:.1f} | {r['peak_mib']:,.0f} | "
            f"{r['server_hwm_mib']:,.0f} |"
        )
    return rows


def section(f: dict[str, Any]) -> str:
    h = f["host"]
    hostile = [r for r in f["results"] if r["hostile"]]
    genuine = [r for r in f["results"] if not r["hostile"]]

    def worst(r: dict[str, Any]) -> float:
        # Sampling can miss the server's own peak, which its high-water mark keeps.
        return float(max(r["peak_mib"], r["server_hwm_mib"]))

    met = (
        max(worst(r) for r in hostile) < TARGET_MIB
        and max(r["seconds"] for r in hostile) < TARGET_SECONDS
        and not any(r["reset"] for r in f["results"])
    )
    within = [r for r in genuine if worst(r) < TARGET_MIB]
    over = [r for r in genuine if worst(r) >= TARGET_MIB]
    lines = [
        START,
        "## Uploads (issue 13)",
        "",
        f"Measured on {f['date']} with `python -m partways.bench.uploads`: the real "
        "`partways serve` (Waitress, one process) on loopback over a fresh SQLite folder, "
        "default limits, the owner uploading through the import page from a second "
        "process; each upload streamed, never held whole by the client.",
        "",
        f"**Machine:** {h['cpu']}, {h['cores']} cores, {h['ram_gib']} GiB RAM, {h['os']}; "
        f"Python {h['python']}.",
        "",
        "**Hostile uploads.** Target: peak under 500 MB "
        f"({TARGET_MIB:.0f} MiB), each answered (no reset connection) within "
        f"{TARGET_SECONDS:.0f} s: " + ("met." if met else "**not met**."),
        "",
        *_table(hostile),
        "",
        "**Genuine exports**, for what an accepted upload costs: the import itself, whose "
        "importers hold a file's records in memory (an mbox is parsed by worker processes, "
        "counted in the peak).",
        "",
        *_table(genuine),
        "",
    ]
    if over:
        lines += [
            "Under 500 MB: "
            + (", ".join(r["upload"] for r in within) or "none")
            + "; over it: "
            + ", ".join(r["upload"] for r in over)
            + ". An accepted export that large exceeds the target: the upload limit "
            "bounds what is sent, and importing costs about ten times that.",
            "",
        ]
    lines += [
        "**Long messages**: seconds to label one message in this process, as before this "
        "change (lingua given the whole text, the lexicons reading all of it) and now "
        "(the first 20,000 characters, runs of letters longer than any word left out). "
        "Before, a million letters in one run did not finish within 470 s.",
        "",
        "| message | before, s | now, s |",
        "|---|---:|---:|",
        *[
            f"| {t['text']} | {'–' if t['before'] is None else t['before']} | {t['now']} |"
            for t in f["texts"]
        ],
        "",
        "Each upload goes to a fresh server over a fresh database; at rest after log-in "
        f"a server holds up to {f['idle_mib']:,.0f} MiB. **Peak RSS** is the resident "
        "memory of the server and its child processes together, sampled every 50 ms while "
        "the upload was sent and imported; **VmHWM** is the server process's own high-water "
        "mark, reset before each upload. Time runs from the first byte sent to the refusal "
        "page or to the job page's finished report (the import and the labelling of its "
        "messages).",
        END,
    ]
    return "\n".join(lines)


def write_section(path: Path, figures: dict[str, Any]) -> None:
    replace_section(path, START, END, section(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big-bytes", type=int, default=900_000_000)
    parser.add_argument("--bomb-bytes", type=int, default=1_500_000_000)
    parser.add_argument("--toggl-rows", type=int, nargs="*", default=[100_000, 190_000])
    parser.add_argument("--mbox-messages", type=int, nargs="*", default=[40_000, 75_000])
    # Just under upload.max_unpacked_bytes (6 MiB), and over it.
    parser.add_argument("--slack-bytes", type=int, nargs="*", default=[11 * MIB // 2, 8 * MIB])
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="partways-bench-uploads-") as scratch:
        figures = run(
            Path(scratch),
            args.big_bytes,
            args.bomb_bytes,
            args.toggl_rows,
            args.mbox_messages,
            args.slack_bytes,
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    write_section(args.out, figures)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
