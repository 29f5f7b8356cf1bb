"""Tests for dupguard.normalize.company: vectors, laws, fast-path oracles, real-data sanity."""

from __future__ import annotations

import csv
import json
import pickle
import time
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dupguard.errors import CompanyReason, InvalidCompanyName
from dupguard.normalize import company, text
from dupguard.normalize._company_lexicon import (
    _lazy,
    fast_pinyin,
    han_runs,
    latin_tokens,
    lexicon,
    table_pinyin,
)
from tests.support import NO_DOCSTRINGS, SHARED_DATA, load_json, skip_if_compiled

DEVIATIONS_FILE = Path(__file__).with_name("deviations_company.json")

# --- API shape -------------------------------------------------------------------------------


def test_public_api_is_sorted_and_documented() -> None:
    skip_if_compiled(company, NO_DOCSTRINGS)
    assert company.__all__ == sorted(company.__all__)
    for name in company.__all__:
        assert getattr(company, name).__doc__


def test_result_is_frozen() -> None:
    p = company.parse("Acme Ltd")
    with pytest.raises(AttributeError):
        p.core = "x"  # type: ignore[misc]


# --- the examples --------------------------------------------------------------------


def test_haitian_in_three_spellings_exposes_comparable_cores() -> None:
    zh = company.parse("宁波海天进出口有限公司")
    tw = company.parse("寧波海天進出口有限公司")
    en = company.parse("NINGBO HAITIAN IMP. & EXP. CO.,LTD")
    assert zh.core == tw.core == "海天"
    assert zh.pinyin == tw.pinyin == "hai tian"
    assert en.core == "haitian"
    assert zh.ascii_key == tw.ascii_key == en.ascii_key == "haitian"
    assert zh.region == tw.region == en.region == "宁波"
    assert zh.industry == en.industry == ("import_export",)
    assert (zh.legal_form, en.legal_form) == ("有限公司", "ltd")
    assert zh.scripts == {"han"}
    assert en.scripts == {"latin"}


@pytest.mark.parametrize(
    ("raw", "core", "legal_form"),
    [
        ("Acme", "acme", None),
        ("Acme Ltd", "acme", "ltd"),
        ("ACME LIMITED", "acme", "ltd"),
        ("Acme Co., Ltd.", "acme", "ltd"),
        ("Acme Company Limited", "acme", "ltd"),
        ("Acme CO.,LTD", "acme", "ltd"),
        ("Acme Co Ltd", "acme", "ltd"),
        ("Acme Pvt. Ltd.", "acme", "pvt ltd"),
        ("Acme GmbH", "acme", "gmbh"),
        ("Acme S.A. de C.V.", "acme", "sa de cv"),
        ("Łoś spolka z o.o", "łoś", "sp z oo"),
        ("PT Astra Tbk", "astra", "pt"),
        ("ООО Ромашка", text.skeleton("ромашка"), "ooo"),
        ("海天股份有限公司", "海天", "股份有限公司"),
        ("海天有限责任公司", "海天", "有限责任公司"),
        ("海天株式会社", "海天", "株式会社"),
        ("삼성유한회사", "삼성", "유한회사"),
        ("The Boeing Company", "boeing", "co"),
    ],
)
def test_legal_forms_are_stripped(raw: str, core: str, legal_form: str | None) -> None:
    p = company.parse(raw)
    assert (p.core, p.legal_form) == (core, legal_form)


@pytest.mark.parametrize(
    ("raw", "core", "region", "industry"),
    [
        ("广东省深圳市海天科技有限公司", "海天", "深圳", ("technology",)),
        ("深圳市海天贸易有限公司", "海天", "深圳", ("trading",)),
        ("海天（深圳）科技有限公司", "海天", "深圳", ("technology",)),
        ("Haitian (Shenzhen) Technology Co., Ltd.", "haitian", "深圳", ("technology",)),
        (
            "Haitian International Trading (HK) Limited",
            "haitian",
            "香港",
            ("international", "trading"),
        ),
        ("Haitian (H.K.) Ltd", "haitian", "香港", ()),
        ("Haitian HK Ltd", "haitian", "香港", ()),
        ("Yiwu Haitian Import & Export Co., Ltd.", "haitian", "义乌", ("import_export",)),
        ("Haitian I/E Co Ltd", "haitian", None, ("import_export",)),
        ("Haitian INT'L MFG Co", "haitian", None, ("international", "manufacturing")),
        ("深圳市振业(集团)股份有限公司", "振业", "深圳", ("group",)),
        ("阿里巴巴集团控股有限公司", "阿里巴巴", None, ("group", "holding")),
        ("中国浙江海天贸易有限公司", "海天", "浙江", ("trading",)),
        ("Suzhou Haitian Co Ltd", "haitian", "suzhou", ()),  # 苏州 or 宿州: the pinyin is kept
    ],
)
def test_regions_and_industry_are_split_off(
    raw: str, core: str, region: str | None, industry: tuple[str, ...]
) -> None:
    p = company.parse(raw)
    assert (p.core, p.region, p.industry) == (core, region, industry)


