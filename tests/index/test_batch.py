"""Batch matching: dedupe, link, pairs — shapes, rejected rows, and the scoring oracles.

Oracles: a batch pair's weight equals the Index's one-record score for the same two records over
the same data (to 1e-9), and the batch finds exactly the pairs the Index finds; scores are
symmetric; results do not depend on row order. Febrl is a smoke test of the whole pipeline.
"""

from __future__ import annotations

import itertools
import math
import sys
import threading
import time
from collections import defaultdict
from typing import Any

import pandas as pd
import pytest

from dupguard.errors import (
    InvalidModel,
    InvalidRecord,
    InvalidSchema,
    ModelReason,
    RecordReason,
    SchemaReason,
)
from dupguard.index import Index, Model, Schema, _batch, dedupe, link, pairs, prepare
from tests.support import SHARED_DATA

# --- shapes and rejected rows -----------------------------------------------------------------

GOOD = [
    {"id": "a", "company": "Acme Trading Co., Ltd.", "email": "bob@acme.com"},
    {"id": "b", "company": "ACME TRADING COMPANY LIMITED", "email": "Bob@Acme.com"},
    {"id": "c", "company": "Bolt Maschinenbau GmbH", "phone": "+49 30 1234 5678"},
    {"id": "d", "company": "深圳市华为技术有限公司", "email": "li@huawei.com"},
]
BAD: list[tuple[Any, str]] = [
    ({"company": "no id", "email": "x@y.com"}, "missing_id"),
    ("not a mapping", "not_a_mapping"),
    ({"id": "e-int", "email": 12345}, "bad_value_type"),
    ({"id": "e-dict", "email": {"work": "a@b.com"}}, "bad_value_type"),
    ({"id": "a", "company": "Another Acme"}, "duplicate_id"),
]


def _mixed() -> list[Any]:
    """Good and bad rows interleaved: g, b, g, b, g, b, g, b, b."""
    rows: list[Any] = []
    for n, (bad, _) in enumerate(BAD):
        if n < len(GOOD):
            rows.append(GOOD[n])
        rows.append(bad)
    return rows


def test_dedupe_shape_and_rejected_rows() -> None:
    out = dedupe(_mixed())
    assert list(out.columns) == ["id", "cluster_id"]
    assert sorted(out["id"]) == ["a", "b", "c", "d"]  # every good row, the duplicate id once
    assert dict(zip(out["id"], out["cluster_id"], strict=True)) == {
        "a": "a",
        "b": "a",
        "c": "c",
        "d": "d",
    }
    rej = out.attrs["rejected"]
    assert list(rej.columns) == ["row", "id", "field", "reason", "message"]
    assert sorted(rej["reason"]) == sorted(r for _, r in BAD)
    by_reason = {r.reason: r for r in rej.itertuples()}
    assert by_reason["bad_value_type"].field == "email"
    assert set(rej[rej["reason"] == "bad_value_type"]["id"]) == {"e-int", "e-dict"}
    assert by_reason["duplicate_id"].id == "a"
    rows = _mixed()
    for r in rej.itertuples():  # the row number points at the offending input row
        assert rows[r.row] is not None
        assert r.reason == {id(b): reason for b, reason in BAD}[id(rows[r.row])]


def test_duplicate_ids_are_rejected_not_merged() -> None:
    rows = [
        {"id": "x", "email": "one@acme.com"},
        {"id": "x", "email": "two@zeta.io"},
        {"id": "y", "email": "two@zeta.io"},
    ]
    out = dedupe(rows)
    assert sorted(out["id"]) == ["x", "y"]
    assert out.attrs["rejected"]["reason"].tolist() == ["duplicate_id"]
    # the rejected second "x" must not have linked x and y
    assert dict(zip(out["id"], out["cluster_id"], strict=True)) == {"x": "x", "y": "y"}
    assert len(pairs(rows)) == 0


