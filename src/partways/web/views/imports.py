"""Importing exports from the browser: upload files, follow the progress, read the report.

The work is :mod:`partways.web.import_jobs`, which imports exactly as ``partways
import`` does, as a background job; these views take the upload and show the job's
row, from whichever web process the page asks. The job page polls
itself with HTMX while the import runs (HTTP 286 stops the polling once it is done);
without JavaScript it refreshes itself, and it has a link to do so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partways.core.limits import limit
from partways.store.models import ImportBatch

from .. import import_jobs, uploads
from ..access import OWNER, role_required

# Record kinds as the store counts them (partways.importers.records.SCHEMAS).
KINDS: dict[str, Promise] = {
    "clients": gettext_lazy("clients"),
    "contacts": gettext_lazy("contacts"),
    "client_aliases": gettext_lazy("client aliases"),
    "projects": gettext_lazy("projects"),
    "time_entries": gettext_lazy("time entries"),
    "invoices": gettext_lazy("invoices"),
    "payments": gettext_lazy("payments"),
    "expenses": gettext_lazy("expenses"),
    "messages": gettext_lazy("messages"),
    "meetings": gettext_lazy("meetings"),
    "contracts": gettext_lazy("contracts"),
    "deliverables": gettext_lazy("deliverables"),
    "proposals": gettext_lazy("proposals"),
    "incidents": gettext_lazy("incidents"),
    "flags": gettext_lazy("flags"),
}
# htmx cancels an element's polling when the answer has this status.
STOP_POLLING = 286


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type=file multiple>``: a list, never empty."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            if not data:
                return [single(None, initial)]  # raises "required"
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    uploads = MultipleFileField(
        label=gettext_lazy("Export files"),
        help_text=gettext_lazy(
            "One or more exports: time reports, invoices, payments, mailboxes, chat exports. "
            "A CSV of another layout needs its column mapping uploaded beside it "
            "(hours.csv with hours.csv.mapping.toml)."
        ),
    )
    format = forms.ChoiceField(label=gettext_lazy("Format"), required=False)
    skip_bad_rows = forms.BooleanField(
        label=gettext_lazy("Import the good rows of a file with errors"),
        required=False,
        help_text=gettext_lazy(
            "Otherwise a file with any error writes nothing, so you can fix it and import it whole."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Choices are built per form: plugins and the reader's language decide them.
        self.fields["format"].choices = [  # type: ignore[attr-defined]
            ("", _("Recognise each file")),
            *((name, f"{name}: {title}") for name, title in import_jobs.formats()),
        ]


def counts(by_kind: Mapping[str, int]) -> str:
    """``{"time_entries": 3}`` as "time entries: 3", in the reader's language; "–" for none."""
    shown = [
        f"{KINDS.get(kind, kind.replace('_', ' '))}: {number_format(n, force_grouping=True)}"
        for kind, n in by_kind.items()
        if n
    ]
    return ", ".join(shown) or "–"


@role_required(*OWNER)
def upload(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        # Parsing the upload (above) stopped past the size limit: nothing was kept.
        if uploads.refused(request):
            return uploads.refusal(request, uploads.declared_size(request))
        if form.is_valid():
            data = form.cleaned_data
            try:
                job = import_jobs.start(
                    data["uploads"],
                    fmt=data["format"] or None,
                    skip_bad_rows=data["skip_bad_rows"],
                    user=request.user,
                )
            except OSError as exc:
                form.add_error(
                    None,
                    _("The files could not be saved for import: %(problem)s") % {"problem": exc},
                )
            else:
                return redirect("import_job", job_id=job.id)
    else:
        form = UploadForm()
    recent = [
        {"batch": b, "new": counts(b.counts.get("new", {}))}
        for b in ImportBatch.objects.order_by("-imported_at")[:10]
    ]
    context = {"form": form, "recent": recent, "max_upload": limit("upload.max_bytes")}
    return render(request, "partways/imports/upload.html", context)


@role_required(*OWNER)
def job_page(request: HttpRequest, job_id: str) -> HttpResponse:
    """The job's progress until it is done, then its report; HTMX gets the fragment alone."""
    job = import_jobs.get(job_id)
    if job is None:
        return render(request, "partways/imports/gone.html", status=404)
    # Read once, before the results: a job that finishes while the page is drawn is
    # shown as still running, and the next poll shows the whole report.
    done = job.done
    context = {
        "job": job,
        "done": done,
        "files": [
            {
                "result": r,
                "new": counts(r.new),
                "updated": counts(r.updated),
                "unchanged": counts(r.unchanged),
            }
            for r in job.results
        ],
    }
    if request.headers.get("HX-Request"):
        response = render(request, "partways/imports/status.html", context)
        if done:
            response.status_code = STOP_POLLING
        return response
    return render(request, "partways/imports/job.html", context)


urlpatterns = [
    path("import/", upload, name="import"),
    path("import/<slug:job_id>/", job_page, name="import_job"),
]
