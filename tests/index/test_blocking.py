"""Batch blocking (``_batch._block_pairs``) against a plain-Python reference.

The batch path turns every record's blocking keys into candidate pairs with whole-array numpy
work; the reference below does the same one block and one pair at a time. They must agree on
the pairs, their order, the rule that produced each pair and the rule names — for a dedupe and
a link, with and without the pair budget.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from dupguard.index._batch import _block_pairs
from dupguard.index._features import Features

_KEYS = [f"{rule}:{v}" for rule in ("email.email", "phone.e164", "company.core") for v in "abcdef"]


def _feats(blocks: list[list[str]], prefix: str) -> list[Features]:
    return [Features(f"{prefix}{t}", (), tuple(dict.fromkeys(b))) for t, b in enumerate(blocks)]


def _reference(
    left: list[Features], right: list[Features] | None, limit: int, budget: int | None
) -> tuple[list[tuple[int, int, str]], tuple[str, ...]]:
    """``[(i, j, rule)]`` in order of first production, and the rule names in order of use."""
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
    return [(i, j, r) for (i, j), r in found.items()], tuple(rules)


_RECORDS = st.lists(st.lists(st.sampled_from(_KEYS), max_size=4), max_size=30)


@settings(max_examples=300, deadline=None)
@given(
    left=_RECORDS,
    right=st.none() | _RECORDS,
    limit=st.integers(2, 12),
    budget=st.none() | st.integers(0, 60),
)
def test_block_pairs_equal_the_reference(
    left: list[list[str]], right: list[list[str]] | None, limit: int, budget: int | None
) -> None:
    lf = _feats(left, "l")
    rf = None if right is None else _feats(right, "r")
    i, j, rules, rule_of = _block_pairs(lf, rf, limit, budget=budget)
    got = [(a, b, rules[r]) for a, b, r in zip(i.tolist(), j.tolist(), rule_of.tolist(), strict=True)]
    want, want_rules = _reference(lf, rf, limit, budget)
    assert got == want
    assert rules == want_rules
    if right is None:
        assert all(a < b for a, b, _ in got)


def test_block_over_the_limit_gives_no_pairs() -> None:
    feats = _feats([["email.email:a"]] * 4 + [["phone.e164:b"]] * 2, "x")
    i, j, rules, _ = _block_pairs(feats, None, 3)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(4, 5)]
    assert rules == ("phone.e164",)
