"""Tests of dupguard.normalize.phone: libphonenumber's examples, the documented rules, laws."""

from __future__ import annotations

import csv
import json
import pickle
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dupguard.errors import InvalidPhone, PhoneReason
from dupguard.normalize import phone
from dupguard.normalize.phone import ParsedPhone, PhoneType
from dupguard.normalize.text import MAX_LENGTH
from tests.support import NO_DOCSTRINGS, SHARED_DATA, skip_if_compiled

EXAMPLES = SHARED_DATA / "phone-libphonenumber-examples" / "example_numbers.csv"
DEVIATIONS = Path(__file__).with_name("deviations_phone.json")
FORMATS = ("international", "e164", "rfc3966", "national")


def _rows() -> list[dict[str, str]]:
    with EXAMPLES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ROWS = _rows()
_DEVIATIONS: list[dict[str, Any]] = json.loads(DEVIATIONS.read_text(encoding="utf-8"))
DEVIATION_IDS = {d["id"]: d for d in _DEVIATIONS}


def _case_id(row: dict[str, str], fmt: str) -> str:
    return f"{row['region']}-{row['type']}-{fmt}"


def _ours(row: dict[str, str], fmt: str) -> str:
    region = row["region"] if fmt == "national" else None
    try:
        return phone.canonical(row[fmt], region=region)
    except InvalidPhone as exc:
        return f"InvalidPhone({exc.reason.value})"


# --- libphonenumber's example numbers -------------------------------------------------------


def test_examples_file_is_the_full_set() -> None:
    assert len(ROWS) == 1129
    assert len({r["region"] for r in ROWS}) == 245


@pytest.mark.parametrize(
    ("row", "fmt"),
    [pytest.param(r, f, id=_case_id(r, f)) for r in ROWS for f in FORMATS],
)
def test_example_numbers_give_their_e164(row: dict[str, str], fmt: str) -> None:
    case = _case_id(row, fmt)
    ours = _ours(row, fmt)
    if case in DEVIATION_IDS:
        assert DEVIATION_IDS[case]["expected"] == row["e164"]
        assert ours == DEVIATION_IDS[case]["ours"], "deviation changed: update the file"
        assert ours != row["e164"], "stale deviation: it no longer deviates"
        return
    assert ours == row["e164"]
    parsed = phone.parse(row[fmt], region=row["region"] if fmt == "national" else None)
    assert parsed.key == parsed.e164 == row["e164"]
    assert parsed.country_code == int(row["country_code"])
    assert parsed.is_valid_number
    assert not parsed.is_weak
    expected_types = {PhoneType[row["type"]]}
    if row["type"] in {"FIXED_LINE", "MOBILE"}:
        expected_types.add(PhoneType.FIXED_LINE_OR_MOBILE)  # regions that cannot tell them apart
    assert parsed.type in expected_types


def test_deviations_file_is_well_formed_and_not_stale() -> None:
    ids = {_case_id(r, f) for r in ROWS for f in FORMATS}
    for d in _DEVIATIONS:
        assert set(d) >= {"id", "input", "expected", "ours", "reason"}
        assert d["id"] in ids
        assert d["reason"].strip()


# --- the documented rules --------------------------------------------------------------------

CN_MOBILE = "+8613800138000"
SZ_FIXED = "+8675588888888"


