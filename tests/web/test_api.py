"""The REST API: its OpenAPI document, token authentication, and the web's role rules on
every endpoint: the owner everything, a manager their own clients, staff their own
incident reports and nothing of any client (no money, no messages)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as Browser

from partways.api.tokens import create_token, revoke
from partways.store.models import (
    ApiToken,
    Contract,
    Incident,
    Job,
    OffboardingCase,
    RepairPlan,
    TeamMember,
    TimeEntry,
)

from .conftest import Team
from .test_import_views import FIXTURES

pytestmark = pytest.mark.django_db


class Api:
    """A program calling the API with one team member's token."""

    def __init__(self, token: str | None) -> None:
        self.browser = Browser()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str) -> Any:
        return self.browser.get("/api/v1" + path, headers=self.headers)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        if "data" in kwargs:
            return self.browser.post("/api/v1" + path, headers=self.headers, **kwargs)
        return self.browser.post(
            "/api/v1" + path,
            json.dumps(body),
            content_type="application/json",
            headers=self.headers,
        )


def _api(member: TeamMember) -> Api:
    return Api(create_token(member, "tests")[1])


@pytest.fixture
def apis(portfolio: Team) -> dict[str, Api]:
    return {
        "owner": _api(portfolio.alice),
        "manager": _api(portfolio.bob),
        "manager without clients": _api(portfolio.dana),
        "staff": _api(portfolio.charlie),
    }


@pytest.fixture
def work(portfolio: Team) -> dict[str, int]:
    """A repair plan and an offboarding case on one of bob's clients and on another's."""
    ids: dict[str, int] = {}
    for who, client_id in (("mine", portfolio.bob_clients[0]), ("other", portfolio.other_client)):
        ids[f"plan {who}"] = RepairPlan.objects.create(
            client_id=client_id,
            opened_on=dt.date(2026, 10, 1),
            review_on=dt.date(2026, 12, 1),
            baseline_score=30.0,
        ).pk
        ids[f"case {who}"] = OffboardingCase.objects.create(
            client_id=client_id,
            recommendation="end_at_contract_end",
            reason="not_a_fit",
            language="en",
            opened_on=dt.date(2026, 10, 1),
            notice_on=dt.date(2026, 10, 5),
            end_on=dt.date(2026, 11, 30),
        ).pk
    return ids


def test_the_openapi_document_describes_every_endpoint(db: None) -> None:
    response = Browser().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.") and document["info"]["title"] == "partways"
    paths = set(document["paths"])
    for path in (
        "/api/v1/clients",
        "/api/v1/clients/{client_id}",
        "/api/v1/clients/{client_id}/triage",
        "/api/v1/triage",
        "/api/v1/repair-plans",
        "/api/v1/repair-plans/{plan_id}",
        "/api/v1/cases",
        "/api/v1/cases/{case_id}",
        "/api/v1/incidents",
        "/api/v1/records",
        "/api/v1/imports",
        "/api/v1/imports/{job_id}",
        "/api/v1/jobs/{job_id}",
    ):
        assert path in paths, path
    assert (
        "BearerAuth" in json.dumps(document["components"]["securitySchemes"])
        or (document["components"]["securitySchemes"])
    )


def test_no_token_a_wrong_one_or_a_revoked_one_is_refused(portfolio: Team) -> None:
    assert Api(None).get("/clients").status_code == 401
    assert Api("pw_not-a-token").get("/clients").status_code == 401
    row, token = create_token(portfolio.alice, "to revoke")
    assert Api(token).get("/clients").status_code == 200
    assert [t.pk for t in revoke(row.prefix)] == [row.pk]
    assert Api(token).get("/clients").status_code == 401
    assert ApiToken.objects.get(pk=row.pk).last_used_at is not None


