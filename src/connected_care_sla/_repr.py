"""Values as error messages show them: bounded in size, and never raising.

A message names the bad value, but the value may be anything a caller passed
or a policy file held: a 5 MB string, a list nested 10,000 deep, an ``int`` too
long for ``repr`` (Python refuses to print ints of more than 4,300 digits), or
an object whose ``__repr__`` raises. :func:`shown` gives a short, faithful
``repr`` of the usual values and a description of the others, so building an
error message can never become a second error.

>>> shown("gold"), shown([1, 2]), shown(None)
("'gold'", '[1, 2]', 'None')
>>> shown("x" * 1000)[:12], len(shown("x" * 1000)) < 300
("'xxxxxxxxxxx", True)
>>> shown(10**5000)
'<an int of 16610 bits>'
"""

from __future__ import annotations

import reprlib
from typing import Final

__all__ = ["shown"]

_REPR: Final = reprlib.Repr()
_REPR.maxlevel = 4
_REPR.maxstring = 200
_REPR.maxother = 200
_REPR.maxlong = 200
for _name in ("maxdict", "maxlist", "maxtuple", "maxset", "maxfrozenset", "maxdeque", "maxarray"):
    setattr(_REPR, _name, 12)


def shown(value: object) -> str:
    """A bounded ``repr`` of ``value`` for an error message; never raises."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 600:
        return f"<an int of {value.bit_length()} bits>"
    try:
        return _REPR.repr(value)
    except Exception:  # a caller's __repr__ may raise anything
        return f"<a {type(value).__name__} object whose repr() fails>"
