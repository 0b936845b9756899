"""The figures of a compliance report, and how they show in a notebook.

Two kinds of figure, drawn on a matplotlib figure of its own so that no pyplot
state is touched:

* **compliance per group**: one bar per group (green at or above the goal,
  amber up to 15 points below it, red further below, grey when nothing is
  decided yet), the goal as a dashed line, and beside it the time answered
  tickets took as a share of their target;
* **compliance over time**: when one of the grouping columns holds periods
  (a month ``2025-06``, a week ``2025-W23``, a day ``2025-06-09``, a quarter
  ``2025-Q2``, or pandas periods and timestamps), a line per group across
  the periods, over the same bands, and the missed tickets per period below.

Every percentage written on a figure is floored to one decimal from the exact
counts (`floored_percent`, the library's one rule for percentages), so a group
with one miss in thousands shows ``99.9``, never ``100.0``.

The figure returned is a `NotebookFigure`: a matplotlib ``Figure`` that shows
itself in Jupyter as a PNG image whatever the matplotlib backend (no
``%matplotlib`` line needed). Needs matplotlib: importing this module imports
it, so the report imports it only to draw.

Examples:
    >>> floored_percent(1_998, 2_000)
    '99.9'
    >>> floored_percent(1_999_999, 2_000_000)
    '99.9'
    >>> floored_percent(0, 0)
    'n/a'
"""

from __future__ import annotations

import base64
import io
import math
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import ScaledTranslation

from .._exact import floored_percent as exact_floor
from ..exceptions import InvalidThresholdError, ThresholdTypeError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = [
    "DEFAULT_GOAL",
    "NotebookFigure",
    "check_goal",
    "compliance_figure",
    "figure_png",
    "floored_percent",
    "png_data_uri",
]

#: The compliance goal drawn when none is given, in percent.
DEFAULT_GOAL: Final = 95
#: How far below the goal the amber band reaches, in percentage points.
AMBER_POINTS: Final = 15

_GREEN: Final = "#2e7d32"
_AMBER: Final = "#f9a825"
_RED: Final = "#c62828"
_GREY: Final = "#bdbdbd"
_GOAL_COLOR: Final = "#263238"
_SCREEN_DPI: Final = 100  # the size a notebook shows the image at, in pixels per inch
_IMAGE_DPI: Final = 150  # the resolution it is drawn at (sharp on high-density screens)
_PERIOD_TEXT: Final = re.compile(r"\d{4}-(?:\d{2}|\d{2}-\d{2}|W\d{2}|Q[1-4])")


class NotebookFigure(Figure):
    """A matplotlib ``Figure`` that shows itself in a notebook as a PNG image.

    Jupyter asks a value for ``_repr_png_``; this one draws the figure with
    matplotlib's Agg renderer, so it shows in a fresh kernel without
    ``%matplotlib inline`` and in a notebook exported to HTML. Everything
    else is an ordinary ``Figure``: ``savefig``, ``axes``, ``suptitle``.
    """

    def _repr_png_(self) -> tuple[bytes, dict[str, int | str]]:
        """The figure as PNG bytes, with the size to show it at and its title as alt text."""
        width, height = (float(inches) * _SCREEN_DPI for inches in self.get_size_inches())
        suptitle = getattr(self, "get_suptitle", lambda: "")()  # matplotlib 3.8 on
        titles = [str(suptitle), *(ax.get_title() for ax in self.axes)]
        alt = next((title for title in titles if title), "a compliance figure")
        return figure_png(self), {"width": round(width), "height": round(height), "alt": alt}


