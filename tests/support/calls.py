"""Running one call with a time limit, and the command line in-process.

The fuzz tests (``tests/contract/test_fuzz.py``) and the regression tests of the
crashes they found (in the files of the subjects they pin) share these: each
call runs in a thread and fails the test if it does not return within
:data:`TIMEOUT` seconds.
"""

from __future__ import annotations

import contextlib
import io
import threading
import time as clock
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from connected_care_sla.cli.main import main as cli_main

#: Seconds a single call may take before it counts as a hang.
TIMEOUT = 20.0
#: The longest message an error may carry: it names the bad value, not all of it.
MAX_MESSAGE = 20_000
#: The command line's name, which starts each line it writes on stderr.
PROG = "connected-care-sla"


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None
    seconds: float = 0.0


def call(
    function: Callable[..., Any], *args: Any, timeout: float | None = None, **kwargs: Any
) -> Outcome:
    """Run ``function`` in a thread; fail the test if it does not return within TIMEOUT."""
    limit = TIMEOUT if timeout is None else timeout
    outcome = Outcome()

    def run() -> None:
        started = clock.perf_counter()
        try:
            outcome.value = function(*args, **kwargs)
        except BaseException as exc:  # judged by the caller
            outcome.error = exc
        outcome.seconds = clock.perf_counter() - started

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        pytest.fail(f"hang: {name_of(function)} did not return within {limit} s for {args!r}")
    return outcome


def name_of(function: Callable[..., Any]) -> str:
    return getattr(function, "__qualname__", repr(function))


def expect(error: type[BaseException], function: Callable[..., Any], *args: Any, **kw: Any) -> str:
    """The message of the error ``function`` must raise."""
    outcome = call(function, *args, **kw)
    assert isinstance(outcome.error, error), (
        f"expected {error.__name__}, got {outcome.error!r} / {outcome.value!r}"
    )
    return str(outcome.error)


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """``main(argv)`` in-process: its exit code, stdout and stderr (it must not raise)."""
    out, err = io.StringIO(), io.StringIO()

    def main() -> int:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return cli_main(argv)

    outcome = call(main)
    if outcome.error is not None:
        shown = "".join(traceback.format_exception(outcome.error))
        pytest.fail(f"main({argv!r}) raised instead of returning an exit code:\n{shown}")
    return outcome.value, out.getvalue(), err.getvalue()


def check_cli(argv: list[str]) -> None:
    """The command line exits 0 or 2, and on 2 says what is wrong in one line."""
    code, _, err = run_cli(argv)
    assert isinstance(code, int)
    assert code in (0, 2), (argv, code, err)
    assert "Traceback" not in err, (argv, err)
    if code == 2:
        # Warnings and the batch progress bar ("\rbatch: ...", redrawn in place) may
        # come first; the error is one line.
        errors = [
            line
            for line in err.split("\n")
            if line and not line.startswith((f"{PROG}: warning:", "\rbatch:"))
        ]
        assert len(errors) == 1, (argv, err)
        assert errors[0].startswith(f"{PROG}: error: "), (argv, err)


class FoldCount:
    """How many times policy names were folded for comparison (see :func:`counted_folds`)."""

    count = 0


@contextlib.contextmanager
def counted_folds() -> Iterator[FoldCount]:
    """Count the foldings of names in the policy package: a measure of work, not of time.

    Reading a policy should fold each name a few times, whatever its size; a
    reader that compared each name with all before it would fold n squared
    times. Counting keeps the check exact on a slow or busy machine.
    """
    from connected_care_sla.policy import mapping, model, vocabulary

    original = vocabulary._fold
    tally = FoldCount()

    def fold(text: str) -> str:
        tally.count += 1
        return original(text)

    modules = [module for module in (vocabulary, mapping, model) if hasattr(module, "_fold")]
    for module in modules:
        module._fold = fold
    try:
        yield tally
    finally:
        for module in modules:
            module._fold = original
