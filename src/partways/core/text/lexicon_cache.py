"""The shipped lexicons, read once per version rather than once per process.

Parsing some 20,000 entries (YAML, then folding every word) takes most of a second, and
every command that looks at messages builds an analyzer. The parsed lexicon is kept as
JSON in the user's cache folder, named by a hash of the file and of the code that reads
it, so an edited lexicon or a changed parser is read afresh. A cache that cannot be
read or written is skipped: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs

from .lexicon import Entry, Kind, Lexicon, TokenPattern, load_lexicon

# Bump when the JSON shape below changes.
_FORMAT = "1"


@cache
def _reader_fingerprint() -> bytes:
    """The code that turns a file into a :class:`Lexicon`: when it changes, so may the result."""
    here = Path(__file__).parent
    digest = hashlib.sha256(_FORMAT.encode())
    for module in ("lexicon.py", "tokens.py", "lexicon_cache.py"):
        digest.update((here / module).read_bytes())
    return digest.digest()


def cache_folder() -> Path:
    """Where the parsed lexicons are kept (``$XDG_CACHE_HOME/partways`` on Linux)."""
    return Path(platformdirs.user_cache_dir("partways")) / "lexicons"


def cached_lexicon(path: Path, folder: Path | None = None) -> Lexicon:
    """The lexicon in ``path``, from the cache when it holds this version of it.

    Raises :class:`partways.core.text.lexicon.LexiconError` for a file that cannot be read.
    """
    raw = path.read_bytes()
    key = hashlib.sha256(raw + _reader_fingerprint()).hexdigest()[:20]
    stored = (folder or cache_folder()) / f"{path.stem}-{key}.json"
    try:
        return from_plain(json.loads(stored.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        pass  # not there yet, or not ours: read the file
    lexicon = load_lexicon(path)
    _write_atomically(stored, json.dumps(to_plain(lexicon), ensure_ascii=False))
    for older in stored.parent.glob(f"{path.stem}-*.json"):
        if older != stored:
            older.unlink(missing_ok=True)  # an earlier version of the file: never read again
    return lexicon


def _write_atomically(path: Path, text: str) -> None:
    # Another process may read it at the same moment: it sees the old file or the whole
    # new one, never half of it.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # a read-only or full disk: the next process parses the file again


def to_plain(lexicon: Lexicon) -> dict[str, Any]:
    """``lexicon`` as JSON-ready data."""
    return {
        "language": lexicon.language,
        "negators": sorted(lexicon.negators),
        "intensifiers": sorted(lexicon.intensifiers),
        "spellings": dict(lexicon.spellings),
        "entries": [
            [e.label, e.weight, e.source, e.alone, [[w.kind.value, w.text] for w in e.words]]
            for e in lexicon.entries
        ],
    }


def from_plain(data: dict[str, Any]) -> Lexicon:
    """The :class:`Lexicon` :func:`to_plain` wrote."""
    patterns: dict[tuple[str, str], TokenPattern] = {}

    def pattern(kind: str, text: str) -> TokenPattern:
        # Entries share most of their words: one object per distinct word.
        known = patterns.get((kind, text))
        if known is None:
            known = patterns[(kind, text)] = TokenPattern(Kind(kind), text)
        return known

    entries = tuple(
        Entry(label, tuple(pattern(k, t) for k, t in words), weight, source, alone)
        for label, weight, source, alone, words in data["entries"]
    )
    return Lexicon(
        language=data["language"],
        entries=entries,
        negators=frozenset(data["negators"]),
        intensifiers=frozenset(data["intensifiers"]),
        spellings=data["spellings"],
    )
