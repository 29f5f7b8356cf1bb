"""Email addresses: what a CRM stores (``normalized``) and what matching uses (``key``).

Rules, in order (sources and the reasons behind each decision: ``docs/normalization/email.md``):

1. **Junk in, typed error out.** Not a string → ``NOT_A_STRING``; longer than
   :data:`dupguard.normalize.text.MAX_LENGTH` → ``TOO_LONG`` (checked first); nothing left →
   ``EMPTY``; no ``@`` → ``NO_AT_SIGN``.
2. **Fast path.** A plain ASCII address of the common shape (dot-atom local part of letters,
   digits and ``._%+-``; a lower- or upper-case host name with a letter TLD; ≤ 254 characters; no
   ``--`` and no special-use TLD) is split by one regular expression. It gives exactly what the
   slow path gives (a hypothesis test compares the two).
3. **Slow path clean-up.** Invisible characters removed and NFKC applied (full-width ``ｂｏｂ＠ｘ．ｃｏｍ``
   → ``bob@x.com``, Unicode TR15); surrounding whitespace, quotes, brackets and list punctuation
   and a trailing dot dropped; a display name (``"Bob" <bob@x.com>``, ``Bob <bob@x.com>``,
   RFC 5322 §3.4), a trailing comment (``bob@x.com (Bob)``) and ``mailto:`` with its
   ``?subject=…`` (RFC 6068) removed. Obfuscated ``bob at x dot com`` is *not* decoded.
4. **Syntax by email-validator** (RFC 5321/5322/6531/6532; never a DNS lookup): quoted local parts
   allowed, domain literals (``[1.2.3.4]``) and special-use domains rejected; local part NFC,
   domain lower-case in Unicode form (IDNA 2008/UTS #46). ``normalized`` = local part as typed
   (case kept; RFC 2142 role names lower-cased by email-validator) ``@`` domain.
5. **Key.** :func:`dupguard.normalize.text.fold` then :func:`~dupguard.normalize.text.skeleton` on
   both halves (case, full-width, zero-width, Traditional → Simplified Chinese, Cyrillic/Greek
   look-alikes), then — unless ``provider_rules=False`` — domain aliases and provider rules:

   * ``googlemail.com`` → ``gmail.com``; ``ya.ru``/``yandex.*`` → ``yandex.ru``; unambiguous typo
     domains of gmail/hotmail/yahoo/outlook/qq/163/126 (``gmial.com``) → the real domain;
   * Gmail: dots ignored and ``+tag`` removed (Google: "Dots don't matter in Gmail addresses";
     "add a plus sign and any word");
   * ``+tag`` removed on Outlook/Hotmail/Live/MSN, iCloud/me/mac, Fastmail and Proton (each
     provider documents plus addressing);
   * Yahoo/ymail/rocketmail: ``-tag`` removed (Yahoo disposable addresses are ``base-keyword``);
   * no rule for Chinese providers (qq/foxmail/163/126/sina/…): none documents sub-addressing,
     and ``qq.com`` and ``foxmail.com`` are separate mailboxes.

   Rules apply to unquoted local parts only; a rule that would leave the local part empty is not
   applied.
6. **Classification.** ``is_freemail``: the (alias-folded) domain or its registrable domain is in
   ``_data/freemail.txt`` (≥ 200 providers plus typo domains). ``is_role``: the local part is a
   function mailbox from ``_data/role_mailboxes.txt`` (``info``, ``sales``, ``export``, …), also
   with trailing digits (``sales2``) or a region/role suffix (``sales.cn``, ``info-export``).
   ``company_domain`` is the registrable domain (by the Public Suffix List, via
   :mod:`dupguard.normalize.domain`; ASCII, so it equals ``domain.canonical`` of the company's
   website) unless the address is free-mail; role mailboxes still name their company's domain.

Examples:
    >>> from dupguard.normalize import email
    >>> email.canonical("Some.Name+crm@GoogleMail.com")
    'somename@gmail.com'
    >>> p = email.parse('"Bob" <Bob.Lee@Mail.Acme.co.uk>;')
    >>> p.normalized, p.key, p.registrable_domain, p.company_domain, p.is_freemail
    ('Bob.Lee@mail.acme.co.uk', 'bob.lee@mail.acme.co.uk', 'acme.co.uk', 'acme.co.uk', False)
    >>> email.parse("sales@163.com").is_role, email.parse("sales@163.com").company_domain is None
    (True, True)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final
from urllib.parse import unquote

from dupguard.errors import EmailReason, InvalidEmail
from dupguard.normalize import domain as _domain
from dupguard.normalize import text

__all__ = [
    "ParsedEmail",
    "canonical",
    "is_freemail_domain",
    "is_role_local_part",
    "is_valid",
    "parse",
    "parse_many",
]

#: RFC 5321 §4.5.3.1.3 (path limit 256 minus the angle brackets) as email-validator applies it.
_MAX_EMAIL: Final = 254

# The fast path's shape: a strict subset of what email-validator accepts unchanged (apart from
# lower-casing the domain and RFC 2142 role names). Linear: every repetition is separated by a
# character the repeated class cannot contain.
_FAST_RE: Final = re.compile(
    r"([A-Za-z0-9_%+\-]+(?:\.[A-Za-z0-9_%+\-]+)*)"
    r"@((?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})"
)
_MAILTO_RE: Final = re.compile(r"mailto:", re.IGNORECASE)
_ANGLE_RE: Final = re.compile(r"<([^<>]*)>")
_COMMENT_RE: Final = re.compile(r"\s*\([^()]*\)\s*\Z")
_SPLIT_RE: Final = re.compile(r"[,;\s/|，；、]+")
_ROLE_TOKEN_RE: Final = re.compile(r"[._\-]")
_WS: Final = " \t\r\n\f\v"
_LEAD: Final = _WS + "<([{'\",;:"
_TRAIL: Final = _WS + ">)]}'\",;:."
_DOTS: Final = {ord("\u3002"): ".", ord("\uff61"): "."}
_INVISIBLE_EXTRA: Final = frozenset({0x034F, *range(0xFE00, 0xFE10)})

# Provider families for the key rules, by the first label of a free-mail domain.
_GMAIL: Final = "gmail"
_PLUS: Final = "plus"
_YAHOO: Final = "yahoo"
_FAMILY_BY_LABEL: Final[dict[str, str]] = {
    "gmail": _GMAIL,
    "hotmail": _PLUS, "outlook": _PLUS, "live": _PLUS, "msn": _PLUS, "passport": _PLUS,
    "windowslive": _PLUS,
    "icloud": _PLUS,
    "fastmail": _PLUS, "messagingengine": _PLUS,
    "protonmail": _PLUS, "proton": _PLUS,
    "yahoo": _YAHOO, "ymail": _YAHOO, "rocketmail": _YAHOO,
}
_FAMILY_BY_DOMAIN: Final[dict[str, str]] = {"me.com": _PLUS, "mac.com": _PLUS, "pm.me": _PLUS}

# Domain aliases: one mailbox namespace under several names (googlemail: Google, "Gmail in
# Germany and the UK"; Yandex: one account answers on every yandex.* domain and ya.ru), and
# unambiguous typos of the largest providers (doc: "Typo domains").
_ALIASES: Final[dict[str, str]] = {
    "googlemail.com": "gmail.com",
    "ya.ru": "yandex.ru", "yandex.by": "yandex.ru", "yandex.com": "yandex.ru",
    "yandex.kz": "yandex.ru", "yandex.ua": "yandex.ru",
    **dict.fromkeys(
        ("gmial.com", "gmai.com", "gamil.com", "gmal.com", "gmaill.com", "gmail.co", "gmail.cm",
         "gmail.con", "gmil.com", "gnail.com"),
        "gmail.com",
    ),
    **dict.fromkeys(
        ("hotmial.com", "hotmai.com", "hotmil.com", "hotmal.com", "hotmail.co", "hotmail.con",
         "homail.com"),
        "hotmail.com",
    ),
    **dict.fromkeys(
        ("yaho.com", "yahooo.com", "yahoo.co", "yahoo.con", "yhoo.com"), "yahoo.com"
    ),
    **dict.fromkeys(("outlok.com", "outloo.com", "outlook.co", "outlook.con"), "outlook.com"),
    "qq.con": "qq.com", "qq.cm": "qq.com",
    "163.con": "163.com", "163.cm": "163.com", "126.con": "126.com",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedEmail:
    """The result of :func:`parse`.

    Attributes:
        original: the input as given.
        normalized: what a CRM stores: local part as typed (case kept, NFC), ``@``, the domain
            lower-case in Unicode form. Display name, ``mailto:``, wrapping punctuation removed.
        key: the match key: folded, look-alikes mapped, domain aliases and provider rules applied.
        local: the normalized local part.
        domain: the lower-case domain in Unicode form as written — *not* alias-folded
            (``googlemail.com`` stays; the key says ``gmail.com``).
        registrable_domain: the registrable domain of ``domain`` by the Public Suffix List, ASCII
            (``mail.acme.co.uk`` → ``acme.co.uk``); the domain itself when the PSL gives none.
        is_freemail: the domain is a free / consumer mail provider (or a typo of one).
        is_role: the local part is a function mailbox (``info``, ``sales``, ``export``, …).
        company_domain: ``registrable_domain`` unless ``is_freemail``, else ``None``.

    Examples:
        >>> p = parse("mailto:Export@Huawei.com?subject=RFQ")
        >>> p.normalized, p.is_role, p.company_domain
        ('Export@huawei.com', True, 'huawei.com')
    """

    original: str
    normalized: str
    key: str
    local: str
    domain: str
    registrable_domain: str
    is_freemail: bool
    is_role: bool
    company_domain: str | None


# --- data --------------------------------------------------------------------------------------


def _read_list(name: str) -> frozenset[str]:
    path = resources.files("dupguard.normalize").joinpath(f"_data/{name}")
    return frozenset(
        line.strip().lower()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


@lru_cache(maxsize=1)
def _freemail() -> frozenset[str]:
    return _read_list("freemail.txt")


@lru_cache(maxsize=1)
def _roles() -> frozenset[str]:
    return _read_list("role_mailboxes.txt")


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    families = {
        d: _FAMILY_BY_LABEL[d.split(".", 1)[0]]
        for d in _freemail()
        if d.split(".", 1)[0] in _FAMILY_BY_LABEL and d not in _ALIASES
    }
    families.update(_FAMILY_BY_DOMAIN)
    return families


@lru_cache(maxsize=1)
def _validator_constants() -> tuple[frozenset[str], frozenset[str]]:
    """email-validator's RFC 2142 case-insensitive names and special-use domains (fast path)."""
    import email_validator
    from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES

    return (
        frozenset(CASE_INSENSITIVE_MAILBOX_NAMES),
        frozenset(email_validator.SPECIAL_USE_DOMAIN_NAMES),
    )


