"""The one-record check's scalar scoring path equals the vectorised batch path, pair for pair.

``Index.candidates`` scores a few dozen candidates with :meth:`Scorer.score_rows` (plain Python,
one pair at a time); batches use :meth:`Scorer.score_columns` (numpy, rapidfuzz ``cpdist``). The
oracle: on the same pairs both give the same level per field, the same crosswise name reading,
and the same weight to 1e-9 — on generated customers, Febrl (name swaps, dates, codes), the
listed companies (Han/pinyin/English names, regions, industries) and hypothesis-drawn records
built from adversarial values, multi-valued fields and gaps.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pytest
from benchmarks.datasets import load
from hypothesis import given, settings
from hypothesis import strategies as st

from dupguard.index import Index, Model, Schema
from dupguard.index import _index as index_module
from dupguard.index._compare_one import row_of
from dupguard.index._features import Extractor, Features
from dupguard.index._score import Scorer
from tests.support import SHARED_DATA


def _scorer(schema: Schema, feats: Sequence[Features]) -> Scorer:
    counts: list[dict[str, int]] = [{} for _ in schema.fields]
    for r in feats:
        for f, fd in enumerate(r.fields):
            for k in fd.keys:
                counts[f][k] = counts[f].get(k, 0) + 1
    return Scorer(Model.default(schema), counts, len(feats))


def _pairs(feats: Sequence[Features], *, limit: int, seed: int) -> list[tuple[int, int]]:
    """Pairs sharing a blocking key (both orders), then as many random pairs as a quarter of those."""
    rng = random.Random(seed)
    by: dict[str, list[int]] = {}
    for t, r in enumerate(feats):
        for b in r.blocks:
            by.setdefault(b, []).append(t)
    found = sorted({(x, y) for ts in by.values() if len(ts) <= 30 for x in ts for y in ts if x != y})
    rng.shuffle(found)
    found = found[:limit]
    return found + [(rng.randrange(len(feats)), rng.randrange(len(feats))) for _ in range(len(found) // 4 + 5)]


def _assert_same(schema: Schema, records: Sequence[Mapping[str, Any]], pairs: Sequence[tuple[int, int]] | None = None) -> int:
    """Score every pair both ways; return how many pairs were checked."""
    ex = Extractor(schema)
    feats = [ex.features(r) for r in records]
    scorer = _scorer(schema, feats)
    cols = scorer.columns(feats)
    if pairs is None:
        pairs = _pairs(feats, limit=4000, seed=7)
    by_left: dict[int, list[int]] = {}
    for x, y in pairs:
        by_left.setdefault(x, []).append(y)
    for x, ys in by_left.items():
        i = np.full(len(ys), x, dtype=np.int64)
        j = np.array(ys, dtype=np.int64)
        vec = scorer.score_columns(cols, cols, i, j)
        one = scorer.score_rows([row_of(fd) for fd in feats[x].fields], [[row_of(fd) for fd in feats[y].fields] for y in ys])
        for t, y in enumerate(ys):
            where = f"{records[x]} / {records[y]}"
            assert vec.levels[t].tolist() == one.levels[t].tolist(), where
            assert abs(vec.weight[t] - one.weight[t]) <= 1e-9, where
            assert vec.swaps.get(t) == one.swaps.get(t), where
    return len(pairs)


def test_generated_customers(customers: list[dict[str, Any]]) -> None:
    assert _assert_same(Schema.customers(), customers) > 500


def test_febrl_names_dates_and_codes(febrl_schema: Schema) -> None:
    import pandas as pd

    df = pd.read_csv(SHARED_DATA / "febrl" / "dataset3.csv", dtype=str, skipinitialspace=True).head(1500)
    df.columns = [c.strip() for c in df.columns]
    records = df.to_dict("records")
    assert _assert_same(febrl_schema, records) > 1000


@pytest.mark.parametrize("name", ["cn-listed", "tw-listed"])
def test_listed_companies(name: str) -> None:
    ds = load(name)
    assert ds.records is not None
    df = ds.records.head(3000)
    schema = Schema(dict(ds.schema))
    records = [{"id": str(r["id"]), **{c: r[c] for c in ds.schema}} for r in df.to_dict("records")]
    assert _assert_same(schema, records) > 1000


# --- hypothesis: adversarial values, multi-valued fields, gaps ---------------------------------

COMPANIES = [
    "深圳市华为技术有限公司", "華為技術", "HUAWEI TECHNOLOGIES CO., LTD.", "华为", "宁波海天进出口有限公司",
    "NINGBO HAITIAN IMP. & EXP. CO.,LTD", "平安银行股份有限公司", "Ping An Bank", "台灣半導體", "长盛轴承",
    "长盛滑动轴承", "深振业", "深圳市振业", "TSC", "KL Trading", "Acme Trading Co., Ltd.", "ACME TRADING LIMITED",
    "Ａｃｍｅ", "Acme\u200b Trading", "华塑控股", "华塑科技", "万年青水泥", "万年青制药", "", "有限公司",
]
PEOPLE = ["张伟", "Zhang Wei", "Wei Zhang", "张先生", "Mr. Zhang", "John Doe", "Jon Doe", "Doe, John", "李娜", "", "J. Doe"]
EMAILS = [
    "John.Doe+x@GoogleMail.com", "johndoe@gmail.com", "li@huawei.com", "sales@huawei.com", "info@acme.com",
    "bob@acme.com", "x@qq.com", "", "not-an-email",
]
PHONES = ["0086 138-0013-8000", "+86 13800138000", "13800138000", "+49 30 1234567", "030 1234567", "", "12"]
SITES = ["huawei.com", "www.huawei.com", "https://acme.com/about", "acme.com", "", "qq.com"]
COUNTRIES = ["CN", "China", "中国", "DE", "US", ""]


def _value(pool: list[str]) -> st.SearchStrategy[Any]:
    one = st.sampled_from(pool)
    return st.one_of(one, st.lists(one, min_size=1, max_size=3))


RECORDS = st.fixed_dictionaries(
    {
        "company": _value(COMPANIES),
        "contact": _value(PEOPLE),
        "email": _value(EMAILS),
        "phone": _value(PHONES),
        "website": _value(SITES),
        "country": st.sampled_from(COUNTRIES),
        "address": st.sampled_from(["", "深圳市龙岗区坂田华为基地", "1 Main St, Springfield", "1 Main Street"]),
    }
)


@settings(max_examples=150, deadline=None)
@given(st.lists(RECORDS, min_size=2, max_size=8))
def test_drawn_records_score_alike_both_ways(rows: list[dict[str, Any]]) -> None:
    records = [{"id": str(t), **r} for t, r in enumerate(rows)]
    everything = [(x, y) for x in range(len(records)) for y in range(len(records)) if x != y]
    _assert_same(Schema.customers(), records, everything)


NAMES = ["nathan", "morrison", "natahn", "morisson", "", "john", "smith", "jon"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES), st.sampled_from(["19800512", "19801205", "19800513", ""])), min_size=2, max_size=6))
def test_drawn_names_read_crosswise_alike(rows: list[tuple[str, str, str]]) -> None:
    schema = Schema({"given_name": "name", "surname": "name", "dob": "date"})
    records = [{"id": str(t), "given_name": g, "surname": s, "dob": d} for t, (g, s, d) in enumerate(rows)]
    everything = [(x, y) for x in range(len(records)) for y in range(len(records)) if x != y]
    _assert_same(schema, records, everything)


def test_index_gives_the_same_candidates_on_either_path(
    customers: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    ix = Index()
    ix.add_many(customers)
    scalar = [[(c.id, c.weight) for c in ix.candidates(r)] for r in customers[:80]]
    monkeypatch.setattr(index_module, "_SCALAR_MAX", 0)
    vector = [[(c.id, c.weight) for c in ix.candidates(r)] for r in customers[:80]]
    assert sum(map(len, scalar)) > 80
    for s, v in zip(scalar, vector, strict=True):
        assert [i for i, _ in s] == [i for i, _ in v]
        assert all(abs(a - b) <= 1e-9 for (_, a), (_, b) in zip(s, v, strict=True))


_LETTERS = st.text(alphabet="ab深圳振业乔治白 ", min_size=1, max_size=12)


@given(_LETTERS, _LETTERS)
@settings(max_examples=500, deadline=None)
def test_inside_and_in_order_read_as_rapidfuzz_scores_them(a: str, b: str) -> None:
    # Both paths test "stands whole inside" and "in order" with these two functions; they must
    # keep the meaning the levels were measured with: partial_ratio 100 and full-length LCS.
    from rapidfuzz import fuzz
    from rapidfuzz.distance import LCSseq

    from dupguard.index._compare import in_order, inside

    assert inside(a, b) == (fuzz.partial_ratio(a, b) >= 100.0) == inside(b, a)
    assert in_order(a, b) == (LCSseq.similarity(a, b) >= min(len(a), len(b))) == in_order(b, a)
