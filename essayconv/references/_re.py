"""Lazily compiled patterns: the standard ``re`` module's semantics, with patterns compiled on first use
and module-level calls served from a plain dict.

Why: the reference parser has about a hundred patterns; compiling them all when the module is imported
costs every start-up ~15 ms, although an essay uses a part of them, and ``re.sub(pattern, ...)`` looks
its pattern up through ``re``'s own cache (flag-enum arithmetic), ~1 µs a call. The same pattern and
flags reach ``re.compile``, so matching is exactly the standard module's. The readers' ``_rx`` module
builds the same on the ``regex`` module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from re import IGNORECASE, VERBOSE, Match, Pattern, escape
from typing import Any

I = IGNORECASE  # noqa: E741 - the re module's name

__all__ = ["I", "IGNORECASE", "VERBOSE", "LazyPattern", "Match", "Pattern", "compile", "escape", "findall",
           "finditer", "fullmatch", "match", "search", "split", "sub"]


class LazyPattern:
    """A compiled pattern that compiles on first use.

    The first use of a pattern method (``search``, ``match`` ...) compiles the pattern and stores the
    compiled pattern's bound methods in this object's slots, so every later call goes straight to the
    engine's C code (``__getattr__`` only runs while a slot is empty). ``_compiler`` is ``re.compile``
    here; the readers' ``regex`` patterns use this class with ``regex.compile``.
    """

    __slots__ = ("_pattern", "_flags", "_compiler", "_compiled", "search", "match", "fullmatch", "finditer",
                 "findall", "sub", "split", "groupindex")

    def __init__(self, pattern: str, flags: Any = 0, compiler: Callable[[str, Any], Any] | None = None) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiler = compiler
        self._compiled: Any = None

    @property
    def compiled(self) -> Any:
        if self._compiled is None:
            c = self._compiled = (self._compiler or _get)(self._pattern, self._flags)
            self.search, self.match, self.fullmatch = c.search, c.match, c.fullmatch
            self.finditer, self.findall, self.sub, self.split = c.finditer, c.findall, c.sub, c.split
            self.groupindex = c.groupindex
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        # Only reached for an empty slot (not yet compiled) or an attribute the slots do not hold.
        if name.startswith("_"):  # not a pattern's: also keeps copy/pickle from recursing here
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return repr(self.compiled)


_CACHE: dict[tuple[str, int], Pattern[str]] = {}
_MAX_CACHE = 2048


def _get(pattern: Any, flags: Any = 0) -> Any:
    if type(pattern) is str:
        # A RegexFlag hashes and compares as its int value: (p, I) and (p, 2) are one key.
        p = _CACHE.get((pattern, flags))
        if p is None:
            if len(_CACHE) >= _MAX_CACHE:
                # Patterns built from the text ("\\b<year>...") would grow the cache without end in a
                # long batch: the oldest entry goes (lazy module patterns keep their own reference).
                del _CACHE[next(iter(_CACHE))]
            p = _CACHE[(pattern, int(flags))] = re.compile(pattern, flags)
        return p
    if isinstance(pattern, LazyPattern):
        return pattern.compiled
    return re.compile(pattern, flags)


def compile(pattern: Any, flags: Any = 0) -> Any:  # noqa: A001 - the re module's name
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
