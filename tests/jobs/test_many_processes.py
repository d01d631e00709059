"""Two web processes and two workers on one PostgreSQL database, driven at once:
uploads through both, records and triages through the API of both, readers in a loop.
Nothing is lost or doubled, and no call fails (partways.bench.processes, smaller)."""

from __future__ import annotations

import os

import pytest

from partways.bench.processes import Sizes, run

URL = os.environ.get("DATABASE_URL", "")


@pytest.mark.skipif(
    not URL.startswith(("postgres://", "postgresql://")),
    reason="the many-process deployment is PostgreSQL's (this run is on SQLite)",
)
def test_two_web_processes_and_two_workers_lose_and_double_nothing() -> None:
    sizes = Sizes(uploads=4, rows=3_000, records=6, triages=2, readers=2)
    figures = run(URL, sizes)
    assert figures["api_errors"] == 0, figures["error_samples"]
    shown = {k: v for k, v in figures.items() if k != "error_samples"}
    assert figures["lost"] == 0 and figures["doubled"] == 0, shown
    assert figures["imports_done"] == 4 and figures["triages_done"] == 2
    assert figures["time_entries_in_database"] == figures["time_entries_reported_new"] > 10_000
    assert figures["reupload_new"] == 0
    assert figures["clients_posted_in_database"] == 6
    assert figures["api_requests"] > 20
