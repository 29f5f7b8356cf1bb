"""The comparisons of :mod:`dupguard.index._compare`, one pair at a time, in plain Python.

A one-record check scores a few dozen candidates. The vectorised :func:`~dupguard.index._compare.compare`
pays a fixed cost of a few hundred microseconds per field however few the pairs (numpy calls on
tiny arrays), which made it most of a check's time; these scalar twins take a few microseconds a
pair. They must give the same level and the same matched key as the vectorised path for every
pair — ``tests/index/test_compare_one.py`` checks that on generated customers, Febrl and
adversarial values — so batch and one-record scores stay equal.

A *row* is a field's stored data: the :class:`~dupguard.index._features.FieldData` attributes in
:data:`~dupguard.index._store.FIELD_ATTRS` order, as the index keeps them (:data:`EMPTY_ROW` for an
empty field).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler, Levenshtein

from dupguard.index._compare import Level, in_order, inside
from dupguard.index._store import EMPTY_ROW, FIELD_ATTRS
from dupguard.normalize.text import has_han

__all__ = ["EMPTY_ROW", "Row", "compare_one", "key0", "prepare", "row_of"]

Row = Sequence[Any]

_K: Final = FIELD_ATTRS.index("keys")
_T: Final = FIELD_ATTRS.index("text")
_A: Final = FIELD_ATTRS.index("alt")
_X: Final = FIELD_ATTRS.index("aux")
_R: Final = FIELD_ATTRS.index("region")
_I: Final = FIELD_ATTRS.index("industry")
_TR: Final = FIELD_ATTRS.index("trade")
_G: Final = FIELD_ATTRS.index("generic")

_EXACT: Final = int(Level.EXACT)
_DIFFERENT: Final = int(Level.DIFFERENT)
_MISSING: Final = int(Level.MISSING)
_PARTIAL: Final = int(Level.PARTIAL)
_FUZZY_HIGH: Final = int(Level.FUZZY_HIGH)
_FUZZY_LOW: Final = int(Level.FUZZY_LOW)
_CROSS: Final = int(Level.CROSS_SCRIPT)
_CONTAINS: Final = int(Level.CONTAINS)

_tsr = fuzz.token_sort_ratio
_jw = JaroWinkler.normalized_similarity
_lev = Levenshtein.distance


def row_of(fd: Any, /) -> tuple[Any, ...]:
    """A :class:`FieldData` as a row (what the index stores).

    Examples:
        >>> from dupguard.index._features import FieldData
        >>> row_of(FieldData(("acme",), "acme", "acme", (), "Acme", ()))[:5]
        (('acme',), 'acme', 'acme', (), 'Acme')
    """
    return tuple(getattr(fd, a) for a in FIELD_ATTRS)


def key0(row: Row, /) -> str:
    """A row's first key (``""`` when it has none).

    Examples:
        >>> key0(EMPTY_ROW)
        ''
    """
    keys: Sequence[str] = row[_K]
    return keys[0] if keys else ""


def _multi(r: Row) -> bool:
    return len(r[_K]) > 1 or len(r[_X]) > 1


def _first(seq: Sequence[str]) -> str:
    return seq[0] if seq else ""


def _shared(a: Row, b: Row, at: int) -> bool:
    """``_any_shared`` of the vectorised path: first values equal (non-empty), or, when either
    side holds several, any value in common."""
    sa, sb = a[at], b[at]
    x = _first(sa)
    if x != "" and x == _first(sb):
        return True
    return (_multi(a) or _multi(b)) and bool(sa) and bool(sb) and not set(sa).isdisjoint(sb)


def compare_one(kind: str, a: Row, b: Row, /) -> tuple[int, str]:
    """The level of one pair of rows, and the key both share when it is EXACT (else ``""``).

    Equal to :func:`dupguard.index._compare.compare` on the same pair.

    Examples:
        >>> from dupguard.index._features import FieldData
        >>> x = row_of(FieldData(("li@acme.cn",), "li@acme.cn", "", ("acme.cn",), "li@acme.cn", ()))
        >>> y = row_of(FieldData(("wang@acme.cn",), "wang@acme.cn", "", ("acme.cn",), "wang@acme.cn", ()))
        >>> compare_one("email", x, x), compare_one("email", x, y)
        ((6, 'li@acme.cn'), (3, ''))
    """
    return prepare(kind, a)(b)


_NONE: Final = (_MISSING, "")

# The comparers below are small callable classes, not closures: compiled by mypyc (the compiled
# wheel), a closure and its environment refer to each other, so every check would leave cyclic
# garbage behind for the collector (52 collections per 1,000 checks instead of 7, measured).


class _Shared:
    """The EXACT test with row *a* fixed: its first key, its key set, whether it holds several."""

    __slots__ = ("a0", "a_multi", "a_set")

    def __init__(self, a: Row) -> None:
        ka: Sequence[str] = a[_K]
        self.a0: str = ka[0] if ka else ""
        self.a_multi = _multi(a)
        self.a_set = frozenset(ka)

    def key(self, kb: Sequence[str], b: Row) -> str | None:
        """The shared key (``None`` when none is shared); *kb* is non-empty."""
        if kb[0] == self.a0:
            return self.a0
        a_set = self.a_set
        if (self.a_multi or len(kb) > 1 or len(b[_X]) > 1) and not a_set.isdisjoint(kb):
            return max(a_set.intersection(kb), key=_specific)
        return None


class _Missing:
    __slots__ = ()

    def __call__(self, b: Row) -> tuple[int, str]:
        return _NONE


class _Domain:
    __slots__ = ("a", "shared")

    def __init__(self, a: Row) -> None:
        self.a, self.shared = a, _Shared(a)

    def __call__(self, b: Row) -> tuple[int, str]:
        a = self.a
        kb = b[_K]
        both = bool(a[_K]) and bool(kb)
        if both:
            m = self.shared.key(kb, b)
            if m is not None:
                return _EXACT, m
        if _inside(a, b) or _inside(b, a):
            return _PARTIAL, ""
        return (_DIFFERENT if both else _MISSING), ""


class _Other:
    __slots__ = ("rest", "shared")

    def __init__(self, a: Row, rest: Callable[[Row], int]) -> None:
        self.shared, self.rest = _Shared(a), rest

    def __call__(self, b: Row) -> tuple[int, str]:
        kb = b[_K]
        if not kb:
            return _NONE
        m = self.shared.key(kb, b)
        if m is not None:
            return _EXACT, m
        return self.rest(b), ""


class _CompanyPair:
    __slots__ = ("ia", "ia_set", "ra", "rest", "shared")

    def __init__(self, a: Row) -> None:
        self.shared, self.rest = _Shared(a), _Company(a)
        self.ra: str = a[_R]
        self.ia: str = a[_I]
        self.ia_set = frozenset(self.ia.split(","))

    def __call__(self, b: Row) -> tuple[int, str]:
        kb = b[_K]
        if not kb:
            return _NONE
        rb, ib = b[_R], b[_I]
        ra, ia = self.ra, self.ia
        if (ra != "" and rb not in ("", ra)) or (
            ia != "" and ib not in ("", ia) and self.ia_set.isdisjoint(ib.split(","))
        ):
            # Two regions, or two lines of business, contradict a shared trade name.
            return _DIFFERENT, ""
        m = self.shared.key(kb, b)
        if m is not None:
            return _EXACT, m
        return self.rest(b), ""


def prepare(kind: str, a: Row, /) -> Callable[[Row], tuple[int, str]]:
    """:func:`compare_one` with its first row fixed: ``prepare(kind, a)(b) == compare_one(kind,
    a, b)``. What depends on *a* alone (its key set, whether it is Han, its industries) is
    worked out once, for a query compared with many candidates.

    Examples:
        >>> from dupguard.index._features import FieldData
        >>> x = row_of(FieldData(("li@acme.cn",), "li@acme.cn", "", ("acme.cn",), "li@acme.cn", ()))
        >>> prepare("email", x)(EMPTY_ROW)
        (0, '')
    """
    if kind == "domain":
        return _Domain(a)
    if not a[_K]:
        return _Missing()
    if kind == "company":
        return _CompanyPair(a)
    return _Other(a, _rest(kind, a))


def _specific(key: str) -> tuple[int, str]:
    """The most specific shared key first: region-qualified company cores are the longest."""
    return (len(key), key)


class _Bound:
    """A level function of two rows with the first one fixed: ``_Bound(fn, a)(b) == fn(a, b)``."""

    __slots__ = ("a", "fn")

    def __init__(self, fn: Callable[[Row, Row], int], a: Row) -> None:
        self.fn, self.a = fn, a

    def __call__(self, b: Row) -> int:
        return self.fn(self.a, b)


class _Name:
    __slots__ = ("ta", "xa0")

    def __init__(self, a: Row) -> None:
        self.ta: str = a[_T]
        self.xa0 = _first(a[_X])

    def __call__(self, b: Row) -> int:
        jw = _jw(self.ta, b[_T])
        if jw >= 0.92:
            return _FUZZY_HIGH
        xa0 = self.xa0
        if xa0 != "" and xa0 == _first(b[_X]):
            return _PARTIAL
        return _FUZZY_LOW if jw >= 0.80 else _DIFFERENT


class _Text:
    __slots__ = ("ta",)

    def __init__(self, a: Row) -> None:
        self.ta: str = a[_T]

    def __call__(self, b: Row) -> int:
        s = _tsr(self.ta, b[_T]) / 100.0
        return _FUZZY_HIGH if s >= 0.90 else _FUZZY_LOW if s >= 0.70 else _DIFFERENT


class _Code:
    """exact: one edit apart (and at least three characters) is FUZZY_HIGH."""

    __slots__ = ("ta",)

    def __init__(self, a: Row) -> None:
        self.ta: str = a[_T]

    def __call__(self, b: Row) -> int:
        ta, tb = self.ta, b[_T]
        return _FUZZY_HIGH if _lev(ta, tb) <= 1 and min(len(ta), len(tb)) >= 3 else _DIFFERENT


class _Different:
    __slots__ = ()

    def __call__(self, b: Row) -> int:
        return _DIFFERENT


def _rest(kind: str, a: Row) -> Callable[[Row], int]:
    """The level of a pair of present values sharing no key."""
    if kind in {"email", "phone"}:
        return _Bound(_aux, a)
    if kind == "company":
        return _Company(a)
    if kind == "person":
        return _Bound(_person, a)
    if kind == "name":
        return _Name(a)
    if kind == "text":
        return _Text(a)
    if kind == "exact":
        return _Code(a)
    if kind == "date":
        return _Bound(_date, a)
    return _Different()


def _inside(k: Row, x: Row) -> bool:
    """Domain PARTIAL: one of *k*'s website keys among *x*'s aux (email company) domains."""
    ks, xs = k[_K], x[_X]
    if not ks or not xs:
        return False
    x0, x1 = xs[0], (xs[1] if len(xs) > 1 else "")
    for key in ks[:2]:
        if key != "" and key in (x0, x1):
            return True
    return (len(ks) > 2 or len(xs) > 2) and not set(ks).isdisjoint(xs)


class _Company:
    """company: the level of two names sharing no key (cross-script, contains, fuzzy, partial)."""

    __slots__ = ("aa", "generic_a", "han_a", "ta", "trade_a", "xa")

    def __init__(self, a: Row) -> None:
        self.ta: str = a[_T]
        self.aa: str = a[_A]
        self.han_a = has_han(self.ta)
        self.trade_a = frozenset(a[_TR])
        self.xa = _first(a[_X])
        self.generic_a = bool(a[_G])

    def __call__(self, b: Row) -> int:
        ta, aa, han_a, trade_a, xa = self.ta, self.aa, self.han_a, self.trade_a, self.xa
        tb, ab = b[_T], b[_A]
        han_b = has_han(tb)
        han = han_a and han_b
        if aa == ab and aa != "" and not han:
            return _CROSS
        if han_a != han_b and trade_a and b[_TR] and not trade_a.isdisjoint(b[_TR]):
            return _CROSS
        use_ascii = aa != "" and ab != "" and not han
        xb = _first(b[_X])
        s = _tsr(ta, tb) / 100.0
        if use_ascii:
            s = max(s, _jw(aa, ab))
        if xa != "" and xb != "":
            s = max(s, _jw(xa, xb))
        part = use_ascii and min(len(aa), len(ab)) >= 4 and inside(aa, ab)
        hshort = min(len(ta), len(tb))
        if han and hshort >= 2 and not part:
            part = in_order(ta, tb)
        generic = self.generic_a or bool(b[_G])
        part = part and not generic
        contains = han and hshort >= 3 and not generic and inside(ta, tb)
        if contains or (part and han and hshort >= 4):
            return _CONTAINS
        if s >= 0.92:
            return _FUZZY_HIGH
        if part:
            return _PARTIAL
        return _FUZZY_LOW if s >= 0.80 else _DIFFERENT


def _aux(a: Row, b: Row) -> int:
    """email, phone: PARTIAL when the aux keys meet (same company domain, same national number)."""
    return _PARTIAL if _shared(a, b, _X) else _DIFFERENT


def _person(a: Row, b: Row) -> int:
    ta, tb = a[_T], b[_T]
    s = max(_tsr(ta, tb) / 100.0, _jw(ta, tb), _jw(a[_A], b[_A]))
    if s >= 0.92:
        return _FUZZY_HIGH
    if _shared(a, b, _X) or _surname_only(a[_X], b[_X]):
        return _PARTIAL
    return _FUZZY_LOW if s >= 0.80 else _DIFFERENT


def _surname_only(xa: Sequence[str], xb: Sequence[str]) -> bool:
    if not (_first(xa).endswith("|") or _first(xb).endswith("|")):
        return False
    return not {x.split("|", 1)[0] for x in xa}.isdisjoint({x.split("|", 1)[0] for x in xb})


def _date(a: Row, b: Row) -> int:
    ta, tb = a[_T], b[_T]
    d = _lev(ta, tb)
    y = _first(a[_X])
    year = y != "" and y == _first(b[_X])
    swapped = (
        year and d == 2 and len(ta) == 8 and len(tb) == 8 and ta[4:6] == tb[6:8] and ta[6:8] == tb[4:6]
    )
    if d <= 1 or swapped:
        return _FUZZY_HIGH
    return _FUZZY_LOW if year else _DIFFERENT
