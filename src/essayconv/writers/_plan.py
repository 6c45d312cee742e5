"""The page plan both document writers follow: title block, abstract, body, references, notes, in order.

Deciding *what* goes where lives here once, so that the DOCX and the PDF of one essay agree;
the writers only decide *how* each piece looks, reading the Layout.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal

from msgspec import Struct

from ..layouts import Layout, field_value
from ..model import (
    BibEntry,
    BlockQuote,
    Document,
    Footnote,
    Heading,
    Inlines,
    ListBlock,
    Paragraph,
    Preformatted,
    Text,
    plain_text,
)
from ..typography import clean, linkify

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
        self.by_id[note_id] = Note(len(self.by_id) + 1, fn.content)
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


Item = TitleLine | AbstractHeading | Body | Head | RunIn | RefHeading | RefEntry


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
    return RefEntry(e.content, e.label.strip() if e.label and e.label.strip() else None, e.ref_id)


def _is_abstract_heading(b: object) -> bool:
    return isinstance(b, Heading) and plain_text(b.content).strip().rstrip(".:").lower() == "abstract"


def plan(doc: Document, layout: Layout) -> Iterator[Item]:
    """Everything a writer puts on the page, in order (of the document after the transforms its writer
    needs: transforms.py)."""
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


def _is_abstract(blocks: Sequence[object], i: int) -> bool:
    b = blocks[i] if i < len(blocks) else None
    return isinstance(b, Paragraph) and b.role == "abstract"


def _body(blocks: Sequence[object], layout: Layout, page_break: bool, after_title: bool) -> Iterator[Item]:
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
