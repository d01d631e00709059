"""Web test fixtures: the demo agency triaged once per module, and one login per role.

The team (healthchecks' alice/bob/charlie pattern):

- **alice**: the owner; sees everything;
- **bob**: a manager with three clients assigned (``bob_clients``);
- **dana**: a manager with no client at all;
- **charlie**: staff; reports incidents, sees no client page and no money.

The portfolio is built and triaged once per test process (about 5 seconds alone, 25–35
under a parallel suite) and kept as a snapshot of its rows; each module that asks for it
gets those rows restored outside the per-test transaction (a second or two), and
deleted when the module ends, so other modules start empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client as Browser

from partways.store.models import Client, TeamMember

AS_OF = dt.date(2026, 10, 31)
PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Team:
    alice: TeamMember
    bob: TeamMember
    dana: TeamMember
    charlie: TeamMember
    bob_clients: tuple[int, ...]
    other_client: int  # a client bob must not reach


# The built portfolio's rows, model by model in dependency order, and its team: taken
# once per process, restored for each module.
_SNAPSHOT: tuple[list[tuple[type[Any], list[dict[str, Any]]]], Team] | None = None


@pytest.fixture(scope="module")
def portfolio(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[Team]:
    global _SNAPSHOT
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        if _SNAPSHOT is None:
            team = _build()
            _SNAPSHOT = (_rows(), team)
        else:
            _restore(_SNAPSHOT[0])
            team = _SNAPSHOT[1]
        yield team
        _wipe()


def _models() -> list[type[Any]]:
    """partways' models and the log-ins, parents before children. Permissions and
    content types come from the migrations and are never wiped."""
    from django.apps import apps
    from django.core.serializers import sort_dependencies

    configs = [(apps.get_app_config("partways"), None), (apps.get_app_config("auth"), None)]
    return [
        model
        for model in sort_dependencies(configs)
        if model._meta.managed and not model._meta.proxy and model.__name__ != "Permission"
    ]


def _rows() -> list[tuple[type[Any], list[dict[str, Any]]]]:
    out = []
    for model in _models():
        fields = [f.attname for f in model._meta.concrete_fields]
        rows = list(model.objects.order_by("pk").values(*fields))
        if rows:
            out.append((model, rows))
        for m2m in model._meta.many_to_many:
            through = m2m.remote_field.through
            links = list(through.objects.values())
            if links:
                out.append((through, links))
    return out


def _restore(snapshot: list[tuple[type[Any], list[dict[str, Any]]]]) -> None:
    """The snapshot's rows inserted again, with their own keys; PostgreSQL's sequences
    moved past them, so rows a test adds get new keys."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    with transaction.atomic():
        # What a module's wipe leaves (the business's settings, exchange rates) goes
        # first, children before parents, without collecting cascades row by row.
        for model, _ in reversed(snapshot):
            model.objects.all()._raw_delete(model.objects.db)
        for model, rows in snapshot:
            objects = [model(**row) for row in rows]
            # auto_now fields would take the time of the restore: keep the snapshot's.
            for field in model._meta.concrete_fields:
                if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                    field.pre_save = _kept(field)  # type: ignore[method-assign]
            try:
                model.objects.bulk_create(objects, batch_size=2000)
            finally:
                for field in model._meta.concrete_fields:
                    field.__dict__.pop("pre_save", None)
    statements = connection.ops.sequence_reset_sql(no_style(), [m for m, _ in snapshot])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _kept(field: Any) -> Any:
    def pre_save(instance: Any, add: bool) -> Any:
        return getattr(instance, field.attname)

    return pre_save


def _build() -> Team:
    """The demo agency, its team of four and a triage, built from scratch."""
    from partways.demo.generator import build_demo
    from partways.store.triage import run_triage
    from partways.web.accounts import create_login

    build_demo(AS_OF, replace=True)
    alice = create_login(email="alice@example.com", password=PASSWORD, name="Alice", role="owner")
    bob = create_login(email="bob@example.com", password=PASSWORD, name="Bob", role="manager")
    dana = create_login(email="dana@example.com", password=PASSWORD, name="Dana", role="manager")
    charlie = create_login(
        email="charlie@example.com", password=PASSWORD, name="Charlie", role="staff"
    )
    ids = list(Client.objects.order_by("name").values_list("pk", flat=True))
    # Bob manages three clients, among them the most troubled one, so his pages
    # have signals, evidence and flagged messages to show.
    run_triage(AS_OF)
    from partways.store.models import ClientVerdict

    worst = ClientVerdict.objects.order_by("-score").values_list("client_id", flat=True)[0]
    mine = [worst] + [i for i in ids if i != worst][:2]
    Client.objects.update(manager=None)
    Client.objects.filter(pk__in=mine).update(manager=bob)
    other = next(i for i in ids if i not in mine)
    return Team(alice, bob, dana, charlie, tuple(mine), other)


def _wipe() -> None:
    from django.contrib.auth import get_user_model

    from partways.store.models import TriageRun

    Client.objects.all().delete()
    TriageRun.objects.all().delete()
    TeamMember.objects.all().delete()
    get_user_model().objects.all().delete()


def browser_for(member: TeamMember) -> Browser:
    """A Django test client logged in as ``member``."""
    b = Browser()
    assert b.login(username=member.email, password=PASSWORD)
    return b


@pytest.fixture
def as_alice(portfolio: Team, db: None) -> Browser:
    return browser_for(portfolio.alice)


@pytest.fixture
def as_bob(portfolio: Team, db: None) -> Browser:
    return browser_for(portfolio.bob)


@pytest.fixture
def as_dana(portfolio: Team, db: None) -> Browser:
    return browser_for(portfolio.dana)


@pytest.fixture
def as_charlie(portfolio: Team, db: None) -> Browser:
    return browser_for(portfolio.charlie)
