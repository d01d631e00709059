"""Tier 1: Hugging Face text-classification models the user has on disk, over a base analyzer.

Each configured label is decided by one model; every other label, the language and the
evidence spans come from the base analyzer (the lexicons in real use). Nothing is ever
downloaded: models are read with ``local_files_only=True``, and a model that is not on
disk is a :class:`ModelConfigError` saying how to fetch it beforehand.

``torch`` and ``transformers`` are the optional extra ``partways[models]``; they are
imported only when models are loaded, so this module imports without them.

The configuration is a YAML file, by convention ``<data home>/models.yaml``
(:data:`MODELS_FILE`); ``docs/models.md`` lists public models for each label::

    batch_size: 32                 # optional, texts per forward pass
    labels:
      negative:
        path: models/twitter-xlm-roberta-base-sentiment   # a folder; relative to this file
        outputs: [negative]        # the model's labels (config.json id2label) that mean ours
        threshold: 0.7             # found when the model's score is at least this
      abuse:
        id: cardiffnlp/twitter-roberta-base-offensive     # or a Hub id already in the HF cache
        outputs: [offensive]
        threshold: 0.6
        languages: [en]            # optional: other languages keep the base analyzer's answer
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, TypeGuard

import yaml

from ..limits import limit
from .model import LABELS, Analysis, TextAnalyzer
from .tokens import clip

MODELS_FILE = "models.yaml"
DEFAULT_BATCH_SIZE = 32
INSTALL_HINT = "pip install 'partways[models]'"

# A Hub id is "name" or "owner/name"; anything else given as `id:` is a typo or a path.
_HUB_ID = re.compile(r"^[\w.-]+(/[\w.-]+)?$")
# RoBERTa-family models number positions from the padding index + 1, so that many of
# their position embeddings can never hold a token (XLM-R: 514 embeddings, 512 tokens).
_POSITIONS_AFTER_PADDING = frozenset({"roberta", "xlm-roberta", "xlm-roberta-xl", "camembert"})


class ModelConfigError(ValueError):
    """The model configuration is wrong, or a configured model cannot be loaded.

    The message names the file (when there is one), the key and what was expected.
    """


class ModelsExtraMissing(ImportError):
    """``torch`` or ``transformers`` is not installed; the message says how to install them."""


@dataclass(frozen=True)
class ModelSpec:
    """One model deciding one label.

    ``source`` is an absolute folder when ``local`` is true, else a Hub id that must
    already be in the Hugging Face cache. ``outputs`` are the model's own label names
    (its ``config.json`` ``id2label``) that mean our label. ``languages`` (ISO 639-1)
    limits the model to texts the base analyzer put in those languages; None means all.
    """

    source: str
    local: bool
    outputs: frozenset[str]
    threshold: float
    languages: frozenset[str] | None = None

    def applies_to(self, language: str | None) -> bool:
        """Whether this model decides the label for a text in ``language``."""
        return self.languages is None or language in self.languages


@dataclass(frozen=True)
class ModelConfig:
    """Which model decides which label; ``file`` is where it was read from, for messages."""

    labels: Mapping[str, ModelSpec]
    batch_size: int = DEFAULT_BATCH_SIZE
    file: Path | None = None


def load_model_config(path: str | os.PathLike[str]) -> ModelConfig:
    """Read and check a ``models.yaml`` file.

    Relative ``path:`` entries are taken relative to the file's folder. Raises
    :class:`ModelConfigError` naming the file, the key and what was expected when the
    file is missing, is not YAML, or says something this module does not accept.
    """
    file = Path(path).expanduser()
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelConfigError(f"{file}: no such file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelConfigError(f"{file}: cannot be read: {exc}") from exc
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" line {mark.line + 1}, column {mark.column + 1}:"
        problem = getattr(exc, "problem", None) or str(exc)
        raise ModelConfigError(f"{file}:{where} not valid YAML: {problem}") from exc
    return _parse_config(raw, file)


class _Fail:
    """Builds the errors for one file: the file, the key, what was expected, what was there."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def __call__(self, key: str, expected: str, got: object = ...) -> ModelConfigError:
        shown = "" if got is ... else f", got {got!r}"
        return ModelConfigError(f"{self.file}: {key}: expected {expected}{shown}.")


