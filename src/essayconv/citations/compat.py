"""Compatibility layer that makes citeproc-py 0.11.1 render like citeproc-js.

Mechanisms, all scoped to essayconv (nothing of citeproc-py is changed for the rest of the process):
- element subclasses (``ELEMENT_CLASSES``) of engine.py's private citeproc.model that our own XML
  parser instantiates for CSL elements, so the fixes apply only to styles loaded through
  ``make_parser``;
- input preparation (compat_input.py) that turns CSL-JSON citeproc-py would crash on into the
  shapes it supports, and text rules without citeproc objects (compat_text.py);
- engine.py: the seam function of the private citeproc.string, CSL 1.0.2 name variables,
  memoised style queries;
- speed only, no change in output: every element class our parser builds gets per-element memos
  (``_fast_class``: root, layout, children, terms, formatting, conditions, name options) kept in
  ``element_memo``, valid as long as the tree (styles are parsed per file and reused per locale
  by csl.py), and cs:choose / cs:sort subclasses that skip citeproc's exceptions and unneeded keys.
  What an element renders is read once too: its child list (``_kids``), a condition made into a
  function (``_condition_test``), a cs:text's macro and variable (``_text_spec``,
  ``_variable_spec``), whether it has formatting or affixes (then format/wrap/markup return the
  text as it is), a term's text; and a seam whose right side starts with a letter is left alone
  without reading the left side (``normalize_seam``). Per tree, macros and locale terms are
  indexed by name once (``get_macro``, ``Locale.get_term``) instead of an xpath query each; per
  process, xpath expressions are compiled once (``_xpath``) and patterns on first use
  (``lazy_pattern``).
Each fix names the citeproc-js behaviour it reproduces; tests are in tests/test_citations_compat.py,
the remaining differences in docs/CSL-LEDGER.md.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cmp_to_key
from typing import Any

from citeproc.source import Name as SourceName
from citeproc.source import VariableError
from lxml import etree

from .compat_input import (  # noqa: F401 (the prepare_* functions: csl.py and the tests use compat.*)
    prepare_date,
    prepare_item,
    prepare_names,
    prepare_text,
    take_end_seasons,
    truncated_names,
)
from .compat_text import (  # noqa: F401 (re-exported: csl.py and the tests use compat.*)
    CURLY_CLOSE,
    CURLY_OPEN,
    DATA_QUOTE_CLOSE,
    DATA_QUOTE_OPEN,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    SKIP_WORDS,
    _capitalize_first,
    _sentence_case,
    finish,
    format_page_range,
    initialize_given,
    initials_only,
    lazy_pattern,
    resolve_quotes,
    title_case,
)
from .engine import (
    _MEMO,
    MixedString,
    NoCase,
    String,
    element_memo,
    join,
    nonempty,
    normalize_seam,
)
from .engine import model as cm
from .markers import (
    MARK_FIRST,
    MARKS,
    NAME_FILLER,
    NOCASE_STAND_IN,
    PRIVATE_USE,
)

CSL_NS = "http://purl.org/net/xbiblio/csl"


class RenderContext:
    """What a rendering in progress knows beyond the arguments citeproc passes (the item, the
    element that called): one object per style object, set and restored around the renderings
    that change it. citeproc's call signatures leave no room for it (cs:date-part's process gets a
    date and nothing of the item; a cs:group's frame is read by the variables rendered through
    citeproc's own render_children, choose and macros), so it hangs on the style's tree, as citeproc
    keeps its own rendering state (``layout.repressed``): every element finds it through its root
    (``render_context``), and a style object renders for one session at a time (csl.py's pool)."""

    __slots__ = (
        "citation",
        "cite_terms",
        "flagged_cites",
        "group_frame",
        "items",
        "name_plans",
        "pending_year_suffix",
        "suppress_names",
        "truncated",
    )

    def __init__(self) -> None:
        # -- what the session knows of its works (set by csl.Session; keys are citeproc's item keys)
        # the cites (by id, kept alive here) that disambiguate="true" tests as true: csl.Session flags
        # the cites of its ambiguous works as it renders them (flag_cite)
        self.flagged_cites: dict[int, Any] = {}
        # a work's name plan from disambiguation: {"use_first": n, "expand": {index: 1|2}}
        self.name_plans: dict[str, dict[str, Any]] = {}
        # a work's name variables that its source wrote cut short ("Vetter, J., et al."): custom "et-al"
        self.truncated: dict[str, frozenset[str]] = {}
        # -- what the rendering in progress has done
        # layout element's id -> the state of the item it is rendering (see item_state)
        self.items: dict[int, ItemState] = {}
        # True while citations (not bibliography entries) are rendered: disambiguation applies there
        self.citation = False
        # True while a cite is rendered as a later member of a cite group: its first cs:names is left out
        self.suppress_names = False
        # the terms a cite being rendered printed, in order (None outside a cite): in a note style, a
        # cite that opens its citation with a term ("ibid.") starts a sentence, and citeproc-js
        # capitalises it (not in an in-text style: "(no date)")
        self.cite_terms: list[str] | None = None
        # the year suffix still to be printed by the next year date-part (a one-element list, emptied when used)
        self.pending_year_suffix: list[str] | None = None
        # the [called, rendered] frame of the innermost cs:group being rendered (None outside groups);
        # an enclosing group's frame is put back when the inner one closes
        self.group_frame: list[bool] | None = None

    def flag_cite(self, cite: Any) -> None:
        """Make disambiguate="true" hold for ``cite`` (a CitationItem)."""
        self.flagged_cites[id(cite)] = cite


class ItemState:
    """What the rendering of one item (a cite or a bibliography entry) by one layout has done so far.
    citeproc starts each item with a fresh ``layout.repressed`` dict (its own record of the variables
    a substitution used); an ItemState lives exactly as long as that dict (``item_state``)."""

    __slots__ = ("first_names", "names_suppressed", "recording", "repressed", "suppressed", "year_suffix_done")

    def __init__(self, repressed: dict[str, Any]) -> None:
        self.repressed = repressed  # the layout's dict this state goes with
        # variables a cs:substitute rendered: no later element renders them again (citeproc-js)
        self.suppressed: set[str] = set()
        # the sets collecting the variables rendered while a cs:substitute's child is tried
        self.recording: list[set[str]] = []
        # the item's first rendered names (MLA's "———." compares an entry's with the one before)
        self.first_names: str | None = None
        # a later cite of a collapsed group left its names out ("(Smith, 2018, 2020)")
        self.names_suppressed = False
        # the implicit year suffix ("2015a" in a style that never prints year-suffix) was printed
        self.year_suffix_done = False


def item_state(layout: Any, context: RenderContext | None = None) -> ItemState | None:
    """The state of the item ``layout`` is rendering (None outside a rendering). ``context``: the
    layout's render context when the caller has it already (an element of the same style's tree)."""
    rep = getattr(layout, "repressed", None) if layout is not None else None
    if not isinstance(rep, dict):
        return None
    items = (context or render_context(layout)).items
    state = items.get(id(layout))
    if state is None or state.repressed is not rep:
        state = items[id(layout)] = ItemState(rep)
    return state


_CONTEXT = ("render-context",)


def attach_context(root: Any, context: RenderContext) -> None:
    """Make ``context`` the one the elements of the tree of ``root`` find (a style and the
    locale trees it uses share their style's)."""
    element_memo(root)[_CONTEXT] = context


def render_context(el: Any) -> RenderContext:
    """The render context of an element's tree (kept in the element's memo once found)."""
    try:
        return el.__dict__[_MEMO][_CONTEXT]  # type: ignore[no-any-return]
    except KeyError:
        memo = element_memo(el.get_root())
        ctx = memo.get(_CONTEXT)
        if ctx is None:
            ctx = memo[_CONTEXT] = RenderContext()  # (a tree no style set up: tests)
        element_memo(el)[_CONTEXT] = ctx
        return ctx  # type: ignore[no-any-return]


# tag name -> subclass of the citeproc element class with the same name (filled below)
ELEMENT_CLASSES: dict[str, type] = {}


def make_parser() -> etree.XMLParser:
    """An lxml parser that builds citeproc elements (with our subclasses) and trusts nothing."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = cm.CitationStylesElement
    for cls in cm.CitationStylesElement.__subclasses__():
        tag = cls.__name__.replace("_", "-").lower()
        # (a tag with a subclass of ours gets only that one's fast class: class making is most
        # of a first parser's cost)
        namespace[tag] = _fast_class(ELEMENT_CLASSES.get(tag, cls))
    namespace.update({tag: _fast_class(cls) for tag, cls in ELEMENT_CLASSES.items() if tag not in namespace})
    parser = etree.XMLParser(
        remove_comments=True, encoding="UTF-8", no_network=True, resolve_entities=False, load_dtd=False
    )
    parser.set_element_class_lookup(lookup)
    return parser


# --------------------------------------------------------------------------------------------
# Speed: per-element answers that citeproc recomputes on every call
# --------------------------------------------------------------------------------------------

_ROOT = ("root",)  # element_memo keys that are not xpath expressions
_LAYOUT = ("layout",)
_PLAIN = ("plain",)
_NO_AFFIXES = ("no-affixes",)
_KIDS = ("kids",)
_CONDITION = ("condition",)
_FORMAT_ATTRS = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")


class _FastElement:
    """What every element our parser builds shares: its root (citeproc walks up to it through a
    new tree object for each formatter, option, term and macro lookup: ~100 times per rendered
    citation) is found once. An element never moves to another tree."""

    def get_root(self) -> Any:
        try:
            return self.__dict__[_MEMO][_ROOT]
        except KeyError:
            root = element_memo(self)[_ROOT] = self.getroottree().getroot()  # type: ignore[attr-defined]
            return root

    def get_layout(self) -> Any:
        # the enclosing cs:layout (IndexError inside a macro, as citeproc): asked for by every
        # variable rendered, to see what a substitution suppressed
        try:
            return self.__dict__[_MEMO][_LAYOUT]
        except KeyError:
            layout = element_memo(self)[_LAYOUT] = self.xpath_search("./ancestor-or-self::cs:layout[1]")[0]  # type: ignore[attr-defined]
            return layout

    def get_formatter(self) -> Any:
        root = self.get_root()
        if isinstance(root, cm.Locale):
            return root.style.formatter
        return root.formatter

    def get_macro(self, name: str) -> Any:
        # citeproc's query "cs:macro[@name='...'][1]" on the root (an xpath evaluation of ~50 µs
        # for each macro a first rendering meets), answered from the root's macros listed once
        if "'" in name:
            return super().get_macro(name)  # type: ignore[misc]  # (citeproc's error for such a name)
        memo = element_memo(self.get_root())
        macros = memo.get(_MACROS)
        if macros is None:
            macros = {}
            for child in self.get_root().iterchildren(f"{{{CSL_NS}}}macro"):
                macros.setdefault(child.get("name"), child)  # (the first of a name, as [1])
            memo[_MACROS] = macros
        try:
            return macros[name]
        except KeyError:
            raise IndexError(name) from None

    def __getattr__(self, name: str) -> Any:
        # citeproc's child lookup by attribute (``style.citation``, ``names.label``, ``locale.terms``)
        # runs an ElementPath search each time (~8 µs). The only change to a tree after its
        # set-up is citeproc inserting a cs:name into a cs:names that has none (``insert``
        # below forgets the answers then), so answers are kept. (Python attributes set on an
        # element, like layout.repressed, are found before this is called.)
        # The answer is kept as an attribute of this element's proxy (element_memo keeps the
        # proxy alive), so the next lookup finds it without this hook: Python's failed ordinary
        # lookup before each call builds an AttributeError, more work than the lookup itself.
        element_memo(self)
        found = self.find("cs:" + name, self.nsmap)  # type: ignore[attr-defined]
        self.__dict__[name] = found
        self.__dict__.setdefault(_CHILD_ATTRS, []).append(name)
        return found

    def insert(self, index: int, element: Any) -> None:
        # the one change citeproc makes to a tree after set-up (cs:names.process giving a cs:names
        # without a cs:name an empty one): what __getattr__ and _kids remember of the children
        # is forgotten, so a "no cs:name" answer is never read after it stopped being true
        super().insert(index, element)  # type: ignore[misc]
        d = self.__dict__
        for name in d.pop(_CHILD_ATTRS, ()):
            d.pop(name, None)
        memo = d.get(_MEMO)
        if memo is not None:
            memo.pop(_KIDS, None)


_CHILD_ATTRS = "_essayconv_child_attrs"  # the names __getattr__ answered (kept in the proxy's __dict__)


_MACROS = ("macros",)
_TERM_INDEX = ("term-index",)


class Locale(cm.Locale):
    """cs:locale answering citeproc's term query ("./cs:term[@name=... and @form=...]", an xpath
    evaluation per term and locale on a style's first rendering) from its terms indexed once by
    (name, form), in document order."""

    def get_term(self, name: str, form: str | None = None, zero_padded: bool = False) -> Any:
        if "'" in name or (form is not None and "'" in form):
            return super().get_term(name, form, zero_padded)
        terms = self.terms
        if terms is None:
            raise IndexError  # (citeproc: no cs:terms)
        memo = element_memo(terms)
        index = memo.get(_TERM_INDEX)
        if index is None:
            index = {}
            for term in terms.iterchildren(f"{{{CSL_NS}}}term"):
                index.setdefault((term.get("name"), term.get("form")), []).append(term)
            memo[_TERM_INDEX] = index
        found = index.get((name, form), ())
        if zero_padded:
            found = [t for t in found if t.get("match") not in ("whole-number", "last-two-digits")]
        return found[0]  # (IndexError when there is none, as citeproc)


ELEMENT_CLASSES["locale"] = Locale


class _FastTerms:
    """Terms looked up once per style: a term lookup walks the locale list with an xpath query
    per locale; the answer depends only on the locales, fixed when the style was set up."""

    def get_term(
        self, name: str, form: str | None = None, fallback_locale: bool = True, zero_padded: bool = False
    ) -> Any:
        root = self.get_root()  # type: ignore[attr-defined]
        if isinstance(root, cm.Locale):
            return super().get_term(name, form, fallback_locale, zero_padded)  # type: ignore[misc]
        memo = element_memo(root)
        key = ("term", name, form, fallback_locale, zero_padded)
        term = memo.get(key, _UNSET)
        if term is _UNSET:
            term = memo[key] = super().get_term(name, form, fallback_locale, zero_padded)  # type: ignore[misc]
        return term


def _plain_format(el: Any) -> bool:
    """Whether an element has none of the formatting attributes (memoised)."""
    try:
        return el.__dict__[_MEMO][_PLAIN]  # type: ignore[no-any-return]
    except KeyError:
        attrib = el.attrib
        plain = element_memo(el)[_PLAIN] = not any(a in attrib for a in _FORMAT_ATTRS)
        return plain


def _plain_affixes(el: Any) -> bool:
    """Whether an element has no prefix and no suffix (memoised: no code changes them)."""
    try:
        return el.__dict__[_MEMO][_NO_AFFIXES]  # type: ignore[no-any-return]
    except KeyError:
        plain = element_memo(el)[_NO_AFFIXES] = not el.get("prefix") and not el.get("suffix")
        return plain


# the types of text for which citeproc's affixing with two empty affixes ("" + text + "") gives
# back the text itself (a str subclass of the formatter's would come back as a plain str)
_AFFIX_SAFE = frozenset({str, String, NoCase, MixedString})


class _FastFormatted(_FastElement):
    """citeproc's Formatted.format asks five formatting attributes for each piece of text, each
    through get_formatter; most elements have none of them, and then it returns the text. Its
    Affixed.wrap joins "" + text + "" with two seam checks; most elements have no affixes."""

    def format(self, string: Any) -> Any:
        if _plain_format(self):
            return str(string) if isinstance(string, (int, float)) else string
        return super().format(string)  # type: ignore[misc]

    def wrap(self, string: Any) -> Any:
        if type(string) in _AFFIX_SAFE and _plain_affixes(self):
            return string
        return super().wrap(string)  # type: ignore[misc]


class _FastParent(_FastElement):
    """citeproc's Parent.render_children over children listed once per element (lxml builds a
    proxy per child and iteration each time). Not for cs:names (citeproc may insert a cs:name),
    cs:substitute or cs:date, which render their children their own way."""

    def render_children(self, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        output = []
        try:
            kids = self.__dict__[_MEMO][_KIDS]  # (``_kids`` inlined: called for every element rendered)
        except KeyError:
            kids = _kids(self)
        for child, is_choose in kids:
            try:
                if is_choose:
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        if not output:
            return None
        return output[0] if len(output) == 1 else join(output, delimiter)


def _kids(el: Any) -> tuple[tuple[Any, bool], ...]:
    """An element's children, each with whether it is a cs:choose (which is handed the enclosing
    delimiter), listed once: the tree below a cs:group, cs:layout, cs:macro, cs:choose or a
    condition never changes after set-up (only a cs:names may gain a cs:name)."""
    try:
        return el.__dict__[_MEMO][_KIDS]  # type: ignore[no-any-return]
    except KeyError:
        kids = element_memo(el)[_KIDS] = tuple((c, isinstance(c, cm.Choose)) for c in el.iterchildren())
        return kids


_FAST_CLASSES: dict[type, type] = {}


def _fast_class(cls: type) -> type:
    """``cls`` with the per-element memos above (one subclass per class, made once)."""
    fast = _FAST_CLASSES.get(cls)
    if fast is None:
        bases: tuple[type, ...] = (_FastFormatted if issubclass(cls, cm.Formatted) else _FastElement,)
        if issubclass(cls, cm.Parent) and not issubclass(cls, (cm.Names, cm.Substitute, cm.Date)):
            bases = (_FastParent, *bases)
        if not issubclass(cls, cm.Locale):  # (cs:locale has a get_term of its own)
            bases += (_FastTerms,)
        fast = type(cls.__name__, (*bases, cls), {"__module__": cls.__module__, "__doc__": cls.__doc__})
        _FAST_CLASSES[cls] = fast
    return fast


# --------------------------------------------------------------------------------------------
# Conditions
# --------------------------------------------------------------------------------------------


class _ConditionMixin:
    """cs:if / cs:else-if with ``disambiguate`` evaluated (citeproc-py treats it as always true).

    citeproc-js renders a ``disambiguate="true"`` branch only for a citation that would otherwise
    look like another item's (MLA adds the title only when two works share an author)."""

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if not self.matches(item, context):
            raise cm.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)  # type: ignore[attr-defined]

    def matches(self, item: Any, context: Any = None) -> bool:
        """Whether the condition holds for this item."""
        try:
            test = self.__dict__[_MEMO][_CONDITION]
        except KeyError:
            # the element's tests are read once and made into a function (a style's conditions
            # are evaluated hundreds of times per reference list)
            test = element_memo(self)[_CONDITION] = _condition_test(self)
        return test(item, context)  # type: ignore[no-any-return]

    def _matches(self, spec: tuple[Any, ...], item: Any, context: Any) -> bool:
        types, variables, numeric, uncertain, locator, position, disambiguate, match = spec
        results: list[bool] = []
        if types is not None:
            if types:
                ref_type = _dict_get(item.reference, "type")  # (a Reference always has its type)
                results += [typ == ref_type for typ in types]
        if variables is not None:
            ref = None
            for variable in variables:
                if variable == "locator":
                    results.append("locator" in item)
                else:
                    if ref is None:
                        ref = item.reference
                    results.append(variable in ref)
        if numeric is not None:
            results += [_is_numeric(item, v) for v in numeric]
        if uncertain:
            results += self._is_uncertain_date(item)  # type: ignore[attr-defined]
        if locator:
            results += self._locator(item)  # type: ignore[attr-defined]
        if position:
            results += self._position(item, context)  # type: ignore[attr-defined]
        if disambiguate is not None:
            flagged = id(item) in render_context(self).flagged_cites
            results.append(flagged == disambiguate)
        if match == "any":
            return any(results)
        if match == "none":
            return not any(results)
        return all(results)

    def _position(self, item: Any, context: Any) -> list[bool]:
        """citeproc's position test with locators compared by value: citeproc-py compared the
        Locator objects, so a repeated "p. 34" was ibid-with-locator instead of ibid."""
        results: list[bool] = super()._position(item, context)  # type: ignore[misc]
        positions = self.get("position").split()  # type: ignore[attr-defined]
        if "ibid-with-locator" in positions and item.has_locator:
            cites = (context if context is not None else self).get_layout().getparent().cites  # type: ignore[attr-defined,union-attr]
            last = cites[-1] if cites else None
            if (
                last is not None
                and last.has_locator
                and last.key == item.key
                and _locator_key(item) == _locator_key(last)
            ):
                results = [False if p == "ibid-with-locator" else r for p, r in zip(positions, results)]
        return results


