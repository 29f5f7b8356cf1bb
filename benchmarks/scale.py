"""End-to-end batch dedupe at scale: wall time, CPU time, peak memory, accuracy, stage breakdown.

``python -m benchmarks.scale --n 1000000`` writes (or reuses) a generator CSV with
:func:`benchmarks.generate.write_csv` — generation time is *excluded* — then measures, each in a
fresh subprocess so that peak memory belongs to the measured work alone:

* **end to end** — ``pandas.read_csv`` + :func:`dupguard.index.dedupe` (the public call);
* **by stage** — the same work through the internal functions of
  ``dupguard.index._batch`` in the order :func:`~dupguard.index.run` calls them (read-only use):
  read, extract, block, term frequencies, score, cluster. This run also gives the candidate-pair
  count, which ``dedupe`` does not expose.

``--modes dedupe`` or ``--modes stages`` runs only one of them.

Peak memory is the child's ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` read by the parent
(KiB on Linux; the child's own ``RUSAGE_SELF`` figure when an earlier child was larger), so it
includes the interpreter, pandas and the DataFrame (and, with ``--profile``, cProfile's overhead). Accuracy is pairwise precision / recall /
F1 of the clusters against the generator's ``entity_id``
(:func:`benchmarks.metrics.pairwise_from_clusters`), computed after the clock stops. Every
result carries ``os.getloadavg()`` and CPU time (``time.process_time``) beside wall time,
because the benchmark machine is shared.

``--profile PATH`` runs the end-to-end child under :mod:`cProfile` and writes the stats.

Examples:
    >>> percent(0.98765)
    '98.77%'
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["csv_path", "main", "measure", "percent", "table"]

_COLUMNS = ("id", "company", "contact", "email", "phone", "website", "country", "address")


def percent(x: float, /) -> str:
    """Format a share as a percentage with two decimals.

    Examples:
        >>> percent(1.0)
        '100.00%'
    """
    return f"{100 * x:.2f}%"


def csv_path(n: int, /, *, seed: int, directory: Path) -> Path:
    """Where the generator CSV of *n* records lives (it is reused between runs).

    Examples:
        >>> csv_path(10, seed=1, directory=Path("/tmp")).name
        'customers-10-seed1.csv'
    """
    return directory / f"customers-{n}-seed{seed}.csv"


def _ensure_csv(n: int, seed: int, directory: Path, workers: int) -> tuple[Path, float]:
    from benchmarks.generate import write_csv

    path = csv_path(n, seed=seed, directory=directory)
    if path.exists():
        return path, 0.0
    directory.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    part = path.with_suffix(".csv.part")
    write_csv(part, n, seed=seed, workers=workers)
    part.replace(path)
    return path, time.perf_counter() - t0


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> dict[str, float]:
    """Wall and CPU seconds since *start*, and the process's peak RSS so far (MiB): the stage
    whose row first shows the final peak is the one that set it."""
    return {
        "wall_s": time.perf_counter() - start[0],
        "cpu_s": time.process_time() - start[1],
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _accuracy(ids: list[str], labels: list[str], truth: dict[str, str]) -> dict[str, Any]:
    from benchmarks.metrics import pairwise_from_clusters

    s = pairwise_from_clusters(dict(zip(ids, labels, strict=True)), truth)
    return {
        "precision": s.precision,
        "recall": s.recall,
        "f1": s.f1,
        "true_positives": s.true_positives,
        "predicted_pairs": s.predicted_pairs,
        "true_pairs": s.true_pairs,
        "clusters": len(set(labels)),
    }


def _child(path: Path, mode: str, threshold: float) -> dict[str, Any]:
    """The measured work (runs in the child process)."""
    import pandas as pd

    from dupguard.index import dedupe

    out: dict[str, Any] = {"mode": mode, "loadavg_start": os.getloadavg()}
    start = _clock()
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    truth = dict(zip(df["id"], df["entity_id"], strict=True))
    frame = df[list(_COLUMNS)]
    read = _since(start)
    if mode == "dedupe":
        result = dedupe(frame, threshold=threshold)
        ids, labels = result["id"].tolist(), result["cluster_id"].tolist()
        out["rejected"] = len(result.attrs["rejected"])
    else:
        ids, labels, stages, extra = _staged(frame, threshold)
        out["stages"] = {"read_csv": read, **stages}
        out.update(extra)
    out["total"] = _since(start)
    out["records"] = len(df)
    out["loadavg_end"] = os.getloadavg()
    out["self_maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out["accuracy"] = _accuracy(ids, labels, truth)
    return out


def _staged(frame: Any, threshold: float) -> tuple[list[str], list[str], dict[str, dict[str, float]], dict[str, Any]]:
    """``run`` + ``dedupe`` step by step through ``_batch``'s internals (read-only), the cyclic
    collector paused as ``dedupe`` pauses it."""
    from dupguard.index import _gc

    with _gc.paused():
        return _stages(frame, threshold)


def _stages(frame: Any, threshold: float) -> tuple[list[str], list[str], dict[str, dict[str, float]], dict[str, Any]]:
    from dupguard.index import Model, Schema
    from dupguard.index import _batch as B
    from dupguard.index._cluster import clusters
    from dupguard.index._features import Extractor
    from dupguard.index._index import default_block_limit
    from dupguard.index._score import Scorer, probability

    stages: dict[str, dict[str, float]] = {}
    schema = Schema.customers()
    model = Model.default(schema)
    t = _clock()
    left, rejected = B._extract(frame, Extractor(schema), workers=None)  # the cores available, as dedupe
    stages["extract"] = _since(t)
    total = len(left)
    limit = schema.max_block_size or default_block_limit(total)
    t = _clock()
    i, j, _rules, _rule_of = B._block_pairs(
        left, None, limit, budget=max(B._PAIRS_PER_RECORD * total, 10_000), best=B.MAX_SCORED
    )
    stages["block"] = _since(t)
    t = _clock()
    counts = B._tf_counts(schema, left)
    stages["tf_counts"] = _since(t)
    t = _clock()
    scored = B._score_chunked(Scorer(model, counts, total), left, None, i, j)
    stages["score"] = _since(t)
    t = _clock()
    ids = [f.id for f in left]
    keep = probability(scored.weight) >= threshold
    apart = B._contradictions(model, left, i, j, scored)
    labels = clusters(tuple(ids), i[keep], j[keep], scored.weight[keep], threshold=threshold, apart=apart)
    stages["cluster"] = _since(t)
    extra = {"candidate_pairs": len(i), "linked_pairs": int(keep.sum()), "rejected": len(rejected), "block_limit": limit}
    return ids, list(labels), stages, extra


def measure(path: Path, /, *, mode: str = "dedupe", threshold: float = 0.9, profile: Path | None = None) -> dict[str, Any]:
    """Run one measured child process over the CSV at *path* and return its results.

    ``mode`` is ``"dedupe"`` (the public call) or ``"stages"`` (internals in order). The result
    has ``total`` (wall/CPU seconds), ``peak_rss_mib``, ``accuracy`` and, for stages,
    ``stages`` and ``candidate_pairs``.
    """
    with tempfile.TemporaryDirectory() as d:
        result = Path(d) / "result.json"
        cmd = [sys.executable]
        if profile is not None:
            cmd += ["-m", "cProfile", "-o", str(profile)]
        cmd += ["-m", "benchmarks.scale", "--child", str(path), "--mode", mode,
                "--threshold", str(threshold), "--result", str(result)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        subprocess.run(cmd, check=True, cwd=Path(__file__).resolve().parent.parent)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        out: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    # RUSAGE_CHILDREN's ru_maxrss is the largest of all children waited for so far; when an
    # earlier child was larger it does not move, and the child's own RUSAGE_SELF figure is used.
    out["peak_rss_mib"] = (peak if peak > before else out["self_maxrss_kib"]) / 1024
    return out


def table(results: list[dict[str, Any]], /) -> str:
    """Markdown tables of :func:`measure` results (end to end, then stages if present)."""
    lines = [
        "| run | records | wall s | CPU s | records/s (wall) | peak RSS MiB | candidate pairs | P | R | F1 | load avg (1 min) start→end |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        a = r["accuracy"]
        lines.append(
            f"| {r['mode']} | {r['records']:,} | {r['total']['wall_s']:.1f} | {r['total']['cpu_s']:.1f} | "
            f"{r['records'] / r['total']['wall_s']:,.0f} | {r['peak_rss_mib']:,.0f} | "
            f"{format(r['candidate_pairs'], ',') if 'candidate_pairs' in r else '—'} | "
            f"{a['precision']:.4f} | {a['recall']:.4f} | {a['f1']:.4f} | "
            f"{r['loadavg_start'][0]:.1f}→{r['loadavg_end'][0]:.1f} |"
        )
    for r in results:
        if "stages" in r:
            lines += ["", "| stage | wall s | CPU s | share of wall | peak RSS so far MiB |", "|---|---:|---:|---:|---:|"]
            tot = sum(s["wall_s"] for s in r["stages"].values())
            for name, s in r["stages"].items():
                peak = f"{s['peak_mib']:,.0f}" if "peak_mib" in s else "–"
                lines.append(f"| {name} | {s['wall_s']:.1f} | {s['cpu_s']:.1f} | {percent(s['wall_s'] / tot)} | {peak} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line (see the module docstring); returns the exit status."""
    p = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=1_000_000, help="records in the generator list")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threshold", type=float, default=0.9)
    p.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "dupguard-bench",
                   help="where the generator CSV is written and reused")
    p.add_argument("--workers", type=int, default=2, help="processes generating the CSV")
    p.add_argument("--modes", default="dedupe,stages",
                   help="comma-separated runs: dedupe (public call), stages (internals in order)")
    p.add_argument("--profile", type=Path, help="cProfile the end-to-end child into this file")
    p.add_argument("--json", type=Path, help="write the results here")
    p.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--mode", default="dedupe", help=argparse.SUPPRESS)
    p.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child is not None:
        res = _child(args.child, args.mode, args.threshold)
        args.result.write_text(json.dumps(res), encoding="utf-8")
        return 0
    path, gen_s = _ensure_csv(args.n, args.seed, args.data_dir, args.workers)
    how = f"generated in {gen_s:.1f} s" if gen_s else "reused"
    print(f"# CSV {path} ({how}; not timed)", file=sys.stderr)
    results = [
        measure(path, mode=mode, threshold=args.threshold, profile=args.profile if mode == "dedupe" else None)
        for mode in args.modes.split(",")
    ]
    from benchmarks.run import machine
    from benchmarks.systems._common import dupguard_build

    host = machine()
    meta = {
        "command": "python -m benchmarks.scale " + " ".join(argv if argv is not None else sys.argv[1:]),
        "python": platform.python_version(),
        "cpu": host["cpu"],
        "cpus": os.cpu_count(),
        "build": dupguard_build(),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }
    # Sessions get different machines (the same code has run 1M over twice as fast on one as on
    # another): every result names the CPU and the build it ran on.
    print(f"# {meta['date']}; {host['cpu']}, {meta['cpus']} cores; Python {meta['python']}; dupguard {meta['build']}")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
