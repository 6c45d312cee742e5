"""The PDF writer, checked from the file: extracted text, embedded fonts, outline, links, notes, pages."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from test_docx_fixtures import META, essay

from essayconv.layouts import layout_for
from essayconv.model import (
    Document,
    Emph,
    Footnote,
    Heading,
    Meta,
    NoteRef,
    Paragraph,
    Preformatted,
    Text,
    iter_inlines,
    plain_text,
)
from essayconv.writers.pdf import write


def _reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def _pages(data: bytes) -> list[str]:
    return [p.extract_text() for p in _reader(data).pages]


def _flat(s: str) -> str:
    return re.sub(r"\s+", " ", s)


@pytest.fixture(scope="module")
def apa() -> bytes:
    return write(essay("apa"), layout_for("apa", None))


def test_every_word_is_in_the_pdf(apa: bytes) -> None:
    text = _flat(" ".join(_pages(apa)))
    words: list[str] = []
    for seq in iter_inlines(essay().blocks):
        words += re.findall(r"\w+", plain_text(seq))
    words += re.findall(r"\w+", "Depth Yield shallow 4.2 deep 1.9 Ministry of Fisheries internal note")
    assert [w for w in words if w.lower() not in text.lower()] == []  # small caps print as capitals
    assert 'Things & <Stuff> <img src="x.png"/> ok.' in text  # markup in the text is text
    assert "Greek \u03b1\u03b2\u03b3, arrows \u2192 \u21d2, Polish \u0142\u00f3d\u017a" in text


def test_page_plan_of_apa(apa: bytes) -> None:
    pages = _pages(apa)
    assert len(pages) == 4
    assert pages[0].split("\n")[0].strip() == "1"  # the page number on the title page
    assert META.title in pages[0] and "Harbor State University" in pages[0]
    assert "Abstract" in pages[1] and "Kelp farms are spreading" in pages[1]
    assert pages[2].split("\n")[1].strip() == META.title  # title repeated atop the text
    assert pages[3].split("\n")[1].strip() == "References"


def test_every_font_is_embedded(apa: bytes) -> None:
    seen: set[str] = set()
    for page in _reader(apa).pages:
        for font in page["/Resources"]["/Font"].values():
            f = font.get_object()
            seen.add(str(f["/BaseFont"]))
            assert "/FontFile2" in f["/FontDescriptor"], f["/BaseFont"]
    assert any(n.endswith("+LiberationSerif") for n in seen)
    assert any("DejaVuSerif" in n for n in seen)  # \u21d2 is not in Liberation Serif


def test_info_outline_and_links(apa: bytes) -> None:
    r = _reader(apa)
    assert r.metadata.title == META.title and r.metadata.author == "Ana Rivera"

    def titles(items: list) -> list[str]:
        out: list[str] = []
        for it in items:
            out += titles(it) if isinstance(it, list) else [it["/Title"]]
        return out

    assert titles(r.outline) == ["Abstract", "Methods of the Survey", "Sampling Frames", "Depth Bands", "References"]
    uris = [a.get_object()["/A"]["/URI"] for p in r.pages for a in p.get("/Annots", [])]
    assert uris == [
        "https://example.org/kelp?a=1&b=<2>",
        "https://doi.org/10.1234/kelp.2019",
        "https://doi.org/10.5555/mpr.12.3",
    ]


def test_reproducible_and_private(apa: bytes) -> None:
    assert write(essay("apa"), layout_for("apa", None)) == apa
    assert b"secret" not in apa


def test_mla_header_and_works_cited() -> None:
    pages = _pages(write(essay("mla", heading="Works Cited"), layout_for("mla", None)))
    assert [p.split("\n")[0].strip() for p in pages] == [f"Rivera {n}" for n in range(1, len(pages) + 1)]
    first = [line.strip() for line in pages[0].split("\n")[1:6]]
    assert first == ["Ana Rivera", "Dr. Malik Osei", META.course, "24 November 2026", META.title]
    assert pages[-1].split("\n")[1].strip() == "Works Cited"


def test_chicago_title_page_unnumbered() -> None:
    pages = _pages(write(essay("chicago", heading="Bibliography"), layout_for("chicago", None)))
    assert not pages[0].strip().startswith("1")
    assert pages[1].split("\n")[0].strip() == "2"


def test_a4_paper() -> None:
    box = _reader(write(essay(), layout_for("apa", None, paper="a4"))).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_numeric_labels() -> None:
    pages = _pages(write(essay("numeric", labels=True), layout_for("plain", None)))
    text = pages[-1]
    assert re.search(r"\[1\]\s*Lindqvist, M\. \(2019\)", text) and re.search(r"\[2\]\s*Okafor", text)


def _long_doc(notes: int, headings: int) -> Document:
    blocks: list = []
    fns: list[Footnote] = []
    sentence = "The tide came in over the flats and the growers counted their lines again before dusk. "
    for k in range(1, 41):
        if headings and k % 4 == 1:
            blocks.append(Heading(1 + k % 2, (Text(f"Section heading {k}"),)))
        content: list = [Text(f"Marker{k} " + sentence * 3)]
        if k <= notes:
            content.append(NoteRef(f"fn{k}", str(k)))
            fns.append(Footnote(f"fn{k}", (Text(f"Notetext{k} gives the source of paragraph {k}. " * (1 + k % 3)),)))
        blocks.append(Paragraph(tuple(content)))
    return Document(meta=Meta(title="A Long Essay", author="Bo Chen"), blocks=tuple(blocks), footnotes=tuple(fns))


def _lowest_text_and_highest_note(page: pypdf.PageObject) -> tuple[float, float]:
    ys: dict[str, list[float]] = {"body": [], "note": []}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        y = tm[5] * cm[3] + cm[5]
        if "Notetext" in text or "gives the source" in text:
            ys["note"].append(y)
        elif "tide" in text or "Marker" in text or "growers" in text:
            ys["body"].append(y)

    page.extract_text(visitor_text=visit)
    return min(ys["body"], default=1e9), max(ys["note"], default=-1e9)


def test_footnotes_sit_on_the_page_of_their_mark_below_the_text() -> None:
    data = write(_long_doc(notes=40, headings=0), layout_for("chicago", None))
    for page in _reader(data).pages:
        lowest_text, highest_note = _lowest_text_and_highest_note(page)
        assert lowest_text > highest_note  # notes never overprint the text
    pages = _pages(data)
    for k in range(1, 41):
        note_page = next(i for i, p in enumerate(pages) if f"Notetext{k} " in p)
        # the mark is the number after the paragraph's last sentence; the paragraph may start a page earlier
        mark_pages = [i for i, p in enumerate(pages) if f"Marker{k} " in p]
        assert note_page in (mark_pages[0], mark_pages[0] + 1), k


def test_no_heading_stranded_at_a_page_end() -> None:
    pages = _pages(write(_long_doc(notes=0, headings=1), layout_for("apa", None)))
    for p in pages:
        lines = [line.strip() for line in p.strip().split("\n") if line.strip()]
        assert not lines[-1].startswith("Section heading"), lines[-1]


def test_preformatted_keeps_columns() -> None:
    doc = Document(blocks=(Preformatted("a    b\n  c"),))
    text = _pages(write(doc, layout_for("plain", None)))[0]
    assert "a    b" in text.replace("\u00a0", " ")


def test_cjk_text_prints_in_the_shipped_cjk_font() -> None:
    doc = Document(meta=Meta(title="T"), blocks=(Paragraph((Text("kanji \u6f22\u5b57, hangul \ud55c\uae00 ok"),)),))
    data = write(doc, layout_for("plain", None))
    assert "kanji \u6f22\u5b57, hangul \ud55c\uae00 ok" in _flat(" ".join(_pages(data)))
    fonts = {str(f.get_object()["/BaseFont"]) for p in _reader(data).pages for f in p["/Resources"]["/Font"].values()}
    assert any(n.endswith("+DroidSansFallback") for n in fonts)


def test_character_no_font_has_prints_as_replacement() -> None:
    from essayconv.writers import _pdf_fonts

    if _pdf_fonts.face_for("\U00013000") is not None:
        pytest.skip("this machine has a font with Egyptian hieroglyphs")
    doc = Document(meta=Meta(title="T"), blocks=(Paragraph((Text("glyph \U00013000 ok"),)),))
    assert "glyph \ufffd ok" in _flat(" ".join(_pages(write(doc, layout_for("plain", None)))))


def test_font_option_uses_an_installed_font_or_warns() -> None:
    from essayconv.writers.pdf import font_warnings

    assert font_warnings(layout_for("apa", None)) == []
    [w] = font_warnings(layout_for("apa", None, font="No Such Font Family"))
    assert w.code == "font-substituted" and "'No Such Font Family'" in w.message
    data = write(essay(), layout_for("apa", None, font="No Such Font Family"))
    fonts = {str(f.get_object()["/BaseFont"]) for p in _reader(data).pages for f in p["/Resources"]["/Font"].values()}
    assert any(n.endswith("+LiberationSerif") for n in fonts)


def test_font_option_with_a_font_we_ship_on_this_machine() -> None:
    """DejaVu Sans is installed wherever the shipped fonts' source package is; skip elsewhere."""
    from essayconv.writers import _pdf_fonts

    if _pdf_fonts.text_family("DejaVu Sans") == _pdf_fonts.SERIF:
        pytest.skip("DejaVu Sans is not installed as a system font here")
    data = write(essay(), layout_for("apa", None, font="DejaVu Sans"))
    fonts = {str(f.get_object()["/BaseFont"]) for p in _reader(data).pages for f in p["/Resources"]["/Font"].values()}
    assert any(n.endswith("+DejaVuSans") for n in fonts) and not any("LiberationSerif" in n for n in fonts)


