"""Tests of dupguard.normalize.domain: documented inputs, PSL, platforms, junk, laws."""

from __future__ import annotations

import string
import time

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dupguard.errors import DomainReason, InvalidDomain
from dupguard.normalize import domain


@pytest.mark.parametrize(
    ("raw", "host", "registrable", "suffix", "key"),
    [
        ("https://www.Huawei.com:443/en/?x=1", "huawei.com", "huawei.com", "com", "huawei.com"),
        ("huawei.com", "huawei.com", "huawei.com", "com", "huawei.com"),
        ("WWW.HUAWEI.COM.", "huawei.com", "huawei.com", "com", "huawei.com"),
        ("bob@huawei.com", "huawei.com", "huawei.com", "com", "huawei.com"),
        ("Bob <bob@huawei.com>", "huawei.com", "huawei.com", "com", "huawei.com"),
        ("mailto:bob@huawei.com?subject=hi", "huawei.com", "huawei.com", "com", "huawei.com"),
        ("http://xn--fiqs8s.cn", "xn--fiqs8s.cn", "xn--fiqs8s.cn", "cn", "xn--fiqs8s.cn"),
        ("中国.cn", "xn--fiqs8s.cn", "xn--fiqs8s.cn", "cn", "xn--fiqs8s.cn"),
        ("ｗｗｗ．ａｃｍｅ．ｃｏｍ", "acme.com", "acme.com", "com", "acme.com"),
        ("www。acme。com", "acme.com", "acme.com", "com", "acme.com"),
        ("huawei.com/en", "huawei.com", "huawei.com", "com", "huawei.com"),
        ("mail.acme.co.uk", "mail.acme.co.uk", "acme.co.uk", "co.uk", "acme.co.uk"),
        ("https://user:pw@shop.acme.de:8080/x#y", "shop.acme.de", "acme.de", "de", "acme.de"),
        ("//acme.com/path", "acme.com", "acme.com", "com", "acme.com"),
        (" 'acme.com', ", "acme.com", "acme.com", "com", "acme.com"),
        ("ac\u200bme.com", "acme.com", "acme.com", "com", "acme.com"),
        ("foo.github.io", "foo.github.io", "foo.github.io", "github.io", "foo.github.io"),
        ("foo.blogspot.com", "foo.blogspot.com", "foo.blogspot.com", "blogspot.com", "foo.blogspot.com"),
        ("acme.myshopify.com", "acme.myshopify.com", "acme.myshopify.com", "myshopify.com", "acme.myshopify.com"),
        ("www.com", "www.com", "www.com", "com", "www.com"),  # www is the registrable label here
        ("www2.acme.com.cn", "acme.com.cn", "acme.com.cn", "com.cn", "acme.com.cn"),
        ("acme.unknowntld", "acme.unknowntld", "acme.unknowntld", "unknowntld", "acme.unknowntld"),
    ],
)
def test_documented_inputs(raw: str, host: str, registrable: str, suffix: str, key: str) -> None:
    p = domain.parse(raw)
    assert (p.host, p.registrable, p.suffix, p.key) == (host, registrable, suffix, key)
    assert domain.canonical(raw) == key
    assert domain.is_valid(raw)


def test_unicode_host_is_the_display_form() -> None:
    p = domain.parse("http://www.xn--fiqs8s.cn/")
    assert (p.host, p.unicode_host) == ("xn--fiqs8s.cn", "中国.cn")
    assert domain.parse("Bücher.de").host == "xn--bcher-kva.de"


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("acme.en.alibaba.com", "alibaba.com/acme"),
        ("https://acme.m.en.alibaba.com/product/1.html", "alibaba.com/acme"),
        ("acme.alibaba.com", "alibaba.com/acme"),
        ("shop123.1688.com", "1688.com/shop123"),
        ("https://acme.en.made-in-china.com/", "made-in-china.com/acme"),
        ("https://www.aliexpress.com/store/912345?spm=x", "aliexpress.com/store/912345"),
        ("https://www.amazon.com/stores/AcmeStore/page/1", "amazon.com/stores/acmestore"),
        ("https://www.facebook.com/AcmeTrading/", "facebook.com/acmetrading"),
        ("https://m.facebook.com/pages/Acme/12345", "facebook.com/pages/12345"),
        ("https://www.linkedin.com/company/Acme-Trading/about", "linkedin.com/company/acme-trading"),
        ("https://sites.google.com/view/acme/home", "sites.google.com/view/acme"),
        ("https://acme.wordpress.com", "wordpress.com/acme"),
    ],
)
def test_platform_pages_are_their_own_identity(raw: str, key: str) -> None:
    p = domain.parse(raw)
    assert p.is_platform
    assert p.key == key


@pytest.mark.parametrize(
    "raw",
    ["alibaba.com", "https://www.alibaba.com/product-detail/x_1.html", "https://www.facebook.com/",
     "https://www.facebook.com/sharer.php?u=x", "https://www.linkedin.com/feed/"],
)
def test_platform_without_an_id_keys_on_the_platform(raw: str) -> None:
    p = domain.parse(raw)
    assert p.is_platform
    assert p.key == p.registrable


def test_ordinary_google_host_is_not_a_platform() -> None:
    p = domain.parse("https://www.google.com/maps")
    assert (p.key, p.is_platform) == ("google.com", False)