@pytest.mark.parametrize(
    ("raw", "region", "key"),
    [
        ("0086 138-0013-8000", None, CN_MOBILE),
        ("+86 13800138000", None, CN_MOBILE),
        ("+86 (0)755 8888 8888", None, SZ_FIXED),
        ("+86 0755 8888 8888", None, SZ_FIXED),
        ("(0755) 8888-8888", "CN", SZ_FIXED),
        ("(0755) 8888-8888", "cn", SZ_FIXED),
        ("138 0013 8000", "CN", CN_MOBILE),
        ("138 0013 8000", None, CN_MOBILE),
        ("86-138-0013-8000", None, CN_MOBILE),
        ("8613800138000", "CN", CN_MOBILE),
        ("0086 13800138000", "US", CN_MOBILE),
        ("wa.me/8613800138000", None, CN_MOBILE),
        ("https://wa.me/8613800138000?text=hello", None, CN_MOBILE),
        ("https://api.whatsapp.com/send?phone=8613800138000", None, CN_MOBILE),
        ("https://api.whatsapp.com/send/?text=hi&phone=%2B8613800138000", None, CN_MOBILE),
        ("Tel: +1 (415) 555-2671 ext. 12", None, "+14155552671"),
        ("+44 20 7946 0958", None, "+442079460958"),
        ("+44 (0)20 7946 0958", None, "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("+39 (0)6 1234 5678", None, "+390612345678"),  # Italy keeps its leading 0
        ("＋８６　１３８　００１３　８０００", None, CN_MOBILE),
        ("手机：13800138000", None, CN_MOBILE),
        ("电话:0755-8888 8888", "CN", SZ_FIXED),
        ("Tel/Fax: +86 755 8888 8888", None, SZ_FIXED),
        ("WhatsApp: +86 138 0013 8000", None, CN_MOBILE),
        ("138 0013 8000（王总）", None, CN_MOBILE),
        ("tel:+86-138-0013-8000", None, CN_MOBILE),
        ("٠٠٨٦١٣٨٠٠١٣٨٠٠٠", None, CN_MOBILE),  # Arabic-Indic digits
        ("1-800-FLOWERS", "US", "+18003569377"),  # vanity letters on the keypad
        ("1-800-FLOWERS", None, "~18003569377"),  # letters: never guessed to be a CN mobile
        ("(0755) 8888-8888", None, "~75588888888"),
        ("3812345", None, "~3812345"),
        ("~3812345", None, "~3812345"),
        ("+800 1234 5678", None, "+80012345678"),
        ("310-1234", "CA", "+13101234"),  # valid at a local-only length
    ],
)
def test_rules(raw: str, region: str | None, key: str) -> None:
    assert phone.canonical(raw, region=region) == key
    assert phone.parse(raw, region=region).key == key
    assert phone.is_valid(raw, region=region)


def test_parse_result_fields() -> None:
    p = phone.parse("Tel: +1 (415) 555-2671 ext. 12")
    assert p == ParsedPhone(
        original="Tel: +1 (415) 555-2671 ext. 12",
        key="+14155552671",
        e164="+14155552671",
        national_number="4155552671",
        country_code=1,
        region="US",
        extension="12",
        type=PhoneType.FIXED_LINE_OR_MOBILE,
        is_weak=False,
        is_whatsapp=False,
        is_valid_number=True,
    )
    with pytest.raises(AttributeError):
        p.key = "x"  # type: ignore[misc]


def test_cn_mobile_fields() -> None:
    p = phone.parse("138 0013 8000")
    assert (p.region, p.country_code, p.national_number, p.type) == (
        "CN",
        86,
        "13800138000",
        PhoneType.MOBILE,
    )
    assert phone.parse("+86 755 8888 8888").type is PhoneType.FIXED_LINE


@pytest.mark.parametrize(
    "raw",
    [
        "0755-8888 8888 ext. 12",
        "0755-8888 8888 x12",
        "0755-8888 8888 转12",
        "0755-8888 8888 分机 12",
        "0755-8888 8888#12",
        "0755-8888 8888, ext 12",
    ],
)
def test_extensions_are_kept_apart(raw: str) -> None:
    p = phone.parse(raw, region="CN")
    assert (p.key, p.extension) == (SZ_FIXED, "12")


@pytest.mark.parametrize(
    "raw",
    [
        "wa.me/8613800138000",
        "https://api.whatsapp.com/send?phone=8613800138000",
        "WhatsApp: 138 0013 8000",
        "WA: +86 138 0013 8000",
        "whatsapp://send?phone=8613800138000",
    ],
)
def test_whatsapp_is_flagged(raw: str) -> None:
    p = phone.parse(raw)
    assert p.is_whatsapp
    assert p.key == CN_MOBILE


def test_whatsapp_link_digits_are_international() -> None:
    # Click-to-chat numbers carry no "+": a UK number must not become a CN or weak key.
    assert phone.canonical("https://wa.me/447946095800") == "+447946095800"
    assert not phone.parse("+86 138 0013 8000").is_whatsapp


def test_cn_guess_only_for_valid_mobiles() -> None:
    # 1[3-9] + 9 digits in an unassigned range is not guessed to be CN.
    p = phone.parse("14012345678")
    assert p.is_weak
    assert p.key == "~14012345678"
    # 86 + 11 digits that are not a CN mobile: no +86 guess either.
    assert phone.parse("8675588888888").is_weak
    # With an explicit non-CN region the region is trusted.
    assert phone.canonical("13800138000", region="US") != CN_MOBILE


def test_possible_but_invalid_still_gets_a_strong_key() -> None:
    p = phone.parse("+1 201 055 0123")  # NANP area codes never start with 0
    assert not p.is_valid_number
    assert not p.is_weak
    assert p.key == "+12010550123"
    assert p.type is PhoneType.UNKNOWN


def test_weak_fallback() -> None:
    p = phone.parse("(0755) 8888-8888")
    assert p.is_weak
    assert (p.e164, p.country_code, p.region, p.national_number) == (None, None, None, "75588888888")
    assert phone.parse("075588888888", region="CN").national_number == p.national_number
    with pytest.raises(InvalidPhone) as exc:
        phone.canonical("12345")
    assert exc.value.reason is PhoneReason.TOO_SHORT
    with pytest.raises(InvalidPhone) as exc:
        phone.canonical("1" * 18)
    assert exc.value.reason is PhoneReason.INVALID_NUMBER


@pytest.mark.parametrize(
    ("raw", "region", "reason"),
    [
        (None, None, PhoneReason.NOT_A_STRING),
        (b"+8613800138000", None, PhoneReason.NOT_A_STRING),
        (13800138000, None, PhoneReason.NOT_A_STRING),
        ("", None, PhoneReason.EMPTY),
        (" \u200b ", None, PhoneReason.EMPTY),
        ("x" * (MAX_LENGTH + 1), None, PhoneReason.TOO_LONG),
        ("😴", None, PhoneReason.NOT_A_NUMBER),
        ("ⅷ", None, PhoneReason.NOT_A_NUMBER),
        ("\x00", None, PhoneReason.NOT_A_NUMBER),
        ("n/a", None, PhoneReason.NOT_A_NUMBER),
        ("+", None, PhoneReason.NOT_A_NUMBER),
        ("12", None, PhoneReason.TOO_SHORT),
        ("+1 555", None, PhoneReason.TOO_SHORT),
        ("+999 1234 5678", None, PhoneReason.INVALID_COUNTRY_CODE),
        ("0099912345678", None, PhoneReason.INVALID_COUNTRY_CODE),
        ("+86 138 0013 8000", "XX", PhoneReason.UNKNOWN_REGION),
        ("+86 138 0013 8000", "china", PhoneReason.UNKNOWN_REGION),
        ("+86 138 0013 8000", 86, PhoneReason.UNKNOWN_REGION),
    ],
)
def test_rejections_carry_a_reason(raw: object, region: Any, reason: PhoneReason) -> None:
    for verb in (phone.parse, phone.canonical, phone.parse_many):
        with pytest.raises(InvalidPhone) as exc:
            verb(raw, region=region)
        assert exc.value.reason is reason
    assert phone.is_valid(raw, region=region) is False
    err = pickle.loads(pickle.dumps(exc.value))
    assert err.reason is reason


def test_huge_input_is_rejected_fast() -> None:
    import time

    big = "1" * 10_000_000
    start = time.perf_counter()
    assert not phone.is_valid(big)
    assert time.perf_counter() - start < 0.05


# --- several numbers in one field ------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "region", "keys"),
    [
        ("138 0013 8000 / 139 0013 9000", "CN", [CN_MOBILE, "+8613900139000"]),
        ("138 0013 8000 / 139 0013 9000", None, [CN_MOBILE, "+8613900139000"]),
        ("13800138000/13900139000", None, [CN_MOBILE, "+8613900139000"]),
        ("138 0013 8000; 139 0013 9000", None, [CN_MOBILE, "+8613900139000"]),
        ("138 0013 8000，139 0013 9000", None, [CN_MOBILE, "+8613900139000"]),
        ("138 0013 8000、0755-8888 8888", "CN", [CN_MOBILE, SZ_FIXED]),
        ("手机：138 0013 8000\n电话：0755-8888 8888", "CN", [CN_MOBILE, SZ_FIXED]),
        ("+86-755/8888 8888", None, [SZ_FIXED]),
        ("Tel/Fax: +86 755 8888 8888", None, [SZ_FIXED]),
        ("0755-8888 8888, ext 12", "CN", [SZ_FIXED]),
        ("138 0013 8000; n/a", None, [CN_MOBILE]),
        ("+1 415 555 2671 / 415 555 2672", None, ["+14155552671", "~4155552672"]),
    ],
)
def test_parse_many(raw: str, region: str | None, keys: list[str]) -> None:
    found = phone.parse_many(raw, region=region)
    assert [p.key for p in found] == keys
    assert phone.canonical(raw, region=region) == keys[0]