def test_link_and_pairs_report_rejected_rows_and_keep_going() -> None:
    left = [GOOD[0], GOOD[2], {"company": "no id"}]
    right = [
        {"id": "r1", "email": "BOB@acme.com"},
        {"id": "r2", "email": 3},
        {"id": "r3", "company": "Zeta"},
    ]
    out = link(left, right)
    assert list(out.columns) == ["id_l", "id_r", "probability", "weight"]
    assert list(zip(out["id_l"], out["id_r"], strict=True)) == [("a", "r1")]
    assert sorted(out.attrs["rejected"]["reason"]) == ["bad_value_type", "missing_id"]
    p = pairs(_mixed())
    assert sorted(p.attrs["rejected"]["reason"]) == sorted(r for _, r in BAD)
    assert ("a", "b") in set(zip(p["id_l"], p["id_r"], strict=True))


@pytest.mark.parametrize(
    "data", [{"id": 1}, "id,company", b"bytes", 42], ids=["mapping", "str", "bytes", "int"]
)
def test_not_a_table_is_a_typed_error(data: object) -> None:
    with pytest.raises(InvalidRecord) as exc:
        dedupe(data)
    assert exc.value.reason is RecordReason.NOT_A_MAPPING


def test_empty_input() -> None:
    out = dedupe([])
    assert list(out.columns) == ["id", "cluster_id"]
    assert len(out) == 0
    assert len(pairs([])) == 0
    assert list(link([], GOOD).columns) == ["id_l", "id_r", "probability", "weight"]


def test_pairs_columns_and_explanation() -> None:
    p = pairs(GOOD[:2])
    schema = Schema.customers()
    expected = ["id_l", "id_r", "probability", "weight", "rule"]
    for f in schema:
        expected += [f"{f.name}_level", f"{f.name}_weight"]
    assert list(p.columns) == expected
    row = p.iloc[0]
    assert (row["id_l"], row["id_r"]) == ("a", "b")
    assert row["email_level"] == "exact"
    assert row["company_level"] == "exact"
    assert row["phone_level"] == "missing"
    assert row["phone_weight"] == 0
    fw = sum(row[f"{f.name}_weight"] for f in schema)
    assert math.isclose(row["weight"], Model().prior_weight(2) + fw, abs_tol=1e-9)
    assert math.isclose(row["probability"], 1 / (1 + 2 ** -row["weight"]), rel_tol=1e-12)


def test_dataframe_and_records_give_the_same_result(customers: list[dict[str, Any]]) -> None:
    df = pd.DataFrame(customers[:120])
    a = dedupe(df)
    b = dedupe(customers[:120])
    pd.testing.assert_frame_equal(a, b)
    pa, pb = pairs(df), pairs(customers[:120])
    pd.testing.assert_frame_equal(pa, pb)


def test_dataframe_with_numeric_ids_and_nan() -> None:
    df = pd.DataFrame(
        {
            "id": [10, 11, 12],
            "company": ["Acme Ltd", None, "Bolt GmbH"],
            "email": ["bob@acme.com", "bob@acme.com", float("nan")],
        }
    )
    out = dedupe(df)
    assert out["id"].tolist() == ["10", "11", "12"]
    assert out["cluster_id"].tolist() == ["10", "10", "12"]
    assert len(out.attrs["rejected"]) == 0


# --- oracles ----------------------------------------------------------------------------------


@pytest.mark.parametrize("k", [3, _batch.MAX_SCORED, 10**6])
def test_batch_score_equals_one_record_score(customers: list[dict[str, Any]], k: int) -> None:
    # A batch scores a pair when one of its records picks the other among its k likeliest
    # partners: exactly the records an Index(max_scored=k) check of either one scores.
    p = pairs(customers, max_scored=k)
    assert len(p) > 50
    batch: dict[tuple[str, str], float] = {}
    for a, b, w in zip(p["id_l"], p["id_r"], p["weight"], strict=True):
        batch[(a, b)] = w
        batch[(b, a)] = w
    ix = Index(max_scored=k)
    ix.add_many(customers)
    online: dict[tuple[str, str], float] = {}
    for r in customers:
        for c in ix.candidates(r, limit=k):
            online[(r["id"], c.id)] = c.weight
            online[(c.id, r["id"])] = c.weight
    assert set(online) == set(batch), "batch and index disagree on the candidate pairs"
    worst = max(abs(online[k] - batch[k]) for k in batch)
    assert worst <= 1e-9, worst


