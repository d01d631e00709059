"""One agency through partways, in a process of its own: ``python -m
partways.evaluation.run_agency FOLDER``.

``FOLDER/agency.json`` (written by :mod:`partways.evaluation.triage_eval`) holds the
business's settings, its team and exchange rates, the day to triage on and the
exported files in import order. The database is whatever the environment names
(the harness points ``PARTWAYS_HOME`` at an empty folder). Each file goes through
``partways import``'s own path; any error, skipped record, unmatched message or
client the records file did not name is a failure (the files were written by the
evaluation: a problem is a writer bug), reported on stderr with exit status 3. On
success ``FOLDER/result.json`` holds every decision and what each import did.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

EXIT_IMPORT_FAILED = 3


class ImportProblem(Exception):
    """An exported file did not import cleanly."""


def _setup(spec: dict[str, Any]) -> None:
    from partways.store.models import BusinessSettings, ExchangeRate, TeamMember

    settings = BusinessSettings.load()
    settings.name = spec["name"]
    settings.time_zone = spec["time_zone"]
    settings.work_start = dt.time.fromisoformat(spec["work_start"])
    settings.work_end = dt.time.fromisoformat(spec["work_end"])
    settings.work_days = ",".join(str(d) for d in spec["work_days"])
    settings.base_currency = spec["base_currency"]
    settings.target_hourly_rate_minor = spec["target_hourly_rate_minor"]
    settings.default_cost_rate_minor = spec["default_cost_rate_minor"]
    settings.own_addresses = "@" + spec["own_domain"]
    settings.save()
    for person in spec["team"]:
        TeamMember.objects.create(name=person["name"], email=person["email"], role=person["role"])
    for currency, rate in spec["exchange_rates"].items():
        if currency != spec["base_currency"]:
            ExchangeRate.objects.create(currency=currency, rate_to_base=Decimal(rate))


def _import(folder: Path, entry: dict[str, Any], first: bool) -> dict[str, Any]:
    from partways.store.imports.run import ImportOptions, import_source, sources

    location = str(folder / entry["path"])
    found = list(sources([location], None))
    if len(found) != 1 or found[0].importer is None:
        raise ImportProblem(f"{entry['path']}: no importer recognises it as {entry['importer']}")
    if found[0].importer.name != entry["importer"]:
        raise ImportProblem(
            f"{entry['path']}: recognised as {found[0].importer.name}, expected {entry['importer']}"
        )
    report = import_source(found[0], ImportOptions())
    problems = [str(e) for e in report.errors]
    if report.refused:
        problems.insert(0, "the file was refused")
    problems += [f"skipped {n}: {reason}" for reason, n in report.skipped.items() if n]
    if report.unmatched_messages:
        top = ", ".join(f"{a} ({n})" for a, n in report.unmatched_addresses.most_common(5))
        problems.append(f"{report.unmatched_messages} message(s) matched no client: {top}")
    if report.clients_created and not first:
        problems.append(
            "created clients the records file did not name: " + ", ".join(report.clients_created)
        )
    if problems:
        raise ImportProblem(
            f"{entry['path']} ({report.importer}):\n  " + "\n  ".join(problems[:20])
        )
    return {
        "path": entry["path"],
        "importer": report.importer,
        "new": dict(report.new),
        "updated": dict(report.updated),
        "notes": [n.english() for n in report.notes],
    }


def _decision(d: Any) -> dict[str, Any]:
    data = d.to_json()
    return {
        "client": data["client"],
        "recommendation": data["recommendation"],
        "score": data["score"],
        "chronic": data["chronic"],
        "pattern": data["pattern"],
        "reasons": data["reasons"],
        "strategies": [s["id"] for s in data["strategies"]],
        "signals": {s["id"]: s["severity"] for s in data["signals"]},
        "explanations": {s["id"]: s["explanation"] for s in data["signals"]},
    }


def run(folder: Path) -> dict[str, Any]:
    """Import and triage the agency in ``folder``; returns the result written to result.json."""
    from partways.store.bootstrap import ensure_database

    spec = json.loads((folder / "agency.json").read_text(encoding="utf-8"))
    ensure_database()
    from partways.store.analysis import analyze_messages, current_analyzer
    from partways.store.triage import run_triage

    _setup(spec)
    imports = [_import(folder, entry, i == 0) for i, entry in enumerate(spec["files"])]
    # As `partways triage` does: label what was imported, then judge.
    analyzer = current_analyzer()
    analyze_messages(analyzer)
    outcome = run_triage(dt.date.fromisoformat(spec["as_of"]))
    return {
        "slug": spec["slug"],
        "analyzer": analyzer.name,
        "imports": imports,
        "decisions": [_decision(d) for d in outcome.decisions],
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m partways.evaluation.run_agency FOLDER", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    try:
        result = run(folder)
    except ImportProblem as exc:
        print(f"import failed: {exc}", file=sys.stderr)
        return EXIT_IMPORT_FAILED
    (folder / "result.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
