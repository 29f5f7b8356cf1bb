"""Records → per-field features (keys, comparison strings) and blocking keys.

Each field of a record becomes a :class:`FieldData`: the exact ``keys`` (several when the field
holds several values), a primary ``text`` for fuzzy comparison, an ASCII ``alt`` form for
cross-script comparison, ``aux`` keys for the partial level (same company domain, same national
phone digits, same surname romanization…), and what to show a person. Blocking keys are
``"<rule>:<key>"`` strings; the rule names the field and the way it blocks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, Final

import jellyfish

from dupguard.errors import InvalidRecord, NormalizationError, RecordReason
from dupguard.index._schema import Field, Schema
from dupguard.normalize import company, country, domain, email, person, phone, text

__all__ = [
    "ROMAN_MAX_HAN", "Extractor", "Features", "FieldData", "block_codes", "exclusive_holders", "exclusive_terms",
    "held_alone", "in_order", "is_frame", "record_id", "regions_agree", "romanized_key", "romanized_terms", "rows_of",
    "spelled_out", "tf_counts", "tf_terms",
]

_MISSING_STRINGS: Final = frozenset({"", "-", "--", "n/a", "na", "none", "null", "nan", "无", "暂无", "/"})
_DIGITS_RE: Final = re.compile(r"\d+")
_EMAIL_SEPARATORS: Final = ",; /\n\t<>\"'"


#: Tags of the term-frequency terms a company core adds beyond its keys (:func:`tf_terms`);
#: control characters, so they never equal a key. A Han core: itself and its bigrams, its trade
#: name's pinyin and its first two characters; a Latin core: its first word and first two words.
_CORE_TAG: Final = "\x02"
_BIGRAM_TAG: Final = "\x01"
_ROMAN_TAG: Final = "\x03"
_START_TAG: Final = "\x04"
_LATIN_TAG: Final = "\x05"
_WORD_RE: Final = re.compile(r"[a-z0-9]+")
#: At most this many Han records may hold a romanized trade name for it to count as one name
#: (a company's full and short name): three were one company in only 55 % of cn-listed's pairs.
ROMAN_MAX_HAN: Final = 2


def tf_terms(kind: str, keys: tuple[str, ...], core: str, /) -> tuple[str, ...]:
    """The terms one field of one record adds to the term-frequency counts.

    Its exact *keys*; and for a company (*core* is :attr:`FieldData.text`), tagged apart from
    the keys: when the core holds two Han characters or more, that Han core and each distinct
    character bigram of it (:func:`exclusive_holders` reads them), and when it begins with two
    Han characters, their pinyin and the two characters; when the core is Latin, its first word
    and its first two words joined (:func:`romanized_terms` reads those).

    Examples:
        >>> tags = {"\x02": "core:", "\x01": "bigram:", "\x03": "pinyin:", "\x04": "start:", "\x05": "latin:"}
        >>> def show(terms): return [tags.get(t[0], "") + t.lstrip("".join(tags)) for t in terms]
        >>> show(tf_terms("company", ("天宇药业",), "天宇药业"))
        ['天宇药业', 'core:天宇药业', 'bigram:天宇', 'bigram:宇药', 'bigram:药业', 'pinyin:tianyu', 'start:天宇']
        >>> show(tf_terms("company", ("tianyu pharma",), "tianyu pharma"))
        ['tianyu pharma', 'latin:tianyu', 'latin:tianyupharma']
        >>> tf_terms("email", ("a@b.cn",), "a@b.cn")
        ('a@b.cn',)
    """
    if kind != "company":
        return keys
    if core.isascii():
        words = _WORD_RE.findall(core)
        if not words:
            return keys
        if len(words) == 1:
            return (*keys, _LATIN_TAG + words[0])
        return (*keys, _LATIN_TAG + words[0], _LATIN_TAG + words[0] + words[1])
    han = text.han_only(core)
    if len(han) < 2:
        return keys
    bigrams = dict.fromkeys(_BIGRAM_TAG + han[x : x + 2] for x in range(len(han) - 1))
    roman = company.trade_name_pinyin(core)
    if not roman:
        return (*keys, _CORE_TAG + han, *bigrams)
    return (*keys, _CORE_TAG + han, *bigrams, _ROMAN_TAG + roman, _START_TAG + core[:2])


def tf_counts(kinds: Sequence[str], groups: Iterable[Iterable[Features]], /) -> list[dict[str, int]]:
    """Term-frequency counts per field over every record of *groups*: how many records hold
    each of the :func:`tf_terms` of a field whose kind is ``kinds[f]``.

    Examples:
        >>> fd = FieldData(("a@b.cn",), "a@b.cn", "a", (), "a@b.cn", ())
        >>> tf_counts(["email"], [[Features("1", (fd,), ()), Features("2", (fd,), ())]])
        [{'a@b.cn': 2}]
    """
    counts: list[dict[str, int]] = [{} for _ in kinds]
    company = [k == "company" for k in kinds]
    for group in groups:
        for feats in group:
            for f, fd in enumerate(feats.fields):
                c = counts[f]
                for k in tf_terms("company", fd.keys, fd.text) if company[f] else fd.keys:
                    c[k] = c.get(k, 0) + 1
    return counts


def block_codes(records: Iterable[Features], /) -> tuple[dict[str, int], list[int], list[int]]:
    """Number the blocking keys of *records* in order of first appearance.

    Returns ``(codes, keys, counts)``: each distinct key's number, every record's key numbers
    one after another, and how many keys each record has.

    Examples:
        >>> a, b = Features("1", (), ("email:x", "org:y")), Features("2", (), ("org:y",))
        >>> block_codes([a, b])
        ({'email:x': 0, 'org:y': 1}, [0, 1, 1], [2, 1])
    """
    codes: dict[str, int] = {}
    keys: list[int] = []
    counts: list[int] = []
    for feats in records:
        blocks = feats.blocks
        for b in blocks:
            code = codes.get(b)
            if code is None:
                code = len(codes)
                codes[b] = code
            keys.append(code)
        counts.append(len(blocks))
    return codes, keys, counts


def exclusive_holders(counts: Mapping[str, int], a: str, b: str, /, *, shortest: int = 2) -> int:
    """How many records hold Han core *a* or *b*, if their shared name is theirs alone; else 0.

    *counts* are term-frequency counts over :func:`tf_terms`. The shared name is theirs alone
    when some character bigram of the shorter core, found in the longer, is held by no record
    but those holding one of the two cores: 天宇 (天宇股份) and 天宇药业 (浙江天宇药业股份公司),
    where no other name in the data has 天宇. A third name with the bigram (天宇电子) makes the
    short one ambiguous, and the answer 0; so does a Han core shorter than *shortest*.

    Examples:
        >>> c = {"\x02天宇": 1, "\x02天宇药业": 1, "\x01天宇": 2, "\x01宇药": 1, "\x01药业": 9}
        >>> exclusive_holders(c, "天宇", "天宇药业"), exclusive_holders({**c, "\x01天宇": 3}, "天宇", "天宇药业")
        (2, 0)
    """
    return held_alone(counts, exclusive_terms(a, b, shortest=shortest))


def held_alone(counts: Mapping[str, int], terms: tuple[str, ...], /) -> int:
    """How many records hold the name two records share, if it is theirs alone; else 0 — over the
    terms :func:`exclusive_terms` (two Han cores: :func:`exclusive_holders`) or
    :func:`romanized_terms` (a Han core and a Latin one) gave.

    A romanized trade name is theirs alone when one Latin record holds it and the Han records
    holding it — at most :data:`ROMAN_MAX_HAN` — all begin with the same two characters: no
    homophone (凯发 / 开发, both ``kaifa``), no second Latin name.

    Examples:
        >>> held_alone({"\x02天宇": 1, "\x02天宇药业": 1, "\x01天宇": 2}, exclusive_terms("天宇", "天宇药业"))
        2
        >>> terms = romanized_terms("海伦钢琴", "hailun piano")
        >>> held_alone({"\x03hailun": 2, "\x04海伦": 2, "\x05hailun": 1}, terms)
        3
        >>> held_alone({"\x03hailun": 3, "\x04海伦": 2, "\x05hailun": 1}, terms)  # a homophone
        0
    """
    if not terms:
        return 0
    if terms[0][0] == _ROMAN_TAG:
        han_n, start_n, latin_n = (counts.get(t, 0) for t in terms)
        return han_n + 1 if latin_n == 1 and han_n == start_n and 1 <= han_n <= ROMAN_MAX_HAN else 0
    held = counts.get(terms[0], 0) + (counts.get(terms[1], 0) if terms[1] != terms[0] else 0)
    for bigram in terms[2:]:
        if counts.get(bigram, 0) <= held:
            return held
    return 0


def romanized_terms(a: str, b: str, /) -> tuple[str, ...]:
    """The terms :func:`held_alone` reads when of company cores *a* and *b* one is Han and the
    other Latin, and the Latin one is the Han one's trade name in pinyin followed by more words:
    海伦钢琴 / Hailun Piano, 怡达 / Yida Chemical (:func:`company.trade_name_pinyin
    <dupguard.normalize.company.trade_name_pinyin>`); ``()`` otherwise.

    Examples:
        >>> [t[1:] for t in romanized_terms("hailun piano", "海伦钢琴")]
        ['hailun', '海伦', 'hailun']
        >>> romanized_terms("海伦钢琴", "hailun"), romanized_terms("海伦钢琴", "kaifa technology")
        ((), ())
    """
    han, latin = (b, a) if a.isascii() else (a, b)
    if han.isascii() or not latin.isascii():
        return ()
    roman = romanized_key(han)
    if not roman or roman != romanized_key(latin):
        return ()
    return (_ROMAN_TAG + roman, _START_TAG + han[:2], _LATIN_TAG + roman)


def regions_agree(a: str, b: str, /) -> bool:
    """Whether two company regions (:attr:`FieldData.region`) allow one company: either absent,
    the same, or a Latin one that is the other's pinyin (a Latin region the normalizer could not
    tell apart stays Latin: Suzhou is 苏州 or 宿州).

    Examples:
        >>> regions_agree("郑州", "郑州"), regions_agree("suzhou", "苏州"), regions_agree("", "绍兴")
        (True, True, True)
        >>> regions_agree("suzhou", "绍兴"), regions_agree("深圳", "湖南")
        (False, False)
    """
    if not a or not b or a == b:
        return True
    if a.isascii() == b.isascii():
        return False
    han, latin = (b, a) if a.isascii() else (a, b)
    return text.transliterate(han).replace(" ", "") == latin.replace(" ", "")


def romanized_key(core: str, /) -> str:
    """What a company core offers a romanized match: a Han core its trade name's pinyin, a Latin
    core of two words or more its first word, any other ``""``. :func:`romanized_terms` of a Han
    and a Latin core is non-empty exactly when their keys are equal and not empty.

    Examples:
        >>> romanized_key("海伦钢琴"), romanized_key("hailun piano"), romanized_key("hailun")
        ('hailun', 'hailun', '')
    """
    if not core.isascii():
        return company.trade_name_pinyin(core)
    words = _WORD_RE.findall(core)
    return words[0] if len(words) >= 2 else ""


def spelled_out(a: str, a_whole: str, b: str, b_whole: str, /) -> bool:
    """Whether the name with the shorter Han core writes itself out inside the other: its whole
    name (*a_whole* or *b_whole*: the folded name without spaces or punctuation, as
    :attr:`FieldData.aux` holds it) appears in the other's in order, has two characters or more
    beyond its core, and the two Han cores (*a*, *b*) begin with the same character.

    How a CRM user shortens a listed company's name: 永利股份 for 上海永利带业股份有限公司, the
    trade name and the legal form kept. A bare trade name (易购) or a line of business the long
    name lacks (长青科技 / 江苏长青农化股份有限公司) says less. Either name may be the shorter
    when their cores are equally long, so the test is symmetric.

    Examples:
        >>> spelled_out("永利", "永利股份", "永利带业", "上海永利带业股份有限公司")
        True
        >>> spelled_out("长青", "长青科技", "长青农化", "江苏长青农化股份有限公司")  # no 科技 there
        False
        >>> spelled_out("易购", "易购", "合纵药易购医药", "四川合纵药易购医药股份有限公司")  # the core alone
        False
    """
    ha, hb = text.han_only(a), text.han_only(b)
    if len(ha) > len(hb):
        ha, a_whole, hb, b_whole = hb, b_whole, ha, a_whole
    elif len(ha) == len(hb) and _spells(hb, b_whole, ha, a_whole):
        return True
    return _spells(ha, a_whole, hb, b_whole)


def _spells(short: str, short_whole: str, long_: str, long_whole: str) -> bool:
    if not short or short[0] != long_[:1] or len(short_whole) < len(short) + 2:
        return False
    return len(short_whole) <= len(long_whole) and in_order(short_whole, long_whole)


def in_order(a: str, b: str, /) -> bool:
    """Whether the shorter of *a* and *b* is a subsequence of the other: its characters appear
    in the other in order (``LCSseq.similarity`` reaching the shorter length).

    Examples:
        >>> in_order("深振业", "深圳市振业"), in_order("振深业", "深圳市振业")
        (True, False)
    """
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    at = 0
    for ch in short:
        at = long_.find(ch, at) + 1
        if not at:
            return False
    return True


def exclusive_terms(a: str, b: str, /, *, shortest: int = 2) -> tuple[str, ...]:
    """The terms :func:`exclusive_holders` reads for cores *a* and *b*: the two Han cores, then
    the shorter one's bigrams found in the longer; ``()`` when it reads none.

    Examples:
        >>> [t[1:] for t in exclusive_terms("天宇", "天宇药业")]
        ['天宇', '天宇药业', '天宇']
    """
    ha, hb = text.han_only(a), text.han_only(b)
    short, long_ = (ha, hb) if len(ha) <= len(hb) else (hb, ha)
    if len(short) < max(shortest, 2):
        return ()
    bigrams = [_BIGRAM_TAG + short[x : x + 2] for x in range(len(short) - 1) if short[x : x + 2] in long_]
    if not bigrams:
        return ()
    return (_CORE_TAG + ha, _CORE_TAG + hb, *bigrams)


@dataclass(frozen=True, slots=True)
class FieldData:
    """What one field of one record contributes to matching."""

    keys: tuple[str, ...]
    text: str
    alt: str
    aux: tuple[str, ...]
    shown: str
    blocks: tuple[str, ...]
    region: str = ""
    #: company only: the business groups its industry words name (``technology``, ``trade``, …),
    #: sorted and comma-joined; two disjoint non-empty sets contradict a shared trade name.
    industry: str = ""
    #: company only: :func:`dupguard.normalize.company.trade_keys` (trade name | product line),
    #: how a Han name meets its English rendering (平安银行 / Ping An Bank).
    trade: tuple[str, ...] = ()
    #: company only: the core is nothing but product words (:func:`company.is_generic`).
    generic: bool = False


#: Industry labels (``company.parse(...).industry``) → the line of business they assert. A
#: holding (控股) is its own business: 华塑控股 and 华塑科技 are two legal entities. Words that
#: describe the organisation rather than its business (集团 group, 国际, 发展, 企业) assert none:
#: 丽珠医药集团 is 麗珠集團.
_BUSINESS: Final = {
    "technology": "technology",
    "import_export": "trade", "trading": "trade", "ecommerce": "trade", "supply_chain": "trade",
    "manufacturing": "industry", "industrial": "industry",
    "investment": "investment",
    "holding": "holding",
}


EMPTY: Final = FieldData((), "", "", (), "", ())


@dataclass(frozen=True, slots=True)
class Features:
    """All fields of one record, aligned with the schema's fields, and its blocking keys."""

    id: str
    fields: tuple[FieldData, ...]
    blocks: tuple[str, ...]


