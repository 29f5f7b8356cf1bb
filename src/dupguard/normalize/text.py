"""Shared text folding: the first step of every key dupguard builds.

A rep who types ``Ａｃｍｅ`` (full-width), ``Acme`` with a Cyrillic ``А``, ``Ac\u200bme`` (a zero-width
space) or ``寧波`` (Traditional) must get the same key as the colleague who typed ``acme`` or
``宁波``. :func:`fold` applies, in this order:

1. **Invisible characters removed**: lone surrogates (``Cs``, left by mis-decoded bytes) and
   every ``Cf`` (format) character — zero-width space/joiners
   U+200B–U+200D, word joiner U+2060, BOM U+FEFF, soft hyphen U+00AD, bidi controls
   U+200E/U+200F, U+202A–U+202E, U+2066–U+2069 — plus variation selectors (U+FE00–U+FE0F) and
   the combining grapheme joiner (U+034F). Control characters (``Cc``) become spaces.
   Source: Unicode TR9 (bidi), TR31 §2.3 (default-ignorable code points).
2. **NFKC** (Unicode TR15): full-width ASCII → ASCII, ideographic space → space, ligatures
   (``ﬁ``) and compatibility forms (``①``, ``Ⅷ``, ``㈱``) → their plain forms.
3. **Case folding** (``str.casefold``; ``ß`` → ``ss``), then NFKC once more: case folding can
   leave text un-normalized (``ß`` + combining acute → ``ss`` + acute, which composes to ``sś``),
   and a key must not change when folded twice (the ``NFKC_Casefold`` closure of UAX #44).
4. **Punctuation and whitespace variants**: every dash (Pd, minus sign) → ``-``; curly, prime and
   full-width quotes → ``'``/``"``; every ``Zs`` space and line break → one space; trimmed.
5. **Traditional → Simplified Chinese**, character by character with OpenCC's ``t2s`` tables
   (BYVoid/OpenCC), only when the text holds Han characters. Deliberately *not* phrase by phrase:
   OpenCC's phrase rules keep a character inside a Traditional phrase (``乾安縣`` → ``乾安县``) but
   not inside the Simplified spelling of the same phrase (``乾安县`` → ``干安县``), so two writers
   of one name would get two keys, and folding twice would change the key.

:func:`skeleton` then maps Latin/Cyrillic/Greek look-alikes onto one Latin letter (a subset of
Unicode TR39 ``confusables.txt``, lower-cased; digits are deliberately *not* mapped, since ``0``/``O``
and ``1``/``l`` distinguish real company names such as ``3M`` or ``7-Eleven``). :func:`canonical`
is ``skeleton(fold(raw))``: the text key other normalizers build on. :func:`transliterate` gives
an ASCII form (pinyin for Han via pypinyin, unidecode for the rest) for cross-script matching.

Examples:
    >>> from dupguard.normalize import text
    >>> text.fold("  ＡＣＭＥ\u200b  Trading — Co. ")
    'acme trading - co.'
    >>> text.canonical("Асme") == text.canonical("ACME")   # Cyrillic А and с
    True
    >>> text.fold("寧波海天")
    '宁波海天'
    >>> text.transliterate("宁波 Müller")
    'ning bo muller'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from dupguard.errors import InvalidText, TextReason

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "MAX_LENGTH",
    "ParsedText",
    "alnum_only",
    "canonical",
    "fold",
    "han_only",
    "has_han",
    "is_valid",
    "parse",
    "scripts",
    "skeleton",
    "to_simplified",
    "transliterate",
]

#: Longest text any normalizer accepts, in characters. Longer input is rejected at once (a CRM
#: field this long is an attack or a paste accident), which bounds every call's cost.
MAX_LENGTH: Final = 4096

_INVISIBLE_EXTRA: Final = frozenset({0x034F, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)})

# Dashes and quote variants that NFKC leaves alone.
_PUNCT_MAP: Final[dict[int, str]] = {
    **{ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"},
    **{ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u2035\u00b4\uff07"},
    **{ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\uff02"},
    ord("\u3001"): ",",  # ideographic comma
    ord("\u3002"): ".",  # ideographic full stop
    ord("\u00b7"): " ",  # middle dot, as in 阿卜杜拉·汗
    ord("\u30fb"): " ",  # katakana middle dot
}

# TR39 confusables onto Latin, after casefold (so the lower-case forms of upper-case look-alikes,
# e.g. Cyrillic В → в, are listed too: a substituted capital folds to them).
_CONFUSABLES: Final[dict[int, str]] = {
    ord(k): v
    for k, v in {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "з": "3", "һ": "h", "і": "i", "ї": "i", "ј": "j",
        "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x",
        "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y", "ӏ": "l", "ɡ": "g", "ь": "b", "ѡ": "w",
        "ԍ": "g", "ҽ": "e", "ɑ": "a", "ı": "i", "ȷ": "j",
        # Greek
        "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "h", "ι": "i", "κ": "k", "μ": "m", "ν": "v",
        "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ϲ": "c", "ϳ": "j", "ω": "w",
        "σ": "o",
    }.items()
    if v.isalpha()  # 'з' → '3' is in TR39 but would map a letter to a digit; keep letters apart
}

_SPACES_RE: Final = re.compile(r"\s+")
_HAN_RANGES: Final = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE: Final = re.compile(f"[{_HAN_RANGES}]")
_NOT_HAN_RE: Final = re.compile(f"[^{_HAN_RANGES}]+")
# [\W_] is exactly "not str.isalnum()" for str patterns.
_NOT_ALNUM_RE: Final = re.compile(r"[\W_]+")


def _check(raw: object) -> str:
    if not isinstance(raw, str):
        raise InvalidText(TextReason.NOT_A_STRING, type(raw).__name__)
    if len(raw) > MAX_LENGTH:
        # A bounded head as .value: building the message from a 10 MB value would cost more than
        # the call is allowed to take.
        raise InvalidText(TextReason.TOO_LONG, raw)
    return raw


@lru_cache(maxsize=8192)
def _t2s_char(ch: str) -> str:
    # One character alone, so no phrase rule applies; repeated until stable because the
    # character table chains (薴 → 苧 → 苎), and a key must be a fixed point.
    convert = _t2s()
    out = convert(ch)
    for _ in range(8):
        again = "".join(convert(c) for c in out)
        if again == out:
            break
        out = again
    return out


_EXTRA_RE: Final = re.compile("[\u034f\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def _strip_invisible(s: str) -> str:
    # Fast path: str.isprintable() is False for every Cc, Cf and Cs character, so printable text
    # holds nothing to strip but the (printable, Mn) variation selectors and grapheme joiner.
    if s.isprintable() and _EXTRA_RE.search(s) is None:
        return s
    out = []
    for ch in s:
        cat = unicodedata.category(ch)
        # Cs: a lone surrogate is not a character (a mis-decoded byte); it has no form to fold.
        if cat in ("Cf", "Cs") or ord(ch) in _INVISIBLE_EXTRA:
            continue
        out.append(" " if cat == "Cc" else ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc  # C++ tables; loaded on first Han text only

    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


def has_han(raw: str, /) -> bool:
    """Whether *raw* holds at least one Han (CJK ideograph) character.

    Examples:
        >>> has_han("Haitian 海天"), has_han("Haitian")
        (True, False)
    """
    return _HAN_RE.search(raw) is not None


def han_only(raw: str, /) -> str:
    """The Han (CJK ideograph) characters of *raw*, in order, and nothing else.

    Examples:
        >>> han_only("宁波 Haitian 海天 (2)")
        '宁波海天'
        >>> han_only("Haitian")
        ''
    """
    return _NOT_HAN_RE.sub("", raw)


def alnum_only(raw: str, /) -> str:
    """The letters and digits of *raw* (``str.isalnum``, in any script), in order, and nothing else.

    Examples:
        >>> alnum_only("ACME-Trading Co., Ltd. 海天_2")
        'ACMETradingCoLtd海天2'
    """
    return _NOT_ALNUM_RE.sub("", raw)


def to_simplified(raw: str, /) -> str:
    """Traditional → Simplified Chinese, character by character with OpenCC's ``t2s`` tables.

    Each Han character is converted on its own (no phrase rules), so the result is a fixed point
    (``to_simplified(to_simplified(x)) == to_simplified(x)``) and a Simplified spelling gives the
    same result as its Traditional one. Other text is returned unchanged.

    Examples:
        >>> to_simplified("臺灣水泥 華為")
        '台湾水泥 华为'
        >>> to_simplified("乾安縣") == to_simplified("乾安县") == "干安县"
        True
    """
    if not has_han(raw):
        return raw
    return "".join(_t2s_char(ch) if _HAN_RE.match(ch) else ch for ch in raw)


def fold(raw: object, /) -> str:
    """Fold *raw* for comparison: invisibles out, NFKC, casefold, punctuation, spaces, T→S.

    Args:
        raw: any text up to :data:`MAX_LENGTH` characters.

    Returns:
        The folded text (possibly empty).

    Raises:
        InvalidText: ``NOT_A_STRING`` or ``TOO_LONG``.

    Examples:
        >>> fold("ＨＵＡＷＥＩ　Ｔｅｃｈ")
        'huawei tech'
        >>> fold("Stra\u00dfe\u00ad")
        'strasse'
    """
    s = _check(raw)
    if s.isascii():
        # Fast path: ASCII needs only case, control characters and space runs.
        if not s.isprintable():
            s = "".join(" " if unicodedata.category(c) == "Cc" else c for c in s)
        return _SPACES_RE.sub(" ", s.lower()).strip()
    s = unicodedata.normalize("NFKC", _strip_invisible(s)).casefold()
    s = unicodedata.normalize("NFKC", s)  # casefold can de-normalize (ß + U+0301 → "ss" + U+0301)
    s = s.translate(_PUNCT_MAP)
    # casefold/NFKC can expose new format characters (rare); a second strip keeps fold idempotent.
    s = _strip_invisible(s)
    s = _SPACES_RE.sub(" ", s).strip()
    if has_han(s):
        s = to_simplified(s)
    return s


def skeleton(folded: str, /) -> str:
    """Map Cyrillic/Greek look-alikes in already-folded text onto Latin letters (TR39 subset).

    Examples:
        >>> skeleton(fold("АВС Тrаding"))   # Cyrillic А, В, С, Т, а
        'abc trading'
        >>> skeleton("ооо")                 # genuine Cyrillic is skeletonised too: keys only
        'ooo'
    """
    if folded.isascii():
        return folded
    # NFC again: a look-alike base with a combining mark (Cyrillic а + U+0301) becomes a Latin
    # base that composes (á); uncomposed, the key would change when canonicalised twice.
    return unicodedata.normalize("NFC", folded.translate(_CONFUSABLES))


def canonical(raw: object, /) -> str:
    """The text key: ``skeleton(fold(raw))``.

    Raises:
        InvalidText: ``NOT_A_STRING``, ``TOO_LONG``, or ``EMPTY`` when nothing visible is left.

    Examples:
        >>> canonical(" Ａｃｍｅ\u200b ")
        'acme'
    """
    key = skeleton(fold(raw))
    if not key:
        raise InvalidText(TextReason.EMPTY, raw)
    return key


def is_valid(raw: object) -> bool:
    """Whether *raw* is text with something visible in it. Never raises.

    Examples:
        >>> is_valid("x"), is_valid(" \u200b "), is_valid(None)
        (True, False, False)
    """
    try:
        canonical(raw)
    except InvalidText:
        return False
    return True


@lru_cache(maxsize=4096)
def _pinyin(han: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(han, style=Style.NORMAL, v_to_u=False, errors="ignore"))


def transliterate(raw: str, /) -> str:
    """An ASCII rendering for cross-script comparison: Han → toneless pinyin, others → unidecode.

    Han runs use pypinyin's phrase tables (so 重庆 is ``chong qing``), one syllable per word.

    Examples:
        >>> transliterate("重庆 Ромашка")
        'chong qing romashka'
    """
    from unidecode import unidecode

    s = fold(raw)
    if s.isascii():
        return s
    parts: list[str] = []
    pos = 0
    for m in re.finditer(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+", s):
        parts.append(unidecode(s[pos : m.start()]))
        parts.append(f" {_pinyin(m.group())} ")
        pos = m.end()
    parts.append(unidecode(s[pos:]))
    return _SPACES_RE.sub(" ", "".join(parts).lower()).strip()


def scripts(raw: str, /) -> frozenset[str]:
    """The writing systems of the letters in *raw*: ``latin``, ``han``, ``cyrillic``, ``greek``, …

    Read from each letter's Unicode name; digits and punctuation have no script.

    Examples:
        >>> sorted(scripts("Acme 海天"))
        ['han', 'latin']
    """
    found: set[str] = set()
    for ch in raw:
        if not ch.isalpha():
            continue
        if ch.isascii():
            found.add("latin")
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("CJK"):
            found.add("han")
        elif name:
            found.add(name.split(" ", 1)[0].lower())
    return frozenset(found)


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedText:
    """The result of :func:`parse`.

    Attributes:
        original: the input as given.
        folded: :func:`fold` of it (display-safe, lower-case).
        key: :func:`canonical` of it.
        ascii: :func:`transliterate` of it.
        scripts: the writing systems present.

    Examples:
        >>> p = ParsedText(original="Ａｃｍｅ", folded="acme", key="acme", ascii="acme",
        ...                scripts=frozenset({"latin"}))
        >>> p == parse("Ａｃｍｅ")
        True
    """

    original: str
    folded: str
    key: str
    ascii: str
    scripts: frozenset[str]


def parse(raw: object, /) -> ParsedText:
    """Fold, key, transliterate and classify *raw* in one call.

    Raises:
        InvalidText: see :func:`canonical`.

    Examples:
        >>> p = parse("ＡＢＣ 貿易")
        >>> p.folded, p.key, p.ascii, sorted(p.scripts)
        ('abc 贸易', 'abc 贸易', 'abc mao yi', ['han', 'latin'])
    """
    key = canonical(raw)
    s = _check(raw)
    folded = fold(s)
    return ParsedText(
        original=s, folded=folded, key=key, ascii=transliterate(s), scripts=scripts(folded)
    )
