"""Company names: the trade name ("core") behind legal forms, regions, industry words and branches.

A rep types ``NINGBO HAITIAN IMP. & EXP. CO.,LTD``, a colleague ``宁波海天进出口有限公司`` and a
third ``寧波海天進出口有限公司``: all three are 海天 of Ningbo. :func:`parse` splits a name into

* ``legal_form`` — legal-form words at the **end** (``Ltd``, ``GmbH``, ``CO.,LTD``, ``Pvt. Ltd.``,
  有限公司, 股份有限公司, 株式会社, 유한회사 …; unspaced CJK forms are matched inside the run) and a
  few forms that are written **first** by convention (``PT``, ``CV``, ``OOO``/``ООО``, ``SC``,
  ``JSC``, 株式会社, ``(주)``). Lexicon: GLEIF ISO 20275 ELF list (CC0) + OpenSanctions rigour
  ``org_types.yml`` (MIT) + a curated list, built by ``scripts/build_legal_forms.py``;
* ``industry`` — business-type descriptors at the end (进出口/``IMP. & EXP.``/``I/E`` →
  ``import_export``, 贸易/商贸/``Trading`` → ``trading``, 科技/``Tech`` → ``technology``,
  集团/``Group`` → ``group``, 控股/``Holdings`` → ``holding``, ``INT'L`` → ``international``,
  ``MFG`` → ``manufacturing`` …, ``_data/industry_terms.tsv``). Product words (电子, 机械) are
  *not* stripped: 海天电子 and 海天机械 are different firms;
* ``region`` — a Chinese province/city/county **prefix** (广东省深圳市…, 深圳市…, 宁波…, or
  ``NINGBO …``/``SHENZHEN …`` in pinyin), a parenthesised region anywhere (``（深圳）``,
  ``(Shenzhen)``, ``(HK)``) or a trailing ``HK``/``Hong Kong``. Stored as the Simplified Han short
  name (``深圳``) so both scripts compare; a pinyin shared by two cities (``suzhou`` = 苏州/宿州)
  is stored as the pinyin. ``中国``/``China`` is stripped only when another region follows it
  (``中国浙江…``): ``中国银行`` and ``China Mobile`` keep it, since without it they are generic;
* ``branch`` — a trailing branch marker (分公司, 办事处, 代表处, 分厂, 分店, 营业部, 分行, 支行,
  ``Branch``, ``Branch Office``, ``Representative Office``) with its qualifier (``深圳分公司``);
* ``core`` — what is left: the trade name, folded (lower-case, Simplified, look-alikes mapped),
  Latin words joined by one space, CJK runs kept without spaces (``海天``).

Rules, in order (details and sources in ``docs/normalization/company.md``):

1. :func:`dupguard.normalize.text.fold` then ``skeleton``; apostrophes dropped, ``and`` → ``&``,
   runs of single letters merged (``U.S.`` → ``us``), adjacent CJK runs merged (``万  科``).
2. Parenthesised groups are classified: region, descriptor, legal form, branch — or kept as words.
3. Stock-listing markers of exchange short names are dropped (``*ST``, ``ST``, ``S*ST`` before a
   Chinese name; a trailing share class ``A``/``B``; a leading ``N``/``C``/``U``/``W``); a leading
   ``the`` is dropped.
4. Branch marker, then prefix legal forms (and a leading ``the``), then — repeatedly, from the
   end — legal forms, descriptors and a trailing Hong Kong marker; then region prefixes from the
   front. Rules 3-4 repeat until nothing changes, so ``canonical`` is idempotent.
5. Nothing left? A name made only of legal-form words (``Co., Ltd.``, ``Inc``) has no name:
   ``InvalidCompanyName(NO_NAME)``. Otherwise the core falls back to the stripped descriptors
   (深圳贸易有限公司 → core ``贸易``, region ``深圳``), then to the region words (``Shenzhen Ltd`` →
   ``shenzhen``), so every real name keeps a key.

``key`` (= :func:`canonical`) is the core: two spellings that differ only by spacing inside Latin
words (``Hai Tian`` / ``Haitian``) get different keys — that is the fuzzy matcher's job, helped by
``ascii_key`` (Han → pinyin, everything joined without spaces: ``haitian`` for 海天, ``Haitian``
and ``Hai Tian``). ``tokens`` are the core's Latin words plus the character bigrams of each CJK run
(a CJK run of one character is its own token).

Examples:
    >>> a = parse("宁波海天进出口有限公司")
    >>> b = parse("寧波海天進出口有限公司")
    >>> c = parse("NINGBO HAITIAN IMP. & EXP. CO.,LTD")
    >>> a.core, b.core, c.core
    ('海天', '海天', 'haitian')
    >>> a.pinyin, a.ascii_key == c.ascii_key == "haitian"
    ('hai tian', True)
    >>> a.region, c.region, a.industry, c.industry, a.legal_form, c.legal_form
    ('宁波', '宁波', ('import_export',), ('import_export',), '有限公司', 'ltd')
    >>> canonical("Acme Company Limited") == canonical("ACME") == "acme"
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from dupguard.errors import CompanyReason, InvalidCompanyName
from dupguard.normalize import text
from dupguard.normalize._company_lexicon import (
    REGION_SUFFIXES,
    Lexicon,
    cjk_run,
    fast_pinyin,
    fold_table,
    han_runs,
    latin_tokens,
    lexicon,
    product_terms,
)

__all__ = ["ParsedCompany", "canonical", "is_generic", "is_valid", "parse", "trade_keys", "trade_name_pinyin"]

# Text of only these characters folds exactly like text.fold does on its ASCII path plus OpenCC:
# printable ASCII, CJK unified ideographs (no NFKC mapping, no case) and full-width brackets.
_FAST_FOLD_RE: Final = re.compile(r"[\x20-\x7e\u3400-\u4dbf\u4e00-\u9fff（）]*")
_SPACES_RE: Final = re.compile(r" +")
_PAREN_RE: Final = re.compile(r"\(([^()]{0,80})\)")
_NON_ALNUM_RE: Final = re.compile(r"[^0-9a-z]+")
_HAN_CORE_RE: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

_CJK_BRANCH: Final = (
    "分公司",
    "办事处",
    "代表处",
    "分厂",
    "分店",
    "营业部",
    "分行",
    "支行",
    "分所",
)
_LATIN_BRANCH: Final = (
    ("representative", "office"),
    ("rep", "office"),
    ("liaison", "office"),
    ("branch", "office"),
    ("branch",),
)
# Taiwan exchange short-name flags: *, -KY (Cayman-registered), -创 (innovation board), -DR.
_TW_MARK_RE: Final = re.compile(r"(?<=[\u3400-\u9fff])(?:\*|-ky|-创|-dr)+$")
_LATIN_BRANCH_LAST: Final = frozenset(m[-1] for m in _LATIN_BRANCH)
_STOCK_PREFIX: Final = frozenset({"st", "sst", "s", "n", "c", "u", "w", "xd", "xr", "dr"})
_SHARE_CLASS: Final = frozenset({"a", "b"})
_HK_TAIL: Final = frozenset({"hk", "hongkong"})
_CHINA: Final = "中国"


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedCompany:
    """The result of :func:`parse`.

    Attributes:
        original: the input as given.
        folded: ``text.fold(original)``.
        core: the trade name, folded; Latin words joined by one space, CJK runs unspaced.
        key: the match key, equal to :func:`canonical` (the core).
        legal_form: label of the outermost legal form stripped (``ltd``, ``gmbh``, ``有限公司``).
        region: Chinese region split off (Simplified Han short name, ``深圳``), or ``None``.
        industry: descriptor labels stripped, in name order (``("import_export",)``).
        branch: the branch marker with its qualifier (``深圳分公司``, ``shanghai branch``).
        tokens: the core's Latin words and the character bigrams of its CJK runs.
        pinyin: toneless pinyin of the Han characters of the core, or ``None`` without Han.
        ascii_key: cross-script key: the core with Han as pinyin, other scripts via unidecode,
            only ``[0-9a-z]`` kept.
        scripts: writing systems of the folded name (``text.scripts``).

    Examples:
        >>> p = parse("深圳市振业(集团)股份有限公司")
        >>> p.core, p.region, p.industry, p.legal_form, p.tokens
        ('振业', '深圳', ('group',), '股份有限公司', ('振业',))
    """

    original: str
    folded: str
    core: str
    key: str
    legal_form: str | None
    region: str | None
    industry: tuple[str, ...]
    branch: str | None
    tokens: tuple[str, ...]
    pinyin: str | None
    ascii_key: str
    scripts: frozenset[str]


def _fold(raw: str) -> str:
    # Same result as text.fold (a test checks it); skips its per-character Python loop for the
    # common case of ASCII + BMP Han + full-width brackets: one translate (T→S and brackets).
    if _FAST_FOLD_RE.fullmatch(raw):
        s = raw.lower() if raw.isascii() else raw.translate(fold_table()).lower()
        if "  " in s:
            s = _SPACES_RE.sub(" ", s)
        return s.strip()
    return text.fold(raw)


_LATIN: Final = frozenset({"latin"})
_HAN: Final = frozenset({"han"})
_HAN_LATIN: Final = frozenset({"han", "latin"})
_NO_SCRIPT: Final = frozenset[str]()
_ASCII_LETTER_RE: Final = re.compile(r"[A-Za-z]")
_HAN_ONLY_RE: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _scripts(folded: str) -> frozenset[str]:
    # Same result as text.scripts (a test checks it) without a Unicode-name lookup per letter.
    if folded.isascii():
        return _LATIN if _ASCII_LETTER_RE.search(folded) else _NO_SCRIPT
    if _FAST_FOLD_RE.fullmatch(folded):
        latin = _ASCII_LETTER_RE.search(folded) is not None
        if _HAN_ONLY_RE.search(folded):
            return _HAN_LATIN if latin else _HAN
        return _LATIN if latin else _NO_SCRIPT
    return text.scripts(folded)


def _check(raw: object) -> str:
    if not isinstance(raw, str):
        raise InvalidCompanyName(CompanyReason.NOT_A_STRING, type(raw).__name__)
    if len(raw) > text.MAX_LENGTH:
        raise InvalidCompanyName(CompanyReason.TOO_LONG, raw)
    return raw


class _State:
    """Mutable working state of one parse (local to the call)."""

    __slots__ = ("branch", "industry", "industry_words", "legal_form", "region")

    def __init__(self) -> None:
        self.legal_form: str | None = None
        self.region: str | None = None
        self.industry: list[str] = []
        self.industry_words: list[str] = []
        self.branch: str | None = None


# --- matching helpers ------------------------------------------------------------------------


def _region_han_prefix(run: str, lex: Lexicon) -> tuple[str, int] | None:
    """Longest region name at the start of a CJK run: (short name, characters consumed)."""
    for n in lex.lengths("region_han", run[0]):
        if n > len(run):
            continue
        entry = lex.region_han.get(run[:n])
        if entry is None:
            continue
        rest = run[n:]
        for suffix in REGION_SUFFIXES:
            if rest.startswith(suffix):
                return entry.han, n + len(suffix)
        if entry.needs_suffix and run[:n] == entry.han:
            continue
        return entry.han, n
    return None


def _region_latin(tokens: list[str], start: int, lex: Lexicon) -> tuple[str, int] | None:
    """A Latin region spelled by tokens[start:start+k] (joined without spaces), longest first."""
    if tokens[start] not in lex.region_latin_prefixes:
        return None
    for k in range(min(5, len(tokens) - start), 0, -1):
        compact = "".join(tokens[start : start + k])
        value = lex.region_latin.get(compact)
        if value is not None:
            return value, k
    return None


def _region_of(content: str, lex: Lexicon) -> str | None:
    """The region a whole parenthesised group names, if it names only a region."""
    toks = latin_tokens(content)
    if len(toks) == 1 and cjk_run(toks[0]):
        hit = _region_han_prefix(toks[0], lex)
        if hit is not None and hit[1] == len(toks[0]):
            return hit[0]
        entry = lex.region_han.get(toks[0])
        return entry.han if entry else None
    if toks and not any(cjk_run(t) for t in toks):
        hit2 = _region_latin(toks, 0, lex)
        if hit2 is not None and hit2[1] == len(toks):
            return hit2[0]
    return None


def _cjk_suffix(run: str, table: dict[str, str], lens: tuple[int, ...]) -> tuple[str, int] | None:
    for n in lens:
        if n > len(run):
            continue
        label = table.get(run[-n:])
        if label is not None:
            return label, n
    return None


def _latin_suffix(
    tokens: list[str], table: dict[tuple[str, ...], str], lens: tuple[int, ...]
) -> tuple[str, int] | None:
    for k in lens:
        if k > len(tokens):
            continue
        label = table.get(tuple(tokens[-k:]))
        if label is not None:
            return label, k
    return None


# --- the pipeline ----------------------------------------------------------------------------


def _parens(s: str, st: _State, lex: Lexicon) -> str:
    """Classify each parenthesised group; drop the recognised ones, unwrap the rest."""

    def repl(m: re.Match[str]) -> str:
        content = m.group(1).strip()
        if not content:
            return " "
        region = _region_of(content, lex)
        if region is not None:
            if st.region is None:
                st.region = region
            return " "
        toks = latin_tokens(content)
        if not toks:
            return " "
        if len(toks) == 1 and cjk_run(toks[0]):
            run = toks[0]
            if run in lex.industry_cjk:
                st.industry.append(lex.industry_cjk[run])
                return " "
            if run in lex.cjk_suffix:
                st.legal_form = st.legal_form or lex.cjk_suffix[run]
                return " "
            if run.endswith(_CJK_BRANCH) and st.branch is None:
                st.branch = run
                return " "
        else:
            key = tuple(toks)
            if key in lex.industry_latin:
                st.industry.append(lex.industry_latin[key])
                return " "
            if key in lex.latin_suffix or key in lex.latin_prefix:
                st.legal_form = st.legal_form or lex.latin_suffix.get(key) or lex.latin_prefix[key]
                return " "
            if toks[-1] == "branch" and st.branch is None:
                st.branch = " ".join(toks)
                return " "
        return f" {content} "

    if "(" in s:
        s = _PAREN_RE.sub(repl, s)
        s = _PAREN_RE.sub(repl, s)  # one level of nesting
    return s


def _stock_markers(tokens: list[str]) -> list[str]:
    """Drop exchange short-name markers around a Chinese name (*ST, ST, N, C, trailing A/B)."""
    if tokens[0] not in _STOCK_PREFIX and tokens[-1] not in _SHARE_CLASS:
        return tokens
    first_cjk = next((i for i, t in enumerate(tokens) if cjk_run(t)), None)
    if first_cjk is None:
        return tokens
    if first_cjk and all(t in _STOCK_PREFIX for t in tokens[:first_cjk]):
        tokens = tokens[first_cjk:]
    if len(tokens) >= 2 and tokens[-1] in _SHARE_CLASS and cjk_run(tokens[-2]):
        tokens = tokens[:-1]
    return tokens


def _branch(tokens: list[str], st: _State, lex: Lexicon) -> list[str]:
    last = tokens[-1]
    if last.endswith(_CJK_BRANCH):
        for marker in _CJK_BRANCH:
            if not last.endswith(marker) or len(last) == len(marker):
                continue
            rest = last[: -len(marker)]
            # qualifier: whatever follows the last legal form (有限公司深圳分公司), else a region
            cut = -1
            for form in ("公司", "会社", "集团"):
                pos = rest.rfind(form)
                if pos >= 0:
                    cut = max(cut, pos + len(form))
            if cut < 0:
                for n in range(min(len(rest) - 1, 9), 1, -1):
                    tail = rest[-n:]
                    for suffix in ("", *REGION_SUFFIXES):
                        base = tail[: len(tail) - len(suffix)] if suffix else tail
                        if (not suffix or tail.endswith(suffix)) and base in lex.region_han:
                            cut = len(rest) - n
                            break
                    if cut >= 0:
                        break
            cut = len(rest) if cut < 0 else cut
            if cut == 0:
                return tokens  # "深圳分公司" alone: keep it as the name
            st.branch = rest[cut:] + marker + (st.branch or "")
            return [*tokens[:-1], rest[:cut]]
        return tokens
    if last not in _LATIN_BRANCH_LAST:
        return tokens
    for words in _LATIN_BRANCH:
        k = len(words)
        if len(tokens) > k and tuple(tokens[-k:]) == words:
            kept = tokens[:-k]
            qual: list[str] = []
            for j in range(1, len(kept)):
                hit = _region_latin(kept, j, lex)
                if hit is not None and j + hit[1] == len(kept):
                    qual, kept = kept[j:], kept[:j]
                    break
            st.branch = " ".join([*qual, *words, *([st.branch] if st.branch else [])])
            return kept
    return tokens


def _prefix_forms(tokens: list[str], st: _State, lex: Lexicon) -> list[str]:
    first = tokens[0]
    if cjk_run(first):
        for form, label in lex.cjk_prefix.items():
            if first.startswith(form) and len(first) > len(form):
                st.legal_form = st.legal_form or label
                return [first[len(form) :], *tokens[1:]]
        return tokens
    while tokens[0] in ("the", "&") and len(tokens) > 1:
        tokens = tokens[1:]
    if tokens[0] not in lex.latin_prefix_first:
        return tokens
    for k in (3, 2, 1):
        if len(tokens) > k:
            found = lex.latin_prefix.get(tuple(tokens[:k]))
            if found is not None:
                st.legal_form = st.legal_form or found
                return tokens[k:]
    return tokens


def _suffixes(tokens: list[str], st: _State, lex: Lexicon) -> list[str]:
    """Strip legal forms, descriptors and a Hong Kong tail from the end, repeatedly."""
    industry_rev: list[str] = []
    industry_words_rev: list[str] = []
    index = lex.index  # lex.lengths(table, key) without a method call per step
    cjk_suffix_lens, industry_cjk_lens = index["cjk_suffix"], index["industry_cjk"]
    latin_suffix_lens, industry_latin_lens = index["latin_suffix"], index["industry_latin"]
    while tokens:
        last = tokens[-1]
        if last == "&":
            tokens = tokens[:-1]
            continue
        if cjk_run(last):
            hit = _cjk_suffix(last, lex.cjk_suffix, cjk_suffix_lens.get(last[-1], ()))
            if hit is not None:
                st.legal_form = st.legal_form or hit[0]
                rest = last[: -hit[1]]
                tokens = [*tokens[:-1], rest] if rest else tokens[:-1]
                continue
            hit = _cjk_suffix(last, lex.industry_cjk, industry_cjk_lens.get(last[-1], ()))
            if hit is not None:
                industry_rev.append(hit[0])
                industry_words_rev.append(last[-hit[1] :])
                rest = last[: -hit[1]]
                tokens = [*tokens[:-1], rest] if rest else tokens[:-1]
                continue
            break
        hit = _latin_suffix(tokens, lex.latin_suffix, latin_suffix_lens.get(last, ()))
        if hit is not None:
            st.legal_form = st.legal_form or hit[0]
            tokens = tokens[: -hit[1]]
            continue
        hit = _latin_suffix(tokens, lex.industry_latin, industry_latin_lens.get(last, ()))
        if hit is not None:
            industry_rev.append(hit[0])
            industry_words_rev.append(" ".join(tokens[-hit[1] :]))
            tokens = tokens[: -hit[1]]
            continue
        if last in _HK_TAIL or (len(tokens) >= 2 and tokens[-2:] == ["hong", "kong"]):
            k = 1 if last in _HK_TAIL else 2
            if len(tokens) > k:
                st.region = st.region or "香港"
                tokens = tokens[:-k]
                continue
        break
    st.industry = [*reversed(industry_rev), *st.industry]
    st.industry_words = [*reversed(industry_words_rev), *st.industry_words]
    return tokens


def _regions(tokens: list[str], st: _State, lex: Lexicon) -> list[str]:
    """Strip region prefixes from the front; 中国/China only when another region follows."""
    found: list[str] = []
    words: list[str] = []
    while tokens:
        first = tokens[0]
        if cjk_run(first):
            hit = _region_han_prefix(first, lex)
            if hit is None:
                break
            rest = first[hit[1] :]
            remaining = [rest, *tokens[1:]] if rest else tokens[1:]
            if len(rest) == 1 and len(remaining) == 1:
                break  # 宁波海 → keep: a one-character trade name is too thin to split off
            found.append(hit[0])
            words.append(first[: hit[1]])
            tokens = remaining
            continue
        hit2 = _region_latin(tokens, 0, lex)
        if hit2 is None:
            break
        found.append(hit2[0])
        words.append(" ".join(tokens[: hit2[1]]))
        tokens = tokens[hit2[1] :]
        while tokens and tokens[0] in ("&", "the"):  # "Ningbo & Haitian", "Ningbo The Haitian"
            tokens = tokens[1:]
    if found and found[-1] == _CHINA:
        # 中国/China right before the trade name belongs to it (中国银行, China Mobile)
        tokens = latin_tokens(" ".join([words[-1], *tokens]))
        found, words = found[:-1], words[:-1]
    if not found:
        return tokens
    if not tokens and (not st.industry_words or found[0] == _CHINA):
        # a region alone is the name ("Shenzhen Ltd"); so is 中国 + a place before nothing but
        # industry words (中国宝安集团: 宝安 names the company, not where it sits)
        return latin_tokens(" ".join(words))
    region = next((r for r in reversed(found) if r != _CHINA), None)
    if region is None:  # only 中国/China: part of the name
        return latin_tokens(" ".join([*words, *tokens]))
    st.region = st.region or region
    return tokens


def _core_tokens(core_parts: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for part in core_parts:
        if len(part) > 1 and cjk_run(part):
            out += [part[i : i + 2] for i in range(len(part) - 1)]
        elif part != "&":
            out.append(part)
    return tuple(out)


def _ascii_key(core: str, pinyin: str | None) -> str:
    if core.isascii():
        return _NON_ALNUM_RE.sub("", core)
    if pinyin is not None and _HAN_CORE_RE.fullmatch(core):
        return pinyin.replace(" ", "")
    from unidecode import unidecode

    parts: list[str] = []
    pos = 0
    for m in _HAN_CORE_RE.finditer(core):
        parts.append(unidecode(core[pos : m.start()]))
        parts.append(fast_pinyin(m.group()))
        pos = m.end()
    parts.append(unidecode(core[pos:]))
    return _NON_ALNUM_RE.sub("", "".join(parts).lower())


def _strip(tokens: list[str], st: _State, lex: Lexicon) -> list[str]:
    """One pass of rules 3-8: markers, branch, prefix forms, suffixes, regions."""
    tokens = _stock_markers(tokens)
    tokens = _branch(tokens, st, lex)
    tokens = _prefix_forms(tokens, st, lex)
    tokens = _suffixes(tokens, st, lex)
    while tokens:  # a branch marker behind a legal form ("Haitian Branch Co."): repeat
        before = tokens
        tokens = _branch(tokens, st, lex)
        if tokens is before:
            break
        tokens = _suffixes(tokens, st, lex)
    tokens = [t for t in tokens if t]
    while tokens and tokens[0] == "&":
        tokens = tokens[1:]
    if tokens or st.industry_words:
        tokens = _regions(tokens, st, lex)
    return tokens


def _settled(tokens: list[str], lex: Lexicon) -> bool:
    """Whether another :func:`_strip` pass would provably return *tokens* and change nothing.

    True only when every step's own trigger is absent from the ends of *tokens*: no stock marker,
    branch marker, prefix form, suffix form, descriptor, ``&``/``the``, Hong Kong tail or region
    prefix. Each step then returns its input untouched and leaves the state alone, so the pass is
    the identity and the fixed point is reached. ``False`` means "maybe not": run the pass.
    """
    first, last = tokens[0], tokens[-1]
    if first in _STOCK_PREFIX or last in _SHARE_CLASS or last in _LATIN_BRANCH_LAST:
        return False
    if last == "&" or first in ("&", "the") or not all(tokens):
        return False
    if cjk_run(last):
        if last.endswith(_CJK_BRANCH):
            return False
        if _cjk_suffix(last, lex.cjk_suffix, lex.lengths("cjk_suffix", last[-1])) is not None:
            return False
        if _cjk_suffix(last, lex.industry_cjk, lex.lengths("industry_cjk", last[-1])) is not None:
            return False
    else:
        if _latin_suffix(tokens, lex.latin_suffix, lex.lengths("latin_suffix", last)) is not None:
            return False
        if (
            _latin_suffix(tokens, lex.industry_latin, lex.lengths("industry_latin", last))
            is not None
        ):
            return False
        if last in _HK_TAIL or last == "kong":
            return False
    if cjk_run(first):
        return not first.startswith(lex.cjk_prefix_forms) and _region_han_prefix(first, lex) is None
    return first not in lex.latin_prefix_first and _region_latin(tokens, 0, lex) is None


def _split(raw: object) -> tuple[str, str, list[str], _State]:
    """Rules 1-5: the checked input, its folded form, the core's tokens and what was split off."""
    s = _check(raw)
    folded = _fold(s)
    if not folded:
        raise InvalidCompanyName(CompanyReason.EMPTY, s)
    lex = lexicon()
    st = _State()
    work = text.skeleton(folded)
    if work.endswith(("*", "ky", "创", "dr")):
        work = _TW_MARK_RE.sub("", work)
    work = _parens(work, st, lex)
    tokens = latin_tokens(work)
    if not tokens:
        raise InvalidCompanyName(CompanyReason.NO_NAME, s)
    for _ in range(8):  # each pass can expose more ("Ningbo PT Haitian"); stop at a fixpoint
        before = tokens
        tokens = _strip(tokens, st, lex)
        # _settled: the next pass would return these tokens unchanged, so skip running it
        if not tokens or tokens == before or _settled(tokens, lex):
            break
    if not tokens:
        if st.industry_words:
            tokens = latin_tokens(" ".join(st.industry_words))
        else:
            raise InvalidCompanyName(CompanyReason.NO_NAME, s)
    return s, folded, tokens, st


