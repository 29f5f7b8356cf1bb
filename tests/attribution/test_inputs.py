"""Bad input gets a typed error naming the event or parameter; records round-trip."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from typing import Any

import pytest

import dupguard.attribution as attribution
from dupguard.attribution import (
    Acknowledged,
    Adjudicated,
    Claimed,
    ContributionWeighted,
    Cycle,
    EqualSplit,
    Event,
    FirstRegistration,
    FollowedUp,
    Merged,
    OrderWon,
    PoolRules,
    PositionBased,
    Quoted,
    Reassigned,
    Registered,
    Released,
    SampleSent,
    SpecConfirmed,
    TimeDecay,
    decide,
    from_record,
    ownership,
    to_record,
)
from dupguard.errors import EventReason, InvalidEvent, InvalidPolicy, PolicyReason

T = datetime(2024, 6, 1, 8, tzinfo=UTC)
BASE: dict[str, Any] = {"id": "e1", "customer": "c1", "rep": "al", "at": T}


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (lambda: FollowedUp(**{**BASE, "at": datetime(2024, 6, 1)}), EventReason.NAIVE_DATETIME),
        (lambda: FollowedUp(**BASE, recorded_at=datetime(2024, 6, 1)), EventReason.NAIVE_DATETIME),
        (lambda: OrderWon(**BASE, amount=-1, currency="CNY"), EventReason.NEGATIVE_AMOUNT),
        (lambda: OrderWon(**BASE, amount=1.5, currency="CNY"), EventReason.BAD_AMOUNT),
        (lambda: OrderWon(**BASE, amount=True, currency="CNY"), EventReason.BAD_AMOUNT),
        (lambda: OrderWon(**BASE, amount=1, currency="yuan"), EventReason.BAD_CURRENCY),
        (lambda: Adjudicated(**BASE, manager="", reason="x"), EventReason.MISSING_MANAGER),
        (lambda: Adjudicated(**BASE, manager="li", reason=""), EventReason.MISSING_REASON),
        (lambda: Adjudicated(**BASE, manager="li", reason="  "), EventReason.MISSING_REASON),
        (lambda: Reassigned(**BASE, manager="li"), EventReason.MISSING_REASON),
        (
            lambda: Adjudicated(**BASE, manager="li", reason="r", shares={"al": 5000}),
            EventReason.BAD_FIELD,
        ),
        (
            lambda: Adjudicated(**BASE, manager="li", reason="r", shares={"bo": 10000}),
            EventReason.BAD_FIELD,
        ),
        (lambda: FollowedUp(**{**BASE, "customer": ""}), EventReason.MISSING_FIELD),
        (lambda: FollowedUp(**{**BASE, "rep": 7}), EventReason.BAD_FIELD),
        (lambda: Acknowledged(**BASE), EventReason.MISSING_FIELD),
        (lambda: Merged(**BASE), EventReason.MISSING_FIELD),
        (lambda: Event(**BASE), EventReason.UNKNOWN_KIND),
        (lambda: from_record({"kind": "refunded", "id": "e1"}), EventReason.UNKNOWN_KIND),
        (
            lambda: from_record({**to_record(FollowedUp(**BASE)), "colour": 1}),
            EventReason.BAD_FIELD,
        ),
        (lambda: from_record({"kind": "followed_up", "id": "e1"}), EventReason.MISSING_FIELD),
        (
            lambda: decide([FollowedUp(**BASE), "not an event"], policy=EqualSplit(), as_of=T),
            EventReason.UNKNOWN_KIND,
        ),
        (
            lambda: decide([FollowedUp(**BASE)], policy=EqualSplit(), as_of=datetime(2024, 7, 1)),
            EventReason.NAIVE_DATETIME,
        ),
        (
            lambda: decide(
                [FollowedUp(**BASE), FollowedUp(**{**BASE, "rep": "bo"})],
                policy=EqualSplit(),
                as_of=T,
            ),
            EventReason.CONFLICTING_DUPLICATE,
        ),
        (
            lambda: decide(
                [
                    OrderWon(**BASE, amount=1, currency="CNY"),
                    OrderWon(**{**BASE, "id": "e2"}, amount=1, currency="USD"),
                ],
                policy=EqualSplit(),
                as_of=T,
            ),
            EventReason.MIXED_CURRENCIES,
        ),
        (
            lambda: decide(
                [FollowedUp(**BASE), FollowedUp(**{**BASE, "id": "e2", "customer": "c2"})],
                policy=EqualSplit(),
                as_of=T,
            ),
            EventReason.MISSING_FIELD,
        ),
    ],
)
def test_bad_events_raise_typed_errors(build: Any, reason: EventReason) -> None:
    with pytest.raises(InvalidEvent) as err:
        build()
    assert err.value.reason is reason
    assert pickle.loads(pickle.dumps(err.value)).reason is reason


def test_errors_name_the_event() -> None:
    with pytest.raises(InvalidEvent) as err:
        OrderWon(**{**BASE, "id": "o-77"}, amount=-3, currency="CNY")
    assert err.value.event_id == "o-77"


class Custom(FollowedUp):
    """An unknown kind: a subclass the library has never heard of."""


@pytest.mark.parametrize(
    ("build", "reason", "parameter"),
    [
        (
            lambda: ContributionWeighted(weights={SampleSent: 0, FollowedUp: 0}),
            PolicyReason.ZERO_WEIGHTS,
            "weights",
        ),
        (lambda: ContributionWeighted(weights={}), PolicyReason.ZERO_WEIGHTS, "weights"),
        (
            lambda: ContributionWeighted(weights={SampleSent: -1, FollowedUp: 2}),
            PolicyReason.NEGATIVE_WEIGHT,
            "weights",
        ),
        (
            lambda: ContributionWeighted(weights={"refund": 1}),
            PolicyReason.UNKNOWN_EVENT_KIND,
            "weights",
        ),
        (
            lambda: ContributionWeighted(weights={Released: 1}),
            PolicyReason.UNKNOWN_EVENT_KIND,
            "weights",
        ),
        (
            lambda: ContributionWeighted(weights={SampleSent: 0.5}),
            PolicyReason.BAD_PARAMETER,
            "weights",
        ),
        (lambda: PositionBased(first=0, middle=0, last=0), PolicyReason.ZERO_WEIGHTS, "first"),
        (lambda: PositionBased(first=-1), PolicyReason.BAD_PARAMETER, "first"),
        (
            lambda: FirstRegistration(protection=timedelta(0)),
            PolicyReason.BAD_PARAMETER,
            "protection",
        ),
        (
            lambda: FirstRegistration(max_protection=timedelta(days=-1)),
            PolicyReason.BAD_PARAMETER,
            "max_protection",
        ),
        (lambda: TimeDecay(half_life=timedelta(0)), PolicyReason.BAD_PARAMETER, "half_life"),
        (lambda: PoolRules(timezone="Asia/Shanghai"), PolicyReason.BAD_TIMEZONE, "timezone"),
        (lambda: PoolRules(claim_quota=-1), PolicyReason.BAD_PARAMETER, "claim_quota"),
        (lambda: PoolRules(cycles={"A": timedelta(days=3)}), PolicyReason.BAD_PARAMETER, "cycles"),
        (lambda: decide([], policy="first", as_of=T), PolicyReason.BAD_PARAMETER, "policy"),
        (
            lambda: ownership([], rules=FirstRegistration(), as_of=T),
            PolicyReason.BAD_PARAMETER,
            "rules",
        ),
    ],
)
def test_bad_policies_raise_typed_errors(build: Any, reason: PolicyReason, parameter: str) -> None:
    with pytest.raises(InvalidPolicy) as err:
        build()
    assert (err.value.reason, err.value.parameter) == (reason, parameter)


def test_unknown_subclass_is_rejected() -> None:
    with pytest.raises(InvalidEvent) as err:
        Custom(**BASE)
    assert err.value.reason is EventReason.UNKNOWN_KIND


def test_weights_accept_names_and_fractions() -> None:
    a = ContributionWeighted(weights={SampleSent: Fraction(3, 2), "followed_up": 1})
    b = ContributionWeighted(weights={"sample_sent": Fraction(3, 2), FollowedUp: 1})
    assert a == b


ALL_KINDS = [
    Registered(**BASE, grade="A"),
    FollowedUp(**BASE, note="call", proof="log-1"),
    SampleSent(**BASE, recorded_at=T + timedelta(days=1)),
    SpecConfirmed(**BASE),
    Quoted(**BASE),
    OrderWon(**BASE, amount=12345, currency="CNY"),
    Released(**BASE),
    Claimed(**BASE, grade="B"),
    Reassigned(**BASE, manager="li", reason="al left"),
    Adjudicated(**BASE, manager="li", reason="split", shares={"al": 6000, "bo": 4000}),
    Acknowledged(**BASE, decision="j1"),
    Merged(**BASE, other="c9"),
]


@pytest.mark.parametrize("event", ALL_KINDS, ids=lambda e: e.kind)
def test_records_round_trip_through_json(event: Event) -> None:
    import json

    assert from_record(json.loads(json.dumps(to_record(event)))) == event
    assert hash(event) == hash(from_record(to_record(event)))


def test_public_api_is_curated_and_documented() -> None:
    # ruff's RUF022 order: CONSTANTS, then Classes, then functions, each alphabetical
    def key(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert attribution.__all__ == sorted(attribution.__all__, key=key)
    for name in attribution.__all__:
        obj = getattr(attribution, name)
        if callable(obj) and not isinstance(obj, (dict, int)) and name != "Policy":
            assert "Examples:" in (obj.__doc__ or ""), name


def test_cycle_validates() -> None:
    with pytest.raises(InvalidPolicy) as err:
        Cycle(protection=timedelta(days=1), renew_on_activity=timedelta(0))
    assert err.value.parameter == "renew_on_activity"
