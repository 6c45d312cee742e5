"""The DOCX writer: a Word document built on named styles, real footnotes and a live page-number header."""

from __future__ import annotations

import copy
import datetime as _dt
import io
import os
import zipfile
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from lxml.etree import _Element

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
)
from . import _docx_parts as parts
from ._docx_styles import NAMES, base_formats, define
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
    clean,
    notes_for,
    plan,
    run_in_text,
    safe_url,
)


_VERT_ALIGN = {"super": "superscript", "sub": "subscript"}  # WordprocessingML's words


class _Writer:
    def __init__(self, d: DocxDocument, layout: Layout, notes: Notes) -> None:
        self.d = d
        self.layout = layout
        self.notes = notes
        self.footnotes: XmlPart | None = None
        self.written_notes: set[int] = set()
        self.pending_break = False
        self.style_ids = {s.name: s.style_id for s in d.styles}
        # the weight and slant each paragraph style sets, so runs say only what differs from it
        self.style_fmt = {name: Fmt(bold, italic) for name, (bold, italic) in base_formats(layout).items()}
        self.base = Fmt()

    # ---- paragraphs ------------------------------------------------------------------------

    def para(self, style: str, *, page_break: bool = False) -> _Element:
        # set the style by id: python-docx's lookup by name scans every style for every paragraph
        p = self.d.add_paragraph()
        p._p.style = self.style_ids[style]
        self.base = self.style_fmt.get(style, Fmt())
        if page_break or self.pending_break:
            p.paragraph_format.page_break_before = True
            self.pending_break = False
        return p._p

    def item(self, it: object) -> None:
        n = NAMES
        match it:
            case TitleLine(text=t, kind=kind, first=first, last=last):
                if kind == "title":
                    self.text_para(n.title, t)
                elif kind == "subtitle":
                    self.text_para(n.subtitle, t)
                elif kind == "repeat-title":
                    self.text_para(n.first_page_title, t, page_break=first)
                else:
                    self.text_para(n.title_block, t)
                if last:
                    self.pending_break = True
            case AbstractHeading(text=t, new_page=new_page):
                p = self.para(n.abstract_title, page_break=new_page)
                self.inlines(p, (Text(t),), self.base, self.d.part)
            case Head(heading=h, page_break=pb):
                p = self.para(n.heading(h.level), page_break=pb)
                if h.numbering:
                    self.inlines(p, (Text(h.numbering + " "),), self.base, self.d.part)
                self.inlines(p, h.content, self.base, self.d.part)
            case RunIn(heading=h, paragraph=para, page_break=pb):
                p = self.para(n.body, page_break=pb)
                rpr = parts.run_properties(style=self.style_ids[n.run_in(h.level)])
                p.append(parts.text_run(clean(run_in_text(h)) + (" " if para else ""), rpr))
                if para is not None:
                    self.inlines(p, para.content, self.base, self.d.part)
            case Body(block=b, first=first, page_break=pb):
                self.block(b, first, pb)
            case RefHeading(text=t):
                p = self.para(n.ref_heading)
                self.inlines(p, (Text(t),), self.base, self.d.part)
            case RefEntry(content=c, label=label):
                p = self.para(n.bib)
                if label:
                    p.append(parts.text_run(clean(label) + "\t", None))
                self.inlines(p, c, self.base, self.d.part)
            case _:
                raise TypeError(f"not a plan item: {it!r}")

    def text_para(self, style: str, text: str, *, page_break: bool = False) -> None:
        p = self.para(style, page_break=page_break)
        p.append(parts.text_run(clean(text), None))

    def block(self, b: object, first: bool, page_break: bool) -> None:
        n = NAMES
        match b:
            case Paragraph(content=c, role=role):
                style = {
                    "body": n.first if first else n.body,
                    "abstract": n.abstract,
                    "epigraph": n.epigraph,
                    "caption": n.caption,
                }[role]
                self.inlines(self.para(style, page_break=page_break), c, self.base, self.d.part)
            case BlockQuote(paragraphs=ps):
                for k, q in enumerate(ps):
                    self.inlines(self.para(n.block, page_break=page_break and k == 0), q.content, self.base,
                                 self.d.part)
            case ListBlock(items=items, ordered=ordered):
                for k, li in enumerate(items):
                    p = self.para(n.list, page_break=page_break and k == 0)
                    marker = li.marker.strip() or (f"{k + 1}." if ordered else "\u2022")
                    p.append(parts.text_run(clean(marker) + "\t", None))
                    self.inlines(p, li.content, self.base, self.d.part)
            case Preformatted(text=t):
                p = self.para(n.pre, page_break=page_break)
                p.append(parts.text_run(clean(t.rstrip("\n")), None))
            case _:
                raise TypeError(f"not a block: {b!r}")

    # ---- inlines ---------------------------------------------------------------------------

    def inlines(self, parent: _Element, nodes: Inlines, fmt: Fmt, part: Part) -> None:
        for node in nodes:
            match node:
                case Text(text=t):
                    t = clean(t)
                    if t:
                        base = self.base
                        rpr = parts.run_properties(
                            bold=fmt.bold if fmt.bold != base.bold else None,
                            italic=fmt.italic if fmt.italic != base.italic else None,
                            small_caps=fmt.small_caps,
                            vert=_VERT_ALIGN.get(fmt.vert) if fmt.vert else None,
                            style=self.style_ids[NAMES.link] if fmt.link else None,
                        )
                        parent.append(parts.text_run(t, rpr))
                case Emph(children=c):
                    # emphasis inside italics flips back to roman, as CSL and typographers do
                    self.inlines(parent, c, Fmt(fmt.bold, not fmt.italic, fmt.small_caps, fmt.vert, fmt.link), part)
                case Strong(children=c):
                    self.inlines(parent, c, Fmt(True, fmt.italic, fmt.small_caps, fmt.vert, fmt.link), part)
                case SmallCaps(children=c):
                    self.inlines(parent, c, Fmt(fmt.bold, fmt.italic, True, fmt.vert, fmt.link), part)
                case Sup(children=c):
                    self.inlines(parent, c, Fmt(fmt.bold, fmt.italic, fmt.small_caps, "super", fmt.link),
                                 part)
                case Sub(children=c):
                    self.inlines(parent, c, Fmt(fmt.bold, fmt.italic, fmt.small_caps, "sub", fmt.link),
                                 part)
                case Link(children=c, url=u):
                    target = safe_url(u)
                    if target is None or fmt.link:
                        self.inlines(parent, c, fmt, part)
                    else:
                        h = parts.hyperlink(part, target)
                        parent.append(h)
                        self.inlines(h, c, Fmt(fmt.bold, fmt.italic, fmt.small_caps, fmt.vert, True), part)
                case Cite(text=t, rendered=r):
                    if r is not None:
                        self.inlines(parent, r, fmt, part)
                    else:
                        self.inlines(parent, (Text(t),), fmt, part)
                case NoteRef(note_id=nid, mark=m):
                    if part is self.d.part and self.notes.number_for(nid) is not None:
                        self.note_ref(parent, nid)
                    else:  # a mark without a note, or a note inside a note: keep the mark as written
                        self.inlines(parent, (Sup((Text(m),)),), fmt, part)
                case _:
                    raise TypeError(f"not an inline: {node!r}")

    def note_ref(self, parent: _Element, note_id: str) -> None:
        number = self.notes.number_for(note_id)
        assert number is not None
        parent.append(parts.footnote_reference_run(self.style_ids[NAMES.note_ref], number))
        if number not in self.written_notes:
            self.written_notes.add(number)
            self.write_note(number, self.notes.by_id[note_id].content)

    def write_note(self, number: int, content: Inlines) -> None:
        if self.footnotes is None:
            self.footnotes = parts.add_footnotes_part(self.d.part)
        fn = parts.add_footnote(self.footnotes, number)
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        ps = OxmlElement("w:pStyle")
        ps.set(qn("w:val"), self.style_ids[NAMES.note])
        ppr.append(ps)
        p.append(ppr)
        p.append(parts.footnote_mark_run(self.style_ids[NAMES.note_ref]))
        p.append(parts.text_run(" ", None))
        fn.append(p)
        outer, self.base = self.base, Fmt()  # notes are written midway through a body paragraph
        self.inlines(p, content, Fmt(), self.footnotes)
        self.base = outer


