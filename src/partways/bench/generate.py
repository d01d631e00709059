"""A large synthetic portfolio, written straight into the partways tables.

Every column is drawn vectorised (Polars expressions over seeded uniforms, see
:mod:`partways.bench.rng`) and each table goes to the database in one bulk load
(:mod:`partways.bench.writer`), so 2,000 clients with 5 million time entries and 2
million messages take a few minutes rather than hours through the ORM.

The data covers ``MONTHS`` calendar months ending at ``AS_OF`` (plus a few days after
it, so the engine's "up to as_of" cut-offs have something to cut). Clients differ in
size, age, currency, rates, payment habits, working hours and tone, and a minority
are deliberately difficult, so every signal fires for some clients and stays quiet
for most; a few are young, archived or gone quiet, so the "too little data to judge"
rules are exercised too.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from . import clients as people
from . import talk, work
from .rng import Rng
from .synth import AS_OF, TIME_ZONE
from .writer import Writer, open_writer

__all__ = ["AS_OF", "TIME_ZONE", "Progress", "generate"]

Progress = Callable[[str, int, int], None]


def generate(
    clients: int,
    time_entries: int,
    invoices: int,
    messages: int,
    seed: int = 7,
    progress: Progress | None = None,
) -> None:
    """Fill the configured (migrated) database with a synthetic portfolio.

    ``progress(table, step, steps)`` is called before each table is written.
    Deterministic for a given seed and sizes. Expects empty partways tables (ids are
    assigned after the largest existing one, so appending works, but client names
    would collide).
    """
    steps = [
        "clients",
        "projects",
        "contacts",
        "contracts",
        "time_entries",
        "expenses",
        "invoices",
        "payments",
        "messages",
        "message_labels",
        "meetings",
        "proposals",
        "deliverables",
        "incidents",
        "flags",
        "repair_plans",
    ]
    step = iter(range(1, len(steps) + 1))

    def tick(name: str) -> None:
        if progress:
            progress(name, next(step), len(steps))

    rng = Rng(seed)
    team = people.business()  # through the ORM, before the bulk writer opens its connection
    addresses = people.addresses()
    members = team["owner"] + team["manager"] + team["staff"]
    writer: Writer = open_writer()

    def write(name: str, table: str, build: Callable[[int], pl.DataFrame]) -> pl.DataFrame:
        """Build a table with ids after the largest existing one, and write it."""
        tick(name)
        frame = build(writer.next_id(table))
        writer.write(table, frame)
        return frame

    try:
        tick("clients")
        cl = people.clients(rng, clients, writer.next_id("partways_client"), team["manager"])
        writer.write("partways_client", people.client_rows(cl))
        tick("projects")
        cl, projects = people.projects(cl, writer.next_id("partways_project"))
        writer.write("partways_project", projects)
        write("contacts", "partways_contact", lambda first: people.contacts(rng, cl, first))
        write("contracts", "partways_contract", lambda first: people.contracts(rng, cl, first))
        tick("time_entries")
        te = work.time_entries(rng, cl, time_entries, writer.next_id("partways_timeentry"))
        writer.write("partways_timeentry", te.drop("idx"))
        write(
            "expenses",
            "partways_expense",
            lambda first: work.expenses(rng, cl, clients * 20, first),
        )
        tick("invoices")
        # Invoice amounts follow each client's logged hours; payments follow invoices.
        inv = work.invoices(rng, cl, invoices, writer.next_id("partways_invoice"), te)
        del te
        writer.write("partways_invoice", work.invoice_rows(inv))
        write("payments", "partways_payment", lambda first: work.payments(rng, inv, first))
        tick("messages")
        msg = talk.messages(
            rng,
            cl,
            messages,
            writer.next_id("partways_message"),
            team["staff"],
            addresses,
            team["owner"][0],
        )
        writer.write("partways_message", talk.message_rows(msg))
        write(
            "message_labels",
            "partways_messagelabel",
            lambda first: talk.labels(rng, cl, msg, first),
        )
        write(
            "meetings",
            "partways_meeting",
            lambda first: talk.meetings(rng, cl, clients * 20, first),
        )
        write(
            "proposals",
            "partways_proposal",
            lambda first: talk.proposals(rng, cl, clients * 15, first),
        )
        write(
            "deliverables",
            "partways_deliverable",
            lambda first: talk.deliverables(rng, cl, clients * 10, first),
        )
        write(
            "incidents",
            "partways_incident",
            lambda first: talk.incidents(rng, cl, first, members, addresses, team["owner"][0]),
        )
        write("flags", "partways_clientflag", lambda first: people.flags(rng, cl, first))
        write(
            "repair_plans", "partways_repairplan", lambda first: people.repair_plans(rng, cl, first)
        )
    finally:
        writer.finish()
