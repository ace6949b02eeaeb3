"""Words the services say to a person, in Chinese and English, without Qt.

A :class:`Text` is one message of the catalog: a stable key, the English and the
Chinese wording, and named ``{placeholders}``. Services raise errors with a Text
and its parameters (see ``errors.py``); the window shows ``error.text("zh")`` in a
Chinese interface, the CLI prints it in the language of ``--lang`` or the system,
and ``str(error)`` stays English for logs and for callers that only want a string.

Each Text is declared in the module that uses it, next to the code that raises
it, and registers itself here by key, so ``tests/services/test_messages.py`` can
check that every message has both languages and the same placeholders in each.
"""

from __future__ import annotations

import enum
import locale
import os
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["zh", "en"]
LANGUAGES: tuple[Lang, ...] = ("zh", "en")

_CATALOG: dict[str, Text] = {}


def normalize_language(lang: str | None) -> Lang:
    """``zh``, ``zh_CN``, ``zh-Hans``, ``Chinese (Simplified)_China`` -> ``zh``; else ``en``."""
    if lang and (lang.lower().startswith("zh") or lang.lower().startswith("chinese")):
        return "zh"
    return "en"


def system_language() -> Lang:
    """The language the system asks for: Chinese when its locale is Chinese, else English.

    A bare ``C``/``POSIX`` locale (a server, a container) reads as English.
    """
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return normalize_language(value)
    try:
        name = locale.getlocale()[0]
    except ValueError:  # an unparsable locale name: say it in English
        name = None
    return normalize_language(name)


def placeholders(template: str) -> frozenset[str]:
    return frozenset(
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    )


@dataclass(frozen=True, slots=True)
class Text:
    """One message in both languages. Declare it once, at module level."""

    key: str
    en: str
    zh: str

    def __post_init__(self) -> None:
        known = _CATALOG.get(self.key)
        if known is not None and known != self:
            raise ValueError(f"two messages share the key {self.key!r}")
        _CATALOG[self.key] = self

    def template(self, lang: str | None) -> str:
        return self.zh if normalize_language(lang) == "zh" else self.en

    def render(self, lang: str | None = None, /, **params: object) -> str:
        """The wording in ``lang`` (English when None) with ``params`` filled in."""
        return self.template(lang).format_map(_Params(params, lang))

    def bind(self, **params: object) -> Message:
        return Message(self, params)

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True, slots=True)
class Message:
    """A Text with its parameters: what an error carries until someone reads it."""

    text: Text
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.text.key

    def render(self, lang: str | None = None) -> str:
        return self.text.render(lang, **self.params)

    def __str__(self) -> str:
        return self.render("en")


class _Params(dict[str, object]):
    """Parameters as ``format_map`` sees them: Texts, Messages and labelled enums are
    rendered in the same language; lists are joined the way the language joins them."""

    def __init__(self, params: Mapping[str, object], lang: str | None) -> None:
        super().__init__(params)
        self.lang = lang

    def __getitem__(self, name: str) -> object:
        return localize(super().__getitem__(name), self.lang)

    def __missing__(self, name: str) -> str:
        return "{" + name + "}"  # a missing parameter shows, rather than hiding the message


def localize(value: object, lang: str | None) -> object:
    """``value`` ready to show in ``lang``: Texts and Messages rendered, enums with a
    registered label named, lists joined; anything else unchanged."""
    if isinstance(value, Text | Message):
        return value.render(lang)
    if isinstance(value, enum.Enum):
        label = _CATALOG.get(label_key(value))
        return label.render(lang) if label is not None else value.value
    if isinstance(value, list | tuple | frozenset | set):
        sep = "、" if normalize_language(lang) == "zh" else ", "
        return sep.join(str(localize(v, lang)) for v in value)
    return value


def label_key(value: enum.Enum) -> str:
    """The catalog key of an enum member's label: ``label.<EnumName>.<value>``."""
    return f"label.{type(value).__name__}.{value.value}"


def labels(enum_type: type[enum.Enum], **wordings: tuple[str, str]) -> dict[enum.Enum, Text]:
    """Declare the (English, Chinese) names of an enum's members, so a member passed as
    a parameter reads as a word in either language."""
    out: dict[enum.Enum, Text] = {}
    for member in enum_type:
        en, zh = wordings[member.name]
        out[member] = Text(label_key(member), en=en, zh=zh)
    return out


def catalog() -> Mapping[str, Text]:
    """Every Text declared so far (import the modules that declare them first)."""
    return dict(_CATALOG)


#: Where Texts are declared: the services, and the command line's own lines.
DECLARED_IN = ("inspector_app.services", "inspector_app.cli")


def load_all(packages: Iterable[str] = DECLARED_IN) -> Mapping[str, Text]:
    """Import ``packages`` (and every module of those that are packages) so that all
    their Texts are registered."""
    import importlib
    import pkgutil

    for name in packages:
        package = importlib.import_module(name)
        for info in pkgutil.walk_packages(getattr(package, "__path__", []), prefix=f"{name}."):
            importlib.import_module(info.name)
    return catalog()


__all__ = [
    "LANGUAGES",
    "Lang",
    "Message",
    "Text",
    "catalog",
    "label_key",
    "labels",
    "load_all",
    "localize",
    "normalize_language",
    "placeholders",
    "system_language",
]