def _locator_key(item: Any) -> tuple[str, str]:
    loc = item.locator
    return (str(loc.label), str(loc.identifier))


_dict_get = dict.__getitem__


def _condition_test(el: Any) -> Any:
    """A function (item, context) -> bool for a cs:if / cs:else-if: the commonest conditions, a
    type test alone or a test of present variables alone, made into one expression; every other
    one through ``_matches``. (``item.reference["type"]``: a reference always has its type.)"""
    a = el.attrib
    spec = (
        tuple(t.lower() for t in a["type"].split()) if "type" in a else None,
        tuple(v.replace("-", "_") for v in a["variable"].split()) if "variable" in a else None,
        tuple(a["is-numeric"].split()) if "is-numeric" in a else None,
        "is-uncertain-date" in a,
        "locator" in a,
        "position" in a,
        a["disambiguate"] == "true" if "disambiguate" in a else None,
        a.get("match", "all"),
    )
    types, variables, numeric, uncertain, locator, position, disambiguate, match = spec
    others = numeric is not None or uncertain or locator or position or disambiguate is not None
    if types and variables is None and not others:
        if match == "any":
            return lambda item, context: _dict_get(item.reference, "type") in types
        if match == "none":
            return lambda item, context: _dict_get(item.reference, "type") not in types
        if len(set(types)) == 1:
            typ = types[0]
            return lambda item, context: _dict_get(item.reference, "type") == typ
        return lambda item, context: all(
            typ == ref_type for ref_type in (_dict_get(item.reference, "type"),) for typ in types
        )
    if variables and types is None and not others and "locator" not in variables:
        if len(variables) == 1:
            (variable,) = variables
            if match == "none":
                return lambda item, context: variable not in item.reference
            return lambda item, context: variable in item.reference
        if match == "any":
            return lambda item, context: any(v in ref for ref in (item.reference,) for v in variables)
        if match == "none":
            return lambda item, context: not any(v in ref for ref in (item.reference,) for v in variables)
        return lambda item, context: all(v in ref for ref in (item.reference,) for v in variables)
    return lambda item, context: el._matches(spec, item, context)


