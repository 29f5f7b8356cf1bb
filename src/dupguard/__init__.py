"""dupguard: find duplicate customers across scripts, and settle sales collisions (撞单).

Two jobs, two packages:

* :mod:`dupguard.normalize` turns raw names, company names, emails, phones and websites into
  canonical keys; :mod:`dupguard.index` blocks, scores and clusters records on those keys
  (:class:`Schema`, :class:`Index`, :class:`Model`, :func:`dedupe`, :func:`link`, :func:`pairs`,
  :func:`prepare`, re-exported here).
* :mod:`dupguard.attribution` turns an evidence timeline into an ownership decision or an exact
  commission split.

``import dupguard`` is light: the engine (numpy, rapidfuzz) loads on first use of one of its
names, and pandas only when a function that returns a DataFrame is called.

Examples:
    >>> import dupguard
    >>> ix = dupguard.Index()
    >>> ix.add({"id": "c1", "company": "深圳市华为技术有限公司", "email": "John.Doe+x@GoogleMail.com"})
    >>> [c.id for c in ix.candidates({"company": "HUAWEI TECHNOLOGIES CO., LTD.",
    ...                                "email": "johndoe@gmail.com"})]
    ['c1']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dupguard.index import (
        Candidate,
        Index,
        Model,
        Prepared,
        Schema,
        dedupe,
        link,
        pairs,
        prepare,
    )

__all__ = [
    "Candidate",
    "Index",
    "Model",
    "Prepared",
    "Schema",
    "__version__",
    "dedupe",
    "link",
    "pairs",
    "prepare",
]

_LAZY = frozenset(
    {"Candidate", "Index", "Model", "Prepared", "Schema", "dedupe", "link", "pairs", "prepare"}
)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from dupguard import index

        return getattr(index, name)
    raise AttributeError(f"module 'dupguard' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY)
