"""The DOCX writer: a Word document built on named styles, real footnotes and a live page-number header.

The package is python-docx's default template with our parts written as WordprocessingML text (see
_docx_parts): byte for byte what building it through python-docx's object model gave, at a fraction of the
cost, and without importing python-docx at run time.
"""

from __future__ import annotations

import datetime as _dt
import functools
import posixpath
import re
from collections.abc import Sequence

from ..check import Finding
from ..layouts import Layout, surname
from ..model import (
    BlockQuote,
    Cite,
    Document,
    Emph,
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
    plain_text,
)
from ..transforms import essential
from ..typography import clean, safe_url
from . import _docx_parts as parts
from . import _zotero as zotero
from ._docx_styles import NAMES, base_formats, style_ids, styles_xml
from ._plan import (
    AbstractHeading,
    Body,
    Fmt,
    Head,
    Notes,
    RefEntry,
    RefHeading,
    RunIn,
    TitleLine,
    notes_for,
    plan,
    run_in_text,
)
from ._review import AUTHOR, INITIALS, Comment, Review
from ._stamp import creation_time

_VERT_ALIGN = {"super": "superscript", "sub": "subscript"}  # WordprocessingML's words
_DOCUMENT = "/word/document.xml"
_FOOTNOTES = "/word/footnotes.xml"
_HEADER = "/word/header1.xml"
_COMMENTS = "/word/comments.xml"


