"""Normalizers: raw CRM values in, canonical match keys out.

One module per kind of value, each with the same verbs:

* ``parse(raw, /, *, ...)`` → a frozen result with everything learnt about the value;
* ``canonical(raw, /, *, ...)`` → the match key (raises the module's typed error);
* ``is_valid(raw)`` → ``bool`` (never raises).

Modules: :mod:`~dupguard.normalize.text` (shared folding), :mod:`~dupguard.normalize.email`,
:mod:`~dupguard.normalize.phone`, :mod:`~dupguard.normalize.company`,
:mod:`~dupguard.normalize.person`, :mod:`~dupguard.normalize.domain`.
This package imports nothing of dupguard but :mod:`dupguard.errors`.

Examples:
    >>> from dupguard.normalize import text
    >>> text.canonical("ＡＣＭＥ")
    'acme'
"""

from __future__ import annotations

__all__: list[str] = []
