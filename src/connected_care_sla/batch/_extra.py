"""The optional extras: pandas, polars or Arrow (and matplotlib for plots), or how to install them.

Importing [`connected_care_sla.batch`][connected_care_sla.batch] imports none of them; each public
function calls `require` first, so that without the extra the caller
learns which module is missing and the ``pip install`` command that adds it.
The table's own library is there (the caller made the table with it); the
extra of its kind names what the batch path needs besides.
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

from ..exceptions import MissingExtraError

__all__ = ["EXTRA", "EXTRAS", "Kind", "require"]

#: The kinds of table the batch functions take and give back.
Kind: TypeAlias = Literal["pandas", "polars", "arrow"]

#: The name of the pandas extra: ``pip install "connected-care-sla[pandas]"``.
EXTRA: Final = "pandas"

#: The modules each kind needs, in the order they are tried (the extra has its kind's name).
EXTRAS: Final[dict[Kind, tuple[str, ...]]] = {
    "pandas": ("numpy", "pandas"),
    "polars": ("numpy", "pandas", "pyarrow", "polars"),
    "arrow": ("numpy", "pandas", "pyarrow"),
}


def require(*, plots: bool = False, kind: Kind = "pandas") -> None:
    """Import the extra's packages (and matplotlib with ``plots``), or say how to install them.

    Args:
        plots: also matplotlib, for a figure.
        kind: the kind of table: its extra is named in the message.

    Raises:
        MissingExtraError: a module of the extra is not installed; the message
            names it and the ``pip install`` command.
    """
    import importlib

    modules = EXTRAS[kind] + (("matplotlib",) if plots else ())
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            user = "ComplianceReport.plot" if plots else "connected_care_sla.batch"
            if kind != "pandas":
                user += f" with a {'polars DataFrame' if kind == 'polars' else 'pyarrow Table'}"
            raise MissingExtraError(user, argument=kind, value=exc.name or module) from exc
