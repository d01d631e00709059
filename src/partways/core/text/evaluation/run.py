"""Run an analyzer over the labelled datasets and score what it found."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Analysis, TextAnalyzer
from .datasets import DatasetError, DatasetMissing, DatasetSpec, Example, Task, spread
from .metrics import Confusion

# What counts as a positive prediction: for abuse, insults and contempt both make a
# message offensive in the datasets' sense.
POSITIVE_LABELS: dict[Task, frozenset[str]] = {
    "abuse": frozenset({"abuse", "disrespect"}),
    "sentiment": frozenset({"negative"}),
}

# The goal for abuse: macro-F1 within this many points of the best comparable published
# score (a lexicon is not expected to match a fine-tuned transformer).
TARGET_GAP_POINTS = 10.0

# Texts per analyze() call: large enough for a model tier to batch well, small enough
# that progress moves and memory stays flat on the 24,783-tweet set.
BATCH_SIZE = 2000

# Messages analysed untimed before each dataset, so that the first one's figure does not
# carry the analyzer's one-off start-up (loading lexicons, language models, a network).
WARM_UP = 20

Progress = Callable[[DatasetSpec, int, int], None]


def predicts_positive(task: Task, analysis: Analysis) -> bool:
    """Whether the analysis puts the message in the task's positive class."""
    return not POSITIVE_LABELS[task].isdisjoint(analysis.labels)


@dataclass(frozen=True)
class Outcome:
    """How the analyzer did on one dataset, or why the dataset was not scored.

    ``available`` counts the dataset's examples before ``--limit``; ``confusion.n`` the
    ones scored. ``false_positives`` / ``false_negatives`` keep up to the asked number
    of misclassified texts, in file order.
    """

    spec: DatasetSpec
    problem: str | None = None
    confusion: Confusion = Confusion()
    available: int = 0
    language_hits: int = 0
    seconds: float = 0.0
    false_positives: tuple[str, ...] = ()
    false_negatives: tuple[str, ...] = ()

    @property
    def n(self) -> int:
        return self.confusion.n

    @property
    def language_accuracy(self) -> float:
        """Share of messages whose detected language is the dataset's language."""
        return self.language_hits / self.n if self.n else 0.0

    @property
    def per_second(self) -> float:
        return self.n / self.seconds if self.seconds > 0 else 0.0

    @property
    def gap_points(self) -> float | None:
        """Published comparable macro-F1 minus ours, in points; None without one."""
        published = self.spec.published
        if self.problem or published is None or not published.comparable:
            return None
        return (float(published.score) - self.confusion.macro_f1) * 100

    @property
    def target_met(self) -> bool | None:
        """Whether an abuse dataset is within :data:`TARGET_GAP_POINTS`; None if no target."""
        gap = self.gap_points
        if self.spec.task != "abuse" or gap is None:
            return None
        return gap <= TARGET_GAP_POINTS


def evaluate(
    analyzer: TextAnalyzer,
    spec: DatasetSpec,
    examples: Sequence[Example],
    *,
    available: int | None = None,
    keep_errors: int = 0,
    batch_size: int = BATCH_SIZE,
    on_progress: Progress | None = None,
) -> Outcome:
    """Analyse ``examples`` in batches and score the predictions against their gold labels.

    Only the analyzer's own time is measured: not reading the files, nor a first untimed
    call on a few of the texts that lets the analyzer load what it loads lazily.
    """
    analyzer.analyze([e.text for e in examples[:WARM_UP]])
    confusion = Confusion()
    hits = 0
    seconds = 0.0
    wrong: dict[bool, list[str]] = {True: [], False: []}  # keyed by the prediction
    for start in range(0, len(examples), batch_size):
        batch = examples[start : start + batch_size]
        began = time.perf_counter()
        analyses = analyzer.analyze([e.text for e in batch])
        seconds += time.perf_counter() - began
        predicted = [predicts_positive(spec.task, a) for a in analyses]
        confusion += Confusion.of((e.gold for e in batch), predicted)
        hits += sum(a.language == spec.language for a in analyses)
        for example, guess in zip(batch, predicted, strict=True):
            if guess != example.gold and len(wrong[guess]) < keep_errors:
                wrong[guess].append(example.text)
        if on_progress:
            on_progress(spec, start + len(batch), len(examples))
    return Outcome(
        spec=spec,
        confusion=confusion,
        available=len(examples) if available is None else available,
        language_hits=hits,
        seconds=seconds,
        false_positives=tuple(wrong[True]),
        false_negatives=tuple(wrong[False]),
    )


def run(
    analyzer: TextAnalyzer,
    specs: Iterable[DatasetSpec],
    data: Path,
    *,
    limit: int | None = None,
    keep_errors: int = 0,
    on_progress: Progress | None = None,
) -> list[Outcome]:
    """One :class:`Outcome` per spec, in order.

    A dataset whose files are missing or malformed gets an outcome with ``problem`` set
    ("not found at PATH", "cannot read: …") rather than stopping the others.
    """
    outcomes = []
    for spec in specs:
        try:
            examples = spec.load(data)
        except DatasetMissing as exc:
            outcomes.append(Outcome(spec, problem=str(exc)))
            continue
        except DatasetError as exc:
            outcomes.append(Outcome(spec, problem=f"cannot read: {exc}"))
            continue
        outcomes.append(
            evaluate(
                analyzer,
                spec,
                spread(examples, limit),
                available=len(examples),
                keep_errors=keep_errors,
                on_progress=on_progress,
            )
        )
    return outcomes