# Each endpoint, as each role calls it: the HTTP status the web's rules give.
ROLES = ("owner", "manager", "manager without clients", "staff")
MATRIX: list[tuple[str, str, tuple[int, int, int, int]]] = [
    ("GET", "/clients", (200, 200, 200, 403)),
    ("GET", "/clients/{mine}", (200, 200, 404, 403)),
    ("GET", "/clients/{other}", (200, 404, 404, 403)),
    ("GET", "/clients/{mine}/triage", (200, 200, 404, 403)),
    ("GET", "/clients/{other}/triage", (200, 404, 404, 403)),
    ("GET", "/triage", (200, 200, 200, 403)),
    ("POST", "/triage", (202, 403, 403, 403)),
    ("GET", "/repair-plans", (200, 200, 200, 403)),
    ("GET", "/repair-plans/{plan mine}", (200, 200, 404, 403)),
    ("GET", "/repair-plans/{plan other}", (200, 404, 404, 403)),
    ("GET", "/cases", (200, 200, 200, 403)),
    ("GET", "/cases/{case mine}", (200, 200, 404, 403)),
    ("GET", "/cases/{case other}", (200, 404, 404, 403)),
    ("GET", "/incidents", (200, 200, 200, 200)),
    ("POST", "/incidents/{mine}", (201, 201, 404, 201)),
    ("POST", "/incidents/{other}", (201, 404, 404, 201)),
    ("POST", "/records", (201, 403, 403, 403)),
    ("POST", "/imports", (202, 403, 403, 403)),
    ("GET", "/imports/{import}", (200, 403, 403, 403)),
    ("GET", "/jobs/{job}", (200, 404, 404, 403)),
]


@pytest.mark.parametrize(
    ("method", "path", "expected"), MATRIX, ids=[f"{m} {p}" for m, p, _ in MATRIX]
)
def test_every_endpoint_follows_the_web_s_role_rules(
    portfolio: Team,
    apis: dict[str, Api],
    work: dict[str, int],
    method: str,
    path: str,
    expected: tuple[int, int, int, int],
) -> None:
    job = Job.objects.create(kind=Job.Kind.TRIAGE, started_by=portfolio.alice.user)
    upload = Job.objects.create(kind=Job.Kind.IMPORT, started_by=portfolio.alice.user)
    ids = {
        "mine": portfolio.bob_clients[0],
        "other": portfolio.other_client,
        "job": job.pk,
        "import": upload.pk,
        **work,
    }
    for role, status in zip(ROLES, expected, strict=True):
        api = apis[role]
        if path.startswith("/incidents/"):
            client = ids[path.split("{")[1].rstrip("}")]
            response = api.post("/incidents", _incident(client))
        elif path == "/records":
            response = api.post("/records", _records(role))
        elif path == "/imports":
            upload_file = SimpleUploadedFile(
                "toggl_hours.csv", (FIXTURES / "toggl_hours.csv").read_bytes()
            )
            response = api.post("/imports", data={"files": [upload_file]})
        elif method == "POST":
            response = api.post(path.format(**ids))
        else:
            response = api.get(path.format(**ids))
        assert response.status_code == status, (role, response.content[:500])


def _incident(client_id: int) -> dict[str, Any]:
    return {
        "client_id": client_id,
        "kind": "abuse_to_staff",
        "severity": "high",
        "occurred_at": "2026-10-20T15:30:00+02:00",
        "note": "Shouted at the designer on the call.",
    }


def _records(tag: str) -> dict[str, Any]:
    return {
        "clients": [{"name": f"API Harbour {tag}", "country": "HR"}],
        "contracts": [
            {
                "client": f"API Harbour {tag}",
                "title": "Retainer",
                "start": "2026-01-01",
                "end": "2026-12-31",
                "notice_days": 30,
            }
        ],
    }


def test_a_manager_sees_only_their_clients_and_staff_see_no_client_at_all(
    portfolio: Team, apis: dict[str, Api]
) -> None:
    listed = {c["id"] for c in apis["manager"].get("/clients").json()}
    assert listed == set(portfolio.bob_clients)
    assert apis["manager without clients"].get("/clients").json() == []
    assert len(apis["owner"].get("/clients").json()) == 45
    verdicts = apis["manager"].get("/triage").json()["verdicts"]
    assert {v["client_id"] for v in verdicts} == set(portfolio.bob_clients)
    staff = apis["staff"]
    for path in ("/clients", "/triage", f"/clients/{portfolio.bob_clients[0]}/triage"):
        body = staff.get(path).content.decode()
        assert "revenue" not in body and "evidence" not in body


