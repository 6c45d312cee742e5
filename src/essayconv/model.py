"""The document model: a closed set of frozen records shared by every reader, pass and writer.

The records are msgspec Structs rather than dataclasses: a frozen dataclass compiles six generated
methods when its class is created (about 1 ms each class, ~40 ms of start-up over the package), while
a Struct's methods are C code; creating, comparing and ``replace``-ing instances is faster too.

Rich text is nesting (``Emph((Text("a"),))``), never markup strings. Nothing here knows about
fonts, points, DOCX or PDF: those belong to layouts/ and writers/.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

from msgspec import Struct, field

from .diagnostics import Diagnostic

# --------------------------------------------------------------------------------------------
# Inlines
# --------------------------------------------------------------------------------------------


class Text(Struct, frozen=True):
    text: str


class Emph(Struct, frozen=True):
    children: tuple[Inline, ...]


class Strong(Struct, frozen=True):
    children: tuple[Inline, ...]


class SmallCaps(Struct, frozen=True):
    children: tuple[Inline, ...]


class Sup(Struct, frozen=True):
    children: tuple[Inline, ...]


class Sub(Struct, frozen=True):
    children: tuple[Inline, ...]


class Link(Struct, frozen=True):
    children: tuple[Inline, ...]
    url: str


CiteMode = Literal["parenthetical", "narrative", "numeric", "note"]


class CiteItem(Struct, frozen=True):
    """One work inside a citation, as the author wrote it, plus the key it resolves to."""

    author: str = ""  # names as written: "Jeng et al.", "Price & Bentele"; "" for numeric
    year: str | None = None  # "2022", "2022a", "n.d."
    number: int | None = None  # numeric citations: the number as written ("[3]" -> 3)
    locator: str | None = None  # "5", "3-4"
    label: str | None = None  # CSL locator label: "page", "chapter", "section", ...
    prefix: str = ""  # "see "
    suffix: str = ""  # text after the locator that is not a locator
    key: str | None = None  # Reference.id once resolved


class Cite(Struct, frozen=True):
    """A citation occurrence. ``text`` is exactly the source text, kept so that output degrades
    gracefully when the citation cannot be resolved; ``rendered`` is filled by the citation pass."""

    items: tuple[CiteItem, ...]
    text: str
    mode: CiteMode = "parenthetical"
    line: int | None = None
    rendered: tuple[Inline, ...] | None = None


class NoteRef(Struct, frozen=True):
    """A footnote mark in running text; ``note_id`` is a Footnote.id."""

    note_id: str
    mark: str = ""  # the mark as it appeared in the source ("1", "*")


Inline = Text | Emph | Strong | SmallCaps | Sup | Sub | Link | Cite | NoteRef
Inlines = tuple[Inline, ...]

# The formatting containers: their children are inlines and they carry nothing else; a link has a target too.
FORMATTING = (Emph, Strong, SmallCaps, Sup, Sub)
_WITH_CHILDREN = (*FORMATTING, Link)

# --------------------------------------------------------------------------------------------
# Blocks
# --------------------------------------------------------------------------------------------


class Heading(Struct, frozen=True):
    level: int  # 1 = top-level section heading (the title is in Meta, never a Heading)
    content: Inlines
    line: int | None = None
    numbering: str | None = None  # "1.", "1.1", "II.", "Chapter 3:" as written; content excludes it


# "continuation": the rest of the paragraph before a display (an equation, a table set in the text, a block
# quotation) that the display interrupted ("... is given by" / E = mc² / "where E is the energy ..."): the same
# paragraph, set flush left, not counted as a new one
ParagraphRole = Literal["body", "abstract", "epigraph", "caption", "continuation"]


class Paragraph(Struct, frozen=True):
    content: Inlines
    line: int | None = None
    role: ParagraphRole = "body"


class BlockQuote(Struct, frozen=True):
    paragraphs: tuple[Paragraph, ...]
    line: int | None = None


class ListItem(Struct, frozen=True):
    content: Inlines
    marker: str = ""  # as written: "1.", "a)", "•"


class ListBlock(Struct, frozen=True):
    items: tuple[ListItem, ...]
    ordered: bool = False
    line: int | None = None


class Preformatted(Struct, frozen=True):
    """Text whose line breaks matter (tables pasted as text, code, poetry)."""

    text: str
    line: int | None = None


Block = Heading | Paragraph | BlockQuote | ListBlock | Preformatted

# --------------------------------------------------------------------------------------------
# Notes, references, bibliography
# --------------------------------------------------------------------------------------------


class Footnote(Struct, frozen=True):
    id: str  # "fn1"
    content: Inlines
    mark: str = ""  # the mark as written in the source
    line: int | None = None


class Reference(Struct, frozen=True):
    """One entry of the essay's own reference list: the raw string and its parse."""

    id: str  # lowercase, unique in the document: "jeng2022", "ref3"
    raw: str  # the entry as one line (wrapped lines joined)
    csl: Mapping[str, Any]  # CSL-JSON item; csl["id"] == id
    line: int | None = None
    confidence: float = 1.0  # 0..1, from the reference parser
    uncertain: tuple[str, ...] = ()  # CSL variable names the parser is unsure of
    number: int | None = None  # the number the entry carried in the source ("[3]", "3.")


