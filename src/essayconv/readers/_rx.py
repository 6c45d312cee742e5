"""The readers' regular expressions: the ``regex`` module, with patterns compiled on first use, gated
by cheap string tests, and module-level calls served from a plain dict.

Why: ``regex`` compiles in pure Python (~0.5 ms a pattern, ~150 patterns in the readers), and its
module-level functions (``regex.search(pattern, text)``) look their pattern up in a cache keyed through
enum flag arithmetic. Patterns compile when first used (``LazyPattern``, shared with the references'
``_re``); a ``GatedPattern`` (``compile(..., gated=True)``) first asks whether the string holds what
every match holds (a start, a keyword, a digit), so the many lines that cannot match cost a string test,
and a pattern that no line gets through is never compiled. The gates are derived from the patterns by
tools/gen_gates.py into essayconv/_gates.py. The semantics are exactly those of ``regex``: the same
pattern and flags reach ``regex.compile``, and a gate only answers "no match" where the pattern would.
"""

from __future__ import annotations

import re as _stdlib_re
import sys
from typing import Any

import regex
from regex import IGNORECASE, VERBOSE, Match, Pattern, escape

from .. import _gates
from .._patterns import DIGIT, Gated, LazyPattern, Patterns

__all__ = [
    "DIGIT",
    "IGNORECASE",
    "VERBOSE",
    "GatedPattern",
    "Match",
    "Pattern",
    "compile",
    "escape",
    "findall",
    "finditer",
    "fold",
    "fullmatch",
    "match",
    "search",
    "split",
    "sub",
]

PATTERNS = Patterns(regex.compile)
_get = PATTERNS.get
search, match, fullmatch = PATTERNS.search, PATTERNS.match, PATTERNS.fullmatch
findall, finditer, split, sub = PATTERNS.findall, PATTERNS.finditer, PATTERNS.split, PATTERNS.sub


# (module name, pattern) of each pattern compiled with gated=True, for tools/gen_gates.py
GATED: list[tuple[str, GatedPattern]] = []


def compile(pattern: Any, flags: Any = 0, *, gated: bool = False, twin: bool = False) -> Any:  # noqa: A001
    """``regex.compile``, compiled on first use; ``gated``: a GatedPattern, its gate looked up in the
    generated table (essayconv/_gates.py: run tools/gen_gates.py after changing a gated pattern; one not
    in the table runs ungated); ``twin``: matched by the standard ``re`` where the two engines agree (see
    TwinPattern)."""
    if isinstance(pattern, str):
        if gated:
            starts, needs = _gates.READERS.get((pattern, int(flags)), ((), ()))
            g = GatedPattern(pattern, flags, starts, needs, twin)
            GATED.append((sys._getframe(1).f_globals.get("__name__", "?"), g))
            return g
        return TwinPattern(pattern, flags) if twin else LazyPattern(pattern, flags, _get)
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


_ASCII_DIGIT = _stdlib_re.compile(r"[0-9]")

# ---- Twins: the standard re where it agrees with regex ----------------------------------------------
#
# Why: regex compiles in pure Python, 2-3 times slower than re; the date line and reference heading patterns
# alone cost ~5 ms on the first essay of a process. For a pattern without word classes (\w, \b), Unicode
# properties or regex-only syntax, written in ASCII, the two engines differ only in what a few classes take
# (checked over all of Unicode by tests/test_reader_prefilters.py): re's \s also takes U+001C-U+001F,
# regex's \d also takes digits added to Unicode after Python's tables (all beyond U+FFFF), and the two
# IGNORECASE modes disagree on "ı" (dotless i) and "İ" (dotted I) against "i" and ranges like [A-Z]. A string
# holding none of those gets the same answer from both; the others go to regex: every answer is regex's.
# ENGINES_DIFFER is that set as a class (for the tests and the record: engines_differ answers the same, faster).
ENGINES_DIFFER = "[\x1c-\x1f\u0130\u0131\U00010000-\U0010ffff]"
# What a twin may hold: no word classes, Unicode properties or other regex-only syntax (escapes: word
# classes, properties, regex-only ones, and any character by code ("\\u00e9": not ASCII); any "(?" but
# a plain group, a lookahead or a named group or reference; "[[" a POSIX class). Checked as the twin's
# re side compiles, so that a twin costs nothing at import.
_NOT_TWIN = r"\\[wWbBpPLNXGKmMzhuUx0]|\(\?(?![:=!]|P[<=])|\[\["
_TWIN_FLAGS = int(IGNORECASE)


