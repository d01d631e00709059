"""What every kind's writer shares during one import: the directory and lookups."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl

from partways.store.models import BusinessSettings, Contract, Project

from .identity import Directory


@dataclass
class Context:
    directory: Directory
    base_currency: str
    payment_terms: dict[int, int]  # client id -> days, from the latest contract
    projects: dict[tuple[int, str], int] = field(default_factory=dict)
    projects_created: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    unmatched_addresses: Counter[str] = field(default_factory=Counter)
    unmatched_names: Counter[str] = field(default_factory=Counter)

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

    def skip(self, reason: str, count: int) -> None:
        if count:
            self.skipped[reason] += count

    def client_ids(self, names: pl.Series, emails: pl.Series | None = None) -> pl.Series:
        """Client ids for a column of names (and addresses, where a row has no name).

        Names are resolved (created when new); an address only matches a known client.
        """
        # In file order: the first spelling of a new client names it.
        distinct = names.drop_nulls().unique(maintain_order=True).to_list()
        mapping = {n: self.directory.resolve(n) for n in distinct if n.strip()}
        ids = names.replace_strict(mapping, default=None, return_dtype=pl.Int64)
        if emails is None:
            return ids
        by_mail = {
            e: self.directory.client_of_address(e)
            for e in emails.drop_nulls().unique(maintain_order=True).to_list()
        }
        mail_ids = emails.replace_strict(by_mail, default=None, return_dtype=pl.Int64)
        return ids.fill_null(mail_ids)

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
