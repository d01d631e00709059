"""The triage started from the portfolio is a job: queued, followed on its own page,
done with its count or failed with its reason; only the owner starts and follows it."""

from __future__ import annotations

import pytest
from django.test import Client as Browser

from partways.jobs.runner import run
from partways.store.models import Job, TriageRun

from .conftest import Team


def test_the_owner_queues_a_triage_and_its_page_follows_it_to_the_end(
    portfolio: Team, as_alice: Browser
) -> None:
    runs = TriageRun.objects.count()
    response = as_alice.post("/portfolio/triage/")
    assert response.status_code == 302 and response.url.startswith("/jobs/")
    job = Job.objects.get(kind=Job.Kind.TRIAGE)
    assert response.url == f"/jobs/{job.pk}/"
    assert job.started_by == portfolio.alice.user and job.task_id
    page = as_alice.get(response.url).content.decode()
    assert "Waiting for a worker to start it" in page
    assert f'hx-get="{response.url}" hx-trigger="every 1s"' in page
    assert as_alice.get(response.url, headers={"HX-Request": "true"}).status_code == 200

    run(str(job.pk))  # as the worker runs it
    fragment = as_alice.get(response.url, headers={"HX-Request": "true"})
    assert fragment.status_code == 286  # htmx stops polling
    assert "Triage done: 45 clients." in fragment.content.decode()
    page = as_alice.get(response.url).content.decode()
    assert "hx-trigger" not in page and 'href="/portfolio/"' in page
    assert TriageRun.objects.count() == runs + 1
    job.refresh_from_db()
    assert job.result["clients"] == 45 and sum(job.result["recommendations"].values()) == 45


def test_a_failed_triage_shows_why(
    portfolio: Team, as_alice: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partways.core.dataset import DataError
    from partways.jobs import triage

    def broken(*args: object, **kwargs: object) -> object:
        raise DataError("two invoices share one number")

    monkeypatch.setattr(triage, "run_triage", broken)
    url = as_alice.post("/portfolio/triage/").url
    with pytest.raises(DataError):
        run(url.strip("/").rsplit("/", 1)[1])
    page = as_alice.get(url).content.decode()
    assert "The job stopped: two invoices share one number" in page
    assert 'role="alert"' in page and "hx-trigger" not in page


def test_only_the_owner_starts_or_follows_a_triage(
    portfolio: Team, as_alice: Browser, as_bob: Browser, as_charlie: Browser
) -> None:
    url = as_alice.post("/portfolio/triage/").url
    for browser in (as_bob, as_charlie):
        assert browser.post("/portfolio/triage/").status_code == 403
        assert browser.get(url).status_code == 403
    assert Job.objects.count() == 1


def test_an_unknown_job_is_not_found(as_alice: Browser) -> None:
    response = as_alice.get("/jobs/0b6f5a52-54a4-4a0c-9d7e-4f7d3f0e9a11/")
    assert response.status_code == 404
    assert "No such job" in response.content.decode()
