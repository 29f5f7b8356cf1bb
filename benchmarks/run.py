"""The side-by-side harness: dupguard and its peers on the same data, same machine, one run.

Usage::

    python -m benchmarks.run --quick                    # make bench: < 10 min on 2 cores
    python -m benchmarks.run --full --write-docs        # everything, scale probe, plot, docs
    python -m benchmarks.run --systems splink,recordlinkage --datasets febrl3 --repeat 5

Every (system × dataset × repeat) runs in a fresh subprocess (``--one SYSTEM DATASET``), so
its wall time and peak RSS are that run's alone. The child imports the system's libraries and
loads the dataset *before* the clock starts, then times ``system.run(dataset)`` end to end
(model building, training, prediction, clustering), reads its own peak RSS
(``getrusage(RUSAGE_SELF).ru_maxrss``, plus ``RUSAGE_CHILDREN`` for systems that fork workers)
right after ``run`` returns, and only then scores the output (:mod:`benchmarks.metrics`). The
parent polls the child with psutil and kills it past ``--timeout`` seconds or ``--memory-gb``;
the kill is recorded as the reason, never as a number. The child marks when its clock starts and
when ``run`` returns, so ``--timeout`` budgets the measured run itself (a timeout is reported as
``timeout: run over the N s budget``); loading (a generated 1M list takes minutes to build) and
scoring each get their own budget of the same length. Every record carries ``os.getloadavg()``
at the start and the end of the run, because the benchmark machine is shared: the tables show
the 1-minute load average seen over a row's repeats. On the generated 100k / 1M lists the
candidate pairs are not re-derived for blocking recall (the scale probe measures time and memory).

Reported per (system, dataset): the median wall time and peak RSS of the repeats, the quality
metrics (deterministic: checked equal across repeats, their spread recorded otherwise), and for
the dupguard row against every peer on the same dataset, from the same invocation: the time
ratio dupguard / peer and the F1 difference dupguard − peer. The dupguard row is ``dupguard``
(the engine) when it exists, else ``dupguard-keys`` (the key-only baseline).

Outputs: ``benchmarks/results/<timestamp>-<system>-<dataset>.json`` (every repeat, not
committed), ``benchmarks/results/latest.json`` (the summary) and the markdown table on stdout;
``--write-docs`` also rewrites the generated section of ``docs/benchmarks.md`` and, when the run
has generated sets of several sizes, plots ``docs/img/scaling.png`` (wall time and peak RSS against
records, log axes, one line per system, killed runs drawn as an ``x`` at the budget). The scale
probe may be run in pieces; ``--report benchmarks/results/<stamp>-*.json …`` then prints its
table and draws the plot from the per-run files.

Examples:
    >>> from benchmarks.run import plan
    >>> plan(quick=True, full=False, systems=None, datasets=None, engine=False)[0]
    ('dupguard-keys', 'febrl1')
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Final

__all__ = ["main", "plan", "render_table", "report", "scale_table", "summarise"]

ROOT: Final = Path(__file__).resolve().parent.parent
RESULTS: Final = ROOT / "benchmarks" / "results"
DOCS: Final = ROOT / "docs" / "benchmarks.md"
PLOT: Final = ROOT / "docs" / "img" / "scaling.png"

QUICK_DATASETS: Final = ("febrl1", "febrl2", "febrl3", "febrl4", "cn-listed", "generated-10k")
FULL_DATASETS: Final = (
    "febrl1", "febrl2", "febrl3", "febrl4", "cn-listed", "tw-listed", "patstat", "chicago",
    "restaurants", "generated-10k",
)
SCALE_DATASETS: Final = ("generated-10k", "generated-100k", "generated-1m")
SCALE_RECORDS: Final = {"generated-10k": 10_000, "generated-100k": 100_000, "generated-1m": 1_000_000}
PEERS: Final = ("recordlinkage", "splink", "splink-bestf1", "dedupe")
OPTIMISTIC: Final = frozenset({"splink-bestf1"})
DOCS_BEGIN: Final = "<!-- BEGIN GENERATED: benchmarks.run --write-docs -->"
DOCS_END: Final = "<!-- END GENERATED -->"


# --- planning -----------------------------------------------------------------------------


def _engine_available() -> bool:
    import dupguard

    return hasattr(dupguard, "dedupe")


def plan(
    *,
    quick: bool,
    full: bool,
    systems: list[str] | None,
    datasets: list[str] | None,
    engine: bool,
) -> list[tuple[str, str]]:
    """The (system, dataset) runs to make, in order.

    ``--quick``: febrl1–4, cn-listed and generated-10k × (dupguard or dupguard-keys,
    recordlinkage, splink). ``--full``: every dedupe/link dataset × every system (dedupe only
    where it fits its budget), plus the scale probe (generated 10k / 100k / 1M) for the dupguard
    row, recordlinkage and Splink. Explicit ``systems``/``datasets`` override either list.

    Examples:
        >>> plan(quick=False, full=False, systems=["splink"], datasets=["febrl1", "febrl4"],
        ...      engine=True)
        [('splink', 'febrl1'), ('splink', 'febrl4')]
        >>> ("dupguard", "febrl3") in plan(quick=True, full=False, systems=None, datasets=None,
        ...                                engine=True)
        True
    """
    ours = "dupguard" if engine else "dupguard-keys"
    if full:
        default_systems = [ours, "dupguard-keys", "recordlinkage", "splink", "splink-bestf1", "dedupe"]
        default_systems = list(dict.fromkeys(default_systems))
        default_datasets = list(FULL_DATASETS)
    else:
        default_systems = [ours, "recordlinkage", "splink"]
        default_datasets = list(QUICK_DATASETS)
    chosen_systems = systems or default_systems
    chosen_datasets = datasets or default_datasets
    runs = [(s, d) for d in chosen_datasets for s in chosen_systems]
    if full and datasets is None:
        for d in SCALE_DATASETS[1:]:
            runs += [(s, d) for s in chosen_systems if s in (ours, "recordlinkage", "splink")]
    return runs


# --- the child: one measured run ----------------------------------------------------------


def _rss_mb(usage: resource.struct_rusage) -> float:
    return usage.ru_maxrss / 1024  # Linux reports kilobytes


def run_one(system_name: str, dataset_name: str, /, *, marker: Path | None = None) -> dict[str, Any]:
    """Run one system on one dataset in this process and return the measured record.

    Meant for a fresh process (``--one``); the parent never calls it in-process. With
    ``marker``, the child writes ``marker`` + ``.started`` when the clock starts and
    ``.measured`` when ``run`` has returned, so the parent's ``--timeout`` budgets the measured
    run (and, separately, the loading and the scoring) rather than the whole process.
    """
    from benchmarks import datasets, metrics
    from benchmarks.systems import Skip, get

    record: dict[str, Any] = {"system": system_name, "dataset": dataset_name}
    system = get(system_name)
    record["version"] = system.version()
    try:
        system.load()
        t_load = time.perf_counter()
        dataset: Any = datasets.load(dataset_name)
        record["load_s"] = time.perf_counter() - t_load
        record["task"] = dataset.task
        frames = [dataset.records] if dataset.task == "dedupe" else [dataset.left, dataset.right]
        record["records"] = sum(len(f) for f in frames if f is not None)
        record["baseline_rss_mb"] = _rss_mb(resource.getrusage(resource.RUSAGE_SELF))
        record["loadavg_start"] = os.getloadavg()
        if marker is not None:
            marker.with_suffix(".started").touch()
        t0, c0 = time.perf_counter(), time.process_time()
        result = system.run(dataset)
        record["wall_s"] = time.perf_counter() - t0
        record["cpu_s"] = time.process_time() - c0  # all threads of this process (not workers)
        record["peak_rss_mb"] = _rss_mb(resource.getrusage(resource.RUSAGE_SELF))
        record["children_peak_rss_mb"] = _rss_mb(resource.getrusage(resource.RUSAGE_CHILDREN))
        record["loadavg_end"] = os.getloadavg()
        if marker is not None:
            marker.with_suffix(".measured").write_text(json.dumps(record, default=str), encoding="utf-8")
    except Skip as skip:
        record["status"] = "skipped"
        record["reason"] = skip.reason
        return record

    true_pairs = dataset.true_pairs()
    if dataset.task == "dedupe":
        truth = dict(zip(dataset.records["id"].astype(str), dataset.records["entity_id"], strict=True))
        clusters = result.clusters or {}
        pair = metrics.pairwise_from_clusters(clusters, truth)
        b3 = metrics.bcubed(clusters, truth)
        record["bcubed"] = {"precision": b3.precision, "recall": b3.recall, "f1": b3.f1}
        total = metrics.pair_count(len(truth))
    else:
        pair = metrics.pairwise_from_pairs(result.pairs or frozenset(), true_pairs)
        total = len(dataset.left) * len(dataset.right)
    record["pairwise"] = {
        "precision": pair.precision, "recall": pair.recall, "f1": pair.f1,
        "true_positives": pair.true_positives, "predicted_pairs": pair.predicted_pairs,
        "true_pairs": pair.true_pairs,
    }
    if result.candidates is not None and dataset_name not in SCALE_DATASETS[1:]:
        # At 100k+ records the candidate set is recomputed or materialised only for scoring
        # (dupguard re-runs its pipeline): the scale probe measures time and memory, not this.
        cands = result.candidates()
        if dataset.task == "dedupe":  # spelt like the true pairs, whatever order an adapter used
            cands = [metrics.ordered_pair(a, b) for a, b in cands]
        blk = metrics.blocking(cands, true_pairs, total_pairs=total)
        record["blocking"] = {
            "pairs_completeness": blk.pairs_completeness, "candidate_pairs": blk.candidate_pairs,
            "reduction_ratio": blk.reduction_ratio,
        }
    elif result.candidate_pairs is not None:
        record["blocking"] = {"candidate_pairs": result.candidate_pairs}
    record["extra"] = result.extra
    record["status"] = "ok"
    return record


# --- the parent ---------------------------------------------------------------------------


def _unique_bytes(proc: Any, /) -> int:
    """A child process's unique set size (its RSS when USS cannot be read)."""
    import psutil  # type: ignore[import-untyped,unused-ignore]

    try:
        return int(proc.memory_full_info().uss)
    except psutil.AccessDenied:
        return int(proc.memory_info().rss)


