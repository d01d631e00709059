"""The triage evaluation: generated agencies through partways, scored against the answer key.

For each agency the exports are written (:mod:`partways.evaluation.exports`) and a
child process (:mod:`partways.evaluation.run_agency`) imports them into a fresh
SQLite database and triages as of the agency's day: Django's settings belong to the
process, so each agency gets its own. Each client's decision is then scored against
:data:`partways.evaluation.catalog.BY_ID` for the pattern planted in it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalog import BY_ID
from .exports import write_agency
from .model import Agency

# A single low-severity report is a conversation to have, never an ending.
LOW_REPORT_PATTERNS = frozenset({"staff_report_low", "abuse_report_low"})
FLAGGED = frozenset({"low", "medium", "high"})
CHILD_TIMEOUT_S = 1800


class EvaluationError(Exception):
    """The evaluation could not run: an export did not import, or a child process failed."""


@dataclass(frozen=True)
class ClientScore:
    """One client's decision beside what the answer key expects."""

    agency: str
    held_out: bool
    client: str
    pattern: str
    healthy: bool
    expected: tuple[str, ...]
    got: str
    got_pattern: str  # chronic, acute, intermittent, none
    kind: str | None  # the pattern's expected reading (catalog)
    signs: tuple[str, ...]  # the signs the pattern must fire
    flagged: dict[str, str]  # every signal at low or above, with its severity
    strategies: tuple[str, ...]
    reasons: tuple[str, ...]
    verdict_ok: bool
    missing_signs: tuple[str, ...]
    kind_ok: bool
    support_ok: bool | None  # None: the pattern asks for no support strategy
    low_report_ok: bool | None  # None: not a single-low-report pattern

    @property
    def caught(self) -> bool:
        """A planted problem caught: the right verdict and every expected sign fired."""
        return self.verdict_ok and not self.missing_signs

    @property
    def ok(self) -> bool:
        return (
            self.caught
            and self.kind_ok
            and self.support_ok is not False
            and self.low_report_ok is not False
        )

    @property
    def wrongly_flagged(self) -> bool:
        """A healthy client sent to repair or an ending."""
        return self.healthy and self.got not in ("keep", "watch")


def score(
    agency: str, held_out: bool, client: str, pattern_id: str, d: dict[str, Any]
) -> ClientScore:
    """Score one decision (as :mod:`run_agency` writes it) against the catalog.

    Raises KeyError for a pattern the catalog does not know.
    """
    p = BY_ID[pattern_id]
    flagged = {sid: sev for sid, sev in d["signals"].items() if sev in FLAGGED}
    got_pattern = d["pattern"]
    # A troubled pattern must read as its kind; any other must not read as chronic.
    kind_ok = got_pattern == p.kind if p.kind is not None else got_pattern != "chronic"
    return ClientScore(
        agency=agency,
        held_out=held_out,
        client=client,
        pattern=pattern_id,
        healthy=p.healthy,
        expected=tuple(sorted(p.expected)),
        got=d["recommendation"],
        got_pattern=got_pattern,
        kind=p.kind,
        signs=p.signs,
        flagged=flagged,
        strategies=tuple(d["strategies"]),
        reasons=tuple(d["reasons"]),
        verdict_ok=d["recommendation"] in p.expected,
        missing_signs=tuple(s for s in p.signs if s not in flagged),
        kind_ok=kind_ok,
        support_ok=("acute_support" in d["strategies"]) if p.support else None,
        low_report_ok=(d["recommendation"] != "end_now")
        if pattern_id in LOW_REPORT_PATTERNS
        else None,
    )


@dataclass
class AgencyRun:
    slug: str
    name: str
    held_out: bool
    seconds: float
    analyzer: str
    imports: list[dict[str, Any]]
    scores: list[ClientScore]
    clients: int = 0
    messages: int = 0
    time_entries: int = 0
    invoices: int = 0
    # What the generator planted that no export format carries, by what it is.
    not_carried: dict[str, int] = field(default_factory=dict)


@dataclass
class Evaluation:
    seed: int
    runs: list[AgencyRun] = field(default_factory=list)
    seconds: float = 0.0

    def scores(self, held_out: bool | None = None) -> list[ClientScore]:
        return [
            s for r in self.runs if held_out is None or r.held_out == held_out for s in r.scores
        ]


