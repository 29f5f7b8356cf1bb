"""One-record checks of two or more builds side by side, on one machine state.

``python -m benchmarks.side_by_side --n 1000000 --build old=SITE_A --build new=SITE_B [--rounds 2]``
starts one long-lived process per build (``PYTHONPATH`` = the build's site directory, e.g. a
wheel unpacked with ``unzip``, then this repository for ``benchmarks/``). Each builds its own
:class:`~dupguard.index.Index` over the same generator records as :mod:`benchmarks.latency`
(``n`` records, seed 1, 2,000 held-out duplicates; 2,000 new customers of another seed), then
all of them answer the same queries in blocks of 500, one process at a time, the order rotating
from block to block. Fresh-process runs of :mod:`benchmarks.latency` differ from each other by
as much as two builds do; this holds the machine's state fixed instead. Round 2 and later repeat
the same queries (warm caches).

Examples:
    >>> _order(["a", "b", "c"], 4)
    ['b', 'c', 'a']
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["main"]

_BLOCK = 500
_QUERIES = 2000
_ROOT = Path(__file__).resolve().parent.parent


def _order(names: list[str], k: int) -> list[str]:
    s = k % len(names)
    return names[s:] + names[:s]


def _serve(n: int, queries: int) -> None:
    """The per-build process: build the index, then answer ``kind start end`` lines with JSON."""
    import gc

    from benchmarks.latency import _public, query_sets
    from dupguard.index import Index

    indexed, held, new = query_sets(n, queries, seed=1)
    sets = {"dup": [_public(r) for r in held], "new": [_public(r) for r in new]}
    ix = Index()
    ix.add_many([_public(r) for r in indexed])
    del indexed
    gc.collect()
    for q in sets["new"][:50]:
        ix.candidates(q)
    import dupguard

    print(json.dumps({"ready": dupguard.__file__}), flush=True)
    for line in sys.stdin:
        kind, a, b = line.split()
        lat = []
        for q in sets[kind][int(a) : int(b)]:
            t0 = time.perf_counter_ns()
            ix.candidates(q)
            lat.append((time.perf_counter_ns() - t0) / 1e6)
        print(json.dumps(lat), flush=True)


def main(argv: list[str] | None = None) -> None:
    """Run the comparison and print one row per build and query kind."""
    from benchmarks.latency import percentile

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=1_000_000)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--queries", type=int, default=_QUERIES, help="of each kind (blocks of 500)")
    p.add_argument("--build", action="append", default=[], help="NAME=SITE_DIR (repeatable)")
    p.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.serve is not None:
        _serve(args.serve, args.queries)
        return
    builds = dict(b.split("=", 1) for b in args.build)
    procs: dict[str, Any] = {}
    for name, site in builds.items():
        env = {**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{_ROOT}"}
        procs[name] = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.side_by_side", "--serve", str(args.n), "--queries", str(args.queries)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd="/tmp",
        )
    for name, proc in procs.items():
        print(name, proc.stdout.readline().strip(), flush=True)
    names = list(procs)
    lat: dict[tuple[str, str], list[float]] = {(s, k): [] for s in names for k in ("dup", "new")}
    blocks = [(k, a) for k in ("new", "dup") for a in range(0, args.queries, _BLOCK)]
    load0 = os.getloadavg()[0]
    for rnd in range(args.rounds):
        for b, (kind, a) in enumerate(blocks):
            for s in _order(names, b + rnd):
                procs[s].stdin.write(f"{kind} {a} {a + _BLOCK}\n")
                procs[s].stdin.flush()
                lat[s, kind] += json.loads(procs[s].stdout.readline())
    print(f"load {load0:.1f} -> {os.getloadavg()[0]:.1f}")
    print("| build | queries | n | mean ms | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for (s, k), v in sorted(lat.items()):
        print(
            f"| {s} | {'duplicates' if k == 'dup' else 'new'} | {len(v):,} | {statistics.mean(v):.3f} "
            f"| {percentile(v, 50):.3f} | {percentile(v, 95):.3f} | {percentile(v, 99):.3f} | {max(v):.2f} |"
        )
    for proc in procs.values():
        proc.stdin.close()
        proc.wait()
        proc.stdout.close()


if __name__ == "__main__":
    main()
