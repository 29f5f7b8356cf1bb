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

__all__ = [
    "blank_to_none", "block_columns", "block_pairs", "columns_of", "dupguard_build", "frames", "package_versions",
]


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


def dupguard_build() -> str:
    """Which build of dupguard this process imports: ``compiled`` (the mypyc wheel, whose hot
    modules are extension modules) or ``pure`` (the source tree). The two differ ≈ 2× in speed,
    so every timed result names its build.

    Examples:
        >>> dupguard_build() in {"compiled", "pure"}
        True
    """
    import dupguard.normalize.company as hot

    return "pure" if str(hot.__file__).endswith(".py") else "compiled"


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


def block_pairs(dfs: list[pd.DataFrame], col: str, /) -> int:
    """Pairs an exact block on ``col`` generates (within one frame, or across two).

    Examples:
        >>> import pandas as pd
        >>> block_pairs([pd.DataFrame({"x": ["a", "a", "a", "b", None]})], "x")
        3
    """
    counts = [df[col].dropna().value_counts() for df in dfs]
    if len(counts) == 1:
        return int((counts[0] * (counts[0] - 1) // 2).sum())
    left, right = counts
    return int((left * right.reindex(left.index, fill_value=0)).sum())


def block_columns(dfs: list[pd.DataFrame], schema: dict[str, str], /, *, budget: float) -> list[str]:
    """Non-text columns whose exact blocks yield 1 … ``budget`` × n pairs, cheapest first.

    This is how the peers' blocking is derived from a schema: a column whose blocks are huge
    (Febrl's 8-valued ``state``) would make the candidate set quadratic and is left out. When
    none fits, the cheapest column is used alone.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"a": ["x", "x", "y", "z"], "b": ["s"] * 4})
        >>> block_columns([df], {"a": "name", "b": "exact"}, budget=0.5)
        ['a']
    """
    n = sum(len(df) for df in dfs)
    costs = {col: block_pairs(dfs, col) for col, kind in schema.items() if kind != "text"}
    fits = sorted((c for c, k in costs.items() if 0 < k <= budget * n), key=costs.__getitem__)
    return fits or [min(costs, key=costs.__getitem__)]


def blank_to_none(df: pd.DataFrame, /) -> pd.DataFrame:
    """Empty or blank strings become missing values.

    Loaders write a missing CRM field as ``""``; a peer that blocked or compared on ``""`` would
    treat every pair of records without a website as an exact website match (cn-listed scored
    F1 0.000 for recordlinkage and 0.006 for Splink before this).

    Examples:
        >>> import pandas as pd
        >>> blank_to_none(pd.DataFrame({"w": ["a.com", "", "  ", None]}))["w"].tolist()
        ['a.com', None, None, None]
    """
    out = df.astype(object)
    blank = out.map(lambda v: v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip()))
    return out.where(~blank, None)
