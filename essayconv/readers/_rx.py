"""The readers' regular expressions: the ``regex`` module, with patterns compiled on first use and
module-level calls served from a plain dict.

Why: ``regex`` compiles in pure Python (the readers' ~150 module-level patterns cost ~0.3 s of
every start-up, compiled whether a run needs them or not), and its module-level functions
(``regex.search(pattern, text)``) look their pattern up in a cache keyed through enum flag
arithmetic, ~30 µs a call: a third of the reader's time on long essays. The semantics are
exactly those of ``regex``: the same pattern and flags reach ``regex.compile``.
"""

from __future__ import annotations

from typing import Any

import regex
from regex import IGNORECASE, VERBOSE, Match, Pattern, escape

__all__ = ["IGNORECASE", "VERBOSE", "Match", "Pattern", "compile", "escape", "findall", "finditer", "fullmatch",
           "match", "search", "split", "sub"]

_CACHE: dict[tuple[str, int], Pattern[str]] = {}


def _get(pattern: Any, flags: Any = 0) -> Any:
    if isinstance(pattern, LazyPattern):
        pattern = pattern.compiled
    if not isinstance(pattern, str):
        return regex.compile(pattern, flags)
    key = (pattern, int(flags))
    p = _CACHE.get(key)
    if p is None:
        p = _CACHE[key] = regex.compile(pattern, flags)
    return p


class LazyPattern:
    """A compiled pattern that compiles on first use (attribute access)."""

    __slots__ = ("_pattern", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: Any = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: Any = None

    @property
    def compiled(self) -> Any:
        if self._compiled is None:
            self._compiled = _get(self._pattern, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not a pattern's: also keeps copy/pickle from recursing here
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return repr(self.compiled)


def compile(pattern: Any, flags: Any = 0) -> Any:  # noqa: A001 - the regex module's name
    if isinstance(pattern, str):
        return LazyPattern(pattern, flags)
    return _get(pattern, flags)


def search(pattern: Any, string: str, flags: Any = 0) -> Any:
    return _get(pattern, flags).search(string)


def match(pattern: Any, string: str, flags: Any = 0) -> Any:
    return _get(pattern, flags).match(string)


def fullmatch(pattern: Any, string: str, flags: Any = 0) -> Any:
    return _get(pattern, flags).fullmatch(string)


def findall(pattern: Any, string: str, flags: Any = 0) -> Any:
    return _get(pattern, flags).findall(string)


def finditer(pattern: Any, string: str, flags: Any = 0) -> Any:
    return _get(pattern, flags).finditer(string)


def split(pattern: Any, string: str, maxsplit: int = 0, flags: Any = 0) -> Any:
    return _get(pattern, flags).split(string, maxsplit)


def sub(pattern: Any, repl: Any, string: str, count: int = 0, flags: Any = 0) -> Any:
    return _get(pattern, flags).sub(repl, string, count)
