"""Schemas: kinds, the default customer schema, Febrl in a few lines, errors, and the facade."""

from __future__ import annotations

import pytest

import dupguard
import dupguard.index
from dupguard.errors import InvalidSchema, SchemaReason
from dupguard.index import KINDS, Field, Index, Schema

CONTRACT_KINDS = {
    "company",
    "person",
    "name",
    "email",
    "phone",
    "domain",
    "country",
    "text",
    "exact",
    "date",
}


def test_top_level_names() -> None:
    assert dupguard.Schema is dupguard.index.Schema
    assert dupguard.Index is dupguard.index.Index
    assert dupguard.Model is dupguard.index.Model
    assert dupguard.Candidate is dupguard.index.Candidate
    assert dupguard.dedupe is dupguard.index.dedupe
    assert dupguard.link is dupguard.index.link
    assert dupguard.pairs is dupguard.index.pairs


def test_index_all_is_sorted_and_documented() -> None:
    names = dupguard.index.__all__
    # ruff's RUF022 order: CONSTANTS, then Classes, then functions, each alphabetical
    assert list(names) == sorted(
        names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n)
    )
    for name in names:
        obj = getattr(dupguard.index, name)
        if callable(obj):
            assert obj.__doc__, name


def test_kinds_cover_the_contract() -> None:
    assert CONTRACT_KINDS <= KINDS


@pytest.mark.parametrize("kind", sorted(CONTRACT_KINDS))
def test_every_kind_is_accepted_and_usable(kind: str) -> None:
    s = Schema({"f": kind})
    assert s.kind("f") == kind
    assert s.fields == (Field("f", kind),)
    ix = Index(s)
    ix.add({"id": 1, "f": "x"})
    ix.add({"id": 2, "f": None})
    assert len(ix) == 2


def test_customers_schema() -> None:
    s = Schema.customers()
    assert s.id == "id"
    assert {f.name: f.kind for f in s} == {
        "company": "company",
        "contact": "person",
        "email": "email",
        "phone": "phone",
        "website": "domain",
        "country": "country",
        "address": "text",
    }
    assert Schema.customers(region="cn").region == "CN"
    assert Schema.customers() == Schema.customers()
    assert hash(Schema.customers()) == hash(Schema.customers())


def test_febrl_is_a_few_lines(febrl_schema: Schema) -> None:
    assert febrl_schema.id == "rec_id"
    assert len(febrl_schema) == 10
    assert febrl_schema.kind("date_of_birth") == "date"


def test_schema_is_immutable() -> None:
    s = Schema({"n": "name"})
    with pytest.raises(AttributeError):
        s.id = "x"


def test_dict_round_trip_keeps_field_order() -> None:
    s = Schema(
        {"z": "email", "a": "phone", "m": "company"}, id="key", region="DE", max_block_size=7
    )
    back = Schema.from_dict(s.to_dict())
    assert back == s
    assert [f.name for f in back] == ["z", "a", "m"]


@pytest.mark.parametrize(
    ("args", "kwargs", "reason"),
    [
        (({},), {}, SchemaReason.NO_FIELDS),
        ((["email"],), {}, SchemaReason.NO_FIELDS),
        (({"e": "colour"},), {}, SchemaReason.UNKNOWN_KIND),
        (({"e": "Email"},), {}, SchemaReason.UNKNOWN_KIND),
        (({"": "email"},), {}, SchemaReason.BAD_NAME),
        (({"id": "email"},), {}, SchemaReason.BAD_NAME),
        (({"k": "email"},), {"id": "k"}, SchemaReason.BAD_NAME),
        (({"e": "email"},), {"id": ""}, SchemaReason.BAD_NAME),
        (({"e": "email"},), {"region": "CHN"}, SchemaReason.BAD_PARAMETER),
        (({"e": "email"},), {"max_block_size": 1}, SchemaReason.BAD_PARAMETER),
        (({"e": "email"},), {"max_block_size": 2.5}, SchemaReason.BAD_PARAMETER),
    ],
)
def test_bad_schema(
    args: tuple[object, ...], kwargs: dict[str, object], reason: SchemaReason
) -> None:
    with pytest.raises(InvalidSchema) as exc:
        Schema(*args, **kwargs)  # type: ignore[arg-type]
    assert exc.value.reason is reason


def test_fields_and_id_are_positional_and_keyword_only() -> None:
    with pytest.raises(TypeError):
        Schema(fields={"e": "email"})  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Schema({"e": "email"}, "rec_id")  # type: ignore[call-arg]


def test_custom_id_column() -> None:
    s = Schema({"email": "email"}, id="rec_id")
    ix = Index(s)
    ix.add({"rec_id": "r1", "email": "ann@acme.com"})
    assert [c.id for c in ix.candidates({"email": "ann@acme.com"})] == ["r1"]