class BibEntry(Struct, frozen=True):
    ref_id: str
    content: Inlines
    label: str | None = None  # "[1]", "1." for second-field-align styles; None otherwise


class Bibliography(Struct, frozen=True):
    """The reference list as rendered by the citation pass, with the style's layout options."""

    heading: str  # "References", "Works Cited", "Bibliography", ...
    entries: tuple[BibEntry, ...]
    style_id: str
    style_class: Literal["in-text", "note"] = "in-text"
    family: str = "plain"  # "apa", "mla", "chicago", "numeric", "plain": picks a layout
    hanging_indent: bool = False
    second_field_align: str | None = None  # "flush" | "margin" | None
    line_spacing: int = 1
    entry_spacing: int = 1


# --------------------------------------------------------------------------------------------
# Document
# --------------------------------------------------------------------------------------------


class Meta(Struct, frozen=True):
    title: str | None = None
    subtitle: str | None = None
    author: str | None = None
    instructor: str | None = None
    course: str | None = None
    affiliation: str | None = None
    date: str | None = None
    language: str = "en-US"
    running_head: str | None = None


class Removed(Struct, frozen=True):
    """A source line the reader decided is not part of the essay (ads, page numbers, ...)."""

    line: int  # 1-based source line number
    text: str
    reason: str  # "boilerplate", "page-number", "running-head", "blank-noise", ...
    rule: str  # the reader rule that decided ("furniture.page-numbers"; readers/trace.py)


