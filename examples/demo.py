"""`make demo`: dupguard's main job on the bundled sample customer list.

1. Batch: deduplicate 2,000 CRM records (Chinese and foreign customers, typed by different reps)
   and show the collisions (撞单) where two reps own one customer, with the evidence.
2. One record: a rep is about to save a new customer; the index answers with the existing owner.
3. Attribution: the two reps' evidence decides who owns the customer.

The sample was written by ``benchmarks/generate.py`` (seed 7) and carries the truth
(``entity_id``), so the demo also reports precision and recall.
"""

from __future__ import annotations

import csv
import itertools
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import dupguard
from dupguard import attribution as at

SAMPLE = Path(__file__).with_name("sample_customers.csv")


def _pairs(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {p for members in groups.values() for p in itertools.combinations(sorted(members), 2)}


def main() -> int:
    with SAMPLE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_id = {r["id"]: r for r in rows}
    print(f"dupguard {dupguard.__version__} — {len(rows)} customer records from {SAMPLE.name}\n")

    # 1. Batch dedupe ---------------------------------------------------------------------------
    t0 = time.perf_counter()
    clusters = dupguard.dedupe(rows, threshold=0.9)
    scored = dupguard.pairs(rows, threshold=0.9)
    elapsed = time.perf_counter() - t0
    predicted: dict[str, list[str]] = defaultdict(list)
    for rid, cid in zip(clusters["id"], clusters["cluster_id"], strict=True):
        predicted[cid].append(rid)
    truth: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        truth[r["entity_id"]].append(r["id"])
    pred_pairs, true_pairs = _pairs(predicted), _pairs(truth)
    tp = len(pred_pairs & true_pairs)
    precision = tp / max(len(pred_pairs), 1)
    recall = tp / max(len(true_pairs), 1)
    multi = [m for m in predicted.values() if len(m) > 1]
    print(f"1. Batch: {len(multi)} duplicate clusters found in {elapsed:.2f} s "
          f"(pairwise precision {precision:.3f}, recall {recall:.3f} against the sample's truth)")
    rejected = clusters.attrs["rejected"]
    print(f"   rejected rows: {len(rejected)}")

    collisions = [
        row for row in scored.itertuples(index=False)
        if by_id[row.id_l]["owner"] != by_id[row.id_r]["owner"]
    ]
    print(f"   {len(collisions)} pairs are owned by two different reps (撞单). The first three:\n")
    for row in collisions[:3]:
        a, b = by_id[row.id_l], by_id[row.id_r]
        print(f"   {a['id']} ({a['owner']}) ~ {b['id']} ({b['owner']})  p={row.probability:.4f}  rule={row.rule}")
        for field in ("company", "contact", "email", "phone", "website"):
            level = getattr(row, f"{field}_level")
            if level != "missing":
                w = getattr(row, f"{field}_weight")
                once = "  (implied by another field; counted once)" if w == 0 and level != "different" else ""
                print(f"      {field:8} {level:13} {w:+6.1f} bits   {a[field]!r} | {b[field]!r}{once}")
        print()

    # 2. One-record check -----------------------------------------------------------------------
    index = dupguard.Index()
    index.add_many(rows)
    original = next(r for r in rows if r["company"].endswith("有限公司") and r["phone"])
    typed = {
        "company": original["company"].replace("有限公司", "").translate(
            str.maketrans("进出口贸易电器门东华为国际", "進出口貿易電器門東華為國際")
        ),
        "phone": original["phone"],
        "contact": "",
    }
    t0 = time.perf_counter()
    found = index.candidates(typed, limit=3)
    ms = (time.perf_counter() - t0) * 1000
    print(f"2. One record: a rep types {typed['company']!r} / {typed['phone']!r}")
    for c in found:
        owner = by_id[c.id]["owner"]
        print(f"   candidate {c.id} owned by {owner}: {by_id[c.id]['company']!r} "
              f"p={c.probability:.4f} via {c.rule} ({ms:.1f} ms)")
    print()

    # 3. Attribution ----------------------------------------------------------------------------
    if collisions:
        a, b = by_id[collisions[0].id_l], by_id[collisions[0].id_r]
        customer = a["entity_id"]
        t = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
        events = [
            at.Registered(id="e1", customer=customer, rep=a["owner"], at=t),
            at.SampleSent(id="e2", customer=customer, rep=b["owner"], at=t + timedelta(days=5)),
            at.FollowedUp(id="e3", customer=customer, rep=a["owner"], at=t + timedelta(days=8)),
            at.SpecConfirmed(id="e4", customer=customer, rep=b["owner"], at=t + timedelta(days=20)),
            at.OrderWon(id="e5", customer=customer, rep=b["owner"], at=t + timedelta(days=30),
                        amount=1_250_000, currency="USD"),
        ]
        as_of = t + timedelta(days=31)
        print(f"3. Attribution for {a['owner']} vs {b['owner']} on an order of USD 12,500.00:")
        policies: list[at.Policy] = [
            at.FirstRegistration(protection=timedelta(days=90)),
            at.FirstSample(),
            at.ContributionWeighted(),
            at.EqualSplit(),
        ]
        for policy in policies:
            d = at.decide(events, policy=policy, as_of=as_of)
            split = ", ".join(f"{rep} {amt / 100:,.2f}" for rep, amt in sorted(d.amounts.items()))
            print(f"   {type(policy).__name__:22} {d.status:6} owner={d.owner}  {split}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
