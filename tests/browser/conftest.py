"""A real ``partways serve`` over the demo agency, and a real Chromium to drive it.

The server runs as a subprocess on a free loopback port, on the database the suite
runs on (a fresh SQLite folder, or a fresh PostgreSQL database). Chromium is Debian's
(/usr/bin/chromium), headless. Without it the tests skip with a message locally; in CI
(CI=true) a missing browser is an error, never a skip.

Screenshots go to test-artifacts/screenshots/ (kept by CI as artifacts).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.conftest import CLI, cli  # noqa: F401  (the fixture, re-exported)

CHROMIUM = os.environ.get("PARTWAYS_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AS_OF = "2026-10-31"
OWNER = ("maja@studio-horvat.example", "owner password 2026", "Maja Horvat")
STAFF = ("omar@studio-horvat.example", "staff password 2026", "Omar Haddad")


@dataclass(frozen=True)
class Server:
    url: str
    cli: CLI


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            said = proc.stdout.read() if proc.stdout else ""
            raise AssertionError(f"partways serve exited {proc.returncode}:\n{said}")
        try:
            with urllib.request.urlopen(url + "login/", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"partways serve did not answer at {url} within {seconds} s")


@pytest.fixture(scope="module")
def server(cli: CLI) -> Iterator[Server]:  # noqa: F811
    cli("demo", "--as-of", AS_OF)
    # A staff member's log-in, made the way the owner's team page makes one.
    cli_python = [
        sys.executable,
        "-c",
        "from partways.store.bootstrap import setup; setup();"
        "from partways.web.accounts import create_login;"
        f"create_login(email={STAFF[0]!r}, password={STAFF[1]!r}, name={STAFF[2]!r}, role='staff')",
    ]
    subprocess.run(cli_python, env=cli.env, check=True, timeout=120)
    with serving(cli) as server:
        yield server


@contextlib.contextmanager
def serving(cli: CLI, **extra_env: str) -> Iterator[Server]:  # noqa: F811
    """``partways serve`` on a free port of ``cli``'s database, with the demo owner."""
    port = _free_port()
    env = {
        **cli.env,
        "PARTWAYS_OWNER_EMAIL": OWNER[0],
        "PARTWAYS_OWNER_PASSWORD": OWNER[1],
        "PARTWAYS_OWNER_NAME": OWNER[2],
        **extra_env,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "partways", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait(url, proc)
        yield Server(url, cli)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set PARTWAYS_CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(f"The browser tests must run in CI, but there is {message}.")
        pytest.skip(f"Browser tests skipped: {message}.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: object, server: Server) -> Iterator[object]:
    context = chromium.new_context(  # type: ignore[attr-defined]
        base_url=server.url, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    # Nothing may leave the machine: any request off loopback fails the test.
    outside: list[str] = []

    def guard(route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        if not request.url.startswith(server.url):
            outside.append(request.url)
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    pg = context.new_page()
    yield pg
    context.close()
    assert not outside, f"the page asked the network for {outside}"


def shot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


def log_in(page: object, email: str, password: str) -> None:
    page.goto("/login/")  # type: ignore[attr-defined]
    page.get_by_label("E-mail").fill(email)  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(password)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Log in").click()  # type: ignore[attr-defined]
