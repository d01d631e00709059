"""Slack workspace export (Workspace settings → Import/Export Data → Export).

Human messages become ``messages`` records (channel "chat"): the message id is
``slack:<conversation id>:<ts>``, the author comes from users.json (real name, and
the profile e-mail as ``author_address``), the subject is the channel ("#general")
or the other side of a direct message ("@Ana Kovač"), and thread replies point to
their thread's first message. Bot messages, joins and leaves and every other
automatic subtype are counted as skipped. ``client`` stays empty: the store finds
the client from the addresses of the people in the conversation.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from partways.core.phrase import marked, say

from ..base import Importer, ImportFailed, RowError
from ..frames import frame as build_frame
from ..records import SCHEMAS, Records
from .source import ExportSource, JsonProblemError, top_folder

# Subtypes a person writes; everything else (bot_message, channel_join,
# channel_leave, channel_topic, bot_add, tombstone, …) is Slack's own bookkeeping.
HUMAN_SUBTYPES = {None, "thread_broadcast", "me_message", "file_share"}
_MENTION = re.compile(r"<([@#!])([^>|]+)(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto|tel):[^>|]+)(?:\|([^>]*))?>")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_TS = re.compile(r"^(\d+)(?:\.(\d{1,6}))?$")
_COLUMNS = [c for c in SCHEMAS["messages"] if c != "client"]
_SCHEMA = {**{c: SCHEMAS["messages"][c] for c in _COLUMNS}, "line": pl.Int64}
# A bot's message is skipped as its subtype says, whichever way it is known to be one.
_BOT_MESSAGES = say("import.skip_slack_subtype", "Slack {subtype} messages", subtype="bot_message")


@dataclass
class Person:
    name: str
    email: str | None
    bot: bool


@dataclass
class Conversation:
    """A channel, private group, direct message or group DM, and its folder."""

    id: str
    folder: str
    subject: str
    members: list[str] = field(default_factory=list)


class SlackExportImporter(Importer):
    """A Slack export ZIP or its unpacked folder."""

    name = "slack"
    title = marked("Slack: workspace export (ZIP or unpacked folder)")
    kinds = ("messages",)
    priority = 60
    reads_folders = True

    def identify(self, path: Path) -> bool:
        """True for a folder or ZIP with channels.json and users.json at its top."""
        if path.is_dir():
            return (path / "channels.json").is_file() and (path / "users.json").is_file()
        if not path.is_file() or path.suffix.lower() != ".zip":
            return False
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except (OSError, EOFError, ValueError, zipfile.BadZipFile, zipfile.LargeZipFile):
            return False
        prefix = top_folder(names)
        return f"{prefix}channels.json" in names and f"{prefix}users.json" in names

    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        """Every human message, conversation by conversation, days and messages in order.

        ``line`` is the message's position (1-based) in its day file, since a JSON
        file's lines say little. A day file that
        is not valid JSON, or a message without a usable ``ts``, is reported and the
        rest is read. Raises :class:`ImportFailed` when the export has no readable
        channels.json or users.json.
        """
        source = ExportSource(path)
        try:
            return self._extract(source)
        finally:
            source.close()

    def _extract(self, source: ExportSource) -> tuple[Records, list[RowError]]:
        errors: list[RowError] = []
        users = self._users(source)
        conversations = self._conversations(source, users, errors)
        columns: dict[str, list[Any]] = {c: [] for c in _SCHEMA}
        records = Records()
        total = len(conversations)
        for done, conversation in enumerate(conversations):
            for day in source.day_files(conversation.folder):
                try:
                    messages = source.load(day)
                except JsonProblemError as exc:
                    p = exc.problem
                    errors.append(RowError(p.path, p.line, None, p.message))
                    continue
                if not isinstance(messages, list):
                    problem = say("import.slack_not_a_list", "expected a list of messages")
                    errors.append(RowError(source.where(day), None, None, problem))
                    continue
                for position, message in enumerate(messages, 1):
                    self._message(
                        message,
                        position,
                        conversation,
                        users,
                        columns,
                        records,
                        errors,
                        source.where(day),
                    )
            self.progress(done + 1, total)
        frame = build_frame(columns, _SCHEMA)
        records.add("messages", frame)
        if frame.height == 0:
            records.notes.append(
                say(
                    "import.slack_no_people",
                    "The export holds no messages written by people (only "
                    "bots, joins and other automatic ones, or none at all).",
                )
            )
        return records, errors

    def _users(self, source: ExportSource) -> dict[str, Person]:
        if not source.has("users.json"):
            raise ImportFailed(
                say(
                    "import.slack_file_missing",
                    "{name} is missing; expected a Slack export with channels.json and "
                    "users.json at its top.",
                    name="users.json",
                ),
                str(source.path),
            )
        try:
            entries = source.load("users.json")
        except JsonProblemError as exc:
            p = exc.problem
            raise ImportFailed(p.message, p.path) from exc
        users: dict[str, Person] = {}
        # Every value is checked for its type: an export edited by hand or by another
        # tool may hold a number or a list where Slack writes text.
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict) or not _text(entry.get("id")):
                continue
            profile = _mapping(entry.get("profile"))
            name = (
                _text(entry.get("real_name"))
                or _text(profile.get("real_name"))
                or _text(profile.get("display_name"))
                or _text(entry.get("name"))
                or entry["id"]
            )
            email = (_text(profile.get("email")) or "").strip().lower()
            users[entry["id"]] = Person(
                name, email if _EMAIL.match(email) else None, entry.get("is_bot") is True
            )
        return users

    def _conversations(
        self, source: ExportSource, users: dict[str, Person], errors: list[RowError]
    ) -> list[Conversation]:
        """Conversations from the lists, then any folder no list names."""
        if not source.has("channels.json"):
            raise ImportFailed(
                say(
                    "import.slack_file_missing",
                    "{name} is missing; expected a Slack export with channels.json and "
                    "users.json at its top.",
                    name="channels.json",
                ),
                str(source.path),
            )
        found: list[Conversation] = []
        for listing in ("channels.json", "groups.json", "mpims.json", "dms.json"):
            if not source.has(listing):
                continue
            try:
                entries = source.load(listing)
            except JsonProblemError as exc:
                p = exc.problem
                if listing == "channels.json":
                    raise ImportFailed(p.message, p.path) from exc
                errors.append(RowError(p.path, p.line, None, p.message))
                continue
            for entry in entries if isinstance(entries, list) else []:
                if isinstance(entry, dict) and _text(entry.get("id")):
                    found.append(_conversation(listing, entry, users))
        named = {c.folder for c in found}
        for folder in source.folders():
            if folder not in named:
                found.append(Conversation(folder, folder, f"#{folder}"))
        return found

    def _message(
        self,
        message: Any,
        position: int,
        conversation: Conversation,
        users: dict[str, Person],
        columns: dict[str, list[Any]],
        records: Records,
        errors: list[RowError],
        where: str,
    ) -> None:
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            records.skip(say("import.skip_slack_events", "Slack events that are not messages"))
            return
        subtype = message.get("subtype")
        user = _text(message.get("user"))
        person = users.get(user or "")
        if not (subtype is None or isinstance(subtype, str)) or subtype not in HUMAN_SUBTYPES:
            records.skip(
                say(
                    "import.skip_slack_subtype",
                    "Slack {subtype} messages",
                    subtype=subtype if isinstance(subtype, str) else "unknown",
                )
            )
            return
        if message.get("bot_id") and subtype is None and (person is None or person.bot):
            records.skip(_BOT_MESSAGES)
            return
        if person is not None and person.bot:
            records.skip(_BOT_MESSAGES)
            return
        ts = message.get("ts")
        sent_at = _ts_time(ts)
        if sent_at is None:
            errors.append(
                # JSON has no useful line numbers; the message's place in its day
                # file says where to look.
                RowError(
                    where,
                    None,
                    "ts",
                    say(
                        "import.slack_bad_ts",
                        "message {position}: {ts} is not a Slack timestamp; expected seconds "
                        "since 1970 such as '1736478514.897649'",
                        position=position,
                        ts=repr(ts),
                    ),
                )
            )
            return
        prefix = f"slack:{conversation.id}:"
        ts = str(ts)
        thread = message.get("thread_ts")
        # A thread_ts that is no timestamp would make a thread of one: ignore it.
        thread = str(thread) if _ts_time(thread) is not None else None
        author = person.name if person else _profile_name(message)
        author_address = person.email if person else None
        recipients = [
            email
            for m in conversation.members
            if m in users and (email := users[m].email) is not None and m != user
        ]
        body = _text(message.get("text")) or ""
        columns["message_id"].append(prefix + ts)
        columns["channel"].append("chat")
        columns["sent_at"].append(sent_at)
        columns["author"].append(author)
        columns["author_address"].append(author_address)
        columns["recipients"].append(recipients)
        columns["subject"].append(conversation.subject)
        columns["text"].append(readable(body, users))
        columns["body"].append(body)
        columns["thread_key"].append(prefix + (thread or ts))
        columns["in_reply_to"].append(prefix + thread if thread and thread != ts else None)
        columns["line"].append(position)


def _conversation(listing: str, entry: dict[str, Any], users: dict[str, Person]) -> Conversation:
    members = entry.get("members")
    members = [m for m in members if isinstance(m, str)] if isinstance(members, list) else []
    if listing == "dms.json":
        # Direct messages are stored under their id; the subject names the people.
        names = [users[m].name if m in users else m for m in members]
        return Conversation(
            entry["id"], entry["id"], "@" + ", @".join(names) if names else entry["id"], members
        )
    name = _text(entry.get("name")) or entry["id"]
    return Conversation(entry["id"], name, f"#{name}", members)


def _text(value: object) -> str | None:
    """``value`` when it is text (not empty), else None."""
    return value if isinstance(value, str) and value else None


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _profile_name(message: dict[str, Any]) -> str | None:
    profile = _mapping(message.get("user_profile"))
    return (
        _text(profile.get("real_name"))
        or _text(profile.get("display_name"))
        or _text(profile.get("name"))
        or _text(message.get("user"))
        or _text(message.get("username"))
    )


def _ts_time(ts: object) -> dt.datetime | None:
    """A Slack ``ts`` ("1736478514.897649") as UTC, exact to the microsecond."""
    match = _TS.match(ts) if isinstance(ts, str) else None
    if match is None:
        return None
    micros = int((match[2] or "0").ljust(6, "0"))
    try:
        return dt.datetime.fromtimestamp(int(match[1]), dt.UTC) + dt.timedelta(microseconds=micros)
    except (OverflowError, OSError, ValueError):
        return None


def readable(text: str, users: dict[str, Person]) -> str:
    """Slack's markup as plain text: ``<@U1>`` → ``@Ana``, links by their label.

    Quoted lines (``&gt; …``) are left out, as quotes are in e-mail.
    """

    def mention(match: re.Match[str]) -> str:
        kind, target, label = match[1], match[2], match[3]
        if kind == "@":
            return "@" + (label or (users[target].name if target in users else target))
        if kind == "#":
            return "#" + (label or target)
        return "@" + (label or target.split("^")[0])

    text = _LINK.sub(lambda m: m[2] or m[1].removeprefix("mailto:"), text)
    text = _MENTION.sub(mention, text)
    lines = [line for line in text.split("\n") if not line.startswith("&gt;")]
    return html.unescape("\n".join(lines)).strip()
