"""dupguard: find duplicate customers across scripts, and settle sales collisions (撞单).

Two jobs, two packages:

* :mod:`dupguard.normalize` turns raw names, company names, emails, phones and websites into
  canonical keys; :mod:`dupguard.index` blocks, scores and clusters records on those keys.
* :mod:`dupguard.attribution` turns an evidence timeline into an ownership decision or an exact
  commission split.

``import dupguard`` is light: no pandas, Spark or hypothesis is imported until a function that
needs one is called.

Examples:
    >>> import dupguard
    >>> from dupguard.normalize import text
    >>> text.canonical("ＨＵＡＷＥＩ")
    'huawei'
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
