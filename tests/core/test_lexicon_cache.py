"""The shipped lexicons are parsed once per version and read back from a cache."""

from pathlib import Path

from partways.core.text.lexicon import builtin_lexicon, load_lexicon
from partways.core.text.lexicon_cache import cached_lexicon, to_plain

LEXICON = """language: hr
negators: [ne, nije]
spellings: {nes: nesto}
labels:
  demand:
    - do # sati @0.6
    - odmah ... gotovo
  negative: [razočaran*, ^svejedno]
"""


def test_a_cached_lexicon_is_the_parsed_one(tmp_path):
    source = tmp_path / "hr.yaml"
    source.write_text(LEXICON, encoding="utf-8")
    first = cached_lexicon(source, tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("hr-*.json"))) == 1
    again = cached_lexicon(source, tmp_path / "cache")
    assert to_plain(first) == to_plain(again) == to_plain(load_lexicon(source))
    assert again.entries == first.entries


def test_an_edited_lexicon_is_read_again_and_its_old_copy_dropped(tmp_path):
    source = tmp_path / "hr.yaml"
    source.write_text(LEXICON, encoding="utf-8")
    cached_lexicon(source, tmp_path / "cache")
    source.write_text(LEXICON + "  abuse: [glup*]\n", encoding="utf-8")
    edited = cached_lexicon(source, tmp_path / "cache")
    assert any(e.label == "abuse" for e in edited.entries)
    assert len(list((tmp_path / "cache").glob("hr-*.json"))) == 1


def test_a_damaged_or_unwritable_cache_only_costs_time(tmp_path):
    source = tmp_path / "hr.yaml"
    source.write_text(LEXICON, encoding="utf-8")
    cached_lexicon(source, tmp_path / "cache")
    [stored] = (tmp_path / "cache").glob("hr-*.json")
    stored.write_text('{"language": "hr", "entr', encoding="utf-8")
    assert to_plain(cached_lexicon(source, tmp_path / "cache")) == to_plain(load_lexicon(source))
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert cached_lexicon(source, blocked / "cache").language == "hr"


def test_the_shipped_lexicons_read_the_same_from_the_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = builtin_lexicon("id")
    assert list(Path(tmp_path).rglob("id-*.json"))
    assert to_plain(builtin_lexicon("id")) == to_plain(fresh)
