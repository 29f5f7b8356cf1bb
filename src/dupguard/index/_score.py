"""Scoring: levels per field → match weights (with term frequencies) → probabilities."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dupguard.index._compare import Columns, Level, compare
from dupguard.index._features import Features
from dupguard.index._model import Model

__all__ = ["TF_FREE_COUNT", "FieldExplanation", "Scored", "Scorer", "probability"]

#: A value held by at most this many records keeps its exact level's full weight: one customer
#: entered by up to five reps is a duplicate cluster, not a common value.
TF_FREE_COUNT = 5

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


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
    """

    field: str
    kind: str
    level: str
    weight: float
    left: str
    right: str


def probability(weight: float | FloatArray) -> FloatArray:
    """``2^w / (1 + 2^w)``, computed without overflow."""
    w = np.asarray(weight, dtype=np.float64)
    return np.asarray(1.0 / (1.0 + np.exp2(-np.clip(w, -1000, 1000))), dtype=np.float64)


@dataclass(frozen=True, slots=True)
class Scored:
    """Scores of a batch of pairs: total weight, and levels and weights per field."""

    weight: FloatArray
    levels: npt.NDArray[np.int8]  # shape (pairs, fields)
    field_weights: FloatArray  # shape (pairs, fields)


class Scorer:
    """Scores pairs of records of one schema under one model and one term-frequency table.

    ``counts[f]`` maps field *f*'s exact keys to how many records hold them; ``total`` is the
    number of records they were counted over.
    """

    __slots__ = ("_tables", "counts", "model", "total")

    def __init__(self, model: Model, counts: Sequence[Mapping[str, int]], total: int) -> None:
        self.model = model
        self.counts = counts
        self.total = total
        self._tables = model.tables

    def columns(self, records: Sequence[Features], /) -> list[Columns]:
        """Lay out *records* field by field for :meth:`score_columns` (build once, score often)."""
        return [Columns([r.fields[f] for r in records]) for f in range(len(self.model.fields))]

    def score(
        self, left: Sequence[Features], right: Sequence[Features], i: IntArray, j: IntArray
    ) -> Scored:
        """Score pairs ``(left[i[t]], right[j[t]])`` (the same sequence may be passed twice)."""
        ca = self.columns(left)
        cb = ca if left is right else self.columns(right)
        return self.score_columns(ca, cb, i, j)

    def score_columns(
        self, ca: Sequence[Columns], cb: Sequence[Columns], i: IntArray, j: IntArray
    ) -> Scored:
        """Score pairs ``(i[t], j[t])`` of records laid out by :meth:`columns`."""
        n, nf = len(i), len(self.model.fields)
        levels = np.zeros((n, nf), dtype=np.int8)
        weights = np.zeros((n, nf), dtype=np.float64)
        for f, fp in enumerate(self.model.fields):
            lv, matched = compare(fp.kind, ca[f], cb[f], i, j)
            w = self._tables[f][lv]
            exact = np.flatnonzero(lv == Level.EXACT)
            if len(exact):
                w[exact] = self._tf_weights(f, matched[exact])
            levels[:, f] = lv
            weights[:, f] = w
        total = self.model.prior_weight + weights.sum(axis=1)
        return Scored(total, levels, weights)

    def _tf_weights(self, f: int, keys: npt.NDArray[np.object_]) -> FloatArray:
        fp = self.model.fields[f]
        m = dict(fp.m)[Level.EXACT]
        u = dict(fp.u)[Level.EXACT]
        counts = self.counts[f]
        c = np.fromiter((counts.get(k, 0) for k in keys), dtype=np.float64, count=len(keys))
        excess = np.maximum(c - TF_FREE_COUNT, 0.0) / max(self.total - 2, 1)
        return np.log2(max(m, 1e-9) / np.maximum(u, excess))

    def explain(self, a: Features, b: Features, scored: Scored, t: int) -> tuple[FieldExplanation, ...]:
        """Per-field explanation of pair *t* of *scored* (whose records are *a* and *b*)."""
        out = []
        for f, fp in enumerate(self.model.fields):
            w = float(scored.field_weights[t, f])
            out.append(
                FieldExplanation(
                    field=fp.name,
                    kind=fp.kind,
                    level=Level(int(scored.levels[t, f])).label,
                    weight=0.0 if w == 0 else round(w, 6),
                    left=a.fields[f].shown,
                    right=b.fields[f].shown,
                )
            )
        return tuple(out)


def to_probability(weight: float) -> float:
    """Scalar version of :func:`probability`."""
    if weight >= 0:
        return 1.0 / (1.0 + math.pow(2.0, -min(weight, 1000.0)))
    e = math.pow(2.0, max(weight, -1000.0))
    return e / (1.0 + e)