def _parse_config(raw: object, file: Path) -> ModelConfig:
    fail = _Fail(file)
    if not isinstance(raw, dict):
        raise fail("top level", "a mapping with the key 'labels'", raw)
    unknown = sorted(str(k) for k in raw if k not in ("labels", "batch_size"))
    if unknown:
        raise fail(unknown[0], "only the keys 'labels' and 'batch_size' at the top level")
    batch_size = raw.get("batch_size", DEFAULT_BATCH_SIZE)
    if not _is_int(batch_size) or batch_size < 1:
        raise fail("batch_size", "a whole number of at least 1", batch_size)
    labels = raw.get("labels")
    if not isinstance(labels, dict) or not labels:
        raise fail(
            "labels", f"a mapping from one or more of {', '.join(LABELS)} to a model", labels
        )
    specs: dict[str, ModelSpec] = {}
    for label, entry in labels.items():
        if label not in LABELS:
            raise fail(f"labels.{label}", f"a label among {', '.join(LABELS)}")
        specs[label] = _parse_spec(entry, f"labels.{label}", file, fail)
    return ModelConfig(labels=specs, batch_size=batch_size, file=file)


def _parse_spec(entry: object, key: str, file: Path, fail: _Fail) -> ModelSpec:
    if not isinstance(entry, dict):
        raise fail(key, "a mapping with 'path' or 'id', 'outputs' and 'threshold'", entry)
    allowed = ("path", "id", "outputs", "threshold", "languages")
    unknown = sorted(str(k) for k in entry if k not in allowed)
    if unknown:
        raise fail(f"{key}.{unknown[0]}", f"only the keys {', '.join(allowed)}")
    if ("path" in entry) == ("id" in entry):
        raise fail(key, "exactly one of 'path' (a model folder) and 'id' (a Hub id)")
    if "path" in entry:
        folder = entry["path"]
        if not isinstance(folder, str) or not folder.strip():
            raise fail(f"{key}.path", "a folder holding the model's config.json", folder)
        resolved = Path(folder).expanduser()
        source, local = str((file.parent / resolved).resolve()), True
    else:
        hub_id = entry["id"]
        if not isinstance(hub_id, str) or not _HUB_ID.match(hub_id):
            raise fail(f"{key}.id", "a Hub id such as 'owner/model-name'", hub_id)
        source, local = hub_id, False
    outputs = entry.get("outputs")
    if isinstance(outputs, str):
        outputs = [outputs]
    if (
        not isinstance(outputs, list)
        or not outputs
        or not all(isinstance(o, str) and o for o in outputs)
    ):
        raise fail(f"{key}.outputs", "one or a list of the model's label names", outputs)
    threshold = entry.get("threshold")
    if not _is_number(threshold) or not 0 <= threshold <= 1:
        raise fail(f"{key}.threshold", "a number from 0 to 1", threshold)
    languages = entry.get("languages")
    if languages is not None:
        if (
            not isinstance(languages, list)
            or not languages
            or not all(isinstance(x, str) and x for x in languages)
        ):
            raise fail(f"{key}.languages", "a list of ISO 639-1 codes such as [en, hr]", languages)
        languages = frozenset(x.lower() for x in languages)
    return ModelSpec(source, local, frozenset(outputs), float(threshold), languages)


def _is_int(value: object) -> TypeGuard[int]:
    # YAML's `true` is a Python bool, which is an int; it is never a meant count.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _where(config: ModelConfig) -> str:
    return f"{config.file}: " if config.file else ""


@dataclass(frozen=True)
class _Loaded:
    """A loaded model: its pipeline, its token limit and how its scores combine."""

    pipeline: Any
    max_length: int
    names: frozenset[str]
    # Sigmoid outputs are independent, so the strongest one is the label's score;
    # softmax outputs share one distribution, so ours add up to the chance of any of them.
    independent: bool


