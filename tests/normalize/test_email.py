"""Tests of dupguard.normalize.email: external vectors, documented rules, laws, fast path oracle."""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dupguard.errors import EmailReason, InvalidEmail
from dupguard.normalize import email
from tests.support import SHARED_DATA, load_json

VECTORS = "email-normalization-tests"
DEVIATIONS_PATH = Path(__file__).with_name("deviations_email.json")


def _deviations() -> dict[tuple[str, str], dict[str, Any]]:
    rows = json.loads(DEVIATIONS_PATH.read_text(encoding="utf-8"))
    return {(row["set"], row["id"]): row for row in rows}


DEVIATIONS = _deviations()


def _try_canonical(raw: str) -> str | bool:
    try:
        return email.canonical(raw)
    except InvalidEmail:
        return False


def _try_normalized(raw: str) -> str | bool:
    try:
        return email.parse(raw).normalized
    except InvalidEmail:
        return False


# --- validator.js normalizeEmail vectors ---------------------------------------------------------

VALIDATORJS = load_json(f"{VECTORS}/validatorjs_normalizeEmail_cases.json")


def _vjs_id(i: int, case: dict[str, Any]) -> str:
    return f"vjs-{i:03d}"


@pytest.mark.parametrize(
    ("case_id", "case"),
    [(_vjs_id(i, c), c) for i, c in enumerate(VALIDATORJS)],
    ids=[_vjs_id(i, c) for i, c in enumerate(VALIDATORJS)],
)
def test_validatorjs_vector(case_id: str, case: dict[str, Any]) -> None:
    """Our key equals validator.js's normalizeEmail output, or the case is a listed deviation."""
    ours = _try_canonical(case["input"])
    deviation = DEVIATIONS.get(("validatorjs", case_id))
    if deviation is None:
        assert ours == case["expected"], case
    else:
        assert deviation["input"] == case["input"]
        assert deviation["expected"] == case["expected"]
        assert ours != case["expected"], f"stale deviation {case_id}: we now agree"
        assert ours == deviation["ours"], case_id


# --- python-email-validator syntax vectors --------------------------------------------------------

PYEV = load_json(f"{VECTORS}/python_email_validator_cases.json")


def _pyev_id(i: int, case: dict[str, Any]) -> str:
    return f"pyev-{i:03d}"


def _pyev_expected(case: dict[str, Any]) -> str | bool:
    """What email-validator says: the normalized address, or False when rejected."""
    valid = case["valid"]
    if valid is True and case.get("normalized") is not None:
        return str(case["normalized"])
    # Accepted with no normalized form recorded (is_email rows), or accepted because dupguard
    # always allows quoted local parts: the expectation is then just "accepted" (True).
    return valid is True or valid == "only_with_allow_quoted_local"


@pytest.mark.parametrize(
    ("case_id", "case"),
    [(_pyev_id(i, c), c) for i, c in enumerate(PYEV)],
    ids=[_pyev_id(i, c) for i, c in enumerate(PYEV)],
)
def test_python_email_validator_vector(case_id: str, case: dict[str, Any]) -> None:
    """Validity and normalized form agree with email-validator, or the case is a deviation."""
    normalized = _try_normalized(case["input"])
    expected = _pyev_expected(case)
    ours: str | bool = (normalized is not False) if expected is True else normalized
    deviation = DEVIATIONS.get(("python-email-validator", case_id))
    if deviation is None:
        assert ours == expected, case
    else:
        assert deviation["input"] == case["input"]
        assert ours != expected, f"stale deviation {case_id}: we now agree"
        assert ours == deviation["ours"], case_id
    # Whatever the verdict, the junk contract holds: is_valid agrees with parse and never raises.
    assert email.is_valid(case["input"]) is (normalized is not False)


def test_deviation_file_lists_only_known_cases() -> None:
    known = {("validatorjs", _vjs_id(i, c)) for i, c in enumerate(VALIDATORJS)}
    known |= {("python-email-validator", _pyev_id(i, c)) for i, c in enumerate(PYEV)}
    assert set(DEVIATIONS) <= known
    assert all(row["reason"].strip() for row in DEVIATIONS.values())


def test_vector_files_are_complete() -> None:
    assert len(VALIDATORJS) == 98
    assert len(PYEV) == 286
    assert (SHARED_DATA / VECTORS / "SOURCE.md").is_file()


