"""The page plan both document writers follow: title block, abstract, body, references, notes, in order.

Deciding *what* goes where lives here once, so that the DOCX and the PDF of one essay agree;
the writers only decide *how* each piece looks, reading the Layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal, Union

from msgspec import Struct
from msgspec.structs import replace

from ..layouts import Layout, field_value
from ..typography import find_urls, trim_url
from ..model import (
    iter_nodes,
    BibEntry,
    Block,
    BlockQuote,
    Cite,
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
    Preformatted,
    SmallCaps,
    Strong,
    Sub,
    Sup,
    Text,
    iter_inlines,
    plain_text,
)

# --------------------------------------------------------------------------------------------
# Text hygiene
# --------------------------------------------------------------------------------------------

# C0 controls but tab/newline/CR, DEL, C1 controls, lone surrogates and the two non-characters:
# XML 1.0 forbids some of these outright, and none of them prints.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text with the characters no document format can carry removed."""
    return _BAD_CHARS.sub("", text)


def safe_url(url: str) -> str | None:
    """The link target to write, or None for a scheme that must not become a live link."""
    u = clean(url).strip()
    low = u.lower()
    if low.startswith("doi:"):
        return "https://doi.org/" + u[4:].strip()
    if low.startswith(("http://", "https://", "mailto:")):
        return u
    if low.startswith("10.") and "/" in u:
        return "https://doi.org/" + u
    if low.startswith("www."):
        return "https://" + u
    return None


def linkify(inlines: Inlines) -> Inlines:
    """Inlines with bare http(s) URLs and ``doi:`` identifiers in text turned into Link nodes."""
    out: list[Inline] = []
    for node in inlines:
        match node:
            case Text(text=t):
                out.extend(_linkify_text(t))
            case Emph(children=c):
                out.append(Emph(linkify(c)))
            case Strong(children=c):
                out.append(Strong(linkify(c)))
            case SmallCaps(children=c):
                out.append(SmallCaps(linkify(c)))
            case Sup(children=c):
                out.append(Sup(linkify(c)))
            case Sub(children=c):
                out.append(Sub(linkify(c)))
            case Link() | Cite() | NoteRef():
                out.append(node)
            case _:
                raise TypeError(f"not an inline: {node!r}")
    return tuple(out)


def _linkify_text(text: str) -> list[Inline]:
    # The addresses the smart-quote pass left as written (typography.find_urls): a quote after one is
    # not part of it, whether straight or curled.
    urls = find_urls(text)
    if not urls:
        return [Text(text)] if text else []
    out: list[Inline] = []
    pos = 0
    for m, shown in urls:
        start = m.start()
        if start > pos:
            out.append(Text(text[pos:start]))
        target = safe_url(shown if m.group("url") else "doi:" + trim_url(m.group("doiid")))
        out.append(Link((Text(shown),), target or shown))
        pos = start + len(shown)
    if pos < len(text):
        out.append(Text(text[pos:]))
    return out


# --------------------------------------------------------------------------------------------
# Notes
# --------------------------------------------------------------------------------------------


# The plan's records are msgspec Structs, like the model's: a dataclass or NamedTuple compiles generated
# code when its class is created (0.2-1 ms each), and a writer's cold start pays for it.


class Note(Struct, frozen=True):
    number: int  # 1-based, in order of first reference
    content: Inlines


class Notes:
    """Footnotes numbered in order of first reference (the citation pass turns note-style cites into notes)."""

    __slots__ = ("by_id", "_pending")

    def __init__(self, by_id: dict[str, Note] | None = None, _pending: dict[str, Footnote] | None = None) -> None:
        self.by_id: dict[str, Note] = {} if by_id is None else by_id
        self._pending: dict[str, Footnote] = {} if _pending is None else _pending

    def __repr__(self) -> str:
        return f"Notes(by_id={self.by_id!r}, _pending={self._pending!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Notes):
            return NotImplemented
        return (self.by_id, self._pending) == (other.by_id, other._pending)

    @property
    def count(self) -> int:
        """How many notes there are (numbered or still to be): no note number is higher."""
        return len(self.by_id) + len(self._pending)

    def number_for(self, note_id: str) -> int | None:
        """The note's number, assigning the next one on first reference; None for an unknown id."""
        if note_id in self.by_id:
            return self.by_id[note_id].number
        fn = self._pending.pop(note_id, None)
        if fn is None:
            return None
        self.by_id[note_id] = Note(len(self.by_id) + 1, linkify(fn.content))
        return self.by_id[note_id].number


def notes_for(doc: Document) -> Notes:
    return Notes(_pending={fn.id: fn for fn in doc.footnotes})


