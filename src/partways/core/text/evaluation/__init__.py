"""Measuring a text analyzer on labelled public datasets (``partways eval text``).

:mod:`.datasets` reads each dataset, :mod:`.run` runs the analyzer over them,
:mod:`.metrics` scores the answers and :mod:`.report` writes docs/evaluation.md.
"""

from __future__ import annotations

from .datasets import SPEC_BY_NAME, SPECS, DatasetSpec, Example
from .gap import GAP_TEXT
from .metrics import Confusion
from .report import RunInfo, render_errors, render_report, render_tables
from .run import Outcome, evaluate, run

__all__ = [
    "GAP_TEXT",
    "SPECS",
    "SPEC_BY_NAME",
    "Confusion",
    "DatasetSpec",
    "Example",
    "Outcome",
    "RunInfo",
    "evaluate",
    "render_errors",
    "render_report",
    "render_tables",
    "run",
]
