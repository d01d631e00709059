"""Seeded, vectorised random numbers for the synthetic portfolio.

numpy is not a dependency of partways, so the uniforms come from pyarrow's PRNG
(``pyarrow.compute.random``), which is seedable and fills millions of values in a few
milliseconds. Everything else (choices, normals, allocation to clients) is built on
those uniforms with Polars expressions, so no Python loop ever runs per row.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import polars as pl
import pyarrow.compute as pc


class Rng:
    """A reproducible stream of uniform columns: same seed, same calls, same data."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._calls = 0

    def uniform(self, n: int, name: str = "u") -> pl.Series:
        """``n`` floats in [0, 1). Each call draws from its own seeded stream."""
        self._calls += 1
        # Deriving a fresh initializer per call keeps the columns independent while the
        # whole portfolio stays a pure function of (seed, order of calls).
        values = pc.random(n, initializer=self._seed * 1_000_003 + self._calls)
        return pl.Series(name, values, dtype=pl.Float64)

    def normal(self, n: int, name: str = "z") -> pl.Series:
        """Standard normal values (Box–Muller on two uniform columns)."""
        u1 = self.uniform(n)
        u2 = self.uniform(n)
        return ((-2.0 * (1.0 - u1).log()).sqrt() * (2 * math.pi * u2).cos()).alias(name)

    def allocate(self, n: int, weights: pl.Series, name: str = "idx") -> pl.Series:
        """``n`` row indices into ``weights``, each drawn with probability ∝ its weight."""
        cum = (weights.cast(pl.Float64).cum_sum() / weights.sum()).alias("cum")
        idx = cum.search_sorted(self.uniform(n), side="right")
        # A uniform of exactly the last cumulative value (1.0) would fall one past the end.
        return idx.clip(upper_bound=len(weights) - 1).cast(pl.Int64).alias(name)


def pick(u: pl.Expr, options: Sequence[object], weights: Sequence[float]) -> pl.Expr:
    """One of ``options`` per row, with probabilities ∝ ``weights``, chosen by uniform ``u``."""
    total = float(sum(weights))
    cuts, cum = [], 0.0
    for w in weights[:-1]:
        cum += w / total
        cuts.append(cum)
    # Built from the last option backwards: when u < cut_1 … else when u < cut_2 … else last.
    expr: pl.Expr = pl.lit(options[-1])
    for option, cut in reversed(list(zip(options[:-1], cuts, strict=True))):
        expr = pl.when(u < cut).then(pl.lit(option)).otherwise(expr)
    return expr


def between(u: pl.Expr, low: float, high: float) -> pl.Expr:
    """A uniform in [low, high) from a uniform in [0, 1)."""
    return pl.lit(low) + u * (high - low)
