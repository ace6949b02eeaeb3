"""Errors the store raises about the database file itself.

Their messages are shown to the user as they are, so each one says what happened
and what to do next.
"""

from __future__ import annotations


class StoreError(Exception):
    """Something is wrong with the local database or blob files."""


class DatabaseTooNew(StoreError):
    """The file was written by a newer app whose schema this version does not know."""


class DatabaseCorrupt(StoreError):
    """The file is not a readable SQLite database."""


class NotAnInspectorDatabase(StoreError):
    """The file is a SQLite database, but not one this app wrote."""


class BlobCorrupt(StoreError):
    """A blob file's content no longer matches its SHA-256 name."""
