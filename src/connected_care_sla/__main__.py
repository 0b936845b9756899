"""``python -m connected_care_sla``: the same command line as ``connected-care-sla``."""

from __future__ import annotations

import sys

from .cli.main import main

if __name__ == "__main__":
    sys.exit(main())
