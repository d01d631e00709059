"""A full triage as a job: the button on the portfolio page and the nightly run."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partways.store.business import business_today
from partways.store.models import Job
from partways.store.triage import run_triage

from .runner import Progress


def run_triage_job(job: Job, progress: Progress) -> dict[str, Any]:
    """Triage every active client as of the job's date (default: the business's today);
    return how many clients were judged and how many of each recommendation.

    Raises :class:`partways.core.dataset.DataError` for data the engine cannot use.
    """
    as_of_text = job.params.get("as_of")
    as_of = dt.date.fromisoformat(as_of_text) if as_of_text else business_today()

    def step(name: str) -> None:
        # The loader names each table as it reads it, then the engine's own steps.
        progress(step="signals" if name == "signals" else "loading")

    progress(step="labelling", force=True)
    outcome = run_triage(as_of, progress=step)
    counts: dict[str, int] = {}
    for decision in outcome.decisions:
        counts[decision.recommendation] = counts.get(decision.recommendation, 0) + 1
    return {
        "as_of": as_of.isoformat(),
        "clients": len(outcome.decisions),
        "recommendations": counts,
    }
