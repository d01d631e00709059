"""Measuring a text analyzer on labelled public datasets (``partways eval text``).

:mod:`.datasets` reads each dataset, :mod:`.run` runs the analyzer over them,
:mod:`.labelled` reads and scores the labelled messages partways ships, :mod:`.metrics`
scores the answers and :mod:`.report` writes docs/evaluation.md.
"""

from __future__ import annotations

from .datasets import SPEC_BY_NAME, SPECS, DatasetSpec, Example
from .gap import GAP_TEXT, LABELLED_MISSES_TEXT
from .labelled import (
    HELD_OUT_F1_FLOOR,
    LABELLED_LABELS,
    LabelledOutcome,
    LabelledSet,
    load_labelled,
    score_labelled,
)
from .metrics import Confusion
from .report import (
    RunInfo,
    render_errors,
    render_labelled_errors,
    render_labelled_section,
    render_labelled_table,
    render_report,
    render_tables,
    with_labelled_section,
)
from .run import Outcome, evaluate, run

__all__ = [
    "GAP_TEXT",
    "HELD_OUT_F1_FLOOR",
    "LABELLED_LABELS",
    "LABELLED_MISSES_TEXT",
    "SPECS",
    "SPEC_BY_NAME",
    "Confusion",
    "DatasetSpec",
    "Example",
    "LabelledOutcome",
    "LabelledSet",
    "Outcome",
    "RunInfo",
    "evaluate",
    "load_labelled",
    "render_errors",
    "render_labelled_errors",
    "render_labelled_section",
    "render_labelled_table",
    "render_report",
    "render_tables",
    "run",
    "score_labelled",
    "with_labelled_section",
]
