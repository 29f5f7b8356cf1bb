"""The benchmark metrics, defined once: every number in ``docs/benchmarks.md`` comes from here.

Definitions (the usual ones of the entity-resolution literature, e.g. Christen, *Data Matching*,
2012, ch. 7; B-cubed from Bagga & Baldwin, 1998, as argued for ER by Amigó et al., 2009):

* **Pairwise precision / recall / F1.** A *predicted pair* is two records a system puts in the
  same cluster (dedupe) or links (link task); a *true pair* is two records of the same entity.
  Precision = |predicted ∩ true| / |predicted|, recall = |predicted ∩ true| / |true|, F1 their
  harmonic mean. For dedupe the pairs are counted from the cluster × entity contingency table, so
  a 1M-record run never materialises its pairs. Conventions for empty sets: precision is 1.0 when
  nothing is predicted (no false merge was made), recall is 1.0 when there is no true pair, and
  F1 is 0.0 when precision + recall is 0.
* **B-cubed precision / recall / F1.** Per record *r* with predicted cluster *C(r)* and true entity
  *T(r)*: P(r) = |C(r) ∩ T(r)| / |C(r)|, R(r) = |C(r) ∩ T(r)| / |T(r)|, averaged over records.
  Unlike pairwise scores, one huge cluster does not dominate (PATSTAT has a 676-name entity).
* **Blocking recall** (*pairs completeness*): the share of true pairs among the candidate pairs a
  system scored; reported with the candidate-pair count and the *reduction ratio*
  1 − candidates / all possible pairs.

Records missing from a predicted clustering count as singletons. Dedupe pairs are unordered
(stored ``(a, b)`` with ``a < b``); link pairs are ``(left_id, right_id)``.

Examples:
    >>> from benchmarks.metrics import pairwise_from_clusters
    >>> truth = {"a": 1, "b": 1, "c": 2, "d": 2}
    >>> s = pairwise_from_clusters({"a": "x", "b": "x", "c": "x", "d": "y"}, truth)
    >>> s.true_positives, s.predicted_pairs, s.true_pairs
    (1, 3, 2)
    >>> round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)
    (0.333, 0.5, 0.4)
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Mapping, Sequence
    from collections.abc import Set as AbstractSet

__all__ = [
    "BCubedScores",
    "BlockingScores",
    "PairScores",
    "bcubed",
    "best_f1_threshold",
    "blocking",
    "clusters_from_pairs",
    "median",
    "ordered_pair",
    "pair_count",
    "pairwise_from_clusters",
    "pairwise_from_pairs",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class PairScores:
    """Pairwise precision, recall and F1 with the counts they come from.

    Examples:
        >>> PairScores.from_counts(true_positives=3, predicted_pairs=4, true_pairs=6).f1
        0.6
    """

    precision: float
    recall: float
    f1: float
    true_positives: int
    predicted_pairs: int
    true_pairs: int

    @classmethod
    def from_counts(cls, *, true_positives: int, predicted_pairs: int, true_pairs: int) -> PairScores:
        """Build the scores from the three counts (empty-set conventions in the module docstring).

        Examples:
            >>> PairScores.from_counts(true_positives=0, predicted_pairs=0, true_pairs=5).precision
            1.0
        """
        precision = true_positives / predicted_pairs if predicted_pairs else 1.0
        recall = true_positives / true_pairs if true_pairs else 1.0
        return cls(
            precision=precision,
            recall=recall,
            f1=_harmonic(precision, recall),
            true_positives=true_positives,
            predicted_pairs=predicted_pairs,
            true_pairs=true_pairs,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class BCubedScores:
    """B-cubed precision, recall and F1 (record-averaged).

    Examples:
        >>> bcubed({"a": 0, "b": 1}, {"a": 0, "b": 0})
        BCubedScores(precision=1.0, recall=0.5, f1=0.6666666666666666)
    """

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockingScores:
    """How well a system's candidate pairs cover the true pairs.

    Examples:
        >>> blocking([("a", "b"), ("a", "c")], {("a", "b")}, total_pairs=10).pairs_completeness
        1.0
    """

    pairs_completeness: float
    candidate_pairs: int
    true_pairs_in_candidates: int
    reduction_ratio: float | None


def _harmonic(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pair_count(n: int, /) -> int:
    """Unordered pairs among ``n`` records.

    Examples:
        >>> pair_count(5), pair_count(1), pair_count(0)
        (10, 0, 0)
    """
    return n * (n - 1) // 2


def ordered_pair(a: str, b: str, /) -> tuple[str, str]:
    """The canonical spelling of an unordered (dedupe) pair: smaller id first.

    Examples:
        >>> ordered_pair("b", "a")
        ('a', 'b')
    """
    return (a, b) if a <= b else (b, a)


def _contingency(
    predicted: Mapping[str, Hashable], truth: Mapping[str, Hashable]
) -> tuple[Counter[tuple[object, Hashable]], Counter[object], Counter[Hashable]]:
    cells: Counter[tuple[object, Hashable]] = Counter()
    for record, entity in truth.items():
        # A record the system did not cluster is its own singleton (a key no cluster id can equal).
        cluster: object = ("cluster", predicted[record]) if record in predicted else ("single", record)
        cells[cluster, entity] += 1
    cluster_sizes: Counter[object] = Counter()
    entity_sizes: Counter[Hashable] = Counter()
    for (cluster, entity), n in cells.items():
        cluster_sizes[cluster] += n
        entity_sizes[entity] += n
    return cells, cluster_sizes, entity_sizes


def pairwise_from_clusters(
    predicted: Mapping[str, Hashable], truth: Mapping[str, Hashable], /
) -> PairScores:
    """Pairwise scores of a predicted clustering against the true entity of every record.

    Args:
        predicted: record id → predicted cluster id (records absent are singletons; ids not in
            ``truth`` are ignored).
        truth: record id → true entity id, for every record of the dataset.

    Returns:
        The :class:`PairScores`, counted from the contingency table (no pair is materialised).

    Examples:
        >>> pairwise_from_clusters({}, {"a": 1, "b": 1}).recall
        0.0
        >>> pairwise_from_clusters({"a": 7, "b": 7}, {"a": 1, "b": 1}).f1
        1.0
    """
    cells, cluster_sizes, entity_sizes = _contingency(predicted, truth)
    return PairScores.from_counts(
        true_positives=sum(pair_count(n) for n in cells.values()),
        predicted_pairs=sum(pair_count(n) for n in cluster_sizes.values()),
        true_pairs=sum(pair_count(n) for n in entity_sizes.values()),
    )


def pairwise_from_pairs(
    predicted: Iterable[tuple[str, str]], true_pairs: AbstractSet[tuple[str, str]], /
) -> PairScores:
    """Pairwise scores of predicted pairs (a link task) against the true pairs.

    Pairs are compared as given: pass dedupe pairs through :func:`ordered_pair`, link pairs as
    ``(left_id, right_id)``. Duplicates in ``predicted`` count once.

    Examples:
        >>> s = pairwise_from_pairs([("a", "x"), ("b", "y"), ("a", "x")], {("a", "x"), ("c", "z")})
        >>> s.true_positives, s.predicted_pairs, s.precision, s.recall
        (1, 2, 0.5, 0.5)
    """
    unique = set(predicted)
    return PairScores.from_counts(
        true_positives=sum(pair in true_pairs for pair in unique),
        predicted_pairs=len(unique),
        true_pairs=len(true_pairs),
    )


def bcubed(predicted: Mapping[str, Hashable], truth: Mapping[str, Hashable], /) -> BCubedScores:
    """B-cubed scores of a predicted clustering (records absent from ``predicted`` are singletons).

    Examples:
        >>> b = bcubed({"a": 0, "b": 0, "c": 0}, {"a": 1, "b": 1, "c": 2})
        >>> round(b.precision, 4), b.recall
        (0.5556, 1.0)
    """
    if not truth:
        return BCubedScores(precision=1.0, recall=1.0, f1=1.0)
    cells, cluster_sizes, entity_sizes = _contingency(predicted, truth)
    # Each of the n records of a cell scores n/|C| precision and n/|T| recall.
    precision = sum(n * n / cluster_sizes[c] for (c, _), n in cells.items()) / len(truth)
    recall = sum(n * n / entity_sizes[t] for (_, t), n in cells.items()) / len(truth)
    return BCubedScores(precision=precision, recall=recall, f1=_harmonic(precision, recall))


def blocking(
    candidates: Iterable[tuple[str, str]],
    true_pairs: AbstractSet[tuple[str, str]],
    /,
    *,
    total_pairs: int | None = None,
) -> BlockingScores:
    """Pairs completeness, candidate count and reduction ratio of a candidate-pair set.

    Args:
        candidates: the pairs a system compared, spelt like ``true_pairs``; duplicates count once.
        true_pairs: the true pairs.
        total_pairs: all possible pairs (``pair_count(n)`` for dedupe, ``n_left * n_right`` for
            link); without it the reduction ratio is ``None``.

    Examples:
        >>> b = blocking([("a", "b"), ("c", "d")], {("a", "b"), ("a", "c")}, total_pairs=6)
        >>> b.pairs_completeness, b.candidate_pairs, round(b.reduction_ratio, 3)
        (0.5, 2, 0.667)
    """
    unique = set(candidates)
    found = sum(pair in true_pairs for pair in unique)
    return BlockingScores(
        pairs_completeness=found / len(true_pairs) if true_pairs else 1.0,
        candidate_pairs=len(unique),
        true_pairs_in_candidates=found,
        reduction_ratio=1 - len(unique) / total_pairs if total_pairs else None,
    )


def clusters_from_pairs(ids: Iterable[str], pairs: Iterable[tuple[str, str]], /) -> dict[str, str]:
    """Connected components (union-find): record id → cluster id (the component's smallest id).

    This is how a system that outputs matched pairs is turned into clusters, so that "pairwise
    F1 over predicted clusters" counts the transitive pairs a merge would really create.

    Examples:
        >>> clusters_from_pairs("abcde", [("b", "a"), ("c", "b"), ("e", "d")])
        {'a': 'a', 'b': 'a', 'c': 'a', 'd': 'd', 'e': 'd'}
    """
    parent: dict[str, str] = {i: i for i in ids}

    def find(x: str) -> str:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in pairs:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            parent[rb] = ra
    return {i: find(i) for i in parent}


def best_f1_threshold(
    scored: Iterable[tuple[str, str, float]], true_pairs: AbstractSet[tuple[str, str]], /
) -> tuple[float, PairScores]:
    """The score threshold that maximises pairwise F1 of ``score >= threshold`` pairs.

    This uses the ground truth, so a figure obtained with it is *optimistic*: no user can pick
    that threshold without labels. Ties keep the highest threshold.

    Examples:
        >>> t, s = best_f1_threshold([("a", "b", 0.9), ("a", "c", 0.6), ("b", "c", 0.3)],
        ...                          {("a", "b"), ("a", "c")})
        >>> t, s.f1
        (0.6, 1.0)
    """
    ranked = sorted(scored, key=lambda x: -x[2])
    n_true = len(true_pairs)
    best = (1.0, PairScores.from_counts(true_positives=0, predicted_pairs=0, true_pairs=n_true))
    tp = 0
    for k, (a, b, score) in enumerate(ranked, start=1):
        tp += (a, b) in true_pairs
        if k < len(ranked) and ranked[k][2] == score:
            continue  # a threshold admits every pair with an equal score
        s = PairScores.from_counts(true_positives=tp, predicted_pairs=k, true_pairs=n_true)
        if s.f1 > best[1].f1:
            best = (score, s)
    return best


def median(values: Sequence[float], /) -> float:
    """The median of the repeats (≥ 3 in every reported figure).

    Examples:
        >>> median([3.0, 1.0, 2.0])
        2.0
    """
    return float(statistics.median(values))
