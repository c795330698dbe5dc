"""Quotes as a reader of the report sees them.

The curated ``quote`` is the exact slice of the report file, so a check can find it there; the
files are markdown conversions, where a ``$`` is written ``\\$``. What users see and download is
the text as printed: escapes removed, typographic characters kept.
"""

from __future__ import annotations

import re

# Markdown's backslash escapes: a backslash before one of these characters stands for the character.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|<>~])")


def readable(text: str) -> str:
    """'the reported \\$46.15 billion' -> 'the reported $46.15 billion'."""
    return _ESCAPE.sub(r"\1", text)