def _is_numeric(item: Any, variable: str) -> bool:
    """citeproc-js: "12", "12a", "2-4", "2, 4" and "2 & 4" are numeric."""
    key = variable.replace("-", "_")
    if key not in item.reference:
        return False
    return _is_numeric_text(str(item.reference[key]))


def _is_numeric_text(value: str) -> bool:
    if _NUMERIC.match(value):
        return True
    pieces = re.split(
        r"\s*(?:[-\u2013,&]\s*(?:(?:and|et|und|y|e|en|och|og)\s+)?|"
        r"\b(?:and|et|und|y|e|en|och|og)\b)\s*",
        value,
    )
    return len(pieces) > 1 and all(_NUMERIC_PIECE.fullmatch(p) for p in pieces)


class If(_ConditionMixin, cm.If):
    pass


class ElseIf(_ConditionMixin, cm.Else_If):
    pass


class Choose(cm.Choose):
    """cs:choose testing its branches directly: citeproc's raises and catches an exception for
    every branch that does not apply (thousands per reference list)."""

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        try:
            branches = self.__dict__[_MEMO][_BRANCHES]  # (``_branches`` inlined)
        except KeyError:
            branches = _branches(self)
        for child, test in branches:
            if test is not None:
                if test(item, context):
                    return child.render_children(item, context=context, delimiter=delimiter, **kwargs)  # type: ignore[attr-defined]
                continue
            try:
                return child.render(item, context=context, delimiter=delimiter, **kwargs)
            except cm.ConditionFailed:
                continue
        return None


def _branches(choose: Any) -> tuple[tuple[Any, Any], ...]:
    """A cs:choose's branches, each with its condition's test (``_condition_test``; None for
    cs:else), listed once (see _kids): the choose calls the test itself, without going through
    the branch's ``matches`` and memo on each of the many evaluations."""
    try:
        return choose.__dict__[_MEMO][_BRANCHES]  # type: ignore[no-any-return]
    except KeyError:
        branches = element_memo(choose)[_BRANCHES] = tuple(
            (c, _branch_test(c) if isinstance(c, _ConditionMixin) else None) for c in choose.iterchildren()
        )
        return branches


def _branch_test(el: Any) -> Any:
    """The condition's test, shared with the element's own ``matches`` memo."""
    memo = element_memo(el)
    test = memo.get(_CONDITION)
    if test is None:
        test = memo[_CONDITION] = _condition_test(el)
    return test


_BRANCHES = ("branches",)

ELEMENT_CLASSES["if"] = If
ELEMENT_CLASSES["else-if"] = ElseIf
ELEMENT_CLASSES["choose"] = Choose


# --------------------------------------------------------------------------------------------
# Text case
# --------------------------------------------------------------------------------------------

_NOCASE_STAND_IN = NOCASE_STAND_IN


def _apply_to_parts(text: Any, fn: Any) -> Any:
    """Apply a str -> str case function to citeproc text, leaving NoCase parts alone."""

    if isinstance(text, MixedString):
        parts = list(text)
        # a NoCase part stands in as letters no case function changes (outside the marker range,
        # which title case reads as punctuation): it still counts as a word ("... of the Universe")
        joined = "".join(str(p) if not isinstance(p, NoCase) else _NOCASE_STAND_IN * len(p) for p in parts)
        cased = fn(joined)
        out = []
        pos = 0
        for p in parts:
            n = len(str(p))
            out.append(p if isinstance(p, NoCase) else String(cased[pos : pos + n]))
            pos += n
        return MixedString(out)
    if isinstance(text, NoCase):
        return text
    return type(text)(fn(str(text))) if isinstance(text, String) else fn(str(text))


class _CaseMixin:
    """text-case as citeproc-js applies it (citeproc-py: no capital after a hyphen or "(", a short
    stop-word list, "arXiv" -> "ArXiv", formatting markers counted as letters)."""

    def case(self, text: Any, language: str | None = None) -> Any:
        text_case = self.get("text-case")  # type: ignore[attr-defined]
        if text_case is None or text is None:
            return text
        if text_case == "title":
            if language not in (None, "en"):
                return text
            return _apply_to_parts(text, title_case)
        if text_case == "capitalize-first":
            return _apply_to_parts(text, _capitalize_first)
        if text_case == "capitalize-all":
            return _apply_to_parts(text, lambda s: " ".join(_capitalize_first(w) for w in s.split(" ")))
        if text_case == "sentence":
            return _apply_to_parts(text, _sentence_case)
        if text_case == "lowercase":
            return _apply_to_parts(text, str.lower)  # <span class="nocase"> parts keep their case
        if text_case == "uppercase":
            return _apply_to_parts(text, _upper_keeping_markers)
        return super().case(text, language)  # type: ignore[misc]


def _upper_keeping_markers(text: str) -> str:
    # str.upper would turn the stand-ins of NoCase parts into themselves anyway, but "ß"
    # becomes "SS" and changes the length the part mapping relies on: keep such characters
    return "".join(ch.upper() if len(ch.upper()) == 1 else ch for ch in text)


# --------------------------------------------------------------------------------------------
# Numbers and page ranges
# --------------------------------------------------------------------------------------------

_RANGE = lazy_pattern(r"^\s*([A-Za-z]*)(\d+)([A-Za-z]*)\s*[-\u2013\u2010]+\s*([A-Za-z]*)(\d+)([A-Za-z]*)\s*$")
_ALNUM_RANGE = lazy_pattern(r"^\s*(\d+[A-Za-z]+)\s*-\s*(\d+)\s*$")
_SPACED_RANGE = lazy_pattern(r"^(\S+)(\s+)-(\s+)(\S+)$")
_ROMAN_RANGE = lazy_pattern(r"^\s*([ivxlcdm]+)\s*[-\u2013]\s*([ivxlcdm]+)\s*$", re.I)
_NUM_RANGE = lazy_pattern(r"^\s*(\d+)\s*[-\u2013]\s*(\d+)\s*$")
_NUMERIC = lazy_pattern(r"^\s*[A-Za-z]?\d+[A-Za-z]?(?:\s*(?:[-\u2013,&]|and)\s*[A-Za-z]?\d+[A-Za-z]?)*\s*$", re.I)
# two numbers joined by a range dash, a comma, "&" or "and" in some language ("213, and 235",
# "213 et 235"): a plural label
_MULTIPLE = lazy_pattern(
    r"\d[A-Za-z]?\s*(?:[-\u2013,&]\s*(?:(?:and|et|und|y|e|en|och|og)\s+)?|"
    r"\b(?:and|et|und|y|e|en|och|og)\b)\s*\W{0,2}[A-Za-z]?\d",
    re.I,
)
_NUMERIC_PIECE = lazy_pattern(r"\W*[A-Za-z]?\d+[A-Za-z]?\W*")


