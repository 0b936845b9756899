"""Notebook HTML: a few building blocks, and renderers of plain values.

Jupyter shows an object through its ``_repr_html_`` method when it has one.
The value types (a response status, an explanation, a policy, a policy book, a
business calendar) describe themselves in plain data (strings, numbers,
datetimes, tuples of rows, gathered in the small frozen records defined here)
and hand it to a renderer, so all HTML lives in one place and no module
above this one is imported here (only ``_text``, ``_instants`` and the
standard library):

* `status_html` draws a `StatusView` as a small card;
* `explanation_html` draws an `ExplanationView` as a timeline;
* `policy_html` and `policy_book_html` draw `PolicyView`
  values as response tables, with the severities and entitlements;
* `calendar_html` draws a `CalendarView`: zone, week, holidays.

The building blocks `card`, `rows`, `badge` and `bar`
serve other renderers too. Every value that reaches the HTML goes through
`html.escape`. Nothing here reads the clock: "in 2 hours" is always
relative to an instant the value carries.

Examples:
    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> view = StatusView(
    ...     "at risk", "Developer", "S1",
    ...     created_at=datetime(2025, 6, 6, 17, 0, tzinfo=sh),
    ...     now=datetime(2025, 6, 9, 11, 0, tzinfo=sh),
    ...     target="4 business hours", business=True,
    ...     deadline=datetime(2025, 6, 9, 12, 0, tzinfo=sh),
    ...     remaining_us=3_600_000_000, consumed=0.75,
    ... )
    >>> html = status_html(view)
    >>> "AT RISK" in html and "(in 1 hour)" in html and "1h of business time" in html
    True
    >>> rows([("zone", escape("<Asia/Shanghai>"))])
    '<table><tr><th>zone</th><td>&lt;Asia/Shanghai&gt;</td></tr></table>'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from html import escape
from typing import Final
from zoneinfo import ZoneInfo

from ._instants import to_us
from ._text import WEEKDAY_NAMES, compact, relative, when

__all__ = [
    "CalendarView",
    "ExplanationView",
    "PolicyView",
    "StatusView",
    "badge",
    "bar",
    "calendar_html",
    "card",
    "explanation_html",
    "policy_book_html",
    "policy_html",
    "rows",
    "status_html",
]

_STYLE: Final = (
    "<style>"
    ".ccsla{font-family:var(--jp-ui-font-family,system-ui,sans-serif);font-size:13px;"
    "line-height:1.4}"
    ".ccsla table{border-collapse:collapse;margin:4px 0}"
    ".ccsla th,.ccsla td{padding:2px 8px;text-align:left;vertical-align:top;"
    "border-bottom:1px solid rgba(128,128,128,.25)}"
    ".ccsla .ccsla-badge{display:inline-block;padding:0 6px;border-radius:3px;"
    "color:#fff;font-weight:600}"
    ".ccsla .ccsla-bar{display:inline-block;width:120px;height:8px;"
    "background:rgba(128,128,128,.25);vertical-align:middle;margin-right:6px}"
    ".ccsla .ccsla-bar span{display:block;height:8px}"
    ".ccsla ol.ccsla-timeline{list-style:none;margin:4px 0;padding-left:0;"
    "border-left:2px solid rgba(128,128,128,.5)}"
    ".ccsla ol.ccsla-timeline li{padding:1px 0 1px 10px}"
    ".ccsla .ccsla-muted{opacity:.7}"
    "</style>"
)

_GREY: Final = "#616161"

# One colour per status; the text says the state too, so colour is never the only cue.
_STATE_COLOURS: Final = {
    "on track": "#2e7d32",
    "at risk": "#ef6c00",
    "breached": "#c62828",
    "met": "#2e7d32",
    "missed": "#c62828",
    "no target": _GREY,
}


# -- building blocks ----------------------------------------------------------------


def card(kind: str, body: str) -> str:
    """The stylesheet and one ``<div class="ccsla ccsla-{kind}">`` around HTML ``body``."""
    return f'{_STYLE}<div class="ccsla ccsla-{escape(kind, quote=True)}">{body}</div>'


def rows(pairs: Iterable[tuple[str, str]]) -> str:
    """A two-column table of ``(label, value)`` pairs of HTML (escape the text first)."""
    body = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in pairs)
    return f"<table>{body}</table>"


def badge(state: str, text: str) -> str:
    """``text`` on the colour of a status (``'at risk'``; grey for any other word)."""
    colour = _STATE_COLOURS.get(state, _GREY)
    return f'<span class="ccsla-badge" style="background:{colour}">{escape(text)}</span>'


def bar(share: float, colour: str) -> str:
    """A horizontal bar filled to ``share`` (clamped to 0..1) in a CSS ``colour``."""
    width = max(0.0, min(share, 1.0)) * 100
    return (
        f'<span class="ccsla-bar"><span style="width:{width:.1f}%;background:'
        f'{escape(colour, quote=True)}"></span></span>'
    )


def _muted(text: str) -> str:
    return f"<span class='ccsla-muted'>{escape(text)}</span>"


# -- status -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatusView:
    """What a status card shows; with no ``target``, the fields after it are unused.

    ``state`` is the status in words (``'at risk'``); ``target`` the target as
    read (``'4 business hours'``), or None for a plan without one; ``business``
    whether it counts business time (else wall-clock time); ``remaining_us``
    the time left on that clock, negative once overdue; ``consumed`` the share
    of the target used (0.75).
    """

    state: str
    plan: str
    severity: str
    created_at: datetime
    now: datetime
    target: str | None = None
    business: bool = False
    deadline: datetime | None = None
    responded_at: datetime | None = None
    remaining_us: int = 0
    consumed: float = 0.0


def status_html(view: StatusView) -> str:
    """A response status as a small card: state, deadline, time left, share consumed."""
    head = (
        f"{badge(view.state, view.state.upper())} <strong>{escape(view.plan)} "
        f"{escape(view.severity)}</strong>"
    )
    facts = [("created", escape(when(view.created_at))), ("now", escape(when(view.now)))]
    if view.target is None or view.deadline is None:
        head += " <span class='ccsla-muted'>no first-response target</span>"
        return card("status", head + rows(facts))
    head += f" &middot; target {escape(view.target)}"
    due = f"{when(view.deadline)} ({relative(to_us(view.deadline) - to_us(view.now))})"
    facts.append(("deadline", escape(due)))
    if view.responded_at is not None:
        facts.append(("responded", escape(when(view.responded_at))))
    clock = "business time" if view.business else "wall-clock time"
    amount = f"{compact(abs(view.remaining_us))} of {clock}"
    if view.remaining_us >= 0:
        label = "to spare" if view.responded_at is not None else "remaining"
        facts.append((label, escape(amount)))
    else:
        facts.append(("overdue", escape(amount)))
    colour = _STATE_COLOURS.get(view.state, _GREY)
    facts.append(("consumed", f"{bar(view.consumed, colour)}{view.consumed * 100:.1f}%"))
    return card("status", head + rows(facts))


# -- explanation --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExplanationView:
    """What an explanation's timeline shows.

    ``policy`` is the version's description; ``target`` the target as read, or
    None; ``hours`` the weekly hours as ``(days, windows)`` pairs and
    ``holidays`` their description, both shown for business-hour targets only
    (None otherwise; no pairs: never open); ``predates`` the date the policy
    took effect, when the ticket was created before it. The timeline: the
    clock's start and why it is later than creation, the business ``windows``
    as ``(opens, closes)``, the ``days`` of note as ``(day, kind, name)``, the
    ``dst_changes`` as ``(instant, text)``, and the deadline (None: no target).
    """

    plan: str
    severity: str
    definition: str
    policy: str
    target: str | None
    zone: ZoneInfo
    created_at: datetime
    deadline: datetime | None
    hours: tuple[tuple[str, str], ...] | None = None
    holidays: str | None = None
    predates: date | None = None
    clock_start: datetime | None = None
    start_reason: str | None = None
    windows: tuple[tuple[datetime, datetime], ...] = ()
    days: tuple[tuple[date, str, str | None], ...] = ()
    dst_changes: tuple[tuple[datetime, str], ...] = ()


def _span(opens: datetime, closes: datetime) -> str:
    if opens.date() == closes.date() and opens.utcoffset() == closes.utcoffset():
        return f"{when(opens)} to {closes:%H:%M:%S}"
    return f"{when(opens)} to {when(closes)}"


def _events(view: ExplanationView) -> list[tuple[int, int, str]]:
    """The timeline as ``(instant, rank, html)``: rank orders events that share an instant."""
    created = to_us(view.created_at)
    events = [(created, 0, f"<b>created</b> {escape(when(view.created_at))}")]
    if view.clock_start is not None:
        why = view.start_reason or "at creation"
        text = f"<b>clock starts</b> {escape(when(view.clock_start))} {_muted(why)}"
        events.append((to_us(view.clock_start), 1, text))
    total = 0
    for opens, closes in view.windows:
        start = to_us(opens)
        length = to_us(closes) - start
        total += length
        text = (
            f"&#9632; {escape(_span(opens, closes))} &middot; {escape(compact(length))} "
            f"{_muted(f'(total {compact(total)})')}"
        )
        events.append((start, 2, text))
    for day, kind, name in view.days:
        midnight = to_us(datetime.combine(day, time(0), tzinfo=view.zone))
        text = f"{day:%a %Y-%m-%d} {kind}" + (f": {name}" if name else "")
        events.append((midnight, 1, _muted(text)))
    for at, change in view.dst_changes:
        events.append((to_us(at), 3, f"&#8645; {escape(change)}"))
    if view.deadline is None:
        events.append((created, 9, "<b>deadline</b> none"))
    else:
        events.append((to_us(view.deadline), 9, f"<b>deadline</b> {escape(when(view.deadline))}"))
    return sorted(events, key=lambda event: event[:2])


def explanation_html(view: ExplanationView) -> str:
    """An explanation as its facts and a timeline, creation to deadline."""
    head = (
        f"<strong>{escape(view.plan)} {escape(view.severity)}</strong> &middot; "
        f"{escape(view.policy)}<br>{_muted(f'{view.severity}: {view.definition}')}"
    )
    target = "none: no first-response target" if view.target is None else view.target
    facts = [("target", escape(target)), ("zone", escape(view.zone.key))]
    if view.hours is not None:
        hours = ", ".join(f"{days} {windows}" for days, windows in view.hours)
        facts.append(("hours", escape(hours or "never open")))
    if view.holidays is not None:
        facts.append(("holidays", escape(view.holidays)))
    if view.predates is not None:
        note = (
            f"created before this policy took effect on {view.predates}; "
            f"the earliest version applies"
        )
        facts.append(("note", escape(note)))
    items = "".join(f"<li>{text}</li>" for _, _, text in _events(view))
    return card("explanation", f'{head}{rows(facts)}<ol class="ccsla-timeline">{items}</ol>')


# -- policies -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PolicyView:
    """One policy version's tables.

    ``title`` is its description; ``cells[i][j]`` the target of ``plans[i]`` at
    ``severities[j]`` in a few characters (``'4h business'``, ``'none'``);
    ``definitions[j]`` the definition of ``severities[j]``; ``services`` a
    ``(label, included)`` row per service, ``included[i]`` for ``plans[i]``.
    """

    title: str
    plans: tuple[str, ...]
    severities: tuple[str, ...]
    definitions: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]
    services: tuple[tuple[str, tuple[bool, ...]], ...] = ()


def _policy_tables(view: PolicyView) -> str:
    header = "".join(f"<th>{escape(plan)}</th>" for plan in view.plans)
    body = []
    for column, severity in enumerate(view.severities):
        cells = "".join(f"<td>{escape(row[column])}</td>" for row in view.cells)
        title = escape(view.definitions[column], quote=True)
        body.append(f'<tr><th title="{title}">{escape(severity)}</th>{cells}</tr>')
    response = (
        f"<table><tr><th>first response</th>{header}</tr>{''.join(body)}</table>"
        "<div class='ccsla-muted'>business: business hours of the ticket's calendar "
        "(Mon-Fri 09:00-18:00 local time unless configured); 24x7: elapsed wall-clock "
        "time</div>"
    )
    definitions = "".join(
        f"<tr><th>{escape(severity)}</th><td>{escape(definition)}</td></tr>"
        for severity, definition in zip(view.severities, view.definitions, strict=True)
    )
    details = (
        f"<details><summary>severities</summary><table>{definitions}</table></details>"
        if definitions
        else ""
    )
    services = "".join(
        f"<tr><th>{escape(label)}</th>"
        + "".join(f"<td>{'yes' if mark else ''}</td>" for mark in included)
        + "</tr>"
        for label, included in view.services
    )
    if services:
        details += (
            f"<details><summary>entitlements</summary><table><tr><th>service</th>{header}</tr>"
            f"{services}</table></details>"
        )
    return response + details


def policy_html(view: PolicyView) -> str:
    """A policy version as its response table (plans as columns).

    Examples:
        >>> view = PolicyView("Gold & co", ("Gold",), ("S1",), ("Down.",), (("30m 24x7",),))
        >>> html = policy_html(view)
        >>> "Gold &amp; co" in html and "<th>Gold</th>" in html and "<td>30m 24x7</td>" in html
        True
    """
    return card("policy", f"<strong>{escape(view.title)}</strong>{_policy_tables(view)}")


def policy_book_html(versions: Sequence[PolicyView]) -> str:
    """A book of policy versions, oldest first: shown newest first, the latest one open."""
    parts = [f"<strong>Policy book of {len(versions)} versions</strong>"]
    for number, version in enumerate(reversed(versions)):
        latest = number == 0
        summary = escape(version.title) + (" (latest)" if latest else "")
        parts.append(
            f"<details{' open' if latest else ''}><summary>{summary}</summary>"
            f"{_policy_tables(version)}</details>"
        )
    return card("policy-book", "".join(parts))


# -- calendars ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CalendarView:
    """A business calendar: its zone's name, and its week and holidays.

    ``days`` holds seven ``(windows, open_us)`` pairs, Monday first: the
    windows as text (``'09:00-12:00'``) and the time they are open; ``week_us``
    the time open in a week; ``makeup`` the windows of a make-up workday and
    the weekday (0 is Monday) whose hours they are, or None when the calendar
    has no holidays; ``strict`` whether missing official holiday data raises;
    ``overrides`` the dates whose hours are replaced, each with its windows as
    text (``'09:00-13:00'``, ``'closed'``), in date order.
    """

    zone: str
    days: tuple[tuple[tuple[str, ...], int], ...]
    week_us: int
    holidays: str
    makeup: tuple[tuple[str, ...], int] | None = None
    strict: bool = False
    overrides: tuple[tuple[date, str], ...] = ()


def calendar_html(view: CalendarView) -> str:
    """A business calendar: zone, weekly hours, holidays.

    Examples:
        >>> week = ((("09:00-12:00", "13:00-18:00"), 8 * 3_600_000_000),) * 5 + (((), 0),) * 2
        >>> html = calendar_html(CalendarView("Asia/Shanghai", week, 40 * 3_600_000_000, "none"))
        >>> "<th>Mon</th><td>09:00-12:00, 13:00-18:00</td>" in html and "40h a week" in html
        True
    """
    week = []
    for name, (windows, open_us) in zip(WEEKDAY_NAMES, view.days, strict=True):
        text = ", ".join(windows) if windows else "closed"
        amount = compact(open_us) if open_us else ""
        week.append(
            f"<tr><th>{name}</th><td>{escape(text)}</td>"
            f"<td class='ccsla-muted'>{escape(amount)}</td></tr>"
        )
    facts = [("holidays", escape(view.holidays))]
    if view.makeup is not None:
        windows, weekday = view.makeup
        hours = ", ".join(windows) or "closed"
        text = f"open {hours} (the hours of {WEEKDAY_NAMES[weekday]})"
        facts.append(("make-up workdays", escape(text)))
    if view.overrides:
        listed = "; ".join(
            f"{WEEKDAY_NAMES[day.weekday()]} {day.isoformat()}: {hours}"
            for day, hours in view.overrides
        )
        facts.append(("date-specific hours", escape(listed)))
    if view.strict:
        facts.append(("strict", "raises when holiday data is not official"))
    head = (
        f"<strong>BusinessCalendar</strong> {escape(view.zone)} "
        f"{_muted(f'{compact(view.week_us)} a week, local wall-clock windows [opens, closes)')}"
    )
    return card("calendar", f"{head}<table>{''.join(week)}</table>{rows(facts)}")
