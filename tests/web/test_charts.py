"""The inline SVG charts: well-formed, escaped, accessible, and drawing what they say."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date

import pytest

from partways.web.charts import Point, bars, pareto_curve, scatter, trend

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = ["<script>alert(1)</script>", 'A & B "quoted"']
COMMON = {"title": "Chart <b>&</b>", "summary": "One line & <i>more</i>", "id_prefix": "c1"}


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises on anything that is not well-formed XML
    assert root.tag == f"{NS}svg"
    return root


def find(root: ET.Element, tag: str, cls: str | None = None) -> list[ET.Element]:
    found = root.iter(f"{NS}{tag}")
    return [e for e in found if cls is None or cls in (e.get("class") or "").split()]


def texts(root: ET.Element, cls: str | None = None) -> list[str]:
    return ["".join(e.itertext()) for e in find(root, "text", cls)]


def polyline_points(element: ET.Element) -> list[tuple[float, float]]:
    pairs = (pair.split(",") for pair in (element.get("points") or "").split())
    return [(float(x), float(y)) for x, y in pairs]


def months(values: list[float | None]) -> list[tuple[date, float | None]]:
    return [(date(2024, 1 + i, 1), v) for i, v in enumerate(values)]


def every_chart(**common: str) -> dict[str, str]:
    return {
        "pareto": pareto_curve([("a", 3.0), ("b", 1.0)], **common),
        "scatter": scatter([Point("a", 1, 2, "rec-keep")], x_label="h", y_label="r", **common),
        "trend": trend(months([1.0, None, 2.0]), threshold=1.5, **common),
        "bars": bars([("a", 1.0)], **common),
        "pareto-empty": pareto_curve([], **common),
        "scatter-empty": scatter([], x_label="h", y_label="r", **common),
        "trend-empty": trend(months([None, None]), **common),
        "bars-empty": bars([], **common),
    }


# Accessibility and safety, for every chart -------------------------------------------


@pytest.mark.parametrize("kind", list(every_chart(**COMMON)))
def test_root_is_a_scalable_img_labelled_by_its_title_and_described_by_its_desc(kind):
    root = parse(every_chart(**COMMON)[kind])
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("preserveAspectRatio") == "xMidYMid meet"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox") or "")
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    title = by_id[root.get("aria-labelledby")]
    desc = by_id[root.get("aria-describedby")]
    assert title.tag == f"{NS}title" and title.text == COMMON["title"]
    assert desc.tag == f"{NS}desc" and desc.text == COMMON["summary"]
    assert all(i.startswith("c1-") for i in by_id)


def test_ids_differ_between_prefixes_and_an_unsafe_prefix_still_resolves():
    first = parse(bars([("a", 1.0)], title="t", summary="s", id_prefix="one"))
    second = parse(bars([("a", 1.0)], title="t", summary="s", id_prefix="two"))
    ids = {e.get("id") for r in (first, second) for e in r.iter() if e.get("id")}
    assert len(ids) == 4
    odd = parse(bars([("a", 1.0)], title="t", summary="s", id_prefix='x "y" z'))
    label = odd.get("aria-labelledby") or ""
    assert " " not in label
    assert any(e.get("id") == label for e in odd.iter())


def test_hostile_names_are_escaped_and_come_back_intact_from_the_parsed_xml():
    common = {"title": HOSTILE[0], "summary": HOSTILE[1], "id_prefix": "h"}
    outputs = [
        scatter(
            [Point(name, 1, 1, "rec-keep", href="/c?a=1&b=2") for name in HOSTILE],
            x_label=HOSTILE[0],
            y_label=HOSTILE[1],
            reference_slope=1,
            reference_label=HOSTILE[1],
            **common,
        ),
        bars([(name, 5.0) for name in HOSTILE], **common),
        trend(months([1.0]), threshold=2, threshold_label=HOSTILE[0], **common),
        pareto_curve([(n, 1.0) for n in HOSTILE], x_label=HOSTILE[0], y_label=HOSTILE[1], **common),
        scatter([], x_label="h", y_label="r", empty_text=HOSTILE[0], **common),
    ]
    for svg in outputs:
        assert "<script>" not in svg
        root = parse(svg)
        everything = " ".join(root.itertext())
        for name in HOSTILE:
            assert name in everything


# Pareto curve -------------------------------------------------------------------------


def test_pareto_marker_shows_the_share_held_by_the_top_fifth():
    # 4 of 20 clients (20%) hold 80 of 100.
    values = [(f"big {i}", 20.0) for i in range(4)] + [(f"small {i}", 1.25) for i in range(16)]
    root = parse(pareto_curve(values, **COMMON))
    assert texts(root, "chart-marker-label") == ["20% → 80%"]


def test_pareto_marker_interpolates_between_clients_and_rounds_half_up():
    # Half of 3 clients is 1.5 clients: halfway between 50% and 80% of the total.
    root = parse(pareto_curve([("a", 20.0), ("b", 50.0), ("c", 30.0)], top_share=0.5, **COMMON))
    assert texts(root, "chart-marker-label") == ["50% → 65%"]
    # 1 of 8 clients holds 0.785 of the total: read as 79%, not banker's 78%.
    values = [("a", 785.0)] + [(f"o{i}", 215.0 / 7) for i in range(7)]
    root = parse(pareto_curve(values, top_share=0.125, **COMMON))
    assert texts(root, "chart-marker-label") == ["13% → 79%"]


def test_pareto_with_2000_clients_keeps_at_most_200_points_with_both_ends_and_the_marker():
    values = [(f"client {i}", 1000.0 / (i + 1)) for i in range(2000)]
    started = time.perf_counter()
    root = parse(pareto_curve(values, top_share=0.2013, **COMMON))
    assert time.perf_counter() - started < 0.5
    (curve,) = find(root, "polyline", "chart-line")
    points = polyline_points(curve)
    assert 100 <= len(points) <= 200
    (grid_x, grid_y) = _grid_extent(root)
    assert points[0] == (min(grid_x), max(grid_y))  # 0% of clients, 0% of the total
    assert points[-1] == (max(grid_x), min(grid_y))  # everyone holds everything
    (marker,) = find(root, "line", "chart-marker")
    (dot,) = find(root, "circle", "chart-marker-point")
    assert (float(marker.get("x1") or 0), float(dot.get("cy") or 0)) in points
    assert [x for x, _ in points] == sorted(x for x, _ in points)


def _grid_extent(root: ET.Element) -> tuple[set[float], set[float]]:
    (grid,) = find(root, "g", "chart-grid")
    lines = list(grid)
    return {float(e.get("x1") or 0) for e in lines}, {float(e.get("y1") or 0) for e in lines}


def test_pareto_draws_a_dashed_equal_share_diagonal_and_quarter_gridlines():
    root = parse(pareto_curve([("a", 3.0), ("b", 1.0)], **COMMON))
    (diagonal,) = find(root, "line", "chart-reference")
    assert diagonal.get("stroke-dasharray")
    xs, ys = _grid_extent(root)
    assert len(xs) == 5 and len(ys) == 5
    quarters = ["0%", "25%", "50%", "75%", "100%"]
    assert texts(root, "chart-tick") == quarters + quarters


@pytest.mark.parametrize("values", [[], [("a", 0.0), ("b", 0.0)], [("a", -5.0)]])
def test_pareto_without_a_positive_total_shows_the_empty_text(values):
    root = parse(pareto_curve(values, empty_text="Nothing yet", **COMMON))
    assert texts(root) == ["Nothing yet"]
    assert not find(root, "polyline")


# Scatter ------------------------------------------------------------------------------


def _scatter(points: list[Point], **kwargs: object) -> ET.Element:
    options: dict[str, object] = {"x_label": "Hours", "y_label": "Revenue", **COMMON}
    options.update(kwargs)
    return parse(scatter(points, **options))  # type: ignore[arg-type]


def test_scatter_draws_one_circle_per_client_with_formatted_tooltips_and_classes():
    points = [Point("Acme", 12.5, 1500, "rec-keep"), Point("Beta", 30, 900, "rec-end_now")]
    root = _scatter(points, x_format=lambda v: f"{v:.1f} h", y_format=lambda v: f"€{v:,.0f}")
    circles = find(root, "circle", "chart-point")
    assert len(circles) == 2
    assert [c.get("class") for c in circles] == ["chart-point rec-keep", "chart-point rec-end_now"]
    tips = [c.findtext(f"{NS}title") for c in circles]
    assert tips == ["Acme — 12.5 h, €1,500", "Beta — 30.0 h, €900"]


def test_scatter_wraps_linked_points_in_escaped_anchors():
    points = [Point("Acme", 1, 1, "rec-keep", href="/clients/7?tab=a&x=1"), Point("B", 2, 2, "")]
    svg = scatter(points, x_label="h", y_label="r", **COMMON)
    assert 'href="/clients/7?tab=a&amp;x=1"' in svg
    root = parse(svg)
    (link,) = find(root, "a")
    assert link.get("href") == "/clients/7?tab=a&x=1"
    assert link.findtext(f"{NS}title") == "Acme — 1, 1"
    assert len(find(link, "circle")) == 1
    assert len(find(root, "circle", "chart-point")) == 2
    # An image holds nothing to reach; a chart of links is a group of them (axe:
    # nested-interactive), still labelled by its title.
    assert root.get("role") == "group" and root.get("aria-labelledby")


def test_scatter_axes_end_on_nice_steps_with_four_or_five_ticks():
    root = _scatter([Point("a", 37, 9200, "")])
    assert texts(root, "chart-tick") == (
        ["0", "10", "20", "30", "40"] + ["0", "2,500", "5,000", "7,500", "10,000"]
    )
    # Below one, the default tick format shows the decimals the step needs.
    root = _scatter([Point("a", 0.9, 1.6, "")])
    assert texts(root, "chart-tick") == (
        ["0.00", "0.25", "0.50", "0.75", "1.00"] + ["0.0", "0.5", "1.0", "1.5", "2.0"]
    )


def test_scatter_with_a_loss_starts_the_revenue_axis_below_zero():
    root = _scatter([Point("Loss", 20, -1200, ""), Point("Gain", 10, 4000, "")])
    (y_ticks,) = find(root, "g", "chart-ticks-y")
    values = [float(t.replace(",", "")) for t in texts(y_ticks)]
    assert min(values) < -1200 and max(values) >= 4000
    assert 4 <= len(values) <= 5


@pytest.mark.parametrize("slope", [100.0, 10_000.0, -50.0])
def test_scatter_reference_line_is_dashed_labelled_and_stays_inside_the_plot(slope):
    root = _scatter(
        [Point("a", 40, 8000, ""), Point("b", 5, -100, "")],
        reference_slope=slope,
        reference_label="Target rate",
    )
    (line,) = find(root, "line", "chart-reference")
    assert line.get("stroke-dasharray")
    assert texts(root, "chart-reference-label") == ["Target rate"]
    xs, ys = _grid_extent(root)
    x2, y2 = float(line.get("x2") or 0), float(line.get("y2") or 0)
    assert min(xs) <= x2 <= max(xs) and min(ys) <= y2 <= max(ys)


def test_scatter_of_only_zeros_or_nothing_does_not_crash():
    assert len(find(_scatter([Point("z", 0, 0, "")]), "circle")) == 1
    assert texts(_scatter([], empty_text="No clients")) == ["No clients"]


def test_scatter_of_2000_clients_is_fast_and_keeps_every_point():
    points = [
        Point(f"c{i}", (i * 7) % 400, (i * 131) % 50_000 - 5_000, "rec-keep", f"/c/{i}")
        for i in range(2000)
    ]
    started = time.perf_counter()
    svg = scatter(points, x_label="h", y_label="r", **COMMON)
    assert time.perf_counter() - started < 0.5
    assert len(find(parse(svg), "circle", "chart-point")) == 2000


# Trend --------------------------------------------------------------------------------


def _trend(values: list[float | None], **kwargs: object) -> ET.Element:
    options: dict[str, object] = {**COMMON, **kwargs}
    return parse(trend(months(values), **options))  # type: ignore[arg-type]


def test_trend_missing_months_break_the_line_and_get_no_dot():
    root = _trend([1.0, 2.0, None, 3.0, 4.0])
    assert len(find(root, "polyline", "chart-line")) == 2
    dots = find(root, "circle", "chart-dot")
    assert [d.findtext(f"{NS}title") for d in dots] == [
        "Jan 2024: 1",
        "Feb 2024: 2",
        "Apr 2024: 3",
        "May 2024: 4",
    ]


def test_trend_uses_the_given_month_and_value_formats_and_labels_first_and_last_month():
    root = _trend(
        [0.25, 0.5, 0.75],
        y_format=lambda v: f"{v:.0%}",
        month_format=lambda d: f"{d.month:02}/{d.year}",
    )
    assert find(root, "circle")[0].findtext(f"{NS}title") == "01/2024: 25%"
    labels = texts(root, "chart-tick")
    assert "01/2024" in labels and "03/2024" in labels and "02/2024" not in labels


def test_trend_threshold_is_a_dashed_labelled_line_inside_the_range():
    root = _trend([1.0, 2.0, 3.0], threshold=10.0, threshold_label="Limit")
    (line,) = find(root, "line", "chart-threshold")
    assert line.get("stroke-dasharray")
    assert texts(root, "chart-threshold-label") == ["Limit"]
    y = float(line.get("y1") or 0)
    assert y > 0  # inside the chart, with headroom above
    assert all(y < float(d.get("cy") or 0) for d in find(root, "circle"))  # above every value


def test_trend_range_includes_zero_for_negative_values():
    root = _trend([-3.0, -1.0])
    (axis,) = find(root, "line", "chart-axis")
    dots = [float(d.get("cy") or 0) for d in find(root, "circle")]
    assert all(cy > float(axis.get("y1") or 0) for cy in dots)  # below the zero line


def test_trend_of_a_single_month_draws_one_dot_and_one_label():
    root = _trend([5.0])
    assert len(find(root, "circle")) == 1
    assert not find(root, "polyline")
    assert "Jan 2024" in texts(root, "chart-tick")


def test_trend_with_no_values_shows_the_empty_text():
    assert texts(_trend([None, None], empty_text="—")) == ["—"]
    assert texts(_trend([])) == ["No data"]


# Bars ---------------------------------------------------------------------------------


def test_bars_truncate_long_names_but_keep_them_whole_in_the_tooltip():
    long = "An Exceedingly Long Client Name Limited"
    root = parse(bars([(long, 10.0), ("Short", 5.0)], **COMMON))
    labels = texts(root, "chart-bar-label")
    assert labels == ["An Exceedingly Long Client…", "Short"]
    assert len(labels[0]) <= 28
    assert find(root, "g", "chart-row")[0].findtext(f"{NS}title") == f"{long}: 10"


def test_bars_show_at_most_max_rows_and_grow_with_them():
    rows = [(f"client {i}", float(100 - i)) for i in range(25)]
    three = parse(bars(rows, max_rows=3, **COMMON))
    ten = parse(bars(rows, **COMMON))
    assert len(find(three, "rect", "chart-bar")) == 3
    assert len(find(ten, "rect", "chart-bar")) == 10

    def height(root: ET.Element) -> int:
        return int((root.get("viewBox") or "").split()[3])

    assert height(ten) > height(three)


def test_bars_are_proportional_and_show_formatted_values():
    fmt: Callable[[float], str] = lambda v: f"{v:,.2f} €"  # noqa: E731
    root = parse(bars([("a", 2000.0), ("b", 1000.0)], value_format=fmt, **COMMON))
    widths = [float(r.get("width") or 0) for r in find(root, "rect", "chart-bar")]
    assert widths[0] == pytest.approx(2 * widths[1], rel=0.01)
    assert texts(root, "chart-bar-value") == ["2,000.00 €", "1,000.00 €"]


def test_bars_with_a_loss_do_not_crash():
    root = parse(bars([("gain", 100.0), ("loss", -50.0)], **COMMON))
    assert all(float(r.get("width") or 0) > 0 for r in find(root, "rect"))


def test_bars_with_no_rows_show_the_empty_text():
    assert texts(parse(bars([], empty_text="None yet", **COMMON))) == ["None yet"]