def test_parse_many_originals_are_the_pieces() -> None:
    found = phone.parse_many("138 0013 8000 / 139 0013 9000")
    assert [p.original.strip() for p in found] == ["138 0013 8000", "139 0013 9000"]
    assert phone.parse("138 0013 8000 / 139 0013 9000").original == "138 0013 8000 / 139 0013 9000"


def test_public_api() -> None:
    skip_if_compiled(phone, NO_DOCSTRINGS)
    assert phone.__all__ == sorted(phone.__all__)
    for name in phone.__all__:
        assert getattr(phone, name).__doc__


# --- laws (hypothesis) -----------------------------------------------------------------------

INTERNATIONAL = [r["e164"] for r in ROWS]
cn_mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
known_numbers = st.one_of(st.sampled_from(INTERNATIONAL), cn_mobiles.map(lambda d: "+86" + d))

SEPARATORS = [" ", "-", ".", "(", ")", "/", "  ", " - ", "\u3000", "\u2014"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


@st.composite
def disguised(draw: st.DrawFn, key: str, *, slashes: bool = True) -> str:
    """*key* with separators and invisibles inserted, some digits full-width, and a frame."""
    seps = SEPARATORS if slashes else [s for s in SEPARATORS if s != "/"]
    out = ["+" if draw(st.booleans()) else "＋"]
    for ch in key[1:]:
        if draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(seps)))
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(ZERO_WIDTH)))
        out.append(chr(ord(ch) - ord("0") + 0xFF10) if draw(st.booleans()) else ch)
    before = draw(st.sampled_from(["", " ", "\t", '"', "(", "[", "*", "Tel: ", "手机："]))
    after = draw(st.sampled_from(["", " ", "\n", '"', ")", ".", "]", "*", " (office)"]))
    return before + "".join(out) + after


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), known_numbers)
def test_key_is_unchanged_by_formatting(data: st.DataObject, key: str) -> None:
    raw = data.draw(disguised(key))
    assert phone.canonical(raw) == phone.canonical(key)


