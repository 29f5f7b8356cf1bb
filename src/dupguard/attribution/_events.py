"""Evidence events: immutable facts about one customer, one rep, one instant.

Every event is a frozen dataclass validated when it is built, so a bad row fails where it is read,
with an :class:`~dupguard.errors.InvalidEvent` naming the event id and a reason. Times must be
timezone-aware; ``at`` is when the thing happened (decisions use it), ``recorded_at`` when the CRM
wrote it down (kept for audit only, never used to decide).

Examples:
    >>> from datetime import datetime, timezone
    >>> e = SampleSent(id="e1", customer="c1", rep="alice",
    ...                at=datetime(2024, 5, 1, 9, tzinfo=timezone.utc))
    >>> e.kind, e.rep
    ('sample_sent', 'alice')
    >>> from_record(to_record(e)) == e
    True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, ClassVar, Final

from dupguard.errors import EventReason, InvalidEvent

__all__ = [
    "Acknowledged",
    "Adjudicated",
    "Claimed",
    "Event",
    "FollowedUp",
    "Merged",
    "OrderWon",
    "Quoted",
    "Reassigned",
    "Registered",
    "Released",
    "SampleSent",
    "SpecConfirmed",
    "from_record",
    "to_record",
]


def _aware(value: object, name: str, event_id: object) -> None:
    if not isinstance(value, datetime):
        raise InvalidEvent(
            EventReason.BAD_FIELD, value, f"{name} must be a datetime", event_id=event_id
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidEvent(EventReason.NAIVE_DATETIME, value, name, event_id=event_id)


def _text(value: object, name: str, event_id: object, *, required: bool) -> None:
    if value is None or value == "":
        if required:
            raise InvalidEvent(EventReason.MISSING_FIELD, value, name, event_id=event_id)
        return
    if not isinstance(value, str) or not value.strip():
        raise InvalidEvent(
            EventReason.BAD_FIELD, value, f"{name} must be a non-blank string", event_id=event_id
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Base of every evidence event (use a concrete kind, e.g. :class:`FollowedUp`).

    Attributes:
        id: unique event id (a duplicate with identical content is ignored; a conflicting one is
            rejected with ``CONFLICTING_DUPLICATE``).
        customer: the customer id the event is about.
        rep: the sales rep who acted (for :class:`Reassigned`/:class:`Adjudicated`: the rep the
            manager awarded the customer to).
        at: when it happened; timezone-aware.
        recorded_at: when the CRM recorded it; timezone-aware or ``None``; never used to decide.
        note: free text.
        proof: a reference to evidence (a tracking number, a signed spec sheet, a chat log id).

    Raises:
        InvalidEvent: ``NAIVE_DATETIME``, ``MISSING_FIELD``, ``BAD_FIELD`` (and kind-specific
            reasons), with ``.event_id`` set.

    Examples:
        >>> from datetime import datetime
        >>> FollowedUp(id="e1", customer="c1", rep="bob", at=datetime(2024, 1, 1))
        Traceback (most recent call last):
        ...
        dupguard.errors.InvalidEvent: event 'e1': invalid event datetime.datetime(2024, 1, 1, 0, 0): naive_datetime (at)
    """

    kind: ClassVar[str] = "event"

    id: str
    customer: str
    rep: str
    at: datetime
    recorded_at: datetime | None = None
    note: str = ""
    proof: str = ""

    def __post_init__(self) -> None:
        if type(self) not in _KINDS.values():
            raise InvalidEvent(EventReason.UNKNOWN_KIND, type(self).__name__, event_id=self.id)
        _text(self.id, "id", None, required=True)
        _text(self.customer, "customer", self.id, required=True)
        _text(self.rep, "rep", self.id, required=True)
        _aware(self.at, "at", self.id)
        if self.recorded_at is not None:
            _aware(self.recorded_at, "recorded_at", self.id)
        for name in ("note", "proof"):
            if not isinstance(getattr(self, name), str):
                raise InvalidEvent(
                    EventReason.BAD_FIELD, getattr(self, name), name, event_id=self.id
                )
        self._check()

    def _check(self) -> None:
        """Kind-specific validation; the base has none."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Registered(Event):
    """A rep registers (报备) the customer as theirs; ``grade`` optionally sets its grade.

    Examples:
        >>> from datetime import datetime, timezone
        >>> Registered(id="r1", customer="c1", rep="alice", grade="A",
        ...            at=datetime(2024, 1, 2, tzinfo=timezone.utc)).grade
        'A'
    """

    kind: ClassVar[str] = "registered"
    grade: str | None = None

    def _check(self) -> None:
        _text(self.grade, "grade", self.id, required=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowedUp(Event):
    """A follow-up (visit, call, message); by the owner it renews protection.

    Examples:
        >>> from datetime import datetime, timezone
        >>> FollowedUp(id="f1", customer="c1", rep="alice",
        ...            at=datetime(2024, 1, 3, tzinfo=timezone.utc)).kind
        'followed_up'
    """

    kind: ClassVar[str] = "followed_up"
    grade: str | None = None

    def _check(self) -> None:
        _text(self.grade, "grade", self.id, required=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class SampleSent(Event):
    """A rep sent the customer a sample (``proof``: e.g. the courier tracking number).

    Examples:
        >>> from datetime import datetime, timezone
        >>> SampleSent(id="s1", customer="c1", rep="bob", proof="SF123",
        ...            at=datetime(2024, 1, 4, tzinfo=timezone.utc)).proof
        'SF123'
    """

    kind: ClassVar[str] = "sample_sent"


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecConfirmed(Event):
    """The customer confirmed the final specification with this rep.

    Examples:
        >>> from datetime import datetime, timezone
        >>> SpecConfirmed(id="p1", customer="c1", rep="bob",
        ...               at=datetime(2024, 1, 5, tzinfo=timezone.utc)).kind
        'spec_confirmed'
    """

    kind: ClassVar[str] = "spec_confirmed"


@dataclass(frozen=True, slots=True, kw_only=True)
class Quoted(Event):
    """A rep sent the customer a quotation.

    Examples:
        >>> from datetime import datetime, timezone
        >>> Quoted(id="q1", customer="c1", rep="bob",
        ...        at=datetime(2024, 1, 6, tzinfo=timezone.utc)).kind
        'quoted'
    """

    kind: ClassVar[str] = "quoted"


def _is_currency(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) == 3
        and value.isascii()
        and value.isalpha()
        and value.isupper()
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderWon(Event):
    """An order was won: ``amount`` in integer minor units (cents, fen) of ``currency`` (ISO 4217).

    Refunds are not negative orders: a negative amount is rejected.

    Raises:
        InvalidEvent: ``BAD_AMOUNT`` (not an int), ``NEGATIVE_AMOUNT``, ``BAD_CURRENCY``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> OrderWon(id="o1", customer="c1", rep="bob", amount=-5, currency="CNY",
        ...          at=datetime(2024, 2, 1, tzinfo=timezone.utc))
        Traceback (most recent call last):
        ...
        dupguard.errors.InvalidEvent: event 'o1': invalid event -5: negative_amount
    """

    kind: ClassVar[str] = "order_won"
    amount: int
    currency: str

    def _check(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise InvalidEvent(EventReason.BAD_AMOUNT, self.amount, event_id=self.id)
        if self.amount < 0:
            raise InvalidEvent(EventReason.NEGATIVE_AMOUNT, self.amount, event_id=self.id)
        if not _is_currency(self.currency):
            raise InvalidEvent(EventReason.BAD_CURRENCY, self.currency, event_id=self.id)


@dataclass(frozen=True, slots=True, kw_only=True)
class Released(Event):
    """The owner releases the customer to the public pool (公海).

    Examples:
        >>> from datetime import datetime, timezone
        >>> Released(id="x1", customer="c1", rep="alice",
        ...          at=datetime(2024, 3, 1, tzinfo=timezone.utc)).kind
        'released'
    """

    kind: ClassVar[str] = "released"


@dataclass(frozen=True, slots=True, kw_only=True)
class Claimed(Event):
    """A rep claims the customer from the public pool; ``grade`` optionally re-grades it.

    Examples:
        >>> from datetime import datetime, timezone
        >>> Claimed(id="k1", customer="c1", rep="carol",
        ...         at=datetime(2024, 3, 2, tzinfo=timezone.utc)).kind
        'claimed'
    """

    kind: ClassVar[str] = "claimed"
    grade: str | None = None

    def _check(self) -> None:
        _text(self.grade, "grade", self.id, required=False)


def _check_manager(event: Reassigned | Adjudicated) -> None:
    if not isinstance(event.manager, str) or not event.manager.strip():
        raise InvalidEvent(EventReason.MISSING_MANAGER, event.manager, event_id=event.id)
    if not isinstance(event.reason, str) or not event.reason.strip():
        raise InvalidEvent(EventReason.MISSING_REASON, event.reason, event_id=event.id)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reassigned(Event):
    """A manager hands the customer to ``rep``; must name the ``manager`` and a ``reason``.

    Raises:
        InvalidEvent: ``MISSING_MANAGER``, ``MISSING_REASON``.

    Examples:
        >>> from datetime import datetime, timezone
        >>> Reassigned(id="m1", customer="c1", rep="bob", manager="li", reason="",
        ...            at=datetime(2024, 3, 3, tzinfo=timezone.utc))
        Traceback (most recent call last):
        ...
        dupguard.errors.InvalidEvent: event 'm1': invalid event '': missing_reason
    """

    kind: ClassVar[str] = "reassigned"
    manager: str = ""
    reason: str = ""

    def _check(self) -> None:
        _check_manager(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Adjudicated(Event):
    """A manager's decision: ``rep`` owns the customer, or (with ``shares``) a split.

    ``shares`` are basis points per rep, summing to exactly 10000, given as a mapping or as
    ``(rep, bp)`` pairs; they are stored as sorted pairs so the event stays hashable. With
    ``shares``, ``rep`` must be one of the reps named.

    Raises:
        InvalidEvent: ``MISSING_MANAGER``, ``MISSING_REASON``, ``BAD_FIELD`` (shares).

    Examples:
        >>> from datetime import datetime, timezone
        >>> a = Adjudicated(id="j1", customer="c1", rep="bob", manager="li",
        ...                 reason="bob sent the sample", shares={"bob": 7000, "alice": 3000},
        ...                 at=datetime(2024, 3, 4, tzinfo=timezone.utc))
        >>> a.shares
        (('alice', 3000), ('bob', 7000))
    """

    kind: ClassVar[str] = "adjudicated"
    manager: str = ""
    reason: str = ""
    shares: tuple[tuple[str, int], ...] | Mapping[str, int] | None = None

    def _check(self) -> None:
        _check_manager(self)
        if self.shares is None:
            return
        raw = self.shares.items() if isinstance(self.shares, Mapping) else self.shares
        try:
            pairs = tuple(sorted((str(r), b) for r, b in raw))
        except (TypeError, ValueError) as err:
            raise InvalidEvent(
                EventReason.BAD_FIELD, self.shares, "shares", event_id=self.id
            ) from err
        reps = [r for r, _ in pairs]
        ok = (
            bool(pairs)
            and len(set(reps)) == len(reps)
            and all(r.strip() for r in reps)
            and all(isinstance(b, int) and not isinstance(b, bool) and b >= 0 for _, b in pairs)
            and sum(b for _, b in pairs) == 10000
            and self.rep in reps
        )
        if not ok:
            raise InvalidEvent(
                EventReason.BAD_FIELD,
                self.shares,
                "shares must be basis points summing to 10000 and include rep",
                event_id=self.id,
            )
        object.__setattr__(self, "shares", pairs)


@dataclass(frozen=True, slots=True, kw_only=True)
class Acknowledged(Event):
    """``rep`` agrees to a proposed decision: ``decision`` is a ``Decision.digest`` or an
    :class:`Adjudicated` event id.

    Examples:
        >>> from datetime import datetime, timezone
        >>> Acknowledged(id="a1", customer="c1", rep="alice", decision="j1",
        ...              at=datetime(2024, 3, 5, tzinfo=timezone.utc)).decision
        'j1'
    """

    kind: ClassVar[str] = "acknowledged"
    decision: str = ""

    def _check(self) -> None:
        _text(self.decision, "decision", self.id, required=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Merged(Event):
    """``other`` and ``customer`` were found to be one customer; ``customer`` survives.

    From the merge on, deciding about either id uses the union of both timelines (every event,
    including those before the merge: they were always one customer).

    Examples:
        >>> from datetime import datetime, timezone
        >>> Merged(id="g1", customer="c1", other="c9", rep="ops",
        ...        at=datetime(2024, 3, 6, tzinfo=timezone.utc)).other
        'c9'
    """

    kind: ClassVar[str] = "merged"
    other: str = ""

    def _check(self) -> None:
        _text(self.other, "other", self.id, required=True)


_KINDS: Final[dict[str, type[Event]]] = {
    cls.kind: cls
    for cls in (
        Registered,
        FollowedUp,
        SampleSent,
        SpecConfirmed,
        Quoted,
        OrderWon,
        Released,
        Claimed,
        Reassigned,
        Adjudicated,
        Acknowledged,
        Merged,
    )
}

#: Kinds that are sales work on the customer ("touches"): what split policies credit and what
#: renews the owner's protection.
TOUCH_KINDS: Final[frozenset[type[Event]]] = frozenset(
    {Registered, Claimed, FollowedUp, SampleSent, SpecConfirmed, Quoted, OrderWon}
)


def kind_of(name: object) -> type[Event] | None:
    """The event class for a kind name or class, or ``None`` when unknown."""
    if isinstance(name, type):
        return name if name in _KINDS.values() else None
    return _KINDS.get(name) if isinstance(name, str) else None


def check_event(event: object) -> Event:
    """*event* itself when it is one of the known kinds; ``UNKNOWN_KIND`` otherwise."""
    if type(event) not in _KINDS.values():
        raise InvalidEvent(
            EventReason.UNKNOWN_KIND, type(event).__name__, event_id=getattr(event, "id", None)
        )
    assert isinstance(event, Event)
    return event


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def to_record(event: Event, /) -> dict[str, Any]:
    """A JSON-ready dict of *event* (``kind`` plus every field; datetimes as ISO 8601).

    This is the row a CRM appends to its event log; :func:`from_record` reads it back.

    Examples:
        >>> from datetime import datetime, timezone
        >>> to_record(Released(id="x1", customer="c1", rep="al",
        ...                    at=datetime(2024, 3, 1, tzinfo=timezone.utc)))["at"]
        '2024-03-01T00:00:00+00:00'
    """
    check_event(event)
    out: dict[str, Any] = {"kind": event.kind}
    for f in fields(event):
        value = getattr(event, f.name)
        if isinstance(value, datetime):
            value = _iso(value)
        elif f.name == "shares" and value is not None:
            value = dict(value)
        out[f.name] = value
    return out


def from_record(record: Mapping[str, Any], /) -> Event:
    """Build an event from a :func:`to_record` dict.

    Raises:
        InvalidEvent: ``UNKNOWN_KIND`` for an unknown ``kind``, ``BAD_FIELD`` for unknown or
            unparsable fields, plus every reason the event's own validation raises.

    Examples:
        >>> from_record({"kind": "refunded", "id": "z1"})
        Traceback (most recent call last):
        ...
        dupguard.errors.InvalidEvent: event 'z1': invalid event 'refunded': unknown_kind
    """
    if not isinstance(record, Mapping):
        raise InvalidEvent(EventReason.BAD_FIELD, type(record).__name__, "a record is a mapping")
    event_id = record.get("id")
    kind = record.get("kind")
    cls = _KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise InvalidEvent(EventReason.UNKNOWN_KIND, record.get("kind"), event_id=event_id)
    names = {f.name for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in record.items():
        if key == "kind":
            continue
        if key not in names:
            raise InvalidEvent(EventReason.BAD_FIELD, key, "unknown field", event_id=event_id)
        kwargs[key] = value
        if key in ("at", "recorded_at") and isinstance(value, str):
            try:
                kwargs[key] = datetime.fromisoformat(value)
            except ValueError as err:
                raise InvalidEvent(EventReason.BAD_FIELD, value, key, event_id=event_id) from err
    try:
        return cls(**kwargs)
    except TypeError as err:  # a required field is absent
        raise InvalidEvent(
            EventReason.MISSING_FIELD, sorted(names - kwargs.keys()), event_id=event_id
        ) from err


def unique_events(events: Iterable[object], /) -> list[Event]:
    """Validate, drop exact duplicates, reject conflicting ones; sorted by ``(at, id)``."""
    if isinstance(events, (str, bytes, Mapping)):
        raise InvalidEvent(
            EventReason.BAD_FIELD, type(events).__name__, "events is an iterable of events"
        )
    seen: dict[str, Event] = {}
    for raw in events:
        event = check_event(raw)
        prior = seen.get(event.id)
        if prior is None:
            seen[event.id] = event
        elif prior != event:
            raise InvalidEvent(EventReason.CONFLICTING_DUPLICATE, event.id, event_id=event.id)
    return sorted(seen.values(), key=lambda e: (e.at, e.id))