def test_note_without_a_mark_is_kept_in_both_outputs() -> None:
    from essayconv.writers import docx as docx_writer

    doc = Document(
        meta=Meta(title="T"),
        blocks=(Paragraph((Text("Only text."),)), Heading(1, (Text("End"),))),
        footnotes=(Footnote("lost", (Text("Orphaned note survives."),), "*"),),
    )
    assert "1 Orphaned note survives." in _flat(" ".join(_pages(write(doc, layout_for("plain", None)))))
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx_writer.write(doc, layout_for("plain", None)))) as z:
        assert "Orphaned note survives." in z.read("word/footnotes.xml").decode()
        assert '<w:footnoteReference w:id="1"/>' in z.read("word/document.xml").decode()


def test_fallback_glyphs_keep_weight_and_slant() -> None:
    doc = Document(
        meta=Meta(title="T"),
        blocks=(
            Heading(1, (Text("Heading \u21d2 bold"),)),
            Paragraph((Text("Caption "), Emph((Text("roman \u21d2"),))), role="caption"),
        ),
    )
    spans: list[tuple[str, str]] = []

    def visit(text: str, cm: list, tm: list, font: dict | None, size: float) -> None:
        if font is not None and text.strip():
            spans.append((text.strip(), str(font["/BaseFont"]).split("+")[-1]))

    _reader(write(doc, layout_for("plain", None))).pages[0].extract_text(visitor_text=visit)
    assert ("\u21d2", "DejaVuSerif-Bold") in spans  # the arrow in the bold heading is bold too
    assert ("Caption", "LiberationSerif-Italic") in spans  # captions are italic ...
    assert ("roman", "LiberationSerif") in spans and ("\u21d2", "DejaVuSerif") in spans  # ... emphasis flips back


