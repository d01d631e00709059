"""Messages: which client each one is with, which way it went, and what it answers.

A message from one of the business's own addresses (a team member's, or one listed
in the business settings) is outbound, and its client is the first recipient that
belongs to one. Any other message is inbound, from whoever wrote it. A message whose
addresses match no client is still stored, without a client; the import report lists
the addresses, and adding one as a client's contact or domain
(``partways clients alias``) claims those messages at once.
"""

from __future__ import annotations

from hashlib import blake2b

import polars as pl

from .context import Context
from .writers import KEYS


def _fitted(ids: pl.Series, width: int = 255) -> pl.Series:
    """Ids as they are when they fit the column; longer ones (rare) cut, with a hash of
    the whole id after the cut so that two long ids with one beginning stay apart."""
    long = ids.str.len_chars() > width
    if not long.any():
        return ids
    idx = long.arg_true()
    cut = [
        f"{text[: width - 17]}#{blake2b(text.encode(), digest_size=8).hexdigest()}"
        for text in ids.gather(idx).to_list()
    ]
    return ids.scatter(idx, cut)


def content_ids(frame: pl.DataFrame) -> pl.DataFrame:
    """Give messages without a Message-ID an id derived from what they say and when."""
    missing = frame["message_id"].is_null()
    if not missing.any():
        return frame
    derived = [
        "content:"
        + blake2b(f"{sent}\x1f{author}\x1f{subject}\x1f{body}".encode(), digest_size=12).hexdigest()
        for sent, author, subject, body in frame.select(
            "sent_at", "author_address", "subject", "body"
        ).iter_rows()
    ]
    return frame.with_columns(pl.col("message_id").fill_null(pl.Series(derived)))


def messages(frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    directory = ctx.directory
    named = ctx.client_ids(frame["client"])
    client: list[int | None] = []
    direction: list[str] = []
    recipient: list[int | None] = []
    for hint, author, to in zip(
        named.to_list(),
        frame["author_address"].to_list(),
        frame["recipients"].to_list(),
        strict=True,
    ):
        author = (author or "").lower()
        to = to or []
        if author and directory.is_own(author):
            direction.append("out")
            found = next((c for a in to if (c := directory.client_of_address(a))), None)
            recipient.append(None)
        else:
            direction.append("in")
            found = directory.client_of_address(author) if author else None
            recipient.append(next((directory.team[a] for a in to if a in directory.team), None))
        client.append(hint if hint is not None else found)
    _learn_chat_guests(frame, client, direction, ctx)
    for author, pk in zip(frame["author_address"].to_list(), client, strict=True):
        if pk is None:
            ctx.unmatched_addresses[(author or "").lower() or "(no sender)"] += 1
    return frame.select(
        pl.Series("client_id", client, dtype=pl.Int64),
        pl.Series("direction", direction, dtype=pl.String),
        pl.col("channel").fill_null("email"),
        "sent_at",
        pl.col("author").fill_null("").str.slice(0, 200),
        pl.col("author_address").fill_null("").str.to_lowercase().str.slice(0, 254),
        pl.Series("recipient_id", recipient, dtype=pl.Int64),
        pl.col("thread_key").fill_null("").str.slice(0, 255),
        # Linked to a message id once ids are known.
        _fitted(frame["in_reply_to"]).alias("in_reply_to"),
        pl.when(pl.col("message_id").str.starts_with("content:"))
        .then(None)
        .otherwise(_fitted(frame["message_id"]))
        .alias("external_id"),
        pl.col("subject").fill_null("").str.slice(0, 255),
        pl.col("recipients").list.join("\n").fill_null("").alias("recipients"),
        pl.col("text").fill_null(""),
        pl.col("body").fill_null(""),
        pl.lit("").alias("language"),
        pl.lit("").alias("analyzer"),
        *KEYS,
    )


def _learn_chat_guests(
    frame: pl.DataFrame, client: list[int | None], direction: list[str], ctx: Context
) -> None:
    """A chat channel whose known guests all belong to one client (a Slack Connect or
    guest channel per client) makes its unknown guests that client's contacts too: their
    messages get the client, and the import report lists the addresses it learned.
    Channels where the known guests belong to several clients teach nothing."""
    if "thread_key" not in frame.columns:
        return
    channels = [
        key.split(":")[1] if ch == "chat" and key and key.count(":") >= 2 else None
        for ch, key in zip(frame["channel"].to_list(), frame["thread_key"].to_list(), strict=True)
    ]
    owners: dict[str, set[int]] = {}
    for room, pk, way in zip(channels, client, direction, strict=True):
        if room is not None and pk is not None and way == "in":
            owners.setdefault(room, set()).add(pk)
    authors = frame["author_address"].to_list()
    for i, (room, pk, way) in enumerate(zip(channels, client, direction, strict=True)):
        address = (authors[i] or "").lower()
        if room is None or pk is not None or way != "in" or "@" not in address:
            continue
        known = owners.get(room, set())
        if len(known) == 1:
            (owner,) = known
            ctx.learn_contact(owner, address)
            client[i] = owner


def link_replies(rows: pl.DataFrame) -> pl.DataFrame:
    """Turn ``in_reply_to`` (a Message-ID) into ``in_reply_to_id`` (a row id).

    The answered message may be in this import or an earlier one.
    """
    from partways.store.models import Message

    wanted = rows["in_reply_to"].drop_nulls().unique().to_list()
    known = {
        external: pk
        for external, pk in zip(rows["external_id"].to_list(), rows["id"].to_list(), strict=True)
        if external is not None  # a message without a Message-ID answers nothing by id
    }
    missing = [w for w in wanted if w not in known]
    for start in range(0, len(missing), 500):
        chunk = missing[start : start + 500]
        known.update(Message.objects.filter(external_id__in=chunk).values_list("external_id", "pk"))
    ids = rows["in_reply_to"].replace_strict(known, default=None, return_dtype=pl.Int64)
    return rows.drop("in_reply_to").with_columns(ids.alias("in_reply_to_id"))