# --- splitting -----------------------------------------------------------------------------------


def _fast_split(s: str) -> tuple[str, str] | None:
    """``(local, domain)`` when *s* has the plain common shape, else ``None``."""
    if len(s) > _MAX_EMAIL:
        return None
    m = _FAST_RE.fullmatch(s)
    if m is None:
        return None
    local, dom = m.group(1), m.group(2).lower()
    role_names, special = _validator_constants()
    if "--" in dom or dom.rsplit(".", 1)[1] in special:
        return None
    if local.lower() in role_names:
        local = local.lower()
    return local, dom


def _validator_split(s: str) -> tuple[str, str]:
    """``(local, domain)`` by email-validator; raises :class:`InvalidEmail`."""
    from email_validator import EmailNotValidError, validate_email

    try:
        v = validate_email(
            s,
            check_deliverability=False,
            allow_quoted_local=True,
            allow_display_name=False,
            allow_domain_literal=False,
            allow_smtputf8=True,
            globally_deliverable=True,
        )
    except EmailNotValidError as e:
        raise InvalidEmail(_reason(str(e)), s, str(e)) from None
    except (UnicodeError, ValueError) as e:  # defensive: never leak another exception type
        raise InvalidEmail(EmailReason.SYNTAX, s, str(e)) from None
    return str(v.local_part), str(v.domain)