@settings(max_examples=100, deadline=None)
@given(st.data(), cn_mobiles)
def test_national_cn_mobile_is_unchanged_by_formatting(data: st.DataObject, digits: str) -> None:
    raw = data.draw(disguised("+" + digits))[1:].lstrip("+＋")
    expected = phone.canonical(digits)
    assert phone.canonical(raw.replace("+", "").replace("＋", "")) == expected


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.sampled_from(INTERNATIONAL), known_numbers))
@example("~123456")
@example("+8613800138000")
def test_canonical_is_idempotent(raw: str) -> None:
    try:
        key = phone.canonical(raw)
    except InvalidPhone:
        return
    assert phone.canonical(key) == key
    for region in ("CN", "US", "DE"):
        try:
            k = phone.canonical(raw, region=region)
        except InvalidPhone:
            continue
        assert phone.canonical(k, region=region) == k


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from([None, "CN", "US", "gb", "XX", ""]))
def test_is_valid_never_raises(raw: str, region: str | None) -> None:
    assert phone.is_valid(raw, region=region) in (True, False)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[+0-9 ()\-./#xX,;转~]{0,30}", fullmatch=True), st.sampled_from([None, "CN", "US"]))
def test_parse_raises_only_invalid_phone(raw: str, region: str | None) -> None:
    try:
        many = phone.parse_many(raw, region=region)
    except InvalidPhone:
        assert not phone.is_valid(raw, region=region)
        return
    assert many
    assert phone.parse(raw, region=region).key == many[0].key == phone.canonical(raw, region=region)


# --- the fast path against the full path -----------------------------------------------------


def _slow(raw: str, region: str | None) -> str | None:
    try:
        return phone.parse(raw, region=region).key
    except InvalidPhone:
        return None


@st.composite
def fast_shapes(draw: st.DrawFn) -> str:
    """The shapes the fast path takes on, with digits that do and do not fit it."""
    digits = draw(
        st.one_of(
            cn_mobiles,
            st.from_regex(r"1[0-9]{10}", fullmatch=True),
            st.from_regex(r"86[0-9]{11}", fullmatch=True),
            st.from_regex(r"861[3-9][0-9]{9}", fullmatch=True),
            st.from_regex(r"[0-9]{1,18}", fullmatch=True),
            st.sampled_from(INTERNATIONAL).map(lambda e: e[1:]),
        )
    )
    prefix = draw(st.sampled_from(["", "+", "00", "+86", "0086", "86", " +", "+ "]))
    sep = draw(st.sampled_from(["", " ", "-", ".", "(", ")"]))
    body = sep.join(digits[i : i + 4] for i in range(0, len(digits), 4)) if sep else digits
    return prefix + body + draw(st.sampled_from(["", " "]))


@settings(max_examples=300, deadline=None)
@given(fast_shapes(), st.sampled_from([None, "CN"]))
def test_fast_path_agrees_with_full_path(raw: str, region: str | None) -> None:
    fast = phone._fast_key(raw, region)
    if fast is not None:
        assert fast == _slow(raw, region)


def test_fast_path_on_every_example_and_cn_prefix() -> None:
    taken = 0
    for e164 in INTERNATIONAL:
        for raw in (e164, "00" + e164[1:]):
            fast = phone._fast_key(raw, None)
            if fast is not None:
                taken += 1
                assert fast == _slow(raw, None) == e164
    assert taken > 2000  # the fast path really covers the common international shape
    # Every 4-digit CN mobile prefix, national, 86-prefixed and +86, with and without region.
    for head in range(1000, 2000):
        digits = f"{head}0013800"
        for raw in (digits, "86" + digits, "+86 " + digits, "0086-" + digits):
            for region in (None, "CN"):
                fast = phone._fast_key(raw, region)
                if fast is not None:
                    assert fast == _slow(raw, region), raw


def test_fast_path_declines_what_it_cannot_prove() -> None:
    assert phone._fast_key("+86 0755 8888 8888", None) is None  # national prefix after +86
    assert phone._fast_key("138 0013 8000", "US") is None
    assert phone._fast_key("+7 812 827 4623", None) is None  # RU trunk "8": full path decides
    assert phone._fast_key("0049 30 123456", "DE") is None  # an international prefix
    assert phone._fast_key("0577 9703 1450 / 0577 9703 1451", None) is None  # "/", weak sides
    assert phone._fast_key("+86 138 0013 8000", None) == CN_MOBILE
    # Full-width digits are cleaned first, as parse_many does.
    assert phone._fast_key("1380013800０", None) == CN_MOBILE == _slow("1380013800０", None)


# --- the fast path against the full path: national numbers in a region, whole fields ----------

REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)