@pytest.mark.parametrize(
    ("raw", "core"),
    [
        ("中国银行", "中国银行"),  # 中国 alone before the name belongs to it
        ("China Mobile Ltd", "china mobile"),
        ("深圳市", "深圳市"),  # a region alone is the name
        ("Shenzhen Ltd", "shenzhen"),
        ("深圳贸易有限公司", "贸易"),  # only region + industry: the industry is the fallback core
        ("中国宝安集团股份有限公司", "中国宝安"),  # but 中国 + a place is a trade name (中国宝安)
        ("中国宝安", "中国宝安"),
        ("Shenzhen Trading Co., Ltd.", "trading"),
        ("宁波海", "宁波海"),  # a one-character remainder is too thin to split a region from
        ("阿里巴巴", "阿里巴巴"),  # 阿里 (a prefecture) is only a region with its suffix
        ("Bank of China", "bank of china"),
        ("Limited Edition Products Ltd", "limited edition products"),
    ],
)
def test_conservative_stripping(raw: str, core: str) -> None:
    assert company.canonical(raw) == core


@pytest.mark.parametrize(
    ("raw", "core", "branch"),
    [
        ("海天进出口有限公司深圳分公司", "海天", "深圳分公司"),
        ("海天有限公司上海办事处", "海天", "上海办事处"),
        ("Haitian Trading Co., Ltd. Shanghai Branch", "haitian", "shanghai branch"),
        ("Haitian Ltd (Shanghai Branch)", "haitian", "shanghai branch"),
        ("Haitian Representative Office", "haitian", "representative office"),
    ],
)
def test_branch_markers(raw: str, core: str, branch: str) -> None:
    p = company.parse(raw)
    assert (p.core, p.branch) == (core, branch)


@pytest.mark.parametrize(
    ("raw", "core"),
    [
        ("*ST国华", "国华"),
        ("万  科Ａ", "万科"),
        ("S*ST海天", "海天"),
        ("C锡华", "锡华"),
        ("太景*-KY", "太景"),
    ],
)
def test_stock_listing_markers_are_dropped(raw: str, core: str) -> None:
    assert company.canonical(raw) == core


def test_traditional_and_full_width_fold_to_one_core() -> None:
    assert company.canonical("寧波海天進出口有限公司") == company.canonical(
        "宁波海天进出口有限公司"
    )
    assert company.parse("海天（深圳）有限公司").region == "深圳"
    assert company.canonical("ＨＡＩＴＩＡＮ　ＣＯ．，ＬＴＤ．") == "haitian"


def test_tokens_pinyin_and_ascii_key() -> None:
    p = company.parse("平安银行股份有限公司")
    assert p.tokens == ("平安", "安银", "银行")
    assert p.pinyin == "ping an yin hang"
    assert p.ascii_key == "pinganyinhang"
    latin = company.parse("Hai Tian Trading Co")
    assert (latin.core, latin.key, latin.tokens, latin.pinyin, latin.ascii_key) == (
        "hai tian",
        "hai tian",
        ("hai", "tian"),
        None,
        "haitian",
    )


# --- junk ------------------------------------------------------------------------------------

JUNK: list[tuple[object, CompanyReason]] = [
    (None, CompanyReason.NOT_A_STRING),
    (b"Acme Ltd", CompanyReason.NOT_A_STRING),
    (42, CompanyReason.NOT_A_STRING),
    (object(), CompanyReason.NOT_A_STRING),
    ("", CompanyReason.EMPTY),
    ("   \u200b\u200d ", CompanyReason.EMPTY),
    ("\x00", CompanyReason.EMPTY),
    ("😴", CompanyReason.NO_NAME),
    ("---", CompanyReason.NO_NAME),
    ("Ltd", CompanyReason.NO_NAME),
    ("Co., Ltd.", CompanyReason.NO_NAME),
    ("有限公司", CompanyReason.NO_NAME),
    ("x" * 10_000_000, CompanyReason.TOO_LONG),
]


