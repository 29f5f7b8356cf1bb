"""Policies: the rules a sales manager settles a collision (撞单) by, as frozen explicit values.

Ownership rules (the decision names one owner): :class:`FirstRegistration`, :class:`FirstFollowUp`,
:class:`FirstSample`, :class:`SpecFinalizer`, :class:`FirstTouch`, :class:`LastTouch`.
Split rules (the decision divides the order): :class:`ContributionWeighted`, :class:`EqualSplit`,
:class:`PositionBased`, :class:`TimeDecay`. :class:`PoolRules` governs the public pool (公海).

Examples:
    >>> from datetime import timedelta
    >>> FirstRegistration(protection=timedelta(days=10)).protection.days
    10
    >>> ContributionWeighted(weights={})
    Traceback (most recent call last):
    ...
    dupguard.errors.InvalidPolicy: parameter 'weights': invalid policy {}: zero_weights
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, timedelta, tzinfo
from fractions import Fraction
from typing import Final

from dupguard.attribution._events import (
    TOUCH_KINDS,
    Claimed,
    Event,
    FollowedUp,
    OrderWon,
    Quoted,
    Registered,
    SampleSent,
    SpecConfirmed,
    kind_of,
)
from dupguard.errors import InvalidPolicy, PolicyReason

__all__ = [
    "DEFAULT_WEIGHTS",
    "ContributionWeighted",
    "Cycle",
    "EqualSplit",
    "FirstFollowUp",
    "FirstRegistration",
    "FirstSample",
    "FirstTouch",
    "LastTouch",
    "Policy",
    "PoolRules",
    "PositionBased",
    "SpecFinalizer",
    "TimeDecay",
]


def _positive(value: object, name: str, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, timedelta) or value <= timedelta(0):
        raise InvalidPolicy(
            PolicyReason.BAD_PARAMETER, value, "a positive timedelta", parameter=name
        )


def _count(value: object, name: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidPolicy(PolicyReason.BAD_PARAMETER, value, "a non-negative int", parameter=name)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cycle:
    """How long an owner is protected, and how follow-ups renew it.

    Protection starts at the registration or claim: ``until = start + protection``. Each touch by
    the owner at ``t <= until`` sets ``until = max(until, t + renew_on_activity)`` (never shrinks),
    and ``until`` never passes ``start + max_protection``. ``until`` is *inclusive*: the owner
    still owns at exactly ``until`` (a follow-up then still renews) and the customer is in the
    pool from ``until + 1 µs``. ``renew_on_activity=protection`` is the classic "N days without a
    follow-up returns the customer to the pool" rule.

    Examples:
        >>> from datetime import timedelta
        >>> Cycle(protection=timedelta(days=10), renew_on_activity=timedelta(days=3),
        ...       max_protection=timedelta(days=20)).max_protection.days
        20
    """

    protection: timedelta
    renew_on_activity: timedelta | None = None
    max_protection: timedelta | None = None

    def __post_init__(self) -> None:
        _positive(self.protection, "protection")
        _positive(self.renew_on_activity, "renew_on_activity", optional=True)
        _positive(self.max_protection, "max_protection", optional=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class FirstRegistration:
    """The first valid registration (报备) owns the customer while its protection lasts.

    A registration while another rep is protected does not take ownership (it is recorded as
    rejected, ``ALREADY_OWNED``); one after the protection lapsed does. Releases, claims and
    reassignments in the timeline apply as in the pool. See :class:`Cycle` for the arithmetic.

    Examples:
        >>> from datetime import timedelta
        >>> p = FirstRegistration(protection=timedelta(days=10),
        ...                       renew_on_activity=timedelta(days=3), max_protection=timedelta(days=20))
        >>> p.cycle().renew_on_activity.days
        3
    """

    protection: timedelta = timedelta(days=90)
    renew_on_activity: timedelta | None = None
    max_protection: timedelta | None = None

    def __post_init__(self) -> None:
        self.cycle()

    def cycle(self) -> Cycle:
        """This policy's protection as a :class:`Cycle`."""
        return Cycle(
            protection=self.protection,
            renew_on_activity=self.renew_on_activity,
            max_protection=self.max_protection,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class FirstFollowUp:
    """The rep with the earliest follow-up owns the customer.

    With ``require_registration`` only follow-ups by a rep who registered or claimed the
    customer at or before that follow-up count.

    Examples:
        >>> FirstFollowUp().require_registration
        True
    """

    require_registration: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.require_registration, bool):
            raise InvalidPolicy(
                PolicyReason.BAD_PARAMETER,
                self.require_registration,
                parameter="require_registration",
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class FirstSample:
    """Whoever sent the first sample owns the customer.

    Examples:
        >>> FirstSample()
        FirstSample()
    """


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecFinalizer:
    """Whoever got the customer to settle the final spec (the latest confirmation) owns it.

    Examples:
        >>> SpecFinalizer()
        SpecFinalizer()
    """


@dataclass(frozen=True, slots=True, kw_only=True)
class FirstTouch:
    """The rep of the earliest touch owns the customer.

    Examples:
        >>> FirstTouch()
        FirstTouch()
    """


@dataclass(frozen=True, slots=True, kw_only=True)
class LastTouch:
    """The rep of the latest touch (at or before the order) owns the customer.

    Examples:
        >>> LastTouch()
        LastTouch()
    """


#: The default contribution weights: samples and spec confirmations are what win industrial
#: deals; a follow-up or a registration alone is worth little.
DEFAULT_WEIGHTS: Final[Mapping[type[Event] | str, int | Fraction]] = {
    Registered: 1,
    Claimed: 1,
    FollowedUp: 1,
    SampleSent: 3,
    SpecConfirmed: 3,
    Quoted: 2,
    OrderWon: 2,
}


def _normal_weights(raw: object) -> dict[str, Fraction]:
    if not isinstance(raw, Mapping):
        raise InvalidPolicy(PolicyReason.BAD_PARAMETER, raw, "a mapping", parameter="weights")
    out: dict[str, Fraction] = {}
    for key, value in raw.items():
        cls = kind_of(key)
        if cls is None or cls not in TOUCH_KINDS:
            raise InvalidPolicy(PolicyReason.UNKNOWN_EVENT_KIND, key, parameter="weights")
        if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
            raise InvalidPolicy(
                PolicyReason.BAD_PARAMETER, value, "an int or Fraction", parameter="weights"
            )
        if value < 0:
            raise InvalidPolicy(PolicyReason.NEGATIVE_WEIGHT, {key: value}, parameter="weights")
        out[cls.kind] = Fraction(value)
    if sum(out.values()) == 0:
        raise InvalidPolicy(PolicyReason.ZERO_WEIGHTS, raw, parameter="weights")
    return dict(sorted(out.items()))


@dataclass(frozen=True, slots=True, kw_only=True)
class ContributionWeighted:
    """Split by contribution: each event earns its rep the weight of its kind.

    ``weights`` maps event kinds (classes or kind names) to non-negative ints or Fractions;
    kinds not named weigh 0. After construction it holds ``{kind name: Fraction}`` in name order.

    Raises:
        InvalidPolicy: ``ZERO_WEIGHTS``, ``NEGATIVE_WEIGHT``, ``UNKNOWN_EVENT_KIND``,
            ``BAD_PARAMETER`` (``.parameter == "weights"``).

    Examples:
        >>> ContributionWeighted(weights={SampleSent: 3, "followed_up": 1}).weights
        {'followed_up': Fraction(1, 1), 'sample_sent': Fraction(3, 1)}
    """

    weights: Mapping[type[Event] | str, int | Fraction] = field(
        default_factory=lambda: dict(DEFAULT_WEIGHTS)
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", _normal_weights(self.weights))

    def weight(self, event: Event, /) -> Fraction:
        """The weight *event* earns.

        Examples:
            >>> from datetime import datetime, timezone
            >>> e = SampleSent(id="s1", customer="c1", rep="al", at=datetime(2024, 1, 1, tzinfo=timezone.utc))
            >>> ContributionWeighted().weight(e)
            Fraction(3, 1)
        """
        return Fraction(self.weights.get(event.kind, 0))


@dataclass(frozen=True, slots=True, kw_only=True)
class EqualSplit:
    """Split the order equally among every rep with a touch, without investigating.

    Examples:
        >>> EqualSplit()
        EqualSplit()
    """


@dataclass(frozen=True, slots=True, kw_only=True)
class PositionBased:
    """U-shaped credit: ``first``% to the first touch, ``last``% to the last, ``middle``% shared.

    Touches are grouped by instant. With one instant it takes everything; with two, the first and
    last weights are renormalised between them (``middle`` has nowhere to go); if the positions
    present all weigh 0 the touches share equally. When the first (or last) instant carries
    positive weight and holds touches of two reps, the decision is a ``tie``.

    Raises:
        InvalidPolicy: ``BAD_PARAMETER`` (not a non-negative int), ``ZERO_WEIGHTS``.

    Examples:
        >>> PositionBased()
        PositionBased(first=40, middle=20, last=40)
    """

    first: int = 40
    middle: int = 20
    last: int = 40

    def __post_init__(self) -> None:
        for name in ("first", "middle", "last"):
            _count(getattr(self, name), name)
        if self.first + self.middle + self.last == 0:
            raise InvalidPolicy(PolicyReason.ZERO_WEIGHTS, (0, 0, 0), parameter="first")


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeDecay:
    """Each touch weighs ``2 ** (-age / half_life)``, age measured back from the order.

    The power is computed with :mod:`decimal` at 28 significant digits (the same digits on every
    platform), then used as an exact Fraction.

    Examples:
        >>> from datetime import timedelta
        >>> TimeDecay(half_life=timedelta(days=7)).half_life.days
        7
    """

    half_life: timedelta = timedelta(days=7)

    def __post_init__(self) -> None:
        _positive(self.half_life, "half_life")


Policy = (
    FirstRegistration
    | FirstFollowUp
    | FirstSample
    | SpecFinalizer
    | FirstTouch
    | LastTouch
    | ContributionWeighted
    | EqualSplit
    | PositionBased
    | TimeDecay
)

OWNER_POLICIES: Final = (
    FirstRegistration,
    FirstFollowUp,
    FirstSample,
    SpecFinalizer,
    FirstTouch,
    LastTouch,
)
SPLIT_POLICIES: Final = (ContributionWeighted, EqualSplit, PositionBased, TimeDecay)


@dataclass(frozen=True, slots=True, kw_only=True)
class PoolRules:
    """Rules of the public pool (公海): lapse, claim limits, locks, the business time zone.

    Attributes:
        cycles: protection :class:`Cycle` per customer grade (the grade set by the latest
            ``Registered``/``Claimed``/``FollowedUp`` carrying one).
        default_cycle: the cycle of ungraded customers and of grades not in ``cycles``.
        claim_quota: successful claims per rep per local day (in ``timezone``); ``None``: no limit.
        holding_cap: most customers a rep may own at once for a claim to pass; ``None``: no cap.
        cool_down: after a rep releases a customer (or lets it lapse), that rep may not claim it
            again before ``release + cool_down`` — whoever claimed and released it in between.
        embargo: a newly pooled customer cannot be claimed before ``pooled_at + embargo``.
        locked: customer ids that never lapse and cannot be claimed or released by reps.
        timezone: a :class:`datetime.tzinfo` (e.g. ``zoneinfo.ZoneInfo("Asia/Shanghai")``) that
            defines the local day of the claim quota. An object, not a name: no file is read.

    Raises:
        InvalidPolicy: ``BAD_PARAMETER`` or ``BAD_TIMEZONE`` naming the parameter.

    Examples:
        >>> from datetime import timedelta, timezone
        >>> r = PoolRules(cycles={"A": Cycle(protection=timedelta(days=7))}, claim_quota=5,
        ...               timezone=timezone(timedelta(hours=8)))
        >>> r.cycle_for("A").protection.days, r.cycle_for("Z").protection.days
        (7, 30)
    """

    cycles: Mapping[str, Cycle] = field(default_factory=dict)
    default_cycle: Cycle = field(
        default_factory=lambda: Cycle(
            protection=timedelta(days=30), renew_on_activity=timedelta(days=30)
        )
    )
    claim_quota: int | None = None
    holding_cap: int | None = None
    cool_down: timedelta | None = None
    embargo: timedelta | None = None
    locked: frozenset[str] = frozenset()
    timezone: tzinfo = UTC

    def __post_init__(self) -> None:
        if not isinstance(self.cycles, Mapping) or not all(
            isinstance(k, str) and isinstance(v, Cycle) for k, v in self.cycles.items()
        ):
            raise InvalidPolicy(
                PolicyReason.BAD_PARAMETER, self.cycles, "grade -> Cycle", parameter="cycles"
            )
        object.__setattr__(self, "cycles", dict(sorted(self.cycles.items())))
        if not isinstance(self.default_cycle, Cycle):
            raise InvalidPolicy(
                PolicyReason.BAD_PARAMETER, self.default_cycle, parameter="default_cycle"
            )
        _count(self.claim_quota, "claim_quota")
        _count(self.holding_cap, "holding_cap")
        _positive(self.cool_down, "cool_down", optional=True)
        _positive(self.embargo, "embargo", optional=True)
        if isinstance(self.locked, str) or not all(isinstance(c, str) for c in self.locked):
            raise InvalidPolicy(PolicyReason.BAD_PARAMETER, self.locked, parameter="locked")
        object.__setattr__(self, "locked", frozenset(self.locked))
        if not isinstance(self.timezone, tzinfo):
            raise InvalidPolicy(PolicyReason.BAD_TIMEZONE, self.timezone, parameter="timezone")

    def cycle_for(self, grade: str | None, /) -> Cycle:
        """The cycle of customers of *grade*.

        Examples:
            >>> PoolRules().cycle_for(None).renew_on_activity.days
            30
        """
        if grade is not None and grade in self.cycles:
            return self.cycles[grade]
        return self.default_cycle