def _blocks_of(fields: tuple[FieldData, ...]) -> tuple[str, ...]:
    if len(fields) == 1:
        return fields[0].blocks
    return tuple(dict.fromkeys(chain.from_iterable(f.blocks for f in fields)))


def record_id(record: object, schema: Schema) -> str:
    """The record's id as a string, or a typed error naming what is wrong."""
    if not isinstance(record, Mapping):
        raise InvalidRecord(RecordReason.NOT_A_MAPPING, type(record).__name__)
    if schema.id not in record:
        raise InvalidRecord(RecordReason.MISSING_ID, None, field=schema.id)
    rid = record[schema.id]
    if isinstance(rid, bool) or not isinstance(rid, str | int):
        if hasattr(rid, "item") and isinstance(rid.item(), int):  # numpy integer from a DataFrame
            return str(rid.item())
        raise InvalidRecord(RecordReason.BAD_ID, rid, field=schema.id)
    sid = str(rid)
    if not sid.strip():
        raise InvalidRecord(RecordReason.BAD_ID, rid, field=schema.id)
    return sid


def rows_of(data: object) -> Iterable[Any]:
    """The records of *data*: a pandas DataFrame's rows as dicts (column-wise, far faster than
    ``to_dict("records")``), or *data* itself when it is an iterable of records.

    Raises:
        InvalidRecord: ``NOT_A_MAPPING`` when *data* is one record, a string, or not iterable.
    """
    if is_frame(data):
        return _frame_rows(data)
    if isinstance(data, Mapping | str | bytes) or not isinstance(data, Iterable):
        raise InvalidRecord(
            RecordReason.NOT_A_MAPPING, type(data).__name__, "pass a DataFrame or an iterable of mappings"
        )
    return data


