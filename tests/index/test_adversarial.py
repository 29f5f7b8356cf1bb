"""Adversarial duplicates must be the top candidate, with probability ≥ 0.9.

One index holds ~200 distinct generated customers (the background) plus the *original* of every
case below. Each case queries a *variant* of its original, written the way a second sales rep, a
copy-paste from a website or someone gaming the CRM would write it: homoglyphs, zero-width and
full-width characters, ``Co., Ltd.`` games, gmail dots and tags, phone formats, Han / pinyin /
Traditional forms, a website against an email domain.

A case carries the context a real duplicate has (the other fields typed the same way) and names
the field(s) under test with the levels that count as "recognised"; asserting the level keeps a
case from passing on its context alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from dupguard.index import Index


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    id: str
    original: str
    variant: dict[str, Any]
    levels: dict[str, frozenset[str]]


ORIGINALS: dict[str, dict[str, Any]] = {
    "acme": {"company": "Acme Trading Co., Ltd.", "contact": "Peter Miller", "country": "US"},
    "bolt": {"company": "Bolt Maschinenbau GmbH", "contact": "Klaus Becker", "country": "DE"},
    "corvex": {"company": "Corvex Lighting Inc.", "contact": "Maria Garcia", "country": "US"},
    "haitian": {"company": "宁波海天进出口有限公司", "contact": "张伟", "country": "CN"},
    "huawei": {"company": "深圳市华为技术有限公司", "contact": "李娜", "country": "CN"},
    "zhangwei": {"company": "Quorvia Textiles Co., Ltd.", "contact": "张伟", "country": "CN"},
    "chenjing": {"company": "杭州绿野户外用品有限公司", "contact": "陈静", "country": "CN"},
    "johndoe": {
        "company": "Doe Hardware LLC",
        "contact": "John Doe",
        "email": "johndoe@gmail.com",
        "country": "US",
    },
    "mobile": {"company": "深圳市锐捷照明有限公司", "phone": "+86 13800138000", "country": "CN"},
    "landline": {"company": "Velmora Ceramics Ltd", "phone": "+44 20 7946 0958", "country": "GB"},
    "acmede": {
        "company": "Acme Elektrotechnik GmbH",
        "website": "https://www.acme.de/en",
        "country": "DE",
    },
}

EXACT = frozenset({"exact"})
HAN_LATIN = frozenset({"exact", "cross_script"})
STRONG = frozenset({"exact", "cross_script", "fuzzy_high"})


def _co(
    original: str, company: str, levels: frozenset[str] = EXACT
) -> tuple[str, str, dict[str, Any], dict[str, frozenset[str]]]:
    """A company-name case: the variant keeps the original's contact and country."""
    o = ORIGINALS[original]
    return original, company, {**o, "company": company}, {"company": levels}


_COMPANY = [
    ("cyrillic_a", *_co("acme", "Аcme Ltd")),
    ("zero_width_space", *_co("acme", "ACME\u200bTrading", STRONG)),
    ("fullwidth_ideographic_space", *_co("acme", "ＡＣＭＥ　ＴＲＡＤＩＮＧ")),
    ("company_limited_spelled_out", *_co("acme", "ACME TRADING COMPANY LIMITED")),
    ("co_ltd_no_space", *_co("acme", "Acme Trading Co.,Ltd")),
    ("co_ltd_no_dots", *_co("acme", "ACME TRADING CO LTD")),
    ("greek_omicron", *_co("bolt", "BΟLT Maschinenbau GmbH")),
    ("gmbh_dotted", *_co("bolt", "Bolt Maschinenbau G.m.b.H.")),
    ("cyrillic_o_and_e", *_co("corvex", "Cоrvеx Lighting Inc.")),
    ("incorporated_spelled_out", *_co("corvex", "CORVEX LIGHTING, INCORPORATED")),
    ("nbsp_and_soft_hyphen", *_co("corvex", "Corvex\u00a0Light\u00ading Inc")),
    ("traditional_han", *_co("haitian", "寧波海天進出口有限公司")),
    ("region_in_brackets", *_co("haitian", "海天进出口（宁波）有限公司")),
    ("fullwidth_brackets_han", *_co("haitian", "（宁波）海天进出口有限公司")),
    ("traditional_short_name", *_co("huawei", "華為技術")),
    ("english_legal_name", *_co("huawei", "HUAWEI TECHNOLOGIES CO., LTD.", HAN_LATIN)),
    ("no_region_prefix", *_co("huawei", "华为技术有限公司")),
]

CASES: list[Case] = [
    Case(id=cid, original=orig, variant=variant, levels=levels)
    for cid, orig, _company, variant, levels in _COMPANY
]

