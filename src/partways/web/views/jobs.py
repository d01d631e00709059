"""A background job's page: how far it has got, then what came of it.

Imports have their own page (:mod:`.imports`), with the files' report; this one shows
the other kinds: a triage started from the portfolio (the owner's), a letter's PDF
(its writer's, and the owner's). Like the import page it polls itself with HTMX while
the job runs (HTTP 286 stops the polling once it has ended), and refreshes itself
without JavaScript.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from partways.jobs.files import job_files
from partways.store.models import Job, TeamMember

from ..access import MANAGERS, client_for, role_required
from .imports import STOP_POLLING


def _visible(request: HttpRequest, job_id: uuid.UUID) -> Job | None:
    """The job, if the person may follow it: the owner any job, a manager the letters
    they asked for, for a client still theirs. Raises PermissionDenied for a kind
    their role never sees (a triage)."""
    member: TeamMember = request.member  # type: ignore[attr-defined]
    job = Job.objects.filter(id=job_id).exclude(kind=Job.Kind.IMPORT).first()
    if job is None or member.role == TeamMember.Role.OWNER:
        return job
    if job.kind != Job.Kind.LETTER_PDF:
        raise PermissionDenied("Your role cannot open this page.")
    if job.started_by_id != request.user.pk:
        return None
    client_for(member, job.params["client_id"])  # 404 once the client is no longer theirs
    return job


@role_required(*MANAGERS)
def job_page(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job = _visible(request, job_id)
    if job is None:
        return render(request, "partways/jobs/gone.html", status=404)
    context = {"job": job, "done": job.finished}
    if request.headers.get("HX-Request"):
        response = render(request, "partways/jobs/status.html", context)
        if job.finished:
            response.status_code = STOP_POLLING
        return response
    return render(request, "partways/jobs/job.html", context)


@role_required(*MANAGERS)
def job_file(request: HttpRequest, job_id: uuid.UUID) -> FileResponse:
    """The file a finished job wrote (a letter's PDF), as an attachment."""
    job = _visible(request, job_id)
    name = (job.result or {}).get("file", "") if job is not None else ""
    path = job_files(job_id) / name if name else None
    if path is None or not path.is_file():
        raise Http404("No such file.")
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("jobs/<uuid:job_id>/", job_page, name="job"),
    path("jobs/<uuid:job_id>/file/", job_file, name="job_file"),
]
