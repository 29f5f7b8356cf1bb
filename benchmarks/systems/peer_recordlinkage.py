"""recordlinkage 0.16: blocking + sorted neighbourhood indexing, binary comparisons, ECM.

Configuration (the package's documented unsupervised workflow — ``recordlinkage`` docs,
"Classification → Unsupervised learning", and its bundled ``examples/unsupervised_learning_prob.py``
on Febrl; classes ``recordlinkage.Index``, ``Compare``, ``ECMClassifier``):

* **Index** = union of ``Block(col)`` on every non-text column whose exact blocks yield at most
  ``BLOCK_BUDGET`` (5) × n pairs (Febrl: ``date_of_birth``, ``postcode``, ``street_number``) and
  ``SortedNeighbourhood(col, window=3)`` on every name / person / company column, so a typo in one
  field still leaves the pair reachable through another. The index is kept tight because
  recordlinkage compares pairs in Python (a wider Febrl2 index, blocks on both names plus
  window 9, reached the same F1 in ~30 s instead of a few).
* **Compare** (one binary feature per schema column, missing → 0): name / person / company →
  Jaro-Winkler ≥ 0.85 (company on a lightly cleaned name: case-folded, punctuation removed);
  text → Jaro-Winkler ≥ 0.85 too; date, exact, email, phone, domain, country → exact (the docs'
  Febrl example compares ``date_of_birth`` exactly). Not Levenshtein for text: recordlinkage
  0.16's ``levenshtein_similarity`` calls ``np.max`` once per pair, which took 28 of 42 s on
  Febrl2 (profiled); Jaro-Winkler is vectorised through jellyfish and gave the same F1.
* **Classify**: ``ECMClassifier(binarize=None)`` (features are already binary), fitted on the
  candidate pairs without labels; predicted links are the pairs it classes as matches.
* **Clusters** (dedupe): connected components of the predicted links.

Examples:
    >>> from benchmarks.systems.peer_recordlinkage import SYSTEMS
    >>> SYSTEMS["recordlinkage"].name
    'recordlinkage'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from benchmarks.metrics import clusters_from_pairs, ordered_pair
from benchmarks.systems import Result
from benchmarks.systems._common import (
    blank_to_none,
    block_columns,
    columns_of,
    frames,
    package_versions,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SYSTEMS", "RecordLinkage"]

BLOCK_BUDGET: Final = 5
SORTED_KINDS: Final = ("name", "person", "company")
WINDOW: Final = 3
THRESHOLD: Final = 0.85


def clean_company(value: object) -> object:
    """Light company-name cleaning for the peers: case-folded, punctuation to spaces.

    Examples:
        >>> clean_company("ACME Trading Co., Ltd.")
        'acme trading co ltd'
    """
    if not isinstance(value, str):
        return value
    return " ".join(re.sub(r"[^\w]+", " ", value.casefold()).split())


def _prepare(df: pd.DataFrame, schema: dict[str, str]) -> pd.DataFrame:
    out = blank_to_none(df.set_index("id")[list(schema)])
    for col in columns_of(schema, "company"):
        out[col] = out[col].map(clean_company)
    return out


@dataclass(frozen=True, slots=True)
class RecordLinkage:
    """The recordlinkage adapter (see the module docstring for its configuration)."""

    name: str = "recordlinkage"

    def version(self) -> str:
        """Versions of recordlinkage and what it computes with."""
        return package_versions("recordlinkage", "pandas", "numpy", "jellyfish")

    def load(self) -> None:
        """Import what ``run`` needs, before the clock starts."""
        import recordlinkage
        import recordlinkage.index  # noqa: F401

    def run(self, dataset: Any, /) -> Result:
        """Index, compare, classify with ECM, cluster."""
        import recordlinkage as rl
        from recordlinkage.index import Block, SortedNeighbourhood

        schema: dict[str, str] = dict(dataset.schema)
        dfs = [_prepare(df, schema) for df in frames(dataset)]
        blocks = block_columns(dfs, schema, budget=BLOCK_BUDGET)
        indexer = rl.Index()
        for col in blocks:
            indexer.add(Block(col))
        for col in columns_of(schema, *SORTED_KINDS):
            indexer.add(SortedNeighbourhood(col, window=WINDOW))
        candidates = indexer.index(*dfs)

        compare = rl.Compare()
        for col, kind in schema.items():
            if kind in ("name", "person", "company", "text"):
                compare.string(col, col, method="jarowinkler", threshold=THRESHOLD, label=col)
            else:
                compare.exact(col, col, label=col)
        features = compare.compute(candidates, *dfs)
        ecm = rl.ECMClassifier(binarize=None)
        links = ecm.fit_predict(features)

        link_pairs = [(str(a), str(b)) for a, b in links]
        cand = candidates
        extra = {"index": f"Block on {blocks} + SortedNeighbourhood(window={WINDOW}) on {columns_of(schema, *SORTED_KINDS)}",
                 "classifier": "ECMClassifier(binarize=None), no labels",
                 "predicted_links": len(link_pairs)}
        if dataset.task == "link":
            return Result(
                pairs=frozenset(link_pairs),
                candidate_pairs=len(cand),
                candidates=lambda: ((str(a), str(b)) for a, b in cand),
                extra=extra,
            )
        ids = [str(i) for i in dfs[0].index]
        return Result(
            clusters=clusters_from_pairs(ids, link_pairs),
            candidate_pairs=len(cand),
            candidates=lambda: (ordered_pair(str(a), str(b)) for a, b in cand),
            extra=extra,
        )


SYSTEMS: Final = {"recordlinkage": RecordLinkage()}
