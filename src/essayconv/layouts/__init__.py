"""Manuscript layouts: the page, type and furniture rules of each family, as data both writers read."""

from __future__ import annotations

from typing import Literal

from msgspec import Struct
from msgspec.structs import replace

from ..diagnostics import ConversionError, Diagnostic
from ..model import Document, Meta

Align = Literal["left", "center", "right"]
Paper = Literal["letter", "a4"]
MetaField = Literal["author", "affiliation", "course", "instructor", "date"]

# page sizes in points (1/72 in): what both writers turn into twips or reportlab units
PAPER_SIZES: dict[str, tuple[float, float]] = {
    "letter": (612.0, 792.0),
    "a4": (595.2756, 841.8898),
}

# the option that sets each title-block field on the command line (see options.MetaOverrides)
FIELD_OPTIONS: dict[str, str] = {
    "title": "--title",
    "author": "--author",
    "affiliation": "--affiliation",
    "course": "--course",
    "instructor": "--instructor",
    "date": "--date",
}


class HeadingStyle(Struct, frozen=True):
    """How one heading level looks; sizes are in points, None meaning the body size."""

    bold: bool = True
    italic: bool = False
    align: Align = "left"
    run_in: bool = False  # APA levels 4-5: the heading starts its paragraph and ends with a period
    indent: bool = False  # first-line indent like a body paragraph
    size: float | None = None


class TitleBlock(Struct, frozen=True):
    """The title and the author's details: a title page, an MLA heading block, or a centred title."""

    kind: Literal["title-page", "heading-block", "centred-title"]
    fields: tuple[MetaField, ...]  # in print order; empty ones are left out
    lines_before: int = 0  # blank lines (at body spacing) above the title
    gap_lines: int = 0  # blank lines between the title and the fields
    title_bold: bool = True
    title_size: float | None = None  # None: the body size
    fields_align: Align = "center"
    page_break: bool = False  # the title block fills its own page
    repeat_title: bool = False  # the first page of text starts with the title again
    required: tuple[str, ...] = ()  # fields whose absence is worth a warning (title included)


class ReferenceHeading(Struct, frozen=True):
    new_page: bool = True
    bold: bool = True
    align: Align = "center"
    default: str = "References"  # when neither the style nor the source names the list


class Layout(Struct, frozen=True):
    """Everything the writers need to lay out a paper; writers never branch on the family name."""

    name: str
    title: TitleBlock
    headings: tuple[HeadingStyle, HeadingStyle, HeadingStyle, HeadingStyle, HeadingStyle]
    reference_heading: ReferenceHeading = ReferenceHeading()
    paper: Paper = "letter"
    margin_in: float = 1.0
    font: str = "Times New Roman"
    font_size: float = 12.0
    other_font_sizes: tuple[tuple[str, float], ...] = ()  # (font, size) the style guide pairs with other fonts
    mono_font: str = "Courier New"
    line_spacing: float = 2.0  # a multiple of single spacing
    first_line_indent_in: float = 0.5
    align: Literal["left", "justify"] = "left"  # APA and MLA want ragged right
    header: Literal["page", "surname-page", "none"] = "page"
    header_distance_in: float = 0.5
    header_on_title_page: bool = True  # Chicago counts but does not number the title page
    abstract_heading: str = "Abstract"
    abstract_new_page: bool = False
    hanging_indent_in: float = 0.5
    bib_line_spacing: float = 2.0
    bib_entry_gap_lines: float = 0.0  # blank lines between entries (Chicago: one, single-spaced)
    label_width_in: float = 0.5  # numeric styles: the column the "[1]" sits in
    block_quote_indent_in: float = 0.5
    block_quote_line_spacing: float = 2.0
    note_font_size: float = 10.0
    note_line_spacing: float = 1.0
    note_gap_lines: float = 0.0  # blank lines between notes (Turabian: one)

    @property
    def page_size(self) -> tuple[float, float]:
        """(width, height) in points."""
        return PAPER_SIZES[self.paper]

    def heading(self, level: int) -> HeadingStyle:
        """The style of a heading level; levels past 5 look like level 5."""
        return self.headings[min(max(level, 1), 5) - 1]


