"""Live sync: read a service's API instead of its exported files.

A connector (one sub-package per service, see :mod:`.registry`) asks the service what
changed since the last cursor and hands back the same :class:`~partways.importers.Records`
a CSV importer of that service's export gives, so the store writes them through the
same pipeline: same keys, same matching, all or nothing. Like the importers,
connectors never touch the database; ``partways.store.sync`` does.
"""

from .base import Connector, CredentialField, Fetched, SyncFailed

__all__ = ["Connector", "CredentialField", "Fetched", "SyncFailed"]
