"""The named Word styles of a layout: every paragraph and run the DOCX writer makes points at one of these.

styles.xml is python-docx's template styles part with the document defaults replaced, the template styles we
use redefined in place and our own styles appended: the same bytes python-docx produced when the writer
defined them through its object model (which took longer than writing a whole essay does now).
"""

from __future__ import annotations

import functools
import re

from msgspec import Struct
from msgspec.structs import astuple

from ..layouts import Layout
from ._docx_parts import attr, template_styles

# Word's "single" line for Times-like faces is about 1.15 x the point size (ascent + descent + gap);
# spacing expressed as "N blank lines" uses it so a blank line looks like an empty paragraph.
LINE_FACTOR = 1.15

_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


class StyleNames(Struct, frozen=True):
    """The style names the writer uses (Word's UI names)."""

    normal: str = "Normal"
    title: str = "Title"
    subtitle: str = "Subtitle"
    first_page_title: str = "Title Repeated"
    title_block: str = "Title Block"
    body: str = "Body Text"
    first: str = "First Paragraph"
    continued: str = "Body Text Continued"  # the rest of a paragraph after a display: flush left
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

# Word writes a few built-in styles' names in lower case in styles.xml (python-docx's "BabelFish" list)
_INTERNAL_NAMES = {"Caption": "caption", "Header": "header", "Footer": "footer"} | {
    f"Heading {n}": f"heading {n}" for n in range(1, 10)
}
# ... and knows its note styles by these lower-case names; any other spelling makes a copy
_WORD_NAMES = {"Footnote Text": "footnote text", "Footnote Reference": "footnote reference"}


def style_id(name: str) -> str:
    """The styleId of a style by UI name (the template's built-ins and ours follow the same rule)."""
    return name.replace(" ", "")


# ---- lengths, converted as python-docx converts them (EMU integers first, then twips / half-points) -------


def _twips(emu: int) -> str:
    return str(int(round(emu / 635.0)))


def _pt(points: float) -> int:
    return int(points * 12700)


def _inches(inches: float) -> int:
    return int(inches * 914400)


def _half_points(points: float) -> str:
    return str(int(_pt(points) / 12700.0 * 2))


# ---- the styles, as data ---------------------------------------------------------------------------------