def test_platform_table_loads() -> None:
    table = domain._platforms()
    assert {"alibaba.com", "facebook.com", "linkedin.com", "sites.google.com"} <= set(table)
    assert "wa.me" not in table  # phone links are not company identities


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (None, DomainReason.NOT_A_STRING),
        (b"acme.com", DomainReason.NOT_A_STRING),
        (3, DomainReason.NOT_A_STRING),
        ("", DomainReason.EMPTY),
        ("  <> ", DomainReason.EMPTY),
        ("a" * 5000, DomainReason.TOO_LONG),
        ("http://", DomainReason.NO_HOST),
        ("https:///path", DomainReason.NO_HOST),
        ("10.0.0.1", DomainReason.IP_ADDRESS),
        ("http://192.168.1.1:8080/", DomainReason.IP_ADDRESS),
        ("[::1]", DomainReason.IP_ADDRESS),
        ("http://[2001:db8::1]/", DomainReason.IP_ADDRESS),
        ("localhost", DomainReason.NO_REGISTRABLE_DOMAIN),
        ("co.uk", DomainReason.NO_REGISTRABLE_DOMAIN),
        ("com", DomainReason.NO_REGISTRABLE_DOMAIN),
        ("printer.local", DomainReason.NO_REGISTRABLE_DOMAIN),
        ("x.test", DomainReason.NO_REGISTRABLE_DOMAIN),
        ("n/a", DomainReason.NO_REGISTRABLE_DOMAIN),
        ("a..b.com", DomainReason.BAD_LABEL),
        ("-acme.com", DomainReason.BAD_LABEL),
        ("xn--0.com", DomainReason.BAD_LABEL),
        ("acme com", DomainReason.BAD_LABEL),
        ("acme.com:http", DomainReason.BAD_LABEL),
        ("a" * 64 + ".com", DomainReason.BAD_LABEL),
    ],
)
def test_rejections_carry_reasons(raw: object, reason: DomainReason) -> None:
    with pytest.raises(InvalidDomain) as info:
        domain.parse(raw)
    assert info.value.reason is reason
    assert domain.is_valid(raw) is False


JUNK: list[object] = [None, b"x", 1, 2.5, object(), [], "", " ", "😴", "ⅷ", "\x00", "\ud800",
                      "http://", "://", "[", "]", "@", ".", "...", "a" * 10_000_000]


@pytest.mark.parametrize("raw", JUNK, ids=range(len(JUNK)))
def test_junk_never_raises_anything_else(raw: object) -> None:
    start = time.perf_counter()
    assert domain.is_valid(raw) is False
    assert time.perf_counter() - start < 0.05
    with pytest.raises(InvalidDomain):
        domain.parse(raw)
    with pytest.raises(InvalidDomain):
        domain.canonical(raw)


def test_parse_many() -> None:
    got = domain.parse_many("www.a.com; b.cn, n/a | https://c.co.uk/x\n中国.cn")
    assert [p.key for p in got] == ["a.com", "b.cn", "c.co.uk", "xn--fiqs8s.cn"]
    with pytest.raises(InvalidDomain) as info:
        domain.parse_many(" ; ")
    assert info.value.reason is DomainReason.EMPTY
    with pytest.raises(InvalidDomain) as info:
        domain.parse_many("10.0.0.1, co.uk")
    assert info.value.reason is DomainReason.IP_ADDRESS
    with pytest.raises(InvalidDomain) as info:
        domain.parse_many(None)
    assert info.value.reason is DomainReason.NOT_A_STRING


def test_registrable_helper_used_by_email() -> None:
    assert domain._registrable("mail.acme.co.uk") == "acme.co.uk"
    assert domain._registrable("co.uk") is None


# --- laws ---------------------------------------------------------------------------------------

LABEL = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=10)
SUFFIXES = ["com", "cn", "co.uk", "com.cn", "de", "io", "github.io", "org.au"]


@st.composite
def hosts(draw: st.DrawFn) -> str:
    labels = draw(st.lists(LABEL, min_size=1, max_size=3))
    host = ".".join([*labels, draw(st.sampled_from(SUFFIXES))])
    # A drawn host can itself be a public suffix (de.com, uk.com are CentralNic's): it has no
    # registrable domain, and canonical() rightly refuses it.
    assume(domain.is_valid(host))
    return host


@settings(max_examples=150, deadline=None)
@given(hosts(), st.data())
def test_key_invariant_under_url_dress(host: str, data: st.DataObject) -> None:
    key = domain.canonical(host)
    scheme = data.draw(st.sampled_from(["", "http://", "https://", "HTTPS://", "//"]))
    www = data.draw(st.sampled_from(["", "www.", "WWW."]))
    port = data.draw(st.sampled_from(["", ":80", ":8443"]))
    path = data.draw(st.sampled_from(["", "/", "/en/index.html", "?q=1", "#top"]))
    dressed = f"{scheme}{www}{host.upper() if data.draw(st.booleans()) else host}{port}{path}"
    assert domain.canonical(dressed) == key
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in host)
    assert domain.canonical(wide) == key
    assert domain.canonical(f"bob@{host}") == key
    assert domain.canonical(key) == key  # idempotent


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_is_valid_never_raises_on_any_text(raw: str) -> None:
    valid = domain.is_valid(raw)
    assert isinstance(valid, bool)
    if valid:
        p = domain.parse(raw)
        assert domain.canonical(p.key) == p.key or p.is_platform
