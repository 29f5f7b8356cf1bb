"""Clustering: connected components of accepted pairs, weak bridges between groups cut.

The rule (``_cluster.py``): inside a component of four or more records, a bridge below the strong
weight is cut when each side keeps at least two records; cluster ids are the smallest member id.
"""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dupguard.index import Schema, dedupe, pairs
from dupguard.index._cluster import STRONG_WEIGHT, clusters


def _run(
    ids: list[str], edges: list[tuple[int, int, float]], apart: list[tuple[int, int]] | None = None
) -> list[str]:
    i = np.array([e[0] for e in edges], dtype=np.int64)
    j = np.array([e[1] for e in edges], dtype=np.int64)
    w = np.array([e[2] for e in edges], dtype=np.float64)
    pairs_apart = None
    if apart is not None:
        pairs_apart = (np.array([a for a, _ in apart], dtype=np.int64), np.array([b for _, b in apart], dtype=np.int64))
    return clusters(ids, i, j, w, threshold=0.9, apart=pairs_apart)


def test_weak_link_between_two_strong_pairs_is_cut() -> None:
    # A≈B strong, C≈D strong, B~C weak but accepted
    assert _run(["A", "B", "C", "D"], [(0, 1, 20.0), (2, 3, 20.0), (1, 2, 4.0)]) == [
        "A",
        "A",
        "C",
        "C",
    ]


def test_strong_link_between_two_pairs_is_kept() -> None:
    assert (
        _run(["A", "B", "C", "D"], [(0, 1, 20.0), (2, 3, 20.0), (1, 2, STRONG_WEIGHT)]) == ["A"] * 4
    )


def test_single_record_joining_a_group_weakly_is_kept() -> None:
    # a triangle A-B-C plus D hanging on C by a weak link: one side would keep one record only
    edges = [(0, 1, 20.0), (1, 2, 20.0), (0, 2, 20.0), (2, 3, 4.0)]
    assert _run(["A", "B", "C", "D"], edges) == ["A"] * 4


def test_weak_link_inside_a_cycle_is_not_a_bridge() -> None:
    edges = [(0, 1, 20.0), (2, 3, 20.0), (1, 2, 4.0), (0, 3, 4.0)]
    assert _run(["A", "B", "C", "D"], edges) == ["A"] * 4


def test_three_records_are_never_split() -> None:
    assert _run(["A", "B", "C"], [(0, 1, 4.0), (1, 2, 4.0)]) == ["A"] * 3


def test_cluster_id_is_the_smallest_id_as_text() -> None:
    assert _run(["9", "10", "x"], [(0, 1, 20.0)]) == ["10", "10", "x"]


def test_chain_end_to_end() -> None:
    """A≈B and C≈D share mailbox and phone; B~C share only a second phone (p just above 0.9)."""
    s = Schema({"email": "email", "phone": "phone"})
    rows = [
        {"id": "A", "email": "e1@alpha.com", "phone": "+49 30 1111111"},
        {"id": "B", "email": "e1@alpha.com", "phone": ["+49 30 1111111", "+49 30 2222222"]},
        {"id": "C", "email": "e2@beta.com", "phone": ["+49 30 2222222", "+49 30 3333333"]},
        {"id": "D", "email": "e2@beta.com", "phone": "+49 30 3333333"},
    ]
    p = pairs(rows, schema=s)
    probs = {(a, b): pr for a, b, pr in zip(p["id_l"], p["id_r"], p["probability"], strict=True)}
    assert 0.9 <= probs[("B", "C")] < 0.99, "the bridge must be accepted, and weak"
    assert probs[("A", "B")] > 0.999
    assert probs[("C", "D")] > 0.999
    out = dedupe(rows, schema=s)
    assert out["cluster_id"].tolist() == ["A", "A", "C", "C"]
    shuffled = rows[:]
    random.Random(5).shuffle(shuffled)
    again = dedupe(shuffled, schema=s).set_index("id")["cluster_id"].to_dict()
    assert again == {"A": "A", "B": "A", "C": "C", "D": "C"}


# --- properties -------------------------------------------------------------------------------


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[str], list[tuple[int, int, float]]]:
    n = draw(st.integers(1, 9))
    ids = draw(
        st.lists(st.text("abcxyz0123", min_size=1, max_size=3), min_size=n, max_size=n, unique=True)
    )
    edges = draw(
        st.lists(
            st.tuples(
                st.integers(0, n - 1),
                st.integers(0, n - 1),
                st.sampled_from([4.0, 9.0, 10.0, 25.0]),
            ).filter(lambda e: e[0] < e[1]),
            max_size=14,
            unique_by=lambda e: (e[0], e[1]),
        )
    )
    return ids, edges


