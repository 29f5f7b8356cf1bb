"""The public pool (公海): who owns each customer at an instant, replayed from the event log.

A pure replay: events (at or before ``as_of``) are applied in ``(at, id)`` order — events at the
same instant apply in id order — to a state per customer (merged ids share one state):

* ``Registered`` of a never-owned customer makes the rep its owner. Of a pooled customer it is a
  claim (all claim checks apply). Of a customer owned by someone else it is **rejected**
  (``ALREADY_OWNED``); by the owner it is a touch.
* ``Claimed`` checks, in this order: ``LOCKED`` (a locked customer that has had an owner),
  ``ALREADY_OWNED`` (anyone owns it, the claimant
  included), ``NOT_IN_POOL`` (never registered), ``EMBARGO``, ``COOL_DOWN``,
  ``QUOTA_EXCEEDED``, ``HOLDING_CAP``.
* ``Released`` by the owner pools the customer (``LOCKED``, ``NOT_OWNER`` otherwise).
* ``Reassigned`` and an owner-``Adjudicated`` (no ``shares``) are a manager's act: they bypass
  every check and start a fresh protection for the new owner.
* A touch by the owner (``FollowedUp``, ``SampleSent``, ``SpecConfirmed``, ``Quoted``,
  ``OrderWon``, own ``Registered``) at or before ``until`` renews protection (see :class:`Cycle`).
* An owned, unlocked customer lapses to the pool at the first instant after ``until``; the lapse
  counts as a release by the owner for the cool-down.

**Rejected actions are recorded, not raised**, because a log is history: a CRM replaying it must
still get the state. Each rejection appears in :attr:`Ownership.rejected` (and in
:attr:`Decision.reasons`) with its :class:`~dupguard.errors.ActionReason`. To refuse an action
*before* saving it, call :func:`check`, which raises :class:`~dupguard.errors.RejectedAction`.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> t0 = datetime(2019, 3, 25, tzinfo=timezone.utc)
    >>> rules = PoolRules(default_cycle=Cycle(protection=timedelta(days=10)))
    >>> log = [Registered(id="e1", customer="c1", rep="alice", at=t0),
    ...        Claimed(id="e2", customer="c1", rep="bob", at=t0 + timedelta(days=1))]
    >>> state = ownership(log, rules=rules, as_of=t0 + timedelta(days=2))["c1"]
    >>> state.owner, state.protected_until.date(), state.rejected[0].rejected.value
    ('alice', datetime.date(2019, 4, 4), 'already_owned')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from dupguard.attribution._events import (
    TOUCH_KINDS,
    Adjudicated,
    Claimed,
    Event,
    Merged,
    Reassigned,
    Registered,
    Released,
    check_event,
    unique_events,
)
from dupguard.attribution._policies import Cycle, PoolRules
from dupguard.errors import (
    ActionReason,
    EventReason,
    InvalidEvent,
    InvalidPolicy,
    PolicyReason,
    RejectedAction,
)

__all__ = ["Ownership", "Reason", "check", "due", "ownership"]

Status = Literal["owned", "pool", "unregistered"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Reason:
    """One step of an explanation: the rule applied and the events it used.

    Attributes:
        rule: a stable rule name (``"first_registration"``, ``"pool.claim"``, ``"adjudicated"``…).
        events: the ids of the events the rule used.
        text: a human-readable sentence.
        rejected: for a refused pool action, why it was refused.

    Examples:
        >>> Reason(rule="pool.claim", events=("e2",), text="bob claims c1").events
        ('e2',)
    """

    rule: str
    events: tuple[str, ...]
    text: str
    rejected: ActionReason | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Ownership:
    """The pool state of one customer at ``as_of``.

    Attributes:
        customer: the surviving id (see :class:`Merged`); ``aliases`` lists every merged id.
        status: ``"owned"``, ``"pool"`` (owned once, now free) or ``"unregistered"``.
        owner: the owning rep, or ``None``.
        grade: the customer's grade, or ``None``.
        since: when the current owner took it.
        protected_until: the last instant (inclusive) the owner is protected.
        max_until: the cap on protection (``since + max_protection``), or ``None``.
        follow_up_due: the deadline for the next follow-up — ``protected_until`` when a follow-up
            could still extend protection, ``None`` when none can (no renewal, or at the cap).
        pooled_at: when it last entered the pool.
        reasons: the steps that led here; ``rejected`` the refused actions among them.

    Examples:
        >>> from datetime import datetime, timezone
        >>> Ownership(customer="c1", aliases=("c1",), as_of=datetime(2024, 1, 1, tzinfo=timezone.utc),
        ...           status="unregistered").owner is None
        True
    """

    customer: str
    aliases: tuple[str, ...]
    as_of: datetime
    status: Status
    owner: str | None = None
    grade: str | None = None
    since: datetime | None = None
    protected_until: datetime | None = None
    max_until: datetime | None = None
    follow_up_due: datetime | None = None
    pooled_at: datetime | None = None
    reasons: tuple[Reason, ...] = ()

    @property
    def rejected(self) -> tuple[Reason, ...]:
        """The refused actions, in replay order."""
        return tuple(r for r in self.reasons if r.rejected is not None)


@dataclass(slots=True)
class _Group:
    """Mutable replay state of one customer (private to one replay call)."""

    customer: str
    owner: str | None = None
    grade: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    cap: datetime | None = None
    cycle: Cycle | None = None
    pooled_at: datetime | None = None
    ever_owned: bool = False
    last_release: dict[str, datetime] = field(default_factory=dict)
    reasons: list[Reason] = field(default_factory=list)


def merge_map(events: Iterable[Event], as_of: datetime) -> dict[str, str]:
    """customer id → surviving id, from the merges known at *as_of* (applied in (at, id) order)."""
    parent: dict[str, str] = {}

    def root(c: str) -> str:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    for e in events:
        if isinstance(e, Merged) and e.at <= as_of:
            a, b = root(e.customer), root(e.other)
            if a != b:
                parent[b] = a
    ids = {e.customer for e in events} | {e.other for e in events if isinstance(e, Merged)}
    return {c: root(c) for c in ids}


class _Replay:
    def __init__(self, rules: PoolRules) -> None:
        self.rules = rules
        self.groups: dict[str, _Group] = {}
        self.holdings: dict[str, set[str]] = {}
        self.claims: dict[tuple[str, date], int] = {}

    def group(self, customer: str) -> _Group:
        return self.groups.setdefault(customer, _Group(customer))

    def _start(self, g: _Group, rep: str, t: datetime) -> None:
        if g.owner is not None:
            self.holdings[g.owner].discard(g.customer)
        cycle = self.rules.cycle_for(g.grade)
        g.owner, g.since, g.cycle, g.ever_owned = rep, t, cycle, True
        g.cap = t + cycle.max_protection if cycle.max_protection is not None else None
        until = t + cycle.protection
        g.until = min(until, g.cap) if g.cap is not None else until
        self.holdings.setdefault(rep, set()).add(g.customer)

    def _renew(self, g: _Group, t: datetime) -> None:
        cycle = self.rules.cycle_for(g.grade)
        if cycle.renew_on_activity is None or g.until is None:
            return
        until = max(g.until, t + cycle.renew_on_activity)
        g.until = min(until, g.cap) if g.cap is not None else until

    def _free(self, g: _Group, pooled_at: datetime) -> None:
        assert g.owner is not None
        self.holdings[g.owner].discard(g.customer)
        g.last_release[g.owner] = pooled_at
        g.owner = g.since = g.until = g.cap = g.cycle = None
        g.pooled_at = pooled_at

    def lapse(self, g: _Group, t: datetime) -> None:
        """Pool *g* if its protection ended before *t*."""
        if g.owner is None or g.until is None or g.customer in self.rules.locked or t <= g.until:
            return
        owner, until = g.owner, g.until
        self._free(g, until)
        g.reasons.append(
            Reason(
                rule="pool.lapse",
                events=(),
                text=f"{owner}'s protection ended at {until.isoformat()}; pooled",
            )
        )

    def refusal(self, g: _Group, e: Event) -> ActionReason | None:
        """Why the claim-like event *e* is refused, or ``None``."""
        r, t = self.rules, e.at
        if g.customer in r.locked and g.ever_owned:
            return ActionReason.LOCKED
        if g.owner is not None:
            return ActionReason.ALREADY_OWNED
        if not g.ever_owned:
            return None if isinstance(e, Registered) else ActionReason.NOT_IN_POOL
        if r.embargo is not None and g.pooled_at is not None and t < g.pooled_at + r.embargo:
            return ActionReason.EMBARGO
        released = g.last_release.get(e.rep)
        if r.cool_down is not None and released is not None and t < released + r.cool_down:
            return ActionReason.COOL_DOWN
        if r.claim_quota is not None and self.claims.get((e.rep, self._day(t)), 0) >= r.claim_quota:
            return ActionReason.QUOTA_EXCEEDED
        if r.holding_cap is not None:
            for other in sorted(self.holdings.get(e.rep, set())):
                self.lapse(self.groups[other], t)
            if len(self.holdings.get(e.rep, set())) >= r.holding_cap:
                return ActionReason.HOLDING_CAP
        return None

    def _day(self, t: datetime) -> date:
        return t.astimezone(self.rules.timezone).date()

    def apply(self, g: _Group, e: Event) -> None:
        self.lapse(g, e.at)
        grade = getattr(e, "grade", None)
        if grade is not None:
            g.grade = grade
        if isinstance(e, (Reassigned, Adjudicated)):
            if isinstance(e, Adjudicated) and e.shares is not None:
                return
            self._start(g, e.rep, e.at)
            g.reasons.append(
                Reason(
                    rule=f"pool.{e.kind}",
                    events=(e.id,),
                    text=f"{e.manager} gives {g.customer} to {e.rep}: {e.reason}",
                )
            )
            return
        if isinstance(e, Released):
            why = (
                ActionReason.LOCKED
                if g.customer in self.rules.locked
                else (ActionReason.NOT_OWNER if g.owner != e.rep else None)
            )
            if why is not None:
                g.reasons.append(
                    Reason(
                        rule="pool.release",
                        events=(e.id,),
                        text=f"{e.rep} may not release {g.customer}",
                        rejected=why,
                    )
                )
                return
            self._free(g, e.at)
            g.reasons.append(
                Reason(
                    rule="pool.release",
                    events=(e.id,),
                    text=f"{e.rep} releases {g.customer} to the pool",
                )
            )
            return
        if isinstance(e, Registered) and g.owner == e.rep:
            self._renew(g, e.at)
            return
        if isinstance(e, (Registered, Claimed)):
            rule = "pool.register" if isinstance(e, Registered) else "pool.claim"
            why = self.refusal(g, e)
            if why is not None:
                g.reasons.append(
                    Reason(
                        rule=rule,
                        events=(e.id,),
                        text=f"{e.rep} may not take {g.customer}",
                        rejected=why,
                    )
                )
                return
            if g.ever_owned:  # taking from the pool counts toward the daily quota
                key = (e.rep, self._day(e.at))
                self.claims[key] = self.claims.get(key, 0) + 1
            self._start(g, e.rep, e.at)
            g.reasons.append(
                Reason(
                    rule=rule,
                    events=(e.id,),
                    text=f"{e.rep} owns {g.customer} until {_iso(g.until)}",
                )
            )
            return
        if type(e) in TOUCH_KINDS and g.owner == e.rep:
            self._renew(g, e.at)

    def snapshot(self, g: _Group, as_of: datetime, aliases: tuple[str, ...]) -> Ownership:
        status: Status = (
            "owned" if g.owner is not None else ("pool" if g.ever_owned else "unregistered")
        )
        due_at = None
        if g.owner is not None and g.until is not None:
            renew = self.rules.cycle_for(g.grade).renew_on_activity
            if g.customer in self.rules.locked:
                due_at = None
            elif renew is not None and (g.cap is None or g.until < g.cap):
                due_at = g.until
        return Ownership(
            customer=g.customer,
            aliases=aliases,
            as_of=as_of,
            status=status,
            owner=g.owner,
            grade=g.grade,
            since=g.since,
            protected_until=g.until,
            max_until=g.cap,
            follow_up_due=due_at,
            pooled_at=g.pooled_at,
            reasons=tuple(g.reasons),
        )


def _iso(t: datetime | None) -> str:
    return "-" if t is None else t.isoformat()


def _as_of(as_of: object) -> datetime:
    if not isinstance(as_of, datetime) or as_of.tzinfo is None or as_of.utcoffset() is None:
        raise InvalidEvent(
            EventReason.NAIVE_DATETIME, as_of, "as_of must be a timezone-aware datetime"
        )
    return as_of


def _rules(rules: object) -> PoolRules:
    if not isinstance(rules, PoolRules):
        raise InvalidPolicy(PolicyReason.BAD_PARAMETER, type(rules).__name__, parameter="rules")
    return rules


def replay(
    events: list[Event], rules: PoolRules, as_of: datetime, merges: dict[str, str] | None = None
) -> tuple[_Replay, dict[str, str]]:
    """Replay the sorted, unique *events* up to *as_of*; return the state and the merge map."""
    if merges is None:
        merges = merge_map(events, as_of)
    run = _Replay(rules)
    for e in events:
        if e.at > as_of:
            break
        run.apply(run.group(merges[e.customer]), e)
    for g in run.groups.values():
        run.lapse(g, as_of)
    return run, merges


def _states(run: _Replay, merges: Mapping[str, str], as_of: datetime) -> dict[str, Ownership]:
    aliases: dict[str, list[str]] = {}
    for c, rep in merges.items():
        aliases.setdefault(rep, []).append(c)
    out: dict[str, Ownership] = {}
    for rep_id in sorted(aliases):
        g = run.groups.get(rep_id) or _Group(rep_id)
        state = run.snapshot(g, as_of, tuple(sorted(aliases[rep_id])))
        for c in state.aliases:
            out[c] = state
    return dict(sorted(out.items()))


def ownership(
    events: Iterable[Event], /, *, rules: PoolRules, as_of: datetime
) -> dict[str, Ownership]:
    """The pool state of every customer at *as_of*, keyed by every customer id (merged ids map
    to the same :class:`Ownership`).

    Args:
        events: the event log, in any order; exact duplicates are ignored.
        rules: the :class:`PoolRules` in force.
        as_of: the instant (timezone-aware); later events are ignored.

    Raises:
        InvalidEvent: an invalid or conflicting event, or a naive ``as_of``.

    Examples:
        >>> from datetime import datetime, timedelta, timezone
        >>> t0 = datetime(2019, 3, 25, tzinfo=timezone.utc)
        >>> rules = PoolRules(default_cycle=Cycle(protection=timedelta(days=10),
        ...     renew_on_activity=timedelta(days=3), max_protection=timedelta(days=20)))
        >>> from dupguard.attribution import FollowedUp
        >>> log = [Registered(id="r0", customer="c1", rep="zed", at=t0 - timedelta(days=50)),
        ...        Released(id="x0", customer="c1", rep="zed", at=t0 - timedelta(days=45)),
        ...        Claimed(id="k1", customer="c1", rep="al", at=t0),
        ...        FollowedUp(id="f1", customer="c1", rep="al", at=t0 + timedelta(days=8))]
        >>> s = ownership(log, rules=rules, as_of=t0 + timedelta(days=9))["c1"]
        >>> s.owner, s.protected_until.date(), s.follow_up_due.date()
        ('al', datetime.date(2019, 4, 5), datetime.date(2019, 4, 5))
    """
    checked = unique_events(events)
    when = _as_of(as_of)
    run, merges = replay(checked, _rules(rules), when)
    return _states(run, merges, when)


def due(
    events: Iterable[Event],
    /,
    *,
    rules: PoolRules,
    as_of: datetime,
    within: timedelta = timedelta(days=3),
) -> list[Ownership]:
    """Owned customers whose protection ends within *within* of *as_of*, soonest first.

    Each entry's ``follow_up_due`` says whether a follow-up can still save it (``None`` when
    protection is at its cap: only an order or a manager can).

    Examples:
        >>> from datetime import datetime, timedelta, timezone
        >>> t0 = datetime(2019, 3, 25, tzinfo=timezone.utc)
        >>> rules = PoolRules(default_cycle=Cycle(protection=timedelta(days=10),
        ...                   renew_on_activity=timedelta(days=3)))
        >>> log = [Registered(id="r1", customer="c1", rep="al", at=t0),
        ...        Registered(id="r2", customer="c2", rep="al", at=t0 + timedelta(days=5))]
        >>> [s.customer for s in due(log, rules=rules, as_of=t0 + timedelta(days=8))]
        ['c1']
    """
    if not isinstance(within, timedelta) or within < timedelta(0):
        raise InvalidPolicy(PolicyReason.BAD_PARAMETER, within, parameter="within")
    states = ownership(events, rules=rules, as_of=as_of)
    seen: dict[str, Ownership] = {s.customer: s for s in states.values()}
    out = [
        s
        for s in seen.values()
        if s.owner is not None
        and s.protected_until is not None
        and s.protected_until <= as_of + within
        and s.customer not in rules.locked
    ]
    return sorted(out, key=lambda s: (s.protected_until or as_of, s.customer))


def check(events: Iterable[Event], action: Event, /, *, rules: PoolRules) -> Ownership:
    """Would the log accept *action* now? The state after it, or :class:`RejectedAction`.

    A CRM calls this before saving a claim, registration or release; events later than
    ``action.at`` are ignored.

    Raises:
        RejectedAction: with the :class:`~dupguard.errors.ActionReason` and ``.event_id``.

    Examples:
        >>> from datetime import datetime, timedelta, timezone
        >>> t0 = datetime(2024, 1, 1, tzinfo=timezone.utc)
        >>> log = [Registered(id="r1", customer="c1", rep="al", at=t0)]
        >>> check(log, Claimed(id="k1", customer="c1", rep="bo", at=t0 + timedelta(days=1)),
        ...       rules=PoolRules())
        Traceback (most recent call last):
        ...
        dupguard.errors.RejectedAction: event 'k1': invalid action 'c1': already_owned (bo may not take c1)
    """
    act = check_event(action)
    checked = [e for e in unique_events([*events]) if e.at <= act.at and e.id != act.id]
    checked.append(act)
    run, merges = replay(checked, _rules(rules), act.at)
    g = run.group(merges[act.customer])
    for reason in reversed(g.reasons):
        if act.id in reason.events:
            if reason.rejected is not None:
                raise RejectedAction(reason.rejected, act.customer, reason.text, event_id=act.id)
            break
    return _states(run, merges, act.at)[act.customer]