def is_frame(data: object, /) -> bool:
    """Whether *data* is a pandas DataFrame (told by its shape, so pandas need not be imported).

    Examples:
        >>> is_frame([{"id": 1}])
        False
    """
    return hasattr(data, "to_dict") and hasattr(data, "columns")


def _frame_rows(df: Any) -> Iterator[dict[str, Any]]:
    cols = [str(c) for c in df.columns]
    lists = [df[c].tolist() for c in df.columns]
    for row in zip(*lists, strict=True):
        yield dict(zip(cols, row, strict=True))


def _blank(s: str) -> bool:
    """Whether a text value is one of the spellings of "no value" (``""``, ``n/a``, ``无``…)."""
    return s.strip().lower() in _MISSING_STRINGS


def _is_missing(v: object) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, str):
        return _blank(v)
    return type(v).__name__ in {"NAType", "NaTType"}


def _values(raw: object, kind: str, rid: str, fname: str) -> list[str]:
    """The raw field value as a list of strings (lists/tuples are several values; a plain
    string is read by :meth:`Extractor.features` itself)."""
    items = list(raw) if isinstance(raw, list | tuple) else [raw]
    out: list[str] = []
    for v in items:
        if _is_missing(v):
            continue
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, bool):
            raise InvalidRecord(RecordReason.BAD_VALUE_TYPE, v, record_id=rid, field=fname)
        elif isinstance(v, int) and kind in {"phone", "exact", "date", "text", "name"}:
            out.append(str(v))  # phones and codes read from spreadsheets as numbers
        elif hasattr(v, "isoformat") and kind == "date":
            out.append(str(v.isoformat())[:10])
        elif hasattr(v, "item") and kind in {"phone", "exact", "date"}:  # numpy scalar
            item = v.item()
            if isinstance(item, float) and item.is_integer():
                item = int(item)
            out.append(str(item))
        else:
            raise InvalidRecord(
                RecordReason.BAD_VALUE_TYPE, v, f"{kind} field takes text", record_id=rid, field=fname
            )
    return out


