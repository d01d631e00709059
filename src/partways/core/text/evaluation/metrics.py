"""Binary classification scores, written out so the package needs no scikit-learn.

Conventions follow scikit-learn's defaults so the figures sit beside published ones: a
score whose denominator is zero (no positive predictions, say) is 0.0, and macro-F1 is
the unweighted mean of the two classes' F1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def _f1(hits: int, false_alarms: int, misses: int) -> float:
    # 2TP / (2TP + FP + FN) is the harmonic mean of precision and recall, and stays
    # defined when one of them is 0/0.
    denominator = 2 * hits + false_alarms + misses
    return 2 * hits / denominator if denominator else 0.0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class Confusion:
    """Counts of a binary classifier's answers against gold labels (positive = True)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @classmethod
    def of(cls, gold: Iterable[bool], predicted: Iterable[bool]) -> Confusion:
        """Count the pairs; raises ValueError when the two differ in length."""
        tp = fp = fn = tn = 0
        for g, p in zip(gold, predicted, strict=True):
            if g and p:
                tp += 1
            elif p:
                fp += 1
            elif g:
                fn += 1
            else:
                tn += 1
        return cls(tp, fp, fn, tn)

    def __add__(self, other: Confusion) -> Confusion:
        return Confusion(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn
        )

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        """Of the messages predicted positive, the share that are positive."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Of the positive messages, the share predicted positive."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """F1 of the positive class."""
        return _f1(self.tp, self.fp, self.fn)

    @property
    def negative_f1(self) -> float:
        """F1 of the negative class (its hits are the true negatives)."""
        return _f1(self.tn, self.fn, self.fp)

    @property
    def macro_f1(self) -> float:
        """The unweighted mean of both classes' F1."""
        return (self.f1 + self.negative_f1) / 2

    @property
    def accuracy(self) -> float:
        return _ratio(self.tp + self.tn, self.n)
