"""What every match of a regular expression holds, read from its parse tree: the gates of the gated
patterns, derived, checked, and written to the table the regex shims read (essayconv/_gates.py).

A gated pattern (readers/_rx.GatedPattern, references/_re.GatedPattern) is only run on strings that
hold what each of its matches holds: one of its ``starts`` at the start (the readers' shim only), and
one keyword of each group of its ``needs`` somewhere (``DIGIT``: a digit). Here those gates are derived
from the pattern, for each shim's way of comparing (the readers' compare the fold of the string when the
pattern ignores case, and know DIGIT; the references' compare the lower-cased string when it is ASCII
and let any other through), and checked (``check_gate``): tests/test_reader_prefilters.py and
tests/test_refs_gates.py hold the gates in the table to this module and to the patterns' own answers.

``python tools/gen_gates.py`` imports the readers and the reference parser, collects every pattern
compiled with ``gated=True``, derives its gate and writes the table; tests/test_gate_table.py fails when
the table is not what the patterns give. This module runs only there and in the tests, never when the
pipeline imports: the stdlib parser is private to ``re`` and ~0.3 ms a pattern.

The analysis reads the stdlib's parse tree (``re._parser``; the readers' ``regex`` patterns once their
``\\p{..}`` classes become ``\\w``, which only loses what a gate could use). It is conservative: an item
it does not understand (a class of many characters, a backreference, a group that changes flags)
yields nothing, so a gate is at worst weaker than it could be, never wrong.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import pkgutil
import re
import re._constants as C  # noqa: N812 - the parser's opcodes
import re._parser as sre_parse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from ._patterns import DIGIT

Items = Sequence[tuple[Any, Any]]
Group = frozenset[str]
Gate = tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]  # (starts, needs)

# Non-ASCII characters that regex matches case-insensitively to themselves only (tests/test_reader_prefilters.py
# checks it over all of Unicode): a case-insensitive readers' pattern may take them into a keyword.
CASELESS = "©’»›•·—–─⸺…"

CLASS_MAX = 32  # a character class of at most this many characters is read as its characters
RUN_MAX = 256  # the most strings a run of items is followed through (beyond: the run ends)
START_MAX = 64  # the most start strings a gate takes
KEYS_MAX = 80  # the most keywords a group of a gate takes (beyond: the group is skipped)
SECOND_KEYS_MAX = 8  # the most keywords of a second group (it is only looked for where the first is found)
COMMON = 5.0  # a group whose keywords a string holds about this many of (``chance``) is not worth a second look
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE  # the flags a derivable pattern may have


class Mode(NamedTuple):
    """How a shim compares a pattern's literals with a string."""

    engine: str  # "regex" (the readers' _rx) or "re" (the references' _re)
    fold: bool  # the pattern ignores case: the shim compares a case-folded string

    def char(self, code: int) -> str | None:
        """The character a literal stands for in the string the gate compares, or None when a match may
        take characters that do not give it."""
        c = chr(code)
        if not self.fold:
            return c
        if c.isascii():
            return c.lower()
        if self.engine == "regex":
            return c if c in CASELESS else None  # (_rx.fold: a match of an ASCII letter folds to it)
        return _re_fold(c)

    @property
    def digit(self) -> bool:
        """Whether the shim knows the DIGIT keyword (the readers')."""
        return self.engine == "regex"


@functools.cache
def _re_fold(c: str) -> str | None:
    """A non-ASCII literal of a case-insensitive ``re`` pattern, as the references' gate compares it: a
    non-ASCII string always goes through, and in an ASCII string (lower-cased) ``c`` can only match the
    ASCII letters re folds to it ("K" Kelvin sign: "k"); with none, a keyword holding ``c`` is never in
    an ASCII string, where the pattern cannot match it either."""
    lows = {a.lower() for a in map(chr, range(128)) if re.fullmatch(re.escape(c), a, re.IGNORECASE)}
    if len(lows) > 1:
        return None
    low = next(iter(lows), c.lower())
    return low if len(low) == 1 else None


def parse(pattern: str, flags: int, engine: str) -> Items | None:
    """The parse tree of ``pattern``, or None when it cannot be read here (its gate is then empty)."""
    if int(flags) & ~_FLAGS:
        return None
    if engine == "regex":
        pattern = re.sub(r"\\[pP]\{\w+\}", r"\\w", pattern)
    try:
        tree = sre_parse.parse(pattern, int(flags) & re.VERBOSE)
    except (re.error, OverflowError, RecursionError):
        return None
    if tree.state.flags & ~(re.VERBOSE | re.UNICODE):
        return None  # inline flags for the whole pattern: the shim does not read them
    return list(tree)


