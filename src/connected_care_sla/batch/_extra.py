"""The optional extra: pandas and numpy (and matplotlib for plots), or how to install them.

Importing :mod:`connected_care_sla.batch` imports none of them; each public
function calls :func:`require` first, so that without the extra the caller
learns which module is missing and the ``pip install`` command that adds it.
"""

from __future__ import annotations

from typing import Final

from ..exceptions import MissingExtraError

__all__ = ["EXTRA", "require"]

#: The name of the extra: ``pip install "connected-care-sla[pandas]"``.
EXTRA: Final = "pandas"


def require(*, plots: bool = False) -> None:
    """Import the extra's packages (and matplotlib with ``plots``), or say how to install them.

    Raises:
        MissingExtraError: a module of the extra is not installed; the message
            names it and the ``pip install`` command.
    """
    try:
        import numpy  # noqa: F401
        import pandas  # noqa: F401

        if plots:
            import matplotlib  # noqa: F401
    except ImportError as exc:
        user = "ComplianceReport.plot" if plots else "connected_care_sla.batch"
        missing = exc.name or ("pandas, numpy or matplotlib" if plots else "pandas or numpy")
        raise MissingExtraError(user, argument=EXTRA, value=missing) from exc
