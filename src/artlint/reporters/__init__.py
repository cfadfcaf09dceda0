"""Report formats, one module each, registered here by name."""

from artlint.reporters.base import Reporter, Summary
from artlint.reporters.json import JsonReporter
from artlint.reporters.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
}

__all__ = ["REPORTERS", "Reporter", "Summary"]
