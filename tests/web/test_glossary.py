"""The catalogs follow docs/glossary.md: each term reads the same everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("id", "hr", "ar")


def _glossary() -> list[dict[str, str]]:
    """The first table of the glossary: one row per term that is a catalog entry."""
    rows, started = [], False
    for line in (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| English |"):
            if started:
                break
            started = True
            continue
        if started and line.startswith("| ") and not line.startswith("| ---"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows.append(dict(zip(("en", *LANGS), cells, strict=True)))
    return rows


def _catalog(lang: str) -> dict[str, str]:
    path = ROOT / "src" / "partways" / "web" / "locale" / lang / "LC_MESSAGES" / "django.po"
    with path.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and isinstance(m.id, str)}


def test_the_glossary_has_terms():
    assert len(_glossary()) >= 25


@pytest.mark.parametrize("lang", LANGS)
def test_each_term_is_translated_as_the_glossary_says(lang: str) -> None:
    catalog = _catalog(lang)
    differ = {
        row["en"]: (catalog.get(row["en"]), row[lang])
        for row in _glossary()
        if catalog.get(row["en"]) != row[lang]
    }
    assert not differ, f"{lang}: catalog vs glossary {differ}"
