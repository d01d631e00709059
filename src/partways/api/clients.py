"""Clients and their verdicts: what the portfolio and client pages show."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError

from partways.jobs.queue import submit
from partways.store.models import Client, ClientVerdict, Job, TriageRun
from partways.store.verdicts import latest_run

from .auth import MANAGERS, OWNER, client_of, clients_of, require
from .schemas import ClientOut, JobOut, Problem, TriageOut, TriageRunOut, VerdictSummary

router = Router(tags=["clients"])


def _client(client: Client, verdict: ClientVerdict | None, run: TriageRun | None) -> ClientOut:
    """``client`` with its recommendation in ``run`` (None: no full triage judged it)."""
    summary = None
    if verdict is not None and run is not None:
        summary = VerdictSummary(
            recommendation=verdict.recommendation,
            score=verdict.score,
            chronic=verdict.chronic,
            pattern=verdict.pattern,
            signal_count=verdict.signal_count,
            as_of=run.as_of,
        )
    return ClientOut(
        id=client.pk,
        name=client.name,
        language=client.language,
        country=client.country,
        archived=client.archived,
        manager_email=client.manager.email if client.manager else None,
        verdict=summary,
    )


@router.get("/clients", response={200: list[ClientOut], 403: Problem})
def list_clients(request: HttpRequest) -> list[ClientOut]:
    """Every client the token's member may see, with its latest recommendation."""
    asking = require(request, *MANAGERS)
    clients = clients_of(asking).select_related("manager").order_by("name")
    run = latest_run()
    verdicts = {v.client_id: v for v in ClientVerdict.objects.filter(run=run, client__in=clients)}
    return [_client(c, verdicts.get(c.pk), run) for c in clients]


@router.get("/clients/{client_id}", response={200: ClientOut, 403: Problem, 404: Problem})
def get_client(request: HttpRequest, client_id: int) -> ClientOut:
    asking = require(request, *MANAGERS)
    client = client_of(asking, client_id)
    run = latest_run()
    return _client(client, ClientVerdict.objects.filter(run=run, client=client).first(), run)


@router.get("/clients/{client_id}/triage", response={200: TriageOut, 403: Problem, 404: Problem})
def client_triage(request: HttpRequest, client_id: int) -> TriageOut:
    """The client's verdict in the latest full triage: every sign with its evidence."""
    asking = require(request, *MANAGERS)
    client = client_of(asking, client_id)
    run = latest_run()
    verdict = ClientVerdict.objects.filter(run=run, client=client).first() if run else None
    if run is None or verdict is None:
        raise HttpError(404, "This client has no verdict yet: no full triage has judged it.")
    return TriageOut(
        client_id=client.pk,
        as_of=run.as_of,
        ran_at=run.ran_at,
        recommendation=verdict.recommendation,
        score=verdict.score,
        revenue_minor=verdict.revenue_minor,
        cost_minor=verdict.cost_minor,
        hours=verdict.hours,
        decision=verdict.detail,
    )


@router.get("/triage", response={200: TriageRunOut, 403: Problem, 404: Problem})
def latest_triage(request: HttpRequest) -> TriageRunOut:
    """The latest full triage: each visible client's recommendation and score."""
    asking = require(request, *MANAGERS)
    run = latest_run()
    if run is None:
        raise HttpError(404, "No full triage has run yet.")
    visible = clients_of(asking).values("pk")
    rows = (
        ClientVerdict.objects.filter(run=run, client__in=visible)
        .order_by("-score")
        .values("client_id", "recommendation", "score", "chronic", "pattern", "signal_count")
    )
    verdicts: list[dict[str, Any]] = [dict(row) for row in rows]
    return TriageRunOut(
        as_of=run.as_of, ran_at=run.ran_at, clients=len(verdicts), verdicts=verdicts
    )


@router.post("/triage", response={202: JobOut, 403: Problem})
def start_triage(request: HttpRequest) -> Status[Job]:
    """Queue a full triage as of the business's today; follow it at ``/jobs/{id}``."""
    require(request, *OWNER)
    return Status(202, submit(Job.Kind.TRIAGE, user=request.user))
