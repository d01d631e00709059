"""Values that must be checked before they are kept, and a workspace that already keeps
a bad one: refused with a clear message, never a traceback; repairable from the CLI.

One demo workspace per module (SQLite, or a fresh PostgreSQL database).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import CLI

AS_OF = "2026-10-31"


def _fails(proc: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    for text in expected:
        assert text in proc.stderr, proc.stderr


def _run_python(cli: CLI, code: str) -> str:
    setup = "from partways.store.bootstrap import setup; setup();"
    proc = subprocess.run(
        [sys.executable, "-c", setup + code], env=cli.env, text=True, capture_output=True
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def _store_unusable_rate(cli: CLI, currency: str) -> None:
    """Write what the earlier release let `partways rate USD 1e309` store: infinity on
    SQLite; on PostgreSQL, whose column refuses infinity, the NaN it accepts."""
    sql = f"UPDATE partways_exchangerate SET rate_to_base = {{}} WHERE currency = '{currency}'"
    _run_python(
        cli,
        "from django.db import connection;"
        "value = \"'NaN'\" if connection.vendor == 'postgresql' else '9e999';"
        f"connection.cursor().execute({sql!r}.format(value))",
    )


@pytest.fixture(scope="module")
def demo(cli: CLI) -> CLI:
    """The demo agency, built after rates were set (the first thing a user may do)."""
    cli("rate", "USD", "0.5")
    cli("rate", "GBP", "1.1")
    cli("demo", "--as-of", AS_OF)
    return cli


def test_the_demo_builds_after_rates_were_set(demo):
    # Before, `partways demo` after any `partways rate` failed with an IntegrityError.
    assert "1 USD = 0.92 EUR" in demo("rate", "USD").stdout  # the demo's own rate
    assert "1 GBP = 1.1 EUR" in demo("rate", "GBP").stdout  # the user's, kept


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1e309", "1e309 is too large for a rate"),
        ("nan", "'nan' is not a number"),
        ("inf", "'inf' is not a number"),
        ("10000000000", "too large for a rate"),
    ],
)
def test_a_rate_that_is_not_a_finite_number_in_range_is_refused(demo, cli, value, expected):
    # Before, 1e309 was stored as infinity and nan or inf ended in a traceback.
    _fails(cli("rate", "USD", value, check=False), expected)
    assert "1 USD = 0.92 EUR" in cli("rate", "USD").stdout


def test_the_base_currency_has_no_rate_of_its_own(demo, cli):
    _fails(cli("rate", "EUR", "2", check=False), "EUR is the base currency")


def test_a_workspace_that_holds_an_unusable_rate_says_so_and_is_repaired_by_setting_it(demo, cli):
    # Before, every later `rate` and `triage` ended in decimal.InvalidOperation.
    _store_unusable_rate(cli, "USD")
    _fails(cli("rate", "USD", check=False), "stored rate of USD", "is not usable")
    _fails(cli("triage", "--as-of", AS_OF, check=False), "USD", "partways rate")
    assert cli("clients", "list").returncode == 0
    cli("rate", "USD", "0.92")
    assert cli("triage", "--as-of", AS_OF).returncode == 0
    # ... or by removing it.
    _store_unusable_rate(cli, "USD")
    cli("rate", "USD", "--remove")
    _fails(cli("rate", "USD", check=False), "USD has no exchange rate")
    cli("rate", "USD", "0.92")


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("", "the alias is empty"),
        ("@", "'@' is not a domain"),
    ],
)
def test_an_alias_that_names_nothing_is_refused(demo, cli, alias, expected):
    # Before, `clients alias "" X` and `clients alias @ X` were accepted.
    before = cli("clients", "list").stdout
    _fails(cli("clients", "alias", alias, "Al Waha", check=False), expected)
    assert cli("clients", "list").stdout == before


def test_a_review_date_in_the_past_is_refused_even_while_a_plan_is_open(demo, cli):
    # Before, with a plan open, `repair --review-on 1900-01-01 --force` was accepted.
    in_the_past = ("repair", "Harbour", "--review-on", "1900-01-01", "--force", "--as-of", AS_OF)
    _fails(cli(*in_the_past, check=False), "must be after")
    cli("repair", "Harbour", "--force", "--as-of", AS_OF)
    _fails(cli(*in_the_past, check=False), "must be after")
    _fails(
        cli("repair", "Harbour", "--review-on", "2027-06-01", "--as-of", AS_OF, check=False),
        "already has a repair plan",
    )


def test_clients_are_merged_after_a_triage(demo, cli):
    # Before: IntegrityError on partways_clientverdict (one verdict per run and client).
    cli("triage", "--as-of", AS_OF)
    proc = cli("clients", "merge", "Al Noor", "Al Waha")
    assert "Merged Al Noor Bookshop into Al Waha Real Estate" in proc.stdout
    names = _run_python(
        cli,
        "from partways.store.models import Client, ClientAlias;"
        "print(Client.objects.filter(name__startswith='Al Noor').count(),"
        " ClientAlias.objects.get(alias='Al Noor Bookshop').client.name)",
    )
    assert names == "0 Al Waha Real Estate"


def test_a_line_break_in_a_clients_name_gives_a_valid_calendar(demo, cli):
    # Before, `letter --format ics` failed: "Content line can not contain unescaped new
    # line characters".
    from icalendar import Calendar

    _run_python(
        cli,
        "from partways.store.models import Client;"
        "Client.objects.filter(name__startswith='Adriatic')"
        ".update(name='Adriatic\\nYachting\\r\\nd.o.o.')",
    )
    cli("offboard", "Adriatic", "--as-of", AS_OF)
    data = cli("letter", "Adriatic", "--format", "ics", "--as-of", AS_OF).stdout
    calendar = Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "partways: Adriatic Yachting d.o.o."
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert summaries and all("\n" not in s for s in summaries)
    assert any("Adriatic Yachting d.o.o." in s for s in summaries)
