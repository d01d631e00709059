"""Tier 1 runs Hugging Face classifiers from disk over a base analyzer, and never downloads.

A tiny randomly initialised BERT classifier is built and saved in a temporary folder, so
these tests exercise the real transformers pipeline with no model fetched from anywhere.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml

from partways.core.text.lexicon_analyzer import LexiconAnalyzer
from partways.core.text.transformers_analyzer import (
    ModelConfig,
    ModelConfigError,
    ModelsExtraMissing,
    ModelSpec,
    TransformersAnalyzer,
    load_model_config,
)

WORDS = [
    *("you", "idiot", "this", "is", "terrible", "please", "send", "the", "file", "by"),
    *("tomorrow", "bodoh", "kami", "tidak", "invoice", "amateur", "hvala", "je"),
]
# Mixed lengths, and one text far past the model's 32 positions (it must be truncated).
TEXTS = [
    "you idiot",
    "this is terrible",
    "please send the file by tomorrow",
    "kami tidak",
    "bodoh",
    "",
    " ".join(WORDS * 3),
    "idiot idiot idiot idiot the file is terrible",
]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1-layer BERT classifier with outputs NEUTRAL and OFFENSIVE, saved to disk."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    folder = tmp_path_factory.mktemp("tiny-classifier")
    vocab = folder / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *sorted(set(WORDS))]))
    tokenizer = BertTokenizer(str(vocab))
    # A wide initialisation (0.5, not BERT's 0.02) makes the random model's scores
    # differ from text to text, so a text given another's score would show.
    torch.manual_seed(25)  # scores from 0.09 to 0.94, at least 0.03 apart
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=32,
        initializer_range=0.5,
        num_labels=2,
        id2label={0: "NEUTRAL", 1: "OFFENSIVE"},
        label2id={"NEUTRAL": 0, "OFFENSIVE": 1},
    )
    BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Fail the test if anything so much as tries to open a connection."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object, *args: object) -> None:
        attempts.append(address)
        raise OSError(f"the test refuses network access (to {address!r})")

    def refuse_lookup(host: object, *args: object, **kwargs: object) -> Any:
        attempts.append(host)
        raise OSError(f"the test refuses network access (looking up {host!r})")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    # Where no network exists, a client fails at the name lookup, before any connect.
    monkeypatch.setattr(socket, "getaddrinfo", refuse_lookup)
    # The analyzer must go offline by itself; monkeypatch puts the variables back after.
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    yield
    assert attempts == [], f"network access attempted: {attempts}"


def write_config(folder: Path, labels: dict[str, Any], **top: Any) -> Path:
    path = folder / "models.yaml"
    path.write_text(yaml.safe_dump({**top, "labels": labels}), encoding="utf-8")
    return path


def abuse_model(model_dir: Path, threshold: float, **extra: Any) -> dict[str, Any]:
    return {"path": str(model_dir), "outputs": ["OFFENSIVE"], "threshold": threshold, **extra}


def make(tmp_path: Path, labels: dict[str, Any], **top: Any) -> TransformersAnalyzer:
    config = load_model_config(write_config(tmp_path, labels, **top))
    return TransformersAnalyzer(config, base=LexiconAnalyzer())


def test_batched_scores_match_one_at_a_time_in_the_original_order(
    tmp_path: Path, model_dir: Path
) -> None:
    import torch

    analyzer = make(tmp_path, {"abuse": abuse_model(model_dir, 0.0)}, batch_size=3)
    batched = [a.labels["abuse"] for a in analyzer.analyze(TEXTS)]
    alone = [analyzer.analyze([t])[0].labels["abuse"] for t in TEXTS]
    # fp16 on a GPU moves scores by about 1e-3; fp32 on the CPU by far less.
    tolerance = 3e-3 if torch.cuda.is_available() else 1e-4
    ranked = sorted(alone)
    assert min(b - a for a, b in pairwise(ranked)) > 2 * tolerance, (
        "the tiny model's scores must differ between texts for this test to see a mix-up"
    )
    assert batched == pytest.approx(alone, abs=tolerance)


def test_threshold_zero_labels_every_text_and_above_every_score_labels_none(
    tmp_path: Path, model_dir: Path
) -> None:
    everything = make(tmp_path, {"abuse": abuse_model(model_dir, 0.0)}).analyze(TEXTS)
    assert all(0 < a.labels["abuse"] <= 1 for a in everything)
    nothing = make(tmp_path, {"abuse": abuse_model(model_dir, 1.0)}).analyze(TEXTS)
    # The base finds "idiot" in the first text; the model's say overrides it.
    assert all("abuse" not in a.labels for a in nothing)
    assert all(s.label != "abuse" for a in nothing for s in a.spans)


def test_a_model_label_keeps_the_base_spans_and_other_labels_come_from_the_base(
    tmp_path: Path, model_dir: Path
) -> None:
    text = "you idiot, this is terrible"
    with_base = make(tmp_path, {"abuse": abuse_model(model_dir, 0.0)}).analyze([text, "hello"])
    (found, plain), base = with_base, LexiconAnalyzer().analyze([text, "hello"])
    assert found.spans_of("abuse") == base[0].spans_of("abuse") == [(4, 9)]
    assert found.labels["abuse"] < 1.0, "the score is the model's, not the base's"
    assert found.labels["negative"] == base[0].labels["negative"]
    assert found.spans_of("negative") == base[0].spans_of("negative")
    # The base found no abuse here: the model's label stands on the whole message.
    assert "abuse" in plain.labels and plain.spans == ()


def test_language_comes_from_the_base_and_limits_which_texts_a_model_reads(
    tmp_path: Path, model_dir: Path
) -> None:
    texts = ["you idiot, please", "dasar bodoh, kami tidak mau", "غبي"]
    analyzer = make(tmp_path, {"abuse": abuse_model(model_dir, 1.0, languages=["EN"])})
    english, indonesian, arabic = analyzer.analyze(texts)
    assert [a.language for a in (english, indonesian, arabic)] == [
        a.language for a in LexiconAnalyzer().analyze(texts)
    ]
    assert (english.language, indonesian.language, arabic.language) == ("en", "id", "ar")
    assert "abuse" not in english.labels, "the English model rejected it"
    # Outside the model's languages the base's label and spans stand.
    assert indonesian.labels["abuse"] == 1.0 and indonesian.spans_of("abuse")
    assert arabic.labels["abuse"] == 1.0


def test_labels_sharing_one_softmax_model_split_its_probability(
    tmp_path: Path, model_dir: Path
) -> None:
    labels = {
        "abuse": abuse_model(model_dir, 0.0),
        "disrespect": {"path": str(model_dir), "outputs": "NEUTRAL", "threshold": 0.0},
    }
    for analysis in make(tmp_path, labels).analyze(TEXTS):
        total = analysis.labels["abuse"] + analysis.labels["disrespect"]
        assert total == pytest.approx(1.0, abs=1e-3)


def test_the_version_changes_exactly_when_the_answers_may(tmp_path: Path, model_dir: Path) -> None:
    def version(labels: dict[str, Any], base: Any = None, **top: Any) -> str:
        config = load_model_config(write_config(tmp_path, labels, **top))
        return TransformersAnalyzer(config, base=base or LexiconAnalyzer()).version

    first = version({"abuse": abuse_model(model_dir, 0.5)})
    assert TransformersAnalyzer.name == "models"
    assert version({"abuse": abuse_model(model_dir, 0.5)}) == first
    assert version({"abuse": abuse_model(model_dir, 0.5)}, batch_size=7) == first
    assert version({"abuse": abuse_model(model_dir, 0.6)}) != first
    assert version({"abuse": abuse_model(tmp_path / "elsewhere", 0.5)}) != first
    assert version({"abuse": abuse_model(model_dir, 0.5, languages=["en"])}) != first
    assert version({"negative": abuse_model(model_dir, 0.5)}) != first
    newer_base = LexiconAnalyzer()
    newer_base.version = "0.2"
    assert version({"abuse": abuse_model(model_dir, 0.5)}, base=newer_base) != first


def test_loading_sets_the_hub_offline_and_an_empty_list_needs_no_model(
    tmp_path: Path, model_dir: Path
) -> None:
    import os

    analyzer = make(tmp_path, {"abuse": abuse_model(model_dir, 0.5)})
    assert analyzer.analyze([]) == []
    analyzer.load()
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_relative_paths_are_read_from_the_config_files_folder(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        {"negative": {"path": "models/sentiment", "outputs": "negative", "threshold": 0.7}},
    )
    spec = load_model_config(path).labels["negative"]
    assert spec.source == str((tmp_path / "models" / "sentiment").resolve()) and spec.local
    assert spec.outputs == frozenset({"negative"}) and spec.languages is None


GOOD = {"id": "owner/model", "outputs": ["OFFENSIVE"], "threshold": 0.5}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("labels: [abuse]", "labels: expected a mapping from one or more of abuse"),
        ("{labels: {abuse: {id: a/b, outputs: [X], threshold: 0.5}}, batch: 3}", "batch:"),
        (
            yaml.safe_dump({"labels": {"rudeness": GOOD}}),
            "labels.rudeness: expected a label among abuse, disrespect",
        ),
        (
            yaml.safe_dump({"labels": {"abuse": {**GOOD, "threshold": "0,6"}}}),
            "labels.abuse.threshold: expected a number from 0 to 1, got '0,6'",
        ),
        (
            yaml.safe_dump({"labels": {"abuse": {**GOOD, "threshold": 50}}}),
            "labels.abuse.threshold: expected a number from 0 to 1, got 50",
        ),
        (
            yaml.safe_dump({"labels": {"abuse": {**GOOD, "treshold": 0.5}}}),
            "labels.abuse.treshold: expected only the keys path, id",
        ),
        (
            yaml.safe_dump({"labels": {"abuse": {**GOOD, "path": "/models/x"}}}),
            "labels.abuse: expected exactly one of 'path'",
        ),
        (
            yaml.safe_dump({"labels": {"abuse": {"outputs": ["X"], "threshold": 0.5}}}),
            "labels.abuse: expected exactly one of 'path'",
        ),
        (
            yaml.safe_dump({"labels": {"abuse": {**GOOD, "id": "./models/x"}}}),
            "labels.abuse.id: expected a Hub id",
        ),
        (
            yaml.safe_dump({"labels": {"abuse": {**GOOD, "outputs": []}}}),
            "labels.abuse.outputs: expected one or a list of the model's label names",
        ),
        (
            yaml.safe_dump({"labels": {"abuse": {**GOOD, "languages": "en"}}}),
            "labels.abuse.languages: expected a list of ISO 639-1 codes",
        ),
        (
            yaml.safe_dump({"batch_size": 0, "labels": {"abuse": GOOD}}),
            "batch_size: expected a whole number of at least 1, got 0",
        ),
        ("labels:\n  abuse: [unclosed\n", "line 3, column 1: not valid YAML"),
    ],
)
def test_config_errors_name_the_file_the_key_and_what_was_expected(
    tmp_path: Path, document: str, message: str
) -> None:
    path = tmp_path / "models.yaml"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(ModelConfigError) as caught:
        load_model_config(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_a_missing_config_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ModelConfigError, match="no such file"):
        load_model_config(tmp_path / "models.yaml")


def test_a_model_folder_that_is_not_there_says_how_to_download_it(tmp_path: Path) -> None:
    missing = tmp_path / "models" / "offensive"
    analyzer = make(tmp_path, {"abuse": abuse_model(missing, 0.5)})
    with pytest.raises(ModelConfigError) as caught:
        analyzer.analyze(["you idiot"])
    message = str(caught.value)
    assert f"labels.abuse.path: no model at {missing}" in message
    assert f"hf download OWNER/MODEL --local-dir {missing}" in message
    assert "snapshot_download" in message


@pytest.fixture
def hub_online(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty Hugging Face cache, and huggingface_hub imported as if before going offline.

    That is the worst case for a Hub id: huggingface_hub already believes it is online.
    """
    import huggingface_hub

    cache = tmp_path / "hf-cache"
    cache.mkdir()
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    return cache


