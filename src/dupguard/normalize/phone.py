"""Phone numbers: raw CRM phone fields in, E.164 match keys out (with phonenumbers).

The key of a number is its E.164 form (``+8613800138000``), computed by Google's libphonenumber
(the ``phonenumbers`` port). Rules, in the order they apply (full rationale and sources in
``docs/normalization/phone.md``):

1. **Input**: a ``str`` of at most :data:`dupguard.normalize.text.MAX_LENGTH` characters
   (anything else: ``NOT_A_STRING`` / ``TOO_LONG``, checked before any work). Invisible
   characters (Unicode ``Cf``, variation selectors) are removed; NFKC turns full-width
   ``＋８６　１３８`` into ``+86 138``; digits of any script become ASCII; every dash is ``-``.
2. **Several numbers in one field** (:func:`parse_many`): split on ``;`` ``,`` ``|`` ``、``, line
   breaks, `` or `` and ``或``; split on ``/`` only where *both* sides are valid numbers on their
   own, so ``138 0013 8000 / 139 0013 9000`` is two numbers and ``+86-755/8888 8888`` is one.
   :func:`parse` and :func:`canonical` read the first number of the field.
3. **Labels and links**: text before the first digit or ``+`` is a label (``Tel:``, ``手机：``,
   ``Tel/Fax``) and is dropped; ``WhatsApp``/``WA`` labels and ``wa.me/<number>``,
   ``api.whatsapp.com/send?phone=<number>`` links set ``is_whatsapp``; a link's number is
   international (WhatsApp click-to-chat: full number, no ``+``, no leading zeros).
4. **The number** runs over digits and separators (spaces, dashes, dots, parentheses, brackets,
   ``/``); text after it is ignored except an **extension** (``ext. 12``, ``x12``, ``#12``,
   ``转12``, ``分机12``), kept apart from the key as digits, and a **vanity** tail in capitals
   joined to the digits (``1-800-FLOWERS``), mapped on the ITU E.161 keypad like libphonenumber.
   ``(0)`` needs no rule: parentheses are separators and libphonenumber drops the trunk ``0``
   after a country code where the country has one (``+86 (0)755`` → ``+86755``; Italy keeps it).
5. **Which reading** (first that applies):

   * a leading ``+`` (or a WhatsApp link): international, the ``region`` is not used;
   * otherwise, with ``region``: libphonenumber's national reading in that region (which also
     understands that region's international prefix and trunk prefix);
   * a leading ``00`` (the ITU-recommended international prefix, used in China): international;
   * without ``region``, because dupguard's users are Chinese sales teams: 11 digits that form a
     *valid* CN mobile (``1[3-9]`` + 9 digits) are read as CN, and 13 digits ``86`` + such a
     mobile as ``+86``. Nothing else is guessed (``86 755 …`` without ``+`` is not).

   A valid reading wins over a merely possible one (right length, unassigned range); a
   possible-but-invalid number still gets a strong key with ``is_valid_number=False``.
6. **Weak fallback**: when no reading gives a possible number and the input had no ``+``/``00``,
   the key is ``"~"`` + the national digits with leading trunk zeros dropped (``~75588888888``),
   ``is_weak=True`` (6–17 digits; fewer → ``TOO_SHORT``). ``~digits`` parses back to itself.

Examples:
    >>> from dupguard.normalize import phone
    >>> phone.canonical("0086 138-0013-8000")
    '+8613800138000'
    >>> phone.canonical("(0755) 8888-8888", region="CN")
    '+8675588888888'
    >>> phone.canonical("(0755) 8888-8888")
    '~75588888888'
    >>> [p.key for p in phone.parse_many("138 0013 8000 / 139 0013 9000")]
    ['+8613800138000', '+8613900139000']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache, lru_cache
from typing import Final
from urllib.parse import unquote

import phonenumbers
from phonenumbers import (
    NumberParseException,
    PhoneNumber,
    PhoneNumberType,
    ValidationResult,
    re_util,
)

from dupguard.errors import InvalidPhone, PhoneReason
from dupguard.normalize.text import MAX_LENGTH

# libphonenumber's metadata holds thousands of patterns; Python's own regex cache keeps 512, so
# a CRM column with numbers from many countries recompiled them on nearly every call (10× slower).
# phonenumbers offers this switch for exactly that case; it only keeps what it compiled.
re_util.enable_pattern_cache()

__all__ = [
    "ParsedPhone", "PhoneType", "canonical", "is_valid", "key_pairs", "parse", "parse_many"]


class PhoneType(StrEnum):
    """The kind of number, as libphonenumber classifies it (``phonenumbers.PhoneNumberType``).

    Examples:
        >>> from dupguard.normalize.phone import PhoneType, parse
        >>> parse("+86 138 0013 8000").type is PhoneType.MOBILE
        True
        >>> PhoneType.TOLL_FREE.value
        'toll_free'
    """

    MOBILE = "mobile"
    FIXED_LINE = "fixed_line"
    FIXED_LINE_OR_MOBILE = "fixed_line_or_mobile"
    TOLL_FREE = "toll_free"
    PREMIUM_RATE = "premium_rate"
    SHARED_COST = "shared_cost"
    VOIP = "voip"
    PERSONAL_NUMBER = "personal_number"
    PAGER = "pager"
    UAN = "uan"
    VOICEMAIL = "voicemail"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedPhone:
    """One phone number, as :func:`parse` / :func:`parse_many` read it.

    Attributes:
        original: the text it was read from (the whole input for :func:`parse`, the piece of the
            field for :func:`parse_many`).
        key: the match key: E.164 (``+8613800138000``), or ``~`` + national digits when weak.
        e164: the E.164 form, ``None`` when weak.
        national_number: the national significant number's digits (``13800138000``); for a weak
            key, the digits after the ``~``.
        country_code: the country calling code (``86``), ``None`` when weak.
        region: ISO 3166 alpha-2 region (``CN``); ``None`` when weak, non-geographic (``+800``)
            or a shared code the number does not pin down (an invalid ``+1`` number).
        extension: the extension's digits (``"12"`` from ``ext. 12`` / ``转12``), else ``None``.
        type: the :class:`PhoneType` (``UNKNOWN`` when weak or invalid).
        is_weak: the key is the ``~`` fallback: no region could be resolved.
        is_whatsapp: read from a WhatsApp link or after a ``WhatsApp:`` / ``WA:`` label.
        is_valid_number: ``phonenumbers.is_valid_number`` (assigned range), ``False`` when weak.

    Examples:
        >>> p = parse("Tel: +1 (415) 555-2671 ext. 12")
        >>> p.key, p.extension, p.region, p.country_code, p.national_number
        ('+14155552671', '12', 'US', 1, '4155552671')
    """

    original: str
    key: str
    e164: str | None
    national_number: str
    country_code: int | None
    region: str | None
    extension: str | None
    type: PhoneType
    is_weak: bool
    is_whatsapp: bool
    is_valid_number: bool


# --- tables ---------------------------------------------------------------------------------

_PN_TYPES: Final[dict[int, PhoneType]] = {
    getattr(PhoneNumberType, member.name): member for member in PhoneType
}

_PARSE_ERRORS: Final[dict[int, PhoneReason]] = {
    NumberParseException.INVALID_COUNTRY_CODE: PhoneReason.INVALID_COUNTRY_CODE,
    NumberParseException.NOT_A_NUMBER: PhoneReason.NOT_A_NUMBER,
    NumberParseException.TOO_SHORT_AFTER_IDD: PhoneReason.TOO_SHORT,
    NumberParseException.TOO_SHORT_NSN: PhoneReason.TOO_SHORT,
    NumberParseException.TOO_LONG: PhoneReason.INVALID_NUMBER,
}

_LENGTH_ERRORS: Final[dict[int, PhoneReason]] = {
    ValidationResult.INVALID_COUNTRY_CODE: PhoneReason.INVALID_COUNTRY_CODE,
    ValidationResult.TOO_SHORT: PhoneReason.TOO_SHORT,
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: PhoneReason.TOO_SHORT,  # no area code: no E.164
    ValidationResult.TOO_LONG: PhoneReason.INVALID_NUMBER,
    ValidationResult.INVALID_LENGTH: PhoneReason.INVALID_NUMBER,
}

# ITU E.161 keypad letters, as libphonenumber maps vanity numbers.
_KEYPAD: Final = str.maketrans(
    {c: str(d) for d, letters in enumerate(("", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ")) for c in letters}
    | {"-": None}
)

_MIN_WEAK_DIGITS: Final = 6
_MAX_NSN_DIGITS: Final = 17  # libphonenumber's longest national significant number
# No reading takes more digits than the longest international prefix (7) plus 17.
_MAX_DIGITS: Final = 24

_SEPARATORS: Final = frozenset(" \t\r\n\f\v-.()[]/")
_DIGITS: Final = frozenset("0123456789")
_INVISIBLE_EXTRA: Final = frozenset({0x034F, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)})

_SPLIT_RE: Final = re.compile(
    r"(?:[;,|\n\r、]|\s+or\s+|或者?)(?!\s*(?:ext|x\s*\d|#\s*\d|转|分机|内线))", re.IGNORECASE
)
_EXT_RE: Final = re.compile(
    r"[\s,;]*(?:extension|extn|ext|x|#|转|分机号?|内线)[\s.:：#-]*(\d{1,10})", re.IGNORECASE
)
_VANITY_RE: Final = re.compile(r"[A-Z][A-Z0-9-]*(?=$|[\s,;.()])")
_WA_LABEL_RE: Final = re.compile(r"whats\s*app|\bwa\b|瓦次普", re.IGNORECASE)
_WA_LINK_RE: Final = re.compile(
    r"(?:\bwa\.me/|whatsapp\.com/send/?\?(?:[^#\s]*?&)?phone=|whatsapp://send/?\?(?:[^#\s]*?&)?phone=)"
    r"([^&#\s/?]*)",
    re.IGNORECASE,
)
_WEAK_RE: Final = re.compile(r"~(\d{6,17})")
_CN_MOBILE_SHAPE: Final = re.compile(r"1[3-9]\d{9}")
_FAST_DELETE: Final = b" -.()"


# --- metadata (loaded per country on first use) ---------------------------------------------


@cache
def _country(cc: str) -> tuple[re.Pattern[str] | None, frozenset[int], frozenset[int]] | None:
    """National-prefix pattern and possible lengths of calling code *cc*, as libphonenumber has them."""
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(cc))
    if not regions:
        return None
    meta = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(int(cc), regions[0])
    if meta is None or meta.general_desc is None:  # pragma: no cover - every code has metadata
        return None
    prefix = meta.national_prefix_for_parsing
    desc = meta.general_desc
    return (
        re.compile(prefix) if prefix else None,
        frozenset(desc.possible_length or ()),
        frozenset(desc.possible_length_local_only or ()),
    )


@lru_cache(maxsize=1)
def _cn_mobile() -> re.Pattern[str]:
    """libphonenumber's pattern of CN mobile numbers (a valid CN mobile matches it).

    The general CN pattern is not checked here: it admits every 11-digit ``1…`` number, which is
    all this pattern matches (the fast-path oracle test would catch a metadata change).
    """
    meta = phonenumbers.PhoneMetadata.metadata_for_region("CN")
    assert meta is not None
    assert meta.mobile is not None
    mobile = meta.mobile.national_number_pattern
    assert mobile is not None
    return re.compile(f"(?:{mobile})$")


# --- input ----------------------------------------------------------------------------------


def _check(raw: object) -> str:
    if not isinstance(raw, str):
        raise InvalidPhone(PhoneReason.NOT_A_STRING, type(raw).__name__)
    if len(raw) > MAX_LENGTH:
        # Only the head is kept on the error: its message repr()s the value, 10 MB would be slow.
        raise InvalidPhone(PhoneReason.TOO_LONG, raw)
    return raw


def _check_region(region: object) -> str | None:
    if region is None:
        return None
    if isinstance(region, str):
        upper = region.upper()
        if upper in phonenumbers.SUPPORTED_REGIONS:
            return upper
    raise InvalidPhone(PhoneReason.UNKNOWN_REGION, region)


def _clean(s: str) -> str:
    """Invisibles out, NFKC (full-width → ASCII), digits of every script → ASCII, dashes → ``-``."""
    if s.isascii():
        return s
    out: list[str] = []
    for ch in unicodedata.normalize("NFKC", s):
        if ch.isascii():
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat == "Cf" or ord(ch) in _INVISIBLE_EXTRA:
            continue
        if cat == "Nd":
            out.append(str(unicodedata.decimal(ch)))
        elif cat == "Pd":
            out.append("-")
        elif cat[0] == "Z":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


# --- reading one number ---------------------------------------------------------------------


def _try(text: str, region: str | None) -> tuple[PhoneNumber | None, PhoneReason]:
    """phonenumbers' reading of *text*, kept when valid or of a possible (not local-only) length."""
    try:
        num = phonenumbers.parse(text, region)
    except NumberParseException as exc:
        return None, _PARSE_ERRORS.get(exc.error_type, PhoneReason.INVALID_NUMBER)
    result = phonenumbers.is_possible_number_with_reason(num)
    # A valid number is kept even at a "local-only" length (Canada's 7-digit 310-xxxx UAN).
    if result != ValidationResult.IS_POSSIBLE and not phonenumbers.is_valid_number(num):
        return None, _LENGTH_ERRORS.get(result, PhoneReason.INVALID_NUMBER)
    return num, PhoneReason.INVALID_NUMBER