class _Writer:
    """Writes the plan's items as WordprocessingML text: the document body, and the notes as they come."""

    def __init__(
        self,
        layout: Layout,
        notes: Notes,
        review: Review | None = None,
        fields: zotero.Fields | None = None,
        references: int = 0,
    ) -> None:
        self.layout = layout
        self.notes = notes
        self.review = review
        self.fields = fields  # --zotero: citations and the reference list as Zotero's fields
        self.note_fields: dict[str, Cite] = {}  # note id -> the citation a note style made it of (--zotero)
        self.references = references  # how many reference entries the plan has
        self.entries_written = 0
        self.placed: list[int] = []  # the comments written, in order (each once: ids are unique)
        # a comment's w:id: after the notes' ids (LibreOffice 7.4 confuses a comment with the footnote of
        # the same id, and shows one note's text in others), though Word keeps the two apart
        self.comment_base = notes.count + 1
        self.first_at: int | None = None  # where the body's first paragraph, and the title, open in ``body``
        self.title_at: int | None = None
        self.body: list[str] = []
        self.rels = parts.Rels("/word", parts.template().rels[_DOCUMENT])
        self.footnotes: list[str] | None = None  # the w:footnote elements, once the first note is written
        self.note_rels = parts.Rels("/word")
        self.written_notes: set[int] = set()
        self.pending_break = False
        self.style_ids = style_ids()
        # the weight and slant each paragraph style sets, so runs say only what differs from it
        self.style_fmt = {name: Fmt(bold, italic) for name, (bold, italic) in base_formats(layout).items()}
        self.base = Fmt()

    # ---- paragraphs ------------------------------------------------------------------------

    def para(self, style: str, *, page_break: bool = False) -> list[str]:
        """Open a paragraph of the style in the body (the caller adds its runs and closes it)."""
        self.base = self.style_fmt.get(style, Fmt())
        brk = ""
        if page_break or self.pending_break:
            brk = "<w:pageBreakBefore/>"
            self.pending_break = False
        if self.first_at is None:
            self.first_at = len(self.body)
        self.body.append(f'<w:p><w:pPr><w:pStyle w:val="{self.style_ids[style]}"/>{brk}</w:pPr>')
        return self.body

    # ---- review comments (--review) ----------------------------------------------------------

    def comments_open(self, out: list[str], comments: Sequence[Comment]) -> list[int]:
        """Open the range of each comment not written yet; the ids opened, for ``comments_close``."""
        fresh = [c.id for c in comments if c.id not in self.placed]
        self.placed += fresh
        ids = [self.comment_base + i for i in fresh]
        out.extend(f'<w:commentRangeStart w:id="{i}"/>' for i in ids)
        return ids

    @staticmethod
    def comments_close(out: list[str], ids: Sequence[int]) -> None:
        out.extend(_comment_end(i) for i in ids)

    def item(self, it: object) -> None:
        n = NAMES
        out = self.body
        match it:
            case TitleLine(text=t, kind=kind, first=first, last=last):
                if kind == "title":
                    self.title_at = len(self.body)
                    self.text_para(n.title, t)
                elif kind == "subtitle":
                    self.text_para(n.subtitle, t)
                elif kind == "repeat-title":
                    self.text_para(n.first_page_title, t, page_break=first)
                else:
                    self.text_para(n.title_block, t)
                if last:
                    self.pending_break = True
                return
            case AbstractHeading(text=t, new_page=new_page):
                self.inlines(self.para(n.abstract_title, page_break=new_page), (Text(t),), self.base, self.rels)
            case Head(heading=h, page_break=pb):
                self.para(n.heading(h.level), page_break=pb)
                if h.numbering:
                    self.inlines(out, (Text(h.numbering + " "),), self.base, self.rels)
                self.inlines(out, h.content, self.base, self.rels)
            case RunIn(heading=h, paragraph=para, page_break=pb):
                self.para(n.body, page_break=pb)
                rpr = parts.run_properties(style=self.style_ids[n.run_in(h.level)])
                out.append(parts.text_run(clean(run_in_text(h)) + (" " if para else ""), rpr))
                if para is not None:
                    self.inlines(out, para.content, self.base, self.rels)
            case Body(block=b, first=first, page_break=pb):
                self.block(b, first, pb)
                return
            case RefHeading(text=t):
                self.inlines(self.para(n.ref_heading), (Text(t),), self.base, self.rels)
            case RefEntry(content=c, label=label, ref_id=ref_id):
                self.para(n.bib)
                self.entries_written += 1
                if self.fields is not None and self.entries_written == 1:  # the list is one field
                    out.append(zotero.begin(zotero.BIBLIOGRAPHY))
                ids = self.comments_open(out, self.review.on_reference(ref_id)) if self.review else []
                if label:
                    out.append(parts.text_run(clean(label) + "\t"))
                self.inlines(out, c, self.base, self.rels)
                self.comments_close(out, ids)
                if self.fields is not None and self.entries_written == self.references:
                    out.append(zotero.END)
            case _:
                raise TypeError(f"not a plan item: {it!r}")
        out.append("</w:p>")

    def text_para(self, style: str, text: str, *, page_break: bool = False) -> None:
        self.para(style, page_break=page_break).append(parts.text_run(clean(text)) + "</w:p>")

    def block(self, b: object, first: bool, page_break: bool) -> None:
        n = NAMES
        out = self.body
        match b:
            case Paragraph(content=c, role=role):
                style = {
                    "body": n.first if first else n.body,
                    "abstract": n.abstract,
                    "epigraph": n.epigraph,
                    "caption": n.caption,
                    "continuation": n.continued,
                }[role]
                self.inlines(self.para(style, page_break=page_break), c, self.base, self.rels)
                out.append("</w:p>")
            case BlockQuote(paragraphs=ps):
                for k, q in enumerate(ps):
                    style = n.epigraph if q.role == "epigraph" else n.block
                    self.inlines(self.para(style, page_break=page_break and k == 0), q.content, self.base, self.rels)
                    out.append("</w:p>")
            case ListBlock(items=items, ordered=ordered):
                for k, li in enumerate(items):
                    self.para(n.list, page_break=page_break and k == 0)
                    marker = li.marker.strip() or (f"{k + 1}." if ordered else "\u2022")
                    out.append(parts.text_run(clean(marker) + "\t"))
                    self.inlines(out, li.content, self.base, self.rels)
                    out.append("</w:p>")
            case Preformatted(text=t):
                self.text_para(n.pre, t.rstrip("\n"), page_break=page_break)
            case _:
                raise TypeError(f"not a block: {b!r}")

    # ---- inlines ---------------------------------------------------------------------------

    def inlines(self, out: list[str], nodes: Inlines, fmt: Fmt, rels: parts.Rels) -> None:
        """Append the runs of ``nodes`` to ``out``; ``rels`` is the part they go in (body or notes)."""
        for node in nodes:
            match node:
                case Text(text=t):
                    t = clean(t)
                    if t:
                        base = self.base
                        rpr = _rpr(
                            fmt.bold,
                            fmt.italic,
                            fmt.small_caps,
                            fmt.vert,
                            self.style_ids[NAMES.link] if fmt.link else None,
                            base.bold,
                            base.italic,
                        )
                        out.append(parts.text_run(t, rpr))
                case Emph(children=c):
                    # emphasis inside italics flips back to roman, as CSL and typographers do
                    self.inlines(out, c, Fmt(fmt.bold, not fmt.italic, fmt.small_caps, fmt.vert, fmt.link), rels)
                case Strong(children=c):
                    self.inlines(out, c, Fmt(True, fmt.italic, fmt.small_caps, fmt.vert, fmt.link), rels)
                case SmallCaps(children=c):
                    self.inlines(out, c, Fmt(fmt.bold, fmt.italic, True, fmt.vert, fmt.link), rels)
                case Sup(children=c):
                    self.inlines(out, c, Fmt(fmt.bold, fmt.italic, fmt.small_caps, "super", fmt.link), rels)
                case Sub(children=c):
                    self.inlines(out, c, Fmt(fmt.bold, fmt.italic, fmt.small_caps, "sub", fmt.link), rels)
                case Link(children=c, url=u):
                    target = safe_url(u)
                    if target is None or fmt.link:
                        self.inlines(out, c, fmt, rels)
                    else:
                        rid = rels.add_hyperlink(target)
                        start = len(out)
                        out.append("")
                        self.inlines(out, c, Fmt(fmt.bold, fmt.italic, fmt.small_caps, fmt.vert, True), rels)
                        if len(out) == start + 1:  # an empty link is an empty element
                            out[start] = f'<w:hyperlink r:id="{rid}" w:history="1"/>'
                        else:
                            out[start] = f'<w:hyperlink r:id="{rid}" w:history="1">'
                            out.append("</w:hyperlink>")
                case Cite(text=t, rendered=r):
                    ids = self.comments_open(out, self.review.on_cite(node)) if self.review else []
                    field, r = self.citation_field(node, r, out, fmt, rels)
                    if field:
                        out.append(zotero.begin(field))
                    if r is not None:
                        self.inlines(out, r, fmt, rels)
                    else:
                        self.inlines(out, (Text(t),), fmt, rels)
                    if field:
                        out.append(zotero.END)
                    self.comments_close(out, ids)
                case NoteRef(note_id=nid, mark=m):
                    if rels is self.rels and self.notes.number_for(nid) is not None:
                        self.note_ref(out, nid)
                    else:  # a mark without a note, or a note inside a note: keep the mark as written
                        self.inlines(out, (Sup((Text(m),)),), fmt, rels)
                case _:
                    raise TypeError(f"not an inline: {node!r}")

    def citation_field(
        self, cite: Cite, rendered: Inlines | None, out: list[str], fmt: Fmt, rels: parts.Rels
    ) -> tuple[str | None, Inlines | None]:
        """--zotero: the field instruction of an in-text citation and what goes inside the field. A note
        style's citation has its field in its note (remembered here for ``write_note``); a narrative one
        keeps its names in the sentence (written here) and its field is the rest, "(2010)", with the
        author suppressed, as Zotero writes one; a citation that names no reference has none."""
        if self.fields is None or rendered is None or not self.fields.covers(cite):
            return None, rendered
        marks = [n for n in rendered if isinstance(n, NoteRef)]
        if marks:
            self.note_fields[marks[-1].note_id] = cite
            return None, rendered
        if cite.mode != "narrative":
            return self.fields.instruction(cite, plain_text(rendered)), rendered
        split = _names_and_rest(rendered)
        if split is None:  # MLA's names alone: no field
            return None, rendered
        names, rest = split
        self.inlines(out, names, fmt, rels)
        return self.fields.instruction(cite, plain_text(rest), suppress_author=True), rest

    def note_ref(self, out: list[str], note_id: str) -> None:
        number = self.notes.number_for(note_id)
        assert number is not None
        out.append(parts.footnote_reference_run(self.style_ids[NAMES.note_ref], number))
        if number not in self.written_notes:
            self.written_notes.add(number)
            self.write_note(number, self.notes.by_id[note_id].content, self.note_fields.get(note_id))

    def write_note(self, number: int, content: Inlines, cite: Cite | None = None) -> None:
        if self.footnotes is None:
            self.footnotes = []
            self.rels.add_part(parts.RT_FOOTNOTES, _FOOTNOTES)
        out = self.footnotes
        out.append(
            f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="{self.style_ids[NAMES.note]}"/>'
            f"</w:pPr>{parts.footnote_mark_run(self.style_ids[NAMES.note_ref])}{parts.text_run(' ')}"
        )
        outer, self.base = self.base, Fmt()  # notes are written midway through a body paragraph
        field = self.fields.instruction(cite, plain_text(content), number) if cite and self.fields else None
        if field:
            out.append(zotero.begin(field))
        self.inlines(out, content, Fmt(), self.note_rels)
        if field:
            out.append(zotero.END)
        self.base = outer
        out.append("</w:p></w:footnote>")


