"""Connections on the web: the owner connects a service, sees its last sync, syncs now.

The same as ``partways connect`` / ``sync`` / ``connections`` / ``disconnect``. A token
typed here is checked with the service, stored encrypted, and never shown again.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partways.connectors import Connector, SyncFailed
from partways.connectors.registry import SERVICES, connector_class
from partways.i18n import render as words
from partways.jobs.queue import submit
from partways.jobs.runner import run as run_job
from partways.store.models import Connection, Job, WorkerBeat
from partways.store.sync.run import connect, last_problem, last_totals

from ..access import OWNER, role_required

log = logging.getLogger(__name__)

# A worker seen this recently takes a "Sync now" from the queue; otherwise the page
# syncs while it waits, so it works on a single-user install with no worker running.
WORKER_SEEN = dt.timedelta(minutes=1)


def _titles() -> list[tuple[str, str]]:
    return [(name, _(connector_class(name).title)) for name in SERVICES]


class ConnectForm(forms.Form):
    service = forms.ChoiceField(label=gettext_lazy("Service"), choices=())
    secret = forms.CharField(
        label=gettext_lazy("API token or key"),
        widget=forms.PasswordInput(render_value=False),
        max_length=500,
        help_text=gettext_lazy(
            "Kept encrypted; never shown again. docs/importing.md says where each service shows it."
        ),
    )
    account = forms.CharField(
        label=gettext_lazy("Account or workspace ID"),
        required=False,
        max_length=100,
        help_text=gettext_lazy(
            "Harvest needs its account ID; for Toggl and Clockify, a workspace other "
            "than your default one."
        ),
    )
    url = forms.URLField(
        label=gettext_lazy("Address of a self-hosted Invoice Ninja"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    label = forms.SlugField(
        label=gettext_lazy("Name of this connection"),
        required=False,
        max_length=64,
        help_text=gettext_lazy("Only for a second account at the same service."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = _titles()  # type: ignore[attr-defined]

    def credentials(self, cls: type[Connector]) -> dict[str, str]:
        """The form's values under the connector's own field names: the token for its
        secret field, the ID for its other one."""
        values: dict[str, str] = {}
        for field in cls.fields:
            given = self.cleaned_data["secret"] if field.secret else self.cleaned_data["account"]
            if given.strip():
                values[field.name] = given.strip()
        return values


def result_words(connection: Connection) -> str:
    """What the last sync did, or why it failed, in the reader's language."""
    if connection.last_ok is None:
        return _("Not synced yet.")
    problem = last_problem(connection)
    if problem is not None:
        return words(problem)
    counts = last_totals(connection)
    if not any(counts.values()):
        return _("Nothing had changed.")
    return _("%(new)s new, %(updated)s updated, %(removed)s removed.") % counts


def _page(request: HttpRequest, form: ConnectForm, status: int = 200) -> HttpResponse:
    rows = [
        {"connection": c, "title": _(connector_class(c.service).title), "result": result_words(c)}
        for c in Connection.objects.all()
    ]
    return render(
        request,
        "partways/settings/connections.html",
        {"form": form, "rows": rows},
        status=status,
    )


@role_required(*OWNER)
def connections_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, ConnectForm())
    form = ConnectForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    cls = connector_class(form.cleaned_data["service"])
    try:
        connection = connect(
            cls.service,
            form.credentials(cls),
            label=form.cleaned_data["label"],
            base_url=form.cleaned_data["url"],
        )
    except SyncFailed as exc:
        form.add_error(None, words(exc.phrase))
        return _page(request, form, status=400)
    messages.success(
        request,
        _("Connected %(label)s: %(account)s.")
        % {"label": connection.label, "account": connection.account},
    )
    if (connection.last_result or {}).get("other_account"):
        messages.info(
            request,
            _(
                "This name now opens another account: what it synced before stays, and is "
                "no longer followed; the next sync reads the new account in full."
            ),
        )
    return redirect("settings_connections")


@require_POST
@role_required(*OWNER)
def sync_now(request: HttpRequest, connection_id: int) -> HttpResponse:
    """Sync one connection: queued for a running worker, else while the page waits."""
    connection = Connection.objects.filter(pk=connection_id).first()
    if connection is None:
        raise Http404("No such connection.")
    worker = WorkerBeat.objects.filter(seen_at__gte=timezone.now() - WORKER_SEEN).exists()
    job = submit(Job.Kind.SYNC, {"connections": [connection.pk]}, user=request.user, queue=worker)
    if worker:
        return redirect("job", job_id=job.id)
    try:
        run_job(str(job.id))
    except Exception:  # recorded on the job and the connection, which the page shows
        log.warning("sync %s failed within its request", job.id)
    connection.refresh_from_db()
    if connection.last_ok:
        messages.success(request, result_words(connection))
    else:
        messages.error(request, result_words(connection))
    return redirect("settings_connections")


@require_POST
@role_required(*OWNER)
def remove_connection(request: HttpRequest, connection_id: int) -> HttpResponse:
    deleted, _rows = Connection.objects.filter(pk=connection_id).delete()
    if not deleted:
        raise Http404("No such connection.")
    messages.success(request, _("The connection is removed; what it synced stays."))
    return redirect("settings_connections")


urlpatterns = [
    path("settings/connections/", connections_page, name="settings_connections"),
    path(
        "settings/connections/<int:connection_id>/sync/",
        sync_now,
        name="settings_connection_sync",
    ),
    path(
        "settings/connections/<int:connection_id>/remove/",
        remove_connection,
        name="settings_connection_remove",
    ),
]
