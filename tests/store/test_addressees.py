"""Who a client's message was for, decided from the current team on every triage [002 #2].

mistreats_staff `[002 #2]` counts what clients send to the people who work for the
owner, so whether a message was to staff is worked out when the engine's tables are
read (store/addressees.py), from the team as it is then. The messages here come in
through the real import path: a Slack export folder and a maildir written in the
formats those importers read. Runs on SQLite, and on PostgreSQL when DATABASE_URL is
set. ``transaction=True``: the loader reads through its own connection.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from partways.store import models as m
from partways.store.addressees import Member, Mentions, with_to_staff
from partways.store.business import load_business
from partways.store.imports.run import ImportOptions, import_source, sources
from partways.store.loader import load_dataset
from partways.store.triage import run_triage

pytestmark = pytest.mark.django_db(transaction=True)

AS_OF = dt.date(2026, 5, 31)
# 2026-05-06 10:00 UTC, as a Slack timestamp.
DAY = 1778061600

USERS = {
    "U1": ("Carla Client", "carla@acme.example"),
    "U2": ("Maja Horvat", "maja@studio.example"),
    "U3": ("Omar Haddad", "omar@studio.example"),
    "U4": ("Lea Novak", "lea@studio.example"),
}


@pytest.fixture
def acme() -> m.Client:
    s = m.BusinessSettings.load()
    s.own_addresses = "@studio.example"
    s.save()
    m.TeamMember.objects.create(name="Maja Horvat", email="maja@studio.example", role="owner")
    m.TeamMember.objects.create(name="Omar Haddad", email="omar@studio.example", role="staff")
    client = m.Client.objects.create(name="Acme")
    m.Contact.objects.create(client=client, name="Carla Client", email="carla@acme.example")
    return client


def _import(path: Path) -> None:
    (source,) = sources([str(path)], None)
    report = import_source(source, ImportOptions(time_zone="UTC"))
    assert report.errors == [] and report.written, report


def _slack(tmp_path: Path, channels: dict[str, list[str]], said: dict[str, list[str]]) -> Path:
    """A Slack export: users.json, channels.json (id C<n>, with members) and one day
    file per channel, each message written by the client (U1)."""
    root = tmp_path / "slack"
    root.mkdir()
    users = [
        {"id": uid, "name": name.split()[0].lower(), "real_name": name, "profile": {"email": e}}
        for uid, (name, e) in USERS.items()
    ]
    (root / "users.json").write_text(json.dumps(users))
    listing = [
        {"id": f"C{i}", "name": name, "members": members}
        for i, (name, members) in enumerate(channels.items(), 1)
    ]
    (root / "channels.json").write_text(json.dumps(listing))
    for name, texts in said.items():
        (root / name).mkdir()
        day = [
            {"type": "message", "user": "U1", "text": text, "ts": f"{DAY + 60 * n}.000100"}
            for n, text in enumerate(texts)
        ]
        (root / name / "2026-05-06.json").write_text(json.dumps(day))
    return root


def _maildir(tmp_path: Path, mails: list[tuple[str, str, str, str]]) -> Path:
    """A maildir of mails from the client: (Message-ID, To, Cc, text)."""
    root = tmp_path / "mail"
    (root / "cur").mkdir(parents=True)
    (root / "new").mkdir()
    (root / "tmp").mkdir()
    for n, (mid, to, cc, text) in enumerate(mails):
        lines = [
            "From: Carla Client <carla@acme.example>",
            f"To: {to}",
            *([f"Cc: {cc}"] if cc else []),
            f"Subject: Mail {n}",
            f"Date: Wed, 06 May 2026 1{n}:00:00 +0000",
            f"Message-ID: <{mid}>",
            "Content-Type: text/plain; charset=utf-8",
            "",
            text,
            "",
        ]
        (root / "cur" / f"17780616{n:02d}.M{n}P1.host:2,S").write_text("\r\n".join(lines))
    return root


def _to_staff(ds_messages: pl.DataFrame) -> dict[str, bool]:
    """to_staff by each message's external id (Message-ID, or slack:<channel>:<ts>)."""
    ids = dict(m.Message.objects.values_list("pk", "external_id"))
    return {
        ids[pk]: flag
        for pk, flag in ds_messages.select("message_id", "to_staff").iter_rows()
        if pk in ids
    }