def parse(raw: object, /) -> ParsedCompany:
    """Split a company name into core, legal form, region, industry words and branch.

    Args:
        raw: the name as typed (any script; Traditional or Simplified Chinese).

    Returns:
        A :class:`ParsedCompany`.

    Raises:
        InvalidCompanyName: ``NOT_A_STRING``; ``TOO_LONG`` (over ``text.MAX_LENGTH`` characters);
            ``EMPTY`` (nothing visible); ``NO_NAME`` (only legal-form words, e.g. ``Co., Ltd.``,
            or no letters or digits at all).

    Examples:
        >>> p = parse("Shenzhen Haitian Trading Co., Ltd. Shanghai Branch")
        >>> p.core, p.region, p.industry, p.legal_form, p.branch
        ('haitian', '深圳', ('trading',), 'ltd', 'shanghai branch')
        >>> parse("海天进出口有限公司深圳分公司").branch
        '深圳分公司'
        >>> parse("深圳贸易有限公司").core          # nothing but region + industry: falls back
        '贸易'
        >>> parse("Co., Ltd.")
        Traceback (most recent call last):
        ...
        dupguard.errors.InvalidCompanyName: invalid company name 'Co., Ltd.': no_name
    """
    original, folded, tokens, st = _split(raw)
    core = " ".join(tokens)
    runs = han_runs(core) if not core.isascii() else []
    pinyin = " ".join([fast_pinyin(run) for run in runs]) if runs else None
    return ParsedCompany(
        original=original,
        folded=folded,
        core=core,
        key=core,
        legal_form=st.legal_form,
        region=st.region,
        industry=tuple(st.industry),
        branch=st.branch,
        tokens=_core_tokens(tokens),
        pinyin=pinyin,
        ascii_key=_ascii_key(core, pinyin),
        scripts=_scripts(folded),
    )


