"""In Chromium, files over the upload limit are refused on the page, before any is sent.

The server runs with ``upload.max_bytes`` at 100 KiB (its environment variable); the
page reads the limit from the form and says so as soon as the files are chosen.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import OWNER, Server, log_in, serving
from tests.cli.conftest import CLI, cli  # noqa: F401  (the fixture, re-exported)

LIMIT = 100 * 1024


@pytest.fixture(scope="module")
def server(cli: CLI) -> Iterator[Server]:  # noqa: F811  (this module's own server)
    with serving(cli, PARTWAYS_LIMIT_UPLOAD_MAX_BYTES=str(LIMIT)) as server:
        yield server


def test_files_over_the_limit_are_refused_before_they_are_sent(page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, OWNER[0], OWNER[1])
    page.goto("/import/")
    posted: list[str] = []
    page.on("request", lambda r: posted.append(r.url) if r.method == "POST" else None)
    note = page.locator("#upload-too-large")
    assert not note.is_visible()

    big = {"name": "report.csv", "mimeType": "text/csv", "buffer": b"x" * (LIMIT // 2 + 1)}
    page.set_input_files("#id_uploads", files=[big, {**big, "name": "other.csv"}])
    assert note.is_visible()
    assert "more than 100.0" in note.inner_text()
    page.get_by_role("button", name="Import").click()
    assert page.url.endswith("/import/") and posted == []

    small = {"name": "report.csv", "mimeType": "text/csv", "buffer": b"x" * 1000}
    page.set_input_files("#id_uploads", files=[small])
    assert not note.is_visible()
