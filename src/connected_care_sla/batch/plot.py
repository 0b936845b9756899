"""The figure of a compliance report: compliance per group, and time taken against target.

Drawn on a matplotlib :class:`~matplotlib.figure.Figure` of its own, so no
pyplot state is touched. Needs matplotlib (the caller checks for it).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["compliance_figure"]


def compliance_figure(table: pd.DataFrame, shares: Any, by: tuple[str, ...]) -> Figure:
    """The figure of :meth:`ComplianceReport.plot <.report.ComplianceReport.plot>`.

    Args:
        table: the report's table, one row per group.
        shares: per group (in the table's order), answered tickets' time taken
            as a percentage of their target (a pandas ``SeriesGroupBy``).
        by: the grouping columns.
    """
    import numpy as np
    from matplotlib.figure import Figure

    labels = [_label(key) for key in table.index]
    positions = np.arange(len(labels))
    figure = Figure(figsize=(11.0, 1.8 + 0.45 * max(len(labels), 1)), layout="constrained")
    left, right = figure.subplots(1, 2, sharey=True)

    percent = table["compliance_pct"].to_numpy(dtype=float)
    left.barh(positions, np.nan_to_num(percent), height=0.6, color=[_color(p) for p in percent])
    for y, (share, met, missed) in enumerate(
        zip(percent, table["met"], table["missed"], strict=True)
    ):
        shown = "n/a" if math.isnan(share) else f"{share:.1f}%"
        text = f"{shown} ({met:,} of {met + missed:,})"
        if share > 55:  # inside the bar, at its end
            left.text(share - 1, y, text, va="center", ha="right", fontsize=8, color="white")
        else:
            left.text(np.nan_to_num(share) + 1, y, text, va="center", fontsize=8)
    left.set_xlim(0, 100)
    left.set_yticks(positions, labels)
    left.invert_yaxis()
    left.set_xlabel("met / (met + missed), %")
    left.set_title("Compliance per group")

    quantiles = [shares.quantile(q).to_numpy(dtype=float) for q in (0.05, 0.25, 0.5, 0.75, 0.95)]
    boxes = []
    for y in range(len(labels)):
        low, q1, median, q3, high = (q[y] for q in quantiles)
        if not math.isnan(median):
            boxes.append((y, {"whislo": low, "q1": q1, "med": median, "q3": q3, "whishi": high}))
    if boxes:
        right.bxp(
            [box for _, box in boxes],
            positions=[y for y, _ in boxes],
            widths=0.6,
            showfliers=False,
            manage_ticks=False,
            **_horizontal(),
        )
    right.axvline(100, color="#c62828", linestyle="--", linewidth=1)
    right.set_xlim(left=0)
    right.set_xlabel("time taken, % of target (on the target's clock; dashed: target)")
    right.set_title("Response time against target")
    grouping = f" by {', '.join(by)}" if by else ""
    figure.suptitle(f"First-response compliance{grouping}")
    return figure


def _color(percent: float) -> str:
    if math.isnan(percent):
        return "#bdbdbd"
    if percent >= 95:
        return "#2e7d32"
    return "#f9a825" if percent >= 80 else "#c62828"


def _horizontal() -> dict[str, object]:
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