def _loaded() -> dict[str, bool]:
    business, _ = load_business()
    return _to_staff(load_dataset(business).messages)


def _abusive_to_staff(outcome, client: m.Client) -> int:  # type: ignore[no-untyped-def]
    row = outcome.result.results.filter(
        (pl.col("client_id") == client.pk) & (pl.col("signal") == "mistreats_staff")
    )
    return int(json.loads(row["facts"][0])["abusive_to_staff"])


def test_a_staff_member_added_after_the_import_counts_on_the_next_triage(acme, tmp_path) -> None:
    # [002 #2]: Lea joins the team after her mail was imported. The import could not
    # know she was staff (Message.recipient stays empty); the next triage does.
    _import(_maildir(tmp_path, [("m1@acme.example", "lea@studio.example", "", "You idiots.")]))
    assert m.Message.objects.get(external_id="m1@acme.example").recipient is None
    before = run_triage(AS_OF)
    assert _to_staff(before.dataset.messages) == {"m1@acme.example": False}
    assert _abusive_to_staff(before, acme) == 0

    m.TeamMember.objects.create(name="Lea Novak", email="lea@studio.example", role="staff")
    after = run_triage(AS_OF)
    assert _to_staff(after.dataset.messages) == {"m1@acme.example": True}
    assert _abusive_to_staff(after, acme) == 1


def test_a_channel_message_mentioning_a_staff_member_is_to_staff_with_the_owner_there(
    acme, tmp_path
) -> None:
    # [002 #2]: the owner reads the channel, but the client wrote to Omar.
    _import(
        _slack(
            tmp_path,
            {"acme-project": ["U1", "U2", "U3"]},
            {"acme-project": ["<@U3> you idiots, this is useless"]},
        )
    )
    stored = m.Message.objects.get()
    assert stored.text.startswith("@Omar Haddad")
    # The channel's members, the author left out, are the recipients.
    assert stored.recipients.split("\n") == ["maja@studio.example", "omar@studio.example"]
    assert _loaded() == {f"slack:C1:{DAY}.000100": True}
    assert _abusive_to_staff(run_triage(AS_OF), acme) == 1


def test_a_channel_message_without_a_mention_in_the_owner_s_channel_is_not_to_staff(
    acme, tmp_path
) -> None:
    # [002 #2]: aimed at no one in a channel the owner reads: it is to the business.
    # Mentioning the owner, or someone not on the team, changes nothing; a channel the
    # owner is not in is staff's alone.
    _import(
        _slack(
            tmp_path,
            # Omar is listed before the owner: no one in a channel comes first.
            {"acme-project": ["U1", "U3", "U2"], "acme-design": ["U1", "U3"]},
            {
                "acme-project": ["you idiots", "<@U2> you idiots", "<@U1> you idiots @here"],
                "acme-design": ["you idiots"],
            },
        )
    )
    assert _loaded() == {
        f"slack:C1:{DAY}.000100": False,
        f"slack:C1:{DAY + 60}.000100": False,
        f"slack:C1:{DAY + 120}.000100": False,
        f"slack:C2:{DAY}.000100": True,
    }


