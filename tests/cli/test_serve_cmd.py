"""``partways serve``: what it refuses before serving anything, and the first owner."""

from __future__ import annotations

import http.client
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import CLI


def test_production_mode_refuses_without_a_secret_key_and_hosts(cli: CLI) -> None:
    env = {k: v for k, v in cli.env.items() if not k.startswith("PARTWAYS_SECRET")}
    env.pop("PARTWAYS_ALLOWED_HOSTS", None)
    proc = CLI(env)("serve", "--production", "--port", "1", check=False)
    assert proc.returncode == 2
    assert "will not serve in production mode" in proc.stderr
    assert "PARTWAYS_SECRET_KEY is not set" in proc.stderr
    assert "PARTWAYS_ALLOWED_HOSTS is not set" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_production_mode_refuses_a_weak_key_and_a_wildcard_host(cli: CLI) -> None:
    env = {**cli.env, "PARTWAYS_SECRET_KEY": "short", "PARTWAYS_ALLOWED_HOSTS": "*"}
    proc = CLI(env)("serve", "--production", check=False)
    assert proc.returncode == 2
    assert "too weak" in proc.stderr and "contains '*'" in proc.stderr


def test_outside_production_mode_it_listens_on_this_machine_only(cli: CLI) -> None:
    proc = cli("serve", "--host", "0.0.0.0", check=False)
    assert proc.returncode == 2
    assert "listens on this machine only" in proc.stderr


def test_without_an_owner_and_a_terminal_it_says_which_variables_to_set(cli: CLI) -> None:
    env = {k: v for k, v in cli.env.items() if not k.startswith("PARTWAYS_OWNER")}
    proc = CLI(env)("serve", "--port", "1", check=False)
    assert proc.returncode == 2
    assert "PARTWAYS_OWNER_EMAIL" in proc.stderr and "PARTWAYS_OWNER_PASSWORD" in proc.stderr


def test_a_weak_owner_password_is_refused_with_the_reason(cli: CLI) -> None:
    env = {**cli.env, "PARTWAYS_OWNER_EMAIL": "me@example.com", "PARTWAYS_OWNER_PASSWORD": "abc"}
    proc = CLI(env)("serve", "--port", "1", check=False)
    assert proc.returncode == 2
    assert re.search(r"too short", proc.stderr)


# A real server, started the way an operator starts it, and read over HTTP.