def _registry() -> dict[str, Layout]:
    from .apa import APA
    from .chicago import CHICAGO
    from .mla import MLA
    from .plain import PLAIN

    return {"apa": APA, "mla": MLA, "chicago": CHICAGO, "plain": PLAIN}


LAYOUT_NAMES = ("apa", "mla", "chicago", "plain")

# a citation style's family -> the layout that suits it when --layout is not given
_FAMILY_LAYOUT = {"apa": "apa", "mla": "mla", "chicago": "chicago", "harvard": "plain", "numeric": "plain"}


def layout_for(
    name: str | None,
    family: str | None,
    *,
    paper: str | None = None,
    font: str | None = None,
) -> Layout:
    """The layout named by ``--layout``, else the one that suits the citation style's family.

    ``paper`` ("letter" | "a4") and ``font`` (a font family name) override the layout's defaults.
    """
    layouts = _registry()
    if name is not None:
        key = name.strip().lower()
        if key not in layouts:
            raise ConversionError(f"unknown layout {name!r} (known: {', '.join(LAYOUT_NAMES)})")
    else:
        key = _FAMILY_LAYOUT.get((family or "").lower(), "plain")
    layout = layouts[key]
    if paper is not None:
        p = paper.strip().lower()
        if p not in PAPER_SIZES:
            raise ConversionError(f"unknown paper size {paper!r} (known: {', '.join(PAPER_SIZES)})")
        layout = replace(layout, paper=p)  # type: ignore[arg-type]
    if font is not None and font.strip():
        name_key = font.strip().lower()
        size = next((s for f, s in layout.other_font_sizes if f.lower() == name_key), layout.font_size)
        layout = replace(layout, font=font.strip(), font_size=size)
    return layout


def field_value(meta: Meta, field: str) -> str:
    """A title-block field of the metadata, stripped; "" when absent."""
    value = getattr(meta, field)
    return value.strip() if isinstance(value, str) else ""


def title_block_warnings(doc: Document, layout: Layout) -> list[Diagnostic]:
    """Warnings for title-block fields the layout wants but the document lacks, naming the options."""
    missing = [f for f in layout.title.required if not field_value(doc.meta, f)]
    if not missing:
        return []
    where = {
        "title-page": "title page",
        "heading-block": "heading block",
        "centred-title": "title",
    }[layout.title.kind]
    names = ", ".join(missing)
    opts = ", ".join(FIELD_OPTIONS[f] for f in missing)
    return [
        Diagnostic(
            "title-block-incomplete",
            "warning",
            f"the {layout.name.upper()} {where} has no {names}; "
            f"set {'it' if len(missing) == 1 else 'them'} with {opts}",
        )
    ]


def surname(author: str | None) -> str:
    """The last name of the first author, for the MLA running header ("Ana Rivera" -> "Rivera")."""
    if not author:
        return ""
    first = author.split(";")[0].split(" and ")[0].split("&")[0].strip()
    if "," in first:  # "Rivera, Ana" or "Ana Rivera, Jr."
        head, _, tail = first.partition(",")
        tail_words = tail.strip().rstrip(".").lower()
        if tail_words in {"jr", "sr", "ii", "iii", "iv"}:
            first = head
        else:
            return head.strip()
    words = [w for w in first.split() if w.rstrip(".").lower() not in {"jr", "sr", "ii", "iii", "iv"}]
    return words[-1] if words else ""


__all__ = [
    "FIELD_OPTIONS",
    "LAYOUT_NAMES",
    "PAPER_SIZES",
    "HeadingStyle",
    "Layout",
    "ReferenceHeading",
    "TitleBlock",
    "field_value",
    "layout_for",
    "surname",
    "title_block_warnings",
]
