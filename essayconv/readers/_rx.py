"""The readers' regular expressions: the ``regex`` module, with patterns compiled on first use, gated
by cheap string tests, and module-level calls served from a plain dict.

Why: ``regex`` compiles in pure Python (~0.5 ms a pattern, ~150 patterns in the readers), and its
module-level functions (``regex.search(pattern, text)``) look their pattern up in a cache keyed through
enum flag arithmetic. Patterns compile when first used (``LazyPattern``, shared with the references'
``_re``); a ``GatedPattern`` first asks whether the string holds what every match holds (a start, a
keyword, a digit), so the many lines that cannot match cost a string test, and a pattern that no line
gets through is never compiled. The semantics are exactly those of ``regex``: the same pattern and flags
reach ``regex.compile``, and a gate only answers "no match" where the pattern would.
"""

from __future__ import annotations

import re as _stdlib_re
from typing import Any

import regex
from regex import IGNORECASE, VERBOSE, Match, Pattern, escape

from .._patterns import Gated, LazyPattern, Patterns

__all__ = ["DIGIT", "IGNORECASE", "VERBOSE", "GatedPattern", "Match", "Pattern", "compile", "escape", "findall",
           "finditer", "fold", "fullmatch", "match", "search", "split", "sub"]

PATTERNS = Patterns(regex.compile)
_get = PATTERNS.get
search, match, fullmatch = PATTERNS.search, PATTERNS.match, PATTERNS.fullmatch
findall, finditer, split, sub = PATTERNS.findall, PATTERNS.finditer, PATTERNS.split, PATTERNS.sub


def compile(  # noqa: A001 - the regex module's name
    pattern: Any, flags: Any = 0, *, starts: tuple[str, ...] = (), needs: tuple[tuple[str, ...], ...] = ()
) -> Any:
    """``regex.compile``, compiled on first use; with ``starts`` or ``needs``, a GatedPattern."""
    if isinstance(pattern, str):
        if starts or needs:
            return GatedPattern(pattern, flags, starts, needs)
        return LazyPattern(pattern, flags, _get)
    return _get(pattern, flags)


def fold(text: str) -> str:
    """``text`` lower-cased so that each character that ``regex`` matches case-insensitively to an ASCII
    letter becomes that one letter ("K" Kelvin sign lowers to "k"; "İ" lowers to "i" and a combining
    dot, dropped here; "ſ" long s becomes "s"). A case-insensitive match of ASCII letters, digits and
    caseless signs is then a substring of the fold, and a match at the start stays at its start."""
    low = text.lower()
    if not low.isascii():
        low = low.replace("i\u0307", "i").replace("ſ", "s")
    return low


DIGIT = "\\d"  # in a GatedPattern's ``needs``: a character that regex's "\\d" matches
_ASCII_DIGIT = _stdlib_re.compile(r"[0-9]")


class GatedPattern(Gated):
    """A pattern (compiled on first use) that is only tried on strings holding what each of its matches
    holds: one of ``starts`` at the start (for ``match``/``fullmatch``, and for ``search`` when the
    pattern is anchored by "^"), and one keyword of each group of ``needs`` anywhere. Case-insensitive
    patterns compare the fold (see ``fold``) of the string. ``DIGIT`` as a keyword: the string has an
    ASCII digit, or is not ASCII (regex's "\\d" matches the digits of every script, and no other ASCII
    character than 0-9).

    Most lines of an essay are not dates, captions or section names: the gate, a few string tests,
    answers for them, and a pattern that no line gets through is never compiled. The gates are derived
    from the patterns; tests/test_reader_prefilters.py re-derives each one and fails when they differ.
    """

    __slots__ = ("starts", "needs", "_anchored", "_fold", "_head")

    def __init__(self, pattern: str, flags: Any, starts: tuple[str, ...], needs: tuple[tuple[str, ...], ...]) -> None:
        super().__init__(pattern, flags, _get)
        self.starts = starts
        self.needs = needs
        self._anchored = pattern.startswith("^")
        self._fold = bool(flags & IGNORECASE)
        # Fold turns one or two characters ("İ") into one: the fold of this many leading characters
        # begins with the start strings whenever the fold of the whole string does.
        self._head = 2 * max(map(len, starts), default=0)

    def _open(self, text: str, at_start: bool) -> bool:
        """Whether ``text`` may hold a match (False: it holds none)."""
        at_start = at_start and bool(self.starts)
        if not at_start and not self.needs:
            return True
        if not self._fold:
            s = text
        else:
            s = fold(text) if self.needs else fold(text[: self._head])  # only the start is looked at
        if at_start and not s.startswith(self.starts):
            return False
        for group in self.needs:
            for key in group:
                if key == DIGIT:
                    if not text.isascii() or _ASCII_DIGIT.search(text):
                        break
                elif key in s:
                    break
            else:
                return False
        return True

    def match(self, string: str) -> Any:
        return self._lazy.match(string) if self._open(string, True) else None

    def fullmatch(self, string: str) -> Any:
        return self._lazy.fullmatch(string) if self._open(string, True) else None

    def search(self, string: str) -> Any:
        return self._lazy.search(string) if self._open(string, self._anchored) else None