def canonical(raw: object, /) -> str:
    """The match key of a company name: its folded core (``parse(raw).key``).

    Computes only the key: none of the pinyin, tokens and scripts that :func:`parse` adds.

    Raises:
        InvalidCompanyName: see :func:`parse`.

    Examples:
        >>> canonical("Acme Co., Ltd."), canonical("寧波海天進出口有限公司")
        ('acme', '海天')
        >>> canonical("ＡＣＭＥ （ＨＫ） ＬＩＭＩＴＥＤ")
        'acme'
    """
    return " ".join(_split(raw)[2])


def is_valid(raw: object) -> bool:
    """Whether *raw* is a company name with something to match on. Never raises.

    Examples:
        >>> is_valid("Acme Ltd"), is_valid("Ltd"), is_valid(None), is_valid("😴")
        (True, False, False, False)
    """
    try:
        parse(raw)
    except InvalidCompanyName:
        return False
    return True


#: A trade name this short in ASCII (``tcl``) says too little on its own across scripts.
_TRADE_MIN: Final = 4
#: English words before a product line that its Han term holds already (新材料 New Materials,
#: 新能源 New Energy) or that translate it loosely (Advanced Materials): taken off with it.
_PRODUCT_MODIFIERS: Final = frozenset({"new", "advanced"})
_HIGH: Final = frozenset({"high", "hi"})


