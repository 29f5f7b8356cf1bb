"""A seeded generator of the customer lists a Chinese exporter's sales team keeps, with truth.

Every record is a customer as one rep typed it: a company, a contact, an email, a phone, a
website, a country and an address (:data:`CUSTOMER_COLUMNS`), plus the owning rep, a creation
time, the true entity id and the edits that made it (:data:`EXTRA_COLUMNS`). Every value is a
string; a missing value is ``''``.

**Entities.** Three kinds, mixed by :class:`GeneratorConfig`:

* foreign buyers: invented Latin-script trade names (``Veltora Lighting GmbH``) with the legal
  forms of 23 countries, contacts of the country's naming cultures (Western, Arabic, Indian,
  Russian in Cyrillic or Latin, Turkish, Vietnamese, …), corporate or free-mail emails, phones
  of that country;
* Chinese suppliers and partners: region prefix + two trade-name characters + industry word +
  legal form (``宁波海天进出口有限公司``), with an English form (``Ningbo Haitian Import & Export
  Co., Ltd.``) and a pinyin form; contacts in Han, in pinyin in either order, or as an English
  nickname with surname (``Kevin Zhang``); qq.com/163.com/… or corporate email; mobile or
  fixed-line phones;
* Hong Kong and Taiwan partners written in Traditional characters (``traditional_share``).

**Duplicates** arise the way they do in a CRM: another rep enters the same customer later with
other typing habits. Each duplicate starts from its entity's original and gets one to three edits
from :data:`EDIT_KINDS` (``drop_legal_form``, ``swap_legal_form``, ``fullwidth``,
``company_english``, ``traditional``, ``gmail_dots``, ``plus_tag``, ``phone_format``,
``name_order``, ``typo``, ``missing_field``, ``new_contact``, ``boss_gmail``, …); each rep has two
habitual edits it applies more often. The ``edits`` column names the edits applied, ``+``-joined.

**Hard negatives** are different entities built to look alike: the same city prefix and industry
word with a trade name one character apart (``宁波海天进出口`` vs ``宁波海达进出口``), a freight
forwarder's phone shared by unrelated customers, a near-identical free-mail address on the same
domain, a common contact name (``张伟``) at another company.

**Streaming.** :func:`records` builds entity by entity (original, then its duplicates), keeping
only a bounded window of recent entities for hard negatives: memory is O(1) in *n*, and output is
deterministic per ``(seed, config)``; ``records(n)`` is a prefix of ``records(m)`` for ``n < m``.
The last entity may be cut short by *n*.

Each record carries hint keys starting with ``_`` while it is being edited (the entity's other
surface forms: English and pinyin company names, the contact in other scripts, the phone's
digits); :func:`apply_edit` uses them when present and falls back to deriving them (pypinyin,
OpenCC, digit extraction) otherwise, so it also noises real records (``benchmarks.datasets``).
:func:`records` strips the hints.

Examples:
    >>> from benchmarks.generate import records
    >>> rows = list(records(5, seed=1))
    >>> [r["id"] for r in rows]
    ['r0000001', 'r0000002', 'r0000003', 'r0000004', 'r0000005']
    >>> rows == list(records(5, seed=1))
    True
    >>> sorted(rows[0]) == sorted(CUSTOMER_COLUMNS + EXTRA_COLUMNS)
    True

Run ``python -m benchmarks.generate --n 100000 --seed 1 --out customers.csv``.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from random import Random
from typing import Final, TypeVar

from benchmarks import _wordlists as W

__all__ = [
    "BLOCK_ENTITIES",
    "CUSTOMER_COLUMNS",
    "EDIT_KINDS",
    "EXTRA_COLUMNS",
    "HARD_NEGATIVE_KINDS",
    "GeneratorConfig",
    "apply_edit",
    "country_iso2",
    "main",
    "records",
    "write_csv",
]

CUSTOMER_COLUMNS: Final = ("id", "company", "contact", "email", "phone", "website", "country", "address")
EXTRA_COLUMNS: Final = ("owner", "created_at", "entity_id", "edits")

#: Every edit :func:`apply_edit` knows, grouped by the field it touches.
EDIT_KINDS: Final[tuple[str, ...]] = (
    # company
    "drop_legal_form", "swap_legal_form", "drop_region", "region_brackets", "company_case",
    "fullwidth", "punctuation", "abbreviate", "stray_whitespace", "typo",
    "company_english", "company_pinyin", "company_han", "traditional", "simplified",
    # contact
    "name_order", "contact_pinyin", "contact_english", "contact_han", "transliterate",
    "honorific", "new_contact", "boss_gmail",
    # email
    "gmail_dots", "plus_tag", "googlemail", "email_case", "second_email",
    # phone
    "phone_format", "whatsapp", "phone_second",
    # other fields
    "website_variant", "country_variant", "address_variant", "missing_field",
)

#: How hard negatives are built (documented; not recorded per row since ``edits`` is '' there).
HARD_NEGATIVE_KINDS: Final = ("city_industry", "forwarder_phone", "freemail_lookalike", "common_name")

_HINT_PREFIX: Final = "_"
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True, kw_only=True)
class GeneratorConfig:
    """Knobs of the generator; every field has a sensible default.

    Attributes:
        n_records: The intended record count, for callers that pass a config around (the CLI,
            the harness); :func:`records` and :func:`write_csv` take *n* explicitly.
        duplicate_rate: Probability that an entity has duplicates (then 1 + a geometric number,
            up to ``max_cluster - 1``).
        max_cluster: Largest number of records per entity.
        hard_negative_rate: Probability that a new entity is built to resemble a recent one.
        cn_share: Share of entities that are Chinese suppliers/partners (the rest are foreign buyers).
        traditional_share: Share of the Chinese entities that are Hong Kong/Taiwan partners
            written in Traditional characters.
        missing_rate: Probability that each optional field of an original is left empty.
        seed: Default seed, used when the *seed* argument of :func:`records` is 0.
        max_edits: Most edits per duplicate.
        habit_rate: Probability that a duplicate's first edit is one of its rep's habits.
        start: First possible creation time, Unix seconds (default 2019-01-01T00:00:00+08:00).
        span_days: Creation times of originals spread uniformly over this many days; each
            duplicate follows the previous record of its entity by an hour to 180 days.

    Examples:
        >>> GeneratorConfig(n_records=1000, duplicate_rate=0.5).max_cluster
        5
    """

    n_records: int = 1000
    duplicate_rate: float = 0.3
    max_cluster: int = 5
    hard_negative_rate: float = 0.1
    cn_share: float = 0.5
    traditional_share: float = 0.1
    missing_rate: float = 0.1
    seed: int = 0
    max_edits: int = 3
    habit_rate: float = 0.5
    start: int = 1546272000
    span_days: int = 6 * 365


# --- small helpers ------------------------------------------------------------------------------

_FULLWIDTH: Final = {i: i + 0xFEE0 for i in range(0x21, 0x7F)} | {0x20: 0x3000}
_HAN_RE: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CYR_RE: Final = re.compile(r"[\u0400-\u04ff]")
_DIGITS_RE: Final = re.compile(r"\d")
_CYR_TO_LATIN: Final = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "Zh", "З": "Z",
    "И": "I", "Й": "Y", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O", "П": "P", "Р": "R",
    "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "Kh", "Ц": "Ts", "Ч": "Ch", "Ш": "Sh",
    "Щ": "Shch", "Ъ": "", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "Yu", "Я": "Ya",
})
_KEYBOARD: Final = {
    "a": "sq", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "q": "w", "r": "et", "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc",
    "y": "tu", "z": "x",
}
_GMAIL: Final = frozenset({"gmail.com", "googlemail.com"})
_PLUS_DOMAINS: Final = frozenset({"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "icloud.com"})
_FREEMAIL: Final = frozenset(
    {*W.CN_FREEMAIL, *W.INTL_FREEMAIL, *W.HK_TW_FREEMAIL, *(d for c in W.COUNTRIES for d in c.freemail)}
)
_DUP_WEIGHTS: Final[dict[str, float]] = {
    "drop_legal_form": 6, "swap_legal_form": 5, "drop_region": 3, "region_brackets": 1.5,
    "company_case": 2, "fullwidth": 2, "punctuation": 3, "abbreviate": 1.5, "stray_whitespace": 1.5,
    "typo": 4, "company_english": 5, "company_pinyin": 2.5, "company_han": 3, "traditional": 1.5,
    "simplified": 1, "name_order": 3, "contact_pinyin": 3, "contact_english": 2.5, "contact_han": 2,
    "transliterate": 1.5, "honorific": 2, "new_contact": 3, "boss_gmail": 1.5, "gmail_dots": 2,
    "plus_tag": 1.5, "googlemail": 1, "email_case": 1.5, "second_email": 1.5, "phone_format": 7,
    "whatsapp": 2.5, "phone_second": 2, "website_variant": 3, "country_variant": 4,
    "address_variant": 2, "missing_field": 5,
}


def _choice(rng: Random, seq: Sequence[_T], /) -> _T:
    """``rng.choice`` at half the cost (one float draw instead of a getrandbits loop)."""
    return seq[int(rng.random() * len(seq))]


def _randrange(rng: Random, a: int, b: int | None = None, /) -> int:
    """``rng.randrange(a)`` / ``rng.randrange(a, b)`` from one float draw (fine below 2**50)."""
    if b is None:
        return int(rng.random() * a)
    return a + int(rng.random() * (b - a))


def _fullwidth(s: str) -> str:
    return s.translate(_FULLWIDTH)


@lru_cache(maxsize=2)
def _opencc(config: str) -> Callable[[str], str]:
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC(config).convert
    return convert


def _s2t(s: str) -> str:
    return _opencc("s2t")(s) if _HAN_RE.search(s) else s


def _t2s(s: str) -> str:
    return _opencc("t2s")(s) if _HAN_RE.search(s) else s


@lru_cache(maxsize=4096)
def _ascii(s: str) -> str:
    """ASCII form of a Latin/Cyrillic name for email local parts."""
    if s.isascii():
        return s
    from unidecode import unidecode

    return str(unidecode(s))


def _pinyin(han: str, /) -> str:
    """Fallback romanization of Han text (words capitalized), for records without hints."""
    from pypinyin import lazy_pinyin

    out: list[str] = []
    for syl in lazy_pinyin(han):
        if _HAN_RE.search(han) and syl.strip():
            out.append(syl.capitalize() if syl.isascii() else syl)
    return " ".join(out)


@lru_cache(maxsize=8192)
def _local(s: str) -> str:
    return "".join(ch for ch in _ascii(s).lower() if ch.isalnum())


# --- legal forms -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _legal_tables() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    groups: list[tuple[str, ...]] = [g for c in W.COUNTRIES for g in c.legal_forms]
    groups += [forms for _, forms in W.CN_LEGAL_FORMS]
    groups.append(("有限公司", "有限责任公司"))
    groups.append(("股份有限公司", "股份公司"))
    groups.append(("Co., Ltd.", "Co.,Ltd", "Co.,Ltd.", "Co. Ltd", "Co Ltd", "Company Limited", "CO., LTD.", "Co., Limited"))
    groups.append(("Limited", "Ltd", "Ltd.", "LTD"))
    by_variant: dict[str, tuple[str, ...]] = {}
    for g in groups:
        for v in g:
            by_variant.setdefault(v.casefold(), g)
    han = ("集团有限公司", "股份有限公司", "有限责任公司", "有限公司", "股份公司", "公司")
    latin = sorted({v for v in by_variant if not _HAN_RE.search(v)}, key=len, reverse=True)
    pattern = re.compile(
        r"(?:[\s,]+(?:" + "|".join(re.escape(v) for v in latin) + r")|(?:" + "|".join(han) + r"))\s*$",
        re.IGNORECASE,
    )
    return pattern, by_variant


def _split_legal(company: str) -> tuple[str, str]:
    """``('Veltora Lighting', ' GmbH')``: the name and its trailing legal form ('' if none)."""
    m = _legal_tables()[0].search(company)
    if m is None or m.start() == 0:
        return company, ""
    return company[: m.start()], company[m.start() :]


# --- phones ------------------------------------------------------------------------------------


def _groups(nsn: str, area_len: int) -> list[str]:
    head, rest = nsn[:area_len], nsn[area_len:]
    r = len(rest)
    sizes = {4: [4], 5: [2, 3], 6: [3, 3], 7: [3, 4], 8: [4, 4], 9: [3, 3, 3], 10: [3, 3, 4]}.get(r, [r])
    out = [head] if head else []
    i = 0
    for size in sizes:
        out.append(rest[i : i + size])
        i += size
    return out


def _render_phone(hint: str, style: int, rng: Random) -> str:
    """One of the formats reps type, from a ``cc|nsn|area_len|national_prefix`` hint."""
    cc, nsn, area, trunk = hint.split("|")
    area_len = int(area)
    g = _groups(nsn, area_len)
    if cc == "1" and style in (5, 10):
        a, b, c = nsn[:3], nsn[3:6], nsn[6:]
        return _choice(rng, (f"+1 ({a}) {b}-{c}", f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"{a}-{b}-{c}"))
    if style == 0:
        return f"+{cc}{nsn}"
    if style == 1:
        return f"+{cc} {' '.join(g)}"
    if style == 2:
        return f"00{cc}-{'-'.join(g)}"
    if style == 3:
        return f"00{cc} {nsn}"
    if style == 4:
        return f"{trunk}{nsn}"
    if style == 5:
        if trunk and area_len and not (cc == "86" and nsn[0] == "1"):
            return f"({trunk}{g[0]}) {' '.join(g[1:])}"
        return f"{trunk}{' '.join(g)}" if not trunk else f"{trunk}{g[0]} {' '.join(g[1:])}"
    if style == 6:
        return f"{cc}-{g[0]}-{''.join(g[1:])}"
    if style == 7:
        return f"wa.me/{cc}{nsn}"
    if style == 8:
        return f"WhatsApp: +{cc} {nsn}"
    if style == 9:
        ext = f" ext {_randrange(rng, 10, 999)}" if area_len and rng.random() < 0.3 else ""
        return f"Tel: +{cc} {' '.join(g)}{ext}"
    return f"+{cc} {'-'.join(g)}"


# Styles an original's phone is typed in: Chinese numbers mostly national, foreign mostly international.
_CN_STYLES: Final = (4, 4, 4, 5, 5, 1, 1, 0, 2, 3, 6, 9)
_INTL_STYLES: Final = (1, 1, 1, 0, 0, 2, 3, 7, 8, 9, 10, 5)


def _phone_hint(cc: str, prefix: str, length: int, trunk: str, area_len: int, rng: Random) -> str:
    digits = length - len(prefix)
    # the digit after the prefix is 2-9: local numbers (and US exchanges) never start 0 or 1
    rest = str(_randrange(rng, 2, 10)) + (f"{_randrange(rng, 10 ** (digits - 1)):0{digits - 1}d}" if digits > 1 else "")
    return f"{cc}|{prefix}{rest[:digits]}|{area_len}|{trunk}"


# --- people ------------------------------------------------------------------------------------


def _zh_person(rng: Random, traditional: bool) -> dict[str, str]:
    s_han, s_py = _choice(rng, W.SURNAMES_ZH)
    g_han, g_py = _choice(rng, W.GIVEN_ZH)
    nick = _choice(rng, W.ENGLISH_NICKNAMES)
    han = s_han + g_han
    if traditional:
        han = _s2t(han)
    return {"_contact_zh": han, "_contact_py": f"{s_py} {g_py}", "_contact_en": f"{nick} {s_py}",
            "_given": g_py, "_surname": s_py, "_nick": nick, "_culture": "zh", "_surname_zh": han[: len(s_han)]}


def _person(culture: str, rng: Random) -> dict[str, str]:
    if culture == "zh":
        return _zh_person(rng, False)
    c = W.CULTURES[culture]
    i = _randrange(rng, len(c.given))
    j = _randrange(rng, len(c.surnames))
    given, surname = c.given[i], c.surnames[j]
    out = {"_culture": culture, "_given": given, "_surname": surname}
    if culture == "ru":
        gl, sl = c.given_latin[i], c.surnames_latin[j]
        female = given[-1] in "аяь" and given != "Никита"
        if female:
            surname += "а"
            sl += "a"
        out |= {"_contact_cyr": f"{given} {surname}", "_contact_latin": f"{gl} {sl}", "_given": gl, "_surname": sl}
        out["_contact"] = out["_contact_cyr"] if rng.random() < 0.5 else out["_contact_latin"]
    else:
        out["_contact"] = f"{surname} {given}" if c.surname_first else f"{given} {surname}"
    return out


def _freemail_local(p: dict[str, str], domain: str, rng: Random) -> str:
    given, surname = _local(p["_given"]), _local(p["_surname"])
    if domain.startswith(("qq.", "vip.qq")):
        return str(_randrange(rng, 10**5, 3 * 10**9))
    r = _randrange(rng, 6)
    year = str(_randrange(rng, 1965, 2002))
    if r == 0:
        return f"{given}{surname}{year}"
    if r == 1:
        return f"{surname}.{given}"
    if r == 2:
        return f"{given}.{surname}{_randrange(rng, 1, 99)}"
    if r == 3 and "_nick" in p:
        return f"{p['_nick'].lower()}_{surname}"
    if r == 4:
        return f"{given[:1]}{surname}{year[2:]}"
    return f"{surname}{given}"


def _corporate_local(p: dict[str, str], rng: Random) -> str:
    r = _randrange(rng, 8)
    if r == 0:
        return _choice(rng, ("sales", "info", "export", "purchasing", "import", "office", "trade"))
    given, surname = _local(p["_given"]), _local(p["_surname"])
    if "_nick" in p and r < 4:
        return _choice(rng, (p["_nick"].lower(), f"{p['_nick'].lower()}.{surname}", f"{p['_nick'].lower()}{surname[:1]}"))
    return _choice(rng, (f"{given}.{surname}", f"{given[:1]}.{surname}", given, f"{given}{surname[:1]}", f"{surname}"))


# --- entities ----------------------------------------------------------------------------------


def _cn_entity(rng: Random, cfg: GeneratorConfig, like: dict[str, str] | None) -> dict[str, str]:
    """A Chinese supplier/partner; *like* is a recent entity to imitate (city + industry)."""
    traditional = rng.random() < cfg.traditional_share
    if traditional:
        reg_han, reg_py, cc, mobiles, mobile_len, fixeds, fixed_len = _choice(rng, W.HK_TW_REGIONS)
        province_han = province_py = ""
        area = fixeds[0]
    else:
        reg_han, reg_py, province_han, province_py, area = _choice(rng, W.CN_REGIONS)
        cc = "86"
    industry = _choice(rng, W.CN_INDUSTRIES)
    legal = _choice(rng, W.CN_LEGAL_FORMS)
    t1, t2 = _choice(rng, W.CN_TRADE_CHARS), _choice(rng, W.CN_TRADE_CHARS)
    while t2 is t1:
        t2 = _choice(rng, W.CN_TRADE_CHARS)
    if like is not None and like.get("_kind") == "cn" and like.get("_trade1"):
        # same city prefix, same industry, a trade name sharing its first character
        reg_han, reg_py, area, cc = like["_region_zh"], like["_region_py"], like["_area"], like["_cc"]
        traditional = like["_trad"] == "1"
        province_han, province_py = like["_province_zh"], like["_province_py"]
        if traditional:
            _, _, cc, mobiles, mobile_len, fixeds, fixed_len = next(t for t in W.HK_TW_REGIONS if t[0] == reg_han)
        industry = next(i for i in W.CN_INDUSTRIES if i[0] == like["_industry"])
        t1 = next(t for t in W.CN_TRADE_CHARS if t[0] == like["_trade1"])
        while t2[0] in (like["_trade2"], t1[0]):
            t2 = _choice(rng, W.CN_TRADE_CHARS)
    trade_py = (t1[1] + t2[1]).capitalize()
    if traditional and cc == "852":
        legal_han, legal_en = "有限公司", _choice(rng, ("Limited", "Company Limited", "Co., Limited", "Ltd"))
    else:
        legal_han, legal_en = legal[0], legal[1][0] if rng.random() < 0.6 else _choice(rng, legal[1])
    han = reg_han + t1[0] + t2[0] + industry[0] + legal_han
    if traditional:
        han = reg_han + _s2t(han[len(reg_han) :])
    en = f"{reg_py} {trade_py} {industry[1]} {legal_en}"
    py = f"{reg_py} {trade_py} {industry[2]}" if rng.random() < 0.6 else trade_py
    p = _zh_person(rng, traditional)
    contact = rng.choices(
        (p["_contact_zh"], p["_contact_py"], f"{p['_given']} {p['_surname']}", p["_contact_en"]),
        cum_weights=(55, 65, 75, 100),
    )[0]
    tld = {"852": "com.hk", "886": "com.tw"}.get(cc, _choice(rng, ("com", "com", "com", "cn", "com.cn", "net")))
    base = trade_py.lower()
    domain = _choice(rng, (
        f"{base}.{tld}", f"{reg_py.lower().replace(' ', '')}{base}.{tld}", f"{base}-{industry[2].split()[0].lower()}.{tld}",
        f"{base}{_choice(rng, ('group', 'tech', 'trade', 'china', 'cn'))}.{tld}",
    ))
    if rng.random() < 0.5:
        email = f"{_corporate_local(p, rng)}@{domain}"
        website = _render_site(domain, rng) if rng.random() < 0.75 else ""
    else:
        fm = _choice(rng, W.HK_TW_FREEMAIL if traditional else W.CN_FREEMAIL)
        email = f"{_freemail_local(p, fm, rng)}@{fm}"
        website = _render_site(domain, rng) if rng.random() < 0.3 else ""
    if cc == "86":
        if rng.random() < 0.7:
            phone = _phone_hint("86", _choice(rng, W.CN_MOBILE_PREFIXES), 11, "", 3, rng)
        else:
            phone = _phone_hint("86", area, len(area) + (7 if area in W.CN_SHORT_LOCAL else 8), "0", len(area), rng)
        country = rng.choices(W.CN_COUNTRY_FORMS, cum_weights=(40, 55, 75, 80, 84, 90, 94, 98, 100))[0]
    else:
        trunk = "0" if cc == "886" else ""
        if rng.random() < 0.6:
            phone = _phone_hint(cc, _choice(rng, mobiles), mobile_len, trunk, 3 if cc == "886" else 4, rng)
        else:
            fixed = _choice(rng, fixeds)
            phone = _phone_hint(cc, fixed, fixed_len, trunk, 1 if cc == "886" else 4, rng)  # TW area codes: 02, 04, 07, 03
        country = _choice(rng, W.HK_TW_COUNTRY_FORMS[cc])
    road_a, road_b = _choice(rng, W.CN_TRADE_CHARS), _choice(rng, W.CN_TRADE_CHARS)
    road_sfx = _choice(rng, W.CN_ROAD_SUFFIXES)
    district = _choice(rng, W.CN_DISTRICTS)
    n = _randrange(rng, 1, 999)
    if rng.random() < 0.7:
        prov = "" if province_han in ("", reg_han) else f"{province_han}省"
        address = f"{prov}{reg_han}{'' if traditional else '市'}{district[0]}{road_a[0]}{road_b[0]}{road_sfx[0]}{n}号"
        if traditional:
            address = _s2t(address)
    else:
        prov = "" if province_py in ("", reg_py) else f", {province_py}"
        address = f"No. {n}, {(road_a[1] + road_b[1]).capitalize()} {road_sfx[1]}, {district[1]}, {reg_py}{prov}"
    company = han if rng.random() < 0.8 else en
    return {
        "company": company, "contact": contact, "email": email, "phone": phone, "website": website,
        "country": country, "address": address,
        "_kind": "cn", "_company_zh": han, "_company_en": en, "_company_py": py, "_region_zh": reg_han,
        "_region_py": reg_py, "_province_zh": province_han, "_province_py": province_py, "_area": area,
        "_cc": cc, "_trad": "1" if traditional else "", "_industry": industry[0], "_trade1": t1[0],
        "_trade2": t2[0], "_domain": domain, "_iso2": {"86": "CN", "852": "HK", "886": "TW"}[cc], **p,
    }


def _render_site(domain: str, rng: Random) -> str:
    return _choice(rng, (f"www.{domain}", f"www.{domain}", domain, f"http://www.{domain}", f"https://www.{domain}/",
                       f"https://{domain}", f"http://{domain}/en/index.html"))


def _foreign_entity(rng: Random, like: dict[str, str] | None) -> dict[str, str]:
    ci = _randrange(rng, len(W.COUNTRIES))
    country = W.COUNTRIES[ci]
    industry = _choice(rng, W.EN_INDUSTRIES)
    prefix, suffix = _choice(rng, W.LATIN_PREFIXES), _choice(rng, W.LATIN_SUFFIXES)
    if like is not None and like.get("_kind") == "foreign":
        # same trade-name stem, same industry, same country, another ending
        ci = int(like["_ci"])
        country = W.COUNTRIES[ci]
        industry, prefix = like["_industry"], like["_prefix"]
        while suffix == like["_suffix"]:
            suffix = _choice(rng, W.LATIN_SUFFIXES)
    culture = _choice(rng, country.cultures)
    p = _person(culture, rng)
    if rng.random() < 0.15 and like is None:
        trade = p["_surname"] if culture != "ru" else p["_contact_latin"].split()[-1]
        prefix, suffix = trade, ""
    trade = prefix + suffix
    group = _choice(rng, country.legal_forms)
    legal = group[0] if rng.random() < 0.7 else _choice(rng, group)
    sep = ", " if legal in ("Inc.", "Inc", "LLC") and rng.random() < 0.3 else " "
    company = f"{trade} {industry}{sep}{legal}" if rng.random() < 0.8 else f"{trade}{sep}{legal}"
    tld = country.tld if rng.random() < 0.7 else "com"
    domain = _choice(rng, (f"{_local(trade)}.{tld}", f"{_local(trade)}-{_local(industry.split()[0])}.{tld}",
                         f"{_local(trade)}{_local(industry.split()[0])}.{tld}"))
    if rng.random() < 0.6:
        email = f"{_corporate_local(p, rng)}@{domain}"
        website = _render_site(domain, rng) if rng.random() < 0.7 else ""
    else:
        fm = _choice(rng, country.freemail)
        email = f"{_freemail_local(p, fm, rng)}@{fm}"
        website = _render_site(domain, rng) if rng.random() < 0.2 else ""
    trunk = country.trunk if country.trunk != "1" else ""
    if rng.random() < 0.7:
        prefix_digits, length = _choice(rng, country.mobile)
        phone = _phone_hint(country.calling_code, prefix_digits, length, trunk, min(3, len(prefix_digits)), rng)
    else:
        prefix_digits, length = _choice(rng, country.fixed)
        phone = _phone_hint(country.calling_code, prefix_digits, length, trunk, len(prefix_digits), rng)
    names = country.names
    country_text = names[0] if rng.random() < 0.5 else _choice(rng, names)
    address = country.address.format(
        n=_randrange(rng, 1, 300), street=_choice(rng, country.streets), city=_choice(rng, country.cities),
        zip=f"{_randrange(rng, 10000, 99999)}",
    )
    return {
        "company": company, "contact": p.get("_contact", ""), "email": email, "phone": phone,
        "website": website, "country": country_text, "address": address,
        "_kind": "foreign", "_ci": str(ci), "_iso2": country.iso2, "_industry": industry, "_prefix": prefix,
        "_suffix": suffix, "_domain": domain, **p,
    }


# --- edits -------------------------------------------------------------------------------------


def _has_han(s: str) -> bool:
    return _HAN_RE.search(s) is not None


def _pick_culture(r: dict[str, str]) -> str:
    c = r.get("_culture")
    if c:
        return c
    return "zh" if _has_han(r.get("contact", "") + r.get("company", "")) else "en"


def _e_drop_legal_form(r: dict[str, str], rng: Random) -> None:
    name, legal = _split_legal(r["company"])
    if legal and name.strip():
        r["company"] = name.rstrip(" ,")


def _e_swap_legal_form(r: dict[str, str], rng: Random) -> None:
    name, legal = _split_legal(r["company"])
    if not legal:
        return
    core = legal.strip(" ,")
    group = _legal_tables()[1].get(core.casefold())
    if not group or len(group) < 2:
        return
    other = _choice(rng, [v for v in group if v.casefold() != core.casefold()] or [core])
    sep = "" if _has_han(other) else (", " if rng.random() < 0.2 else " ")
    r["company"] = f"{name}{sep}{other}"


@lru_cache(maxsize=1)
def _regions() -> tuple[tuple[str, str], ...]:
    return tuple((h, p) for h, p, *_ in W.CN_REGIONS) + tuple((h, p) for h, p, *_ in W.HK_TW_REGIONS)


@lru_cache(maxsize=1)
def _region_prefixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Han prefixes (cities and provinces, Simplified and Traditional, with 市/省) and pinyin ones, longest first."""
    places = [h for h, _ in _regions()] + [r[2] for r in W.CN_REGIONS]
    han = {f + sfx for h in places for f in (h, _s2t(h), _t2s(h)) for sfx in ("", "市", "省")}
    latin = {p + " " for _, p in _regions()} | {r[3] + " " for r in W.CN_REGIONS}
    return tuple(sorted(han, key=len, reverse=True)), tuple(sorted(latin, key=len, reverse=True))


