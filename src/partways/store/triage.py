"""Running the engine over the database: the one function the CLI and web call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction

from partways.core.dataset import Dataset
from partways.core.engine import EngineResult, compute
from partways.core.triage import Decision, triage

from .analysis import analyze_messages, current_analyzer
from .business import load_business
from .loader import load_dataset
from .models import TriageRun
from .remembered import RememberingAnalyzer
from .settings import data_home
from .verdicts import latest_run, save_verdicts


@dataclass(frozen=True)
class TriageOutcome:
    decisions: list[Decision]
    result: EngineResult
    dataset: Dataset


def run_triage(
    as_of: dt.date,
    client_ids: Sequence[int] | None = None,
    progress: Callable[[str], None] | None = None,
) -> TriageOutcome:
    """Triage every active client (or only ``client_ids``) as of ``as_of``.

    A full run records its portfolio-wide figures; a run over some clients reuses the
    latest figures for the same date, so a client's sentences read the same either way.
    Raises :class:`partways.core.dataset.DataError` for data the engine cannot use.
    """
    # Messages imported or edited since the last run are labelled first.
    analyzer = current_analyzer()
    analyze_messages(analyzer)
    business, cfg = load_business()
    ds = load_dataset(business, client_ids, progress=progress)
    portfolio = None
    if client_ids is not None:
        last = TriageRun.objects.filter(as_of=as_of).first()
        portfolio = last.portfolio if last else {}
    if progress:
        progress("signals")
    remembering = RememberingAnalyzer(analyzer, data_home())
    result = compute(ds, as_of, cfg, analyzer=remembering, portfolio=portfolio)
    decisions = triage(result, ds, cfg)
    if client_ids is None:
        from partways.notify.changes import recommendations, record_changes

        with transaction.atomic():
            previous = recommendations(latest_run(on_or_before=as_of))
            run = TriageRun.objects.create(
                as_of=as_of, portfolio=result.portfolio, clients=len(decisions)
            )
            # The web pages read these rows; a run over some clients is not a portfolio.
            save_verdicts(run, decisions, result)
            # What moved since the last full run: recorded, sent to webhooks, alerted.
            record_changes(run, previous, decisions, as_of)
    return TriageOutcome(decisions, result, ds)
