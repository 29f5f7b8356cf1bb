"""Evidence rules of the scorer that users rely on to trust a probability.

* Chinese trade names: a region or a line of business that differs contradicts a shared trade
  name; a bare two-character trade name alone is a review, not a merge.
* Correlated fields are counted once: a shared mailbox already names the contact; a shared email
  company domain and a shared website are one fact.
* λ scales with the list: the same pair needs more evidence in a bigger list.
"""

from __future__ import annotations

from typing import Any

import pytest

from dupguard import Index, Schema
from dupguard.index import pairs
from dupguard.index._score import EXCLUSIVE_MIN_RECORDS

COMPANY = Schema({"company": "company", "website": "domain"}, id="id")


def _best(schema: Schema, a: dict[str, Any], b: dict[str, Any]) -> Any:
    ix = Index(schema)
    ix.add({"id": "a", **a})
    found = ix.candidates({"id": "b", **b}, limit=1)
    assert found, (a, b)
    return found[0]


def _explained(a: dict[str, Any], b: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    c = _best(Schema.customers(), a, b)
    return c, {e.field: e for e in c.explain()}


def _level(c: Any, field: str) -> str:
    return next(e.level for e in c.explain() if e.field == field)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("华塑控股股份有限公司", "华塑科技"),  # holding vs technology: two legal entities
        ("深圳海天科技有限公司", "海天进出口贸易有限公司"),  # technology vs trade
        ("Huasu Holdings Co., Ltd", "Huasu Technology Co., Ltd"),
    ],
)
def test_different_business_contradicts_a_shared_trade_name(left: str, right: str) -> None:
    ix = Index(COMPANY)
    ix.add({"id": "a", "company": left})
    found = ix.candidates({"id": "b", "company": right})
    assert all(c.probability < 0.5 for c in found)
    assert all(_level(c, "company") == "different" for c in found)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("丽珠医药集团股份有限公司", "麗珠集團"),  # group is not a business
        ("韵达控股集团", "韵达控股"),
        ("宁波海天进出口有限公司", "宁波海天贸易有限公司"),  # import-export is trade
    ],
)
def test_organisation_words_and_one_business_do_not_conflict(left: str, right: str) -> None:
    c = _best(COMPANY, {"company": left}, {"company": right})
    assert _level(c, "company") != "different"


def test_bare_two_character_trade_name_is_review_not_merge() -> None:
    c = _best(COMPANY, {"company": "长青科技"}, {"company": "长青股份"})
    assert _level(c, "company") == "exact"
    assert 0.5 < c.probability < 0.9
    # a longer trade name alone merges
    c3 = _best(COMPANY, {"company": "乔治白服饰股份有限公司"}, {"company": "乔治白服饰"})
    assert c3.probability >= 0.9
    # and any other agreeing field lifts the short one over the threshold
    c2 = _best(
        COMPANY,
        {"company": "长青科技", "website": "www.changqing.com"},
        {"company": "长青股份", "website": "http://changqing.com/about"},
    )
    assert c2.probability >= 0.9


def test_han_abbreviation_of_four_characters_in_order_contains() -> None:
    c = _best(COMPANY, {"company": "浙江長盛滑動軸承股份有限公司"}, {"company": "长盛轴承"})
    assert _level(c, "company") == "contains"
    assert c.probability >= 0.9


def test_a_shared_mailbox_counts_the_contact_once() -> None:
    a = {"company": "Okafor Trading", "contact": "Johan Okafor", "email": "okaforjohan@yahoo.com"}
    b = {"company": "Rosico Tools Ltd", "contact": "Johan Okafor", "email": "okaforjohan@yahoo.com"}
    c, expl = _explained(a, b)
    assert expl["contact"].level == "exact"
    assert expl["contact"].weight == 0
    assert "mailbox" in expl["contact"].note
    assert expl["email"].weight > 0
    assert expl["email"].note == ""
    # the same person at an unrelated company is a question, not a merge
    assert c.probability < 0.9
    # with the company agreeing it is a certain duplicate
    same = _best(Schema.customers(), a, {**b, "company": "OKAFOR TRADING LTD"})
    assert same.probability > 0.999


