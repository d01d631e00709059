"""The team page: members and their log-ins, roles, and who manages which client."""

from __future__ import annotations

import html
import re

from django.contrib.auth import get_user_model
from django.test import Client as Browser

from partways.store.models import Client, TeamMember

from .conftest import PASSWORD, Team


def _errors(page: str) -> list[str]:
    return [html.unescape(e) for e in re.findall(r"<li>([^<]+)</li>", page.split("<main", 1)[1])]


def _row(page: str, member: TeamMember) -> str:
    return page.split(f'<tr id="member-{member.pk}">', 1)[1].split("</tr>", 1)[0]


def test_the_team_is_listed_with_role_log_in_and_language(
    portfolio: Team, as_alice: Browser
) -> None:
    TeamMember.objects.filter(pk=portfolio.dana.pk).update(language="hr")
    nolog = TeamMember.objects.create(name="Nina", email="nina@example.com", role="staff")
    page = as_alice.get("/settings/team/").content.decode()
    bob = _row(page, portfolio.bob)
    assert "Bob" in bob and "bob@example.com" in bob and "Manager" in bob and "yes" in bob
    assert '<td class="num">3</td>' in bob  # his three clients
    assert "Hrvatski" in _row(page, portfolio.dana)
    assert "no log-in" in _row(page, nolog)
    assert f'<label class="sr-only" for="role-{portfolio.bob.pk}">Role of Bob</label>' in page


def test_the_owner_adds_a_person_who_can_then_log_in(portfolio: Team, as_alice: Browser) -> None:
    response = as_alice.post(
        "/settings/team/",
        {"name": "Eve", "email": "Eve@Example.com", "role": "manager", "password": PASSWORD},
        follow=True,
    )
    assert "Eve can now log in as Manager with eve@example.com." in response.content.decode()
    eve = TeamMember.objects.get(email="eve@example.com")
    assert eve.role == "manager" and eve.user is not None
    assert Browser().login(username="eve@example.com", password=PASSWORD)


def test_an_account_error_is_shown_on_the_form(portfolio: Team, as_alice: Browser) -> None:
    count = TeamMember.objects.count()
    taken = as_alice.post(
        "/settings/team/",
        {"name": "Bob again", "email": "bob@example.com", "role": "staff", "password": PASSWORD},
    )
    assert taken.status_code == 200
    assert "bob@example.com already has a log-in." in _errors(taken.content.decode())
    weak = as_alice.post(
        "/settings/team/",
        {"name": "Fay", "email": "fay@example.com", "role": "staff", "password": "password"},
    )
    assert any("too common" in e or "too short" in e for e in _errors(weak.content.decode()))
    assert 'value="fay@example.com"' in weak.content.decode()  # kept to be corrected
    assert TeamMember.objects.count() == count


def test_the_add_form_is_labelled(as_alice: Browser) -> None:
    page = as_alice.get("/settings/team/").content.decode()
    for field in ("name", "email", "role", "password"):
        assert f'<label for="id_{field}">' in page
    assert 'type="password"' in page


def test_a_role_change_takes_effect_and_the_log_in_follows(
    portfolio: Team, as_alice: Browser
) -> None:
    charlie = portfolio.charlie
    as_alice.post(f"/settings/team/{charlie.pk}/role/", {"role": "manager"})
    assert TeamMember.objects.get(pk=charlie.pk).role == "manager"
    as_alice.post(f"/settings/team/{charlie.pk}/role/", {"role": "owner"})
    user = get_user_model().objects.get(pk=charlie.user_id)
    assert user.is_superuser and user.is_staff  # an owner also has Django's admin
    as_alice.post(f"/settings/team/{charlie.pk}/role/", {"role": "staff"})
    user.refresh_from_db()
    assert not user.is_superuser and not user.is_staff


def test_a_manager_made_staff_stops_managing_clients(portfolio: Team, as_alice: Browser) -> None:
    response = as_alice.post(
        f"/settings/team/{portfolio.bob.pk}/role/", {"role": "staff"}, follow=True
    )
    assert not Client.objects.filter(manager=portfolio.bob).exists()
    assert "Bob no longer manages 3 clients" in response.content.decode()


