"""Lexicons behind :mod:`dupguard.normalize.company`, loaded lazily from ``_data/`` on first use.

Private module: the tables here are implementation detail; the rules they encode are documented
in :mod:`dupguard.normalize.company` and ``docs/normalization/company.md``.

Examples:
    >>> lex = lexicon()
    >>> lex.latin_suffix[("ltd",)]
    'ltd'
    >>> lex.cjk_suffix["有限公司"]
    '有限公司'
    >>> fast_pinyin("海天")
    'hai tian'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final

from dupguard.normalize import text

__all__ = [
    "Lexicon",
    "ProductTerms",
    "RegionEntry",
    "cjk_run",
    "fast_pinyin",
    "fold_table",
    "han_runs",
    "latin_tokens",
    "lexicon",
    "product_terms",
    "table_pinyin",
]

#: Han, kana and Hangul: scripts written without spaces between words.
CJK_CLASS: Final = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK_RUN_RE: Final = re.compile(f"[{CJK_CLASS}]+")
_TOKEN_RE: Final = re.compile(f"[{CJK_CLASS}]+|&|[^\\W_{CJK_CLASS}]+")
_HAN_RUN_RE: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

# Han region suffixes, longest first (自治州 before 州 is not needed: 州 is part of city names).
REGION_SUFFIXES: Final = (
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "地区",
    "省",
    "市",
    "盟",
    "区",
    "县",
)


def cjk_run(token: str) -> bool:
    """Whether *token* is a run of Han/kana/Hangul characters (no spaces inside).

    Examples:
        >>> cjk_run("海天"), cjk_run("acme")
        (True, False)
    """
    if not token or token[0] < "\u3040":
        return False  # Latin, Cyrillic, Greek …: every token that is not a CJK run
    return _CJK_RUN_RE.fullmatch(token) is not None


def latin_tokens(folded: str) -> list[str]:
    """Split folded text into tokens: CJK runs, ``&``, and alphanumeric words.

    Apostrophes are dropped first (``int'l`` → ``intl``, ``mcdonald's`` → ``mcdonalds``); ``and``
    becomes ``&``; adjacent CJK runs are merged (Chinese is written without spaces, so ``万  科``
    is ``万科``); consecutive single letters or digits are merged (``U.S.`` → ``us``,
    ``A B Volvo`` → ``ab volvo``).

    Examples:
        >>> latin_tokens("ningbo haitian imp. & exp. co.,ltd")
        ['ningbo', 'haitian', 'imp', '&', 'exp', 'co', 'ltd']
        >>> latin_tokens("u.s. steel and 万 科")
        ['us', 'steel', '&', '万科']
    """
    out: list[str] = []
    singles = False  # whether out[-1] was built only from single letters/digits
    last_cjk = False  # whether out[-1] is a CJK run (merging keeps it one, or keeps it not one)
    for word in _TOKEN_RE.findall(folded.replace("'", "")):
        tok = "&" if word == "and" else word
        cjk = cjk_run(tok)
        if cjk and last_cjk:
            out[-1] += tok
            continue
        single = len(tok) == 1 and tok != "&" and not cjk
        if single and singles:
            out[-1] += tok
            continue
        out.append(tok)
        singles, last_cjk = single, cjk
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionEntry:
    """One Chinese administrative region.

    Attributes:
        han: the short Simplified name without suffix (``深圳``).
        pinyin: toneless pinyin without spaces (``shenzhen``).
        needs_suffix: only recognised with an administrative suffix (``阿里`` must read ``阿里地区``).
    """

    han: str
    pinyin: str
    needs_suffix: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Lexicon:
    """All company-name tables, folded the way names are folded.

    Attributes:
        latin_suffix: token tuple → legal-form label, for forms at the end of a name.
        latin_prefix: token tuple → label, for forms written first (``PT``, ``OOO``).
        latin_prefix_first: the first tokens of the prefix forms (a quick pre-check).
        cjk_suffix: unspaced CJK form → label (``有限公司``).
        cjk_prefix: unspaced CJK prefix form → label (``株式会社``).
        cjk_prefix_forms: the keys of ``cjk_prefix`` as a tuple (for one ``str.startswith``).
        industry_latin: token tuple → industry label.
        industry_cjk: CJK term → industry label.
        region_han: Han short name → entry.
        region_latin: compact Latin spelling (``shenzhen``, ``hongkong``) → region value.
        region_latin_prefixes: every prefix of those spellings (a quick pre-check).
        latin_words: every single token that occurs in a form or term (for tests and guards).
        index: per table, the lengths worth trying keyed by the last token / last or first
            character, longest first (``lengths(table, key)``), so matching never slices blindly.
    """

    latin_suffix: dict[tuple[str, ...], str]
    latin_prefix: dict[tuple[str, ...], str]
    latin_prefix_first: frozenset[str]
    cjk_suffix: dict[str, str]
    cjk_prefix: dict[str, str]
    cjk_prefix_forms: tuple[str, ...]
    industry_latin: dict[tuple[str, ...], str]
    industry_cjk: dict[str, str]
    region_han: dict[str, RegionEntry]
    region_latin: dict[str, str]
    region_latin_prefixes: frozenset[str]
    latin_words: frozenset[str]
    index: dict[str, dict[str, tuple[int, ...]]]

    def lengths(self, table: str, key: str) -> tuple[int, ...]:
        """Candidate match lengths, longest first, for *key* in the named table index.

        Examples:
            >>> 4 in lexicon().lengths("cjk_suffix", "司")   # 有限公司
            True
        """
        return self.index[table].get(key, ())


def _index(keys: list[tuple[str, int]]) -> dict[str, tuple[int, ...]]:
    by: dict[str, set[int]] = {}
    for k, n in keys:
        by.setdefault(k, set()).add(n)
    return {k: tuple(sorted(v, reverse=True)) for k, v in by.items()}


def _rows(name: str) -> list[list[str]]:
    data = resources.files("dupguard.normalize").joinpath("_data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in data.splitlines() if line and not line.startswith("#")]


_UNACCENT: Final = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae"})


def _unaccent(token: str) -> str:
    if token.isascii():
        return token
    s = unicodedata.normalize("NFD", token.translate(_UNACCENT))
    return "".join(c for c in s if not unicodedata.combining(c))


@lru_cache(maxsize=8192)
def _key(raw: str) -> str:
    return text.skeleton(text.fold(raw))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load and fold every table once (cached).

    Examples:
        >>> lexicon().region_han["宁波"].pinyin
        'ningbo'
    """
    latin_suffix: dict[tuple[str, ...], str] = {}
    latin_prefix: dict[tuple[str, ...], str] = {}
    cjk_suffix: dict[str, str] = {}
    cjk_prefix: dict[str, str] = {}
    words: set[str] = set()
    for form, label, position, *_ in _rows("legal_forms.tsv"):
        if len(form) > 60:
            continue  # register-style descriptions nobody types into a CRM; folding them costs time
        toks = tuple(latin_tokens(_key(form)))
        if not toks or toks[0] == "&" or toks[-1] == "&":
            continue
        lab = " ".join(latin_tokens(_key(label))) or label
        if len(toks) == 1 and cjk_run(toks[0]):
            table = cjk_prefix if position == "prefix" else cjk_suffix
            table.setdefault(toks[0], lab)
            if position == "prefix":
                continue
        table_l = latin_prefix if position == "prefix" else latin_suffix
        table_l.setdefault(toks, lab)
        plain = tuple(_unaccent(t) for t in toks)
        if plain != toks:  # "spolka z o.o." typed without its accents is the same form
            table_l.setdefault(plain, lab)
        words.update(t for t in toks if not cjk_run(t))
    industry_latin: dict[tuple[str, ...], str] = {}
    industry_cjk: dict[str, str] = {}
    for term, label, *_ in _rows("industry_terms.tsv"):
        toks = tuple(latin_tokens(_key(term)))
        if len(toks) == 1 and cjk_run(toks[0]):
            industry_cjk.setdefault(toks[0], label)
        elif toks:
            industry_latin.setdefault(toks, label)
            words.update(toks)
    region_han: dict[str, RegionEntry] = {}
    latin_seen: dict[str, set[str]] = {}
    for han, pinyin, _level, official, needs, aliases, *_ in (
        [*r, "", "", "", ""][:6] for r in _rows("cn_regions.tsv")
    ):
        entry = RegionEntry(han=_key(han), pinyin=pinyin, needs_suffix=needs == "1")
        region_han[entry.han] = entry
        if official:
            region_han.setdefault(_key(official), entry)
        if entry.needs_suffix:
            continue
        for spelling in [pinyin, *aliases.split(",")]:
            compact = "".join(latin_tokens(_key(spelling)))
            if compact:
                latin_seen.setdefault(compact, set()).add(entry.han)
    # a spelling shared by two cities (suzhou: 苏州/宿州) keeps the pinyin as the region value
    region_latin = {k: (next(iter(v)) if len(v) == 1 else k) for k, v in latin_seen.items()}
    index = {
        "latin_suffix": _index([(k[-1], len(k)) for k in latin_suffix]),
        "industry_latin": _index([(k[-1], len(k)) for k in industry_latin]),
        "cjk_suffix": _index([(k[-1], len(k)) for k in cjk_suffix]),
        "industry_cjk": _index([(k[-1], len(k)) for k in industry_cjk]),
        "region_han": _index([(k[0], len(k)) for k in region_han]),
    }
    return Lexicon(
        index=index,
        latin_suffix=latin_suffix,
        latin_prefix=latin_prefix,
        latin_prefix_first=frozenset(k[0] for k in latin_prefix),
        cjk_suffix=cjk_suffix,
        cjk_prefix=cjk_prefix,
        cjk_prefix_forms=tuple(cjk_prefix),
        industry_latin=industry_latin,
        industry_cjk=industry_cjk,
        region_han=region_han,
        region_latin=region_latin,
        region_latin_prefixes=frozenset(k[:i] for k in region_latin for i in range(1, len(k) + 1)),
        latin_words=frozenset(words),
    )