def test_three_entries_of_one_customer_are_one_cluster(background: list[dict[str, Any]]) -> None:
    """Three reps entering the same customer is common; sharing the mailbox thrice is no weaker evidence."""
    trio = [
        {"id": f"t{k}", "company": "Zentrix Widgets GmbH", "email": "hans@zentrix.de"}
        for k in range(3)
    ]
    two = pairs([*background, *trio[:2]])
    assert two[two["id_l"] == "t0"]["probability"].tolist() == [pytest.approx(1.0, abs=1e-3)]
    out = dedupe([*background, *trio])
    assert out[out["id"].str.startswith("t")]["cluster_id"].tolist() == ["t0", "t0", "t0"]


def _truth_pairs(generated: list[dict[str, str]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    by_entity: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in generated:
        by_entity[r["entity_id"]].append(
            {k: v for k, v in r.items() if k not in {"owner", "created_at", "entity_id", "edits"}}
        )
    return [pair for group in by_entity.values() for pair in itertools.combinations(group, 2)]


def test_scores_are_symmetric(generated: list[dict[str, str]]) -> None:
    dup_pairs = _truth_pairs(generated)[:40]
    nonempty = 0
    for a, b in dup_pairs:
        ab, ba = pairs([a, b]), pairs([b, a])
        assert len(ab) == len(ba)
        if len(ab):
            nonempty += 1
            assert ab.iloc[0]["weight"] == pytest.approx(ba.iloc[0]["weight"], abs=1e-9)
            levels = [c for c in ab.columns if c.endswith("_level")]
            assert ab.iloc[0][levels].tolist() == ba.iloc[0][levels].tolist(), (a, b)
            assert ab.iloc[0]["rule"] == ba.iloc[0]["rule"]
    assert nonempty >= len(dup_pairs) // 2


def test_link_is_symmetric(customers: list[dict[str, Any]]) -> None:
    left, right = customers[:150], customers[150:]
    lr = link(left, right, threshold=0.0)
    rl = link(right, left, threshold=0.0)
    a = {(x, y): w for x, y, w in zip(lr["id_l"], lr["id_r"], lr["weight"], strict=True)}
    b = {(y, x): w for x, y, w in zip(rl["id_l"], rl["id_r"], rl["weight"], strict=True)}
    assert set(a) == set(b)
    assert all(abs(a[k] - b[k]) <= 1e-9 for k in a)


def test_row_order_does_not_matter(customers: list[dict[str, Any]]) -> None:
    df = pd.DataFrame(customers)
    base = dedupe(df).set_index("id")["cluster_id"].sort_index()
    base_pairs = pairs(df)
    for seed in (3, 4):
        shuffled = df.sample(frac=1.0, random_state=seed)
        got = dedupe(shuffled).set_index("id")["cluster_id"].sort_index()
        pd.testing.assert_series_equal(got, base)
        sp = pairs(shuffled)
        want = {
            frozenset(k): w
            for *k, w in zip(
                base_pairs["id_l"], base_pairs["id_r"], base_pairs["weight"], strict=True
            )
        }
        have = {frozenset(k): w for *k, w in zip(sp["id_l"], sp["id_r"], sp["weight"], strict=True)}
        assert set(want) == set(have)
        assert all(abs(want[k] - have[k]) <= 1e-9 for k in want)


def test_cluster_id_is_the_smallest_member_id(customers: list[dict[str, Any]]) -> None:
    out = dedupe(customers)
    assert sorted(out["id"]) == sorted(r["id"] for r in customers)
    for cid, group in out.groupby("cluster_id"):
        assert cid == min(group["id"])
    assert (out["cluster_id"] != out["id"]).any(), "the generated list has duplicates"


def test_threshold_is_monotone(customers: list[dict[str, Any]]) -> None:
    def linked(t: float) -> set[frozenset[str]]:
        out = dedupe(customers, threshold=t)
        return {frozenset(g["id"]) for _, g in out.groupby("cluster_id") if len(g) > 1}

    loose, strict = linked(0.5), linked(0.999)

    def members(cs: set[frozenset[str]]) -> set[str]:
        return set().union(*cs) if cs else set()

    assert members(strict) <= members(loose)


def test_generated_duplicates_are_mostly_found(
    generated: list[dict[str, str]], customers: list[dict[str, Any]]
) -> None:
    """Smoke test on the generated CRM list with the default (untrained) model."""
    out = dedupe(customers)
    cluster = dict(zip(out["id"], out["cluster_id"], strict=True))
    entity = {r["id"]: r["entity_id"] for r in generated}
    pred = _cluster_pairs(cluster)
    true = _cluster_pairs(entity)
    tp = len(pred & true)
    assert tp / max(len(pred), 1) >= 0.95, f"precision {tp}/{len(pred)}"
    assert tp / len(true) >= 0.9, f"recall {tp}/{len(true)}"


def _cluster_pairs(label: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for rid, c in label.items():
        groups[c].append(rid)
    return {frozenset(p) for g in groups.values() for p in itertools.combinations(g, 2)}


# --- Febrl ------------------------------------------------------------------------------------


def test_febrl_dataset1(febrl_schema: Schema) -> None:
    start = time.perf_counter()
    df = pd.read_csv(
        SHARED_DATA / "febrl" / "dataset1.csv",
        skipinitialspace=True,
        dtype=str,
        keep_default_na=False,
    )
    model = Model.fit(df, schema=febrl_schema)
    assert model.schema == febrl_schema
    out = dedupe(df, schema=febrl_schema, model=model)
    assert len(out) == 1000
    assert len(out.attrs["rejected"]) == 0
    pred = _cluster_pairs(dict(zip(out["id"], out["cluster_id"], strict=True)))
    true = _cluster_pairs({r: r.split("-")[1] for r in df["rec_id"]})
    assert len(true) == 500
    tp = len(pred & true)
    recall, precision = tp / len(true), tp / max(len(pred), 1)
    assert recall >= 0.9, f"recall {recall:.3f}"
    assert precision >= 0.9, f"precision {precision:.3f}"
    assert time.perf_counter() - start < 20


def test_the_garbage_collector_is_restored() -> None:
    import gc

    assert gc.isenabled()
    dedupe(GOOD)
    assert gc.isenabled()
    with pytest.raises(InvalidRecord):
        dedupe("not rows")
    assert gc.isenabled()
    gc.disable()
    try:
        dedupe(GOOD)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


@pytest.mark.parametrize("call", ["dedupe", "link", "pairs"])
def test_the_collector_stays_off_until_the_call_has_freed_its_work(
    call: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from dupguard.index import _batch, _gc

    seen: list[bool] = []
    real = _batch._score_chunked

    def spy(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args)

    young: list[int] = []

    class Collector:  # the gc module, noting how many young objects a resumed collector finds
        def __getattr__(self, name: str) -> Any:
            return getattr(gc, name)

        def enable(self) -> None:
            young.append(len(gc.get_objects(generation=0)))
            gc.enable()

    monkeypatch.setattr(_batch, "_score_chunked", spy)
    monkeypatch.setattr(_gc, "gc", Collector())
    rows = [{"id": str(k), "company": f"Firm {k} Trading Ltd", "email": f"a{k}@firm{k}.com"} for k in range(3_000)]
    dedupe(rows[:20])  # the first call loads the normalizers' lexicons, which stay
    seen.clear()
    young.clear()
    gc.collect()
    if call == "dedupe":
        dedupe(rows)
    elif call == "link":
        link(rows[:1_500], rows[1_500:])
    else:
        pairs(rows)
    assert seen == [False]  # off through scoring, clustering and building the result
    # resumed once, after the records' features were freed: what is left is the result and the
    # normalizers' bounded caches, under 2 objects a record (before: 13-17 a record, the
    # features, which the next collection then traversed)
    assert len(young) == 1
    assert young[0] < 2 * len(rows)


# --- prepare: normalize once, use several times -------------------------------------------------


def _frames_equal(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b)
    for key in ("rejected", "candidate_pairs"):
        got, want = a.attrs.get(key), b.attrs.get(key)
        if isinstance(want, pd.DataFrame):
            pd.testing.assert_frame_equal(got, want)
        else:
            assert got == want


def test_prepared_data_gives_what_raw_data_gives(customers: list[dict[str, Any]]) -> None:
    rows = [*customers, {"company": "no id"}, "not a record", {"id": customers[0]["id"]}]
    half = len(rows) // 2
    p, pl, pr = prepare(rows), prepare(rows[:half]), prepare(rows[half:])
    assert len(p) == len(customers)
    assert [r.reason for r in p.rejected] == ["missing_id", "not_a_mapping", "duplicate_id"]
    with pytest.raises(InvalidRecord) as err:
        prepare("not a table")
    assert err.value.reason is RecordReason.NOT_A_MAPPING
    _frames_equal(dedupe(p), dedupe(rows))
    _frames_equal(pairs(p), pairs(rows))
    _frames_equal(link(pl, pr), link(rows[:half], rows[half:]))
    _frames_equal(link(pl, rows[half:]), link(rows[:half], rows[half:]))  # one side prepared
    assert Model.fit(p).to_json() == Model.fit(rows).to_json()
    assert Model.fit(pl, right=pr).to_json() == Model.fit(rows[:half], right=rows[half:]).to_json()


def test_prepared_data_keeps_its_schema(febrl_schema: Schema) -> None:
    rows = [{"rec_id": f"r{t}", "given_name": n, "surname": "smith"} for t, n in enumerate(["ann", "ann", "bob"])]
    p = prepare(rows, schema=febrl_schema)
    assert p.schema == febrl_schema
    assert Model.fit(p).schema == febrl_schema
    assert dedupe(p)["id"].tolist() == ["r0", "r1", "r2"]
    with pytest.raises(InvalidSchema) as err:
        dedupe(p, schema=Schema.customers())
    assert err.value.reason is SchemaReason.MISMATCH
    with pytest.raises(InvalidSchema):
        Model.fit(p, schema=Schema.customers())


def test_fit_for_a_link_needs_both_sides(customers: list[dict[str, Any]]) -> None:
    with pytest.raises(InvalidModel) as err:
        Model.fit(customers, right=[])
    assert err.value.reason is ModelReason.NOT_ENOUGH_DATA


def test_febrl4_link_fitted_on_cross_pairs() -> None:
    """Febrl4 without the SSN: a model fitted for the link (EM over cross pairs) finds the
    5,000 true pairs with F1 ≥ 0.99, each side normalized once."""
    schema = Schema(
        {
            "given_name": "name", "surname": "name", "street_number": "exact", "address_1": "text",
            "address_2": "text", "suburb": "text", "postcode": "exact", "state": "exact",
            "date_of_birth": "date",
        },
        id="rec_id",
    )

    def read(name: str) -> pd.DataFrame:
        path = SHARED_DATA / "febrl" / name
        return pd.read_csv(path, skipinitialspace=True, dtype=str, keep_default_na=False)

    left, right = prepare(read("dataset4a.csv"), schema=schema), prepare(read("dataset4b.csv"), schema=schema)
    model = Model.fit(left, right=right)
    assert 0 < model.prior < 1
    out = link(left, right, model=model)
    pred = {(a.split("-")[1], b.split("-")[1]) for a, b in zip(out["id_l"], out["id_r"], strict=True)}
    tp = sum(a == b for a, b in pred)
    precision, recall = tp / max(len(pred), 1), tp / 5000
    assert 2 * precision * recall / (precision + recall) >= 0.99, (precision, recall)


# --- worker processes and each record's best partners -----------------------------------------


def test_workers_give_what_one_process_gives(customers: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    # Bad rows and an id repeated across the parts: the first occurrence wins, as in one pass.
    rows = [*customers, {"company": "no id"}, "not a record", {"id": customers[0]["id"]},
            {"id": customers[-1]["id"], "email": 7}, *customers[:3]]
    monkeypatch.setattr(_batch, "PARALLEL_MIN_ROWS", 10)
    one = prepare(rows, workers=1)
    three = prepare(rows, workers=3)
    assert three.features == one.features
    assert three.rejected == one.rejected
    assert [r.reason for r in one.rejected] == ["missing_id", "not_a_mapping", "duplicate_id", "bad_value_type",
                                                "duplicate_id", "duplicate_id", "duplicate_id"]
    frame = pd.DataFrame(customers)
    _frames_equal(dedupe(frame, workers=2), dedupe(frame, workers=1))


def test_a_failed_worker_is_done_here_with_a_warning(
    customers: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_batch, "PARALLEL_MIN_ROWS", 10)
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    first = round(len(customers) * _batch.CALLER_SHARE / (_batch.CALLER_SHARE + 1))  # the caller's part
    with pytest.warns(RuntimeWarning, match=f"extracting rows {first}-{len(customers) - 1} here"):
        got = prepare(customers, workers=2)
    assert got.features == prepare(customers, workers=1).features


def test_a_worker_dying_midway_keeps_its_pieces_and_the_rest_is_done_here(
    customers: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker hands over pieces of 20 rows and dies reading row 250: the pieces before the
    # one holding it are kept, and the rows from that piece's start on are extracted here.
    from dupguard.index import _workers
    from tests.support import DiesElsewhere

    monkeypatch.setattr(_batch, "PARALLEL_MIN_ROWS", 10)
    monkeypatch.setattr(_workers, "PIECE", 20)
    first = round(len(customers) * _batch.CALLER_SHARE / (_batch.CALLER_SHARE + 1))  # the worker's first row
    assert first + 40 < 250 < len(customers)
    redo = first + (250 - first) // 20 * 20
    rows: list[dict[str, Any]] = [*customers]
    rows[250] = DiesElsewhere(customers[250])
    with pytest.warns(RuntimeWarning, match=f"extracting rows {redo}-{len(rows) - 1} here: extraction worker exited with 3"):
        got = prepare(rows, workers=2)
    one = prepare(customers, workers=1)
    assert got.features == one.features
    assert got.rejected == one.rejected


def test_a_part_pickle_cannot_carry_is_done_here(customers: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    # A lock in a cell: the row is rejected as in one process, and its part is extracted here.
    monkeypatch.setattr(_batch, "PARALLEL_MIN_ROWS", 10)
    rows = [*customers, {"id": "locked", "company": threading.Lock()}]
    first = round(len(rows) * _batch.CALLER_SHARE / (_batch.CALLER_SHARE + 1))
    with pytest.warns(RuntimeWarning, match=f"extracting rows {first}-{len(rows) - 1} here"):
        got = prepare(rows, workers=2)
    one = prepare(rows, workers=1)
    assert got.features == one.features
    assert got.rejected == one.rejected
    assert [(r.id, r.reason) for r in one.rejected] == [("locked", "bad_value_type")]


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2"])
def test_bad_workers_or_max_scored_is_a_typed_error(bad: object) -> None:
    with pytest.raises(InvalidSchema) as err:
        dedupe(GOOD, workers=bad)  # type: ignore[arg-type]
    assert err.value.reason is SchemaReason.BAD_PARAMETER
    with pytest.raises(InvalidSchema) as err:
        dedupe(GOOD, max_scored=bad)  # type: ignore[arg-type]
    assert err.value.reason is SchemaReason.BAD_PARAMETER


def test_each_record_is_scored_against_its_best_partners() -> None:
    # 30 people of one surname and initial at different companies, and two entries of one of
    # them: with max_scored=2 the crowd's pairs are not all scored, the duplicate pair is, and
    # the clusters are those of scoring everything.
    crowd = [{"id": f"p{t:02d}", "contact": f"Wang Lei{'' if t % 2 else ' Jr'}", "company": f"Firm {t} Trading",
              "email": f"wl{t}@firm{t}.com"} for t in range(30)]
    crowd.append({"id": "p99", "contact": "Wang Lei", "company": "Firm 7 Trading", "email": "wl7@firm7.com"})
    few, every = dedupe(crowd, max_scored=2), dedupe(crowd, max_scored=1000)
    assert few.attrs["candidate_pairs"] < every.attrs["candidate_pairs"]
    assert few.set_index("id").loc["p99", "cluster_id"] == "p07"
    pd.testing.assert_frame_equal(few, every)
