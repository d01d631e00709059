"""``/api/v1/``: the API's routes and its OpenAPI document at ``/api/v1/openapi.json``."""

from __future__ import annotations

from ninja import NinjaAPI

from . import clients, data, work
from .auth import TokenAuth

api = NinjaAPI(
    title="partways",
    version="1",
    description=(
        "Clients, verdicts with their evidence, repair plans, offboarding cases, incident "
        "reports, records and imports. Authenticate with a team member's token "
        "(`partways token create EMAIL`): `Authorization: Bearer pw_…`. A token gets "
        "exactly what its member gets on the web."
    ),
    auth=TokenAuth(),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    # The interactive page loads its scripts from a CDN; partways serves nothing from one.
    docs_url=None,
)
api.add_router("", clients.router)
api.add_router("", work.router)
api.add_router("", data.router)
