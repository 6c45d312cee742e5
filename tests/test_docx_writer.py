"""The DOCX writer, checked by reading the file back: styles, page setup, header field, notes, links."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.shared import Inches, Pt
from msgspec.structs import replace
from test_docx_fixtures import META, essay

from essayconv.layouts import layout_for
from essayconv.model import Document, Emph, Meta, Paragraph, Preformatted, Text, plain_text
from essayconv.writers.docx import write

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))}


@pytest.fixture(scope="module")
def apa() -> bytes:
    return write(essay("apa"), layout_for("apa", None))


def test_page_setup_letter_and_a4(apa: bytes) -> None:
    s = _open(apa).sections[0]
    assert (s.page_width, s.page_height) == (Inches(8.5), Inches(11))
    assert {s.top_margin, s.bottom_margin, s.left_margin, s.right_margin} == {Inches(1)}
    assert s.header_distance == Inches(0.5)
    a4 = _open(write(essay(), layout_for("apa", None, paper="a4"))).sections[0]
    assert abs(a4.page_width.mm - 210) < 0.1 and abs(a4.page_height.mm - 297) < 0.1


def test_named_styles_carry_the_manuscript_rules(apa: bytes) -> None:
    st = _open(apa).styles
    normal = st["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(12)
    assert normal.paragraph_format.line_spacing == 2.0
    assert normal.paragraph_format.space_after == 0 and normal.paragraph_format.space_before == 0
    assert st["Body Text"].paragraph_format.first_line_indent == Inches(0.5)
    bib = st["Bibliography"].paragraph_format
    assert (bib.left_indent, bib.first_line_indent) == (Inches(0.5), -Inches(0.5))
    h1, h3 = st["Heading 1"], st["Heading 3"]
    assert h1.font.bold and h1.paragraph_format.alignment == 1 and h1.paragraph_format.keep_with_next
    assert h3.font.bold and h3.font.italic and h3.paragraph_format.alignment == 0
    assert h1.font.color.rgb is None  # the template's blue is gone
    assert st["Bibliography Heading"].paragraph_format.page_break_before
    for name in ("Title", "Block Text", "Caption", "First Paragraph", "Abstract", "footnote text"):
        assert st[name].type == 1
    assert st["footnote text"].font.size == Pt(10) and st["footnote text"].paragraph_format.line_spacing == 1.0
    assert st["footnote reference"].font.superscript
    # theme fonts would override the named font in Word: none may remain on the styles we use
    styles_xml = _parts(apa)["word/styles.xml"]
    heading1 = re.search(r'<w:style [^>]*w:styleId="Heading1".*?</w:style>', styles_xml, re.S)
    assert heading1 and "Theme" not in heading1.group(0)


def test_font_option_reaches_the_styles() -> None:
    d = _open(write(essay(), layout_for("apa", None, font="Georgia")))
    assert d.styles["Normal"].font.name == "Georgia"


def test_apa_title_page_then_title_repeated(apa: bytes) -> None:
    paras = _open(apa).paragraphs
    texts = [(p.style.name, p.text) for p in paras[:8]]
    assert texts[:6] == [
        ("Title", META.title),
        ("Title Block", "Ana Rivera"),
        ("Title Block", META.affiliation),
        ("Title Block", META.course),
        ("Title Block", "Dr. Malik Osei"),
        ("Title Block", "24 November 2026"),
    ]
    assert texts[6] == ("Abstract Title", "Abstract")
    assert paras[6].paragraph_format.page_break_before
    repeat = next(p for p in paras if p.style.name == "Title Repeated")
    assert repeat.text == META.title and repeat.paragraph_format.page_break_before
    assert _open(apa).styles["Title"].font.bold
    assert _open(apa).styles["Title"].paragraph_format.space_before == Pt(3 * 12 * 1.15 * 2)


def test_header_has_a_live_page_field(apa: bytes) -> None:
    header = _parts(apa)
    hxml = next(v for k, v in header.items() if k.startswith("word/header"))
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", hxml)
    assert 'w:fldCharType="begin"' in hxml and 'w:fldCharType="end"' in hxml
    mla = _parts(write(essay("mla"), layout_for("mla", None)))
    mxml = next(v for k, v in mla.items() if k.startswith("word/header"))
    assert re.search(r"<w:t[^>]*>Rivera </w:t>.*PAGE", mxml, re.S)


def test_chicago_title_page_has_no_number() -> None:
    d = _open(write(essay("chicago"), layout_for("chicago", None)))
    assert d.sections[0].different_first_page_header_footer
    assert d.sections[0].first_page_header.paragraphs[0].text == ""


def test_mla_heading_block_then_centred_plain_title() -> None:
    d = _open(write(essay("mla", heading="Works Cited"), layout_for("mla", None)))
    first = [(p.style.name, p.text) for p in d.paragraphs[:5]]
    assert first == [
        ("Title Block", "Ana Rivera"),
        ("Title Block", "Dr. Malik Osei"),
        ("Title Block", META.course),
        ("Title Block", "24 November 2026"),
        ("Title", META.title),
    ]
    assert d.styles["Title"].font.bold is False and d.styles["Title"].paragraph_format.alignment == 1
    ref = next(p for p in d.paragraphs if p.style.name == "Bibliography Heading")
    assert ref.text == "Works Cited" and d.styles["Bibliography Heading"].font.bold is False


def test_inline_formatting_survives(apa: bytes) -> None:
    d = _open(apa)
    runs = [r for p in d.paragraphs for r in p.runs]
    italic = {r.text for r in runs if r.italic}
    assert {"aquaculture", "Kelp and coastal incomes", "Marine Policy Review", "12"} <= italic
    assert any(r.text == "yield" and r.bold for r in runs)
    assert any(r.text == "noaa" and r.font.small_caps for r in runs)
    assert any(r.text == "2" and r.font.superscript for r in runs)
    assert any(r.text == "2" and r.font.subscript for r in runs)


def test_citations_rendered_or_kept_as_written(apa: bytes) -> None:
    body = "\n".join(p.text for p in _open(apa).paragraphs)
    assert "(Lindqvist, 2019)" in body and "(Lindqvist 2019)" not in body
    assert "(Okafor, 2021)" in body


def test_untrusted_text_is_literal_and_control_chars_are_gone(apa: bytes) -> None:
    body = "\n".join(p.text for p in _open(apa).paragraphs)
    assert 'Things & <Stuff> <img src="x.png"/> ok.' in body


def test_bibliography_entries_and_links(apa: bytes) -> None:
    d = _open(apa)
    entries = [p for p in d.paragraphs if p.style.name == "Bibliography"]
    assert [p.text for p in entries] == [
        "Lindqvist, M. (2019). Kelp and coastal incomes. Fjord Press. https://doi.org/10.1234/kelp.2019",
        "Okafor, C. (2021). Harvest cycles in the North Sea. Marine Policy Review, 12(3), 45\u201367. "
        "doi:10.5555/mpr.12.3",
    ]
    parts = _parts(apa)
    rels = parts["word/_rels/document.xml.rels"]
    for target in (
        "https://doi.org/10.1234/kelp.2019",
        "https://doi.org/10.5555/mpr.12.3",
        "https://example.org/kelp?a=1&amp;b=&lt;2&gt;",
    ):
        assert f'Target="{target}" TargetMode="External"' in rels
    assert parts["word/document.xml"].count("<w:hyperlink ") == 3


def test_numeric_labels_sit_in_their_own_column() -> None:
    d = _open(write(essay("numeric", labels=True), layout_for("plain", None)))
    entries = [p.text for p in d.paragraphs if p.style.name == "Bibliography"]
    assert entries[0].startswith("[1]\tLindqvist") and entries[1].startswith("[2]\tOkafor")


def test_real_word_footnotes(apa: bytes) -> None:
    parts = _parts(apa)
    assert "footnotes.xml" in parts["word/_rels/document.xml.rels"]
    assert "wordprocessingml.footnotes+xml" in parts["[Content_Types].xml"]
    notes = parts["word/footnotes.xml"]
    assert re.search(r'<w:footnote w:id="1">.*Ministry of Fisheries, internal note, 2020\..*</w:footnote>', notes, re.S)
    assert "<w:footnoteRef/>" in notes and 'w:val="FootnoteText"' in notes
    assert '<w:footnoteReference w:id="1"/>' in parts["word/document.xml"]


def test_note_style_citation_rendered_as_a_note_mark() -> None:
    """The citation pass turns a note-style cite into a Footnote and a NoteRef in Cite.rendered."""
    from essayconv.model import Cite, CiteItem, Footnote, NoteRef

    cite = Cite((CiteItem(author="Okafor", year="2021"),), "(Okafor 2021)", rendered=(NoteRef("cite-note-1", "1"),))
    doc = Document(
        meta=Meta(title="T"),
        blocks=(Paragraph((Text("Claim."), cite)),),
        footnotes=(Footnote("cite-note-1", (Text("Chidi Okafor, "), Text("Harvest Cycles (2021), 4."))),),
    )
    parts = _parts(write(doc, layout_for("chicago", None)))
    assert "Chidi Okafor, Harvest Cycles (2021), 4." in re.sub(r"<[^>]+>", "", parts["word/footnotes.xml"])
    assert '<w:footnoteReference w:id="1"/>' in parts["word/document.xml"]
    assert "(Okafor 2021)" not in parts["word/document.xml"]


def test_core_properties_and_no_source_path(apa: bytes) -> None:
    cp = _open(apa).core_properties
    assert (cp.title, cp.author, cp.language) == (META.title, "Ana Rivera", "en-US")
    assert cp.created is not None and cp.comments == ""
    for name, text in _parts(apa).items():
        assert "secret" not in text and "python-docx" not in text, name


def test_every_word_is_written(apa: bytes) -> None:
    d = _open(apa)
    written = " ".join(p.text for p in d.paragraphs) + re.sub(r"<[^>]+>", " ", _parts(apa)["word/footnotes.xml"])
    source = essay()
    words = []
    for b in source.blocks:
        for seq in _inline_seqs(b):
            words += re.findall(r"\w+", plain_text(seq))
    missing = [w for w in words if w not in written]
    assert missing == []


def _inline_seqs(b: object) -> list:
    from essayconv.model import Preformatted, iter_inlines

    if isinstance(b, Preformatted):
        return [(Text(b.text),)]
    return list(iter_inlines([b]))  # type: ignore[list-item]


def test_empty_document_and_missing_title() -> None:
    d = _open(write(Document(), layout_for("apa", None)))
    assert [p.text for p in d.paragraphs] == [""]
    d2 = _open(
        write(Document(meta=Meta(author="Ana Rivera"), blocks=(Paragraph((Text("x"),)),)), layout_for("apa", None))
    )
    assert [p.text for p in d2.paragraphs] == ["Ana Rivera", "x"]


def test_raw_references_when_no_bibliography() -> None:
    doc = replace(essay(), bibliography=None, references_heading="Sources")
    d = _open(write(doc, layout_for("apa", None)))
    heads = [p.text for p in d.paragraphs if p.style.name == "Bibliography Heading"]
    assert heads == ["Sources"]
    assert [p.text for p in d.paragraphs if p.style.name == "Bibliography"] == [
        "Lindqvist, M. (2019). Kelp and coastal incomes."
    ]


def test_reproducible_with_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = write(essay(), layout_for("mla", None))
    assert write(essay(), layout_for("mla", None)) == first
    assert _open(first).core_properties.created.year == 2023


def test_chicago_abstract_follows_title_page_and_text_runs_on() -> None:
    d = _open(write(essay("chicago", heading="Bibliography"), layout_for("chicago", None)))
    paras = d.paragraphs
    k = next(i for i, p in enumerate(paras) if p.style.name == "Abstract Title")
    assert paras[k].paragraph_format.page_break_before  # the title page ends
    assert paras[k + 1].style.name == "Abstract"
    assert paras[k + 2].style.name == "First Paragraph" and not paras[k + 2].paragraph_format.page_break_before
    assert d.styles["Bibliography"].paragraph_format.line_spacing == 1.0
    assert d.styles["Bibliography"].paragraph_format.space_after == Pt(12 * 1.15)


def test_links_inside_footnotes_are_related_from_the_notes_part() -> None:
    from essayconv.model import Footnote, Link, NoteRef

    doc = Document(
        meta=Meta(title="T"),
        blocks=(Paragraph((Text("Claim."), NoteRef("n1", "1"))),),
        footnotes=(Footnote("n1", (Text("See "), Link((Text("the data"),), "https://example.org/d"))),),
    )
    parts = _parts(write(doc, layout_for("plain", None)))
    assert 'Target="https://example.org/d" TargetMode="External"' in parts["word/_rels/footnotes.xml.rels"]
    assert "<w:hyperlink " in parts["word/footnotes.xml"]
    assert "example.org" not in parts["word/_rels/document.xml.rels"]


def test_a_run_in_heading_first_after_the_title_page_starts_the_page() -> None:
    from essayconv.model import Heading

    doc = Document(meta=Meta(title="T", author="A"), blocks=(Heading(5, (Text("Opening"),)), Paragraph((Text("x"),))))
    d = _open(write(doc, layout_for("chicago", None)))
    run_in = next(p for p in d.paragraphs if p.text.startswith("Opening."))
    assert run_in.text == "Opening. x" and run_in.paragraph_format.page_break_before


def test_emphasis_in_an_italic_style_is_roman() -> None:
    doc = Document(
        meta=Meta(title="T"),
        blocks=(Paragraph((Text("Figure 2. Yield of "), Emph((Text("Laminaria"),))), role="caption"),),
    )
    d = _open(write(doc, layout_for("apa", None)))
    cap = next(p for p in d.paragraphs if p.style.name == "Caption")
    assert [(r.text, r.italic) for r in cap.runs] == [("Figure 2. Yield of ", None), ("Laminaria", False)]
    assert d.styles["Caption"].font.italic


def test_subtitle_on_the_title_page_and_joined_when_repeated() -> None:
    doc = Document(meta=Meta(title="Kelp", subtitle="A Coastal Study", author="A"), blocks=(Paragraph((Text("x"),)),))
    d = _open(write(doc, layout_for("apa", None)))
    assert [(p.style.name, p.text) for p in d.paragraphs] == [
        ("Title", "Kelp"),
        ("Subtitle", "A Coastal Study"),
        ("Title Block", "A"),
        ("Title Repeated", "Kelp: A Coastal Study"),
        ("First Paragraph", "x"),
    ]
    assert d.styles["Title"].paragraph_format.space_after == 0  # the gap comes after the subtitle
    assert d.styles["Subtitle"].paragraph_format.space_after == Pt(12 * 1.15 * 2)


def test_an_epigraph_is_set_in_the_epigraph_style_and_a_block_quote_in_block_text() -> None:
    from essayconv.model import BlockQuote

    epigraph = BlockQuote(
        (
            Paragraph((Text("“Time and tide wait for no man.”"),), role="epigraph"),
            Paragraph((Text("— Geoffrey Chaucer"),), role="epigraph"),
        )
    )
    quote = BlockQuote((Paragraph((Text("A quotation set apart in the body of the essay."),)),))
    doc = Document(meta=META, blocks=(epigraph, Paragraph((Text("The essay begins."),)), quote))
    styles = {p.text: p.style.name for p in _open(write(doc, layout_for("apa", None))).paragraphs}
    assert styles["“Time and tide wait for no man.”"] == styles["— Geoffrey Chaucer"] == "Epigraph"
    assert styles["A quotation set apart in the body of the essay."] == "Block Text"


def test_the_rest_of_a_paragraph_after_an_equation_is_set_flush_left() -> None:
    # "... is written" / the equation / "where L is ...": the text after the display goes on with the
    # paragraph (role "continuation"), so it has no first-line indent; a new paragraph after it has one.
    blocks = (
        Paragraph((Text("The volume in a month is written"),)),
        Paragraph((Text("A second paragraph starts here."),)),
        Preformatted("V = Q1 + Q2 - L"),
        Paragraph((Text("where L is the loss at the gauges."),), role="continuation"),
        Paragraph((Text("A new paragraph follows."),)),
    )
    doc = Document(meta=Meta(title="Water"), blocks=blocks)
    d = _open(write(doc, layout_for("apa", None)))
    paras = {p.text: p.style.name for p in d.paragraphs}
    assert paras["where L is the loss at the gauges."] == "Body Text Continued"
    assert paras["A new paragraph follows."] == "Body Text"
    assert paras["A second paragraph starts here."] == "Body Text"
    assert d.styles["Body Text Continued"].paragraph_format.first_line_indent == 0
    assert d.styles["Body Text"].paragraph_format.first_line_indent == Inches(0.5)
