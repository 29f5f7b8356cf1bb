"""Evaluation-set loaders: truth counts from each SOURCE.md, schemas, categories, determinism."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from benchmarks.datasets import _GENERATED_SIZES, CUSTOMER_SCHEMA, FIELD_KINDS, NAMES, Dataset, load
from benchmarks.generate import CUSTOMER_COLUMNS, EDIT_KINDS

from tests.support import SHARED_DATA

_FEBRL_SCHEMA = {
    "given_name": "name", "surname": "name", "street_number": "exact", "address_1": "text",
    "address_2": "text", "suburb": "text", "postcode": "exact", "state": "exact", "date_of_birth": "date",
}
_SMALL = tuple(n for n in NAMES if n not in ("generated-100k", "generated-1m"))


@pytest.fixture(scope="module")
def loaded() -> dict[str, Dataset]:
    return {n: load(n) for n in _SMALL}


def _frames(ds: Dataset) -> list[object]:
    return [f for f in (ds.records, ds.left, ds.right) if f is not None]


def test_names_cover_the_generated_sizes() -> None:
    assert set(_GENERATED_SIZES) == {n for n in NAMES if n.startswith("generated-")}
    assert len(set(NAMES)) == 13


@pytest.mark.parametrize("name", _SMALL)
def test_shape_schema_and_ids(name: str, loaded: dict[str, Dataset]) -> None:
    ds = loaded[name]
    assert ds.name == name
    assert set(ds.schema.values()) <= FIELD_KINDS
    assert ds.source
    assert all(not part.startswith("/") for part in ds.source.split(";")), "paths relative to the repo root"
    if ds.task == "pairs":
        assert ds.pairs is not None
        assert list(ds.pairs.columns) == ["a", "b", "label"]
        return
    for frame in _frames(ds):
        cols = set(frame.columns)  # type: ignore[attr-defined]
        assert {"id", "entity_id"} <= cols
        assert set(ds.schema) <= cols
        assert frame["id"].is_unique  # type: ignore[index]
        assert all(isinstance(v, str) for v in frame["id"])  # type: ignore[index]
        assert all(isinstance(v, str) and v for v in frame["entity_id"])  # type: ignore[index]


@pytest.mark.parametrize(
    ("name", "n_records", "n_pairs"),
    [("febrl1", 1000, 500), ("febrl2", 5000, 1934), ("febrl3", 5000, 6538), ("febrl4", 5000, 5000)],
)
def test_febrl_truth_counts(name: str, n_records: int, n_pairs: int, loaded: dict[str, Dataset]) -> None:
    ds = loaded[name]
    assert ds.schema == _FEBRL_SCHEMA
    for frame in _frames(ds):
        assert len(frame) == n_records  # type: ignore[arg-type]
        assert "soc_sec_id" not in frame.columns  # type: ignore[attr-defined]
    pairs = ds.true_pairs()
    assert len(pairs) == n_pairs
    if name == "febrl4":
        assert ds.task == "link"
        assert all(a.endswith("-org") and b.endswith("-dup-0") and a[:-4] == b[:-6] for a, b in pairs)
    else:
        assert ds.task == "dedupe"
        assert all(a < b for a, b in pairs)


def test_febrl_values_are_clean(loaded: dict[str, Dataset]) -> None:
    df = loaded["febrl1"].records
    assert df is not None
    row = df[df["id"] == "rec-122-org"].iloc[0]
    assert (row["given_name"], row["surname"], row["postcode"], row["date_of_birth"]) == (
        "lachlan", "berry", "4814", "19990219")


def test_cn_listed_three_forms_per_company(loaded: dict[str, Dataset]) -> None:
    ds = loaded["cn-listed"]
    df = ds.records
    assert df is not None
    n_companies = df["entity_id"].nunique()
    assert n_companies == 2880
    assert len(df) == 3 * n_companies
    cats = Counter(ds.pair_category(a, b) for a, b in ds.true_pairs())
    assert cats == {"zh-zh": n_companies, "zh-en": 2 * n_companies}
    edits = {k for e in df["edits"] for k in e.split("+") if k}
    assert edits <= set(EDIT_KINDS)
    assert len(edits) >= 8
    assert (df["edits"] != "").mean() > 0.4
    assert ds.pair_category("sz000002-en", "sz000002-full") == "zh-en"
    assert ds.pair_category("nope", "sz000002-full") is None


def test_cn_listed_seeded(loaded: dict[str, Dataset]) -> None:
    again, other = load("cn-listed"), load("cn-listed", seed=1)
    assert again.records is not None
    assert other.records is not None
    assert loaded["cn-listed"].records is not None
    assert again.records.equals(loaded["cn-listed"].records)
    assert not other.records.equals(again.records)


def test_tw_listed(loaded: dict[str, Dataset]) -> None:
    ds = loaded["tw-listed"]
    df = ds.records
    assert df is not None
    assert df["entity_id"].nunique() == 1036 + 831
    cats = Counter(ds.pair_category(a, b) for a, b in ds.true_pairs())
    assert set(cats) == {"zh-zh", "zh-en"}
    assert (df["phone"] != "").mean() > 0.3
    assert (df["email"] != "").mean() > 0.2
    assert set(df["market"]) == {"twse", "tpex"}


def test_real_sets_truth_counts(loaded: dict[str, Dataset]) -> None:
    pat = loaded["patstat"]
    assert pat.records is not None
    assert (len(pat.records), pat.records["entity_id"].nunique(), len(pat.true_pairs())) == (2379, 102, 293785)
    chi = loaded["chicago"]
    assert chi.records is not None
    assert (len(chi.records), chi.records["entity_id"].nunique(), len(chi.true_pairs())) == (3337, 1162, 6608)
    assert not chi.records["phone"].str.endswith(".0").any()
    rest = loaded["restaurants"]
    assert rest.records is not None
    assert (len(rest.records), len(rest.true_pairs())) == (864, 112)
    assert ("0", "1") in rest.true_pairs()


def test_company_pairs(loaded: dict[str, Dataset]) -> None:
    ds = loaded["company-pairs"]
    assert ds.task == "pairs"
    assert ds.pairs is not None
    assert len(ds.pairs) == 127
    assert set(ds.pairs["label"]) == {0, 1}
    assert ds.true_pairs() == frozenset()
    assert ds.pair_category("a", "b") is None


def test_generated_10k(loaded: dict[str, Dataset]) -> None:
    ds = loaded["generated-10k"]
    assert ds.schema == dict(CUSTOMER_SCHEMA)
    assert ds.records is not None
    assert len(ds.records) == 10_000
    assert set(CUSTOMER_COLUMNS) <= set(ds.records.columns)
    assert len(ds.true_pairs()) > 1000


def test_unknown_name_and_missing_data(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown dataset"):
        load("febrl5")
    with pytest.raises(FileNotFoundError):
        load("febrl1", data_dir=tmp_path / "absent")


def test_reads_shared_data_in_place() -> None:
    assert load("restaurants", data_dir=SHARED_DATA).records is not None
