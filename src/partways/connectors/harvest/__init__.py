"""Harvest: time entries, clients and projects, read from the API v2 (see README.md)."""

from .connector import HarvestConnector as CONNECTOR

__all__ = ["CONNECTOR"]