def _partition(ids: list[str], labels: list[str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for x, lab in zip(ids, labels, strict=True):
        groups.setdefault(lab, set()).add(x)
    return {frozenset(g) for g in groups.values()}


def _components(n: int, edges: list[tuple[int, int, float]]) -> list[int]:
    comp = list(range(n))
    changed = True
    while changed:
        changed = False
        for a, b, _ in edges:
            lo = min(comp[a], comp[b])
            if comp[a] != lo or comp[b] != lo:
                comp[a] = comp[b] = lo
                changed = True
    return comp


@settings(max_examples=100, deadline=None)
@given(graphs(), st.randoms(use_true_random=False))
def test_cluster_laws(
    graph: tuple[list[str], list[tuple[int, int, float]]], rnd: random.Random
) -> None:
    ids, edges = graph
    labels = _run(ids, edges)
    assert len(labels) == len(ids)
    # the cluster id is the smallest member id, and a member of the cluster
    for group in _partition(ids, labels):
        lab = {labels[ids.index(x)] for x in group}
        assert lab == {min(group)}
    # clusters refine connected components: records never linked are never together
    comp = _components(len(ids), edges)
    for a in range(len(ids)):
        for b in range(len(ids)):
            if labels[a] == labels[b]:
                assert comp[a] == comp[b]
    # strong edges are never cut
    for a, b, w in edges:
        if w >= STRONG_WEIGHT:
            assert labels[a] == labels[b]
    # independent of row order and edge order
    perm = list(range(len(ids)))
    rnd.shuffle(perm)
    where = {old: new for new, old in enumerate(perm)}
    ids2 = [ids[p] for p in perm]
    edges2 = [(min(where[a], where[b]), max(where[a], where[b]), w) for a, b, w in edges]
    rnd.shuffle(edges2)
    labels2 = _run(ids2, edges2)
    assert dict(zip(ids2, labels2, strict=True)) == dict(zip(ids, labels, strict=True))


# --- contradictions ---------------------------------------------------------------------------


def test_a_record_fitting_two_contradicting_groups_joins_the_stronger() -> None:
    # Y ~ A 5 bits, Y ~ C 4 bits, A and C are two customers: Y goes with A, C stays apart.
    assert _run(["A", "C", "Y"], [(0, 2, 5.0), (1, 2, 4.0)], [(0, 1)]) == ["A", "C", "A"]
    # without the contradiction all three chain
    assert _run(["A", "C", "Y"], [(0, 2, 5.0), (1, 2, 4.0)]) == ["A", "A", "A"]


def test_a_strong_link_overrides_a_contradiction() -> None:
    # A ≈ Y, then C ≈ Y strongly (a shared mailbox): the contradiction between A and C loses
    assert _run(["A", "C", "Y"], [(0, 2, 12.0), (1, 2, STRONG_WEIGHT)], [(0, 1)]) == ["A"] * 3
    # ... while a weak C ~ Y does not
    assert _run(["A", "C", "Y"], [(0, 2, 12.0), (1, 2, 4.0)], [(0, 1)]) == ["A", "C", "A"]


@settings(max_examples=100, deadline=None)
@given(graphs(), st.randoms(use_true_random=False), st.data())
def test_contradiction_laws(
    graph: tuple[list[str], list[tuple[int, int, float]]], rnd: random.Random, data: st.DataObject
) -> None:
    ids, edges = graph
    n = len(ids)
    apart = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=4))
    labels = _run(ids, edges, apart)
    plain = _run(ids, edges)
    # contradictions only split clusters, and never a strong link
    assert all(plain[a] == plain[b] for a in range(n) for b in range(n) if labels[a] == labels[b])
    assert all(labels[a] == labels[b] for a, b, w in edges if w >= STRONG_WEIGHT)
    # with no strong link, the two records of a contradiction never share a cluster
    if all(w < STRONG_WEIGHT for _, _, w in edges):
        assert all(labels[a] != labels[b] for a, b in apart if a != b)
    # independent of row order, edge order and contradiction order
    perm = list(range(n))
    rnd.shuffle(perm)
    where = {old: new for new, old in enumerate(perm)}
    ids2 = [ids[p] for p in perm]
    edges2 = [(min(where[a], where[b]), max(where[a], where[b]), w) for a, b, w in edges]
    rnd.shuffle(edges2)
    apart2 = [(where[b], where[a]) for a, b in apart]
    rnd.shuffle(apart2)
    assert dict(zip(ids2, _run(ids2, edges2, apart2), strict=True)) == dict(zip(ids, labels, strict=True))


def test_homophone_trade_names_stay_two_companies() -> None:
    # 韵达 (Yunda Holding, a courier) and 运达 (Chengdu Yunda Technology) share the pinyin
    # "yunda"; the English names fit both, and chained all six into one cluster.
    rows = [
        {"id": "yd1", "company": "韵达控股集团"},
        {"id": "yd2", "company": "韵达股份"},
        {"id": "yd3", "company": "YUNDA Holding"},
        {"id": "ry1", "company": "成都运达科技股份有限公司"},
        {"id": "ry2", "company": "Chengdu Yunda Technology Co., Ltd."},
        {"id": "ry3", "company": "运达股份"},
    ]
    schema = Schema({"company": "company"})
    groups = _partition([r["id"] for r in rows], dedupe(rows, schema=schema)["cluster_id"].tolist())
    assert not any({"yd2", "ry3"} <= g or {"yd1", "ry1"} <= g for g in groups), groups
    assert any({"yd1", "yd3"} <= g for g in groups)
