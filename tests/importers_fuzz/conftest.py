"""The fuzz suite's tally, printed after the run: cases by level, outcomes, slowest case."""

from __future__ import annotations

from typing import Any

import pytest

from .stats import STATS


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if STATS.cases:
        terminalreporter.write_sep("-", "importer fuzz suite")
        for line in STATS.lines():
            terminalreporter.write_line(line)


@pytest.fixture
def fuzz_stats() -> Any:
    return STATS
