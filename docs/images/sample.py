"""A year of made-up tickets, the same on every run, and the docs' figures drawn from it.

``python docs/images/sample.py`` writes the docs' figures from it:

* ``compliance-by-plan.png``: a report grouped by plan and severity (bars);
* ``compliance-by-month.png``: a report grouped by plan and month (a trend).

The seed is fixed, so the tickets, and so the figures, are the same on every
run; run it again after a change to the figures and keep the new images.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd

import connected_care_sla as sla
from connected_care_sla.batch import compliance, first_response_deadlines

HERE = Path(__file__).resolve().parent
ZONE = "Asia/Shanghai"

# How quickly each plan's tickets are answered: the median share of the target taken.
_PACE = {"Developer": 0.45, "Enterprise": 0.40, "Premium": 0.33, "Basic": 0.5}


def year_of_tickets(rows: int = 3_000, seed: int = 2025) -> pd.DataFrame:
    """``rows`` tickets created in 2025 in Shanghai, with their first response times.

    Columns: ``plan``, ``severity``, ``created_at`` (aware, Asia/Shanghai) and
    ``first_response_at`` (missing for the newest few: not answered yet).
    """
    rng = np.random.default_rng(seed)
    calendar = sla.BusinessCalendar(ZONE, holidays="CN")
    start = pd.Timestamp("2025-01-01", tz=ZONE)
    seconds = np.sort(rng.integers(0, 365 * 86_400, rows))
    created = start + pd.to_timedelta(seconds, unit="s")
    plans = rng.choice(
        ["Developer", "Enterprise", "Premium", "Basic"], rows, p=[0.45, 0.3, 0.2, 0.05]
    )
    severities = rng.choice(["S1", "S2", "S3", "S4"], rows, p=[0.1, 0.2, 0.4, 0.3])
    tickets = pd.DataFrame({"plan": plans, "severity": severities, "created_at": created})
    targets = first_response_deadlines(tickets, calendar=calendar)
    # The share of its target each ticket takes: mostly well inside it, a few late;
    # the summer is a bad season (a team short of people).
    month = created.month.to_numpy()
    pace = np.array([_PACE[p] for p in plans]) * np.where((month >= 7) & (month <= 8), 1.5, 1.0)
    share = pace * rng.lognormal(0.0, 0.55, rows)
    responded: list[object] = []
    for when, target, clock, part in zip(
        created, targets["target"], targets["clock"], share, strict=True
    ):
        if pd.isna(target):
            responded.append(when + timedelta(hours=float(20 * part)))
            continue
        taken = pd.Timedelta(target).to_pytimedelta() * float(part)
        taken = timedelta(seconds=round(taken.total_seconds()))
        if clock == "business":
            responded.append(pd.Timestamp(calendar.add(when.to_pydatetime(), taken)))
        else:
            responded.append(when + taken)
    tickets["first_response_at"] = pd.Series(responded, dtype=f"datetime64[us, {ZONE}]")
    tickets.loc[tickets.index[-5:], "first_response_at"] = pd.NaT  # the newest: not yet
    return tickets


def reports() -> dict[str, object]:
    """The two reports the docs show, by the name of their image."""
    calendar = sla.BusinessCalendar(ZONE, holidays="CN")
    out = first_response_deadlines(year_of_tickets(), calendar=calendar)
    out["month"] = out["created_at"].dt.strftime("%Y-%m")
    by_plan = compliance(out, responded="first_response_at", by=["plan", "severity"])
    by_month = compliance(out, responded="first_response_at", by=["plan", "month"])
    return {"compliance-by-plan.png": by_plan, "compliance-by-month.png": by_month}


def main() -> int:
    for name, report in reports().items():
        figure = report.plot()  # type: ignore[attr-defined]
        figure.savefig(HERE / name, dpi=100, facecolor="white")
        print(f"wrote {HERE / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