def _outcome(fn: Callable[[], object]) -> object:
    """What a call gives: its value, or the reason of the InvalidPhone it raises."""
    try:
        return fn()
    except InvalidPhone as exc:
        return ("InvalidPhone", exc.reason)


def _assert_fast_matches_full(raw: str, region: str | None) -> bool:
    """canonical and key_pairs (fast path first) against parse_many (full path only); returns
    whether the fast path answered."""
    many = _outcome(lambda: phone.parse_many(raw, region=region))
    if isinstance(many, tuple) and isinstance(many[0], ParsedPhone):
        first: object = many[0].key  # parse(raw).key is parse_many(raw)[0].key
        pairs: object = tuple((p.key, p.national_number) for p in many)
    else:
        first = pairs = many
    assert _outcome(lambda: phone.canonical(raw, region=region)) == first, (raw, region)
    assert _outcome(lambda: phone.key_pairs(raw, region=region)) == pairs, (raw, region)
    return phone._fast_key(raw, region) is not None


def _nsn(row: dict[str, str]) -> str:
    return row["e164"][1 + len(row["country_code"]) :]


def _trunk(region: str) -> str:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    return (meta.national_prefix or "") if meta is not None else ""


def _digits_variants(row: dict[str, str]) -> list[str]:
    """The example's digits as written nationally, and with trunk / country-code variations."""
    nsn, cc = _nsn(row), row["country_code"]
    typed = "".join(c for c in row["national"] if c.isdigit())
    return [typed, nsn, _trunk(row["region"]) + nsn, "0" + nsn, cc + nsn, "00" + cc + nsn, nsn[:-1], nsn + "5"]


