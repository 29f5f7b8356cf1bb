"""The Fellegi–Sunter model: defaults, validation, JSON round trips, fit and fit_labels."""

from __future__ import annotations

import json
import math
import random
from collections import defaultdict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dupguard.errors import InvalidModel, ModelReason
from dupguard.index import KINDS, FieldParams, Index, Level, Model, Schema
from dupguard.index._compare import LEVELS_BY_KIND

# --- defaults ---------------------------------------------------------------------------------


def test_default_model_is_for_the_customer_schema() -> None:
    m = Model()
    assert m.schema == Schema.customers()
    assert [fp.name for fp in m.fields] == [f.name for f in Schema.customers()]
    assert Model.default() == m
    assert m.prior is None  # scaled to the data


@pytest.mark.parametrize("n", [0, 1, 500, 9_999, 10_000, 123_456, 1_000_000, 10**9])
def test_scaled_prior_is_one_partner_per_record(n: int) -> None:
    lam = Model().prior_at(n)
    assert lam == 1 / max(n, 10_000)
    assert math.isclose(Model().prior_weight(n), math.log2(lam / (1 - lam)))
    assert Model(prior=0.001).prior_at(n) == 0.001


def test_scaled_prior_grows_stricter_with_the_list() -> None:
    # the same pair needs about log2(100) more bits of evidence in a list 100 times larger
    m = Model()
    assert math.isclose(m.prior_weight(10_000) - m.prior_weight(1_000_000), math.log2(100), rel_tol=1e-4)
    weights = [m.prior_weight(n) for n in (10, 10_000, 50_000, 1_000_000)]
    assert weights == sorted(weights, reverse=True)


def test_scaled_prior_round_trips_as_null() -> None:
    assert '"prior": null' in Model().to_json()
    assert Model.from_json(Model().to_json()).prior is None
    assert Model.from_json(Model(prior=0.25).to_json()).prior == 0.25


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_default_weights_are_ordered(kind: str) -> None:
    fp = Model.default(Schema({"f": kind})).fields[0]
    assert fp.kind == kind
    levels = LEVELS_BY_KIND[kind]
    assert fp.weight(Level.MISSING) == 0
    assert fp.weight(Level.EXACT) > 0
    assert fp.weight(Level.DIFFERENT) < 0
    assert fp.weight(levels[0]) == max(fp.weight(lv) for lv in levels)
    # m and u are probability distributions over the kind's levels
    assert math.isclose(sum(p for _, p in fp.m), 1.0, abs_tol=1e-9)
    assert math.isclose(sum(p for _, p in fp.u), 1.0, abs_tol=1e-9)


def test_a_unique_mailbox_alone_is_a_confident_match() -> None:
    ix = Index()
    ix.add({"id": "a", "email": "li.wei@huawei.com"})
    assert ix.candidates({"email": "li.wei@huawei.com"})[0].probability >= 0.9


def test_model_is_immutable() -> None:
    m = Model()
    with pytest.raises(AttributeError):
        m.prior = 0.5


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize("prior", [0.0, 1.0, -0.1, 2.0, float("nan")])
def test_bad_prior(prior: float) -> None:
    with pytest.raises(InvalidModel) as exc:
        Model(prior=prior)
    assert exc.value.reason is ModelReason.BAD_PARAMETER


def test_bad_parameter() -> None:
    fp = Model.default(Schema({"e": "email"})).fields[0]
    bad = FieldParams(fp.name, fp.kind, ((Level.EXACT, 1.5), *fp.m[1:]), fp.u)
    with pytest.raises(InvalidModel) as exc:
        Model(Schema({"e": "email"}), fields=[bad])
    assert exc.value.reason is ModelReason.BAD_PARAMETER


def test_fields_must_match_the_schema() -> None:
    fp = Model.default(Schema({"e": "email"})).fields[0]
    with pytest.raises(InvalidModel) as exc:
        Model(Schema({"e": "phone"}), fields=[fp])
    assert exc.value.reason is ModelReason.SCHEMA_MISMATCH
    with pytest.raises(InvalidModel) as exc:
        Model(Schema({"x": "email"}), fields=[fp])
    assert exc.value.reason is ModelReason.SCHEMA_MISMATCH