def _kind(num: PhoneNumber) -> PhoneType:
    # One type lookup serves both answers: libphonenumber's is_valid_number(n) is exactly
    # number_type(n) != UNKNOWN (both read the number's own region's metadata).
    return _PN_TYPES.get(phonenumbers.number_type(num), PhoneType.UNKNOWN)


def _strong(
    num: PhoneNumber,
    *,
    kind: PhoneType,
    original: str,
    extension: str | None,
    whatsapp: bool,
    typed: str | None = None,
) -> ParsedPhone:
    cc = num.country_code
    assert cc is not None
    region = phonenumbers.region_code_for_number(num)
    if region is None:
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(cc, ())
        region = regions[0] if len(regions) == 1 else None
    if region == phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY:
        region = None
    e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    national = phonenumbers.national_significant_number(num)
    if kind is PhoneType.UNKNOWN and typed is not None and typed.startswith(str(cc)):
        # An invalid number keeps the digits as typed: libphonenumber would strip one more
        # "national prefix" zero on every re-parse (+43000000 → +4300000 → …), and keys must be
        # idempotent.
        e164 = "+" + typed
        national = typed[len(str(cc)) :]
    return ParsedPhone(
        original=original,
        key=e164,
        e164=e164,
        national_number=national,
        country_code=cc,
        region=region,
        extension=extension,
        type=kind,
        is_weak=False,
        is_whatsapp=whatsapp,
        is_valid_number=kind is not PhoneType.UNKNOWN,
    )


