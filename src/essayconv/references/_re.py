"""The reference parser's regular expressions: the standard ``re`` module, compiled on first use
(see essayconv/_patterns.py for why), some gated by cheap substring tests."""

from __future__ import annotations

import re
import sys
from re import IGNORECASE, VERBOSE, Match, Pattern, escape
from typing import Any

from .. import _gates
from .._patterns import Gated, LazyPattern, Patterns

I = IGNORECASE  # noqa: E741 - the re module's name

__all__ = [
    "I",
    "IGNORECASE",
    "VERBOSE",
    "GatedPattern",
    "LazyPattern",
    "Match",
    "Pattern",
    "compile",
    "escape",
    "findall",
    "finditer",
    "fullmatch",
    "match",
    "search",
    "split",
    "squash_spaces",
    "sub",
    "word_char",
]

PATTERNS = Patterns(re.compile)
_get = PATTERNS.get
search, match, fullmatch = PATTERNS.search, PATTERNS.match, PATTERNS.fullmatch
findall, finditer, split, sub = PATTERNS.findall, PATTERNS.finditer, PATTERNS.split, PATTERNS.sub


# (module name, pattern) of each pattern compiled with gated=True, for tools/gen_gates.py
GATED: list[tuple[str, GatedPattern]] = []


def compile(pattern: Any, flags: Any = 0, *, gated: bool = False) -> Any:  # noqa: A001
    """``re.compile``, compiled on first use; ``gated``: a GatedPattern, its gate looked up in the
    generated table (essayconv/_gates.py: run tools/gen_gates.py after changing a gated pattern; one not
    in the table runs ungated)."""
    if isinstance(pattern, str):
        if gated:
            g = GatedPattern(pattern, flags, _gates.REFERENCES.get((pattern, int(flags)), ()))
            GATED.append((sys._getframe(1).f_globals.get("__name__", "?"), g))
            return g
        return LazyPattern(pattern, flags, _get)
    return _get(pattern, flags)


class GatedPattern(Gated):
    """A pattern (compiled on first use) only tried on strings that hold, for each group of ``needs``,
    one of its keywords: every match of the pattern holds one, so a string without is answered "no
    match" (``sub`` returns it unchanged, ``split`` returns it whole) without running the pattern.

    Why: the first reference of a process compiled ~90 patterns (~0.2 ms each, pure Python), many of
    them for rare forms (theses, newspapers, translators, seasons ...) that a typical reference never
    matches; gated, they are never compiled for it, and warm, a substring test is cheaper than a search.
    Case-insensitive patterns have lower-case keywords and compare the lower-cased string when it is
    ASCII; a non-ASCII string always goes through (re's IGNORECASE matches "ı", "ſ", "K" (Kelvin) to
    ASCII letters, which lower() does not give). The gates are derived from the patterns
    (essayconv/_gate_derive.py, run by tools/gen_gates.py); tests/test_refs_gates.py checks each against
    its pattern.
    """

    __slots__ = ("needs", "_fold")

    def __init__(self, pattern: str, flags: Any, needs: tuple[tuple[str, ...], ...]) -> None:
        super().__init__(pattern, flags, _get)
        self.needs = needs
        self._fold = bool(flags & IGNORECASE)
        if self._fold and any(k != k.lower() for group in needs for k in group):
            raise ValueError("a case-insensitive pattern's keywords are lower case")

    def open(self, text: str) -> bool:
        """Whether ``text`` may hold a match (False: it holds none)."""
        if self._fold:
            if not text.isascii():
                return True
            text = text.lower()
        for group in self.needs:
            for key in group:
                if key in text:
                    break
            else:
                return False
        return True

    def search(self, string: str, *args: Any) -> Any:
        return self._lazy.search(string, *args) if self.open(string) else None

    def match(self, string: str, *args: Any) -> Any:
        return self._lazy.match(string, *args) if self.open(string) else None

    def fullmatch(self, string: str, *args: Any) -> Any:
        return self._lazy.fullmatch(string, *args) if self.open(string) else None

    def sub(self, repl: Any, string: str, count: int = 0) -> Any:
        return self._lazy.sub(repl, string, count) if self.open(string) else string

    def split(self, string: str, maxsplit: int = 0) -> Any:
        return self._lazy.split(string, maxsplit) if self.open(string) else [string]


def word_char(c: str) -> bool:
    """Whether ``c`` is one re's \\w matches (str patterns: a letter, digit or number, or "_")."""
    return c.isalnum() or c == "_"


def squash_spaces(text: str) -> str:
    """``re.sub(r"\\s+", " ", text)``: each run of whitespace one space. A printable string holds no
    whitespace but the space (every other whitespace character is a control or separator), so one
    without two spaces in a row is returned as it is, without the scan (~6 µs a reference string, a
    few times per field parsed)."""
    if text.isprintable() and "  " not in text:
        return text
    return sub(r"\s+", " ", text)
