"""The README's "Your own data" section works as written: its commands, run in order on a
fresh workspace against a folder of real-format exports, end in a correct triage."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from partways.evaluation.exports import write_agency
from partways.evaluation.generate.clients import build_agency

from .conftest import CLI
from .test_own_data import CHICAGO, EXPECTED

README = Path(__file__).resolve().parents[2] / "README.md"


def _section_commands() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Your own data") :]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None, "the section has no sh block"
    return [shlex.split(line) for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_section_works_as_written(cli: CLI, tmp_path: Path):
    agency = build_agency(CHICAGO, seed=2027)
    folder = tmp_path / "exports"
    write_agency(agency, folder)
    (folder / "records.yaml").unlink()
    commands = _section_commands()
    assert [c[:2] for c in commands] == [
        ["partways", "setup"],
        ["partways", "import"],
        ["partways", "clients"],
        ["partways", "triage"],
    ]
    domain = CHICAGO.own_domain
    for command in commands:
        args = [
            str(folder) if a == "~/exports/" else a.replace("yourstudio.com", domain)
            for a in command[1:]
        ]
        if args[0] == "triage":
            args += ["--as-of", CHICAGO.as_of.isoformat(), "--format", "json"]
        run = cli(*args)
        assert "Traceback" not in run.stderr
    decisions = {d["client"]: d["recommendation"] for d in json.loads(run.stdout)}
    wrong = [
        f"{c.name} ({c.pattern}): {decisions[c.name]}"
        for c in agency.clients
        if decisions[c.name] not in EXPECTED[c.pattern].expected
    ]
    assert not wrong, wrong
    assert cli("settings", "get", "time_zone").stdout.strip() == "America/Chicago"