KEY = "k3y-for-tests-only-" + "x7Qp2Lm9Zr4Tn8Vb1Wc6Yd3Fh5Jg0Ks" * 2
OWNER = ("owner@example.com", "owner password 2026")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serving(env: dict[str, str], *args: str) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    """``partways serve ARGS`` on a free loopback port, until the block ends."""
    port = _free_port()
    env = {**env, "PARTWAYS_OWNER_EMAIL": OWNER[0], "PARTWAYS_OWNER_PASSWORD": OWNER[1]}
    proc = subprocess.Popen(
        [sys.executable, "-m", "partways", "serve", "--port", str(port), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                said = proc.stdout.read() if proc.stdout else ""
                raise AssertionError(f"partways serve exited {proc.returncode}:\n{said}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("partways serve did not listen within 90 s") from None
                time.sleep(0.2)
        yield port, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _request(
    port: int, method: str, path: str, headers: dict[str, str], body: str | None = None
) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def _form_token(port: int, headers: dict[str, str]) -> tuple[str, str]:
    """A CSRF token from the log-in page's form, and the cookie it goes with."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login/", headers=headers)
    page = conn.getresponse()
    html = page.read().decode()
    conn.close()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token, html
    return token.group(1), _cookies(page)["csrftoken"].split(";")[0]


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    """Each Set-Cookie header by cookie name, whole (with its attributes)."""
    return {h.split("=", 1)[0].strip(): h for h in response.headers.get_all("Set-Cookie") or []}


def _log_in(port: int, base: dict[str, str]) -> http.client.HTTPResponse:
    """Log in as the owner through the real form, with its CSRF token; the response."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login/", headers=base)
    page = conn.getresponse()
    html = page.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    csrf = _cookies(page)["csrftoken"].split(";")[0]
    assert token, html
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": OWNER[0], "password": OWNER[1]}
    )
    conn.request(
        "POST",
        "/login/",
        body=body,
        headers={
            **base,
            "Cookie": csrf,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


@pytest.mark.parametrize("how", ["--production", "PARTWAYS_PRODUCTION=1"])
def test_a_production_server_sends_secure_cookies_and_security_headers(cli: CLI, how: str) -> None:
    env = {**cli.env, "PARTWAYS_SECRET_KEY": KEY, "PARTWAYS_ALLOWED_HOSTS": "127.0.0.1"}
    args: tuple[str, ...] = ("--production",)
    if how.startswith("PARTWAYS_PRODUCTION"):
        env["PARTWAYS_PRODUCTION"], args = "1", ()
    else:
        env.pop("PARTWAYS_PRODUCTION", None)
    with _serving(env, *args) as (port, _):
        # As the TLS-terminating proxy forwards it.
        base = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
        page = _request(port, "GET", "/login/", base)
        assert page.status == 200
        h = page.headers
        assert h["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert h["X-Frame-Options"] == "DENY"
        assert h["X-Content-Type-Options"] == "nosniff"
        assert h["Referrer-Policy"] == "same-origin"
        csp = {d.split()[0]: d.split()[1:] for d in h["Content-Security-Policy"].split("; ")}
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
        csrf = _cookies(page)["csrftoken"]
        assert "; Secure" in csrf and "SameSite=Lax" in csrf and "HttpOnly" in csrf

        logged_in = _log_in(port, {**base, "Origin": "https://127.0.0.1"})
        assert logged_in.status == 302, logged_in.headers
        session = _cookies(logged_in)["sessionid"]
        assert "; Secure" in session and "HttpOnly" in session and "SameSite=Lax" in session

        # The language chosen on a page is kept in a cookie with the same flags.
        token, cookie = _form_token(port, base)
        chosen = _request(
            port,
            "POST",
            "/language/",
            {
                **base,
                "Origin": "https://127.0.0.1",
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            urllib.parse.urlencode({"csrfmiddlewaretoken": token, "language": "hr"}),
        )
        language = _cookies(chosen)["partways_language"]
        assert "; Secure" in language and "HttpOnly" in language and "SameSite=Lax" in language


def test_a_local_server_signs_with_the_key_kept_in_the_data_folder(cli: CLI) -> None:
    env = {k: v for k, v in cli.env.items() if k not in ("PARTWAYS_SECRET_KEY",)}
    with _serving(env) as (port, _):
        assert _log_in(port, {"Host": "127.0.0.1"}).status == 302
    key = (Path(env["PARTWAYS_HOME"]) / "secret_key").read_text().strip()
    # The session the server stored decodes with the folder's key, and only with it.
    read = (
        "from partways.store.bootstrap import setup; setup();"
        "from django.contrib.sessions.models import Session;"
        "print(sorted(Session.objects.order_by('-expire_date').first().get_decoded()))"
    )
    for secret, decoded in ((key, True), (KEY, False)):
        proc = subprocess.run(
            [sys.executable, "-c", read],
            env={**env, "PARTWAYS_SECRET_KEY": secret},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        assert ("_auth_user_id" in proc.stdout) is decoded, proc.stdout


def test_a_busy_port_is_one_clear_error_without_serving_or_a_traceback(cli: CLI) -> None:
    env = {**cli.env, "PARTWAYS_OWNER_EMAIL": OWNER[0], "PARTWAYS_OWNER_PASSWORD": OWNER[1]}
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        proc = CLI(env)("serve", "--port", str(port), check=False)
    assert proc.returncode == 2
    assert "serving on" not in proc.stdout
    assert "Traceback" not in proc.stderr
    error = [line for line in proc.stderr.splitlines() if line.startswith("Error:")]
    assert len(error) == 1, proc.stderr
    assert f"port {port}" in error[0] and "--port" in error[0]


def test_a_production_server_believes_forwarded_https_only_from_its_proxy(cli: CLI) -> None:
    env = {
        **cli.env,
        "PARTWAYS_SECRET_KEY": KEY,
        "PARTWAYS_ALLOWED_HOSTS": "127.0.0.1",
        "PARTWAYS_TRUSTED_PROXY": "192.0.2.1",  # not the test, which connects from loopback
    }
    with _serving(env, "--production") as (port, _):
        page = _request(port, "GET", "/login/", {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
    assert page.status == 200
    assert page.headers["Strict-Transport-Security"] is None


def _wrong_password(port: int) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login/", headers={"Host": "127.0.0.1"})
    page = conn.getresponse()
    html = page.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": OWNER[0], "password": "not it, no"}
    )
    conn.request(
        "POST",
        "/login/",
        body=body,
        headers={
            "Host": "127.0.0.1",
            "Cookie": _cookies(page)["csrftoken"].split(";")[0],
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def test_unlock_lets_a_locked_out_owner_back_in(cli: CLI) -> None:
    env = {**cli.env, "PARTWAYS_LOGIN_FAILURE_LIMIT": "3"}
    with _serving(env) as (port, _):
        assert [_wrong_password(port) for _ in range(4)] == [200, 200, 429, 429]
        assert _log_in(port, {"Host": "127.0.0.1"}).status == 429
        done = CLI(env)("unlock", OWNER[0].upper())
        assert f"Unlocked {OWNER[0]}" in done.stdout
        assert _log_in(port, {"Host": "127.0.0.1"}).status == 302
        again = CLI(env)("unlock", OWNER[0])
        assert "nothing was locked" in again.stdout
        by_address = CLI(env)("unlock", "--address", "127.0.0.1")
        assert by_address.returncode == 0 and "127.0.0.1" in by_address.stdout


def test_unlock_says_what_it_needs(cli: CLI) -> None:
    nothing = cli("unlock", check=False)
    assert nothing.returncode == 2 and "--address" in nothing.stderr
    bad = cli("unlock", "--address", "300.1.1.1", check=False)
    assert bad.returncode == 2 and "not an IP address" in bad.stderr
    assert "Traceback" not in nothing.stderr + bad.stderr


def test_a_setting_that_is_not_a_number_is_one_clear_error(cli: CLI) -> None:
    proc = CLI({**cli.env, "PARTWAYS_LOGIN_COOLOFF_MINUTES": "soon"})("serve", check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "PARTWAYS_LOGIN_COOLOFF_MINUTES='soon' is not a whole number" in proc.stderr