def _e_drop_region(r: dict[str, str], rng: Random) -> None:
    c = r["company"]
    han, latin = _region_prefixes()
    for pre in han if _has_han(c[:1]) else latin:
        if c.startswith(pre) and len(c) > len(pre) + 2:
            r["company"] = c[len(pre) :]
            return


def _e_region_brackets(r: dict[str, str], rng: Random) -> None:
    """宁波海天进出口有限公司 → 海天进出口（宁波）有限公司, the registry's own style."""
    c = r["company"]
    name, legal = _split_legal(c)
    for han, _py in _regions():
        if name.startswith(han) and legal and _has_han(legal) and len(name) > len(han) + 1:
            open_, close = ("（", "）") if rng.random() < 0.7 else ("(", ")")
            r["company"] = f"{name[len(han):]}{open_}{han}{close}{legal}"
            return


def _e_company_case(r: dict[str, str], rng: Random) -> None:
    c = r["company"]
    if c.isascii() or not _has_han(c):
        r["company"] = _choice(rng, (c.upper(), c.lower(), c.title())) if c != c.upper() else c.title()


def _e_fullwidth(r: dict[str, str], rng: Random) -> None:
    c = r["company"]
    if any(ch.isascii() and ch.isalnum() for ch in c):
        r["company"] = _fullwidth(c)
    elif r.get("phone") and "|" not in r["phone"]:
        r["phone"] = "".join(_fullwidth(ch) if ch.isdigit() else ch for ch in r["phone"])


