"""A background job's page: how far it has got, then what came of it.

Imports have their own page (:mod:`.imports`), with the files' report; this one shows
the other kinds (a triage started from the portfolio). Like the import page it polls
itself with HTMX while the job runs (HTTP 286 stops the polling once it has ended),
and refreshes itself without JavaScript.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from partways.store.models import Job

from ..access import OWNER, role_required
from .imports import STOP_POLLING


@role_required(*OWNER)
def job_page(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job = Job.objects.filter(id=job_id).exclude(kind=Job.Kind.IMPORT).first()
    if job is None:
        return render(request, "partways/jobs/gone.html", status=404)
    context = {"job": job, "done": job.finished}
    if request.headers.get("HX-Request"):
        response = render(request, "partways/jobs/status.html", context)
        if job.finished:
            response.status_code = STOP_POLLING
        return response
    return render(request, "partways/jobs/job.html", context)


urlpatterns = [path("jobs/<uuid:job_id>/", job_page, name="job")]