def test_a_hub_id_is_read_from_the_cache_without_asking_the_hub(
    tmp_path: Path, model_dir: Path, hub_online: Path
) -> None:
    # The cache's layout, as `hf download partways-tests/tiny-classifier` leaves it.
    repo = hub_online / "models--partways-tests--tiny-classifier"
    shutil.copytree(model_dir, repo / "snapshots" / "0123abcd")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0123abcd")
    spec = {**GOOD, "id": "partways-tests/tiny-classifier", "threshold": 0.0}
    analyzer = make(tmp_path, {"abuse": spec})
    (analysis,) = analyzer.analyze(["you idiot"])
    assert 0 < analysis.labels["abuse"] <= 1


def test_a_hub_id_not_in_the_cache_is_not_downloaded(tmp_path: Path, hub_online: Path) -> None:
    analyzer = make(tmp_path, {"abuse": {**GOOD, "id": "partways-tests/no-such-model"}})
    with pytest.raises(ModelConfigError) as caught:
        analyzer.load()
    message = str(caught.value)
    assert (
        "labels.abuse.id: the model partways-tests/no-such-model is not in the Hugging Face "
        f"cache ({hub_online})"
    ) in message
    assert "hf download partways-tests/no-such-model" in message
    assert "huggingface-cli download partways-tests/no-such-model" in message