# ------------------------------------------------------------------------------------------------
# The strings an item matches
# ------------------------------------------------------------------------------------------------


def _cross(a: Iterable[str], b: Iterable[str], limit: int = RUN_MAX) -> set[str] | None:
    a, b = list(a), list(b)
    if len(a) * len(b) > limit:
        return None
    return {x + y for x in a for y in b}


def _class(items: Items, mode: Mode) -> set[str] | None:
    """The characters of a positive class of literals and small ranges (None otherwise)."""
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            codes = [av]
        elif op is C.RANGE and av[1] - av[0] < CLASS_MAX:
            codes = list(range(av[0], av[1] + 1))
        else:
            return None
        for code in codes:
            c = mode.char(code)
            if c is None:
                return None
            chars.add(c)
    return chars if len(chars) <= CLASS_MAX else None


def _body(op: Any, av: Any, mode: Mode) -> Items | None:
    """The items of a group, or of a repeat taken at least once, whose matches are all of the item's."""
    if op is C.SUBPATTERN:
        _group, add, delete, items = av
        # A case-sensitive part of a case-insensitive pattern: its exact literals fold as the rest.
        if add == 0 and (delete == 0 or (mode.fold and delete == re.IGNORECASE)):
            return list(items)
        return None
    if op is C.ATOMIC_GROUP:
        return list(av)
    if op in _REPEATS and av[0] >= 1:
        return list(av[2])
    return None


def strings(op: Any, av: Any, mode: Mode) -> set[str] | None:
    """The finite, small set of strings one parsed item matches (as the gate compares them), or None."""
    if op is C.LITERAL:
        c = mode.char(av)
        return None if c is None else {c}
    if op in _ZERO_WIDTH:
        return {""}
    if op is C.IN:
        return _class(av, mode)
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            sub = seq_strings(list(alt), mode)
            if sub is None:
                return None
            out |= sub
        return out if len(out) <= RUN_MAX else None
    if op in _REPEATS and av[1] <= 3:
        body = seq_strings(list(av[2]), mode)
        if body is None:
            return None
        out, cur = set(), {""}
        for k in range(av[1] + 1):
            if k >= av[0]:
                out |= cur
            if k < av[1]:
                nxt = _cross(cur, body)
                if nxt is None:
                    return None
                cur = nxt
        return out
    if op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
        body = _body(op, av, mode)
        return None if body is None else seq_strings(body, mode)
    return None  # a class of many characters, an unbounded repeat, a backreference ...


def seq_strings(items: Items, mode: Mode) -> set[str] | None:
    cur: set[str] | None = {""}
    for op, av in items:
        item = strings(op, av, mode)
        if item is None or cur is None:
            return None
        cur = _cross(cur, item)
    return cur


def _copies(av: Any, mode: Mode) -> set[str] | None:
    """A repeat taken at least once, beyond what ``strings`` follows: the strings of its first (or its
    last) ``min`` copies, which every match consumes in a row."""
    if av[0] < 1:
        return None
    body = seq_strings(list(av[2]), mode)
    cur: set[str] | None = {""}
    for _ in range(av[0]):
        if body is None or cur is None:
            return None
        cur = _cross(cur, body)
    return cur


Run = list[set[str]]  # the strings of each item of a run of items, in order


def runs(items: Items, mode: Mode) -> list[Run]:
    """The maximal runs of consecutive items with a small finite set of matches (at most RUN_MAX strings
    for the run): every match consumes one of a run's strings (``run_strings``) in a row."""
    out: list[Run] = []
    cur: Run = []
    size = 1  # (at least) how many strings the run holds
    for op, av in items:
        item = strings(op, av, mode)
        if item is not None:
            if size * len(item) <= RUN_MAX:
                cur.append(item)
                size *= len(item)
            else:
                out.append(cur)
                cur, size = [item], len(item)
            continue
        # A repeat taken at least once beyond what ``strings`` follows: its first copies end this run,
        # its last copies begin the next.
        copies = _copies(av, mode) if op in _REPEATS else None
        if copies is not None and size * len(copies) <= RUN_MAX:
            cur.append(copies)
        out.append(cur)
        cur, size = ([copies], len(copies)) if copies is not None else ([], 1)
    out.append(cur)
    return [run for run in out if any(piece != {""} for piece in run)]


