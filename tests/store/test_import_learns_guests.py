"""Who a client brings along: guests in a client's chat channel and attendees of a
client's meetings become the client's contacts, listed in the import report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partways.store import models as m
from partways.store.imports.run import ImportOptions, import_source, sources

pytestmark = pytest.mark.django_db(transaction=True)

DAY = 1778061600  # 2026-05-06 10:00 UTC
USERS = {
    "U1": ("Carla Client", "carla@acme.example"),
    "U2": ("Dino Newhire", "dino.newhire@gmail.com"),
    "U3": ("Maja Horvat", "maja@studio.example"),
    "U4": ("Pia Other", "pia@orbit.example"),
}


@pytest.fixture(autouse=True)
def known() -> None:
    m.BusinessSettings.objects.all().delete()
    settings = m.BusinessSettings.load()
    settings.own_addresses = "@studio.example"
    settings.save()
    acme = m.Client.objects.create(name="Acme")
    m.Contact.objects.create(client=acme, name="Carla", email="carla@acme.example")
    orbit = m.Client.objects.create(name="Orbit")
    m.Contact.objects.create(client=orbit, name="Pia", email="pia@orbit.example")


def _import(path: Path):
    (source,) = sources([str(path)], None)
    report = import_source(source, ImportOptions(time_zone="UTC"))
    assert report.errors == [] and report.written, report
    return report


def _slack(tmp_path: Path, channels: dict[str, list[tuple[str, str]]]) -> Path:
    """A Slack export; ``channels`` maps a channel to its (user id, text) messages."""
    root = tmp_path / "slack"
    root.mkdir()
    users = [
        {"id": uid, "name": name.split()[0].lower(), "real_name": name, "profile": {"email": e}}
        for uid, (name, e) in USERS.items()
    ]
    (root / "users.json").write_text(json.dumps(users))
    listing = [
        {"id": f"C{i}", "name": name, "members": sorted({u for u, _ in said} | {"U3"})}
        for i, (name, said) in enumerate(channels.items(), 1)
    ]
    (root / "channels.json").write_text(json.dumps(listing))
    for name, said in channels.items():
        (root / name).mkdir()
        day = [
            {"type": "message", "user": user, "text": text, "ts": f"{DAY + 60 * n}.000100"}
            for n, (user, text) in enumerate(said)
        ]
        (root / name / "2026-05-06.json").write_text(json.dumps(day))
    return root


def test_an_unknown_guest_in_one_clients_channel_becomes_their_contact(tmp_path):
    report = _import(
        _slack(
            tmp_path,
            {
                "acme-web": [("U1", "Morning!"), ("U2", "Hi, I'm new at Acme"), ("U3", "Welcome")],
                "shared-lounge": [("U1", "Hello"), ("U4", "Hi"), ("U2", "Hey all")],
            },
        )
    )
    acme = m.Client.objects.get(name="Acme")
    assert m.Contact.objects.filter(client=acme, email="dino.newhire@gmail.com").exists()
    dino = m.Message.objects.filter(author_address="dino.newhire@gmail.com")
    # In Acme's channel he is Acme's; once known, his other messages are too.
    assert set(dino.values_list("client_id", flat=True)) == {acme.pk}
    assert any("dino.newhire@gmail.com → Acme" in n for n in map(str, report.notes))


def test_a_channel_shared_by_two_clients_teaches_nothing(tmp_path):
    _import(_slack(tmp_path, {"shared-lounge": [("U1", "Hello"), ("U4", "Hi"), ("U2", "Hey")]}))
    assert not m.Contact.objects.filter(email="dino.newhire@gmail.com").exists()
    assert m.Message.objects.get(author_address="dino.newhire@gmail.com").client_id is None


def _ics(tmp_path: Path, attendees: list[str]) -> Path:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        "BEGIN:VEVENT",
        "UID:meet-1@studio.example",
        "DTSTAMP:20260501T090000Z",
        "DTSTART:20260506T100000Z",
        "DTEND:20260506T110000Z",
        "SUMMARY:Launch planning",
        "ORGANIZER:mailto:maja@studio.example",
        *[f"ATTENDEE;CN={a}:mailto:{a}" for a in attendees],
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    path = tmp_path / "calendar.ics"
    path.write_text("\r\n".join(lines) + "\r\n")
    return path


def test_who_a_client_brings_to_a_meeting_is_learned(tmp_path):
    report = _import(
        _ics(tmp_path, ["maja@studio.example", "carla@acme.example", "cfo@acme-holding.example"])
    )
    acme = m.Client.objects.get(name="Acme")
    assert m.Contact.objects.filter(client=acme, email="cfo@acme-holding.example").exists()
    assert not m.Contact.objects.filter(email="maja@studio.example").exists()
    assert any("cfo@acme-holding.example → Acme" in n for n in map(str, report.notes))


def test_a_meeting_of_two_clients_teaches_nothing(tmp_path):
    _import(
        _ics(
            tmp_path,
            ["carla@acme.example", "pia@orbit.example", "cfo@acme-holding.example"],
        )
    )
    assert not m.Contact.objects.filter(email="cfo@acme-holding.example").exists()
