"""Analyzers by name: what ``--analyzer`` on the command line picks from."""

from __future__ import annotations

from .model import TextAnalyzer


class UnknownAnalyzer(ValueError):
    """No analyzer has that name; the message lists the ones there are."""


ANALYZERS: tuple[str, ...] = ("placeholder",)


def make_analyzer(name: str) -> TextAnalyzer:
    """The analyzer called ``name``.

    Raises :class:`UnknownAnalyzer` for a name that is not in :data:`ANALYZERS`.
    """
    if name == "placeholder":
        from .placeholder import PlaceholderAnalyzer

        return PlaceholderAnalyzer()
    raise UnknownAnalyzer(f"no analyzer called {name!r}; there are: {', '.join(ANALYZERS)}.")
