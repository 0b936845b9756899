"""The ``connected-care-sla`` command line (also ``python -m connected_care_sla``)."""

from __future__ import annotations

from .main import main

__all__ = ["main"]
