"""One-record check: latency of :meth:`dupguard.index.Index.candidates` and index memory.

``python -m benchmarks.latency --n 100000 [--n 1000000] [--queries 2000] [--json PATH]`` for
each size *n*:

1. generates ``n + queries`` records with :func:`benchmarks.generate.records` (seed fixed, not
   timed) and holds out *queries* generator duplicates (records with edits whose original lies
   before them), so each held-out record has at least one indexed record of its entity;
2. builds an :class:`~dupguard.index.Index` over the other *n* records with ``add_many`` —
   build wall/CPU time, and **memory per indexed record = RSS delta of the build / n** (resident
   set size from ``/proc/self/statm`` after ``gc.collect()``, before and after ``add_many``; the
   input dicts exist before and after, and the normalizers' lexicons are loaded beforehand by a
   throwaway index, so the delta is what the index holds);
3. queries: (a) the held-out duplicates, (b) *queries* new customers (originals of another seed,
   fresh ids) — p50/p95/p99/max wall latency of ``candidates(record)`` (``perf_counter_ns``
   around each call, after 50 untimed warm-up queries), CPU time per query, and for (a)
   recall@1 (the best candidate is of the query's entity) and recall@10.

Every row records ``os.getloadavg()``: the machine is shared, so tails are noisy.
``--gc-freeze`` calls ``gc.freeze()`` after the build (a deployment option, off by default);
``--max-scored K`` builds ``Index(max_scored=K)`` (recall against cost).

Examples:
    >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
    2.5
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from random import Random
from typing import Any, Final

__all__ = ["main", "measure", "percentile", "query_sets", "rss_bytes", "split_queries", "table"]

_COLUMNS: Final = ("id", "company", "contact", "email", "phone", "website", "country", "address")
_WARMUP: Final = 50


def percentile(values: Sequence[float], q: float, /) -> float:
    """The *q*-th percentile with linear interpolation (numpy's default method).

    Examples:
        >>> percentile([5.0], 99), percentile([1.0, 3.0], 100)
        (5.0, 3.0)
    """
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def rss_bytes() -> int:
    """Resident set size of this process, from ``/proc/self/statm`` (Linux; psutil elsewhere).

    Examples:
        >>> rss_bytes() > 0
        True
    """
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import psutil  # type: ignore[import-untyped,unused-ignore]

        return int(psutil.Process().memory_info().rss)


def split_queries(
    rows: Sequence[Mapping[str, str]], n: int, queries: int, /, *, seed: int
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """``(indexed, held_out)``: *queries* duplicates among the first *n* rows held out, *n* indexed.

    Examples:
        >>> from benchmarks.generate import records
        >>> idx, held = split_queries(list(records(60, seed=1)), 50, 5, seed=0)
        >>> len(idx), len(held), all(h["edits"] for h in held)
        (50, 5, True)
    """
    dups = [t for t, r in enumerate(rows[:n]) if r["edits"]]
    held = set(Random(seed).sample(dups, min(queries, len(dups))))
    indexed = [dict(r) for t, r in enumerate(rows) if t not in held][:n]
    return indexed, [dict(rows[t]) for t in sorted(held)]


def query_sets(
    n: int, queries: int, /, *, seed: int
) -> tuple[list[dict[str, str]], list[dict[str, str]], list[dict[str, str]]]:
    """``(indexed, held_out, new)``: *n* generator records to index, *queries* of their
    duplicates held out (:func:`split_queries`), and *queries* new customers of another seed.

    Examples:
        >>> idx, held, new = query_sets(50, 5, seed=1)
        >>> len(idx), len(held), len(new), new[0]["id"]
        (50, 5, 5, 'new0000000')
    """
    from benchmarks.generate import records

    rows = list(records(n + queries, seed=seed))
    indexed, held = split_queries(rows, n, queries, seed=seed)
    del rows
    new = [r for r in records(queries * 3, seed=seed + 1_000_003) if not r["edits"]][:queries]
    for t, r in enumerate(new):
        r["id"] = f"new{t:07d}"
    return indexed, held, new


def _public(r: Mapping[str, str]) -> dict[str, str]:
    return {c: r[c] for c in _COLUMNS}


def _query(ix: Any, qs: list[dict[str, str]], entity: Mapping[str, str] | None) -> dict[str, Any]:
    for q in qs[:_WARMUP]:
        ix.candidates(_public(q))
    lat: list[float] = []
    hit1 = hit10 = 0
    load = os.getloadavg()
    c0 = time.process_time()
    for q in qs:
        rec = _public(q)
        t0 = time.perf_counter_ns()
        cands = ix.candidates(rec)
        lat.append((time.perf_counter_ns() - t0) / 1e6)
        if entity is not None:
            ents = [entity.get(c.id) for c in cands]
            hit1 += bool(ents) and ents[0] == q["entity_id"]
            hit10 += q["entity_id"] in ents
    cpu = time.process_time() - c0
    out: dict[str, Any] = {
        "queries": len(qs),
        "p50_ms": percentile(lat, 50),
        "p95_ms": percentile(lat, 95),
        "p99_ms": percentile(lat, 99),
        "max_ms": max(lat),
        "mean_cpu_ms": 1000 * cpu / len(qs),
        "loadavg": load,
    }
    if entity is not None:
        out["recall_at_1"] = hit1 / len(qs)
        out["recall_at_10"] = hit10 / len(qs)
    return out


def measure(
    n: int, /, *, queries: int = 2000, seed: int = 1, gc_freeze: bool = False, max_scored: int | None = None
) -> dict[str, Any]:
    """Build an index of *n* generator records and time *queries* lookups of each kind.

    Examples:
        >>> r = measure(60, queries=5)
        >>> r["n"], r["duplicates"]["queries"], 0 <= r["duplicates"]["recall_at_1"] <= 1
        (60, 5, True)
    """
    from dupguard.index import Index

    indexed, held, new = query_sets(n, queries, seed=seed)
    entity = {r["id"]: r["entity_id"] for r in indexed}
    public = [_public(r) for r in indexed]
    Index().add_many([_public(r) for r in new[:200]])  # first use loads lexicons: not the index's memory
    gc.collect()
    rss0 = rss_bytes()
    ix = Index() if max_scored is None else Index(max_scored=max_scored)
    load = os.getloadavg()
    w0, c0 = time.perf_counter(), time.process_time()
    ix.add_many(public)
    build_wall, build_cpu = time.perf_counter() - w0, time.process_time() - c0
    gc.collect()
    rss1 = rss_bytes()
    if gc_freeze:
        gc.freeze()
    out = {
        "n": len(ix),
        "build_wall_s": build_wall,
        "build_cpu_s": build_cpu,
        "build_loadavg": load,
        "bytes_per_record": (rss1 - rss0) / max(len(ix), 1),
        "memory_method": "RSS delta of add_many / n",
        "block_limit": ix.block_limit(),
        "gc_freeze": gc_freeze,
        "max_scored": ix._max_scored,
        "duplicates": _query(ix, held, entity),
        "new": _query(ix, new, None),
    }
    if gc_freeze:
        gc.unfreeze()
    return out


def table(results: Sequence[Mapping[str, Any]], /) -> str:
    """Markdown: one row per (size, query kind)."""
    lines = [
        "| indexed | build wall s | build CPU s | bytes/record (RSS Δ) | queries | kind | p50 ms | p95 ms | p99 ms | max ms | CPU ms/query | recall@1 | recall@10 | load 1m |",
        "|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for kind in ("duplicates", "new"):
            q = r[kind]
            rec1 = f"{q['recall_at_1']:.3f}" if "recall_at_1" in q else "—"
            rec10 = f"{q['recall_at_10']:.3f}" if "recall_at_10" in q else "—"
            lines.append(
                f"| {r['n']:,} | {r['build_wall_s']:.1f} | {r['build_cpu_s']:.1f} | {r['bytes_per_record']:,.0f} | "
                f"{q['queries']:,} | {kind} | {q['p50_ms']:.2f} | {q['p95_ms']:.2f} | {q['p99_ms']:.2f} | "
                f"{q['max_ms']:.1f} | {q['mean_cpu_ms']:.2f} | {rec1} | {rec10} | {q['loadavg'][0]:.1f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line (see the module docstring); returns the exit status."""
    p = argparse.ArgumentParser(prog="python -m benchmarks.latency", description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, action="append", help="indexed records (repeatable; default 100000)")
    p.add_argument("--queries", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--gc-freeze", action="store_true", help="gc.freeze() after building the index")
    p.add_argument("--max-scored", type=int, help="Index(max_scored=...) (default: the Index default)")
    p.add_argument("--json", type=Path, help="write the results here")
    args = p.parse_args(argv)
    results: list[dict[str, Any]] = []
    for n in args.n or [100_000]:
        results.append(
            measure(n, queries=args.queries, seed=args.seed, gc_freeze=args.gc_freeze, max_scored=args.max_scored)
        )
        print(f"# n={n:,} done", json.dumps(results[-1]), file=sys.stderr, flush=True)
        gc.collect()
    print(table(results))
    if args.json:
        meta = {
            "command": "python -m benchmarks.latency " + " ".join(argv if argv is not None else sys.argv[1:]),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        }
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
