"""Helpers the system adapters share: schema columns by kind, ids, versions, clustering.

Examples:
    >>> from benchmarks.systems._common import columns_of
    >>> columns_of({"a": "name", "b": "date", "c": "name"}, "name")
    ['a', 'c']
"""

from __future__ import annotations

from importlib import metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["columns_of", "frames", "package_versions"]


def columns_of(schema: dict[str, str], /, *kinds: str) -> list[str]:
    """The schema's columns whose kind is one of ``kinds``, in schema order.

    Examples:
        >>> columns_of({"e": "email", "p": "phone"}, "phone", "email")
        ['e', 'p']
    """
    return [col for col, kind in schema.items() if kind in kinds]


def frames(dataset: Any, /) -> list[pd.DataFrame]:
    """``[records]`` for a dedupe dataset, ``[left, right]`` for a link dataset.

    Raises:
        benchmarks.systems.Skip: for a task the systems do not run (``pairs``).
    """
    from benchmarks.systems import Skip

    if dataset.task == "dedupe":
        return [dataset.records]
    if dataset.task == "link":
        return [dataset.left, dataset.right]
    raise Skip(f"task {dataset.task!r} is scored by the pair-classification harness, not here")


def package_versions(*names: str) -> str:
    """``"name version, …"`` for the installed distributions (``missing`` when absent).

    Examples:
        >>> package_versions("no-such-distribution-xyz")
        'no-such-distribution-xyz missing'
    """
    out = []
    for name in names:
        try:
            out.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name} missing")
    return ", ".join(out)
