"""The compact store behind the Index, against the dict-of-sets and dict-of-counts it replaces.

Model-based: random add / remove / merge sequences run on :class:`Postings` and
:class:`HashCounts` (with tiny merge thresholds, so the buffers merge often) and on plain Python
reference structures; after every step both must hold exactly the same thing. The same is checked
one level up, on :class:`Index` against a reference index built from the records' features.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dupguard.index import Index
from dupguard.index import _index as index_module
from dupguard.index._compare import Columns
from dupguard.index._features import EMPTY, Extractor, FieldData, tf_terms
from dupguard.index._store import (
    EMPTY_ROW,
    FIELD_ATTRS,
    BlobHeap,
    HashCounts,
    Postings,
    SlotMap,
    decode_field,
    encode_fields,
    run_heads,
    runs,
)

# A few keys, some colliding in the low bits and at the int64 extremes, so runs are shared.
KEYS = st.sampled_from([0, 1, -1, 7, 2**62, -(2**63), 2**63 - 1, 123456789])

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.lists(KEYS, min_size=0, max_size=4, unique=True)),
        st.tuples(st.just("remove"), st.integers(0, 50)),
        st.tuples(st.just("merge"), st.none()),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(ops=OPS, min_merge=st.integers(0, 5))
def test_postings_behave_like_a_dict_of_sets(ops: list[tuple[str, Any]], min_merge: int) -> None:
    p = Postings(min_merge=min_merge, merge_fraction=0.5)
    alive = np.zeros(64, dtype=bool)
    ref: dict[int, set[int]] = {}
    held: dict[int, list[int]] = {}  # slot → its keys
    next_slot = 0
    for op, arg in ops:
        if op == "add":
            slot = next_slot
            next_slot += 1
            p.add(arg, slot)
            alive[slot] = True
            held[slot] = arg
            for h in arg:
                ref.setdefault(h, set()).add(slot)
            if p.merge_due():
                p.merge(alive)
        elif op == "remove" and held:
            slot = sorted(held)[arg % len(held)]
            alive[slot] = False
            for h in held.pop(slot):
                ref[h].discard(slot)
                if not ref[h]:
                    del ref[h]
        elif op == "merge":
            p.merge(alive)
            assert len(p) == sum(map(len, ref.values()))  # a merge purges the dead
        assert p.as_pairs(alive) == {(h, s) for h, ss in ref.items() for s in ss}
        probe = np.array([0, 1, -1, 7, 2**62, -(2**63), 2**63 - 1, 123456789, 42], dtype=np.int64)
        slots, which, sizes = p.lookup(probe)
        assert (np.diff(which) >= 0).all()  # grouped in the order of the probe
        live = alive[slots]
        for t, h in enumerate(probe.tolist()):
            got = slots[(which == t) & live].tolist()
            assert sorted(got) == sorted(ref.get(h, set()))
            assert len(got) == len(set(got))
            assert sizes[t] == (which == t).sum()  # dead postings not yet purged included
        limit = int(np.median(sizes))
        capped, capped_which, capped_sizes = p.lookup(probe, limit=limit)
        assert capped_sizes.tolist() == sizes.tolist()
        small = sizes[which] <= limit
        assert capped.tolist() == slots[small].tolist()
        assert capped_which.tolist() == which[small].tolist()


@given(st.lists(st.tuples(st.integers(-50, 50), st.integers(0, 6)), max_size=20))
def test_runs_are_the_concatenated_ranges(spans: list[tuple[int, int]]) -> None:
    starts = np.array([a for a, _ in spans], dtype=np.int64)
    counts = np.array([c for _, c in spans], dtype=np.int64)
    assert runs(starts, counts).tolist() == [x for a, c in spans for x in range(a, a + c)]


@given(st.lists(st.integers(-3, 3), max_size=30))
def test_run_heads_start_every_run_of_equal_values(values: list[int]) -> None:
    heads = run_heads(np.array(values, dtype=np.int64)).tolist()
    assert heads == [t for t in range(len(values)) if t == 0 or values[t] != values[t - 1]]


SLOT_OPS = st.lists(
    st.tuples(st.sampled_from(["put", "put", "pop", "merge"]), st.integers(-3, 12)), max_size=60
)


@settings(max_examples=150, deadline=None)
@given(ops=SLOT_OPS, min_merge=st.integers(0, 5))
def test_slot_map_behaves_like_a_dict(ops: list[tuple[str, int]], min_merge: int) -> None:
    m = SlotMap(min_merge=min_merge, merge_fraction=0.5)
    ref: dict[int, int] = {}
    slot = 0
    for op, h in ops:
        if op == "put" and h not in ref:
            m.put(h, slot)
            ref[h] = slot
            slot += 1
        elif op == "pop" and h in ref:
            m.pop(h)
            del ref[h]
        elif op == "merge":
            m.merge()
        assert len(m) == len(ref)
        assert [m.get(k) for k in range(-4, 14)] == [ref.get(k) for k in range(-4, 14)]


@settings(max_examples=150, deadline=None)
@given(ops=OPS, min_merge=st.integers(0, 5))
def test_counts_behave_like_a_dict_of_counts(ops: list[tuple[str, Any]], min_merge: int) -> None:
    c = HashCounts(min_merge=min_merge, merge_fraction=0.5)
    ref: dict[int, int] = {}
    added: list[list[int]] = []
    for op, arg in ops:
        if op == "add":
            new = c.add(arg, 1).tolist()
            for h in arg:
                ref[h] = ref.get(h, 0) + 1
            assert new == [ref[h] for h in arg]
            added.append(arg)
        elif op == "remove" and added:
            keys = added.pop(arg % len(added))
            new = c.add(keys, -1).tolist()
            for h in keys:
                ref[h] -= 1
            assert new == [ref[h] for h in keys]
            ref = {h: n for h, n in ref.items() if n}
        elif op == "merge":
            c.merge()
        assert c.as_dict() == ref
        assert c.distinct == len(ref)
        probe = np.array([0, 1, -1, 7, 2**62, -(2**63), 2**63 - 1, 123456789, 42], dtype=np.int64)
        assert c.get_many(probe).tolist() == [ref.get(h, 0) for h in probe.tolist()]
        assert [c.get(h) for h in probe.tolist()] == [ref.get(h, 0) for h in probe.tolist()]


def test_a_count_never_goes_negative() -> None:
    c = HashCounts()
    c.add([1], 1)
    with pytest.raises(ValueError, match="negative"):
        c.add([1, 1], -1)


# --- the codec --------------------------------------------------------------------------------


def test_field_attrs_are_every_field_data_attribute_but_blocks() -> None:
    import dataclasses

    assert set(FIELD_ATTRS) == {f.name for f in dataclasses.fields(FieldData)} - {"blocks"}
    assert decode_field(None) == FieldData((), "", "", (), "", (), "", "")
    assert encode_fields([EMPTY]) == (None,)


def test_codec_and_columns_round_trip(customers: list[dict[str, Any]]) -> None:
    """Stored rows give back the FieldData (less its blocks), and the same Columns."""
    import marshal

    ex = Extractor(Index().schema)
    feats = [ex.features(r) for r in customers]
    stored = [marshal.loads(marshal.dumps(encode_fields(f.fields))) for f in feats]
    for f, s in zip(feats, stored, strict=True):
        for fd, row in zip(f.fields, s, strict=True):
            back = decode_field(row)
            assert back == FieldData(**{a: getattr(fd, a) for a in FIELD_ATTRS}, blocks=())
    for col in range(len(ex.schema.fields)):
        want = Columns([f.fields[col] for f in feats])
        got = Columns.from_rows([s[col] or EMPTY_ROW for s in stored], attrs=FIELD_ATTRS)
        # every public column (a compiled Columns has no __slots__ to list them)
        names = [n for n in dir(want) if not n.startswith("_") and not callable(getattr(want, n))]
        assert {"key0", "present", "text", "han"} <= set(names)
        for name in names:
            a, b = getattr(want, name), getattr(got, name)
            if isinstance(a, np.ndarray):
                assert a.dtype == b.dtype, name
                assert a.tolist() == b.tolist(), name
            else:
                assert a == b, name


# --- the Index against a reference built from features ---------------------------------------


def _reference(ix: Index, rows: dict[str, dict[str, Any]]) -> dict[str, object]:
    """What ``Index._state()`` must be for these indexed records, computed the plain way."""
    ex = Extractor(ix.schema)
    postings: set[tuple[int, str]] = set()
    blocks: dict[int, int] = {}
    terms: dict[int, int] = {}
    for rid, r in rows.items():
        f = ex.features(r)
        for b in f.blocks:
            postings.add((hash(b), rid))
            blocks[hash(b)] = blocks.get(hash(b), 0) + 1
        for i, fd in enumerate(f.fields):
            for k in tf_terms(ix.schema.fields[i].kind, fd.keys, fd.text):
                terms[hash((i, k))] = terms.get(hash((i, k)), 0) + 1
    return {
        "ids": frozenset(rows),
        "postings": frozenset(postings),
        "blocks": blocks,
        "terms": terms,
        "distinct": len(blocks),
    }


INDEX_OPS = st.lists(
    st.tuples(st.sampled_from(["add", "add", "remove", "update", "merge"]), st.integers(0, 10**6)),
    min_size=1,
    max_size=25,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=INDEX_OPS, collide=st.booleans())
def test_index_state_matches_the_reference(
    customers: list[dict[str, Any]], ops: list[tuple[str, int]], collide: bool
) -> None:
    # collide: ids found by a hash most of them share, so the index must tell them apart
    with mock.patch.object(index_module, "_id_hash", (lambda s: len(s) % 3) if collide else hash):
        _check_index_ops(customers[:60], ops)


def _check_index_ops(pool: list[dict[str, Any]], ops: list[tuple[str, int]]) -> None:
    ix = Index()
    rows: dict[str, dict[str, Any]] = {}
    for op, n in ops:
        if op == "add":
            r = pool[n % len(pool)]
            if r["id"] in rows:
                continue
            ix.add(r)
            rows[r["id"]] = r
        elif op == "remove" and rows:
            rid = sorted(rows)[n % len(rows)]
            ix.remove(rid)
            del rows[rid]
        elif op == "update" and rows:
            rid = sorted(rows)[n % len(rows)]
            new = {**pool[n % len(pool)], "id": rid}
            ix.update(new)
            rows[rid] = new
        elif op == "merge":
            ix._merge()
            ix._block_counts.merge()
            ix._term_counts.merge()
    assert ix._state() == _reference(ix, rows)
    assert len(ix) == len(rows)
    assert ix.stats().keys == len(_reference(ix, rows)["blocks"])  # type: ignore[arg-type]
    assert all(rid in ix for rid in rows)
    assert not any(r["id"] in ix for r in pool if r["id"] not in rows)
    for rid, r in rows.items():
        assert rid not in {c.id for c in ix.candidates(r, limit=100)}


def test_failed_add_many_leaves_no_trace(customers: list[dict[str, Any]]) -> None:
    ix = Index()
    ix.add_many(customers[:50])
    before, stats = ix._state(), ix.stats()
    with pytest.raises(Exception, match="duplicate_id"):
        ix.add_many([*customers[50:90], customers[3]])
    assert ix._state() == before
    assert ix.stats() == stats
    assert len(ix) == 50


def test_demoted_keys_are_named_after_merges_and_removals() -> None:
    ix = Index(block_limit=3)
    ix.add_many({"id": i, "email": f"u{i}@acme.com"} for i in range(5))
    ix._merge()
    ix._block_counts.merge()
    assert [(d.key, d.records) for d in ix.stats().demoted] == [("acme.com", 5)]
    for i in range(2):
        ix.remove(i)
    assert ix.stats().demoted == ()
    ix.add({"id": 9, "email": "x@acme.com"})
    assert [(d.key, d.records) for d in ix.stats().demoted] == [("acme.com", 4)]


@settings(max_examples=100, deadline=None)
@given(ops=st.lists(st.one_of(st.binary(max_size=300), st.integers(0, 100)), max_size=60))
def test_blob_heap_behaves_like_a_dict(ops: list[bytes | int]) -> None:
    import dupguard.index._store as store

    heap = BlobHeap()
    ref: dict[int, bytes] = {}
    for op in ops:
        if isinstance(op, bytes):
            slot = heap.append(op * 2000 if len(op) == 1 else op)  # now and then a multi-KiB blob
            ref[slot] = op * 2000 if len(op) == 1 else op
        elif ref:
            slot = sorted(ref)[op % len(ref)]
            heap.drop(slot)
            del ref[slot]
            assert not heap.alive(slot)
            with pytest.raises(KeyError):
                heap.get(slot)
        assert all(heap.get(s) == b for s, b in ref.items())
    heap._compact()
    assert all(heap.get(s) == b for s, b in ref.items())
    assert store._CHUNK >= 1 << 16


def test_blob_heap_spans_chunks_and_reclaims_dropped_bytes() -> None:
    heap = BlobHeap()
    big = [bytes([i % 251]) * 300_000 for i in range(12)]
    slots = [heap.append(b) for b in big]
    assert len(heap._chunks) > 3
    for s in slots[:10]:
        heap.drop(s)
    assert heap.nbytes() < 4 * (1 << 20) + 3 * 4 * 1024  # compacted: the live 600 kB fit in a chunk
    assert [heap.get(s) for s in slots[10:]] == big[10:]
