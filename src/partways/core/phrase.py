"""Sentences as data: a code, an English template and its parameters.

The core states facts; it does not word them for a reader. A finding (a signal's
explanation, a reason for a verdict, a line of evidence) is a :class:`Phrase`: a stable
``code`` that integrations can rely on, the English ``text`` with ``{name}``
placeholders (also the key the interfaces' catalogs translate), and ``params``, the
numbers, money, shares, dates and record references to put in it. Each interface (CLI,
web, JSON) words it in its reader's language (``partways.i18n``); :meth:`Phrase.english`
is the plain English this module can give without any catalog, for JSON and logs.

The functions :func:`say` and :func:`say_n` are what the catalog extractor looks for,
so every template written through them is collected for translation.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from string import Formatter
from typing import Any

from .money import format_money


@dataclass(frozen=True)
class Money:
    """An amount in minor units (cents) of a currency."""

    minor: float
    currency: str


@dataclass(frozen=True)
class Share:
    """A share shown as a percentage (0.25 is 25%); None shows as a dash."""

    value: float | None


@dataclass(frozen=True)
class Month:
    """A calendar month (the date is its first day)."""

    first: dt.date


@dataclass(frozen=True)
class Num:
    """A number shown with a fixed count of decimals (1.5 hours, 12 days)."""

    value: float
    digits: int = 0


@dataclass(frozen=True)
class Items:
    """Phrases listed as one: "a, b and c" in the reader's language."""

    items: tuple[Phrase, ...]


@dataclass(frozen=True)
class Sentences:
    """Phrases one after the other, each a sentence (or a clause with its own stop)."""

    items: tuple[Phrase, ...]


@dataclass(frozen=True)
class Term:
    """A word of the product's vocabulary by its id: a sign's name, a severity, a kind of
    incident. ``context`` says which list the id is from; each interface has its own
    translated names for them. ``text`` is the English name when it is not the id."""

    key: str
    context: str
    text: str | None = None

    def english(self) -> str:
        return self.text or self.key.replace("_", " ")


@dataclass(frozen=True)
class Ref:
    """A record cited as evidence, by its reference: "message 6633", "month 2026-11"."""

    record: str


@dataclass(frozen=True)
class Phrase:
    code: str
    text: str
    params: Mapping[str, Any] = field(default_factory=dict)
    # The English plural, chosen by ``params["n"]`` (and by each language's own
    # plural rules in the catalogs).
    plural: str | None = None

    def template(self) -> str:
        if self.plural is not None and self.params.get("n") != 1:
            return self.plural
        return self.text

    def english(self) -> str:
        """The sentence in plain English, as the core writes it without a catalog."""
        return fill(self.template(), {k: _english(v) for k, v in self.params.items()})

    def to_json(self) -> dict[str, Any]:
        """The phrase as JSON-ready data: code, templates and tagged parameters."""
        out: dict[str, Any] = {"code": self.code, "text": self.text}
        if self.plural is not None:
            out["plural"] = self.plural
        out["params"] = {k: _tagged(v) for k, v in self.params.items()}
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Phrase:
        return cls(
            data["code"],
            data["text"],
            {k: untag(v) for k, v in data.get("params", {}).items()},
            data.get("plural"),
        )

    def __str__(self) -> str:
        return self.english()

    def __hash__(self) -> int:
        # Findings are counted by what they say (rows skipped, by reason): equal
        # phrases hash alike. Every parameter type here is immutable.
        return hash((self.code, self.text, self.plural, tuple(sorted(self.params.items()))))


def say(code: str, text: str, /, **params: Any) -> Phrase:
    """A finding: ``say("pessimism.value", "{negative} of {inbound} ...", negative=4, ...)``."""
    return Phrase(code, text, params)


def say_n(code: str, singular: str, plural: str, n: float, /, **params: Any) -> Phrase:
    """A finding whose wording depends on a count, given as ``{n}``."""
    return Phrase(code, singular, {"n": int(n), **params}, plural)


def sentences(*phrases: Phrase | None) -> Phrase:
    """Findings said one after the other; the ``None`` ones left out."""
    kept = tuple(p for p in phrases if p is not None)
    if len(kept) == 1:
        return kept[0]
    return Phrase(SENTENCES, "{all}", {"all": Sentences(kept)})


def listed(code: str, text: str, items: list[Phrase], /, **params: Any) -> Phrase:
    """A finding naming several things as one list: "In the window: a, b and c."."""
    return Phrase(code, text, {"items": Items(tuple(items)), **params})


SENTENCES = "sentences"


