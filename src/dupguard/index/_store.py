"""Compact structures behind :class:`~dupguard.index.Index`: hashed postings and exact counters.

A Python ``set`` per blocking key and a ``dict`` entry per term costs kilobytes per record. Here
every key is a 64-bit hash and every record a small integer *slot*:

* :class:`Postings` — a multimap hash → slots, LSM style: each distinct key's slots as one run
  of an ``int32`` array (compressed sparse rows: 4 bytes per posting and 16 per distinct key,
  one binary search per key looked up), plus a dict buffer of recent additions merged in when
  it grows. Removed slots are filtered by the caller's ``alive`` array and purged
  at the next merge.
* :class:`HashCounts` — exact counts per hash (sorted ``int64`` keys + ``int32`` counts, plus a
  delta dict), with the number of keys whose count is positive.
* :func:`encode_fields` / :data:`FIELD_ATTRS` — the per-record scoring data as plain tuples of
  strings (everything a :class:`~dupguard.index._features.FieldData` holds but its blocking
  keys), for a ``marshal`` blob per record.

Keys are hashed with the built-in :func:`hash`, salted per process (``PYTHONHASHSEED``): fine for
an index that lives in one process's memory, but a persistent store must use a stable hash
(e.g. ``blake2b`` of the UTF-8 key, 8 bytes). Two distinct keys meet in one 64-bit hash with
probability about n² / 2⁶⁵ — 3·10⁻⁶ for 10⁷ keys.

Examples:
    >>> p, alive = Postings(), np.ones(4, dtype=bool)
    >>> p.add([hash("org:acme.com"), hash("phone:+4930")], 0); p.add([hash("org:acme.com")], 1)
    >>> slots, which, sizes = p.lookup(np.array([hash("org:acme.com")], dtype=np.int64))
    >>> sorted(slots.tolist()), which.tolist()
    ([0, 1], [0, 0])
    >>> c = HashCounts(); c.add([7, 8], 1).tolist(), c.add([7], 1).tolist(), c.get(7), c.distinct
    ([1, 1], [2], 2, 2)
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Iterable, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from dupguard.index._features import FieldData

__all__ = [
    "EMPTY_ROW", "FIELD_ATTRS", "BlobHeap", "HashCounts", "Postings", "SlotMap", "decode_field", "encode_fields",
    "run_heads", "runs",
]

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
Bools = npt.NDArray[np.bool_]

#: The :class:`FieldData` attributes kept per record, in order: all of them but ``blocks``
#: (blocking keys live in the postings as hashes). Derived, so a new attribute is kept too.
FIELD_ATTRS: Final = tuple(f.name for f in dataclasses.fields(FieldData) if f.name != "blocks")
_EMPTY = FieldData((), "", "", (), "", ())
#: The stored row of a field without a usable value (stored as ``None`` in a blob).
EMPTY_ROW: Final = tuple(getattr(_EMPTY, a) for a in FIELD_ATTRS)
_ROW_OF: Final = operator.attrgetter(*FIELD_ATTRS)

_MIN_MERGE: Final = 50_000
_MERGE_FRACTION: Final = 0.02


def encode_fields(fields: Sequence[FieldData], /) -> tuple[tuple[Any, ...] | None, ...]:
    """Plain tuples of a record's fields (``None`` for an empty field), for ``marshal``.

    Examples:
        >>> fd = FieldData(("acme",), "acme", "acme", (), "ACME Ltd", ("company.core:acme",))
        >>> row, empty = encode_fields([fd, FieldData((), "", "", (), "", ())])
        >>> row[:5], empty
        ((('acme',), 'acme', 'acme', (), 'ACME Ltd'), None)
    """
    return tuple(None if row == EMPTY_ROW else row for row in map(_ROW_OF, fields))


def decode_field(row: Sequence[Any] | None, /) -> FieldData:
    """The :class:`FieldData` of a stored row (its ``blocks`` empty: they are not stored).

    Examples:
        >>> fd = FieldData(("acme",), "acme", "acme", (), "ACME Ltd", ("company.core:acme",))
        >>> decode_field(encode_fields([fd])[0]) == dataclasses.replace(fd, blocks=())
        True
        >>> decode_field(None).keys
        ()
    """
    if row is None:
        return _EMPTY
    args: list[Any] = [row[t] if t >= 0 else () for t in _POSITIONS]
    return FieldData(*args)


#: For each positional parameter of FieldData: its index in a stored row (-1: ``blocks``).
_POSITIONS: Final = tuple(
    FIELD_ATTRS.index(f.name) if f.name != "blocks" else -1 for f in dataclasses.fields(FieldData)
)


def runs(starts: I64, counts: I64, /) -> I64:
    """``concatenate([arange(a, a + c) for a, c in zip(starts, counts)])``, without the loop.

    Examples:
        >>> runs(np.array([5, 0]), np.array([2, 3])).tolist()
        [5, 6, 0, 1, 2]
    """
    ends = np.cumsum(counts)
    out: I64 = np.arange(int(counts.sum()), dtype=np.int64) + np.repeat(starts - (ends - counts), counts)
    return out


def run_heads(values: npt.NDArray[Any], /) -> npt.NDArray[np.intp]:
    """Where each run of equal values starts in a sorted (or grouped) array.

    Examples:
        >>> run_heads(np.array([3, 3, 5, 7, 7, 7])).tolist()
        [0, 2, 3]
    """
    return np.flatnonzero(np.concatenate([values[:1] == values[:1], values[1:] != values[:-1]]))


def _merge_due(pending: int, main: int, min_merge: int, fraction: float) -> bool:
    return pending > max(min_merge, int(fraction * main))


class HashCounts:
    """Exact non-negative counts per 64-bit key: a sorted main array plus a delta dict.

    Args:
        min_merge: merge the delta into the main arrays once it holds more than
            ``max(min_merge, merge_fraction × main size)`` keys.
        merge_fraction: see *min_merge*.

    Examples:
        >>> c = HashCounts(min_merge=1)
        >>> c.add([5, 6, 7], 1).tolist(), c.add([6], -1).tolist(), c.distinct
        ([1, 1, 1], [0], 2)
        >>> c.merge(); c.get(5), c.get(6), c.as_dict()
        (1, 0, {5: 1, 7: 1})
    """

    __slots__ = ("_counts", "_delta", "_fraction", "_keys", "_min_merge", "distinct")

    def __init__(self, *, min_merge: int = _MIN_MERGE, merge_fraction: float = _MERGE_FRACTION) -> None:
        self._keys: I64 = np.zeros(0, dtype=np.int64)
        self._counts: I32 = np.zeros(0, dtype=np.int32)
        self._delta: dict[int, int] = {}
        self._min_merge, self._fraction = min_merge, merge_fraction
        #: how many keys have a positive count
        self.distinct = 0

    def _main(self, hs: I64) -> I64:
        """Main-array counts of *hs* (0 where absent)."""
        keys = self._keys
        if not len(keys) or not len(hs):
            return np.zeros(len(hs), dtype=np.int64)
        pos = np.minimum(np.searchsorted(keys, hs), len(keys) - 1)
        return np.where(keys[pos] == hs, self._counts[pos], 0).astype(np.int64)

    def get(self, h: int, /) -> int:
        """The count of *h* (0 when absent)."""
        keys = self._keys
        pos = int(keys.searchsorted(h))
        main = int(self._counts[pos]) if pos < len(keys) and int(keys[pos]) == h else 0
        return main + self._delta.get(h, 0)

    def get_many(self, hs: I64, /) -> I64:
        """The counts of the keys *hs*."""
        out = self._main(hs)
        delta = self._delta
        if delta:
            out += np.fromiter((delta.get(h, 0) for h in hs.tolist()), dtype=np.int64, count=len(hs))
        return out

    def add(self, hs: Sequence[int], n: int, /) -> I64:
        """Add *n* (may be negative) to the count of each key of *hs*; returns the new counts.

        Raises:
            ValueError: a count would become negative (the index's bookkeeping is broken).
        """
        arr = np.fromiter(hs, dtype=np.int64, count=len(hs))
        main = self._main(arr).tolist()
        delta = self._delta
        out = np.empty(len(hs), dtype=np.int64)
        for t, h in enumerate(hs):
            d = delta.get(h, 0)
            old = main[t] + d
            new = old + n
            if new < 0:
                raise ValueError(f"count of {h} would become negative ({new})")
            if d + n:
                delta[h] = d + n
            else:
                delta.pop(h, None)
            if old == 0 and new > 0:
                self.distinct += 1
            elif old > 0 and new == 0:
                self.distinct -= 1
            out[t] = new
        if _merge_due(len(delta), len(self._keys), self._min_merge, self._fraction):
            self.merge()
        return out

    def merge(self) -> None:
        """Fold the delta into the main arrays, dropping keys whose count is 0."""
        if not self._delta:
            return
        dk = np.fromiter(self._delta.keys(), dtype=np.int64, count=len(self._delta))
        dv = np.fromiter(self._delta.values(), dtype=np.int64, count=len(self._delta))
        order = np.argsort(dk)
        dk, dv = dk[order], dv[order]
        keys, counts = self._keys, self._counts.astype(np.int64)
        pos = np.searchsorted(keys, dk)
        hit = pos < len(keys)
        hit[hit] = keys[pos[hit]] == dk[hit]
        np.add.at(counts, pos[hit], dv[hit])
        new = ~hit
        keys = np.insert(keys, pos[new], dk[new])
        counts = np.insert(counts, pos[new], dv[new])
        keep = counts > 0
        self._keys, self._counts = keys[keep], counts[keep].astype(np.int32)
        self._delta = {}

    def as_dict(self) -> dict[int, int]:
        """Every key with a positive count (for tests and snapshots; O(keys))."""
        out = dict(zip(self._keys.tolist(), self._counts.tolist(), strict=True))
        for h, d in self._delta.items():
            out[h] = out.get(h, 0) + d
        return {h: c for h, c in out.items() if c}

    def nbytes(self) -> int:
        """Bytes held by the main arrays."""
        return int(self._keys.nbytes + self._counts.nbytes)


class SlotMap:
    """A map from 64-bit keys to slots: a sorted main array plus a delta dict, no Python object
    per entry once merged (an index's ``hash(id) → slot``).

    Args:
        min_merge: merge the delta once it holds more than
            ``max(min_merge, merge_fraction × main size)`` entries.
        merge_fraction: see *min_merge*.

    Examples:
        >>> m = SlotMap(min_merge=1)
        >>> m.put(7, 0); m.put(3, 1); m.merge(); m.put(9, 2)
        >>> m.get(3), m.get(9), m.get(4)
        (1, 2, None)
        >>> m.pop(3); m.merge(); m.get(3), len(m)
        (None, 2)
    """

    __slots__ = ("_delta", "_fraction", "_keys", "_min_merge", "_n", "_slots")

    def __init__(self, *, min_merge: int = _MIN_MERGE, merge_fraction: float = _MERGE_FRACTION) -> None:
        self._keys: I64 = np.zeros(0, dtype=np.int64)
        self._slots: I32 = np.zeros(0, dtype=np.int32)
        self._delta: dict[int, int] = {}  # key → slot, or -1: removed from the main arrays
        self._min_merge, self._fraction = min_merge, merge_fraction
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def _main(self, h: int) -> int | None:
        keys = self._keys
        if not len(keys):
            return None
        pos = int(np.searchsorted(keys, h))
        if pos < len(keys) and int(keys[pos]) == h:
            return int(self._slots[pos])
        return None

    def get(self, h: int, /) -> int | None:
        """The slot of *h* (``None`` when absent)."""
        d = self._delta.get(h)
        if d is not None:
            return None if d < 0 else d
        return self._main(h)

    def put(self, h: int, slot: int, /) -> None:
        """Map *h* to *slot* (*h* must be absent)."""
        self._delta[h] = slot
        self._n += 1
        if _merge_due(len(self._delta), len(self._keys), self._min_merge, self._fraction):
            self.merge()

    def pop(self, h: int, /) -> None:
        """Unmap *h* (it must be present)."""
        if self._main(h) is not None:
            self._delta[h] = -1
        else:
            del self._delta[h]
        self._n -= 1

    def merge(self) -> None:
        """Fold the delta into the main arrays."""
        if not self._delta:
            return
        dk = np.fromiter(self._delta.keys(), dtype=np.int64, count=len(self._delta))
        dv = np.fromiter(self._delta.values(), dtype=np.int64, count=len(self._delta))
        keep = ~np.isin(self._keys, dk)
        keys = np.concatenate([self._keys[keep], dk[dv >= 0]])
        slots = np.concatenate([self._slots[keep], dv[dv >= 0]])
        order = np.argsort(keys, kind="stable")
        self._keys, self._slots = keys[order], slots[order].astype(np.int32)
        self._delta = {}

    def nbytes(self) -> int:
        """Bytes held by the main arrays."""
        return int(self._keys.nbytes + self._slots.nbytes)


class Postings:
    """A multimap from 64-bit keys to int slots: each key's slots in one sorted run (compressed
    sparse rows), plus a buffer of recent additions.

    Slots must be added in increasing order over time (a new slot is larger than every slot
    added before), which keeps each key's slots sorted through merges without a full sort.

    Args:
        min_merge: merge the buffer once it holds more than
            ``max(min_merge, merge_fraction × main size)`` postings.
        merge_fraction: see *min_merge*.

    Examples:
        >>> p = Postings()
        >>> p.add([10, 20], 0); p.add([10], 1); p.merge(np.array([True, False]))
        >>> p.lookup(np.array([10, 30], dtype=np.int64))[0].tolist(), len(p)
        ([0], 2)
    """

    __slots__ = ("_buffer", "_buffered", "_fraction", "_keys", "_min_merge", "_slots", "_starts")

    def __init__(self, *, min_merge: int = _MIN_MERGE, merge_fraction: float = _MERGE_FRACTION) -> None:
        self._keys: I64 = np.zeros(0, dtype=np.int64)  # distinct, sorted
        self._starts: I64 = np.zeros(1, dtype=np.int64)  # key t's slots: _slots[_starts[t]:_starts[t + 1]]
        self._slots: I32 = np.zeros(0, dtype=np.int32)
        self._buffer: dict[int, list[int]] = {}
        self._buffered = 0
        self._min_merge, self._fraction = min_merge, merge_fraction

    def __len__(self) -> int:
        """Postings held, dead ones not yet purged included."""
        return len(self._slots) + self._buffered

    def add(self, hs: Iterable[int], slot: int, /) -> None:
        """Post *slot* under each key of *hs*."""
        buf = self._buffer
        for h in hs:
            lst = buf.get(h)
            if lst is None:
                buf[h] = [slot]
            else:
                lst.append(slot)
            self._buffered += 1

    def merge_due(self) -> bool:
        """Whether the buffer has grown past its merge threshold."""
        return _merge_due(self._buffered, len(self._slots), self._min_merge, self._fraction)

    def lookup(self, hs: I64, /, *, limit: int | None = None) -> tuple[I32, I64, I64]:
        """``(slots, which, sizes)``: every slot posted under a key of *hs* (dead ones
        included), the index into *hs* of the key each came from, in the order of *hs*, and
        how many postings each key of *hs* holds. A key holding more than *limit* postings
        yields no slots (its size is still given): a check skips demoted keys without reading
        their runs.

        Examples:
            >>> p = Postings(min_merge=1)
            >>> p.add([10, 20], 0); p.add([10], 1); p.merge(np.ones(3, dtype=bool)); p.add([20], 2)
            >>> slots, which, sizes = p.lookup(np.array([20, 10, 30], dtype=np.int64), limit=1)
            >>> slots.tolist(), which.tolist(), sizes.tolist()
            ([], [], [2, 2, 0])
            >>> [x.tolist() for x in p.lookup(np.array([20, 10], dtype=np.int64))]
            [[0, 2, 0, 1], [0, 0, 1, 1], [2, 2]]
        """
        keys = self._keys
        if len(keys):
            pos = np.searchsorted(keys, hs)
            np.minimum(pos, len(keys) - 1, out=pos)
            hit = keys[pos] == hs
            start = self._starts[pos]
            size = np.where(hit, self._starts[pos + 1] - start, 0)
        else:
            start = size = np.zeros(len(hs), dtype=np.int64)
        buf = self._buffer
        extra = [(t, lst) for t, h in enumerate(hs.tolist()) if (lst := buf.get(h))] if buf else []
        sizes = size
        if extra:
            sizes = size.copy()
            for t, lst in extra:
                sizes[t] += len(lst)
        found = np.flatnonzero(size if limit is None else size * (sizes <= limit))
        counts = size[found]
        slots = self._slots[runs(start[found], counts)]
        which = np.repeat(found, counts)
        if limit is not None:
            extra = [(t, lst) for t, lst in extra if sizes[t] <= limit]
        if not extra:
            return slots, which, sizes
        slots = np.concatenate([slots, *(np.array(lst, dtype=np.int32) for _, lst in extra)])
        which = np.concatenate([which, *(np.full(len(lst), t, dtype=np.int64) for t, lst in extra)])
        order = np.argsort(which, kind="stable")  # per key: merged slots, then buffered ones
        return slots[order], which[order], sizes

    def _expanded(self) -> I64:
        """The key of each posting of the main arrays (aligned with ``_slots``)."""
        return np.repeat(self._keys, np.diff(self._starts))

    def merge(self, alive: Bools, /) -> None:
        """Fold the buffer into the sorted arrays, purging slots where ``alive`` is False."""
        ks: list[int] = []
        ss: list[int] = []
        for h, lst in self._buffer.items():
            ks.extend([h] * len(lst))
            ss.extend(lst)
        bk = np.array(ks, dtype=np.int64)
        bs = np.array(ss, dtype=np.int32)
        order = np.lexsort((bs, bk))
        bk, bs = bk[order], bs[order]
        live = alive[bs]
        bk, bs = bk[live], bs[live]
        keep = alive[self._slots]
        keys, slots = self._expanded()[keep], self._slots[keep]
        # Buffered slots are newer (larger) than every merged one: inserting them after their
        # key's run keeps each run sorted by slot.
        pos = np.searchsorted(keys, bk, side="right")
        keys = np.insert(keys, pos, bk)
        self._slots = np.insert(slots, pos, bs)
        firsts = run_heads(keys)
        self._keys = keys[firsts]
        self._starts = np.concatenate([firsts, np.array([len(keys)], dtype=np.int64)])
        self._buffer = {}
        self._buffered = 0

    def as_pairs(self, alive: Bools, /) -> set[tuple[int, int]]:
        """Every live ``(key, slot)`` posting (for tests and snapshots; O(postings))."""
        pairs = zip(self._expanded().tolist(), self._slots.tolist(), strict=True)
        out = {(k, s) for k, s in pairs if alive[s]}
        out |= {(h, s) for h, lst in self._buffer.items() for s in lst if alive[s]}
        return out

    def nbytes(self) -> int:
        """Bytes held by the main arrays."""
        return int(self._keys.nbytes + self._starts.nbytes + self._slots.nbytes)


_CHUNK: Final = 1 << 20


class BlobHeap:
    """Byte strings by slot, packed into 1 MiB chunks: no Python object per record.

    A slot is the position of its :meth:`append`; :meth:`drop` frees it. Dropped bytes are
    reclaimed by rewriting the live ones once they are more than half of all bytes.

    Examples:
        >>> h = BlobHeap()
        >>> h.append(b"abc"), h.append(b""), h.append(b"xyz")
        (0, 1, 2)
        >>> h.drop(0); h.get(2), h.get(1), h.alive(0)
        (b'xyz', b'', False)
    """

    __slots__ = ("_chunks", "_fill", "_garbage", "_n", "_offset", "_size", "_total", "_where")

    def __init__(self) -> None:
        self._chunks: list[bytearray] = []
        self._where = np.zeros(1024, dtype=np.int32)  # chunk of each slot
        self._offset = np.zeros(1024, dtype=np.int32)
        self._size = np.zeros(1024, dtype=np.int32)  # -1: dropped
        self._n = 0
        self._total = 0  # bytes stored, dropped ones included
        self._garbage = 0
        self._fill = 0  # bytes used in the last chunk

    def __len__(self) -> int:
        """Slots handed out (dropped ones included)."""
        return self._n

    def _put(self, blob: bytes) -> tuple[int, int]:
        """Write *blob* into the current chunk (a new one if it does not fit): (chunk, offset)."""
        chunks = self._chunks
        if not chunks or len(blob) > _CHUNK - self._fill:
            chunks.append(bytearray(max(_CHUNK, len(blob))))
            self._fill = 0
        at = self._fill
        chunks[-1][at : at + len(blob)] = blob
        self._fill = at + len(blob)
        return len(chunks) - 1, at

    def append(self, blob: bytes, /) -> int:
        """Store *blob*; returns its slot."""
        slot = self._n
        if slot >= len(self._size):
            grow = len(self._size)
            self._where = np.concatenate([self._where, np.zeros(grow, dtype=np.int32)])
            self._offset = np.concatenate([self._offset, np.zeros(grow, dtype=np.int32)])
            self._size = np.concatenate([self._size, np.zeros(grow, dtype=np.int32)])
        self._where[slot], self._offset[slot] = self._put(blob)
        self._size[slot] = len(blob)
        self._n += 1
        self._total += len(blob)
        return slot

    def alive(self, slot: int, /) -> bool:
        """Whether *slot* holds a blob (appended and not dropped)."""
        return 0 <= slot < self._n and int(self._size[slot]) >= 0

    def get(self, slot: int, /) -> bytes:
        """The blob of a live *slot*."""
        size = int(self._size[slot])
        if size < 0 or slot >= self._n:
            raise KeyError(slot)
        at = int(self._offset[slot])
        return bytes(self._chunks[int(self._where[slot])][at : at + size])

    def drop(self, slot: int, /) -> None:
        """Free *slot*'s blob."""
        size = int(self._size[slot])
        if size < 0:
            raise KeyError(slot)
        self._size[slot] = -1
        self._garbage += size
        if self._garbage > max(_CHUNK, self._total // 2):
            self._compact()

    def _compact(self) -> None:
        old = self._chunks
        self._chunks = []
        for slot in np.flatnonzero(self._size[: self._n] >= 0).tolist():
            at, size = int(self._offset[slot]), int(self._size[slot])
            self._where[slot], self._offset[slot] = self._put(bytes(old[int(self._where[slot])][at : at + size]))
        self._total -= self._garbage
        self._garbage = 0

    def nbytes(self) -> int:
        """Bytes held: the chunks and the per-slot arrays."""
        return sum(map(len, self._chunks)) + int(self._where.nbytes + self._offset.nbytes + self._size.nbytes)