# --- Traditional -> Simplified as one translate table ---------------------------------------

#: The BMP Han blocks the fast fold path admits: Extension A, the URO and the compatibility block.
HAN_BMP: Final = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@dataclass(frozen=True, slots=True)
class ProductTerms:
    """Lines of products that end company names, by concept, in Han and in English.

    Attributes:
        han: Han term (Simplified) → concept.
        latin: English word (folded) → concept.
        han_lengths: the Han terms' lengths, longest first.
    """

    han: dict[str, str]
    latin: dict[str, str]
    han_lengths: tuple[int, ...]


@lru_cache(maxsize=1)
def product_terms() -> ProductTerms:
    """Load ``_data/product_terms.tsv`` once (cached).

    Examples:
        >>> t = product_terms()
        >>> t.han["银行"], t.latin["hotels"], t.han["酒店"]
        ('bank', 'hotel', 'hotel')
    """
    han: dict[str, str] = {}
    latin: dict[str, str] = {}
    for concept, han_terms, latin_words, *_ in _rows("product_terms.tsv"):
        for term in han_terms.split():
            han.setdefault(term, concept)
        for word in latin_words.split():
            latin.setdefault(word, concept)
    return ProductTerms(han, latin, tuple(sorted({len(t) for t in han}, reverse=True)))


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """``str.translate`` table: BMP Han → ``text.to_simplified`` of it, full-width brackets → ASCII.

    ``text.to_simplified`` converts one character at a time (OpenCC ``t2s`` without phrase rules,
    repeated until stable); this table holds the same answer for every character of
    :data:`HAN_BMP`, so a name folds in one C-level ``translate`` call instead of a Python loop
    over its characters. Built with one OpenCC call over all 28,096 characters, each on its own
    line (a line break is in no OpenCC phrase, so no phrase rule can span two characters), then
    closed over chains (薴 → 苧 → 苎). A test compares it with ``text.to_simplified`` for every
    character.

    Examples:
        >>> "寧波（海天）".translate(fold_table())
        '宁波(海天)'
    """
    import opencc  # C++ tables; loaded on first Han text only

    convert = opencc.OpenCC("t2s").convert
    chars = [chr(c) for lo, hi in HAN_BMP for c in range(lo, hi)]
    once = dict(zip(chars, convert("\n".join(chars)).split("\n"), strict=True))

    def step(s: str) -> str:
        return "".join(once[c] if c in once else convert(c) for c in s)

    table: dict[int, str] = {ord("（"): "(", ord("）"): ")"}
    for ch, first in once.items():
        out = first
        for _ in range(8):  # as text._t2s_char: until stable
            again = step(out)
            if again == out:
                break
            out = again
        if out != ch:
            table[ord(ch)] = out
    return table