def figure_png(figure: Figure) -> bytes:
    """``figure`` drawn as PNG bytes (no pyplot, no backend needed)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_IMAGE_DPI, facecolor="white")
    return buffer.getvalue()


def png_data_uri(figure: Figure) -> str:
    """``figure`` as a ``data:image/png;base64,...`` address, for an HTML ``<img>``."""
    return "data:image/png;base64," + base64.b64encode(figure_png(figure)).decode("ascii")


def floored_percent(met: int, decided: int) -> str:
    """``100 * met / decided`` floored to one decimal, from the exact counts; ``n/a`` for 0.

    Args:
        met: tickets that met their target.
        decided: tickets met or missed.

    Returns:
        The percentage as text, e.g. ``'99.9'``: never ``'100.0'`` while one
        ticket missed.
    """
    if decided <= 0:
        return "n/a"
    return str(exact_floor(Fraction(int(met), int(decided))))


def check_goal(goal: object) -> Fraction:
    """The compliance goal as an exact percentage in ``(0, 100]``; None for the default.

    Args:
        goal: a number of percent, e.g. ``95`` or ``99.5``.

    Returns:
        The goal; a float is read as the decimal it prints as.

    Raises:
        ThresholdTypeError: ``goal`` is not a number.
        InvalidThresholdError: ``goal`` is not above 0 and at most 100.
    """
    if goal is None:
        return Fraction(DEFAULT_GOAL)
    number = isinstance(goal, (int, float, Fraction, Decimal)) and not isinstance(goal, bool)
    value: Fraction | None = None
    if isinstance(goal, float):
        value = Fraction(repr(goal)) if math.isfinite(goal) else None
    elif number:
        assert isinstance(goal, (int, Fraction, Decimal))
        value = Fraction(goal)
    if value is None or not 0 < value <= 100:
        wrong = InvalidThresholdError if number else ThresholdTypeError
        raise wrong(
            argument="goal",
            value=goal,
            expected="a percentage with 0 < goal <= 100, the share of decided tickets that "
            "should meet their target (e.g. 95)",
        )
    return value


def compliance_figure(
    table: pd.DataFrame,
    shares: Any,
    by: tuple[str, ...],
    *,
    ax: Axes | None = None,
    title: str | None = None,
    goal: object = None,
) -> Figure:
    """The figure of a compliance report (see the module's description).

    Args:
        table: the report's table, one row per group, with ``met`` and
            ``missed`` counts.
        shares: per group (in the table's order), answered tickets' time taken
            as a percentage of their target (a pandas ``SeriesGroupBy``).
        by: the grouping columns.
        ax: draw only the compliance chart, into these axes.
        title: the title; by default it names the grouping.
        goal: the compliance goal in percent (default 95).

    Returns:
        A `NotebookFigure`, or
        the figure that holds ``ax``.
    """
    target = check_goal(goal)
    counts = _counts(table)
    grouping = f" by {', '.join(by)}" if by else ""
    heading = f"First-response compliance{grouping}" if title is None else title
    period = _period_level(table, by)
    if period is not None:
        return _trend(table, counts, by, period, ax, heading, target)
    labels = [_label(key) for key in table.index]
    if ax is not None:
        _bars(ax, labels, counts, target)
        ax.set_title(heading)
        # Below the axes, under the tick labels and the axis label (36 points down).
        below = ax.transAxes + ScaledTranslation(0, -36 / 72, _root(ax).dpi_scale_trans)
        ax.legend(
            handles=_legend(target),
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            bbox_transform=below,
            ncols=3,
            fontsize=8,
            frameon=False,
        )
        return _root(ax)
    figure = NotebookFigure(figsize=(11.0, 2.4 + 0.45 * max(len(labels), 1)), layout="constrained")
    left, right = figure.subplots(1, 2, sharey=True)
    _bars(left, labels, counts, target)
    left.set_title("Compliance per group")
    _boxes(right, shares, len(labels))
    figure.suptitle(heading, fontweight="bold")
    handles = [*_legend(target), _target_handle()]
    figure.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    return figure


def _counts(table: pd.DataFrame) -> list[tuple[int, int]]:
    """``(met, decided)`` per group, exact integers."""
    return [
        (int(met), int(met) + int(missed))
        for met, missed in zip(table["met"], table["missed"], strict=True)
    ]


def _band(met: int, decided: int, goal: Fraction) -> str:
    """The colour of a compliance, compared exactly: ``100 * met / decided`` against the goal."""
    if decided == 0:
        return _GREY
    share = Fraction(100 * met, decided)
    if share >= goal:
        return _GREEN
    return _AMBER if share >= goal - AMBER_POINTS else _RED


def _legend(goal: Fraction) -> list[Any]:
    goal_text = _number(goal)
    amber_floor = _number(max(goal - AMBER_POINTS, Fraction(0)))
    return [
        Patch(color=_GREEN, label=f"at or above the goal ({goal_text}%)"),
        Patch(color=_AMBER, label=f"{amber_floor}% to {goal_text}%"),
        Patch(color=_RED, label=f"below {amber_floor}%"),
        Patch(color=_GREY, label="none decided yet"),
        Line2D([], [], color=_GOAL_COLOR, linestyle="--", label=f"goal {goal_text}%"),
    ]


def _target_handle() -> Any:
    return Line2D([], [], color=_RED, linestyle=":", label="target (100% of it taken)")


def _number(value: Fraction) -> str:
    """A goal as people write it: ``95``, ``99.5``."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.10g}"


def _bars(
    ax: Axes, labels: Sequence[str], counts: Sequence[tuple[int, int]], goal: Fraction
) -> None:
    import numpy as np

    positions = np.arange(len(labels))
    lengths = [100 * met / decided if decided else 0.0 for met, decided in counts]
    colors = [_band(met, decided, goal) for met, decided in counts]
    ax.barh(positions, lengths, height=0.6, color=colors)
    undecided = [y for y, (_, decided) in enumerate(counts) if not decided]
    if undecided:  # a pale bar across: the group is there, nothing to measure yet
        ax.barh(undecided, [100.0] * len(undecided), height=0.6, color=_GREY, alpha=0.35)
    for y, ((met, decided), length, color) in enumerate(zip(counts, lengths, colors, strict=True)):
        shown = floored_percent(met, decided)
        text = f"{shown}% ({met:,} of {decided:,})" if decided else "n/a (none decided yet)"
        if length > 55:  # inside the bar, at its end
            ink = "black" if color == _AMBER else "white"
            ax.text(length - 1, y, text, va="center", ha="right", fontsize=8, color=ink)
        else:
            ax.text(length + 1, y, text, va="center", fontsize=8)
    ax.axvline(float(goal), color=_GOAL_COLOR, linestyle="--", linewidth=1)
    ax.set_xlim(0, 100)
    ax.set_yticks(positions, labels)
    if not ax.yaxis_inverted():
        ax.invert_yaxis()
    ax.set_xlabel("met / (met + missed), %")


def _boxes(ax: Axes, shares: Any, groups: int) -> None:
    quantiles = [shares.quantile(q).to_numpy(dtype=float) for q in (0.05, 0.25, 0.5, 0.75, 0.95)]
    boxes = []
    for y in range(groups):
        low, q1, median, q3, high = (q[y] for q in quantiles)
        if not math.isnan(median):
            boxes.append((y, {"whislo": low, "q1": q1, "med": median, "q3": q3, "whishi": high}))
    if boxes:
        ax.bxp(
            [box for _, box in boxes],
            positions=[y for y, _ in boxes],
            widths=0.6,
            showfliers=False,
            manage_ticks=False,
            medianprops={"color": _GOAL_COLOR, "linewidth": 1.5},
            boxprops={"facecolor": "#e3eaf0"},
            patch_artist=True,
            **_horizontal(),
        )
    ax.axvline(100, color=_RED, linestyle=":", linewidth=1.2)
    ax.set_xlim(left=0)
    ax.set_xlabel("time taken as % of target; box: quartiles, whiskers: 5%-95%")
    ax.set_title("Response time against target")


# -- compliance over time -------------------------------------------------------------------


def _is_period(value: object) -> bool:
    import pandas as pd

    if isinstance(value, (pd.Period, date)):  # a Timestamp and a datetime are dates too
        return True
    return isinstance(value, str) and _PERIOD_TEXT.fullmatch(value) is not None


def _period_level(table: pd.DataFrame, by: tuple[str, ...]) -> int | None:
    """The position in ``by`` of the first column of periods (two or more), or None."""
    import pandas as pd

    for level in range(len(by)):
        values = table.index.get_level_values(level)
        present = [v for v in values.unique() if not (v is None or v is pd.NaT or v != v)]
        if len(present) >= 2 and all(_is_period(v) for v in present):
            return level
    return None


def _period_text(value: object) -> str:
    import pandas as pd

    if isinstance(value, pd.Timestamp):
        return str(value.strftime("%Y-%m-%d"))
    return str(value)


def _trend(
    table: pd.DataFrame,
    counts: Sequence[tuple[int, int]],
    by: tuple[str, ...],
    level: int,
    ax: Axes | None,
    heading: str,
    goal: Fraction,
) -> Figure:
    """Compliance per period, a line per group of the other columns."""
    keys = [key if isinstance(key, tuple) else (key,) for key in table.index]
    periods = sorted({key[level] for key in keys}, key=_sort_key)
    where = {period: x for x, period in enumerate(periods)}
    series: dict[str, dict[int, tuple[int, int]]] = {}
    for key, count in zip(keys, counts, strict=True):
        rest = key[:level] + key[level + 1 :]
        name = " / ".join(map(str, rest)) if rest else "all tickets"
        series.setdefault(name, {})[where[key[level]]] = count
    if ax is None:
        figure: Figure = NotebookFigure(figsize=(11.0, 6.8), layout="constrained")
        top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 1.2))
    else:
        top, bottom, figure = ax, None, _root(ax)
    lowest = min(
        (
            100 * met / decided
            for line in series.values()
            for met, decided in line.values()
            if decided
        ),
        default=100.0,
    )
    floor = max(0.0, min(lowest, float(goal) - AMBER_POINTS) - 5)
    amber_floor = max(float(goal) - AMBER_POINTS, 0.0)
    top.axhspan(float(goal), 100.5, color=_GREEN, alpha=0.10, linewidth=0)
    top.axhspan(amber_floor, float(goal), color=_AMBER, alpha=0.14, linewidth=0)
    if amber_floor > floor:
        top.axhspan(floor, amber_floor, color=_RED, alpha=0.10, linewidth=0)
    top.axhline(float(goal), color=_GOAL_COLOR, linestyle="--", linewidth=1)
    colors = _series_colors(len(series))
    handles: list[Any] = []
    ends: list[tuple[float, int, str, Any]] = []
    for (name, line), color in zip(series.items(), colors, strict=True):
        xs = sorted(line)
        ys = [100 * line[x][0] / line[x][1] if line[x][1] else math.nan for x in xs]
        (drawn,) = top.plot(xs, ys, marker="o", markersize=4, color=color, label=name)
        handles.append(drawn)
        decided = [x for x in xs if line[x][1]]
        if decided:
            met, total = line[decided[-1]]
            ends.append((100 * met / total, decided[-1], floored_percent(met, total), color))
        if bottom is not None:
            missed = [line[x][1] - line[x][0] for x in xs]
            bottom.plot(xs, missed, marker="o", markersize=3, color=color)
    top.set_ylim(floor, 100.5)
    _end_labels(top, ends, spacing=(100.5 - floor) * 0.045)
    top.set_ylabel("met / (met + missed), %")
    top.set_xlim(-0.3, len(periods) - 0.1)  # room for the labels of the last points
    ticks = list(range(len(periods)))
    texts = [_period_text(p) for p in periods]
    (bottom or top).set_xticks(ticks, texts)
    inches = top.get_position().width * float(figure.get_size_inches()[0])
    if sum(len(text) + 2 for text in texts) * 0.07 > inches:  # 10-point labels would touch
        (bottom or top).tick_params(axis="x", labelrotation=45)
    period_name = by[level]
    (bottom or top).set_xlabel(period_name)
    bands = _legend(goal)
    for patch, alpha in zip(bands[:3], (0.25, 0.3, 0.25), strict=True):
        patch.set_alpha(alpha)
    legend = [*handles, *bands[:3], bands[4]]
    top.legend(handles=legend, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    if bottom is not None:
        bottom.set_ylabel("missed tickets")
        bottom.set_ylim(bottom=0)
        top.set_title(f"Compliance per {period_name}")
        figure.suptitle(heading, fontweight="bold")
    else:
        top.set_title(heading)
    return figure


def _end_labels(ax: Axes, ends: list[tuple[float, int, str, Any]], spacing: float) -> None:
    """The last compliance of each line, written beside it; labels kept ``spacing`` apart."""
    placed: list[float] = []
    for y, x, text, color in sorted(ends, key=lambda end: end[0], reverse=True):
        where = y if not placed else min(y, placed[-1] - spacing)
        placed.append(where)
        ax.annotate(
            f"{text}%",
            (x, y),
            xytext=(x + 0.15, where),
            textcoords="data",
            va="center",
            fontsize=8,
            color=color,
        )


def _sort_key(value: object) -> tuple[int, object]:
    import pandas as pd

    if isinstance(value, pd.Period):
        return (0, value.start_time.value)
    if isinstance(value, pd.Timestamp):
        return (0, value.value)
    if isinstance(value, date):
        return (1, value.toordinal())
    return (2, str(value))


def _series_colors(count: int) -> list[Any]:
    from matplotlib import colormaps

    palette = colormaps["tab10" if count <= 10 else "tab20"]
    return [palette(i % palette.N) for i in range(count)]


def _root(ax: Axes) -> Figure:
    """The top-level figure that holds ``ax`` (not a sub-figure)."""
    holder: Any = ax.figure
    while not isinstance(holder, Figure):
        holder = holder.figure
    return holder


def _horizontal() -> dict[str, Any]:
    """Horizontal boxes: ``orientation=`` from matplotlib 3.10, ``vert=`` before."""
    import matplotlib

    major, minor = (int(part) for part in matplotlib.__version__.split(".")[:2])
    if (major, minor) >= (3, 10):
        return {"orientation": "horizontal"}
    return {"vert": False}  # pragma: no cover - matplotlib before 3.10


def _label(key: object) -> str:
    if isinstance(key, tuple):
        return " / ".join(map(str, key))
    return str(key)
