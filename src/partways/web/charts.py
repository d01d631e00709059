"""Server-rendered SVG charts, embedded inline in the web pages.

The pages must work without JavaScript and without any network access, so each chart
is drawn here, in plain Python, as an SVG string that the template embeds inline (the
caller wraps it in ``mark_safe``). The SVG scales with the page (``viewBox`` with
``width="100%"``), takes its colours from the site's stylesheet through CSS classes
(``chart-line``, ``chart-point rec-keep``...) and still reads without the stylesheet
thanks to default ``fill``/``stroke`` attributes chosen for contrast on white.

Safety: ``mark_safe`` switches Django's escaping off, and client names come from user
data, so every text and attribute value that reaches the markup goes through
``escape``/``quoteattr`` here, and ids are reduced to safe characters.

Accessibility: the root is ``role="img"`` (``role="group"`` when its points are links,
which an image may not hold), labelled by its ``<title>`` and described by
a ``<desc>`` holding a one-line summary; their ids carry a per-chart prefix so several
charts can share a page. Points carry ``<title>`` tooltips and, when they link to a
client, sit inside an ``<a>`` so that the keyboard reaches them.

Size: a portfolio can hold thousands of clients. The Pareto curve is downsampled to at
most ``_MAX_CURVE_POINTS`` vertices, always keeping its ends and the marked share; the
scatter keeps one circle per client (each is a link) but is built in one linear pass.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

Format = Callable[[float], str]

# Tailwind greys and accents: text at 14:1 on white (WCAG AA asks 4.5:1); lines and
# marks stay above the 3:1 asked of graphics, gridlines stay faint on purpose.
_TEXT = "#1f2937"
_GRID = "#e5e7eb"
_AXIS = "#6b7280"
_ACCENT = "#2563eb"
_ALERT = "#b91c1c"
_WARN = "#b45309"
_MAX_CURVE_POINTS = 200
_NICE_STEPS = (1.0, 2.0, 2.5, 5.0)
_MAX_LABEL_CHARS = 28


def _default_format(value: float) -> str:
    return f"{value:,.0f}"


def _default_month(day: date) -> str:
    return day.strftime("%b %Y")


def _pct(share: float) -> str:
    # Half up, not Python's half-to-even: 0.785 reads as 79%, as a person rounds it.
    return f"{math.floor(share * 100 + 0.5):.0f}%"


def _n(value: float) -> str:
    # A tenth of a unit is finer than a pixel and keeps 2,000 points compact.
    return f"{value:.1f}"


@dataclass(frozen=True)
class Point:
    """One client in the scatter; ``href`` is built by the caller (a URL it reversed)."""

    label: str
    x: float
    y: float
    css: str
    href: str | None = None


@dataclass(frozen=True)
class _Frame:
    """The plot area in SVG units and the data range it shows."""

    left: float
    top: float
    right: float
    bottom: float
    x_lo: float
    x_hi: float
    y_lo: float
    y_hi: float

    def px(self, x: float) -> float:
        return self.left + (x - self.x_lo) / (self.x_hi - self.x_lo) * (self.right - self.left)

    def py(self, y: float) -> float:
        return self.bottom - (y - self.y_lo) / (self.y_hi - self.y_lo) * (self.bottom - self.top)


def _open(
    kind: str,
    width: int,
    height: int,
    title: str,
    summary: str,
    id_prefix: str,
    links: bool = False,
) -> list[str]:
    # aria-labelledby is a space-separated list of ids: a prefix with spaces or quotes
    # would point at nothing (or break the attribute), so keep only safe characters.
    pid = re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix) or "chart"
    # An image is one thing to assistive technology, with nothing inside to reach: a
    # chart whose points are links is a group of them instead (axe: nested-interactive).
    role = "group" if links else "img"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'role="{role}" aria-labelledby="{pid}-title" aria-describedby="{pid}-desc" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{pid}-title">{escape(title)}</title>',
        f'<desc id="{pid}-desc">{escape(summary)}</desc>',
    ]


def _text(
    x: float, y: float, text: str, cls: str, anchor: str = "start", halo: bool = False
) -> str:
    # A white outline under the glyphs keeps a label readable where it crosses a line.
    outline = ' stroke="#ffffff" stroke-width="3" paint-order="stroke"' if halo else ""
    return (
        f'<text class="{cls}" x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" fill="{_TEXT}"'
        f"{outline}>{escape(text)}</text>"
    )


def _line(
    x1: float, y1: float, x2: float, y2: float, cls: str, stroke: str, dashed: bool = False
) -> str:
    dash = ' stroke-dasharray="4 4"' if dashed else ""
    return (
        f'<line class="{cls}" x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
        f'stroke="{stroke}"{dash}/>'
    )


def _polyline(points: Sequence[tuple[float, float]], stroke_width: float = 2) -> str:
    coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
    return (
        f'<polyline class="chart-line" fill="none" stroke="{_ACCENT}" '
        f'stroke-width="{stroke_width}" stroke-linejoin="round" points="{coords}"/>'
    )


def _empty(
    kind: str, width: int, height: int, title: str, summary: str, id_prefix: str, text: str
) -> str:
    parts = _open(kind, width, height, title, summary, id_prefix)
    parts.append(_text(width / 2, height / 2 + 4, text, "chart-empty", "middle"))
    return "".join([*parts, "</svg>"])


def _nice_ticks(lo: float, hi: float) -> list[float]:
    """Ticks from 0 (or below) on a 1, 2, 2.5 or 5 x 10^k step: 3 or 4 steps in all."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi <= lo:
        hi = 1.0
    base = 10.0 ** math.floor(math.log10((hi - lo) / 4))
    while True:
        for multiple in _NICE_STEPS:
            step = multiple * base
            # The tolerance keeps 0.3 / 0.1 = 2.9999... from costing a whole step.
            first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
            if last - first <= 4:
                return [i * step for i in range(first, last + 1)]
        base *= 10


