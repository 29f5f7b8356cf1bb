"""The in-memory Index: mutation, typed errors, candidates, and the oracles it must satisfy.

Oracles: candidates ⊇ brute-force pairs sharing an unblocked key (with honest provenance); results
independent of insertion order; ``remove`` restores the exact prior state; ``update`` is remove
then add. Demotion: common keys generate no candidates but still weigh in scores.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

import pytest

from dupguard.errors import InvalidModel, InvalidRecord, ModelReason, RecordReason
from dupguard.index import Candidate, Index, Level, Model, Schema, default_block_limit, pairs
from dupguard.index._features import Extractor

LABELS = {lv.label for lv in Level}


def _probes(customers: Sequence[dict[str, Any]], k: int = 40) -> list[dict[str, Any]]:
    """Every few records, as a query without its id (as a CRM checks before saving)."""
    step = max(1, len(customers) // k)
    return [{key: v for key, v in r.items() if key != "id"} for r in customers[::step]]


def _snapshot(
    ix: Index, probes: Sequence[dict[str, Any]]
) -> list[tuple[tuple[str, float, float, str, str], ...]]:
    return [
        tuple((c.id, c.weight, c.probability, c.rule, c.key) for c in ix.candidates(p, limit=1000))
        for p in probes
    ]


# --- mutation and typed errors ----------------------------------------------------------------


def test_add_len_contains_and_numeric_ids() -> None:
    ix = Index()
    assert len(ix) == 0
    ix.add({"id": 7, "company": "Acme Trading Ltd", "email": "bob@acme.com"})
    ix.add({"id": "b", "company": "Bolt GmbH"})
    assert len(ix) == 2
    assert 7 in ix
    assert "7" in ix
    assert [c.id for c in ix.candidates({"email": "BOB@acme.com"})] == ["7"]
    ix.remove(7)
    assert len(ix) == 1
    assert 7 not in ix


def test_records_are_plain_mappings_of_any_type() -> None:
    from types import MappingProxyType

    ix = Index()
    ix.add(MappingProxyType({"id": "m", "email": "ann@zeta.io"}))
    assert [c.id for c in ix.candidates(MappingProxyType({"email": "ann@zeta.io"}))] == ["m"]


def test_add_duplicate_id_raises() -> None:
    ix = Index()
    ix.add({"id": "a", "company": "Acme"})
    with pytest.raises(InvalidRecord) as exc:
        ix.add({"id": "a", "company": "Other"})
    assert exc.value.reason is RecordReason.DUPLICATE_ID
    assert exc.value.record_id == "a"
    assert len(ix) == 1
    assert ix.candidates({"company": "Acme"})[0].explain()[0].right == "Acme"


def test_duplicate_id_across_int_and_str_is_the_same_id() -> None:
    ix = Index()
    ix.add({"id": 1, "company": "Acme"})
    with pytest.raises(InvalidRecord) as exc:
        ix.add({"id": "1", "company": "Acme"})
    assert exc.value.reason is RecordReason.DUPLICATE_ID


@pytest.mark.parametrize("op", ["update", "remove"])
def test_unknown_id(op: str) -> None:
    ix = Index()
    ix.add({"id": "a", "company": "Acme"})

    def call() -> None:
        if op == "update":
            ix.update({"id": "zz", "company": "Acme"})
        else:
            ix.remove("zz")

    with pytest.raises(InvalidRecord) as exc:
        call()
    assert exc.value.reason is RecordReason.UNKNOWN_ID
    assert exc.value.record_id == "zz"
    assert len(ix) == 1


BAD_RECORDS: list[tuple[str, object, RecordReason, object, str | None]] = [
    # (case id, record, reason, record_id, field)
    ("no_id", {"company": "Acme", "email": "a@acme.com"}, RecordReason.MISSING_ID, None, "id"),
    ("list_not_mapping", [("id", 1), ("company", "Acme")], RecordReason.NOT_A_MAPPING, None, None),
    ("str_not_mapping", "id=1,company=Acme", RecordReason.NOT_A_MAPPING, None, None),
    ("none_not_mapping", None, RecordReason.NOT_A_MAPPING, None, None),
    ("email_int", {"id": "r1", "email": 12345}, RecordReason.BAD_VALUE_TYPE, "r1", "email"),
    (
        "email_dict",
        {"id": "r2", "email": {"work": "a@b.com"}},
        RecordReason.BAD_VALUE_TYPE,
        "r2",
        "email",
    ),
    ("company_bool", {"id": "r3", "company": True}, RecordReason.BAD_VALUE_TYPE, "r3", "company"),
    (
        "email_in_list_int",
        {"id": "r4", "email": ["a@b.com", 7]},
        RecordReason.BAD_VALUE_TYPE,
        "r4",
        "email",
    ),
    ("id_none", {"id": None, "company": "Acme"}, RecordReason.BAD_ID, None, "id"),
    ("id_blank", {"id": "  ", "company": "Acme"}, RecordReason.BAD_ID, None, "id"),
    ("id_bool", {"id": True, "company": "Acme"}, RecordReason.BAD_ID, None, "id"),
]


@pytest.mark.parametrize(
    ("record", "reason", "record_id", "field"),
    [b[1:] for b in BAD_RECORDS],
    ids=[b[0] for b in BAD_RECORDS],
)
def test_bad_record_is_a_typed_error(
    record: Any, reason: RecordReason, record_id: object, field: str | None
) -> None:
    ix = Index()
    with pytest.raises(InvalidRecord) as exc:
        ix.add(record)
    err = exc.value
    assert err.reason is reason
    assert isinstance(err, ValueError)
    if record_id is not None:
        assert err.record_id == record_id
    assert err.field == field
    assert len(ix) == 0
    assert ix.stats().keys == 0


def test_add_many_raise_is_all_or_nothing() -> None:
    ix = Index()
    rows: list[dict[str, object]] = [
        {"id": 1, "company": "Acme"},
        {"id": 2, "email": 3},
        {"id": 3, "company": "Bolt"},
    ]
    with pytest.raises(InvalidRecord) as exc:
        ix.add_many(rows)
    assert (exc.value.reason, exc.value.record_id, exc.value.field) == (
        RecordReason.BAD_VALUE_TYPE,
        "2",
        "email",
    )
    assert len(ix) == 0


def test_add_many_takes_a_dataframe_like_its_records(customers: list[dict[str, Any]]) -> None:
    import pandas as pd

    from_frame, from_dicts = Index(), Index()
    from_frame.add_many(pd.DataFrame(customers[:80]))
    from_dicts.add_many(customers[:80])
    assert from_frame._state() == from_dicts._state()
    probe = customers[80]
    assert from_frame.candidates(probe) == from_dicts.candidates(probe)


@pytest.mark.parametrize("data", [{"id": 1, "company": "one record"}, "a string", 42, None])
@pytest.mark.parametrize("on_error", ["raise", "skip"])
def test_add_many_of_no_table_is_a_typed_error(data: Any, on_error: Any) -> None:
    ix = Index()
    with pytest.raises(InvalidRecord) as err:
        ix.add_many(data, on_error=on_error)
    assert err.value.reason is RecordReason.NOT_A_MAPPING
    assert len(ix) == 0


def test_add_many_skip_returns_the_rejected() -> None:
    ix = Index()
    ix.add({"id": "old", "company": "Zeta"})
    rows: list[Any] = [
        {"id": 1, "company": "Acme"},
        {"company": "no id"},
        {"id": 2, "email": {"x": 1}},
        {"id": 1, "company": "dup in batch"},
        {"id": "old", "company": "dup of indexed"},
        "not a mapping",
        {"id": 3, "company": "Bolt"},
    ]
    bad = ix.add_many(rows, on_error="skip")
    assert [e.reason for e in bad] == [
        RecordReason.MISSING_ID,
        RecordReason.BAD_VALUE_TYPE,
        RecordReason.DUPLICATE_ID,
        RecordReason.DUPLICATE_ID,
        RecordReason.NOT_A_MAPPING,
    ]
    assert bad[1].field == "email"
    assert len(ix) == 3
    assert all(r in ix for r in ("old", "1", "3"))
    assert "2" not in ix


def test_model_for_another_schema_is_refused() -> None:
    with pytest.raises(InvalidModel) as exc:
        Index(Schema({"n": "name"}), Model())
    assert exc.value.reason is ModelReason.SCHEMA_MISMATCH


def test_schema_comes_from_the_model() -> None:
    s = Schema({"n": "name"})
    ix = Index(model=Model.default(s))
    assert ix.schema == s


# --- candidates ------------------------------------------------------------------------------


def test_candidate_shape(customer_index: Index, customers: list[dict[str, Any]]) -> None:
    schema = customer_index.schema
    names = [f.name for f in schema]
    prior = customer_index.model.prior_weight(len(customer_index) + 1)
    seen_any = False
    for probe, raw in zip(
        _probes(customers), customers[:: max(1, len(customers) // 40)], strict=True
    ):
        found = customer_index.candidates(probe, limit=50)
        weights = [c.weight for c in found]
        assert weights == sorted(weights, reverse=True)
        for c in found:
            seen_any = True
            assert isinstance(c, Candidate)
            assert 0.0 <= c.probability <= 1.0
            assert math.isclose(c.probability, 1 / (1 + 2**-c.weight), rel_tol=1e-9, abs_tol=1e-12)
            assert ":" not in c.rule
            assert c.rule
            expl = c.explain()
            assert [e.field for e in expl] == names
            assert all(e.level in LABELS for e in expl)
            assert all(e.weight == 0 for e in expl if e.level == "missing")
            assert math.isclose(prior + sum(e.weight for e in expl), c.weight, abs_tol=1e-4)
        if found:
            # the query's own values are shown on the left, as given
            left = {e.field: e.left for e in found[0].explain()}
            assert left["company"] == (raw["company"] or "")
    assert seen_any


def test_explain_shows_both_values_as_given() -> None:
    ix = Index()
    ix.add(
        {"id": "a", "company": "ACME TRADING COMPANY LIMITED", "email": "John.Doe+x@GoogleMail.com"}
    )
    c = ix.candidates({"company": "Acme Trading Co., Ltd.", "email": "johndoe@gmail.com"})[0]
    by = {e.field: e for e in c.explain()}
    assert (by["company"].left, by["company"].right) == (
        "Acme Trading Co., Ltd.",
        "ACME TRADING COMPANY LIMITED",
    )
    assert (by["email"].left, by["email"].right) == (
        "johndoe@gmail.com",
        "John.Doe+x@GoogleMail.com",
    )
    assert by["email"].level == "exact"
    assert by["email"].weight > 0
    assert by["phone"].level == "missing"
    assert by["phone"].kind == "phone"


def test_limit_and_min_probability(customer_index: Index, customers: list[dict[str, Any]]) -> None:
    for probe in _probes(customers):
        every = customer_index.candidates(probe, limit=1000)  # scores every record found
        assert customer_index.candidates(probe, limit=1) == every[:1]
        # The default check scores only the top max_scored by key evidence: the likely
        # duplicates among the best ten all survive that cut, in order (unlikely ones may not).
        likely = tuple(c for c in every[:10] if c.probability >= 0.5)
        assert customer_index.candidates(probe)[: len(likely)] == likely
        strong = customer_index.candidates(probe, limit=1000, min_probability=0.5)
        assert strong == tuple(c for c in every if c.probability >= 0.5)


def test_query_is_never_its_own_candidate(
    customer_index: Index, customers: list[dict[str, Any]]
) -> None:
    for r in customers[:60]:
        assert r["id"] not in {c.id for c in customer_index.candidates(r, limit=1000)}


def test_query_without_an_id_is_new_whatever_the_ids_indexed() -> None:
    # A query without an id gets a placeholder id inside the index; it must never be taken for
    # an indexed record that happens to carry that id.
    ix = Index()
    ix.add_many([{"id": "\x00query", "email": "li@acme.cn"}, {"id": "b", "email": "li@acme.cn"}])
    assert sorted(c.id for c in ix.candidates({"email": "li@acme.cn"})) == ["\x00query", "b"]
    assert [c.id for c in ix.candidates({"id": "b", "email": "li@acme.cn"})] == ["\x00query"]


def test_a_check_changes_nothing(customers: list[dict[str, Any]]) -> None:
    # candidates() is a read: a CRM may check the same customer many times, from many threads.
    ix = Index()
    ix.add_many(customers[:150])
    before = (ix._state(), dict(ix._extract._memo), dict(ix._extract._old))
    answers = [ix.candidates(r) for r in customers]  # indexed ids and new ones
    assert (ix._state(), dict(ix._extract._memo), dict(ix._extract._old)) == before
    assert [ix.candidates(r) for r in customers] == answers


def test_query_without_usable_values_has_no_candidates(customer_index: Index) -> None:
    assert customer_index.candidates({}) == ()
    assert customer_index.candidates({"company": "", "email": None, "phone": "n/a"}) == ()


def test_bad_query_is_a_typed_error(customer_index: Index) -> None:
    with pytest.raises(InvalidRecord) as exc:
        customer_index.candidates({"id": "q", "email": 42})
    assert (exc.value.reason, exc.value.field) == (RecordReason.BAD_VALUE_TYPE, "email")
    with pytest.raises(InvalidRecord) as exc:
        customer_index.candidates(["not", "a", "mapping"])  # type: ignore[arg-type]
    assert exc.value.reason is RecordReason.NOT_A_MAPPING


# --- oracle: candidates ⊇ brute force ---------------------------------------------------------


@pytest.mark.parametrize("block_limit", [None, 4])
def test_candidates_superset_of_brute_force(
    customers: list[dict[str, Any]], block_limit: int | None
) -> None:
    ix = Index(block_limit=block_limit)
    ix.add_many(customers)
    limit = ix.block_limit()
    assert limit == (block_limit or default_block_limit(len(customers)))
    extractor = Extractor(ix.schema)
    blocks = {r["id"]: set(extractor.features(r).blocks) for r in customers}
    members: dict[str, set[str]] = {}
    for rid, bs in blocks.items():
        for b in bs:
            members.setdefault(b, set()).add(rid)
    demoted = {f"{d.rule}:{d.key}" for d in ix.stats().demoted}
    assert demoted == {b for b, m in members.items() if len(m) > limit}
    assert ix.stats().keys == len(members)
    if block_limit == 4:
        assert demoted, "a tiny block limit must demote some keys"
    for r in customers:
        rid = r["id"]
        expected = {o for b in blocks[rid] - demoted for o in members[b]} - {rid}
        found = ix.candidates(r, limit=10**6)
        assert {c.id for c in found} >= expected, rid
        for c in found:  # provenance: the rule and key are a key both share, not demoted
            shared = f"{c.rule}:{c.key}"
            assert shared in blocks[rid]
            assert shared in blocks[c.id]
            assert shared not in demoted


# --- oracle: insertion order ------------------------------------------------------------------


def test_insertion_order_does_not_matter(customers: list[dict[str, Any]]) -> None:
    rows = customers[:150]
    probes = _probes(rows, 30) + rows[:10]
    base = Index()
    base.add_many(rows)
    want = _snapshot(base, probes)
    for seed in (1, 2):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        ix = Index()
        for r in shuffled:
            ix.add(r)
        assert ix.stats() == base.stats()
        got = _snapshot(ix, probes)
        for g, w in zip(got, want, strict=True):
            assert [x[0] for x in g] == [x[0] for x in w]
            for a, b in zip(g, w, strict=True):
                assert math.isclose(a[1], b[1], abs_tol=1e-9)
                assert a[3:] == b[3:]


# --- oracle: remove restores, update = remove + add -------------------------------------------


def test_remove_restores_the_exact_prior_state(customers: list[dict[str, Any]]) -> None:
    rows = customers[:120]
    extra = customers[120:160]
    probes = _probes(rows, 25) + _probes(extra, 10)
    ix = Index()
    ix.add_many(rows)
    before_stats, before_len, before = ix.stats(), len(ix), _snapshot(ix, probes)
    before_state = ix._state()
    # copies of indexed records under new ids share every key: the hardest case for counts
    copies = [{**r, "id": f"copy-{r['id']}"} for r in rows[:15]]
    ix.add_many(extra + copies)
    assert len(ix) == before_len + len(extra) + len(copies)
    assert _snapshot(ix, probes) != before
    for r in reversed(extra + copies):
        ix.remove(r["id"])
    assert len(ix) == before_len
    assert ix.stats() == before_stats
    # ids, live postings (key hash, id), and the exact counts per blocking key and per term
    assert ix._state() == before_state
    assert _snapshot(ix, probes) == before


def test_remove_then_readd_is_the_same_index(customers: list[dict[str, Any]]) -> None:
    rows = customers[:80]
    ix = Index()
    ix.add_many(rows)
    probes = _probes(rows, 20)
    want = _snapshot(ix, probes)
    for r in rows[:30]:
        ix.remove(r["id"])
    for r in rows[:30]:
        ix.add(r)
    assert _snapshot(ix, probes) == want


def test_update_is_remove_then_add(customers: list[dict[str, Any]]) -> None:
    rows = customers[:80]
    probes = _probes(rows, 20)
    changed = [{**r, "email": "", "company": r["company"] + " Group"} for r in rows[:10]]
    a = Index()
    a.add_many(rows)
    for r in changed:
        a.update(r)
    b = Index()
    b.add_many(rows)
    for r in changed:
        b.remove(r["id"])
        b.add(r)
    assert len(a) == len(rows)
    assert a.stats() == b.stats()
    assert _snapshot(a, probes) == _snapshot(b, probes)


def test_update_changes_what_matches() -> None:
    ix = Index()
    ix.add({"id": "a", "email": "old@acme.com"})
    ix.update({"id": "a", "email": "new@zeta.io"})
    assert ix.candidates({"email": "old@acme.com"}) == ()
    assert [c.id for c in ix.candidates({"email": "new@zeta.io"})] == ["a"]


def test_edited_record_scores_as_if_it_replaced_the_indexed_one(
    customers: list[dict[str, Any]],
) -> None:
    """A query carrying an indexed id (a CRM editing a customer) is scored over the edited data."""
    for k in range(0, 300, 60):
        q = {
            **customers[k],
            "email": customers[k + 1]["email"],
            "company": customers[k + 1]["company"],
        }
        data = [q if r["id"] == q["id"] else r for r in customers]
        p = pairs(data, max_scored=10**6)  # every candidate pair, as limit=10**6 below
        want: dict[str, float] = {}
        for a, b, w in zip(p["id_l"], p["id_r"], p["weight"], strict=True):
            if q["id"] in (a, b):
                want[b if a == q["id"] else a] = w
        ix = Index()
        ix.add_many(customers)
        got = {c.id: c.weight for c in ix.candidates(q, limit=10**6)}
        assert set(got) == set(want)
        assert all(abs(got[x] - want[x]) <= 1e-9 for x in got)


def test_numbers_typed_as_numbers() -> None:
    ix = Index()
    ix.add({"id": "p", "phone": 8613800138000})
    assert [c.id for c in ix.candidates({"phone": "+86 138 0013 8000"})] == ["p"]


def test_block_at_the_limit_is_not_demoted() -> None:
    ix = Index(block_limit=3)
    ix.add_many({"id": i, "email": f"u{i}@acme.com"} for i in range(3))
    assert ix.stats().demoted == ()
    assert {c.id for c in ix.candidates({"email": "x@acme.com"})} == {"0", "1", "2"}
    ix.add({"id": 3, "email": "u3@acme.com"})
    assert [d.key for d in ix.stats().demoted] == ["acme.com"]
    assert ix.candidates({"email": "x@acme.com"}) == ()
    ix.remove(3)
    assert ix.stats().demoted == ()


# --- demotion and term frequencies ------------------------------------------------------------

FORWARDER = "+86 21 6888 1234"


def _company(i: int) -> str:
    syll = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "be", "du"]
    return f"{syll[i % 10].title()}{syll[(i // 10) % 10]}{syll[(i // 100) % 10]}x Industries Ltd"


def test_free_mail_never_makes_a_block() -> None:
    ix = Index()
    ix.add_many(
        {"id": i, "email": f"buyer{i}@gmail.com", "company": _company(i)} for i in range(300)
    )
    assert not [d for d in ix.stats().demoted if "gmail" in d.key]
    assert hash("org:gmail.com") not in ix._state()["blocks"]
    assert ix.candidates({"email": "someone.else@gmail.com"}) == ()
    # whereas a company domain that many share is a key, and demoted
    ix2 = Index()
    ix2.add_many({"id": i, "email": f"buyer{i}@acme-corp.com"} for i in range(300))
    assert ("org", "acme-corp.com", 300) in [
        (d.rule, d.key, d.records) for d in ix2.stats().demoted
    ]


def test_shared_forwarder_phone_is_demoted_but_still_scored() -> None:
    ix = Index()
    ix.add_many({"id": f"f{i}", "company": _company(i), "phone": FORWARDER} for i in range(300))
    ix.add({"id": "u", "company": "Zentrix Widgets GmbH", "phone": "+49 30 1234 5678"})
    demoted = {(d.rule, d.key): d.records for d in ix.stats().demoted}
    assert demoted.get(("phone.phone", "+862168881234")) == 300
    assert ix.block_limit() < 300
    # the phone alone generates no candidates ...
    assert ix.candidates({"phone": FORWARDER}) == ()
    assert ix.candidates({"phone": "0086-21-68881234"}) == ()
    # ... but, found through the company, the shared phone counts for less than a unique one
    shared = ix.candidates({"company": _company(7), "phone": FORWARDER})[0]
    unique = ix.candidates({"company": "Zentrix Widgets GmbH", "phone": "+49 30 1234 5678"})[0]
    assert shared.id == "f7"
    assert unique.id == "u"
    assert not shared.rule.startswith("phone")
    ps = next(e for e in shared.explain() if e.field == "phone")
    pu = next(e for e in unique.explain() if e.field == "phone")
    assert ps.level == pu.level == "exact"
    assert ps.weight < pu.weight - 5
    assert shared.weight < unique.weight


def test_third_entry_of_a_customer_is_still_a_strong_candidate(
    background: list[dict[str, Any]],
) -> None:
    ix = Index()
    ix.add_many(background)
    rec = {"company": "Zentrix Widgets GmbH", "email": "hans@zentrix.de"}
    ix.add({"id": "t0", **rec})
    assert ix.candidates(rec)[0].probability >= 0.99
    ix.add({"id": "t1", **rec})
    found = ix.candidates(rec)
    assert [c.id for c in found] == ["t0", "t1"]
    assert all(c.probability >= 0.99 for c in found), [(c.id, c.probability) for c in found]


def test_schema_max_block_size_is_honoured() -> None:
    ix = Index(Schema({"email": "email", "company": "company"}, max_block_size=3))
    assert ix.block_limit() == 3
    ix.add_many({"id": i, "email": f"u{i}@acme.com"} for i in range(4))
    assert [(d.rule, d.key, d.records) for d in ix.stats().demoted] == [("org", "acme.com", 4)]
    assert ix.candidates({"email": "x@acme.com"}) == ()


# --- multi-valued fields ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "emails",
    [
        ["sales@acme.com", "li.wei@163.com"],
        ("sales@acme.com", "li.wei@163.com"),
        "sales@acme.com; li.wei@163.com",
        "sales@acme.com / li.wei@163.com",
    ],
    ids=["list", "tuple", "semicolon", "slash"],
)
def test_multi_valued_email_blocks_on_either(emails: object) -> None:
    ix = Index()
    ix.add({"id": "m", "email": emails})
    ix.add({"id": "other", "email": "ann@zeta.io"})
    for probe in ("sales@acme.com", "LI.WEI@163.COM"):
        found = ix.candidates({"email": probe})
        assert [c.id for c in found] == ["m"], probe
        assert found[0].rule == "email.email"
        assert next(e for e in found[0].explain() if e.field == "email").level == "exact"


def test_multi_valued_phone_blocks_on_either() -> None:
    ix = Index()
    ix.add({"id": "m", "phone": ["+86 138 0013 8000", "+49 30 1234 5678"]})
    assert [c.id for c in ix.candidates({"phone": "+4930 12345678"})] == ["m"]
    assert [c.id for c in ix.candidates({"phone": "0086 13800138000"})] == ["m"]


def test_multi_valued_remove_clears_every_key() -> None:
    ix = Index()
    ix.add(
        {
            "id": "m",
            "email": ["a@acme.com", "b@zeta.io"],
            "phone": ["+86 138 0013 8000", "+49 30 1234 5678"],
        }
    )
    ix.remove("m")
    state = ix._state()
    assert state["postings"] == frozenset()
    assert state["blocks"] == {}
    assert state["terms"] == {}
    assert ix.stats().keys == 0


def _tied_picks(*, same_crc: bool) -> list[list[str]]:
    """Five candidates out of 60 that tie on key evidence, for two insertion orders."""
    rows = [{"id": f"c{n:03d}", "company": "Acme Trading Co., Ltd.", "country": "US"} for n in range(60)]
    picks = []
    for seed in (1, 2):
        ix = Index(max_scored=5, block_limit=100)
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        ix.add_many(shuffled)
        if same_crc:
            ix._id_crc[:] = 0  # as if every id had the same CRC-32
        picks.append(sorted(c.id for c in ix.candidates({"company": "ACME TRADING LIMITED"}, limit=5)))
    return picks


def test_ties_beyond_max_scored_do_not_depend_on_insertion_order() -> None:
    import zlib

    picks = _tied_picks(same_crc=False)
    # the documented order: CRC-32 of the id, then the id
    ids = [f"c{n:03d}" for n in range(60)]
    assert picks[0] == picks[1] == sorted(sorted(ids, key=lambda i: (zlib.crc32(i.encode()), i))[:5])


def test_ties_with_equal_crc_fall_back_to_the_id() -> None:
    assert _tied_picks(same_crc=True) == [["c000", "c001", "c002", "c003", "c004"]] * 2



# --- bulk loads normalized in a worker process --------------------------------------------------


@pytest.fixture
def bulk_from_10(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A list of 10 records or more goes through the worker (50,000 otherwise)."""
    from dupguard.index import _batch

    monkeypatch.setattr(_batch, "PARALLEL_MIN_ROWS", 10)
    return monkeypatch