def test_email_domain_and_website_are_one_fact() -> None:
    a = {"company": "Setiawan Sourcing CV", "email": "eko@setiawan.co.id", "website": "setiawan.co.id"}
    b = {"company": "Setiawan Sanitary Ware CV", "email": "dewi@setiawan.co.id", "website": "www.setiawan.co.id"}
    _, expl = _explained(a, b)
    assert expl["email"].level == "partial"
    assert expl["website"].level == "exact"
    counted = [f for f in ("email", "website") if expl[f].weight > 0]
    assert len(counted) == 1
    dropped = ({"email", "website"} - set(counted)).pop()
    assert "domain" in expl[dropped].note


def test_weights_still_sum_in_pairs() -> None:
    rows = [
        {"id": "a", "company": "Okafor Trading", "contact": "Johan Okafor", "email": "okaforjohan@yahoo.com"},
        {"id": "b", "company": "Rosico Tools", "contact": "Johan Okafor", "email": "okaforjohan@yahoo.com"},
    ]
    p = pairs(rows)
    row = p.iloc[0]
    assert row["contact_level"] == "exact"
    assert row["contact_weight"] == 0


def test_lambda_scales_with_the_list() -> None:
    from dupguard.index._score import Scorer

    ix = Index(COMPANY)
    ix.add({"id": "a", "company": "乔治白服饰股份有限公司"})
    small = ix.candidates({"id": "b", "company": "乔治白服饰"})[0]
    scorer = Scorer(ix.model, [{}, {}], 2, size=1_000_000)
    assert scorer.prior_weight < ix.model.prior_weight(2) - 6.6
    assert small.probability >= 0.9


@pytest.mark.parametrize(
    ("han", "latin"),
    [
        ("平安银行股份有限公司", "Ping An Bank Co., Ltd."),
        ("华天酒店集团股份有限公司", "HUATIAN HOTEL GROUP CO., LTD."),
        ("龙源电力集团股份有限公司", "Longyuan Power Group Corp."),
    ],
)
def test_a_han_name_meets_its_translated_english_name(han: str, latin: str) -> None:
    c = _best(COMPANY, {"company": han}, {"company": latin})
    assert _level(c, "company") == "cross_script"
    assert c.rule == "company.trade"


def test_an_untranslated_product_line_is_not_cross_script() -> None:
    ix = Index(COMPANY)
    ix.add({"id": "a", "company": "华天酒店"})
    found = ix.candidates({"id": "b", "company": "Huatian Bank"})
    assert all(_level(c, "company") != "cross_script" for c in found)


PEOPLE = Schema({"given": "name", "surname": "name", "dob": "date", "postcode": "exact"}, id="id")


def test_given_and_surname_typed_the_other_way_round() -> None:
    a = {"given": "nathan", "surname": "morrison", "dob": "19471203", "postcode": "6172"}
    b = {"given": "morrison", "surname": "nathan", "dob": "19471203", "postcode": "6172"}
    c = _best(PEOPLE, a, b)
    expl = {e.field: e for e in c.explain()}
    assert expl["given"].level == "exact"
    assert expl["surname"].level == "exact"
    assert "other way round" in expl["given"].note
    assert expl["given"].left == expl["given"].right == "morrison"  # the query is on the left
    assert c.probability >= 0.9
    # the same pair scores the same in either order, in the index and in batch
    back = _best(PEOPLE, b, a)
    assert back.weight == pytest.approx(c.weight, abs=1e-9)
    rows = [{"id": "x", **a}, {"id": "y", **b}]
    p = pairs(rows, schema=PEOPLE)
    assert p.iloc[0]["weight"] == pytest.approx(c.weight, abs=1e-9)
    assert pairs(rows[::-1], schema=PEOPLE).iloc[0]["weight"] == pytest.approx(c.weight, abs=1e-9)


def test_names_in_place_are_not_read_crosswise() -> None:
    a = {"given": "anna", "surname": "anna", "dob": "19800101"}
    b = {"given": "anna", "surname": "smith", "dob": "19800101"}
    c = _best(PEOPLE, a, b)
    expl = {e.field: e for e in c.explain()}
    assert expl["given"].level == "exact"
    assert expl["given"].note == ""


def test_a_core_of_product_words_only_is_not_contained_evidence() -> None:
    ix = Index(COMPANY)
    ix.add({"id": "a", "company": "台灣半導體股份有限公司"})
    found = ix.candidates({"id": "b", "company": "沛亨半導體股份有限公司"})
    assert all(c.probability < 0.5 for c in found)
    assert all(_level(c, "company") not in {"contains", "partial"} for c in found)


