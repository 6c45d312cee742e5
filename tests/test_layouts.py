"""Layouts: choosing one, overriding paper and font, and the title-block warnings."""

from __future__ import annotations

import pytest

from essayconv.diagnostics import ConversionError
from essayconv.layouts import LAYOUT_NAMES, layout_for, surname, title_block_warnings
from essayconv.model import Document, Meta


@pytest.mark.parametrize(
    ("family", "expected"),
    [
        ("apa", "apa"),
        ("mla", "mla"),
        ("chicago", "chicago"),
        ("numeric", "plain"),
        ("author-date", "plain"),
        (None, "plain"),
        ("plain", "plain"),
    ],
)
def test_family_picks_layout(family: str | None, expected: str) -> None:
    assert layout_for(None, family).name == expected


def test_name_overrides_family() -> None:
    assert layout_for("MLA", "apa").name == "mla"


def test_unknown_layout_lists_known_ones() -> None:
    with pytest.raises(ConversionError) as err:
        layout_for("harvardish", "apa")
    assert str(err.value) == "unknown layout 'harvardish' (known: apa, mla, chicago, plain)"


def test_paper_and_font_options() -> None:
    lay = layout_for("apa", None, paper="a4", font="Georgia")
    assert (lay.paper, lay.font) == ("a4", "Georgia")
    assert lay.page_size == pytest.approx((595.28, 841.89), abs=0.01)
    assert layout_for("apa", None).page_size == (612.0, 792.0)
    assert layout_for("apa", None, font="calibri").font_size == 11  # APA pairs Calibri with 11 pt
    assert layout_for("apa", None, font="Lucida Sans Unicode").font_size == 10
    assert layout_for("mla", None, font="Calibri").font_size == 12
    with pytest.raises(ConversionError, match="unknown paper size 'legal'"):
        layout_for("apa", None, paper="legal")


def test_layouts_are_frozen_data() -> None:
    lay = layout_for("apa", None)
    with pytest.raises(AttributeError):
        lay.font = "Arial"  # type: ignore[misc]
    assert set(LAYOUT_NAMES) == {"apa", "mla", "chicago", "plain"}


def test_manuscript_rules_as_data() -> None:
    apa, mla, chicago = layout_for("apa", None), layout_for("mla", None), layout_for("chicago", None)
    for lay in (apa, mla, chicago):
        assert (lay.margin_in, lay.font, lay.font_size, lay.first_line_indent_in) == (1.0, "Times New Roman", 12, 0.5)
        assert lay.reference_heading.new_page
    assert apa.line_spacing == mla.line_spacing == 2.0
    assert apa.heading(1).align == "center" and apa.heading(1).bold
    assert apa.heading(3).italic and not apa.heading(2).italic
    assert apa.heading(4).run_in and apa.heading(5).run_in and apa.heading(9) == apa.heading(5)
    assert apa.title.kind == "title-page" and apa.title.repeat_title
    assert mla.title.kind == "heading-block" and mla.header == "surname-page"
    assert not mla.reference_heading.bold and mla.reference_heading.default == "Works Cited"
    assert chicago.bib_line_spacing == 1.0 and chicago.bib_entry_gap_lines == 1.0
    assert not chicago.header_on_title_page


def test_title_block_warnings_name_the_options() -> None:
    doc = Document(meta=Meta(title="On Tides", author="Ana Rivera"))
    [d] = title_block_warnings(doc, layout_for("apa", None))
    assert d.code == "title-block-incomplete" and d.severity == "warning"
    assert d.message == (
        "the APA title page has no affiliation, course, instructor, date; "
        "set them with --affiliation, --course, --instructor, --date"
    )
    [m] = title_block_warnings(
        Document(meta=Meta(author="Ana Rivera", instructor="X", course="Y", date="Z")), layout_for("mla", None)
    )
    assert m.message == "the MLA heading block has no title; set it with --title"


def test_no_warning_when_complete_or_plain() -> None:
    full = Meta(title="T", author="A", affiliation="U", course="C", instructor="I", date="D")
    assert title_block_warnings(Document(meta=full), layout_for("apa", None)) == []
    assert title_block_warnings(Document(meta=Meta(title="T")), layout_for("plain", None)) == []


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Ana Rivera", "Rivera"),
        ("Rivera, Ana", "Rivera"),
        ("Martin Luther King Jr.", "King"),
        ("Ana Rivera and Bo Chen", "Rivera"),
        ("", ""),
        (None, ""),
        ("Plato", "Plato"),
    ],
)
def test_surname(author: str | None, expected: str) -> None:
    assert surname(author) == expected
