"""Graded, vectorised comparisons: two columns of :class:`FieldData` → one level per pair.

Every kind compares to an ordered list of levels, checked best first (Splink's "comparison
levels"). Fuzzy similarities come from rapidfuzz's ``process.cpdist`` (C++, all cores) over the
whole batch of pairs at once; exact keys compare as numpy object arrays. The same function scores
one query against its candidates and a million pairs in a batch, so both give the same number.

Levels by kind (first that holds wins):

============  ==============================================================================
kind          levels
============  ==============================================================================
email         EXACT (a mailbox key shared) · PARTIAL (same company domain; never free-mail) ·
              DIFFERENT
phone         EXACT (an E.164 key shared) · PARTIAL (same national digits, one side without a
              country) · DIFFERENT
domain        EXACT (a website key shared) · PARTIAL (one side's website is the other's email
              company domain) · DIFFERENT
company       EXACT (folded core equal) · CROSS_SCRIPT (ASCII keys equal: 海天 = ``haitian``) ·
              CONTAINS (a Han core of ≥ 3 characters inside the other, or ≥ 4 in order) ·
              FUZZY_HIGH (similarity
              ≥ 0.92) · PARTIAL (one name contains the other, ≥ 4 letters; a Han subsequence) ·
              FUZZY_LOW (≥ 0.80) · DIFFERENT
person        EXACT (order-free key equal; Han and pinyin share it) · FUZZY_HIGH (≥ 0.92) ·
              PARTIAL (same surname romanization and first initial) · FUZZY_LOW (≥ 0.80) ·
              DIFFERENT
name          EXACT · FUZZY_HIGH (Jaro–Winkler ≥ 0.92) · PARTIAL (same metaphone) ·
              FUZZY_LOW (Jaro–Winkler ≥ 0.80) · DIFFERENT
text          EXACT · FUZZY_HIGH (token-sort ratio ≥ 0.90) · FUZZY_LOW (≥ 0.70) · DIFFERENT
exact         EXACT · FUZZY_HIGH (one edit apart, both ≥ 3 characters: a typo in a code) ·
              DIFFERENT
date          EXACT · FUZZY_HIGH (one digit edit, or day and month swapped) · FUZZY_LOW (same
              year) · DIFFERENT
country       EXACT · DIFFERENT
============  ==============================================================================

MISSING: either side has no usable value; it carries weight 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from dupguard.index._features import FieldData, in_order
from dupguard.normalize.text import has_han

__all__ = ["LEVELS_BY_KIND", "Columns", "Level", "compare", "in_order", "inside"]


class Level(IntEnum):
    """Comparison levels; the integer is only a storage code, not an order of strength."""

    MISSING = 0
    DIFFERENT = 1
    FUZZY_LOW = 2
    PARTIAL = 3
    FUZZY_HIGH = 4
    CROSS_SCRIPT = 5
    EXACT = 6
    CONTAINS = 7

    @property
    def label(self) -> str:
        return self.name.lower()


_L = Level
#: The levels each kind can produce (MISSING aside), best first.
LEVELS_BY_KIND: Final[dict[str, tuple[Level, ...]]] = {
    "email": (_L.EXACT, _L.PARTIAL, _L.DIFFERENT),
    "phone": (_L.EXACT, _L.PARTIAL, _L.DIFFERENT),
    "domain": (_L.EXACT, _L.PARTIAL, _L.DIFFERENT),
    "company": (
        _L.EXACT, _L.CROSS_SCRIPT, _L.CONTAINS, _L.FUZZY_HIGH, _L.PARTIAL, _L.FUZZY_LOW, _L.DIFFERENT,
    ),
    "person": (_L.EXACT, _L.FUZZY_HIGH, _L.PARTIAL, _L.FUZZY_LOW, _L.DIFFERENT),
    "name": (_L.EXACT, _L.FUZZY_HIGH, _L.PARTIAL, _L.FUZZY_LOW, _L.DIFFERENT),
    "text": (_L.EXACT, _L.FUZZY_HIGH, _L.FUZZY_LOW, _L.DIFFERENT),
    "exact": (_L.EXACT, _L.FUZZY_HIGH, _L.DIFFERENT),
    "date": (_L.EXACT, _L.FUZZY_HIGH, _L.FUZZY_LOW, _L.DIFFERENT),
    "country": (_L.EXACT, _L.DIFFERENT),
}

ObjArray = npt.NDArray[np.object_]
_COLUMN_NAMES: Final = ("keys", "aux", "text", "alt", "region", "industry", "trade", "generic")


def _objects(values: list[Any]) -> ObjArray:
    out: ObjArray = np.empty(len(values), dtype=object)
    out[:] = values
    return out
_PARALLEL_PAIRS: Final = 20_000
IntArray = npt.NDArray[np.int64]


class Columns:
    """One field of many records, laid out as arrays for vectorised comparison."""

    __slots__ = (
        "_first2",
        "_han",
        "_has_trade",
        "alt",
        "alt_len",
        "aux",
        "aux0",
        "generic",
        "industry",
        "key0",
        "keys",
        "multi",
        "present",
        "region",
        "text",
        "text_len",
        "trade",
    )

    def __init__(self, data: Sequence[FieldData], /) -> None:
        # One pass with plain attribute reads: compiled, each is a read from the object's struct.
        keys: list[tuple[str, ...]] = []
        aux: list[tuple[str, ...]] = []
        texts: list[str] = []
        alts: list[str] = []
        regions: list[str] = []
        industries: list[str] = []
        trades: list[tuple[str, ...]] = []
        generic: list[bool] = []
        for fd in data:
            keys.append(fd.keys)
            aux.append(fd.aux)
            texts.append(fd.text)
            alts.append(fd.alt)
            regions.append(fd.region)
            industries.append(fd.industry)
            trades.append(fd.trade)
            generic.append(fd.generic)
        self._fill(keys, aux, texts, alts, regions, industries, trades, generic)

    def _fill(
        self,
        keys: list[tuple[str, ...]],
        aux: list[tuple[str, ...]],
        texts: list[str],
        alts: list[str],
        regions: list[str],
        industries: list[str],
        trades: list[tuple[str, ...]],
        generic: list[bool],
    ) -> None:
        n = len(keys)
        self.keys = keys
        self.aux = aux
        self.trade = trades
        self.generic = np.fromiter(generic, dtype=bool, count=n)
        self.key0: ObjArray = _objects([k[0] if k else "" for k in keys])
        self.aux0: ObjArray = _objects([x[0] if x else "" for x in aux])
        self.text: ObjArray = _objects(texts)
        self.alt: ObjArray = _objects(alts)
        self.region: ObjArray = _objects(regions)
        self.industry: ObjArray = _objects(industries)
        self.text_len = np.fromiter(map(len, texts), dtype=np.int64, count=n)
        self.alt_len = np.fromiter(map(len, alts), dtype=np.int64, count=n)
        self.present = np.fromiter(map(bool, keys), dtype=bool, count=n)
        self.multi = np.fromiter(
            (len(k) > 1 or len(x) > 1 for k, x in zip(keys, aux, strict=True)), dtype=bool, count=n
        )
        # Computed on first use.
        self._first2: dict[bool, tuple[ObjArray, ObjArray, npt.NDArray[np.bool_]]] = {}
        self._has_trade: npt.NDArray[np.bool_] | None = None
        self._han: npt.NDArray[np.bool_] | None = None

    def first2(self, aux: bool) -> tuple[ObjArray, ObjArray, npt.NDArray[np.bool_]]:
        """Each record's first and second key (or aux value; ``""`` when absent) and whether it
        has more than two: most multi-valued fields hold two, so pairs compare as arrays."""
        got = self._first2.get(aux)
        if got is None:
            seqs = self.aux if aux else self.keys
            n = len(seqs)
            x0: ObjArray = np.empty(n, dtype=object)
            x0[:] = [t[0] if t else "" for t in seqs]
            x1: ObjArray = np.empty(n, dtype=object)
            x1[:] = [t[1] if len(t) > 1 else "" for t in seqs]
            many = np.fromiter((len(t) > 2 for t in seqs), dtype=bool, count=n)
            got = self._first2[aux] = (x0, x1, many)
        return got

    @property
    def has_trade(self) -> npt.NDArray[np.bool_]:
        """Whether each record has trade-name keys (computed once, on first use)."""
        if self._has_trade is None:
            self._has_trade = np.fromiter(map(bool, self.trade), dtype=bool, count=len(self.trade))
        return self._has_trade

    @property
    def han(self) -> npt.NDArray[np.bool_]:
        """Whether each record's text has Han characters (computed once, on first use)."""
        if self._han is None:
            self._han = np.fromiter(map(has_han, self.text), dtype=bool, count=len(self.text))
        return self._han

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Any]], /, *, attrs: Sequence[str]) -> Columns:
        """The same columns from plain rows: ``rows[r][t]`` is attribute ``attrs[t]`` of a
        :class:`FieldData` (as an index stores them), so no ``FieldData`` is built.

        Examples:
            >>> fd = FieldData(("acme",), "acme", "acme", (), "Acme", ())
            >>> names = ("keys", "text", "alt", "aux", "shown", "region", "industry")
            >>> row = tuple(getattr(fd, a) for a in names)
            >>> c = Columns.from_rows([row], attrs=names)
            >>> c.key0.tolist(), c.present.tolist(), c.text_len.tolist()
            (['acme'], [True], [4])
        """
        at = {a: t for t, a in enumerate(attrs)}
        defaults: dict[str, object] = {"trade": (), "generic": False}
        cols: list[list[Any]] = []
        for name in _COLUMN_NAMES:
            t = at.get(name)
            cols.append([defaults[name]] * len(rows) if t is None else [r[t] for r in rows])
        self = cls(())
        self._fill(*cols)
        return self


