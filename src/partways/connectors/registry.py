"""The connectors partways ships, by service name.

Each service is a sub-package of :mod:`partways.connectors` that exports
``CONNECTOR``, its :class:`~partways.connectors.base.Connector` class; it is imported
only when asked for, so ``partways --help`` does not load an HTTP client.
"""

from __future__ import annotations

import importlib

from partways.core.phrase import say

from .base import Connector, SyncFailed

# Service name → module. The order is the order `partways connect --help` lists them.
SERVICES: dict[str, str] = {
    "toggl": "partways.connectors.toggl",
    "harvest": "partways.connectors.harvest",
    "clockify": "partways.connectors.clockify",
    "stripe": "partways.connectors.stripe",
    "invoiceninja": "partways.connectors.invoiceninja",
}


def connector_class(service: str) -> type[Connector]:
    """The connector of ``service``; an unknown name is a :class:`SyncFailed` listing
    the known ones."""
    module = SERVICES.get(service.strip().lower())
    if module is None:
        raise SyncFailed(
            say(
                "sync.unknown_service",
                "there is no connector for {service}; the services are: {services}.",
                service=repr(service),
                services=", ".join(SERVICES),
            )
        )
    cls: type[Connector] = importlib.import_module(module).CONNECTOR
    return cls