def _dedup(xs: list[str]) -> tuple[str, ...]:
    if len(xs) <= 1:
        return tuple(xs) if xs and xs[0] else ()
    return tuple(dict.fromkeys(x for x in xs if x))


# --- one extractor per kind -------------------------------------------------------------------


def _email_keys(v: str) -> list[tuple[str, str | None]]:
    """``(key, company domain or None)`` for each address in *v*."""
    if v.isascii() and not any(c in v for c in _EMAIL_SEPARATORS):
        # One plain address: the normalizer's fast key path, then the domain alone.
        try:
            key = email.canonical(v)
        except NormalizationError:
            return []
        dom = key.rsplit("@", 1)[1]
        if email.is_freemail_domain(dom):
            return [(key, None)]
        try:
            return [(key, domain.canonical(dom))]
        except NormalizationError:
            return [(key, None)]
    return [(p.key, p.company_domain) for p in _many(email.parse_many, v)]


def _email(values: list[str], f: Field, region: str | None) -> FieldData:
    keys: list[str] = []
    doms: list[str] = []
    for v in values:
        for key, dom in _email_keys(v):
            keys.append(key)
            if dom:
                doms.append(dom)
    k = _dedup(keys)
    if not k:
        return EMPTY
    d = _dedup(doms)
    blocks = tuple(f"{f.name}.email:{x}" for x in k) + tuple(f"org:{x}" for x in d)
    return FieldData(k, k[0], k[0].split("@", 1)[0], d, ", ".join(values), blocks)


