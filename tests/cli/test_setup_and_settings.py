"""`partways setup` and `partways settings`: the first run and every setting from the CLI."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest

from .conftest import CLI


def _settings(cli: CLI) -> dict[str, str]:
    """The business settings as `partways settings get` prints them, one per key."""
    keys = ("name", "base_currency", "time_zone", "work_days", "work_hours")
    keys += ("target_rate", "cost_rate", "own_addresses")
    return {k: cli("settings", "get", k).stdout.strip() for k in keys}


def test_setup_with_flags_sets_every_answer_and_shows_the_result(cli: CLI):
    run = cli(
        "setup",
        "--name",
        "Studio Ana",
        "--currency",
        "usd",
        "--time-zone",
        "Asia/Jakarta",
        "--work-days",
        "sun-thu",
        "--work-hours",
        "8:30-17:00",
        "--target-rate",
        "95",
        "--cost-rate",
        "40.50",
        "--me",
        "ana@studio.id,@studio.id",
        "--member",
        "Owen Price <owen@studio.id> manager",
        "--member",
        "Ivo Horvat,ivo@studio.id",
        "--yes",
    )
    assert _settings(cli) == {
        "name": "Studio Ana",
        "base_currency": "USD",
        "time_zone": "Asia/Jakarta",
        "work_days": "sun-thu",
        "work_hours": "08:30-17:00",
        "target_rate": "95",
        "cost_rate": "40.50",
        "own_addresses": "ana@studio.id, @studio.id",
    }
    assert "Owen Price" in run.stdout and "manager" in run.stdout
    assert "ivo@studio.id" in run.stdout and "staff" in run.stdout
    assert "partways import FOLDER --me" in run.stdout

    # Run again with one flag: the rest keeps what is stored, and the team is not doubled.
    again = cli("setup", "--cost-rate", "42", "--member", "Owen Price <owen@studio.id> owner", "-y")
    assert _settings(cli)["cost_rate"] == "42"
    assert _settings(cli)["time_zone"] == "Asia/Jakarta"
    assert again.stdout.count("owen@studio.id") == 1
    assert "owner" in again.stdout


def test_setup_refuses_a_malformed_team_member_and_saves_nothing(cli: CLI):
    before = _settings(cli)
    run = cli(
        "setup", "--name", "Other", "--member", "Somebody <not-an-address>", "-y", check=False
    )
    assert run.returncode == 2
    assert "--member: 'Somebody <not-an-address>' is not a team member" in run.stderr
    assert "Traceback" not in run.stderr
    assert _settings(cli) == before


def test_settings_set_checks_every_value_and_saves_all_or_nothing(cli: CLI):
    before = _settings(cli)
    run = cli(
        "settings",
        "set",
        "name",
        "Renamed",
        "time_zone",
        "Mars/Olympus",
        "target_rate",
        "lots",
        "pessimism.low",
        "0.9",
        check=False,
    )
    assert run.returncode == 2
    err = " ".join(run.stderr.split())
    assert "nothing was saved" in err
    assert "time_zone: 'Mars/Olympus' is not a time zone" in err
    assert "target_rate: 'lots' is not an amount" in err
    assert "pessimism.low: expected low ≤ medium ≤ high" in err
    assert _settings(cli) == before
    assert cli("settings", "get", "pessimism.low").stdout.strip() == "0.15"


def test_settings_set_get_and_reset_a_threshold(cli: CLI):
    cli("settings", "set", "pessimism.low", "0.2", "work-days", "mon,tue,thu")
    assert cli("settings", "get", "pessimism.low").stdout.strip() == "0.2"
    assert cli("settings", "get", "work_days").stdout.strip() == "mon-tue,thu"
    shown = cli("settings").stdout
    assert "pessimism.low" in shown and "0.15" in shown  # the override, beside its default
    reset = cli("settings", "reset", "pessimism.low")
    assert "pessimism.low = 0.15 (the default)" in reset.stdout
    assert "pessimism.low" not in cli("settings", "show").stdout
    assert "engine.recent_months" in cli("settings", "show", "--all").stdout


def test_an_unknown_setting_names_the_close_ones(cli: CLI):
    run = cli("settings", "set", "pesimism.low", "0.2", check=False)
    assert run.returncode == 2
    assert "no setting called 'pesimism.low'. Did you mean: pessimism.low" in " ".join(
        run.stderr.split()
    )
    odd = cli("settings", "set", "name", check=False)
    assert odd.returncode == 2 and "has no value" in odd.stderr


def test_mail_imported_before_your_address_was_known_becomes_yours(cli: CLI, tmp_path: Path):
    mbox = tmp_path / "mail.mbox"
    mbox.write_text(
        "From dora@cafe-lipa.hr Mon Mar  2 09:00:00 2026\n"
        "From: Dora <dora@cafe-lipa.hr>\nTo: nika@nikadesign.hr\n"
        "Subject: Menu\nDate: Mon, 2 Mar 2026 09:00:00 +0100\nMessage-ID: <a1@cafe-lipa.hr>\n\n"
        "Can you send the new menu?\n\n"
        "From nika@nikadesign.hr Mon Mar  2 10:00:00 2026\n"
        "From: Nika <nika@nikadesign.hr>\nTo: dora@cafe-lipa.hr\n"
        "Subject: Re: Menu\nDate: Mon, 2 Mar 2026 10:00:00 +0100\n"
        "Message-ID: <a2@nikadesign.hr>\n\n"
        "Here it is.\n",
        encoding="utf-8",
    )
    cli("import", str(mbox))
    waiting = cli("clients", "unmatched").stdout
    assert "nika@nikadesign.hr" in waiting
    changed = cli("settings", "set", "own_addresses", "nika@nikadesign.hr")
    assert "1 imported message now reads as yours" in changed.stdout
    assert "nika@nikadesign.hr" not in cli("clients", "unmatched").stdout


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX terminal")
def test_setup_at_a_terminal_asks_offers_this_machines_zone_and_asks_again(cli: CLI):
    env = {**cli.env, "TZ": "Asia/Jakarta"}
    # A workspace of its own: the first run's default zone is this machine's.
    env["PARTWAYS_HOME"] = str(Path(cli.env.get("PARTWAYS_HOME", "/tmp")) / "asked")
    if env.get("DATABASE_URL"):
        pytest.skip("one workspace per module on PostgreSQL; the flags test covers it")
    child = pexpect.spawn(
        sys.executable, ["-m", "partways", "setup"], env=env, encoding="utf-8", timeout=60
    )
    child.expect(r"name .*\[My business\]: ")
    child.sendline("Karya Digital")
    child.expect(r"currency .*\[EUR\]: ")
    child.sendline("rupiah")
    child.expect("not a currency code")
    child.expect(r"currency .*: ")
    child.sendline("IDR")
    child.expect(r"time zone .*\[Asia/Jakarta\]: ")
    child.sendline("")
    child.expect(r"working days .*\[mon-fri\]: ")
    child.sendline("")
    child.expect(r"working hours .*\[09:00-18:00\]: ")
    child.sendline("08:00-17:00")
    child.expect(r"target hourly rate.*: ")
    child.sendline("350000")
    child.expect(r"costs you.*: ")
    child.sendline("150000")
    child.expect(r"addresses and @domains.*: ")
    child.sendline("@karya.id")
    child.expect("Name")
    child.sendline("Budi Santoso")
    child.expect("Address")
    child.sendline("budi@karya.id")
    child.expect("Role")
    child.sendline("manager")
    child.expect("Name")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    asked = CLI(env)
    assert _settings(asked) == {
        "name": "Karya Digital",
        "base_currency": "IDR",
        "time_zone": "Asia/Jakarta",
        "work_days": "mon-fri",
        "work_hours": "08:00-17:00",
        "target_rate": "350000",
        "cost_rate": "150000",
        "own_addresses": "@karya.id",
    }
    assert "budi@karya.id" in asked("setup", "-y").stdout
