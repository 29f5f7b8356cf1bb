"""Batch blocking (``_batch._block_pairs``) against a plain-Python reference.

The batch path turns every record's blocking keys into candidate pairs with whole-array numpy
work; the reference below does the same one block and one pair at a time. They must agree on
the pairs, their order, the rule that produced each pair and the rule names — for a dedupe and
a link, with and without the pair budget, and with each record's best partners only.
"""

from __future__ import annotations

import itertools
import math
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dupguard.index import _batch as batch_module
from dupguard.index._batch import _block_pairs, tie_ranks
from dupguard.index._features import Features

_KEYS = [f"{rule}:{v}" for rule in ("email.email", "phone.e164", "company.core") for v in "abcdef"]


def _feats(blocks: list[list[str]], prefix: str) -> list[Features]:
    return [Features(f"{prefix}{t}", (), tuple(dict.fromkeys(b))) for t, b in enumerate(blocks)]


def _reference(
    left: list[Features], right: list[Features] | None, limit: int, budget: int | None, best: int | None = None
) -> tuple[list[tuple[int, int, str]], tuple[str, ...]]:
    """``[(i, j, rule)]`` in order of first production, and the rule names in order of use;
    with *best*, only the pairs among the *best* of either record by key evidence."""
    n_left = len(left)
    members: dict[str, list[int]] = {}
    for r, f in enumerate(left + (right or [])):
        for b in f.blocks:
            members.setdefault(b, []).append(r)
    if budget is not None:
        sizes = [len(m) for m in members.values()]
        fits = [s for s in range(max(sizes, default=0) + 1)
                if sum(x * (x - 1) // 2 for x in sizes if x <= s) <= budget]
        limit = min(limit, max([2, *fits]))
    found: dict[tuple[int, int], str] = {}
    rules: dict[str, None] = {}
    for b, m in members.items():
        if not 2 <= len(m) <= limit:
            continue
        rule = b.partition(":")[0]
        rules.setdefault(rule)
        if right is None:
            produced = list(itertools.combinations(m, 2))
        else:
            lm = [x for x in m if x < n_left]
            produced = [(a, c - n_left) for a in lm for c in m if c >= n_left]
        for p in produced:
            found.setdefault(p, rule)
    if best is not None:
        evidence: dict[tuple[int, int], int] = {}
        for m in members.values():
            if 2 <= len(m) <= limit:
                units = round(256 * math.log1p(limit / len(m)))
                for p in found:
                    if p[0] in m and (p[1] if right is None else p[1] + n_left) in m:
                        evidence[p] = evidence.get(p, 0) + units
        ids = [f.id for f in left + (right or [])]
        kept: set[tuple[int, int]] = set()
        # a record's pairs: in a dedupe, those it is either member of; in a link, its side's
        mine: dict[int, list[tuple[tuple[int, int], str]]] = {}
        for p in found:
            for side in (0, 1):
                rec = p[side] + (n_left if right is not None and side == 1 else 0)
                other = ids[p[1 - side] + (n_left if right is not None and side == 0 else 0)]
                mine.setdefault(rec, []).append((p, other))
        for ps in mine.values():
            ps.sort(key=lambda x: (-evidence[x[0]], zlib.crc32(x[1].encode()), x[1]))
            kept.update(p for p, _ in ps[:best])
        found = {p: r for p, r in found.items() if p in kept}
    return [(i, j, r) for (i, j), r in found.items()], tuple(rules)


_RECORDS = st.lists(st.lists(st.sampled_from(_KEYS), max_size=4), max_size=30)


@settings(max_examples=300, deadline=None)
@given(
    left=_RECORDS,
    right=st.none() | _RECORDS,
    limit=st.integers(2, 12),
    budget=st.none() | st.integers(0, 60),
    best=st.none() | st.integers(1, 4),
)
def test_block_pairs_equal_the_reference(
    left: list[list[str]], right: list[list[str]] | None, limit: int, budget: int | None, best: int | None
) -> None:
    lf = _feats(left, "l")
    rf = None if right is None else _feats(right, "r")
    i, j, rules, rule_of = _block_pairs(lf, rf, limit, budget=budget, best=best)
    got = [(a, b, rules[r]) for a, b, r in zip(i.tolist(), j.tolist(), rule_of.tolist(), strict=True)]
    want, want_rules = _reference(lf, rf, limit, budget, best)
    assert got == want
    assert rules == want_rules
    if right is None:
        assert all(a < b for a, b, _ in got)


@given(left=_RECORDS, right=st.none() | _RECORDS, best=st.integers(1, 4))
def test_the_unpacked_selection_equals_the_packed_one(
    left: list[list[str]], right: list[list[str]] | None, best: int
) -> None:
    # Beyond 2**24 records the best partners are ranked by a lexsort, not one packed int64:
    # force that path on small lists and compare.
    lf = _feats(left, "l")
    rf = None if right is None else _feats(right, "r")
    packed = _block_pairs(lf, rf, 12, best=best)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(batch_module, "_PACKED_BITS", 0)
        unpacked = _block_pairs(lf, rf, 12, best=best)
    assert [packed[t].tolist() for t in (0, 1, 3)] == [unpacked[t].tolist() for t in (0, 1, 3)]
    assert packed[2] == unpacked[2]


def test_block_over_the_limit_gives_no_pairs() -> None:
    feats = _feats([["email.email:a"]] * 4 + [["phone.e164:b"]] * 2, "x")
    i, j, rules, _ = _block_pairs(feats, None, 3)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(4, 5)]
    assert rules == ("phone.e164",)


def test_best_partners_keep_the_rare_key_and_drop_the_crowd() -> None:
    # Twelve records share one common key; two of them also share a rare one. With best=2 each
    # record keeps its two likeliest partners: the rare-key pair survives, most of the
    # 66 crowd pairs do not, and every record still has a partner.
    blocks = [["company.core:crowd"] for _ in range(12)]
    blocks[3].append("email.email:rare")
    blocks[9].append("email.email:rare")
    feats = _feats(blocks, "x")
    i, j, _, _ = _block_pairs(feats, None, 20)
    assert len(i) == 66
    i, j, _, _ = _block_pairs(feats, None, 20, best=2)
    pairs = set(zip(i.tolist(), j.tolist(), strict=True))
    assert (3, 9) in pairs
    assert len(pairs) < 24
    assert {r for p in pairs for r in p} == set(range(12))


def test_tie_ranks_follow_the_crc_then_the_id_whatever_the_order() -> None:
    ids = [f"id{t}" for t in range(50)]
    ranks = tie_ranks(ids).tolist()
    assert sorted(ids, key=lambda x: ranks[ids.index(x)]) == sorted(ids, key=lambda x: (zlib.crc32(x.encode()), x))
    shuffled = ids[::-1]
    assert [ranks[ids.index(x)] for x in shuffled] == tie_ranks(shuffled).tolist()


def test_tie_ranks_put_ids_with_one_crc_in_id_order() -> None:
    # two pairs of ids whose CRC-32s are equal
    same = [("fee72ef6c8dd", "547c1be46ecd"), ("e1ee272dff49", "5b40125e766e")]
    assert all(zlib.crc32(a.encode()) == zlib.crc32(b.encode()) for a, b in same)
    ids = ["x1", same[0][0], "x2", same[1][1], same[0][1], same[1][0], "x3"]
    for order in (ids, ids[::-1], sorted(ids)):
        ranks = tie_ranks(order).tolist()
        assert sorted(order, key=lambda x: ranks[order.index(x)]) == sorted(ids, key=lambda x: (zlib.crc32(x.encode()), x))