def _phone(values: list[str], f: Field, region: str | None) -> FieldData:
    keys: list[str] = []
    nat: list[str] = []
    for v in values:
        for key, national in _many(lambda s: phone.key_pairs(s, region=region), v):
            keys.append(key)
            if len(national) >= 6:
                nat.append(national)
    k = _dedup(keys)
    if not k:
        return EMPTY
    n = _dedup(nat)
    blocks = tuple(f"{f.name}.phone:{x}" for x in k) + tuple(f"{f.name}.national:{x}" for x in n)
    return FieldData(k, k[0], n[0] if n else "", n, ", ".join(values), blocks)


def _domain(values: list[str], f: Field, region: str | None) -> FieldData:
    keys: list[str] = []
    for v in values:
        keys.extend(p.key for p in _many(domain.parse_many, v))
    k = _dedup(keys)
    if not k:
        return EMPTY
    return FieldData(k, k[0], k[0], k, ", ".join(values), tuple(f"org:{x}" for x in k))


def _company(values: list[str], f: Field, region: str | None) -> FieldData:
    regions: list[str] = []
    compacts: list[str] = []
    keys: list[str] = []
    alts: list[str] = []
    texts: list[str] = []
    blocks: list[str] = []
    business: set[str] = set()
    trade: list[str] = []
    generic = False
    for v in values:
        try:
            p = company.parse(v)
        except NormalizationError:
            continue
        business.update(_BUSINESS[x] for x in p.industry if x in _BUSINESS)
        if not texts:  # the first parsed value's core, like text / alt / region
            generic = company.is_generic(p)
        for t in company.trade_keys(p):
            trade.append(t)
            blocks.append(f"{f.name}.trade:{t}")
        if p.region:
            # Region + core is the identity: 湖北能源 ≠ 云南能源, while both share the core 能源.
            keys.append(f"{p.region}|{p.key}")
            regions.append(p.region)
        keys.append(p.key)
        texts.append(p.core)
        if p.ascii_key:
            alts.append(p.ascii_key)
            blocks.append(f"{f.name}.ascii:{p.ascii_key}")
        blocks.append(f"{f.name}.core:{p.key}")
        if p.pinyin:  # Han core: its character bigrams catch short ↔ full names (万科 / 万科企业,
            # 深振业 / 振业); common bigrams are demoted like any other key.
            han = text.han_only(p.core)
            for b in range(min(len(han) - 1, 6)):
                blocks.append(f"{f.name}.han2:{han[b : b + 2]}")
        first = p.ascii_key[:5] if p.ascii_key else ""
        if len(first) == 5:
            blocks.append(f"{f.name}.prefix:{first}")
        compacts.append(text.alnum_only(p.folded))
    k = _dedup(keys)
    if not k:
        return EMPTY
    a = _dedup(alts)
    # aux: the whole folded name without spaces or punctuation, so "ACMETrading" (a space lost,
    # or a zero-width space removed) still meets "ACME Trading" whose core is "acme".
    return FieldData(
        k, texts[0], a[0] if a else "", _dedup(compacts), values[0], _dedup(blocks),
        regions[0] if regions else "", ",".join(sorted(business)), _dedup(trade), generic,
    )