# --- pinyin ------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _toneless(syllable: str) -> str:
    # pypinyin Style.NORMAL with v_to_u=False writes ü as v and drops the tone marks
    s = unicodedata.normalize("NFD", syllable).replace("u\u0308", "v")
    return "".join(c for c in s if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class _PinyinTables:
    mono: dict[str, str]  # characters with one toneless reading everywhere in pypinyin's data
    default: dict[str, str]  # every character's default (first) toneless reading
    # str.translate table: mono character -> its syllable + " "; a space is deleted, so a run
    # was read wholly from ``mono`` exactly when the output holds one space per character
    mono_spaced: dict[int, str | None]


@lru_cache(maxsize=1)
def _tables() -> _PinyinTables:
    """Per-character tables replaying pypinyin's ``lazy_pinyin`` (Style.NORMAL, no heteronyms).

    ``lazy_pinyin`` cuts a Han run with its forward-maximum-matching segmenter over its phrase
    dictionary; a segment found in that dictionary reads as the phrase's first readings, any
    other character reads as the first reading of its single-character entry. Hence:

    * a character whose every reading, in both dictionaries, has the same toneless form
      (``mono``) reads that way whatever the segmentation — a run of them needs no segmenter;
    * any other run is cut with pypinyin's own segmenter and read from the same dictionaries.

    A test compares the result with ``lazy_pinyin`` on every Han core of the CN/TW listed-company
    files and on random runs of polyphonic characters.
    """
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    mono: dict[str, str] = {}
    default: dict[str, str] = {}
    for cp, readings in PINYIN_DICT.items():
        forms = [_toneless(r) for r in readings.split(",")]
        if forms[0].isascii() and forms[0].isalpha():
            default[chr(cp)] = forms[0]
            if len(set(forms)) == 1:
                mono[chr(cp)] = forms[0]
    for phrase, phrase_readings in PHRASES_DICT.items():
        if len(phrase) != len(phrase_readings):
            for ch in phrase:
                mono.pop(ch, None)
            continue
        for ch, rs in zip(phrase, phrase_readings, strict=True):
            got = mono.get(ch)
            if got is not None:
                for r in rs:
                    if _toneless(r) != got:
                        del mono[ch]
                        break
    mono_spaced: dict[int, str | None] = {ord(ch): syl + " " for ch, syl in mono.items()}
    mono_spaced[ord(" ")] = None
    return _PinyinTables(mono=mono, default=default, mono_spaced=mono_spaced)


@lru_cache(maxsize=8192)
def _lazy(run: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(run, style=Style.NORMAL, v_to_u=False, errors="ignore"))


@lru_cache(maxsize=4096)
def _phrase(word: str) -> list[str] | None:
    """A phrase's toneless readings; ``[]`` if not a phrase; ``None`` for an odd entry."""
    from pypinyin.constants import PHRASES_DICT

    readings = PHRASES_DICT.get(word)
    if readings is None:
        return []
    if len(readings) != len(word) or not all(readings):
        return None  # pypinyin's own handling of a malformed entry decides
    return [_toneless(r[0]) for r in readings]


@lru_cache(maxsize=65536)
def fast_pinyin(han: str, /) -> str:
    """Toneless pinyin of a Han run, equal to pypinyin's ``lazy_pinyin`` joined by spaces.

    Single-reading characters come from a table; a run holding a polyphonic character is cut
    with pypinyin's own phrase segmenter and read from its dictionaries (重庆 = chong qing);
    a character pypinyin has no reading for sends the run to ``lazy_pinyin`` itself. Results are
    memoised (bounded): CRM exports repeat the same trade names many times.

    Examples:
        >>> fast_pinyin("宁波海天"), fast_pinyin("重庆"), fast_pinyin("银行")
        ('ning bo hai tian', 'chong qing', 'yin hang')
    """
    got = table_pinyin(han)
    return _lazy(han) if got is None else got


def table_pinyin(han: str, /) -> str | None:
    """The table route of :func:`fast_pinyin`: its answer, or ``None`` when pypinyin must decide.

    Examples:
        >>> table_pinyin("海天"), table_pinyin("重庆")
        ('hai tian', 'chong qing')
    """
    tables = _tables()
    out = han.translate(tables.mono_spaced)
    if out.count(" ") == len(han):  # every character is in ``mono``
        return out[:-1]
    return _segmented(han, tables)


def _segmented(han: str, tables: _PinyinTables) -> str | None:
    from pypinyin.seg.mmseg import seg

    default = tables.default
    out: list[str] = []
    for word in seg.cut(han):
        phrase = _phrase(word) if len(word) > 1 else []
        if phrase is None:
            return None
        if phrase:
            out.extend(phrase)
            continue
        for ch in word:
            syl = default.get(ch)
            if syl is None:
                return None
            out.append(syl)
    return " ".join(out)


def han_runs(s: str) -> list[str]:
    """The Han runs of *s*, in order.

    Examples:
        >>> han_runs("abc海天def进出口")
        ['海天', '进出口']
    """
    return _HAN_RUN_RE.findall(s)
