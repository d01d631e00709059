"""Analyzers by name: what ``--analyzer`` and ``$PARTWAYS_ANALYZER`` pick from."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .model import TextAnalyzer


class UnknownAnalyzer(ValueError):
    """No analyzer has that name; the message lists the ones there are."""


# What labels messages unless ``--analyzer`` or ``$PARTWAYS_ANALYZER`` says otherwise.
DEFAULT_ANALYZER = "lexicon"

ANALYZERS: dict[str, str] = {
    "lexicon": "tier 0: curated lexicons in English, Indonesian, Croatian and Arabic (default)",
    "models": "tier 1: Hugging Face models on disk (pip install 'partways[models]'), "
    "configured in models.yaml; language and evidence from the lexicons",
}


@cache
def _lexicon(additions: Path | None) -> TextAnalyzer:
    # Loading and indexing the lexicons takes a moment; one instance serves a process.
    from .lexicon_analyzer import LexiconAnalyzer

    return LexiconAnalyzer(additions=additions)


@cache
def _models(config: Path, stamp: int, additions: Path | None) -> TextAnalyzer:
    # Models take seconds to load: one analyzer per configuration file as it stands
    # (``stamp`` is its modification time, so an edited file is read again).
    from .transformers_analyzer import TransformersAnalyzer, load_model_config

    return TransformersAnalyzer(load_model_config(config), base=_lexicon(additions))


def make_analyzer(
    name: str, models_config: Path | None = None, additions: Path | None = None
) -> TextAnalyzer:
    """The analyzer called ``name``; ``models_config`` is the tier-1 YAML file and
    ``additions`` the folder of the user's own lexicon entries.

    Raises :class:`UnknownAnalyzer` for a name that is not in :data:`ANALYZERS`, and
    the tier-1 module's errors when its configuration or extra is missing.
    """
    if name == "lexicon":
        return _lexicon(additions)
    if name == "models":
        if models_config is None:
            raise UnknownAnalyzer("the models analyzer needs its configuration file, models.yaml.")
        if not models_config.is_file():
            raise UnknownAnalyzer(
                f"the models analyzer reads its models from {models_config}, which is not "
                "there; write it as docs/models.md shows."
            )
        return _models(models_config, models_config.stat().st_mtime_ns, additions)
    raise UnknownAnalyzer(f"no analyzer called {name!r}; there are: {', '.join(ANALYZERS)}.")