@pytest.mark.parametrize(("raw", "reason"), JUNK, ids=lambda v: repr(v)[:20])
def test_junk_is_rejected_with_a_reason_quickly(raw: object, reason: CompanyReason) -> None:
    start = time.perf_counter()
    assert company.is_valid(raw) is False
    with pytest.raises(InvalidCompanyName) as info:
        company.canonical(raw)
    assert info.value.reason is reason
    assert time.perf_counter() - start < 0.05
    assert pickle.loads(pickle.dumps(info.value)).reason is reason


def test_roman_numeral_is_a_name() -> None:
    assert company.canonical("ⅷ") == "viii"


# --- cleanco vectors -------------------------------------------------------------------------


def _deviations() -> dict[str, dict[str, str]]:
    return {d["id"]: d for d in json.loads(DEVIATIONS_FILE.read_text(encoding="utf-8"))}


def _as_key(expected: str) -> str:
    """cleanco's expected base name, tokenised the way cores are (case, punctuation, spacing)."""
    return " ".join(latin_tokens(text.skeleton(text.fold(expected))))


CLEANCO = load_json("cleanco-tests/basename_cases.json")


@pytest.mark.parametrize("case", CLEANCO, ids=lambda c: f"{c['group']}/{c['case']}")
def test_cleanco_basename(case: dict[str, str]) -> None:
    expected = _as_key(case["expected"])
    if expected:
        ours = company.canonical(case["input"])
    else:  # cleanco's "nothing left" is dupguard's NO_NAME
        with pytest.raises(InvalidCompanyName) as info:
            company.canonical(case["input"])
        assert info.value.reason is CompanyReason.NO_NAME
        ours = ""
    agrees = ours == expected if case["match"] == "equals" else expected in ours
    deviation = _deviations().get(f"{case['group']}/{case['case']}")
    if deviation is None:
        assert agrees, (case["input"], expected, ours)
    else:  # a documented deviation must still deviate, exactly as recorded
        assert not agrees
        assert ours == deviation["ours"]
        assert deviation["reason"]


def test_deviation_file_names_real_cases() -> None:
    ids = {f"{c['group']}/{c['case']}" for c in CLEANCO}
    assert set(_deviations()) <= ids
    assert len(_deviations()) == 14


def _sec_rows() -> list[tuple[str, str]]:
    path = SHARED_DATA / "cleanco-tests" / "sec_foreign_companies_2002.csv"
    rows = [line.rsplit(";", 1) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(r[0], r[1]) for r in rows if len(r) == 2 and r[0].strip()]


# Endings that are legal forms wherever they occur in this list of SEC-registered issuers.
_SEC_SUFFIXES = frozenset(
    {"ltd", "limited", "inc", "plc", "corp", "corporation", "sa", "ag", "nv", "bv", "asa", "ab"}
    | {"oyj", "spa", "gmbh", "co", "company", "llc", "lp", "se", "as", "oy", "kk", "bhd", "tbk"}
    | {"ltda", "srl"}
)


@pytest.mark.parametrize(("name", "country"), _sec_rows(), ids=lambda v: str(v)[:40])
def test_cleanco_sec_companies(name: str, country: str) -> None:
    p = company.parse(name)  # every registered issuer has a name left
    source = latin_tokens(text.skeleton(p.folded))
    core = latin_tokens(p.core)
    # the core only removes words, never invents or reorders them
    it = iter(source)
    assert all(any(tok == s for s in it) for tok in core), (name, p.core)
    if source[-1] in _SEC_SUFFIXES and len(source) > 1:
        assert p.legal_form is not None, name
        assert core[-1] != source[-1] or len(core) == len(source)


# --- laws (hypothesis) -----------------------------------------------------------------------

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)
_LEGAL = st.sampled_from(
    [
        "",
        " Ltd",
        " Ltd.",
        " LIMITED",
        " Co., Ltd.",
        " Company Limited",
        " CO.,LTD",
        " Inc.",
        " Corporation",
        " Co Ltd",
        " Pvt. Ltd.",
        " GmbH",
        " S.A.",
        " LLC",
        " PLC",
        " Limited.",
    ]
)