def _names_and_rest(rendered: Inlines) -> tuple[Inlines, Inlines] | None:
    """A narrative citation's names and the parenthesis or bracket after them: "Diekelmann and Born "
    and "(2010, p. 118)"; None when it has no parenthesis (MLA's names alone)."""
    for i, node in enumerate(rendered):
        if isinstance(node, Text):
            at = min((k for k in (node.text.find(" ("), node.text.find(" [")) if k >= 0), default=-1)
            if at >= 0:
                return (*rendered[:i], Text(node.text[: at + 1])), (Text(node.text[at + 1 :]), *rendered[i + 1 :])
    return None


def comment_on_first_paragraph(w: _Writer, comments: Sequence[Comment]) -> None:
    """The comments that have no place of their own (document-wide findings, or an anchor not written)
    span the title, else the first paragraph of the body."""
    at = w.title_at if w.title_at is not None else w.first_at
    if not comments or at is None:
        return
    starts: list[str] = []
    opened = w.comments_open(starts, comments)
    w.body[at] += "".join(starts)
    close = next(k for k in range(at + 1, len(w.body)) if "</w:p>" in w.body[k])
    cut = w.body[close].index("</w:p>")
    w.body[close] = w.body[close][:cut] + "".join(_comment_end(i) for i in opened) + w.body[close][cut:]