def _person(values: list[str], f: Field, region: str | None) -> FieldData:
    compacts: list[str] = []
    keys: list[str] = []
    aux: list[str] = []
    blocks: list[str] = []
    shown = values[0]
    for v in values:
        try:
            p = person.parse(v)
        except NormalizationError:
            continue
        keys.append(p.key)
        blocks.append(f"{f.name}.name:{p.key}")
        initial = (p.given[:1] or (p.middle[0][:1] if p.middle else "")) if p.given else ""
        for s in p.surname_keys or ((p.family,) if p.family else ()):
            aux.append(f"{s}|{initial}")
            if initial:
                blocks.append(f"{f.name}.surname_initial:{s}|{initial}")
        compacts.append(text.alnum_only(text.skeleton(p.folded)))
    k = _dedup(keys)
    if not k:
        return EMPTY
    # alt: the name as written, without spaces ("Peter\u200bMiller" = "Peter Miller").
    return FieldData(k, k[0], compacts[0], _dedup(aux), shown, _dedup(blocks))


def _text_keys(values: list[str], *, squash: bool = False) -> tuple[str, ...]:
    """Folded text keys of *values* (spaces removed when *squash*), unusable ones skipped."""
    keys: list[str] = []
    for v in values:
        try:
            key = text.canonical(v)
        except NormalizationError:
            continue
        keys.append(key.replace(" ", "") if squash else key)
    return _dedup(keys)


