"""dupguard: the matching engine (``dupguard.dedupe`` / ``dupguard.link``), at threshold 0.9.

Used as soon as ``import dupguard; hasattr(dupguard, "dedupe")`` holds; until then the system
skips with that reason and the harness falls back to ``dupguard-keys`` for the dupguard row.
The schema's kinds are passed through unchanged (``dupguard.Schema({...}, id="id")``).

Examples:
    >>> from benchmarks.systems.dupguard_engine import SYSTEMS
    >>> SYSTEMS["dupguard"].name
    'dupguard'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from benchmarks.systems import Result, Skip
from benchmarks.systems._common import frames, package_versions

__all__ = ["SYSTEMS", "DupguardEngine", "available"]

THRESHOLD: Final = 0.9


def available() -> bool:
    """Whether this tree's dupguard has its matching engine.

    Examples:
        >>> isinstance(available(), bool)
        True
    """
    import dupguard

    return hasattr(dupguard, "dedupe")


@dataclass(frozen=True, slots=True)
class DupguardEngine:
    """The dupguard engine adapter."""

    name: str = "dupguard"

    def version(self) -> str:
        """dupguard's version and its matching dependencies."""
        return package_versions("dupguard", "rapidfuzz", "numpy")

    def load(self) -> None:
        """Import what ``run`` needs, before the clock starts."""
        import dupguard  # noqa: F401

    def run(self, dataset: Any, /) -> Result:
        """``dupguard.dedupe`` or ``dupguard.link`` at threshold 0.9."""
        import dupguard

        if not available():
            raise Skip("dupguard's matching engine is not in this tree yet (no dupguard.dedupe)")
        dfs = frames(dataset)
        engine: Any = dupguard
        schema = engine.Schema(dict(dataset.schema), id="id")
        if dataset.task == "link":
            links = engine.link(dfs[0], dfs[1], schema=schema, threshold=THRESHOLD)
            pairs = frozenset(zip(links["id_l"].astype(str), links["id_r"].astype(str), strict=True))
            return Result(pairs=pairs, extra={"threshold": THRESHOLD})
        clusters = engine.dedupe(dfs[0], schema=schema, threshold=THRESHOLD)
        return Result(
            clusters=dict(zip(clusters["id"].astype(str), clusters["cluster_id"].astype(str), strict=True)),
            extra={"threshold": THRESHOLD},
        )


SYSTEMS: Final = {"dupguard": DupguardEngine()}