def _page_setup(d: DocxDocument, layout: Layout) -> None:
    s = d.sections[0]
    width, height = layout.page_size
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = Pt(width), Pt(height)
    m = Inches(layout.margin_in)
    s.top_margin = s.bottom_margin = s.left_margin = s.right_margin = m
    s.header_distance = s.footer_distance = Inches(layout.header_distance_in)
    s.gutter = 0


def _header(d: DocxDocument, layout: Layout, author: str | None, title_page: bool) -> None:
    if layout.header == "none":
        return
    s = d.sections[0]
    if title_page and not layout.header_on_title_page:
        s.different_first_page_header_footer = True  # the first-page header stays empty
    p = s.header.paragraphs[0]
    p.style = d.styles[NAMES.header]
    if layout.header == "surname-page":
        name = clean(surname(author))
        if name:
            p._p.append(parts.text_run(name + " ", None))
    for r in parts.field_runs("PAGE", "1"):
        p._p.append(r)


def _declare_separators(d: DocxDocument) -> None:
    """Name the separator notes in settings.xml, as Word itself does (before ``w:compat``)."""
    settings = d.settings.element
    pr = OxmlElement("w:footnotePr")
    for note_id in ("-1", "0"):
        fn = OxmlElement("w:footnote")
        fn.set(qn("w:id"), note_id)
        pr.append(fn)
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(pr)
    else:
        settings.append(pr)


