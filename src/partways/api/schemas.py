"""What the API answers with, and what it takes: the shapes of the OpenAPI document.

An endpoint returns the model itself: Ninja reads its attributes by name, and a field
the model does not have is worked out by the schema's ``resolve_<field>``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from ninja import Schema


class Problem(Schema):
    detail: str


class VerdictSummary(Schema):
    """A client's recommendation in the latest full triage."""

    recommendation: str  # keep, watch, repair, end_at_contract_end, end_now, not_enough_data
    score: float
    chronic: bool
    pattern: str
    signal_count: int
    as_of: dt.date


class ClientOut(Schema):
    id: int
    name: str
    language: str
    country: str
    archived: bool
    manager_email: str | None
    verdict: VerdictSummary | None


class TriageOut(Schema):
    """A client's whole verdict: every sign with its value, threshold, explanation (a
    code with parameters) and evidence (record references), the reasons and strategies.
    ``revenue_minor`` and ``cost_minor`` are over the triage window, in the base
    currency's minor units."""

    client_id: int
    as_of: dt.date
    ran_at: dt.datetime
    recommendation: str
    score: float
    revenue_minor: int | None
    cost_minor: int | None
    hours: float | None
    decision: dict[str, Any]


class TriageRunOut(Schema):
    as_of: dt.date
    ran_at: dt.datetime
    clients: int
    verdicts: list[dict[str, Any]]


class RepairPlanOut(Schema):
    id: int
    client_id: int
    status: str
    acute: bool
    opened_on: dt.date
    review_on: dt.date
    reviewed_on: dt.date | None
    baseline_score: float
    strategies: list[Any]
    actions: list[Any]
    baseline: dict[str, Any]
    review: dict[str, Any]


class StepOut(Schema):
    step: str
    position: int
    state: str
    on: dt.date | None
    by: str
    note: str


class CaseOut(Schema):
    id: int
    client_id: int
    status: str
    recommendation: str
    reason: str
    language: str
    opened_on: dt.date
    notice_on: dt.date
    end_on: dt.date
    closed_on: dt.date | None
    steps: list[StepOut]

    @staticmethod
    def resolve_steps(case: Any) -> Any:
        return case.steps.all()  # in position order (the model's); prefetched for lists


class IncidentIn(Schema):
    client_id: int
    kind: str  # abuse_to_you, abuse_to_staff, unethical, unreasonable_demand, other
    severity: str = "medium"  # low, medium, high
    occurred_at: dt.datetime
    note: str = ""


class IncidentOut(Schema):
    id: int
    client_id: int
    kind: str
    severity: str
    occurred_at: dt.datetime
    note: str
    reporter_email: str | None

    @staticmethod
    def resolve_reporter_email(report: Any) -> str | None:
        return report.reporter.email if report.reporter else None


class JobOut(Schema):
    """A background job: ``state`` is waiting, running, done or failed."""

    id: uuid.UUID
    kind: str
    state: str
    step: str
    current: int
    total: int
    rows: int
    attempts: int
    problem: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    result: dict[str, Any]


class RecordsReport(Schema):
    """What a records import did, per record kind; ``errors`` hold each problem with
    its line and column in the posted document, and a code with parameters."""

    written: bool
    new: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    errors: list[dict[str, Any]]
