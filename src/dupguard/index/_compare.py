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
from rapidfuzz.distance import JaroWinkler, LCSseq, Levenshtein

from dupguard.index._features import FieldData
from dupguard.normalize.text import has_han

__all__ = ["LEVELS_BY_KIND", "Columns", "Level", "compare"]


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
_PARALLEL_PAIRS: Final = 20_000
IntArray = npt.NDArray[np.int64]


class Columns:
    """One field of many records, laid out as arrays for vectorised comparison."""

    __slots__ = (
        "alt", "alt_len", "aux", "aux0", "industry", "key0", "keys", "multi", "present", "region", "text",
        "text_len",
    )

    def __init__(self, data: Sequence[FieldData], /) -> None:
        n = len(data)
        self.keys = [d.keys for d in data]
        self.aux = [d.aux for d in data]
        self.key0: ObjArray = np.empty(n, dtype=object)
        self.key0[:] = [d.keys[0] if d.keys else "" for d in data]
        self.aux0: ObjArray = np.empty(n, dtype=object)
        self.aux0[:] = [d.aux[0] if d.aux else "" for d in data]
        self.text: ObjArray = np.empty(n, dtype=object)
        self.text[:] = [d.text for d in data]
        self.alt: ObjArray = np.empty(n, dtype=object)
        self.alt[:] = [d.alt for d in data]
        self.region: ObjArray = np.empty(n, dtype=object)
        self.region[:] = [d.region for d in data]
        self.industry: ObjArray = np.empty(n, dtype=object)
        self.industry[:] = [d.industry for d in data]
        self.text_len = np.fromiter((len(d.text) for d in data), dtype=np.int64, count=n)
        self.alt_len = np.fromiter((len(d.alt) for d in data), dtype=np.int64, count=n)
        self.present = np.fromiter((bool(d.keys) for d in data), dtype=bool, count=n)
        self.multi = np.fromiter(
            (len(d.keys) > 1 or len(d.aux) > 1 for d in data), dtype=bool, count=n
        )


def _sim(scorer: Any, a: ObjArray, b: ObjArray) -> npt.NDArray[np.float64]:
    if len(a) == 0:
        return np.zeros(0)
    # Threads in C++ (the GIL released) pay off on batches; a one-record check stays single.
    workers = -1 if len(a) >= _PARALLEL_PAIRS else 1
    out = process.cpdist(list(a), list(b), scorer=scorer, dtype=np.float64, workers=workers)
    return np.asarray(out, dtype=np.float64)


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
    out = np.zeros(len(i), dtype=bool)
    cand = np.flatnonzero((ca.aux0[i] != "") & (cb.aux0[j] != ""))
    for t in cand.tolist():
        ka, kb = set(ca.keys[i[t]]), set(cb.keys[j[t]])
        aa, ab = ca.aux[i[t]], cb.aux[j[t]]
        if (ka and not ka.isdisjoint(ab)) or (kb and not kb.isdisjoint(aa)):
            out[t] = True
    return out


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
        ha = np.fromiter((has_han(x) for x in ta), bool, len(ta))
        hb = np.fromiter((has_han(x) for x in tb), bool, len(tb))
        han = ha & hb
        # Pinyin = Latin is cross-script evidence (海天 / HAITIAN); two Han names that only sound
        # alike (韵达 / 运达) are different characters, so their ASCII forms are not compared.
        cross = (aa == ab) & (aa != "") & ~han
        use_ascii = (aa != "") & (ab != "") & ~han
        xa, xb = ca.aux0[i], cb.aux0[j]
        s = np.maximum.reduce(
            [
                _sim(fuzz.token_sort_ratio, ta, tb) / 100.0,
                _sim(JaroWinkler.normalized_similarity, aa, ab) * use_ascii,
                _sim(JaroWinkler.normalized_similarity, xa, xb) * ((xa != "") & (xb != "")),
            ]
        )
        short = np.minimum(ca.alt_len[i], cb.alt_len[j])
        part = (_sim(fuzz.partial_ratio, aa, ab) >= 100.0) & (short >= 4) & use_ascii
        # Han abbreviations keep the full name's characters in order (深振业 / 深圳市振业):
        # the shorter core is a subsequence of the longer one.
        hshort = np.minimum(ca.text_len[i], cb.text_len[j])
        part |= han & (hshort >= 2) & (_sim(LCSseq.similarity, ta, tb) >= hshort)
        # A Han core of three or more characters standing whole inside the other (乔治白 /
        # 乔治白服饰) is how short names are made; two characters (海天 / 海天达) are not enough.
        # Four or more kept in order (长盛轴承 / 长盛滑动轴承) say as much.
        contains = han & (hshort >= 3) & (_sim(fuzz.partial_ratio, ta, tb) >= 100.0)
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
