"""Countries as reps type them (``China``, ``CN``, ``中国``, ``P.R.C.``, ``U.S.A.``) → ISO 3166-1 alpha-2.

Names come from libphonenumber's region display names in every language it ships
(``phonenumbers.geodata.locale.LOCALE_DATA``: English, Chinese, Russian, French, Spanish, …), plus
the two-letter codes themselves and a short list of common informal names and abbreviations
(``USA``, ``UK``, ``PRC``, ``Holland``, ``UAE``, ``大陆``, ``香港``…). Lookup is on
:func:`dupguard.normalize.text.fold` with dots and spaces removed, so ``U.S.A.`` = ``usa``.

Examples:
    >>> from dupguard.normalize import country
    >>> country.canonical("中国"), country.canonical("P.R. China"), country.canonical("Deutschland")
    ('CN', 'CN', 'DE')
    >>> country.is_valid("Atlantis")
    False
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from dupguard.errors import InvalidText, TextReason
from dupguard.normalize import text

__all__ = ["ParsedCountry", "canonical", "is_valid", "parse"]

_ALIASES: Final[dict[str, str]] = {
    "usa": "US", "us": "US", "america": "US", "unitedstatesofamerica": "US", "美国": "US",
    "uk": "GB", "greatbritain": "GB", "britain": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "英国": "GB",
    "prc": "CN", "prchina": "CN", "chinamainland": "CN", "mainlandchina": "CN", "peoplesrepublicofchina": "CN",
    "中国大陆": "CN", "大陆": "CN", "内地": "CN", "中华人民共和国": "CN",
    "hongkong": "HK", "hk": "HK", "hongkongsar": "HK", "香港": "HK", "中国香港": "HK",
    "macau": "MO", "macao": "MO", "澳门": "MO", "taiwan": "TW", "roc": "TW", "台湾": "TW", "中国台湾": "TW",
    "holland": "NL", "thenetherlands": "NL", "uae": "AE", "emirates": "AE", "ksa": "SA",
    "southkorea": "KR", "korea": "KR", "republicofkorea": "KR", "韩国": "KR", "northkorea": "KP",
    "russia": "RU", "russianfederation": "RU", "vietnam": "VN", "czechia": "CZ", "czechrepublic": "CZ",
    "turkey": "TR", "turkiye": "TR", "ivorycoast": "CI", "burma": "MM", "persia": "IR",
}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    from phonenumbers.geodata.locale import LOCALE_DATA

    table: dict[str, str] = {}
    for code, names in LOCALE_DATA.items():
        if len(code) != 2 or not code.isalpha():
            continue
        for given in names.values():
            name = given
            for _ in range(4):  # "*aa": same as the name in language aa (chains are short)
                if not name.startswith("*"):
                    break
                name = names.get(name[1:], "")
            if name.startswith("*"):
                continue
            if name:
                table.setdefault(_squash(name), code)
        table[code.lower()] = code
    for alias, code in _ALIASES.items():
        table[alias] = code
    return table


def _squash(raw: str) -> str:
    return text.alnum_only(text.fold(raw))


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedCountry:
    """A recognised country.

    Attributes:
        original: the input as given.
        code: ISO 3166-1 alpha-2 code, upper-case (``"CN"``); also the match key.
    """

    original: str
    code: str


def parse(raw: object, /) -> ParsedCountry:
    """Recognise a country name, code or common alias in any script libphonenumber knows.

    Raises:
        InvalidText: ``NOT_A_STRING``, ``TOO_LONG``, ``EMPTY`` (also when the name is unknown).

    Examples:
        >>> parse("U.S.A.").code
        'US'
    """
    if not isinstance(raw, str):
        raise InvalidText(TextReason.NOT_A_STRING, type(raw).__name__)
    if len(raw) > 200:
        raise InvalidText(TextReason.TOO_LONG, raw)
    code = _table().get(_squash(raw))
    if code is None:
        raise InvalidText(TextReason.EMPTY, raw, "not a known country")
    return ParsedCountry(original=raw, code=code)


def canonical(raw: object, /) -> str:
    """The ISO alpha-2 code of a country name (see :func:`parse`).

    Examples:
        >>> canonical("Vereinigte Staaten von Amerika"), canonical("美国")
        ('US', 'US')
    """
    return parse(raw).code


def is_valid(raw: object) -> bool:
    """Whether *raw* names a known country. Never raises.

    Examples:
        >>> is_valid("cn"), is_valid(None)
        (True, False)
    """
    try:
        parse(raw)
    except InvalidText:
        return False
    return True
