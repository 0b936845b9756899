"""MkDocs hooks: what the site shows of the pages' Python examples.

The examples in the pages run as doctests, and a few carry a doctest
directive (``# doctest: +ELLIPSIS``) for the test runner. Readers need not see
it: it is taken out of the code blocks before they are rendered (docstrings'
examples are trimmed the same way by mkdocstrings' ``trim_doctest_flags``).
"""

from __future__ import annotations

import re
from typing import Any

_DIRECTIVE = re.compile(
    r"^((?:>>>|\.\.\.) .*?)\s*#\s*doctest:\s*[+-]\w+(?:\s*,\s*[+-]\w+)*\s*$", re.M
)


def on_page_markdown(markdown: str, **_: Any) -> str:
    """The page's Markdown without doctest directives on example lines.

    Examples:
        >>> on_page_markdown(">>> f(x)  # doctest: +ELLIPSIS\\n'...'\\n")
        ">>> f(x)\\n'...'\\n"
        >>> on_page_markdown(">>> g()  # row 6  # doctest: +NORMALIZE_WHITESPACE, +ELLIPSIS")
        '>>> g()  # row 6'
    """
    return _DIRECTIVE.sub(r"\1", markdown)
