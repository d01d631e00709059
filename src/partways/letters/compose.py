"""Composing a letter from its template, safely.

Templates live in ``templates/<lang>/<kind>.txt`` (and may be overridden by a user's
own folder). Each defines two blocks, ``subject`` and ``body``. In the body, a blank line
separates paragraphs, each line of a paragraph is kept as a line (write prose on one
line), and a paragraph whose every line starts with ``- `` is a bulleted list.

A formal letter's frame comes from ``<lang>/_frame.txt``, rendered with the same data
(and ``subject``): its blocks ``letterhead``, ``recipient``, ``date_line`` and
``subject_line``, one line of the letter per line of output, each in that language's
own conventions. Parts shared by several letters (the salutation, the signature, what
every ending letter says about the contract, the money and the handover) are macros in
``<lang>/_parts.txt`` and ``<lang>/_ending.txt``, which the letters import inside their
blocks (a block is rendered on its own, so a top-level import would not reach it).

Rendering is sandboxed (a user's template can't reach Python internals, nor run for
ever: see :mod:`.sandbox`), autoescaped (a client called ``<b>`` stays text in HTML
and PDF output) and strict (a misspelt or missing variable is an error, never a
blank). Every value from the data is also
flattened to one line without control or bidirectional-override characters, so a
name can't add lines to a letter or headers to an e-mail, or reverse the text around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    meta,
)
from markupsafe import Markup

from .languages import check_language, is_rtl
from .model import Block, Letter
from .sandbox import Budget, LetterSandbox, budgeted

# The reasons of PLAYBOOK §5, one script each `[002] [001]`.
REASONS: tuple[str, ...] = (
    "too_demanding",
    "mistreats_staff",
    "unethical",
    "payment",
    "not_a_fit",
    "generic",
)
# Letters that are not about ending: the acute case's apology `[003 #3]` and the
# expectations sheet for a new client `[003 #2]`.
OTHER_KINDS: tuple[str, ...] = ("apology", "expectations")

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"

# C0 and C1 controls (line breaks included), the Unicode line and paragraph
# separators, and the bidirectional embeddings, overrides and isolates
# (U+202A–U+202E, U+2066–U+2069).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")


class LetterError(Exception):
    """A letter could not be composed (unknown kind, a template error); says which and why."""


def letter_kinds() -> tuple[str, ...]:
    """Every kind of letter: the reasons for ending, then the others."""
    return REASONS + OTHER_KINDS


def _one_line(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        # Only ordinary spaces collapse: a no-break space (1.200,00\xa0€) stays.
        return re.sub(" {2,}", " ", _UNSAFE.sub(" ", value)).strip(" ")
    return value


# First-strong isolate and pop directional isolate (Unicode's bidi algorithm, UAX #9).
FSI, PDI = "\u2068", "\u2069"


def _isolated(value: Any) -> Any:
    """A value from the data, isolated from the right-to-left text around it: "Studio
    Horvat j.d.o.o." keeps its full stop at its end, and "10000 Zagreb" its order, in
    an Arabic letter, whatever reads it (the PDF, a mail client, Word)."""
    value = _one_line(value)
    if isinstance(value, str) and not isinstance(value, Markup) and value:
        return f"{FSI}{value}{PDI}"
    return value


@lru_cache(maxsize=8)
def _environment(template_dirs: tuple[Path, ...], rtl: bool = False) -> LetterSandbox:
    loaders = [FileSystemLoader(str(d)) for d in template_dirs]
    loaders.append(FileSystemLoader(str(BUILTIN_TEMPLATES)))
    return LetterSandbox(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_isolated if rtl else _one_line,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def compose(
    kind: str,
    lang: str,
    context: Mapping[str, Any],
    template_dirs: Sequence[Path] = (),
) -> Letter:
    """Compose the letter ``kind`` in ``lang`` from ``context``.

    ``template_dirs`` are searched before the built-in templates, each laid out as
    ``<lang>/<kind>.txt``. Raises :class:`~.languages.UnknownLanguage` for a language
    without letters and :class:`LetterError` for an unknown kind or a template that
    fails (a syntax error with its file and line, an undefined variable).
    """
    lang = check_language(lang)
    if kind not in letter_kinds():
        raise LetterError(
            f"no letter of kind {kind!r}; expected one of {', '.join(letter_kinds())}."
        )
    env = _environment(tuple(Path(d) for d in template_dirs), is_rtl(lang))
    name = f"{lang}/{kind}.txt"
    try:
        template = env.get_template(name)
        for block in ("subject", "body"):
            if block not in template.blocks:
                raise LetterError(f"template {name} has no {{% block {block} %}}.")
        _check_given(env, template, context)
        ctx = template.new_context(dict(context))
        with budgeted() as budget:
            subject = _written(template.blocks["subject"](ctx), budget)
            body = _written(template.blocks["body"](ctx), budget)
            frame = _frame(env, lang, context, Markup(" ".join(subject.split())), budget)
    except TemplateNotFound as exc:
        raise LetterError(f"no template {exc.name or name}.") from None
    except TemplateSyntaxError as exc:
        raise LetterError(
            f"template {exc.filename or name}, line {exc.lineno}: {exc.message}"
        ) from None
    except TemplateError as exc:
        raise LetterError(f"template {name}: {exc.message or exc}") from None
    except RecursionError:
        raise LetterError(f"template {name}: a macro or loop calls itself without end.") from None
    except (OverflowError, MemoryError, ArithmeticError, ValueError) as exc:
        # range(10**30), a number too large to write: the template asked too much.
        raise LetterError(f"template {name}: {exc}.") from None
    return Letter(
        kind=kind,
        lang=lang,
        direction="rtl" if is_rtl(lang) else "ltr",
        subject_html=" ".join(subject.split()),
        blocks=split_blocks(body),
        letterhead=frame.get("letterhead", ()),
        recipient=frame.get("recipient", ()),
        date_line=" ".join(frame.get("date_line", ())),
        subject_line=" ".join(frame.get("subject_line", ())),
    )


FRAME_BLOCKS = ("letterhead", "recipient", "date_line", "subject_line")


def _frame(
    env: LetterSandbox,
    lang: str,
    context: Mapping[str, Any],
    subject: Markup,
    budget: Budget,
) -> dict[str, tuple[str, ...]]:
    """The frame's parts, each as its non-blank lines; empty without a frame template
    (a user's own set of templates may have none)."""
    try:
        template = env.get_template(f"{lang}/_frame.txt")
    except TemplateNotFound:
        return {}
    ctx_data = {**context, "subject": subject}
    _check_given(env, template, ctx_data)
    ctx = template.new_context(ctx_data)
    parts = {}
    for name in FRAME_BLOCKS:
        if name in template.blocks:
            text = _written(template.blocks[name](ctx), budget)
            parts[name] = tuple(line.strip() for line in text.splitlines() if line.strip())
    return parts


def _check_given(env: LetterSandbox, template: Template, context: Mapping[str, Any]) -> None:
    """Raise :class:`LetterError` naming the variables the template reads on any branch
    and ``context`` lacks: strict undefined only fires on the branch that runs."""
    missing = sorted(_variables(env, template) - set(context) - set(env.globals))
    if missing:
        raise LetterError(
            f"template {template.name} needs {', '.join(missing)}, which was not given."
        )


def without_isolates(text: str) -> str:
    """``text`` without the isolates a right-to-left letter keeps around its values
    (:func:`_isolated`): for a place with no direction of its own, such as an e-mail
    header or a terminal."""
    return text.replace(FSI, "").replace(PDI, "")


def _written(chunks: Iterator[str], budget: Budget) -> str:
    """The chunks a template block writes, joined; stopped past the budget's length
    (a loop writing without end) or time (a loop writing nothing)."""
    parts: list[str] = []
    length = 0
    for chunk in chunks:
        length += len(chunk)
        budget.check_length(length)
        budget.spend()
        parts.append(chunk)
    return "".join(parts)


@lru_cache(maxsize=64)
def _variables(env: LetterSandbox, template: Template) -> frozenset[str]:
    """Every variable the template reads from its context, on any branch, its imported
    and included templates' too (those named by a plain string).

    Cached per template object: Jinja2 hands back a new one when the file changes.
    """
    assert env.loader is not None and template.name is not None
    found: set[str] = set()
    seen: set[str] = set()
    names = [template.name]
    while names:
        name = names.pop()
        if name in seen:
            continue
        seen.add(name)
        source, _, _ = env.loader.get_source(env, name)
        tree = env.parse(source)
        found |= meta.find_undeclared_variables(tree)
        names += [n for n in meta.find_referenced_templates(tree) if n is not None]
    return frozenset(found)


def split_blocks(body: str) -> tuple[Block, ...]:
    """The body's paragraphs and lists, in order (see the module's layout rules)."""
    blocks = []
    for chunk in re.split(r"\n[ \t]*\n", body.strip()):
        lines = tuple(line.strip() for line in chunk.splitlines() if line.strip())
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            blocks.append(Block("list", tuple(line[2:].strip() for line in lines)))
        else:
            blocks.append(Block("paragraph", lines))
    return tuple(blocks)
