"""dupguard.normalize.company fast paths against the plain pipeline they shortcut.

``canonical`` computes only the key (no pinyin, tokens, scripts), ``_split`` skips the strip pass
that :func:`company._settled` proves would change nothing, and ``_fold`` folds Traditional Han
with one ``str.translate`` table. Each is compared here with the code path it replaces, on names
built from the lexicon's own pieces (regions, cores, descriptors, legal forms, branch and stock
markers, Han and Latin, with punctuation) and on every CN/TW listed-company name.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dupguard.errors import InvalidCompanyName
from dupguard.normalize import company, text
from dupguard.normalize._company_lexicon import HAN_BMP, fold_table, latin_tokens, lexicon
from tests.support import SHARED_DATA, skip_if_compiled

_FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- the pieces names are built from ---------------------------------------------------------


@cache
def _pieces() -> dict[str, list[str]]:
    lex = lexicon()
    han_regions = sorted(lex.region_han)
    return {
        "region": [
            *han_regions,
            *(r + "市" for r in han_regions[::7]),
            *(r + "省" for r in han_regions[::11]),
            "寧波",
            "廣東省深圳市",
            "臺灣",
            "中国",
            "中國",
            *sorted(lex.region_latin)[::3],
            "Ningbo",
            "SHENZHEN",
            "Hong Kong",
            "China",
            "HK",
        ],
        "core": [
            "海天",
            "萬科",
            "华为",
            "银行",
            "平安",
            "长城",
            "重慶啤酒",
            "海",
            "Haitian",
            "Hai Tian",
            "Acme",
            "Ping An",
            "Mobile",
            "U.S.",
            "3M",
            "A",
            "Tech",
        ],
        "industry": [
            *sorted(lex.industry_cjk),
            *(" ".join(k) for k in sorted(lex.industry_latin)),
            "Imp. & Exp.",
            "I/E",
            "INT'L",
            "進出口",
        ],
        "legal": [
            *sorted(lex.cjk_suffix),
            *sorted(lex.cjk_prefix),
            *(" ".join(k) for k in sorted(lex.latin_suffix)[::23]),
            *(" ".join(k) for k in sorted(lex.latin_prefix)),
            "Co., Ltd.",
            "CO.,LTD",
            "Ltd",
            "Inc.",
            "GmbH",
            "PT",
            "ООО",
            "(주)",
            "股份有限公司",
            "有限公司",
        ],
        "marker": [
            *company._CJK_BRANCH,
            "Branch",
            "Branch Office",
            "Representative Office",
            "*ST",
            "ST",
            "S*ST",
            "N",
            "C",
            "B",
            "-KY",
            "*",
            "the",
            "The",
            "and",
            "&",
        ],
        "punct": ["(", ")", "（", "）", ",", ".", "-", "'", "  "],
    }


@st.composite
def company_names(draw: st.DrawFn) -> str:
    """A name of 1-8 lexicon pieces, Han or Latin, joined with or without spaces."""
    pieces = _pieces()
    kinds = draw(
        st.lists(st.sampled_from(sorted(pieces)), min_size=1, max_size=8).filter(
            lambda ks: any(k in ("core", "region", "industry") for k in ks)
        )
    )
    parts = [draw(st.sampled_from(pieces[k])) for k in kinds]
    seps = draw(
        st.lists(st.sampled_from(["", " ", " ", ", "]), min_size=len(parts), max_size=len(parts))
    )
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


@contextmanager
def _plain_pipeline() -> Iterator[None]:
    """The pipeline without its shortcuts: every strip pass runs, text.fold folds."""
    skip_if_compiled(company, "patches the module's internals, which compiled code does not see: the pure build's run checks this")
    with (
        mock.patch.object(company, "_settled", return_value=False),
        mock.patch.object(company, "_fold", text.fold),
    ):
        yield


def _outcome(fn: object, raw: str) -> object:
    assert callable(fn)
    try:
        return fn(raw)
    except InvalidCompanyName as exc:
        return exc.reason


# --- canonical is parse().key ------------------------------------------------------------------


@_FAST
@given(company_names())
def test_canonical_equals_parse_key_on_lexicon_names(raw: str) -> None:
    got = _outcome(company.canonical, raw)
    parsed = _outcome(company.parse, raw)
    if isinstance(parsed, company.ParsedCompany):
        assert got == parsed.key == parsed.core
    else:
        assert got == parsed  # the same reason


@_FAST
@given(company_names())
def test_fast_pipeline_equals_plain_pipeline_on_lexicon_names(raw: str) -> None:
    fast = _outcome(company.parse, raw)
    with _plain_pipeline():
        plain = _outcome(company.parse, raw)
    assert fast == plain


@cache
def _listed_names() -> list[str]:
    out: list[str] = []
    cn, tw = SHARED_DATA / "cn-listed-companies", SHARED_DATA / "tw-listed-companies"
    with (cn / "szse_companies.csv").open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            out += [row["full_name_zh"], row["a_short_name"], row["b_short_name"], row["name_en"]]
    with (cn / "sse_companies.csv").open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            out += [row["short_name"], row["short_name_ext"], row["name_en"]]
    for name in ("twse_listed_t187ap03_L.csv", "tpex_otc_t187ap03_O.csv"):
        with (tw / name).open(encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                out += [row["公司名稱"], row["公司簡稱"], row["英文簡稱"]]
    return sorted({n for n in out if n.strip()})


def test_fast_pipeline_equals_plain_pipeline_on_listed_companies() -> None:
    names = _listed_names()
    assert len(names) > 15_000
    fast = [_outcome(company.parse, n) for n in names]
    keys = [_outcome(company.canonical, n) for n in names]
    with _plain_pipeline():
        plain = [_outcome(company.parse, n) for n in names]
    assert [n for n, f, p in zip(names, fast, plain, strict=True) if f != p] == []
    assert [
        n
        for n, k, f in zip(names, keys, fast, strict=True)
        if k != (f.key if isinstance(f, company.ParsedCompany) else f)
    ] == []


# --- the fixed-point shortcut ------------------------------------------------------------------


@_FAST
@given(company_names(), st.booleans())
def test_settled_tokens_are_a_fixed_point_of_strip(raw: str, with_industry: bool) -> None:
    """Whenever _settled says so, one more pass returns the tokens and touches no state."""
    lex = lexicon()
    tokens = latin_tokens(text.skeleton(text.fold(raw)))
    # also the tokens a first pass leaves, which is where the loop asks
    candidates = [tokens] if tokens else []
    if tokens:
        after = company._strip(list(tokens), company._State(), lex)
        if after:
            candidates.append(after)
    for toks in candidates:
        if not company._settled(toks, lex):
            continue
        state = company._State()
        if with_industry:
            state.industry, state.industry_words = ["trading"], ["贸易"]
        before = (state.legal_form, state.region, list(state.industry), state.branch)
        words = list(state.industry_words)
        assert company._strip(list(toks), state, lex) == toks
        assert (state.legal_form, state.region, state.industry, state.branch) == before
        assert state.industry_words == words


@pytest.mark.parametrize(
    "tokens",
    [
        ["ningbo", "pt", "haitian"],  # a region in front of a prefix form
        ["海天", "a"],  # a share class
        ["st", "海天"],
        ["haitian", "ltd"],
        ["haitian", "hong", "kong"],
        ["海天有限公司"],
        ["海天贸易"],
        ["海天深圳分公司"],
        ["haitian", "branch"],
        ["株式会社海天"],
        ["the", "haitian"],
        ["&", "haitian"],
        ["haitian", "&"],
        ["宁波海天"],
        ["中国银行"],
        ["china", "mobile"],
    ],
)
def test_settled_is_false_where_a_pass_may_act(tokens: list[str]) -> None:
    assert not company._settled(tokens, lexicon())


@pytest.mark.parametrize("tokens", [["海天"], ["haitian"], ["hai", "tian"], ["万科"], ["3m"]])
def test_settled_is_true_on_a_bare_core(tokens: list[str]) -> None:
    assert company._settled(tokens, lexicon())


# --- the fold table ------------------------------------------------------------------------------


def test_fold_table_equals_to_simplified_on_every_bmp_han_character() -> None:
    table = fold_table()
    chars = [chr(c) for lo, hi in HAN_BMP for c in range(lo, hi)]
    assert len(chars) == 28_096
    wrong = [c for c in chars if c.translate(table) != text.to_simplified(c)]
    assert wrong == []
    assert "（）".translate(table) == "()"
    assert "寧波薴".translate(table) == "宁波苎"  # 薴 → 苧 → 苎: chains are closed


def test_fast_fold_equals_text_fold_on_listed_companies() -> None:
    names = _listed_names()
    assert [n for n in names if company._fold(n) != text.fold(n)] == []


def test_trade_keys_laws() -> None:
    from dupguard.normalize.company import parse, trade_keys

    # same trade name and translated product line → a shared key
    assert set(trade_keys(parse("宁波海天塑料有限公司"))) & set(trade_keys(parse("Haitian Plastics Co., Ltd.")))
    # no product word, or too short a trade name → no keys
    assert trade_keys(parse("宁波海天进出口有限公司")) == ()
    assert trade_keys(parse("TCL Bank")) == ()
    # Traditional folds like Simplified
    assert trade_keys(parse("平安銀行")) == trade_keys(parse("平安银行"))
    # English words the Han product term already holds (新材料 = New / Advanced Materials),
    # High-Tech = 高科, and pipes (管业): the listed companies' own pairs
    for han, latin in [
        ("营口风光新材料股份有限公司", "Yingkou-Fengguang Advanced Material Co.,Ltd."),
        ("江苏百川高科新材料股份有限公司", "Jiangsu Baichuan High-Tech New Materials Co., Ltd"),
        ("青龙管业集团股份有限公司", "Qinglong Pipes Industry Group Co.,LTD."),
        # 智慧 = smart, 医学 = medical, 数字 = digital, 设计 = design, 控制 = control
        ("北京京基智慧农业有限公司", "Beijing Jingji Smart Agriculture Co., Ltd."),
        ("杭州国华医学科技有限公司", "Guohua Medical Technology Co., Ltd."),
        ("深圳市天威数字技术有限公司", "Tianwei Digital Technology"),
        ("深圳市郑中设计股份有限公司", "Zhengzhong Design Co., Ltd."),
        ("南京华盛控制有限公司", "Huasheng Controls Co., Ltd."),
    ]:
        assert set(trade_keys(parse(han))) & set(trade_keys(parse(latin))), (han, latin)
    # a modifier goes only with a product word, and never leaves the trade name empty
    assert trade_keys(parse("Fengguang Advanced")) == ()
    assert trade_keys(parse("New Materials Co., Ltd.")) == ()
    assert set(trade_keys(parse("风光新材料"))).isdisjoint(trade_keys(parse("Fengguang New Energy")))


@given(st.text(alphabet="海伦钢琴重庆啤酒长行银TCL 科", max_size=6))
def test_trade_name_pinyin_reads_the_first_two_han_characters(core: str) -> None:
    from dupguard.normalize.company import trade_name_pinyin
    from dupguard.normalize.text import han_only

    got = trade_name_pinyin(core)
    starts_han = len(core) >= 2 and han_only(core[:2]) == core[:2]
    assert bool(got) == starts_han
    assert got == trade_name_pinyin(core[:2])  # the rest of the core does not change it
    assert (got.isascii() and got.isalpha()) or got == ""
    if starts_han:  # as pypinyin reads the two characters (重庆 = chongqing, 银行 = yinhang)
        from pypinyin import lazy_pinyin

        assert got == "".join(lazy_pinyin(core[:2]))