def test_font_warnings_name_unprintable_characters() -> None:
    from essayconv.writers import _pdf_fonts
    from essayconv.writers.pdf import font_warnings

    if _pdf_fonts.face_for("\U00013000") is not None:
        pytest.skip("this machine has a font with Egyptian hieroglyphs")
    doc = Document(blocks=(Paragraph((Text("a \U00013000 \u6f22"),)),))
    [w] = font_warnings(layout_for("apa", None), doc)
    assert (w.code, w.message) == ("glyph-missing", "no font can print 1 character(s) (U+13000); the PDF shows \ufffd")
    assert font_warnings(layout_for("apa", None), essay()) == []


def test_bare_urls_in_text_and_notes_are_live_in_both_outputs() -> None:
    import zipfile

    from essayconv.writers import docx as docx_writer

    doc = Document(
        meta=Meta(title="T"),
        blocks=(Paragraph((Text("Data at https://example.org/tides, see doi:10.4321/abc.9."), NoteRef("n", "1"))),),
        footnotes=(Footnote("n", (Text("Also http://example.net/x."),)),),
    )
    uris = [
        a.get_object()["/A"]["/URI"]
        for p in _reader(write(doc, layout_for("plain", None))).pages
        for a in p.get("/Annots", [])
    ]
    assert uris == ["https://example.org/tides", "https://doi.org/10.4321/abc.9", "http://example.net/x"]
    with zipfile.ZipFile(io.BytesIO(docx_writer.write(doc, layout_for("plain", None)))) as z:
        rels = z.read("word/_rels/document.xml.rels").decode() + z.read("word/_rels/footnotes.xml.rels").decode()
    for uri in uris:
        assert f'Target="{uri}"' in rels


