"""Exact money: integer minor units, exact fractions, largest-remainder rounding.

:func:`allocate` splits an integer total by exact weights (Hamilton's largest-remainder method):
everyone gets the floor of their exact share, then the units left over go one each to the largest
fractional remainders. Remainders that are exactly equal are ordered by a caller-supplied tie key
(ascending) — :func:`dupguard.attribution.decide` uses each rep's earliest credited event
``(at, id)``, so the result does not depend on input order, rep names or ``PYTHONHASHSEED``.

Guarantees: the parts sum exactly to the total; each part is within one unit of its exact share
(strictly less than one away); a zero weight gets zero. Not guaranteed (and false for three or
more parties — the Alabama paradox): that a bigger total never lowers someone's part.

Examples:
    >>> from fractions import Fraction
    >>> allocate(100, {"a": Fraction(2), "b": Fraction(3), "c": Fraction(1)},
    ...          tie_key={"a": (0,), "b": (1,), "c": (2,)})
    {'a': 33, 'b': 50, 'c': 17}
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

__all__ = ["BASIS_POINTS", "allocate"]

#: Shares are expressed in basis points: 10000 = 100 %.
BASIS_POINTS = 10000


def allocate(
    total: int, weights: Mapping[str, Fraction], /, *, tie_key: Mapping[str, tuple[Any, ...]]
) -> dict[str, int]:
    """Split *total* units by *weights* exactly; keys in sorted order.

    Args:
        total: a non-negative integer (minor units, or :data:`BASIS_POINTS`).
        weights: non-negative exact weights, at least one positive.
        tie_key: per key, a sortable tuple; among equal remainders the smallest key gets the unit.

    Returns:
        ``{key: units}`` summing exactly to *total*.

    Examples:
        >>> from fractions import Fraction
        >>> allocate(10000, {"x": Fraction(1), "y": Fraction(1), "z": Fraction(1)},
        ...          tie_key={"x": (2,), "y": (1,), "z": (3,)})
        {'x': 3333, 'y': 3334, 'z': 3333}
    """
    whole = sum(weights.values(), Fraction(0))
    if total < 0 or whole <= 0 or any(w < 0 for w in weights.values()):
        raise ValueError(
            "allocate needs a non-negative total and non-negative weights with a positive sum"
        )
    exact = {k: total * w / whole for k, w in weights.items()}
    parts = {k: math.floor(v) for k, v in exact.items()}
    left = total - sum(parts.values())
    order = sorted(exact, key=lambda k: (-(exact[k] - parts[k]), tie_key[k], k))
    for k in order[:left]:
        parts[k] += 1
    return dict(sorted(parts.items()))