def trade_keys(parsed: ParsedCompany, /) -> tuple[str, ...]:
    """Keys that let a Han name meet its English rendering: ``trade-name ASCII | product line``.

    Chinese names end in a product line (平安**银行**, 华天**酒店**) that English names
    translate (Ping An **Bank**, Huatian **Hotel**), so the pinyin of the whole core never
    equals the English core. Trailing product words are taken off both — Han terms and English
    words from a hand-compiled bilingual table (``_data/product_terms.tsv``) — and each one
    found gives a key of the remaining trade name in ASCII (pinyin for Han) and the product
    concept. Two names share a key only if their trade names read alike *and* their product
    lines translate: 华天酒店 / Huatian Hotel do, 华天酒店 / Huatian Bank do not. Names with
    no product word, or a trade name under four ASCII letters, have no keys.

    Examples:
        >>> trade_keys(parse("平安银行股份有限公司")), trade_keys(parse("Ping An Bank Co., Ltd."))
        (('pingan|bank',), ('pingan|bank',))
        >>> trade_keys(parse("湖南华天大酒店")) == trade_keys(parse("Huatian Hotel"))
        False
        >>> trade_keys(parse("华天酒店集团")), trade_keys(parse("HUATIAN HOTEL GROUP"))
        (('huatian|hotel',), ('huatian|hotel',))
        >>> trade_keys(parse("Acme Trading Ltd"))
        ()
    """
    core = parsed.core
    if _HAN_CORE_RE.fullmatch(core):
        trade, concepts = _product_tail(core, keep=2)
        ascii_trade = fast_pinyin(trade).replace(" ", "") if concepts else ""
    elif core.isascii():
        terms = product_terms()
        words = core.split()
        concepts = []
        while len(words) > 1:
            last = words[-1]
            if last in terms.latin:
                concepts.append(terms.latin[words.pop()])
            elif last == "tech" and len(words) > 2 and words[-2] in _HIGH:  # High-Tech = 高科
                del words[-2:]
                concepts.append(terms.latin["hightech"])
            elif concepts and last in _PRODUCT_MODIFIERS:  # New / Advanced Materials = 新材料
                words.pop()
            else:
                break
        ascii_trade = _NON_ALNUM_RE.sub("", "".join(words)) if concepts else ""
    else:
        return ()
    if len(ascii_trade) < _TRADE_MIN:
        return ()
    return tuple(dict.fromkeys(f"{ascii_trade}|{c}" for c in concepts))


