"""What a full triage changed: each client whose recommendation moved, recorded once and
reported to the webhooks, and an end-now verdict alerted at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partways.core.triage import Decision
from partways.store.models import ClientVerdict, TriageRun, VerdictChange


def recommendations(run: TriageRun | None) -> dict[int, str] | None:
    """Each client's recommendation in ``run`` (None: there is no earlier run)."""
    if run is None:
        return None
    return dict(ClientVerdict.objects.filter(run=run).values_list("client_id", "recommendation"))


def record_changes(
    run: TriageRun, previous: dict[int, str] | None, decisions: list[Decision], as_of: dt.date
) -> list[VerdictChange]:
    """Record, report and alert every recommendation ``run`` changed since ``previous``.

    The first triage changes nothing: there is nothing to move from. A client new since
    the last run is not a change either.
    """
    if previous is None:
        return []
    from . import alerts, webhooks

    changes = []
    moved: list[dict[str, Any]] = []
    for decision in decisions:
        before = previous.get(decision.client_id)
        if before is None or before == decision.recommendation:
            continue
        reasons = [p.to_json() for p in decision.reason_phrases]
        change = VerdictChange.objects.create(
            client_id=decision.client_id,
            run=run,
            previous=before,
            recommendation=decision.recommendation,
            score=decision.score,
            reasons=reasons,
        )
        changes.append(change)
        moved.append(
            {
                "client_id": decision.client_id,
                "client": decision.client,
                "previous": before,
                "recommendation": decision.recommendation,
                "score": decision.score,
                "as_of": as_of.isoformat(),
                "reasons": reasons,
            }
        )
        if decision.recommendation == "end_now":
            alerts.queue_end_now(decision.client_id, "triage", str(change.pk))
    webhooks.emit("recommendation.changed", moved)
    return changes
