"""Notebook display: ``_repr_html_`` of statuses, explanations, policies and calendars.

Jupyter calls ``_repr_html_``; these tests call it (and ``__repr__``) directly.
The HTML must be well formed and escape every value; the plain-text repr must
carry the important values in a form that reads back.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

import connected_care_sla as sla
from connected_care_sla import (
    BusinessCalendar,
    Clock,
    Policy,
    PolicyBook,
    ResponseTarget,
    Status,
    WeeklyHours,
    connected_care_policy,
)
from connected_care_sla._text import relative, rounded_words
from connected_care_sla.display import CalendarView, calendar_html
from connected_care_sla.policy import parse_duration
from connected_care_sla.policy.targets import target_text

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
FRIDAY_17 = datetime(2025, 6, 6, 17, 0, tzinfo=SH)
_VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr"}


class _Checker(HTMLParser):
    """Collects text and checks that every non-void tag is closed, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack.pop() == tag, f"</{tag}> closes the wrong element"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(markup: str) -> str:
    """Assert ``markup`` is balanced; return its visible text (styles removed)."""
    assert isinstance(markup, str)
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert checker.stack == [], f"unclosed: {checker.stack}"
    body = re.sub(r"<style>.*?</style>", "", markup, flags=re.S)
    visible = _Checker()
    visible.feed(body)
    return " ".join(" ".join(visible.text).split())


def status_at(now: datetime, **kwargs: object) -> sla.ResponseStatus:
    return sla.response_status(
        "developer",
        "S1",
        FRIDAY_17,
        "Asia/Shanghai",
        now=now,
        **kwargs,  # type: ignore[arg-type]
    )


# -- statuses --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "responded", "state", "words"),
    [
        (datetime(2025, 6, 9, 9, 0, tzinfo=SH), None, Status.ON_TRACK, "3h of business time"),
        (datetime(2025, 6, 9, 11, 0, tzinfo=SH), None, Status.AT_RISK, "in 1 hour"),
        (datetime(2025, 6, 9, 14, 0, tzinfo=SH), None, Status.BREACHED, "overdue 2h"),
        (
            datetime(2025, 6, 9, 14, 0, tzinfo=SH),
            datetime(2025, 6, 9, 10, 0, tzinfo=SH),
            Status.MET,
            "to spare 2h",
        ),
        (
            datetime(2025, 6, 9, 14, 0, tzinfo=SH),
            datetime(2025, 6, 9, 13, 0, tzinfo=SH),
            Status.MISSED,
            "overdue 1h",
        ),
    ],
)
def test_status_html_shows_state_deadline_and_time_left(
    now: datetime, responded: datetime | None, state: Status, words: str
) -> None:
    status = status_at(now, responded_at=responded)
    assert status.state is state
    text = check_html(status._repr_html_())
    assert state.value.upper() in text
    assert "Developer S1" in text
    assert "Mon 2025-06-09 12:00:00 +08:00" in text
    assert words in text


def test_status_html_without_target() -> None:
    status = sla.response_status("basic", "S1", FRIDAY_17, "Asia/Shanghai", now=FRIDAY_17)
    text = check_html(status._repr_html_())
    assert "NO TARGET" in text
    assert "no first-response target" in text


def test_status_repr_round_trips_the_important_values() -> None:
    status = status_at(datetime(2025, 6, 9, 11, 0, tzinfo=SH))
    text = repr(status)
    assert text.startswith("ResponseStatus(Status.AT_RISK, Developer S1, ")
    deadline = re.search(r"deadline=(\S+?),", text)
    remaining = re.search(r"remaining=(\S+?),", text)
    assert deadline is not None
    assert remaining is not None
    assert datetime.fromisoformat(deadline[1]) == status.deadline
    assert parse_duration(remaining[1]) == status.remaining


# -- explanations ---------------------------------------------------------------------------


def _items(markup: str) -> list[str]:
    timeline = re.search(r'<ol class="ccsla-timeline">(.*?)</ol>', markup, flags=re.S)
    assert timeline is not None
    return [check_html(item) for item in re.findall(r"<li>(.*?)</li>", timeline[1], flags=re.S)]