def _e_punctuation(r: dict[str, str], rng: Random) -> None:
    c = r["company"]
    k = _randrange(rng, 4)
    if k == 0 and ("." in c or "," in c):
        r["company"] = re.sub(r"\s+", " ", c.replace(".", "").replace(",", " ")).strip()
    elif k == 1 and ", " in c:
        r["company"] = c.replace(", ", ",")
    elif k == 2 and ("&" in c or " and " in c):
        r["company"] = c.replace(" & ", " and ") if "&" in c else c.replace(" and ", " & ")
    elif _has_han(c) and "（" not in c:
        r["company"] = c.replace("有限公司", " 有限公司").replace("  ", " ")
    else:
        r["company"] = c.replace(" ", "-", 1) if " " in c else c + "."


def _e_abbreviate(r: dict[str, str], rng: Random) -> None:
    for field in ("company", "address"):
        v = r.get(field, "")
        for long, short in W.ABBREVIATIONS.items():
            if long in v:
                r[field] = v.replace(long, short)
                return


def _e_stray_whitespace(r: dict[str, str], rng: Random) -> None:
    c = r["company"]
    k = _randrange(rng, 4)
    if k == 0:
        r["company"] = f" {c}  "
    elif k == 1 and " " in c:
        r["company"] = c.replace(" ", "  ", 1)
    elif k == 2:
        i = _randrange(rng, 1, max(2, len(c)))
        r["company"] = c[:i] + "\u200b" + c[i:]
    else:
        r["company"] = c.replace(" ", "\u00a0") if " " in c else c + "\u3000"