def _weak(digits: str, *, original: str, extension: str | None, whatsapp: bool) -> ParsedPhone:
    national = digits.lstrip("0")  # a trunk prefix is not part of the national number
    if len(national) < _MIN_WEAK_DIGITS:
        raise InvalidPhone(PhoneReason.TOO_SHORT, original)
    if len(national) > _MAX_NSN_DIGITS:
        raise InvalidPhone(PhoneReason.INVALID_NUMBER, original)
    return ParsedPhone(
        original=original,
        key="~" + national,
        e164=None,
        national_number=national,
        country_code=None,
        region=None,
        extension=extension,
        type=PhoneType.UNKNOWN,
        is_weak=True,
        is_whatsapp=whatsapp,
        is_valid_number=False,
    )


def _resolve(
    digits: str,
    *,
    plus: bool,
    region: str | None,
    original: str,
    extension: str | None,
    whatsapp: bool,
    guess_cn: bool = True,
) -> ParsedPhone:
    """Rule 5 and 6 of the module docstring: pick the reading of *digits*."""
    if not digits:
        raise InvalidPhone(PhoneReason.NOT_A_NUMBER, original)
    if len(digits) > _MAX_DIGITS:
        raise InvalidPhone(PhoneReason.INVALID_NUMBER, original)
    if plus:
        num, reason = _try("+" + digits, None)
        if num is None:
            raise InvalidPhone(reason, original)
        return _strong(
            num,
            kind=_kind(num),
            original=original,
            extension=extension,
            whatsapp=whatsapp,
            typed=digits,
        )
    # (text, region, reading accepted only when valid)
    readings: list[tuple[str, str | None, bool]] = []
    if region is not None:
        readings.append((digits, region, False))
    international = digits.startswith("00")
    if international:
        readings.append(("+" + digits[2:], None, False))
    elif region is None and guess_cn:
        if len(digits) == 11 and _CN_MOBILE_SHAPE.fullmatch(digits):
            readings.append((digits, "CN", True))
        elif len(digits) == 13 and digits.startswith("86") and _CN_MOBILE_SHAPE.fullmatch(digits, 2):
            readings.append(("+" + digits, None, True))
    possible: PhoneNumber | None = None
    first_reason: PhoneReason | None = None
    for text, where, needs_valid in readings:
        num, reason = _try(text, where)
        if num is None:
            first_reason = first_reason or reason
            continue
        kind = _kind(num)
        if kind is not PhoneType.UNKNOWN:
            return _strong(num, kind=kind, original=original, extension=extension, whatsapp=whatsapp)
        if not needs_valid and possible is None:
            possible = num
    if possible is not None:
        return _strong(
            possible,
            kind=PhoneType.UNKNOWN,
            original=original,
            extension=extension,
            whatsapp=whatsapp,
            typed=digits[2:] if international else None,
        )
    if international:
        raise InvalidPhone(first_reason or PhoneReason.INVALID_NUMBER, original)
    return _weak(digits, original=original, extension=extension, whatsapp=whatsapp)


