"""The real ``partways serve`` answers an upload over the limit with its page, never a reset.

The server runs as a subprocess on loopback with ``upload.max_bytes`` set to 200 KiB
through its environment variable; the uploads are streamed over raw HTTP, declared
(Content-Length) or not (chunked), by the upload benchmark's client.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from partways.bench.uploads import Upload, Uploader, _free_port, csv_rows, serve
from tests.cli.conftest import CLI, cli  # noqa: F401  (the fixture, re-exported)

LIMIT = 200 * 1024  # shown as "200.0 KB"


@pytest.fixture(scope="module")
def uploader(cli: CLI) -> Iterator[Uploader]:  # noqa: F811
    port = _free_port()
    proc = serve({**cli.env, "PARTWAYS_LIMIT_UPLOAD_MAX_BYTES": str(LIMIT)}, port)
    try:
        client = Uploader(port, timeout=60)
        client.log_in()
        yield client
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _refused(outcome) -> None:  # type: ignore[no-untyped-def]
    assert not outcome.error, f"the connection failed instead of answering: {outcome.error}"
    assert outcome.status == 413, outcome.text[:1000]
    assert "This upload is too large" in outcome.text
    assert "this installation accepts at most 200.0 KB at once" in outcome.text.replace("\xa0", " ")


@pytest.mark.parametrize("size", [LIMIT + 100_000, 30 * LIMIT], ids=["just over", "far over"])
def test_an_upload_declared_over_the_limit_gets_the_refusal_page(uploader, size):
    _refused(uploader.upload(csv_rows(size)))


def test_an_upload_that_does_not_declare_its_size_gets_the_refusal_page(uploader):
    _refused(uploader.upload(csv_rows(5 * LIMIT), chunked=True))


def test_an_upload_under_the_limit_is_imported(uploader):
    outcome = uploader.upload(csv_rows(LIMIT - 1_000), wait=60)
    assert not outcome.error and outcome.status == 302, outcome.text[:1000]
    assert "time entries:" in outcome.text, outcome.text[:2000]


def test_an_upload_of_many_small_parts_is_counted_whole(uploader):
    # Sent in chunks of 1 kB, none near the limit: it is the total that counts.
    pieces = [b"x" * 1000] * (2 * LIMIT // 1000)
    item = Upload("small parts", "notes.txt", sum(map(len, pieces)), pieces, "refused")
    _refused(uploader.upload(item, chunked=True))