# --------------------------------------------------------------------------------------------
# The plan
# --------------------------------------------------------------------------------------------


class TitleLine(Struct, frozen=True):
    text: str
    kind: Literal["title", "subtitle", "field", "repeat-title"]
    first: bool = False  # the first field line (gets the gap above it)
    last: bool = False  # the last line of a title page (a page break follows)


class AbstractHeading(Struct, frozen=True):
    text: str
    new_page: bool


class Body(Struct, frozen=True):
    block: Paragraph | BlockQuote | ListBlock | Preformatted
    first: bool = False  # the first paragraph after a heading or title ("First Paragraph")
    page_break: bool = False  # starts a new page (after a title or abstract page)


class Head(Struct, frozen=True):
    heading: Heading
    page_break: bool = False


class RunIn(Struct, frozen=True):
    """A run-in heading (APA levels 4 and 5) and the paragraph it starts."""

    heading: Heading
    paragraph: Paragraph | None
    page_break: bool = False


class RefHeading(Struct, frozen=True):
    text: str


class RefEntry(Struct, frozen=True):
    content: Inlines
    label: str | None
    ref_id: str | None = None  # the Reference it renders (where --review anchors a finding on the entry)


Item = Union[TitleLine, AbstractHeading, Body, Head, RunIn, RefHeading, RefEntry]


def heading_text(h: Heading) -> str:
    """A heading as printed: its numbering as written, then its text."""
    text = plain_text(h.content).strip()
    return f"{h.numbering} {text}" if h.numbering else text


def run_in_text(h: Heading) -> str:
    """A run-in heading ends with a period unless it already ends with punctuation."""
    t = heading_text(h)
    return t if t.endswith((".", "?", "!", ":")) else t + "."


def title_lines(doc: Document, layout: Layout) -> list[TitleLine]:
    """The title block's lines in print order; empty fields are left out."""
    tb = layout.title
    title = clean(field_value(doc.meta, "title"))
    subtitle = clean(field_value(doc.meta, "subtitle"))
    fields = [clean(field_value(doc.meta, f)) for f in tb.fields]
    fields = [f for f in fields if f]
    lines: list[TitleLine] = []
    if tb.kind == "heading-block":  # MLA: details first, flush left, then the title
        lines += [TitleLine(f, "field", first=i == 0) for i, f in enumerate(fields)]
        if title:
            lines.append(TitleLine(title, "title"))
        if subtitle:
            lines.append(TitleLine(subtitle, "subtitle"))
        return lines
    if title:
        lines.append(TitleLine(title, "title"))
    if subtitle:
        lines.append(TitleLine(subtitle, "subtitle"))
    lines += [TitleLine(f, "field", first=i == 0) for i, f in enumerate(fields)]
    if tb.page_break and lines:
        last = lines[-1]
        lines[-1] = TitleLine(last.text, last.kind, last.first, last=True)
    return lines


def reference_heading(doc: Document, layout: Layout) -> str:
    if doc.bibliography is not None and doc.bibliography.heading.strip():
        return clean(doc.bibliography.heading.strip())
    if doc.references_heading and doc.references_heading.strip():
        return clean(doc.references_heading.strip())
    return layout.reference_heading.default


def reference_entries(doc: Document) -> list[RefEntry]:
    """The reference list: the rendered bibliography, else the source's raw entries."""
    if doc.bibliography is not None:
        return [_entry(e) for e in doc.bibliography.entries]
    return [RefEntry(linkify((Text(r.raw),)), None, r.id) for r in doc.references]


class Fmt(Struct, frozen=True):
    """Character formatting inherited down the inline tree, the same for both writers."""

    bold: bool = False
    italic: bool = False
    small_caps: bool = False
    vert: str | None = None  # "super" | "sub"
    link: bool = False  # inside a hyperlink already: nested links stay text


def _entry(e: BibEntry) -> RefEntry:
    return RefEntry(linkify(e.content), e.label.strip() if e.label and e.label.strip() else None, e.ref_id)


def _is_abstract_heading(b: object) -> bool:
    return isinstance(b, Heading) and plain_text(b.content).strip().rstrip(".:").lower() == "abstract"


def _note_ids(inlines: Inlines) -> Iterator[str]:
    return (n.note_id for n in iter_nodes(inlines, rendered=True) if isinstance(n, NoteRef))


