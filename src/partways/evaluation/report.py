"""The triage evaluation as Markdown (docs/evaluation-triage.md) and its summary rows."""

from __future__ import annotations

import datetime as dt
import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass

from .catalog import BY_ID, PATTERNS
from .triage_eval import AgencyRun, ClientScore, Evaluation


@dataclass(frozen=True)
class RunInfo:
    """What the report's header says about the run."""

    command: str
    when: dt.datetime
    machine: str

    @classmethod
    def here(cls, command: str) -> RunInfo:
        machine = (
            f"{platform.platform()}, {os.cpu_count() or '?'} CPUs, "
            f"Python {platform.python_version()}"
        )
        return cls(command, dt.datetime.now(dt.UTC), machine)


def _cell(value: str) -> str:
    return " ".join(value.split()).replace("|", "\\|")


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [_row(head), _row(["---"] * len(head)), *(_row(r) for r in rows)]


def _share(good: int, total: int) -> str:
    if total == 0:
        return "– (none)"
    return f"{good}/{total} ({100 * good / total:.0f}%)"


def _flagged(s: ClientScore) -> str:
    return ", ".join(f"{sid} ({sev})" for sid, sev in sorted(s.flagged.items())) or "none"


def _reading(s: ClientScore) -> str:
    return s.kind or "not chronic"


@dataclass(frozen=True)
class Check:
    """One "done when" line: what must hold, whether it does, and the exceptions."""

    text: str
    met: bool
    misses: tuple[str, ...]


def _who(s: ClientScore) -> str:
    return f"{s.agency} / {s.client} ({s.pattern})"


def checks(scores: Sequence[ClientScore]) -> list[Check]:
    """The four "done when" checks over ``scores`` (the held-out clients)."""
    healthy = [s for s in scores if s.wrongly_flagged]
    missed = [s for s in scores if not s.healthy and not s.caught]
    kind = [s for s in scores if not s.kind_ok or s.support_ok is False]
    low = [s for s in scores if s.low_report_ok is False]
    return [
        Check(
            "Every healthy client is keep or watch",
            not healthy,
            tuple(f"{_who(s)}: {s.got}" for s in healthy),
        ),
        Check(
            "Every planted problem is caught with the right sign",
            not missed,
            tuple(_miss(s) for s in missed),
        ),
        Check(
            "Chronic and acute are told apart (acute with support first)",
            not kind,
            tuple(
                f"{_who(s)}: read {s.got_pattern}, expected {_reading(s)}"
                + (" (no acute_support strategy)" if s.support_ok is False else "")
                for s in kind
            ),
        ),
        Check(
            "No end-now from a single low-severity report",
            not low,
            tuple(f"{_who(s)}: {s.got}" for s in low),
        ),
    ]


def _miss(s: ClientScore) -> str:
    parts = []
    if not s.verdict_ok:
        parts.append(f"{s.got}, expected {' or '.join(s.expected)}")
    if s.missing_signs:
        parts.append(f"not flagged: {', '.join(s.missing_signs)}")
    return f"{_who(s)}: {'; '.join(parts)}"


@dataclass(frozen=True)
class Figures:
    clients: int
    verdicts: int
    healthy: int
    healthy_ok: int
    problems: int
    problems_ok: int
    caught: int
    kinds_ok: int
    troubled_kinds: int
    troubled_kinds_ok: int
    ok: int

    @classmethod
    def of(cls, scores: Sequence[ClientScore]) -> Figures:
        healthy = [s for s in scores if s.healthy]
        problems = [s for s in scores if not s.healthy]
        troubled = [s for s in scores if s.kind is not None]
        return cls(
            clients=len(scores),
            verdicts=sum(s.verdict_ok for s in scores),
            healthy=len(healthy),
            healthy_ok=sum(s.verdict_ok for s in healthy),
            problems=len(problems),
            problems_ok=sum(s.verdict_ok for s in problems),
            caught=sum(s.caught for s in problems),
            kinds_ok=sum(s.kind_ok for s in scores),
            troubled_kinds=len(troubled),
            troubled_kinds_ok=sum(s.kind_ok for s in troubled),
            ok=sum(s.ok for s in scores),
        )