def trade_name_pinyin(core: str, /) -> str:
    """The toneless pinyin, without spaces, of the first two characters of a Han company core
    (:attr:`ParsedCompany.core`): its trade name (字号) as the company's English name usually
    romanizes it — 海伦钢琴 → ``hailun`` (Hailun Piano), 怡达 → ``yida`` (Jiangsu Yida
    Chemical). ``""`` when the core does not begin with two Han characters.

    Examples:
        >>> trade_name_pinyin(parse("海伦钢琴股份有限公司").core), trade_name_pinyin("重庆啤酒")
        ('hailun', 'chongqing')
        >>> trade_name_pinyin("TCL科技"), trade_name_pinyin("hailun piano"), trade_name_pinyin("海")
        ('', '', '')
    """
    head = core[:2]
    if len(head) < 2 or not _HAN_CORE_RE.fullmatch(head):
        return ""
    return fast_pinyin(head).replace(" ", "")


def is_generic(parsed: ParsedCompany, /) -> bool:
    """Whether a Han core is nothing but product words (半导体, 汽车模具, 有色金属).

    Once a region is split off (台灣半導體 → 台湾 + 半导体) such a core names a line of business,
    not a company, so finding it inside another name (沛亨半導體) says nothing about identity.

    Examples:
        >>> is_generic(parse("台灣半導體股份有限公司")), is_generic(parse("沛亨半導體股份有限公司"))
        (True, False)
        >>> is_generic(parse("Acme Trading"))
        False
    """
    core = parsed.core
    return bool(_HAN_CORE_RE.fullmatch(core)) and _product_tail(core, keep=0)[0] == ""


def _product_tail(han: str, /, *, keep: int) -> tuple[str, list[str]]:
    """Take trailing product words (longest first) off a Han core while at least *keep*
    characters remain: what is left, and the concepts taken, last word first."""
    terms = product_terms()
    concepts: list[str] = []
    found = True
    while found:
        found = False
        for n in terms.han_lengths:
            if len(han) >= n + keep and han[-n:] in terms.han:
                concepts.append(terms.han[han[-n:]])
                han = han[:-n]
                found = True
                break
    return han, concepts