def _typo(s: str, rng: Random) -> str:
    if len(s) < 4:
        return s
    i = _randrange(rng, 1, len(s) - 1)
    k = _randrange(rng, 4)
    ch = s[i]
    if k == 0:
        return s[:i] + s[i + 1 :]
    if k == 1 and s[i + 1] != ch:
        return s[:i] + s[i + 1] + ch + s[i + 2 :]
    if k == 2 or not ch.isascii() or ch.lower() not in _KEYBOARD:
        return s[:i] + ch + s[i:]
    sub = _choice(rng, _KEYBOARD[ch.lower()])
    return s[:i] + (sub.upper() if ch.isupper() else sub) + s[i + 1 :]


def _e_typo(r: dict[str, str], rng: Random) -> None:
    field = "contact" if r.get("contact") and rng.random() < 0.3 else "company"
    r[field] = _typo(r[field], rng)


def _e_company_english(r: dict[str, str], rng: Random) -> None:
    c = r["company"]
    if not _has_han(c):
        return
    en = r.get("_company_en")
    if not en:
        name, legal = _split_legal(c)
        en = _pinyin(_t2s(name)) + (" Co., Ltd." if legal else "")
    r["company"] = en if rng.random() < 0.7 else en.upper()


def _e_company_pinyin(r: dict[str, str], rng: Random) -> None:
    c = r["company"]
    py = r.get("_company_py")
    if not py:
        if not _has_han(c):
            return
        py = _pinyin(_t2s(_split_legal(c)[0]))
    r["company"] = _choice(rng, (py, py.lower(), py.upper(), py.replace(" ", "")))


