"""Light commands start light: a help page, ``--version`` and a usage error neither
start Django nor load the engine's libraries, and say what they say in the chosen
language all the same. How fast they are is measured by ``partways bench-speed``."""

import subprocess
import sys

import pytest

# What only a command's work needs: the engine, the letters, Typer's value adapters,
# the database models (Django's start).
HEAVY = ("polars", "jinja2", "pydantic", "partways.store.models", "django.contrib.admin")


def _imported(cli, *args):
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "partways", *args],
        env=cli.env,
        text=True,
        capture_output=True,
        timeout=120,
    )
    modules = {
        line.split("|")[-1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    return proc, modules


@pytest.mark.parametrize(
    "args",
    [("--help",), ("triage", "--help"), ("--version",), ("--lang", "hr", "import", "--help")],
)
def test_help_and_version_load_nothing_heavy(cli, args):
    proc, modules = _imported(cli, *args)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "partways.cli" in modules  # the measurement itself works
    assert not [m for m in HEAVY if m in modules]


def test_a_usage_error_is_worded_in_the_chosen_language_without_starting_django(cli):
    proc, modules = _imported(cli, "--lang", "id", "triage", "--no-such-flag")
    assert proc.returncode == 2
    assert "Opsi tidak dikenal: --no-such-flag" in proc.stderr
    assert not [m for m in HEAVY if m in modules]


def test_a_help_page_is_translated_before_django_starts(cli):
    english = cli("triage", "--help").stdout
    croatian = cli("--lang", "hr", "triage", "--help").stdout
    assert "Show this message and exit." in english
    assert "Show this message and exit." not in croatian and "--as-of" in croatian


def test_a_command_still_starts_django_and_answers_in_the_chosen_language(cli):
    proc = cli("--lang", "hr", "client", "Nobody At All", check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "Greška:" in proc.stderr
