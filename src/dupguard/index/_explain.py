"""What a person reads about a scored pair: one :class:`FieldExplanation` per field.

A module of its own, outside the compiled scoring module, so the class keeps its docstring in
the compiled wheel too (mypyc drops the docstrings of what it compiles).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FieldExplanation"]


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldExplanation:
    """How one field contributed to a pair's score.

    Attributes:
        field: the column name.
        kind: its kind (``email``, ``company``, …).
        level: the comparison level reached (``exact``, ``cross_script``, ``fuzzy_high``,
            ``partial``, ``fuzzy_low``, ``different``, ``missing``).
        weight: its match weight in bits (log2 of m/u; 0 when missing).
        left: the first record's value as given.
        right: the second record's value as given.
        note: why the weight is less than the level's (``""`` when it is not): an agreement
            another field already counts is counted once.
    """

    field: str
    kind: str
    level: str
    weight: float
    left: str
    right: str
    note: str = ""