def test_explanation_html_is_a_timeline_in_order() -> None:
    explanation = sla.explanation("developer", "S4", FRIDAY_17, "Asia/Shanghai")
    markup = explanation._repr_html_()
    check_html(markup)
    items = _items(markup)
    assert items[0] == "created Fri 2025-06-06 17:00:00 +08:00"
    assert items[1].startswith("clock starts Fri 2025-06-06 17:00:00 +08:00 at creation")
    assert items[2].startswith("■ Fri 2025-06-06 17:00:00 +08:00 to 18:00:00 · 1h")
    assert items[3] == "Sat 2025-06-07 rest day"
    assert items[4] == "Sun 2025-06-08 rest day"
    assert items[-2].startswith("■ Wed 2025-06-11 09:00:00 +08:00 to 14:00:00 · 5h (total 24h)")
    assert items[-1] == "deadline Wed 2025-06-11 14:00:00 +08:00"


def test_explanation_html_shows_holidays_reasons_and_dst() -> None:
    cn = BusinessCalendar("Asia/Shanghai", holidays="CN")
    created = datetime(2025, 9, 30, 18, 30, tzinfo=SH)
    items = _items(sla.explanation("developer", "S1", created, cn)._repr_html_())
    start = next(i for i, item in enumerate(items) if item.startswith("clock starts"))
    assert "Thu 2025-10-09 09:00:00 +08:00" in items[start]
    assert "outside the day's business hours" in items[start]
    # Chronological: the holidays passed over come between creation and the clock's start.
    assert items.index("Wed 2025-10-01 holiday: National Day") < start

    created = datetime(2025, 3, 9, 1, 30, tzinfo=NY)
    markup = sla.explanation("enterprise", "S1", created, "America/New_York")._repr_html_()
    items = _items(markup)
    assert items[-2].startswith("⇅ Sun 2025-03-09 03:00:00 -04:00 UTC offset -05:00 -> -04:00")
    assert items[-1] == "deadline Sun 2025-03-09 03:30:00 -04:00"


def test_explanation_html_without_target() -> None:
    markup = sla.explanation("basic", "S3", FRIDAY_17, "Asia/Shanghai")._repr_html_()
    text = check_html(markup)
    assert "none: no first-response target" in text
    assert _items(markup)[-1] == "deadline none"


def test_explanation_repr_round_trips_the_deadline() -> None:
    explanation = sla.explanation("developer", "S4", FRIDAY_17, "Asia/Shanghai")
    found = re.search(r"deadline=(\S+?)\)", repr(explanation))
    assert found is not None
    assert datetime.fromisoformat(found[1]) == explanation.deadline


# -- policies --------------------------------------------------------------------


def test_policy_html_is_the_response_table_with_plans_as_columns() -> None:
    markup = connected_care_policy()._repr_html_()
    check_html(markup)
    header = re.search(r"<tr><th>first response</th>(.*?)</tr>", markup)
    assert header is not None
    assert re.findall(r"<th>(.*?)</th>", header[1]) == [
        "Basic",
        "Developer",
        "Enterprise",
        "Premium",
    ]
    row = re.search(r'<th title="[^"]*">S1</th>(.*?)</tr>', markup)
    assert row is not None
    assert re.findall(r"<td>(.*?)</td>", row[1]) == ["none", "4h business", "1h 24x7", "30m 24x7"]
    assert "Technical account manager" in markup


def test_policy_html_escapes_every_value() -> None:
    policy = Policy.from_mapping(
        {
            "name": "<script>alert('x')</script>",
            "severities": {"P&1": 'Down "hard" <now>'},
            "first_response": {"<b>Gold</b>": {"P&1": "15m wall"}},
            "entitlements": {"<b>Gold</b>": ["pager"]},
            "services": {"pager": "Pager <24x7> & more"},
        }
    )
    markup = policy._repr_html_()
    check_html(markup)
    assert "<script>" not in markup
    assert "<b>Gold</b>" not in markup
    assert "&lt;b&gt;Gold&lt;/b&gt;" in markup
    assert "P&amp;1" in markup
    assert 'title="Down &quot;hard&quot; &lt;now&gt;"' in markup
    assert "Pager &lt;24x7&gt; &amp; more" in markup


