"""Field Inspector: offline-first client for joint market-supervision inspections."""

__version__ = "0.1.0"
