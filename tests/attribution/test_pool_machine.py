"""The pool as a state machine: random claims, releases, follow-ups and time steps.

After every step the replayed state is checked against invariants and against :func:`check`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from dupguard.attribution import (
    Claimed,
    Cycle,
    Event,
    FollowedUp,
    PoolRules,
    Registered,
    Released,
    check,
    ownership,
)
from dupguard.errors import RejectedAction

CUSTOMERS = ("a", "b", "c")
REPS = ("al", "bo", "cy")
RULES = PoolRules(
    default_cycle=Cycle(
        protection=timedelta(days=4),
        renew_on_activity=timedelta(days=2),
        max_protection=timedelta(days=8),
    ),
    claim_quota=2,
    holding_cap=2,
    cool_down=timedelta(days=3),
    embargo=timedelta(hours=12),
)


class Pool(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.now = datetime(2024, 1, 1, tzinfo=UTC)
        self.log: list[Event] = []
        self.n = 0
        self.released: dict[tuple[str, str], datetime] = {}  # (customer, rep) -> last own release
        self.claims: dict[tuple[str, object], int] = {}

    def _id(self) -> str:
        self.n += 1
        return f"e{self.n:04d}"

    def _state(self, customer: str):  # type: ignore[no-untyped-def]
        return ownership(self.log, rules=RULES, as_of=self.now).get(customer)

    def _submit(self, action: Event) -> bool:
        """Check, then log; the replay must agree with the check."""
        before = self._state(action.customer)
        try:
            after = check(self.log, action, rules=RULES)
            accepted = True
        except RejectedAction as err:
            accepted, reason = False, err.reason
        self.log.append(action)
        replayed = self._state(action.customer)
        if accepted:
            assert replayed == after
        else:
            assert replayed is not None
            assert replayed.rejected[-1].events == (action.id,)
            assert replayed.rejected[-1].rejected is reason
            assert replayed.owner == (before.owner if before else None)  # a refusal changes nothing
        return accepted

    @rule(hours=st.integers(1, 60))
    def wait(self, hours: int) -> None:
        self.now += timedelta(hours=hours)

    @rule(customer=st.sampled_from(CUSTOMERS), rep=st.sampled_from(REPS))
    def register(self, customer: str, rep: str) -> None:
        self._submit(Registered(id=self._id(), customer=customer, rep=rep, at=self.now))

    @rule(customer=st.sampled_from(CUSTOMERS), rep=st.sampled_from(REPS))
    def claim(self, customer: str, rep: str) -> None:
        before = self._state(customer)
        accepted = self._submit(Claimed(id=self._id(), customer=customer, rep=rep, at=self.now))
        if before is not None and before.owner is not None:
            assert not accepted  # a claim on an owned customer is rejected
        last = self.released.get((customer, rep))
        if last is not None and self.now < last + timedelta(days=3):
            assert not accepted  # the cool-down holds, whoever claimed and released in between
        if accepted:
            day = (rep, self.now.date())
            self.claims[day] = self.claims.get(day, 0) + 1
            assert self.claims[day] <= 2
            held = [
                s
                for c, s in ownership(self.log, rules=RULES, as_of=self.now).items()
                if s.owner == rep
            ]
            assert len(held) <= 2

    @rule(customer=st.sampled_from(CUSTOMERS), rep=st.sampled_from(REPS))
    def release(self, customer: str, rep: str) -> None:
        if self._submit(Released(id=self._id(), customer=customer, rep=rep, at=self.now)):
            self.released[(customer, rep)] = self.now

    @rule(customer=st.sampled_from(CUSTOMERS), rep=st.sampled_from(REPS))
    def follow_up(self, customer: str, rep: str) -> None:
        before = self._state(customer)
        self.log.append(FollowedUp(id=self._id(), customer=customer, rep=rep, at=self.now))
        after = self._state(customer)
        if before is not None and before.owner == rep:
            assert after.protected_until >= before.protected_until  # never shrinks

    @invariant()
    def one_owner_protected_within_its_cap(self) -> None:
        for _customer, state in ownership(self.log, rules=RULES, as_of=self.now).items():
            if state.owner is None:
                assert state.protected_until is None
                continue
            assert state.since <= self.now <= state.protected_until
            assert state.protected_until <= state.since + timedelta(days=8)
        # the same state from the reversed log: replay does not depend on input order
        shuffled = list(reversed(self.log))
        assert ownership(shuffled, rules=RULES, as_of=self.now) == ownership(
            self.log, rules=RULES, as_of=self.now
        )


TestPool = Pool.TestCase
TestPool.settings = settings(
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
