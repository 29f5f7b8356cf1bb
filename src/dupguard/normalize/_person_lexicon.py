"""Word lists, surname tables and the pinyin segmenter behind :mod:`dupguard.normalize.person`.

Private: the public surface is :mod:`dupguard.normalize.person`. Every list here is documented,
with its source, in ``docs/normalization/person.md``. The data files under ``_data/`` load on
first use (``importlib.resources`` + ``functools.lru_cache``); nothing here is mutable after load.

Examples:
    >>> from dupguard.normalize._person_lexicon import segment, surnames
    >>> segment("zhangxiaoming")
    ('zhang', 'xiao', 'ming')
    >>> segment("xian"), segment("fangan")       # pinyin's apostrophe rule: no bare a/o/e inside a word
    (('xian',), ('fan', 'gan'))
    >>> surnames().targets["wong"]
    ('huang', 'wang')
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final

__all__ = [
    "CONJUNCTIONS",
    "HAN_PREFIX_TITLES",
    "HAN_TITLES",
    "NAMEABLE_HAN_TITLES",
    "NON_CHINESE_SURNAMES",
    "PARTICLES",
    "SUFFIXES",
    "TITLES",
    "TITLES_WITH_DOT",
    "Surnames",
    "pinyin_syllables",
    "regional_syllables",
    "segment",
    "surnames",
]

# --- Latin-script word lists (folded, without dots) -----------------------------------------------
# Only honorifics that are never a name token are listed: they are removed wherever they stand,
# which keeps the key a fixed point (canonical(canonical(x)) == canonical(x)). Words that are also
# names (King, Lord, Sir, Dame, Major, Judge, Sheikh, Haji, Don, Pan, Bu…) are deliberately absent.
TITLES: Final = frozenset(
    {
        # English
        "mr", "mrs", "ms", "mx", "miss", "mister", "messrs", "mmes", "dr", "drs", "prof", "professor",
        "rev", "revd", "reverend", "rt", "capt", "col", "lt", "ltgen", "ltgov", "sgt", "cpl",
        "cmdr", "adm", "gov", "supt", "insp", "madam", "madame",
        # French, German, Dutch, Italian, Spanish, Portuguese
        "mme", "mlle", "monsieur", "mademoiselle", "herr", "frau", "hr", "dhr", "mevr", "dipl",
        "ing", "dott", "dottssa", "avv", "sig", "sigra", "sigg", "sra", "srta", "senor", "senora",
        "senorita", "sr", "dona",
        # Malay / Indonesian / South Asian honorifics that never stand as names
        "hj", "hjh", "dato", "datuk", "datin", "encik", "shri", "smt", "shrimati",
        # Russian (transliterated) courtesy titles
        "gospodin", "gospozha",
    }
)
#: Titles removed only when written with their period and in front ("M. Dupont", "Eng. Ahmed",
#: "Ir. Budi"): without the period they are initials or names (Eng is a Hokkien surname).
TITLES_WITH_DOT: Final = frozenset({"m", "eng", "engr", "ir", "fr", "br", "pr", "mag", "hon", "gen"})
#: Suffixes removed wherever they stand (never the only word left). Single-letter numerals (i, v,
#: x) and words that are names or pinyin syllables (Ma, Do, Vi, Xi, Meng, Peng) are not listed.
SUFFIXES: Final = frozenset(
    {
        "jr", "jnr", "junior", "snr", "senior", "ii", "iii", "iv", "vii", "viii", "ix",
        "2nd", "3rd", "4th", "phd", "dphil", "md", "mba", "msc", "bsc", "llb",
        "llm", "jd", "mph", "edd", "ed", "dds", "dmd", "esq", "esquire", "cpa", "cfa", "cfp",
        "clu", "chfc", "lutc", "rn", "qc", "kc", "mp", "mep", "obe", "mbe", "cbe", "kbe", "frcs",
        "frs", "pmp",
    }
)
#: Particles that open a family name when they stand after the first word ("Juan de la Vega",
#: "Mohammed bin Salman", "Ludwig van Beethoven").
PARTICLES: Final = frozenset(
    {
        "van", "von", "vander", "de", "del", "della", "dei", "der", "den", "des", "di", "da",
        "das", "dos", "do", "du", "la", "le", "st", "ste", "saint", "ter", "ten", "bin", "binti",
        "ibn", "bint", "al", "el", "abu", "mac", "mc", "af", "zu",
    }
)
#: Words that join their neighbours into one name part ("Velasquez y Garcia", "John and Jane").
CONJUNCTIONS: Final = frozenset({"y", "e", "and", "&", "und"})

# --- Han-script titles ----------------------------------------------------------------------------
#: Trailing titles removed from Han names (longest first when matching): 王先生, 张伟经理, 李总.
HAN_TITLES: Final = (
    "总经理", "董事长", "副总裁", "总裁", "副总", "总监", "经理", "主管", "主任", "先生", "女士",
    "小姐", "太太", "夫人", "老师", "教授", "博士", "工程师", "老板", "厂长", "部长", "科长",
    "处长", "院长", "校长", "会计", "助理", "秘书", "采购", "同学", "阿姨", "师傅",
)
#: One-character titles removed only when what is left is exactly a known surname (王总, 李工,
#: 张董): 董 and 工 are surnames or name characters elsewhere.
NAMEABLE_HAN_TITLES: Final = ("总", "董", "工", "姐", "哥", "生")
#: Romanized surnames that are Korean or Vietnamese far more often than Chinese (none is a
#: Mandarin pinyin surname): a name led by one is not read as Chinese (Kim Min-jun, Le Thi Lan).
NON_CHINESE_SURNAMES: Final = frozenset(
    {
        "kim", "park", "jeong", "yoon", "shin", "kwon", "ahn", "yoo", "jeon", "bae",
        "baek", "heo", "noh", "kwak", "ryu", "chae", "byun", "yeom", "thi", "nguyen",
        "tran", "pham", "huynh", "vo", "bui", "ngo", "trinh",
    }
)
#: Leading familiar prefixes removed only before a bare surname (老王, 小李).
HAN_PREFIX_TITLES: Final = ("老", "小", "阿")

# Han surnames the regional table lacks, lists under a variant form (锺 for 钟), or reads with a
# non-surname reading (查 zha, 盖 ge); readings per the
# 《现代汉语词典》 surname entries.
_HAN_SUPPLEMENT: Final = {
    "钟": "zhong", "区": "ou", "覃": "qin", "乐": "yue", "冼": "xian", "邝": "kuang", "付": "fu",
    "肖": "xiao", "朴": "piao", "练": "lian", "谌": "chen", "粘": "nian", "麦": "mai", "蔺": "lin",
    "缪": "miao", "尉": "yu", "员": "yun", "种": "chong", "繁": "po", "折": "she", "阚": "kan",
    "查": "zha", "盖": "ge", "秘": "bi", "召": "shao", "洗": "xian", "隗": "wei",
}

# Common Cantonese, Hokkien and Wade-Giles syllables of *given* names, beyond the spellings the
# surname table already holds (dupguard's own list; see docs/normalization/person.md).
_REGIONAL_GIVEN: Final = frozenset(
    """
    ah ka kai kam kan kin king kit kwok kwan kwai kwong kuen kuo wai wah tak man ming chi chik
    chiu chun chung chuen fai fat fong fook fu fung hei hin hing ho hoi hon hong hung ip kei
    keung kiu ko kok kong kui kwun lai lam lap lau leung lik lim ling lok loi lun lung mei mo
    mok mui mun nam ngai ngan ngok on pak pan pang pik ping po pong pui sai sam san sang sau
    sek shan sheung shing shiu shu shuk shun sik sin sing siu so sui suk sum sun sung suen tai
    tam tat tim tin ting to tong tsang tse tsoi tsun tsz tung tze wan wing wun yan yat yau yee
    yeung yi yik yim yin ying yip yiu yu yuen yuk yun yung hsiao hsin hsing hsiung hsu hsueh
    hsien hsia hsiang hsiu chih chien chiang chiao chieh chin ching chou chu chuan chuang chueh
    jen jih jung kuei kuan kung pai pao pei pen peng pi piao pien pin tan tang tao te teng ti
    tiao tieh tien tsai tsan tsao tsen tseng tsou tsu tsui tsung tzu tuan tui tun szu ssu erh
    yeh kah kee keng kok kuan liang meng seng siew soon swee teck thian tiong wee yong choon
    hok chok hean chee hock keat kiat huat poh siang yew boon leong chia jou shih hsi hiu zan
    au kow
    """.split()  # noqa: SIM905 - a word list reads better as text than as 200 quoted strings
)


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """The toneless Hanyu Pinyin syllables (``_data/pinyin_syllables.txt``, ~400).

    Examples:
        >>> s = pinyin_syllables()
        >>> "zhuang" in s, "wong" in s, len(s) > 390
        (True, False, True)
    """
    raw = resources.files("dupguard.normalize").joinpath("_data/pinyin_syllables.txt")
    lines = raw.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Surnames:
    """The surname tables, loaded once.

    Attributes:
        han: Han surname (Simplified; compounds as two characters) → Mandarin pinyin, joined
            (``欧阳`` → ``ouyang``).
        mandarin: the pinyin surnames, joined (``zhang``, ``ouyang``).
        targets: any spelling (pinyin or regional, lower-case, joined) → the Mandarin pinyin
            surnames it may stand for, sorted.
        ppm: surname frequency per million as written, where sinonym's table has it.
    """

    han: dict[str, str]
    mandarin: frozenset[str]
    targets: dict[str, tuple[str, ...]]
    ppm: dict[str, float]


@lru_cache(maxsize=1)
def surnames() -> Surnames:
    """Load ``_data/surname_regional.csv`` and ``_data/surname_romanizations.csv``.

    Examples:
        >>> t = surnames()
        >>> t.han["欧阳"], t.targets["chan"], "zhang" in t.mandarin
        ('ouyang', ('chen', 'zang', 'zhan'), True)
    """
    data = resources.files("dupguard.normalize").joinpath("_data")
    han: dict[str, str] = dict(_HAN_SUPPLEMENT)
    targets: dict[str, set[str]] = {}
    southern: dict[str, set[str]] = {}  # Singapore/Malaysia spellings: a fallback only
    text = data.joinpath("surname_regional.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    for row in rows:
        pinyin = row["mainland"].split("/")[0]
        if not pinyin:
            continue
        han.setdefault(row["han"], pinyin)
        for column in ("mainland", "taiwan", "hongkong", "macao", "singapore", "malaysia"):
            into = southern if column in {"singapore", "malaysia"} else targets
            for spelling in row[column].split("/"):
                if spelling:
                    into.setdefault(spelling, set()).add(pinyin)
    for spelling, pinyins in southern.items():
        targets.setdefault(spelling, pinyins)
    for pinyin in _HAN_SUPPLEMENT.values():
        targets.setdefault(pinyin, set()).add(pinyin)
    ppm: dict[str, float] = {}
    text = data.joinpath("surname_romanizations.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        spelling = row["spelling"]
        targets.setdefault(spelling, set()).add(row["mandarin_target"])
        ppm[spelling] = float(row["surname_ppm_as_written"])
    mandarin = frozenset(han.values())
    return Surnames(
        han=han,
        mandarin=mandarin,
        targets={k: tuple(sorted(v)) for k, v in targets.items()},
        ppm=ppm,
    )


@lru_cache(maxsize=1)
def regional_syllables() -> frozenset[str]:
    """Syllables accepted in romanized Chinese given names beyond pinyin.

    A curated list of common Cantonese, Hokkien and Wade-Giles given-name syllables (the
    surname table's spellings are not used: Vietnamese and Korean syllables hide among them).

    Examples:
        >>> {"wah", "hsiang", "tak"} <= regional_syllables()
        True
    """
    return _REGIONAL_GIVEN


@lru_cache(maxsize=2)
def _vocabulary(regional: bool) -> frozenset[str]:
    return pinyin_syllables() | regional_syllables() if regional else pinyin_syllables()


_VOWELS: Final = frozenset("aoe")
_MAX_WORD: Final = 24


@lru_cache(maxsize=8192)
def segment(word: str, /, *, regional: bool = False) -> tuple[str, ...] | None:
    """Split *word* into the fewest pinyin syllables, or ``None`` when it is not pinyin.

    A syllable that begins with ``a``, ``o`` or ``e`` may only open the word: written pinyin
    needs an apostrophe before it elsewhere (``Xi'an``), so ``ana`` is not ``an·a``. With
    ``regional=True`` the regional syllables (:func:`regional_syllables`) count too. Ties between
    equally short splits go to the one with the longer first syllable.

    Examples:
        >>> segment("weiwei"), segment("fangan"), segment("smith")
        (('wei', 'wei'), ('fan', 'gan'), None)
        >>> segment("taiman", regional=True)
        ('tai', 'man')
    """
    n = len(word)
    if not 0 < n <= _MAX_WORD or not word.isascii() or not word.isalpha():
        return None
    vocab = _vocabulary(regional)
    # best[i]: the best split of word[i:], found right to left.
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[n] = ()
    for i in range(n - 1, -1, -1):
        chosen: tuple[str, ...] | None = None
        for j in range(min(n, i + 6), i, -1):  # longest syllable first: ties keep it
            syl = word[i:j]
            rest = best[j]
            if rest is None or syl not in vocab:
                continue
            if rest and rest[0][0] in _VOWELS:
                continue
            if chosen is None or len(rest) + 1 < len(chosen):
                chosen = (syl, *rest)
        best[i] = chosen
    return best[0]