def _created() -> _dt.datetime:
    """Now, unless SOURCE_DATE_EPOCH asks for a reproducible stamp."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc).replace(tzinfo=None)
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def _properties(d: DocxDocument, doc: Document) -> None:
    cp = d.core_properties
    meta = doc.meta
    cp.title = clean(meta.title or "")
    cp.subject = clean(meta.subtitle or "")
    cp.author = clean(meta.author or "")
    cp.last_modified_by = clean(meta.author or "")
    cp.language = clean(meta.language or "")
    cp.comments = ""  # the template says "generated by python-docx"
    cp.keywords = ""
    cp.category = ""
    cp.revision = 1
    stamp = _created()
    cp.created = stamp
    cp.modified = stamp
    cp.last_printed = stamp


_STYLES_CACHE: dict[tuple[Layout, str, bool], object] = {}


def _define_styles(d: DocxDocument, layout: Layout, language: str, has_subtitle: bool) -> None:
    """Define the styles, or reuse the styles part defined for the same layout before: python-docx finds
    styles by name by scanning them all, which made defining them the slowest step of a small essay."""
    key = (layout, language, has_subtitle)
    part = d.part._styles_part
    cached = _STYLES_CACHE.get(key)
    if cached is None:
        define(d, layout, language, has_subtitle)
        if len(_STYLES_CACHE) < 64:
            _STYLES_CACHE[key] = copy.deepcopy(part.element)
    else:
        part._element = copy.deepcopy(cached)


def write(doc: Document, layout: Layout) -> bytes:
    """The document as DOCX bytes."""
    d = docx.Document()
    # the template's sample body (one empty section) is all we keep
    body = d.element.body
    for el in list(body):
        if el.tag != qn("w:sectPr"):
            body.remove(el)
    language = clean(doc.meta.language or "en-US")
    _define_styles(d, layout, language, has_subtitle=bool((doc.meta.subtitle or "").strip()))
    _page_setup(d, layout)
    notes = notes_for(doc)
    w = _Writer(d, layout, notes)
    items = list(plan(doc, layout))
    title_page = any(isinstance(it, TitleLine) and it.last for it in items)
    for it in items:
        w.item(it)
    if not items:
        d.add_paragraph(style=NAMES.normal)  # word processors expect at least one paragraph
    if w.footnotes is not None:
        _declare_separators(d)
    _header(d, layout, doc.meta.author, title_page)
    _properties(d, doc)
    # Word knows its built-in note styles by these lower-case names; any other spelling makes a copy
    for style_id, word_name in (("FootnoteText", "footnote text"), ("FootnoteReference", "footnote reference")):
        el = d.styles.element.find(f'{qn("w:style")}[@{qn("w:styleId")}="{style_id}"]/{qn("w:name")}')
        if el is not None:
            el.set(qn("w:val"), word_name)
    return _stamped_zip(_package_members(d), d.core_properties.created or _created())


class _Members:
    """Stands in for python-docx's zip writer: collects the members it would write, in its order
    (zipping them there only to unzip and re-zip them here took a tenth of writing an essay)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.items.append((pack_uri.membername, blob))


def _package_members(d: DocxDocument) -> list[tuple[str, bytes]]:
    """(member name, bytes) of the package, as ``Document.save`` would write them
    (python-docx's OpcPackage.save and PackageWriter.write, with the members kept)."""
    from docx.opc.pkgwriter import PackageWriter

    package = d.part.package
    for part in package.parts:
        part.before_marshal()
    parts = package.parts
    members = _Members()
    PackageWriter._write_content_types_stream(members, parts)
    PackageWriter._write_pkg_rels(members, package.rels)
    PackageWriter._write_parts(members, parts)
    return members.items


def _stamped_zip(members: list[tuple[str, bytes]], stamp: _dt.datetime) -> bytes:
    """The package zipped with every member dated ``stamp``: python-docx dates them "now",
    so without this the same essay would never give the same bytes twice."""
    out = io.BytesIO()
    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    last = dict(members)  # a name written twice reads back as its last version, as from a zip
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, _blob in members:
            member = zipfile.ZipInfo(name, date_time=when)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, last[name])
    return out.getvalue()
