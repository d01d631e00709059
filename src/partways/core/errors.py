"""The domain core's base error, in a module that imports nothing heavy: the command
line's help and the money formatting reach it without loading Polars."""

from __future__ import annotations


class DataError(ValueError):
    """The data handed to the engine cannot be used as it is (the message says why)."""
