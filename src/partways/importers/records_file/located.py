"""YAML and TOML documents read into a tree whose every value knows its line and column.

Hand-written files need errors that point at the offending value. PyYAML's composer
keeps a mark (line, column) on every node; :mod:`tomllib` keeps none, so for TOML
the lines of table headers and keys are found by a small scan of the text (see
:func:`_toml_positions`), and a value without a key of its own (an element of an
inline array) takes the position of the nearest key above it.

Both formats give the same :class:`Node` tree, so the validation on top of it is
written once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from partways.core.limits import limit
from partways.core.phrase import Phrase, say

from ..base import ImportFailed, RowError

Key = tuple[str | int, ...]


@dataclass
class Node:
    """One value of the document: a mapping, a list or a scalar, and where it is.

    ``value`` is a ``dict[str, Node]`` for a mapping, a ``list[Node]`` for a list and
    the plain Python value for a scalar (str, int, float, bool, date, datetime, None).
    ``line`` and ``column`` are 1-based; either may be None where the format does not
    tell. ``keys`` holds the position of each mapping key (for "unknown key" errors).
    """

    value: Any
    line: int | None
    column: int | None
    keys: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    # Keys given more than once in this mapping (YAML only; TOML refuses them).
    duplicates: list[str] = field(default_factory=list)

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)


def load(path: Path) -> tuple[Node, list[RowError]]:
    """The document in ``path`` (YAML unless the suffix is ``.toml``) and its key problems.

    Duplicate keys in a YAML mapping (which PyYAML would silently resolve to the
    last) come back as errors. Raises :class:`ImportFailed` when the file cannot be
    read or is not valid YAML/TOML, naming the line and column the parser stopped at.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ImportFailed(
            say("import.unreadable", "cannot be read ({reason}).", reason=str(exc.strerror)),
            str(path),
        ) from exc
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            say("import.not_utf8", "is not UTF-8 text (byte {byte}).", byte=exc.start),
            str(path),
        ) from exc
    if path.suffix.lower() == ".toml":
        return load_toml(text, path), []
    return load_yaml(text, path)


# --- YAML ----------------------------------------------------------------------------


class _LimitedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing documents nested deeper than ``structure.max_depth``.

    PyYAML composes nested collections recursively: ten thousand levels end in a
    ``RecursionError`` before anything could be checked.
    """

    def __init__(self, text: str, most: int) -> None:
        super().__init__(text)
        self.most = most
        self.level = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.level += 1
        try:
            if self.level > self.most:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise _TooDeep(event.start_mark, self.most)
            return super().compose_node(parent, index)
        finally:
            self.level -= 1


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark, most: int) -> None:
        super().__init__(most)
        self.mark = mark
        self.most = most


class _Expansion:
    """Counts the aliases a document uses once expanded (an alias inside an alias's
    target counts each time the target is used), against ``yaml.max_aliases``."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.aliases = 0
        self.most_aliases = limit("yaml.max_aliases")
        self.most_depth = limit("structure.max_depth")


def load_yaml(text: str, path: Path) -> tuple[Node, list[RowError]]:
    """Parse YAML ``text``; see :func:`load`.

    Also raises :class:`ImportFailed` for a document nested deeper than
    ``structure.max_depth`` or using more than ``yaml.max_aliases`` aliases once
    expanded ("billion laughs" expand a few lines into gigabytes).
    """
    loader = None
    try:
        # The reader checks every character as it is built: a NUL fails here.
        loader = _LimitedLoader(text, limit("structure.max_depth"))
        root = loader.get_single_node()
    except _TooDeep as exc:
        raise ImportFailed(
            say(
                "import.yaml_too_deep",
                "the document nests more than {most} levels deep (structure.max_depth); "
                "expected sections of records a few levels deep.",
                most=exc.most,
            ),
            str(path),
            exc.mark.line + 1,
            str(exc.mark.column + 1),
        ) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise ImportFailed(
            say("import.yaml_invalid", "not valid YAML: {problem}.", problem=str(exc.problem)),
            str(path),
            mark.line + 1 if mark else None,
            str(mark.column + 1) if mark else None,
        ) from exc
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise ImportFailed(
            say(
                "import.yaml_bad_character",
                "not valid YAML: the character {character} cannot be in a YAML file (it "
                "is a control character or not text at all); expected text.",
                character=f"U+{exc.character:04X}",
            ),
            str(path),
            line,
        ) from exc
    except yaml.YAMLError as exc:
        raise ImportFailed(
            say("import.yaml_invalid", "not valid YAML: {problem}.", problem=str(exc)), str(path)
        ) from exc
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        raise ImportFailed(say("import.file_empty", "the file is empty."), str(path))
    errors: list[RowError] = []
    return _from_yaml(root, SafeConstructor(), path, errors, _Expansion(), 1), errors