@cache
def _plain_word(word: str) -> bool:
    lex = lexicon()
    return (
        word not in lex.latin_words
        and word not in lex.region_latin
        and word not in {"the", "and", "st", "hk"}
        and company.is_valid(word)
        and company.canonical(word) == word
    )


@st.composite
def names(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORD, min_size=1, max_size=3))
    assume(all(_plain_word(w) for w in words))
    return " ".join(w.capitalize() for w in words)


_FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(st.one_of(st.text(max_size=40), st.none(), st.binary(max_size=10), st.integers()))
def test_is_valid_never_raises(raw: object) -> None:
    assert company.is_valid(raw) in (True, False)


@_FAST
@given(
    st.text(
        alphabet=st.sampled_from(list("海天宁波深圳市有限公司进出口贸易集团() ab-.&,")), max_size=20
    )
)
def test_canonical_is_idempotent_on_cjk(raw: str) -> None:
    assume(company.is_valid(raw))
    key = company.canonical(raw)
    assert company.canonical(key) == key


@_FAST
@given(st.text(max_size=30))
def test_canonical_is_idempotent(raw: str) -> None:
    assume(company.is_valid(raw))
    key = company.canonical(raw)
    assert company.canonical(key) == key


@_FAST
@given(names(), _LEGAL, _LEGAL)
def test_key_ignores_the_legal_form(name: str, form1: str, form2: str) -> None:
    assert company.canonical(name + form1) == company.canonical(name + form2)
    assert company.canonical(name + form1) == company.canonical(name)


@_FAST
@given(names(), _LEGAL, st.sampled_from([str.upper, str.lower, str.title, str.swapcase]))
def test_key_ignores_case(name: str, form: str, case: object) -> None:
    assert callable(case)
    assert company.canonical(case(name + form)) == company.canonical(name + form)


def _full_width(s: str) -> str:
    return "".join(
        chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in s
    )


@_FAST
@given(names(), _LEGAL)
def test_key_ignores_full_width_forms(name: str, form: str) -> None:
    assert company.canonical(_full_width(name + form)) == company.canonical(name + form)


@_FAST
@given(names(), _LEGAL, st.data())
def test_key_ignores_zero_width_characters(name: str, form: str, data: st.DataObject) -> None:
    raw = name + form
    pos = data.draw(st.lists(st.integers(0, len(raw)), max_size=4))
    zw = data.draw(st.sampled_from(["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad"]))
    spoiled = raw
    for p in sorted(pos, reverse=True):
        spoiled = spoiled[:p] + zw + spoiled[p:]
    assert company.canonical(spoiled) == company.canonical(raw)


# Cyrillic/Greek letters that look like Latin ones (text.skeleton's TR39 subset)
_HOMOGLYPHS = {
    "a": "аα",
    "c": "с",
    "e": "е",
    "o": "оο",
    "p": "р",
    "x": "х",
    "y": "у",
    "i": "і",
    "k": "κ",
}


@_FAST
@given(names(), _LEGAL, st.data())
def test_key_ignores_homoglyph_substitution(name: str, form: str, data: st.DataObject) -> None:
    raw = (name + form).lower()
    swapped = "".join(
        data.draw(st.sampled_from([c, *_HOMOGLYPHS[c]])) if c in _HOMOGLYPHS else c for c in raw
    )
    assert company.canonical(swapped) == company.canonical(raw)


@_FAST
@given(
    names(),
    _LEGAL,
    st.text(alphabet=" \t\n.,;:-_*\"'!?", max_size=4),
    st.text(alphabet=" \t\n.,;:-_*\"'!?", max_size=4),
)
def test_key_ignores_surrounding_whitespace_and_punctuation(
    name: str, form: str, before: str, after: str
) -> None:
    assert company.canonical(before + name + form + after) == company.canonical(name + form)


# --- fast paths against their reference implementations ------------------------------------

_FOLD_ALPHABET = st.sampled_from(
    list("aZ09 ,.&()（）-'\"")
    + list("海天寧波進出口有限公司")
    + ["\u3000", "Ａ", "\u200b", "é", "ß", "\t"]
)


@_FAST
@given(st.text(alphabet=_FOLD_ALPHABET, max_size=20))
def test_fast_fold_equals_text_fold(raw: str) -> None:
    assert company._fold(raw) == text.fold(raw)


@_FAST
@given(st.text(alphabet=_FOLD_ALPHABET, max_size=20))
def test_fast_scripts_equal_text_scripts(raw: str) -> None:
    folded = text.fold(raw)
    assert company._scripts(folded) == text.scripts(folded)