def _section(title: str, runs: Sequence[AgencyRun]) -> list[str]:
    scores = [s for r in runs for s in r.scores]
    f = Figures.of(scores)
    lines = [f"## {title}", ""]
    if not scores:
        return [*lines, "No agencies in this group were run.", ""]
    lines += [
        "Agencies: " + ", ".join(f"{r.slug} ({r.clients} clients)" for r in runs) + ".",
        "",
        f"- Verdict in the expected set: **{_share(f.verdicts, f.clients)}**",
        f"  - healthy clients (keep or watch): {_share(f.healthy_ok, f.healthy)}",
        f"  - planted problems: {_share(f.problems_ok, f.problems)}",
        f"- Planted problems caught (right verdict and every expected sign flagged): "
        f"{_share(f.caught, f.problems)}",
        f"- Chronic/acute reading right: {_share(f.kinds_ok, f.clients)} of all clients; "
        f"{_share(f.troubled_kinds_ok, f.troubled_kinds)} of the chronic and acute patterns",
        f"- Every check passed: {_share(f.ok, f.clients)}",
        "",
        "### Healthy clients wrongly flagged",
        "",
    ]
    wrong = [s for s in scores if s.wrongly_flagged]
    lines += [f"- {_who(s)}: **{s.got}**; flagged: {_flagged(s)}" for s in wrong] or ["None."]
    lines += ["", "### Planted problems missed", ""]
    missed = [s for s in scores if not s.healthy and not s.caught]
    lines += [f"- {_miss(s)}; flagged: {_flagged(s)}" for s in missed] or ["None."]
    lines += ["", "### Chronic and acute", ""]
    kinds = [s for s in scores if not s.kind_ok or s.support_ok is False]
    lines += [
        f"- {_who(s)}: read **{s.got_pattern}**, expected {_reading(s)}"
        + ("; no acute_support strategy" if s.support_ok is False else "")
        for s in kinds
    ] or ["Every client read right."]
    lines += ["", "### Which signal fired for each planted pattern", ""]
    rows = []
    for p in PATTERNS:
        mine = [s for s in scores if s.pattern == p.id]
        if not mine:
            continue
        rows.append(
            [
                p.id,
                ", ".join(p.signs) or "–",
                "; ".join(f"{s.client}: {_flagged(s)}" for s in mine),
                ", ".join(s.got for s in mine),
                f"{sum(s.ok for s in mine)}/{len(mine)}",
            ]
        )
    lines += _table(["Pattern", "Expected signs", "Signs flagged (low+)", "Verdict", "OK"], rows)
    lines += ["", "### Every client", ""]
    lines += _table(
        [
            "Agency",
            "Client",
            "Pattern",
            "Expected",
            "Got",
            "Pattern chronic/acute",
            "Read as",
            "Signs flagged",
            "OK",
        ],
        [
            [
                s.agency,
                s.client,
                s.pattern,
                ", ".join(s.expected),
                s.got,
                _reading(s),
                s.got_pattern,
                _flagged(s),
                "yes" if s.ok else "**no**",
            ]
            for s in sorted(scores, key=lambda s: (s.agency, list(BY_ID).index(s.pattern)))
        ],
    )
    return [*lines, ""]


def render_report(evaluation: Evaluation, info: RunInfo) -> str:
    """The whole report as Markdown."""
    runs = evaluation.runs
    analyzers = sorted({r.analyzer for r in runs}) or ["–"]
    held = [r for r in runs if r.held_out]
    lines = [
        "# Triage evaluation",
        "",
        "<!-- Written by `partways eval triage`; run it again rather than editing. -->",
        "",
        f"- Date: {info.when:%Y-%m-%d %H:%M} UTC",
        f"- Machine: {info.machine}",
        f"- Seed: {evaluation.seed}; analyzer: {', '.join(analyzers)}",
        f"- Run time: {evaluation.seconds:.0f} s for {len(runs)} agencies "
        f"({', '.join(f'{r.slug} {r.seconds:.0f} s' for r in runs)})",
        f"- Reproduce: `{info.command}`",
        "",
        "Generated agencies, each with one pattern planted per client, are written as the "
        "files their tools export (time, invoices, mail, chat, calendar, and a records "
        "file), imported through `partways import`'s own path into a fresh database, and "
        "triaged as of the agency's day. Each decision is scored against the answer key "
        "(`src/partways/evaluation/catalog.py`), written from PLAYBOOK before any run. The "
        "held-out agencies are never used to tune signals or triage; their figures are the "
        "ones that count.",
        "",
        "## Done when (held-out agencies)",
        "",
    ]
    if held:
        for c in checks([s for r in held for s in r.scores]):
            lines.append(f"- {c.text}: **{'met' if c.met else 'not met'}**")
            lines += [f"  - {m}" for m in c.misses]
    else:
        lines.append("No held-out agency was run.")
    lines += ["", "## Imported files", ""]
    lines += _table(
        ["Agency", "File", "Importer", "New records"],
        [
            [
                r.slug,
                i["path"].removeprefix("exports/"),
                i["importer"],
                ", ".join(f"{n:,} {k.replace('_', ' ')}" for k, n in i["new"].items() if n),
            ]
            for r in runs
            for i in r.imports
        ],
    )
    lines += [
        "",
        "Every file imported with no error, no skipped record and no unmatched message.",
        "",
    ]
    lost = [(r.slug, what, n) for r in runs for what, n in r.not_carried.items()]
    if lost:
        lines += [
            "Planted but not in any export (the importers have no field for it, so "
            "triage cannot see it):",
            "",
            *(f"- {slug}: {n} {what}" for slug, what, n in lost),
            "",
        ]
    lines += _section("Held-out agencies", held)
    lines += _section("Tuning agencies", [r for r in runs if not r.held_out])
    return "\n".join(lines).rstrip() + "\n"


def summary_rows(evaluation: Evaluation) -> list[list[str]]:
    """One row per agency and per group for the printed table."""
    rows = []
    for label, runs in (
        ("held-out", [r for r in evaluation.runs if r.held_out]),
        ("tuning", [r for r in evaluation.runs if not r.held_out]),
    ):
        for r in runs:
            rows.append(_summary(r.slug, label, r.scores, f"{r.seconds:.0f}"))
        if len(runs) > 1:
            scores = [s for r in runs for s in r.scores]
            rows.append(_summary(f"all {label}", label, scores, ""))
    return rows


SUMMARY_HEAD = [
    "Agency",
    "Group",
    "Clients",
    "Verdict ok",
    "Healthy ok",
    "Caught",
    "Chronic/acute",
    "All checks",
    "s",
]


def _summary(name: str, group: str, scores: Sequence[ClientScore], seconds: str) -> list[str]:
    f = Figures.of(scores)
    return [
        name,
        group,
        str(f.clients),
        _share(f.verdicts, f.clients),
        _share(f.healthy_ok, f.healthy),
        _share(f.caught, f.problems),
        _share(f.kinds_ok, f.clients),
        _share(f.ok, f.clients),
        seconds,
    ]