def engines_differ(string: str) -> bool:
    """Whether ``string`` holds a character of ENGINES_DIFFER (as fast as a few substring tests: a string
    of characters below U+10000 encodes to two bytes a character in UTF-16)."""
    if "\x1c" in string or "\x1d" in string or "\x1e" in string or "\x1f" in string:
        return True
    if string.isascii():
        return False
    return (
        "\u0130" in string or "\u0131" in string or len(string.encode("utf-16-le", "surrogatepass")) != 2 * len(string)
    )


def _twin_compile(pattern: str, flags: Any) -> Any:
    """The re side of a twin, refused for a pattern that re would not match as regex does."""
    if not pattern.isascii() or _stdlib_re.search(_NOT_TWIN, pattern) or int(flags) & ~_TWIN_FLAGS:
        raise ValueError(f"not a pattern re matches as regex does: {pattern[:60]!r}")
    return _STD.get(pattern, _stdlib_re.RegexFlag(int(flags)))


_STD = Patterns(_stdlib_re.compile)


class TwinPattern:
    """A pattern matched by the standard ``re`` when ``string`` holds no character on which the two engines
    differ, and by ``regex`` otherwise (each compiled on first use): always regex's answer."""

    __slots__ = ("_lazy", "_std")

    def __init__(self, pattern: str, flags: Any) -> None:
        self._lazy = LazyPattern(pattern, flags, _get)
        self._std = LazyPattern(pattern, flags, _twin_compile)

    def _engine(self, string: str) -> LazyPattern:
        return self._lazy if engines_differ(string) else self._std

    def match(self, string: str, *args: Any) -> Any:
        return self._engine(string).match(string, *args)

    def fullmatch(self, string: str, *args: Any) -> Any:
        return self._engine(string).fullmatch(string, *args)

    def search(self, string: str, *args: Any) -> Any:
        return self._engine(string).search(string, *args)

    @property
    def compiled(self) -> Any:
        return self._lazy.compiled  # a module-level call with it: regex's pattern

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._lazy, name)  # pattern, flags, groupindex, finditer ... (regex's)

    def __repr__(self) -> str:
        return repr(self._lazy)


class GatedPattern(Gated):
    """A pattern (compiled on first use) that is only tried on strings holding what each of its matches
    holds: one of ``starts`` at the start (for ``match``/``fullmatch``, and for ``search`` when the
    pattern is anchored by "^"), and one keyword of each group of ``needs`` anywhere. Case-insensitive
    patterns compare the fold (see ``fold``) of the string. ``DIGIT`` as a keyword: the string has an
    ASCII digit, or is not ASCII (regex's "\\d" matches the digits of every script, and no other ASCII
    character than 0-9).

    Most lines of an essay are not dates, captions or section names: the gate, a few string tests,
    answers for them, and a pattern that no line gets through is never compiled. The gates are derived
    from the patterns (essayconv/_gate_derive.py, run by tools/gen_gates.py); tests/test_reader_prefilters.py
    checks each against its pattern.
    """

    __slots__ = ("starts", "needs", "_anchored", "_fold", "_head", "_behind")

    def __init__(
        self, pattern: str, flags: Any, starts: tuple[str, ...], needs: tuple[tuple[str, ...], ...], twin: bool = False
    ) -> None:
        super().__init__(pattern, flags, _get)
        # what runs behind the gate: the pattern, or its twin (which keeps the pattern as its regex side)
        self._behind: Any = self._lazy
        if twin:
            self._behind = TwinPattern(pattern, flags)
            self._lazy = self._behind._lazy
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
        elif at_start:
            # the start first, on the fold of the head: most lines fail it, and a paragraph is not folded
            if not fold(text[: self._head]).startswith(self.starts):
                return False
            if not self.needs:
                return True
            s = fold(text)
        else:
            s = fold(text)
        if at_start and not s.startswith(self.starts):
            return False
        return self.holds_needs(text, s)

    def holds_needs(self, text: str, s: str) -> bool:
        """Whether ``text`` holds a keyword of each group of ``needs``; ``s``: the string the keywords are
        looked for in (``text``, or its fold when the pattern ignores case)."""
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
        return self._behind.match(string) if self._open(string, True) else None

    def fullmatch(self, string: str) -> Any:
        return self._behind.fullmatch(string) if self._open(string, True) else None

    def search(self, string: str) -> Any:
        return self._behind.search(string) if self._open(string, self._anchored) else None
