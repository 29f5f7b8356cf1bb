"""Smoke tests of the speed benchmarks at tiny sizes: they run, and their output means something."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.generate import write_csv

from benchmarks import latency, normalizers, scale


def test_normalizers_quick_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "n.json"
    assert normalizers.main(["--records", "200", "--limit", "150", "--repeats", "1", "--only", "email,phone", "--json", str(out)]) == 0
    table = capsys.readouterr().out
    assert "email_validator.validate_email" in table
    assert "phonenumbers.parse+format_number" in table
    rows = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert {(r["kind"], r["function"]) for r in rows} >= {("email", "canonical"), ("phone", "parse")}
    assert all(0 < r["values"] <= 150 and r["rate_cpu"] > 0 for r in rows)
    # No cache survives between repeats: the value-keyed caches are cleared.
    assert any("_psl_split" in name for name in normalizers.clear_value_caches("domain"))


def test_latency_small_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "l.json"
    assert latency.main(["--n", "200", "--queries", "20", "--json", str(out)]) == 0
    assert "duplicates" in capsys.readouterr().out
    (r,) = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert r["n"] == 200
    dup = r["duplicates"]
    assert dup["queries"] == 20
    assert dup["p50_ms"] <= dup["p95_ms"] <= dup["p99_ms"] <= dup["max_ms"]
    # Held-out duplicates of indexed records: the engine finds most of them first.
    assert dup["recall_at_1"] >= 0.7


def test_scale_end_to_end_subprocess(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_csv(scale.csv_path(200, seed=1, directory=tmp_path), 200, seed=1)
    out = tmp_path / "s.json"
    assert scale.main(["--n", "200", "--data-dir", str(tmp_path), "--modes", "stages", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "extract" in printed
    saved = json.loads(out.read_text(encoding="utf-8"))
    # every result names the machine and the build it ran on: sessions get different machines
    assert saved["meta"]["cpu"]
    assert saved["meta"]["build"] in {"compiled", "pure"}
    assert f"dupguard {saved['meta']['build']}" in printed
    (r,) = saved["results"]
    assert r["records"] == 200
    assert r["candidate_pairs"] > 0
    assert r["peak_rss_mib"] > 10
    assert r["accuracy"]["f1"] > 0.8


def test_scale_stages_reproduce_dedupe() -> None:
    """The stage-by-stage run calls the internals in run()'s order: same clusters as dedupe()."""
    import pandas as pd
    from benchmarks.generate import records

    from dupguard.index import dedupe

    frame = pd.DataFrame(list(records(200, seed=2)))[list(scale._COLUMNS)]
    # two companies one pinyin apart, which only the contradiction rule keeps in two clusters
    names = ["韵达控股集团", "韵达股份", "YUNDA Holding", "成都运达科技股份有限公司", "Chengdu Yunda Technology Co., Ltd.", "运达股份"]
    blank = dict.fromkeys(frame.columns, "")
    extra_rows = pd.DataFrame([{**blank, "id": f"yd{n}", "company": c} for n, c in enumerate(names)])
    frame = pd.concat([frame, extra_rows], ignore_index=True)
    ids, labels, stages, extra = scale._staged(frame, 0.9)
    expected = dedupe(frame, threshold=0.9)
    assert ids == expected["id"].tolist()
    assert labels == expected["cluster_id"].tolist()
    assert set(stages) == {"extract", "block", "tf_counts", "score", "cluster"}
    peaks = [s["peak_mib"] for s in stages.values()]
    assert peaks == sorted(peaks)  # the peak so far never falls
    assert peaks[0] > 10
    assert extra["candidate_pairs"] > 0


def test_recall_by_category_counts_each_surface_form_pair() -> None:
    from benchmarks.categories import recall_by_category

    cats = {"a": "zh", "b": "zh", "c": "en", "d": "en", "x": None}.get
    true = {("a", "b"), ("a", "c"), ("b", "c"), ("c", "d"), ("a", "x")}
    got = recall_by_category(true, {("a", "b"), ("b", "c")}, cats)
    assert got == {"zh-zh": (1, 1), "zh-en": (1, 2), "en-en": (0, 1)}


def test_level_table_counts_candidates_true_pairs_and_misses() -> None:
    from benchmarks.categories import level_table

    scored = [("b", "a", "exact"), ("a", "c", "partial"), ("c", "d", "partial")]
    got = level_table(scored, {("a", "b"), ("c", "d")}, {("a", "b")})
    assert got == {"exact": (1, 1, 0), "partial": (2, 1, 1)}


def test_side_by_side_runs_two_builds_over_the_same_queries(capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    from benchmarks import side_by_side

    src = str(Path(__file__).resolve().parents[2] / "src")
    side_by_side.main(["--n", "300", "--queries", "40", "--rounds", "1", "--build", f"a={src}", "--build", f"b={src}"])
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith(("| a |", "| b |"))]
    assert len(rows) == 4  # two builds × two kinds
    assert all(" 40 |" in r for r in rows)  # each answered every query of its kind