class _NumberMixin:
    """Page ranges as citeproc-js formats them: abbreviated second pages expanded or shortened by
    page-range-format (citeproc-py turns "1-19" into "1–9"), non-numeric ranges ("A-349",
    "14-M8") kept, numeric ranges of other variables joined by an en dash."""

    def _process(self, value: Any, variable: str) -> Any:
        is_page = variable.startswith("page")
        delim = str(self.get_single_term(name="page-range-delimiter")) if is_page else ""  # type: ignore[attr-defined]
        delim = delim or "\u2013"
        fmt = self.get_root().get("page-range-format") if variable == "page" else None  # type: ignore[attr-defined]
        out = []
        value = str(value)
        if "\\-" in value:
            # an escaped hyphen is a hyphen, never a range: "3\-B" stays "3-B" (citeproc-js)
            return String(value.replace("\\-", "-"))
        for item in re.split(r"(\s*,\s*|\s*&\s*)", value):
            if re.fullmatch(r"\s*,\s*", item):
                out.append(", ")
                continue
            if re.fullmatch(r"\s*&\s*", item):
                out.append(" & ")
                continue
            m = _RANGE.match(item)
            if m and m.group(1) == m.group(4) and not m.group(3) and not m.group(6):
                first = m.group(1) + self.format_number(m.group(2))  # type: ignore[attr-defined]
                if variable == "page-first":
                    out.append(first)
                    continue
                last_digits = format_page_range(m.group(2), m.group(5), fmt) if variable == "page" else m.group(5)
                last = (m.group(4) if len(last_digits) >= len(m.group(2)) else "") + last_digits
                out.append(first + delim + str(self.format_number(last) if last.isdigit() else last))  # type: ignore[attr-defined]
                continue
            am = _ALNUM_RANGE.match(item)
            if am and variable != "page-first":
                out.append(f"{am.group(1)} {delim} {am.group(2)}")  # "99S-324" -> "99S – 324"
                continue
            sm = _SPACED_RANGE.match(item)
            if sm and variable != "page-first":
                # not a range of like numbers ("N110 - 5", "110 - N6"): citeproc-js joins the two
                # with a plain hyphen, the spaces dropped
                out.append(sm.group(1) + "-" + sm.group(4))
                continue
            rm = _ROMAN_RANGE.match(item)
            if rm and variable != "page-first":
                out.append(rm.group(1) + delim + rm.group(2))  # "i-ix" -> "i–ix"
                continue
            if variable == "page-first":
                out.append(re.split(r"\s*[-\u2013]\s*", item)[0])
                continue
            out.append(str(self.format_number(item.strip())) if item.strip().isdigit() else item)  # type: ignore[attr-defined]
        return String("".join(out))


# variables whose numeric ranges citeproc-js joins with an en dash when rendered by cs:text
_RANGE_VARIABLES = {
    "volume",
    "issue",
    "number",
    "chapter-number",
    "collection-number",
    "number-of-volumes",
    "number-of-pages",
    "edition",
    "section",
    "supplement",
}


# --------------------------------------------------------------------------------------------
# Substitution
# --------------------------------------------------------------------------------------------


def _layout_of(*elements: Any) -> Any:
    for el in elements:
        if el is None:
            continue
        try:
            return el.get_layout()
        except (IndexError, AttributeError):
            continue
    return None


def _suppressed(layout: Any, variable: str) -> bool:
    if layout is None:
        return False
    state = item_state(layout)
    return state is not None and variable in state.suppressed


def _record(layout: Any, variable: str) -> None:
    if layout is None:
        return
    state = item_state(layout)
    if state is not None:
        for rec in state.recording:
            rec.add(variable)


