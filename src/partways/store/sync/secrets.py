"""Connection credentials, encrypted at rest.

The credentials are a small JSON object encrypted with Fernet (AES-128-CBC with an
HMAC-SHA256, from PyCA's ``cryptography``). The key is derived (HKDF-SHA256) from
``PARTWAYS_SECRET_KEY`` when it is set, else from the random key kept in the data
folder (``partways.paths.local_secret_key``), the one ``partways serve`` uses: so the
CLI, the web and the worker on one machine read the same credentials. Keys retired
with a rotation go in ``PARTWAYS_OLD_SECRET_KEYS`` (space-separated): credentials
encrypted with them still open, and are encrypted again with the new key when next
saved.
"""

from __future__ import annotations

import base64
import json
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from partways.connectors import SyncFailed
from partways.core.phrase import say
from partways.paths import local_secret_key

SECRET_ENV = "PARTWAYS_SECRET_KEY"
OLD_SECRETS_ENV = "PARTWAYS_OLD_SECRET_KEYS"
_PURPOSE = b"partways connection credentials"


def _fernet(secret: str) -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_PURPOSE).derive(
        secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def _keys() -> MultiFernet:
    current = os.environ.get(SECRET_ENV, "").strip() or local_secret_key()
    old = os.environ.get(OLD_SECRETS_ENV, "").split()
    return MultiFernet([_fernet(current), *(_fernet(k) for k in old)])


def seal(credentials: dict[str, str]) -> str:
    """The credentials, encrypted with the current key."""
    return _keys().encrypt(json.dumps(credentials, sort_keys=True).encode()).decode("ascii")


def unseal(sealed: str) -> dict[str, str]:
    """The credentials back; a key that cannot open them is a :class:`SyncFailed`."""
    try:
        opened = _keys().decrypt(sealed.encode("ascii"))
    except (InvalidToken, ValueError) as exc:
        raise SyncFailed(
            say(
                "sync.cannot_decrypt",
                "the stored credentials cannot be opened with this secret key (was "
                "PARTWAYS_SECRET_KEY changed?). Put the old key in PARTWAYS_OLD_SECRET_KEYS, "
                "or run partways connect again.",
            )
        ) from exc
    values = json.loads(opened)
    return {str(k): str(v) for k, v in values.items()}