def _one_process(rows: list[Any]) -> Index:
    ix = Index()
    ix.add_many(rows, workers=1)
    return ix


def _bad_rows(customers: list[dict[str, Any]]) -> list[Any]:
    """Good records with bad ones among them: no id, not a mapping, an id seen before, a bad value."""
    rows: list[Any] = [*customers]
    rows[17:17] = [{"company": "no id"}, "not a record", {"id": customers[3]["id"]}]
    rows.append({"id": "x-bad", "email": 7})
    return rows


def test_a_bulk_load_through_a_worker_builds_the_same_index(
    customers: list[dict[str, Any]], bulk_from_10: pytest.MonkeyPatch
) -> None:
    import pandas as pd

    from dupguard.index import _workers

    bulk_from_10.setattr(_workers, "PIECE", 37)  # several pieces, the last one short
    rows = _bad_rows(customers)
    one, two = Index(), Index()
    bad_one = one.add_many(rows, on_error="skip", workers=1)
    bad_two = two.add_many(rows, on_error="skip", workers=2)
    assert two._state() == one._state()
    assert [(e.reason, e.record_id, e.field) for e in bad_two] == [(e.reason, e.record_id, e.field) for e in bad_one]
    assert [e.reason for e in bad_one] == [RecordReason.MISSING_ID, RecordReason.NOT_A_MAPPING,
                                           RecordReason.DUPLICATE_ID, RecordReason.BAD_VALUE_TYPE]
    frame = Index()
    frame.add_many(pd.DataFrame(customers), workers=2)
    assert frame._state() == _one_process(customers)._state()