def test_policy_book_html_lists_versions_latest_open() -> None:
    newer = Policy.from_mapping(
        {
            "name": "Faster",
            "effective_from": date(2026, 1, 1),
            "severities": {"S1": "Down."},
            "first_response": {"Gold": {"S1": "15m wall"}},
        }
    )
    book = PolicyBook([connected_care_policy(), newer])
    markup = book._repr_html_()
    check_html(markup)
    assert "<details open><summary>Faster (effective 2026-01-01) (latest)</summary>" in markup
    assert "<details><summary>Connected Care (effective 2025-02-17)</summary>" in markup
    assert markup.index("Faster") < markup.index("Connected Care")


def test_policy_repr_round_trips_name_date_and_keys() -> None:
    policy = connected_care_policy()
    text = repr(policy)
    assert text.startswith("Policy('Connected Care', effective_from=datetime.date(2025, 2, 17), ")
    assert "plans=['Basic', 'Developer', 'Enterprise', 'Premium']" in text
    assert "severities=['S1', 'S2', 'S3', 'S4']" in text


def test_response_target_repr_evaluates_back() -> None:
    for target in (ResponseTarget("30m", "wall"), ResponseTarget("24h", "business")):
        assert eval(repr(target), {"ResponseTarget": ResponseTarget, "Clock": Clock}) == target


# -- calendars -------------------------------------------------------------------


def test_calendar_html_shows_zone_week_and_holidays() -> None:
    cal = BusinessCalendar("Asia/Shanghai", {"Mon-Fri": "09:00-12:00, 13:00-18:00"}, "CN")
    markup = cal._repr_html_()
    text = check_html(markup)
    assert "BusinessCalendar Asia/Shanghai 40h a week" in text
    assert "Mon 09:00-12:00, 13:00-18:00 8h" in text
    assert "Sat closed" in text
    assert "holidays CN" in text
    assert "make-up workdays open 09:00-12:00, 13:00-18:00 (the hours of Mon)" in text


def test_calendar_html_of_a_plain_and_a_strict_calendar() -> None:
    text = check_html(BusinessCalendar("UTC", {"Mon-Sun": "00:00-24:00"})._repr_html_())
    assert "168h a week" in text
    assert "holidays none" in text
    assert "make-up" not in text
    strict = check_html(BusinessCalendar("Asia/Shanghai", None, "CN", strict=True)._repr_html_())
    assert "strict" in strict


def test_calendar_html_is_the_notebook_display() -> None:
    # The calendar hands its plain values to the renderer (display.py imports nothing above it).
    cal = BusinessCalendar("Asia/Shanghai")
    hour = 3_600_000_000
    view = CalendarView(
        zone="Asia/Shanghai",
        days=((("09:00-18:00",), 9 * hour),) * 5 + (((), 0),) * 2,
        week_us=45 * hour,
        holidays="none",
    )
    assert cal._repr_html_() == calendar_html(view)


def test_calendar_repr_evaluates_back_for_default_hours() -> None:
    for cal in (BusinessCalendar("Asia/Shanghai"), BusinessCalendar("Asia/Shanghai", None, "CN")):
        names = {"BusinessCalendar": BusinessCalendar, "WeeklyHours": WeeklyHours}
        assert eval(repr(cal), names) == cal


# -- words -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (timedelta(0), "0 seconds"),
        (timedelta(seconds=1), "1 second"),
        (timedelta(minutes=1, seconds=59), "1 minute"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(days=2, hours=19), "2 days 19 hours"),
        (timedelta(days=400, minutes=5), "400 days 5 minutes"),
    ],
)
def test_in_words(amount: timedelta, expected: str) -> None:
    us = amount // timedelta(microseconds=1)
    assert rounded_words(us) == expected
    assert rounded_words(-us) == expected
    assert relative(us) == ("now" if us == 0 else f"in {expected}")
    if us:
        assert relative(-us) == f"{expected} ago"


def test_target_text() -> None:
    policy = connected_care_policy()
    assert target_text(policy.target("developer", "S3")) == "12h business"
    assert target_text(policy.target("premium", "S2")) == "1h 24x7"
    assert target_text(policy.target("basic", "S2")) == "none"
