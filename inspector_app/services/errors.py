"""Errors a user can cause; each message says what happened and what to do next."""

from __future__ import annotations


class ServiceError(Exception):
    """A refusal the UI shows as it is (the message is the whole explanation)."""

    @property
    def message(self) -> str:
        return str(self)


class NotFound(ServiceError):
    """The task, item or record named does not exist in this profile."""


class InvalidState(ServiceError):
    """The action does not fit where the task is in its lifecycle."""


class InvalidInput(ServiceError):
    """A value the user gave cannot be accepted."""


class ProfileUnavailable(ServiceError):
    """The profile's database cannot be opened (too new, corrupt, foreign, in use)."""