def _e_company_han(r: dict[str, str], rng: Random) -> None:
    zh = r.get("_company_zh")
    if zh and not _has_han(r["company"]):
        r["company"] = zh


def _e_traditional(r: dict[str, str], rng: Random) -> None:
    for f in ("company", "contact", "address"):
        if r.get(f):
            r[f] = _s2t(r[f])


def _e_simplified(r: dict[str, str], rng: Random) -> None:
    for f in ("company", "contact", "address"):
        if r.get(f):
            r[f] = _t2s(r[f])


def _e_name_order(r: dict[str, str], rng: Random) -> None:
    c = r.get("contact", "")
    parts = c.split()
    if len(parts) != 2 or _has_han(c):
        return
    a, b = parts
    r["contact"] = _choice(rng, (f"{b} {a}", f"{b}, {a}", f"{b.upper()} {a}", f"{a} {b.upper()}"))


def _e_contact_pinyin(r: dict[str, str], rng: Random) -> None:
    c = r.get("contact", "")
    py = r.get("_contact_py")
    if not py:
        if not _has_han(c):
            return
        py = _pinyin(_t2s(c))
    if c != py:
        r["contact"] = py if rng.random() < 0.5 else " ".join(reversed(py.split()))


def _e_contact_english(r: dict[str, str], rng: Random) -> None:
    en = r.get("_contact_en")
    if en:
        r["contact"] = en


def _e_contact_han(r: dict[str, str], rng: Random) -> None:
    zh = r.get("_contact_zh")
    if zh:
        r["contact"] = zh


def _e_transliterate(r: dict[str, str], rng: Random) -> None:
    c = r.get("contact", "")
    if _CYR_RE.search(c):
        r["contact"] = r.get("_contact_latin") or c.translate(_CYR_TO_LATIN)
    elif r.get("_contact_cyr"):
        r["contact"] = r["_contact_cyr"]


def _e_honorific(r: dict[str, str], rng: Random) -> None:
    c = r.get("contact", "")
    if not c:
        return
    if _has_han(c):
        sur = r.get("_surname_zh") or c[0]
        r["contact"] = sur + _choice(rng, W.TITLES[1])
    else:
        r["contact"] = f"{_choice(rng, W.TITLES[0])} {c}"


def _new_person(r: dict[str, str], rng: Random) -> dict[str, str]:
    culture = _pick_culture(r)
    p = _person(culture, rng)
    if culture == "zh":
        trad = r.get("_trad") == "1"
        p = _zh_person(rng, trad)
        p["_contact"] = _choice(rng, (p["_contact_zh"], p["_contact_py"], p["_contact_en"]))
    return p


def _e_new_contact(r: dict[str, str], rng: Random) -> None:
    p = _new_person(r, rng)
    r["contact"] = p["_contact"]
    domain = r.get("_domain") or (r.get("email", "").rpartition("@")[2])
    if domain and domain not in _FREEMAIL:
        r["email"] = f"{_corporate_local(p, rng)}@{domain}"
    else:
        fm = _choice(rng, W.CN_FREEMAIL if p["_culture"] == "zh" else W.INTL_FREEMAIL)
        r["email"] = f"{_freemail_local(p, fm, rng)}@{fm}"
    for k in ("_contact_zh", "_contact_py", "_contact_en", "_contact_cyr", "_contact_latin"):
        r.pop(k, None)
    r.update({k: v for k, v in p.items() if k.startswith("_contact_")})


