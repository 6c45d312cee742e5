"""A neutral manuscript for numeric and other styles: centred title, numbered pages, references in flow."""

from __future__ import annotations

from . import HeadingStyle, Layout, ReferenceHeading, TitleBlock

PLAIN = Layout(
    name="plain",
    title=TitleBlock(
        kind="centred-title",
        fields=("author", "affiliation", "course", "instructor", "date"),
        title_bold=True,
        title_size=14.0,
        fields_align="center",
        required=("title",),
    ),
    headings=(
        HeadingStyle(bold=True),
        HeadingStyle(bold=True, italic=True),
        HeadingStyle(bold=False, italic=True),
        HeadingStyle(bold=True, run_in=True, indent=True),
        HeadingStyle(bold=False, italic=True, run_in=True, indent=True),
    ),
    reference_heading=ReferenceHeading(new_page=False, bold=True, align="left", default="References"),
    header="page",
    bib_line_spacing=2.0,
    block_quote_line_spacing=2.0,
)