def run_strings(run: Run) -> set[str]:
    """The strings a run may consume."""
    out = {""}
    for piece in run:
        out = {x + y for x in out for y in piece}
    return out


def _is_digit(op: Any, av: Any, mode: Mode) -> bool:
    """Whether the item matches a single digit only (a literal digit, \\d, [0-9] and the like)."""
    if not mode.digit:
        return False
    if op is C.LITERAL:
        return 48 <= av <= 57
    return op is C.IN and all(
        (o is C.CATEGORY and a is C.CATEGORY_DIGIT)
        or (o is C.RANGE and 48 <= a[0] <= a[1] <= 57)
        or (o is C.LITERAL and 48 <= a <= 57)
        for o, a in av
    )


# ------------------------------------------------------------------------------------------------
# Checking a gate
# ------------------------------------------------------------------------------------------------


def _holds(s: str, keys: Iterable[str]) -> bool:
    """Whether the string ``s`` holds one of the keywords (DIGIT: an ASCII digit)."""
    return any((any("0" <= c <= "9" for c in s) if k == DIGIT else k in s) for k in keys)


def covers(items: Items, keys: Iterable[str], mode: Mode) -> bool:
    """Whether every match of ``items`` consumes a string holding one of ``keys``."""
    keys = tuple(keys)
    if any(all(_holds(s, keys) for s in run_strings(run)) for run in runs(items, mode)):
        return True
    for op, av in items:
        if DIGIT in keys and _is_digit(op, av, mode):
            return True
        body = _body(op, av, mode)
        if body is not None and covers(body, keys, mode):
            return True
        if op is C.BRANCH and all(covers(list(alt), keys, mode) for alt in av[1]):
            return True
    return False


def leading(items: Items, mode: Mode) -> set[str] | None:
    """Strings one of which every match of ``items`` starts with, or None."""
    prefixes = {""}
    for op, av in items:
        item = strings(op, av, mode)
        if item is not None:
            joined = _cross(prefixes, item, START_MAX)
            if joined is None:
                break
            prefixes = joined
            continue
        sub: set[str] | None = None
        body = _body(op, av, mode)
        if body is not None:
            sub = leading(body, mode)
        elif op is C.BRANCH:
            subs = [leading(list(alt), mode) for alt in av[1]]
            sub = None if any(s is None for s in subs) else set().union(*subs)  # type: ignore[arg-type]
        if sub is not None:
            prefixes = _cross(prefixes, sub, START_MAX) or prefixes
        break
    return None if "" in prefixes else prefixes


def anchored(items: Items, mode: Mode) -> set[str] | None:
    """Strings one of which a string starts with wherever the "^"-anchored ``items`` match, or None."""
    if not items:
        return None
    op, av = items[0]
    if op is C.AT and av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
        return leading(items[1:], mode)
    if op is C.BRANCH:
        subs = [anchored(list(alt), mode) for alt in av[1]]
        return None if any(s is None for s in subs) else set().union(*subs)  # type: ignore[arg-type]
    body = _body(op, av, mode) if op is C.SUBPATTERN else None
    return None if body is None else anchored(body, mode)


def mode_of(flags: int, engine: str) -> Mode:
    return Mode(engine, bool(int(flags) & re.IGNORECASE))


def _starts_of(pattern: str, flags: int, items: Items, mode: Mode) -> set[str] | None:
    """What every match starts with, for a pattern that begins with "^" (the readers' shim then asks it
    of ``search`` as of ``match``; a phrase table may too): only without MULTILINE."""
    if not pattern.startswith("^") or int(flags) & re.MULTILINE:
        return None
    return anchored(items, mode)


def check_gate(
    pattern: str, flags: int, engine: str, starts: tuple[str, ...], needs: tuple[tuple[str, ...], ...]
) -> None:
    """Raise AssertionError unless every match of ``pattern`` holds the gate: one of ``starts`` at its
    start (where the readers' shim asks it) and one keyword of each group of ``needs``."""
    if not starts and not needs:
        return
    items = parse(pattern, flags, engine)
    assert items is not None, f"a gate on a pattern that is not read here: {pattern!r}"
    mode = mode_of(flags, engine)
    for group in needs:
        assert covers(items, group, mode), f"not every match of {pattern!r} holds one of {group}"
    if starts:
        assert engine == "regex", "the references' shim has no start strings"
        derived = _starts_of(pattern, flags, items, mode)
        assert derived is not None, f"no start string for every match of {pattern!r}"
        for d in derived:
            assert d.startswith(starts), f"a match of {pattern!r} may start with {d!r}, not one of {starts}"