def test_outputs_the_model_does_not_have_are_named_with_the_ones_it_has(
    tmp_path: Path, model_dir: Path
) -> None:
    analyzer = make(
        tmp_path, {"abuse": {"path": str(model_dir), "outputs": ["TOXIC"], "threshold": 0.5}}
    )
    with pytest.raises(
        ModelConfigError, match="no output TOXIC; its outputs are NEUTRAL, OFFENSIVE"
    ):
        analyzer.load()


def test_without_the_models_extra_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, model_dir: Path
) -> None:
    monkeypatch.setitem(sys.modules, "transformers", None)
    config = ModelConfig(labels={"abuse": ModelSpec(str(model_dir), True, frozenset({"X"}), 0.5)})
    with pytest.raises(ModelsExtraMissing, match=r"pip install 'partways\[models\]'"):
        TransformersAnalyzer(config, base=LexiconAnalyzer()).analyze(["you idiot"])


def test_the_module_imports_without_torch_or_transformers() -> None:
    # A fresh interpreter, so the modules other tests imported do not count.
    code = (
        "import sys; sys.modules['torch'] = sys.modules['transformers'] = None; "
        "from partways.core.text.transformers_analyzer import TransformersAnalyzer; "
        "print(TransformersAnalyzer.name)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "models"