class Document(Struct, frozen=True):
    meta: Meta = field(default_factory=Meta)
    blocks: tuple[Block, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    references: tuple[Reference, ...] = ()
    references_heading: str | None = None  # the heading as written in the source, if any
    bibliography: Bibliography | None = None  # filled by the citation pass
    removed: tuple[Removed, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    source_name: str | None = None  # for messages only; never written into outputs
    transforms: tuple[str, ...] = ()  # the whole-document passes it has been through, in order (transforms.py)


# --------------------------------------------------------------------------------------------
# Helpers shared by passes and writers
# --------------------------------------------------------------------------------------------


def plain_text(inlines: Iterable[Inline]) -> str:
    """The visible text of some inlines (a Cite shows its rendering, or its source text)."""
    return "".join(_plain(i) for i in inlines)


def _plain(node: Inline) -> str:
    match node:
        case Text(text=t):
            return t
        case _ if isinstance(node, _WITH_CHILDREN):
            return plain_text(node.children)
        case Cite(rendered=r, text=t):
            return plain_text(r) if r is not None else t
        case NoteRef(mark=m):
            return m
    raise TypeError(f"not an inline: {node!r}")  # pragma: no cover


def iter_inlines(blocks: Iterable[Block]) -> Iterator[Inlines]:
    """Every inline sequence of the given blocks, in reading order."""
    for b in blocks:
        match b:
            case Heading(content=c) | Paragraph(content=c):
                yield c
            case BlockQuote(paragraphs=ps):
                for p in ps:
                    yield p.content
            case ListBlock(items=items):
                for it in items:
                    yield it.content
            case Preformatted():
                pass


def iter_nodes(inlines: Iterable[Inline], *, rendered: bool = False) -> Iterator[Inline]:
    """Every inline node, depth first, in reading order; with ``rendered``, also inside each Cite's rendering."""
    for node in inlines:
        yield node
        match node:
            case _ if isinstance(node, _WITH_CHILDREN):
                yield from iter_nodes(node.children, rendered=rendered)
            case Cite(rendered=r) if rendered and r is not None:
                yield from iter_nodes(r, rendered=rendered)
            case _:
                pass


def iter_cites(inlines: Iterable[Inline]) -> Iterator[Cite]:
    """Every Cite in some inlines, depth first, in reading order."""
    return (node for node in iter_nodes(inlines) if isinstance(node, Cite))


def all_cites(doc: Document) -> list[Cite]:
    """Every citation of the body and the footnotes, in reading order."""
    out: list[Cite] = []
    for seq in iter_inlines(doc.blocks):
        out.extend(iter_cites(seq))
    for fn in doc.footnotes:
        out.extend(iter_cites(fn.content))
    return out


def rebuild(inlines: Inlines, leaf: Callable[[Inline], Inline | Sequence[Inline]]) -> Inlines:
    """The one inline walk of the passes that rebuild text: formatting containers (Emph, Strong,
    SmallCaps, Sup, Sub) kept, every other node (Text, Link, Cite, NoteRef) replaced by what ``leaf``
    returns for it, one node or several, in reading order (``leaf`` may rebuild a Link's children or a
    Cite's rendering itself)."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, FORMATTING):
            out.append(type(node)(rebuild(node.children, leaf)))
            continue
        got = leaf(node)
        if isinstance(got, (Text, Link, Cite, NoteRef, *FORMATTING)):
            out.append(got)
        else:
            out.extend(got)
    return tuple(out)


def map_inlines(inlines: Inlines, fn: Any) -> Inlines:
    """Rebuild inlines, replacing every Cite ``c`` by ``fn(c)`` (which returns a Cite), inside links too."""
    return rebuild(inlines, _CiteMap(fn))


class _CiteMap:
    """map_inlines' leaf. (An object passing itself down, not a nested function calling itself through its
    closure: that made a reference cycle at every call, a paragraph's worth of garbage for the collector.)"""

    __slots__ = ("fn",)

    def __init__(self, fn: Any) -> None:
        self.fn = fn

    def __call__(self, node: Inline) -> Inline:
        match node:
            case Cite():
                return self.fn(node)  # type: ignore[no-any-return]
            case Link(children=c, url=u):
                return Link(rebuild(c, self), u)
        return node


def map_cites(doc: Document, fn: Any) -> Document:
    """A copy of ``doc`` with every Cite (body and footnotes) replaced by ``fn(cite)``."""
    return map_sequences(doc, lambda seq: map_inlines(seq, fn))


def map_sequences(doc: Document, fn: Any) -> Document:
    """A copy of ``doc`` with every inline sequence of its blocks and footnotes replaced by ``fn(seq)``,
    in reading order (preformatted text has none)."""
    from msgspec.structs import replace

    def block(b: Block) -> Block:
        match b:
            case Heading() | Paragraph():
                return replace(b, content=fn(b.content))
            case BlockQuote(paragraphs=ps):
                return replace(b, paragraphs=tuple(replace(p, content=fn(p.content)) for p in ps))
            case ListBlock(items=items):
                return replace(b, items=tuple(replace(it, content=fn(it.content)) for it in items))
            case Preformatted():
                return b
        raise TypeError(f"not a block: {b!r}")  # pragma: no cover

    return replace(
        doc,
        blocks=tuple(block(b) for b in doc.blocks),
        footnotes=tuple(replace(f, content=fn(f.content)) for f in doc.footnotes),
    )
