"""Errors a user can cause; each message says what happened and what to do next.

How to raise one (the pattern every service follows)
----------------------------------------------------

Declare the message once, at module level in the module that raises it, as a
:class:`~inspector_app.services.messages.Text` with a dotted key, the English and
the Chinese wording, and named placeholders; raise the error with the Text and
the values of its placeholders::

    from inspector_app.services.messages import Text

    ALREADY_VOID = Text(
        "numbers.already_void",
        en="Number {seq} is already void.",
        zh="编号 {seq} 已作废。",
    )
    ...
    raise InvalidState(ALREADY_VOID, seq=seq)

- ``str(error)`` is the English wording (logs, tests, callers that want a string).
- ``error.text("zh")`` / ``error.text("en")`` is the wording in that language: the
  window calls it with the interface's language (``ui.i18n.error_text``), the CLI
  with ``--lang`` or the system's.
- A parameter may itself be a Text, a Message, a list (joined as the language
  joins lists) or an enum whose labels were declared with ``messages.labels``.
- Free text, ``raise InvalidState("...")``, still works and is shown as it is in
  both languages; ``tests/services/test_messages.py`` lists such raises in
  ``services`` as untranslated, so convert them before merging.
- Text a user typed, names, ids and details from lower layers (a server's answer,
  an OS error) go in as parameters, never into the template.
"""

from __future__ import annotations

from inspector_app.services.messages import Message, Text


class ServiceError(Exception):
    """A refusal the UI shows as it is (the message is the whole explanation)."""

    def __init__(self, message: str | Text | Message = "", /, **params: object) -> None:
        if isinstance(message, Text):
            message = message.bind(**params)
        elif params:
            raise TypeError("parameters need a Text message")
        self.localized: Message | None = message if isinstance(message, Message) else None
        super().__init__(str(message))

    @property
    def message(self) -> str:
        return str(self)

    @property
    def key(self) -> str | None:
        """The catalog key of the message, None for free text."""
        return None if self.localized is None else self.localized.key

    def text(self, lang: str | None) -> str:
        """The message in ``lang`` (``zh``/``zh_CN`` or ``en``); free text as it is."""
        return str(self) if self.localized is None else self.localized.render(lang)


class NotFound(ServiceError):
    """The task, item or record named does not exist in this profile."""


class InvalidState(ServiceError):
    """The action does not fit where the task is in its lifecycle."""


class InvalidInput(ServiceError):
    """A value the user gave cannot be accepted."""


class ProfileUnavailable(ServiceError):
    """The profile's database cannot be opened (too new, corrupt, foreign, in use)."""


def error_text(exc: BaseException, lang: str | None) -> str:
    """What to show a person for ``exc``: a service error in ``lang``, anything else as is."""
    if isinstance(exc, ServiceError):
        return exc.text(lang)
    return str(exc)
