"""The citeproc-py essayconv renders with: its own instances of citeproc's string, model and JSON
source modules, changed here and nowhere else, so that citeproc-py stays as it is for any other code
in the process (tests/test_citations_isolation.py).

citeproc-py reads what essayconv changes as module globals at call time: the seam function of its
string joins (``citeproc.string.normalize_seam``, also imported by ``citeproc.model``), the list of
name variables (``citeproc.NAMES``, read by its JSON reader and by cs:key sorting), its string
classes, and ``CitationStylesElement.xpath_search``. Rebinding those would change citeproc-py for
the whole process, so the three modules are executed a second time from the installed files, as
private modules that are not entered in ``sys.modules``, and only their globals are set here. This
is safe because the version is pinned (pyproject.toml: citeproc-py==0.11.1): compat.py overrides
private methods of that version. Everything else of citeproc-py (``citeproc.source``'s Reference,
Name, Citation, VariableError; ``citeproc.frontend``) is shared, unchanged.

- ``string``: citeproc.string with ``normalize_seam`` below (formatting markers looked through,
  citeproc-js's punctuation table); ``String``, ``MixedString``, ``NoCase`` and ``join`` are its.
- ``model``: citeproc.model using those strings and seams, ``NAMES`` with the CSL 1.0.2 name
  variables, and a memoised ``xpath_search`` (speed only); compat.py subclasses its elements.
- ``CiteProcJSON``: citeproc.source.json's reader with the same strings and names.
- ``CitationItem``: citeproc's, with a direct ``reference`` lookup (speed only).
"""

from __future__ import annotations

import importlib.util
from types import ModuleType
from typing import Any

import citeproc
import citeproc.model
import citeproc.source
import citeproc.source.json
import citeproc.string
from lxml import etree

from .markers import MARK_CHARS, MARK_FIRST, MARK_LAST


def _private_copy(module: ModuleType) -> Any:  # (Any: its attributes are citeproc's, untyped)
    """A second instance of ``module``, executed from its file and entered nowhere: its globals can
    be set without changing the module other code imports. Its relative imports resolve in the
    same package (``citeproc``, ``citeproc.source``), so what it does not redefine is shared."""
    package, _, leaf = module.__name__.rpartition(".")
    spec = importlib.util.spec_from_file_location(f"{package}._essayconv_{leaf}", module.__file__)
    assert spec is not None and spec.loader is not None
    copy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copy)
    return copy


string = _private_copy(citeproc.string)
String = string.String
MixedString = string.MixedString
NoCase = string.NoCase
join = string.join

# --------------------------------------------------------------------------------------------
# Seams between rendered pieces (the seam function of the private citeproc.string)
# --------------------------------------------------------------------------------------------

_MARKER_CHARS = MARK_CHARS


def _strip_char_at(other: Any, k: int) -> Any:
    if isinstance(other, MixedString):
        segs = list(other)
        pos = 0
        for n, seg in enumerate(segs):
            t = str(seg)
            if pos <= k < pos + len(t):
                new = type(seg)(t[: k - pos] + t[k - pos + 1 :])
                segs[n : n + 1] = [new] if str(new) else []
                return MixedString(segs)
            pos += len(t)
        return other
    t = str(other)
    return type(other)(t[:k] + t[k + 1 :]) if isinstance(other, str) else t[:k] + t[k + 1 :]


def _last_visible(text: Any) -> str:
    """The last character of ``str(text)`` that is not a formatting marker ("" if none), read
    from the end of a MixedString's pieces: the text built so far is the left side of every
    seam, and joining all of it to look at one character made long entries quadratic."""
    if isinstance(text, MixedString):
        for piece in reversed(text):
            if not isinstance(piece, str):
                break  # (not citeproc's kind of piece: read the whole text)
            visible = piece.rstrip(_MARKER_CHARS)
            if visible:
                return visible[-1]
        else:
            return ""
    return str(text).rstrip(_MARKER_CHARS)[-1:]


def nonempty(text: Any) -> bool:
    """``str(text) != ""`` without joining a MixedString's pieces."""
    if isinstance(text, MixedString):
        found = False
        for piece in text:
            if not isinstance(piece, str):
                return str(text) != ""  # (not citeproc's kind of piece)
            if piece:
                found = True
        return found
    return str(text) != ""


_SEAM_FIRST = frozenset(" .,;:!?")  # the only first characters a seam can change