def _from_yaml(
    node: yaml.Node,
    constructor: SafeConstructor,
    path: Path,
    errors: list[RowError],
    expansion: _Expansion,
    level: int,
) -> Node:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if id(node) in expansion.seen:  # an alias: the composer hands back the same node
        expansion.aliases += 1
        if expansion.aliases > expansion.most_aliases:
            raise ImportFailed(
                say(
                    "import.yaml_too_many_aliases",
                    "the document uses more than {most} aliases once expanded "
                    "(yaml.max_aliases); expected each record written out, with few or no "
                    "&anchors and *aliases.",
                    most=expansion.most_aliases,
                ),
                str(path),
                line,
                str(column),
            )
    expansion.seen.add(id(node))
    if level > expansion.most_depth:  # an alias can nest a node inside itself
        raise ImportFailed(
            say(
                "import.yaml_aliases_too_deep",
                "the document nests more than {most} levels deep once its aliases are "
                "expanded (structure.max_depth).",
                most=expansion.most_depth,
            ),
            str(path),
            line,
            str(column),
        )
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Node] = {}
        keys: dict[str, tuple[int | None, int | None]] = {}
        duplicates: list[str] = []
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                errors.append(
                    RowError(
                        str(path),
                        key_at[0],
                        f"{key} ({key_at[1]})",
                        say(
                            "import.yaml_duplicate_key",
                            "the key {key} is given twice in the same mapping; "
                            "expected each key once",
                            key=repr(key),
                        ),
                    )
                )
                duplicates.append(key)
                continue
            out[key] = _from_yaml(value_node, constructor, path, errors, expansion, level + 1)
            keys[key] = key_at
        return Node(out, line, column, keys, duplicates)
    if isinstance(node, yaml.SequenceNode):
        return Node(
            [_from_yaml(n, constructor, path, errors, expansion, level + 1) for n in node.value],
            line,
            column,
        )
    try:
        value = constructor.construct_object(node)
    except (ConstructorError, ValueError, OverflowError):
        # ``2025-13-01`` matches YAML's date pattern but is no date: keep the text, so
        # that validation reports it as a bad date with its position.
        value = node.value
    return Node(value, line, column)


# --- TOML ----------------------------------------------------------------------------


def load_toml(text: str, path: Path) -> Node:
    """Parse TOML ``text``; see :func:`load`.

    Also raises :class:`ImportFailed` for a document nested deeper than
    ``structure.max_depth`` (tomllib parses nested arrays recursively).
    """
    most = limit("structure.max_depth")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ImportFailed(
            say("import.toml_invalid", "not valid TOML: {problem}.", problem=str(exc)), str(path)
        ) from exc
    except RecursionError as exc:
        raise ImportFailed(_toml_too_deep(most), str(path)) from exc
    except ValueError as exc:  # a number of thousands of digits
        raise ImportFailed(
            say(
                "import.toml_unreadable",
                "not TOML this import can read ({problem}).",
                problem=str(exc),
            ),
            str(path),
        ) from exc
    positions = _toml_positions(text)
    try:
        return _from_toml(data, (), positions, most)
    except _TooDeepToml as exc:
        line, _ = _nearest(exc.key, positions)
        raise ImportFailed(_toml_too_deep(most), str(path), line or None) from exc


def _toml_too_deep(most: int) -> Phrase:
    return say(
        "import.toml_too_deep",
        "the document nests more than {most} levels deep (structure.max_depth); "
        "expected tables of records a few levels deep.",
        most=most,
    )


class _TooDeepToml(Exception):
    def __init__(self, key: Key) -> None:
        super().__init__(key)
        self.key = key


def _from_toml(value: Any, key: Key, positions: dict[Key, tuple[int, int]], most: int = 64) -> Node:
    if len(key) > most:
        raise _TooDeepToml(key)
    line, column = _nearest(key, positions)
    if isinstance(value, dict):
        children = {k: _from_toml(v, (*key, k), positions, most) for k, v in value.items()}
        keys = {k: _nearest((*key, k), positions) for k in value}
        return Node(children, line, column, keys)
    if isinstance(value, list):
        return Node(
            [_from_toml(v, (*key, i), positions, most) for i, v in enumerate(value)],
            line,
            column,
        )
    return Node(value, line, column)


def _nearest(key: Key, positions: dict[Key, tuple[int, int]]) -> tuple[int | None, int | None]:
    for end in range(len(key), -1, -1):
        if key[:end] in positions:
            return positions[key[:end]]
    return None, None


_BARE_OR_QUOTED = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_ARRAY_TABLE = re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]")
_TABLE = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_KEY = re.compile(rf"^(\s*)({_DOTTED})\s*=\s*")


def _split_dotted(dotted: str) -> list[str]:
    parts = re.findall(_BARE_OR_QUOTED, dotted)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def _toml_positions(text: str) -> dict[Key, tuple[int, int]]:
    """Line and value column of every table header and ``key =`` line, by key path.

    Array-of-tables headers (``[[contracts]]``) are counted so that the n-th one
    becomes ``("contracts", n)``, nested ones (``[[clients.contacts]]``) under the
    latest parent element, as TOML itself resolves them. Lines inside multi-line
    strings are skipped.
    """
    positions: dict[Key, tuple[int, int]] = {}
    counts: dict[Key, int] = {}
    # The element index of each array table seen, by its path without indices.
    current_index: dict[tuple[str, ...], int] = {}
    table: Key = ()
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        if match := _ARRAY_TABLE.match(line):
            names = _split_dotted(match.group(1))
            parent = _resolve(names[:-1], current_index)
            array: Key = (*parent, names[-1])
            index = counts.get(array, 0)
            counts[array] = index + 1
            current_index[tuple(names)] = index
            table = (*array, index)
            positions.setdefault(array, (number, 1))
            positions[table] = (number, 1)
        elif match := _TABLE.match(line):
            names = _split_dotted(match.group(1))
            table = (*_resolve(names[:-1], current_index), names[-1])
            positions[table] = (number, 1)
        elif match := _KEY.match(line):
            key = (*table, *_split_dotted(match.group(2)))
            positions[key] = (number, match.end() + 1)
            rest = line[match.end() :]
            for quote in ('"""', "'''"):
                if rest.startswith(quote) and rest.count(quote) == 1:
                    in_string = quote
    return positions


def _resolve(names: list[str], current_index: dict[tuple[str, ...], int]) -> Key:
    """The key path of a table's parent, with the index of each array table in it."""
    out: list[str | int] = []
    for i, name in enumerate(names):
        out.append(name)
        prefix = tuple(names[: i + 1])
        if prefix in current_index:
            out.append(current_index[prefix])
    return tuple(out)
