"""Attribution: evidence timeline in, ownership decision or commission split out.

When two reps collide over one customer (撞单), :func:`decide` settles it by an explicit policy —
first valid registration (报备) with protection, first follow-up, first sample, spec finalizer,
first/last touch, contribution-weighted, equal, position-based or time-decay split — as a pure,
replayable function of the event log: no clock, no I/O, no randomness. :func:`ownership` replays
the public pool (公海): who owns each customer at any instant, until when, and when the next
follow-up is due; :func:`due` lists the customers about to lapse; :func:`check` refuses a pool
action before a CRM saves it. Money is integer minor units; shares are basis points; both are
allocated from exact fractions by largest remainder. See ``docs/attribution.md``.

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> from dupguard.attribution import ContributionWeighted, OrderWon, SampleSent, decide
    >>> t = datetime(2024, 5, 1, tzinfo=timezone.utc)
    >>> log = [SampleSent(id="e1", customer="c1", rep="al", at=t),
    ...        OrderWon(id="e2", customer="c1", rep="bo", amount=1000, currency="CNY",
    ...                 at=t + timedelta(days=3))]
    >>> decide(log, policy=ContributionWeighted(), as_of=t + timedelta(days=4)).amounts
    {'al': 600, 'bo': 400}
"""

from __future__ import annotations

from dupguard.attribution._decide import Decision, decide
from dupguard.attribution._events import (
    Acknowledged,
    Adjudicated,
    Claimed,
    Event,
    FollowedUp,
    Merged,
    OrderWon,
    Quoted,
    Reassigned,
    Registered,
    Released,
    SampleSent,
    SpecConfirmed,
    from_record,
    to_record,
)
from dupguard.attribution._money import BASIS_POINTS, allocate
from dupguard.attribution._policies import (
    DEFAULT_WEIGHTS,
    ContributionWeighted,
    Cycle,
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
    TimeDecay,
)
from dupguard.attribution._pool import Ownership, Reason, check, due, ownership

__all__ = [
    "BASIS_POINTS",
    "DEFAULT_WEIGHTS",
    "Acknowledged",
    "Adjudicated",
    "Claimed",
    "ContributionWeighted",
    "Cycle",
    "Decision",
    "EqualSplit",
    "Event",
    "FirstFollowUp",
    "FirstRegistration",
    "FirstSample",
    "FirstTouch",
    "FollowedUp",
    "LastTouch",
    "Merged",
    "OrderWon",
    "Ownership",
    "Policy",
    "PoolRules",
    "PositionBased",
    "Quoted",
    "Reason",
    "Reassigned",
    "Registered",
    "Released",
    "SampleSent",
    "SpecConfirmed",
    "SpecFinalizer",
    "TimeDecay",
    "allocate",
    "check",
    "decide",
    "due",
    "from_record",
    "ownership",
    "to_record",
]
