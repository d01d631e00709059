"""Rich renderings of triage results."""

from __future__ import annotations

import datetime as dt

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from partways.core.pareto import METRICS, ParetoRow
from partways.core.triage import TITLES, Decision, SignalView

COLOURS = {
    "keep": "green",
    "watch": "yellow",
    "repair": "dark_orange",
    "end_at_contract_end": "red",
    "end_now": "bold white on red",
}
SEVERITY_COLOURS = {"none": "dim", "low": "yellow", "medium": "dark_orange", "high": "bold red"}
LABELS = {
    "keep": "keep",
    "watch": "watch",
    "repair": "repair",
    "end_at_contract_end": "end at contract end",
    "end_now": "end now",
}
BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return ""
    lo, hi = min(known), max(known)
    span = (hi - lo) or 1.0
    return "".join(
        " " if v is None else BARS[int((v - lo) / span * (len(BARS) - 1))] for v in values
    )


# Below this many columns the wide tables lose their prose column to the fixed ones;
# narrower terminals get a layout of their own (an 80-column terminal is the standard).
WIDE = 110


def triage_table(decisions: list[Decision], as_of: dt.date, width: int = WIDE) -> Table:
    """The ranked clients: one row each, their top reason beside them, or under the
    client's name when ``width`` is narrow."""
    table = Table(title=f"Triage as of {as_of}", title_justify="left", expand=True)
    table.add_column("#", justify="right", no_wrap=True, min_width=2)
    if width < WIDE:
        table.add_column("Client and top reason", ratio=1, overflow="fold")
        table.add_column("Recommendation", no_wrap=True)
        table.add_column("Score", justify="right", no_wrap=True)
        for i, d in enumerate(decisions, 1):
            who = Text(d.client, style="bold")
            if d.reasons:
                who.append(f"\n{d.reasons[0]}", style="dim")
            verdict = Text(LABELS[d.recommendation], style=COLOURS[d.recommendation])
            if d.pattern != "none":
                verdict.append(f"\n{d.pattern}", style="dim")
            table.add_row(str(i), who, verdict, f"{d.score:.1f}")
        return table
    table.add_column("Client", no_wrap=True)
    table.add_column("Recommendation", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Pattern", no_wrap=True)
    table.add_column("Top reason", ratio=1)
    for i, d in enumerate(decisions, 1):
        table.add_row(
            str(i),
            d.client,
            Text(LABELS[d.recommendation], style=COLOURS[d.recommendation]),
            f"{d.score:.1f}",
            d.pattern,
            d.reasons[0] if d.reasons else "",
        )
    return table


def summary(decisions: list[Decision]) -> Text:
    counts = {r: 0 for r in LABELS}
    for d in decisions:
        counts[d.recommendation] += 1
    text = Text(f"{len(decisions)} clients: ")
    for i, (rec, n) in enumerate(counts.items()):
        if i:
            text.append(", ")
        text.append(f"{n} {LABELS[rec]}", style=COLOURS[rec])
    return text


def decision_panel(d: Decision) -> Panel:
    body = Text()
    body.append(LABELS[d.recommendation], style=COLOURS[d.recommendation])
    body.append(f"   score {d.score:.1f}   pattern: {d.pattern}")
    if d.cooling_off_until:
        body.append(f"\nSleep on it: act no sooner than {d.cooling_off_until} [001].")
    if d.contract_end:
        body.append(f"\nThe current contract term ends on {d.contract_end}.")
    for reason in d.reasons:
        body.append(f"\n• {reason}")
    if d.strategies:
        body.append("\n\nRepair strategies:", style="bold")
        for s in d.strategies:
            because = f" (because of {', '.join(s.because)})" if s.because else ""
            body.append(f"\n• {s.title} {s.tag}{because}")
    return Panel(body, title=d.client, title_align="left")


def signals_table(signals: list[SignalView], width: int = WIDE) -> Table | Group:
    """Every signal with its value, threshold, trend and what it means; at a narrow
    ``width``, one block per signal with the sentence under its heading."""
    if width < WIDE:
        blocks: list[Text] = []
        for s in signals:
            block = Text(TITLES[s.id], style="bold")
            block.append("  ")
            block.append(s.severity, style=SEVERITY_COLOURS[s.severity])
            value = "–" if s.value is None else f"{s.value:.2f}"
            block.append(f"  {value} (threshold {s.threshold:g})  ")
            block.append(sparkline([v for _, v in s.series]))
            block.append(f"\n{s.explanation}\n")
            blocks.append(block)
        return Group(*blocks)
    table = Table(expand=True)
    table.add_column("Signal", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Value", justify="right", no_wrap=True)
    table.add_column("Threshold", justify="right", no_wrap=True)
    table.add_column("Trend (12 months)", no_wrap=True)
    table.add_column("What it means", ratio=1)
    for s in signals:
        table.add_row(
            TITLES[s.id],
            Text(s.severity, style=SEVERITY_COLOURS[s.severity]),
            "–" if s.value is None else f"{s.value:.2f}",
            f"{s.threshold:g}",
            sparkline([v for _, v in s.series]),
            s.explanation,
        )
    return table


def evidence_tables(signals: list[SignalView]) -> list[Table]:
    tables = []
    for s in signals:
        if not s.evidence:
            continue
        t = Table(title=f"Evidence: {TITLES[s.id]}", title_justify="left", expand=True)
        t.add_column("Date", no_wrap=True)
        t.add_column("Record", no_wrap=True)
        t.add_column("Detail", ratio=1)
        for e in s.evidence:
            t.add_row(str(e["date"]), e["record"], e["detail"])
        tables.append(t)
    return tables


def pareto_table(rows: list[ParetoRow], top_share: float) -> Table:
    t = Table(
        title=f"The vital few: what the top {top_share:.0%} of clients account for [001]",
        title_justify="left",
        expand=True,
    )
    t.add_column("Measure", no_wrap=True)
    t.add_column("Total", justify="right", no_wrap=True)
    t.add_column("Top clients' share", justify="right", no_wrap=True)
    t.add_column("Who they are", ratio=1)
    for r in rows:
        who = ", ".join(f"{name} ({value:,.0f})" for name, value in r.top_clients)
        t.add_row(METRICS[r.metric], f"{r.total:,.0f}", f"{r.top_share:.0%}", who or "–")
    return t