def test_fast_national_on_every_example_and_variation() -> None:
    taken = total = 0
    for i, row in enumerate(ROWS):
        other = REGIONS[i % len(REGIONS)]
        for j, digits in enumerate(_digits_variants(row)):
            for region in (row["region"], other) if j < 4 else (row["region"],):
                total += 1
                taken += _assert_fast_matches_full(digits, region)
    # The fast path really covers national numbers (most variations are not possible numbers).
    assert taken > total // 3
    national = [phone._fast_key(r["national"], r["region"]) for r in ROWS]
    assert sum(k is not None for k in national) > 1000


SPACERS = ["", "", "", " ", "-", ".", "(", ")", "  ", " - ", "/", "\t", "\u3000"]


def _spaced(rng: random.Random, digits: str) -> str:
    """*digits* with separators between them (a few the fast path does not take), some
    full-width."""
    out = []
    for ch in digits:
        if rng.random() < 0.3:
            out.append(rng.choice(SPACERS))
        out.append(chr(ord(ch) - ord("0") + 0xFF10) if rng.random() < 0.05 else ch)
    return "".join(out)


def _random_digits(rng: random.Random) -> str:
    return "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 18)))


# Built once: strategies made inside a composite on every draw cost hypothesis milliseconds.
rows_st = st.sampled_from(ROWS)
regions_st = st.sampled_from(REGIONS)
seeds = st.integers(0, 2**32 - 1)


@st.composite
def national_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """A national-format number and the region it is read in (its own region or any other):
    the example's digits as typed, with trunk / country-code variations, or random digits;
    random separators and a tail."""
    row = draw(rows_st)
    region = row["region"] if draw(st.booleans()) else draw(regions_st)
    rng = random.Random(draw(seeds))
    prefixes = ["0", "1", "8", "00", "011", "9", row["country_code"], _trunk(region)]
    digits = rng.choice(
        [rng.choice(_digits_variants(row)), rng.choice(prefixes) + _nsn(row), _random_digits(rng)]
    )
    raw = _spaced(rng, digits) + rng.choice(["", " ", "", " ext 12", "x9", " #123"])
    return raw, rng.choice([region, region.lower()])


