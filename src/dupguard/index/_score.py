"""Scoring: levels per field → match weights (with term frequencies) → probabilities."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt

from dupguard.index._compare import Columns, Level, compare
from dupguard.index._compare_one import Row, compare_one, key0, prepare
from dupguard.index._explain import FieldExplanation
from dupguard.index._features import (
    Features,
    exclusive_terms,
    held_alone,
    regions_agree,
    romanized_key,
    romanized_terms,
    spelled_out,
)
from dupguard.index._model import Model
from dupguard.index._store import FIELD_ATTRS
from dupguard.normalize.text import has_han

__all__ = ["EXCLUSIVE_MIN_RECORDS", "SHORT_HAN_CORE_U", "TF_FREE_COUNT", "Scored", "Scorer", "probability"]

#: A value held by at most this many records keeps its exact level's full weight: one customer
#: entered by up to five reps is a duplicate cluster, not a common value.
TF_FREE_COUNT = 5

#: u of an exact company match on a bare two-character Han trade name (长青, 华联) or a Latin one
#: of three letters or fewer (TSC, KL): Chinese law
#: keeps a 字号 unique only within one region and one line of business, so two unrelated
#: companies share one far more often than a longer name. Alone it scores about 0.8 under the
#: default model (review, not merge); any other agreeing field lifts it, and so does a Han name
#: no other record shares (below). Measured on cn-listed: 89% of such pairs are one company,
#: against ≥ 99% for three characters or more.
SHORT_HAN_CORE_U = 1e-5

#: **Exclusive Han names.** Two Han company cores compared at one of these levels whose shared
#: name is theirs alone in the data (:func:`~dupguard.index._features.exclusive_holders`:
#: 天宇股份 / 浙江天宇药业股份公司 when no other name has 天宇) score as an exact agreement on a
#: name their records hold: term-frequency adjusted, without the short-core cap. PARTIAL (a Han
#: subsequence) only when both cores have three Han characters or more, or when the shorter
#: name is written out inside the longer (:func:`~dupguard.index._features.spelled_out`: 永利股份
#: / 上海永利带业股份有限公司). Measured on cn-listed's candidate pairs
#: (``benchmarks/categories.py`` data): exclusive EXACT, CONTAINS and PARTIAL pairs of three
#: characters or more are one company in 97–100% of cases, non-exclusive two-character EXACT
#: ones in 69%; two-character PARTIAL pairs, even exclusive (万科 / 万科润技), in 84% — those
#: stay unlifted — but 98% (296 of 301) when the short name is written out in the long one.
_EXCLUSIVE_LEVELS: Final = frozenset({int(Level.EXACT), int(Level.CONTAINS), int(Level.PARTIAL)})
_EXCLUSIVE_PARTIAL_MIN: Final = 3
#: Below this many records, a name no other record holds says little (most names are such): the
#: lift needs a list or an index at least this large.
EXCLUSIVE_MIN_RECORDS: Final = 1_000
_T: Final = FIELD_ATTRS.index("text")
_X: Final = FIELD_ATTRS.index("aux")
_R: Final = FIELD_ATTRS.index("region")
_G: Final = FIELD_ATTRS.index("generic")
_NOTE_EXCLUSIVE: Final = "no other name in the data shares their Han name; scored as an exact agreement"
_NOTE_ROMANIZED: Final = (
    "the Latin name begins with the Han trade name's pinyin, which no other name in the data holds;"
    " scored as an exact agreement"
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


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
    #: ``pair → (f, g)``: the pair's name fields *f* and *g* were compared crosswise (a given
    #: name typed as the surname); field *f* of the left record met field *g* of the right.
    swaps: Mapping[int, tuple[int, int]] = field(default_factory=dict)
    #: ``(pair, field)``: the pair's company field scored as an exclusive Han name's exact
    #: agreement (see ``_EXCLUSIVE_LEVELS``).
    lifted: frozenset[tuple[int, int]] = frozenset()


class Scorer:
    """Scores pairs of records of one schema under one model and one term-frequency table.

    ``counts[f]`` maps field *f*'s exact keys to how many records hold them; ``total`` is the
    number of records they were counted over. ``size`` is the list size λ is scaled to (see
    :meth:`Model.prior_at`): *total* for a dedupe or an index, the larger side for a link.
    """

    __slots__ = ("_exact_mu", "_full", "_kinds", "_lists", "_tables", "counts", "model", "prior_weight", "total")

    _tables: tuple[FloatArray, ...]
    _kinds: tuple[str, ...]
    #: (max(m, floor), u) of each field's EXACT level, for term-frequency weights
    _exact_mu: tuple[tuple[float, float], ...]
    _full: tuple[float, ...]  # log2(m/u) of each field's EXACT level: what a lift can reach
    _lists: tuple[list[float], ...]  # the tables as lists, for score_rows

    def __init__(
        self,
        model: Model,
        counts: Sequence[Mapping[str, int]],
        total: int,
        *,
        size: int | None = None,
        _like: Scorer | None = None,
    ) -> None:
        self.model = model
        self.counts = counts
        self.total = total
        self.prior_weight = model.prior_weight(total if size is None else size)
        if _like is not None:  # the same model: share what depends on it alone
            self._tables, self._kinds = _like._tables, _like._kinds
            self._exact_mu, self._lists, self._full = _like._exact_mu, _like._lists, _like._full
            return
        self._tables = model.tables
        self._kinds = tuple(fp.kind for fp in model.fields)
        self._exact_mu = tuple(
            (max(dict(fp.m)[Level.EXACT], 1e-9), dict(fp.u)[Level.EXACT]) for fp in model.fields
        )
        self._full = tuple(math.log2(m / u) for m, u in self._exact_mu)
        self._lists = tuple(t.tolist() for t in self._tables)

    def over(self, counts: Sequence[Mapping[str, int]], total: int, /) -> Scorer:
        """This scorer over other term-frequency counts: a one-record check's scorer, without
        recomputing what depends on the model alone.

        Examples:
            >>> s = Scorer(Model(), [{}] * 8, 10).over([{"x": 3}] * 8, 1_000_000)
            >>> s.total, round(s.prior_weight, 2)
            (1000000, -19.93)
        """
        return Scorer(self.model, counts, total, _like=self)

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
            levels[:, f] = lv
            weights[:, f] = self._level_weights(f, lv, matched)
        lifted = [
            (t, f)
            for f, kind in enumerate(self._kinds)
            if kind == "company"
            for t in self._lift_exclusive(f, ca[f], cb[f], i, j, levels[:, f], weights[:, f])
        ]
        swaps = self._swap_names(ca, cb, i, j, levels, weights)
        for f, t in _implied(self._kinds, levels, weights):
            weights[t, f] = 0.0
        total = self.prior_weight + weights.sum(axis=1)
        return Scored(total, levels, weights, swaps, frozenset(lifted))

    def score_rows(self, query: Sequence[Row], rows: Sequence[Sequence[Row]], /) -> Scored:
        """Score one record against a few: ``query[f]`` and ``rows[t][f]`` are field *f*'s rows
        (see :mod:`dupguard.index._compare_one`). The same numbers as :meth:`score_columns` on
        the same pairs, without its fixed per-field cost: a one-record check's path.
        """
        tables = self._lists
        kinds = self._kinds
        nf = len(kinds)
        fields = range(nf)
        names = [f for f, k in enumerate(kinds) if k == "name"]
        implied = _Implied(kinds)
        comparers = [prepare(kinds[f], query[f]) for f in fields]
        tf: dict[tuple[int, str], float] = {}  # the query's exact keys recur across candidates
        all_levels: list[list[int]] = []
        all_weights: list[list[float]] = []
        swaps: dict[int, tuple[int, int]] = {}
        lifted: list[tuple[int, int]] = []
        pending: list[tuple[int, int, int, Row]] = []  # (row, field, level, its field): lift?
        for t, row in enumerate(rows):
            levels = [0] * nf
            weights = [0.0] * nf
            for f in fields:
                lv, key = comparers[f](row[f])
                levels[f] = lv
                if lv == _EXACT:
                    w = tf.get((f, key))
                    if w is None:
                        w = tf[f, key] = self._tf_weight(f, key)
                    weights[f] = w
                else:
                    weights[f] = tables[f][lv]
                if kinds[f] == "company" and weights[f] < self._full[f] and lv != _CROSS:
                    a, b = query[f], row[f]
                    if not (a[_G] or b[_G]) and (lv in _EXCLUSIVE_LEVELS or _romanizable(a, b)):
                        pending.append((t, f, lv, b))
            if len(names) > 1:
                swap = self._swap_one(names, query, row, levels, weights)
                if swap is not None:
                    swaps[t] = swap
            if implied.emails:
                for f in implied(levels, weights):
                    weights[f] = 0.0
            all_levels.append(levels)
            all_weights.append(weights)
        if pending and self.total >= EXCLUSIVE_MIN_RECORDS:
            lifted = self._lift_rows(query, pending, all_weights)
        weight_arr = np.array(all_weights, dtype=np.float64).reshape(len(rows), nf)
        return Scored(
            self.prior_weight + weight_arr.sum(axis=1),
            np.array(all_levels, dtype=np.int8).reshape(len(rows), nf),
            weight_arr,
            swaps,
            frozenset(lifted),
        )

    def _lift_rows(
        self, query: Sequence[Row], pending: list[tuple[int, int, int, Row]], weights: list[list[float]]
    ) -> list[tuple[int, int]]:
        """:meth:`_exclusive_weight` for a check's *pending* ``(row, field, level, its field)``,
        raising *weights* in place; returns the ``(row, field)`` pairs raised. The terms are
        fetched first, all at once where the counts can (an index's: one lookup into its
        million-entry arrays costs about what several do)."""
        terms = [_lift_terms(lv, query[f][_T], _whole(query[f]), b[_T], _whole(b)) for _, f, lv, b in pending]
        for f in {p[1] for p in pending}:
            prefetch = getattr(self.counts[f], "prefetch", None)
            if prefetch is not None:
                prefetch([x for p, ts in zip(pending, terms, strict=True) if p[1] == f for x in ts])
        lifted: list[tuple[int, int]] = []
        for (t, f, _, _), ts in zip(pending, terms, strict=True):
            x = self._lift_weight(f, ts)
            if x > weights[t][f]:
                weights[t][f] = x
                lifted.append((t, f))
        return lifted

    def _exclusive_weight(self, f: int, lv: int, a: str, a_whole: str, b: str, b_whole: str) -> float:
        """The weight of company cores *a* and *b* (of whole names *a_whole*, *b_whole*)
        compared at level *lv* when the name they share is theirs alone — two Han cores (see
        ``_EXCLUSIVE_LEVELS``), or a Han and a Latin one by the trade name's pinyin
        (:func:`~dupguard.index._features.romanized_terms`): an exact agreement on a name their
        records hold (term-frequency adjusted, without the short-core cap); else ``-inf``."""
        return self._lift_weight(f, _lift_terms(lv, a, a_whole, b, b_whole))

    def _lift_weight(self, f: int, terms: tuple[str, ...]) -> float:
        """:meth:`_exclusive_weight` from the cores' terms (:func:`_lift_terms`)."""
        if self.total < EXCLUSIVE_MIN_RECORDS:
            return -math.inf
        held = held_alone(self.counts[f], terms)
        return self._count_weight(f, held) if held else -math.inf

    def _lift_exclusive(
        self, f: int, ca: Columns, cb: Columns, i: IntArray, j: IntArray, lv: npt.NDArray[np.int8], w: FloatArray
    ) -> list[int]:
        """:meth:`_exclusive_weight` over a batch: raises *w* (field *f*'s column) in place and
        returns the pairs it raised."""
        if self.total < EXCLUSIVE_MIN_RECORDS:
            return []
        han_a, han_b = ca.han[i], cb.han[j]
        cand = (np.isin(lv, list(_EXCLUSIVE_LEVELS)) & han_a & han_b) | ((han_a != han_b) & (lv != _CROSS))
        cand &= (w < self._full[f]) & ~ca.generic[i] & ~cb.generic[j]
        texts_a, texts_b, whole_a, whole_b, region_a, region_b = ca.text, cb.text, ca.aux0, cb.aux0, ca.region, cb.region
        raised: list[int] = []
        # A Han core and a Latin one need equal romanized keys: most such pairs differ, and each
        # core's key is read once per call, not once per pair.
        romans: dict[str, str] = {}
        for t in np.flatnonzero(cand).tolist():
            p, q = i[t], j[t]
            a, b = texts_a[p], texts_b[q]
            if han_a[t] != han_b[t]:
                ka = romans.get(a)
                if ka is None:
                    ka = romans[a] = romanized_key(a)
                kb = romans.get(b)
                if kb is None:
                    kb = romans[b] = romanized_key(b)
                if not ka or ka != kb or not regions_agree(region_a[p], region_b[q]):
                    continue
            x = self._exclusive_weight(f, int(lv[t]), a, whole_a[p], b, whole_b[q])
            if x > w[t]:
                w[t] = x
                raised.append(t)
        return raised

    def _one_weight(self, f: int, lv: int, key: str) -> float:
        return self._tf_weight(f, key) if lv == _EXACT else float(self._tables[f][lv])

    def _swap_one(
        self, names: list[int], a: Sequence[Row], b: Sequence[Row], levels: list[int], weights: list[float]
    ) -> tuple[int, int] | None:
        """:meth:`_swap_names` for one pair (changes *levels* and *weights* in place)."""
        for x, f in enumerate(names):
            for g in names[x + 1 :]:
                fa, ga, fb, gb = key0(a[f]), key0(a[g]), key0(b[f]), key0(b[g])
                if not ((fa == gb and fa != "") or (ga == fb and ga != "")):
                    continue
                l1, m1 = compare_one("name", a[f], b[g])
                l2, m2 = compare_one("name", a[g], b[f])
                w = self._one_weight
                wa = w(f, l1, m1) + w(g, l2, m2)
                wb = w(f, l2, m2) + w(g, l1, m1)
                cur = weights[f] + weights[g]
                if wa > cur + 1e-9 and wa >= wb:
                    levels[f], levels[g] = l1, l2
                    weights[f], weights[g] = w(f, l1, m1), w(g, l2, m2)
                elif wb > cur + 1e-9 and wb > wa:
                    levels[f], levels[g] = l2, l1
                    weights[f], weights[g] = w(f, l2, m2), w(g, l1, m1)
                else:
                    continue
                return (f, g)
        return None

    def _tf_weight(self, f: int, key: str) -> float:
        """:meth:`_tf_weights` of one key."""
        short = self._kinds[f] == "company" and _short_core(key)
        return self._count_weight(f, self.counts[f].get(key, 0), SHORT_HAN_CORE_U if short else 0.0)

    def _count_weight(self, f: int, count: int, floor: float = 0.0) -> float:
        """Field *f*'s EXACT weight for a value *count* records hold (u at least *floor*)."""
        m, u = self._exact_mu[f]
        excess = max(max(count - TF_FREE_COUNT, 0) / max(self.total - 2, 1), floor)
        return math.log2(m / max(u, excess))

    def _level_weights(self, f: int, lv: npt.NDArray[np.int8], matched: npt.NDArray[np.object_]) -> FloatArray:
        """Field *f*'s weight of each level, exact levels term-frequency adjusted."""
        w = self._tables[f][lv]
        exact = np.flatnonzero(lv == Level.EXACT)
        if len(exact):
            w[exact] = self._tf_weights(f, matched[exact])
        return np.asarray(w, dtype=np.float64)

    def _swap_names(
        self,
        ca: Sequence[Columns],
        cb: Sequence[Columns],
        i: IntArray,
        j: IntArray,
        levels: npt.NDArray[np.int8],
        weights: FloatArray,
    ) -> dict[int, tuple[int, int]]:
        """Compare two name fields crosswise where one side typed them the other way round.

        ``nathan | morrison`` against ``morrison | nathan`` agrees on both names, crosswise.
        Pairs with an exact crosswise agreement on either name are compared both ways, and the
        reading with the larger total weight of the two fields is kept; the best of the two
        crosswise assignments is taken, so a pair scores the same in either order.
        """
        names = [f for f, k in enumerate(self._kinds) if k == "name"]
        swaps: dict[int, tuple[int, int]] = {}
        for x, f in enumerate(names):
            for g in names[x + 1 :]:
                fa, ga, fb, gb = ca[f].key0[i], ca[g].key0[i], cb[f].key0[j], cb[g].key0[j]
                cand = np.flatnonzero(((fa == gb) & (fa != "")) | ((ga == fb) & (ga != "")))
                cand = np.array([t for t in cand.tolist() if t not in swaps], dtype=np.int64)
                if not len(cand):
                    continue
                ii, jj = i[cand], j[cand]
                l1, m1 = compare("name", ca[f], cb[g], ii, jj)  # left f meets right g
                l2, m2 = compare("name", ca[g], cb[f], ii, jj)  # left g meets right f
                a = self._level_weights(f, l1, m1) + self._level_weights(g, l2, m2)
                b = self._level_weights(f, l2, m2) + self._level_weights(g, l1, m1)
                cur = weights[cand, f] + weights[cand, g]
                use_a = (a > cur + 1e-9) & (a >= b)
                use_b = (b > cur + 1e-9) & (b > a)
                for sel, lf, mf, lg, mg in ((use_a, l1, m1, l2, m2), (use_b, l2, m2, l1, m1)):
                    k = np.flatnonzero(sel)
                    if not len(k):
                        continue
                    t = cand[k]
                    levels[t, f], levels[t, g] = lf[k], lg[k]
                    weights[t, f] = self._level_weights(f, lf[k], mf[k])
                    weights[t, g] = self._level_weights(g, lg[k], mg[k])
                    for tt in t.tolist():
                        swaps[tt] = (f, g)
        return swaps

    def _tf_weights(self, f: int, keys: npt.NDArray[np.object_]) -> FloatArray:
        m, u = self._exact_mu[f]
        counts = self.counts[f]
        c = np.fromiter((counts.get(k, 0) for k in keys), dtype=np.float64, count=len(keys))
        excess = np.maximum(c - TF_FREE_COUNT, 0.0) / max(self.total - 2, 1)
        if self._kinds[f] == "company":
            short = np.fromiter(map(_short_core, keys), dtype=bool, count=len(keys))
            excess = np.where(short, np.maximum(excess, SHORT_HAN_CORE_U), excess)
        return np.log2(m / np.maximum(u, excess))

    def explain(self, a: Features, b: Features, scored: Scored, t: int) -> tuple[FieldExplanation, ...]:
        """Per-field explanation of pair *t* of *scored* (whose records are *a* and *b*)."""
        out = []
        pair = scored.swaps.get(t)
        other = {} if pair is None else {pair[0]: pair[1], pair[1]: pair[0]}
        for f, fp in enumerate(self.model.fields):
            w = float(scored.field_weights[t, f])
            out.append(
                FieldExplanation(
                    field=fp.name,
                    kind=fp.kind,
                    level=Level(int(scored.levels[t, f])).label,
                    weight=0.0 if w == 0 else round(w, 6),
                    left=a.fields[f].shown,
                    right=b.fields[other.get(f, f)].shown,
                    note=(
                        _NOTE_SWAPPED
                        if f in other
                        else _lifted_note(a.fields[f].text, b.fields[f].text)
                        if (t, f) in scored.lifted
                        else _note(fp.kind) if w == 0 and self._tables[f][int(scored.levels[t, f])] > 0 else ""
                    ),
                )
            )
        return tuple(out)