def _reason(message: str) -> EmailReason:
    if "must have an @-sign" in message:
        return EmailReason.NO_AT_SIGN
    if any(w in message for w in ("after the @-sign", "top-level domain", "special-use", "IDNA")):
        return EmailReason.BAD_DOMAIN
    if any(w in message for w in ("before the @-sign", "start with a period", "Quoting")):
        return EmailReason.BAD_LOCAL_PART
    return EmailReason.SYNTAX


def _strip_invisible(s: str) -> str:
    return "".join(
        c for c in s if unicodedata.category(c) != "Cf" and ord(c) not in _INVISIBLE_EXTRA
    )


def _clean(s: str) -> str:
    """Unicode clean-up and unwrapping: display name, ``mailto:``, comments, punctuation."""
    if not s.isascii():
        s = unicodedata.normalize("NFKC", _strip_invisible(s)).translate(_DOTS)
    s = s.strip(_WS)
    brackets = [inner for inner in _ANGLE_RE.findall(s) if "@" in inner]
    if brackets:
        s = brackets[-1].strip(_WS)
    comment = _COMMENT_RE.search(s)
    if comment and "@" in s[: comment.start()]:
        s = s[: comment.start()]
    if _MAILTO_RE.match(s):
        s = s[7:].split("?", 1)[0]
        if "%" in s:
            s = unquote(s)
    s = s.rstrip(_TRAIL)
    return s.lstrip(_LEAD if '"@' not in s else _LEAD.replace('"', ""))


