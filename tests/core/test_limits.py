"""The limits registry: defaults, environment overrides, and limits tightened in a context."""

from __future__ import annotations

import threading

import pytest

from partways.core.limits import LIMITS, LimitMisconfigured, limit, limit_name, tightened


def test_an_environment_variable_overrides_a_default(monkeypatch: pytest.MonkeyPatch) -> None:
    item = next(i for i in LIMITS if i.key == "archive.max_entries")
    assert limit(item.key) == item.default
    monkeypatch.setenv(item.env, "1_000")
    assert limit(item.key) == 1000
    for bad in ("0", "-5", "1e9", "nan", "lots", "²"):
        monkeypatch.setenv(item.env, bad)
        with pytest.raises(LimitMisconfigured):
            limit(item.key)


def test_a_tightened_limit_holds_in_its_block_and_thread_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = "archive.max_unpacked_bytes"
    seen_elsewhere: list[int] = []
    monkeypatch.setenv("PARTWAYS_LIMIT_UPLOAD_MAX_UNPACKED_BYTES", "1000")
    with tightened({key: "upload.max_unpacked_bytes"}):
        assert limit(key) == 1000
        assert limit_name(key) == "upload.max_unpacked_bytes"
        other = threading.Thread(target=lambda: seen_elsewhere.append(limit(key)))
        other.start()
        other.join()
        # Never loosened: an operator's lower value still wins, and is named.
        monkeypatch.setenv("PARTWAYS_LIMIT_ARCHIVE_MAX_UNPACKED_BYTES", "10")
        assert limit(key) == 10 and limit_name(key) == key
        monkeypatch.delenv("PARTWAYS_LIMIT_ARCHIVE_MAX_UNPACKED_BYTES")
    assert limit(key) > 1000
    assert seen_elsewhere == [limit(key)]
    with pytest.raises(KeyError), tightened({"no.such.limit": key}):
        pass