_NOTE_SWAPPED: Final = "compared with the other record's other name field (names typed the other way round)"

#: Person fields whose agreement a shared mailbox already implies.
_PERSON_KINDS: Final = frozenset({"person", "name"})


def _note(kind: str) -> str:
    if kind in _PERSON_KINDS:
        return "implied by the shared mailbox; counted once"
    return "the same company domain as another field; counted once"


def _implied(
    kinds: Sequence[str], levels: npt.NDArray[np.int8], weights: FloatArray
) -> list[tuple[int, IntArray]]:
    """Agreements that repeat evidence another field already counts: ``(field, pair indexes)``.

    Fellegi–Sunter adds the fields' weights as if they were independent; two pairs of customer
    fields are not. A shared mailbox names one person, so the contact's name agreeing adds
    nothing (a personal address is built from that name; two people never share one). And a
    shared email company domain and a shared website are one fact, the company's domain. Such
    an agreement is counted once, the larger of the two weights kept. On generated 100k-record
    lists this alone lifted pairwise precision from 0.92 to 0.97 at the same recall (the same
    person at two companies, sister companies on one domain).
    """
    emails = [f for f, k in enumerate(kinds) if k == "email"]
    if not emails:
        return []
    mailbox = np.zeros(len(levels), dtype=bool)
    org = np.zeros(len(levels), dtype=bool)
    for f in emails:
        mailbox |= levels[:, f] == Level.EXACT
        org |= levels[:, f] == Level.PARTIAL
    out: list[tuple[int, IntArray]] = []
    for f, k in enumerate(kinds):
        if k in _PERSON_KINDS:
            t = np.flatnonzero(mailbox & (weights[:, f] > 0))
            if len(t):
                out.append((f, t))
    domains = [f for f, k in enumerate(kinds) if k == "domain"]
    org &= ~mailbox
    if domains and org.any():
        site = np.zeros(len(levels), dtype=bool)
        best_site = np.zeros(len(levels))
        for f in domains:
            agree = (levels[:, f] == Level.EXACT) | (levels[:, f] == Level.PARTIAL)
            site |= agree
            best_site = np.maximum(best_site, np.where(agree, weights[:, f], 0.0))
        best_mail = np.zeros(len(levels))
        for f in emails:
            best_mail = np.maximum(best_mail, np.where(levels[:, f] == Level.PARTIAL, weights[:, f], 0.0))
        both = org & site
        keep_site = both & (best_site >= best_mail)
        for f in emails:
            t = np.flatnonzero(keep_site & (levels[:, f] == Level.PARTIAL))
            if len(t):
                out.append((f, t))
        for f in domains:
            agree = (levels[:, f] == Level.EXACT) | (levels[:, f] == Level.PARTIAL)
            t = np.flatnonzero(both & ~keep_site & agree)
            if len(t):
                out.append((f, t))
    return out


