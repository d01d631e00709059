"""Many processes on one PostgreSQL database: what a hosting business would run.

``python -m partways.bench.processes --postgres URL`` makes a fresh database on that
server and starts two ``partways serve`` processes (no workers of their own) and two
``partways worker`` processes on it, as docs/web.md deploys partways. Then, all at
once: the owner uploads distinct Toggl exports through both web processes (the
workers import them); a program posts records and starts triages through the REST
API of both; readers call the API's read endpoints in a closed loop on both. When
every job has ended it checks that nothing was lost or doubled:

- every import job done, started once, and the time entries in the database exactly
  the sum of what the imports reported new; the first export uploaded again adds none;
- every client posted as records there once;
- every triage asked for run once;
- no API call answered with an error.

Writes the "Many processes (issue 18)" section of docs/benchmarks.md; the suite runs
the same scenario, smaller (tests/jobs/test_many_processes.py).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .imports import write_toggl_csv
from .machine import describe_host
from .sections import replace_section
from .uploads import Upload, Uploader, _free_port
from .web import EMAIL, PASSWORD

START, END = "<!-- bench:processes -->", "<!-- /bench:processes -->"


@dataclass
class Sizes:
    uploads: int = 6  # Toggl exports, spread over the web processes
    rows: int = 3_000  # per export: over the size imported within the request
    records: int = 10  # records documents posted through the API, one client each
    triages: int = 2  # triages started through the API
    readers: int = 4  # programs reading the API in a closed loop while the rest runs


@dataclass
class Calls:
    """API calls made, with their latencies, and the errors among them."""

    ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, ms: float, error: str = "") -> None:
        with self.lock:
            self.ms.append(ms)
            if error:
                self.errors.append(error)


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``partways ARGS`` in a process of its own, its output dropped."""
    return subprocess.Popen(
        [sys.executable, "-m", "partways", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    """Ask each process to stop, and kill those that have not within 30 seconds."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def scratch_database(postgres: str) -> Iterator[str]:
    """A fresh database on the server ``postgres`` names, dropped afterwards."""
    import psycopg

    name = f"partways_processes_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield postgres.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(postgres, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def serving(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    """``partways serve`` without workers of its own, with the benchmark's owner; its
    process and port once it answers."""
    port = _free_port()
    owner = {"PARTWAYS_OWNER_EMAIL": EMAIL, "PARTWAYS_OWNER_PASSWORD": PASSWORD}
    proc = start(["serve", "--port", str(port), "--workers", "0"], {**env, **owner})
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5):
                return proc, port
        except (urllib.error.URLError, OSError):
            if proc.poll() is not None:
                raise RuntimeError("partways serve exited before answering") from None
            if time.monotonic() > deadline:
                raise RuntimeError("partways serve did not answer within 120 s") from None
            time.sleep(0.3)


class Api:
    """A program calling one web process's API with the owner's token."""

    def __init__(self, port: int, token: str, calls: Calls) -> None:
        self.base = f"http://127.0.0.1:{port}/api/v1"
        self.token = token
        self.calls = calls

    def call(self, method: str, path: str, body: Any = None, expect: int = 200) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, text = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read()
        except OSError as exc:
            self.calls.record((time.perf_counter() - started) * 1000, f"{method} {path}: {exc}")
            return None
        ms = (time.perf_counter() - started) * 1000
        if status != expect:
            self.calls.record(ms, f"{method} {path}: HTTP {status} {text[:200]!r}")
            return None
        self.calls.record(ms)
        return json.loads(text) if text else None


def _export(folder: Path, seed: int, rows: int) -> tuple[Path, Upload]:
    path = folder / f"toggl-{seed}.csv"
    write_toggl_csv(path, rows, seed=seed)

    def chunks() -> Iterator[bytes]:
        yield path.read_bytes()

    return path, Upload("Toggl export", path.name, path.stat().st_size, chunks(), "imported", False)


def _count(url: str, sql: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _wait_for(api: Api, path: str, seconds: float = 600) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = api.call("GET", path)
        if job is not None and job["state"] in ("done", "failed"):
            return dict(job)
        time.sleep(0.25)
    raise RuntimeError(f"{path} did not end within {seconds:.0f} s")


def run(postgres: str, sizes: Sizes) -> dict[str, Any]:
    """Run the scenario on a scratch database of ``postgres``; its figures and checks."""
    with (
        tempfile.TemporaryDirectory(prefix="partways-processes-") as home,
        scratch_database(postgres) as url,
    ):
        env = {
            **os.environ,
            "PARTWAYS_HOME": home,
            "DATABASE_URL": url,
            "PARTWAYS_LANG": "en",
            "NO_COLOR": "1",
        }
        folder = Path(home) / "exports"
        folder.mkdir()
        exports = [_export(folder, seed, sizes.rows) for seed in range(1, sizes.uploads + 1)]
        first, port_a = serving(env)
        procs = [first]
        try:
            second, port_b = serving(env)
            procs.append(second)
            subprocess.run(
                [sys.executable, "-m", "partways", "setup", "--name", "Bench Studio"],
                env=env,
                check=True,
                capture_output=True,
            )
            made = subprocess.run(
                [sys.executable, "-m", "partways", "token", "create", EMAIL],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            token = made.stdout.split()[0]
            procs += [start(["worker"], env) for _ in range(2)]
            return _load(url, (port_a, port_b), token, exports, sizes)
        finally:
            stop(procs)


def _load(
    url: str,
    ports: tuple[int, int],
    token: str,
    exports: list[tuple[Path, Upload]],
    sizes: Sizes,
) -> dict[str, Any]:
    calls = Calls()
    apis = [Api(port, token, calls) for port in ports]
    browsers = [Uploader(port, timeout=600) for port in ports]
    for browser in browsers:
        browser.log_in()
    stop = threading.Event()
    uploaded: list[str] = []
    triage_jobs: list[str] = []
    upload_errors: list[str] = []
    lock = threading.Lock()

    def upload(k: int) -> None:
        _path, item = exports[k]
        outcome = browsers[k % 2].upload(item, wait=0)
        with lock:
            if outcome.status == 302 and outcome.job:
                uploaded.append(outcome.job.strip("/").rsplit("/", 1)[1])
            else:
                upload_errors.append(f"upload {k}: {outcome.status} {outcome.error}")

    def post_records(k: int) -> None:
        document = {"clients": [{"name": f"Posted Client {k:03d}", "country": "HR"}]}
        apis[k % 2].call("POST", "/records", document, expect=201)

    def start_triage(k: int) -> None:
        job = apis[k % 2].call("POST", "/triage", expect=202)
        if job is not None:
            with lock:
                triage_jobs.append(job["id"])

    def read(k: int) -> None:
        api = apis[k % 2]
        while not stop.is_set():
            for path in ("/clients", "/incidents", "/repair-plans", "/cases"):
                api.call("GET", path)

    started = time.perf_counter()
    readers = [threading.Thread(target=read, args=(k,)) for k in range(sizes.readers)]
    writers = [threading.Thread(target=upload, args=(k,)) for k in range(len(exports))]
    writers += [threading.Thread(target=post_records, args=(k,)) for k in range(sizes.records)]
    writers += [threading.Thread(target=start_triage, args=(k,)) for k in range(sizes.triages)]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join()
    imports = [_wait_for(apis[0], f"/imports/{job}") for job in uploaded]
    triages = [_wait_for(apis[1], f"/jobs/{job}") for job in triage_jobs]
    jobs_s = time.perf_counter() - started
    stop.set()
    for thread in readers:
        thread.join()
    load_s = time.perf_counter() - started

    reported_new = sum(_new_entries(job) for job in imports)
    in_database = _count(url, "SELECT COUNT(*) FROM partways_timeentry")
    # The first export again, through the other web process: it must add nothing.
    again = browsers[1].upload(_export(exports[0][0].parent, 1, sizes.rows)[1], wait=0)
    again_job = _wait_for(apis[0], "/imports/" + again.job.strip("/").rsplit("/", 1)[1])
    posted = _count(url, "SELECT COUNT(*) FROM partways_client WHERE name LIKE 'Posted Client %'")
    runs = _count(url, "SELECT COUNT(*) FROM partways_triagerun")
    # The workers' own nightly triage, when its hour has just passed, is not a double.
    scheduled = _count(
        url, "SELECT COUNT(*) FROM partways_job WHERE kind = 'triage' AND scheduled_for IS NOT NULL"
    )
    ms = sorted(calls.ms)
    figures: dict[str, Any] = {
        "web_processes": 2,
        "workers": 2,
        "uploads": len(exports),
        "rows_per_upload": sizes.rows,
        "imports_done": sum(1 for j in imports if j["state"] == "done" and not j["problem"]),
        "imports_started_twice": sum(1 for j in imports if j["attempts"] != 1),
        "time_entries_reported_new": reported_new,
        "time_entries_in_database": in_database,
        "reupload_new": _new_entries(again_job),
        "records_posted": sizes.records,
        "clients_posted_in_database": posted,
        "triages_asked": sizes.triages,
        "triages_done": sum(1 for j in triages if j["state"] == "done"),
        "triage_runs_in_database": runs,
        "scheduled_triages": scheduled,
        "api_requests": len(ms),
        "api_errors": len(calls.errors) + len(upload_errors),
        "error_samples": (calls.errors + upload_errors)[:5],
        "api_per_second": round(len(ms) / load_s, 1),
        "api_p50_ms": round(ms[len(ms) // 2], 1) if ms else None,
        "api_p95_ms": round(ms[int(len(ms) * 0.95)], 1) if ms else None,
        "jobs_seconds": round(jobs_s, 1),
    }
    figures["lost"] = (
        (len(exports) - figures["imports_done"])
        + (sizes.records - posted)
        + (sizes.triages - figures["triages_done"])
    )
    figures["doubled"] = (
        max(0, in_database - reported_new)
        + figures["reupload_new"]
        + max(0, posted - sizes.records)
        + max(0, runs - sizes.triages - scheduled)
        + figures["imports_started_twice"]
    )
    return figures


def _new_entries(job: dict[str, Any]) -> int:
    return sum(f["new"].get("time_entries", 0) for f in job["result"].get("files", []))


def section(figures: dict[str, Any], machine: dict[str, Any], sizes: Sizes) -> str:
    f = figures
    return "\n".join(
        [
            START,
            "## Many processes (issue 18)",
            "",
            f"Measured on {time.strftime('%Y-%m-%d')} with `python -m partways.bench.processes "
            "--postgres URL`: two `partways serve` processes (Waitress, 8 threads, no workers "
            "of their own) and two `partways worker` processes on one fresh PostgreSQL "
            f"database, all on this machine. At once: {sizes.uploads} distinct Toggl exports "
            f"of {sizes.rows:,} rows uploaded through both web processes (imported by the "
            f"workers), {sizes.records} records documents and {sizes.triages} triages posted "
            f"through the API of both, and {sizes.readers} programs reading the API "
            "(clients, incidents, plans, cases) in a closed loop until every job had ended.",
            "",
            f"**Machine:** {machine['cpu']}, {machine['cores']} cores, "
            f"{machine['ram_gib']} GiB RAM; Python {machine.get('python', '')}.",
            "",
            "| what | figure |",
            "|---|---|",
            f"| API requests | {f['api_requests']:,} |",
            f"| API requests per second | {f['api_per_second']} |",
            f"| API p50 / p95 ms | {f['api_p50_ms']} / {f['api_p95_ms']} |",
            f"| errors (API and uploads) | {f['api_errors']} |",
            f"| imports done, started once | {f['imports_done']} of {f['uploads']}, "
            f"{f['uploads'] - f['imports_started_twice']} |",
            f"| time entries: reported new / in the database | "
            f"{f['time_entries_reported_new']:,} / {f['time_entries_in_database']:,} |",
            f"| the first export uploaded again: new entries | {f['reupload_new']} |",
            f"| clients posted / in the database | {f['records_posted']} / "
            f"{f['clients_posted_in_database']} |",
            f"| triages asked / run (besides the workers' nightly one) | {f['triages_asked']} / "
            f"{f['triage_runs_in_database'] - f['scheduled_triages']} |",
            f"| lost / doubled | {f['lost']} / {f['doubled']} |",
            f"| seconds until every job had ended | {f['jobs_seconds']} |",
            "",
            "The suite runs the same scenario, smaller, on every CI run "
            "(tests/jobs/test_many_processes.py).",
            END,
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m partways.bench.processes")
    parser.add_argument("--postgres", required=True, help="A PostgreSQL server's URL.")
    parser.add_argument("--uploads", type=int, default=Sizes.uploads)
    parser.add_argument("--rows", type=int, default=Sizes.rows)
    parser.add_argument("--readers", type=int, default=Sizes.readers)
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    args = parser.parse_args()
    sizes = Sizes(uploads=args.uploads, rows=args.rows, readers=args.readers)
    figures = run(args.postgres, sizes)
    print(json.dumps(figures, indent=2))
    machine = describe_host()
    machine.setdefault("python", sys.version.split()[0])
    replace_section(args.out, START, END, section(figures, machine, sizes))


if __name__ == "__main__":
    main()
