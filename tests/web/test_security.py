"""What keeps a session safe in the browser: CSRF on every route, a new session at
log-in, the security headers and a Content-Security-Policy the pages live within, and
refusals logged as one line.

The production server's cookies and HSTS are checked on a real server in
tests/cli/test_serve_cmd.py (production mode is decided before Django starts).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client as Browser
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from partways.store.models import TeamMember
from partways.web.accounts import create_login

PASSWORD = "correct horse battery staple"
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "partways" / "web" / "templates"
# A value for each path converter, so that every route resolves to its view.
SAMPLE = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x/y",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


@pytest.fixture
def owner(db: None) -> TeamMember:
    return create_login(email="owner@example.com", password=PASSWORD, name="Owner", role="owner")


def _routes(patterns: list[object], prefix: str = "") -> Iterator[str]:
    """Every route of the site as a concrete path (regex routes of the admin left out)."""
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern) and isinstance(p.pattern, RoutePattern):
            route = prefix + str(p.pattern)
            yield "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE[m.group(1) or "str"], route)


def test_no_route_accepts_a_post_without_the_csrf_token(owner: TeamMember) -> None:
    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(owner.user)  # type: ignore[arg-type]
    routes = sorted(set(_routes(get_resolver().url_patterns)))
    # The web app's own routes and the admin's: the admin has dozens.
    assert "/settings/team/1/role/" in routes and "/admin/login/" in routes
    gaps = []
    api = [r for r in routes if r.startswith("/api/v1/")]
    for route in routes:
        response = browser.post(route, {"name": "x"})
        refused = response.status_code == 403 and b"CSRF" in response.content
        if route in api:
            # The API takes a token, never the session's cookie: a page on another site
            # that makes the logged-in browser post there is refused before any view.
            if response.status_code not in (401, 405) and not refused:
                gaps.append((route, response.status_code))
        elif not refused:
            gaps.append((route, response.status_code))
    assert gaps == []
    assert "/api/v1/records" in api and "/api/v1/imports" in api
    # The same request with the token passes the check (the test can tell the two apart).
    token = browser.get("/settings/").cookies["csrftoken"].value
    switched = browser.post("/language/", {"language": "hr", "csrfmiddlewaretoken": token})
    assert switched.status_code == 302


@pytest.mark.parametrize("url", ["/login/", "/admin/login/"])
def test_logging_in_starts_a_new_session(owner: TeamMember, url: str) -> None:
    browser = Browser(enforce_csrf_checks=True)
    browser.get(url)
    before = browser.session  # an anonymous session, as a visitor's cart would be
    before["seen"] = True
    before.save()
    old_key = before.session_key
    assert Session.objects.filter(session_key=old_key).exists()
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        url, {"username": owner.email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    new_key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert "_auth_user_id" in Session.objects.get(session_key=new_key).get_decoded()


def test_pages_carry_the_security_headers(owner: TeamMember) -> None:
    browser = Browser()
    browser.force_login(owner.user)  # type: ignore[arg-type]
    for url in ("/login/", "/settings/", "/admin/"):
        h = browser.get(url).headers
        assert h["X-Frame-Options"] == "DENY", url
        assert h["X-Content-Type-Options"] == "nosniff", url
        assert h["Referrer-Policy"] == "same-origin", url
        csp = dict(d.split(" ", 1) for d in h["Content-Security-Policy"].split("; "))
        assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'", url
        assert csp["frame-ancestors"] == "'none'", url


def test_no_template_needs_inline_script_or_style() -> None:
    """The policy allows scripts and styles from /static/ only: none may be inline."""
    found = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"<style\b", r"\sstyle=", r"\son\w+="):
            found += [(path.name, m.group(0)) for m in re.finditer(pattern, text)]
    assert found == []


def test_a_refused_page_is_one_log_line_not_a_traceback(
    db: None, caplog: pytest.LogCaptureFixture
) -> None:
    staff = create_login(email="staff@example.com", password=PASSWORD, name="S", role="staff")
    browser = Browser()
    browser.force_login(staff.user)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = browser.get("/settings/")
    assert response.status_code == 403
    refusals = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in refusals] == ["Forbidden (Permission denied): /settings/"]
    assert refusals[0].exc_info is None
    assert "Traceback" not in caplog.text
