"""Sufficient contrast: every text colour of the stylesheet against its background
meets WCAG 2.1 AA (4.5:1 for text), read from the stylesheet itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "partways"
    / "web"
    / "static"
    / "partways"
    / "app.css"
)
WHITE = "#ffffff"


def _variables() -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", CSS.read_text()))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    r, g, b = linear
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _pairs() -> list[tuple[str, str, str]]:
    v = _variables()
    pairs = [
        ("text on white", v["text"], WHITE),
        ("text on panels", v["text"], v["panel"]),
        ("muted text on white", v["muted"], WHITE),
        ("muted text on panels", v["muted"], v["panel"]),
        ("links on white", v["accent"], WHITE),
        ("button text", WHITE, v["accent"]),
    ]
    # Every badge: the -fg colour on its -bg colour.
    for name in sorted(k[: -len("-fg")] for k in v if k.endswith("-fg")):
        pairs.append((f"{name} badge", v[f"{name}-fg"], v[f"{name}-bg"]))
    return pairs


def test_the_stylesheet_names_its_colours() -> None:
    assert len(_pairs()) >= 11


@pytest.mark.parametrize(("what", "fg", "bg"), _pairs(), ids=[p[0] for p in _pairs()])
def test_text_colours_meet_wcag_aa(what: str, fg: str, bg: str) -> None:
    assert contrast(fg, bg) >= 4.5, f"{what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1"


def test_the_contrast_formula_matches_known_values() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # the classic AA grey
