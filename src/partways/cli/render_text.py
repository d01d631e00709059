"""Messages with their evidence highlighted, as the analyzer found it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from .lang import gettext as _

if TYPE_CHECKING:
    from partways.store.analysis import FlaggedMessage

# One colour per label, so a message flagged twice shows which words said what.
LABEL_STYLES: dict[str, str] = {
    "abuse": "bold white on red",
    "disrespect": "bold magenta",
    "negative": "bold yellow",
    "demand": "bold cyan",
    "out_of_scope": "bold blue",
    "payment_excuse": "bold green",
    "unethical_request": "bold red",
    "vague": "italic",
    "hardship": "bold white on blue",
    "asks": "underline",
}


def highlighted(text: str, spans: Iterable[tuple[int, int, str]]) -> Text:
    """``text`` with each ``(start, end, label)`` span in its label's style."""
    shown = Text(text)
    for start, end, label in spans:
        shown.stylize(LABEL_STYLES.get(label, "bold"), start, end)
    return shown


def legend(labels: Iterable[str]) -> Text:
    """One line naming the colour of each label shown."""
    line = Text(_("Labels:") + " ")
    for i, label in enumerate(sorted(set(labels))):
        if i:
            line.append("  ")
        line.append(_label(label), LABEL_STYLES.get(label, "bold"))
    return line


def analysis_table(rows: list[dict[str, object]]) -> Table:
    """Analysed messages: language, labels with scores, and the text highlighted."""
    t = Table(expand=True)
    t.add_column("#", justify="right", no_wrap=True)
    t.add_column(_("Lang"), no_wrap=True)
    t.add_column(_("Labels"), no_wrap=True)
    t.add_column(_("Message"), ratio=1)
    for i, row in enumerate(rows, start=1):
        labels = row["labels"]
        assert isinstance(labels, dict)
        spans = row["spans"]
        assert isinstance(spans, list)
        t.add_row(
            str(i),
            str(row["language"] or "?"),
            _scores(labels) or "–",
            highlighted(str(row["text"]), [(s["start"], s["end"], s["label"]) for s in spans]),
        )
    return t


def flagged_table(messages: list[FlaggedMessage], title: str) -> Table:
    """Stored messages the analyzer flagged, with the words that are evidence highlighted."""
    t = Table(title=title, title_justify="left", expand=True)
    t.add_column(_("Sent"))
    t.add_column(_("Client"), max_width=16)
    t.add_column(_("Lang"), no_wrap=True)
    t.add_column(_("Labels"), no_wrap=True)
    t.add_column(_("Message"), ratio=1, min_width=32)
    for m in messages:
        t.add_row(
            m.sent_at[:16].replace("T", "\n"),
            Text(m.client),
            m.language or "?",
            _scores(m.labels),
            highlighted(m.text, m.spans),
        )
    return t


def _label(key: str) -> str:
    """A message label ("negative") as the command line names it: the key in English,
    its name in another language."""
    from partways.web import labels

    from .lang import current

    return key if current() == "en" else labels.label(labels.MESSAGE_LABELS, key)


def _scores(labels: dict[str, float]) -> str:
    return "\n".join(f"{_label(k)} {v:.2f}" for k, v in labels.items())