def hang_orphan_notes(doc: Document) -> Document:
    """Notes no mark in the text points to get their marks at the end of the last paragraph,
    so that no note (and no word of the essay) is dropped."""
    marked = {nid for seq in iter_inlines(doc.blocks) for nid in _note_ids(seq)}
    orphans = tuple(NoteRef(fn.id, fn.mark) for fn in doc.footnotes if fn.id not in marked)
    if not orphans:
        return doc
    blocks = list(doc.blocks)
    for i in range(len(blocks) - 1, -1, -1):
        b = blocks[i]
        if isinstance(b, Paragraph):
            blocks[i] = replace(b, content=b.content + orphans)
            break
    else:
        blocks.append(Paragraph(orphans))
    return replace(doc, blocks=tuple(blocks))


def _linkify_blocks(doc: Document) -> Document:
    """Bare URLs and DOIs in the text become live links, as they are in the reference list."""

    def block(b: Block) -> Block:
        match b:
            case Heading() | Paragraph():
                return replace(b, content=linkify(b.content))
            case BlockQuote(paragraphs=ps):
                return replace(b, paragraphs=tuple(replace(p, content=linkify(p.content)) for p in ps))
            case ListBlock(items=items):
                return replace(b, items=tuple(replace(it, content=linkify(it.content)) for it in items))
            case Preformatted():
                return b
        raise TypeError(f"not a block: {b!r}")

    return replace(doc, blocks=tuple(block(b) for b in doc.blocks))


def plan(doc: Document, layout: Layout) -> Iterator[Item]:
    """Everything a writer puts on the page, in order."""
    doc = _linkify_blocks(hang_orphan_notes(doc))
    tb = layout.title
    lines = title_lines(doc, layout)
    yield from lines
    title_page = tb.page_break and bool(lines)
    blocks = list(doc.blocks)

    # a leading abstract comes between the title block and the text (on a page of its own in APA)
    i = 0
    abstract_heading = layout.abstract_heading
    if i < len(blocks) and _is_abstract_heading(blocks[i]) and _is_abstract(blocks, i + 1):
        abstract_heading = heading_text(blocks[i])  # type: ignore[arg-type]
        i += 1
    j = i
    while _is_abstract(blocks, j):
        j += 1
    leading_abstract = j > i
    if leading_abstract:
        yield AbstractHeading(clean(abstract_heading), new_page=layout.abstract_new_page)
        for k in range(i, j):
            yield Body(blocks[k], first=k == i)  # type: ignore[arg-type]
        blocks = blocks[j:]

    # after a title page the text starts a new page, unless an abstract already did (and keeps no page of its own)
    need_break = (title_page and not leading_abstract) or (leading_abstract and layout.abstract_new_page)
    title = clean(field_value(doc.meta, "title"))
    subtitle = clean(field_value(doc.meta, "subtitle"))
    if title and subtitle:  # repeated on one line, as the running title of the text
        title = f"{title}{'' if title.endswith(('?', '!', ':')) else ':'} {subtitle}"
    if tb.repeat_title and title:
        yield TitleLine(title, "repeat-title", first=need_break)
        need_break = False
    yield from _body(blocks, layout, need_break, after_title=True)

    entries = reference_entries(doc)
    if entries:
        yield RefHeading(reference_heading(doc, layout))
        yield from entries


def _is_abstract(blocks: list[object], i: int) -> bool:
    b = blocks[i] if i < len(blocks) else None
    return isinstance(b, Paragraph) and b.role == "abstract"


def _body(blocks: list[object], layout: Layout, page_break: bool, after_title: bool) -> Iterator[Item]:
    first = after_title
    k = 0
    in_abstract = False
    while k < len(blocks):
        b = blocks[k]
        match b:
            case Heading():
                if _is_abstract_heading(b) and _is_abstract(blocks, k + 1):
                    yield AbstractHeading(clean(heading_text(b)), new_page=page_break)
                    in_abstract, first = True, True
                elif layout.heading(b.level).run_in:
                    nxt = blocks[k + 1] if k + 1 < len(blocks) else None
                    if isinstance(nxt, Paragraph) and nxt.role == "body":
                        yield RunIn(b, nxt, page_break)
                        k += 1
                    else:
                        yield RunIn(b, None, page_break)
                    first = False
                else:
                    yield Head(b, page_break=page_break)
                    first = True
                page_break = False
            case Paragraph():
                if b.role == "abstract" and not in_abstract:
                    yield AbstractHeading(layout.abstract_heading, new_page=page_break)
                    in_abstract, first, page_break = True, True, False
                elif b.role != "abstract":
                    in_abstract = False
                yield Body(b, first=first, page_break=page_break)
                first, page_break = False, False
            case BlockQuote() | ListBlock() | Preformatted():
                yield Body(b, first=False, page_break=page_break)
                # the paragraph that resumes after a quote continues the argument: indent it as usual
                first, page_break = False, False
            case _:
                raise TypeError(f"not a block: {b!r}")
        k += 1