@pytest.mark.parametrize(("left", "right"), [("TSC", "TSC."), ("KL", "KL Corp.")])
def test_a_latin_core_of_three_letters_or_fewer_is_review_not_merge(left: str, right: str) -> None:
    c = _best(COMPANY, {"company": left}, {"company": right})
    assert _level(c, "company") == "exact"
    assert c.probability < 0.9


# --- Exclusive Han names: a name no other record in a large enough list shares -----------------

_STEMS, _BRANCHES, _ELEMENTS = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥", "金木水火土山川林田石"


def _filler(n: int = EXCLUSIVE_MIN_RECORDS) -> list[dict[str, Any]]:
    """*n* Han company names sharing no character with the names under test."""
    names = [f"{a}{b}{c}贸易有限公司" for a in _STEMS for b in _BRANCHES for c in _ELEMENTS]
    return [{"id": f"f{k}", "company": name} for k, name in enumerate(names[:n])]


def _check(held: list[str], query: str) -> Any:
    ix = Index(COMPANY)
    ix.add_many([*_filler(), *({"id": f"h{k}", "company": c} for k, c in enumerate(held))])
    found = ix.candidates({"id": "q", "company": query}, limit=len(held) + 2)
    return next(c for c in found if c.id == "h0")


def test_an_exclusive_two_character_trade_name_merges_in_a_large_list() -> None:
    c = _check(["长青科技"], "长青股份")
    assert c.probability >= 0.9
    company = next(e for e in c.explain() if e.field == "company")
    assert company.level == "exact"
    assert "no other name in the data" in company.note
    # another name holding 长青 makes the bare trade name ambiguous again: review
    c2 = _check(["长青科技", "长青化工机械"], "长青股份")
    assert 0.5 < c2.probability < 0.9
    assert next(e for e in c2.explain() if e.field == "company").note == ""


def test_an_exclusive_name_needs_a_list_of_a_thousand_records() -> None:
    assert EXCLUSIVE_MIN_RECORDS == 1_000
    small = _best(COMPANY, {"company": "长青科技"}, {"company": "长青股份"})
    assert small.probability < 0.9  # every name is exclusive in a two-record list


def test_an_exclusive_han_subsequence_of_three_characters_merges() -> None:
    c = _check(["上海科泰电源股份有限公司"], "科電源")
    assert _level(c, "company") == "partial"
    assert c.probability >= 0.9


@pytest.mark.parametrize("query", ["天宇", "天宇科技", "天宇集团"])
def test_a_two_character_han_subsequence_is_not_lifted(query: str) -> None:
    # 万科 / 万科润技: two names alone can share two characters and be two companies; a bare
    # trade name, or one with a business (科技) or a word (集团) the long name lacks, is not written
    # out in it
    c = _check(["浙江天宇药业股份公司"], query)
    assert _level(c, "company") == "partial"
    assert c.probability < 0.5
    assert next(e for e in c.explain() if e.field == "company").note == ""


def test_a_two_character_name_written_out_in_the_long_one_is_lifted() -> None:
    # 天宇股份: the trade name and the legal form, both in 浙江天宇药业股份公司, in order
    c = _check(["浙江天宇药业股份公司"], "天宇股份")
    assert _level(c, "company") == "partial"
    assert c.probability >= 0.9
    assert "no other name in the data" in next(e for e in c.explain() if e.field == "company").note
    # a third name with 天宇 makes it ambiguous again
    c2 = _check(["浙江天宇药业股份公司", "天宇电子"], "天宇股份")
    assert c2.probability < 0.5


def test_exclusive_names_score_alike_in_batch_and_in_a_check() -> None:
    held = ["长青科技", "上海科泰电源股份有限公司", "浙江天宇药业股份公司"]
    records = [*_filler(), *({"id": f"h{k}", "company": c} for k, c in enumerate(held))]
    for query, other in (("长青股份", "h0"), ("科電源", "h1"), ("天宇股份", "h2")):
        ix = Index(COMPANY)
        ix.add_many(records)
        one = next(c for c in ix.candidates({"id": "q", "company": query}) if c.id == other)
        batch = pairs([*records, {"id": "q", "company": query}], schema=COMPANY)
        row = batch[(batch.id_l == min(other, "q")) & (batch.id_r == max(other, "q"))]
        assert len(row) == 1
        assert one.weight == pytest.approx(float(row.weight.iloc[0]), abs=1e-9)
        assert one.probability >= 0.9


