"""Person names: an order-insensitive match key for Latin, Chinese and mixed-script names.

A rep types ``Mr. John A. Smith, Jr.``, ``SMITH, John`` or ``John Smith - Purchasing Manager``; a
colleague types ``Zhang Wei``, ``ZHANG Wei``, ``Wei Zhang``, ``Zhangwei`` or ``張偉（采购经理）``.
:func:`canonical` gives each group one key. The rules, in order (every rule and its source is in
``docs/normalization/person.md``):

1. **Fold** with :func:`dupguard.normalize.text.fold` (invisibles, NFKC, case, dashes, T→S).
2. **Strip what is not the name**: a field label and colon in front (``Attn: John Smith``,
   ``联系人：张伟``); bracketed or
   quoted asides (``(Ben)``, ``（采购经理）``, ``"Big Ben"``) when letters remain outside them;
   everything after a role separator — `` - `` with spaces, ``/``, ``|``, ``;``, or a dash/colon
   before Han text (``John Smith - Sales``, ``Mr. Wang / Sales``, ``张伟-采购``); surrounding
   punctuation.
3. **Han names** (the name holds Han characters and no kana/hangul): the Han characters are the
   name; trailing titles (先生, 女士, 经理, 总经理, …; 总/董/工 only after a bare surname, as in
   王总) and familiar prefixes (老王, 小李) are removed; the surname is the leading compound
   (欧阳, 司马, …) or character found in the surname table, read with its surname reading
   (单 = shan, 曾 = zeng, 区 = ou); the given name is read by pypinyin. Key: the pinyin
   syllables, sorted.
4. **Latin names**: honorifics (Mr, Mrs, Dr, Prof, Herr, Mme, Sra, …) and suffixes (Jr, III, PhD,
   MD, MBA, Esq, …) are removed wherever they stand; ``M.``, ``Eng.``, ``Ir.`` only in front and
   with their period. ``Family, Given`` comma form is read as such. Particles (van, de, von, bin,
   al, …) after the first word open the family name; conjunctions (y, and) join their
   neighbours. Dotted initials (``J. R. R.``) become one-letter words.
5. **Romanized Chinese names**: when one word is a known Chinese surname (pinyin, Wade-Giles,
   Cantonese, Hokkien spelling) and every other word splits into valid syllables, the name is
   Chinese. With a pinyin surname the key is the pinyin syllables sorted, so ``Zhangwei``,
   ``Wei Zhang`` and 张伟 agree; with a non-pinyin surname (``Wong Ka Wai``) the surname is kept
   as written — it is ambiguous — and :attr:`ParsedPerson.surname_keys` lists the pinyin
   surnames it may stand for.
6. **Key**: the ASCII words, sorted and space-joined. Words of a name holding Latin letters are
   skeletonised first (Cyrillic/Greek look-alikes → Latin), then transliterated by unidecode;
   names written wholly in Cyrillic or Greek are transliterated (``Иван Петров`` → ``ivan
   petrov``, the same key as ``Ivan Petrov``); words in other scripts (Arabic, Hangul, kana,
   Devanagari, …) are kept folded, because unidecode's renderings of them are too lossy to match.
   Words with digits or ``@`` are dropped.

Examples:
    >>> from dupguard.normalize import person
    >>> person.canonical("Mr. John A. Smith, Jr.") == person.canonical("SMITH, John A")
    True
    >>> {person.canonical(x) for x in ["Zhang Wei", "ZHANG Wei", "Wei Zhang", "Zhangwei", "張偉"]}
    {'wei zhang'}
    >>> person.canonical("张伟（采购经理）"), person.canonical("John Smith - Purchasing Manager")
    ('wei zhang', 'john smith')
    >>> person.parse("Wong Ka Wai").surname_keys
    ('huang', 'wang')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, NamedTuple

from dupguard.errors import InvalidPersonName, InvalidText, PersonReason
from dupguard.normalize import text
from dupguard.normalize._person_lexicon import (
    CONJUNCTIONS,
    HAN_PREFIX_TITLES,
    HAN_TITLES,
    NAMEABLE_HAN_TITLES,
    NON_CHINESE_SURNAMES,
    PARTICLES,
    SUFFIXES,
    TITLES,
    TITLES_WITH_DOT,
    segment,
    surnames,
)

__all__ = ["ParsedPerson", "canonical", "is_valid", "parse"]

_HAN: Final = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_ASIDE_RE: Final = re.compile(
    r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}|【[^【】]*】|〔[^〔〕]*〕|《[^《》]*》|「[^「」]*」|『[^『』]*』"
    r"|\"[^\"]*\"|(?<!\w)'[^']*'(?!\w)"
)
_ASIDE_START_RE: Final = re.compile("[(\\[{【〔《「『\"']")
_ROLE_RE: Final = re.compile(rf"\s-+\s|[/|;\\\t]|:\s|[-:]\s?(?=[{_HAN}]{{2}})|\s@\s")
#: Field labels typed in front of a name and a colon.
_LABELS: Final = frozenset(
    {"attn", "attn.", "attention", "contact", "contact person", "name", "to", "dear",
     "联系人", "姓名", "收件人", "客户", "负责人"}
)
_EDGE: Final = " .,;:!?*_-'\"`~#+=<>()[]{}&"
_PHD_RE: Final = re.compile(r"\bph\.?\s*d\b\.?")
_HAN_RUN_RE: Final = re.compile(rf"[{_HAN}\U00020000-\U0003134f]+")
_KANA_HANGUL_RE: Final = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uac00-\ud7af\u1100-\u11ff]")
_ALNUM_RE: Final = re.compile(r"[^\W_]")
_LATIN_WORD_RE: Final = re.compile(r"[a-z]+")
_DIGIT_RE: Final = re.compile(r"\d")
_LETTER_RE: Final = re.compile(r"[^\W\d_]")
_NOT_WORD_RE: Final = re.compile(r"[^\w'\-]")
_NOT_ALNUM_RE: Final = re.compile(r"[^a-z0-9\-]")
_KEY_STOPWORDS: Final = frozenset({"and", "&", "und"})
_TRANSLIT_SCRIPTS: Final = frozenset({"latin", "cyrillic", "greek"})
_HAN_TITLES_LONGEST: Final = tuple(sorted(HAN_TITLES, key=len, reverse=True))

#: The most common Chinese surnames, most common first (2020 census ranking, top 100): breaks the
#: tie when both ends of a romanized name are surnames (``Wei Zhang``: Zhang is the family name).
_COMMON: Final = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedPerson:
    """The result of :func:`parse`.

    Attributes:
        original: the input as given.
        folded: :func:`dupguard.normalize.text.fold` of it.
        given: the given name, folded (dots removed); for a Chinese name its pinyin, syllables
            joined (``xiaoming``).
        family: the family name, folded, particles included (``de la vega``); for a Chinese name
            its pinyin (``zhang``, ``ouyang``), or the spelling as written when not pinyin
            (``wong``).
        middle: the middle names and initials, folded (``("a", "kenneth")``).
        initials: one letter per word (per syllable for Chinese names) of given, middle and
            family, in that order (``John F. Kennedy`` → ``jfk``; 张小明 → ``xmz``).
        title: the removed honorifics, space-joined without dots (``dr``, ``lt gen``, ``先生``).
        suffix: the removed suffixes, space-joined without dots (``jr``, ``phd md``).
        is_chinese: detected as a Chinese name: written in Han with a known surname, or
            romanized with a known Chinese surname and every other word valid syllables.
        han: the Han form (Simplified) when written in Han.
        han_given: its given name in Han.
        han_family: its family name in Han.
        pinyin: the pinyin, family first, one syllable per word (``zhang xiao ming``), when
            known (Han or pinyin-romanized names).
        tokens: the key's words, sorted: ASCII, look-alikes folded, initials as one letter,
            Chinese names as syllables.
        key: ``" ".join(tokens)``: the match key (see :func:`canonical`).
        surname_keys: the Mandarin pinyin surnames the family name may stand for
            (``wong`` → ``("huang", "wang")``), empty when it is no known Chinese surname.

    Examples:
        >>> p = parse("Dr. Juan Q. de la Vega III")
        >>> p.given, p.middle, p.family, p.title, p.suffix, p.initials, p.key
        ('juan', ('q',), 'de la vega', 'dr', 'iii', 'jqdlv', 'de juan la q vega')
        >>> p = parse("欧阳小明先生")
        >>> p.family, p.given, p.han_family, p.pinyin, p.title, p.is_chinese
        ('ouyang', 'xiaoming', '欧阳', 'ou yang xiao ming', '先生', True)
    """

    original: str
    folded: str
    given: str
    family: str
    middle: tuple[str, ...]
    initials: str
    title: str | None
    suffix: str | None
    is_chinese: bool
    han: str | None
    han_given: str | None
    han_family: str | None
    pinyin: str | None
    tokens: tuple[str, ...]
    key: str
    surname_keys: tuple[str, ...]


# --- preparation ----------------------------------------------------------------------------------


def _fold(raw: object) -> tuple[str, str]:
    """Return (original, folded), or raise with the right reason."""
    if not isinstance(raw, str):
        raise InvalidPersonName(PersonReason.NOT_A_STRING, type(raw).__name__)
    if len(raw) > text.MAX_LENGTH:
        # .value keeps a prefix only: building the message must not copy a 10 MB input.
        raise InvalidPersonName(PersonReason.TOO_LONG, raw, f"{len(raw)} characters")
    try:
        folded = text.fold(raw)
    except InvalidText as exc:  # pragma: no cover - the checks above make this unreachable
        raise InvalidPersonName(PersonReason.EMPTY, raw) from exc
    if _ALNUM_RE.search(folded) is None:
        raise InvalidPersonName(PersonReason.EMPTY, raw)
    return raw, folded


def _has_letter(s: str) -> bool:
    return _LETTER_RE.search(s) is not None


def _strip_asides(s: str) -> str:
    """Remove bracketed/quoted asides and role tails; keep the first part that has letters."""
    head, colon, tail = s.partition(":")
    if colon and head.strip() in _LABELS and _has_letter(tail):
        s = tail  # a field label in front: "Attn: John Smith", "联系人：张伟"
    if not _ASIDE_START_RE.search(s):
        for part in _ROLE_RE.split(s):
            if _has_letter(part):
                return part.strip(_EDGE)
        return s.strip(_EDGE)
    for _ in range(3):  # nested brackets: (a (b)) needs two passes
        stripped = _ASIDE_RE.sub(" ", s)
        if stripped == s:
            break
        if not _has_letter(stripped):
            s = _ASIDE_RE.sub(lambda m: f" {m.group()[1:-1]} ", s)  # the aside is the name
            continue
        s = stripped
    for part in _ROLE_RE.split(s):
        if _has_letter(part):
            return part.strip(_EDGE)
    return s.strip(_EDGE)


def _no_name(raw: str) -> InvalidPersonName:
    return InvalidPersonName(PersonReason.NO_NAME, raw)


# --- Han names ------------------------------------------------------------------------------------


def _parse_han(raw: str, folded: str, s: str) -> ParsedPerson:
    table = surnames().han
    # Unassigned code points in the Han blocks are not letters: they are no name.
    runs = [r for r in ("".join(ch for ch in run if ch.isalpha()) for run in _HAN_RUN_RE.findall(s)) if r]
    if not runs:
        return _parse_latin(raw, folded, s)
    if len(runs) == 2 and runs[0][0] not in table and (runs[1] in table or runs[1][0] in table):
        runs.reverse()  # "增友 叶": given name, space, surname (Western order in Han)
    han = "".join(runs)
    # Latin honorifics beside a Han name ("Mr. 王") are kept as its title.
    titles: list[str] = [w for w in _LATIN_WORD_RE.findall(s) if w in TITLES]
    for title in _HAN_TITLES_LONGEST:
        if han.endswith(title) and len(han) > len(title):
            titles.append(title)
            han = han[: -len(title)]
            break
    if not han or han in HAN_TITLES:
        raise _no_name(raw)
    if len(han) >= 2 and han[-1] in NAMEABLE_HAN_TITLES and han[:-1] in table:
        titles.insert(0, han[-1])
        han = han[:-1]
    if len(han) == 2 and han[0] in HAN_PREFIX_TITLES and han[1] in _COMMON:
        titles.insert(0, han[0])
        han = han[1:]
    fam = han[:2] if len(han) >= 2 and han[:2] in table else han[0]
    given_han = han[len(fam) :]
    known = fam in table
    fam_reading = table[fam] if known else text.transliterate(fam).replace(" ", "")
    fam_syl = segment(fam_reading) or ((fam_reading,) if fam_reading else ())
    given_syl = tuple(text.transliterate(given_han).split()) if given_han else ()
    syllables = (*fam_syl, *given_syl)
    tokens = tuple(sorted(syllables)) if syllables else (han,)
    return ParsedPerson(
        original=raw,
        folded=folded,
        given="".join(given_syl),
        family="".join(fam_syl),
        middle=(),
        initials="".join(x[0] for x in (*given_syl, *fam_syl)),
        title=" ".join(titles) or None,
        suffix=None,
        is_chinese=known and len(given_han) <= 3,
        han=han,
        han_given=given_han or None,
        han_family=fam,
        pinyin=" ".join(syllables) or None,
        tokens=tokens,
        key=" ".join(tokens),
        surname_keys=surnames().targets.get("".join(fam_syl), ()) if known else (),
    )


# --- Latin (and other alphabetic) names -----------------------------------------------------------


class _Word(NamedTuple):  # a NamedTuple: built per word, so cheaper than a frozen dataclass
    folded: str  # as typed, folded, dots removed
    ascii: str  # the key form: skeleton + unidecode, or the folded word for other scripts
    dotted: bool  # written with a trailing period
    upper: bool  # written in capitals (ZHANG Wei), two letters or more


def _ascii(word: str, *, latin_name: bool) -> str:
    if word.isascii():
        if word.isalpha():
            return word
        return _NOT_ALNUM_RE.sub("", word)
    found = text.scripts(word)
    if not found <= _TRANSLIT_SCRIPTS:
        return "".join(ch for ch in word if ch.isalnum() or ch == "-")
    from unidecode import unidecode  # loaded on the first non-ASCII name only

    if latin_name:
        word = text.skeleton(word)
    return _NOT_ALNUM_RE.sub("", unidecode(word).lower())


def _words(part: str, original_case: dict[str, bool], *, latin_name: bool) -> list[_Word]:
    out: list[_Word] = []
    for raw_word in part.split():
        if "@" in raw_word:  # an email address typed into the name field
            continue
        dotted = raw_word.endswith(".")
        core = raw_word.strip(".")
        if "." in core:
            bare = core.replace(".", "")
            a = _ascii(bare, latin_name=latin_name)
            if not (a in TITLES or a in SUFFIXES):
                out.extend(_words(core.replace(".", ". "), original_case, latin_name=latin_name))
                continue
            core = bare
        core = _NOT_WORD_RE.sub("", core).strip("-'")
        if not core or (_DIGIT_RE.search(core) and core not in SUFFIXES):
            continue
        out.append(
            _Word(core, _ascii(core, latin_name=latin_name), dotted, original_case.get(core, False))
        )
    return [w for w in out if w.ascii.strip("-")]


def _upper_words(original: str) -> dict[str, bool]:
    """Which folded words were typed in capitals (``ZHANG`` in ``ZHANG Wei``)."""
    return {w.casefold(): True for w in re.findall(r"[^\W\d_]{2,}", original) if w.isupper()}


def _take_affixes(
    words: list[_Word], titles: list[str], suffixes: list[str], *, leading: bool
) -> list[_Word]:
    kept: list[_Word] = []
    for i, w in enumerate(words):
        in_front = leading and not kept  # only titles so far: "Rt. Hon.", "Lt. Gen."
        if w.ascii in TITLES:
            titles.append(w.ascii)
        elif w.ascii in SUFFIXES:
            suffixes.append(w.ascii)
        elif in_front and w.dotted and w.ascii in TITLES_WITH_DOT and i + 1 < len(words):
            titles.append(w.ascii)
        else:
            kept.append(w)
    return kept


@dataclass(frozen=True, slots=True)
class _Chinese:
    family: str
    family_syllables: tuple[str, ...]
    given_syllables: tuple[str, ...]
    pinyin: bool  # False: a regional (non-pinyin) surname kept as written, or initials
    initials: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _common_rank() -> dict[str, int]:
    table = surnames().han
    rank: dict[str, int] = {}
    for i, ch in enumerate(_COMMON):
        rank.setdefault(table[ch], i)
    return rank


def _rank(spelling: str) -> int:
    return _common_rank().get(spelling, len(_COMMON))


_ORDER_MARGIN: Final = 10
_COMMON_PPM: Final = 1000.0


def _merge_compounds(groups: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """Join two words that spell a compound surname: ``Au Yeung``, ``Si Ma``, ``Ou Yang``."""
    targets = surnames().targets
    out: list[tuple[str, bool, bool]] = []
    i = 0
    while i < len(groups):
        pair = groups[i][0] + groups[i + 1][0] if i + 1 < len(groups) else ""
        if pair in targets and any(len(segment(t) or ()) >= 2 for t in targets[pair]):
            out.append((pair, groups[i][1] and groups[i + 1][1], False))
            i += 2
        else:
            out.append(groups[i])
            i += 1
    return out


def _is_compound(spelling: str) -> bool:
    return any(len(segment(t) or ()) >= 2 for t in surnames().targets.get(spelling, ()))


def _preference(i: int, family_hint: int | None, upper: list[bool], groups: list[str]) -> tuple[int, ...]:
    """How likely word *i* of a romanized Chinese name is its family name (smaller: likelier)."""
    last = len(groups) - 1
    return (
        0 if i == family_hint else 1,
        0 if upper[i] and not all(upper) else 1,
        0 if i in (0, last) else 1,
        0 if len(segment(groups[i]) or ()) >= 2 else 1,  # compounds: Ouyang, Murong
        # Both ends surnames: Western order (family last) unless the first is much more
        # common (Zhang Wei → Zhang; Chen Huang → Huang).
        # Three words or more: surname first (Jin Ling Yu, Tsang Chi Wai).
        0 if i == 0 or len(groups) < 3 else 1,
        _rank(groups[i]) + (_ORDER_MARGIN if i == 0 else 0),
    )


def _romanized_chinese(words: list[_Word], family_hint: int | None) -> _Chinese | None:
    groups = [w.ascii.replace("-", "") for w in words]
    targets = surnames().targets
    if len(groups) > 1 and not any(g in targets for g in groups):
        return None  # the common case for Western names: no word is a Chinese surname
    if not 1 <= len(groups) <= 5 or not all(g.isascii() and g.isalpha() for g in groups):
        return None
    initials = tuple(g for g in groups if len(g) == 1)
    if initials:
        # "X. F. Han", "Chi-Ying F. Huang": a Chinese name with initials; the key keeps them.
        named = [w for w, g in zip(words, groups, strict=True) if len(g) > 1]
        if not named:
            return None
        if len(named) == 1:
            only = named[0].ascii.replace("-", "")
            if only not in surnames().targets or only in NON_CHINESE_SURNAMES:
                return None
            return _Chinese(only, (only,), (), pinyin=False, initials=initials)
        found = _romanized_chinese(named, None)
        if found is None:
            return None
        return _Chinese(
            found.family, found.family_syllables, found.given_syllables, False, initials
        )
    table = surnames()
    if len(groups) > 4:
        return None
    if len(groups) == 1:
        # One word (Zhangwei, Ouyangxiu): its pinyin syllables, led by a surname of one or two.
        syllables = segment(groups[0]) or ()
        for n in (2, 1):
            fam = "".join(syllables[:n])
            if 2 <= len(syllables) <= n + 2 and fam in table.mandarin:
                return _Chinese(fam, syllables[:n], syllables[n:], pinyin=True)
        return None
    merged = _merge_compounds(
        [
            (g, w.upper, "-" in w.ascii and not _is_compound(g))
            for g, w in zip(groups, words, strict=True)
        ]
    )
    groups = [g for g, _, _ in merged]
    upper = [u for _, u, _ in merged]
    # A hyphenated word is a given name (Xiao-Ming, Tak-Wah) unless it spells a compound surname.
    candidates = [
        i
        for i, (g, _, hyphenated) in enumerate(merged)
        if g in table.targets and g not in NON_CHINESE_SURNAMES and not hyphenated
    ]
    if not candidates:
        return None
    last = len(groups) - 1
    # A module-level function, not a closure: compiled by mypyc, a closure that another closure
    # calls is kept in their shared environment, a reference cycle left for the collector.
    prefs = {i: _preference(i, family_hint, upper, groups) for i in candidates}
    ordered = sorted(candidates, key=prefs.__getitem__)
    # A common non-pinyin spelling at either end (Lau, Wong, Chan, Tse) is the family name of a
    # Cantonese/Wade-Giles name: the more common spelling (sinonym's frequencies) wins.
    regional_first = sorted(
        (
            i
            for i in candidates
            if (i == 0 or (i == last and (len(groups) < 3 or 0 not in candidates)))
            and groups[i] not in table.mandarin
            and (segment(groups[i]) is None or table.ppm.get(groups[i], 0.0) >= _COMMON_PPM)
        ),
        key=lambda i: (
            *prefs[i][:2],
            i if len(groups) >= 3 else 0,
            -table.ppm.get(groups[i], 0.0),
            i,
        ),
    )
    attempts = [(i, False) for i in regional_first]
    attempts += [(i, True) for i in ordered if groups[i] in table.mandarin]
    attempts += [(i, False) for i in ordered if i not in regional_first]
    for i, pinyin in attempts:
        fam = groups[i]
        others = [g for j, g in enumerate(groups) if j != i]
        split = [segment(g, regional=not pinyin) for g in others]
        fam_syl = segment(fam) if pinyin else (segment(fam, regional=True) or (fam,))
        if not fam_syl or not all(split):
            continue
        given = tuple(x for part in split if part for x in part)
        if len(given) <= 3:
            return _Chinese(fam, fam_syl, given, pinyin=pinyin)
    return None


def _join_conjunctions(words: list[_Word]) -> list[list[_Word]]:
    pieces: list[list[_Word]] = []
    n = len(words)
    i = 0
    while i < n:
        w = words[i]
        if n >= 3 and w.ascii in CONJUNCTIONS and (len(w.ascii) > 1 or n > 3):
            left = pieces.pop() if pieces else []
            right = [words[i + 1]] if i + 1 < n else []
            pieces.append([*left, w, *right])
            i += 2
        else:
            pieces.append([w])
            i += 1
    return pieces


def _split_name(
    pieces: list[list[_Word]], *, has_title: bool
) -> tuple[list[_Word], list[list[_Word]], list[_Word]]:
    """(given, middle pieces, family) for a name without a comma."""
    n = len(pieces)
    if n == 1:
        return ([], [], pieces[0]) if has_title else (pieces[0], [], [])

    def is_particle(p: list[_Word]) -> bool:
        return len(p) == 1 and p[0].ascii in PARTICLES

    start = n - 1
    for k in range(n - 2, 0, -1):
        if is_particle(pieces[k]) and not is_particle(pieces[k + 1]):
            start = k
            while start > 1 and is_particle(pieces[start - 1]):
                start -= 1
            break
    family = [w for p in pieces[start:] for w in p]
    return pieces[0], pieces[1:start], family


def _parse_latin(raw: str, folded: str, s: str) -> ParsedPerson:
    if "ph" in s:
        s = _PHD_RE.sub("phd", s)
    latin_name = s.isascii() or "latin" in text.scripts(s)
    # Capitals mark the surname (ZHANG Wei); a title-cased or lower-case name has none to find.
    case = {} if raw.istitle() or raw.islower() else _upper_words(raw)
    parts = [p for p in (x.strip(_EDGE) for x in s.split(",")) if p]
    titles: list[str] = []
    suffixes: list[str] = []
    part_words = [_words(p, case, latin_name=latin_name) for p in parts]
    part_words = [p for p in part_words if p]
    if not part_words:
        raise _no_name(raw)
    comma_form = len(part_words) >= 2 and not all(
        w.ascii in SUFFIXES for p in part_words[1:] for w in p
    )
    if comma_form:
        fam_words = _take_affixes(part_words[0], titles, suffixes, leading=True)
        rest = [w for p in part_words[1:] for w in p]
        giv_words = _take_affixes(rest, titles, suffixes, leading=True)
        words = [*fam_words, *giv_words]
        family_hint: int | None = 0 if len(fam_words) == 1 else None
    else:
        words = _take_affixes(part_words[0], titles, suffixes, leading=True)
        for p in part_words[1:]:
            suffixes.extend(w.ascii for w in p)
        family_hint = None
    if not words:
        if not suffixes:
            raise _no_name(raw)
        # Never strip the only word left: "Jr" alone is a name, not a suffix.
        words = [_Word(folded=x, ascii=x, dotted=False, upper=False) for x in suffixes]
        suffixes = []
        comma_form = False

    chinese = _romanized_chinese(words, family_hint)
    title = " ".join(titles) or None
    suffix = " ".join(suffixes) or None
    if chinese is not None:
        syllables = (*chinese.family_syllables, *chinese.given_syllables)
        tokens = tuple(sorted((*syllables, *chinese.initials)))
        given_text = "".join(chinese.given_syllables)
        middle_text = chinese.initials
        if not given_text and middle_text:
            given_text, middle_text = middle_text[0], middle_text[1:]
        return ParsedPerson(
            original=raw,
            folded=folded,
            given=given_text,
            family=chinese.family,
            middle=middle_text,
            initials="".join(
                x[0]
                for x in (*chinese.given_syllables, *chinese.initials, *chinese.family_syllables)
            ),
            title=title,
            suffix=suffix,
            is_chinese=True,
            han=None,
            han_given=None,
            han_family=None,
            pinyin=" ".join(syllables) if chinese.pinyin else None,
            tokens=tokens,
            key=" ".join(tokens),
            surname_keys=surnames().targets.get(chinese.family, ()),
        )

    if comma_form:
        given = giv_words[:1]
        middle = [[w] for w in giv_words[1:]]
        family = fam_words
        if not family:
            given, middle, family = [], [], giv_words
    else:
        given, middle, family = _split_name(_join_conjunctions(words), has_title=bool(titles))
    ordered = [*given, *(w for p in middle for w in p), *family]
    key_words = [w.ascii for w in ordered]
    if len(key_words) > 2:
        key_words = [x for x in key_words if x not in _KEY_STOPWORDS] or key_words
    tokens = tuple(sorted(t for x in key_words for t in x.split("-") if t))
    if not tokens:
        raise _no_name(raw)
    family_text = " ".join(w.folded for w in family)
    family_key = "".join(w.ascii for w in family).replace("-", "")
    return ParsedPerson(
        original=raw,
        folded=folded,
        given=" ".join(w.folded for w in given),
        family=family_text,
        middle=tuple(" ".join(w.folded for w in p) for p in middle),
        initials="".join(w.ascii[0] for w in ordered if w.ascii[0].isalnum()),
        title=title,
        suffix=suffix,
        is_chinese=False,
        han=None,
        han_given=None,
        han_family=None,
        pinyin=None,
        tokens=tokens,
        key=" ".join(tokens),
        surname_keys=surnames().targets.get(family_key, ()),
    )


# --- the verbs ------------------------------------------------------------------------------------


def parse(raw: object, /) -> ParsedPerson:
    """Parse a person's name into its parts and its match key.

    Args:
        raw: the name as typed in a CRM contact field, job title and all.

    Returns:
        A :class:`ParsedPerson`.

    Raises:
        InvalidPersonName: ``NOT_A_STRING``; ``TOO_LONG`` (over
            :data:`dupguard.normalize.text.MAX_LENGTH` characters); ``EMPTY`` (no letter or
            digit); ``NO_NAME`` (only titles, suffixes, numbers or punctuation).

    Examples:
        >>> p = parse("SMITH, John R.")
        >>> p.given, p.middle, p.family, p.key
        ('john', ('r',), 'smith', 'john r smith')
        >>> parse("Xiao-Ming Zhang").pinyin
        'zhang xiao ming'
        >>> parse("Иван Петров").key == parse("Ivan Petrov").key
        True
    """
    original, folded = _fold(raw)
    s = _strip_asides(folded)
    if not _has_letter(s):
        raise _no_name(original)
    if text.has_han(s) and not _KANA_HANGUL_RE.search(s):
        return _parse_han(original, folded, s)
    return _parse_latin(original, folded, s)


def canonical(raw: object, /) -> str:
    """The match key of a person's name: its words, sorted (pinyin syllables for Chinese names).

    Raises:
        InvalidPersonName: see :func:`parse`.

    Examples:
        >>> canonical("Dr. Jane van der Berg-Smith PhD")
        'berg der jane smith van'
        >>> canonical("王总"), canonical("Mr. Wang / Sales")
        ('wang', 'wang')
        >>> canonical("Mr.")
        Traceback (most recent call last):
        ...
        dupguard.errors.InvalidPersonName: invalid person name 'Mr.': no_name
    """
    return parse(raw).key


def is_valid(raw: object) -> bool:
    """Whether *raw* holds a person's name dupguard can key. Never raises.

    Examples:
        >>> is_valid("J. R. R. Tolkien"), is_valid("Mrs."), is_valid(None), is_valid("😴")
        (True, False, False, False)
    """
    try:
        parse(raw)
    except InvalidPersonName:
        return False
    return True
