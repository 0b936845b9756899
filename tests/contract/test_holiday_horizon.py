"""Holiday data has a horizon: warn beyond it, or with ``strict`` refuse.

A country's holiday data is official for the ``holidays`` package's year range,
cut at the last year with a decreed weekend-workday swap (China publishes its
make-up workdays one year at a time: 2026 in the data installed), and not for
years the package itself warns about (India after 2035). A computation that
reaches such a year warns with ``HolidayHorizonWarning``; a strict calendar
raises ``HolidayHorizonError``. Both ways, through the calendar, the deadline
functions and the command line (``--strict-holidays``). Within the official
years nothing warns: ``filterwarnings = ["error"]`` would fail these tests.
"""

from __future__ import annotations

import contextlib
import io
import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import connected_care_sla as sla
from connected_care_sla.cli import arguments
from connected_care_sla.cli.main import main
from connected_care_sla.exceptions import HolidayHorizonError, HolidayHorizonWarning

SH = ZoneInfo("Asia/Shanghai")
KOLKATA = ZoneInfo("Asia/Kolkata")
NEW_YORK = ZoneInfo("America/New_York")
FOUR_HOURS = timedelta(hours=4)
LAST_CN_YEAR = 2026  # the last year of decreed make-up workdays in the installed data


def china(*, strict: bool = False) -> sla.BusinessCalendar:
    return sla.BusinessCalendar("Asia/Shanghai", holidays="CN", strict=strict)


# -- the calendar -----------------------------------------------------------------------------


def test_the_last_official_year_of_china_has_make_up_workdays() -> None:
    cal = china()
    days = [date(LAST_CN_YEAR, 1, 1) + timedelta(days=k) for k in range(365)]
    assert any(cal.is_makeup_workday(day) for day in days)


def test_within_the_official_years_nothing_warns() -> None:
    for cal in (china(), china(strict=True)):
        created = datetime(LAST_CN_YEAR, 9, 30, 16, 0, tzinfo=SH)
        assert cal.add(created, FOUR_HOURS) == datetime(2026, 10, 8, 11, 0, tzinfo=SH)
        assert cal.elapsed(datetime(2000, 1, 1, tzinfo=SH), created) > timedelta(0)


def test_a_year_beyond_the_decrees_warns() -> None:
    created = datetime(2030, 6, 3, 9, 0, tzinfo=SH)
    with pytest.warns(HolidayHorizonWarning) as caught:
        assert china().add(created, FOUR_HOURS) == datetime(2030, 6, 3, 13, 0, tzinfo=SH)
    message = str(caught[0].message)
    assert "holiday data for 2030 is not official for: CN" in message
    assert f"to {LAST_CN_YEAR})" in message


def test_a_strict_calendar_refuses_a_year_beyond_the_decrees() -> None:
    created = datetime(2030, 6, 3, 9, 0, tzinfo=SH)
    with pytest.raises(HolidayHorizonError, match=r"2030 .* CN .*\(the calendar is strict\)"):
        china(strict=True).add(created, FOUR_HOURS)
    assert issubclass(HolidayHorizonError, ValueError)


def test_a_deadline_that_runs_into_the_next_year_warns_or_is_refused() -> None:
    # Created in the last official year, due in the first one beyond it.
    created = datetime(LAST_CN_YEAR, 12, 31, 17, 0, tzinfo=SH)
    with pytest.warns(HolidayHorizonWarning, match="holiday data for 2027"):
        china().add(created, FOUR_HOURS)
    with pytest.raises(HolidayHorizonError, match="holiday data for 2027"):
        china(strict=True).add(created, FOUR_HOURS)


@pytest.mark.parametrize(
    "query",
    [
        lambda cal, t: cal.elapsed(t, t + timedelta(days=3)),
        lambda cal, t: cal.is_open(t),
        lambda cal, t: cal.next_open(t),
        lambda cal, t: cal.windows(t, t + timedelta(days=1)),
        lambda cal, t: cal.holiday_name(t.date()),
        lambda cal, t: cal.is_makeup_workday(t.date()),
    ],
    ids=["elapsed", "is_open", "next_open", "windows", "holiday_name", "is_makeup_workday"],
)
def test_every_calendar_question_about_such_a_year_is_refused_when_strict(query: object) -> None:
    assert callable(query)
    moment = datetime(2031, 3, 4, 10, 0, tzinfo=SH)
    with pytest.raises(HolidayHorizonError):
        query(china(strict=True), moment)
    with pytest.warns(HolidayHorizonWarning):
        query(china(), moment)