BAD_JSON = [
    "",
    "{",
    "[]",
    "null",
    "{}",
    '{"format": "something/1"}',
    '{"format": "dupguard.model/1"}',
    '{"format": "dupguard.model/1", "schema": {"fields": {"e": "email"}}, "prior": 0.1}',
    '{"format": "dupguard.model/1", "schema": {"fields": {"e": "email"}}, "prior": 0.1, '
    '"fields": {"e": {"kind": "email", "m": {"astonishing": 0.5}, "u": {}}}}',
    '{"format": "dupguard.model/1", "schema": {"fields": {"e": "email"}}, "prior": "x", "fields": {}}',
    '{"format": "dupguard.model/1", "schema": 3, "prior": 0.1, "fields": {}}',
]


@pytest.mark.parametrize("doc", BAD_JSON)
def test_from_json_rejects_malformed_documents(doc: str) -> None:
    with pytest.raises(InvalidModel) as exc:
        Model.from_json(doc)
    assert exc.value.reason is ModelReason.BAD_JSON


def _field(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in doc["fields"] if f["name"] == name)


def test_from_json_rejects_bad_values_by_reason() -> None:
    doc = json.loads(Model().to_json())
    _field(doc, "email")["m"]["exact"] = 7.0
    with pytest.raises(InvalidModel) as exc:
        Model.from_json(json.dumps(doc))
    assert exc.value.reason is ModelReason.BAD_PARAMETER
    doc = json.loads(Model().to_json())
    _field(doc, "email")["kind"] = "phone"
    with pytest.raises(InvalidModel) as exc:
        Model.from_json(json.dumps(doc))
    assert exc.value.reason is ModelReason.SCHEMA_MISMATCH


# --- JSON round trips -------------------------------------------------------------------------

_names = st.text("abcdefghij_", min_size=1, max_size=6)
_probs = st.floats(min_value=1e-7, max_value=1.0, allow_nan=False, allow_subnormal=False)


@st.composite
def models(draw: st.DrawFn) -> Model:
    kinds = draw(
        st.dictionaries(
            _names.filter(lambda s: s != "id"),
            st.sampled_from(sorted(KINDS)),
            min_size=1,
            max_size=5,
        )
    )
    schema = Schema(
        kinds,
        id=draw(st.sampled_from(["id", "rec_id", "客户编号"])),
        region=draw(st.sampled_from([None, "CN", "DE"])),
        max_block_size=draw(st.one_of(st.none(), st.integers(2, 10_000))),
    )
    fields = []
    for name, kind in kinds.items():
        if draw(st.booleans()):
            levels = LEVELS_BY_KIND[kind]
            m = tuple((lv, draw(_probs)) for lv in levels)
            u = tuple((lv, draw(_probs)) for lv in levels)
            fields.append(FieldParams(name, kind, m, u))
    prior = draw(st.none() | st.floats(min_value=1e-12, max_value=0.999, allow_nan=False, exclude_min=False))
    return Model(schema, prior=prior, fields=fields)


def _params(m: Model) -> dict[str, tuple[str, dict[Level, float], dict[Level, float]]]:
    return {fp.name: (fp.kind, dict(fp.m), dict(fp.u)) for fp in m.fields}


@settings(max_examples=60, deadline=None)
@given(models())
def test_json_round_trip(m: Model) -> None:
    text = m.to_json()
    assert isinstance(text, str)
    json.loads(text)  # plain JSON, never pickle
    back = Model.from_json(text)
    assert back == m
    assert back.prior == m.prior
    assert _params(back) == _params(m)
    assert back.to_json() == text
    assert Model.from_json(text.encode("utf-8")) == m
    # the schema comes back as it was, field order included: an Index checks it
    assert back.schema == m.schema
    assert [f.name for f in back.schema] == [f.name for f in m.schema]
    Index(m.schema, back)


def test_saved_default_model_works_with_the_default_schema() -> None:
    back = Model.from_json(Model().to_json())
    assert back.schema == Schema.customers()
    ix = Index(Schema.customers(), back)
    ix.add({"id": "a", "email": "li.wei@huawei.com"})
    assert ix.candidates({"email": "li.wei@huawei.com"})[0].id == "a"