class TransformersAnalyzer:
    """Labels from Hugging Face classifiers on disk; language, spans and the rest from ``base``.

    For a text whose language a label's model applies to, the model decides that label:
    it is found when the model's score reaches the threshold, and it keeps ``base``'s
    spans when ``base`` found it too (otherwise it has none: the whole message is the
    evidence). Labels without a model, and texts outside a model's languages, keep
    ``base``'s answer unchanged.

    Models load on the first :meth:`analyze`, or earlier through :meth:`load`. On a
    CUDA GPU they run on ``cuda:0`` in half precision, otherwise on the CPU in float32.
    """

    name = "models"

    def __init__(self, config: ModelConfig, base: TextAnalyzer) -> None:
        self.config = config
        self.base = base
        self.version = _version(config, base)
        self._models: dict[tuple[str, bool], _Loaded] | None = None

    def load(self) -> None:
        """Load every configured model now rather than on the first :meth:`analyze`.

        Raises :class:`ModelsExtraMissing` when torch or transformers is not installed,
        and :class:`ModelConfigError` when a model is not on disk or does not have the
        configured outputs.
        """
        if self._models is not None:
            return
        torch, transformers = _import_extra()
        if torch.cuda.is_available():
            device, dtype = "cuda:0", torch.float16
        else:
            device, dtype = "cpu", torch.float32
        models: dict[tuple[str, bool], _Loaded] = {}
        for label, spec in self.config.labels.items():
            key = (spec.source, spec.local)
            if key not in models:
                models[key] = _load_model(spec, label, self.config, transformers, device, dtype)
            missing = sorted(spec.outputs - models[key].names)
            if missing:
                raise ModelConfigError(
                    f"{_where(self.config)}labels.{label}.outputs: the model {spec.source} has "
                    f"no output {', '.join(missing)}; its outputs are "
                    f"{', '.join(sorted(models[key].names))}."
                )
        self._models = models

    def analyze(self, texts: Sequence[str]) -> list[Analysis]:
        """Return one :class:`Analysis` per text, in order (see the class docstring)."""
        found = self.base.analyze(texts)
        if not texts:
            return found
        self.load()
        assert self._models is not None
        wanted: dict[tuple[str, bool], set[int]] = {}
        for spec in self.config.labels.values():
            indices = wanted.setdefault((spec.source, spec.local), set())
            indices.update(i for i, a in enumerate(found) if spec.applies_to(a.language))
        scores = {
            key: self._run(self._models[key], texts, sorted(indices))
            for key, indices in wanted.items()
            if indices
        }
        return [self._combine(i, analysis, scores) for i, analysis in enumerate(found)]

    def _run(self, model: _Loaded, texts: Sequence[str], indices: list[int]) -> dict[int, Any]:
        # Texts of similar length share a batch so little of it is padding; longest
        # first, so a batch too big for the GPU fails at once rather than at the end.
        order = sorted(indices, key=lambda i: len(texts[i]), reverse=True)
        # The model reads its first max_length tokens only, but its tokenizer would read
        # the whole of a megabyte-long message first: it gets what the lexicons read.
        chars = limit("text.max_analysed_chars")
        results = model.pipeline(
            [clip(texts[i], chars) for i in order],
            batch_size=self.config.batch_size,
            top_k=None,
            truncation=True,
            max_length=model.max_length,
        )
        return {
            i: {str(r["label"]): float(r["score"]) for r in result}
            for i, result in zip(order, results, strict=True)
        }

    def _combine(
        self, i: int, analysis: Analysis, scores: Mapping[tuple[str, bool], Mapping[int, Any]]
    ) -> Analysis:
        assert self._models is not None
        labels = dict(analysis.labels)
        rejected: set[str] = set()
        for label, spec in self.config.labels.items():
            if not spec.applies_to(analysis.language):
                continue
            key = (spec.source, spec.local)
            ours = [scores[key][i][name] for name in spec.outputs]
            score = max(ours) if self._models[key].independent else sum(ours)
            score = min(score, 1.0)
            labels.pop(label, None)
            if score > 0 and score >= spec.threshold:
                labels[label] = score
            else:
                rejected.add(label)
        spans = tuple(s for s in analysis.spans if s.label not in rejected)
        return Analysis(analysis.language, labels, spans)


def _import_extra() -> tuple[ModuleType, ModuleType]:
    # huggingface_hub reads HF_HUB_OFFLINE when first imported; set before that, it
    # refuses every request to the Hub, beside local_files_only=True on each load.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        torch = importlib.import_module("torch")
        transformers = importlib.import_module("transformers")
    except ImportError as exc:
        raise ModelsExtraMissing(
            f"The model tier needs torch and transformers ({exc}). Install them with: "
            f"{INSTALL_HINT}"
        ) from exc
    return torch, transformers


