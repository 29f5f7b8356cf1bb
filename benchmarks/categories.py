"""Recall by surface form on the listed-company sets: zh↔zh, zh↔en, en↔en.

``python -m benchmarks.categories [cn-listed] [tw-listed] [--levels]`` runs ``dupguard.dedupe``
(default model, threshold 0.9) on each set and prints pairwise precision and recall, with recall
split by the two records' surface forms (full or short Chinese name = ``zh``, English name =
``en``) as :meth:`benchmarks.datasets.Dataset.pair_category` names them. A true pair is recalled
when both records land in one predicted cluster.

``--levels`` adds, for zh↔zh, what name-only evidence allows: every candidate pair of
``dupguard.pairs`` by company level — how many, how many are one company, and how many true
pairs of that level the clusters missed — and the true pairs that are no candidate at all.

Examples:
    >>> recall_by_category({("a", "b"), ("a", "c")}, {("a", "b")}, {"a": "zh", "b": "zh", "c": "en"}.get)
    {'zh-zh': (1, 1), 'zh-en': (0, 1)}
    >>> level_table([("a", "b", "exact"), ("a", "c", "partial")], {("a", "b")}, set())
    {'exact': (1, 1, 1), 'partial': (1, 0, 0)}
"""

from __future__ import annotations

import argparse
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable

__all__ = ["level_table", "main", "recall_by_category"]


def recall_by_category(
    true_pairs: Iterable[tuple[str, str]],
    predicted: set[tuple[str, str]],
    category_of: Callable[[str], str | None],
) -> dict[str, tuple[int, int]]:
    """``category → (recalled, true)`` over *true_pairs* (pairs spelt smaller id first)."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a, b in sorted(true_pairs):
        ca, cb = category_of(a), category_of(b)
        if ca is None or cb is None:
            continue
        cat = "-".join(sorted((ca, cb), key=("zh", "en").index))
        out[cat][1] += 1
        out[cat][0] += (a, b) in predicted
    return {k: (v[0], v[1]) for k, v in out.items()}


def level_table(
    scored: Iterable[tuple[str, str, str]], true: set[tuple[str, str]], recalled: set[tuple[str, str]]
) -> dict[str, tuple[int, int, int]]:
    """``level → (candidate pairs, of them true, true ones not recalled)`` over ``(a, b, level)``."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for a, b, level in scored:
        pair = (a, b) if a < b else (b, a)
        row = out[level]
        row[0] += 1
        if pair in true:
            row[1] += 1
            row[2] += pair not in recalled
    return {k: (v[0], v[1], v[2]) for k, v in sorted(out.items())}


def _print_levels(ds: object, schema: object, predicted: set[tuple[str, str]]) -> None:
    import dupguard

    categories = ds.categories or {}  # type: ignore[attr-defined]
    zh = {rid for rid, c in categories.items() if c == "zh"}
    true = {p for p in ds.true_pairs() if p[0] in zh and p[1] in zh}  # type: ignore[attr-defined]
    scored = dupguard.pairs(ds.records, schema=schema)  # type: ignore[attr-defined]
    rows = [
        (a, b, lv)
        for a, b, lv in zip(scored["id_l"], scored["id_r"], scored["company_level"], strict=True)
        if a in zh and b in zh
    ]
    print("  zh-zh candidate pairs by company level: pairs, one company, true pairs missed")
    for level, (n, same, missed) in level_table(rows, true, predicted).items():
        print(f"    {level:13} {n:7,} {same:7,} ({same / n:.3f}) {missed:6,}")
    seen = {(a, b) if a < b else (b, a) for a, b, _ in rows}
    print(f"    {'no candidate':13} {len(true - seen):7,} true pairs")


def main(argv: list[str] | None = None) -> None:
    """Print the table for each dataset named (default: cn-listed and tw-listed)."""
    import dupguard
    from benchmarks import datasets

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("datasets", nargs="*", default=["cn-listed", "tw-listed"])
    parser.add_argument("--levels", action="store_true", help="zh-zh candidate pairs by company level")
    args = parser.parse_args(argv)
    for name in args.datasets:
        ds = datasets.load(name)
        df = ds.records
        clusters = dupguard.dedupe(df, schema=dupguard.Schema(dict(ds.schema), id="id"), threshold=0.9)
        members: dict[object, list[str]] = defaultdict(list)
        for rid, cid in zip(clusters["id"].astype(str), clusters["cluster_id"], strict=True):
            members[cid].append(rid)
        predicted = {p for ids in members.values() for p in itertools.combinations(sorted(ids), 2)}
        true = ds.true_pairs()
        tp = len(predicted & true)
        print(f"{name}: pairwise precision {tp / max(len(predicted), 1):.3f}, recall {tp / len(true):.3f}")
        categories = ds.categories or {}
        for cat, (hit, total) in sorted(recall_by_category(true, predicted, categories.get).items()):
            print(f"  {cat}: recall {hit / total:.3f} ({hit:,} of {total:,} true pairs)")
        if "en-en" not in recall_by_category(true, predicted, categories.get):
            print("  en-en: no true pairs (one English name per company)")
        if args.levels:
            _print_levels(ds, dupguard.Schema(dict(ds.schema), id="id"), predicted)


if __name__ == "__main__":
    main()
