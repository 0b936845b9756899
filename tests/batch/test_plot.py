"""The compliance figures: bars per group, a trend per period, and how they show in a notebook.

A figure is checked through what it draws (axes, titles, legend labels, the
texts on the bars) and through its PNG; the percentages it writes are floored
from the exact counts, a rule pinned by a property test.
"""

from __future__ import annotations

import base64
from datetime import timedelta
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from connected_care_sla.batch import ComplianceReport, compliance
from connected_care_sla.batch.plot import NotebookFigure, check_goal, floored_percent
from connected_care_sla.exceptions import InvalidThresholdError, SlaError, ThresholdTypeError

PNG = b"\x89PNG\r\n\x1a\n"


def measured(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """Rows of (plan, month, state) as ``first_response_deadlines(..., responded=)`` gives them."""
    hour = timedelta(hours=1)
    return pd.DataFrame(
        {
            "plan": [plan for plan, _, _ in rows],
            "month": [month for _, month, _ in rows],
            "target": pd.to_timedelta([4 * hour] * len(rows)),
            "taken": pd.to_timedelta([5 * hour if s == "missed" else hour for *_, s in rows]),
            "margin": pd.to_timedelta([-hour if s == "missed" else 3 * hour for *_, s in rows]),
            "state": [state for *_, state in rows],
        }
    )


def report(by: list[str], rows: list[tuple[str, str, str]] | None = None) -> ComplianceReport:
    rows = rows or [
        ("Developer", "2025-05", "met"),
        ("Developer", "2025-06", "met"),
        ("Developer", "2025-06", "missed"),
        ("Premium", "2025-05", "met"),
        ("Premium", "2025-06", "met"),
    ]
    return compliance(measured(rows), by=by)


def texts(figure: Figure) -> list[str]:
    return [text.get_text() for ax in figure.axes for text in ax.texts]


def legend_labels(figure: Figure) -> list[str]:
    legends = [*figure.legends, *(ax.get_legend() for ax in figure.axes)]
    return [text.get_text() for legend in legends if legend for text in legend.get_texts()]


# -- floored percentages ----------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=10**9))
def test_a_percentage_is_floored_to_one_decimal(met: int, extra: int) -> None:
    decided = met + extra - 1  # met <= decided, and at least one ticket decided
    if decided == 0:
        decided = 1
    shown = Fraction(floored_percent(met, decided))
    exact = Fraction(100 * met, decided)
    assert shown <= exact < shown + Fraction(1, 10)
    assert (shown == 100) == (met == decided)


def test_one_miss_in_a_million_is_not_100() -> None:
    assert floored_percent(999_999, 1_000_000) == "99.9"
    assert floored_percent(0, 0) == "n/a"


# -- the goal ---------------------------------------------------------------------------------


def test_a_goal_is_read_exactly() -> None:
    assert check_goal(None) == 95
    assert check_goal(99.9) == Fraction(999, 10)
    assert check_goal(100) == 100


@pytest.mark.parametrize("goal", [0, -5, 100.5, float("nan"), float("inf")])
def test_a_goal_out_of_range_is_refused(goal: float) -> None:
    with pytest.raises(InvalidThresholdError) as caught:
        report(["plan"]).plot(goal=goal)
    assert isinstance(caught.value, ValueError)
    assert "goal must be a percentage with 0 < goal <= 100" in str(caught.value)
    assert "got" in str(caught.value)


@pytest.mark.parametrize("goal", ["95", True, [95]])
def test_a_goal_that_is_no_number_is_refused(goal: object) -> None:
    with pytest.raises(ThresholdTypeError) as caught:
        report(["plan"]).plot(goal=goal)  # type: ignore[arg-type]
    assert isinstance(caught.value, TypeError)
    assert isinstance(caught.value, SlaError)


# -- compliance per group ---------------------------------------------------------------------


def test_bars_carry_floored_percentages_bands_and_a_goal_line() -> None:
    figure = report(["plan"]).plot(goal=90)
    assert isinstance(figure, NotebookFigure)
    left, right = figure.axes
    assert [t.get_text() for t in left.get_yticklabels()] == ["Developer", "Premium"]
    assert "66.6% (2 of 3)" in texts(figure)  # floored, not rounded to 66.7
    assert "100.0% (2 of 2)" in texts(figure)
    colors = [patch.get_facecolor() for patch in left.patches]
    assert colors[0] != colors[1]  # red for 66.6%, green for 100%
    labels = legend_labels(figure)
    assert "at or above the goal (90%)" in labels
    assert "75% to 90%" in labels
    assert "below 75%" in labels
    assert "goal 90%" in labels
    assert right.get_title() == "Response time against target"
    assert figure.get_suptitle() == "First-response compliance by plan"


def test_a_miss_among_many_is_not_green_at_a_100_goal() -> None:
    rows = [("Developer", "2025-06", "met")] * 999 + [("Developer", "2025-06", "missed")]
    figure = report(["plan"], rows).plot(goal=100)
    assert "99.9% (999 of 1,000)" in texts(figure)
    assert "100.0%" not in " ".join(texts(figure))


def test_a_title_replaces_the_default() -> None:
    figure = report(["plan"]).plot(title="Q2 for the board")
    assert figure.get_suptitle() == "Q2 for the board"


def test_ax_draws_the_compliance_chart_into_a_figure_of_yours() -> None:
    mine = Figure()
    left, right = mine.subplots(1, 2)
    returned = report(["plan"]).plot(ax=right, title="Per plan")
    assert returned is mine
    assert right.get_title() == "Per plan"
    assert [t.get_text() for t in right.get_yticklabels()] == ["Developer", "Premium"]
    assert not left.has_data()


def test_ax_in_a_subfigure_returns_the_whole_figure() -> None:
    mine = Figure()
    ax = mine.subfigures(1, 2)[1].subplots()
    assert report(["plan"]).plot(ax=ax) is mine


# -- compliance over time ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "months",
    [
        ["2025-05", "2025-06"],
        ["2025-W22", "2025-W23"],
        ["2025-05-01", "2025-06-01"],
        [pd.Period("2025-05", "M"), pd.Period("2025-06", "M")],
        [pd.Timestamp("2025-05-01"), pd.Timestamp("2025-06-01")],
    ],
)
def test_a_period_column_gives_a_trend_per_group(months: list[object]) -> None:
    rows = [("Developer", "", "met"), ("Developer", "", "met"), ("Developer", "", "missed")]
    frame = measured([*rows, ("Premium", "", "met")])
    frame["month"] = pd.Series([months[0], months[1], months[1], months[0]], dtype=object)
    figure = compliance(frame, by=["plan", "month"]).plot()
    top, bottom = figure.axes
    assert top.get_title() == "Compliance per month"
    assert [line.get_label() for line in top.get_lines() if line.get_marker() == "o"] == [
        "Developer",
        "Premium",
    ]
    developer = top.get_lines()[1]  # after the goal line
    assert list(developer.get_ydata()) == [100.0, 50.0]
    assert bottom.get_ylabel() == "missed tickets"
    assert "50.0%" in texts(figure)
    assert "Developer" in legend_labels(figure)


def test_a_single_period_is_drawn_as_bars() -> None:
    rows = [("Developer", "2025-06", "met"), ("Premium", "2025-06", "missed")]
    figure = report(["plan", "month"], rows).plot()
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == [
        "Developer / 2025-06",
        "Premium / 2025-06",
    ]


def test_a_trend_of_all_tickets_by_month() -> None:
    figure = report(["month"]).plot()
    top = figure.axes[0]
    assert [line.get_label() for line in top.get_lines() if line.get_marker() == "o"] == [
        "all tickets"
    ]


# -- in a notebook ----------------------------------------------------------------------------


def test_the_figure_shows_itself_as_png() -> None:
    figure = report(["plan"]).plot()
    png, size = figure._repr_png_()  # type: ignore[attr-defined]
    assert png.startswith(PNG)
    assert size["width"] == round(figure.get_size_inches()[0] * 100)


def test_the_report_shows_its_table_and_its_figure_as_html() -> None:
    html = report(["plan"])._repr_html_()
    assert "<table" in html
    start = html.index('src="data:image/png;base64,') + len('src="data:image/png;base64,')
    data = base64.b64decode(html[start : html.index('"', start)])
    assert data.startswith(PNG)