def _parse_segment(segment: str, region: str | None) -> ParsedPhone:
    """Read one number from *segment* (already cleaned, no field separators)."""
    s = segment.strip()
    if not s:
        raise InvalidPhone(PhoneReason.EMPTY, segment)
    weak = _WEAK_RE.fullmatch(s)
    if weak:
        return _weak(weak.group(1), original=segment, extension=None, whatsapp=False)
    link = _WA_LINK_RE.search(s)
    if link:
        digits = "".join(c for c in unquote(link.group(1)) if c in _DIGITS)
        # Click-to-chat numbers are international with the leading zeros and "+" omitted.
        digits = digits[2:] if digits.startswith("00") else digits
        return _resolve(
            digits, plus=True, region=region, original=segment, extension=None, whatsapp=True
        )
    start = next((i for i, c in enumerate(s) if c in _DIGITS or c == "+"), -1)
    if start < 0:
        raise InvalidPhone(PhoneReason.NOT_A_NUMBER, segment)
    whatsapp = _WA_LABEL_RE.search(s, 0, start) is not None
    plus = s[start] == "+"
    i = start + 1 if plus else start
    found: list[str] = []
    while i < len(s):
        c = s[i]
        if c in _DIGITS:
            found.append(c)
        elif c not in _SEPARATORS:
            break
        i += 1
    digits = "".join(found)
    extension: str | None = None
    vanity_used = False
    ext = _EXT_RE.match(s, i)
    if ext and found:
        extension = ext.group(1)
    elif found and s[i - 1] not in " \t\r\n\f\v":
        vanity = _VANITY_RE.match(s, i)
        if vanity and sum(c.isalpha() for c in vanity.group()) >= 3:
            digits += vanity.group().translate(_KEYPAD)
            vanity_used = True  # a Chinese mobile is never written in letters: no CN guess
    return _resolve(
        digits,
        plus=plus,
        region=region,
        original=segment,
        extension=extension,
        whatsapp=whatsapp,
        guess_cn=not vanity_used,
    )