def test_removing_the_third_holder_restores_the_exclusive_score() -> None:
    ix = Index(COMPANY)
    ix.add_many([*_filler(), {"id": "h0", "company": "长青科技"}])
    before = ix.candidates({"id": "q", "company": "长青股份"})
    ix.add({"id": "h1", "company": "长青化工机械"})
    during = next(c for c in ix.candidates({"id": "q", "company": "长青股份"}) if c.id == "h0")
    ix.remove("h1")
    after = ix.candidates({"id": "q", "company": "长青股份"})
    assert during.probability < 0.9 <= before[0].probability
    assert [(c.id, c.weight) for c in after] == [(c.id, c.weight) for c in before]


def test_a_name_many_identical_records_hold_still_fades() -> None:
    # an exclusive name held by many records is a common value: term frequency still applies
    few = _check(["测试样品"] * 3, "测试样品")
    many = _check(["测试样品"] * 40, "测试样品")
    assert few.probability >= 0.9
    assert many.weight < few.weight - 10


def test_checking_an_indexed_record_counts_it_once() -> None:
    # the check of a record already indexed (same id) counts its terms once, not twice: the
    # exclusive name stays exclusive, and batch and check agree
    records = [*_filler(), {"id": "h0", "company": "长青科技"}, {"id": "h1", "company": "长青股份"}]
    ix = Index(COMPANY)
    ix.add_many(records)
    one = next(c for c in ix.candidates({"id": "h1", "company": "长青股份"}) if c.id == "h0")
    batch = pairs(records, schema=COMPANY)
    row = batch[(batch.id_l == "h0") & (batch.id_r == "h1")]
    assert one.weight == pytest.approx(float(row.weight.iloc[0]), abs=1e-9)
    assert one.probability >= 0.9


# --- Romanized trade names: a Latin name beginning with a Han name's trade name in pinyin -------


def test_a_latin_name_beginning_with_the_han_trade_names_pinyin_merges_when_theirs_alone() -> None:
    # 海伦钢琴 / Hailun Piano: the 字号 romanized, the product line translated
    for held in (["海伦钢琴股份有限公司"], ["海伦钢琴股份有限公司", "海伦钢琴"]):  # full and short name
        c = _check(held, "Hailun Piano Co., Ltd.")
        assert c.probability >= 0.9
        assert "pinyin" in next(e for e in c.explain() if e.field == "company").note


@pytest.mark.parametrize(
    "other",
    [
        "海轮物流",  # a homophone: hailun too
        "Hailun Trading Ltd",  # a second Latin name with it
        "海伦哲",  # two more Han names begin with 海伦: more than a company's full and short name
    ],
)
def test_a_romanized_trade_name_held_by_another_name_is_not_lifted(other: str) -> None:
    held = ["海伦钢琴股份有限公司", other] + (["海伦钢琴"] if other == "海伦哲" else [])
    c = _check(held, "Hailun Piano Co., Ltd.")
    assert c.probability < 0.5
    assert next(e for e in c.explain() if e.field == "company").note == ""


def test_a_bare_romanized_trade_name_is_not_lifted() -> None:
    # "Hailun" alone names no more than the trade name: nothing after it to tell it apart
    assert _check(["海伦钢琴股份有限公司"], "Hailun").probability < 0.5


def test_romanized_names_score_alike_in_batch_and_in_a_check() -> None:
    records = [*_filler(), {"id": "h0", "company": "海伦钢琴股份有限公司"}, {"id": "h1", "company": "海伦钢琴"}]
    query = {"id": "q", "company": "HAILUN PIANO CO.,LTD."}
    ix = Index(COMPANY)
    ix.add_many(records)
    batch = pairs([*records, query], schema=COMPANY)
    for other in ("h0", "h1"):
        one = next(c for c in ix.candidates(query) if c.id == other)
        row = batch[(batch.id_l == other) & (batch.id_r == "q")]
        assert one.weight == pytest.approx(float(row.weight.iloc[0]), abs=1e-9)
        assert one.probability >= 0.9


def test_a_romanized_trade_name_in_two_different_places_is_not_lifted() -> None:
    query = "Suzhou Jinbang Supply Chain Management Co., Ltd."
    assert _check(["绍兴金邦医疗器械有限公司"], query).probability < 0.5  # 绍兴 is not Suzhou
    assert _check(["苏州金邦医疗器械有限公司"], query).probability >= 0.9  # 苏州 reads suzhou