def test_a_bulk_load_through_a_worker_raises_the_first_bad_record_and_adds_nothing(
    customers: list[dict[str, Any]], bulk_from_10: pytest.MonkeyPatch
) -> None:
    ix = _one_process(customers[:5])
    before = ix._state()
    with pytest.raises(InvalidRecord) as err:
        ix.add_many(_bad_rows(customers[5:]), workers=2)
    assert err.value.reason is RecordReason.MISSING_ID  # the first bad row, as one process finds it
    assert ix._state() == before


def test_a_failed_bulk_load_worker_is_done_here_with_a_warning(
    customers: list[dict[str, Any]], bulk_from_10: pytest.MonkeyPatch
) -> None:
    import sys

    bulk_from_10.setattr(sys, "executable", "/nonexistent/python")
    two = Index()
    with pytest.warns(RuntimeWarning, match=f"indexing rows 0-{len(customers) - 1} here"):
        two.add_many(customers, workers=2)
    assert two._state() == _one_process(customers)._state()


def test_a_bulk_load_worker_dying_midway_keeps_its_pieces(
    customers: list[dict[str, Any]], bulk_from_10: pytest.MonkeyPatch
) -> None:
    # pieces of 20 rows; the worker dies reading row 250: rows 240 on are normalized here
    from dupguard.index import _workers
    from tests.support import DiesElsewhere

    bulk_from_10.setattr(_workers, "PIECE", 20)
    rows: list[dict[str, Any]] = [*customers]
    rows[250] = DiesElsewhere(customers[250])
    two = Index()
    with pytest.warns(RuntimeWarning, match=f"indexing rows 240-{len(rows) - 1} here: extraction worker exited with 3"):
        two.add_many(rows, workers=2)
    assert two._state() == _one_process(customers)._state()


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2"])
def test_bad_workers_for_a_bulk_load_is_a_typed_error(bad: object) -> None:
    from dupguard.errors import InvalidSchema, SchemaReason

    with pytest.raises(InvalidSchema) as err:
        Index().add_many([{"id": 1, "company": "Acme"}], workers=bad)  # type: ignore[arg-type]
    assert err.value.reason is SchemaReason.BAD_PARAMETER