def _comment_end(i: int) -> str:
    return f'<w:commentRangeEnd w:id="{i}"/><w:r><w:commentReference w:id="{i}"/></w:r>'


def _comments_xml(comments: Sequence[Comment], when: str, base: int) -> bytes:
    """word/comments.xml: one ``w:comment`` per finding, as python-docx writes one (less its styles, which
    the template lacks)."""
    out = [f'<w:comments xmlns:w="{parts.W_NS}" xmlns:r="{parts.R_NS}">']
    for c in sorted(comments, key=lambda c: c.id):
        out.append(
            f'<w:comment w:id="{base + c.id}" w:author="{AUTHOR}" w:date="{when}" w:initials="{INITIALS}">'
            f"<w:p><w:r><w:annotationRef/></w:r>{parts.text_run(clean(c.text))}</w:p></w:comment>"
        )
    out.append("</w:comments>")
    return parts.XML_DECL + "".join(out).encode("utf-8")


@functools.lru_cache(maxsize=512)
def _rpr(
    bold: bool,
    italic: bool,
    small_caps: bool,
    vert: str | None,
    style: str | None,
    base_bold: bool | None,
    base_italic: bool | None,
) -> str:
    """The run properties of text formatted ``fmt`` in a paragraph whose style sets ``base``: weight and
    slant only where they differ from the style (cached: an essay uses a handful of combinations)."""
    return parts.run_properties(
        bold=bold if bold != base_bold else None,
        italic=italic if italic != base_italic else None,
        small_caps=small_caps,
        vert=_VERT_ALIGN.get(vert) if vert else None,
        style=style,
    )


# ---- the parts around the body ---------------------------------------------------------------------------


def _twips(emu: int) -> str:
    return str(int(round(emu / 635.0)))


@functools.cache
def _document_frame() -> tuple[str, str, str, str]:
    """(document head through ``<w:body>``, ``<w:sectPr ...>`` open tag, w:cols, w:docGrid) of the template."""
    xml = parts.template().blobs[_DOCUMENT].decode("utf-8")
    head = xml[: xml.index("<w:body>") + len("<w:body>")]
    sect = re.search(r"<w:sectPr\b[^>]*>", xml)
    cols = re.search(r"<w:cols\b[^>]*/>", xml)
    grid = re.search(r"<w:docGrid\b[^>]*/>", xml)
    assert sect and cols and grid, "python-docx's template has no section properties"
    return head, sect.group(), cols.group(), grid.group()


def _section(layout: Layout, header_rid: str | None, title_page: bool) -> str:
    """The body's ``w:sectPr``: page size and margins, the header, a different first page."""
    _head, sect, cols, grid = _document_frame()
    width, height = layout.page_size
    m = _twips(int(layout.margin_in * 914400))
    hd = _twips(int(layout.header_distance_in * 914400))
    ref = f'<w:headerReference w:type="default" r:id="{header_rid}"/>' if header_rid else ""
    return (
        f'{sect}{ref}<w:pgSz w:w="{_twips(int(width * 12700))}" w:h="{_twips(int(height * 12700))}"/>'
        f'<w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" w:header="{hd}" w:footer="{hd}" '
        f'w:gutter="0"/>{cols}{"<w:titlePg/>" if title_page else ""}{grid}</w:sectPr>'
    )


