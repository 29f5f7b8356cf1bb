"""The systems the harness compares, behind one protocol, registered by name.

Every system lives in a module of this package whose ``SYSTEMS`` mapping holds objects with
``name``, ``version()``, ``load()`` (import the heavy libraries: done before the clock starts,
since a long-lived service pays it once) and ``run(dataset) -> Result``. ``run`` is what the harness times and whose peak
memory it reports: everything a user of that tool would do to go from the DataFrame(s) to clusters
(dedupe) or links (link task) — building the model, training it, predicting, clustering. It must
not look at the ground truth, except where the system's documented configuration says labels are
given (dedupe, trained from a stated number of ground-truth labels).

Candidate pairs (for blocking recall) are returned lazily in :attr:`Result.candidates`: the
harness evaluates that callable *after* it has taken the time and memory readings, so reporting
them costs the system nothing.

A system that cannot run a dataset (engine missing, over budget, task not supported) raises
:class:`Skip` with a reason; the harness records the reason instead of a number.

Examples:
    >>> from benchmarks.systems import NAMES, Result
    >>> "recordlinkage" in NAMES
    True
    >>> Result(clusters={"a": "a"}).candidate_pairs is None
    True
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

__all__ = ["NAMES", "Result", "Skip", "System", "get"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """What one system produced on one dataset.

    Attributes:
        clusters: dedupe: record id → cluster id (records left out are singletons).
        pairs: link: the predicted ``(left_id, right_id)`` links.
        candidate_pairs: how many pairs the system scored, when it knows.
        candidates: a callable returning those pairs (dedupe ``(a, b)`` with ``a < b``; link
            ``(left_id, right_id)``), evaluated after the measurements.
        extra: anything else worth recording (configuration, labels used, thresholds).

    Examples:
        >>> Result(pairs=frozenset({("l1", "r1")}), extra={"threshold": 0.9}).extra["threshold"]
        0.9
    """

    clusters: Mapping[str, str] | None = None
    pairs: frozenset[tuple[str, str]] | None = None
    candidate_pairs: int | None = None
    candidates: Callable[[], Iterable[tuple[str, str]]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Skip(Exception):
    """Raised by a system that does not run a dataset; ``reason`` goes into the results.

    Examples:
        >>> Skip("dedupe: over the --quick budget").reason
        'dedupe: over the --quick budget'
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class System(Protocol):
    """The protocol every registered system implements."""

    name: str

    def version(self) -> str:
        """The versions that matter for this system's numbers (e.g. ``splink 5.0.0, duckdb 1.1``)."""
        ...

    def load(self) -> None:
        """Import the libraries ``run`` needs (not timed)."""
        ...

    def run(self, dataset: Any, /) -> Result:
        """Dedupe ``dataset.records`` or link ``dataset.left`` to ``dataset.right``."""
        ...


#: Registered system name → the module (in this package) that defines its ``SYSTEM``.
_MODULES: Final[Mapping[str, str]] = {
    "dupguard": "dupguard_engine",
    "dupguard-keys": "dupguard_keys",
    "recordlinkage": "peer_recordlinkage",
    "splink": "peer_splink",
    "splink-bestf1": "peer_splink",
    "dedupe": "peer_dedupe",
}
NAMES: Final = tuple(_MODULES)


def get(name: str, /) -> System:
    """The registered system called ``name`` (its module is imported only now).

    Raises:
        KeyError: no system has that name.

    Examples:
        >>> get("dupguard-keys").name
        'dupguard-keys'
    """
    module = importlib.import_module(f"{__name__}.{_MODULES[name]}")
    systems: dict[str, System] = module.SYSTEMS
    return systems[name]