def _e_boss_gmail(r: dict[str, str], rng: Random) -> None:
    p = _new_person(r, rng)
    r["contact"] = p["_contact"]
    r["email"] = f"{_freemail_local(p, 'gmail.com', rng)}@gmail.com"
    for k in ("_contact_zh", "_contact_py", "_contact_en", "_contact_cyr", "_contact_latin"):
        r.pop(k, None)
    r.update({k: v for k, v in p.items() if k.startswith("_contact_")})


def _split_email(e: str) -> tuple[str, str]:
    local, _, domain = e.partition("@")
    return local, domain


def _e_gmail_dots(r: dict[str, str], rng: Random) -> None:
    local, domain = _split_email(r.get("email", ""))
    if domain.lower() not in _GMAIL or len(local) < 3 or ";" in local:
        return
    bare = local.replace(".", "")
    cuts = sorted(rng.sample(range(1, len(bare)), min(2, len(bare) - 1)))
    pieces = [bare[i:j] for i, j in zip([0, *cuts], [*cuts, len(bare)], strict=True)]
    r["email"] = ".".join(pieces) + "@" + domain


def _e_plus_tag(r: dict[str, str], rng: Random) -> None:
    local, domain = _split_email(r.get("email", ""))
    if domain.lower() in _PLUS_DOMAINS and "+" not in local:
        r["email"] = f"{local}+{_choice(rng, ('crm', 'alibaba', 'sales', 'cantonfair', 'quote', '2024'))}@{domain}"


def _e_googlemail(r: dict[str, str], rng: Random) -> None:
    local, domain = _split_email(r.get("email", ""))
    if domain.lower() == "gmail.com":
        r["email"] = f"{local}@googlemail.com"


def _e_email_case(r: dict[str, str], rng: Random) -> None:
    e = r.get("email", "")
    if e:
        local, domain = _split_email(e)
        r["email"] = e.upper() if rng.random() < 0.5 else f"{local.capitalize()}@{domain.upper()}"


def _e_second_email(r: dict[str, str], rng: Random) -> None:
    e = r.get("email", "")
    if not e or ";" in e or "," in e:
        return
    culture = _pick_culture(r)
    fm = _choice(rng, W.CN_FREEMAIL if culture == "zh" else W.INTL_FREEMAIL)
    if r.get("_given"):
        p = {"_given": r["_given"], "_surname": r.get("_surname", ""), "_culture": culture}
        other = f"{_freemail_local(p, fm, rng)}@{fm}"
    else:
        other = f"{_local(r.get('contact', '') or 'sales') or 'sales'}{_randrange(rng, 10, 99)}@{fm}"
    sep = _choice(rng, ("; ", " / ", ", ", ";"))
    r["email"] = f"{e}{sep}{other}" if rng.random() < 0.6 else f"{other}{sep}{e}"


def _phone_digits_hint(phone: str) -> str | None:
    """Best-effort ``cc|nsn|area|trunk`` for a phone typed without a hint (real data)."""
    digits = "".join(ch for ch in phone.split("/", maxsplit=1)[0] if ch.isdigit())
    if len(digits) < 6:
        return None
    return f"|{digits}|{2 if digits.startswith('0') else 3}|"


def _e_phone_format(r: dict[str, str], rng: Random) -> None:
    hint = r.get("_phone")
    if hint:
        style = _randrange(rng, 11)
        r["phone"] = _render_phone(hint, style, rng)
        return
    ph = r.get("phone", "")
    h = _phone_digits_hint(ph)
    if h is None:
        return
    digits = h.split("|")[1]
    if ph.strip().startswith("+"):
        r["phone"] = "+" + digits
        return
    g = _groups(digits, int(h.split("|")[2]))
    r["phone"] = _choice(rng, ("".join(g), "-".join(g), " ".join(g), f"({g[0]}) {''.join(g[1:])}"))


def _e_whatsapp(r: dict[str, str], rng: Random) -> None:
    hint = r.get("_phone")
    if hint:
        r["phone"] = _render_phone(hint, _choice(rng, (7, 8)), rng)


def _other_number(hint: str, rng: Random) -> str:
    """Another number of the same kind and area (the office's second line)."""
    cc, nsn, area, trunk = hint.split("|")
    return f"{cc}|{nsn[:-4]}{_randrange(rng, 10**4):04d}|{area}|{trunk}"


def _e_phone_second(r: dict[str, str], rng: Random) -> None:
    ph = r.get("phone", "")
    if not ph or "/" in ph:
        return
    cc = (r.get("_phone") or "86|").split("|")[0] or "86"
    if cc == "86":
        second = _choice(rng, W.CN_MOBILE_PREFIXES) + f"{_randrange(rng, 10**8):08d}"
    else:
        nsn = (r.get("_phone") or "").split("|")[1] if r.get("_phone") else ""
        if len(nsn) < 6:
            return
        second = f"+{cc} {nsn[:-4]}{_randrange(rng, 10**4):04d}"
    r["phone"] = f"{ph}{_choice(rng, (' / ', '/', ', ', '; '))}{second}"


def _e_website_variant(r: dict[str, str], rng: Random) -> None:
    w = r.get("website", "")
    domain = r.get("_domain")
    if not domain:
        if not w:
            return
        domain = re.sub(r"^(https?://)?(www\.)?", "", w.strip(), flags=re.IGNORECASE).split("/")[0]
    r["website"] = _choice(rng, (domain, f"www.{domain}", f"http://www.{domain}", f"https://{domain}/",
                               f"WWW.{domain.upper()}", f"https://www.{domain}/index.html"))


def _e_country_variant(r: dict[str, str], rng: Random) -> None:
    iso2 = r.get("_iso2") or country_iso2(r.get("country", ""))
    if not iso2:
        return
    forms = _country_forms().get(iso2, ())
    if forms:
        r["country"] = _choice(rng, forms)


def _e_address_variant(r: dict[str, str], rng: Random) -> None:
    a = r.get("address", "")
    if not a:
        return
    if _has_han(a):
        r["address"] = re.sub(r"^[^省]+省", "", a) if "省" in a and rng.random() < 0.5 else a.replace("号", "號")
        return
    for long, short in W.ABBREVIATIONS.items():
        if long in a:
            r["address"] = a.replace(long, short)
            return
    r["address"] = a.upper() if rng.random() < 0.5 else a.replace(",", "")


def _e_missing_field(r: dict[str, str], rng: Random) -> None:
    present = [f for f in ("contact", "email", "phone", "website", "address", "country") if r.get(f)]
    for f in rng.sample(present, min(len(present), _choice(rng, (1, 1, 2)))):
        r[f] = ""