def _header_xml(layout: Layout, author: str | None) -> bytes:
    """header1.xml: the template header's paragraph with the surname (MLA) and a live PAGE field."""
    xml = parts.template().header_xml.decode("utf-8")
    cut = xml.rindex("</w:p>")
    runs = ""
    if layout.header == "surname-page":
        name = clean(surname(author))
        if name:
            runs = parts.text_run(name + " ")
    return (xml[:cut] + runs + parts.field_runs("PAGE", "1") + xml[cut:]).encode("utf-8")


@functools.cache
def _footnotes_frame() -> tuple[str, str]:
    xml = parts.serialize(parts.FOOTNOTES_XML).decode("utf-8")
    cut = xml.rindex("</w:footnotes>")
    return xml[:cut], xml[cut:]


@functools.cache
def _settings(has_notes: bool) -> parts.Packed:
    """settings.xml; with notes, the separator notes are named in it as Word itself does (before w:compat)."""
    xml = parts.template().blobs["/word/settings.xml"].decode("utf-8")
    if has_notes:
        pr = '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        cut = xml.find("<w:compat>")
        if cut < 0:
            cut = xml.rindex("</w:settings>")
        xml = xml[:cut] + pr + xml[cut:]
    return parts.pack(xml.encode("utf-8"))


@functools.cache
def _core_open_tag() -> str:
    xml = parts.template().blobs["/docProps/core.xml"].decode("utf-8")
    m = re.search(r"<cp:coreProperties\b[^>]*>", xml)
    assert m is not None
    return m.group()


def _property_value(value: str, limit: int = 255) -> str:
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _properties(doc: Document, stamp: _dt.datetime) -> bytes:
    """docProps/core.xml: title, subject, author, language and the stamp; the template's
    "generated by python-docx" comment goes."""
    meta = doc.meta
    values = {
        "title": clean(meta.title or ""),
        "subject": clean(meta.subtitle or ""),
        "author": clean(meta.author or ""),
        "language": clean(meta.language or ""),
    }
    # Word keeps at most 255 characters in a document property; the page itself has the whole text
    t = {k: parts.text(_property_value(v)) for k, v in values.items()}
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    # the template's elements in its order, then the two it lacks in the order python-docx added them
    return (
        parts.XML_DECL
        + (
            f"{_core_open_tag()}<dc:title>{t['title']}</dc:title><dc:subject>{t['subject']}</dc:subject>"
            f"<dc:creator>{t['author']}</dc:creator><cp:keywords></cp:keywords><dc:description></dc:description>"
            f"<cp:lastModifiedBy>{t['author']}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
            f"<cp:category></cp:category><dc:language>{t['language']}</dc:language>"
            f"<cp:lastPrinted>{when}</cp:lastPrinted></cp:coreProperties>"
        ).encode()
    )


@functools.lru_cache(maxsize=64)
def _styles_member(layout: Layout, language: str, has_subtitle: bool) -> parts.Packed:
    """styles.xml, compressed. Cached per layout: a batch writes many essays with the same few layouts, and
    the part (350 kB) is the same for all of them; a new layout, language or subtitle makes a new entry."""
    return parts.pack(styles_xml(layout, language, has_subtitle))


@functools.cache
def _constant(partname: str) -> parts.Packed:
    """A template part no essay changes, compressed once (a part saved as it is comes compressed already)."""
    t = parts.template()
    copied = t.copied.get(partname)
    return copied if copied is not None else parts.pack(t.blobs[partname])


@functools.cache
def _constant_rels(source: str) -> parts.Packed:
    t = parts.template()
    base = "/" if source == "/" else posixpath.dirname(source)
    return parts.pack(parts.Rels(base, t.rels[source]).xml())


@functools.cache
def _content_types(has_notes: bool, has_header: bool, has_comments: bool = False) -> parts.Packed:
    types = dict(parts.template().types)
    if has_comments:
        types[_COMMENTS] = parts.CT_COMMENTS
    if has_notes:
        types[_FOOTNOTES] = parts.CT_FOOTNOTES
    if has_header:
        types[_HEADER] = parts.CT_HEADER
    return parts.pack(parts.content_types(types))