def _is_strong_valid(piece: str, region: str | None) -> bool:
    try:
        p = _parse_segment(piece, region)
    except InvalidPhone:
        return False
    return p.is_valid_number


def _segments(part: str, region: str | None) -> list[str]:
    """Split *part* on ``/`` only where both neighbours are valid numbers on their own."""
    pieces = part.split("/")
    if len(pieces) == 1:
        return pieces
    out: list[str] = []
    current = pieces[0]
    for piece in pieces[1:]:
        if _is_strong_valid(current, region) and _is_strong_valid(piece, region):
            out.append(current)
            current = piece
        else:
            current = current + "/" + piece
    out.append(current)
    return out


def _read_all(s: str, region: str | None) -> tuple[ParsedPhone, ...]:
    found: list[ParsedPhone] = []
    first_error: InvalidPhone | None = None
    for part in _SPLIT_RE.split(s):
        if not part.strip():
            continue
        for segment in _segments(part, region):
            try:
                found.append(_parse_segment(segment, region))
            except InvalidPhone as exc:
                if "/" in segment:
                    # A field like "+1 415 555 2671 / 415 555 2672": the halves may still read.
                    for piece in segment.split("/"):
                        try:
                            found.append(_parse_segment(piece, region))
                        except InvalidPhone:
                            continue
                first_error = first_error or exc
    if found:
        return tuple(found)
    raise first_error or InvalidPhone(PhoneReason.EMPTY, s)


# --- the fast path ----------------------------------------------------------------------------
#
# canonical() and key_pairs() first try to read the field's commonest shapes here, without
# phonenumbers.parse (which costs ~30 µs a call in regexes that find a number in free text). Each
# helper mirrors, step by step, what the full path (_read_all → _parse_segment → _resolve →
# phonenumbers.parse) does for that shape and returns None as soon as a step could go a way it
# does not model; the caller then takes the full path. Hypothesis oracle tests in
# tests/normalize/test_phone.py check every answer against the full path.