def _tick_format(fmt: Format | None, ticks: Sequence[float]) -> Format:
    if fmt is not None:
        return fmt
    # The plain default would print the ticks 0, 0.25 ... 1 as "0, 0, 0, 1, 1".
    step = ticks[1] - ticks[0]
    decimals = 0
    while decimals < 6 and abs(step * 10**decimals - round(step * 10**decimals)) > 1e-6:
        decimals += 1
    return lambda v: f"{v:,.{decimals}f}"


def _axes(
    f: _Frame, xs: Sequence[float], ys: Sequence[float], x_fmt: Format, y_fmt: Format
) -> list[str]:
    parts = ['<g class="chart-grid">']
    parts += [_line(f.px(x), f.top, f.px(x), f.bottom, "chart-gridline", _GRID) for x in xs]
    parts += [_line(f.left, f.py(y), f.right, f.py(y), "chart-gridline", _GRID) for y in ys]
    parts.append('</g><g class="chart-ticks chart-ticks-x" font-size="11">')
    parts += [_text(f.px(x), f.bottom + 15, x_fmt(x), "chart-tick", "middle") for x in xs]
    parts.append('</g><g class="chart-ticks chart-ticks-y" font-size="11">')
    parts += [_text(f.left - 6, f.py(y) + 4, y_fmt(y), "chart-tick", "end") for y in ys]
    parts.append("</g>")
    # Axes run through zero, so a loss shows below the horizontal axis.
    parts.append(_line(f.px(0), f.top, f.px(0), f.bottom, "chart-axis", _AXIS))
    parts.append(_line(f.left, f.py(0), f.right, f.py(0), "chart-axis", _AXIS))
    return parts


def _axis_titles(f: _Frame, height: int, x_label: str, y_label: str) -> list[str]:
    middle = (f.top + f.bottom) / 2
    return [
        _text((f.left + f.right) / 2, height - 6, x_label, "chart-axis-label", "middle"),
        f'<text class="chart-axis-label" transform="rotate(-90)" x="{_n(-middle)}" y="14" '
        f'text-anchor="middle" fill="{_TEXT}">{escape(y_label)}</text>',
    ]


def pareto_curve(
    values: Sequence[tuple[str, float]],
    *,
    title: str,
    summary: str,
    id_prefix: str,
    top_share: float = 0.2,
    x_label: str = "Share of clients",
    y_label: str = "Share of total",
    width: int = 640,
    height: int = 320,
    empty_text: str = "No data",
) -> str:
    """Cumulative share of the total against the cumulative share of clients, largest first."""
    # A loss is no share of the total: negative (and non-finite) amounts count as zero.
    amounts = sorted((max(v, 0.0) if math.isfinite(v) else 0.0 for _, v in values), reverse=True)
    total = math.fsum(amounts)
    if total <= 0:
        return _empty("pareto", width, height, title, summary, id_prefix, empty_text)
    n = len(amounts)
    cumulative, running = [0.0], 0.0
    for amount in amounts:
        running += amount
        cumulative.append(running / total)
    share = min(max(top_share, 0.0), 1.0)
    pos = share * n
    i = min(int(pos), n - 1)
    share_y = cumulative[i] + (cumulative[i + 1] - cumulative[i]) * (pos - i)
    # Evenly spaced along x, plus the marked share itself: it lies on the curve, so
    # adding it changes nothing but guarantees the marker sits exactly on the line.
    m = min(n + 1, _MAX_CURVE_POINTS - 1)
    kept = {round(j * n / (m - 1)) for j in range(m)}
    curve = sorted({(k / n, cumulative[k]) for k in kept} | {(share, share_y)})

    f = _Frame(60, 16, width - 20, height - 44, 0.0, 1.0, 0.0, 1.0)
    quarters = [0.0, 0.25, 0.5, 0.75, 1.0]
    parts = _open("pareto", width, height, title, summary, id_prefix)
    parts += _axes(f, quarters, quarters, _pct, _pct)
    parts += _axis_titles(f, height, x_label, y_label)
    parts.append(_line(f.px(0), f.py(0), f.px(1), f.py(1), "chart-reference", _AXIS, dashed=True))
    parts.append(_polyline([(f.px(x), f.py(y)) for x, y in curve]))
    mx, my = f.px(share), f.py(share_y)
    parts.append(_line(mx, f.bottom, mx, f.top, "chart-marker", _ALERT))
    parts.append(
        f'<circle class="chart-marker-point" cx="{_n(mx)}" cy="{_n(my)}" r="4" fill="{_ALERT}"/>'
    )
    # Beside the marker, under the curve; flipped to the left near the right edge.
    dx, anchor = (6, "start") if share <= 0.6 else (-6, "end")
    label = f"{_pct(share)} → {_pct(share_y)}"
    parts.append(
        _text(mx + dx, min(my + 18, f.bottom - 6), label, "chart-marker-label", anchor, halo=True)
    )
    return "".join([*parts, "</svg>"])