# The whole-document passes (transforms.py) this writer needs before it writes.
NEEDS: tuple[str, ...] = ("smart-quotes", "title-block-warnings", "orphan-notes", "links")


def write(doc: Document, layout: Layout, review: Sequence[Finding] = (), zotero_fields: bool = False) -> bytes:
    """The document as DOCX bytes; with ``review``, each finding of ``essayconv check`` is a Word comment
    (author "essayconv") on the citation or reference entry it names, else on the title; with
    ``zotero_fields``, the citations and the reference list are Zotero's live fields (_zotero.py)."""
    stamp = creation_time()  # (before any work: a SOURCE_DATE_EPOCH that is not a time is refused)
    doc = essential(doc, layout)  # (a document straight from the model: no note dropped, URLs linked)
    language = clean(doc.meta.language or "en-US")
    notes = notes_for(doc)
    items = list(plan(doc, layout))
    comments = Review(doc, review) if review else None
    fields = zotero.Fields(doc) if zotero_fields else None
    w = _Writer(layout, notes, comments, fields, sum(isinstance(it, RefEntry) for it in items))
    title_page = any(isinstance(it, TitleLine) and it.last for it in items)
    for it in items:
        w.item(it)
    if not items:
        w.first_at = len(w.body)  # word processors expect at least one paragraph (style Normal)
        w.body += ["<w:p><w:pPr/>", "</w:p>"]
    if comments is not None:
        comment_on_first_paragraph(w, comments.unplaced(w.placed))
    header_rid = None
    if layout.header != "none":
        header_rid = w.rels.add_part(parts.RT_HEADER, _HEADER)
    head = _document_frame()[0]
    title_pg = header_rid is not None and title_page and not layout.header_on_title_page
    document = "".join([head, *w.body, _section(layout, header_rid, title_pg), "</w:body></w:document>"])

    dynamic: dict[str, bytes | parts.Packed] = {
        "/docProps/core.xml": _properties(doc, stamp),
        _DOCUMENT: document.encode("utf-8"),
        "/word/styles.xml": _styles_member(layout, language, bool((doc.meta.subtitle or "").strip())),
        "/word/settings.xml": _settings(w.footnotes is not None),
    }
    rels: dict[str, parts.Rels] = {_DOCUMENT: w.rels}
    if comments is not None:
        w.rels.add_part(parts.RT_COMMENTS, _COMMENTS)
        dynamic[_COMMENTS] = _comments_xml(comments.comments, stamp.strftime("%Y-%m-%dT%H:%M:%SZ"), w.comment_base)
    if w.footnotes is not None:
        before, after = _footnotes_frame()
        dynamic[_FOOTNOTES] = "".join([before, *w.footnotes, after]).encode("utf-8")
        rels[_FOOTNOTES] = w.note_rels
    if header_rid is not None:
        dynamic[_HEADER] = _header_xml(layout, doc.meta.author)
    members: list[tuple[str, bytes | parts.Packed]] = [
        ("[Content_Types].xml", _content_types(w.footnotes is not None, header_rid is not None, comments is not None)),
        ("_rels/.rels", _constant_rels("/")),
    ]
    members += _part_members("/", rels, dynamic)
    # a zip member's date holds the years 1980 to 2107
    if stamp.year < 1980:
        when = (1980, 1, 1, 0, 0, 0)
    elif stamp.year > 2107:
        when = (2107, 12, 31, 23, 59, 58)
    else:
        when = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    return parts.stamped_zip(members, when)


def _part_members(
    source: str, rels: dict[str, parts.Rels], dynamic: dict[str, bytes | parts.Packed], seen: set[str] | None = None
) -> list[tuple[str, bytes | parts.Packed]]:
    """The parts reachable from ``source`` in python-docx's save order: depth first along relationships,
    each part followed by its own relationships."""
    seen = set() if seen is None else seen
    t = parts.template()
    if source in rels:
        targets = rels[source].targets()
    else:
        targets = [target for _rid, _type, target, external in t.rels.get(source, ()) if not external]
    out: list[tuple[str, bytes | parts.Packed]] = []
    for name in targets:
        if name in seen:
            continue
        seen.add(name)
        out.append((name.lstrip("/"), dynamic[name] if name in dynamic else _constant(name)))
        if name in rels:
            if rels[name].items:
                out.append((parts.rels_name(name), rels[name].xml()))
        elif t.rels.get(name):
            out.append((parts.rels_name(name), _constant_rels(name)))
        out += _part_members(name, rels, dynamic, seen)
    return out
