"""What the commands print: text lines, one JSON document, warnings on stderr.

The JSON helpers give each kind of value one shape, the same in every
command: a duration is ``{"seconds", "text"}``, a target ``{"duration",
"seconds", "clock", "text"}``, an instant ISO 8601 with its offset, and a
calendar ``zone``, ``hours`` and ``holidays``. Seconds are a whole number
when the value has no fraction of a second. The words (weekdays, relative
times) come from :mod:`connected_care_sla._text`, shared with the library.
"""

from __future__ import annotations

import contextlib
import json
import sys
import warnings
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Final

from .._instants import duration_us
from .._text import WEEKDAYS
from ..calendar import BusinessCalendar
from ..exceptions import HolidayHorizonWarning
from ..policy import ResponseTarget, format_duration

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
    """An instant in UTC, ISO 8601 with ``Z``: ``'2025-06-09T04:00:00Z'``."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# -- JSON ---------------------------------------------------------------------------------


def print_json(data: object) -> None:
    """Write one JSON document to stdout (UTF-8, two-space indent)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def seconds(us: int) -> int | float:
    """Microseconds as seconds: an ``int`` when whole, else a ``float``."""
    return us // 1_000_000 if us % 1_000_000 == 0 else us / 1_000_000


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset, or ``None``."""
    return None if moment is None else moment.isoformat()


def duration_json(value: timedelta | None) -> dict[str, object] | None:
    """``{"seconds": 5400, "text": "1h30m"}``, or ``None``."""
    if value is None:
        return None
    return {"seconds": seconds(duration_us(value)), "text": format_duration(value)}


def target_json(target: ResponseTarget | None) -> dict[str, object] | None:
    """A target's duration (text and seconds), clock and description, or ``None``."""
    if target is None:
        return None
    return {
        "duration": format_duration(target.duration),
        "seconds": seconds(duration_us(target.duration)),
        "clock": target.clock.value,
        "text": str(target),
    }


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

    They are printed with :func:`warn` after the output. The list is filled
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
