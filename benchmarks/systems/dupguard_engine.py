"""dupguard: the matching engine (``dupguard.dedupe`` / ``dupguard.link``), at threshold 0.9.

Used as soon as ``import dupguard; hasattr(dupguard, "dedupe")`` holds; until then the system
skips with that reason and the harness falls back to ``dupguard-keys`` for the dupguard row.
The schema's kinds are passed through unchanged (``dupguard.Schema({...}, id="id")``).

Model, with no labels in either case: CRM-like schemas (any of company, person, email, phone,
domain) use dupguard's default parameters, which are what a CRM gets untrained; other schemas
(Febrl's person records) first run ``dupguard.Model.fit`` — u by random sampling, m and λ by EM;
for a link over the cross pairs (``right=``) — inside the timed run, as Splink's adapter trains
inside its own. Each list is normalized once (``dupguard.prepare``) and used by both calls, as
Splink's linker loads its tables once for training and prediction.

Examples:
    >>> from benchmarks.systems.dupguard_engine import SYSTEMS
    >>> SYSTEMS["dupguard"].name
    'dupguard'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from benchmarks.systems import Result, Skip
from benchmarks.systems._common import dupguard_build, frames, package_versions

__all__ = ["SYSTEMS", "DupguardEngine", "available"]

THRESHOLD: Final = 0.9
CRM_KINDS: Final = frozenset({"company", "person", "email", "phone", "domain"})


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
        """dupguard's version and build, and its matching dependencies."""
        return f"{package_versions('dupguard')} ({dupguard_build()}), {package_versions('rapidfuzz', 'numpy')}"

    def load(self) -> None:
        """Import what ``run`` needs, before the clock starts."""
        import dupguard  # noqa: F401

    def run(self, dataset: Any, /) -> Result:
        """``dupguard.dedupe`` or ``dupguard.link`` at threshold 0.9 (fitting first off-CRM)."""
        import dupguard

        if not available():
            raise Skip("dupguard's matching engine is not in this tree yet (no dupguard.dedupe)")
        engine: Any = dupguard
        schema = engine.Schema(dict(dataset.schema), id="id")
        crm = any(kind in CRM_KINDS for kind in dataset.schema.values())
        dfs = [engine.prepare(df, schema=schema) for df in frames(dataset)]
        right = dfs[1] if len(dfs) > 1 else None
        model = None if crm else engine.Model.fit(dfs[0], right=right, schema=schema)
        extra = {"threshold": THRESHOLD, "model": "default" if crm else "Model.fit (no labels)"}

        def candidates() -> list[tuple[str, str]]:
            from dupguard.index import run

            res = run(dfs[0], right=right, schema=schema, model=model)
            rids = res.right_ids if res.right_ids is not None else res.ids
            return [(res.ids[a], rids[b]) for a, b in zip(res.i.tolist(), res.j.tolist(), strict=True)]

        if dataset.task == "link":
            links = engine.link(dfs[0], dfs[1], schema=schema, threshold=THRESHOLD, model=model)
            pairs = frozenset(zip(links["id_l"].astype(str), links["id_r"].astype(str), strict=True))
            return Result(
                pairs=pairs,
                candidate_pairs=links.attrs.get("candidate_pairs"),
                candidates=candidates,
                extra=extra,
            )
        clusters = engine.dedupe(dfs[0], schema=schema, threshold=THRESHOLD, model=model)
        return Result(
            clusters=dict(zip(clusters["id"].astype(str), clusters["cluster_id"].astype(str), strict=True)),
            candidate_pairs=clusters.attrs.get("candidate_pairs"),
            candidates=candidates,
            extra=extra,
        )


SYSTEMS: Final = {"dupguard": DupguardEngine()}
