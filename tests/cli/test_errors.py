"""User errors: a clear message, a non-zero exit, never a traceback, nothing changed."""

import datetime as dt

import time_machine


def _fails(proc, *expected: str) -> None:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    for text in expected:
        assert text in proc.stderr, proc.stderr


def test_unknown_client_suggests_close_names(cli):
    cli("demo", "--as-of", "2026-11-22")
    _fails(
        cli("client", "Al Wahha Real Estate", check=False),
        "no client called",
        "Did you mean: Al Waha Real Estate",
    )


def test_a_bad_date_says_what_was_expected(cli):
    _fails(cli("triage", "--as-of", "22/11/2026", check=False), "--as-of", "YYYY-MM-DD")


def test_a_bad_format_says_which_formats_exist(cli):
    _fails(cli("triage", "--format", "xml", check=False), "'table' or 'json'")


def test_a_missing_exchange_rate_names_the_currency_and_the_fix(cli):
    cli("rate", "AED", "0.25")
    # Removing the rate leaves AED amounts that cannot be converted.
    import subprocess
    import sys

    code = (
        "from partways.store.bootstrap import setup; setup();"
        "from partways.store.models import ExchangeRate;"
        "ExchangeRate.objects.filter(currency='AED').delete()"
    )
    subprocess.run([sys.executable, "-c", code], env=cli.env, check=True)
    _fails(cli("triage", "--as-of", "2026-11-22", check=False), "AED", "partways rate")
    cli("rate", "aed", "0.25")
    assert cli("triage", "--as-of", "2026-11-22").returncode == 0


def test_bad_rates_are_refused(cli):
    _fails(cli("rate", "US", "1", check=False), "three letters")
    _fails(cli("rate", "USD", "abc", check=False), "not a number")
    _fails(cli("rate", "USD", "--", "-1", check=False), "above zero")


def test_an_unknown_command_option_is_a_usage_error_not_a_traceback(cli):
    proc = cli("triage", "--frobnicate", check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "No such option" in proc.stderr


def test_as_of_defaults_to_today():
    from partways.cli.common import parse_date

    with time_machine.travel(dt.datetime(2027, 2, 28, 12, tzinfo=dt.UTC), tick=False):
        assert parse_date(None) == dt.date(2027, 2, 28)


def test_a_database_that_cannot_be_reached_is_explained(cli):
    import subprocess
    import sys

    env = {**cli.env, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    proc = subprocess.run(
        [sys.executable, "-m", "partways", "triage"],
        env=env,
        text=True,
        capture_output=True,
        timeout=60,
    )
    _fails(proc, "cannot use the database", "DATABASE_URL")