_EDITS: Final[dict[str, Callable[[dict[str, str], Random], None]]] = {
    "drop_legal_form": _e_drop_legal_form, "swap_legal_form": _e_swap_legal_form,
    "drop_region": _e_drop_region, "region_brackets": _e_region_brackets, "company_case": _e_company_case,
    "fullwidth": _e_fullwidth, "punctuation": _e_punctuation, "abbreviate": _e_abbreviate,
    "stray_whitespace": _e_stray_whitespace, "typo": _e_typo, "company_english": _e_company_english,
    "company_pinyin": _e_company_pinyin, "company_han": _e_company_han, "traditional": _e_traditional,
    "simplified": _e_simplified, "name_order": _e_name_order, "contact_pinyin": _e_contact_pinyin,
    "contact_english": _e_contact_english, "contact_han": _e_contact_han, "transliterate": _e_transliterate,
    "honorific": _e_honorific, "new_contact": _e_new_contact, "boss_gmail": _e_boss_gmail,
    "gmail_dots": _e_gmail_dots, "plus_tag": _e_plus_tag, "googlemail": _e_googlemail,
    "email_case": _e_email_case, "second_email": _e_second_email, "phone_format": _e_phone_format,
    "whatsapp": _e_whatsapp, "phone_second": _e_phone_second, "website_variant": _e_website_variant,
    "country_variant": _e_country_variant, "address_variant": _e_address_variant,
    "missing_field": _e_missing_field,
}
assert tuple(_EDITS) == EDIT_KINDS  # one function per named kind, same order


def apply_edit(kind: str, record: dict[str, str], rng: Random) -> dict[str, str]:
    """Apply one CRM-style edit to a copy of *record*; the input is not changed.

    Only fields an edit concerns change; an edit that does not apply (``gmail_dots`` on a qq.com
    address, ``company_english`` on a Latin name without hints) returns an equal copy. Keys starting
    with ``_`` are hints (the entity's other surface forms) and pass through.

    Args:
        kind: One of :data:`EDIT_KINDS`.
        record: A customer record (at least ``company``; other columns optional).
        rng: The random source; the same state gives the same edit.

    Returns:
        The edited copy.

    Raises:
        KeyError: *kind* is not in :data:`EDIT_KINDS`.

    Examples:
        >>> from random import Random
        >>> apply_edit("drop_legal_form", {"company": "Veltora Lighting GmbH"}, Random(0))
        {'company': 'Veltora Lighting'}
        >>> apply_edit("drop_legal_form", {"company": "宁波海天进出口有限公司"}, Random(0))["company"]
        '宁波海天进出口'
        >>> apply_edit("googlemail", {"company": "x", "email": "a.b@gmail.com"}, Random(0))["email"]
        'a.b@googlemail.com'
        >>> apply_edit("fullwidth", {"company": "ABC Co."}, Random(0))["company"]
        'ＡＢＣ\\u3000Ｃｏ．'
    """
    func = _EDITS[kind]
    out = dict(record)
    out.setdefault("company", "")
    func(out, rng)
    if "company" not in record:
        del out["company"]
    return out


# --- countries --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _country_forms() -> dict[str, tuple[str, ...]]:
    forms = {c.iso2: c.names for c in W.COUNTRIES}
    forms["CN"] = W.CN_COUNTRY_FORMS
    forms["HK"] = W.HK_TW_COUNTRY_FORMS["852"]
    forms["TW"] = W.HK_TW_COUNTRY_FORMS["886"]
    return forms


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    out: dict[str, str] = {}
    for iso2, names in _country_forms().items():
        out[iso2.casefold()] = iso2
        for n in names:
            out.setdefault(n.casefold(), iso2)
    return out


def country_iso2(raw: str, /) -> str:
    """The ISO 3166 alpha-2 code of a country as the generator types it; ``''`` if unknown.

    Examples:
        >>> country_iso2("P.R. China"), country_iso2("中国"), country_iso2("U.S."), country_iso2("Mars")
        ('CN', 'CN', 'US', '')
    """
    return _country_index().get(raw.strip().casefold(), "")


# --- the stream -------------------------------------------------------------------------------


def _timestamp(ts: int) -> str:
    t = time.gmtime(ts + 8 * 3600)
    return (f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}T{t.tm_hour:02d}:{t.tm_min:02d}:"
            f"{t.tm_sec:02d}+08:00")


def _habits(n_owners: int) -> tuple[tuple[str, str], ...]:
    """Two habitual edits per rep, fixed (independent of the seed) so a rep's habits are stable."""
    habit_pool = ("drop_legal_form", "company_english", "phone_format", "swap_legal_form", "fullwidth",
                  "contact_pinyin", "name_order", "country_variant", "website_variant", "gmail_dots",
                  "typo", "missing_field", "traditional", "drop_region", "whatsapp", "punctuation")
    return tuple((habit_pool[i % len(habit_pool)], habit_pool[(3 * i + 5) % len(habit_pool)]) for i in range(n_owners))


def records(n: int, /, *, seed: int = 0, config: GeneratorConfig | None = None) -> Iterator[dict[str, str]]:
    """Stream *n* customer records with truth, entity by entity (original first, then duplicates).

    Args:
        n: Records to produce (``>= 0``).
        seed: Random seed; with *config* fixed, the same seed gives the same records. When 0 and a
            config is given, ``config.seed`` is used.
        config: Generator knobs (:class:`GeneratorConfig`); defaults when ``None``.

    Yields:
        Dicts with the keys :data:`CUSTOMER_COLUMNS` + :data:`EXTRA_COLUMNS`, all strings. ``id`` is
        ``r`` + a 7-digit counter (from 1), ``entity_id`` ``e`` + a 6-digit counter (from 0);
        both grow wider past their width. Entities come in blocks of :data:`BLOCK_ENTITIES`, each
        from its own seeded random stream, so blocks can be generated in parallel
        (:func:`write_csv` with ``workers``) and give the same output.

    Raises:
        ValueError: *n* is negative.

    Examples:
        >>> rows = list(records(300, seed=3))
        >>> len(rows), len({r["id"] for r in rows})
        (300, 300)
        >>> all(r["edits"] == "" for r in rows if r["id"] == min(
        ...     x["id"] for x in rows if x["entity_id"] == r["entity_id"]))
        True
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    cfg = config or GeneratorConfig()
    root = seed or cfg.seed
    produced = 0
    block = 0
    while produced < n:
        for row in _block(root, cfg, block):
            if produced >= n:
                return
            produced += 1
            yield {"id": f"r{produced:07d}", **row}
        block += 1


#: Entities per independently seeded block (hard negatives look back only within a block).
BLOCK_ENTITIES: Final = 4096
_MISSING_FIELDS: Final = ("contact", "email", "phone", "website", "address", "country")
_PERSON_HINTS: Final = frozenset({"_given", "_surname", "_nick", "_surname_zh", "_culture"})


@lru_cache(maxsize=1)
def _dup_table() -> tuple[tuple[str, ...], tuple[float, ...]]:
    kinds = tuple(_DUP_WEIGHTS)
    cum: list[float] = []
    total = 0.0
    for k in kinds:
        total += _DUP_WEIGHTS[k]
        cum.append(total)
    return kinds, tuple(cum)


@lru_cache(maxsize=8)
def _forwarders(root: int) -> tuple[str, ...]:
    """The freight forwarders' phones of one seed (shared by unrelated customers in every block)."""
    rng = Random(f"dupguard-generate:{root}:forwarders")
    return tuple(
        _phone_hint("86", area, len(area) + 8, "0", len(area), rng)
        for _ in W.FORWARDER_NAMES
        for area in (_choice(rng, ("21", "755", "574", "20", "532")),)
    )


