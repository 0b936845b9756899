"""The files of the ``batch`` and ``report`` commands: opening, writing, progress.

``-`` names stdin or stdout. An output file is all or nothing: it is written
under a temporary name in its folder and renamed at the end, so a run
stopped by a bad record creates nothing at the output path and leaves a file
already there as it was (rows already written to stdout stay written). The
records of an input are read by `connected_care_sla.cli.records`. The
progress line goes to stderr.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import IO

from .arguments import CliError

__all__ = ["Progress", "opened", "written"]


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


@contextlib.contextmanager
def written(path: str) -> Iterator[IO[str]]:
    """The output: stdout, or a file that appears at ``path`` only when the block ends well.

    The file is written under a temporary name in the same folder and renamed
    over ``path`` at the end; when the block raises, the temporary file is
    removed and ``path`` is untouched (absent, or the file that was there).
    The new file gets the permissions of the one it replaces, or the usual
    ones for a new file (``0o666`` less the umask), not the temporary's ``0o600``.
    """
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    if os.path.isdir(path):
        raise CliError(
            f"cannot write {path!r}: it is a folder; give a file name",
            option="--output",
            value=path,
        )
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
        try:
            os.chmod(temporary, _mode_for(path))
            os.replace(temporary, path)
        except OSError as exc:
            raise CliError(
                f"cannot write {path!r}: {exc.strerror or exc}", option="--output", value=path
            ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _mode_for(path: str) -> int:
    """The permissions of the file at ``path``, or those of a new file."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class Progress:
    """A one-line progress bar on stderr, redrawn at most five times a second.

    The line is redrawn in place (``\\r``); its last state, 100% for a whole
    file, is drawn once, by `done`, and ends the line.
    """

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
            share = self._share()
            if share is not None and share >= 1.0:
                return  # the whole file is read: the last line is done()'s, drawn once
            self._drawn = now
            self._draw(now, share)

    def done(self, *, complete: bool = True) -> None:
        """Draw the last state and end the line (once)."""
        if self._enabled:
            share = 1.0 if complete and self._size else self._share()
            self._draw(time.perf_counter(), share)
            sys.stderr.write("\n")
            sys.stderr.flush()
            self._enabled = False

    def _share(self) -> float | None:
        """The share of the input read so far, or None when its size is unknown."""
        if not self._size:
            return None
        try:
            return min(self._source.tell() / self._size, 1.0)
        except (OSError, ValueError):
            return None

    def _draw(self, now: float, share: float | None) -> None:
        seconds = max(now - self._began, 1e-9)
        bar = ""
        if share is not None:
            filled = round(share * 24)
            bar = f"[{'#' * filled}{'.' * (24 - filled)}] {share:4.0%} "
        sys.stderr.write(
            f"\rbatch: {bar}{self._rows:,} rows, {seconds:.1f} s, "
            f"{self._rows / seconds:,.0f} rows/s "
        )
        sys.stderr.flush()
