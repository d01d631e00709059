"""What every command shares: consoles, errors, dates, progress and finding a client."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.measure import Measurement
from rich.segment import Segment

from .lang import gettext as _

if TYPE_CHECKING:
    from rich.progress import Progress

# C0 and C1 control characters, DEL included, except tab and newline: an ESC or OSC
# sequence in a client's name or a message's subject would otherwise reach the
# terminal as a command (retitle the window, clear the screen, fake a hyperlink).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: object) -> str:
    """``text`` as a string with control characters removed (tab and newline stay)."""
    return _CONTROLS.sub("", str(text))


class _StripControls(RenderHook):
    """Every renderable printed is rendered, then its text stripped of control characters.

    Rich's own cursor and style codes are not text but control segments or styles
    applied afterwards, so they stay; what came from the data goes.
    """

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Stripped(r) for r in renderables]


class _Stripped:
    def __init__(self, inner: ConsoleRenderable) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            if segment.control or not _CONTROLS.search(segment.text):
                yield segment
            else:
                yield Segment(safe(segment.text), segment.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.inner)


def _console(**kwargs: Any) -> Console:
    console = Console(**kwargs)
    console.push_render_hook(_StripControls())
    return console


out = _console(soft_wrap=False)
err = _console(stderr=True)


class UserError(Exception):
    """Something the user can fix; printed without a traceback, exit status 2."""


def parse_date(value: str | None, what: str = "--as-of") -> dt.date:
    """``value`` as a date (YYYY-MM-DD); today when None. Raises :class:`UserError`."""
    if value is None:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(
            _("%(what)s: %(value)s is not a date; expected YYYY-MM-DD, e.g. 2026-10-31.")
            % {"what": what, "value": repr(value)}
        ) from None
    # Date arithmetic (notice periods, renewals) must not run off the calendar's end.
    if not 1900 <= day.year <= 2999:
        raise UserError(
            _("%(what)s: %(value)s is out of range; expected a year from 1900 to 2999.")
            % {"what": what, "value": value}
        )
    return day


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Progress]:
    """A progress bar on stderr (so JSON on stdout stays clean); gone when done."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[step]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        # Piped or redirected, a bar would leave a blank line per use in the log.
        disable=not err.is_terminal,
    )
    with bar:
        bar.add_task(description, total=total, step="")
        yield bar


def find_client(name: str) -> tuple[int, str]:
    """Find an active or archived client by name or alias, case-insensitively.

    A unique partial match is accepted. Raises :class:`UserError` naming close matches.
    """
    from partways.store.models import Client, ClientAlias

    exact = Client.objects.filter(name__iexact=name).first()
    if exact is None:
        alias = ClientAlias.objects.filter(alias__iexact=name).select_related("client").first()
        exact = alias.client if alias else None
    if exact is not None:
        return exact.pk, exact.name
    partial = list(Client.objects.filter(name__icontains=name)[:6])
    if len(partial) == 1:
        return partial[0].pk, partial[0].name
    names = list(Client.objects.values_list("name", flat=True))
    if partial:
        hint = ", ".join(c.name for c in partial)
        raise UserError(
            _("%(name)s matches several clients: %(names)s. Give more of the name.")
            % {"name": repr(name), "names": hint}
        )
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    missing = _("no client called %(name)s.") % {"name": repr(name)}
    if close:
        missing += " " + _("Did you mean: %(names)s?") % {"names": ", ".join(close)}
    elif not names:
        missing += " " + _("The database has no clients yet: run `partways demo` or import data.")
    raise UserError(missing)


def error_label() -> str:
    from .lang import gettext

    return gettext("Error:")


def said(exc: BaseException) -> str:
    """A user error in the command line's language.

    In English, the message as raised: it names the command's own flags. In another
    language: a refusal that carries a finding (``phrase``) or a code the interface
    words (``code``) is said in that language; anything else keeps its English.
    """
    from .lang import current, words

    if current() == "en":
        return str(exc)
    phrase = getattr(exc, "phrase", None)
    if phrase is not None:
        return words(phrase)
    if getattr(exc, "code", ""):
        from partways.web.refusals import _sentences

        say = _sentences().get(exc.code)  # type: ignore[attr-defined]
        if say is not None:
            return say(getattr(exc, "params", {}))
    return str(exc)
