"""What every command shares: consoles, errors, dates, progress and finding a client."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

out = Console(soft_wrap=False)
err = Console(stderr=True)


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
            f"{what}: {value!r} is not a date; expected YYYY-MM-DD, e.g. 2026-10-31."
        ) from None
    # Date arithmetic (notice periods, renewals) must not run off the calendar's end.
    if not 1900 <= day.year <= 2999:
        raise UserError(f"{what}: {value} is out of range; expected a year from 1900 to 2999.")
    return day


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Progress]:
    """A progress bar on stderr (so JSON on stdout stays clean); gone when done."""
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
        raise UserError(f"{name!r} matches several clients: {hint}. Give more of the name.")
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = (
        f" Did you mean: {', '.join(close)}?"
        if close
        else (
            "" if names else " The database has no clients yet: run `partways demo` or import data."
        )
    )
    raise UserError(f"no client called {name!r}.{hint}")
