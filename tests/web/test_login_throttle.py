"""Failed log-ins throttled per account and per address, on /login/ and /admin/login/.

After ``AXES_FAILURE_LIMIT`` wrong passwords for one account, or from one address,
within the cool-off, the right password is refused too, with a page in the person's
language; other accounts and addresses carry on; ``unlock`` lifts the pause at once;
good log-ins never count.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.test import Client as Browser
from django.test import RequestFactory, override_settings
from django.utils import timezone, translation

from partways.web.accounts import create_login, unlock
from partways.web.lockout import client_address

PASSWORD = "correct horse battery staple"
LIMIT = settings.AXES_FAILURE_LIMIT
LOGIN_PAGES = ["/login/", "/admin/login/"]


@pytest.fixture
def owner(db: None) -> str:
    return create_login(
        email="owner@example.com", password=PASSWORD, name="Owner", role="owner"
    ).email


def _try(url: str, email: str, password: str, address: str = "198.51.100.7", **extra: str):  # type: ignore[no-untyped-def]
    """One log-in through the form, from ``address``, in a fresh browser."""
    return Browser().post(
        url, {"username": email, "password": password}, REMOTE_ADDR=address, **extra
    )


def _logged_in(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 302 and "sessionid" in response.cookies


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_a_hundred_wrong_passwords_then_the_right_one_is_refused(owner: str, url: str) -> None:
    statuses = [_try(url, owner, f"guess number {i}").status_code for i in range(100)]
    # The form answers the first failures as usual; then every try is the pause page.
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert set(statuses[LIMIT - 1 :]) == {429}
    right = _try(url, owner, PASSWORD)
    assert right.status_code == 429 and not _logged_in(right)
    assert "Log-in paused" in right.content.decode()
    assert right["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))


def test_the_pause_page_is_in_the_persons_language(owner: str) -> None:
    for _ in range(LIMIT):
        _try("/login/", owner, "wrong password here")
    page = _try("/login/", owner, PASSWORD, HTTP_ACCEPT_LANGUAGE="hr")
    html = page.content.decode()
    with translation.override("hr"):
        heading = translation.gettext("Log-in paused")
    assert heading != "Log-in paused"
    assert '<html lang="hr"' in html and f"<h1>{heading}</h1>" in html
    assert "Traceback" not in html


def test_one_account_locked_leaves_others_and_other_addresses_alone(owner: str) -> None:
    create_login(email="bob@example.com", password=PASSWORD, name="Bob", role="manager")
    # Failures for the owner, each from a different address: her account is paused.
    for i in range(LIMIT):
        _try("/login/", owner, "wrong password here", address=f"203.0.113.{i + 1}")
    assert _try("/login/", owner, PASSWORD, address="192.0.2.200").status_code == 429
    # Bob, from an address that tried once, is not.
    assert _logged_in(_try("/login/", "bob@example.com", PASSWORD, address="203.0.113.1"))


def test_one_address_trying_many_accounts_is_paused_and_no_other(owner: str) -> None:
    create_login(email="bob@example.com", password=PASSWORD, name="Bob", role="manager")
    for i in range(LIMIT):
        _try("/login/", f"nobody{i}@example.com", "wrong password here", address="192.0.2.66")
    assert _try("/login/", "bob@example.com", PASSWORD, address="192.0.2.66").status_code == 429
    assert _logged_in(_try("/login/", "bob@example.com", PASSWORD, address="192.0.2.67"))


def test_the_account_is_counted_whatever_the_case_of_the_address(owner: str) -> None:
    for i in range(LIMIT):
        email = owner.upper() if i % 2 else owner
        _try("/login/", email, "wrong password here", address=f"203.0.113.{i + 1}")
    assert _try("/login/", owner, PASSWORD, address="192.0.2.201").status_code == 429


def test_unlock_lifts_the_pause_at_once(owner: str) -> None:
    for _ in range(LIMIT):
        _try("/login/", owner, "wrong password here", address="192.0.2.9")
    assert _try("/login/", owner, PASSWORD, address="192.0.2.9").status_code == 429
    assert unlock(email=owner.upper()) > 0
    assert _logged_in(_try("/login/", owner, PASSWORD, address="192.0.2.9"))


def test_unlock_an_address(owner: str) -> None:
    for i in range(LIMIT):
        _try("/login/", f"nobody{i}@example.com", "wrong password here", address="192.0.2.66")
    assert _try("/login/", owner, PASSWORD, address="192.0.2.66").status_code == 429
    assert unlock(address="192.0.2.66") == LIMIT + 1  # one record per account tried
    assert _logged_in(_try("/login/", owner, PASSWORD, address="192.0.2.66"))


def test_the_pause_ends_after_the_cool_off(owner: str) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(LIMIT):
            _try("/login/", owner, "wrong password here")
        assert _try("/login/", owner, PASSWORD).status_code == 429
    later = start + settings.AXES_COOLOFF_TIME + dt.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        assert _logged_in(_try("/login/", owner, PASSWORD))


def test_good_log_ins_never_count(owner: str) -> None:
    for _ in range(LIMIT * 3):
        assert _logged_in(_try("/login/", owner, PASSWORD, address="127.0.0.1"))
    # A few mistakes among them stay under the limit.
    for _ in range(LIMIT - 1):
        _try("/login/", owner, "wrong password here", address="127.0.0.1")
    assert _logged_in(_try("/login/", owner, PASSWORD, address="127.0.0.1"))


@override_settings(PARTWAYS_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_is_the_one_the_proxy_saw() -> None:
    # The client wrote the first entry itself; the proxy appended the real one.
    request = RequestFactory().post(
        "/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.23"
    )
    assert client_address(request) == "198.51.100.23"
    bare = RequestFactory().post("/login/", REMOTE_ADDR="198.51.100.24")
    assert client_address(bare) == "198.51.100.24"


def test_without_a_proxy_a_forwarded_address_is_ignored() -> None:
    request = RequestFactory().post(
        "/login/", REMOTE_ADDR="198.51.100.25", HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert client_address(request) == "198.51.100.25"