def _split(raw: object) -> tuple[str, str, str]:
    """``(original, local, domain)``; raises :class:`InvalidEmail`."""
    if not isinstance(raw, str):
        raise InvalidEmail(EmailReason.NOT_A_STRING, type(raw).__name__)
    if len(raw) > text.MAX_LENGTH:
        raise InvalidEmail(EmailReason.TOO_LONG, raw)
    fast = _fast_split(raw)
    if fast is not None:
        return raw, fast[0], fast[1]
    s = _clean(raw)
    if not s:
        raise InvalidEmail(EmailReason.EMPTY, raw)
    fast = _fast_split(s)
    if fast is not None:
        return raw, fast[0], fast[1]
    if "@" not in s:
        raise InvalidEmail(EmailReason.NO_AT_SIGN, raw)
    try:
        local, dom = _validator_split(s)
    except InvalidEmail as e:
        raise InvalidEmail(e.reason, raw, e.message) from None
    return raw, local, dom


# --- keys -------------------------------------------------------------------------------------------


def _apply_rules(local: str, family: str | None) -> str:
    if family is None or local.startswith('"'):
        return local
    if family == _YAHOO:
        base = local.split("-", 1)[0]
    else:
        base = local.split("+", 1)[0]
        if family == _GMAIL:
            base = base.replace(".", "")
    return base or local


def _key(local: str, dom: str, provider_rules: bool) -> str:
    local_key = text.skeleton(text.fold(local))
    dom_key = text.skeleton(text.fold(dom))
    if provider_rules:
        dom_key = _ALIASES.get(dom_key, dom_key)
        local_key = _apply_rules(local_key, _families().get(dom_key))
    return f"{local_key}@{dom_key}"


def _ascii_domain(dom: str) -> str:
    if dom.isascii():
        return dom
    import idna

    try:
        return ".".join(
            lab if lab.isascii() else idna.alabel(lab).decode("ascii") for lab in dom.split(".")
        )
    except (idna.IDNAError, UnicodeError, ValueError):  # pragma: no cover - validated already
        return dom


def is_freemail_domain(domain: object, /) -> bool:
    """Whether *domain* (or its registrable domain) is a free / consumer mail provider.

    Case, a trailing dot, full-width forms and IDN forms are folded first; typo domains of the
    large providers (``gmial.com``) count as free-mail. Never raises.

    Examples:
        >>> is_freemail_domain("QQ.com"), is_freemail_domain("vip.163.com"), is_freemail_domain("gmial.com")
        (True, True, True)
        >>> is_freemail_domain("huawei.com"), is_freemail_domain("mail.yahoo.co.uk")
        (False, True)
    """
    if not isinstance(domain, str) or len(domain) > text.MAX_LENGTH:
        return False
    d = text.fold(domain).strip(".").translate(_DOTS)
    free = _freemail()
    if d in free:
        return True
    ascii_d = _ascii_domain(d)
    registrable = _domain._registrable(ascii_d) if "." in ascii_d else None
    return ascii_d in free or (registrable is not None and registrable in free)


def is_role_local_part(local: object, /) -> bool:
    """Whether a local part names a function (``info``, ``sales2``, ``export.cn``), not a person.

    Rules: the folded local part (``+tag`` removed) is a listed role, or a listed role with
    trailing digits, or its first ``.``/``-``/``_`` token is a listed role and every other token
    is a listed role, digits, or a code of at most three letters (``sales.cn``, ``info-us``).

    Examples:
        >>> [is_role_local_part(x) for x in ("Sales", "sales2", "export.cn", "info-sales", "bob.sales")]
        [True, True, True, True, False]
    """
    if not isinstance(local, str) or len(local) > text.MAX_LENGTH:
        return False
    roles = _roles()
    base = text.fold(local).split("+", 1)[0].strip('"')
    if base in roles or base.rstrip("0123456789") in roles:
        return True
    first, *rest = _ROLE_TOKEN_RE.split(base)
    if first.rstrip("0123456789") not in roles or not rest:
        return False
    return all(t in roles or t.isdigit() or (t.isalpha() and len(t) <= 3) for t in rest)


# --- public verbs -------------------------------------------------------------------------------