_EXACT: Final = int(Level.EXACT)
_PARTIAL: Final = int(Level.PARTIAL)
_CROSS: Final = int(Level.CROSS_SCRIPT)
_AGREE: Final = (_EXACT, _PARTIAL)


class _Implied:
    """:func:`_implied` for one pair at a time: ``implied(levels, weights)`` → the fields whose
    weight another field already counts."""

    __slots__ = ("domains", "emails", "persons")

    def __init__(self, kinds: Sequence[str]) -> None:
        self.emails = [f for f, k in enumerate(kinds) if k == "email"]
        self.persons = [f for f, k in enumerate(kinds) if k in _PERSON_KINDS]
        self.domains = [f for f, k in enumerate(kinds) if k == "domain"]

    def __call__(self, levels: list[int], weights: list[float]) -> list[int]:
        emails = self.emails
        mailbox = False
        org = False
        for f in emails:
            if levels[f] == _EXACT:
                mailbox = True
            elif levels[f] == _PARTIAL:
                org = True
        if mailbox:
            return [f for f in self.persons if weights[f] > 0]
        if not org:
            return []
        agree = [f for f in self.domains if levels[f] in _AGREE]
        if not agree:
            return []
        best_site = max(0.0, *(weights[f] for f in agree))
        best_mail = max(0.0, *(weights[f] for f in emails if levels[f] == _PARTIAL))
        if best_site >= best_mail:
            return [f for f in emails if levels[f] == _PARTIAL]
        return agree