# --- documented rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalized", "key"),
    [
        ('"Bob" <bob@x.com>', "bob@x.com", "bob@x.com"),
        ("Bob <bob@x.com>", "bob@x.com", "bob@x.com"),
        ("mailto:bob@x.com?subject=hi", "bob@x.com", "bob@x.com"),
        ("MAILTO:bob%2Bcrm@x.com", "bob+crm@x.com", "bob+crm@x.com"),
        ("bob@x.com.", "bob@x.com", "bob@x.com"),
        ("BOB@X.COM", "BOB@x.com", "bob@x.com"),
        ("<bob@x.com>;", "bob@x.com", "bob@x.com"),
        ("bob@x.com (Bob Lee)", "bob@x.com", "bob@x.com"),
        ("Jane.Doe+crm@googlemail.com", "Jane.Doe+crm@googlemail.com", "janedoe@gmail.com"),
        ("j.doe+a@outlook.com", "j.doe+a@outlook.com", "j.doe@outlook.com"),
        ("j.doe+a@hotmail.co.uk", "j.doe+a@hotmail.co.uk", "j.doe@hotmail.co.uk"),
        ("j.doe+a@icloud.com", "j.doe+a@icloud.com", "j.doe@icloud.com"),
        ("j.doe+a@fastmail.com", "j.doe+a@fastmail.com", "j.doe@fastmail.com"),
        ("j.doe+a@proton.me", "j.doe+a@proton.me", "j.doe@proton.me"),
        ("j.doe-a@ymail.com", "j.doe-a@ymail.com", "j.doe@ymail.com"),
        ("j.doe+a@qq.com", "j.doe+a@qq.com", "j.doe+a@qq.com"),  # no Chinese provider rules
        ("j.doe+a@acme.com", "j.doe+a@acme.com", "j.doe+a@acme.com"),  # unknown: untouched
        ("bob@gmial.com", "bob@gmial.com", "bob@gmail.com"),  # typo domain folded
        ("bob@163.con", "bob@163.con", "bob@163.com"),
        ("ｂｏｂ＠ｘ．ｃｏｍ", "bob@x.com", "bob@x.com"),
        ("葉士豪@臺網中心.tw", "葉士豪@臺網中心.tw", "叶士豪@台网中心.tw"),
        ("test@xn--fiqs8s.cn", "test@中国.cn", "test@中国.cn"),
        ("INFO@acme.com", "info@acme.com", "info@acme.com"),  # RFC 2142 via email-validator
        ('"quoted local part"@example.org', '"quoted local part"@example.org', '"quoted local part"@example.org'),
        ("+tag@gmail.com", "+tag@gmail.com", "+tag@gmail.com"),  # a rule never empties the local part
    ],
)
def test_documented_rules(raw: str, normalized: str, key: str) -> None:
    p = email.parse(raw)
    assert (p.normalized, p.key) == (normalized, key)
    assert email.canonical(raw) == key


def test_provider_rules_off() -> None:
    assert email.canonical("Jane.Doe+crm@googlemail.com", provider_rules=False) == (
        "jane.doe+crm@googlemail.com"
    )
    assert email.canonical("bob@gmial.com", provider_rules=False) == "bob@gmial.com"


@pytest.mark.parametrize(
    ("raw", "free", "role", "registrable", "company"),
    [
        ("bob@qq.com", True, False, "qq.com", None),
        ("bob@vip.163.com", True, False, "163.com", None),
        ("sales@126.com", True, True, "126.com", None),
        ("bob@gamil.com", True, False, "gamil.com", None),
        ("export@huawei.com", False, True, "huawei.com", "huawei.com"),
        ("bob.lee@mail.acme.co.uk", False, False, "acme.co.uk", "acme.co.uk"),
        ("purchasing2@acme.de", False, True, "acme.de", "acme.de"),
        ("sales.cn@acme.com", False, True, "acme.com", "acme.com"),
        ("bob@foo.github.io", False, False, "foo.github.io", "foo.github.io"),
        ("jeff@臺網中心.tw", False, False, "xn--fiqq24b10vi0d.tw", "xn--fiqq24b10vi0d.tw"),
    ],
)
def test_classification(raw: str, free: bool, role: bool, registrable: str, company: str | None) -> None:
    p = email.parse(raw)
    assert (p.is_freemail, p.is_role, p.registrable_domain, p.company_domain) == (
        free,
        role,
        registrable,
        company,
    )


def test_company_domain_matches_domain_normalizer() -> None:
    from dupguard.normalize import domain

    assert email.parse("bob@www.acme.co.uk").company_domain == domain.canonical("https://acme.co.uk/")
    assert email.parse("a@中国.cn").company_domain == domain.canonical("http://xn--fiqs8s.cn")


