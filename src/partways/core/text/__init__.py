"""Reading client messages: language, labels and the spans that are their evidence."""

from __future__ import annotations

from .model import LABELS, Analysis, Span, TextAnalyzer

__all__ = ["LABELS", "Analysis", "Span", "TextAnalyzer"]
