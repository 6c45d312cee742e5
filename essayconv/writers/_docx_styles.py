"""The named Word styles of a layout: every paragraph and run the DOCX writer makes points at one of these."""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.styles.style import BaseStyle, ParagraphStyle

from ..layouts import Align, Layout

# Word's "single" line for Times-like faces is about 1.15 x the point size (ascent + descent + gap);
# spacing expressed as "N blank lines" uses it so a blank line looks like an empty paragraph.
LINE_FACTOR = 1.15

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


@dataclass(frozen=True, slots=True)
class StyleNames:
    """The style names the writer uses (python-docx looks styles up by these UI names)."""

    normal: str = "Normal"
    title: str = "Title"
    subtitle: str = "Subtitle"
    first_page_title: str = "Title Repeated"
    title_block: str = "Title Block"
    body: str = "Body Text"
    first: str = "First Paragraph"
    abstract_title: str = "Abstract Title"
    abstract: str = "Abstract"
    epigraph: str = "Epigraph"
    caption: str = "Caption"
    block: str = "Block Text"
    list: str = "List Paragraph"
    pre: str = "Preformatted Text"
    ref_heading: str = "Bibliography Heading"
    bib: str = "Bibliography"
    note: str = "Footnote Text"
    note_ref: str = "Footnote Reference"
    link: str = "Hyperlink"
    header: str = "Header"

    @staticmethod
    def heading(level: int) -> str:
        return f"Heading {min(max(level, 1), 5)}"

    @staticmethod
    def run_in(level: int) -> str:
        return f"Heading {min(max(level, 1), 5)} Char"


NAMES = StyleNames()


def _style(doc: DocxDocument, name: str, kind: WD_STYLE_TYPE) -> BaseStyle:
    """The named style with its formatting wiped (the template's blues and theme fonts go), or a new one."""
    styles = doc.styles
    try:
        st = styles[name]
    except KeyError:
        st = styles.add_style(name, kind)
    for tag in ("w:pPr", "w:rPr"):
        for el in st.element.findall(qn(tag)):
            st.element.remove(el)
    st.hidden = False
    st.quick_style = True
    return st


def _set_fonts(rpr_owner: object, font: str) -> None:
    """Name the font for every script slot; Word otherwise falls back to the theme fonts."""
    rpr = rpr_owner.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), font)


def _para(
    doc: DocxDocument,
    name: str,
    layout: Layout,
    *,
    base: str | None = "Normal",
    next_style: str | None = None,
    align: Align | str = "left",
    spacing: float | None = None,
    first_indent: float = 0.0,
    left_indent: float = 0.0,
    hanging: float = 0.0,
    before_pt: float = 0.0,
    after_pt: float = 0.0,
    bold: bool | None = None,
    italic: bool | None = None,
    size: float | None = None,
    keep_next: bool = False,
    page_break_before: bool = False,
    outline_level: int | None = None,
    font: str | None = None,
) -> ParagraphStyle:
    st = _style(doc, name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(st, ParagraphStyle)
    if base is not None and name != "Normal":
        st.base_style = doc.styles[base]
    if next_style is not None:
        st.next_paragraph_style = doc.styles[next_style]
    pf = st.paragraph_format
    pf.alignment = _ALIGN[align]
    pf.line_spacing = layout.line_spacing if spacing is None else spacing
    pf.space_before = Pt(before_pt)
    pf.space_after = Pt(after_pt)
    pf.left_indent = Inches(left_indent + hanging)
    pf.first_line_indent = Inches(-hanging) if hanging else Inches(first_indent)
    pf.widow_control = True
    if keep_next:
        pf.keep_with_next = True
        pf.keep_together = True
    if page_break_before:
        pf.page_break_before = True
    if outline_level is not None:
        ol = OxmlElement("w:outlineLvl")
        ol.set(qn("w:val"), str(outline_level))
        st.element.get_or_add_pPr().append(ol)
    if font is not None:
        _set_fonts(st.element, font)
    f = st.font
    if bold is not None:
        f.bold = bold
    if italic is not None:
        f.italic = italic
    if size is not None:
        f.size = Pt(size)
    return st


def _char(doc: DocxDocument, name: str, **props: object) -> None:
    st = _style(doc, name, WD_STYLE_TYPE.CHARACTER)
    st.base_style = doc.styles["Default Paragraph Font"]
    f = st.font
    for key, value in props.items():
        if key == "color":
            f.color.rgb = RGBColor.from_string(str(value))
        else:
            setattr(f, key, value)


def _defaults(doc: DocxDocument, layout: Layout, language: str) -> None:
    """Document defaults: the layout's font, size and language; no spacing after paragraphs."""
    styles_el = doc.styles.element
    rpr = styles_el.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr is not None:
        for el in list(rpr):
            rpr.remove(el)
        rfonts = OxmlElement("w:rFonts")
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(slot), layout.font)
        sz, szcs, lang = OxmlElement("w:sz"), OxmlElement("w:szCs"), OxmlElement("w:lang")
        half_points = str(round(layout.font_size * 2))
        sz.set(qn("w:val"), half_points)
        szcs.set(qn("w:val"), half_points)
        lang.set(qn("w:val"), language)
        lang.set(qn("w:eastAsia"), language)
        rpr.extend([rfonts, sz, szcs, lang])
    ppr = styles_el.find(qn("w:docDefaults") + "/" + qn("w:pPrDefault") + "/" + qn("w:pPr"))
    if ppr is not None:
        for el in list(ppr):
            ppr.remove(el)


