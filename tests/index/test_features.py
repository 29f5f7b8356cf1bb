"""Feature extraction: the per-instance memo never changes what a record yields."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from dupguard.index import Schema
from dupguard.index._features import (
    ROMAN_MAX_HAN,
    Extractor,
    exclusive_holders,
    held_alone,
    regions_agree,
    romanized_terms,
    spelled_out,
    tf_terms,
)
from dupguard.normalize.company import trade_name_pinyin
from dupguard.normalize.text import han_only


def test_memo_gives_what_fresh_extraction_gives(customers: list[dict[str, Any]]) -> None:
    schema = Schema.customers()
    memo, fresh = Extractor(schema), Extractor(schema, memo_size=0)
    # Twice through: the second pass reads every value from the memo.
    for rec in customers + customers:
        assert memo.features(rec) == fresh.features(rec)


def test_a_small_memo_ages_without_changing_what_a_record_yields(customers: list[dict[str, Any]]) -> None:
    schema = Schema.customers()
    small, fresh = Extractor(schema, memo_size=7), Extractor(schema, memo_size=0)
    # Recurring values (every record twice, and the first ten again and again) among new ones:
    # the generations turn over hundreds of times.
    for t, rec in enumerate(customers):
        for r in (rec, rec, customers[t % 10]):
            assert small.features(r) == fresh.features(r)
            assert len(small._memo) <= 7
            assert len(small._old) <= 7
    assert fresh._memo == fresh._old == {}


def test_a_string_and_a_one_item_list_are_one_value(customers: list[dict[str, Any]]) -> None:
    schema = Schema.customers()
    ex = Extractor(schema)
    for rec in customers[:100]:
        listed = {k: [v] if k != "id" and isinstance(v, str) else v for k, v in rec.items()}
        assert ex.features(listed) == ex.features(rec)


def test_missing_spellings_are_empty_fields() -> None:
    ex = Extractor(Schema.customers())
    empty = ex.features({"id": 1})
    for missing in ("", "  ", "N/A", "null", "无", None, [], ["-", None]):
        assert ex.features({"id": 1, "company": missing, "email": missing}) == empty


def test_reading_without_remembering_yields_the_same_and_leaves_the_memo_alone(
    customers: list[dict[str, Any]],
) -> None:
    schema = Schema.customers()
    ex, fresh = Extractor(schema, memo_size=50), Extractor(schema, memo_size=0)
    for rec in customers[:40]:
        ex.features(rec)
    young, old = dict(ex._memo), dict(ex._old)
    for rec in customers:  # the first 40 read from the memo, the rest extracted afresh
        assert ex.features(rec, remember=False) == fresh.features(rec)
    assert ex._memo == young
    assert ex._old == old


_CORES = st.text(alphabet="长青科技天宇药业 A", max_size=6)


def _counts(cores: list[str]) -> Counter[str]:
    return Counter(t for c in cores for t in tf_terms("company", (), c))


@given(_CORES, _CORES, st.lists(_CORES, max_size=4))
def test_exclusive_holders_is_symmetric_and_counts_the_two_names_records(
    a: str, b: str, others: list[str]
) -> None:
    records = [a, b, *others]
    counts = _counts(records)
    held = exclusive_holders(counts, a, b)
    assert held == exclusive_holders(counts, b, a)
    ha, hb = han_only(a), han_only(b)
    short, long_ = sorted((ha, hb), key=len)
    shared = {short[x : x + 2] for x in range(len(short) - 1)} & {long_[x : x + 2] for x in range(len(long_) - 1)}
    # a shared bigram that no record but those of the two cores holds
    theirs_alone = any(all(bg not in han_only(r) or han_only(r) in (ha, hb) for r in records) for bg in shared)
    if held:
        assert held == sum(han_only(r) in (ha, hb) for r in records)
    assert bool(held) == (theirs_alone and len(short) >= 2)


@given(_CORES, _CORES)
def test_a_third_name_with_every_shared_bigram_ends_exclusivity(a: str, b: str) -> None:
    third = a + b + "集"  # holds every bigram of both, and is neither core
    assert exclusive_holders(_counts([a, b, third]), a, b) == 0


_WHOLE = st.text(alphabet="上海永利带业股份有限公司科技 ", max_size=12)


@given(_CORES, _WHOLE, _CORES, _WHOLE)
def test_spelled_out_is_symmetric(a: str, aw: str, b: str, bw: str) -> None:
    assert spelled_out(a, aw, b, bw) == spelled_out(b, bw, a, aw)


@given(st.text(alphabet="永利带业", min_size=1, max_size=4), st.text(alphabet="股份有限公司", min_size=2, max_size=4),
       st.text(alphabet="上海带业", max_size=3))
def test_a_short_name_and_its_suffix_are_spelled_out_in_any_name_holding_them_in_order(
    core: str, suffix: str, filler: str
) -> None:
    short = core[:2] if len(han_only(core)) >= 2 else core
    long_core = short + filler + "带业"
    whole = short + suffix
    # in order, starting as the long core starts, two characters or more beyond the short core
    assert spelled_out(short, whole, long_core, "上海" + long_core + suffix)
    # the bare core is not enough; a character the long name lacks spoils it
    assert not spelled_out(short, short, long_core, "上海" + long_core + suffix)
    assert not spelled_out(short, whole + "电", long_core, "上海" + long_core + suffix)


_HAN_NAMES = st.sampled_from(["海伦钢琴", "海轮物流", "海伦", "凯发电气", "开发科技", "怡达化学", "TCL科技"])
_LATIN_NAMES = st.sampled_from(["hailun piano", "hailun", "hai lun piano", "kaifa technology", "yida chemical"])


@given(_HAN_NAMES, _LATIN_NAMES)
def test_romanized_terms_need_the_trade_names_pinyin_then_more_words(h: str, latin: str) -> None:
    assert romanized_terms(h, latin) == romanized_terms(latin, h)
    words = latin.split()
    roman = trade_name_pinyin(h)
    assert bool(romanized_terms(h, latin)) == (roman != "" and len(words) >= 2 and words[0] == roman)


@given(_HAN_NAMES, _LATIN_NAMES, st.lists(_HAN_NAMES, max_size=3), st.lists(_LATIN_NAMES, max_size=2))
def test_a_romanized_name_is_theirs_alone_with_one_latin_holder_and_few_han_ones_of_one_start(
    h: str, latin: str, more_han: list[str], more_latin: list[str]
) -> None:
    records = [h, latin, *more_han, *more_latin]
    counts = Counter(t for c in records for t in tf_terms("company", (), c))
    held = held_alone(counts, romanized_terms(h, latin))
    if not romanized_terms(h, latin):
        assert held == 0
        return
    roman = trade_name_pinyin(h)
    han_holders = [c for c in records if not c.isascii() and trade_name_pinyin(c) == roman]
    # a Latin name holds it by its first word or its first two words joined ("hai lun piano")
    latin_holders = [c for c in records if c.isascii() and roman in {c.split()[0], "".join(c.split()[:2])}]
    alone = len(latin_holders) == 1 and len(han_holders) <= ROMAN_MAX_HAN and {c[:2] for c in han_holders} == {h[:2]}
    assert held == (len(han_holders) + 1 if alone else 0)


_REGIONS = st.sampled_from(["", "苏州", "宿州", "suzhou", "绍兴", "shaoxing", "郑州", "hunan"])


@given(_REGIONS, _REGIONS)
def test_regions_agree_is_symmetric_and_reflexive(a: str, b: str) -> None:
    assert regions_agree(a, b) == regions_agree(b, a)
    assert regions_agree(a, a)
    if a and b and a.isascii() == b.isascii():  # two names in one script agree only when equal
        assert regions_agree(a, b) == (a == b)