def _romanizable(a: Row, b: Row) -> bool:
    """Whether a check's company fields *a* and *b* may meet on a romanized trade name: one Han
    core, one not, and no two regions that name different places (苏州金邦 is not 绍兴金邦)."""
    return has_han(a[_T]) != has_han(b[_T]) and regions_agree(a[_R], b[_R])


def _lifted_note(a: str, b: str) -> str:
    """What a lifted company agreement of cores *a* and *b* says in an explanation."""
    return _NOTE_ROMANIZED if has_han(a) != has_han(b) else _NOTE_EXCLUSIVE


def _lift_terms(lv: int, a: str, a_whole: str, b: str, b_whole: str) -> tuple[str, ...]:
    """The term-frequency terms that decide whether company cores *a* and *b* (whole names
    *a_whole*, *b_whole*), compared at level *lv*, share a name that is theirs alone: two Han
    cores by their bigrams (:func:`~dupguard.index._features.exclusive_terms`), a Han and a
    Latin one by the trade name's pinyin (:func:`~dupguard.index._features.romanized_terms`)."""
    if has_han(a) != has_han(b):
        return romanized_terms(a, b)
    return exclusive_terms(a, b, shortest=_shortest(lv, a, a_whole, b, b_whole))


def _shortest(lv: int, a: str, a_whole: str, b: str, b_whole: str) -> int:
    """The fewest Han characters a core needs for an exclusive lift at level *lv* of cores *a*
    and *b*: three for PARTIAL, unless the shorter name is written out in the longer
    (:func:`~dupguard.index._features.spelled_out` of the whole names)."""
    if lv != _PARTIAL or spelled_out(a, a_whole, b, b_whole):
        return 2
    return _EXCLUSIVE_PARTIAL_MIN


def _whole(row: Row) -> str:
    """A company row's whole name without spaces or punctuation (its first aux value)."""
    aux = row[_X]
    return str(aux[0]) if aux else ""


def _short_core(key: str) -> bool:
    """A bare company core too short to identify a company alone: two Han characters (长青) or
    up to three Latin letters or digits (TSC, KL — listed companies' English short names)."""
    if "|" in key:
        return False
    if has_han(key):
        return len(key) <= 2
    return sum(c.isalnum() for c in key) <= 3


def to_probability(weight: float) -> float:
    """Scalar version of :func:`probability`."""
    if weight >= 0:
        return 1.0 / (1.0 + math.pow(2.0, -min(weight, 1000.0)))
    e = math.pow(2.0, max(weight, -1000.0))
    return e / (1.0 + e)