@settings(max_examples=1000, deadline=None)
@given(national_numbers())
def test_fast_national_agrees_with_full_path(case: tuple[str, str]) -> None:
    _assert_fast_matches_full(*case)


def _one_number(rng: random.Random, row: dict[str, str]) -> str:
    cc, nsn = row["country_code"], _nsn(row)
    body = rng.choice(
        [
            row["national"],
            row["international"],
            row["e164"],
            f"00{cc} {nsn}",
            f"{cc}-{nsn}",
            f"wa.me/{cc}{nsn}",
            f"https://wa.me/00{cc}{nsn}",
            _trunk(row["region"]) + nsn,
            _random_digits(rng),
        ]
    )
    label = rng.choice(["", "", "Tel: ", "WhatsApp: ", "Fax :", "x: ", "手机：", "Tel/Fax: ", "~"])
    ext = rng.choice(["", "", " ext 827", " x12", "#12", ", ext 123", " ext. 12345678901", " X", " ABC"])
    return label + body + ext


FIELD_REGIONS = [None, None, "CN", "US", "GB", "DE", "RU", "IN", *REGIONS[::20]]


@st.composite
def fields(draw: st.DrawFn) -> tuple[str, str | None]:
    """A CRM phone field: one or two numbers with labels, extensions, links and separators."""
    rng = random.Random(draw(seeds))
    joiner = rng.choice(["", "", " / ", "/", "; ", ", ", " or ", "、", "\n"])
    raw = _one_number(rng, draw(rows_st)) + (joiner + _one_number(rng, draw(rows_st)) if joiner else "")
    return raw, rng.choice(FIELD_REGIONS)


@settings(max_examples=1000, deadline=None)
@given(fields())
def test_fast_fields_agree_with_full_path(case: tuple[str, str | None]) -> None:
    _assert_fast_matches_full(*case)


def test_fast_path_covers_the_generator_shapes() -> None:
    cases = [
        ("Tel: +62 857 3343 0606", None, "+6285733430606"),
        ("WhatsApp: +44 1615971688", None, "+441615971688"),
        ("wa.me/8615781706465", None, "+8615781706465"),
        ("Tel: +62 852 9528 1262 ext 827, +62 852 9528 4174", None, "+6285295281262"),
        ("0086 18065148305 / +86 152 5716 5582", None, "+8618065148305"),
        ("(0577) 9703 1450", None, "~57797031450"),
        ("(0755) 8888-8888", "CN", SZ_FIXED),
        ("020 7946 0958", "GB", "+442079460958"),
        ("(415) 555-2671", "US", "+14155552671"),
        ("8 (301) 123-45-67", "RU", "+73011234567"),
    ]
    for raw, region, key in cases:
        assert phone._fast_key(raw, region) == key == _slow(raw, region), raw
        assert _assert_fast_matches_full(raw, region)


def test_fast_path_reads_every_number_of_a_multi_number_field() -> None:
    cases = [
        ("+13107749763, +1 310 774 5962", None, ("+13107749763", "+13107745962")),
        ("Tel: +1 212 620 6093 ext 42 / +1 212 620 5517", None, ("+12126206093", "+12126205517")),
        ("0086 18065148305 / +86 152 5716 5582", None, ("+8618065148305", "+8615257165582")),
        ("WhatsApp: +62 85737751197 / +62 857 3775 4723", None, ("+6285737751197", "+6285737754723")),
        ("１３３ ２８３９ １０９３/１３５５６３６３０２９", None, ("+8613328391093", "+8613556363029")),
        ("020 7946 0958; 020 7946 0959", "GB", ("+442079460958", "+442079460959")),
    ]
    for raw, region, keys in cases:
        fast = phone._fast_all(raw, region)
        assert fast is not None, raw
        assert tuple(k for k, _ in fast) == keys, raw
        assert _assert_fast_matches_full(raw, region)