def scatter(
    points: Sequence[Point],
    *,
    title: str,
    summary: str,
    id_prefix: str,
    x_label: str,
    y_label: str,
    x_format: Callable[[float], str] | None = None,
    y_format: Callable[[float], str] | None = None,
    reference_slope: float | None = None,
    reference_label: str = "",
    width: int = 640,
    height: int = 360,
    empty_text: str = "No data",
) -> str:
    """Revenue against hours, one circle per client, with an optional target-rate line."""
    shown = [p for p in points if math.isfinite(p.x) and math.isfinite(p.y)]
    if not shown:
        return _empty("scatter", width, height, title, summary, id_prefix, empty_text)
    x_fmt, y_fmt = x_format or _default_format, y_format or _default_format
    xs = _nice_ticks(min(p.x for p in shown), max(p.x for p in shown))
    ys = _nice_ticks(min(p.y for p in shown), max(p.y for p in shown))
    f = _Frame(72, 16, width - 24, height - 48, xs[0], xs[-1], ys[0], ys[-1])
    parts = _open(
        "scatter", width, height, title, summary, id_prefix, links=any(p.href for p in shown)
    )
    parts += _axes(f, xs, ys, _tick_format(x_format, xs), _tick_format(y_format, ys))
    parts += _axis_titles(f, height, x_label, y_label)
    if reference_slope is not None:
        # y = slope * x from the origin, cut where it leaves the plot.
        end_x = f.x_hi
        end_y = reference_slope * end_x
        if end_y > f.y_hi or end_y < f.y_lo:
            end_y = f.y_hi if end_y > f.y_hi else f.y_lo
            end_x = end_y / reference_slope
        ex, ey = f.px(end_x), f.py(end_y)
        parts.append(_line(f.px(0), f.py(0), ex, ey, "chart-reference", _AXIS, dashed=True))
        if reference_label:
            ly = max(ey - 6, 12)
            parts.append(_text(ex - 4, ly, reference_label, "chart-reference-label", "end", True))
    parts.append(f'<g class="chart-points" fill="{_ACCENT}" fill-opacity="0.8" stroke="#ffffff">')
    for p in shown:
        tip = f"<title>{escape(f'{p.label} — {x_fmt(p.x)}, {y_fmt(p.y)}')}</title>"
        circle = (
            f"<circle class={quoteattr(f'chart-point {p.css}'.strip())} "
            f'cx="{_n(f.px(p.x))}" cy="{_n(f.py(p.y))}" r="4"'
        )
        if p.href:
            parts.append(f"<a href={quoteattr(p.href)}>{tip}{circle}/></a>")
        else:
            parts.append(f"{circle}>{tip}</circle>")
    parts.append("</g>")
    return "".join([*parts, "</svg>"])