def inside(a: str, b: str, /) -> bool:
    """Whether the shorter of *a* and *b* stands whole inside the other (the two equal when
    their lengths are) — rapidfuzz's ``partial_ratio == 100`` for non-empty strings, without
    scoring every alignment.

    Examples:
        >>> inside("乔治白", "乔治白服饰"), inside("acme trading", "acme"), inside("海天", "天海")
        (True, True, False)
    """
    return (a in b) if len(a) <= len(b) else (b in a)


def _test_where(test: Any, a: ObjArray, b: ObjArray, where: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """``test(a[t], b[t])`` for the pairs *where* holds (False elsewhere)."""
    out = np.zeros(len(a), dtype=bool)
    idx = np.flatnonzero(where)
    if len(idx):
        out[idx] = [test(x, y) for x, y in zip(a[idx].tolist(), b[idx].tolist(), strict=True)]
    return out


def _sim(scorer: Any, a: ObjArray, b: ObjArray) -> npt.NDArray[np.float64]:
    if len(a) == 0:
        return np.zeros(0)
    # Threads in C++ (the GIL released) pay off on batches; a one-record check stays single.
    workers = -1 if len(a) >= _PARALLEL_PAIRS else 1
    out = process.cpdist(list(a), list(b), scorer=scorer, dtype=np.float64, workers=workers)
    return np.asarray(out, dtype=np.float64)


def _sim_where(scorer: Any, a: ObjArray, b: ObjArray, where: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    """:func:`_sim` on the pairs *where* holds (0 elsewhere): only the pairs a level can use."""
    out = np.zeros(len(a), dtype=np.float64)
    idx = np.flatnonzero(where)
    if len(idx):
        out[idx] = _sim(scorer, a[idx], b[idx])
    return out


def _any_shared(
    ca: Columns, cb: Columns, i: IntArray, j: IntArray, *, aux: bool, eq0: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """Whether the pairs share any key (aux=False) or aux value (aux=True); eq0 is the fast answer."""
    out = eq0.copy()
    slow = np.flatnonzero((ca.multi[i] | cb.multi[j]) & ~out)
    la, lb = (ca.aux, cb.aux) if aux else (ca.keys, cb.keys)
    for t in slow.tolist():
        a, b = la[i[t]], lb[j[t]]
        if a and b and not set(a).isdisjoint(b):
            out[t] = True
    return out


def _surname_only(ca: Columns, cb: Columns, i: IntArray, j: IntArray) -> npt.NDArray[np.bool_]:
    """Person PARTIAL: one side is a surname alone (张先生, Mr. Zhang) and the other has it."""
    out = np.zeros(len(i), dtype=bool)
    ends_a = np.fromiter((x.endswith("|") for x in ca.aux0[i]), bool, len(i))
    ends_b = np.fromiter((x.endswith("|") for x in cb.aux0[j]), bool, len(j))
    for t in np.flatnonzero(ends_a | ends_b).tolist():
        sa = {x.split("|", 1)[0] for x in ca.aux[i[t]]}
        sb = {x.split("|", 1)[0] for x in cb.aux[j[t]]}
        if not sa.isdisjoint(sb):
            out[t] = True
    return out


def _shared_cross(ca: Columns, cb: Columns, i: IntArray, j: IntArray) -> npt.NDArray[np.bool_]:
    """Domain PARTIAL: a website key on one side among the other's aux (email company) domains."""

    def inside(k: Columns, x: Columns, p: IntArray, q: IntArray) -> npt.NDArray[np.bool_]:
        k0, k1, km = k.first2(False)
        x0, x1, xm = x.first2(True)
        ka, kb = k0[p], k1[p]
        xa, xb = x0[q], x1[q]
        found: npt.NDArray[np.bool_] = np.asarray(
            ((ka != "") & ((ka == xa) | (ka == xb))) | ((kb != "") & ((kb == xa) | (kb == xb))), dtype=bool
        )
        for t in np.flatnonzero((km[p] | xm[q]) & ~found).tolist():
            ks = k.keys[p[t]]
            found[t] = bool(ks) and not set(ks).isdisjoint(x.aux[q[t]])
        return found

    return np.asarray(inside(ca, cb, i, j) | inside(cb, ca, j, i), dtype=bool)


def compare(
    kind: str, ca: Columns, cb: Columns, i: IntArray, j: IntArray
) -> tuple[npt.NDArray[np.int8], ObjArray]:
    """Levels for pairs ``(ca[i[t]], cb[j[t]])``, and the shared key of each EXACT pair.

    Returns:
        ``(levels, matched)`` where ``matched[t]`` is the key both sides share when
        ``levels[t] == EXACT`` (for term-frequency weights) and ``""`` otherwise.
    """
    n = len(i)
    levels = np.full(n, Level.DIFFERENT, dtype=np.int8)
    k0a, k0b = ca.key0[i], cb.key0[j]
    pa, pb = ca.present[i], cb.present[j]
    both = pa & pb
    eq0 = both & (k0a == k0b)
    exact = _any_shared(ca, cb, i, j, aux=False, eq0=eq0) & both
    matched: ObjArray = np.full(n, "", dtype=object)
    matched[eq0] = k0a[eq0]
    for t in np.flatnonzero(exact & ~eq0).tolist():
        # the most specific shared key (region-qualified company cores are the longest)
        matched[t] = max(set(ca.keys[i[t]]) & set(cb.keys[j[t]]), key=lambda k: (len(k), k))

    rest = both & ~exact
    if kind in {"email", "phone"}:
        aux_eq = (ca.aux0[i] == cb.aux0[j]) & (ca.aux0[i] != "")
        shared = _any_shared(ca, cb, i, j, aux=True, eq0=aux_eq)
        levels[rest & shared] = Level.PARTIAL
    elif kind == "domain":
        cross = _shared_cross(ca, cb, i, j) & ~exact
        levels[:] = Level.MISSING
        levels[both] = Level.DIFFERENT
        levels[cross] = Level.PARTIAL
        levels[exact] = Level.EXACT
        return levels, matched
    elif kind in {"company", "person", "name", "text", "exact", "date"}:
        idx = np.flatnonzero(rest)
        if len(idx):
            _fuzzy(kind, ca, cb, i[idx], j[idx], idx, levels)
    levels[~both] = Level.MISSING
    levels[exact] = Level.EXACT
    if kind == "company":
        # Two different regions contradict a shared trade name: 深圳能源 / 湖南能源 are two
        # companies. (A side without a region says nothing.)
        ra, rb = ca.region[i], cb.region[j]
        conflict = both & (ra != "") & (rb != "") & (ra != rb)
        # So do two lines of business: Chinese law lets one trade name be registered again in
        # another industry (华塑控股 / 华塑科技, 万年青水泥 / 万年青制药 are different companies).
        ia, ib = ca.industry[i], cb.industry[j]
        for t in np.flatnonzero(both & (ia != "") & (ib != "") & (ia != ib)).tolist():
            if set(ia[t].split(",")).isdisjoint(ib[t].split(",")):
                conflict[t] = True
        levels[conflict] = Level.DIFFERENT
        matched[conflict] = ""
    return levels, matched


def _fuzzy(
    kind: str,
    ca: Columns,
    cb: Columns,
    i: IntArray,
    j: IntArray,
    idx: IntArray,
    levels: npt.NDArray[np.int8],
) -> None:
    ta, tb = ca.text[i], cb.text[j]
    lv = np.full(len(idx), Level.DIFFERENT, dtype=np.int8)
    if kind == "company":
        aa, ab = ca.alt[i], cb.alt[j]
        han = ca.han[i] & cb.han[j]
        # Pinyin = Latin is cross-script evidence (海天 / HAITIAN); two Han names that only sound
        # alike (韵达 / 运达) are different characters, so their ASCII forms are not compared.
        cross = (aa == ab) & (aa != "") & ~han
        # A Han name and its English rendering: same trade name in pinyin, product line
        # translated (平安银行 / Ping An Bank; see company.trade_keys).
        maybe = ~cross & (ca.han[i] != cb.han[j]) & ca.has_trade[i] & cb.has_trade[j]
        for t in np.flatnonzero(maybe).tolist():
            x, y = ca.trade[i[t]], cb.trade[j[t]]
            if x and y and not set(x).isdisjoint(y):
                cross[t] = True
        use_ascii = (aa != "") & (ab != "") & ~han
        xa, xb = ca.aux0[i], cb.aux0[j]
        s = np.maximum.reduce(
            [
                _sim(fuzz.token_sort_ratio, ta, tb) / 100.0,
                _sim_where(JaroWinkler.normalized_similarity, aa, ab, use_ascii),
                _sim_where(JaroWinkler.normalized_similarity, xa, xb, (xa != "") & (xb != "")),
            ]
        )
        short = np.minimum(ca.alt_len[i], cb.alt_len[j])
        ascii4 = (short >= 4) & use_ascii
        part = _test_where(inside, aa, ab, ascii4)
        # Han abbreviations keep the full name's characters in order (深振业 / 深圳市振业):
        # the shorter core is a subsequence of the longer one.
        hshort = np.minimum(ca.text_len[i], cb.text_len[j])
        han2 = han & (hshort >= 2)
        part |= _test_where(in_order, ta, tb, han2 & ~part)
        # A Han core of three or more characters standing whole inside the other (乔治白 /
        # 乔治白服饰) is how short names are made; two characters (海天 / 海天达) are not enough.
        # Four or more kept in order (长盛轴承 / 长盛滑动轴承) say as much.
        # A core of product words only (台灣半導體 → 半导体 once the region is split off) names a
        # line of business: finding it inside another name says nothing.
        han3 = han & (hshort >= 3) & ~(ca.generic[i] | cb.generic[j])
        part &= ~(ca.generic[i] | cb.generic[j])
        contains = _test_where(inside, ta, tb, han3)
        contains |= part & han & (hshort >= 4)
        lv = np.select(
            [cross, contains, s >= 0.92, part, s >= 0.80],
            [Level.CROSS_SCRIPT, Level.CONTAINS, Level.FUZZY_HIGH, Level.PARTIAL, Level.FUZZY_LOW],
            Level.DIFFERENT,
        ).astype(np.int8)
    elif kind == "person":
        s = np.maximum.reduce(
            [
                _sim(fuzz.token_sort_ratio, ta, tb) / 100.0,
                _sim(JaroWinkler.normalized_similarity, ta, tb),
                _sim(JaroWinkler.normalized_similarity, ca.alt[i], cb.alt[j]),
            ]
        )
        aux_eq = (ca.aux0[i] == cb.aux0[j]) & (ca.aux0[i] != "")
        part = _any_shared(ca, cb, i, j, aux=True, eq0=aux_eq) | _surname_only(ca, cb, i, j)
        lv = np.select(
            [s >= 0.92, part, s >= 0.80],
            [Level.FUZZY_HIGH, Level.PARTIAL, Level.FUZZY_LOW],
            Level.DIFFERENT,
        ).astype(np.int8)
    elif kind == "name":
        jw = _sim(JaroWinkler.normalized_similarity, ta, tb)
        phon = (ca.aux0[i] == cb.aux0[j]) & (ca.aux0[i] != "")
        lv = np.select(
            [jw >= 0.92, phon, jw >= 0.80],
            [Level.FUZZY_HIGH, Level.PARTIAL, Level.FUZZY_LOW],
            Level.DIFFERENT,
        ).astype(np.int8)
    elif kind == "text":
        s = _sim(fuzz.token_sort_ratio, ta, tb) / 100.0
        lv = np.select([s >= 0.90, s >= 0.70], [Level.FUZZY_HIGH, Level.FUZZY_LOW], Level.DIFFERENT).astype(
            np.int8
        )
    elif kind == "exact":
        d = _sim(Levenshtein.distance, ta, tb)
        short = np.minimum(ca.text_len[i], cb.text_len[j])
        lv = np.where((d <= 1) & (short >= 3), Level.FUZZY_HIGH, Level.DIFFERENT).astype(np.int8)
    elif kind == "date":
        d = _sim(Levenshtein.distance, ta, tb)
        year = (ca.aux0[i] == cb.aux0[j]) & (ca.aux0[i] != "")
        swapped = np.zeros(len(ta), dtype=bool)
        for t in np.flatnonzero(year & (d == 2)).tolist():  # a day/month swap is 2 edits, same year
            a, b = ta[t], tb[t]
            swapped[t] = len(a) == 8 and len(b) == 8 and a[4:6] == b[6:8] and a[6:8] == b[4:6]
        lv = np.select(
            [(d <= 1) | swapped, year], [Level.FUZZY_HIGH, Level.FUZZY_LOW], Level.DIFFERENT
        ).astype(np.int8)
    levels[idx] = lv
