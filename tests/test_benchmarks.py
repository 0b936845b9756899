"""The calendar benchmark still runs: a smoke run with a handful of tickets.

No timing is asserted; only that the script runs to the end and prints every
table and every target with its verdict. A peer library that is not installed
is left out by the script itself, so this needs only the package.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "calendar.py"


def test_calendar_benchmark_runs_in_quick_mode() -> None:
    command = [sys.executable, str(SCRIPT), "--quick", "--tickets", "4", "--repeat", "1"]
    command += ["--import-runs", "1"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for table in ("add: Asia/Shanghai", "add: America/New_York", "elapsed (to our add"):
        assert table in out
    assert "connected_care_sla" in out
    assert "import connected_care_sla:" in out
    targets = out.split("\nTargets\n", 1)[1].splitlines()
    # Per zone: three spans against pandas, flatness, elapsed against businesstime; then the import.
    assert len(targets) == 2 * 5 + 1
    assert all(line.split()[0] in {"PASS", "FAIL", "n/a"} for line in targets)
