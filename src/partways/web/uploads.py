"""Uploads: written to disk as they arrive, counted, and refused past ``upload.max_bytes``.

Django writes every uploaded file to a temporary file (``FILE_UPLOAD_HANDLERS`` in the
settings names :class:`CountingUploadHandler` and Django's temporary-file handler, and
no handler that keeps files in memory), so the server's memory does not grow with an
upload. Two guards hold the size limit:

- :class:`UploadLimitMiddleware` refuses a request that declares (Content-Length) a
  body larger than the limit, before anything parses it. It runs before the CSRF check,
  which would otherwise parse the whole body to find the token.
- :class:`CountingUploadHandler` counts the files' bytes as they are parsed and stops
  past the limit, for a body whose size was not declared or was declared wrongly.

Either way what is left of the body is read and thrown away, so the browser gets the
refusal page rather than a reset connection, and the files already written are removed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partways.core.limits import limit

# Room for the form's other fields and the multipart framing around the files: the
# limit is on the files, which the counting handler measures exactly.
FORM_ALLOWANCE = 64 * 1024
# A refused body is read to its end (from the server's buffer, or the network) only up
# to this many times the limit; past that the connection is simply closed.
DRAIN_FACTOR = 4
_REFUSED = "partways.upload_refused"  # request.META key: the bytes counted when stopped
_CHUNK = 256 * 1024


def declared_size(request: HttpRequest) -> int | None:
    """The body size the request declares; None when it declares none (or nonsense)."""
    raw = request.META.get("CONTENT_LENGTH") or ""
    try:
        size = int(raw)
    except ValueError:
        return None
    return size if size >= 0 else None


def refused(request: HttpRequest) -> bool:
    """Whether :class:`CountingUploadHandler` stopped this request's upload."""
    return _REFUSED in request.META


def refusal(request: HttpRequest, size: int | None = None) -> HttpResponse:
    """The page that says the upload is too large (HTTP 413): how large, and the limit.

    ``size`` is the upload's size when it is known; otherwise the page says it is more
    than the limit.
    """
    context = {"size": size, "most": limit("upload.max_bytes")}
    return render(request, "partways/imports/too_large.html", context, status=413)


def _drain(request: HttpRequest, size: int) -> None:
    """Read and drop the body, so the client can read the answer (a server that closes
    a socket with unread data resets it); at most DRAIN_FACTOR times the limit."""
    if size > DRAIN_FACTOR * limit("upload.max_bytes"):
        return
    try:
        while request.read(_CHUNK):
            pass
    except OSError:  # the client gave up: nobody is left to answer
        return


class UploadLimitMiddleware:
    """Refuse, before it is parsed, a body declared larger than ``upload.max_bytes``.

    Installed after the authentication middleware, so the page knows its reader; every
    middleware's request phase runs before the CSRF check reads the body.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        size = declared_size(request)
        if size is not None and size > limit("upload.max_bytes") + FORM_ALLOWANCE:
            _drain(request, size)
            return refusal(request, size)
        return self.get_response(request)


class CountingUploadHandler(FileUploadHandler):
    """Counts the bytes of all the files of one request; stops the upload past the limit.

    First in ``FILE_UPLOAD_HANDLERS``: it passes every chunk on to the handler that
    writes it to disk. When it stops the upload, Django removes the files written so far
    and reads the rest of the body without keeping it; the view then shows
    :func:`refusal` (see :func:`refused`).
    """

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],  # noqa: N803 (Django's name)
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        self.most = limit("upload.max_bytes")
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.most:
            assert self.request is not None
            self.request.META[_REFUSED] = self.received
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