def test_a_paragraph_that_fits_a_page_only_without_its_notes_is_split() -> None:
    s = "Marker the tide came in over the flats and the growers counted their lines again. "
    content = (Text(s * 7), NoteRef("a"), Text(s * 7), NoteRef("b"), Text(s * 7), NoteRef("c"), Text(s))
    notes = tuple(Footnote(k, (Text(f"Notetext {k} gives the source. " * 25),)) for k in "abc")
    doc = Document(blocks=(Paragraph(content),), footnotes=notes)
    lay = layout_for("apa", None)
    alone = _pages(write(Document(blocks=(Paragraph(content),)), lay))[0]
    text_lines = len(alone.strip().split("\n")) - 1  # less the page number
    assert 18 <= text_lines <= 22  # the text alone fills most of one page ...
    pages = _reader(write(doc, lay)).pages
    assert len(pages) == 2  # ... so with its notes it must be split
    for page in pages:
        lowest_text, highest_note = _lowest_text_and_highest_note(page)
        assert lowest_text > highest_note


def _note_words(data: bytes) -> list[str]:
    """The words of the notes, page after page, in the order they are set (from 10 pt text)."""
    words: list[str] = []
    for page in _reader(data).pages:
        runs: list[tuple[float, float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if text.strip() and size * tm[0] < 11:  # note text (10 pt); marks are smaller still
                runs.append((-(tm[5] * cm[3] + cm[5]), tm[4] * cm[0] + cm[4], text))

        page.extract_text(visitor_text=visit)
        words += " ".join(t for _, _, t in sorted(runs)).split()
    return [w for w in words if not w.isdigit()]


def _with_long_note(words: int, *, last: bool) -> tuple[Document, str]:
    note = " ".join(f"w{k}" for k in range(words))
    s = "Marker the tide came in over the flats and the growers counted their lines again. "
    blocks = [Paragraph((Text(s * 6),)) for _ in range(3)]
    marked = Paragraph((Text("This sentence carries the long note."), NoteRef("n"), Text(" " + s)))
    blocks.insert(len(blocks) if last else 1, marked)
    doc = Document(
        meta=Meta(title="Notes", author="Bo Chen"), blocks=tuple(blocks), footnotes=(Footnote("n", (Text(note),)),)
    )
    return doc, note


@pytest.mark.parametrize("last", [False, True])
def test_a_note_taller_than_the_page_continues_on_the_next_pages(last: bool) -> None:
    doc, note = _with_long_note(1500, last=last)
    data = write(doc, layout_for("chicago", None))
    # every word of the note is set once, in order, however many pages it takes ...
    assert _note_words(data) == note.split()
    pages = _reader(data).pages
    spread = [i for i, p in enumerate(pages) if re.search(r"\bw\d+\b", p.extract_text())]
    assert len(spread) >= 2 and spread == list(range(spread[0], spread[0] + len(spread)))
    # ... starting on the page of its mark, and never over the text
    mark_page = next(i for i, p in enumerate(pages) if "carries the long note" in p.extract_text())
    assert spread[0] == mark_page
    for page in pages:
        lowest_text, highest_note = _lowest_text(page), _highest_note(page)
        assert lowest_text > highest_note


def _lowest_text(page: pypdf.PageObject) -> float:
    ys: list[float] = []
    page.extract_text(
        visitor_text=lambda t, cm, tm, f, size: (
            ys.append(tm[5] * cm[3] + cm[5]) if ("tide" in t or "carries" in t or "Marker" in t) else None
        )
    )
    return min(ys, default=1e9)


def _highest_note(page: pypdf.PageObject) -> float:
    ys: list[float] = []
    page.extract_text(
        visitor_text=lambda t, cm, tm, f, size: (
            ys.append(tm[5] * cm[3] + cm[5]) if re.search(r"\bw\d+(x\d+)?\b", t) else None
        )
    )
    return max(ys, default=-1e9)


def test_notes_of_one_paragraph_taller_than_a_page_continue() -> None:
    s = "Marker the tide came in over the flats and the growers counted their lines again. "
    # one line of text with six marks: no split can share its notes out between pages
    content = tuple(x for k in range(6) for x in (Text(f"Marker clause {k}"), NoteRef(f"n{k}")))
    notes = tuple(Footnote(f"n{k}", (Text(" ".join(f"w{k}x{j}" for j in range(160))),)) for k in range(6))
    data = write(
        Document(blocks=(Paragraph(content), Paragraph((Text(s * 5),))), footnotes=notes), layout_for("chicago", None)
    )
    assert _note_words(data) == [f"w{k}x{j}" for k in range(6) for j in range(160)]
    for page in _reader(data).pages:
        assert _lowest_text(page) > _highest_note(page)


def test_a_long_note_starts_on_the_page_of_its_mark() -> None:
    """Text is not moved off a page to keep a long note whole: the note starts under it and continues."""
    s = "The tide came in over the flats and the growers counted their lines again before dusk. "
    note = " ".join(f"w{k}" for k in range(1200))
    doc = Document(
        blocks=(
            Paragraph((Text("Opening " + s * 8),)),
            Paragraph((Text("This sentence carries the long note."), NoteRef("n"), Text(" " + s))),
        ),
        footnotes=(Footnote("n", (Text(note),)),),
    )
    data = write(doc, layout_for("apa", None))
    pages = _pages(data)
    opening = next(i for i, p in enumerate(pages) if "Opening" in p)
    assert "carries the long note" in pages[opening]
    assert "w0 w1 w2" in _flat(pages[opening])  # the note's first lines under its mark
    assert _note_words(data) == note.split()
    for page in _reader(data).pages:
        assert _lowest_text(page) > _highest_note(page)


def test_the_rest_of_a_paragraph_after_an_equation_starts_at_the_margin() -> None:
    # the text after a display that goes on with its paragraph (role "continuation") has no first-line
    # indent; a new paragraph's first line is indented half an inch (36 pt) further in
    blocks = (
        Paragraph((Text("Opening words of the paragraph that is written here."),)),
        Preformatted("V = Q1 + Q2 - L"),
        Paragraph((Text("whereupon the loss is measured."),), role="continuation"),
        Paragraph((Text("Afterwards a new paragraph starts."),)),
    )
    xs: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        for word in ("Opening", "whereupon", "Afterwards"):
            if text.startswith(word):
                xs[word] = tm[4] * cm[0] + cm[4]

    doc = Document(meta=Meta(title="Water"), blocks=blocks)
    for page in _reader(write(doc, layout_for("apa", None))).pages:
        page.extract_text(visitor_text=visit)
    assert abs(xs["Afterwards"] - xs["Opening"]) < 1
    assert abs(xs["Opening"] - xs["whereupon"] - 36) < 1