def _spawn(system: str, dataset: str, *, timeout: float, memory_gb: float) -> dict[str, Any]:
    import psutil  # type: ignore[import-untyped,unused-ignore]

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run.json"
        started, measured = out.with_suffix(".started"), out.with_suffix(".measured")
        cmd = [sys.executable, "-m", "benchmarks.run", "--one", system, dataset, "--out", str(out)]
        loadavg_spawn = os.getloadavg()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        watched = psutil.Process(proc.pid)
        killed = None
        budget: dict[str, float] = {}
        observed = 0.0
        cpu = {"loading": 0.0, "run": 0.0, "scoring": 0.0}
        phase, phase_t0 = "loading", t0
        while proc.poll() is None:
            try:
                # Forked workers (dedupe's scoring pool) share the parent's pages copy-on-write:
                # their RSS would count those twice, so a worker adds only its unique pages (USS).
                rss = watched.memory_info().rss + sum(
                    _unique_bytes(c) for c in watched.children(recursive=True)
                )
                times = watched.cpu_times()
                cpu_now = times.user + times.system
            except psutil.Error:
                rss, cpu_now = 0, sum(cpu.values())
            observed = max(observed, rss / 2**20)
            now = time.perf_counter()
            # Each phase (loading, the measured run, scoring) gets the whole --timeout budget;
            # the reported timeout is the measured run's.
            if phase == "loading" and started.exists():
                phase, phase_t0 = "run", now
            if phase == "run" and measured.exists():
                phase, phase_t0 = "scoring", now
            cpu[phase] = cpu_now - sum(v for k, v in cpu.items() if k != phase)
            if now - phase_t0 > timeout:
                killed = f"killed: {phase} over the {timeout:.0f} s budget" if phase != "run" else \
                    f"timeout: run over the {timeout:.0f} s budget"
                budget = {"timeout_s": timeout}
            elif rss > memory_gb * 2**30:
                killed = f"killed: over the {memory_gb:g} GB memory budget ({phase})"
                budget = {"memory_gb": memory_gb, "after_s": now - phase_t0}
            if killed:
                for child in watched.children(recursive=True):
                    child.kill()
                proc.kill()
                break
            time.sleep(0.1)
        _, stderr = proc.communicate()
        process_s = time.perf_counter() - t0
        if killed:
            gone: dict[str, Any] = {"system": system, "dataset": dataset, "status": "skipped", "reason": killed,
                                    "phase": phase, "process_s": process_s, "observed_rss_mb": observed,
                                    "cpu_s": cpu[phase], "phase_s": time.perf_counter() - phase_t0,
                                    "loadavg_start": loadavg_spawn, "loadavg_end": os.getloadavg(), **budget}
            if measured.exists():  # the run itself finished; only the scoring was cut short
                gone["measured"] = json.loads(measured.read_text(encoding="utf-8"))
            return gone
        if proc.returncode != 0 or not out.exists():
            tail = (stderr or "").strip().splitlines()[-3:]
            return {"system": system, "dataset": dataset, "status": "error",
                    "reason": " | ".join(tail) or f"exit {proc.returncode}", "process_s": process_s,
                    "phase": phase, "observed_rss_mb": observed, "cpu_s": cpu[phase],
                    "phase_s": time.perf_counter() - phase_t0,
                    "loadavg_start": loadavg_spawn, "loadavg_end": os.getloadavg()}
        record: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        record["process_s"] = process_s
        record["observed_rss_mb"] = observed
        return record


