"""The settings registry: every threshold documented, overrides checked."""

from pathlib import Path

import pytest

from partways.core.config import SETTINGS, Thresholds, UnknownSetting, settings_markdown
from partways.core.signals import SIGNAL_IDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


def test_docs_settings_md_matches_the_registry():
    assert DOC.read_text(encoding="utf-8") == settings_markdown(), (
        "docs/settings.md is out of date: run `make docs`"
    )


def test_every_setting_has_a_sentence_and_a_unit():
    for s in SETTINGS:
        assert s.doc.strip().endswith((".", "]")), s.key
        assert s.unit, s.key


def test_every_signal_has_a_ladder_and_a_weight():
    cfg = Thresholds.defaults()
    for sid in SIGNAL_IDS:
        low, medium, high = cfg.ladder(sid)
        assert cfg[f"weight.{sid}"] > 0
        assert low <= medium <= high or low >= medium >= high, sid


def test_overrides_replace_defaults_and_unknown_keys_are_refused():
    cfg = Thresholds.with_overrides({"payment_risk.low": 3})
    assert cfg["payment_risk.low"] == 3
    assert Thresholds.defaults()["payment_risk.low"] == 7
    with pytest.raises(UnknownSetting):
        Thresholds.with_overrides({"payment_risk.lowest": 1})