def _name(values: list[str], f: Field, region: str | None) -> FieldData:
    k = _text_keys(values)
    if not k:
        return EMPTY
    ascii_form = text.transliterate(k[0]).replace(" ", "")
    phon = jellyfish.metaphone(ascii_form) if ascii_form.isalpha() else ""
    blocks = tuple(f"{f.name}.name:{x}" for x in k)
    if phon:
        blocks += (f"{f.name}.metaphone:{phon}",)
    return FieldData(k, k[0], ascii_form, (phon,) if phon else (), values[0], blocks)


def _text(values: list[str], f: Field, region: str | None) -> FieldData:
    k = _text_keys(values)
    if not k:
        return EMPTY
    return FieldData(k, k[0], "", (), values[0], tuple(f"{f.name}.text:{x}" for x in k))


def _exact(values: list[str], f: Field, region: str | None) -> FieldData:
    k = _text_keys(values, squash=True)
    if not k:
        return EMPTY
    return FieldData(k, k[0], "", (), values[0], tuple(f"{f.name}.exact:{x}" for x in k))


def _date_key(v: str) -> str:
    """``YYYYMMDD`` (or a shorter digit run) from the usual spellings of a date."""
    runs: list[str] = _DIGITS_RE.findall(v)
    if len(runs) == 1:
        return runs[0]
    if len(runs) >= 3:
        a, b, c = runs[0], runs[1], runs[2]
        if len(a) == 4:  # Y-M-D
            return f"{a}{b.zfill(2)}{c.zfill(2)}"
        if len(c) == 4:  # D/M/Y (day first, the usual order outside the US)
            return f"{c}{b.zfill(2)}{a.zfill(2)}"
    return "".join(runs)


def _date(values: list[str], f: Field, region: str | None) -> FieldData:
    k = _dedup([_date_key(v) for v in values])
    if not k:
        return EMPTY
    return FieldData(k, k[0], "", (k[0][:4],), values[0], tuple(f"{f.name}.date:{x}" for x in k))


def _country(values: list[str], f: Field, region: str | None) -> FieldData:
    keys: list[str] = []
    for v in values:
        try:
            keys.append(country.canonical(v))
        except NormalizationError:
            continue
    k = _dedup(keys)
    if not k:
        return EMPTY
    return FieldData(k, k[0], "", (), values[0], ())


def _many(fn: Callable[[str], tuple[Any, ...]], v: str) -> tuple[Any, ...]:
    try:
        return fn(v)
    except NormalizationError:
        return ()


_EXTRACTORS: Final[dict[str, Callable[[list[str], Field, str | None], FieldData]]] = {
    "email": _email,
    "phone": _phone,
    "domain": _domain,
    "company": _company,
    "person": _person,
    "name": _name,
    "text": _text,
    "exact": _exact,
    "date": _date,
    "country": _country,
}


