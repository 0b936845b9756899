"""The files of the ``batch`` and ``report`` commands: reading, writing, progress.

``-`` names stdin or stdout. A file is written under a temporary name in
its folder and renamed at the end, so a run stopped by a bad row leaves no
half-written file behind. The progress line goes to stderr.
"""

from __future__ import annotations

import contextlib
import csv
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import IO

from .arguments import CliError

__all__ = ["Progress", "header", "opened", "written"]


@contextlib.contextmanager
def opened(path: str) -> Iterator[tuple[IO[bytes], int | None]]:
    """The input file (``-``: stdin) and its size in bytes, when known."""
    if path == "-":
        yield sys.stdin.buffer, None
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise CliError(
            f"cannot read {path!r}: {exc.strerror or exc}", option="INPUT", value=path
        ) from None
    with handle:
        yield handle, os.fstat(handle.fileno()).st_size


def header(source: IO[bytes], name: str) -> list[str]:
    """The column names, from the first line (the rest is left for ``read_csv``)."""
    line = source.readline()
    if not line.strip():
        raise CliError(
            f"{name} is empty", option="INPUT", value=name, expected="a CSV file with a header line"
        )
    text = line.decode("utf-8-sig")
    return next(csv.reader([text]))


@contextlib.contextmanager
def written(path: str) -> Iterator[IO[str]]:
    """The output: stdout, or a file written under a temporary name and renamed at the
    end, so a run stopped by a bad row leaves no half-written file behind."""
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, temporary = tempfile.mkstemp(prefix=".batch-", suffix=".csv", dir=folder)
    except OSError as exc:
        raise CliError(
            f"cannot write {path!r}: {exc.strerror or exc}", option="--output", value=path
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


class Progress:
    """A one-line progress bar on stderr, redrawn at most five times a second."""

    def __init__(self, source: IO[bytes], size: int | None, *, enabled: bool) -> None:
        self._source = source
        self._size = size
        self._enabled = enabled
        self._rows = 0
        self._began = time.perf_counter()
        self._drawn = 0.0

    def update(self, rows: int) -> None:
        """Count ``rows`` more rows done."""
        self._rows += rows
        now = time.perf_counter()
        if self._enabled and now - self._drawn >= 0.2:
            self._drawn = now
            self._draw(now)

    def done(self, *, complete: bool = True) -> None:
        """Draw the last state and end the line (once)."""
        if self._enabled:
            self._draw(time.perf_counter(), final=complete)
            sys.stderr.write("\n")
            sys.stderr.flush()
            self._enabled = False

    def _draw(self, now: float, *, final: bool = False) -> None:
        seconds = max(now - self._began, 1e-9)
        share = None
        if self._size:
            try:
                share = 1.0 if final else min(self._source.tell() / self._size, 1.0)
            except (OSError, ValueError):
                share = None
        bar = ""
        if share is not None:
            filled = round(share * 24)
            bar = f"[{'#' * filled}{'.' * (24 - filled)}] {share:4.0%} "
        sys.stderr.write(
            f"\rbatch: {bar}{self._rows:,} rows, {seconds:.1f} s, "
            f"{self._rows / seconds:,.0f} rows/s "
        )
        sys.stderr.flush()
