"""``decide``: an evidence timeline and a policy in, an ownership decision or exact split out.

The steps, all pure:

1. Events are validated, exact duplicates dropped, conflicting ids rejected, and sorted by
   ``(at, id)``. Only events at or before ``as_of`` exist. ``recorded_at`` is never read.
2. Merges known at ``as_of`` join customer ids; the customer's timeline is the union of every
   merged id's events (before and after the merge).
3. The *decisive instant* is the latest ``OrderWon`` at or before ``as_of`` (the order being
   split; orders at that same instant are summed and must share a currency), else ``as_of``.
   Evidence is what happened at or before it.
4. The latest ``Adjudicated`` (at or before ``as_of``) decides, whatever the policy. Otherwise
   the policy decides; a rule that cannot pick one rep returns ``tie`` (never an arbitrary pick),
   one without the evidence it needs returns ``pending``.
5. Shares (basis points) and amounts (minor units) are allocated from exact fractions by largest
   remainder; equal remainders go first to the rep whose earliest touch ``(at, id)`` is earliest,
   then by rep id (only reps without any touch, named by an adjudication, reach that).
6. With ``require_acknowledgement``, every party (each rep in ``shares``) must have an
   ``Acknowledged`` naming this decision's ``digest`` (or the deciding adjudication's id);
   until then the status is ``pending`` and ``owner``/``shares``/``amounts`` hold the proposal.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> t = datetime(2024, 5, 1, tzinfo=timezone.utc)
    >>> log = [Registered(id="e1", customer="c1", rep="alice", at=t),
    ...        SampleSent(id="e2", customer="c1", rep="bob", at=t + timedelta(days=2)),
    ...        OrderWon(id="e3", customer="c1", rep="bob", amount=100, currency="CNY",
    ...                 at=t + timedelta(days=9))]
    >>> d = decide(log, policy=FirstRegistration(), as_of=t + timedelta(days=30))
    >>> d.status, d.owner, d.amounts
    ('owner', 'alice', {'alice': 100, 'bob': 0})
    >>> d = decide(log, policy=ContributionWeighted(), as_of=t + timedelta(days=30))
    >>> d.status, d.shares, d.amounts
    ('split', {'alice': 1667, 'bob': 8333}, {'alice': 17, 'bob': 83})
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any, Literal, cast

from dupguard.attribution._events import (
    TOUCH_KINDS,
    Acknowledged,
    Adjudicated,
    Claimed,
    Event,
    FollowedUp,
    OrderWon,
    Registered,
    SampleSent,
    SpecConfirmed,
    unique_events,
)
from dupguard.attribution._money import BASIS_POINTS, allocate
from dupguard.attribution._policies import (
    OWNER_POLICIES,
    SPLIT_POLICIES,
    ContributionWeighted,
    EqualSplit,
    FirstFollowUp,
    FirstRegistration,
    FirstSample,
    FirstTouch,
    LastTouch,
    Policy,
    PoolRules,
    PositionBased,
    SpecFinalizer,
)
from dupguard.attribution._pool import Reason, _as_of, merge_map, replay
from dupguard.errors import ActionReason, EventReason, InvalidEvent, InvalidPolicy, PolicyReason

__all__ = ["Decision", "decide"]

Status = Literal["owner", "split", "pending", "tie"]
_STATUSES = ("owner", "split", "pending", "tie")


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """The outcome of :func:`decide` for one customer.

    Attributes:
        customer: the (surviving) customer id.
        status: ``"owner"``, ``"split"``, ``"pending"`` (awaiting acknowledgements or evidence)
            or ``"tie"``.
        policy: the policy's ``repr`` (or ``"adjudicated"``).
        as_of: the instant the decision was taken at.
        decided_at: the decisive instant (the order's time, or ``as_of``).
        owner: the owner (ownership rules and owner adjudications), else ``None``.
        shares: rep → basis points, summing to exactly 10000 (empty for a tie or missing evidence);
            every rep with a touch is listed, zero shares included.
        amounts: rep → minor units, summing exactly to ``amount`` (empty without an order).
        amount, currency: the order being split, when there is one.
        tied: for a tie, the reps tied.
        awaiting: reps whose acknowledgement is still missing.
        reasons: the steps, each citing event ids and the rule that used them.
        digest: a SHA-256 of the proposal (customer, policy, status, owner, shares, amounts,
            currency, tie) that reps acknowledge; it does not change as acknowledgements arrive.

    Examples:
        >>> from datetime import datetime, timezone
        >>> t = datetime(2024, 1, 1, tzinfo=timezone.utc)
        >>> d = Decision(customer="c1", status="owner", policy="LastTouch()", as_of=t,
        ...              decided_at=t, owner="al", shares={"al": 10000})
        >>> Decision.from_json(d.to_json()) == d
        True
    """

    customer: str
    status: Status
    policy: str
    as_of: datetime
    decided_at: datetime
    owner: str | None = None
    shares: dict[str, int] = field(default_factory=dict)
    amounts: dict[str, int] = field(default_factory=dict)
    amount: int | None = None
    currency: str | None = None
    tied: tuple[str, ...] = ()
    awaiting: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    digest: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (datetimes as ISO 8601).

        Examples:
            >>> from datetime import datetime, timezone
            >>> t = datetime(2024, 1, 1, tzinfo=timezone.utc)
            >>> Decision(customer="c", status="tie", policy="p", as_of=t, decided_at=t).to_dict()["as_of"]
            '2024-01-01T00:00:00+00:00'
        """
        return {
            "customer": self.customer,
            "status": self.status,
            "policy": self.policy,
            "as_of": self.as_of.isoformat(),
            "decided_at": self.decided_at.isoformat(),
            "owner": self.owner,
            "shares": dict(sorted(self.shares.items())),
            "amounts": dict(sorted(self.amounts.items())),
            "amount": self.amount,
            "currency": self.currency,
            "tied": list(self.tied),
            "awaiting": list(self.awaiting),
            "reasons": [
                {
                    "rule": r.rule,
                    "events": list(r.events),
                    "text": r.text,
                    "rejected": None if r.rejected is None else r.rejected.value,
                }
                for r in self.reasons
            ],
            "digest": self.digest,
        }

    def to_json(self) -> str:
        """The decision as a JSON string with sorted keys (byte-stable for equal decisions).

        Examples:
            >>> from datetime import datetime, timezone
            >>> t = datetime(2024, 1, 1, tzinfo=timezone.utc)
            >>> Decision(customer="c", status="tie", policy="p", as_of=t, decided_at=t).to_json()[:22]
            '{"amount": null, "amou'
        """
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, /) -> Decision:
        """Read back a :meth:`to_json` string.

        Raises:
            InvalidEvent: ``BAD_FIELD`` when the text is not a decision.

        Examples:
            >>> Decision.from_json("{}")
            Traceback (most recent call last):
            ...
            dupguard.errors.InvalidEvent: invalid event '{}': bad_field (not a decision)
        """
        try:
            d = json.loads(text)
            if d["status"] not in _STATUSES:
                raise ValueError(d["status"])
            return cls(
                customer=str(d["customer"]),
                status=d["status"],
                policy=str(d["policy"]),
                as_of=datetime.fromisoformat(d["as_of"]),
                decided_at=datetime.fromisoformat(d["decided_at"]),
                owner=d["owner"],
                shares={str(k): int(v) for k, v in d["shares"].items()},
                amounts={str(k): int(v) for k, v in d["amounts"].items()},
                amount=d["amount"],
                currency=d["currency"],
                tied=tuple(d["tied"]),
                awaiting=tuple(d["awaiting"]),
                reasons=tuple(
                    Reason(
                        rule=r["rule"],
                        events=tuple(r["events"]),
                        text=r["text"],
                        rejected=None if r["rejected"] is None else ActionReason(r["rejected"]),
                    )
                    for r in d["reasons"]
                ),
                digest=str(d["digest"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise InvalidEvent(EventReason.BAD_FIELD, text, "not a decision") from err


# --- the rules ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Outcome:
    status: Status
    owner: str | None = None
    weights: dict[str, Fraction] = field(default_factory=dict)
    tied: tuple[str, ...] = ()
    reasons: list[Reason] = field(default_factory=list)


def _ids(events: Iterable[Event]) -> tuple[str, ...]:
    return tuple(e.id for e in events)


def _extreme(events: list[Event], rule: str, what: str, *, latest: bool) -> _Outcome:
    """The rep of the earliest (or latest) of *events*; a tie if two reps share that instant."""
    if not events:
        return _Outcome("pending", reasons=[Reason(rule=rule, events=(), text=f"no {what} yet")])
    at = events[-1].at if latest else events[0].at
    hits = [e for e in events if e.at == at]
    reps = sorted({e.rep for e in hits})
    if len(reps) > 1:
        text = f"{' and '.join(reps)} share the {'latest' if latest else 'first'} {what} at {at.isoformat()}"
        return _Outcome(
            "tie", tied=tuple(reps), reasons=[Reason(rule=rule, events=_ids(hits), text=text)]
        )
    text = f"{reps[0]} has the {'latest' if latest else 'first'} {what} at {at.isoformat()}"
    return _Outcome(
        "owner", owner=reps[0], reasons=[Reason(rule=rule, events=_ids(hits), text=text)]
    )


def _first_registration(
    policy: FirstRegistration, timeline: list[Event], merges: dict[str, str], decisive: datetime
) -> _Outcome:
    run, _ = replay(timeline, PoolRules(default_cycle=policy.cycle()), decisive, merges)
    reasons: list[Reason] = []
    owner, until = None, None
    for g in run.groups.values():  # one group: the timeline is one customer
        reasons.extend(
            Reason(rule="first_registration", events=r.events, text=r.text, rejected=r.rejected)
            for r in g.reasons
        )
        owner, until = g.owner, g.until
    if owner is None:
        reasons.append(
            Reason(
                rule="first_registration",
                events=(),
                text=f"no protected registration at {decisive.isoformat()}",
            )
        )
        return _Outcome("pending", reasons=reasons)
    assert until is not None
    reasons.append(
        Reason(
            rule="first_registration",
            events=(),
            text=f"{owner} is protected until {until.isoformat()}",
        )
    )
    return _Outcome("owner", owner=owner, reasons=reasons)


def _position(policy: PositionBased, touches: list[Event]) -> _Outcome:
    rule = "position_based"
    moments = sorted({e.at for e in touches})
    if not moments:
        return _Outcome("pending", reasons=[Reason(rule=rule, events=(), text="no touches yet")])
    at: dict[datetime, list[Event]] = {m: [e for e in touches if e.at == m] for m in moments}
    ends: dict[datetime, Fraction] = {}
    middle: list[Event] = []
    if len(moments) == 1:
        ends = {moments[0]: Fraction(1)}
    elif len(moments) == 2:
        total = policy.first + policy.last
        if total:
            ends = {
                moments[0]: Fraction(policy.first, total),
                moments[1]: Fraction(policy.last, total),
            }
    else:
        ends = {moments[0]: Fraction(policy.first), moments[-1]: Fraction(policy.last)}
        middle = [e for m in moments[1:-1] for e in at[m]]
    weights: dict[str, Fraction] = {}
    if not ends:  # two instants, both weighing 0: the touches share equally
        for e in touches:
            weights[e.rep] = weights.get(e.rep, Fraction(0)) + 1
        return _Outcome(
            "split",
            weights=weights,
            reasons=[
                Reason(
                    rule=rule,
                    events=_ids(touches),
                    text="first and last weigh 0: the touches share equally",
                )
            ],
        )
    reasons: list[Reason] = []
    for m, w in ends.items():
        reps = sorted({e.rep for e in at[m]})
        if w > 0 and len(reps) > 1:
            return _Outcome(
                "tie",
                tied=tuple(reps),
                reasons=[
                    Reason(
                        rule=rule,
                        events=_ids(at[m]),
                        text=f"{' and '.join(reps)} share the touch at {m.isoformat()}",
                    )
                ],
            )
        if w > 0:
            weights[reps[0]] = weights.get(reps[0], Fraction(0)) + w
            reasons.append(
                Reason(
                    rule=rule,
                    events=_ids(at[m]),
                    text=f"{reps[0]} earns {w} for the touch at {m.isoformat()}",
                )
            )
    for e in middle:
        weights[e.rep] = weights.get(e.rep, Fraction(0)) + Fraction(policy.middle, len(middle))
    if middle:
        reasons.append(
            Reason(
                rule=rule,
                events=_ids(middle),
                text=f"{len(middle)} middle touches share {policy.middle}",
            )
        )
    return _Outcome("split", weights=weights, reasons=reasons)


def _decay(half_life: timedelta, age: timedelta) -> Fraction:
    with localcontext() as ctx:
        ctx.prec = 28
        exponent = -Decimal(age // timedelta(microseconds=1)) / Decimal(
            half_life // timedelta(microseconds=1)
        )
        return Fraction(Decimal(2) ** exponent)


def _apply(
    policy: Policy,
    evidence: list[Event],
    timeline: list[Event],
    merges: dict[str, str],
    decisive: datetime,
) -> _Outcome:
    touches = [e for e in evidence if type(e) in TOUCH_KINDS]
    if isinstance(policy, FirstRegistration):
        return _first_registration(policy, timeline, merges, decisive)
    if isinstance(policy, FirstFollowUp):
        follow: list[Event] = [e for e in evidence if isinstance(e, FollowedUp)]
        if policy.require_registration:
            registered = [e for e in evidence if isinstance(e, (Registered, Claimed))]
            follow = [f for f in follow if any(r.rep == f.rep and r.at <= f.at for r in registered)]
        return _extreme(
            follow,
            "first_follow_up",
            "follow-up by a registered rep" if policy.require_registration else "follow-up",
            latest=False,
        )
    if isinstance(policy, FirstSample):
        return _extreme(
            [e for e in evidence if isinstance(e, SampleSent)],
            "first_sample",
            "sample",
            latest=False,
        )
    if isinstance(policy, SpecFinalizer):
        return _extreme(
            [e for e in evidence if isinstance(e, SpecConfirmed)],
            "spec_finalizer",
            "spec confirmation",
            latest=True,
        )
    if isinstance(policy, FirstTouch):
        return _extreme(touches, "first_touch", "touch", latest=False)
    if isinstance(policy, LastTouch):
        return _extreme(touches, "last_touch", "touch", latest=True)
    if isinstance(policy, PositionBased):
        return _position(policy, touches)
    weights: dict[str, Fraction] = {}
    if isinstance(policy, ContributionWeighted):
        rule = "contribution_weighted"
        for e in touches:
            weights[e.rep] = weights.get(e.rep, Fraction(0)) + policy.weight(e)
    elif isinstance(policy, EqualSplit):
        rule = "equal_split"
        weights = {e.rep: Fraction(1) for e in touches}
    else:
        rule = "time_decay"
        for e in touches:
            weights[e.rep] = weights.get(e.rep, Fraction(0)) + _decay(
                policy.half_life, decisive - e.at
            )
    if sum(weights.values(), Fraction(0)) == 0:
        return _Outcome(
            "pending",
            reasons=[Reason(rule=rule, events=_ids(touches), text="no weighted evidence yet")],
        )
    text = ", ".join(f"{rep} {float(w):.6g}" for rep, w in sorted(weights.items()))
    return _Outcome(
        "split",
        weights=weights,
        reasons=[Reason(rule=rule, events=_ids(touches), text=f"weights: {text}")],
    )


def _adjudicated(adj: Adjudicated) -> _Outcome:
    reason = Reason(
        rule="adjudicated", events=(adj.id,), text=f"{adj.manager} decided: {adj.reason}"
    )
    if adj.shares is None:
        return _Outcome("owner", owner=adj.rep, reasons=[reason])
    pairs = cast("tuple[tuple[str, int], ...]", adj.shares)
    return _Outcome("split", weights={r: Fraction(b) for r, b in pairs}, reasons=[reason])


def _digest(payload: Mapping[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _customer(timeline_customers: set[str], customer: str | None) -> str:
    if customer is not None:
        if not isinstance(customer, str) or not customer.strip():
            raise InvalidEvent(EventReason.BAD_FIELD, customer, "customer")
        return customer
    if len(timeline_customers) == 1:
        return next(iter(timeline_customers))
    raise InvalidEvent(
        EventReason.MISSING_FIELD,
        sorted(timeline_customers)[:5],
        "customer= is required unless the events concern exactly one customer",
    )


def decide(
    events: Iterable[Event],
    /,
    *,
    policy: Policy,
    as_of: datetime,
    require_acknowledgement: bool = False,
    customer: str | None = None,
) -> Decision:
    """Decide who owns the customer, or how its order splits, under *policy* at *as_of*.

    Args:
        events: the event log in any order (other customers' events are ignored; exact
            duplicates are dropped).
        policy: one of the ten policies.
        as_of: the instant of the decision (timezone-aware); later events do not exist.
        require_acknowledgement: keep the decision ``pending`` until every party acknowledged it.
        customer: which customer; optional when the events concern one customer (after merges).

    Returns:
        A :class:`Decision`.

    Raises:
        InvalidEvent: ``NAIVE_DATETIME`` (``as_of``), ``CONFLICTING_DUPLICATE``,
            ``MIXED_CURRENCIES``, ``UNKNOWN_KIND``, ``MISSING_FIELD`` (no ``customer=`` for
            several customers).
        InvalidPolicy: ``BAD_PARAMETER`` for something that is not a policy.

    Examples:
        >>> from datetime import datetime, timezone
        >>> t = datetime(2024, 5, 1, tzinfo=timezone.utc)
        >>> log = [SampleSent(id="s1", customer="c1", rep="al", at=t),
        ...        SampleSent(id="s2", customer="c1", rep="bo", at=t)]
        >>> d = decide(log, policy=FirstSample(), as_of=t)
        >>> d.status, d.tied, d.shares
        ('tie', ('al', 'bo'), {})
    """
    if not isinstance(policy, (*OWNER_POLICIES, *SPLIT_POLICIES)):
        raise InvalidPolicy(PolicyReason.BAD_PARAMETER, type(policy).__name__, parameter="policy")
    if not isinstance(require_acknowledgement, bool):
        raise InvalidPolicy(
            PolicyReason.BAD_PARAMETER, require_acknowledgement, parameter="require_acknowledgement"
        )
    when = _as_of(as_of)
    known = [e for e in unique_events(events) if e.at <= when]
    merges = merge_map(known, when)
    target = _customer({merges[e.customer] for e in known}, customer)
    group = merges.get(target, target)
    timeline = [e for e in known if merges[e.customer] == group]

    orders = [e for e in timeline if isinstance(e, OrderWon)]
    decisive, amount, currency = when, None, None
    reasons: list[Reason] = []
    if orders:
        decisive = orders[-1].at
        these = [o for o in orders if o.at == decisive]
        currencies = {o.currency for o in these}
        if len(currencies) > 1:
            raise InvalidEvent(
                EventReason.MIXED_CURRENCIES, sorted(currencies), event_id=these[-1].id
            )
        amount, currency = sum(o.amount for o in these), these[0].currency
        reasons.append(
            Reason(
                rule="order",
                events=_ids(these),
                text=f"splitting the order of {amount} {currency} won at {decisive.isoformat()}",
            )
        )
    evidence = [e for e in timeline if e.at <= decisive]

    adjudications = [e for e in timeline if isinstance(e, Adjudicated)]
    if adjudications:
        outcome, label = _adjudicated(adjudications[-1]), "adjudicated"
    else:
        outcome, label = _apply(policy, evidence, timeline, merges, decisive), repr(policy)
    reasons.extend(outcome.reasons)

    first_touch: dict[str, tuple[Any, ...]] = {}
    for e in evidence:
        if type(e) in TOUCH_KINDS and e.rep not in first_touch:
            first_touch[e.rep] = (0, e.at, e.id)
    shares: dict[str, int] = {}
    amounts: dict[str, int] = {}
    if outcome.status in ("owner", "split"):
        weights = {rep: Fraction(0) for rep in first_touch}
        if outcome.status == "owner":
            assert outcome.owner is not None
            weights[outcome.owner] = Fraction(1)
        else:
            weights.update(outcome.weights)
        tie_key = {rep: first_touch.get(rep, (1,)) for rep in weights}
        shares = allocate(BASIS_POINTS, weights, tie_key=tie_key)
        if amount is not None:
            amounts = allocate(amount, weights, tie_key=tie_key)
    status: Status = outcome.status
    digest = _digest(
        {
            "customer": group,
            "policy": label,
            "status": status,
            "owner": outcome.owner,
            "shares": shares,
            "amounts": amounts,
            "currency": currency,
            "tied": list(outcome.tied),
        }
    )
    awaiting: tuple[str, ...] = ()
    if require_acknowledgement and status in ("owner", "split"):
        accepted = {digest} | ({adjudications[-1].id} if adjudications else set())
        acks = [e for e in timeline if isinstance(e, Acknowledged) and e.decision in accepted]
        agreed = {e.rep for e in acks}
        awaiting = tuple(sorted(set(shares) - agreed))
        if acks:
            reasons.append(
                Reason(
                    rule="acknowledgement",
                    events=_ids(acks),
                    text=f"acknowledged by {', '.join(sorted(agreed & set(shares)))}",
                )
            )
        if awaiting:
            status = "pending"
            reasons.append(
                Reason(rule="acknowledgement", events=(), text=f"awaiting {', '.join(awaiting)}")
            )
    return Decision(
        customer=group,
        status=status,
        policy=label,
        as_of=when,
        decided_at=decisive,
        owner=outcome.owner,
        shares=shares,
        amounts=amounts,
        amount=amount,
        currency=currency,
        tied=outcome.tied,
        awaiting=awaiting,
        reasons=tuple(reasons),
        digest=digest,
    )