def agency_spec(agency: Agency, files: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """What the child process needs besides the files: settings, team, rates, the day."""
    return {
        "slug": agency.slug,
        "name": agency.name,
        "time_zone": agency.time_zone,
        "work_start": agency.work_start.isoformat(),
        "work_end": agency.work_end.isoformat(),
        "work_days": list(agency.work_days),
        "base_currency": agency.base_currency,
        "target_hourly_rate_minor": agency.target_hourly_rate_minor,
        "default_cost_rate_minor": agency.default_cost_rate_minor,
        "own_domain": agency.own_domain,
        "team": [{"name": p.name, "email": p.email, "role": p.role} for p in agency.team],
        "exchange_rates": {k: str(v) for k, v in agency.exchange_rates.items()},
        "as_of": agency.as_of.isoformat(),
        "files": [{"path": path, "importer": importer} for path, importer in files],
    }


def not_carried(agency: Agency) -> dict[str, int]:
    """Planted facts the agency's export formats cannot hold, counted.

    An .ics says whether a meeting took place or was cancelled, not whether the client
    stayed away or came unprepared, and no other export (nor the records file) holds
    either; FreshBooks' export gives only payments in full.
    """
    meetings = [m for c in agency.clients for m in c.meetings]
    counts = {
        "meetings the client missed": sum(m.no_show for m in meetings),
        "meetings noted as unprepared": sum(m.client_prepared is False for m in meetings),
    }
    if agency.formats.get("invoices") == "freshbooks":
        counts["invoices partly paid (FreshBooks gives no partial payments)"] = sum(
            bool(i.payments)
            and sum(p.amount for p in i.payments if p.paid_on <= agency.as_of)
            < i.amount - i.written_off
            for c in agency.clients
            for i in c.invoices
        )
    return {k: n for k, n in counts.items() if n}


def _child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    # A fresh SQLite database in the agency's folder, whatever the caller's database is.
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["PARTWAYS_HOME"] = str(home)
    return env


def run_agency(agency: Agency, folder: Path) -> AgencyRun:
    """Write ``agency``'s exports into ``folder``, import and triage them in a child
    process, and score every client.

    Raises :class:`EvaluationError` when a file does not import cleanly, the child
    fails, or a client gets no decision.
    """
    started = time.perf_counter()
    exports = folder / "exports"
    written = write_agency(agency, exports)
    files = [(str(w.path.relative_to(folder)), w.importer) for w in written]
    (folder / "agency.json").write_text(
        json.dumps(agency_spec(agency, files), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    home = folder / "home"
    home.mkdir(exist_ok=True)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "partways.evaluation.run_agency", str(folder)],
            env=_child_env(home),
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        raise EvaluationError(
            f"{agency.slug}: importing and triaging took longer than {CHILD_TIMEOUT_S} s"
        ) from None
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip()[-4000:]
        raise EvaluationError(f"{agency.slug}: {tail or f'exit status {proc.returncode}'}")
    result = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    by_name = {d["client"]: d for d in result["decisions"]}
    scores = []
    for client in agency.clients:
        decision = by_name.get(client.name)
        if decision is None:
            raise EvaluationError(f"{agency.slug}: no decision for {client.name}")
        scores.append(score(agency.slug, agency.held_out, client.name, client.pattern, decision))
    return AgencyRun(
        slug=agency.slug,
        name=agency.name,
        held_out=agency.held_out,
        seconds=time.perf_counter() - started,
        analyzer=result["analyzer"],
        imports=result["imports"],
        scores=scores,
        clients=len(agency.clients),
        messages=sum(len(c.messages) for c in agency.clients),
        time_entries=sum(len(c.time_entries) for c in agency.clients),
        invoices=sum(len(c.invoices) for c in agency.clients),
        not_carried=not_carried(agency),
    )


def evaluate(
    agencies: Sequence[Agency],
    seed: int,
    keep_files: Path | None = None,
    on_agency: Callable[[Agency], None] | None = None,
) -> Evaluation:
    """Run every agency in turn; the files stay in ``keep_files/<slug>`` when given.

    Raises :class:`EvaluationError` (see :func:`run_agency`).
    """
    started = time.perf_counter()
    evaluation = Evaluation(seed)
    with tempfile.TemporaryDirectory(prefix="partways-eval-") as tmp:
        base = keep_files if keep_files is not None else Path(tmp)
        for agency in agencies:
            if on_agency is not None:
                on_agency(agency)
            folder = base / agency.slug
            if folder.exists() and any(folder.iterdir()):
                raise EvaluationError(
                    f"{folder} is not empty; give --keep-files a new or empty folder"
                )
            folder.mkdir(parents=True, exist_ok=True)
            evaluation.runs.append(run_agency(agency, folder))
    evaluation.seconds = time.perf_counter() - started
    return evaluation
