"""Labelling the stored messages: only what is new, changed, or read by an older analyzer.

Each message records which analyzer (name/version) produced its labels. A run asks for
the messages whose record differs from the current analyzer's — new messages carry an
empty one, a message whose text is edited has its record cleared on save — analyses
them in chunks, and replaces their labels, each chunk in one transaction, so a run
that is interrupted keeps what it finished and the next one carries on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Length, Substr

from partways.core.limits import limit
from partways.core.text import TextAnalyzer
from partways.core.text.registry import DEFAULT_ANALYZER, make_analyzer

from .models import Message, MessageLabel
from .settings import data_home

CHUNK = 5_000
# The most characters of text one chunk holds: a chunk of long messages is smaller, so
# the memory a run takes does not depend on how long the messages are.
CHUNK_CHARS = 10_000_000


def analyzer_tag(analyzer: TextAnalyzer) -> str:
    """What a message stores to say which analyzer labelled it."""
    return f"{analyzer.name}/{analyzer.version}"[:64]


def analyzer_name(chosen: str | None = None) -> str:
    """The analyzer's name: ``chosen`` (``--analyzer``), else ``$PARTWAYS_ANALYZER``, else
    the lexicons."""
    return chosen or os.environ.get("PARTWAYS_ANALYZER", "").strip() or DEFAULT_ANALYZER


def current_analyzer(chosen: str | None = None) -> TextAnalyzer:
    """The analyzer called :func:`analyzer_name`, with the models configured in
    ``<data home>/models.yaml`` and the user's own lexicon entries from
    ``<data home>/lexicons/<language>.yaml``; by default the one stored labels come from.

    Raises :class:`partways.core.text.registry.UnknownAnalyzer` for an unknown name.
    """
    name = analyzer_name(chosen)
    home = data_home()
    return make_analyzer(name, home / "models.yaml", home / "lexicons")


@dataclass(frozen=True)
class AnalysisRun:
    analyzer: str
    analysed: int
    labelled: int  # messages that got at least one label


def _pending(tag: str) -> QuerySet[Message]:
    # "below or above" rather than "not equal": both are ranges of the analyzer index,
    # so the usual answer (none pending) costs two index probes, not a table scan.
    return Message.objects.filter(Q(analyzer__lt=tag) | Q(analyzer__gt=tag))


def pending_count(analyzer: TextAnalyzer) -> int:
    """How many messages the analyzer has not labelled in their current form."""
    return _pending(analyzer_tag(analyzer)).count()


def analyze_messages(
    analyzer: TextAnalyzer | None = None,
    progress: Callable[[int], None] | None = None,
) -> AnalysisRun:
    """Label every message the analyzer has not labelled yet; return what was done.

    ``progress`` is called with the number of messages finished after each chunk.
    """
    analyzer = analyzer or current_analyzer()
    tag = analyzer_tag(analyzer)
    # Asked before every triage, and the usual answer is "nothing": an index probe. The
    # chunk query below walks messages in id order, which on SQLite reads the whole
    # table to find none (0.6 s over 2M messages).
    if not _pending(tag).exists():
        return AnalysisRun(tag, 0, 0)
    # Only what is analysed is read from the database (and the character after it, so
    # the analyzer can tell whether its cut falls inside a word): a message of a
    # megabyte costs no more than one of twenty thousand characters.
    read_chars = max(limit("text.max_analysed_chars"), getattr(analyzer, "max_chars", 0)) + 1
    analysed = labelled = 0
    last_id = 0
    while True:
        ids = _next_chunk(tag, last_id, read_chars)
        if not ids:
            break
        last_id = ids[-1]
        rows = _texts(Message.objects.filter(id__in=ids), read_chars)
        results = analyzer.analyze([text for _, text in rows])
        labels = [
            MessageLabel(
                message_id=mid,
                label=label,
                score=score,
                spans=[list(s) for s in result.spans_of(label)],
            )
            for (mid, _), result in zip(rows, results, strict=True)
            for label, score in result.labels.items()
        ]
        with transaction.atomic():
            # A message deleted or edited while the chunk was read keeps what it has:
            # labels are only written for text that is still the text that was read.
            current = dict(
                _texts(Message.objects.select_for_update().filter(id__in=ids), read_chars)
            )
            still = {mid for mid, text in rows if current.get(mid) == text}
            MessageLabel.objects.filter(message_id__in=still).delete()
            MessageLabel.objects.bulk_create(
                [lb for lb in labels if lb.message_id in still], batch_size=2000
            )
            _mark(
                [
                    (r.language or "", tag, mid)
                    for (mid, _), r in zip(rows, results, strict=True)
                    if mid in still
                ]
            )
        analysed += len(rows)
        labelled += sum(1 for r in results if r.labels)
        if progress:
            progress(len(rows))
    return AnalysisRun(tag, analysed, labelled)


def _next_chunk(tag: str, after: int, read_chars: int) -> list[int]:
    """The ids of the next pending messages after id ``after``: up to CHUNK of them, and
    no more than CHUNK_CHARS characters to read among them (at least one message)."""
    lengths = (
        _pending(tag)
        .filter(id__gt=after)
        .order_by("id")
        .annotate(length=Length("text"))
        .values_list("id", "length")[:CHUNK]
    )
    ids: list[int] = []
    total = 0
    for mid, length in lengths:
        total += min(length or 0, read_chars)
        if ids and total > CHUNK_CHARS:
            break
        ids.append(mid)
    return ids


def _texts(messages: QuerySet[Message], read_chars: int) -> list[tuple[int, str]]:
    """(id, the first ``read_chars`` characters of the text) of ``messages``, by id."""
    return list(
        messages.order_by("id")
        .annotate(start=Substr("text", 1, read_chars))
        .values_list("id", "start")
    )


def _mark(values: list[tuple[str, str, int]]) -> None:
    # One executemany instead of an UPDATE per message through the ORM.
    table = connection.ops.quote_name(Message._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET language = %s, analyzer = %s WHERE id = %s",
            values,
        )


@dataclass(frozen=True)
class FlaggedMessage:
    """A stored message with the labels it carries and the spans that are their evidence."""

    id: int
    client: str
    sent_at: str
    language: str
    text: str
    labels: dict[str, float]
    spans: list[tuple[int, int, str]]


def cited_messages(evidence: Iterable[Mapping[str, Any]]) -> list[int]:
    """The ids of the messages that evidence rows cite (``record: "message 42"``), in order,
    each once."""
    ids = [
        int(e["record"].removeprefix("message "))
        for e in evidence
        if e["record"].startswith("message ")
    ]
    return list(dict.fromkeys(ids))


def flagged_messages(message_ids: list[int]) -> list[FlaggedMessage]:
    """The given messages with their labels, in the order given (unlabelled ones left out)."""
    from zoneinfo import ZoneInfo

    from .models import BusinessSettings

    # Shown in the business's own time, as every other date the CLI prints.
    zone = ZoneInfo(BusinessSettings.load().time_zone or "UTC")
    found: dict[int, FlaggedMessage] = {}
    labels = MessageLabel.objects.filter(message_id__in=message_ids).select_related(
        "message", "message__client"
    )
    for lb in labels.order_by("message_id", "label"):
        msg = lb.message
        item = found.get(msg.id)
        if item is None:
            item = found[msg.id] = FlaggedMessage(
                msg.id,
                msg.client.name if msg.client else "",
                msg.sent_at.astimezone(zone).isoformat(timespec="minutes"),
                msg.language,
                msg.text,
                {},
                [],
            )
        item.labels[lb.label] = lb.score
        item.spans.extend((int(s), int(e), lb.label) for s, e in lb.spans)
    return [found[i] for i in message_ids if i in found]


def flagged_sample(labels: tuple[str, ...], per_language: int = 1) -> list[FlaggedMessage]:
    """For each language and label, the latest inbound messages carrying it: a quick look
    at what the analyzer reads across the portfolio (each text shown once)."""
    ids: list[int] = []
    seen: set[str] = set()
    languages = Message.objects.exclude(language="").values_list("language", flat=True).distinct()
    for language in sorted(languages):
        for label in labels:
            latest = (
                MessageLabel.objects.filter(
                    label=label,
                    message__language=language,
                    message__direction=Message.Direction.INBOUND,
                )
                .order_by("-message__sent_at")
                .values_list("message_id", "message__text")[:50]
            )
            fresh = [(mid, text) for mid, text in latest if text not in seen]
            for mid, text in fresh[:per_language]:
                ids.append(mid)
                seen.add(text)
    return flagged_messages(ids)
