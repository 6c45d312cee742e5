"""The reference parser's regular expressions: the standard ``re`` module, compiled on first use
(see essayconv/_patterns.py for why)."""

from __future__ import annotations

import re
from re import IGNORECASE, VERBOSE, Match, Pattern, escape

from .._patterns import LazyPattern, Patterns

I = IGNORECASE  # noqa: E741 - the re module's name

__all__ = ["I", "IGNORECASE", "VERBOSE", "LazyPattern", "Match", "Pattern", "compile", "escape", "findall",
           "finditer", "fullmatch", "match", "search", "split", "sub"]

PATTERNS = Patterns(re.compile)
compile = PATTERNS.compile  # noqa: A001 - the re module's name
search, match, fullmatch = PATTERNS.search, PATTERNS.match, PATTERNS.fullmatch
findall, finditer, split, sub = PATTERNS.findall, PATTERNS.finditer, PATTERNS.split, PATTERNS.sub
