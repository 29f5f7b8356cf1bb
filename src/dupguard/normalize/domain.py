"""Domains: a URL, host or email in; the registrable domain (the company's web identity) out.

A CRM's *website* field holds anything from ``huawei.com`` to ``https://www.Huawei.com:443/en/?x=1``,
``ｗｗｗ．ｘ．ｃｏｍ`` (full-width), ``中国.cn`` or ``bob@huawei.com``. :func:`canonical` reduces all of
them to one key. The rules, in order (see ``docs/normalization/domain.md`` for the sources):

1. **Junk in, typed error out.** Not a string → ``NOT_A_STRING``; longer than
   :data:`dupguard.normalize.text.MAX_LENGTH` → ``TOO_LONG`` (checked first, so a 10 MB paste
   costs nothing); nothing left → ``EMPTY``.
2. **Unicode clean-up** (non-ASCII input only): invisible characters removed, NFKC (full-width
   forms → ASCII, Unicode TR15), ideographic full stops ``。｡`` → ``.`` (as UTS #46 maps them).
3. **URL, host or email → host.** Surrounding whitespace, quotes and brackets, ``mailto:``, any
   ``scheme://`` (RFC 3986 §3.1), user-info and an email's local part (everything up to the last
   ``@``), the path, query and fragment, the port (RFC 3986 §3.2.3) and trailing dots (the DNS
   root, RFC 1034 §3.1) are dropped; the host is lower-cased.
4. **IP addresses** (IPv4, IPv6, bracketed or not) → ``IP_ADDRESS``: they name a machine, not a
   company.
5. **IDN** (RFC 5890/5891, UTS #46 via the ``idna`` package): the host is kept in ASCII (A-label,
   ``xn--…``) form; ``unicode_host`` is the U-label form for display. Labels are 1–63 characters
   of letters, digits, ``-`` (not at either end) and ``_`` (found in real hosts, RFC 2181 §11);
   anything else → ``BAD_LABEL``.
6. **Registrable domain by the Public Suffix List** (https://publicsuffix.org/list/), shipped
   offline by the ``publicsuffixlist`` package, ICANN *and* private sections — so
   ``foo.github.io`` and ``acme.myshopify.com`` are their own registrable domains. As the PSL
   algorithm says, an unknown TLD counts as a one-label public suffix. A bare public suffix
   (``co.uk``), a single label (``localhost``) or a special-use name (RFC 6761/6762/7686:
   ``.localhost``, ``.local``, ``.test``, ``.invalid``, ``.example``, ``.onion``, ``.arpa``, plus
   the de-facto private ``.internal``, ``.lan``, ``.home``, ``.corp``) → ``NO_REGISTRABLE_DOMAIN``.
7. **www.** A leading ``www``/``www2``… label is dropped from ``host`` (it never changes the
   registrable domain) unless it *is* the registrable label (``www.com``).
8. **Platforms.** On hosts listed in ``_data/platform_hosts.txt`` (Alibaba, 1688, Made-in-China,
   AliExpress, Amazon, Facebook, LinkedIn, Google Sites, …) thousands of companies share one
   registrable domain, so ``is_platform`` is true and the key is ``<platform>/<id>`` built from the
   shop's sub-domain or path: ``acme.en.alibaba.com`` → ``alibaba.com/acme``,
   ``linkedin.com/company/Acme`` → ``linkedin.com/company/acme``. When no id can be found (a
   product page) the key is the platform's own registrable domain and ``is_platform`` stays true:
   such a key must not be used as a company identity.

Examples:
    >>> from dupguard.normalize import domain
    >>> domain.canonical("https://www.Huawei.com:443/en/?x=1")
    'huawei.com'
    >>> domain.canonical("mail.acme.co.uk"), domain.canonical("bob@huawei.com")
    ('acme.co.uk', 'huawei.com')
    >>> domain.canonical("中国.cn")
    'xn--fiqs8s.cn'
    >>> domain.canonical("https://acme.en.alibaba.com/productlist.html")
    'alibaba.com/acme'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Final
from urllib.parse import unquote

from dupguard.errors import DomainReason, InvalidDomain
from dupguard.normalize.text import MAX_LENGTH

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

__all__ = [
    "ParsedDomain",
    "canonical",
    "is_valid",
    "parse",
    "parse_many",
]

#: Longest host name in octets (RFC 1035 §2.3.4, without the root's length byte and dot).
_MAX_HOST: Final = 253

_SCHEME_RE: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]{0,30}://")
_ASCII_HOST_RE: Final = re.compile(
    r"[a-z0-9_](?:[a-z0-9_\-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_\-]{0,61}[a-z0-9_])?)*"
)
_WWW_RE: Final = re.compile(r"www\d{0,2}\.")
_SPLIT_RE: Final = re.compile(r"[,;\s|，；、]+")
# Leading/trailing characters that wrap a pasted value: quotes, brackets, list punctuation.
_WRAP: Final = " \t\r\n\f\v\"'<>()[]{},;:!"
_AUTH_WRAP: Final = " \t\r\n\f\v\"'<>(){},;!"  # keeps [ ] : of an IPv6 literal
_DOTS: Final = {ord("\u3002"): ".", ord("\uff61"): ".", ord("\uff0e"): "."}
_INVISIBLE_EXTRA: Final = frozenset({0x034F, *range(0xFE00, 0xFE10)})

# RFC 6761 (localhost, invalid, test, example), RFC 6762 (local), RFC 7686 (onion), RFC 6761 §6 /
# arpa reverse zones; internal/lan/home/corp: de-facto private TLDs (ICANN SAC 113, RFC 8375).
_SPECIAL_USE_TLDS: Final = frozenset(
    {"localhost", "local", "test", "invalid", "example", "onion", "arpa", "internal", "lan",
     "home", "corp", "localdomain"}
)
# Labels on subdomain platforms that say nothing about the shop (language, mobile, www, service).
_GENERIC_LABELS: Final = frozenset(
    {"www", "www2", "m", "mobile", "wap", "en", "cn", "zh", "es", "fr", "de", "ru", "pt", "ar",
     "ja", "ko", "it", "tr", "vi", "th", "id", "global", "detail", "s", "login", "passport",
     "message", "my", "offer", "home", "help", "service", "sale", "page", "img", "static",
     "manufacturer", "world", "item", "search", "shop", "store", "trade", "sourcing"}
)
# Path segments that are site features, never a page or profile id.
_RESERVED_IDS: Final = frozenset(
    {"pages", "people", "groups", "group", "watch", "share", "sharer", "sharer.php",
     "profile.php", "events", "marketplace", "login", "home", "home.php", "p", "reel", "reels",
     "stories", "explore", "search", "hashtag", "intent", "i", "about", "help", "privacy",
     "policies", "legal", "settings", "messages", "notifications", "feed", "jobs", "results",
     "shorts", "playlist", "product-detail", "dp", "gp", "s", "index.html", "index.php", "en",
     "hashtags", "tags", "tag", "video", "videos", "photo", "photos", "posts", "status", "web"}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedDomain:
    """The result of :func:`parse`.

    Attributes:
        original: the input as given.
        host: lower-case ASCII (A-label) host, without ``www.``, port or trailing dot.
        unicode_host: ``host`` in Unicode (U-label) form, for display.
        registrable: the registrable domain (eTLD+1) by the Public Suffix List, ASCII.
        suffix: the public suffix, ASCII (``co.uk``).
        key: the identity key: ``registrable``, or ``<platform>/<id>`` on platform hosts.
        is_platform: the registrable domain is a shared platform, not the company.

    Examples:
        >>> p = parse("https://shop.ACME.co.uk:8080/x")
        >>> p.host, p.registrable, p.suffix, p.key, p.is_platform
        ('shop.acme.co.uk', 'acme.co.uk', 'co.uk', 'acme.co.uk', False)
    """

    original: str
    host: str
    unicode_host: str
    registrable: str
    suffix: str
    key: str
    is_platform: bool


@dataclass(frozen=True, slots=True)
class _Platform:
    host: str
    subdomain: bool
    templates: tuple[tuple[str, ...], ...]


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    from publicsuffixlist import PublicSuffixList

    # ICANN + private sections (only_icann=False); unknown TLDs are one-label suffixes ("*" rule).
    return PublicSuffixList(accept_unknown=True, only_icann=False)


@lru_cache(maxsize=1)
def _platforms() -> dict[str, _Platform]:
    text = resources.files("dupguard.normalize").joinpath("_data/platform_hosts.txt")
    table: dict[str, _Platform] = {}
    for raw_line in text.read_text(encoding="utf-8").splitlines():
        line = raw_line.split("#", 1)[0].strip()
        if not line:
            continue
        host, kind, *templates = line.split()
        table[host] = _Platform(
            host=host,
            subdomain=kind == "subdomain",
            templates=tuple(tuple(t.split("/")) for t in templates),
        )
    return table


@lru_cache(maxsize=65536)
def _psl_split(host: str) -> tuple[str | None, str]:
    """``(registrable or None, public suffix)`` of an ASCII host.

    Cached: the PSL walk is the costliest step, and CRM columns repeat the same hosts.
    """
    psl = _psl()
    registrable: str | None = psl.privatesuffix(host)
    if registrable is not None:  # eTLD+1 is one label plus the suffix: no second PSL walk
        return registrable, registrable.split(".", 1)[1]
    suffix: str = psl.publicsuffix(host) or host.rsplit(".", 1)[-1]
    return None, suffix


def _registrable(ascii_host: str, /) -> str | None:
    """The registrable domain of an ASCII host, or ``None`` (used by the email normalizer).

    Examples:
        >>> _registrable("mail.acme.co.uk"), _registrable("co.uk")
        ('acme.co.uk', None)
    """
    return _psl_split(ascii_host)[0]


def _strip_invisible(s: str) -> str:
    return "".join(
        c for c in s if unicodedata.category(c) != "Cf" and ord(c) not in _INVISIBLE_EXTRA
    )


def _split_url(s: str) -> tuple[str, str]:
    """``(authority host with port, path)`` of a cleaned URL, host or email."""
    if s[:7].lower() == "mailto:":
        s = s[7:]
    m = _SCHEME_RE.match(s)
    if m:
        s = s[m.end() :]
    elif s.startswith("//"):
        s = s[2:]
    elif "@" in s:
        # An email (or user@host): the host follows the last @-sign.
        s = s.rsplit("@", 1)[1]
    cut = len(s)
    for sep in "/?#\\":
        i = s.find(sep)
        if 0 <= i < cut:
            cut = i
    authority, rest = s[:cut], s[cut:]
    if "@" in authority:
        authority = authority.rsplit("@", 1)[1]
    return authority, rest


def _to_ascii_host(host: str, original: str) -> str:
    import idna

    try:
        mapped = idna.uts46_remap(host, std3_rules=False, transitional=False)
        labels = [
            lab if lab.isascii() else idna.alabel(lab).decode("ascii") for lab in mapped.split(".")
        ]
    except (idna.IDNAError, UnicodeError, ValueError) as e:
        raise InvalidDomain(DomainReason.BAD_LABEL, original, str(e)) from None
    return ".".join(labels).lower()


def _to_unicode_host(host: str, original: str) -> str:
    if "xn--" not in host:
        return host
    import idna

    try:
        return ".".join(
            idna.ulabel(lab) if lab.startswith("xn--") else lab for lab in host.split(".")
        )
    except (idna.IDNAError, UnicodeError, ValueError) as e:
        raise InvalidDomain(DomainReason.BAD_LABEL, original, str(e)) from None


def _is_ip(host: str) -> bool:
    # Bracketed or colon-rich hosts are IPv6 (RFC 3986 §3.2.2); a host whose last label is all
    # digits is an IPv4 address (or junk shaped like one): no TLD is numeric (RFC 3696 §2).
    return host.startswith("[") or host.count(":") >= 2 or host.rsplit(".", 1)[-1].isdigit()


def _host_of(raw: object) -> tuple[str, str, str]:
    """Check and clean *raw*; return ``(original, ascii host, path)``."""
    if not isinstance(raw, str):
        raise InvalidDomain(DomainReason.NOT_A_STRING, type(raw).__name__)
    if len(raw) > MAX_LENGTH:
        raise InvalidDomain(DomainReason.TOO_LONG, raw)
    s = raw
    if not s.isascii():
        s = unicodedata.normalize("NFKC", _strip_invisible(s)).translate(_DOTS)
    s = s.strip(_WRAP)
    if not s:
        raise InvalidDomain(DomainReason.EMPTY, raw)
    authority, path = _split_url(s)
    authority = authority.strip(_AUTH_WRAP)
    if authority.startswith("[") or authority.count(":") >= 2:
        raise InvalidDomain(DomainReason.IP_ADDRESS, raw)
    host, _, port = authority.partition(":")
    if port and not port.isdigit():
        raise InvalidDomain(DomainReason.BAD_LABEL, raw, "bad port")
    host = host.rstrip(".").lower()
    if not host:
        raise InvalidDomain(DomainReason.NO_HOST, raw)
    if _is_ip(host):
        raise InvalidDomain(DomainReason.IP_ADDRESS, raw)
    if not host.isascii():
        host = _to_ascii_host(host, raw)
    if len(host) > _MAX_HOST or not _ASCII_HOST_RE.fullmatch(host):
        raise InvalidDomain(DomainReason.BAD_LABEL, raw)
    return raw, host, path


def _platform_key(platform: _Platform, host: str, path: str) -> str | None:
    if platform.subdomain:
        below = host[: -len(platform.host)].rstrip(".")
        for label in below.split(".") if below else ():
            if label not in _GENERIC_LABELS:
                return f"{platform.host}/{label}"
        return None
    segments = [
        unquote(seg).strip().lower()
        for seg in path.split("?", 1)[0].split("#", 1)[0].split("/")
        if seg.strip()
    ]
    for template in platform.templates:
        if len(segments) < len(template):
            continue
        kept: list[str] = []
        for want, got in zip(template, segments, strict=False):
            if want == "{id}":
                if got in _RESERVED_IDS or not got:
                    break
                kept.append(got)
                return f"{platform.host}/{'/'.join(kept)}"
            if want == "*":
                continue
            if want != got:
                break
            kept.append(got)
    return None


def _find_platform(host: str, registrable: str) -> _Platform | None:
    table = _platforms()
    candidate = host
    while True:
        found = table.get(candidate)
        if found is not None:
            return found
        if candidate == registrable or "." not in candidate:
            return None
        candidate = candidate.split(".", 1)[1]


def parse(raw: object, /) -> ParsedDomain:
    """Reduce a URL, host or email to its host, registrable domain and identity key.

    Args:
        raw: a URL (``https://www.x.com/en``), host (``x.com``), email (``bob@x.com``) or IDN.

    Returns:
        A :class:`ParsedDomain`.

    Raises:
        InvalidDomain: ``NOT_A_STRING``, ``TOO_LONG``, ``EMPTY``, ``NO_HOST`` (``http://``),
            ``IP_ADDRESS``, ``BAD_LABEL`` (characters or label lengths a host cannot have) or
            ``NO_REGISTRABLE_DOMAIN`` (``co.uk``, ``localhost``, ``x.local``).

    Examples:
        >>> p = parse("WWW.中国.CN.")
        >>> p.host, p.unicode_host, p.registrable
        ('xn--fiqs8s.cn', '中国.cn', 'xn--fiqs8s.cn')
        >>> parse("https://www.linkedin.com/company/Acme-Trading/about").key
        'linkedin.com/company/acme-trading'
        >>> parse("co.uk")
        Traceback (most recent call last):
        ...
        dupguard.errors.InvalidDomain: invalid domain 'co.uk': no_registrable_domain
    """
    original, host, path = _host_of(raw)
    if host.rsplit(".", 1)[-1] in _SPECIAL_USE_TLDS:
        raise InvalidDomain(DomainReason.NO_REGISTRABLE_DOMAIN, original, "special-use name")
    registrable, suffix = _psl_split(host)
    if registrable is None:
        raise InvalidDomain(DomainReason.NO_REGISTRABLE_DOMAIN, original)
    www = _WWW_RE.match(host)
    if www and len(host) - www.end() >= len(registrable):
        host = host[www.end() :]
    unicode_host = _to_unicode_host(host, original)
    key = registrable
    platform = _find_platform(host, registrable)
    if platform is not None:
        key = _platform_key(platform, host, path) or registrable
    return ParsedDomain(
        original=original,
        host=host,
        unicode_host=unicode_host,
        registrable=registrable,
        suffix=suffix,
        key=key,
        is_platform=platform is not None,
    )


def canonical(raw: object, /) -> str:
    """The identity key of a URL, host or email: its registrable domain (or platform page).

    Raises:
        InvalidDomain: see :func:`parse`.

    Examples:
        >>> canonical("ｗｗｗ．ｘ．ｃｏｍ"), canonical("huawei.com/en"), canonical("http://xn--fiqs8s.cn")
        ('x.com', 'huawei.com', 'xn--fiqs8s.cn')
        >>> canonical("foo.github.io"), canonical("https://m.facebook.com/AcmeTrading/")
        ('foo.github.io', 'facebook.com/acmetrading')
    """
    return parse(raw).key


def is_valid(raw: object) -> bool:
    """Whether *raw* yields a registrable domain. Never raises.

    Examples:
        >>> is_valid("acme.com"), is_valid("10.0.0.1"), is_valid("http://"), is_valid(None)
        (True, False, False, False)
    """
    try:
        parse(raw)
    except InvalidDomain:
        return False
    return True


def parse_many(raw: object, /) -> tuple[ParsedDomain, ...]:
    """Parse a field holding several domains (``"www.a.com; b.cn"``), in order.

    Pieces are split on commas, semicolons, whitespace, ``|`` and the ideographic comma ``、``;
    empty pieces are skipped. Invalid pieces are dropped; the call raises only if no piece is
    valid (then the first piece's error, or ``EMPTY`` when there are no pieces).

    Raises:
        InvalidDomain: ``NOT_A_STRING``; ``TOO_LONG`` (more than 16 × ``MAX_LENGTH``
            characters); ``EMPTY``; or the first piece's error when none is valid.

    Examples:
        >>> [p.key for p in parse_many("www.a.com; b.cn, n/a")]
        ['a.com', 'b.cn']
    """
    if not isinstance(raw, str):
        raise InvalidDomain(DomainReason.NOT_A_STRING, type(raw).__name__)
    if len(raw) > 16 * MAX_LENGTH:
        raise InvalidDomain(DomainReason.TOO_LONG, raw)
    found: list[ParsedDomain] = []
    first_error: InvalidDomain | None = None
    for piece in _SPLIT_RE.split(raw):
        if not piece.strip(_WRAP):
            continue
        try:
            found.append(parse(piece))
        except InvalidDomain as e:
            first_error = first_error or e
    if found:
        return tuple(found)
    raise first_error or InvalidDomain(DomainReason.EMPTY, raw)