def _load_model(
    spec: ModelSpec,
    label: str,
    config: ModelConfig,
    transformers: ModuleType,
    device: str,
    dtype: Any,
) -> _Loaded:
    where = f"{_where(config)}labels.{label}"
    folder = _model_folder(spec, where)
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(folder, local_files_only=True)
        model = transformers.AutoModelForSequenceClassification.from_pretrained(
            folder, local_files_only=True
        )
    except (OSError, ValueError) as exc:
        raise ModelConfigError(
            f"{where}.{'path' if spec.local else 'id'}: cannot load the model {spec.source} "
            f"from {folder} ({exc}); {_download_hint(spec)}."
        ) from exc
    model_config = model.config
    if model_config.problem_type == "regression":
        raise ModelConfigError(
            f"{where}: the model {spec.source} is a regression model, not a classifier."
        )
    model.to(device=device, dtype=dtype)
    model.eval()
    pipeline = transformers.pipeline(
        "text-classification", model=model, tokenizer=tokenizer, device=device
    )
    names = frozenset(str(n) for n in model_config.id2label.values())
    independent = (
        model_config.problem_type == "multi_label_classification" or model_config.num_labels == 1
    )
    return _Loaded(pipeline, _max_length(tokenizer, model_config), names, independent)


def _model_folder(spec: ModelSpec, where: str) -> str:
    """The folder holding the model: ``spec.source`` itself, or a Hub id's cached snapshot."""
    if spec.local:
        if not (Path(spec.source) / "config.json").is_file():
            raise ModelConfigError(
                f"{where}.path: no model at {spec.source} (no config.json there); "
                f"{_download_hint(spec)}."
            )
        return spec.source
    # A Hub id is looked up in the cache here, a plain file-system read, so transformers
    # only ever sees a folder: given an id, huggingface_hub sends requests (its agent
    # registry) even with local_files_only=True when it was imported before
    # HF_HUB_OFFLINE was set.
    hub = importlib.import_module("huggingface_hub")
    found = hub.try_to_load_from_cache(spec.source, "config.json")
    if not isinstance(found, str):
        raise ModelConfigError(
            f"{where}.id: the model {spec.source} is not in the Hugging Face cache "
            f"({hub.constants.HF_HUB_CACHE}); {_download_hint(spec)}."
        )
    return str(Path(found).parent)


def _download_hint(spec: ModelSpec) -> str:
    if spec.local:
        return (
            f"download it there first, e.g. `hf download OWNER/MODEL --local-dir {spec.source}` "
            "(older huggingface_hub: `huggingface-cli download`), "
            "or snapshot_download(repo_id=..., local_dir=...)"
        )
    return (
        f"download it first with `hf download {spec.source}` (older huggingface_hub: "
        f"`huggingface-cli download {spec.source}`) or "
        f"snapshot_download(repo_id={spec.source!r}); nothing is downloaded at run time"
    )


def _max_length(tokenizer: Any, model_config: Any) -> int:
    # A tokenizer saved without a limit reports a huge sentinel; the model's position
    # embeddings are then the real limit, and a longer input would index past them.
    limit = int(tokenizer.model_max_length)
    positions = getattr(model_config, "max_position_embeddings", None)
    if isinstance(positions, int):
        if model_config.model_type in _POSITIONS_AFTER_PADDING:
            positions -= int(model_config.pad_token_id or 0) + 1
        limit = min(limit, positions)
    return limit


def _version(config: ModelConfig, base: TextAnalyzer) -> str:
    # Everything that changes which labels come out, and nothing that only changes speed
    # (batch size, device), so re-analysis happens exactly when answers may differ.
    payload = {
        "base": [base.name, base.version],
        "labels": {
            label: {
                "source": spec.source,
                "local": spec.local,
                "outputs": sorted(spec.outputs),
                "threshold": spec.threshold,
                "languages": sorted(spec.languages) if spec.languages is not None else None,
            }
            for label, spec in sorted(config.labels.items())
        },
    }
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()
    return digest[:16]
