"""Web test fixtures: the demo agency triaged once per module, and one login per role.

The team (healthchecks' alice/bob/charlie pattern):

- **alice**: the owner; sees everything;
- **bob**: a manager with three clients assigned (``bob_clients``);
- **dana**: a manager with no client at all;
- **charlie**: staff; reports incidents, sees no client page and no money.

The portfolio is built and triaged once per test module (about 5 seconds) outside the
per-test transaction, and deleted when the module ends so other modules start empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

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


@pytest.fixture(scope="module")
def portfolio(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[Team]:
    from partways.demo.generator import build_demo
    from partways.store.triage import run_triage
    from partways.web.accounts import create_login

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        build_demo(AS_OF, replace=True)
        alice = create_login(
            email="alice@example.com", password=PASSWORD, name="Alice", role="owner"
        )
        bob = create_login(email="bob@example.com", password=PASSWORD, name="Bob", role="manager")
        dana = create_login(
            email="dana@example.com", password=PASSWORD, name="Dana", role="manager"
        )
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
        yield Team(alice, bob, dana, charlie, tuple(mine), other)
        _wipe()


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
