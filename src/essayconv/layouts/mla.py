"""MLA 9: no title page, a heading block, "Lastname N" in the header, Works Cited on a new page."""

from __future__ import annotations

from . import HeadingStyle, Layout, ReferenceHeading, TitleBlock

MLA = Layout(
    name="mla",
    title=TitleBlock(
        kind="heading-block",
        fields=("author", "instructor", "course", "date"),
        title_bold=False,
        fields_align="left",
        required=("title", "author", "instructor", "course", "date"),
    ),
    # MLA prescribes no heading system, only that levels differ visibly and consistently
    headings=(
        HeadingStyle(bold=True),
        HeadingStyle(bold=False, italic=True),
        HeadingStyle(bold=True, align="center"),
        HeadingStyle(bold=False, italic=True, align="center"),
        HeadingStyle(bold=False, italic=True, run_in=True, indent=True),
    ),
    reference_heading=ReferenceHeading(new_page=True, bold=False, align="center", default="Works Cited"),
    header="surname-page",
    bib_line_spacing=2.0,
    block_quote_line_spacing=2.0,
)
