"""What a text analyzer returns, and the interface every analyzer implements.

The signals never read message text themselves; they read the per-message labels an
analyzer produced and stored. Tier 0 (:mod:`.lexicon_analyzer`) is the default: curated
lexicons, no downloads. Tier 1 (:mod:`.transformers_analyzer`) runs Hugging Face models
a user has on disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

# The labels the signals read. ``unethical_request`` and ``vague`` serve the
# unethical-requests and vague-feedback signs; the first six are the label set.
# ``hardship`` (a hard time in the client's own life or business) is evidence for an
# acute spike rather than a chronic problem client [003 #3]; ``asks`` (a question or a
# request that needs the reader's answer) tells which of our own messages wait for a
# reply [000 #4]. Neither is a warning sign by itself.
LABELS: tuple[str, ...] = (
    "abuse",
    "disrespect",
    "negative",
    "demand",
    "out_of_scope",
    "payment_excuse",
    "unethical_request",
    "vague",
    "hardship",
    "asks",
)


@dataclass(frozen=True)
class Span:
    """Characters ``text[start:end]`` of the analysed text are evidence for ``label``."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Analysis:
    """One message's language (ISO 639-1, or None when unknown), label scores and evidence.

    ``labels`` holds only the labels that were found, each with a score in (0, 1].
    """

    language: str | None
    labels: dict[str, float]
    spans: tuple[Span, ...] = field(default=())

    def spans_of(self, label: str) -> list[tuple[int, int]]:
        """The ``(start, end)`` offsets that are evidence for ``label``."""
        return [(s.start, s.end) for s in self.spans if s.label == label]


class TextAnalyzer(Protocol):
    """Reads message texts and returns one :class:`Analysis` per text, in order.

    ``name`` and ``version`` are stored beside the labels: when either changes, every
    message is analysed again.
    """

    name: str
    version: str

    def analyze(self, texts: Sequence[str]) -> list[Analysis]:
        """Return one :class:`Analysis` per text, in order."""
        ...
