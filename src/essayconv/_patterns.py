"""Lazily compiled regular expressions, shared by the readers (``regex``) and the reference parser (``re``).

Why: both modules compile in pure Python (``re`` ~0.3 ms, ``regex`` ~0.5 ms a pattern) and the two
packages hold a few hundred patterns, of which an essay uses a part; compiling them at import cost every
start-up a few hundred milliseconds. Their module-level functions (``re.sub(pattern, ...)``) also look
the pattern up through a cache keyed with flag-enum arithmetic, ~1 µs a call. Here a pattern compiles on
first use and module-level calls are served from a plain dict. The same pattern and flags reach the
engine's ``compile``, so matching is exactly the engine's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Compiler = Callable[[Any, Any], Any]

DIGIT = "\\d"  # in a gate's groups of keywords (readers/_rx.GatedPattern): a character that "\\d" matches


class LazyPattern:
    """A compiled pattern that compiles on first use.

    The first use of a pattern method (``search``, ``match`` ...) compiles the pattern and stores the
    compiled pattern's bound methods in this object's slots, so every later call goes straight to the
    engine's C code (``__getattr__`` only runs while a slot is empty).
    """

    __slots__ = (
        "_pattern",
        "_flags",
        "_compiler",
        "_compiled",
        "search",
        "match",
        "fullmatch",
        "finditer",
        "findall",
        "sub",
        "split",
        "groupindex",
    )

    def __init__(self, pattern: str, flags: Any, compiler: Compiler) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiler = compiler
        self._compiled: Any = None

    @property
    def compiled(self) -> Any:
        if self._compiled is None:
            c = self._compiled = self._compiler(self._pattern, self._flags)
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


class Gated:
    """The part of a gated pattern that does not depend on its gate: the lazy pattern behind it, which a
    module-level call gets ungated, and the pattern's other attributes. The engines' shims add the gate
    (their case folding differs) and the gated methods."""

    __slots__ = ("_lazy",)

    def __init__(self, pattern: str, flags: Any, compiler: Compiler) -> None:
        self._lazy = LazyPattern(pattern, flags, compiler)

    @property
    def compiled(self) -> Any:
        return self._lazy.compiled  # a module-level call with it: the pattern itself, ungated

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._lazy, name)  # pattern, flags, groupindex, finditer ...

    def __repr__(self) -> str:
        return repr(self._lazy)


class Patterns:
    """One engine's compiled patterns by (pattern, flags), and its module-level functions served from them."""

    MAX = 2048

    def __init__(self, engine_compile: Compiler) -> None:
        self._engine_compile = engine_compile
        self.cache: dict[tuple[str, int], Any] = {}

    def get(self, pattern: Any, flags: Any = 0) -> Any:
        if type(pattern) is str:
            # A RegexFlag hashes and compares as its int value: (p, I) and (p, 2) are one key.
            p = self.cache.get((pattern, flags))
            if p is None:
                if len(self.cache) >= self.MAX:
                    # Patterns built from the text ("\\b<year>...") would grow the cache without end in a
                    # long batch: the oldest entry goes (lazy module patterns keep their own reference).
                    try:
                        del self.cache[next(iter(self.cache))]
                    except (KeyError, RuntimeError, StopIteration):
                        pass  # another thread (a Dask worker's) evicted or inserted at the same moment
                p = self.cache[(pattern, int(flags))] = self._engine_compile(pattern, flags)
            return p
        compiled = getattr(pattern, "compiled", None)  # a lazy (or gated) pattern: the pattern itself
        if compiled is not None:
            return compiled
        return self._engine_compile(pattern, flags)

    def compile(self, pattern: Any, flags: Any = 0) -> Any:
        if isinstance(pattern, str):
            return LazyPattern(pattern, flags, self.get)
        return self.get(pattern, flags)

    # The module-level functions look the pattern up in the cache themselves and call ``get`` only on a miss
    # (a pattern not compiled yet, or a compiled or lazy one passed in): one Python call fewer on each of the
    # few hundred module-level calls of an essay.

    def search(self, pattern: Any, string: str, flags: Any = 0) -> Any:
        return (self.cache.get((pattern, flags)) or self.get(pattern, flags)).search(string)

    def match(self, pattern: Any, string: str, flags: Any = 0) -> Any:
        return (self.cache.get((pattern, flags)) or self.get(pattern, flags)).match(string)

    def fullmatch(self, pattern: Any, string: str, flags: Any = 0) -> Any:
        return (self.cache.get((pattern, flags)) or self.get(pattern, flags)).fullmatch(string)

    def findall(self, pattern: Any, string: str, flags: Any = 0) -> Any:
        return (self.cache.get((pattern, flags)) or self.get(pattern, flags)).findall(string)

    def finditer(self, pattern: Any, string: str, flags: Any = 0) -> Any:
        return (self.cache.get((pattern, flags)) or self.get(pattern, flags)).finditer(string)

    def split(self, pattern: Any, string: str, maxsplit: int = 0, flags: Any = 0) -> Any:
        return (self.cache.get((pattern, flags)) or self.get(pattern, flags)).split(string, maxsplit)

    def sub(self, pattern: Any, repl: Any, string: str, count: int = 0, flags: Any = 0) -> Any:
        return (self.cache.get((pattern, flags)) or self.get(pattern, flags)).sub(repl, string, count)