def _block(root: int, cfg: GeneratorConfig, block: int) -> Iterator[dict[str, str]]:
    """All records (without ``id``) of the entities of one block, originals first per entity."""
    rng = Random(f"dupguard-generate:{root}:{block}")
    owners = W.OWNERS
    habits = _habits(len(owners))
    kinds, cum = _dup_table()
    recent: deque[dict[str, str]] = deque(maxlen=32)
    forwarders = _forwarders(root)
    span = cfg.span_days * 86400
    for entity in range(block * BLOCK_ENTITIES, (block + 1) * BLOCK_ENTITIES):
        like: dict[str, str] | None = None
        hard = ""
        if recent and rng.random() < cfg.hard_negative_rate:
            hard = _choice(rng, HARD_NEGATIVE_KINDS)
            like = _choice(rng, recent)
        cn = rng.random() < cfg.cn_share
        if hard == "city_industry":
            cn = like is not None and like["_kind"] == "cn"
        base = _cn_entity(rng, cfg, like if hard == "city_industry" else None) if cn else _foreign_entity(
            rng, like if hard == "city_industry" else None)
        hint = base["phone"]
        if hard == "forwarder_phone":
            hint = _choice(rng, forwarders)
        base["_phone"] = hint
        styles = _CN_STYLES if hint.startswith("86|") or base["_kind"] == "cn" else _INTL_STYLES
        phone = _render_phone(hint, _choice(rng, styles), rng)
        if rng.random() < 0.08 and hard != "forwarder_phone":
            phone += _choice(rng, (" / ", ", ")) + _render_phone(
                _phone_hint("86", _choice(rng, W.CN_MOBILE_PREFIXES), 11, "", 3, rng) if base["_iso2"] == "CN"
                else _other_number(hint, rng), 1, rng)
        base["phone"] = phone
        if like is not None and hard == "freemail_lookalike":
            local, domain = _split_email(like.get("email", ""))
            if domain in _FREEMAIL and local:
                digits = _DIGITS_RE.sub(lambda _m: str(_randrange(rng, 10)), local)
                base["email"] = f"{digits if digits != local else local + str(_randrange(rng, 10))}@{domain}"
        elif like is not None and hard == "common_name" and like.get("contact") and like["_kind"] == base["_kind"]:
            # the same person's name (and its other forms) at an unrelated company
            for k in [k for k in base if k.startswith("_contact")]:
                del base[k]
            base.update({k: v for k, v in like.items() if k.startswith("_contact") or k in _PERSON_HINTS})
            base["contact"] = like["contact"]
        for f in _MISSING_FIELDS:
            if rng.random() < cfg.missing_rate:
                base[f] = ""
        entity_id = f"e{entity:06d}"
        owner_i = _randrange(rng, len(owners))
        created = cfg.start + _randrange(rng, span)
        yield {
            **{c: base[c] for c in CUSTOMER_COLUMNS[1:]},
            "owner": owners[owner_i], "created_at": _timestamp(created), "entity_id": entity_id, "edits": "",
        }
        recent.append(base)
        if rng.random() < cfg.duplicate_rate:
            n_dups = 1
            while n_dups < cfg.max_cluster - 1 and rng.random() < 0.4:
                n_dups += 1
            for _ in range(n_dups):
                dup_owner = _randrange(rng, len(owners)) if rng.random() < 0.85 else owner_i
                rec = base
                applied: list[str] = []
                want = _randrange(rng, 1, cfg.max_edits + 1)
                for attempt in range(want + 6):
                    if len(applied) >= want:
                        break
                    if attempt == 0 and rng.random() < cfg.habit_rate:
                        kind = _choice(rng, habits[dup_owner])
                    else:
                        kind = rng.choices(kinds, cum_weights=cum)[0]
                    if kind in applied:
                        continue
                    edited = apply_edit(kind, rec, rng)
                    if any(edited[c] != rec[c] for c in CUSTOMER_COLUMNS[1:]):
                        rec = edited
                        applied.append(kind)
                created += _randrange(rng, 3600, 180 * 86400)  # entered again hours to months later
                yield {
                    **{c: rec[c] for c in CUSTOMER_COLUMNS[1:]},
                    "owner": owners[dup_owner], "created_at": _timestamp(created), "entity_id": entity_id,
                    "edits": "+".join(applied),
                }


def _block_rows(root: int, cfg: GeneratorConfig, block: int) -> list[list[str]]:
    """One block as CSV rows without the ``id`` column (run in worker processes)."""
    columns = CUSTOMER_COLUMNS[1:] + EXTRA_COLUMNS
    return [[rec[c] for c in columns] for rec in _block(root, cfg, block)]


def write_csv(
    path: str | Path, n: int, /, *, seed: int = 0, config: GeneratorConfig | None = None, workers: int = 1
) -> int:
    """Stream :func:`records` to a UTF-8 CSV with a header row; returns the data rows written.

    With ``workers > 1`` blocks are generated in that many processes (one block ahead per
    worker, so memory stays bounded) and written in order: the file is byte-identical to ``workers=1``.

    Examples:
        >>> import tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as d:
        ...     write_csv(pathlib.Path(d) / "c.csv", 10, seed=1)
        10
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    cfg = config or GeneratorConfig()
    root = seed or cfg.seed
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CUSTOMER_COLUMNS + EXTRA_COLUMNS)
        for block_rows in _blocks_rows(root, cfg, workers):
            for row in block_rows:
                if rows >= n:
                    return rows
                rows += 1
                writer.writerow([f"r{rows:07d}", *row])
            if rows >= n:
                break
    return rows


def _lazy_block_rows(root: int, cfg: GeneratorConfig, block: int) -> Iterator[list[str]]:
    columns = CUSTOMER_COLUMNS[1:] + EXTRA_COLUMNS
    for rec in _block(root, cfg, block):
        yield [rec[c] for c in columns]


def _blocks_rows(root: int, cfg: GeneratorConfig, workers: int) -> Iterator[Iterable[list[str]]]:
    if workers <= 1:
        for block in itertools.count():
            yield _lazy_block_rows(root, cfg, block)
    from concurrent.futures import Future, ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        ahead: deque[Future[list[list[str]]]] = deque()
        blocks = itertools.count()
        try:
            while True:
                while len(ahead) < workers:
                    ahead.append(pool.submit(_block_rows, root, cfg, next(blocks)))
                yield ahead.popleft().result()
        finally:
            for fut in ahead:
                fut.cancel()


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m benchmarks.generate --n 100000 --seed 1 --out x.csv``.

    Prints the rows written and the rate to stderr; returns the exit status.

    Examples:
        >>> import tempfile, pathlib, contextlib, io
        >>> with tempfile.TemporaryDirectory() as d, contextlib.redirect_stderr(io.StringIO()):
        ...     main(["--n", "20", "--out", str(pathlib.Path(d) / "x.csv")])
        0
    """
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="records to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True, help="CSV path to write (UTF-8)")
    parser.add_argument("--workers", type=int, default=1, help="processes generating blocks in parallel")
    defaults = GeneratorConfig()
    parser.add_argument("--duplicate-rate", type=float, default=defaults.duplicate_rate)
    parser.add_argument("--hard-negative-rate", type=float, default=defaults.hard_negative_rate)
    parser.add_argument("--cn-share", type=float, default=defaults.cn_share)
    args = parser.parse_args(argv)
    cfg = GeneratorConfig(n_records=args.n, duplicate_rate=args.duplicate_rate,
                          hard_negative_rate=args.hard_negative_rate, cn_share=args.cn_share, seed=args.seed)
    t0 = time.perf_counter()
    rows = write_csv(args.out, args.n, seed=args.seed, config=cfg, workers=args.workers)
    dt = time.perf_counter() - t0
    print(f"wrote {rows} records to {args.out} in {dt:.2f} s ({rows / max(dt, 1e-9):,.0f} records/s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
