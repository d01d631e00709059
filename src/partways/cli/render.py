"""Rich renderings of triage results."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from partways.core.pareto import METRICS, ParetoRow
from partways.core.phrase import Phrase, from_json_text
from partways.core.triage import Decision, SignalView
from partways.i18n import format_number
from partways.i18n.terms import record_label
from partways.web import labels

from .lang import current, day, words
from .lang import gettext as _

COLOURS = {
    "keep": "green",
    "watch": "yellow",
    "repair": "dark_orange",
    "end_at_contract_end": "red",
    "end_now": "bold white on red",
}
SEVERITY_COLOURS = {"none": "dim", "low": "yellow", "medium": "dark_orange", "high": "bold red"}
# The CLI's own names for the verdicts (lower case, as they read in a sentence).
LABELS = {
    "keep": gettext_lazy("keep"),
    "watch": gettext_lazy("watch"),
    "repair": gettext_lazy("repair"),
    "end_at_contract_end": gettext_lazy("end at contract end"),
    "end_now": gettext_lazy("end now"),
}
PATTERNS = {
    "chronic": gettext_lazy("chronic"),
    "acute": gettext_lazy("acute"),
    "intermittent": gettext_lazy("intermittent"),
    "none": gettext_lazy("none"),
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
    table = Table(
        title=_("Triage as of %(date)s") % {"date": day(as_of)}, title_justify="left", expand=True
    )
    table.add_column("#", justify="right", no_wrap=True, min_width=2)
    if width < WIDE:
        table.add_column(_("Client and top reason"), ratio=1, overflow="fold")
        table.add_column(_("Recommendation"), no_wrap=True)
        table.add_column(_("Score"), justify="right", no_wrap=True)
        for i, d in enumerate(decisions, 1):
            who = Text(d.client, style="bold")
            if d.reasons:
                who.append(f"\n{_reasons(d)[0]}", style="dim")
            verdict = Text(str(LABELS[d.recommendation]), style=COLOURS[d.recommendation])
            if d.pattern != "none":
                verdict.append(f"\n{PATTERNS[d.pattern]}", style="dim")
            table.add_row(str(i), who, verdict, _score(d.score))
        return table
    table.add_column(_("Client"), no_wrap=True)
    table.add_column(_("Recommendation"), no_wrap=True)
    table.add_column(_("Score"), justify="right", no_wrap=True)
    table.add_column(_("Pattern"), no_wrap=True)
    table.add_column(_("Top reason"), ratio=1)
    for i, d in enumerate(decisions, 1):
        table.add_row(
            str(i),
            d.client,
            Text(str(LABELS[d.recommendation]), style=COLOURS[d.recommendation]),
            _score(d.score),
            str(PATTERNS[d.pattern]),
            _reasons(d)[0] if d.reasons else "",
        )
    return table


def _score(score: float) -> str:
    return format_number(score, current(), 1)


def _reasons(d: Decision) -> list[str]:
    """The decision's reasons in the CLI's language."""
    if len(d.reason_phrases) == len(d.reasons):
        return [words(p) for p in d.reason_phrases]
    return list(d.reasons)


def _explanation(s: SignalView) -> str:
    return words(s.phrase) if s.phrase else s.explanation


def _record(record: str) -> str:
    """A cited record: as the engine names it in English ("month 2026-03"), worded in
    other languages ("ožujak 2026")."""
    return record if current() == "en" else record_label(record, current())


def _detail(e: dict[str, object]) -> str:
    phrase = e.get("detail_phrase")
    if current() == "en" or not phrase:
        return str(e["detail"])
    return words(phrase if isinstance(phrase, Phrase) else from_json_text(str(phrase)))


def summary(decisions: list[Decision]) -> Text:
    counts = {r: 0 for r in LABELS}
    for d in decisions:
        counts[d.recommendation] += 1
    text = Text(_("%(n)s clients: ") % {"n": len(decisions)})
    for i, (rec, n) in enumerate(counts.items()):
        if i:
            text.append(", ")
        text.append(f"{n} {LABELS[rec]}", style=COLOURS[rec])
    return text


def decision_panel(d: Decision) -> Panel:
    body = Text()
    body.append(str(LABELS[d.recommendation]), style=COLOURS[d.recommendation])
    body.append(
        "   "
        + _("score %(score)s   pattern: %(pattern)s")
        % {"score": _score(d.score), "pattern": PATTERNS[d.pattern]}
    )
    if d.cooling_off_until:
        body.append(
            "\n"
            + _("Sleep on it: act no sooner than %(date)s [001].")
            % {"date": day(d.cooling_off_until)}
        )
    if d.contract_end:
        body.append(
            "\n" + _("The current contract term ends on %(date)s.") % {"date": day(d.contract_end)}
        )
    for reason in _reasons(d):
        body.append(f"\n• {reason}")
    if d.strategies:
        body.append("\n\n" + _("Repair strategies:"), style="bold")
        for s in d.strategies:
            because = (
                " "
                + _("(because of %(signs)s)") % {"signs": ", ".join(_title(i) for i in s.because)}
                if s.because
                else ""
            )
            title = labels.label(labels.STRATEGIES, s.id)
            body.append(f"\n• {title} {s.tag}{because}")
    return Panel(body, title=d.client, title_align="left")


def signals_table(signals: list[SignalView], width: int = WIDE) -> Table | Group:
    """Every signal with its value, threshold, trend and what it means; at a narrow
    ``width``, one block per signal with the sentence under its heading."""
    if width < WIDE:
        blocks: list[Text] = []
        for s in signals:
            block = Text(_title(s.id), style="bold")
            block.append("  ")
            block.append(_severity(s.severity), style=SEVERITY_COLOURS[s.severity])
            value = "–" if s.value is None else _value(s.value)
            threshold = _("threshold %(value)s") % {"value": _threshold(s.threshold)}
            block.append(f"  {value} ({threshold})  ")
            block.append(sparkline([v for _month, v in s.series]))
            block.append(f"\n{_explanation(s)}\n")
            blocks.append(block)
        return Group(*blocks)
    table = Table(expand=True)
    table.add_column(_("Signal"), no_wrap=True)
    table.add_column(_("Severity"), no_wrap=True)
    table.add_column(_("Value"), justify="right", no_wrap=True)
    table.add_column(_("Threshold"), justify="right", no_wrap=True)
    table.add_column(_("Trend (12 months)"), no_wrap=True)
    table.add_column(_("What it means"), ratio=1)
    for s in signals:
        table.add_row(
            _title(s.id),
            Text(_severity(s.severity), style=SEVERITY_COLOURS[s.severity]),
            "–" if s.value is None else _value(s.value),
            _threshold(s.threshold),
            sparkline([v for _month, v in s.series]),
            _explanation(s),
        )
    return table


def _title(signal_id: str) -> str:
    return labels.label(labels.SIGNALS, signal_id)


def _severity(severity: str) -> str:
    return labels.label(labels.SEVERITIES, severity)


def _value(value: float) -> str:
    return format_number(value, current(), 2)


def _threshold(value: float) -> str:
    return f"{value:g}" if current() == "en" else format_number(value, current(), 2)


def evidence_tables(signals: list[SignalView]) -> list[Table]:
    tables = []
    for s in signals:
        if not s.evidence:
            continue
        t = Table(
            title=_("Evidence: %(sign)s") % {"sign": _title(s.id)},
            title_justify="left",
            expand=True,
        )
        t.add_column(_("Date"), no_wrap=True)
        t.add_column(_("Record"), no_wrap=True)
        t.add_column(_("Detail"), ratio=1)
        for e in s.evidence:
            t.add_row(day(e["date"]), _record(e["record"]), _detail(e))
        tables.append(t)
    return tables


def pareto_table(rows: list[ParetoRow], top_share: float) -> Table:
    t = Table(
        title=_("The vital few: what the top %(share)s of clients account for [001]")
        % {"share": f"{top_share:.0%}"},
        title_justify="left",
        expand=True,
    )
    t.add_column(_("Measure"), no_wrap=True)
    t.add_column(_("Total"), justify="right", no_wrap=True)
    t.add_column(_("Top clients' share"), justify="right", no_wrap=True)
    t.add_column(_("Who they are"), ratio=1)
    for r in rows:
        who = ", ".join(f"{name} ({value:,.0f})" for name, value in r.top_clients)
        t.add_row(_(METRICS[r.metric]), f"{r.total:,.0f}", f"{r.top_share:.0%}", who or "–")
    return t