def test_a_verdict_carries_its_signs_evidence_and_codes(
    portfolio: Team, apis: dict[str, Api]
) -> None:
    worst = portfolio.bob_clients[0]
    verdict = apis["manager"].get(f"/clients/{worst}/triage").json()
    assert verdict["recommendation"] in ("repair", "end_at_contract_end", "end_now")
    signals = verdict["decision"]["signals"]
    assert signals and all({"id", "severity", "value", "evidence"} <= set(s) for s in signals)
    flagged = [s for s in signals if s["evidence"]]
    assert flagged, "the most troubled client has evidence"
    phrase = next(s["explanation_phrase"] for s in signals if s["explanation_phrase"])
    assert {"code", "text", "params"} <= set(phrase)  # a code with parameters, not prose
    assert isinstance(verdict["revenue_minor"], int)


def test_incidents_are_created_and_read_as_on_the_web(
    portfolio: Team, apis: dict[str, Api]
) -> None:
    client = portfolio.other_client
    made = apis["staff"].post("/incidents", _incident(client))
    assert made.status_code == 201
    report = Incident.objects.get(pk=made.json()["id"])
    assert report.reporter == portfolio.charlie and report.client_id == client
    assert [r["id"] for r in apis["staff"].get("/incidents").json()] == [report.pk]
    assert report.pk not in {r["id"] for r in apis["manager"].get("/incidents").json()}
    assert report.pk in {r["id"] for r in apis["owner"].get("/incidents").json()}
    future = {**_incident(client), "occurred_at": "2099-01-01T10:00:00+00:00"}
    assert apis["staff"].post("/incidents", future).status_code == 422
    wrong = {**_incident(client), "kind": "rudeness"}
    response = apis["staff"].post("/incidents", wrong)
    assert response.status_code == 422 and "abuse_to_you" in response.json()["detail"]


def test_records_are_created_once_and_a_document_with_an_error_writes_nothing(
    portfolio: Team, apis: dict[str, Api]
) -> None:
    owner = apis["owner"]
    first = owner.post("/records", _records("once"))
    assert first.status_code == 201, first.content
    assert first.json()["new"]["contracts"] == 1
    assert Contract.objects.filter(client__name="API Harbour once").count() == 1
    again = owner.post("/records", _records("once"))
    assert again.status_code == 201 and again.json()["new"] == {}
    assert Contract.objects.filter(client__name="API Harbour once").count() == 1
    broken = _records("broken")
    broken["contracts"][0]["end"] = "the end of next year"
    refused = owner.post("/records", broken)
    assert refused.status_code == 422
    (error,) = refused.json()["errors"]
    assert error["line"] and error["message"]["code"]
    assert not Contract.objects.filter(client__name="API Harbour broken").exists()
    assert owner.post("/records", ["not", "an", "object"]).status_code == 422


def test_an_import_is_uploaded_and_its_report_read(portfolio: Team, apis: dict[str, Api]) -> None:
    owner = apis["owner"]
    upload = SimpleUploadedFile("toggl_hours.csv", (FIXTURES / "toggl_hours.csv").read_bytes())
    started = owner.post("/imports", data={"files": [upload]})
    assert started.status_code == 202
    job = started.json()
    assert job["kind"] == "import" and job["state"] == "done"  # small: done at once
    report = owner.get(f"/imports/{job['id']}").json()["result"]
    (file,) = report["files"]
    assert file["name"] == "toggl_hours.csv" and file["new"]["time_entries"] == 3
    assert TimeEntry.objects.filter(client__name="Webtest Harbour Ltd").count() == 3


def test_a_triage_is_queued_and_followed(portfolio: Team, apis: dict[str, Api]) -> None:
    from partways.jobs.runner import run

    started = apis["owner"].post("/triage")
    assert started.status_code == 202 and started.json()["state"] == "waiting"
    run(started.json()["id"])
    done = apis["owner"].get(f"/jobs/{started.json()['id']}").json()
    assert done["state"] == "done" and done["result"]["clients"] == 45
