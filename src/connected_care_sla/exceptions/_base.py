"""The base of every error: its fields, its message, its pickling; and warnings."""

from __future__ import annotations

import os
import sys
import warnings
from types import FrameType
from typing import Final

from .._text import shown


class _Nothing:
    """The ``value`` of an error that is about no single value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NOTHING"

    def __reduce__(self) -> str:
        return "NOTHING"


#: The ``value`` of an error that is about no single value.
NOTHING: Final = _Nothing()


class SlaError(Exception):
    """Base class of every error raised by connected-care-sla.

    Args:
        problem: what is wrong, in words.
        argument: what the problem is in, as the caller named it.
        value: the value received.
        expected: what would have been accepted.
    """

    argument: str
    value: object
    expected: str
    problem: str

    def __init__(
        self,
        problem: object = "",
        *more: object,
        argument: str = "",
        value: object = NOTHING,
        expected: str = "",
    ) -> None:
        # Any positional arguments are taken, as for any exception: they become the problem.
        self.problem = "; ".join(_said(part) for part in (problem, *more) if part != "")
        self.argument = _said(argument)
        self.value = value
        self.expected = _said(expected)
        super().__init__(self._message())

    def _message(self) -> str:
        """The message, from the fields (subclasses say it their way)."""
        if self.expected and self.problem:
            return f"{self.problem}; expected {self.expected}"
        return self.problem or self.expected

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuild from the fields and the message as it stands (a caller may have
        # added context to it, as batch does with the row), not through __init__.
        return (_rebuild, (type(self), self.__dict__.copy(), self.args))


def _said(text: object) -> str:
    """``text`` as a message part: a string as it is, anything else as `shown` shows it."""
    return text if isinstance(text, str) else shown(text)


def _rebuild(cls: type[SlaError], state: dict[str, object], args: tuple[object, ...]) -> SlaError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, *args)
    return error


class _WrongTypeError(SlaError):
    """A value of the wrong type: "``argument`` must be ``expected``, got ``value`` of type T"."""

    def _message(self) -> str:
        if not self.argument:  # the message says it in its own words
            return super()._message()
        text = (
            f"{self.argument} must be {self.expected}, got {shown(self.value)} of type "
            f"{type(self.value).__name__}"
        )
        return f"{text}; {self.problem}" if self.problem else text


def warn_caller(message: str, category: type[Warning]) -> None:
    """Warn, pointing at the first line outside this package (the caller's own line).

    A fixed ``stacklevel`` would point inside the library whenever the path
    to the warning is longer or shorter than expected.
    """
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # connected_care_sla
    frame: FrameType | None = sys._getframe(1)
    level = 2  # 1 is this function, 2 the frame above
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, category, stacklevel=level)
