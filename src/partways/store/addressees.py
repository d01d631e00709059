"""Who an inbound message was for, decided from the team as it is when signals are computed.

The mistreats_staff sign counts what clients send to the people who work for the owner
`[002 #2]`; everything else a client sends counts toward the signs about the business
itself (abuse_or_unreasonable, low_respect, …). So each inbound message needs one yes
or no: was it to staff? The answer is worked out whenever the engine's tables are read,
from the message's recipients, its channel and whom its text @mentions, against the
*current* team: someone added to the team after an import counts at once, and nothing
depends on what the import guessed (``Message.recipient`` is only a hint for display).

The rule, and why:

1. **Mentions first.** A chat message that @mentions team members ("@Omar, where is
   the file?") was for them, whoever else was in the channel. A mention is written as
   the Slack importer writes it, ``@`` followed by a team member's name or the local
   part of their e-mail address, in any case. Only chat text is read for mentions, and
   only messages that contain an ``@`` at all: the database picks those out, so the
   text of the other messages never leaves it.
2. **E-mail: the first team member among the recipients.** Recipients are stored To
   first, then Cc, so the first team member is the person the client wrote to; a Cc is
   someone kept informed. To a staff member, Cc the owner: to staff. To the owner, Cc a
   staff member: to the owner. Every channel but chat follows this rule (an SMS has one
   recipient, so it decides the same way).
3. **Chat without a mention: everyone on the team in the conversation.** A channel
   message is written to everyone in it at once; none of them comes first. When the
   owner is among them, a message aimed at no one is to the business, as a message on
   the owner's own line would be. Only a conversation of staff alone (a direct message
   to a staff member, a channel the owner is not in) makes it to staff.

To staff means the addressees include someone whose role is not owner: managers work
for the owner too, so they count as staff `[002 #2]`. A message with no team member
among its recipients and no mention (sent to a shared inbox, say) is to the business.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

# Chat messages: the only ones whose text is read for mentions.
CHAT = "chat"


@dataclass(frozen=True)
class Member:
    """One team member as the rule needs them."""

    id: int
    name: str
    email: str
    owner: bool


def members(team: pl.DataFrame) -> list[Member]:
    """Team rows (``id``, ``name``, ``email``, ``role``) as :class:`Member`."""
    return [
        Member(int(i), name or "", (email or "").strip().lower(), role == "owner")
        for i, name, email, role in team.select("id", "name", "email", "role").iter_rows()
    ]


class Mentions:
    """Finds the team members a text @mentions: ``@`` and a name or an address's local part.

    Longer names are tried first, so "@Ana Kovač" is Ana Kovač even when someone else
    is called Ana; a name must end where a word ends ("@Omar's" is Omar, "@Omarov" is
    not), and the ``@`` must not end a word (an address such as "bob@omar.example" in
    the text mentions no one).
    """

    def __init__(self, team: Iterable[Member]) -> None:
        self.by_key: dict[str, set[int]] = {}
        for m in team:
            for key in (m.name.strip(), m.email.partition("@")[0]):
                if key:
                    self.by_key.setdefault(key.lower(), set()).add(m.id)
        keys = sorted(self.by_key, key=len, reverse=True)
        self.pattern = (
            # "@" first, a literal: the search skips to each "@" (a look-behind before
            # it made this eight times slower); the character before is checked below.
            re.compile("@(" + "|".join(map(re.escape, keys)) + r")(?!\w)", re.I) if keys else None
        )

    def __call__(self, text: str | None) -> set[int]:
        if not text or self.pattern is None:
            return set()
        found: set[int] = set()
        for match in self.pattern.finditer(text):
            before = text[match.start() - 1] if match.start() else " "
            if not (before.isalnum() or before == "_"):
                found |= self.by_key.get(match[1].lower(), set())
        return found


def with_to_staff(messages: pl.DataFrame, team: pl.DataFrame) -> pl.DataFrame:
    """``messages`` with ``to_staff`` added, by the rule in this module's docstring.

    ``messages`` has ``message_id``, ``direction``, ``channel``, ``recipients`` (the
    addresses, one per line, To before Cc; may be empty or null) and ``mention_text``
    (the text of an inbound chat message that contains an ``@``, else empty or null).
    ``recipients`` and ``mention_text`` are dropped from the result. Outbound messages
    are never to staff.
    """
    staff = members(team)
    owner_of = {m.email: m.owner for m in staff if m.email}
    inbound = pl.col("direction") == "in"
    msgs = messages.with_columns(
        pl.col("message_id").cast(pl.Int64),
        pl.col("channel").cast(pl.String),
        pl.col("recipients").cast(pl.String),
        pl.col("mention_text").cast(pl.String),
    )

    # Rules 2 and 3. One row per recipient line, To before Cc, kept only when it is a
    # team member's address; then per message the first one and whether any is the owner.
    # The importers store addresses lower-case and trimmed (e-mail and Slack alike), so
    # they are compared as they are: lower-casing every line costs more than the rest.
    team_addresses = pl.Series(list(owner_of), dtype=pl.String)
    per_row = (
        msgs.lazy()
        .select("recipients")
        .with_row_index("row")
        .filter(pl.col("recipients") != "")  # outbound ones too: the query leaves them empty
        .select("row", pl.col("recipients").str.split("\n").alias("address"))
        .explode("address")
        .filter(pl.col("address").is_in(team_addresses.implode()))
        .select(
            "row",
            pl.col("address").replace_strict(owner_of, return_dtype=pl.Boolean).alias("owner"),
        )
        .group_by("row")  # the rows of a group keep their order: "first" is To before Cc
        .agg(pl.col("owner").first().alias("first"), pl.col("owner").any().alias("any"))
        .collect()
    )
    rows = per_row.get_column("row")
    first_is_owner, any_is_owner = (
        pl.repeat(None, msgs.height, dtype=pl.Boolean, eager=True).scatter(rows, per_row[c])
        for c in ("first", "any")
    )
    by_recipients = (
        pl.when(pl.col("channel") == CHAT)
        .then(~pl.lit(any_is_owner))
        .otherwise(~pl.lit(first_is_owner))
    )

    # Rule 1: a few chat texts, read in Python (only those that hold an "@").
    find = Mentions(staff)
    owner_ids = {m.id for m in staff if m.owner}
    texts = msgs.filter(
        inbound
        & (pl.col("channel") == CHAT)
        & pl.col("mention_text").str.contains("@", literal=True)
    ).select("message_id", "mention_text")
    mentioned: list[int] = []
    mentioned_staff: list[int] = []
    for message_id, text in texts.iter_rows():
        named = find(text)
        if named:
            mentioned.append(message_id)
            if named - owner_ids:
                mentioned_staff.append(message_id)
    message_id = pl.col("message_id")

    return msgs.with_columns(
        (
            inbound
            & pl.when(message_id.is_in(pl.Series(mentioned, dtype=pl.Int64).implode()))
            .then(message_id.is_in(pl.Series(mentioned_staff, dtype=pl.Int64).implode()))
            .otherwise(by_recipients)
            .fill_null(False)
        ).alias("to_staff")
    ).drop("recipients", "mention_text")
