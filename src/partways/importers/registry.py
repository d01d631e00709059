"""Finding importers: every one, built-in or not, registers as an entry point.

A third-party package adds a format by declaring, in its ``pyproject.toml``::

    [project.entry-points."partways.importers"]
    myformat = "my_package.importer:MyFormatImporter"

The entry point names an :class:`Importer` subclass, or a tuple of them when one
package reads several exports of the same tool (``IMPORTERS = (A, B)``).
partways's own importers are declared the same way in its ``pyproject.toml``, so
the built-ins get no special path.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points
from pathlib import Path

from partways.core.phrase import say

from .base import Importer, ImportFailed

GROUP = "partways.importers"


@cache
def importer_classes() -> dict[str, type[Importer]]:
    """Every registered importer class by its ``name``, most specific first.

    Raises :class:`ImportFailed` when an entry point does not load or is not an
    :class:`Importer`, naming the package that declared it.
    """
    found: dict[str, type[Importer]] = {}
    for ep in entry_points(group=GROUP):
        try:
            loaded = ep.load()
        except Exception as exc:  # a broken plugin must not hide the others' names
            raise ImportFailed(
                say(
                    "import.plugin_broken",
                    "the importer {name} ({value}) does not load: {problem}",
                    name=repr(ep.name),
                    value=ep.value,
                    problem=str(exc),
                )
            ) from exc
        for cls in loaded if isinstance(loaded, tuple | list) else (loaded,):
            if not (isinstance(cls, type) and issubclass(cls, Importer)):
                raise ImportFailed(
                    say(
                        "import.plugin_not_importer",
                        "the importer {name} ({value}) is not an Importer.",
                        name=repr(ep.name),
                        value=ep.value,
                    )
                )
            found[cls.name] = cls
    ordered = sorted(found.values(), key=lambda c: (-c.priority, c.name))
    return {c.name: c for c in ordered}


def get(name: str) -> Importer:
    """A fresh importer for format ``name``; raises :class:`ImportFailed` listing the formats."""
    classes = importer_classes()
    if name not in classes:
        names = ", ".join(sorted(classes))
        raise ImportFailed(
            say(
                "import.format_unknown",
                "unknown format {name}; the formats are: {formats}.",
                name=repr(name),
                formats=names,
            )
        )
    return classes[name]()


def identify(path: Path) -> Importer | None:
    """The most specific importer that recognises ``path``, or None."""
    for cls in importer_classes().values():
        if path.is_dir() and not cls.reads_folders:
            continue
        importer = cls()
        if importer.identify(path):
            return importer
    return None
