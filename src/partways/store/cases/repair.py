"""Repair plans in the database: open one from the triage, or judge it at its review date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django.db import transaction

from partways.core.offboarding.contract import term_end_on_or_after
from partways.core.phrase import Phrase, stored
from partways.core.repair import RepairFacts, RepairReview, draft_plan, review_plan

from ..business import load_business
from ..models import Contract, RepairPlan
from .offboarding import decide
from .records import (
    CaseError,
    active_client,
    channel_use,
    contract_row,
    relationship_owner,
    terms_of,
)

DEFAULT_REPLY_WINDOW = "minimal_communication.default_reply_window_hours"


@dataclass(frozen=True)
class RepairOutcome:
    plan: RepairPlan
    event: Literal["opened", "shown", "reviewed"]
    review: RepairReview | None = None


def repair(
    client_id: int, *, today: dt.date, review_on: dt.date | None = None, force: bool = False
) -> RepairOutcome:
    """Open a repair plan for the client, show the open one, or review it when due.

    A new plan needs the triage to say "repair" (``force`` opens one anyway). Raises
    :class:`CaseError` otherwise, for a review date that is not in the future, and for
    a review date given while a plan is open.
    """
    client = active_client(client_id)
    # Checked first: a date given with an open plan was once accepted and ignored.
    if review_on is not None and review_on <= today:
        raise CaseError(
            f"--review-on {review_on} must be after {today}.",
            "review_not_after_today",
            review_on=review_on,
            today=today,
        )
    latest = client.repair_plans.order_by("-opened_on", "-pk").first()
    if latest is not None and latest.status == RepairPlan.Status.OPEN:
        if review_on is not None:
            raise CaseError(
                f"{client.name} already has a repair plan, to be reviewed on "
                f"{latest.review_on}; --review-on sets the date of a new plan only.",
                "plan_open",
                client=client.name,
                review_on=latest.review_on,
            )
        if today < latest.review_on:
            return RepairOutcome(latest, "shown")
        return _review(latest, today)
    decision = decide(client_id, today)
    if decision.recommendation != "repair" and not force:
        hint = {
            "keep": "there is nothing to repair.",
            "watch": "keep an eye on it; there is nothing to repair yet.",
            "end_at_contract_end": f'consider ending it: `partways offboard "{client.name}"`.',
            "end_now": f'end it now: `partways offboard "{client.name}"`.',
        }[decision.recommendation]
        raise CaseError(
            f"the triage recommends {decision.recommendation.replace('_', ' ')} for "
            f"{client.name}, not repair: {hint} (--force opens a plan anyway).",
            "not_repair",
            client=client.name,
            recommendation=decision.recommendation,
        )
    _, cfg = load_business()
    contract = contract_row(client)
    owner = relationship_owner(client)
    facts = RepairFacts(
        owner=owner.name if owner else "you",
        channel=channel_use(client),
        reply_window_hours=(contract.reply_window_hours if contract else None)
        or cfg.int(DEFAULT_REPLY_WINDOW),
        renewal_on=_current_term_end(contract, today),
        notice_days=contract.notice_days if contract else 0,
        payment_terms_days=contract.payment_terms_days if contract else 30,
    )
    # The review date given is also the review action's date.
    draft = draft_plan(decision, facts, today, cfg, review_on)
    plan = RepairPlan.objects.create(
        client=client,
        opened_on=draft.opened_on,
        review_on=draft.review_on,
        baseline_score=draft.baseline_score,
        strategies=draft.strategies,
        acute=draft.acute,
        baseline=draft.baseline,
        actions=[a.to_json() for a in draft.actions],
    )
    return RepairOutcome(plan, "opened")


def _current_term_end(contract: Contract | None, today: dt.date) -> dt.date | None:
    """The end of the contract's current term: when a new agreement can start."""
    terms = terms_of(contract)
    return None if terms is None else term_end_on_or_after(terms, today)


def _review(plan: RepairPlan, today: dt.date) -> RepairOutcome:
    _, cfg = load_business()
    decision = decide(plan.client_id, today)
    result = review_plan(plan.baseline_score, plan.baseline, decision, cfg)
    with transaction.atomic():
        plan.status = (
            RepairPlan.Status.IMPROVED if result.outcome == "improved" else RepairPlan.Status.FAILED
        )
        plan.reviewed_on = today
        plan.review = {
            "outcome": result.outcome,
            "score": result.score,
            "target": result.target,
            "evidence": result.evidence,
            "evidence_phrases": [p.to_json() for p in result.findings],
        }
        plan.save(update_fields=["status", "reviewed_on", "review"])
    return RepairOutcome(plan, "reviewed", result)


def action_phrase(action: Mapping[str, Any]) -> Phrase:
    """A stored action's finding, for an interface to word; the English it was stored
    with, as it stands, for a plan stored before actions were kept as data."""
    return _phrase(action.get("phrase"), action.get("text", ""))


def review_findings(review: Mapping[str, Any]) -> list[Phrase]:
    """A stored review's findings (the score, then each sign's change), like
    :func:`action_phrase`."""
    english = review.get("evidence") or []
    phrases = review.get("evidence_phrases") or []
    if len(phrases) != len(english):
        phrases = [None] * len(english)
    return [_phrase(p, e) for p, e in zip(phrases, english, strict=True)]


def _phrase(data: Any, english: str) -> Phrase:
    if isinstance(data, dict):
        try:
            return Phrase.from_json(data)
        except (KeyError, TypeError, ValueError):
            pass
    return stored(english)