def trend(
    series: Sequence[tuple[date, float | None]],
    *,
    title: str,
    summary: str,
    id_prefix: str,
    threshold: float | None = None,
    threshold_label: str = "",
    y_format: Callable[[float], str] | None = None,
    month_format: Callable[[date], str] | None = None,
    width: int = 320,
    height: int = 120,
    empty_text: str = "No data",
) -> str:
    """One signal of one client, month by month; a missing month breaks the line."""
    known = [v for _, v in series if v is not None and math.isfinite(v)]
    if not known:
        return _empty("trend", width, height, title, summary, id_prefix, empty_text)
    y_fmt, m_fmt = y_format or _default_format, month_format or _default_month
    extent = [0.0, *known] + ([threshold] if threshold is not None else [])
    lo, hi = min(extent), max(extent)
    pad = (hi - lo) * 0.1 or 1.0
    n = len(series)
    # A single month sits in the middle rather than on the left edge.
    x_lo, x_hi = (-1.0, 1.0) if n == 1 else (0.0, float(n - 1))
    f = _Frame(48, 8, width - 10, height - 20, x_lo, x_hi, lo - pad if lo < 0 else lo, hi + pad)
    parts = _open("trend", width, height, title, summary, id_prefix)
    parts.append(_line(f.left, f.py(0), f.right, f.py(0), "chart-axis", _AXIS))
    labelled: list[float] = []
    # Zero, the highest value, and the lowest only when it is a loss below zero.
    for tick in sorted({0.0, max(known), min(min(known), 0.0)}):
        y = f.py(tick)
        if all(abs(y - other) >= 12 for other in labelled):  # no overlapping labels
            labelled.append(y)
            parts.append(_text(f.left - 4, y + 4, y_fmt(tick), "chart-tick", "end"))
    if threshold is not None:
        ty = f.py(threshold)
        parts.append(_line(f.left, ty, f.right, ty, "chart-threshold", _WARN, dashed=True))
        label = threshold_label or y_fmt(threshold)
        parts.append(
            _text(f.right, max(ty - 3, 10), label, "chart-threshold-label", "end", halo=True)
        )
    segments: list[list[tuple[float, float]]] = [[]]
    dots: list[str] = []
    for i, (month, value) in enumerate(series):
        if value is None or not math.isfinite(value):
            if segments[-1]:
                segments.append([])
            continue
        x, y = f.px(i), f.py(value)
        segments[-1].append((x, y))
        tip = escape(f"{m_fmt(month)}: {y_fmt(value)}")
        dots.append(f'<circle class="chart-dot" cx="{_n(x)}" cy="{_n(y)}" r="2.5">')
        dots.append(f"<title>{tip}</title></circle>")
    # A lone month between gaps has no line to draw; its dot shows it.
    parts += [_polyline(seg, 1.5) for seg in segments if len(seg) >= 2]
    parts.append(f'<g class="chart-dots" fill="{_ACCENT}">{"".join(dots)}</g>')
    base = height - 5
    if n == 1:
        parts.append(_text(f.px(0), base, m_fmt(series[0][0]), "chart-tick", "middle"))
    else:
        parts.append(_text(f.left, base, m_fmt(series[0][0]), "chart-tick", "start"))
        parts.append(_text(f.right, base, m_fmt(series[-1][0]), "chart-tick", "end"))
    return "".join([*parts, "</svg>"])


def bars(
    rows: Sequence[tuple[str, float]],
    *,
    title: str,
    summary: str,
    id_prefix: str,
    value_format: Callable[[float], str] | None = None,
    width: int = 640,
    bar_height: int = 18,
    max_rows: int = 10,
    empty_text: str = "No data",
) -> str:
    """Horizontal bars for the first ``max_rows`` rows, in the order given."""
    shown = [(name, v if math.isfinite(v) else 0.0) for name, v in rows[: max(max_rows, 0)]]
    row_h = bar_height + 6
    height = 16 + max(len(shown), 1) * row_h
    if not shown:
        return _empty("bars", width, height, title, summary, id_prefix, empty_text)
    fmt = value_format or _default_format
    label_w, value_w = 196, 80  # 28 characters of 12px text; the widest usual amount
    lo = min(0.0, *(v for _, v in shown))
    hi = max(0.0, *(v for _, v in shown))
    scale = (width - value_w - label_w) / ((hi - lo) or 1.0)
    zero = label_w - lo * scale
    parts = _open("bars", width, height, title, summary, id_prefix)
    for i, (name, value) in enumerate(shown):
        y = 8 + i * row_h
        short = (
            name if len(name) <= _MAX_LABEL_CHARS else name[: _MAX_LABEL_CHARS - 1].rstrip() + "…"
        )
        start, end = sorted((zero, zero + value * scale))
        middle = y + bar_height / 2 + 4
        parts.append(f'<g class="chart-row"><title>{escape(f"{name}: {fmt(value)}")}</title>')
        parts.append(_text(label_w - 8, middle, short, "chart-bar-label", "end"))
        parts.append(
            f'<rect class="chart-bar" x="{_n(start)}" y="{y}" width="{_n(end - start)}" '
            f'height="{bar_height}" fill="{_ACCENT}"/>'
        )
        # After the bar's far end, or right of zero for a loss, where this row is empty.
        parts.append(_text(max(end, zero) + 4, middle, fmt(value), "chart-bar-value") + "</g>")
    parts.append(_line(zero, 4, zero, height - 4, "chart-axis", _AXIS))
    return "".join([*parts, "</svg>"])
