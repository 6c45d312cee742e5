"""APA 7 student paper: title page, page number top right, five heading levels, References on a new page."""

from __future__ import annotations

from . import HeadingStyle, Layout, ReferenceHeading, TitleBlock

APA = Layout(
    name="apa",
    title=TitleBlock(
        kind="title-page",
        fields=("author", "affiliation", "course", "instructor", "date"),
        lines_before=3,
        gap_lines=1,
        title_bold=True,
        fields_align="center",
        page_break=True,
        repeat_title=True,
        required=("title", "author", "affiliation", "course", "instructor", "date"),
    ),
    headings=(
        HeadingStyle(bold=True, align="center"),
        HeadingStyle(bold=True),
        HeadingStyle(bold=True, italic=True),
        HeadingStyle(bold=True, run_in=True, indent=True),
        HeadingStyle(bold=True, italic=True, run_in=True, indent=True),
    ),
    reference_heading=ReferenceHeading(new_page=True, bold=True, align="center", default="References"),
    header="page",
    other_font_sizes=(("Calibri", 11.0), ("Arial", 11.0), ("Georgia", 11.0), ("Lucida Sans Unicode", 10.0)),
    abstract_new_page=True,
    bib_line_spacing=2.0,
    block_quote_line_spacing=2.0,
)