def test_freemail_list_size_and_required_members() -> None:
    free = email._freemail()
    assert len(free) >= 200
    for d in ("qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "yeah.net", "aliyun.com",
              "139.com", "gmail.com", "gmial.com", "web.de", "naver.com", "rediffmail.com"):
        assert email.is_freemail_domain(d), d
    assert not email.is_freemail_domain("huawei.com")
    assert not email.is_freemail_domain(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (None, EmailReason.NOT_A_STRING),
        (b"bob@x.com", EmailReason.NOT_A_STRING),
        (3, EmailReason.NOT_A_STRING),
        ("", EmailReason.EMPTY),
        ("  <> ; ", EmailReason.EMPTY),
        ("x" * 5000 + "@x.com", EmailReason.TOO_LONG),
        ("bob.example.com", EmailReason.NO_AT_SIGN),
        ("bob at x dot com", EmailReason.NO_AT_SIGN),
        ("😴", EmailReason.NO_AT_SIGN),
        ("@gmail.com", EmailReason.BAD_LOCAL_PART),
        (".bob@x.com", EmailReason.BAD_LOCAL_PART),
        ("bob@localhost", EmailReason.BAD_DOMAIN),
        ("bob@x.invalid", EmailReason.BAD_DOMAIN),
        ("bob@-x.com", EmailReason.BAD_DOMAIN),
    ],
)
def test_rejections_carry_reasons(raw: object, reason: EmailReason) -> None:
    with pytest.raises(InvalidEmail) as info:
        email.parse(raw)
    assert info.value.reason is reason
    with pytest.raises(InvalidEmail):
        email.canonical(raw)
    assert email.is_valid(raw) is False


JUNK: list[object] = [None, b"bytes", 3, 3.5, object(), [], "", " ", "😴", "ⅷ", "\x00", "@", "@@",
                      "\ud800", "a@b", "<>", "mailto:", '"', "\u200b", "a" * 10_000_000]


@pytest.mark.parametrize("raw", JUNK, ids=range(len(JUNK)))
def test_junk_never_raises_anything_else(raw: object) -> None:
    import time

    start = time.perf_counter()
    assert email.is_valid(raw) is False
    assert time.perf_counter() - start < 0.05
    with pytest.raises(InvalidEmail):
        email.parse(raw)
    with pytest.raises(InvalidEmail):
        email.canonical(raw)


def test_parse_many() -> None:
    got = email.parse_many("Bob <bob@a.com>; ann@b.cn / n/a\nJ.Doe@GoogleMail.com，x")
    assert [p.key for p in got] == ["bob@a.com", "ann@b.cn", "jdoe@gmail.com"]
    with pytest.raises(InvalidEmail) as info:
        email.parse_many(" ; , ")
    assert info.value.reason is EmailReason.EMPTY
    with pytest.raises(InvalidEmail) as info:
        email.parse_many("n/a; none")
    assert info.value.reason is EmailReason.NO_AT_SIGN
    with pytest.raises(InvalidEmail) as info:
        email.parse_many(None)
    assert info.value.reason is EmailReason.NOT_A_STRING


def test_errors_pickle() -> None:
    import pickle

    with pytest.raises(InvalidEmail) as info:
        email.parse("bob@localhost")
    again = pickle.loads(pickle.dumps(info.value))
    assert again.reason is EmailReason.BAD_DOMAIN


# --- hypothesis laws -------------------------------------------------------------------------------

LOCAL_CHARS = string.ascii_letters + string.digits
DOMAINS = ["gmail.com", "googlemail.com", "outlook.com", "yahoo.com", "qq.com", "163.com",
           "acme.co.uk", "huawei.com", "mail.example.org", "icloud.com", "proton.me"]


@st.composite
def plain_addresses(draw: st.DrawFn) -> str:
    """Lower-case common-shape addresses: the input the laws transform."""
    atoms = draw(st.lists(st.text(LOCAL_CHARS.lower(), min_size=1, max_size=8), min_size=1, max_size=3))
    sep = draw(st.sampled_from([".", "_", "-", "+"]))
    local = sep.join(atoms)
    if local[0] in "+-":  # keep the shape simple; the law is about the transformations
        local = "a" + local
    return f"{local}@{draw(st.sampled_from(DOMAINS))}"


_HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і",
               "j": "ј", "s": "ѕ", "h": "һ", "d": "ԁ", "q": "ԛ", "w": "ԝ", "v": "ν", "t": "τ",
               "k": "κ"}

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(plain_addresses(), st.data())
def test_key_invariant_under_case_width_invisibles_homoglyphs_wrapping(addr: str, data: st.DataObject) -> None:
    key = email.canonical(addr)
    upper = "".join(c.upper() if data.draw(st.booleans()) else c for c in addr)
    assert email.canonical(upper) == key
    wide = "".join(chr(ord(c) + 0xFEE0) if data.draw(st.booleans()) and "!" <= c <= "~" else c for c in addr)
    assert email.canonical(wide) == key
    pos = data.draw(st.integers(0, len(addr)))
    zw = data.draw(st.sampled_from(["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad"]))
    assert email.canonical(addr[:pos] + zw + addr[pos:]) == key
    glyphs = "".join(
        _HOMOGLYPHS[c] if c in _HOMOGLYPHS and data.draw(st.booleans()) else c for c in addr
    )
    assert email.canonical(glyphs) == key
    before = data.draw(st.sampled_from(["", " ", "\t", "<", "(", "'", '"', "mailto:", "Bob <"]))
    after = data.draw(st.sampled_from(["", " ", ";", ",", ".", ">", ">;", ")", "'", '"', " \n"]))
    if before == "Bob <" and not after.startswith(">"):
        after = ">" + after
    assert email.canonical(before + addr + after) == key


@FAST
@given(st.one_of(plain_addresses(), st.emails()))
def test_idempotent_and_normalized_round_trip(addr: str) -> None:
    assume(email.is_valid(addr))
    p = email.parse(addr)
    assert email.canonical(p.key) == p.key
    assert email.parse(p.normalized).key == p.key
    assert email.parse(p.normalized).normalized == p.normalized
    assert email.canonical(addr) == p.key


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_is_valid_never_raises_on_any_text(raw: str) -> None:
    valid = email.is_valid(raw)
    assert isinstance(valid, bool)
    if valid:
        assert email.canonical(raw)


# --- fast path vs slow path oracle ----------------------------------------------------------------

EDGE_LABELS = ["a", "xn--fiqs8s", "xn--0", "yy--0", "ab--c", "a-b", "0", "a" * 63, "a" * 64,
               "test", "local", "localhost", "onion", "arpa", "invalid", "com", "COM", "Co",
               "example", "x1", "1x"]
EDGE_LOCALS = ["a", "INFO", "Sales", "postmaster", "a.b", "a..b", ".a", "a.", "a+b", "a-b", "a_b",
               "a%b", "A" * 64, "a" * 65, "a" * 200, "-a", "+", "%"]


@st.composite
def near_fast_shape(draw: st.DrawFn) -> str:
    local = draw(st.one_of(st.sampled_from(EDGE_LOCALS),
                           st.text(LOCAL_CHARS + "._%+-", min_size=1, max_size=70)))
    labels = draw(st.lists(st.one_of(st.sampled_from(EDGE_LABELS),
                                     st.text(LOCAL_CHARS + "-", min_size=1, max_size=64)),
                           min_size=1, max_size=5))
    tld = draw(st.one_of(st.sampled_from(EDGE_LABELS), st.text(string.ascii_letters, min_size=1, max_size=64)))
    return f"{local}@{'.'.join([*labels, tld])}"


def _slow(addr: str) -> tuple[str, str] | None:
    try:
        return email._validator_split(addr)
    except InvalidEmail:
        return None


@settings(max_examples=250, deadline=None)
@given(st.one_of(near_fast_shape(), st.emails(), plain_addresses()))
def test_fast_path_equals_email_validator(addr: str) -> None:
    fast = email._fast_split(addr)
    if fast is not None:
        assert fast == _slow(addr), addr


def test_fast_path_edges_by_hand() -> None:
    long_ok = "a@" + ".".join(["b" * 63] * 3) + "." + "c" * 60  # 254 characters
    assert len(long_ok) == 254
    for addr in ["a@b.co", "INFO@X.COM", "a%b@x.com", long_ok, "a" * 100 + "@x.com"]:
        assert email._fast_split(addr) == _slow(addr), addr
        assert email._fast_split(addr) is not None
    for addr in [long_ok + "c", "a@x.test", "a@xn--0.tld", "a@yy--0.tld", "a..b@x.com", "a@x.c0m"]:
        assert email._fast_split(addr) is None, addr
