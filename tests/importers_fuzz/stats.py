"""Counting the fuzz suite's cases as they run, for the summary after the run."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from .harness import Outcome


@dataclass
class Stats:
    cases: Counter[str] = field(default_factory=Counter)  # by level
    outcomes: Counter[str] = field(default_factory=Counter)  # imported / refused / errors
    formats: Counter[str] = field(default_factory=Counter)
    slowest: tuple[float, str] = (0.0, "")
    started: float = field(default_factory=time.monotonic)

    def record(self, level: str, fmt: str, outcome: Outcome, what: str) -> None:
        self.cases[level] += 1
        self.formats[fmt] += 1
        if outcome.refused:
            self.outcomes["refused"] += 1
        elif outcome.errors:
            self.outcomes["imported with row errors"] += 1
        else:
            self.outcomes["imported"] += 1
        if outcome.seconds > self.slowest[0]:
            self.slowest = (outcome.seconds, f"{fmt} {what}")

    def lines(self) -> list[str]:
        total = sum(self.cases.values())
        levels = ", ".join(f"{n:,} {level}" for level, n in sorted(self.cases.items()))
        outcomes = ", ".join(f"{n:,} {k}" for k, n in sorted(self.outcomes.items()))
        return [
            f"cases: {total:,} ({levels}) over {len(self.formats)} formats, "
            f"{time.monotonic() - self.started:,.0f} s",
            f"outcomes: {outcomes}",
            f"slowest case: {self.slowest[0]:.2f} s ({self.slowest[1][:160]})",
        ]


STATS = Stats()
