"""Percentages for people, from exact counts: floored to one decimal, never rounded up.

A share shown as ``100.0`` must mean that nothing was missed, and ``75.0``
that at least three quarters were consumed. Rounding to the nearest tenth
breaks both (2 misses in 100,000 tickets round to ``100.0``), and a float
ratio can land a hair under the tenth it should reach. Here the share is a
`Fraction` of integers and the figure is floored: the
largest tenth that is at most the exact ratio.

Examples:
    >>> from fractions import Fraction
    >>> floored_percent(Fraction(99_998, 100_000)), floored_percent(Fraction(3, 4))
    (Decimal('99.9'), Decimal('75.0'))
    >>> percent_text(Fraction(2, 3)), percent_text(Fraction(1))
    ('66.6%', '100.0%')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

__all__ = ["floored_percent", "percent_text"]


def floored_percent(share: Fraction) -> Decimal:
    """``share`` (1 is the whole) as a percentage floored to one decimal, exactly.

    The result ``p`` has one decimal and ``p <= 100 * share < p + 0.1``.

    Examples:
        >>> floored_percent(Fraction(-1, 3)), floored_percent(Fraction(0))
        (Decimal('-33.4'), Decimal('0.0'))
    """
    tenths = (share * 1000).__floor__()
    return Decimal(tenths).scaleb(-1)


def percent_text(share: Fraction) -> str:
    """``'75.0%'``: `floored_percent` with the sign."""
    return f"{floored_percent(share)}%"
