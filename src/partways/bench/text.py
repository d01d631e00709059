"""The text-analysis benchmark: tier 0's speed per core, beside alt-profanity-check.

Generates short client messages in English, Indonesian, Croatian and Arabic (greeting,
one or two sentences, sign-off, the way clients write), pins the process to one core,
and times the lexicon analyzer (language identification included) over them; then
times alt-profanity-check on the same English messages. With the OLID test set at
hand it also scores both on it, so speed and quality sit side by side. Figures go to
the ``<!-- bench:text -->`` section of docs/benchmarks.md. Not a timed test.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from partways.demo.phrases import PHRASES

from .machine import describe_host
from .sections import replace_section

START, END = "<!-- bench:text -->", "<!-- /bench:text -->"
TARGET_PER_SECOND = 5_000

_GREETINGS = {
    "en": ("Hi {n},", "Hello {n},", "Dear {n},", "{n},", "Hey {n}!"),
    "id": ("Halo {n},", "Pak {n},", "Bu {n},", "Selamat pagi {n},", "Mas {n},"),
    "hr": ("Bok {n},", "Poštovani {n},", "Pozdrav {n},", "Dobar dan {n},", "{n},"),
    "ar": ("مرحبا {n}،", "أستاذ {n}،", "السلام عليكم {n}،", "عزيزي {n}،", "{n}،"),
}
_SIGN_OFFS = {
    "en": ("Thanks, {m}", "Best, {m}", "Regards, {m}", "{m}", "Cheers, {m}"),
    "id": ("Terima kasih, {m}", "Salam, {m}", "Makasih, {m}", "{m}"),
    "hr": ("Hvala, {m}", "Lp, {m}", "Srdačan pozdrav, {m}", "{m}"),
    "ar": ("شكرا، {m}", "مع التحية، {m}", "{m}"),
}
_NAMES = ("Ana", "Marko", "Dewi", "Budi", "Omar", "Lina", "Sam", "Ivana", "Rina", "Tom")
_PROJECTS = ("the website", "Q3 campaign", "app v2", "brand refresh", "portal", "newsletter")


def messages(language: str, n: int, seed: int) -> list[str]:
    """``n`` distinct short messages in ``language``, about one in four flagged."""
    rng = random.Random(seed)
    kinds = list(PHRASES[language])
    out: list[str] = []
    for i in range(n):
        kind = "neutral" if rng.random() < 0.75 else rng.choice(kinds)
        body = rng.choice(PHRASES[language][kind]).replace("{p}", rng.choice(_PROJECTS))
        if rng.random() < 0.3:
            body += " " + rng.choice(PHRASES[language]["neutral"]).replace("{p}", f"#{i}")
        greeting = rng.choice(_GREETINGS[language]).replace("{n}", rng.choice(_NAMES))
        sign = rng.choice(_SIGN_OFFS[language]).replace("{m}", rng.choice(_NAMES))
        out.append(f"{greeting} {body} (ref {1000 + i}) {sign}")
    return out


def _rate(fn: Callable[[list[str]], Any], texts: list[str], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn(texts)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def _one_core() -> str:
    # Per core means on one core: the process and lingua's threads are pinned to one.
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU {core}"
    return "not pinned (no sched_setaffinity here)"


def _olid(data: Path | None) -> list[tuple[str, bool]] | None:
    """The OLID level-A test set as (text, offensive) pairs, or None when it is not there."""
    if data is None:
        return None
    from partways.core.text.evaluation.datasets import SPEC_BY_NAME, DatasetMissing

    try:
        return [(e.text, e.gold) for e in SPEC_BY_NAME["en_olid"].load(data)]
    except DatasetMissing:
        return None


def _macro_f1(gold: Sequence[bool], pred: Sequence[bool]) -> float:
    from partways.core.text.evaluation.metrics import Confusion

    return Confusion.of(gold, pred).macro_f1


def run(per_language: int, runs: int, data: Path | None) -> dict[str, Any]:
    """Time tier 0 and alt-profanity-check; returns the figures."""
    from profanity_check import predict, predict_prob

    from partways.core.text.lexicon_analyzer import LexiconAnalyzer

    machine = describe_host()  # before pinning, which would make it one core
    pinned = _one_core()
    analyzer = LexiconAnalyzer()
    sets = {code: messages(code, per_language, seed=i) for i, code in enumerate(PHRASES)}
    analyzer.analyze(sets["en"][:200])  # load lingua's models before timing
    figures: dict[str, Any] = {
        "machine": machine,
        "date": dt.date.today().isoformat(),
        "pinned": pinned,
        "per_language": per_language,
        "analyzer": f"{analyzer.name}/{analyzer.version}",
        "lexicon": {},
    }
    for code, texts in sets.items():
        figures["lexicon"][code] = _rate(analyzer.analyze, texts, runs)
    mixed = [t for texts in sets.values() for t in texts]
    random.Random(5).shuffle(mixed)
    figures["lexicon"]["mixed"] = _rate(analyzer.analyze, mixed, runs)
    language_only = analyzer.identifier.identify
    figures["language_id_mixed"] = _rate(lambda ts: [language_only(t) for t in ts], mixed, runs)
    predict_prob(sets["en"][:200])
    figures["profanity_check_en"] = _rate(predict_prob, sets["en"], runs)
    figures["mean_chars"] = sum(map(len, mixed)) / len(mixed)
    olid = _olid(data)
    if olid:
        texts = [t for t, _ in olid]
        gold = [g for _, g in olid]
        ours = [bool({"abuse", "disrespect"} & set(a.labels)) for a in analyzer.analyze(texts)]
        theirs = [bool(p) for p in predict(texts)]
        figures["olid"] = {
            "n": len(olid),
            "lexicon": _macro_f1(gold, ours),
            "profanity_check": _macro_f1(gold, theirs),
        }
    return figures


def section(f: dict[str, Any]) -> str:
    m, lex = f["machine"], f["lexicon"]
    ok = lex["mixed"] >= TARGET_PER_SECOND
    lines = [
        START,
        "## Text analysis (issue 5)",
        "",
        f"Measured on {f['date']} with `partways bench-text` ({f['per_language']:,} generated "
        f"messages per language, {f['mean_chars']:.0f} characters on average; best of the "
        f"runs). Machine: {m['cpu']}, {m['cores']} cores, {m['os']}, Python {m['python']}; the "
        f"process {f['pinned']}, so every figure is per core. Analyzer `{f['analyzer']}`.",
        "",
        "| What | Messages per second, one core | Target |",
        "|---|---:|---|",
        f"| Tier 0 (lexicons + language id), mixed languages | {lex['mixed']:,.0f} | "
        f"≥ {TARGET_PER_SECOND:,}: {'met' if ok else '**not met**'} |",
    ]
    names = {"en": "English", "id": "Indonesian", "hr": "Croatian", "ar": "Arabic"}
    for code, name in names.items():
        lines.append(f"| Tier 0, {name} only | {lex[code]:,.0f} | |")
    lines += [
        f"| Language id alone, mixed languages | {f['language_id_mixed']:,.0f} | |",
        f"| alt-profanity-check `predict_prob`, the same English messages | "
        f"{f['profanity_check_en']:,.0f} | |",
        "",
        "Speed ratio on the English messages, tier 0 : alt-profanity-check = "
        f"1 : {f['profanity_check_en'] / lex['en']:.1f}. alt-profanity-check is English-only, "
        "gives no language, no evidence spans and a single label; it vectorises a whole batch "
        "at once, which is where its speed comes from.",
        "",
        "Each figure is the best of the runs over the same messages, so the per-word cache "
        "(what a word's spellings match) is warm, as it is after the first few thousand "
        "messages of any real mailbox. "
        "These are business-length messages, most of which carry a few of their language's "
        "commonest words, so lingua is rarely needed. Real tweets are longer and terser: "
        "over the evaluation datasets tier 0 reads 2,000–7,000 of them a second on this "
        "machine (the Msg/s column of docs/evaluation.md), most of the difference being "
        "lingua's time on the tweets that name their language by no common word.",
        "",
    ]
    if "olid" in f:
        o = f["olid"]
        lines += [
            f"Quality on the OLID level-A test set ({o['n']} tweets, offensive vs not, "
            "macro-F1): tier 0 "
            f"{o['lexicon']:.3f}, alt-profanity-check {o['profanity_check']:.3f}. "
            "Full evaluation: docs/evaluation.md.",
            "",
        ]
    else:
        lines += ["(No OLID figures: run with `--data` pointing at the datasets.)", ""]
    lines.append(END)
    return "\n".join(lines)


def write_section(path: Path, figures: dict[str, Any]) -> None:
    """Replace the text section of ``path`` (appending it the first time)."""
    replace_section(path, START, END, section(figures))