def test_a_year_before_the_data_begins() -> None:
    created = datetime(1949, 6, 6, 9, 0, tzinfo=SH)
    with pytest.warns(HolidayHorizonWarning, match="holiday data for 1949"):
        china().add(created, FOUR_HOURS)
    with pytest.raises(HolidayHorizonError, match="holiday data for 1949"):
        china(strict=True).add(created, FOUR_HOURS)


def test_the_packages_own_warning_india_after_2035() -> None:
    warned = sla.BusinessCalendar("Asia/Kolkata", holidays="IN")
    strict = sla.BusinessCalendar("Asia/Kolkata", holidays="IN", strict=True)
    inside = datetime(2035, 6, 4, 17, 0, tzinfo=KOLKATA)
    assert strict.add(inside, FOUR_HOURS) == datetime(2035, 6, 5, 12, 0, tzinfo=KOLKATA)
    beyond = datetime(2036, 6, 4, 17, 0, tzinfo=KOLKATA)
    with pytest.warns(HolidayHorizonWarning, match=r"holiday data for 2036 .* IN"):
        warned.add(beyond, FOUR_HOURS)
    with pytest.raises(HolidayHorizonError, match=r"holiday data for 2036 .* IN"):
        strict.add(beyond, FOUR_HOURS)


def test_the_package_year_range_united_states() -> None:
    strict = sla.BusinessCalendar("America/New_York", holidays="US", strict=True)
    strict.add(datetime(2090, 6, 5, 9, 0, tzinfo=NEW_YORK), FOUR_HOURS)
    with pytest.raises(HolidayHorizonError, match="official data covers 1777 to 2100"):
        strict.add(datetime(2101, 6, 6, 9, 0, tzinfo=NEW_YORK), FOUR_HOURS)


def test_explicit_dates_have_no_horizon() -> None:
    cal = sla.BusinessCalendar("Asia/Shanghai", holidays=[date(2040, 6, 4)], strict=True)
    created = datetime(2040, 6, 1, 17, 0, tzinfo=SH)  # a Friday; Monday the 4th is closed
    assert cal.add(created, FOUR_HOURS) == datetime(2040, 6, 5, 12, 0, tzinfo=SH)


def test_strict_is_part_of_the_calendars_value() -> None:
    assert china(strict=True) != china()
    assert "strict=True" in repr(china(strict=True))


# -- the deadline functions ---------------------------------------------------------------------


def test_first_response_deadline_warns_or_is_refused() -> None:
    created = datetime(2030, 6, 3, 9, 0, tzinfo=SH)
    with pytest.warns(HolidayHorizonWarning):
        due = sla.first_response_deadline("developer", "S1", created, china())
    assert due == datetime(2030, 6, 3, 13, 0, tzinfo=SH)
    with pytest.raises(HolidayHorizonError):
        sla.first_response_deadline("developer", "S1", created, china(strict=True))
    with pytest.raises(HolidayHorizonError):
        sla.response_status(
            "developer", "S1", created, china(strict=True), now=created + FOUR_HOURS
        )
    with pytest.raises(HolidayHorizonError):
        str(sla.explanation("developer", "S1", created, china(strict=True)))


def test_targets_that_need_no_calendar_need_no_holiday_data() -> None:
    # Wall-clock targets run 24x7, and Basic has none: a strict calendar answers them.
    created = datetime(2030, 6, 3, 9, 0, tzinfo=SH)
    premium = sla.first_response_deadline("premium", "S1", created, china(strict=True))
    assert premium == datetime(2030, 6, 3, 9, 30, tzinfo=SH)
    assert sla.first_response_deadline("basic", "S1", created, china(strict=True)) is None


