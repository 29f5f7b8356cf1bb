"""Recall by surface form on the listed-company sets: zh↔zh, zh↔en, en↔en.

``python -m benchmarks.categories [cn-listed] [tw-listed]`` runs ``dupguard.dedupe`` (default
model, threshold 0.9) on each set and prints pairwise precision and recall, with recall split by
the two records' surface forms (full or short Chinese name = ``zh``, English name = ``en``) as
:meth:`benchmarks.datasets.Dataset.pair_category` names them. A true pair is recalled when both
records land in one predicted cluster.

Examples:
    >>> recall_by_category({("a", "b"), ("a", "c")}, {("a", "b")}, {"a": "zh", "b": "zh", "c": "en"}.get)
    {'zh-zh': (1, 1), 'zh-en': (0, 1)}
"""

from __future__ import annotations

import argparse
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable

__all__ = ["main", "recall_by_category"]


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


def main(argv: list[str] | None = None) -> None:
    """Print the table for each dataset named (default: cn-listed and tw-listed)."""
    import dupguard
    from benchmarks import datasets

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("datasets", nargs="*", default=["cn-listed", "tw-listed"])
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


if __name__ == "__main__":
    main()