@settings(max_examples=20, deadline=None)
@given(models())
def test_round_tripped_model_scores_the_same(m: Model) -> None:
    values = ["ann@acme.com", "Ann@Acme.com", "bob"]
    rows = [{m.schema.id: k, **{f.name: v for f in m.schema}} for k, v in enumerate(values)]
    ix1, ix2 = Index(model=m), Index(model=Model.from_json(m.to_json()))
    for r in rows:
        ix1.add(r)
        ix2.add(r)
    q = {f.name: "ann@acme.com" for f in m.schema}
    got, want = ix2.candidates(q), ix1.candidates(q)
    assert [c.id for c in got] == [c.id for c in want]
    assert all(abs(a.weight - b.weight) <= 1e-9 for a, b in zip(got, want, strict=True))


def test_with_params_returns_a_new_model() -> None:
    m = Model()
    m2 = m.with_params(prior=0.01, m={"email": {Level.EXACT: 0.9}})
    assert m.prior != m2.prior
    assert dict(m2.fields[2].m)[Level.EXACT] == pytest.approx(0.9)
    assert dict(m.fields[2].m)[Level.EXACT] != pytest.approx(0.9)


# --- fit --------------------------------------------------------------------------------------


def test_fit_is_deterministic_and_valid(customers: list[dict[str, Any]]) -> None:
    a = Model.fit(customers, schema=Schema.customers())
    b = Model.fit(customers, schema=Schema.customers())
    assert a == b
    assert a.schema == Schema.customers()
    assert 0 < a.prior < 1
    for fp in a.fields:
        for _, p in (*fp.m, *fp.u):
            assert 0 < p < 1
    by = {fp.name: fp for fp in a.fields}
    for name in ("company", "email", "phone"):
        assert by[name].weight(Level.EXACT) > 5, name
        assert by[name].weight(Level.DIFFERENT) < 0, name
    assert Model.from_json(a.to_json()) == a


def test_fit_uses_the_given_schema(febrl_schema: Schema) -> None:
    rows = [
        {"rec_id": f"r{i}", "given_name": g, "surname": s}
        for i, (g, s) in enumerate(
            [
                ("ann", "lee"),
                ("anne", "lee"),
                ("bob", "ray"),
                ("rob", "ray"),
                ("cy", "wu"),
                ("kim", "ho"),
            ]
        )
    ]
    s = Schema({"given_name": "name", "surname": "name"}, id="rec_id")
    m = Model.fit(rows, schema=s)
    assert m.schema == s


def test_fit_needs_data() -> None:
    with pytest.raises(InvalidModel) as exc:
        Model.fit([{"id": 1, "company": "Acme"}, {"id": 2, "company": "Acme"}])
    assert exc.value.reason is ModelReason.NOT_ENOUGH_DATA


def _labelled(generated: list[dict[str, str]]) -> list[tuple[dict[str, Any], dict[str, Any], bool]]:
    cols = ("id", "company", "contact", "email", "phone", "website", "country", "address")
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in generated:
        by[r["entity_id"]].append({c: r[c] for c in cols})
    dups = [(g[0], x, True) for g in by.values() for x in g[1:]]
    rng = random.Random(0)
    rows = [{c: r[c] for c in cols} for r in generated]
    ent = {r["id"]: r["entity_id"] for r in generated}
    non: list[tuple[dict[str, Any], dict[str, Any], bool]] = []
    while len(non) < 3 * len(dups):
        a, b = rng.sample(rows, 2)
        if ent[a["id"]] != ent[b["id"]]:
            non.append((a, b, False))
    return dups + non


def test_fit_labels(generated: list[dict[str, str]]) -> None:
    labelled = _labelled(generated)
    m = Model.fit_labels(labelled)
    assert m.prior == Model().prior  # kept: labelled sets rarely have the data's proportion
    assert Model.fit_labels(labelled, prior=0.01).prior == 0.01
    by = {fp.name: fp for fp in m.fields}
    for name in ("company", "email"):
        assert by[name].weight(Level.EXACT) > 0, name
        assert dict(by[name].m)[Level.EXACT] > dict(by[name].u)[Level.EXACT]
    assert Model.from_json(m.to_json()) == m


def test_fit_labels_needs_both_labels(generated: list[dict[str, str]]) -> None:
    labelled = _labelled(generated)
    for only in (True, False):
        with pytest.raises(InvalidModel) as exc:
            Model.fit_labels([p for p in labelled if p[2] is only])
        assert exc.value.reason is ModelReason.NOT_ENOUGH_DATA
