"""The limits registry: how much of any one input partways will read, documented.

The settings registry (``config.py``) holds a business's judgement thresholds; this one
holds the operator's guard rails against inputs that would exhaust the machine: an
upload too large, an archive that expands a thousandfold, a message body of megabytes,
a calendar rule repeating forever. Each limit has a key, a default that fits real
exports with room to spare, a unit and one sentence saying what happens past it.

An operator raises or lowers a limit with an environment variable named after its key
(``archive.max_unpacked_bytes`` -> ``PARTWAYS_LIMIT_ARCHIVE_MAX_UNPACKED_BYTES``).
``docs/settings.md`` lists them after the thresholds, and a test fails when it differs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    key: str
    default: int
    unit: str
    doc: str

    @property
    def env(self) -> str:
        return "PARTWAYS_LIMIT_" + self.key.upper().replace(".", "_")


LIMITS: tuple[Limit, ...] = (
    Limit(
        "upload.max_bytes",
        32 * MIB,
        "bytes",
        "The largest web upload, all files together; a larger one is refused before it "
        "is read. Uploads are written to disk as they arrive, but an import holds its "
        "records in memory (about ten times the file): 32 MiB keeps the server under "
        "500 MB. Split a larger export (by year, say), import it with `partways import`, "
        "or raise this on a server with the memory for it.",
    ),
    Limit(
        "upload.max_unpacked_bytes",
        6 * MIB,
        "bytes",
        "What an uploaded archive may expand to, in place of archive.max_unpacked_bytes "
        "(which holds for `partways import`), for the same reason as upload.max_bytes: "
        "a Slack export holds about 4,500 short messages a MiB, and its import about "
        "7 kB of memory for each.",
    ),
    Limit(
        "archive.max_unpacked_bytes",
        2048 * MIB,
        "bytes",
        "The most an archive (a Slack or Toggl export zip) may expand to, all entries "
        "together; a larger one is refused before anything is extracted.",
    ),
    Limit(
        "archive.max_ratio",
        200,
        "times",
        "How many times larger than its compressed size one archive entry may expand "
        "(real JSON and CSV exports expand 5 to 30 times; a zip bomb thousands of times). "
        "Entries under 1 MiB unpacked are not held to it.",
    ),
    Limit(
        "archive.max_entries",
        500_000,
        "files",
        "The most files one archive may hold.",
    ),
    Limit(
        "text.max_field_chars",
        1_000_000,
        "characters",
        "The longest single field (a message body, a description, a note) an import "
        "accepts; a longer one is refused with its file and line.",
    ),
    Limit(
        "text.max_analysed_chars",
        20_000,
        "characters",
        "How much of a message's text its language and signs are read from; the rest "
        "is kept but not analysed (a long tail is quoted history or pasted data).",
    ),
    Limit(
        "money.max_amount",
        10_000_000_000_000,
        "units of a currency",
        "The largest money amount (an invoice, a payment, an entry's amount, a rate per "
        "hour) an import or a form accepts; a larger one is refused with its file and "
        "line (ten trillion is above any real invoice, in rupiah or dong too).",
    ),
    Limit(
        "letter.max_steps",
        100_000,
        "steps",
        "How many loop turns, calls and operations one letter's template may take (the "
        "built-in ones take under a hundred); a user's template that takes more is stopped "
        "with an error naming it.",
    ),
    Limit(
        "letter.max_chars",
        1_000_000,
        "characters",
        "The most text one letter's template may write, or build in one value.",
    ),
    Limit(
        "letter.max_seconds",
        5,
        "seconds",
        "How long writing one letter may take before its template is stopped.",
    ),
    Limit(
        "structure.max_depth",
        64,
        "levels",
        "The deepest nesting of a JSON, YAML or MIME structure an import reads.",
    ),
    Limit(
        "yaml.max_aliases",
        100,
        "aliases",
        "The most YAML aliases (*name) one record file may use; expansion attacks use millions.",
    ),
    Limit(
        "calendar.max_occurrences",
        5_000,
        "occurrences",
        "The most occurrences one repeating calendar event is expanded into.",
    ),
    Limit(
        "calendar.max_events",
        100_000,
        "events",
        "The most events (VEVENT) one calendar file may hold; a larger file is refused "
        "before it is parsed (a year of a busy team's calendar holds a few thousand).",
    ),
    Limit(
        "calendar.max_expansion",
        1_000_000,
        "occurrences",
        "How many occurrences the repeating events of one calendar file may be stepped "
        "through together (about 7 s); a rule repeating every minute for decades is "
        "refused past it.",
    ),
    Limit(
        "jobs.max_attempts",
        3,
        "attempts",
        "How many times one background job is started. A job whose worker stopped "
        "under it (killed, or its machine gone) is started again by another worker "
        "until then, and then marked failed with that reason; a job that fails with an "
        "error of its own is not retried.",
    ),
    Limit(
        "jobs.worker_lease_seconds",
        60,
        "seconds",
        "How long a worker on another machine may go without saying it is alive before "
        "its job is taken back (a worker on the same machine whose process has ended is "
        "seen at once). Workers say so every few seconds.",
    ),
)

_BY_KEY = {item.key: item for item in LIMITS}


class LimitMisconfigured(ValueError):
    """An environment variable sets a limit to something that is not a positive whole number."""

    def __init__(self, env: str, value: str) -> None:
        super().__init__(env, value)
        self.env = env
        self.value = value
        self.code = "limit_misconfigured"


# Limits tightened for what runs in this context (a web import; see :func:`tightened`).
_TIGHTENED: ContextVar[Mapping[str, str] | None] = ContextVar("partways_limits", default=None)


@contextmanager
def tightened(by: Mapping[str, str]) -> Iterator[None]:
    """Within the block (this thread or task only), ``limit(key)`` is at most
    ``limit(by[key])``, and :func:`limit_name` names that other limit when it is lower.

    The web server imports an upload under tighter limits than ``partways import`` on
    the owner's own machine: the same importers, with the server's memory to keep.
    """
    unknown = sorted((set(by) | set(by.values())) - set(_BY_KEY))
    if unknown:
        raise KeyError(unknown)
    token = _TIGHTENED.set({**(_TIGHTENED.get() or {}), **by})
    try:
        yield
    finally:
        _TIGHTENED.reset(token)


def _own(key: str) -> int:
    item = _BY_KEY[key]
    raw = os.environ.get(item.env, "").strip().replace("_", "")
    if not raw:
        return item.default
    if not (raw.isascii() and raw.isdecimal()) or int(raw) < 1:
        raise LimitMisconfigured(item.env, raw)
    return int(raw)


def limit_name(key: str) -> str:
    """The key of the limit that decides ``key`` here: ``key`` itself, or the one
    :func:`tightened` holds it to when that is lower (for messages that name it)."""
    other = (_TIGHTENED.get() or {}).get(key)
    return other if other is not None and _own(other) < _own(key) else key


def limit(key: str) -> int:
    """The limit ``key`` in force: its environment override, or its default, or less
    within :func:`tightened`.

    Raises ``KeyError`` for a key that is not in the registry and
    :class:`LimitMisconfigured` for an override that is not a positive whole number.
    """
    return _own(limit_name(key))


def limits_markdown() -> str:
    """The registry as the Markdown table appended to ``docs/settings.md``."""
    lines = [
        "## Input limits",
        "",
        "Generated from `partways.core.limits.LIMITS`. These guard the machine, not the",
        "verdicts: change one for the whole installation with the environment variable",
        "shown (a positive whole number).",
        "",
        "| key | default | unit | environment variable | what happens past it |",
        "|---|---|---|---|---|",
    ]
    for item in LIMITS:
        lines.append(
            f"| `{item.key}` | {item.default:,} | {item.unit} | `{item.env}` | {item.doc} |"
        )
    return "\n".join(lines) + "\n"
