"""A citeproc-py output formatter that marks formatting with private-use characters, and the
conversion of such marked text into model inlines (or escaped HTML).

citeproc-py builds its output by string concatenation and calls ``formatter.Italic(text)`` etc.
Wrapping in private-use code points (never present in field data: ``preformat`` removes them)
keeps every string operation citeproc does (case changes, seams, affixes) harmless, and the
result converts losslessly into ``Emph``/``Strong``/... nodes: no HTML is produced or parsed.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Callable

from ..model import Emph, Inline, Inlines, Link, Strong, Sub, Sup, Text
from ..model import SmallCaps as SmallCapsNode
from .markers import (
    B_CLOSE,
    B_OPEN,
    FORMAT_MARKERS,
    I_CLOSE,
    I_OPEN,
    MARKS,
    NORMAL_CLOSE,
    NORMAL_OPEN,
    SC_CLOSE,
    SC_OPEN,
    SUB_CLOSE,
    SUB_OPEN,
    SUP_CLOSE,
    SUP_OPEN,
)

# open/close marker pairs (markers.py); the names are the model node each pair becomes
MARKERS = FORMAT_MARKERS
_OPENERS = {I_OPEN: "i", B_OPEN: "b", SC_OPEN: "sc", SUP_OPEN: "sup", SUB_OPEN: "sub", NORMAL_OPEN: "n"}
_CLOSERS = {I_CLOSE: "i", B_CLOSE: "b", SC_CLOSE: "sc", SUP_CLOSE: "sup", SUB_CLOSE: "sub", NORMAL_CLOSE: "n"}
_STRIP = re.compile(f"[{MARKS}]")


def preformat(text: object) -> str:
    """Field data and terms enter citeproc here: drop anything that could pose as a marker."""
    return strip_markers(str(text))


def strip_markers(text: str) -> str:
    # (the markers are private-use characters: ASCII text holds none, and isascii reads a flag)
    return text if text.isascii() else _STRIP.sub("", text)


def _wrapper(opening: str, closing: str) -> type[str]:
    class Wrapped(str):
        def __new__(cls, text: object) -> Wrapped:
            return super().__new__(cls, f"{opening}{text}{closing}")

    return Wrapped


Italic = _wrapper(I_OPEN, I_CLOSE)
Oblique = Italic
Bold = _wrapper(B_OPEN, B_CLOSE)
SmallCaps = _wrapper(SC_OPEN, SC_CLOSE)  # the name citeproc looks up
Superscript = _wrapper(SUP_OPEN, SUP_CLOSE)
Subscript = _wrapper(SUB_OPEN, SUB_CLOSE)
Light = str  # the model has no light weight or underline: the text stays, the styling goes
Underline = str

_NODE: dict[str, Callable[[Inlines], Inline]] = {"i": Emph, "b": Strong, "sc": SmallCapsNode, "sup": Sup, "sub": Sub}


def to_inlines(marked: str) -> Inlines:
    """Marked text -> model inlines; unbalanced markers are ignored, adjacent text merged."""
    stack: list[tuple[str, list[Inline]]] = [("", [])]
    buf: list[str] = []

    def flush() -> None:
        if buf:
            s = "".join(buf)
            buf.clear()
            kids = stack[-1][1]
            if kids and isinstance(kids[-1], Text):
                kids[-1] = Text(kids[-1].text + s)
            else:
                kids.append(Text(s))

    # the text between markers goes to the buffer in runs (a loop over every character was a
    # tenth of the citation pass after rendering)
    pos = 0
    for m in _STRIP.finditer(marked):
        i = m.start()
        if i > pos:
            buf.append(marked[pos:i])
        pos = i + 1
        ch = marked[i]
        if ch in _OPENERS:
            flush()
            stack.append((_OPENERS[ch], []))
        elif ch in _CLOSERS:
            name = _CLOSERS[ch]
            if not any(n == name for n, _ in stack[1:]):
                continue
            flush()
            while True:
                n, kids = stack.pop()
                _close(stack, n, kids)
                if n == name:
                    break
        # (any other marker is dropped)
    if pos < len(marked):
        buf.append(marked[pos:])
    flush()
    while len(stack) > 1:
        n, kids = stack.pop()
        _close(stack, n, kids)
    return tuple(stack[0][1])


def _close(stack: list[tuple[str, list[Inline]]], name: str, kids: list[Inline]) -> None:
    if not kids:
        return
    parent = stack[-1][1]
    if name == "n":
        # "normal" (nodecor) text leaves the formatting around it: a node of each enclosing
        # kind flips it back (as a node inside its own kind does, in to_html and the writers)
        for enclosing, _ in reversed(stack[1:]):
            if enclosing in ("i", "b", "sc"):
                kids = [_NODE[enclosing](tuple(kids))]
        parent.extend(kids)
        return
    parent.append(_NODE[name](tuple(kids)))


_TAG = {Emph: "i", Strong: "b", Sup: "sup", Sub: "sub"}
# a node inside one of its own kind flips back (CSL's flip-flop; the DOCX writer does the same)
_NORMAL = {Emph: "font-style:normal;", Strong: "font-weight:normal;", SmallCapsNode: "font-variant:normal;"}


def to_html(inlines: Inlines, _inside: frozenset[type] = frozenset()) -> str:
    """Inlines -> HTML in citeproc-js's conventions; every piece of text is escaped here."""
    out: list[str] = []
    for node in inlines:
        kind = type(node)
        if kind is Text:
            out.append(_html.escape(node.text, quote=False).replace("&amp;", "&#38;"))  # type: ignore[union-attr]
        elif kind in _inside and kind in _NORMAL:
            out.append(f'<span style="{_NORMAL[kind]}">{to_html(node.children, _inside - {kind})}</span>')  # type: ignore[union-attr]
        elif kind is SmallCapsNode:
            out.append(f'<span style="font-variant:small-caps;">{to_html(node.children, _inside | {kind})}</span>')  # type: ignore[union-attr]
        elif kind is Link:
            out.append(f'<a href="{_html.escape(node.url)}">{to_html(node.children, _inside)}</a>')  # type: ignore[union-attr]
        elif kind in _TAG:
            tag = _TAG[kind]
            out.append(f"<{tag}>{to_html(node.children, _inside | {kind})}</{tag}>")  # type: ignore[union-attr]
    return "".join(out)
