"""How the web app's refusals are logged: one line, not a traceback.

A refusal (PermissionDenied: a role that may not open a page) is the app working as
designed; Django logs it as a warning with the exception's whole traceback, which
buries real errors in the server's log. The warning stays, on one line.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied


class RefusalsWithoutTraceback(logging.Filter):
    """Drop the traceback from records about a PermissionDenied; keep the line itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        info = record.exc_info
        if info and isinstance(info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