_FAST_MAX_LENGTH: Final = 80
_FAST_LABEL_RE: Final = re.compile(r"[A-Za-z]{1,16} ?:")  # "Tel:", "WhatsApp:", "Fax :"
_FAST_LINK_RE: Final = re.compile(r"(?:https?://)?wa\.me/([0-9]{1,24})")
# An extension after the number's last digit: a narrower form of _EXT_RE, to the end of the text.
_FAST_EXT_RE: Final = re.compile(r"[\s,;]*(?:ext|x|#)[\s.:#-]*[0-9]{1,10}\s*", re.IGNORECASE)
_FAST_EXT_START_RE: Final = re.compile(r"[0-9][\s,;]*(?:ext|x|#)", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class _NationalPlan:
    """What reading a national number in one region needs of libphonenumber's metadata."""

    cc: str
    idd: re.Pattern[str] | None
    trunk: re.Pattern[str] | None
    transform: bool
    general: re.Pattern[str] | None
    lengths: tuple[int, ...]
    local: frozenset[int]


@cache
def _national_plan(region: str) -> _NationalPlan | None:
    """The metadata of *region* that phonenumbers.parse reads a national number with."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.general_desc is None or meta.country_code is None:
        return None  # pragma: no cover - every supported region has them
    desc = meta.general_desc
    return _NationalPlan(
        cc=str(meta.country_code),
        idd=re.compile(meta.international_prefix) if meta.international_prefix else None,
        trunk=re.compile(meta.national_prefix_for_parsing) if meta.national_prefix_for_parsing else None,
        transform=bool(meta.national_prefix_transform_rule),
        general=re.compile(desc.national_number_pattern) if desc.national_number_pattern else None,
        lengths=tuple(desc.possible_length or ()),
        local=frozenset(desc.possible_length_local_only or ()),
    )


def _strip_kept(n: int, plan: _NationalPlan) -> bool:
    """phonenumbers.parse keeps a national-prefix strip leaving *n* digits: its length test (for
    the region read in) is not TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY or INVALID_LENGTH."""
    lengths = plan.lengths
    if n in plan.local:
        return False
    if lengths[0] == n:
        return True
    if lengths[0] > n:
        return False
    return lengths[-1] < n or n in lengths[1:]


def _fast_national(digits: str, region: str) -> tuple[str, str] | None:
    """``(key, national_number)`` of *digits* read nationally in *region*, when certain.

    The steps of ``phonenumbers.parse(digits, region)`` for a number without international
    prefix, then :func:`_try`'s possibility test: a possible number's key is ``+cc`` + its
    national significant number, valid or not. Declined: a possible international prefix, digits
    starting with the country code (parse may strip it), a prefix transform rule (Argentina,
    Mexico…), a leading zero left (Italy keeps it: formatting differs) and any number that is not
    possible (the full path then checks validity or falls back to a weak key).
    """
    plan = _national_plan(region)
    if plan is None or not 3 <= len(digits) <= _MAX_NSN_DIGITS or digits.startswith("00"):
        return None
    if digits.startswith(plan.cc) or (plan.idd is not None and plan.idd.match(digits)):
        return None
    if not plan.lengths:
        return None  # pragma: no cover - every region lists possible lengths
    nsn = digits
    trunk = plan.trunk.match(digits) if plan.trunk is not None else None
    if trunk is not None:
        groups = trunk.groups()
        if plan.transform and (not groups or groups[-1] is not None):
            return None
        rest = digits[trunk.end() :]
        general = plan.general
        # parse undoes a strip that turns a number of the region's pattern into one that is not.
        undone = (
            general is not None
            and general.fullmatch(digits) is not None
            and general.fullmatch(rest) is None
        )
        if not undone and _strip_kept(len(rest), plan):
            nsn = rest
    if len(nsn) < 2 or nsn[0] == "0":
        return None
    info = _country(plan.cc)
    if info is None:
        return None  # pragma: no cover - a region's own code is always known
    _, lengths, local = info
    n = len(nsn)
    if n in local or n not in lengths:
        return None
    return "+" + plan.cc + nsn, nsn


def _fast_international(digits: str) -> tuple[str, str] | None:
    """``(key, national_number)`` of ``+digits`` when libphonenumber would leave the digits as
    they are."""
    if not digits or digits[0] == "0":
        return None
    for size in (1, 2, 3):
        info = _country(digits[:size]) if size <= len(digits) else None
        if info is not None:
            break
    else:
        return None
    prefix, lengths, local = info
    national = digits[size:]
    if prefix is not None and prefix.match(national):
        return None  # a national prefix might be stripped: leave it to libphonenumber
    n = len(national)
    if n in local or n not in lengths:
        return None
    return "+" + digits, national


def _fast_number(text: str, region: str | None) -> tuple[str, str] | None:
    """``(key, national_number)`` of one number (no field separators in *text*), when certain.

    Handles ASCII digits after an optional ``+`` / ``00`` separated by spaces, dashes, dots or
    parentheses, behind an optional one-word label (``Tel:``) and before an optional extension
    (``ext 12``); and ``wa.me/<digits>`` links. Read: ``+`` numbers, national numbers in a
    region (:func:`_fast_national`), CN mobiles without region, and weak keys.
    """
    t = text.strip()
    if t[:1].isalpha():
        link = _FAST_LINK_RE.fullmatch(t)
        if link is not None:
            digits = link.group(1)
            return _fast_international(digits[2:] if digits.startswith("00") else digits)
        label = _FAST_LABEL_RE.match(t)
        if label is None:
            return None
        t = t[label.end() :].lstrip()
    plus = t.startswith("+")
    packed = (t[1:] if plus else t).encode("ascii").translate(None, _FAST_DELETE)
    if not packed.isdigit():
        ext = _FAST_EXT_START_RE.search(t)
        if ext is None or not _FAST_EXT_RE.fullmatch(t, ext.start() + 1):
            return None
        packed = (t[1 : ext.start() + 1] if plus else t[: ext.start() + 1]).encode("ascii")
        packed = packed.translate(None, _FAST_DELETE)
        if not packed.isdigit():
            return None
    digits = packed.decode("ascii")
    if plus:
        return _fast_international(digits)
    if region is not None and region != "CN":
        return _fast_national(digits, region)
    if digits.startswith("00"):
        return _fast_international(digits[2:])
    n = len(digits)
    if n == 11 and digits[1] != "1" and not digits.startswith("179") and _cn_mobile().match(digits):
        return "+86" + digits, digits
    if (
        n == 13
        and digits.startswith("86")
        and digits[3] != "1"
        and not digits.startswith("179", 2)
        and _cn_mobile().match(digits, 2)
    ):
        return "+" + digits, digits[2:]
    if region is not None:
        return _fast_national(digits, region)
    if n > _MAX_DIGITS or _CN_MOBILE_SHAPE.fullmatch(digits) or (
        n == 13 and digits.startswith("86") and _CN_MOBILE_SHAPE.fullmatch(digits, 2)
    ):
        return None  # the full path checks whether it is a valid CN mobile (or rejects it)
    national = digits.lstrip("0")
    if not _MIN_WEAK_DIGITS <= len(national) <= _MAX_NSN_DIGITS:
        return None  # the full path raises the right reason
    return "~" + national, national


def _fast_valid(pair: tuple[str, str]) -> bool:
    """Whether the number of a fast ``(key, national_number)`` is valid (``False`` when unsure)."""
    key, national = pair
    if key[0] != "+" or national[:1] in ("", "0"):
        return False
    cc = key[1 : len(key) - len(national)]
    return bool(
        phonenumbers.is_valid_number(PhoneNumber(country_code=int(cc), national_number=int(national)))
    )


def _fast_text(raw: str) -> str | None:
    """*raw* as the fast path reads it (ASCII, bounded), or ``None``: take the full path."""
    if len(raw) > _FAST_MAX_LENGTH:
        return None
    if not raw.isascii():
        # parse_many reads the cleaned text (full-width digits → ASCII): so can we.
        raw = _clean(raw)
        if not raw.isascii():
            return None
    return raw


def _fast_piece(part: str, region: str | None) -> tuple[tuple[str, str], ...] | None:
    """The numbers of one piece between field separators, as :func:`_read_all` reads it: one,
    or two where a ``/`` splits it and both sides are valid numbers. ``None``: full path."""
    if "/" in part and _FAST_LINK_RE.fullmatch(part.strip()) is None:
        pieces = part.split("/")
        if len(pieces) != 2:
            return None
        first, second = (_fast_number(p, region) for p in pieces)
        if first is None or second is None or not (_fast_valid(first) and _fast_valid(second)):
            return None
        return first, second
    pair = _fast_number(part, region)
    return None if pair is None else (pair,)


def _fast_field(raw: str, region: str | None) -> tuple[tuple[str, str], bool] | None:
    """``(key, national_number)`` of the first number of a field, and whether it is the only one.

    Mirrors :func:`_read_all` on the first piece before a field separator (:data:`_SPLIT_RE`).
    ``None``: take the full path.
    """
    text = _fast_text(raw)
    if text is None:
        return None
    split = _SPLIT_RE.search(text)
    found = _fast_piece(text if split is None else text[: split.start()], region)
    return None if found is None else (found[0], split is None and len(found) == 1)


def _fast_all(raw: str, region: str | None) -> tuple[tuple[str, str], ...] | None:
    """``(key, national_number)`` of every number of a field, each piece of a fast shape.

    Mirrors :func:`_read_all` over the pieces between field separators (:func:`_fast_piece`).
    ``None`` as soon as one piece is not of a fast shape: take the full path.
    """
    text = _fast_text(raw)
    if text is None:
        return None
    out: list[tuple[str, str]] = []
    for part in _SPLIT_RE.split(text):
        if not part.strip():
            continue
        found = _fast_piece(part, region)
        if found is None:
            return None
        out += found
    return tuple(out) or None


def _fast_key(raw: str, region: str | None) -> str | None:
    """:func:`canonical` for the commonest shapes, without phonenumbers.parse; ``None`` = don't know."""
    found = _fast_field(raw, region)
    return None if found is None else found[0][0]


# --- public API -----------------------------------------------------------------------------

def key_pairs(raw: object, /, *, region: object = None) -> tuple[tuple[str, str], ...]:
    """``(key, national_number)`` of every number in a field: what matching needs, fast.

    The same values as ``[(p.key, p.national_number) for p in parse_many(raw, region=region)]``
    (a test checks this), but the commonest shapes skip ``phonenumbers.parse`` entirely.

    Raises:
        InvalidPhone: see :func:`parse_many`.

    Examples:
        >>> key_pairs("+86 138 0013 8000")
        (('+8613800138000', '13800138000'),)
        >>> key_pairs("138 0013 8000 / 139 0013 9000")
        (('+8613800138000', '13800138000'), ('+8613900139000', '13900139000'))
    """
    if isinstance(raw, str) and len(raw) <= _FAST_MAX_LENGTH:
        found = _fast_all(raw, None if region is None else _check_region(region))
        if found is not None:
            return found
    return tuple((p.key, p.national_number) for p in parse_many(raw, region=region))




def parse_many(raw: object, /, *, region: object = None) -> tuple[ParsedPhone, ...]:
    """Every number in a phone field (``138 0013 8000 / 139 0013 9000``, ``;``, ``,``, ``、``).

    Pieces that hold no number (``n/a``, a stray ``12``) are left out; the field fails only when
    no piece reads.

    Args:
        raw: the field's text.
        region: ISO 3166 alpha-2 default region (any case) for numbers written without ``+``.

    Returns:
        The numbers, in field order; ``original`` of each is its piece of the field.

    Raises:
        InvalidPhone: ``NOT_A_STRING``, ``TOO_LONG``, ``EMPTY``, ``UNKNOWN_REGION``, or the
            first piece's reason (``NOT_A_NUMBER``, ``TOO_SHORT``, ``INVALID_COUNTRY_CODE``,
            ``INVALID_NUMBER``) when no piece reads.

    Examples:
        >>> [p.key for p in parse_many("手机：138 0013 8000；电话：0755-8888 8888", region="CN")]
        ['+8613800138000', '+8675588888888']
        >>> [p.key for p in parse_many("+86-755/8888 8888")]
        ['+8675588888888']
    """
    s = _check(raw)
    where = _check_region(region)
    if not s.strip():
        raise InvalidPhone(PhoneReason.EMPTY, s)
    return _read_all(_clean(s), where)


def parse(raw: object, /, *, region: object = None) -> ParsedPhone:
    """Read the (first) phone number in *raw*.

    Args:
        raw: the text, e.g. ``"+86 138 0013 8000"``, ``"手机：13800138000"``, ``"wa.me/86138…"``.
        region: ISO 3166 alpha-2 default region (any case) for numbers written without ``+``.

    Returns:
        A :class:`ParsedPhone`; ``original`` is *raw*.

    Raises:
        InvalidPhone: see :func:`parse_many`.

    Examples:
        >>> p = parse("＋８６　１３８\u200b００１３８０００")
        >>> p.key, p.region, p.type.value, p.is_weak
        ('+8613800138000', 'CN', 'mobile', False)
        >>> parse("https://api.whatsapp.com/send?phone=447946095800").is_whatsapp
        True
        >>> parse("3812345").key, parse("3812345").is_weak
        ('~3812345', True)
    """
    first = parse_many(raw, region=region)[0]
    return first if first.original == raw else replace(first, original=str(raw))


def canonical(raw: object, /, *, region: object = None) -> str:
    """The match key of *raw*: E.164, or the weak ``~digits`` fallback.

    Same as ``parse(raw, region=region).key``, with a fast path for the commonest shapes.

    Raises:
        InvalidPhone: see :func:`parse_many`.

    Examples:
        >>> canonical("+86 (0)755 8888 8888")
        '+8675588888888'
        >>> canonical("138 0013 8000")   # an 11-digit CN mobile needs no region
        '+8613800138000'
        >>> canonical("020 7946 0958", region="gb")
        '+442079460958'
        >>> canonical("12")
        Traceback (most recent call last):
        ...
        dupguard.errors.InvalidPhone: invalid phone '12': too_short
    """
    if isinstance(raw, str) and len(raw) <= _FAST_MAX_LENGTH:
        found = _fast_field(raw, None if region is None else _check_region(region))
        if found is not None:
            return found[0][0]
    return parse(raw, region=region).key


def is_valid(raw: object, /, *, region: object = None) -> bool:
    """Whether :func:`canonical` gives *raw* a key (weak keys count). Never raises.

    A bad ``region`` gives ``False`` too.

    Examples:
        >>> is_valid("+44 20 7946 0958"), is_valid("12"), is_valid(None), is_valid("x", region="XX")
        (True, False, False, False)
    """
    try:
        canonical(raw, region=region)
    except InvalidPhone:
        return False
    return True