def test_the_last_owner_cannot_stop_being_one(portfolio: Team, as_alice: Browser) -> None:
    alice = portfolio.alice
    response = as_alice.post(f"/settings/team/{alice.pk}/role/", {"role": "manager"}, follow=True)
    assert TeamMember.objects.get(pk=alice.pk).role == "owner"
    assert "Alice is the only owner" in response.content.decode()
    assert as_alice.get("/settings/").status_code == 200


def test_an_owner_may_step_down_when_another_owner_remains(
    portfolio: Team, as_alice: Browser
) -> None:
    TeamMember.objects.filter(pk=portfolio.dana.pk).update(role="owner")
    response = as_alice.post(f"/settings/team/{portfolio.alice.pk}/role/", {"role": "manager"})
    assert response.url == "/"  # the team page is not hers any more
    assert TeamMember.objects.get(pk=portfolio.alice.pk).role == "manager"
    assert as_alice.get("/settings/team/").status_code == 403


def test_an_unknown_role_changes_nothing(portfolio: Team, as_alice: Browser) -> None:
    as_alice.post(f"/settings/team/{portfolio.bob.pk}/role/", {"role": "king"})
    assert TeamMember.objects.get(pk=portfolio.bob.pk).role == "manager"
    assert as_alice.post("/settings/team/999999/role/", {"role": "staff"}).status_code == 404


def test_clients_are_assigned_to_managers(portfolio: Team, as_alice: Browser) -> None:
    page = as_alice.get("/settings/team/").content.decode()
    first = portfolio.bob_clients[0]
    name = Client.objects.get(pk=first).name
    assert (
        f'<label for="id_client_{first}"><bdi data-user>{html.escape(name)}</bdi></label>' in page
    )
    select = page.split(f'name="client_{first}"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{portfolio.bob.pk}" selected>' in select
    assert f'value="{portfolio.charlie.pk}"' not in select  # staff manage no client
    data = {
        f"client_{c.pk}": str(c.manager_id or "") for c in Client.objects.filter(archived=False)
    }
    data[f"client_{first}"] = str(portfolio.dana.pk)
    data[f"client_{portfolio.other_client}"] = str(portfolio.dana.pk)
    response = as_alice.post("/settings/team/clients/", data, follow=True)
    assert "Saved: 2 clients have a new manager." in response.content.decode()
    assert set(Client.objects.filter(manager=portfolio.dana).values_list("pk", flat=True)) == {
        first,
        portfolio.other_client,
    }
    # Dana now reaches her clients, Bob no longer the one he gave up.
    dana = Browser()
    assert dana.login(username="dana@example.com", password=PASSWORD)
    assert dana.get(f"/clients/{first}/").status_code == 200
    assert as_alice.get("/settings/team/").status_code == 200


def test_a_client_cannot_be_given_to_staff(portfolio: Team, as_alice: Browser) -> None:
    first = portfolio.bob_clients[0]
    response = as_alice.post(
        "/settings/team/clients/", {f"client_{first}": str(portfolio.charlie.pk)}
    )
    assert response.status_code == 200
    assert any("Select a valid choice" in e for e in _errors(response.content.decode()))
    assert Client.objects.get(pk=first).manager_id == portfolio.bob.pk


def test_only_the_owner_manages_the_team(
    portfolio: Team, as_bob: Browser, as_dana: Browser, as_charlie: Browser
) -> None:
    for browser in (as_bob, as_dana, as_charlie):
        assert browser.get("/settings/team/").status_code == 403
        new = {"name": "X", "email": "x@example.com", "role": "owner", "password": PASSWORD}
        assert browser.post("/settings/team/", new).status_code == 403
        role_url = f"/settings/team/{portfolio.charlie.pk}/role/"
        assert browser.post(role_url, {"role": "owner"}).status_code == 403
        assign = {f"client_{portfolio.other_client}": str(portfolio.bob.pk)}
        assert browser.post("/settings/team/clients/", assign).status_code == 403
    assert TeamMember.objects.get(pk=portfolio.charlie.pk).role == "staff"
    assert not TeamMember.objects.filter(email="x@example.com").exists()


def test_anonymous_visitors_are_sent_to_log_in(portfolio: Team, db: None) -> None:
    for url in ("/settings/team/", "/settings/team/1/role/", "/settings/team/clients/"):
        response = Browser().post(url)
        assert response.status_code == 302 and response.url.startswith("/login/"), url
    assert Browser().get("/settings/team/").url.startswith("/login/")
