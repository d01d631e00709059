"""Syncing the connected services as a job: the worker's schedule and "Sync now".

A service that cannot be read (a revoked token, the network, a quota) is recorded on
its connection and in the job's result; the other connections are still synced, and
the job itself ends done: the next scheduled run tries again from the same cursor.
"""

from __future__ import annotations

from typing import Any

from partways.connectors import SyncFailed
from partways.i18n import render
from partways.store.models import Connection, Job
from partways.store.sync.run import sync

from .runner import Progress


def run_sync_job(job: Job, progress: Progress) -> dict[str, Any]:
    """Sync the connections the job names (``params["connections"]``: ids; none named:
    every connection); return what each sync did or why it failed."""
    wanted = job.params.get("connections")
    connections = Connection.objects.all()
    if wanted:
        connections = connections.filter(pk__in=wanted)
    chosen = list(connections)
    results: dict[str, Any] = {}
    for number, connection in enumerate(chosen, start=1):
        progress(step="syncing", detail=connection.label, current=number, total=len(chosen))
        try:
            report = sync(connection)
        except SyncFailed as exc:
            results[connection.label] = {
                "ok": False,
                "problem": render(exc.phrase, job.language or "en"),
            }
            continue
        results[connection.label] = {
            "ok": not report.refused,
            "new": dict(report.new),
            "updated": dict(report.updated),
            "removed": dict(report.removed),
        }
    return {"connections": results}