def machine() -> dict[str, Any]:
    """Python, CPU model, cores, memory, date: recorded with every result.

    Examples:
        >>> sorted(machine())[:3]
        ['cores', 'cpu', 'date']
    """
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        import psutil  # type: ignore[import-untyped,unused-ignore]

        memory_gb = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _versions() -> dict[str, str]:
    out = {}
    for name in ("dupguard", "pandas", "numpy", "recordlinkage", "splink", "duckdb", "dedupe", "psutil"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "missing"
    if out["dupguard"] != "missing":
        from benchmarks.systems._common import dupguard_build

        out["dupguard"] += f" ({dupguard_build()})"
    return out


def summarise(runs: list[dict[str, Any]], /) -> dict[str, Any]:
    """One summary row from the repeats of one (system, dataset): medians and the metrics.

    Examples:
        >>> rows = [{"system": "s", "dataset": "d", "status": "ok", "wall_s": w, "peak_rss_mb": 10.0,
        ...          "pairwise": {"f1": 0.5}} for w in (3.0, 1.0, 2.0)]
        >>> summarise(rows)["wall_s"], summarise(rows)["repeats"]
        (2.0, 3)
    """
    from benchmarks.metrics import median

    ok = [r for r in runs if r.get("status") == "ok"]
    head = ok[0] if ok else runs[0]
    row: dict[str, Any] = {k: head.get(k) for k in ("system", "dataset", "task", "records", "version")}
    loads = [r[k][0] for r in runs for k in ("loadavg_start", "loadavg_end") if r.get(k)]
    if loads:
        row["loadavg_1min"] = [min(loads), max(loads)]
    if not ok:
        row["status"] = head.get("status", "error")
        row["reason"] = head.get("reason", "")
        for key in ("timeout_s", "memory_gb", "phase", "observed_rss_mb", "cpu_s", "phase_s"):
            if key in head:
                row[key] = head[key]
        return row
    row["status"] = "ok"
    row["repeats"] = len(ok)
    row["wall_s"] = median([r["wall_s"] for r in ok])
    row["peak_rss_mb"] = median([r["peak_rss_mb"] for r in ok])
    row["process_s"] = median([r.get("process_s", 0.0) for r in ok])
    if all("cpu_s" in r for r in ok):
        row["cpu_s"] = median([r["cpu_s"] for r in ok])
    for key in ("pairwise", "bcubed", "blocking", "extra"):
        if key in head:
            row[key] = head[key]
    f1s = {round(r["pairwise"]["f1"], 9) for r in ok}
    if len(f1s) > 1:
        row["f1_spread"] = [min(f1s), max(f1s)]
    return row


def _fmt(value: float | None, spec: str = ".3f") -> str:
    return "–" if value is None else format(value, spec)


def _load(row: dict[str, Any]) -> str:
    """The 1-minute load average range seen over a row's repeats (``"–"`` if unrecorded).

    Examples:
        >>> _load({"loadavg_1min": [2.04, 3.5]}), _load({"loadavg_1min": [2.0, 2.04]}), _load({})
        ('2.0–3.5', '2.0', '–')
    """
    lo_hi = row.get("loadavg_1min")
    if not lo_hi:
        return "–"
    lo, hi = (f"{v:.1f}" for v in lo_hi)
    return lo if lo == hi else f"{lo}–{hi}"


def render_table(rows: list[dict[str, Any]], /) -> str:
    """The markdown results table, then the dupguard-vs-peer ratios from the same run.

    Examples:
        >>> print(render_table([{"system": "s", "dataset": "d", "status": "skipped",
        ...                      "reason": "no engine"}]).splitlines()[2])
        | d | s | skipped: no engine | | | | | | | | – | |
    """
    lines = [
        "| dataset | system | pairwise P | pairwise R | pairwise F1 | B³ F1 | blocking recall | candidates | wall s (median) | peak RSS MB | load avg (1 min) | notes |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if r.get("status") != "ok":
            reason = str(r.get("reason", "")).replace("|", "/").replace("\n", " ")
            lines.append(f"| {r['dataset']} | {r['system']} | {r.get('status')}: {reason} | | | | | | | | {_load(r)} | |")
            continue
        p, b3, blk = r["pairwise"], r.get("bcubed") or {}, r.get("blocking") or {}
        notes = []
        extra = r.get("extra") or {}
        if r["system"] in OPTIMISTIC:
            notes.append(f"optimistic (threshold {extra.get('threshold', 0):.3g} picked with truth)")
        if extra.get("labels"):
            notes.append(f"{extra['labels']} labels")
        if "f1_spread" in r:
            notes.append(f"F1 varied {r['f1_spread'][0]:.4f}–{r['f1_spread'][1]:.4f}")
        cands = blk.get("candidate_pairs")
        lines.append(
            f"| {r['dataset']} | {r['system']} | {_fmt(p['precision'])} | {_fmt(p['recall'])} | "
            f"{_fmt(p['f1'])} | {_fmt(b3.get('f1'))} | {_fmt(blk.get('pairs_completeness'))} | "
            f"{'–' if cands is None else f'{cands:,}'} | {r['wall_s']:.2f} | {r['peak_rss_mb']:.0f} | "
            f"{_load(r)} | {'; '.join(notes)} |"
        )
    ratio_lines = []
    by_dataset: dict[str, dict[str, dict[str, Any]]] = {}
    for r in rows:
        if r.get("status") == "ok":
            by_dataset.setdefault(r["dataset"], {})[r["system"]] = r
    for dataset, systems in by_dataset.items():
        ours = systems.get("dupguard") or systems.get("dupguard-keys")
        if ours is None:
            continue
        for peer in PEERS:
            if peer in systems:
                other = systems[peer]
                ratio_lines.append(
                    f"| {dataset} | {ours['system']} vs {peer} | "
                    f"{ours['wall_s'] / other['wall_s']:.2f}× | "
                    f"{ours['pairwise']['f1'] - other['pairwise']['f1']:+.3f} | "
                    f"{ours['peak_rss_mb'] / other['peak_rss_mb']:.2f}× |"
                )
    if ratio_lines:
        lines += [
            "",
            "| dataset | comparison (same run) | time ratio (ours / peer) | F1 difference (ours − peer) | peak RSS ratio |",
            "|---|---|---|---|---|",
            *ratio_lines,
        ]
    return "\n".join(lines)


def scale_table(rows: list[dict[str, Any]], /) -> str:
    """The scale probe as markdown: one row per (system, generated size), killed runs as such.

    Examples:
        >>> print(scale_table([
        ...     {"system": "s", "dataset": "generated-10k", "status": "ok", "wall_s": 1.5,
        ...      "peak_rss_mb": 300.0, "pairwise": {"f1": 0.98}, "loadavg_1min": [2.0, 2.5]},
        ...     {"system": "s", "dataset": "generated-1m", "status": "skipped",
        ...      "reason": "timeout: run over the 1800 s budget"}]).splitlines()[2:])
        ['| s | 10,000 | 1.5 | – | 300 | 0.980 | 2.0–2.5 |  |', '| s | 1,000,000 | – | – | – | – | – | timeout: run over the 1800 s budget |']
    """
    lines = [
        "| system | records | wall s | CPU s | peak RSS MB | pairwise F1 | load avg (1 min) | notes |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    order = {d: k for k, d in enumerate(SCALE_DATASETS)}
    scale = [r for r in rows if r.get("dataset") in SCALE_RECORDS]
    for r in sorted(scale, key=lambda r: (r["system"], order[r["dataset"]])):
        n = f"{SCALE_RECORDS[r['dataset']]:,}"
        if r.get("status") == "ok":
            lines.append(f"| {r['system']} | {n} | {r['wall_s']:.1f} | {_fmt(r.get('cpu_s'), '.1f')} | "
                         f"{r['peak_rss_mb']:,.0f} | {r['pairwise']['f1']:.3f} | {_load(r)} |  |")
        else:
            reason = str(r.get("reason", "")).replace("|", "/")
            if "cpu_s" in r:
                reason += f" ({r['cpu_s']:.0f} CPU s used in {r.get('phase', 'run')} by then)"
            lines.append(f"| {r['system']} | {n} | – | – | – | – | {_load(r)} | {reason} |")
    return "\n".join(lines)


def _plot(rows: list[dict[str, Any]], path: Path) -> bool:
    """Wall time and peak RSS against records, log axes; killed runs drawn at their budget."""
    points: dict[str, list[tuple[int, float, float]]] = {}
    killed: dict[str, list[tuple[int, str, float]]] = {}
    for r in rows:
        if r.get("dataset") not in SCALE_RECORDS:
            continue
        n = SCALE_RECORDS[r["dataset"]]
        if r.get("status") == "ok":
            points.setdefault(r["system"], []).append((n, r["wall_s"], r["peak_rss_mb"]))
        elif "timeout_s" in r:
            killed.setdefault(r["system"], []).append((n, "time", r["timeout_s"]))
        elif "memory_gb" in r:
            killed.setdefault(r["system"], []).append((n, "memory", r["memory_gb"] * 1024))
        else:  # died some other way: drawn at the top of the time panel, its reason in the label
            killed.setdefault(r["system"], []).append((n, str(r.get("reason", r.get("status"))), 0.0))
    sizes = {p[0] for v in points.values() for p in v} | {p[0] for v in killed.values() for p in v}
    if len(sizes) < 2 or not points:  # a single size (the --quick run's 10k) is no scaling plot
        return False
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax_t, ax_m) = plt.subplots(1, 2, figsize=(11, 4.5))
    others: list[tuple[str, str, int, str]] = []
    notes: list[tuple[str, str]] = []
    for k, system in enumerate(sorted(set(points) | set(killed))):
        color = f"C{k}"
        pts = sorted(points.get(system, []))
        xs = [p[0] for p in pts]
        ax_t.plot(xs, [p[1] for p in pts], marker="o", color=color, label=system)
        ax_m.plot(xs, [p[2] for p in pts], marker="o", color=color, label=system)
        for n, what, bound in killed.get(system, []):
            if what not in ("time", "memory"):
                others.append((system, color, n, what))
                continue
            ax = ax_t if what == "time" else ax_m
            ax.scatter([n], [bound], marker="x", s=90, color=color, zorder=5)
            notes.append((color, f"x {system} at {n:,}: killed at the {'time' if what == 'time' else 'memory'} "
                                 f"budget ({bound:,.0f} {'s' if what == 'time' else 'MB'})"))
            if pts and what == "time":  # a dashed line to the budget: "at least this long"
                ax_t.plot([pts[-1][0], n], [pts[-1][1], bound], linestyle="--", color=color)
    top = ax_t.get_ylim()[1]
    for system, color, n, what in others:
        ax_t.scatter([n], [top], marker="x", s=90, color=color, zorder=5, clip_on=False)
        notes.append((color, f"x {system} at {n:,}: did not finish ({what}), drawn at the top"))
    for k, (color, text) in enumerate(reversed(notes)):
        ax_t.text(0.98, 0.03 + 0.06 * k, text, transform=ax_t.transAxes, ha="right", fontsize=7.5, color=color)
    for ax, label in ((ax_t, "wall time of run (s)"), (ax_m, "peak RSS (MB)")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("records (generated customer list)")
        ax.set_ylabel(label)
        ax.grid(True, which="both", alpha=0.3)
    ax_t.legend(loc="upper left")
    fig.suptitle(f"Scale probe, one run per point, {os.cpu_count()} shared cores (x = killed at the budget)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def report(paths: list[Path], /, *, plot: Path = PLOT) -> str:
    """Scale table (and plot) from the summaries in per-run result files of earlier invocations.

    The scale probe may be run in pieces (one size or system at a time); each piece writes
    ``benchmarks/results/<stamp>-<system>-<dataset>.json``. Later files win for the same
    (system, dataset).
    """
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted(paths):
        row = json.loads(path.read_text(encoding="utf-8"))["summary"]
        rows[row["system"], row["dataset"]] = row
    chosen = list(rows.values())
    _plot(chosen, plot)
    return scale_table(chosen)


def _write_docs(table: str, command: str, meta: dict[str, Any], plotted: bool) -> None:
    versions = ", ".join(f"{k} {v}" for k, v in meta["versions"].items())
    m = meta["machine"]
    block = "\n".join([
        DOCS_BEGIN,
        f"Command: `{command}`  ",
        f"Date: {m['date']}  ",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM, {m['platform']}  ",
        f"Python {m['python']}; {versions}  ",
        f"Repeats: {meta['repeat']} (median wall time and peak RSS); total harness time {meta['elapsed_s']:.0f} s.",
        "",
        table,
        "",
        *(["![scaling](img/scaling.png)", ""] if plotted else []),
        DOCS_END,
    ])
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else f"# Benchmarks\n\n{DOCS_BEGIN}\n{DOCS_END}\n"
    if DOCS_BEGIN in text and DOCS_END in text:
        before, rest = text.split(DOCS_BEGIN, 1)
        after = rest.split(DOCS_END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="febrl1-4, cn-listed, generated-10k x 3 systems")
    mode.add_argument("--full", action="store_true", help="every dataset and system, plus the scale probe")
    parser.add_argument("--systems", help="comma-separated system names")
    parser.add_argument("--datasets", help="comma-separated dataset names")
    parser.add_argument("--repeat", type=int, default=3, help="runs per (system, dataset); median reported")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per run before it is killed")
    parser.add_argument("--memory-gb", type=float, default=16.0, help="peak RSS per run before it is killed")
    parser.add_argument("--write-docs", action="store_true", help="rewrite docs/benchmarks.md's table")
    parser.add_argument("--report", nargs="+", type=Path, metavar="RESULT_JSON",
                        help="print the scale table and plot docs/img/scaling.png from earlier result files")
    parser.add_argument("--one", nargs=2, metavar=("SYSTEM", "DATASET"), help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one:
        record = run_one(*args.one, marker=Path(args.out))
        Path(args.out).write_text(json.dumps(record, default=str), encoding="utf-8")
        return 0

    if args.report:
        print(report(args.report))
        return 0
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    timeout = args.timeout or (120.0 if args.quick else 1800.0)
    runs = plan(
        quick=args.quick, full=args.full,
        systems=args.systems.split(",") if args.systems else None,
        datasets=args.datasets.split(",") if args.datasets else None,
        engine=_engine_available(),
    )
    meta = {"machine": machine(), "versions": _versions(), "repeat": args.repeat}
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rows = []
    for system, dataset in runs:
        repeats: list[dict[str, Any]] = []
        for k in range(args.repeat):
            record = _spawn(system, dataset, timeout=timeout, memory_gb=args.memory_gb)
            repeats.append(record)
            state = record.get("status")
            detail = (f"F1 {record['pairwise']['f1']:.3f} in {record['wall_s']:.2f} s, "
                      f"{record['peak_rss_mb']:.0f} MB") if state == "ok" else record.get("reason", "")
            print(f"[{time.perf_counter() - started:6.0f} s] {system} × {dataset} #{k + 1}: {state} {detail}",
                  file=sys.stderr, flush=True)
            if state != "ok":
                break  # a skip or an error repeats itself: do not pay for it three times
        row = summarise(repeats)
        rows.append(row)
        out = RESULTS / f"{stamp}-{system}-{dataset}.json"
        out.write_text(json.dumps({"meta": meta, "summary": row, "runs": repeats}, indent=1, default=str),
                       encoding="utf-8")
    meta["elapsed_s"] = time.perf_counter() - started
    command = "python -m benchmarks.run " + " ".join(sys.argv[1:] if argv is None else argv)
    meta["command"] = command.strip()
    (RESULTS / "latest.json").write_text(
        json.dumps({"meta": meta, "rows": rows}, indent=1, default=str) + "\n", encoding="utf-8"
    )
    table = render_table(rows)
    # Only a run that rewrites the docs redraws their plot: a partial probe (one system, or one
    # build) would otherwise replace the committed picture with its own few lines.
    plotted = _plot(rows, PLOT) if args.write_docs else False
    if len({r["dataset"] for r in rows if r["dataset"] in SCALE_RECORDS}) > 1:
        table += "\n\nScale probe:\n\n" + scale_table(rows)
    if args.write_docs:
        _write_docs(table, meta["command"], meta, plotted)
    print(table)
    print(f"\n{len(rows)} (system × dataset) rows, {meta['elapsed_s']:.0f} s; results in {RESULTS}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