CASES += [
    # Han ↔ pinyin on both fields at once: neither may fall back on the other.
    Case(
        id="pinyin_company_and_contact",
        original="haitian",
        variant={
            "company": "NINGBO HAITIAN IMP. & EXP. CO.,LTD",
            "contact": "Zhang Wei",
            "country": "China",
        },
        levels={"company": HAN_LATIN, "contact": EXACT},
    ),
    # Contacts, with the same company.
    *(
        Case(
            id=f"contact_{cid}",
            original="zhangwei",
            variant={**ORIGINALS["zhangwei"], "contact": name},
            levels={"contact": EXACT},
        )
        for cid, name in [
            ("pinyin_given_family", "Zhang Wei"),
            ("pinyin_family_upper_last", "Wei ZHANG"),
            ("traditional", "張偉"),
            ("fullwidth_pinyin", "Ｚｈａｎｇ　Ｗｅｉ"),
        ]
    ),
    Case(
        id="contact_pinyin_with_comma",
        original="chenjing",
        variant={**ORIGINALS["chenjing"], "contact": "CHEN, Jing"},
        levels={"contact": EXACT},
    ),
    Case(
        id="contact_zero_width_space",
        original="acme",
        variant={**ORIGINALS["acme"], "contact": "Peter\u200bMiller"},
        levels={"contact": STRONG},
    ),
    # A surname with an honorific (张先生 = Mr. Zhang) is less specific, not contradictory: it must
    # not score below leaving the contact out.
    *(
        Case(
            id=f"contact_{cid}",
            original="zhangwei",
            variant={**ORIGINALS["zhangwei"], "contact": name},
            levels={
                "contact": frozenset({"exact", "fuzzy_high", "partial", "fuzzy_low", "missing"})
            },
        )
        for cid, name in [
            ("surname_honorific_han", "张先生"),
            ("surname_honorific_latin", "Mr. Zhang"),
        ]
    ),
    # Emails: the mailbox alone must carry the match.
    *(
        Case(id=f"email_{cid}", original="johndoe", variant={"email": e}, levels={"email": EXACT})
        for cid, e in [
            ("googlemail_dots_tag", "John.Doe+x@GoogleMail.com"),
            ("upper_case", "JOHNDOE@GMAIL.COM"),
            ("dots_everywhere", "j.o.h.n.d.o.e@gmail.com"),
            ("fullwidth", "ｊｏｈｎｄｏｅ＠ｇｍａｉｌ．ｃｏｍ"),
            ("display_name", "John Doe <johndoe@gmail.com>"),
        ]
    ),
    # Phones: the number alone must carry the match.
    *(
        Case(id=f"phone_{cid}", original="mobile", variant={"phone": p}, levels={"phone": EXACT})
        for cid, p in [
            ("0086_dashes", "0086 138-0013-8000"),
            ("brackets", "+86 (138) 0013 8000"),
            ("tel_label", "Tel: +86-138-0013-8000"),
            ("fullwidth_digits", "＋８６ １３８ ００１３ ８０００"),
        ]
    ),
    Case(
        id="phone_international_prefix_00",
        original="landline",
        variant={"phone": "0044 (0)20 7946 0958"},
        levels={"phone": EXACT},
    ),
    # A website against an email on the same company domain, with the same company name.
    Case(
        id="website_vs_email_domain",
        original="acmede",
        variant={"company": "Acme Elektrotechnik GmbH", "email": "x@acme.de", "country": "DE"},
        levels={"website": frozenset({"exact", "partial"})},
    ),
    Case(
        id="website_spelling",
        original="acmede",
        variant={
            "company": "ACME ELEKTROTECHNIK",
            "website": "HTTP://ACME.DE/",
            "country": "Germany",
        },
        levels={"website": EXACT},
    ),
]


@pytest.fixture(scope="module")
def index(background: list[dict[str, Any]]) -> Index:
    ix = Index()
    ix.add_many(background)
    ix.add_many({"id": f"orig-{k}", **v} for k, v in ORIGINALS.items())
    return ix


def test_enough_cases() -> None:
    assert len(CASES) >= 25
    assert len({c.id for c in CASES}) == len(CASES)


def test_background_is_large(index: Index) -> None:
    assert len(index) >= 200


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_variant_finds_original_first(index: Index, case: Case) -> None:
    found = index.candidates({"id": f"query-{case.id}", **case.variant})
    assert found, f"no candidates for {case.variant}"
    best = found[0]
    levels = {e.field: e.level for e in best.explain()}
    assert best.id == f"orig-{case.original}", (
        f"top-1 is {best.id} ({best.probability:.3f}); levels {levels}; "
        f"original at {[c.id for c in found].index(f'orig-{case.original}') if any(c.id == f'orig-{case.original}' for c in found) else None}"
    )
    for field, allowed in case.levels.items():
        assert levels[field] in allowed, f"{field}: {levels[field]} not in {sorted(allowed)}"
    assert best.probability >= 0.9, f"probability {best.probability:.4f}; levels {levels}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_original_finds_variant_first(background: list[dict[str, Any]], case: Case) -> None:
    """The other direction: the variant is indexed, the original is the query (symmetry)."""
    ix = Index()
    ix.add_many(background[:25])
    ix.add({"id": "variant", **case.variant})
    found = ix.candidates({"id": "probe", **ORIGINALS[case.original]})
    assert found
    best = found[0]
    levels = {e.field: e.level for e in best.explain()}
    assert best.id == "variant"
    for field, allowed in case.levels.items():
        assert levels[field] in allowed, f"{field}: {levels[field]} not in {sorted(allowed)}"
    assert best.probability >= 0.9