def test_mail_to_staff_cc_owner_is_to_staff_and_to_owner_cc_staff_is_not(acme, tmp_path) -> None:
    # [002 #2]: the To line names whom the client wrote to; a Cc only keeps them informed.
    _import(
        _maildir(
            tmp_path,
            [
                ("m1@acme.example", "omar@studio.example", "maja@studio.example", "Hello"),
                ("m2@acme.example", "maja@studio.example", "omar@studio.example", "Hello"),
                # Someone outside the team first: the first *team member* decides.
                ("m3@acme.example", "x@elsewhere.example, omar@studio.example", "", "Hi"),
                # E-mail text is not read for mentions: the To line decides.
                ("m4@acme.example", "maja@studio.example", "", "@Omar Haddad see this"),
            ],
        )
    )
    assert m.Message.objects.get(external_id="m1@acme.example").recipients.split("\n") == [
        "omar@studio.example",
        "maja@studio.example",
    ]
    assert _loaded() == {
        "m1@acme.example": True,
        "m2@acme.example": False,
        "m3@acme.example": True,
        "m4@acme.example": False,
    }


def test_a_manager_counts_as_staff_and_a_few_clients_read_gives_the_same(acme, tmp_path) -> None:
    # [002 #2]: managers work for the owner too. Reading one client (Django's own
    # connection) and every client (ConnectorX) must agree.
    m.TeamMember.objects.create(name="Lea Novak", email="lea@studio.example", role="manager")
    _import(
        _slack(
            tmp_path,
            {"acme-project": ["U1", "U2", "U3", "U4"]},
            {"acme-project": ["@lea see this", "<@U4> where is it", "hi <@U2> and <@U4>"]},
        )
    )
    _import(_maildir(tmp_path, [("m1@acme.example", "lea@studio.example", "", "Hello")]))
    full = _loaded()
    assert full == {
        # Plain "@lea" typed in Slack is Lea's address's local part: a mention too.
        f"slack:C1:{DAY}.000100": True,
        f"slack:C1:{DAY + 60}.000100": True,
        f"slack:C1:{DAY + 120}.000100": True,
        "m1@acme.example": True,
    }
    business, _ = load_business()
    assert _to_staff(load_dataset(business, [acme.pk]).messages) == full


def test_mentions_match_names_and_local_parts_whole_and_longest_first() -> None:
    team = [
        Member(1, "Ana", "ana@studio.example", True),
        Member(2, "Ana Kovač", "akovac@studio.example", False),
        Member(3, "Omar", "o.haddad@studio.example", False),
    ]
    find = Mentions(team)
    assert find("@ANA KOVAČ please") == {2}
    assert find("@ana please") == {1}
    assert find("thanks @Omar's team, cc @o.haddad") == {3}
    assert find("@Omarov and bob@omar.example and @akovac.") == {2}
    assert find("no one") == set() and find(None) == set()
    assert Mentions([])("@Omar") == set()


def test_outbound_and_unaddressed_messages_are_not_to_staff() -> None:
    team = pl.DataFrame(
        {"id": [1, 2], "name": ["Maja", "Omar"], "email": ["maja@s.x", "OMAR@s.x"]}
    ).with_columns(role=pl.Series(["owner", "staff"]))
    msgs = pl.DataFrame(
        {
            "message_id": [1, 2, 3, 4, 5],
            "direction": ["out", "in", "in", "in", "in"],
            "channel": ["email", "email", "sms", "chat", "chat"],
            "recipients": ["omar@s.x", "shared@s.x", "omar@s.x", "", "maja@s.x\nomar@s.x"],
            "mention_text": ["", "", "", "@omar", "@nobody"],
        }
    )
    out = with_to_staff(msgs, team)
    assert out["to_staff"].to_list() == [False, False, True, True, False]
    assert "recipients" not in out.columns and "mention_text" not in out.columns
    # No team, no messages: nothing breaks.
    empty = pl.DataFrame(
        {c: [] for c in ("message_id", "direction", "channel", "recipients", "mention_text")}
    )
    no_team = pl.DataFrame({c: [] for c in ("id", "name", "email", "role")})
    assert with_to_staff(empty, no_team)["to_staff"].to_list() == []
    assert with_to_staff(msgs, no_team)["to_staff"].to_list() == [False] * 5
