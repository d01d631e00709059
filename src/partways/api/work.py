"""Repair plans, offboarding cases and incident reports."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status
from ninja.errors import HttpError

from partways.notify.alerts import incident_reported
from partways.store.models import Incident, OffboardingCase, RepairPlan, TeamMember

from .auth import EVERYONE, MANAGERS, client_of, clients_of, require
from .schemas import CaseOut, IncidentIn, IncidentOut, Problem, RepairPlanOut

router = Router(tags=["plans, cases and incidents"])


@router.get("/repair-plans", response={200: list[RepairPlanOut], 403: Problem})
def list_plans(request: HttpRequest, status: str | None = None) -> list[RepairPlan]:
    """The repair plans of the member's clients (``status``: open, improved, failed, closed)."""
    asking = require(request, *MANAGERS)
    plans = RepairPlan.objects.filter(client__in=clients_of(asking).values("pk"))
    if status:
        plans = plans.filter(status=status)
    return list(plans.order_by("-opened_on", "pk"))


@router.get("/repair-plans/{plan_id}", response={200: RepairPlanOut, 403: Problem, 404: Problem})
def get_plan(request: HttpRequest, plan_id: int) -> RepairPlan:
    asking = require(request, *MANAGERS)
    plan = RepairPlan.objects.filter(pk=plan_id, client__in=clients_of(asking).values("pk")).first()
    if plan is None:
        raise HttpError(404, "No such repair plan.")
    return plan


@router.get("/cases", response={200: list[CaseOut], 403: Problem})
def list_cases(request: HttpRequest, status: str | None = None) -> list[OffboardingCase]:
    """The offboarding cases of the member's clients, with their steps."""
    asking = require(request, *MANAGERS)
    cases = OffboardingCase.objects.filter(client__in=clients_of(asking).values("pk"))
    if status:
        cases = cases.filter(status=status)
    return list(cases.prefetch_related("steps").order_by("-opened_on", "pk"))


@router.get("/cases/{case_id}", response={200: CaseOut, 403: Problem, 404: Problem})
def get_case(request: HttpRequest, case_id: int) -> OffboardingCase:
    asking = require(request, *MANAGERS)
    case = OffboardingCase.objects.filter(
        pk=case_id, client__in=clients_of(asking).values("pk")
    ).first()
    if case is None:
        raise HttpError(404, "No such case.")
    return case


@router.get("/incidents", response={200: list[IncidentOut]})
def list_incidents(request: HttpRequest) -> list[Incident]:
    """The reports the member may read: staff their own, a manager also those on their
    clients, the owner all."""
    from partways.web.views.incidents import reports_for

    asking = require(request, *EVERYONE)
    return list(reports_for(asking))


@router.post("/incidents", response={201: IncidentOut, 404: Problem, 422: Problem})
def create_incident(request: HttpRequest, payload: IncidentIn) -> Status[Incident]:
    """Report an incident; it counts at the next triage. Staff report on any client
    (they meet them all), a manager on their own clients."""
    asking = require(request, *EVERYONE)
    if asking.role == TeamMember.Role.STAFF:
        from partways.store.models import Client

        client = Client.objects.filter(pk=payload.client_id, archived=False).first()
        if client is None:
            raise HttpError(404, "No such client.")
    else:
        client = client_of(asking, payload.client_id)
    if payload.kind not in Incident.Kind.values:
        raise HttpError(422, f"kind: expected one of {', '.join(Incident.Kind.values)}.")
    if payload.severity not in Incident.Severity.values:
        raise HttpError(422, f"severity: expected one of {', '.join(Incident.Severity.values)}.")
    occurred = payload.occurred_at
    if timezone.is_naive(occurred):
        raise HttpError(
            422, "occurred_at: give the time with its offset, e.g. 2026-12-01T14:30+01:00."
        )
    if occurred > timezone.now():
        raise HttpError(422, "occurred_at: the time is in the future.")
    report = Incident.objects.create(
        client=client,
        kind=payload.kind,
        severity=payload.severity,
        occurred_at=occurred,
        note=payload.note,
        reporter=asking if asking.pk else None,
        reporter_name=asking.name,
    )
    incident_reported(report)
    return Status(201, report)
