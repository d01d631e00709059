"""``partways serve``: what it refuses before serving anything, and the first owner."""

from __future__ import annotations

import re

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