def marked(text: str) -> str:
    """``text`` unchanged: marks a string the interfaces translate (a setting's unit, a
    word in a table) for the catalog extractor, as gettext_noop does, without the core
    importing a catalog."""
    return text


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each ``{name}`` replaced; nothing else in it is read as a field."""
    out = []
    for literal, name in _parsed(template):
        out.append(literal)
        if name is not None:
            out.append(values.get(name, "{" + name + "}"))
    return "".join(out)


@lru_cache(maxsize=4096)
def _parsed(template: str) -> tuple[tuple[str, str | None], ...]:
    # A few hundred templates are filled tens of thousands of times in a triage.
    return tuple((literal, name) for literal, name, _spec, _conv in Formatter().parse(template))


def _english(value: Any) -> str:
    # Dispatch on the exact type: a triage words tens of thousands of parameters.
    word = _ENGLISH.get(type(value))
    return word(value) if word is not None else str(value)


def _items(value: Items) -> str:
    words = [p.english() for p in value.items]
    return ", ".join(words[:-2] + [" and ".join(words[-2:])]) if words else ""


def _float(value: float) -> str:
    return f"{value:.2g}" if abs(value) < 10 else f"{value:,.1f}".removesuffix(".0")


_ENGLISH: dict[type, Callable[[Any], str]] = {
    int: str,
    str: str,
    Phrase: Phrase.english,
    Share: lambda v: "–" if v.value is None else f"{v.value * 100:.0f}%",
    Money: lambda v: format_money(v.minor, v.currency),
    Num: lambda v: f"{v.value:.{v.digits}f}",
    Term: Term.english,
    Ref: lambda v: v.record,
    Items: _items,
    Sentences: lambda v: " ".join(p.english() for p in v.items),
    Month: lambda v: f"{v.first:%B %Y}",
    dt.datetime: lambda v: f"{v:%Y-%m-%d %H:%M}",
    dt.date: dt.date.isoformat,
    float: _float,
}


def _tagged(value: Any) -> Any:
    """A parameter as JSON: plain numbers and strings as they are, the rest tagged."""
    if isinstance(value, Phrase):
        return {"phrase": value.to_json()}
    if isinstance(value, Num):
        return {"num": value.value, "digits": value.digits}
    if isinstance(value, Term):
        return {"term": value.key, "context": value.context, "text": value.text}
    if isinstance(value, Ref):
        return {"record": value.record}
    if isinstance(value, Items):
        return {"items": [p.to_json() for p in value.items]}
    if isinstance(value, Sentences):
        return {"sentences": [p.to_json() for p in value.items]}
    if isinstance(value, Money):
        return {"money": value.minor, "currency": value.currency}
    if isinstance(value, Share):
        return {"share": value.value}
    if isinstance(value, Month):
        return {"month": value.first.isoformat()}
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


def untag(value: Any) -> Any:
    """The inverse of the tagging in :meth:`Phrase.to_json`."""
    if not isinstance(value, dict):
        return value
    if "phrase" in value:
        return Phrase.from_json(value["phrase"])
    if "num" in value:
        return Num(value["num"], value["digits"])
    if "term" in value:
        return Term(value["term"], value["context"], value.get("text"))
    if "record" in value:
        return Ref(value["record"])
    if "items" in value:
        return Items(tuple(Phrase.from_json(p) for p in value["items"]))
    if "sentences" in value:
        return Sentences(tuple(Phrase.from_json(p) for p in value["sentences"]))
    if "money" in value:
        return Money(value["money"], value["currency"])
    if "share" in value:
        return Share(value["share"])
    if "month" in value:
        return Month(dt.date.fromisoformat(value["month"]))
    if "datetime" in value:
        return dt.datetime.fromisoformat(value["datetime"])
    if "date" in value:
        return dt.date.fromisoformat(value["date"])
    return value


def from_json_text(text: str) -> Phrase:
    return Phrase.from_json(json.loads(text))


def stored(text: str) -> Phrase:
    """A finding kept in a text field: its JSON, or (written before findings were kept as
    data, or typed by a person) plain text, which stands as it is."""
    if text.startswith('{"code"'):
        try:
            return from_json_text(text)
        except (ValueError, KeyError, TypeError):
            pass
    return as_phrase(text)


def as_phrase(value: Phrase | str) -> Phrase:
    """``value`` as a finding: a phrase as it is, plain text (from code written before
    findings were phrases, a third-party importer) standing as it is."""
    return value if isinstance(value, Phrase) else Phrase(TEXT, "{text}", {"text": str(value)})


def storable(phrase: Phrase) -> str:
    """The finding as the text :func:`stored` reads back."""
    return json.dumps(phrase.to_json(), ensure_ascii=False)


TEXT = "text"