# ------------------------------------------------------------------------------------------------
# Deriving a gate
# ------------------------------------------------------------------------------------------------

# How many of a group's keywords a string holds, roughly: for each keyword, the string's length (a line of
# an essay, a part of a reference) times the frequency of its first character (_FIRST) times, for each
# next character, how likely it is to follow there (_FOLLOW: a space or a common letter adds little, a sign
# or a capital much). Only the order matters: it ranks the groups of a pattern.
_LENGTH = {"regex": 80, "re": 30}
_COMMON = frozenset("etaoinsrhldcu")
# (a reference holds more signs and digits than a line of prose)
_SIGNS = {"regex": {".": 0.01, ",": 0.01, "(": 0.002, ")": 0.002}, "re": {".": 0.06, ",": 0.04, "(": 0.06, ")": 0.06}}
_DIGIT_CHANCE = 1.0  # a line holds a digit, or is not ASCII: about as often as a period


def _first(c: str, engine: str) -> float:
    if c in _SIGNS[engine]:
        return _SIGNS[engine][c]
    if c == " ":
        return 0.16
    if c in _COMMON:
        return 0.07
    if "a" <= c <= "z":
        return 0.02
    if "0" <= c <= "9":
        return 0.005 if engine == "regex" else 0.03
    return 0.005 if c.isupper() or c.isascii() else 0.002


def _follow(c: str) -> float:
    if c == " ":
        return 0.8
    if c in _COMMON:
        return 0.35
    if "a" <= c <= "z":
        return 0.25
    if "A" <= c <= "Z":
        return 0.05
    if "0" <= c <= "9":
        return 0.1
    return 0.03 if c.isascii() else 0.01


def chance(group: Iterable[str], engine: str) -> float:
    """How many of the keywords a string holds, roughly (the fewer, the more selective the group; above
    1, about every string holds one)."""
    total = 0.0
    for k in group:
        if k == DIGIT:
            total += _DIGIT_CHANCE
            continue
        p = _LENGTH[engine] * _first(k[0], engine)
        for c in k[1:]:
            p *= _follow(c)
        total += p
    return total


class _Rank(NamedTuple):
    """Orders a pattern's groups: by what a group costs a call of the pattern (a substring test for each
    keyword, and the pattern's run, the dearer the longer the pattern, for each string holding one);
    then the most selective."""

    engine: str
    run: float  # a run of the pattern, in substring tests

    def __call__(self, group: Group) -> tuple[float, float, int, list[str]]:
        p = chance(group, self.engine)
        return (len(group) + self.run * p, p, len(group), sorted(group))


def _rank_for(pattern: str, engine: str) -> _Rank:
    return _Rank(engine, 10 + len(pattern) / 10)


def minimal(keys: Iterable[str]) -> Group:
    """The keywords without those that hold another one of them (or a digit, beside DIGIT): a string
    holding one of the keywords holds one of these."""
    keys = set(keys)
    digit = DIGIT in keys
    kept: list[str] = []
    for k in sorted(keys - {DIGIT}, key=lambda k: (len(k), k)):  # (a keyword holds only shorter ones)
        if not (digit and any("0" <= c <= "9" for c in k)) and not any(o in k for o in kept):
            kept.append(k)
    return frozenset(kept + [DIGIT] * digit)