class Extractor:
    """Turns records of one schema into :class:`Features`, memoising repeated raw values.

    The memo lives in the instance (one per index or batch run), never in a module global. It
    is generational: values go into a young dict; when that holds *memo_size* values it becomes
    the old one (the previous old one is dropped) and a value found only there moves back to
    the young one. So what recurs stays and what stopped recurring goes — a CRM's index runs
    for months — in at most twice *memo_size* entries, at the cost of one more dict lookup on a
    miss.

    Examples:
        >>> ex = Extractor(Schema.customers(), memo_size=2)
        >>> for c in ("CN", "DE", "FR", "CN", "US"):  # CN recurs after DE and FR: it stays
        ...     _ = ex.features({"id": 1, "country": c})
        >>> sorted(raw for _, raw in ex._memo), sorted(raw for _, raw in ex._old)
        (['US'], ['CN', 'FR'])
    """

    __slots__ = ("_kinds", "_memo", "_memo_size", "_old", "_org_domains", "_plan", "schema")

    def __init__(self, schema: Schema, /, *, memo_size: int = 1_000_000) -> None:
        # memo_size: the young generation's size (0: no memo). A batch run wants a big memo; a
        # long-lived index a small one, or the memo outweighs the index itself.
        self.schema = schema
        self._memo_size = memo_size
        # Keyed (field position, raw string) for a plain string value, else (field position,
        # its values as a tuple): the two kinds of key never collide.
        self._memo: dict[tuple[int, object], FieldData] = {}
        self._old: dict[tuple[int, object], FieldData] = {}
        self._plan = tuple((i, f, _EXTRACTORS[f.kind]) for i, f in enumerate(schema.fields))
        self._kinds = tuple(f.kind for f in schema.fields)
        self._org_domains = "domain" in self._kinds and "email" in self._kinds

    def features(self, record: object, /, *, remember: bool = True) -> Features:
        """Validate *record* and extract its features (raises :class:`InvalidRecord`).

        With ``remember=False`` the memo is read, never written: a one-record check leaves the
        extractor as it found it. Besides keeping reads free of side effects, that keeps a
        check from leaving objects behind — each one left behind brings the next garbage
        collection closer, and a collection during a check is what its p99 latency is made of.

        Examples:
            >>> ex = Extractor(Schema.customers())
            >>> ex.features({"id": 1, "country": "CN"}, remember=False).fields[5].keys, len(ex._memo)
            (('CN',), 0)
        """
        rid = record_id(record, self.schema)
        assert isinstance(record, Mapping)
        memo = self._memo
        region = self.schema.region
        out: list[FieldData] = []
        for i, f, extract in self._plan:
            raw = record.get(f.name)
            if type(raw) is str:  # the common case: one string, memoised as it is
                key: tuple[int, object] = (i, raw)
                fd = memo.get(key)
                if fd is None:
                    fd = self._old.get(key)
                    if fd is None:
                        fd = EMPTY if _blank(raw) else extract([raw], f, region)
                    if remember:
                        memo = self._remember(key, fd)
                out.append(fd)
                continue
            values = _values(raw, f.kind, rid, f.name)
            if not values:
                out.append(EMPTY)
                continue
            key = (i, tuple(values))
            fd = memo.get(key)
            if fd is None:
                fd = self._old.get(key)
                if fd is None:
                    fd = extract(values, f, region)
                if remember:
                    memo = self._remember(key, fd)
            out.append(fd)
        if self._org_domains:
            out = self._with_org_domains(out)
        fields = tuple(out)
        return Features(rid, fields, _blocks_of(fields))

    def _remember(self, key: tuple[int, object], fd: FieldData) -> dict[tuple[int, object], FieldData]:
        """Put *fd* in the young generation (aging it first when full); returns the young dict."""
        memo = self._memo
        if len(memo) >= self._memo_size:
            if not self._memo_size:
                return memo
            self._old, self._memo = memo, {}
            memo = self._memo
        memo[key] = fd
        return memo

    def _with_org_domains(self, out: list[FieldData]) -> list[FieldData]:
        """Give website fields the record's email company domains as partial-level evidence."""
        kinds = self._kinds
        org = _dedup([d for f, fd in zip(kinds, out, strict=True) if f == "email" for d in fd.aux])
        if not org:
            return out
        for n, (kind, fd) in enumerate(zip(kinds, out, strict=True)):
            if kind == "domain":
                aux = _dedup([*fd.keys, *org])
                out[n] = FieldData(fd.keys, fd.text, fd.alt, aux, fd.shown, fd.blocks, fd.region)
        return out
