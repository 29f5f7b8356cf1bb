"""Normalizers: raw CRM values in, canonical match keys out.

One module per kind of value, each with the same verbs:

* ``parse(raw, /, *, ...)`` → a frozen result with everything learnt about the value;
* ``canonical(raw, /, *, ...)`` → the match key (raises the module's typed error);
* ``is_valid(raw)`` → ``bool`` (never raises).

Modules: :mod:`~dupguard.normalize.text` (shared folding), :mod:`~dupguard.normalize.email`,
:mod:`~dupguard.normalize.phone`, :mod:`~dupguard.normalize.company`,
:mod:`~dupguard.normalize.person`, :mod:`~dupguard.normalize.domain`, and
:mod:`~dupguard.normalize.country` (names in any language → ISO 3166 codes).
This package imports nothing of dupguard but :mod:`dupguard.errors`.

Examples:
    >>> from dupguard.normalize import text
    >>> text.canonical("ＡＣＭＥ")
    'acme'
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dupguard.normalize import company, country, domain, email, person, phone, text

__all__ = ["company", "country", "domain", "email", "person", "phone", "text"]


def __getattr__(name: str) -> ModuleType:
    # Submodules load on first use: phonenumbers, email-validator and the lexicons are not free.
    if name in __all__:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
