"""The REST API under ``/api/v1/`` (Django Ninja), with its OpenAPI document.

Each request carries a team member's token (``Authorization: Bearer …``, made with
``partways token create``) and gets exactly what that member gets on the web: the
owner everything; a manager the clients assigned to them, with their figures,
messages, plans and cases; staff their own incident reports and nothing of any
client. Findings are returned as the core states them, codes with parameters
(``Phrase.to_json``), so an integration never parses a sentence.

Django Ninja over Django REST framework: it builds the OpenAPI document from the
type hints the endpoints already carry, validates with pydantic, and is a single
small dependency; DRF needs a second library for OpenAPI 3.
"""
