"""What every kind's writer shares during one import: the directory and lookups."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl

from partways.core.phrase import Phrase
from partways.store.models import BusinessSettings, Contract, Project

from .identity import Directory

_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class Context:
    directory: Directory
    base_currency: str
    payment_terms: dict[int, int]  # client id -> days, from the latest contract
    projects: dict[tuple[int, str], int] = field(default_factory=dict)
    projects_created: int = 0
    skipped: Counter[Phrase] = field(default_factory=Counter)
    unmatched_addresses: Counter[str] = field(default_factory=Counter)
    unmatched_names: Counter[str] = field(default_factory=Counter)
    # Addresses an export gave beside a client's name (an invoice's client e-mail, a
    # Stripe customer's), kept as the client's contacts: (client name, address).
    learned_contacts: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def load(cls) -> Context:
        settings = BusinessSettings.load()
        terms = {
            c.client_id: c.payment_terms_days
            for c in Contract.objects.order_by("start").only("client_id", "payment_terms_days")
        }
        ctx = cls(Directory.load(), settings.base_currency, terms)
        for pk, client_id, name in Project.objects.values_list("pk", "client_id", "name"):
            ctx.projects[(client_id, name.strip().casefold())] = pk
        return ctx

    def skip(self, reason: Phrase, count: int) -> None:
        if count:
            self.skipped[reason] += count

    def client_ids(self, names: pl.Series, emails: pl.Series | None = None) -> pl.Series:
        """Client ids for a column of names and, where given, the rows' addresses.

        A row's client is the one its name means; else the one its address belongs to
        (a contact's, or the client's domain); else a new client with that name. A
        name that is an address (Stripe names a customer by e-mail when it has no
        description) is looked up as an address first.
        """
        emails = emails if emails is not None else pl.Series([None] * len(names), dtype=pl.String)
        pairs = pl.DataFrame({"name": names, "email": emails})
        directory = self.directory
        distinct = pairs.unique(maintain_order=True)  # file order: a first spelling names
        found: list[int | None] = []
        for name, email in distinct.iter_rows():
            name = name if name and name.strip() else None
            # A known name (a new spelling of one is kept as an alias by resolve).
            pk = directory.resolve(name) if name and directory.find(name) else None
            for address in (email, name if name and _ADDRESS.match(name) else None):
                if pk is None and address:
                    pk = directory.client_of_address(address)
            if pk is None and name:
                pk = directory.resolve(name)
            if pk is not None and email and _ADDRESS.match(email.strip()):
                self.learn_contact(pk, email)
            found.append(pk)
        ids = distinct.with_columns(pl.Series("id", found, dtype=pl.Int64))
        return pairs.join(
            ids, on=["name", "email"], how="left", nulls_equal=True, maintain_order="left"
        )["id"]

    def learn_contact(self, pk: int, email: str) -> None:
        """Keep ``email`` as a contact of client ``pk`` unless it is known, yours, or
        already another client's; mail from it then finds the client."""
        directory = self.directory
        address = email.strip().lower()
        if address in directory.by_address or directory.is_own(address):
            return
        if directory.add_contact(pk, address):
            self.learned_contacts.append((directory.names.get(pk, str(pk)), address))

    def project_ids(self, client_ids: pl.Series, names: pl.Series) -> pl.Series:
        """Project ids for (client, project name) pairs, creating the projects that are new."""
        pairs = pl.DataFrame({"c": client_ids, "p": names})
        # Resolve each distinct pair once: a million time entries name a few hundred.
        distinct = pairs.drop_nulls().unique().filter(pl.col("p").str.strip_chars() != "")
        self.create_projects(distinct.iter_rows())
        found = distinct.with_columns(
            pl.Series(
                "id",
                [self.projects[(c, p.strip().casefold())] for c, p in distinct.iter_rows()],
                dtype=pl.Int64,
            )
        )
        return pairs.join(found, on=["c", "p"], how="left", maintain_order="left")["id"]

    def create_projects(self, pairs: Iterable[tuple[int, str]]) -> None:
        """Create the (client, name) projects not known yet, in one statement."""
        new: dict[tuple[int, str], Project] = {}
        for client_id, name in pairs:
            key = (client_id, name.strip().casefold())
            if key not in self.projects and key not in new:
                new[key] = Project(client_id=client_id, name=name.strip()[:200])
        created = Project.objects.bulk_create(list(new.values()))
        for key, project in zip(new, created, strict=True):
            self.projects[key] = project.pk
        self.projects_created += len(created)

    def project(self, client_id: int, name: str) -> int:
        key = (client_id, name.strip().casefold())
        pk = self.projects.get(key)
        if pk is None:
            pk = Project.objects.create(client_id=client_id, name=name.strip()[:200]).pk
            self.projects[key] = pk
            self.projects_created += 1
        return pk

    def due_dates(self, client_ids: pl.Series, issued: pl.Series) -> pl.Series:
        """Due dates from each client's contract payment terms (30 days without one)."""
        days = client_ids.replace_strict(self.payment_terms, default=30, return_dtype=pl.Int64)
        frame = pl.DataFrame({"issued": issued, "days": days})
        return frame.select(
            (pl.col("issued") + pl.duration(days=pl.col("days"))).cast(pl.Date)
        ).to_series()
