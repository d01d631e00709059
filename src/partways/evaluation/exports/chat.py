"""Chat as an unpacked Slack workspace export.

``users.json`` lists the team and every client contact with their e-mail (as Slack
Connect shows them); each client has a shared channel (``channels.json``, with its
members) and every one-to-one exchange is a direct message (``dms.json``). Each
conversation is a folder of one JSON file per day (UTC) with Slack's own message
fields; mentions are ``<@U…>`` markup and text is escaped as Slack escapes it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..model import Agency, Client, Message, Person
from .common import WriterError, as_utc, digest, people, slack_id


def _channel_name(client: Client) -> str:
    words = re.sub(r"[^\w]+", "-", client.name.casefold(), flags=re.UNICODE).strip("-")
    return ("ext-" + words)[:70].rstrip("-") or "ext-" + digest(client.name, size=3)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(m: Message) -> str:
    """The text as Slack stores it: escaped, with each mentioned person as ``<@U…>``."""
    text = _escape(m.text)
    for person in m.mentions:
        tag = f"<@{slack_id(person)}>"
        for spelled in (person.name, person.name.split(" ")[0]):
            if f"@{_escape(spelled)}" in text:
                text = text.replace(f"@{_escape(spelled)}", tag, 1)
                break
        else:
            text = f"{tag} {text}"
    return text


def _user(person: Person, team: bool) -> dict[str, Any]:
    first, _, last = person.name.partition(" ")
    handle = re.sub(r"[^a-z0-9._-]", "", person.email.split("@")[0].lower()) or "user"
    return {
        "id": slack_id(person),
        "team_id": "T0AGENCY"
        if team
        else "T" + digest(person.email.rpartition("@")[2], size=4).upper(),
        "name": handle,
        "deleted": False,
        "real_name": person.name,
        "tz": "",
        "profile": {
            "first_name": first,
            "last_name": last,
            "real_name": person.name,
            "real_name_normalized": person.name,
            "display_name": first,
            "display_name_normalized": first,
            "email": person.email,
            "team": "T0AGENCY" if team else "",
        },
        "is_admin": person.role == "owner",
        "is_owner": person.role == "owner",
        "is_bot": False,
        "is_app_user": False,
        "is_restricted": not team,
        "updated": 1700000000,
    }


class _Stamps:
    """Slack ``ts`` values: the send time to the microsecond, unique per conversation."""

    def __init__(self) -> None:
        self.used: dict[str, set[int]] = {}

    def __call__(self, conversation: str, m: Message) -> str:
        micros = int(as_utc(m.sent_at).timestamp() * 1_000_000)
        used = self.used.setdefault(conversation, set())
        while micros in used:
            micros += 1
        used.add(micros)
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


def write_slack(agency: Agency, folder: Path) -> Path:
    """An unpacked Slack export in ``folder/slack_export``; returns that folder."""
    root = folder / "slack_export"
    root.mkdir(parents=True, exist_ok=True)
    team = {p.email.lower() for p in agency.team}
    everyone = people(agency)
    users = [_user(p, p.email.lower() in team) for p in everyone]
    channels: dict[str, dict[str, Any]] = {}
    dms: dict[str, dict[str, Any]] = {}
    # conversation id -> folder, and the messages written into it by day
    days: dict[str, dict[str, list[dict[str, Any]]]] = {}
    folders: dict[str, str] = {}
    placed: dict[int, tuple[str, str]] = {}  # message -> (conversation, ts)
    entries: dict[tuple[str, str], dict[str, Any]] = {}
    stamps = _Stamps()
    chats = sorted(
        ((c, m) for c in agency.clients for m in c.messages if m.channel == "chat"),
        key=lambda cm: as_utc(cm[1].sent_at),
    )
    for client, m in chats:
        if not m.to:
            raise WriterError(f"{client.name}: a chat message without recipients")
        author = slack_id(m.author)
        if len(m.to) == 1 and not m.mentions:
            pair = sorted([author, slack_id(m.to[0])])
            cid = "D" + digest(*pair, size=5).upper()
            dms.setdefault(cid, {"id": cid, "created": 1700000000, "members": pair})
            folders[cid] = cid
        else:
            cid = "C" + digest(agency.slug, client.name, size=5).upper()
            if cid not in channels:
                channels[cid] = {
                    "id": cid,
                    "name": _channel_name(client),
                    "created": 1700000000,
                    "creator": slack_id(agency.owner),
                    "is_archived": False,
                    "is_general": False,
                    "members": [],
                    "topic": {"value": "", "creator": "", "last_set": 0},
                    "purpose": {
                        "value": f"Shared with {client.name}",
                        "creator": "",
                        "last_set": 0,
                    },
                }
                folders[cid] = channels[cid]["name"]
            members = channels[cid]["members"]
            for person in [m.author, *m.to, *m.mentions]:
                if slack_id(person) not in members:
                    members.append(slack_id(person))
        ts = stamps(cid, m)
        placed[id(m)] = (cid, ts)
        entry: dict[str, Any] = {
            "client_msg_id": digest(cid, ts, size=16),
            "type": "message",
            "text": markup(m),
            "user": author,
            "ts": ts,
            "team": "T0AGENCY" if m.direction == "out" else "",
            "user_profile": {
                "real_name": m.author.name,
                "display_name": m.author.name.split(" ")[0],
                "name": m.author.email.split("@")[0],
            },
        }
        parent = placed.get(id(m.reply_to)) if m.reply_to is not None else None
        if parent is not None and parent[0] == cid:
            head = entries[(cid, parent[1])]
            head = entries[(cid, head.get("thread_ts", head["ts"]))]
            head.setdefault("thread_ts", head["ts"])
            head["reply_count"] = head.get("reply_count", 0) + 1
            head.setdefault("replies", []).append({"user": author, "ts": ts})
            entry["thread_ts"] = head["ts"]
            entry["parent_user_id"] = head["user"]
        entries[(cid, ts)] = entry
        day = as_utc(m.sent_at).date().isoformat()
        days.setdefault(folders[cid], {}).setdefault(day, []).append(entry)
    (root / "users.json").write_text(_dump(users), encoding="utf-8")
    (root / "channels.json").write_text(_dump(list(channels.values())), encoding="utf-8")
    (root / "dms.json").write_text(_dump(list(dms.values())), encoding="utf-8")
    for name, by_day in days.items():
        (root / name).mkdir(exist_ok=True)
        for day, messages in by_day.items():
            (root / name / f"{day}.json").write_text(_dump(messages), encoding="utf-8")
    return root


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=4)