def test_first_response_deadline_within_the_horizon_is_silent() -> None:
    created = datetime(LAST_CN_YEAR, 9, 30, 17, 0, tzinfo=SH)
    due = sla.first_response_deadline("developer", "S1", created, china(strict=True))
    assert due == datetime(2026, 10, 8, 12, 0, tzinfo=SH)  # National Day: Oct 1-7


# -- the command line -------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


CN_2030 = ("--created", "2030-06-03T09:00", "--tz", "Asia/Shanghai", "--holidays", "CN")
COMMANDS = {
    "deadline": ("deadline", "developer", "S1", *CN_2030),
    "status": ("status", "developer", "S1", *CN_2030, "--now", "2030-06-03T10:00"),
    "calendar": (
        "calendar",
        "--tz",
        "Asia/Shanghai",
        "--holidays",
        "CN",
        "2030-06-01",
        "2030-06-07",
    ),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cli_warns_by_default(command: str) -> None:
    code, out, err = run(*COMMANDS[command])
    assert code == 0
    assert out
    assert err.startswith("connected-care-sla: warning: holiday data for 2030")
    assert err.count("\n") == 1


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cli_strict_holidays_refuses(command: str) -> None:
    code, out, err = run(*COMMANDS[command], "--strict-holidays")
    assert code == 2
    assert out == ""
    assert err.startswith("connected-care-sla: error: holiday data for 2030")
    assert err.rstrip("\n").endswith("(the calendar is strict)")
    assert err.count("\n") == 1


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cli_json_lists_the_warnings(command: str) -> None:
    code, out, _ = run(*COMMANDS[command], "--json")
    assert code == 0
    assert len(json.loads(out)["warnings"]) == 1


def test_cli_strict_holidays_within_the_horizon_answers() -> None:
    code, out, err = run(
        "deadline",
        "developer",
        "S1",
        "--created",
        "2026-09-30T17:00",
        "--tz",
        "Asia/Shanghai",
        "--holidays",
        "CN",
        "--strict-holidays",
        "--json",
    )
    assert (code, err) == (0, "")
    assert json.loads(out)["deadline"] == "2026-10-08T12:00:00+08:00"


def test_cli_batch_strict_holidays(tmp_path: object) -> None:
    pytest.importorskip("pandas")
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    tickets = tmp_path / "tickets.csv"
    tickets.write_text("plan,severity,created_at\nDeveloper,S1,2030-06-03T09:00+08:00\n")
    base = ("batch", str(tickets), "--tz", "Asia/Shanghai", "--holidays", "CN", "--no-progress")
    code, out, err = run(*base)
    assert code == 0
    assert "2030-06-03T13:00:00+08:00" in out
    assert "warning: holiday data for 2030" in err
    code, out, err = run(*base, "--strict-holidays")
    assert code == 2
    assert "holiday data for 2030" in err


def test_the_clock_reads_of_the_cli_are_not_needed_with_explicit_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(arguments, "_now", lambda: datetime(2030, 1, 1, tzinfo=UTC))
    code, _, _ = run(*COMMANDS["deadline"], "--strict-holidays")
    assert code == 2


@pytest.mark.parametrize(
    "ask",
    [
        lambda cal, at: cal.add(at, FOUR_HOURS),
        lambda cal, at: cal.elapsed(at, at + timedelta(days=3)),
        lambda cal, at: cal.next_open(at),
        lambda cal, at: sla.first_response_deadline("Developer", "S4", at, cal),
        lambda cal, at: sla.response_status("Developer", "S4", at, cal, now=at),
        lambda cal, at: sla.explanation("Developer", "S4", at, cal),
    ],
    ids=["add", "elapsed", "next_open", "deadline", "status", "explanation"],
)
def test_regression_the_warning_points_at_the_callers_line(ask: object) -> None:
    # It pointed at a line inside the library, which a warnings filter by module
    # (or a reader of the warning) cannot use.
    at = datetime(LAST_CN_YEAR + 3, 6, 5, 9, tzinfo=SH)
    with pytest.warns(HolidayHorizonWarning) as caught:
        ask(china(), at)  # type: ignore[operator]
    assert {warning.filename for warning in caught} == {__file__}
