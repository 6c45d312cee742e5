"""The reader's trace: which named rule decided what each source line became.

A rule calls ``record(lines, became, rule)`` when it decides; nothing is kept unless the caller is inside
``tracing()`` (``essayconv inspect --trace``, the rule fixtures of tests/rules/). The last record for a
line wins: a later stage refines an earlier one (a chunk the paragraph table set apart, which the heading
table then takes as a heading). Every rule that decided something about a line is kept too, in order
(``Trace.rules``): the paragraph boundary under a heading is still the boundary rule's doing. Rule names
are "module.rule" ("furniture.page-numbers", "headings.numbered"), the names the comments and fixture
files use."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NamedTuple, TypeVar


class Step(NamedTuple):
    became: str  # "heading", "paragraph", "removed", "reference", "title", ...
    rule: str  # "headings.numbered"


class Trace(dict[int, Step]):
    """Line number -> the last Step recorded for it; ``rules``: line number -> every rule that decided, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.rules: dict[int, list[str]] = {}

    def add_rule(self, line: int, rule: str) -> None:
        rules = self.rules.setdefault(line, [])
        if not rules or rules[-1] != rule:
            rules.append(rule)


_TRACE: ContextVar[Trace | None] = ContextVar("essayconv_reader_trace", default=None)


def record(lines: Iterable[int], became: str, rule: str) -> None:
    """Note that ``rule`` made these source lines (1-based numbers) ``became``, when tracing."""
    trace = _TRACE.get()
    if trace is None:
        return
    step = Step(became, rule)
    for n in lines:
        trace[n] = step
        trace.add_rule(n, rule)


def note(lines: Iterable[int], rule: str) -> None:
    """Note that ``rule`` decided something about these lines without changing what they became (a heading
    rule that vetoed a heading: the chunk stays what it was), when tracing."""
    trace = _TRACE.get()
    if trace is None:
        return
    for n in lines:
        trace.add_rule(n, rule)


def active() -> bool:
    """Whether a trace is being kept (for rules whose record costs more than a call)."""
    return _TRACE.get() is not None


def current() -> Trace:
    """The trace being kept (empty when none is)."""
    return _TRACE.get() or Trace()


@contextmanager
def tracing() -> Iterator[Trace]:
    """Keep the trace of the reads inside the block: line number -> the last Step recorded for it."""
    trace = Trace()
    token = _TRACE.set(trace)
    try:
        yield trace
    finally:
        _TRACE.reset(token)


T = TypeVar("T")
Rule = tuple[str, Callable[..., "T | None"]]


def first_rule(table: Sequence[Rule[T]], *args: object) -> tuple[str, T] | None:
    """Run an ordered rule table: the name and answer of the first rule that answers (not None)."""
    for name, rule in table:
        answer = rule(*args)
        if answer is not None:
            return name, answer
    return None