def base_formats(layout: Layout) -> dict[str, tuple[bool, bool]]:
    """(bold, italic) of the paragraph styles that set their text bold or italic."""
    n = NAMES
    tb, rh = layout.title, layout.reference_heading
    out = {
        n.title: (tb.title_bold, False),
        n.subtitle: (tb.title_bold, False),
        n.first_page_title: (tb.title_bold, False),
        n.ref_heading: (rh.bold, False),
        n.abstract_title: (rh.bold, False),
        n.epigraph: (False, True),
        n.caption: (False, True),
    }
    for level in range(1, 6):
        hs = layout.heading(level)
        out[n.heading(level)] = (hs.bold, hs.italic)
    return out


def define(doc: DocxDocument, layout: Layout, language: str, has_subtitle: bool) -> None:
    """Define every style the writer uses, from the layout's data."""
    _defaults(doc, layout, language)
    n = NAMES
    size = layout.font_size
    line = size * LINE_FACTOR  # one single-spaced line, in points
    body_line = line * layout.line_spacing
    tb = layout.title
    normal = _para(doc, n.normal, layout, base=None, align=layout.align, size=size, font=layout.font)
    normal.font.name = layout.font
    _para(doc, n.body, layout, first_indent=layout.first_line_indent_in, align=layout.align)
    _para(doc, n.first, layout, base=n.body, first_indent=layout.first_line_indent_in, align=layout.align)
    doc.styles[n.first].next_paragraph_style = doc.styles[n.body]
    doc.styles[n.body].next_paragraph_style = doc.styles[n.body]

    gap = tb.gap_lines * body_line
    title_align = "center"  # every family centres the title, MLA's included
    _para(
        doc,
        n.title,
        layout,
        next_style=n.first,
        align=title_align,
        bold=tb.title_bold,
        size=tb.title_size or size,
        before_pt=tb.lines_before * body_line,
        after_pt=0 if has_subtitle else gap,
        keep_next=True,
        outline_level=None,
    )
    _para(
        doc,
        n.subtitle,
        layout,
        base=n.title,
        next_style=n.first,
        align=title_align,
        bold=tb.title_bold,
        size=tb.title_size or size,
        after_pt=gap,
        keep_next=True,
    )
    _para(doc, n.first_page_title, layout, base=n.title, next_style=n.first, align="center",
          bold=tb.title_bold, size=size, keep_next=True)
    _para(doc, n.title_block, layout, align=tb.fields_align, keep_next=tb.kind == "title-page")

    for level in range(1, 6):
        hs = layout.heading(level)
        _para(
            doc,
            n.heading(level),
            layout,
            next_style=n.first,
            align=hs.align,
            bold=hs.bold,
            italic=hs.italic,
            size=hs.size or size,
            first_indent=layout.first_line_indent_in if hs.indent else 0.0,
            keep_next=True,
            outline_level=level - 1,
        )
        _char(doc, n.run_in(level), bold=hs.bold, italic=hs.italic)

    rh = layout.reference_heading
    _para(doc, n.bib, layout, align="left", spacing=layout.bib_line_spacing, hanging=layout.hanging_indent_in,
          after_pt=layout.bib_entry_gap_lines * line)
    _para(doc, n.abstract, layout, align=layout.align)
    _para(doc, n.ref_heading, layout, base=n.heading(1), next_style=n.bib, align=rh.align, bold=rh.bold,
          italic=False, size=size, keep_next=True, page_break_before=rh.new_page, outline_level=0)
    _para(doc, n.abstract_title, layout, next_style=n.abstract, align=rh.align, bold=rh.bold, size=size,
          keep_next=True, outline_level=0)

    bq_spacing = layout.block_quote_line_spacing
    bq_gap = line if bq_spacing < layout.line_spacing else 0.0  # single-spaced quotes get a blank line around
    _para(doc, n.block, layout, align="left", spacing=bq_spacing, left_indent=layout.block_quote_indent_in,
          before_pt=bq_gap, after_pt=bq_gap)
    _para(doc, n.epigraph, layout, base=n.block, align="left", spacing=bq_spacing,
          left_indent=layout.block_quote_indent_in, italic=True)
    _para(doc, n.caption, layout, align="left", italic=True)
    _para(doc, n.list, layout, align="left", left_indent=layout.first_line_indent_in, hanging=0.25)
    _para(doc, n.pre, layout, align="left", spacing=1.0, size=max(size - 2, 8), font=layout.mono_font,
          after_pt=line)

    note_line = layout.note_font_size * LINE_FACTOR
    _para(doc, n.note, layout, align="left", spacing=layout.note_line_spacing, size=layout.note_font_size,
          after_pt=layout.note_gap_lines * note_line)
    _char(doc, n.note_ref, superscript=True)
    _char(doc, n.link, underline=True, color="0563C1")
    _para(doc, n.header, layout, align="right", spacing=1.0)
