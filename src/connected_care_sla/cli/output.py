"""What the commands print: text lines, one JSON document, warnings on stderr.

The JSON helpers give each kind of value one shape, the same in every
command and in the library's ``to_dict()`` methods (they are the same
functions, `connected_care_sla._json`): a duration is
``{"microseconds", "seconds", "text"}``, a target ``{"duration",
"microseconds", "seconds", "clock", "text"}``, an instant ISO 8601 with its
offset (UTC as ``+00:00``), and a calendar ``zone``, ``hours`` and
``holidays``. Seconds are a whole number when the value has no fraction of a
second. The words (weekdays, relative times) come from
`connected_care_sla._text`, shared with the library.
"""

from __future__ import annotations

import contextlib
import json
import sys
import warnings
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Final

from .. import _json
from .._text import WEEKDAYS
from ..calendar import BusinessCalendar
from ..exceptions import HolidayHorizonWarning
from ..policy import ResponseTarget

__all__ = [
    "PROG",
    "calendar_json",
    "calendar_line",
    "collecting_warnings",
    "day_and_weekday",
    "duration_json",
    "emit",
    "iso",
    "one_line",
    "print_json",
    "seconds",
    "target_json",
    "utc_text",
    "warn",
]

#: The command's name, as messages on stderr begin.
PROG: Final = "connected-care-sla"


# -- text ---------------------------------------------------------------------------------


def emit(lines: Sequence[str]) -> None:
    """Write lines of text to stdout, trailing spaces removed."""
    sys.stdout.write("".join(line.rstrip() + "\n" for line in lines))


def one_line(text: str) -> str:
    """A message on one line: runs of whitespace, newlines included, as one space."""
    return " ".join(text.split())


def day_and_weekday(moment: datetime) -> str:
    """``'2025-06-09T12:00:00+08:00  Monday'``."""
    return f"{moment.isoformat()}  {WEEKDAYS[moment.weekday()]}"


def calendar_line(cal: BusinessCalendar) -> str:
    """``'Asia/Shanghai, Mon-Fri 09:00-18:00, holidays: none'``."""
    hours = ", ".join(f"{k} {v}" for k, v in cal.hours.to_mapping().items()) or "never open"
    return f"{cal.zone.key}, {hours}, holidays: {cal.holidays.describe()}"


def utc_text(moment: datetime) -> str:
    """An instant in UTC, ISO 8601 with ``+00:00``: ``'2025-06-09T04:00:00+00:00'``."""
    return moment.astimezone(UTC).isoformat()


# -- JSON ---------------------------------------------------------------------------------


def print_json(data: object) -> None:
    """Write one JSON document to stdout (UTF-8, two-space indent)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def seconds(us: int) -> int | float:
    """Microseconds as seconds: an ``int`` when whole, else a ``float``."""
    return _json.seconds(us)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset, or ``None``."""
    return _json.instant(moment)


def duration_json(value: timedelta | None) -> dict[str, object] | None:
    """``{"microseconds": 5400000000, "seconds": 5400, "text": "1h30m"}``, or ``None``."""
    return _json.duration(value)


def target_json(target: ResponseTarget | None) -> dict[str, object] | None:
    """A target as `ResponseTarget.to_dict` gives it, or ``None``."""
    return None if target is None else target.to_dict()


def calendar_json(cal: BusinessCalendar) -> dict[str, object]:
    """The ``zone``, ``hours`` and ``holidays`` of a calendar."""
    return {
        "zone": cal.zone.key,
        "hours": cal.hours.to_mapping(),
        "holidays": cal.holidays.describe(),
    }


# -- warnings -----------------------------------------------------------------------------


@contextlib.contextmanager
def collecting_warnings(
    category: type[Warning] = HolidayHorizonWarning,
) -> Iterator[list[str]]:
    """Collect warnings (holiday data not official) as messages, each once.

    They are printed with `warn` after the output. The list is filled
    when the block ends without an error.
    """
    messages: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", category)
        yield messages
    messages.extend(dict.fromkeys(str(w.message) for w in caught))


def warn(messages: Sequence[str]) -> None:
    """Each message as ``connected-care-sla: warning: ...`` on stderr."""
    for message in messages:
        sys.stderr.write(f"{PROG}: warning: {one_line(message)}\n")