class Substitute(cm.Substitute):
    """citeproc-js suppresses every variable the chosen substitute rendered (through macros and
    groups too); citeproc-py only the direct child's own variable, so titles printed twice."""

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        layout = _layout_of(context, self)
        state = item_state(layout)
        try:
            kids = self.__dict__[_MEMO][_KIDS]
        except KeyError:
            kids = _kids(self)  # (a cs:substitute's children never change: insert goes to cs:names)
        for child, _is_choose in kids:
            rec: set[str] = set()
            if state is not None:
                state.recording.append(rec)
            try:
                if isinstance(child, cm.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                text = None
            finally:
                if state is not None:
                    state.recording.remove(rec)
            if text:
                if state is not None:
                    state.suppressed.update(rec)
                    if isinstance(child, cm.Names):
                        state.suppressed.update(child.get("variable", "").split())
                return text
        return None


ELEMENT_CLASSES["substitute"] = Substitute


class Names(cm.Names):
    """cs:names that skips variables already used by a substitution."""

    def render(self, *args: Any, **kwargs: Any) -> Any:
        text = super().render(*args, **kwargs)
        if text:
            layout = _layout_of(kwargs.get("context"), self)
            state = item_state(layout)
            if state is not None and state.first_names is None:
                state.first_names = str(text)
            if (
                state is not None
                and render_context(self).suppress_names
                and not state.names_suppressed
                and not self.xpath_search("ancestor::cs:names")
            ):
                # a later cite of a collapsed group: "(Smith, 2018, 2020)" prints the names once
                state.names_suppressed = True
                return None
        return text

    def process(self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        if names_context is None and self.name is None:
            # a cs:names anywhere inside cs:substitute takes the name, et-al and label of the
            # cs:names being substituted (citeproc-py only did so for direct children)
            outer = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
            if outer:
                names_context = outer[0]
        layout = _layout_of(context, self)
        roles = self.get("variable", "").split()
        live = [r for r in roles if not _suppressed(layout, r)]
        name_el = self.name if self.name is not None else getattr(names_context, "name", None)
        if name_el is not None and name_el.get("form") == "count" and live:
            total = self._count(item, live, name_el, context, layout, kwargs.get("sort_options"))
            if total:
                # (a number for a sort key, as citeproc's own count: compared as a number)
                return total if kwargs.get("sort_options") is not None else String(str(total))
            # no names: citeproc's process tries the substitutes
        if len(live) != len(roles):
            if not live:
                _report(self, False)
                return None
            saved = self.get("variable")
            self.set("variable", " ".join(live))
            try:
                text = super().process(item, names_context=names_context, context=context, **kwargs)
            except VariableError:
                _report(self, False)
                raise
            finally:
                self.set("variable", saved)
        else:
            try:
                text = super().process(item, names_context=names_context, context=context, **kwargs)
            except VariableError:
                _report(self, False)
                raise
        _report(self, bool(text))
        if text:
            for r in live:
                if r.replace("-", "_") in item.reference:
                    _record(layout, r)
        return text

    def _count(
        self, item: Any, roles: list[str], name_el: Any, context: Any, layout: Any, sort_options: Any = None
    ) -> int:
        """form="count": the names the list would show, summed over its variables (citeproc-py
        printed one count per variable side by side: "32" for 3 authors and 2 editors)."""

        def option(name: str) -> int:
            try:
                return int(name_el.get_option(name, context, sort_options) or 0)
            except (TypeError, ValueError, IndexError):
                return 0

        et_al_min, use_first = option("et-al-min"), option("et-al-use-first")
        total = 0
        for r in roles:
            names = item.reference.get(r.replace("-", "_")) or []
            n = len(names)
            total += use_first if et_al_min and use_first and n >= et_al_min else n
            if n:
                _record(layout, r)
        if total:
            _report(self, True)
        return total


ELEMENT_CLASSES["names"] = Names


class Text(_NumberMixin, _CaseMixin, cm.Text):
    """cs:text with the fixes above plus: quotes as markers (resolved per locale and nesting
    in ``finish``), variables used by a substitution suppressed, numeric ranges en-dashed."""

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """citeproc's Text.render (markup of process) with what the element does read once
        (``_text_spec``): its macro looked up once, the item's language found only for title
        case (the one use of it), and no markup steps for an element without any."""
        try:
            kind, macro, plain, title = self.__dict__[_MEMO][_TEXT]
        except KeyError:
            kind, macro, plain, title = _text_spec(self)
        if kind == "macro":
            # citeproc's Macro.render, one call shorter (see _text_spec)
            text = macro.render_children(item, context=self if context is None else context, sort_options=None)
        elif kind == "macro-group":
            # a macro that prints terms or values of its own is an implicit group (citeproc-js):
            # when its variables are all empty it renders nothing, not its terms alone ("in"
            # without the container title); for a macro of variables only this changes nothing
            frame = [False, False]
            ctx = render_context(self)
            enclosing, ctx.group_frame = ctx.group_frame, frame
            try:
                text = macro.render_children(item, context=self if context is None else context, sort_options=None)
            finally:
                ctx.group_frame = enclosing
            if frame[0]:
                _report_to(enclosing, frame[1])
                if not frame[1]:
                    return None
        elif kind == "variable":
            text = self._variable(item, self if context is None else context)
        elif kind == "term":
            text = self._term(item)
        else:
            return super().render(item, context=context, **kwargs)
        if not text:
            return None
        if plain and type(text) in _AFFIX_SAFE:
            return text
        return self.markup(text, self._language(item) if title else None)

    def _language(self, item: Any) -> str:
        try:
            ref = item.reference
        except VariableError:
            ref = None
        if ref is not None and "language" in ref:
            return ref["language"][:2]  # type: ignore[no-any-return]
        return self.get_root().get("default-locale", "en")[:2]  # type: ignore[no-any-return]

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """citeproc's Text.process, finding the item's language without raising (and catching)
        two exceptions for every piece of text of an item that has none."""
        if context is None:
            context = self
        try:
            ref = item.reference
        except VariableError:
            ref = None
        if ref is not None and "language" in ref:
            language = ref["language"][:2]
        else:
            language = self.get_root().get("default-locale", "en")[:2]
        a = self.attrib
        if "variable" in a:
            text = self._variable(item, context)
        elif "macro" in a:
            text = self.get_macro(self.get("macro")).render(item, context)
        elif "term" in a:
            text = self._term(item)
        elif "value" in a:
            # quotation marks and rich-text tags in a value are read as in field data (citeproc-js)
            value = self.get("value")
            text = String(
                prepare_text(value) if ("'" in value or '"' in value or "<" in value) else self.preformat(value)
            )
        return text, language  # (unbound for none of the four: citeproc's error too)

    def _variable(self, item: Any, context: Any) -> Any:
        try:
            spec = self.__dict__[_MEMO][_VARIABLE]
        except KeyError:
            spec = _variable_spec(self)
        if spec is not None:
            # the commonest case, a variable read from the reference, as the steps below (ours,
            # then citeproc's Text._variable) do it, in one go; the rest takes the long way
            variable, key, short_key, tag = spec
            try:
                layout = context.get_layout()
            except (IndexError, AttributeError):
                layout = None
            ctx = render_context(self)  # (the layout's too: one style tree)
            state = item_state(layout, ctx)
            if state is not None:
                rep = state.repressed  # (citeproc's own record: a variable its substitution used)
                if variable in state.suppressed or (tag in rep and variable in rep[tag]):
                    return None
                try:
                    ref = item.reference
                    if short_key is not None and short_key in ref:
                        key = short_key
                    # (dict's lookup: a Reference's own __getitem__ only turns KeyError into this)
                    text = _dict_get(ref, key)
                except (VariableError, KeyError):
                    _report_to(ctx.group_frame, False)
                    raise VariableError from None
                _report_to(
                    ctx.group_frame, text is not None and bool(text if isinstance(text, str) else nonempty(text))
                )
                if text is not None and text != "":
                    for rec in state.recording:
                        rec.add(variable)
                    if variable in _RANGE_VARIABLES:
                        text = self._en_dash_range(text)
                return text
        variable = self.get("variable")
        layout = _layout_of(context, self)
        if _suppressed(layout, variable):
            return None
        generated = variable in self.generated_variables  # year-suffix does not count (CSL)
        if variable == "citation-label":
            text = _citation_label(item)
            _report(self, text is not None)
            if text is None:
                raise VariableError
            state = item_state(layout)
            if state is not None and not state.year_suffix_done and _implicit_year_suffix(self):
                # citeproc-js puts the year suffix after the label ("Asth00a"), not the date
                state.year_suffix_done = True
                text += _year_suffix(item) or ""
            return String(text)
        try:
            if variable == "locator" and item.has_locator:
                # as citeproc-js: a page locator is a page range ("427-30" in the style's
                # page-range-format), others en-dash only their numeric ranges ("200 - 201")
                loc = item.locator
                text = self._process(loc.identifier, "page" if loc.label == "page" else "locator")
            else:
                text = super()._variable(item, context)
        except VariableError:
            if not generated:
                _report(self, False)
            raise
        if not generated:
            _report(self, text is not None and nonempty(text))
        if text is not None and text != "":
            _record(layout, variable)
            if variable in _RANGE_VARIABLES:
                text = self._en_dash_range(text)
        return text

    def _en_dash_range(self, text: Any) -> Any:
        m = _NUM_RANGE.match(str(text))
        if m:
            delim = str(self.get_single_term(name="page-range-delimiter") or "\u2013")
            return String(f"{m.group(1)}{delim}{m.group(2)}")
        return text

    def _term(self, item: Any) -> Any:
        text = super()._term(item)
        terms = render_context(self).cite_terms
        if terms is not None and text:
            terms.append(str(text))
        if self.get("term") == "no date" and text:
            _report(self, True)  # "n.d." stands for the date: its group is not empty (citeproc-js)
        return text

    def quote(self, string: Any) -> Any:
        if self.get("quotes", "false").lower() == "true" and string:
            return QUOTE_OPEN + string + QUOTE_CLOSE
        return string


_TEXT = ("text",)
_VARIABLE = ("variable",)
_LOCALE_DATE = ("locale-date",)


_PRINTS_TERMS = ("prints-terms",)


def _macro_prints_terms(macro: Any) -> bool:
    """Whether a macro can print text of its own (a term or value) outside any cs:group of its
    own: only then does treating it as a group change its output. Fixed after set-up."""
    memo = element_memo(macro)
    found = memo.get(_PRINTS_TERMS)  # (macros shared by many cs:text elements: found once)
    if found is None:
        todo = list(macro.iterchildren())
        found = False
        while todo and not found:
            el = todo.pop()
            tag = el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""
            if tag == "group":
                continue
            found = tag == "text" and (el.get("term") is not None or el.get("value") is not None)
            todo.extend(el.iterchildren())
        memo[_PRINTS_TERMS] = found
    return found


def _variable_spec(el: Any) -> tuple[str, str, str | None, str] | None:
    """For a cs:text whose variable is read from the reference as it is (not a page, locator,
    citation number or year suffix): (variable, its key in a reference, the key of its short
    form when form="short", the element's tag); None for the others."""
    variable = el.get("variable")
    if (
        variable.startswith("page")
        or variable in ("citation-number", "locator", "citation-label")
        or variable in el.generated_variables
    ):
        spec = None
    else:
        short = (variable + "-short").replace("-", "_") if el.get("form") == "short" else None
        spec = (variable, variable.replace("-", "_"), short, el.tag)
    element_memo(el)[_VARIABLE] = spec
    return spec


def _text_spec(el: Any) -> tuple[Any, Any, bool, bool]:
    """What a cs:text renders and how, read once per element: (kind: "variable", "macro",
    "macro-group" (a macro printing terms of its own), "term"
    or "" for citeproc's own path; the macro element; whether markup leaves the text as it is:
    no formatting, affixes, text-case, strip-periods or quotes; whether the language matters:
    title case only)."""
    a = el.attrib
    macro = None
    if "variable" in a:
        kind = "variable"
    elif "macro" in a:
        try:
            macro = el.get_macro(a["macro"])
            # the shortcut in Text.render calls what citeproc's Macro.render does (render_children
            # with context and no sort options); a macro class of its own goes the long way
            kind = "macro" if type(macro).render is cm.Macro.render else ""
            if kind and _macro_prints_terms(macro):
                kind = "macro-group"  # (see Text.render)
        except IndexError:
            kind = ""  # (no such macro: citeproc's error, raised on rendering)
    elif "term" in a:
        kind = "term"
    else:
        kind = ""
    plain = (
        _plain_format(el)
        and _plain_affixes(el)
        and "text-case" not in a
        and a.get("strip-periods", "false").lower() != "true"
        and a.get("quotes", "false").lower() != "true"
    )
    title = a.get("text-case") == "title"
    spec = element_memo(el)[_TEXT] = (kind, macro, plain, title)
    return spec


class Number(_NumberMixin, _CaseMixin, cm.Number):
    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        variable = self.get("variable")
        layout = _layout_of(context, self)
        if _suppressed(layout, variable):
            return None
        try:
            text = super().process(item, context=context, **kwargs)
        except VariableError:
            _report(self, False)
            raise
        _report(self, bool(text))
        if text:
            _record(layout, variable)
        return text


class Date(cm.Date):
    def is_locale_date(self) -> bool:
        # asked a dozen times per date rendered, each an xpath query and a caught IndexError;
        # whether the element sits in a cs:locale never changes
        try:
            return self.__dict__[_MEMO][_LOCALE_DATE]  # type: ignore[no-any-return]
        except KeyError:
            found = element_memo(self)[_LOCALE_DATE] = bool(super().is_locale_date())
            return found

    def render_date_range(self, date_range: Any, show_parts: Any = None, context: Any = None) -> Any:
        """citeproc's range, plus seasons of one year ("Summer–Spring 1999"): citeproc-py found
        no month to compare and rendered nothing."""
        begin, end = date_range.begin, date_range.end
        if (
            "season" in end
            and "month" not in begin
            and "month" not in end
            and not end.is_nil()
            and begin.year == end.year
            and begin.get("season") != end.get("season")
            and "month" in (show_parts or ())
        ):
            diff_begin = self.render_single_date(begin, ["month"], context)
            diff_end = self.render_single_date(end, ["month"], context)
            same = self.render_single_date(end, ["year"], context) if "year" in show_parts else None
            if not (diff_begin and diff_end):
                return super().render_date_range(date_range, show_parts, context)
            text = diff_begin.rstrip() + "\u2013" + diff_end
            return context.join([text, same.rstrip()]) if same else text
        return super().render_date_range(date_range, show_parts, context)

    def render_single_date(self, date: Any, show_parts: Any = None, context: Any = None) -> Any:
        # a localized date's parts are joined by the locale date's delimiter unless the calling
        # cs:date sets one (citeproc-py used the caller's: "2019Mar" in Vancouver)
        if context is not None and context is not self and self.is_locale_date():
            parts = self.parts(date, show_parts, context)
            if not parts:
                return None
            delim = context.get("delimiter")
            return join(parts, delim if delim is not None else self.get("delimiter", ""))
        return super().render_single_date(date, show_parts, context)

    def process(
        self, item: Any, variable: Any = None, show_parts: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        var = variable or self.get("variable")
        layout = _layout_of(context, self) if not self.is_locale_date() else None
        if var and layout is not None and _suppressed(layout, var):
            return None
        pending: list[str] = []
        state = item_state(layout)
        if var == "issued" and state is not None and not state.year_suffix_done and _implicit_year_suffix(self):
            # a style that never prints year-suffix gets it after the year of its first issued
            # date (citeproc-js): "Aalto 2015a", "(1980a)"
            suffix = _year_suffix(item)
            if suffix:
                pending.append(suffix)
        ctx = render_context(self) if pending else None
        if ctx is not None:
            outer, ctx.pending_year_suffix = ctx.pending_year_suffix, pending
        try:
            text = super().process(item, variable=variable, show_parts=show_parts, context=context, **kwargs)
        except VariableError:
            if not self.is_locale_date():
                _report(self, False)
            raise
        finally:
            if ctx is not None:
                ctx.pending_year_suffix = outer
        if ctx is not None and not pending and state is not None:
            state.year_suffix_done = True
        if not self.is_locale_date():
            _report(self, bool(text))
        if text and var and layout is not None:
            _record(layout, var)
        return text


_IMPLICIT_SUFFIX = ("implicit-year-suffix",)


def _implicit_year_suffix(el: Any) -> bool:
    """Whether the style never prints year-suffix itself (citeproc-js then adds it to the year)."""
    memo = element_memo(el.get_root())
    cached = memo.get(_IMPLICIT_SUFFIX)
    if cached is None:
        cached = memo[_IMPLICIT_SUFFIX] = not el.get_root().xpath_search(".//cs:text[@variable='year-suffix']")
    return cached  # type: ignore[no-any-return]


_NOTE_STYLE = ("note-style",)


def _note_style(layout: Any) -> bool:
    memo = element_memo(layout)
    found = memo.get(_NOTE_STYLE)
    if found is None:
        found = memo[_NOTE_STYLE] = layout.get_root().get("class") == "note"
    return found  # type: ignore[no-any-return]


def _opens_sentence(prefix: str) -> bool:
    """citeproc-js capitalises a cite's leading term with no prefix, or after one that ends a
    sentence ("This has been said. Ibid."); a one-word prefix ("Cf.") is an abbreviation."""
    p = _MARKS.sub("", prefix).strip().rstrip("\u201d\u2019\"'")
    return not p or (p[-1] in ".!?" and " " in p)


def _delimiter_between(prev: Any, item: Any, delimiter: str) -> str:
    """The layout delimiter between two cites, as the affixes typed around them leave it."""
    prefix, suffix = item.get("prefix"), prev.get("suffix")
    if not prefix and not suffix:
        return delimiter
    prefix = _MARKS.sub("", prefix or "")
    if prefix[:1] in (",", ".", ";", ":"):
        return ""
    suffix = _MARKS.sub("", suffix or "").rstrip()
    if suffix[-1:] in (",", ".", ";", ":", "!", "?"):
        return delimiter[len(delimiter.rstrip()) :]
    return delimiter


def _capitalise_lead(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


_MARKS = lazy_pattern(f"[{MARKS}]")


def apply_end_seasons(source: Any, seasons: dict[tuple[str, str], str]) -> None:
    """Give a date range's end its own season (take_end_seasons): citeproc-py's reader gave both
    ends the date's one season."""
    for (key, var), season in seasons.items():
        try:
            end = source[key].get(var).end
        except (AttributeError, KeyError):
            continue
        end["season"] = season


def _year_of(item: Any) -> Any:
    try:
        issued = item.reference.get("issued")
    except Exception:  # noqa: BLE001
        return None
    try:
        return issued.get("year") if issued is not None else None
    except AttributeError:
        return str(issued)


_LABEL_NAMES = ("author", "editor", "translator", "container_author", "composer", "director", "interviewer")


def _citation_label(item: Any) -> str | None:
    """The citation-label variable: the item's own, or citeproc-js's trigraph of its first
    names' family names and the year's last two digits ("Asth00", "BrCh98", "DEFG26")."""
    try:
        ref = item.reference
    except Exception:  # noqa: BLE001
        return None
    if ref.get("citation_label"):
        return str(ref["citation_label"])
    families: list[str] = []
    for var in _LABEL_NAMES:
        names = ref.get(var)
        if names:
            families = [str(n.get("family") or n.get("literal") or "") for n in names]
            break
    year = _year_of(item)
    digits = f"{int(year) % 100:02d}" if year is not None and str(year).lstrip("-").isdigit() else "0000"
    families = [f for f in families if f]
    if not families:
        return None
    # the trigraph "Aaaa00:AaAa00:AaAA00:AAAA00": by the number of names, letters of each
    widths = {1: (4,), 2: (2, 2), 3: (2, 1, 1)}.get(len(families), (1, 1, 1, 1))
    return "".join(f[:w] for f, w in zip(families, widths)) + digits


def _year_suffix(item: Any) -> str | None:
    try:
        v = item.reference.get("year_suffix")
    except Exception:  # noqa: BLE001
        return None
    return str(v) if v else None


def _plain_item(item: Any) -> bool:
    """No locator and no affixes: only such cites join a numeric range or a bare year-suffix chain."""
    return not item.has_locator and not item.get("prefix") and not item.get("suffix")


def _runs(values: list[int | None], gap: int = 1) -> list[tuple[int, int]]:
    """(start, end) index spans of 3 or more consecutive values (v, v+1, v+2, ...)."""
    spans = []
    i = 0
    while i < len(values):
        j = i
        while (
            j + 1 < len(values)
            and values[i] is not None
            and values[j + 1] is not None
            and values[j + 1] == values[j] + gap  # type: ignore[operator]
        ):
            j += 1
        if j - i >= 2:
            spans.append((i, j))
        i = j + 1
    return spans


class Layout(cm.Layout):
    """cs:layout whose affixes see through formatting markers at the seams, and whose citations
    are sorted, grouped and collapsed as CSL 1.0.1 says (citeproc-py does neither grouping nor
    collapsing, and sorted unsorted citations into bibliography order)."""

    def render_citation(self, citation: Any, callback: Any) -> Any:
        cit = self.getparent()
        good = [c for c in citation.cites if not c.is_bad()]
        bad = [c for c in citation.cites if c.is_bad()]
        if cit.sort is not None and len(good) > 1:
            # (one cite needs no sort keys: rendering them was a third of a citation's cost)
            # equal sort keys keep bibliography order, as in citeproc-py
            good.sort(key=lambda it: citation.bibliography.keys.index(it.key))
            good = cit.sort.sort(good, self)
        # without a cs:sort the cites stay in the order written (citeproc-js)
        # (item, text with affixes, first names, how many cites came before it)
        rendered: list[tuple[Any, Any, str | None, int]] = []
        for item in good:
            text, names = self._render_item(item, lead=not rendered)
            if text is not None:
                rendered.append((item, text, names, len(cit.cites)))
                cit.cites.append(item)
        collapse = cit.get("collapse", "")
        delimiter = self.get("delimiter", "")
        after = cit.get("after-collapse-delimiter", delimiter)
        pieces: list[tuple[Any, bool]] = []  # (text, collapsed)
        if collapse == "citation-number":
            numbers = [it.number if _plain_item(it) else None for it, _t, _n, _p in rendered]
            spans = {a: b for a, b in _runs(numbers)}
            i = 0
            while i < len(rendered):
                if i in spans:
                    j = spans[i]
                    pieces.append((rendered[i][1] + "\u2013" + rendered[j][1], True))
                    i = j + 1
                else:
                    pieces.append((rendered[i][1], False))
                    i += 1
        elif collapse.startswith("year") or cit.get("cite-group-delimiter") is not None:
            pieces = self._cite_groups(rendered, collapse, delimiter)
        else:
            pieces = [(t, False) for _i, t, _n, _p in rendered]
            if len(rendered) > 1 and not bad:
                # citeproc-js: a cite whose prefix opens with punctuation (", cited in") takes no
                # delimiter before it; after a suffix that ends with punctuation ("is one
                # source,") only the delimiter's space is left
                out = rendered[0][1]
                for (prev, _t, _n, _p), (item, text, _n2, _p2) in zip(rendered, rendered[1:]):
                    out = join([out, text], _delimiter_between(prev, item, delimiter))
                return self.format(self.wrap(out))
        for item in bad:
            pieces.append((callback(item) or f"{item.key}?", False))
        if not pieces:
            return self.format(self.wrap(join([])))
        out = pieces[0][0]
        for (_prev, collapsed), (text, _c) in zip(pieces, pieces[1:]):
            out = join([out, text], after if collapsed else delimiter)
        return self.format(self.wrap(out))

    def _render_item(
        self, item: Any, suppress_names: bool = False, cites_before: int | None = None, lead: bool = False
    ) -> tuple[Any, str | None]:
        """A cite's text with its affixes, and its first names; ``lead``: it opens the citation."""
        self.repressed: dict[str, Any] = {}
        ctx = render_context(self)
        outer = ctx.suppress_names, ctx.cite_terms
        terms: list[str] = []
        # (only a note style capitalises a leading term: no list to fill for the others)
        ctx.suppress_names, ctx.cite_terms = suppress_names, terms if _note_style(self) else None
        cit = self.getparent()
        saved = cit.cites
        if cites_before is not None:
            # a second rendering of a cite must see the cites before it, not itself ("ibid")
            cit.cites = saved[:cites_before]
        try:
            output = self.render_children(item)
        except VariableError:
            output = None
        finally:
            ctx.suppress_names, ctx.cite_terms = outer
            cit.cites = saved
        state = item_state(self)
        names = state.first_names if state is not None else None
        if output is None:
            return None, names
        prefix = item.get("prefix", "") if terms else ""
        if (
            terms
            and terms[0][:1].islower()
            and (_opens_sentence(prefix) if prefix.strip() else lead)
            and _MARKS.sub("", str(output)).lstrip().startswith(terms[0])
        ):
            output = _capitalise_lead(str(output))
        return item.get("prefix", "") + output + item.get("suffix", ""), names

    def _cite_groups(
        self, rendered: list[tuple[Any, Any, str | None, int]], collapse: str, delimiter: str
    ) -> list[tuple[Any, bool]]:
        """Cites by the same names brought together after the first of them (cite grouping); with
        collapse="year..." the later ones lose their names, and with "year-suffix..." a work of
        the same year shows only its suffix ("Smith 2000a, b")."""

        cit = self.getparent()
        groups: list[list[tuple[Any, Any, str | None, int]]] = []
        by_names: dict[str, list[tuple[Any, Any, str | None, int]]] = {}
        for r in rendered:
            # (cites that print no names group together, as in citeproc-js: "(1965a,b)")
            key = _MARKS.sub("", r[2]) if r[2] else ""
            if key in by_names:
                by_names[key].append(r)
            else:
                groups.append([r])
                by_names[key] = groups[-1]
        # defaults as citeproc-js has them: ", " within a year-collapsed group; with year-suffix
        # collapsing the layout delimiter, and the suffixes follow cite-group-delimiter if given
        given_group = cit.get("cite-group-delimiter")
        group_delim = (
            given_group if given_group is not None else (delimiter if collapse.startswith("year-suffix") else ", ")
        )
        suffix_delim = cit.get("year-suffix-delimiter", given_group if given_group is not None else delimiter)
        out: list[tuple[Any, bool]] = []
        for g in groups:
            if len(g) == 1:
                out.append((g[0][1], False))
                continue
            if not collapse.startswith("year"):
                text = g[0][1]
                for r in g[1:]:
                    text = join([text, r[1]], group_delim)
                out.append((text, True))
                continue
            # chains: a cite's text, then the bare suffixes of the same year that follow it
            chains: list[list[tuple[Any, Any]]] = [[(g[0][0], g[0][1])]]
            for item, _full, _n, before in g[1:]:
                prev = chains[-1][-1][0]
                if (
                    collapse.startswith("year-suffix")
                    and _plain_item(item)
                    and _plain_item(prev)
                    and _year_suffix(item)
                    and _year_suffix(prev)
                    and _year_of(item) == _year_of(prev)
                ):
                    chains[-1].append((item, _year_suffix(item)))
                    continue
                text, _names = self._render_item(item, suppress_names=True, cites_before=before)
                if text is not None and _MARKS.sub("", str(text)).strip():
                    chains.append([(item, text)])
                # a later cite that is nothing but its names (no date) disappears (citeproc-js)
            texts = []
            for chain in chains:
                tokens: list[Any] = [chain[0][1]] + [s for _i, s in chain[1:]]
                letters = [_year_suffix(chain[0][0])] + [s for _i, s in chain[1:]]
                spans: dict[int, int] = {}
                if collapse == "year-suffix-ranged" and all(x and len(x) == 1 for x in letters):
                    spans = dict(_runs([ord(x) for x in letters]))  # type: ignore[arg-type]
                emitted: list[Any] = []
                i = 0
                while i < len(tokens):
                    if i in spans:
                        emitted.append(tokens[i] + "\u2013" + letters[spans[i]])
                        i = spans[i] + 1
                    else:
                        emitted.append(tokens[i])
                        i += 1
                text = emitted[0]
                for t in emitted[1:]:
                    text = join([text, t], suffix_delim)
                texts.append(text)
            text = texts[0]
            for chain, t in zip(chains, texts[1:]):
                # after a cite with a locator the next one is set off more strongly:
                # "(Wong 1999, 328; 2000, 475)"
                text = join(
                    [text, t],
                    cit.get("after-collapse-delimiter", delimiter) if chain[-1][0].has_locator else group_delim,
                )
            out.append((text, True))
        return out

    def wrap(self, string: Any) -> Any:
        if string is None:
            return None
        prefix, suffix = self.get("prefix", ""), self.get("suffix", "")
        string = normalize_seam(prefix, string)
        text = prefix + string
        if not suffix:
            return text
        suffix = normalize_seam(text, suffix)
        return text + suffix if suffix else text


_DELIMITER = ("delimiter",)


def _report(el: Any, rendered: bool) -> None:
    """A variable was looked up (and was or was not empty) inside the innermost open group; a
    nested group reports to its parent as one unit when it closes."""
    _report_to(render_context(el).group_frame, rendered)


def _report_to(frame: list[bool] | None, rendered: bool) -> None:
    """``_report`` to a group's frame already in hand (a closing group's enclosing one: the innermost
    open group once it has closed)."""
    if frame is not None:
        frame[0] = True
        if rendered:
            frame[1] = True


class Group(cm.Group):
    """cs:group suppression decided by what was rendered, through macros and choose, as CSL
    says (citeproc-py decides statically and printed "(Publication)" with no number)."""

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        # citeproc's render (markup of process), without formatting or affixing when the
        # element has neither (see _FastFormatted)
        text = self.process(item, context, **kwargs)
        if not text:
            return None
        if type(text) in _AFFIX_SAFE and _plain_format(self) and _plain_affixes(self):
            return text
        return self.markup(text)

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        frame = [False, False]
        try:
            memo = self.__dict__[_MEMO]  # (``render_context`` and ``_kids`` inlined: every group rendered)
            ctx, delimiter, kids = memo[_CONTEXT], memo[_DELIMITER], memo[_KIDS]
        except KeyError:
            ctx, kids = render_context(self), _kids(self)
            delimiter = element_memo(self)[_DELIMITER] = self.get("delimiter", "")  # (no code changes it)
        enclosing, ctx.group_frame = ctx.group_frame, frame
        output = []
        try:
            for child, is_choose in kids:
                try:
                    if is_choose:
                        text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                    else:
                        text = child.render(item, context=context, **kwargs)
                except VariableError:
                    continue
                # (a str is empty exactly when false: no join of a MixedString's pieces)
                if text is not None and (text if isinstance(text, str) else nonempty(text)):
                    output.append(text)
        finally:
            ctx.group_frame = enclosing
        # for the group around it, a nested group is one variable: rendered (even with terms
        # only: IEEE's "[Online]" beside an empty access date) or empty ("Located at" + nothing)
        if output and (not frame[0] or frame[1]):
            _report_to(enclosing, True)
            return output[0] if len(output) == 1 else self.join(output)
        if frame[0]:
            _report_to(enclosing, False)
        raise VariableError


class Label(_CaseMixin, cm.Label):
    """cs:label renders nothing for an absent variable (citeproc-py printed "Edition." alone);
    plural only for real lists or ranges of numbers ("A/HRC/26/36" is one number)."""

    def process(self, item: Any, variable: Any = None, plural: Any = None, context: Any = None, **kwargs: Any) -> Any:
        var = variable or self.get("variable")
        if variable is None and var:
            if var == "locator":
                if not item.has_locator:
                    return None
            elif var.replace("-", "_") not in item.reference:
                return None
        return super().process(item, variable=variable, plural=plural, context=context, **kwargs)

    def _is_plural(self, item: Any) -> bool:
        variable = self.get("variable")
        if variable == "locator":
            value = item.locator.identifier
        else:
            try:
                value = item.reference[variable.replace("-", "_")]
            except VariableError:
                return False
        if variable.startswith("number-of"):
            try:
                return int(str(value)) > 1
            except ValueError:
                return False
        text = str(value)
        if "\\-" in text:
            text = text.replace("\\-", "")  # an escaped hyphen joins one number ("3\-B")
        if _ROMAN_RANGE.match(text):
            return True  # "i-ix"
        return _is_numeric_text(text) and _MULTIPLE.search(text) is not None


_SORT_PUNCT = lazy_pattern(r"[^\w\s]")
_SORT_STRIP = lazy_pattern("[" + PRIVATE_USE + r"\u201c\u201d\u2018\u2019\"'\[\]()]")
_SORT_QUOTES = str.maketrans("", "", "\u201c\u201d\u2018\u2019\"'[]()")  # _SORT_STRIP's characters below U+E000


def _sort_strip(text: str) -> str:
    """``_SORT_STRIP.sub("", text)``, the pattern (slow to compile: a 6,400-character class) only
    for text with a private-use character; the other characters it removes go by a table."""
    return _SORT_STRIP.sub("", text) if max(text, default="") >= MARK_FIRST else text.translate(_SORT_QUOTES)


class Key(cm.Key):
    """Sort keys compared as text: no formatting markers or quotation marks (citeproc-py sorted
    “Quoted titles” and italic ones apart), case- and accent-insensitive."""

    def sort_keys(self, items: Any, context: Any) -> Any:
        if self.get("variable") == "citation-label":
            keys = [_citation_label(item) for item in items]
        else:
            keys = super().sort_keys(items, context)
        out: list[Any] = []
        for k in keys:
            if k is None or isinstance(k, int):
                out.append(k)
                continue
            text = _sort_strip(str(k))
            if not text.isascii():  # (an ASCII text has no decomposition and no combining mark)
                text = unicodedata.normalize("NFKD", text)
                text = "".join(c for c in text if not unicodedata.combining(c))
            # punctuation does not count (ICU collation, which citeproc-js sorts with, ignores it)
            text = " ".join(_SORT_PUNCT.sub("", text).split())
            out.append(text.strip().casefold() or None)
        return out


_UNSET = object()
_SORT_KEYS = ("sort-keys",)


class Sort(cm.Sort):
    """citeproc's multi-key sort with each item's keys rendered when a comparison first needs
    them: later keys only break ties (APA's title and archive keys are rarely reached), and
    rendering every key of every item up front was a fifth of a long reference list's cost.
    The comparison is citeproc's, so the order is the same."""

    def sort(self, items: Any, context: Any) -> Any:
        try:
            keys = self.__dict__[_MEMO][_SORT_KEYS]
        except KeyError:
            keys = element_memo(self)[_SORT_KEYS] = self.findall("cs:key", self.nsmap)  # (fixed after set-up)
        descending = [key.get("sort", "ascending").lower() == "descending" for key in keys]
        values = [[_UNSET] * len(keys) for _ in items]

        def value(i: int, k: int) -> Any:
            v = values[i][k]
            if v is _UNSET:
                v = values[i][k] = keys[k].sort_keys([items[i]], context)[0]
            return v

        def compare(left: int, right: int) -> int:
            for k, desc in enumerate(descending):
                left_key, right_key = value(left, k), value(right, k)
                if left_key is not None and right_key is not None:
                    try:
                        left_key = str(left_key.lower())
                        right_key = str(right_key.lower())
                    except AttributeError:
                        pass
                    try:
                        left_key, right_key = int(str(left_key)), int(str(right_key))
                    except ValueError:
                        pass
                    result = (left_key > right_key) - (left_key < right_key)
                    if result:
                        return -1 * result if desc else result
                elif left_key is not None:
                    return -1
                elif right_key is not None:
                    return 1
            return 0

        if len(items) > 1 and keys:
            for i in range(len(items)):
                value(i, 0)  # the first key is always needed; rendered in item order, as citeproc does
        order = sorted(range(len(items)), key=cmp_to_key(compare))
        return [items[i] for i in order]


class DatePart(_CaseMixin, cm.Date_Part):
    def process(self, date: Any, context: Any = None) -> Any:
        text = super().process(date, context)
        pending = render_context(self).pending_year_suffix
        if pending and text is not None and self.get("name") == "year":
            text = text + pending.pop()  # inside the date's affixes: "(1980a)"
        return text


class NamePart(_CaseMixin, cm.Name_Part):
    pass


class Term(cm.Term):
    """A locale term's singular and plural texts made once: citeproc finds the cs:single or
    cs:multiple child and preformats its text for every use; a term never changes, and the
    text is an immutable String."""

    @property
    def single(self) -> Any:
        return self._text(_SINGLE, cm.Term.single.fget)  # type: ignore[attr-defined]

    @property
    def multiple(self) -> Any:
        return self._text(_PLURAL, cm.Term.multiple.fget)  # type: ignore[attr-defined]

    def _text(self, key: tuple[str], make: Any) -> Any:
        try:
            return self.__dict__[_MEMO][key]
        except KeyError:
            text = element_memo(self)[key] = make(self)
            return text


_SINGLE = ("single",)
_NAME_PARTS = ("name-parts",)
_PLURAL = ("multiple",)

ELEMENT_CLASSES.update(
    {
        "term": Term,
        "text": Text,
        "date-part": DatePart,
        "number": Number,
        "label": Label,
        "name-part": NamePart,
        "date": Date,
        "layout": Layout,
        "group": Group,
        "key": Key,
        "sort": Sort,
    }
)

# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------


def complete_names(root: Any) -> None:
    """Give every cs:names without a cs:name (outside cs:substitute, whose names borrow the outer
    one) an empty cs:name built by our parser: citeproc-py would insert a plain citeproc Name,
    which misses the fixes below (initialize, abbreviated given names)."""
    for names in root.iter(f"{{{CSL_NS}}}names"):
        if names.find(f"{{{CSL_NS}}}name") is not None:
            continue
        if any(a.tag == "substitute" or a.tag.endswith("}substitute") for a in names.iterancestors()):
            continue  # (the local name, as etree.QName(a).localname, without a QName per ancestor)
        names.insert(0, names.makeelement(f"{{{CSL_NS}}}name", {}))


class Name(cm.Name):
    """cs:name with initialize="false" honoured (citeproc-py always initialises when
    initialize-with is set) and options inherited from cs:style as CSL 1.0.1 allows."""

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        # citeproc reads a dozen options per name list, each through the enclosing citation or
        # bibliography; unless a sort key or disambiguation overrides it, an option depends only
        # on the style's attributes, so it is read once per calling context
        if sort_options is not None and not (isinstance(sort_options, dict) and name not in sort_options):
            return super().get_option(name, context, sort_options)
        key = ("option", name, context)
        try:
            return self.__dict__[_MEMO][key]  # (a dozen per name list rendered: no call to element_memo)
        except KeyError:
            value = element_memo(self)[key] = super().get_option(name, context, None)
            return value

    def findall(self, path: Any, namespaces: Any = None) -> Any:
        # citeproc looks for the cs:name-part children of a cs:name for every name it formats
        # (an ElementPath search, ~2.5 µs); they are fixed after set-up
        if path == "cs:name-part":
            try:
                parts = self.__dict__[_MEMO][_NAME_PARTS]
            except KeyError:
                parts = element_memo(self)[_NAME_PARTS] = super().findall(path, namespaces)
            return list(parts)
        return super().findall(path, namespaces)

    def _initialize_enabled(self, context: Any) -> bool:
        # read from the style's attributes only (fixed after set-up): once per calling context
        key = ("initialize", context)
        try:
            return self.__dict__[_MEMO][key]  # type: ignore[no-any-return]
        except KeyError:
            enabled = element_memo(self)[key] = self._read_initialize(context)
            return enabled

    def _read_initialize(self, context: Any) -> bool:
        value = self.get("initialize")
        if value is None:
            ctx = context if context is not None else self
            parents = ctx.xpath_search("./ancestor::*[self::cs:citation or self::cs:bibliography][1]")
            for el in (*parents, self.get_root()):
                if el.get("initialize") is not None:
                    value = el.get("initialize")
                    break
        return (value or "true").lower() != "false"

    def initialize(self, given: str, mark: str, context: Any) -> str:  # type: ignore[override]
        if not self._initialize_enabled(context):
            return initials_only(given, mark)
        return initialize_given(given, mark, bool(self.get_option("initialize-with-hyphen", context)))

    def process(self, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kwargs: Any) -> Any:
        """citeproc-py's Name.process plus the per-work expansions that disambiguation decided
        (more names before "et al.", initials or full given names for some names)."""
        plan = _name_plan(self, item)
        if sort_options is None and _truncated(self, item, variable):
            return self._process_truncated(item, variable, context, plan, **kwargs)
        inverted = self._after_inverted(item, variable, context, plan) if sort_options is None else None
        if isinstance(sort_options, dict) and "name-as-sort-order" in sort_options and "and" not in sort_options:
            # a name list as a sort key (cs:key macro=...) has no "and" (citeproc-js): "Colaresi,
            # Rasler, and Thompson" sorts before "Colaresi and Thompson"
            sort_options = {**sort_options, "and": None}
        if plan is None or sort_options is not None:
            return super().process(item, variable, context=context, sort_options=sort_options or inverted, **kwargs)
        use_first = plan.get("use_first")
        expand: dict[int, int] = plan.get("expand", {}) if render_context(self).citation else {}
        opts: dict[str, Any] = dict(inverted) if inverted else {}
        if use_first:
            own = self.get_option("et-al-use-first", context)
            if render_context(self).citation or use_first > own:
                opts["et-al-use-first"] = str(use_first)
                opts["et-al-subsequent-use-first"] = str(use_first)
                try:
                    count = len(item.reference.get(variable.replace("-", "_")) or [])
                except Exception:  # noqa: BLE001
                    count = 0
                if count and use_first >= count:
                    # every name shown: no "et al." either ("Smith, Brown & Jones", citeproc-js)
                    opts["et-al-min"] = opts["et-al-subsequent-min"] = str(count + 1)
        if not expand:
            return super().process(item, variable, context=context, sort_options=opts or None, **kwargs)
        # names to expand: render each name on its own with the right form, then join as usual
        return self._process_expanded(item, variable, context, opts, expand, **kwargs)

    def _process_truncated(
        self, item: Any, variable: str, context: Any, plan: dict[str, Any] | None, **kwargs: Any
    ) -> Any:
        """A name list the source itself cut short ("Vetter, J., et al."): the names the style shows
        of a list longer than it lists in full (et-al-use-first, all when the style never cuts), then
        its "et al." term; never "... last name" (et-al-use-last): the last name is not known."""
        names = list(item.reference.get(variable.replace("-", "_")) or [])
        n = len(names)
        if not n:
            return super().process(item, variable, context=context, **kwargs)
        use_first = (plan or {}).get("use_first") or self.get_option("et-al-use-first", context) or n
        shown = min(n, int(use_first)) if self.get_option("et-al-min", context) else n
        opts: dict[str, Any] = {
            "et-al-min": str(n + 1),
            "et-al-use-first": str(shown),
            "et-al-subsequent-min": str(n + 1),
            "et-al-subsequent-use-first": str(shown),
            "et-al-use-last": "false",
        }
        form = self.get_option("form", context)
        nso = self.get_option("name-as-sort-order", context)
        last = names[shown - 1]
        if (
            form in (None, "long")
            and "literal" not in last
            and (nso == "all" or (nso == "first" and shown == 1))
            and self.get_option("delimiter-precedes-et-al", context) in ("contextual", "after-inverted-name")
        ):
            opts["delimiter-precedes-et-al"] = "always"  # "Vetter, J., et al." after an inverted name
        saved = item.reference[variable.replace("-", "_")]
        item.reference[variable.replace("-", "_")] = names + [SourceName(family=NAME_FILLER)]  # (never shown)
        try:
            return super().process(item, variable, context=context, sort_options=opts, **kwargs)
        finally:
            item.reference[variable.replace("-", "_")] = saved

    def _after_inverted(
        self, item: Any, variable: str, context: Any, plan: dict[str, Any] | None
    ) -> dict[str, str] | None:
        """delimiter-precedes-last / -et-al="after-inverted-name" (citeproc-py knows only always,
        never and contextual): "always" when the name before "and" or "et al." is inverted."""
        key = ("after-inverted", context)
        memo = self.__dict__.get(_MEMO)
        wanted = memo.get(key) if memo is not None else None
        if wanted is None:
            # (the options depend only on the style and the calling context: asked once)
            dpl = self.get_option("delimiter-precedes-last", context)
            dpe = self.get_option("delimiter-precedes-et-al", context)
            wanted = element_memo(self)[key] = (dpl, dpe) if "after-inverted-name" in (dpl, dpe) else ()
        if not wanted:
            return None
        dpl, dpe = wanted
        try:
            names = list(item.reference.get(variable.replace("-", "_")) or [])
        except Exception:  # noqa: BLE001
            return None
        n = len(names)
        et_al_min = self.get_option("et-al-min", context)
        use_first = (plan or {}).get("use_first") or self.get_option("et-al-use-first", context)
        nso = self.get_option("name-as-sort-order", context)

        def inverted(i: int) -> str:
            long = self.get_option("form", context) in (None, "long")
            personal = i < n and "literal" not in names[i]  # an institution's name is never inverted
            return "always" if personal and long and (nso == "all" or (nso == "first" and i == 0)) else "never"

        out = {}
        truncated = n > 1 and et_al_min and n >= et_al_min and (plan or {}).get("use_first", 0) < n
        if dpe == "after-inverted-name" and truncated and use_first:
            out["delimiter-precedes-et-al"] = inverted(use_first - 1)
        if dpl == "after-inverted-name" and not truncated and n > 1:
            out["delimiter-precedes-last"] = inverted(n - 2)
        return out or None

    def _process_expanded(
        self, item: Any, variable: str, context: Any, opts: dict[str, Any], expand: dict[int, int], **kwargs: Any
    ) -> Any:
        form = self.get_option("form", context)
        names = list(item.reference.get(variable, []))
        original = names
        pieces: list[str | None] = []
        for i, name in enumerate(names):
            level = expand.get(i, 0) if variable in ("author", "editor", "translator", "composer", "director") else 0
            given, family, dp, ndp, suffix = name.parts()
            if level and form == "short" and given:
                init_with = self.get_option("initialize-with", context)
                if init_with is None:
                    g = given  # no initials to show without initialize-with: the given name in full
                else:
                    g = (
                        self.initialize(given, init_with, context).strip()
                        if level == 1
                        else initials_only(given, init_with).strip()
                    )
                fam = " ".join(n for n in (dp, ndp, family) if n)
                pieces.append(" ".join(n for n in (g, fam) if n))
            else:
                pieces.append(None)
        # render the list with literal names standing for the expanded ones
        patched = [SourceName(literal=p) if p is not None else n for p, n in zip(pieces, original)]
        saved = item.reference[variable]
        item.reference[variable] = patched
        try:
            return super().process(item, variable, context=context, sort_options=opts or None, **kwargs)
        finally:
            item.reference[variable] = saved


ELEMENT_CLASSES["name"] = Name


def _truncated(el: Any, item: Any, variable: str) -> bool:
    """Whether the source wrote ``variable``'s name list cut short (compat_input.truncated_names)."""
    return variable in render_context(el).truncated.get(getattr(item, "key", ""), ())


def _name_plan(el: Any, item: Any) -> dict[str, Any] | None:
    """The work's name plan from disambiguation (csl.Session), if any."""
    return render_context(el).name_plans.get(getattr(item, "key", "")) or None
