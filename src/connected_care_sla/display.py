"""Rich display: compact HTML for notebooks, and durations in words.

Jupyter shows an object through its ``_repr_html_`` method when it has one.
The value types delegate to the functions here, so all HTML lives in one
place: :func:`status_html` (a :class:`ResponseStatus`), :func:`explanation_html`
(an :class:`Explanation`, drawn as a timeline), :func:`policy_html` and
:func:`policy_book_html` (the response table and entitlements), and
:func:`calendar_html` (a :class:`BusinessCalendar`). Every value that reaches
the HTML goes through :func:`html.escape`. Nothing here reads the clock:
"in 2 hours" is always relative to an instant the value carries.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> import connected_care_sla as sla
>>> created = datetime(2025, 6, 6, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
>>> now = datetime(2025, 6, 9, 11, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
>>> status = sla.response_status("developer", "S1", created, "Asia/Shanghai", now=now)
>>> "AT RISK" in status._repr_html_()
True
>>> in_words(3 * 3_600_000_000 + 5 * 60_000_000)
'3 hours 5 minutes'
>>> relative(-90 * 60_000_000)
'1 hour 30 minutes ago'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from html import escape
from typing import TYPE_CHECKING, Final

from ._instants import duration_us, to_us
from ._text import WEEKDAY_NAMES
from .policy import Clock, Policy, PolicyBook, ResponseTarget, format_duration

if TYPE_CHECKING:
    from .calendar import BusinessCalendar, BusinessWindow
    from .deadlines import Explanation, ResponseStatus

__all__ = [
    "calendar_html",
    "explanation_html",
    "in_words",
    "policy_book_html",
    "policy_html",
    "relative",
    "status_html",
    "target_text",
]

_US_PER_SECOND: Final = 1_000_000
_US_PER_MINUTE: Final = 60 * _US_PER_SECOND
_US_PER_HOUR: Final = 60 * _US_PER_MINUTE
_US_PER_DAY: Final = 24 * _US_PER_HOUR

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

# One colour per status; the text says the state too, so colour is never the only cue.
_STATE_COLOURS: Final = {
    "ON_TRACK": "#2e7d32",
    "AT_RISK": "#ef6c00",
    "BREACHED": "#c62828",
    "MET": "#2e7d32",
    "MISSED": "#c62828",
    "NO_TARGET": "#616161",
}


# -- words ------------------------------------------------------------------------


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


def in_words(us: int) -> str:
    """An amount of real time in words, to the minute: ``'2 days 19 hours'``.

    Days (of 24 hours), hours and minutes, rounded down; seconds only when
    the amount is under a minute. The sign is ignored: see :func:`relative`.
    This is for reading, not arithmetic; the ISO 8601 instants are exact.

    >>> in_words(0), in_words(59_999_999), in_words(2 * 86_400_000_000 + 60_000_000)
    ('0 seconds', '59 seconds', '2 days 1 minute')
    """
    amount = abs(us)
    days, rest = divmod(amount, _US_PER_DAY)
    hours, rest = divmod(rest, _US_PER_HOUR)
    minutes, rest = divmod(rest, _US_PER_MINUTE)
    parts = []
    if days:
        parts.append(_plural(days, "day"))
    if hours:
        parts.append(_plural(hours, "hour"))
    if minutes:
        parts.append(_plural(minutes, "minute"))
    if not parts:
        parts.append(_plural(rest // _US_PER_SECOND, "second"))
    return " ".join(parts)


def relative(us: int) -> str:
    """``'in 2 hours'`` for a future instant ``us`` ahead, ``'2 hours ago'`` for a past one.

    >>> relative(7_200_000_000), relative(0)
    ('in 2 hours', 'now')
    """
    if us == 0:
        return "now"
    return f"in {in_words(us)}" if us > 0 else f"{in_words(us)} ago"


def target_text(target: ResponseTarget | None) -> str:
    """A response-table cell in a few characters: ``'4h business'``, ``'30m 24x7'``, ``'none'``.

    >>> target_text(ResponseTarget("30m", "wall")), target_text(None)
    ('30m 24x7', 'none')
    """
    if target is None:
        return "none"
    clock = "24x7" if target.clock is Clock.WALL else "business"
    return f"{format_duration(target.duration)} {clock}"


def _when(moment: datetime) -> str:
    """``'Fri 2025-06-06 17:00:00 +08:00'``, the same form as the plain-text explanation."""
    from .deadlines import _when as when

    return when(moment)


def _between(later: datetime, earlier: datetime) -> int:
    return to_us(later) - to_us(earlier)


# -- building blocks ----------------------------------------------------------------


def _rows(pairs: Iterable[tuple[str, str]]) -> str:
    """A two-column table of already escaped ``(label, value)`` pairs."""
    body = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in pairs)
    return f"<table>{body}</table>"


def _badge(name: str, text: str) -> str:
    colour = _STATE_COLOURS.get(name, "#616161")
    return f'<span class="ccsla-badge" style="background:{colour}">{escape(text)}</span>'


def _bar(share: float, colour: str) -> str:
    width = max(0.0, min(share, 1.0)) * 100
    return (
        f'<span class="ccsla-bar"><span style="width:{width:.1f}%;background:{colour}">'
        f"</span></span>"
    )


def _clock_words(target: ResponseTarget) -> str:
    return "wall-clock time" if target.clock is Clock.WALL else "business time"


# -- status -------------------------------------------------------------------------


def status_html(status: ResponseStatus) -> str:
    """A :class:`~connected_care_sla.ResponseStatus` as a small card."""
    state = status.state
    head = (
        f"{_badge(state.name, state.value.upper())} <strong>{escape(status.plan)} "
        f"{escape(status.severity)}</strong>"
    )
    rows = [
        ("created", escape(_when(status.created_at))),
        ("now", escape(_when(status.now))),
    ]
    if status.target is None or status.deadline is None:
        head += " <span class='ccsla-muted'>no first-response target</span>"
        return f'{_STYLE}<div class="ccsla ccsla-status">{head}{_rows(rows)}</div>'
    target = status.target
    head += f" &middot; target {escape(str(target))}"
    deadline = f"{_when(status.deadline)} ({relative(_between(status.deadline, status.now))})"
    rows.append(("deadline", escape(deadline)))
    if status.responded_at is not None:
        rows.append(("responded", escape(_when(status.responded_at))))
    assert status.remaining is not None
    assert status.fraction_consumed is not None
    remaining_us = duration_us(status.remaining)
    amount = format_duration(abs(status.remaining))
    if remaining_us >= 0:
        label = "to spare" if status.responded_at is not None else "remaining"
        rows.append((label, escape(f"{amount} of {_clock_words(target)}")))
    else:
        rows.append(("overdue", escape(f"{amount} of {_clock_words(target)}")))
    share = float(status.fraction_consumed)
    colour = _STATE_COLOURS.get(state.name, "#616161")
    rows.append(("consumed", f"{_bar(share, colour)}{share * 100:.1f}%"))
    return f'{_STYLE}<div class="ccsla ccsla-status">{head}{_rows(rows)}</div>'


# -- explanation --------------------------------------------------------------------


def _span(window: BusinessWindow) -> str:
    opens, closes = window.opens, window.closes
    if opens.date() == closes.date() and opens.utcoffset() == closes.utcoffset():
        return f"{_when(opens)} to {closes:%H:%M:%S}"
    return f"{_when(opens)} to {_when(closes)}"


def explanation_html(explanation: Explanation) -> str:
    """An :class:`~connected_care_sla.Explanation` as a timeline, creation to deadline."""
    expl = explanation
    target = expl.target
    head = (
        f"<strong>{escape(expl.plan)} {escape(expl.severity)}</strong> &middot; "
        f"{escape(expl.policy.describe())}<br>"
        f"<span class='ccsla-muted'>{escape(expl.severity)}: {escape(expl.definition)}</span>"
    )
    facts = [
        ("target", escape("none: no first-response target" if target is None else str(target)))
    ]
    facts.append(("zone", escape(expl.calendar.zone.key)))
    if target is not None and target.clock is Clock.BUSINESS:
        hours = ", ".join(f"{k} {v}" for k, v in expl.calendar.hours.to_mapping().items())
        facts.append(("hours", escape(hours or "never open")))
        facts.append(("holidays", escape(expl.calendar.holidays.describe())))
    if expl.predates_policy:
        facts.append(
            (
                "note",
                escape(
                    f"created before this policy took effect on {expl.policy.effective_from}; "
                    f"the earliest version applies"
                ),
            )
        )

    # (instant, rank, html): rank orders events that share an instant.
    events: list[tuple[int, int, str]] = []
    created = to_us(expl.created_at)
    events.append((created, 0, f"<b>created</b> {escape(_when(expl.created_at))}"))
    if expl.clock_start is not None:
        why = expl.start_reason or "at creation"
        events.append(
            (
                to_us(expl.clock_start),
                1,
                f"<b>clock starts</b> {escape(_when(expl.clock_start))} "
                f"<span class='ccsla-muted'>{escape(why)}</span>",
            )
        )
    total = timedelta(0)
    for window in expl.windows:
        total += window.duration
        events.append(
            (
                to_us(window.opens),
                2,
                f"&#9632; {escape(_span(window))} &middot; "
                f"{escape(format_duration(window.duration))} "
                f"<span class='ccsla-muted'>(total {escape(format_duration(total))})</span>",
            )
        )
    zone = expl.calendar.zone
    for day in expl.days:
        midnight = to_us(datetime.combine(day.day, time(0), tzinfo=zone))
        text = f"{day.day:%a %Y-%m-%d} {day.kind}"
        if day.name:
            text += f": {day.name}"
        events.append((midnight, 1, f"<span class='ccsla-muted'>{escape(text)}</span>"))
    for change in expl.dst_changes:
        events.append((to_us(change.at), 3, f"&#8645; {escape(str(change))}"))
    if expl.deadline is None:
        events.append((created, 9, "<b>deadline</b> none"))
    else:
        events.append((to_us(expl.deadline), 9, f"<b>deadline</b> {escape(_when(expl.deadline))}"))
    items = "".join(f"<li>{text}</li>" for _, _, text in sorted(events, key=lambda e: e[:2]))
    return (
        f'{_STYLE}<div class="ccsla ccsla-explanation">{head}{_rows(facts)}'
        f'<ol class="ccsla-timeline">{items}</ol></div>'
    )


# -- policies -----------------------------------------------------------------------


def _policy_tables(policy: Policy) -> str:
    plans = policy.plans
    header = "".join(f"<th>{escape(p)}</th>" for p in plans)
    body = []
    for column, severity in enumerate(policy.severities):
        cells = "".join(
            f"<td>{escape(target_text(policy.response_table[row][column]))}</td>"
            for row in range(len(plans))
        )
        title = escape(policy.definitions[column], quote=True)
        body.append(f'<tr><th title="{title}">{escape(severity)}</th>{cells}</tr>')
    response = (
        f"<table><tr><th>first response</th>{header}</tr>{''.join(body)}</table>"
        "<div class='ccsla-muted'>business: business hours of the ticket's calendar "
        "(Mon-Fri 09:00-18:00 local time unless configured); 24x7: elapsed wall-clock "
        "time</div>"
    )
    rows = []
    for key, label in policy.services:
        marks = "".join(
            f"<td>{'yes' if key in policy.entitlement_table[row] else ''}</td>"
            for row in range(len(plans))
        )
        rows.append(f"<tr><th>{escape(label)}</th>{marks}</tr>")
    definitions = "".join(
        f"<tr><th>{escape(s)}</th><td>{escape(d)}</td></tr>"
        for s, d in zip(policy.severities, policy.definitions, strict=True)
    )
    details = (
        f"<details><summary>severities</summary><table>{definitions}</table></details>"
        if definitions
        else ""
    )
    if rows:
        details += (
            f"<details><summary>entitlements</summary><table><tr><th>service</th>{header}</tr>"
            f"{''.join(rows)}</table></details>"
        )
    return response + details


def policy_html(policy: Policy) -> str:
    """A :class:`~connected_care_sla.Policy` as its response table (plans as columns).

    >>> from connected_care_sla import connected_care_policy
    >>> html = policy_html(connected_care_policy())
    >>> "<th>Premium</th>" in html and "30m 24x7" in html
    True
    """
    head = f"<strong>{escape(policy.describe())}</strong>"
    return f'{_STYLE}<div class="ccsla ccsla-policy">{head}{_policy_tables(policy)}</div>'


def policy_book_html(book: PolicyBook) -> str:
    """A :class:`~connected_care_sla.PolicyBook`: its versions, the latest one open."""
    parts = [f"<strong>Policy book of {len(book.versions)} versions</strong>"]
    for version in reversed(book.versions):
        is_latest = version is book.latest
        summary = escape(version.describe()) + (" (latest)" if is_latest else "")
        parts.append(
            f"<details{' open' if is_latest else ''}><summary>{summary}</summary>"
            f"{_policy_tables(version)}</details>"
        )
    return f'{_STYLE}<div class="ccsla ccsla-policy-book">{"".join(parts)}</div>'


# -- calendars ----------------------------------------------------------------------


def calendar_html(cal: BusinessCalendar) -> str:
    """A :class:`~connected_care_sla.BusinessCalendar`: zone, weekly hours, holidays.

    >>> from connected_care_sla import BusinessCalendar
    >>> split = {"Mon-Fri": "09:00-12:00, 13:00-18:00"}
    >>> html = calendar_html(BusinessCalendar("Asia/Shanghai", split))
    >>> "09:00-12:00, 13:00-18:00" in html and "Asia/Shanghai" in html
    True
    """
    rows = []
    for index, windows in enumerate(cal.hours.days):
        text = ", ".join(str(w) for w in windows) if windows else "closed"
        length = sum(w.length_us for w in windows)
        amount = format_duration(timedelta(microseconds=length)) if length else ""
        rows.append(
            f"<tr><th>{WEEKDAY_NAMES[index]}</th><td>{escape(text)}</td>"
            f"<td class='ccsla-muted'>{escape(amount)}</td></tr>"
        )
    week = format_duration(timedelta(microseconds=cal.hours.week_us))
    holidays = cal.holidays.describe()
    facts = [("holidays", escape(holidays))]
    if not cal.holidays.empty:
        makeup = ", ".join(str(w) for w in cal.hours.makeup_windows) or "closed"
        facts.append(
            (
                "make-up workdays",
                escape(f"open {makeup} (the hours of {WEEKDAY_NAMES[cal.hours.makeup_day]})"),
            )
        )
    if cal.strict:
        facts.append(("strict", "raises when holiday data is not official"))
    head = (
        f"<strong>BusinessCalendar</strong> {escape(cal.zone.key)} "
        f"<span class='ccsla-muted'>{escape(week)} a week, local wall-clock windows "
        f"[opens, closes)</span>"
    )
    return (
        f'{_STYLE}<div class="ccsla ccsla-calendar">{head}<table>{"".join(rows)}</table>'
        f"{_rows(facts)}</div>"
    )
