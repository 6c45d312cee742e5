"""Chicago 17 / Turabian: a title page, single-spaced notes and bibliography with a blank line between."""

from __future__ import annotations

from . import HeadingStyle, Layout, ReferenceHeading, TitleBlock

CHICAGO = Layout(
    name="chicago",
    title=TitleBlock(
        kind="title-page",
        fields=("author", "course", "instructor", "date"),
        lines_before=7,  # about a third of the way down at double spacing
        gap_lines=8,
        title_bold=True,
        fields_align="center",
        page_break=True,
        required=("title", "author", "course", "date"),
    ),
    # Turabian's levels: centred bold, centred plain, flush-left bold, flush-left plain, run-in bold
    headings=(
        HeadingStyle(bold=True, align="center"),
        HeadingStyle(bold=False, align="center"),
        HeadingStyle(bold=True),
        HeadingStyle(bold=False),
        HeadingStyle(bold=True, run_in=True, indent=True),
    ),
    reference_heading=ReferenceHeading(new_page=True, bold=True, align="center", default="Bibliography"),
    header="page",
    header_on_title_page=False,
    bib_line_spacing=1.0,
    bib_entry_gap_lines=1.0,
    block_quote_line_spacing=1.0,
    note_gap_lines=1.0,
)
