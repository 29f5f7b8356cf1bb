"""Golden cases from issue 5, asserted literally, and the documented boundary instants.

Protection ``until`` is inclusive: the owner still owns at exactly ``until`` (and a follow-up
then still renews); the customer is in the pool from ``until + 1 µs``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest

from dupguard.attribution import (
    Claimed,
    Cycle,
    FirstRegistration,
    FollowedUp,
    OrderWon,
    PoolRules,
    Registered,
    Released,
    allocate,
    check,
    decide,
    ownership,
)
from dupguard.errors import ActionReason, RejectedAction

US = timedelta(microseconds=1)
DAY = timedelta(days=1)
CYCLE = Cycle(
    protection=timedelta(days=10),
    renew_on_activity=timedelta(days=3),
    max_protection=timedelta(days=20),
)
RULES = PoolRules(default_cycle=CYCLE)
POLICY = FirstRegistration(
    protection=timedelta(days=10),
    renew_on_activity=timedelta(days=3),
    max_protection=timedelta(days=20),
)


def d(month: int, day: int, hour: int = 0) -> datetime:
    return datetime(2019, month, day, hour, tzinfo=UTC)


def claimed_log(*follow_ups: datetime) -> list:
    """Zed registered long ago and released; al claims from the pool on 03-25."""
    log = [
        Registered(id="r0", customer="c1", rep="zed", at=d(1, 2)),
        Released(id="x0", customer="c1", rep="zed", at=d(1, 3)),
        Claimed(id="k1", customer="c1", rep="al", at=d(3, 25)),
    ]
    log += [FollowedUp(id=f"f{i}", customer="c1", rep="al", at=t) for i, t in enumerate(follow_ups)]
    return log


def until(log: list, as_of: datetime) -> datetime | None:
    return ownership(log, rules=RULES, as_of=as_of)["c1"].protected_until


# --- "claimed 2019-03-25 → due 04-04; activity on 03-28 leaves 04-04; on 04-02 → 04-05;
#      on 04-05 → 04-08; reclaimed on 04-14 whatever happens" ---------------------------------


def test_claim_is_due_ten_days_later() -> None:
    state = ownership(claimed_log(), rules=RULES, as_of=d(3, 25))["c1"]
    assert (state.owner, state.protected_until, state.follow_up_due) == ("al", d(4, 4), d(4, 4))


def test_activity_on_03_28_leaves_04_04() -> None:
    assert until(claimed_log(d(3, 28)), d(3, 28)) == d(4, 4)


def test_activity_on_04_02_extends_to_04_05() -> None:
    assert until(claimed_log(d(3, 28), d(4, 2)), d(4, 2)) == d(4, 5)


def test_activity_on_04_05_at_the_edge_extends_to_04_08() -> None:
    log = claimed_log(d(3, 28), d(4, 2), d(4, 5))
    assert until(log, d(4, 5)) == d(4, 8)
    assert ownership(log, rules=RULES, as_of=d(4, 8))["c1"].owner == "al"


@pytest.mark.parametrize(
    "follow_ups",
    [
        (),
        (d(3, 28), d(4, 2), d(4, 5)),
        tuple(d(3, 25) + k * DAY for k in range(1, 21)),  # every day, up to 04-14 itself
        tuple(d(3, 25) + k * timedelta(hours=12) for k in range(1, 40)),
    ],
)
def test_reclaimed_on_04_14_whatever_happens(follow_ups: tuple[datetime, ...]) -> None:
    log = claimed_log(*follow_ups)
    assert ownership(log, rules=RULES, as_of=d(4, 14) + timedelta(hours=23))["c1"].status == "pool"
    # and never protected beyond the cap (20 days after the claim)
    assert all(until(log, t) <= d(4, 14) for t in [d(3, 25), *follow_ups] if until(log, t))


def test_daily_activity_is_protected_through_the_cap_instant_then_pooled() -> None:
    log = claimed_log(*(d(3, 25) + k * DAY for k in range(1, 20)))
    state = ownership(log, rules=RULES, as_of=d(4, 14))["c1"]
    assert (state.owner, state.protected_until, state.max_until) == ("al", d(4, 14), d(4, 14))
    assert state.follow_up_due is None  # at the cap a follow-up cannot help
    after = ownership(log, rules=RULES, as_of=d(4, 14) + US)["c1"]
    assert (after.status, after.owner, after.pooled_at) == ("pool", None, d(4, 14))
    bo = Claimed(id="k2", customer="c1", rep="bo", at=d(4, 14) + US)
    assert check(log, bo, rules=RULES).owner == "bo"


def test_the_same_goldens_under_first_registration() -> None:
    def owner(*extra: datetime, as_of: datetime) -> str | None:
        log = [Registered(id="r1", customer="c1", rep="al", at=d(3, 25))]
        log += [FollowedUp(id=f"f{i}", customer="c1", rep="al", at=t) for i, t in enumerate(extra)]
        log.append(Registered(id="r2", customer="c1", rep="bo", at=as_of))
        return decide(log, policy=POLICY, as_of=as_of).owner

    assert owner(as_of=d(4, 4)) == "al"
    assert owner(as_of=d(4, 4) + US) == "bo"
    assert owner(d(3, 28), as_of=d(4, 4) + US) == "bo"
    assert owner(d(3, 28), d(4, 2), as_of=d(4, 5)) == "al"
    assert owner(d(3, 28), d(4, 2), as_of=d(4, 5) + US) == "bo"
    assert owner(d(3, 28), d(4, 2), d(4, 5), as_of=d(4, 8)) == "al"
    daily = [d(3, 25) + k * DAY for k in range(1, 20)]
    assert owner(*daily, as_of=d(4, 14)) == "al"
    assert owner(*daily, as_of=d(4, 14) + US) == "bo"


# --- boundary instants: edge − 1 µs, edge, edge + 1 µs -------------------------------------


@pytest.mark.parametrize(("offset", "owner"), [(-US, "al"), (timedelta(0), "al"), (US, None)])
def test_lapse_boundary(offset: timedelta, owner: str | None) -> None:
    assert ownership(claimed_log(), rules=RULES, as_of=d(4, 4) + offset)["c1"].owner == owner


@pytest.mark.parametrize(("offset", "renews"), [(-US, True), (timedelta(0), True), (US, False)])
def test_follow_up_boundary(offset: timedelta, renews: bool) -> None:
    log = claimed_log(d(4, 4) + offset)
    state = ownership(log, rules=RULES, as_of=d(4, 4) + offset)["c1"]
    assert (state.owner == "al") is renews
    if renews:
        assert state.protected_until == d(4, 7) + offset


@pytest.mark.parametrize(("offset", "accepted"), [(-US, False), (timedelta(0), False), (US, True)])
def test_claim_boundary(offset: timedelta, accepted: bool) -> None:
    bo = Claimed(id="k2", customer="c1", rep="bo", at=d(4, 4) + offset)
    if accepted:
        assert check(claimed_log(), bo, rules=RULES).owner == "bo"
    else:
        with pytest.raises(RejectedAction) as err:
            check(claimed_log(), bo, rules=RULES)
        assert err.value.reason is ActionReason.ALREADY_OWNED
        assert err.value.event_id == "k2"
        replayed = ownership([*claimed_log(), bo], rules=RULES, as_of=bo.at)["c1"]
        assert replayed.owner == "al"
        assert [(r.events, r.rejected) for r in replayed.rejected] == [
            (("k2",), ActionReason.ALREADY_OWNED)
        ]


@pytest.mark.parametrize(
    ("offset", "reason"), [(-US, ActionReason.COOL_DOWN), (timedelta(0), None), (US, None)]
)
def test_cool_down_boundary(offset: timedelta, reason: ActionReason | None) -> None:
    rules = PoolRules(default_cycle=CYCLE, cool_down=timedelta(days=7))
    log = [*claimed_log(), Released(id="x1", customer="c1", rep="al", at=d(3, 26))]
    again = Claimed(id="k3", customer="c1", rep="al", at=d(4, 2) + offset)
    if reason is None:
        assert check(log, again, rules=rules).owner == "al"
    else:
        with pytest.raises(RejectedAction) as err:
            check(log, again, rules=rules)
        assert err.value.reason is reason


@pytest.mark.parametrize(
    ("offset", "reason"), [(-US, ActionReason.EMBARGO), (timedelta(0), None), (US, None)]
)
def test_embargo_boundary(offset: timedelta, reason: ActionReason | None) -> None:
    rules = PoolRules(default_cycle=CYCLE, embargo=timedelta(days=2))
    log = [*claimed_log(), Released(id="x1", customer="c1", rep="al", at=d(3, 26))]
    bo = Claimed(id="k3", customer="c1", rep="bo", at=d(3, 28) + offset)
    if reason is None:
        assert check(log, bo, rules=rules).owner == "bo"
    else:
        with pytest.raises(RejectedAction) as err:
            check(log, bo, rules=rules)
        assert err.value.reason is reason


def test_cool_down_holds_even_when_another_rep_claimed_and_released_in_between() -> None:
    rules = PoolRules(default_cycle=CYCLE, cool_down=timedelta(days=7))
    log = [
        *claimed_log(),
        Released(id="x1", customer="c1", rep="al", at=d(3, 26)),
        Claimed(id="k2", customer="c1", rep="bo", at=d(3, 27)),
        Released(id="x2", customer="c1", rep="bo", at=d(3, 28)),
    ]
    with pytest.raises(RejectedAction) as err:
        check(log, Claimed(id="k3", customer="c1", rep="al", at=d(3, 29)), rules=rules)
    assert err.value.reason is ActionReason.COOL_DOWN
    # bo's own cool-down runs from bo's release
    with pytest.raises(RejectedAction):
        check(log, Claimed(id="k4", customer="c1", rep="bo", at=d(4, 4) - US), rules=rules)
    assert (
        check(log, Claimed(id="k5", customer="c1", rep="al", at=d(4, 2)), rules=rules).owner == "al"
    )


def test_lapse_counts_as_a_release_for_the_cool_down() -> None:
    rules = PoolRules(default_cycle=CYCLE, cool_down=timedelta(days=7))
    with pytest.raises(RejectedAction) as err:
        check(claimed_log(), Claimed(id="k9", customer="c1", rep="al", at=d(4, 5)), rules=rules)
    assert err.value.reason is ActionReason.COOL_DOWN


def test_quota_counts_claims_per_local_day() -> None:
    from datetime import timezone

    shanghai = timezone(timedelta(hours=8))
    rules = PoolRules(default_cycle=CYCLE, claim_quota=1, timezone=shanghai)
    log = []
    for c in ("a", "b", "c"):
        log += [
            Registered(id=f"r{c}", customer=c, rep="zed", at=d(1, 1)),
            Released(id=f"x{c}", customer=c, rep="zed", at=d(1, 2)),
        ]
    # 2019-03-25 15:59 UTC is 23:59 in Shanghai; 16:00 UTC is the next local day
    log.append(
        Claimed(id="ka", customer="a", rep="al", at=datetime(2019, 3, 25, 15, 0, tzinfo=UTC))
    )
    with pytest.raises(RejectedAction) as err:
        check(
            log,
            Claimed(id="kb", customer="b", rep="al", at=datetime(2019, 3, 25, 15, 59, tzinfo=UTC)),
            rules=rules,
        )
    assert err.value.reason is ActionReason.QUOTA_EXCEEDED
    ok = Claimed(id="kb", customer="b", rep="al", at=datetime(2019, 3, 25, 16, 0, tzinfo=UTC))
    assert check(log, ok, rules=rules).owner == "al"
    # the same instants are one UTC day: under UTC rules the second claim is refused
    with pytest.raises(RejectedAction):
        check(log, ok, rules=PoolRules(default_cycle=CYCLE, claim_quota=1))


def test_holding_cap_and_lock_and_not_in_pool() -> None:
    rules = PoolRules(default_cycle=CYCLE, holding_cap=1, locked=frozenset({"z"}))
    log = [
        Registered(id="ra", customer="a", rep="zed", at=d(1, 1)),
        Released(id="xa", customer="a", rep="zed", at=d(1, 2)),
        Registered(id="rb", customer="b", rep="al", at=d(3, 1)),
        Registered(id="rz", customer="z", rep="zed", at=d(1, 1)),
    ]
    with pytest.raises(RejectedAction) as err:
        check(log, Claimed(id="k1", customer="a", rep="al", at=d(3, 2)), rules=rules)
    assert err.value.reason is ActionReason.HOLDING_CAP
    # once b lapses (03-11 + 1 µs), al holds nothing and may claim
    assert (
        check(log, Claimed(id="k1", customer="a", rep="al", at=d(3, 12)), rules=rules).owner == "al"
    )
    for action, reason in [
        (Claimed(id="k2", customer="new", rep="al", at=d(3, 2)), ActionReason.NOT_IN_POOL),
        (Released(id="k3", customer="z", rep="zed", at=d(3, 2)), ActionReason.LOCKED),
        (Released(id="k4", customer="b", rep="bo", at=d(3, 2)), ActionReason.NOT_OWNER),
    ]:
        with pytest.raises(RejectedAction) as err:
            check(log, action, rules=rules)
        assert err.value.reason is reason
    # a locked customer never lapses
    assert ownership(log, rules=rules, as_of=d(12, 1))["z"].owner == "zed"


def test_grade_cycles() -> None:
    rules = PoolRules(
        cycles={
            "A": Cycle(protection=timedelta(days=30)),
            "C": Cycle(protection=timedelta(days=3)),
        },
        default_cycle=CYCLE,
    )
    log = [
        Registered(id="r1", customer="a", rep="al", at=d(3, 1), grade="A"),
        Registered(id="r2", customer="c", rep="al", at=d(3, 1), grade="C"),
        Registered(id="r3", customer="u", rep="al", at=d(3, 1)),
    ]
    states = ownership(log, rules=rules, as_of=d(3, 1))
    assert {c: s.protected_until for c, s in states.items()} == {
        "a": d(3, 31),
        "c": d(3, 4),
        "u": d(3, 11),
    }
    assert states["a"].follow_up_due is None  # no renewal: a follow-up cannot extend it


def test_allocating_one_yuan_by_2_3_1() -> None:
    parts = allocate(
        100,
        {"x": Fraction(2), "y": Fraction(3), "z": Fraction(1)},
        tie_key={"x": (0,), "y": (0,), "z": (0,)},
    )
    assert parts == {"x": 33, "y": 50, "z": 17}


def test_order_of_one_yuan_split_2_3_1_through_decide() -> None:
    from dupguard.attribution import ContributionWeighted, SampleSent

    log = [
        FollowedUp(id="e1", customer="c1", rep="x", at=d(3, 1)),
        FollowedUp(id="e2", customer="c1", rep="x", at=d(3, 2)),
        SampleSent(id="e3", customer="c1", rep="y", at=d(3, 3)),
        FollowedUp(id="e4", customer="c1", rep="z", at=d(3, 4)),
        OrderWon(id="e5", customer="c1", rep="y", at=d(3, 5), amount=100, currency="CNY"),
    ]
    policy = ContributionWeighted(weights={FollowedUp: 1, SampleSent: 3})
    got = decide(log, policy=policy, as_of=d(4, 1))
    assert (got.status, got.amounts, got.shares) == (
        "split",
        {"x": 33, "y": 50, "z": 17},
        {"x": 3333, "y": 5000, "z": 1667},
    )
