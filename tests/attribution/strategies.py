"""Hypothesis strategies for attribution events (tests only; ``dupguard.strategies`` comes later).

Plural names, keyword-only options: ``timelines(reps=..., customer=...)`` draws a valid, unsorted
event log for one customer; ``policies()`` draws any policy.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from dupguard.attribution import (
    ContributionWeighted,
    EqualSplit,
    Event,
    FirstFollowUp,
    FirstRegistration,
    FirstSample,
    FirstTouch,
    FollowedUp,
    LastTouch,
    OrderWon,
    PositionBased,
    Quoted,
    Registered,
    SampleSent,
    SpecConfirmed,
    SpecFinalizer,
    TimeDecay,
)

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
#: Timelines span at most this long; ``AS_OF`` is after every drawn event.
SPAN = timedelta(days=60)
AS_OF = T0 + SPAN + timedelta(days=1)
REPS = ("alice", "bob", "carol", "dan")
ZONES = (UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5)))
TOUCHES: tuple[type[Event], ...] = (Registered, FollowedUp, SampleSent, SpecConfirmed, Quoted)


def instants(*, span: timedelta = SPAN) -> st.SearchStrategy[datetime]:
    """Aware instants in ``[T0, T0 + span]`` on a 6-hour grid, in varying UTC offsets."""
    return st.builds(_instant, st.integers(0, span // timedelta(hours=6)), st.sampled_from(ZONES))


def _instant(k: int, z: timezone) -> datetime:
    return (T0 + k * timedelta(hours=6)).astimezone(z)


#: Aware instants in ``[T0, T0 + SPAN]`` on a 6-hour grid (so same-instant ties happen), in
#: varying UTC offsets.
INSTANTS: st.SearchStrategy[datetime] = st.builds(
    _instant, st.integers(0, SPAN // timedelta(hours=6)), st.sampled_from(ZONES)
)


def _build(
    customer: str, rows: list[tuple[type[Event], str, datetime]], order: tuple[str, int] | None
) -> list[Event]:
    events = [
        kind(id=f"{customer}-{i}", customer=customer, rep=rep, at=at)
        for i, (kind, rep, at) in enumerate(rows)
    ]
    if order is not None:
        events.append(
            OrderWon(
                id=f"{customer}-order",
                customer=customer,
                rep=order[0],
                at=T0 + SPAN,
                amount=order[1],
                currency="CNY",
            )
        )
    return events


def timelines(
    *,
    reps: tuple[str, ...] = REPS,
    customer: str = "c1",
    min_size: int = 1,
    max_size: int = 12,
    order: bool | None = None,
) -> st.SearchStrategy[list[Event]]:
    """A log of touches (registration, follow-up, sample, spec, quote) for *customer*, plus (when
    *order* is true, or drawn) one won order at the end of the span. Ids are ``{customer}-{i}``."""
    rows = st.lists(
        st.tuples(st.sampled_from(TOUCHES), st.sampled_from(reps), INSTANTS),
        min_size=min_size,
        max_size=max_size,
    )
    won = st.tuples(st.sampled_from(reps), st.integers(0, 10**9))
    orders = won if order else (st.none() if order is False else st.none() | won)
    return st.builds(_build, st.just(customer), rows, orders)


def policies() -> st.SearchStrategy[Any]:
    """Any attribution policy with drawn parameters."""
    weight = st.integers(0, 5)
    return st.one_of(
        st.builds(
            FirstRegistration, protection=st.sampled_from([timedelta(days=10), timedelta(days=90)])
        ),
        st.builds(FirstFollowUp, require_registration=st.booleans()),
        st.just(FirstSample()),
        st.just(SpecFinalizer()),
        st.just(FirstTouch()),
        st.just(LastTouch()),
        st.just(EqualSplit()),
        st.builds(
            lambda a, b, c, d, e: ContributionWeighted(
                weights={
                    Registered: a,
                    FollowedUp: b,
                    SampleSent: c,
                    SpecConfirmed: d,
                    Quoted: e,
                    OrderWon: 1,
                }
            ),
            weight,
            weight,
            weight,
            weight,
            weight,
        ),
        st.builds(
            lambda f, m, la: PositionBased(first=f, middle=m, last=la if f + m + la else 1),
            weight,
            weight,
            weight,
        ),
        st.builds(TimeDecay, half_life=st.sampled_from([timedelta(days=1), timedelta(days=7)])),
    )
