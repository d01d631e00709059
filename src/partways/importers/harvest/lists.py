"""Harvest's project and client lists, exported as CSV.

Projects (Projects → Export): ``Client, Project, Project Code, Start Date, End Date,
Project Notes, Total Hours, Billable Hours, Billable Amount, Budget By, Budget, …``.
Clients (Manage → Clients → Export): ``Client Name, Address``. partways reads the
names and which project belongs to which client; totals and budgets are sums of
the time entries, which the time report gives one by one.
"""

from __future__ import annotations

from partways.core.phrase import marked, say

from ..csvmap import Column, CsvImporter, Table
from ..records import Records


class HarvestProjectsImporter(CsvImporter):
    name = "harvest-projects"
    title = marked("Harvest projects list (CSV)")
    kinds = ("clients", "projects")
    columns = {
        "client": Column("Client", not_empty=True),
        "project": Column("Project", not_empty=True),
        "budget_by": Column("Budget By"),
        "budget": Column("Budget"),
    }
    # "Budget By" (Hours, Total project fees, …) is Harvest's own column.
    signature = ("client", "project", "budget_by", "budget")

    def build(self, table: Table) -> Records:
        records = Records()
        records.add("projects", table.frame.select("client", "project", "line"))
        clients = table.frame.unique("client", keep="first", maintain_order=True)
        records.add("clients", clients.select("client", "line"))
        records.notes.append(
            say(
                "import.harvest_projects_note",
                "The projects list gives projects and their clients only; its hour, "
                "amount and budget totals are not read (import the detailed time report).",
            )
        )
        return records


class HarvestClientsImporter(CsvImporter):
    name = "harvest-clients"
    title = marked("Harvest clients list (CSV)")
    kinds = ("clients",)
    columns = {
        "client": Column("Client Name", not_empty=True),
        "address": Column("Address"),
    }
    signature = ("client", "address")

    def header_matches(self, fields: list[str]) -> bool:
        """Harvest's two columns and nothing else.

        Invoicely and Invoice2go also start their client lists with "Client Name",
        followed by e-mail and phone columns that Harvest's list does not have.
        """
        names = {f.strip().casefold() for f in fields if f.strip()}
        return names == {"client name", "address"}

    def build(self, table: Table) -> Records:
        records = Records()
        records.add("clients", table.frame.select("client", "line"))
        records.notes.append(
            say(
                "import.harvest_clients_note",
                "Harvest's client list gives names only; the Address column is not read.",
            )
        )
        return records


__all__ = ["HarvestClientsImporter", "HarvestProjectsImporter"]