@cache
def _listed_names() -> list[str]:
    out: list[str] = []
    with (SHARED_DATA / "cn-listed-companies" / "szse_companies.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out += [row["full_name_zh"], row["a_short_name"], row["name_en"]]
    with (SHARED_DATA / "cn-listed-companies" / "sse_companies.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out += [row["short_name"], row["short_name_ext"], row["name_en"]]
    for name in ("twse_listed_t187ap03_L.csv", "tpex_otc_t187ap03_O.csv"):
        with (SHARED_DATA / "tw-listed-companies" / name).open(encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                out += [row["公司名稱"], row["公司簡稱"], row["英文簡稱"]]
    return [n for n in out if n.strip()]


def test_fast_pinyin_equals_lazy_pinyin_on_listed_company_cores() -> None:
    """Every Han core of the CN/TW listed-company files: the table route equals lazy_pinyin.

    (Runs the table cannot decide go to lazy_pinyin itself, so only table answers need proof.)
    """
    cores = {run for p in _listed_parsed() if p is not None for run in han_runs(p.core)}
    decided = {r: got for r in cores if (got := table_pinyin(r)) is not None}
    assert len(decided) > 3000
    assert len(decided) / len(cores) > 0.6  # the fast route must carry most names
    # one lazy_pinyin call over all runs joined by "," (pypinyin segments Han runs separately,
    # so this equals one call per run, at a fraction of the per-call overhead)
    from pypinyin import Style, lazy_pinyin

    ordered = sorted(decided)
    syllables = lazy_pinyin(",".join(ordered), style=Style.NORMAL, v_to_u=False, errors="ignore")
    assert len(syllables) == sum(map(len, ordered))
    pos, mismatches = 0, []
    for run in ordered:
        reference = " ".join(syllables[pos : pos + len(run)])
        pos += len(run)
        if decided[run] != reference:
            mismatches.append((run, decided[run], reference))
    assert mismatches == []


_POLY = "行长重乐还朝藏单地得调都发降解了强曲省属数宿台相兴应中种华银天海宁"


@_FAST
@given(
    st.text(
        alphabet=st.sampled_from(list(_POLY + "波深圳贸易科技股份有限公司")), min_size=1, max_size=8
    )
)
def test_fast_pinyin_equals_lazy_pinyin_on_polyphonic_runs(run: str) -> None:
    assert fast_pinyin(run) == _lazy.__wrapped__(run)
    got = table_pinyin(run)
    assert got is None or got == _lazy.__wrapped__(run)


# --- real data sanity and speed --------------------------------------------------------------


@cache
def _listed_parsed() -> list[company.ParsedCompany | None]:
    out: list[company.ParsedCompany | None] = []
    for name in _listed_names():
        try:
            out.append(company.parse(name))
        except InvalidCompanyName:
            out.append(None)
    return out


def test_every_listed_company_name_parses() -> None:
    rejected = [n for n, p in zip(_listed_names(), _listed_parsed(), strict=True) if p is None]
    assert len(rejected) <= 10, rejected  # a few English short names are only a legal form


def test_zh_full_and_short_names_share_cores() -> None:
    """Sanity floor for the engine: full vs short Chinese names (contains-or-equal)."""
    pairs: list[tuple[str, str]] = []
    with (SHARED_DATA / "cn-listed-companies" / "szse_companies.csv").open(encoding="utf-8") as fh:
        pairs += [(r["full_name_zh"], r["a_short_name"]) for r in csv.DictReader(fh)]
    for name in ("twse_listed_t187ap03_L.csv", "tpex_otc_t187ap03_O.csv"):
        with (SHARED_DATA / "tw-listed-companies" / name).open(encoding="utf-8-sig") as fh:
            pairs += [(r["公司名稱"], r["公司簡稱"]) for r in csv.DictReader(fh)]
    hits = 0
    for full, short in pairs:
        a, b = company.canonical(full), company.canonical(short)
        hits += a in b or b in a
    assert hits / len(pairs) >= 0.90


def test_throughput_floor() -> None:
    """Loose floor (CPU time, shared CI boxes); the measured rate is in docs/normalization/company.md."""
    names_ = _listed_names()[::3]
    company.parse("重庆海天")  # load the tables first
    start = time.process_time()
    for n in names_:
        company.is_valid(n)
    rate = len(names_) / (time.process_time() - start)
    assert rate > 4000
