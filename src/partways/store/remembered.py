"""The analyzer's answers for the few texts the engine reads itself, kept on disk.

The engine analyses one kind of text at triage time: a proposal's feedback ("not quite
it", "too expensive"), to tell vague feedback `[002 #7]`. A short text in no obvious
language sends the analyzer to lingua, whose models take most of a second to load:
more than the rest of a one-client triage. Feedback repeats and rarely changes, so the
answers are kept in ``<data folder>/analyses/``, one file per analyzer and version (a
new lexicon or model makes a new file), and a triage analyses only what it has not
seen. A file that cannot be read or written only costs the time it was to save.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from partways.core.text import Analysis, Span, TextAnalyzer

FOLDER = "analyses"
# More distinct texts than this are not added: the file is read whole at every triage.
MAX_TEXTS = 50_000


def _encoded(a: Analysis) -> dict[str, Any]:
    return {
        "language": a.language,
        "labels": a.labels,
        "spans": [[s.start, s.end, s.label] for s in a.spans],
    }


def _decoded(d: dict[str, Any]) -> Analysis:
    return Analysis(d["language"], dict(d["labels"]), tuple(Span(*s) for s in d["spans"]))


class RememberingAnalyzer:
    """``analyzer``, answering from (and adding to) its file of earlier answers."""

    def __init__(self, analyzer: TextAnalyzer, home: Path) -> None:
        self.analyzer = analyzer
        self.name = analyzer.name
        self.version = analyzer.version
        digest = hashlib.sha256(f"{self.name}\n{self.version}".encode()).hexdigest()[:16]
        self.path = home / FOLDER / f"{digest}.json"

    def _known(self) -> dict[str, dict[str, Any]]:
        try:
            known = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return known if isinstance(known, dict) else {}

    def _keep(self, known: dict[str, dict[str, Any]]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, scratch = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(known, out, ensure_ascii=False)
            os.replace(scratch, self.path)
            for other in self.path.parent.glob("*.json"):
                if other != self.path:
                    other.unlink(missing_ok=True)  # another version's: remade if used again
        except OSError:
            return

    def analyze(self, texts: Sequence[str]) -> list[Analysis]:
        known = self._known()
        new = sorted({t for t in texts if t not in known})
        if new:
            for text, found in zip(new, self.analyzer.analyze(new), strict=True):
                known[text] = _encoded(found)
            if len(known) <= MAX_TEXTS:
                self._keep(known)
        return [_decoded(known[t]) for t in texts]
