"""Clockify's projects report, exported as CSV (Projects → Export → Save as CSV).

Columns: ``Project, Client, Status, Visibility, Billability, Tasks, Tracked (h),
Estimated (h), …, Billable Rate (USD), Amount (USD), …, Project members, Project
manager, Note``. partways reads which project belongs to which client; the hour
and money totals are sums of the time entries, which the time report gives one by one.
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked, say

from ..csvmap import Column, CsvImporter, Table
from ..records import Records


class ClockifyProjectsImporter(CsvImporter):
    name = "clockify-projects"
    title = marked("Clockify projects report (CSV)")
    kinds = ("clients", "projects")
    columns = {
        "project": Column("Project", not_empty=True),
        "client": Column("Client", required=False),
        "status": Column("Status"),
        "visibility": Column("Visibility"),
        "billability": Column("Billability"),
    }
    # Visibility and Billability are the project list's own columns; no time report
    # (Clockify's or another tool's) has them.
    signature = ("project", "status", "visibility", "billability")

    def build(self, table: Table) -> Records:
        records = Records()
        records.add("projects", table.frame.select("client", "project", "line"))
        clients = (
            table.frame.filter(pl.col("client").is_not_null())
            .unique("client", keep="first", maintain_order=True)
            .select("client", "line")
        )
        records.add("clients", clients)
        records.notes.append(
            say(
                "import.clockify_projects_note",
                "The projects report gives projects and their clients only; its hour and "
                "amount totals are not read (import the detailed time report for the entries).",
            )
        )
        return records