def parse(raw: object, /, *, provider_rules: bool = True) -> ParsedEmail:
    """Validate and normalize one email address; classify it.

    Args:
        raw: the address, possibly with a display name, ``mailto:``, wrapping punctuation.
        provider_rules: apply domain aliases and provider rules (Gmail dots, ``+tag``,
            Yahoo ``-tag``, typo domains) to the key. With ``False`` the key is only folded.

    Returns:
        A :class:`ParsedEmail`.

    Raises:
        InvalidEmail: ``NOT_A_STRING``, ``TOO_LONG``, ``EMPTY``, ``NO_AT_SIGN``,
            ``BAD_LOCAL_PART``, ``BAD_DOMAIN`` or ``SYNTAX`` (anything else email-validator
            rejects).

    Examples:
        >>> p = parse("Jane.Doe+crm@googlemail.com")
        >>> p.normalized, p.key, p.domain, p.is_freemail, p.company_domain
        ('Jane.Doe+crm@googlemail.com', 'janedoe@gmail.com', 'googlemail.com', True, None)
        >>> parse("葉士豪@臺網中心.tw").key
        '叶士豪@台网中心.tw'
        >>> parse("bob at x dot com")
        Traceback (most recent call last):
        ...
        dupguard.errors.InvalidEmail: invalid email 'bob at x dot com': no_at_sign
    """
    original, local, dom = _split(raw)
    ascii_dom = _ascii_domain(dom)
    registrable = _domain._registrable(ascii_dom) or ascii_dom
    key = _key(local, dom, provider_rules)
    key_domain = key.rsplit("@", 1)[1]
    free = is_freemail_domain(key_domain) or is_freemail_domain(dom)
    return ParsedEmail(
        original=original,
        normalized=f"{local}@{dom}",
        key=key,
        local=local,
        domain=dom,
        registrable_domain=registrable,
        is_freemail=free,
        is_role=is_role_local_part(local),
        company_domain=None if free else registrable,
    )


def canonical(raw: object, /, *, provider_rules: bool = True) -> str:
    """The match key of an email address (``parse(raw).key``, computed without the rest).

    Raises:
        InvalidEmail: see :func:`parse`.

    Examples:
        >>> canonical("  <BOB@Example.COM>; ")
        'bob@example.com'
        >>> canonical("Ｂｏｂ＠ｅｘａｍｐｌｅ．ｃｏｍ"), canonical("bоb@example.com")  # full-width; Cyrillic о
        ('bob@example.com', 'bob@example.com')
        >>> canonical("foo-bar@yahoo.com"), canonical("foo-bar@yahoo.com", provider_rules=False)
        ('foo@yahoo.com', 'foo-bar@yahoo.com')
    """
    _, local, dom = _split(raw)
    return _key(local, dom, provider_rules)


def is_valid(raw: object) -> bool:
    """Whether *raw* holds one valid email address. Never raises.

    Examples:
        >>> is_valid("bob@example.com"), is_valid("bob@localhost"), is_valid(None), is_valid("😴")
        (True, False, False, False)
    """
    try:
        _split(raw)
    except InvalidEmail:
        return False
    return True


def parse_many(raw: object, /) -> tuple[ParsedEmail, ...]:
    """Parse a field holding several addresses, in order.

    The field is split on commas, semicolons, whitespace, ``/``, ``|`` and their full-width forms;
    empty pieces are skipped; invalid pieces are dropped (so a display name split off its address
    costs nothing). The call raises only when *no* piece is valid — a field with one good address
    and some junk still yields the good one.

    Raises:
        InvalidEmail: ``NOT_A_STRING``; ``TOO_LONG`` (more than 16 × ``MAX_LENGTH`` characters);
            ``EMPTY`` when there is no piece; else the first piece's error when none is valid.

    Examples:
        >>> [p.key for p in parse_many("Bob <bob@a.com>; ann@b.cn / n/a")]
        ['bob@a.com', 'ann@b.cn']
    """
    if not isinstance(raw, str):
        raise InvalidEmail(EmailReason.NOT_A_STRING, type(raw).__name__)
    if len(raw) > 16 * text.MAX_LENGTH:
        raise InvalidEmail(EmailReason.TOO_LONG, raw)
    found: list[ParsedEmail] = []
    first_error: InvalidEmail | None = None
    for piece in _SPLIT_RE.split(raw):
        if not piece.strip(_LEAD + _TRAIL):
            continue
        try:
            found.append(parse(piece))
        except InvalidEmail as e:
            first_error = first_error or e
    if found:
        return tuple(found)
    raise first_error or InvalidEmail(EmailReason.EMPTY, raw)