def implies(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether a string holding a keyword of ``a`` always holds one of ``b``."""
    b = tuple(b)
    return all(DIGIT in b if k == DIGIT else _holds(k, b) for k in a)


def _run_groups(run: Run) -> set[Group]:
    """Groups of a run: all its strings; each stretch of items of one string; each item of several
    strings with the stretches on either side (fewer keywords, if less selective)."""
    out = {minimal(run_strings(run))}
    single = [len(piece) == 1 for piece in run]
    for i, piece in enumerate(run):
        lo, hi = i, i + 1
        while lo > 0 and single[lo - 1]:
            lo -= 1
        while hi < len(run) and single[hi]:
            hi += 1
        if not single[i] or lo == 0 or not single[lo - 1]:  # (each stretch once: from its first item)
            out.add(minimal(run_strings(run[lo:hi])))
    return {g for g in out if "" not in g}


def candidates(items: Items, mode: Mode, rank: _Rank) -> set[Group]:
    """Groups of keywords each of which every match of ``items`` holds one of."""
    out: set[Group] = set()
    for run in runs(items, mode):
        out |= _run_groups(run)
    for op, av in items:
        if _is_digit(op, av, mode):
            out.add(frozenset({DIGIT}))
        body = _body(op, av, mode)
        if body is not None:
            out |= candidates(body, mode, rank)
        elif op is C.BRANCH:
            # A group of each alternative, together: the first of each, and the next of each.
            ranked = [sorted(candidates(list(alt), mode, rank), key=rank) for alt in av[1]]
            if all(ranked):
                for k in (0, 1):
                    out.add(_union([r[min(k, len(r) - 1)] for r in ranked], ranked))
    return {g for g in out if len(g) <= KEYS_MAX}


_CLOSERS = {")": "(", "]": "[", "}": "{"}


def _closes(group: Group, first: Group) -> bool:
    """Whether ``group`` holds only closing brackets of openers in ``first``: most strings holding the
    opener hold the closer, another second group sorts them better."""
    return all(_CLOSERS.get(k) in first for k in group)


def _union(chosen: list[Group], ranked: list[list[Group]]) -> Group:
    """The group of a branch from a group of each alternative: where another group of an alternative
    asks only what the others' already ask (a DIGIT another alternative brings), that one is taken."""
    chosen = list(chosen)
    for i, groups in enumerate(ranked):
        others = set().union(*chosen[:i], *chosen[i + 1 :])
        chosen[i] = next((g for g in groups if implies(g, others)), chosen[i])
    return minimal(set().union(*chosen))


def derive(pattern: str, flags: int, engine: str) -> Gate:
    """The gate of ``pattern`` for its shim: its start strings (the readers' shim only) and up to two
    groups of needed keywords, the first in _Rank's order, none that the start strings ask.
    The second is one worth a look where the first is found: at most SECOND_KEYS_MAX keywords, not in
    about every string, not implied by the first; closing brackets of the first's openers only if no
    other is."""
    items = parse(pattern, flags, engine)
    if items is None:
        return (), ()
    mode = mode_of(flags, engine)
    starts: set[str] = set()
    if engine == "regex":
        found = _starts_of(pattern, flags, items, mode)
        if found is not None and len(found) <= START_MAX:
            starts = {s for s in found if not any(o != s and s.startswith(o) for o in found)}
    rank = _rank_for(pattern, engine)
    ranked = sorted(candidates(items, mode, rank), key=rank)
    ranked = [g for g in ranked if not (starts and implies(starts, g))]  # (what the start strings ask)
    if not ranked:
        return tuple(sorted(starts)), ()
    first = ranked[0]
    second = [
        g for g in ranked[1:] if not implies(first, g) and len(g) <= SECOND_KEYS_MAX and chance(g, engine) < COMMON
    ]
    second.sort(key=lambda g: _closes(g, first))
    # The group of fewer keywords is looked for first (if it is found, at most one test more than the
    # other way round; if not, the other's tests are saved), and in a group the likeliest keyword first.
    needs = sorted([first, *second[:1]], key=len)
    likeliest = functools.partial(_likeliest, engine=engine)
    return tuple(sorted(starts)), tuple(tuple(sorted(g, key=likeliest)) for g in needs)


def _likeliest(key: str, engine: str) -> tuple[float, str]:
    return (-chance((key,), engine), key)


def at_least_as_selective(a: Gate, b: Gate) -> bool:
    """Whether a string that gate ``a`` lets through always gets through gate ``b`` (for the record:
    the derived gates against hand-written ones)."""
    (a_starts, a_needs), (b_starts, b_needs) = a, b
    if b_starts and not (a_starts and all(s.startswith(b_starts) for s in a_starts)):
        return False
    return all(any(implies(g, group) for g in a_needs) or (a_starts and implies(a_starts, group)) for group in b_needs)


# ------------------------------------------------------------------------------------------------
# The table
# ------------------------------------------------------------------------------------------------

TABLE = Path(__file__).with_name("_gates.py")
_PACKAGES = ("essayconv.readers", "essayconv.references")


class Entry(NamedTuple):
    engine: str
    pattern: str
    flags: int
    names: tuple[str, ...]  # where the pattern is defined: "readers.headings._APPENDIX"


def _names_in(module: Any) -> dict[int, list[str]]:
    """id of each gated pattern a module holds -> its name (a module-level name, or a place in a list or
    tuple of them)."""
    from .readers._rx import GatedPattern as ReaderGate
    from .references._re import GatedPattern as RefGate

    short = module.__name__.removeprefix("essayconv.")
    out: dict[int, list[str]] = {}

    def walk(value: Any, name: str, depth: int) -> None:
        if isinstance(value, (ReaderGate, RefGate)):
            if id(value) not in out:  # the first name, in the order the module binds them: its definition
                out[id(value)] = [f"{short}.{name}"]
        elif depth < 2 and isinstance(value, (tuple, list)):
            for i, v in enumerate(value):
                walk(v, f"{name}[{i}]", depth + 1)

    for name, value in vars(module).items():
        walk(value, name, 0)
    return out


def collect() -> list[Entry]:
    """Every pattern the readers and the reference parser compile with ``gated=True`` (each of their
    modules imported), with where it is defined."""
    from .readers import _rx
    from .references import _re

    for pkg_name in _PACKAGES:
        pkg = importlib.import_module(pkg_name)
        for info in pkgutil.iter_modules(pkg.__path__):
            importlib.import_module(f"{pkg_name}.{info.name}")
    found: dict[tuple[str, str, int], list[str]] = {}
    named: dict[str, dict[int, list[str]]] = {}
    for engine, registry in (("regex", _rx.GATED), ("re", _re.GATED)):
        # by module, and in each in the order its patterns are defined
        for module_name, gated in sorted(registry, key=lambda entry: entry[0]):
            if not module_name.startswith(_PACKAGES):
                continue  # (a test's own pattern)
            if module_name not in named:
                named[module_name] = _names_in(sys.modules[module_name])
            names = named[module_name].get(id(gated)) or [f"{module_name.removeprefix('essayconv.')} (unnamed)"]
            key = (engine, gated._lazy._pattern, int(gated._lazy._flags))  # (.pattern, .flags would compile it)
            found.setdefault(key, [])
            found[key] += [n for n in names if n not in found[key]]
    return [Entry(e, p, f, tuple(names)) for (e, p, f), names in found.items()]


_HEADER = '''"""The gates of the gated patterns: generated by tools/gen_gates.py, do not edit.

(pattern, flags) -> the gate essayconv/_gate_derive.py derives from the pattern: for the readers' regex
shim (readers/_rx.GatedPattern) the start strings and the groups of needed keywords, for the reference
parser's re shim (references/_re.GatedPattern) the groups. Each entry's comment says where its pattern is
defined. A pattern compiled with ``gated=True`` and not found here runs ungated (same matches, slower),
and tests/test_gate_table.py fails until the table is generated again.
"""

from __future__ import annotations

Groups = tuple[tuple[str, ...], ...]

'''


def _entry_lines(entry: Entry, value: Any) -> list[str]:
    lines = [f"    # {name}" for name in entry.names]
    lines.append(f"    ({entry.pattern!r}, {entry.flags}):")
    lines.append(f"        {value!r},")
    return lines


def render(entries: Iterable[Entry]) -> str:
    """The text of the table for ``entries``, each gate derived from its pattern."""
    entries = list(entries)
    out = [_HEADER.rstrip("\n"), "", "READERS: dict[tuple[str, int], tuple[tuple[str, ...], Groups]] = {"]
    for e in entries:
        if e.engine == "regex":
            out += _entry_lines(e, derive(e.pattern, e.flags, e.engine))
    out += ["}", "", "REFERENCES: dict[tuple[str, int], Groups] = {"]
    for e in entries:
        if e.engine == "re":
            out += _entry_lines(e, derive(e.pattern, e.flags, e.engine)[1])
    out += ["}", ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Derive the gates of the gated patterns into essayconv/_gates.py.")
    parser.add_argument("--check", action="store_true", help="only say whether the table is current")
    args = parser.parse_args(argv)
    text = render(collect())
    current = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
    if text == current:
        print(f"{TABLE}: current")
        return 0
    if args.check:
        print(f"{TABLE}: not current, run tools/gen_gates.py")
        return 1
    TABLE.write_text(text, encoding="utf-8")
    print(f"{TABLE}: written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
