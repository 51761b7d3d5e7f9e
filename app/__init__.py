"""Casenotes: offline note assistant for social care."""

__version__ = "0.1.0"
