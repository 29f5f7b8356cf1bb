"""The benchmark metrics against hand-computed examples, a brute-force oracle and laws."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from benchmarks.metrics import (
    PairScores,
    bcubed,
    best_f1_threshold,
    blocking,
    clusters_from_pairs,
    median,
    ordered_pair,
    pair_count,
    pairwise_from_clusters,
    pairwise_from_pairs,
)
from hypothesis import given, settings
from hypothesis import strategies as st

# Truth: {r1 r2 r3} {r4 r5} {r6}  -> true pairs 12 13 23 45  (4)
TRUTH = {"r1": "A", "r2": "A", "r3": "A", "r4": "B", "r5": "B", "r6": "C"}


def brute_pairs(labels: dict[str, object]) -> set[tuple[str, str]]:
    return {
        ordered_pair(a, b)
        for a, b in itertools.combinations(labels, 2)
        if labels[a] == labels[b]
    }


# --- hand-computed examples -------------------------------------------------------------


def test_pairwise_hand_example() -> None:
    # Predicted: {r1 r2} {r3 r4 r5} {r6} -> predicted pairs 12 34 35 45 (4); correct: 12 45 (2)
    predicted = {"r1": 1, "r2": 1, "r3": 2, "r4": 2, "r5": 2, "r6": 3}
    s = pairwise_from_clusters(predicted, TRUTH)
    assert (s.true_positives, s.predicted_pairs, s.true_pairs) == (2, 4, 4)
    assert s.precision == 0.5
    assert s.recall == 0.5
    assert s.f1 == 0.5


def test_bcubed_hand_example() -> None:
    predicted = {"r1": 1, "r2": 1, "r3": 2, "r4": 2, "r5": 2, "r6": 3}
    b = bcubed(predicted, TRUTH)
    # precision per record: r1 1, r2 1, r3 1/3, r4 2/3, r5 2/3, r6 1 -> 14/3 / 6
    assert b.precision == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3 + 1) / 6)
    # recall per record: r1 2/3, r2 2/3, r3 1/3, r4 1, r5 1, r6 1 -> 14/3 / 6
    assert b.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1 + 1) / 6)
    assert b.f1 == pytest.approx(2 * b.precision * b.recall / (b.precision + b.recall))


def test_bcubed_is_not_dominated_by_one_big_cluster() -> None:
    # One 10-record entity split in two halves, plus 10 singletons predicted right.
    truth = {f"b{i}": "big" for i in range(10)} | {f"s{i}": f"s{i}" for i in range(10)}
    predicted = {f"b{i}": i // 5 for i in range(10)} | {f"s{i}": f"s{i}" for i in range(10)}
    assert pairwise_from_clusters(predicted, truth).recall == pytest.approx(20 / 45)
    assert bcubed(predicted, truth).recall == pytest.approx((10 * 0.5 + 10) / 20)


def test_missing_records_are_singletons() -> None:
    s = pairwise_from_clusters({"r1": 1, "r2": 1}, TRUTH)
    assert (s.true_positives, s.predicted_pairs) == (1, 1)
    # A predicted id equal to another record's own id must not merge them.
    s2 = pairwise_from_clusters({"r1": "r2"}, {"r1": "A", "r2": "A"})
    assert s2.predicted_pairs == 0


def test_empty_conventions() -> None:
    nothing = pairwise_from_clusters({}, TRUTH)
    assert (nothing.precision, nothing.recall, nothing.f1) == (1.0, 0.0, 0.0)
    no_truth = pairwise_from_pairs([], set())
    assert (no_truth.precision, no_truth.recall) == (1.0, 1.0)
    assert PairScores.from_counts(true_positives=0, predicted_pairs=3, true_pairs=3).f1 == 0.0


def test_link_pairs_are_ordered_left_right() -> None:
    true = {("l1", "r1"), ("l2", "r2")}
    s = pairwise_from_pairs([("l1", "r1"), ("r2", "l2")], true)
    assert s.true_positives == 1  # ("r2", "l2") is not the link ("l2", "r2")


def test_blocking_hand_example() -> None:
    true = brute_pairs(TRUTH)
    cands = [("r1", "r2"), ("r1", "r3"), ("r1", "r4"), ("r4", "r5"), ("r1", "r2")]
    b = blocking(cands, true, total_pairs=pair_count(6))
    assert b.candidate_pairs == 4
    assert b.true_pairs_in_candidates == 3
    assert b.pairs_completeness == 0.75
    assert b.reduction_ratio == pytest.approx(1 - 4 / 15)
    assert blocking(cands, true).reduction_ratio is None


def test_clusters_from_pairs_transitive() -> None:
    got = clusters_from_pairs(["a", "b", "c", "d"], [("c", "b"), ("b", "a"), ("x", "d")])
    assert got["a"] == got["b"] == got["c"]
    assert got["d"] == got["x"] != got["a"]


def test_best_f1_threshold_handles_ties_and_empty() -> None:
    true = {("a", "b")}
    t, s = best_f1_threshold([("a", "b", 0.5), ("a", "c", 0.5)], true)
    assert (t, s.predicted_pairs, s.precision) == (0.5, 2, 0.5)
    t0, s0 = best_f1_threshold([], true)
    assert (t0, s0.f1) == (1.0, 0.0)


def test_median() -> None:
    assert median([5.0, 1.0, 3.0, 100.0]) == 4.0


# --- laws and a brute-force oracle ------------------------------------------------------

labels = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=3), st.integers(0, 4), min_size=1, max_size=25
)


@settings(max_examples=150, deadline=None)
@given(truth=labels, data=st.data())
def test_contingency_counts_match_brute_force_pairs(truth: dict[str, int], data: st.DataObject) -> None:
    predicted = {r: data.draw(st.integers(0, 4)) for r in truth}
    s = pairwise_from_clusters(predicted, truth)
    pred_pairs, true_pairs = brute_pairs(predicted), brute_pairs(truth)
    assert s == pairwise_from_pairs(pred_pairs, true_pairs)
    assert s.true_positives == len(pred_pairs & true_pairs)


@settings(max_examples=100, deadline=None)
@given(truth=labels)
def test_perfect_prediction_scores_one(truth: dict[str, int]) -> None:
    predicted = {r: f"cluster-{e}" for r, e in truth.items()}
    s = pairwise_from_clusters(predicted, truth)
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0) or s.true_pairs == 0
    b = bcubed(predicted, truth)
    assert b.precision == pytest.approx(1.0)
    assert b.recall == pytest.approx(1.0)


@settings(max_examples=100, deadline=None)
@given(truth=labels)
def test_singletons_have_zero_recall_when_pairs_exist(truth: dict[str, int]) -> None:
    singletons = {r: r for r in truth}
    s = pairwise_from_clusters(singletons, truth)
    assert s.predicted_pairs == 0
    assert s.precision == 1.0
    if brute_pairs(truth):
        assert s.recall == 0.0
        assert s.f1 == 0.0
        assert bcubed(singletons, truth).recall < 1.0
    assert bcubed(singletons, truth).precision == 1.0


@settings(max_examples=100, deadline=None)
@given(truth=labels, data=st.data())
def test_symmetric_under_relabelling_of_cluster_ids(truth: dict[str, int], data: st.DataObject) -> None:
    predicted = {r: data.draw(st.integers(0, 4)) for r in truth}
    perm = data.draw(st.permutations(range(5)))
    relabelled = {r: f"c{perm[c]}" for r, c in predicted.items()}
    truth_relabelled = {r: ("e", perm[e]) for r, e in truth.items()}
    assert pairwise_from_clusters(relabelled, truth) == pairwise_from_clusters(predicted, truth)
    assert pairwise_from_clusters(predicted, truth_relabelled) == pairwise_from_clusters(predicted, truth)
    assert bcubed(relabelled, truth_relabelled) == pytest.approx(bcubed(predicted, truth))


@settings(max_examples=100, deadline=None)
@given(truth=labels, data=st.data())
def test_scores_are_bounded_and_f1_between_p_and_r(truth: dict[str, int], data: st.DataObject) -> None:
    predicted = {r: data.draw(st.integers(0, 4)) for r in truth}
    s = pairwise_from_clusters(predicted, truth)
    b = bcubed(predicted, truth)
    for v in (s.precision, s.recall, s.f1, b.precision, b.recall, b.f1):
        assert 0.0 <= v <= 1.0 + 1e-12
    assert min(s.precision, s.recall) - 1e-12 <= s.f1 <= max(s.precision, s.recall) + 1e-12


@settings(max_examples=100, deadline=None)
@given(
    pairs=st.lists(st.tuples(st.sampled_from("abcdef"), st.sampled_from("abcdef")), max_size=12)
)
def test_clusters_from_pairs_is_connected_components(pairs: list[tuple[str, str]]) -> None:
    got = clusters_from_pairs("abcdef", pairs)
    # Oracle: repeated relaxation of the pair relation to its transitive closure.
    comp = {x: {x} for x in "abcdef"}
    changed = True
    while changed:
        changed = False
        for a, b in pairs:
            merged = comp[a] | comp[b]
            for x in merged:
                if comp[x] != merged:
                    comp[x], changed = merged, True
    for a in "abcdef":
        for b in "abcdef":
            assert (got[a] == got[b]) == (b in comp[a])
        assert got[a] == min(comp[a])


@settings(max_examples=100, deadline=None)
@given(
    scored=st.lists(
        st.tuples(st.sampled_from("abcd"), st.sampled_from("wxyz"), st.sampled_from([0.1, 0.5, 0.9])),
        max_size=10,
        unique_by=lambda x: (x[0], x[1]),
    ),
    true=st.sets(st.tuples(st.sampled_from("abcd"), st.sampled_from("wxyz")), max_size=6),
)
def test_best_f1_threshold_beats_every_threshold(
    scored: list[tuple[str, str, float]], true: set[tuple[str, str]]
) -> None:
    _, best = best_f1_threshold(scored, true)
    for t in {s for _, _, s in scored}:
        s = pairwise_from_pairs([(a, b) for a, b, x in scored if x >= t], true)
        assert s.f1 <= best.f1 + 1e-12


# --- the harness's summaries, scale table and plot (benchmarks/run.py) -----------------------


def test_summarise_keeps_load_average_and_kill_reason() -> None:
    from benchmarks.run import summarise

    ok = summarise([
        {"system": "s", "dataset": "d", "status": "ok", "wall_s": w, "peak_rss_mb": 5.0,
         "pairwise": {"f1": 1.0}, "loadavg_start": (a, 0, 0), "loadavg_end": (b, 0, 0)}
        for w, a, b in ((1.0, 2.0, 3.0), (2.0, 1.5, 2.5))
    ])
    assert ok["loadavg_1min"] == [1.5, 3.0]
    gone = summarise([{"system": "s", "dataset": "generated-1m", "status": "skipped",
                       "reason": "timeout: run over the 1800 s budget", "timeout_s": 1800.0,
                       "phase": "run", "loadavg_start": (4.0, 0, 0)}])
    assert gone["status"] == "skipped"
    assert gone["timeout_s"] == 1800.0
    assert "wall_s" not in gone  # a kill is never a number


def test_report_plots_scale_probe_with_timeouts(tmp_path: Path) -> None:
    import json

    from benchmarks.run import report

    base = tmp_path
    rows = [
        {"system": "a", "dataset": "generated-10k", "status": "ok", "wall_s": 2.0, "peak_rss_mb": 300.0,
         "pairwise": {"f1": 0.9}},
        {"system": "a", "dataset": "generated-100k", "status": "ok", "wall_s": 30.0, "peak_rss_mb": 900.0,
         "pairwise": {"f1": 0.8}},
        {"system": "a", "dataset": "generated-1m", "status": "skipped", "timeout_s": 1800.0,
         "reason": "timeout: run over the 1800 s budget"},
        {"system": "b", "dataset": "febrl1", "status": "ok", "wall_s": 1.0, "peak_rss_mb": 1.0,
         "pairwise": {"f1": 1.0}},
    ]
    paths = []
    for k, row in enumerate(rows):
        path = base / f"r{k}.json"
        path.write_text(json.dumps({"summary": row}), encoding="utf-8")
        paths.append(path)
    plot = base / "scaling.png"
    table = report(paths, plot=plot)
    assert plot.read_bytes()[:4] == b"\x89PNG"
    body = table.splitlines()[2:]
    assert [line.split(" | ")[1] for line in body] == ["10,000", "100,000", "1,000,000"]  # febrl1 left out
    assert body[2].endswith("timeout: run over the 1800 s budget |")
    assert "| – | – | – | – |" in body[2]