def normalize_seam(left: Any, other: Any) -> Any:
    """citeproc.string.normalize_seam, looking through formatting markers ("et al.</i>." and
    "Ever?." are collisions too) and dropping a period after "?" or "!"."""
    # fast path (speed only): every rule below needs ``other`` to start (after markers) with a
    # space or one of ".,;:!?"; most seams start with a letter, and then neither side's text
    # needs to be read (a MixedString would otherwise be joined whole to see one character)
    if isinstance(other, str):
        if not other:
            return other
        c = other[0]
        if c not in _SEAM_FIRST and not MARK_FIRST <= c <= MARK_LAST:
            return other
    elif isinstance(other, MixedString):
        for piece in other:
            if not isinstance(piece, str):
                break  # (not citeproc's kind of piece: the general path below)
            if piece:
                c = piece[0]
                if c not in _SEAM_FIRST and not MARK_FIRST <= c <= MARK_LAST:
                    return other
                break
        else:
            return other  # no text at all
    other_s = str(other)
    if not other_s:
        return other
    last = _last_visible(left)
    k = 0
    while k < len(other_s) and other_s[k] in _MARKER_CHARS:
        k += 1
    if not last or k >= len(other_s):
        return other
    first = other_s[k]
    if last == " " and first == " ":
        return _strip_char_at(other, k)
    if first in ".,;:!?" and last == first:
        return _strip_char_at(other, k)
    # citeproc-js's punctuation table: a period after ":;?!" and a colon after ";?!" are dropped
    if first == "." and last in "?!:;":
        return _strip_char_at(other, k)
    if first == ":" and last in ";?!":
        return _strip_char_at(other, k)
    return other


string.normalize_seam = normalize_seam


# CSL 1.0.2 name variables citeproc-py does not know (it crashes or renders them as text)
CSL_102_NAMES = (
    "chair",
    "compiler",
    "contributor",
    "curator",
    "director",
    "executive_producer",
    "guest",
    "host",
    "narrator",
    "organizer",
    "performer",
    "producer",
    "script_writer",
    "series_creator",
    "reviewed_author",
    "editor_translator",
)
NAMES: list[str] = [*citeproc.NAMES, *(n for n in CSL_102_NAMES if n not in citeproc.NAMES)]


# --------------------------------------------------------------------------------------------
# Per-element memos and the memoised xpath search
# --------------------------------------------------------------------------------------------

_MEMO = "_essayconv_memo"
_ALIVE = "_essayconv_alive"


def element_memo(el: Any) -> dict[Any, Any]:
    """A dict of facts about a style element that hold as long as its tree: xpath answers, its
    root, its parsed condition. lxml makes a new Python proxy for an element whenever none is
    alive, and a new proxy has no memo; the element's root keeps every memoised proxy alive so
    the memo is found again. A tree copy (parsed_copy) has new elements and empty memos."""
    d = el.__dict__
    memo = d.get(_MEMO)
    if memo is None:
        memo = d[_MEMO] = {}
        root = el.getroottree().getroot()
        root.__dict__.setdefault(_ALIVE, []).append(el)
    return memo


def _cached_xpath_search(self: Any, expression: str) -> Any:
    """citeproc's xpath_search, memoised per element: the queries citeproc makes while rendering
    (enclosing citation/bibliography, macros, layout, locale) are structural and the tree does
    not change in ways that alter them; they were a third of the rendering time."""
    try:
        return list(self.__dict__[_MEMO][expression])
    except KeyError:
        hit = element_memo(self)[expression] = _xpath(expression)(self)
        return list(hit)


_XPATHS: dict[str, Any] = {}


def _xpath(expression: str) -> Any:
    """An expression compiled once per process (``element.xpath`` compiles it on every call: the
    ~200 queries of a style's first rendering). citeproc's prefixes are fixed; lxml serialises
    the evaluations of one compiled expression, so threads may share it."""
    compiled = _XPATHS.get(expression)
    if compiled is None:
        compiled = _XPATHS[expression] = etree.XPath(expression, namespaces=citeproc.model.CitationStylesElement.nsmap)
    return compiled


model = _private_copy(citeproc.model)
model.String = String
model.join = join
model.normalize_seam = normalize_seam
model.NAMES = NAMES
model.CitationStylesElement.xpath_search = _cached_xpath_search

_json = _private_copy(citeproc.source.json)
_json.String = String
_json.MixedString = MixedString
_json.NoCase = NoCase
_json.NAMES = NAMES
CiteProcJSON = _json.CiteProcJSON


class _ItemReference:
    """citeproc's CitationItem.reference (``self.citation.bibliography.source[self.key]``) without
    its three trips through CustomDict.__getattr__/__getitem__: it is looked up on nearly every
    element rendered, and those trips were a sixth of the time of a long reference list.
    The answer is kept on the item, in its __dict__ (not among its dict entries) under the
    attribute's own name: this descriptor has no __set__, so later lookups find it there without
    a call. Valid because an item's key, citation and that citation's bibliography are set once,
    and a source never replaces a Reference (rendering changes a Reference's fields in place).
    Not found is not kept: an item is looked up before its citation is registered."""

    def __get__(self, item: Any, owner: Any = None) -> Any:
        if item is None:
            return self
        try:
            bibliography = dict.__getitem__(dict.__getitem__(item, "citation"), "bibliography")
            key = dict.__getitem__(item, "key")
        except KeyError:
            raise citeproc.source.VariableError  # noqa: B904 - as CustomDict raises it
        ref = item.__dict__["reference"] = bibliography.source[key]
        return ref


class CitationItem(citeproc.source.CitationItem):
    """citeproc's CitationItem with the direct ``reference`` lookup: every item essayconv makes."""

    reference = _ItemReference()  # type: ignore[assignment]