class _Para(Struct, frozen=True):
    name: str
    align: str
    spacing: float
    base: str | None = "Normal"
    next_style: str | None = None
    first_indent: float = 0.0
    left_indent: float = 0.0
    hanging: float = 0.0
    before_pt: float = 0.0
    after_pt: float = 0.0
    bold: bool | None = None
    italic: bool | None = None
    size: float | None = None
    keep_next: bool = False
    page_break_before: bool = False
    outline_level: int | None = None
    font: str | None = None

    def ppr(self) -> str:
        out = ["<w:pPr>"]
        if self.keep_next:
            out.append("<w:keepNext/><w:keepLines/>")
        if self.page_break_before:
            out.append("<w:pageBreakBefore/>")
        out.append("<w:widowControl/>")
        line = _twips(int(self.spacing * 152400))  # a multiple of 240 twips, as EMU
        out.append(
            f'<w:spacing w:line="{line}" w:lineRule="auto" w:before="{_twips(_pt(self.before_pt))}" '
            f'w:after="{_twips(_pt(self.after_pt))}"/>'
        )
        first = _inches(-self.hanging) if self.hanging else _inches(self.first_indent)
        indent = f'w:hanging="{_twips(-first)}"' if first < 0 else f'w:firstLine="{_twips(first)}"'
        out.append(f'<w:ind w:left="{_twips(_inches(self.left_indent + self.hanging))}" {indent}/>')
        out.append(f'<w:jc w:val="{_JC[self.align]}"/>')
        if self.outline_level is not None:
            out.append(f'<w:outlineLvl w:val="{self.outline_level}"/>')
        out.append("</w:pPr>")
        return "".join(out)

    def rpr(self) -> str:
        out = []
        if self.font is not None:
            f = attr(self.font)
            out.append(f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>')
        out.append(_flag("b", self.bold) + _flag("i", self.italic))
        if self.size is not None:
            out.append(f'<w:sz w:val="{_half_points(self.size)}"/>')
        body = "".join(out)
        return f"<w:rPr>{body}</w:rPr>" if body else ""


class _Char(Struct, frozen=True):
    name: str
    bold: bool | None = None
    italic: bool | None = None
    superscript: bool = False
    underline: bool = False
    color: str | None = None
    base: str | None = "Default Paragraph Font"
    next_style: str | None = None

    def ppr(self) -> str:
        return ""

    def rpr(self) -> str:
        # python-docx adds the w:rPr as soon as a font property is assigned, even to None
        parts = [_flag("b", self.bold), _flag("i", self.italic)]
        if self.color is not None:
            parts.append(f'<w:color w:val="{self.color}"/>')
        if self.underline:
            parts.append('<w:u w:val="single"/>')
        if self.superscript:
            parts.append('<w:vertAlign w:val="superscript"/>')
        body = "".join(parts)
        return f"<w:rPr>{body}</w:rPr>" if body else "<w:rPr/>"


def _flag(tag: str, value: bool | None) -> str:
    if value is None:
        return ""
    return f"<w:{tag}/>" if value else f'<w:{tag} w:val="0"/>'


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


def _specs(layout: Layout, has_subtitle: bool) -> list[_Para | _Char]:
    """Every style the writer uses, from the layout's data, in the order they are defined."""
    n = NAMES
    size = layout.font_size
    line = size * LINE_FACTOR  # one single-spaced line, in points
    body_line = line * layout.line_spacing
    tb = layout.title
    ls = layout.line_spacing
    gap = tb.gap_lines * body_line
    title_align = "center"  # every family centres the title, MLA's included
    out: list[_Para | _Char] = [
        _Para(n.normal, layout.align, ls, base=None, size=size, font=layout.font),
        _Para(n.body, layout.align, ls, first_indent=layout.first_line_indent_in),
        _Para(n.first, layout.align, ls, base=n.body, next_style=n.body, first_indent=layout.first_line_indent_in),
        _Para(n.continued, layout.align, ls, base=n.body, next_style=n.body, first_indent=0.0),
        _Para(
            n.title,
            title_align,
            ls,
            next_style=n.first,
            bold=tb.title_bold,
            size=tb.title_size or size,
            before_pt=tb.lines_before * body_line,
            after_pt=0 if has_subtitle else gap,
            keep_next=True,
        ),
        _Para(
            n.subtitle,
            title_align,
            ls,
            base=n.title,
            next_style=n.first,
            bold=tb.title_bold,
            size=tb.title_size or size,
            after_pt=gap,
            keep_next=True,
        ),
        _Para(
            n.first_page_title,
            "center",
            ls,
            base=n.title,
            next_style=n.first,
            bold=tb.title_bold,
            size=size,
            keep_next=True,
        ),
        _Para(n.title_block, tb.fields_align, ls, keep_next=tb.kind == "title-page"),
    ]
    for level in range(1, 6):
        hs = layout.heading(level)
        out.append(
            _Para(
                n.heading(level),
                hs.align,
                ls,
                next_style=n.first,
                bold=hs.bold,
                italic=hs.italic,
                size=hs.size or size,
                first_indent=layout.first_line_indent_in if hs.indent else 0.0,
                keep_next=True,
                outline_level=level - 1,
            )
        )
        out.append(_Char(n.run_in(level), bold=hs.bold, italic=hs.italic))
    rh = layout.reference_heading
    bq_spacing = layout.block_quote_line_spacing
    bq_gap = line if bq_spacing < layout.line_spacing else 0.0  # single-spaced quotes get a blank line around
    note_line = layout.note_font_size * LINE_FACTOR
    out += [
        _Para(
            n.bib,
            "left",
            layout.bib_line_spacing,
            hanging=layout.hanging_indent_in,
            after_pt=layout.bib_entry_gap_lines * line,
        ),
        _Para(n.abstract, layout.align, ls),
        _Para(
            n.ref_heading,
            rh.align,
            ls,
            base=n.heading(1),
            next_style=n.bib,
            bold=rh.bold,
            italic=False,
            size=size,
            keep_next=True,
            page_break_before=rh.new_page,
            outline_level=0,
        ),
        _Para(
            n.abstract_title,
            rh.align,
            ls,
            next_style=n.abstract,
            bold=rh.bold,
            size=size,
            keep_next=True,
            outline_level=0,
        ),
        _Para(n.block, "left", bq_spacing, left_indent=layout.block_quote_indent_in, before_pt=bq_gap, after_pt=bq_gap),
        _Para(n.epigraph, "left", bq_spacing, base=n.block, left_indent=layout.block_quote_indent_in, italic=True),
        _Para(n.caption, "left", ls, italic=True),
        _Para(n.list, "left", ls, left_indent=layout.first_line_indent_in, hanging=0.25),
        _Para(n.pre, "left", 1.0, size=max(size - 2, 8), font=layout.mono_font, after_pt=line),
        _Para(
            n.note,
            "left",
            layout.note_line_spacing,
            size=layout.note_font_size,
            after_pt=layout.note_gap_lines * note_line,
        ),
        _Char(n.note_ref, superscript=True),
        _Char(n.link, underline=True, color="0563C1"),
        _Para(n.header, "right", 1.0),
    ]
    return out


# ---- the template's styles part, split into pieces once ----------------------------------------------------

# CT_Style's children in schema order, up to the formatting (python-docx inserts by this order)
_HEAD_ORDER = (
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
)
_RANK = {tag: i for i, tag in enumerate(_HEAD_ORDER)}


_LEAF = re.compile(r"<w:(\w+)(?: [^<>]*)?/>")
_FORMATTING = re.compile(r"(?:<w:pPr>.*?</w:pPr>|<w:pPr/>)?(?:<w:rPr>.*?</w:rPr>|<w:rPr/>)?", re.S)


class _Existing(Struct, frozen=True):
    open_tag: str  # '<w:style ...>'
    head: tuple[tuple[str, str], ...]  # (local name, element as serialized) of the children before pPr/rPr


class _Split(Struct, frozen=True):
    before_defaults: str
    after_defaults: str  # up to the first w:style
    styles: tuple[str, ...]  # each w:style element as serialized
    by_name: dict[str, int]  # w:name value -> index in styles
    end: str


@functools.cache
def _template_styles() -> _Split:
    """The template's styles part cut into pieces (by its text: parsing it again cost more than the rest)."""
    xml = template_styles().decode("utf-8")
    d0, d1 = xml.index("<w:docDefaults>"), xml.index("</w:docDefaults>") + len("</w:docDefaults>")
    first = xml.index("<w:style ")
    end = "</w:styles>"
    assert xml.endswith("</w:style>" + end)
    pieces = tuple(p + "</w:style>" for p in xml[first : -len("</w:style>" + end)].split("</w:style>"))
    # the cut is exact: one whole w:style element a piece (none self-closing, none nested)
    assert all(p.startswith("<w:style ") and p.count("<w:style ") == 1 for p in pieces)
    by_name: dict[str, int] = {}
    for i, piece in enumerate(pieces):
        m = re.search(r'<w:name w:val="([^"]*)"/>', piece)
        if m is not None:
            by_name.setdefault(m.group(1), i)
    return _Split(xml[:d0], xml[d1:first], pieces, by_name, end)


@functools.cache
def _existing(name: str) -> _Existing | None:
    """A template style's opening tag and leading children, or None when the template has no such style."""
    split = _template_styles()
    index = split.by_name.get(attr(name))
    if index is None:
        return None
    piece = split.styles[index]
    open_tag = piece[: piece.index(">") + 1]
    rest = piece[len(open_tag) : -len("</w:style>")]
    head = []
    pos = 0
    while (m := _LEAF.match(rest, pos)) is not None and m.group(1) in _RANK:
        head.append((m.group(1), m.group()))
        pos = m.end()
    # what follows is the formatting we replace: a style with anything else (a table style) is not one of ours
    assert _FORMATTING.fullmatch(rest, pos) is not None, f"template style {name} cannot be redefined"
    return _Existing(open_tag, tuple(head))


def _style_xml(spec: _Para | _Char, split: _Split) -> tuple[str, int | None]:
    """A style element and the index of the template style it replaces (None: a new style)."""
    internal = _INTERNAL_NAMES.get(spec.name, spec.name)
    found = _existing(internal)
    own_id = style_id(spec.name)
    if found is not None:
        open_tag = found.open_tag
        head = {local: el for local, el in found.head if local not in ("semiHidden", "qFormat")}  # hidden=False
    else:
        kind = "paragraph" if isinstance(spec, _Para) else "character"
        open_tag = f'<w:style w:type="{kind}" w:customStyle="1" w:styleId="{attr(own_id)}">'
        head = {"name": f'<w:name w:val="{attr(_WORD_NAMES.get(spec.name, internal))}"/>'}
    if found is not None and spec.name in _WORD_NAMES:
        head["name"] = f'<w:name w:val="{attr(_WORD_NAMES[spec.name])}"/>'
    head["qFormat"] = "<w:qFormat/>"  # quick_style=True
    if spec.base is not None and spec.name != NAMES.normal:
        head["basedOn"] = f'<w:basedOn w:val="{attr(style_id(spec.base))}"/>'
    if spec.next_style is not None:
        if style_id(spec.next_style) == own_id:
            head.pop("next", None)
        else:
            head["next"] = f'<w:next w:val="{attr(style_id(spec.next_style))}"/>'
    ordered = "".join(el for _local, el in sorted(head.items(), key=lambda kv: _RANK[kv[0]]))
    index = split.by_name[attr(internal)] if found is not None else None
    return f"{open_tag}{ordered}{spec.ppr()}{spec.rpr()}</w:style>", index


def _doc_defaults(layout: Layout, language: str) -> str:
    """Document defaults: the layout's font, size and language; no spacing after paragraphs."""
    f, lang = attr(layout.font), attr(language)
    half_points = str(round(layout.font_size * 2))
    return (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>'
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/><w:lang w:val="{lang}" w:eastAsia="{lang}"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>"
    )


def styles_xml(layout: Layout, language: str, has_subtitle: bool) -> bytes:
    """The styles part for a layout (the writer keeps it compressed per layout: see docx._styles_member)."""
    split = _template_styles()
    styles = list(split.styles)
    added: list[str] = []
    for spec in _specs(layout, has_subtitle):
        xml, index = _style_xml(spec, split)
        if index is None:
            added.append(xml)
        else:
            styles[index] = xml
    out = split.before_defaults + _doc_defaults(layout, language) + split.after_defaults
    return (out + "".join(styles) + "".join(added) + split.end).encode("utf-8")


@functools.cache
def style_ids() -> dict[str, str]:
    """UI name -> styleId of every style the writer points at."""
    names = list(astuple(NAMES))
    names += [NAMES.heading(k) for k in range(1, 6)] + [NAMES.run_in(k) for k in range(1, 6)]
    return {name: style_id(name) for name in names}
