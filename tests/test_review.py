"""``--review`` (issue 20): the check's findings as Word comments and PDF text annotations, read back with
python-docx and pypdf, on the citation, the reference entry or the title they belong to."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pypdf
import pytest
from click.testing import CliRunner

from essayconv.check import Finding
from essayconv.cli import main
from essayconv.convert import convert, process, read
from essayconv.layouts import layout_for
from essayconv.options import ConvertOptions
from essayconv.writers import docx as docx_writer
from essayconv.writers import pdf as pdf_writer

# Author-date: a citation of a work not listed, a quotation without a page, "et al." for two authors, an
# entry never cited.
APA = """\
Harbour Towns

Rivera and Ortiz (2019) describe how tides set the civic calendar. Port councils "met only when the
water was slack and the boats were in" (Nakamura, 2020). Rivera et al. (2019) add that the quays were
rebuilt twice. Others counted the boats (Moreno, 2016).

References

Nakamura, K. (2020). Harbour politics. Journal of Coastal Studies, 12(3), 45-67.
Rivera, L., & Ortiz, M. (2019). Tides and towns. Oxford University Press.
Unused, A. (2015). Never cited at all. Journal of Nothing, 3(1), 1-2.
"""

# Numeric: a number cited before a lower one, a number with no entry, a list that skips a number.
IEEE = """\
Batteries in Buses

Cells age faster in heat [1]. Fast charging adds stress [3], and so does a deep discharge [2].
Models of ageing now include temperature [7].

References

[1] A. Kim, "Heat and cells," Journal of Power Sources, vol. 12, no. 2, pp. 1-9, 2019.
[2] B. Osei, "Deep discharge," Energy Storage, vol. 4, no. 1, pp. 10-20, 2020.
[3] C. Lund, "Charging fast," Journal of Power Sources, vol. 14, no. 3, pp. 30-41, 2021.
[5] D. Varga, "Second life," Waste Management, vol. 8, no. 2, pp. 5-15, 2018.
"""

# Notes: the citation becomes a footnote; its finding (a quotation without a page) goes on the note mark.
NOTES = """\
Coffee Houses

Coffee houses were called "penny universities where anyone could hear the news" (Abernathy 2003). They
spread quickly through the city (Wren 2011, 40).

Bibliography

Abernathy, Claire. 2003. Coffee and Conversation. London: Fleet Street Press.
Wren, Thomas. 2011. Coffee in the City. Oxford: Clarendon Press.
"""


def _convert(text: str, style: str, to: str, review: bool = True):
    return convert(text, ConvertOptions(to=to, style=style, review=review))


# ---- reading back -------------------------------------------------------------------------------


def _docx_comments(data: bytes) -> dict[int, tuple[str, str, str | None]]:
    """Comment id -> (author, text, initials), as python-docx reads them."""
    d = docx.Document(io.BytesIO(data))
    return {c.comment_id: (c.author, c.text, c.initials) for c in d.comments}


def _docx_anchors(data: bytes) -> dict[int, str]:
    """Comment id -> the text between its range start and end (body and notes)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    out: dict[int, str] = {}
    for part in ("word/document.xml", "word/footnotes.xml"):
        if part not in z.namelist():
            continue
        xml = z.read(part).decode("utf-8")
        for i in re.findall(r'<w:commentRangeStart w:id="(\d+)"/>', xml):  # (ranges may overlap)
            m = re.search(f'<w:commentRangeStart w:id="({i})"/>(.*?)<w:commentRangeEnd w:id="{i}"/>', xml, re.S)
            assert m is not None
            inner = re.sub(r"<w:commentReference w:id=\"\d+\"/>", "", m.group(2))
            text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", inner))
            text = text.replace("&amp;", "&")
            if "<w:footnoteReference" in inner:
                text += "^note"
            out[int(m.group(1))] = text
            # every range is closed by the comment's reference mark right after it
            assert xml[m.end() :].startswith(f'<w:r><w:commentReference w:id="{m.group(1)}"/></w:r>')
    return out


def _docx_review(data: bytes) -> list[tuple[str, str]]:
    """(the comment's text, the anchored text) of each comment, in id order."""
    comments = _docx_comments(data)
    anchors = _docx_anchors(data)
    assert set(comments) == set(anchors)
    assert all(author == "essayconv" and initials == "ec" for author, _t, initials in comments.values())
    return [(comments[i][1], anchors[i]) for i in sorted(comments)]


def _pdf_review(data: bytes) -> list[tuple[str, str]]:
    """(the annotation's /Contents, the text of the line at its /Rect) of each text annotation."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    out: list[tuple[str, str]] = []
    for page in reader.pages:
        lines: list[tuple[float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: float) -> None:
            if text.strip():
                lines.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text))

        page.extract_text(visitor_text=visit)
        for ref in page.get("/Annots") or []:
            a = ref.get_object()
            if a["/Subtype"] != "/Text":
                continue
            assert a["/T"] == "essayconv"
            _x0, y0, _x1, y1 = (float(v) for v in a["/Rect"])
            near = " ".join(t for y, t in lines if y0 - 1 <= y <= y1 + 1)
            out.append((str(a["/Contents"]), " ".join(near.split())))
    return out


def _by_code(pairs: list[tuple[str, str]], code: str) -> list[str]:
    return [anchor for text, anchor in pairs if text.endswith(f"[{code}]")]


# ---- DOCX -----------------------------------------------------------------------------------------


def test_docx_comments_sit_on_the_citation_and_the_entry_author_date() -> None:
    result = _convert(APA, "apa", "docx")
    review = _docx_review(result.data)
    assert len(review) == len(result.findings) == 4
    assert _by_code(review, "cited-not-listed") == ["(Moreno, 2016)"]
    assert _by_code(review, "quotation-without-locator") == ["(Nakamura, 2020)"]
    assert _by_code(review, "et-al-not-allowed") == ["Rivera and Ortiz (2019)"]  # (as APA renders it)
    [entry] = _by_code(review, "listed-not-cited")
    assert entry.startswith("Unused, A. (2015). Never cited at all.")
    # the comment says the finding: its level, its sentence, its code
    text = next(t for t, _a in review if t.endswith("[cited-not-listed]"))
    assert text == "error: 'Moreno 2016' is cited but not in the reference list [cited-not-listed]"


def test_docx_comments_numeric_style() -> None:
    result = _convert(IEEE, "ieee", "docx")
    review = _docx_review(result.data)
    assert {t.rsplit("[", 1)[1] for t, _a in review} == {
        "numbering-order]",
        "cited-not-listed]",
        "numbering-gap]",
        "listed-not-cited]",
    }
    assert _by_code(review, "cited-not-listed") == ["[7]"]
    [order] = _by_code(review, "numbering-order")
    assert re.fullmatch(r"\[\d\]", order)  # on the citation "[3]" (renumbered in order of first citation)
    [gap] = _by_code(review, "numbering-gap")
    assert "D. Varga" in gap and "Second life" in gap
    assert _by_code(review, "listed-not-cited") == [gap]  # two comments on one entry


def test_docx_comment_in_a_notes_style_is_on_the_note_mark() -> None:
    result = _convert(NOTES, "chicago-notes", "docx")
    review = _docx_review(result.data)
    assert [f.code for f in result.findings] == ["quotation-without-locator"]
    assert _by_code(review, "quotation-without-locator") == ["^note"]  # the footnote reference in the text


def test_comment_ids_are_not_note_ids() -> None:
    # LibreOffice 7.4 takes a comment for the footnote with the same w:id and prints one note's text in
    # others (seen rendering a chicago-notes --review DOCX): the comments are numbered after the notes
    data = _convert(NOTES, "chicago-notes", "docx").data
    z = zipfile.ZipFile(io.BytesIO(data))
    notes = {int(i) for i in re.findall(r'<w:footnote w:id="(-?\d+)"', z.read("word/footnotes.xml").decode())}
    comments = {int(i) for i in re.findall(r'<w:comment w:id="(\d+)"', z.read("word/comments.xml").decode())}
    assert notes and comments and min(comments) > max(notes)
    assert set(_docx_comments(data)) == comments


def test_a_finding_without_an_anchor_goes_on_the_title() -> None:
    doc = process(read(APA), ConvertOptions())
    lay = layout_for(None, "apa")
    wide = Finding("mixed-citation-systems", "warning", "the essay mixes numbered and author-date citations")
    lost = Finding("cited-not-listed", "error", "a citation the document no longer has", cite=999)
    data = docx_writer.write(doc, lay, review=[wide, lost])
    assert [a for _t, a in _docx_review(data)] == ["Harbour Towns", "Harbour Towns"]
    annots = _pdf_review(pdf_writer.write(doc, lay, review=[wide, lost]))
    assert [a for _t, a in annots] == ["Harbour Towns", "Harbour Towns"]
    assert annots[0][0] == "warning: the essay mixes numbered and author-date citations [mixed-citation-systems]"


def test_without_a_title_a_finding_without_an_anchor_goes_on_the_first_paragraph() -> None:
    from msgspec.structs import replace

    doc = process(read(APA), ConvertOptions())
    doc = replace(doc, meta=replace(doc.meta, title=None))
    lay = layout_for(None, "apa")
    wide = [Finding("mixed-citation-systems", "warning", "the essay mixes numbered and author-date citations")]
    [(_t, anchor)] = _docx_review(docx_writer.write(doc, lay, review=wide))
    assert anchor.startswith("Rivera and Ortiz (2019) describe how tides") and anchor.endswith("boats (Moreno, 2016).")
    [(_t, line)] = _pdf_review(pdf_writer.write(doc, lay, review=wide))
    assert line.startswith("Rivera and Ortiz (2019) describe")


def test_without_review_no_comment_is_written() -> None:
    data = _convert(APA, "apa", "docx", review=False).data
    assert "word/comments.xml" not in zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert b"commentRangeStart" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert _pdf_review(_convert(APA, "apa", "pdf", review=False).data) == []


# ---- PDF ------------------------------------------------------------------------------------------


def test_pdf_annotations_sit_on_the_citation_and_the_entry_author_date() -> None:
    result = _convert(APA, "apa", "pdf")
    annots = _pdf_review(result.data)
    assert len(annots) == len(result.findings) == 4
    assert "(Moreno, 2016)" in _by_code(annots, "cited-not-listed")[0]
    assert "(Nakamura, 2020)" in _by_code(annots, "quotation-without-locator")[0]
    assert "Rivera and Ortiz (2019)" in _by_code(annots, "et-al-not-allowed")[0]
    assert _by_code(annots, "listed-not-cited")[0].startswith("Unused, A. (2015).")
    # the same comments as the DOCX's
    docx_texts = sorted(t for t, _a in _docx_review(_convert(APA, "apa", "docx").data))
    assert sorted(t for t, _a in annots) == docx_texts


def test_pdf_annotations_numeric_and_notes_styles() -> None:
    annots = _pdf_review(_convert(IEEE, "ieee", "pdf").data)
    assert "[7]" in _by_code(annots, "cited-not-listed")[0]
    assert "D. Varga" in _by_code(annots, "numbering-gap")[0]
    [notes] = _pdf_review(_convert(NOTES, "chicago-notes", "pdf").data)
    assert notes[0].endswith("[quotation-without-locator]") and "penny universities" in notes[1]


def test_pdf_annotation_rect_covers_the_citation() -> None:
    reader = pypdf.PdfReader(io.BytesIO(_convert(APA, "apa", "pdf").data))
    found = []
    for page in reader.pages:
        chars: list[tuple[float, float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: float) -> None:
            if text.strip():
                chars.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text))

        page.extract_text(visitor_text=visit)
        for ref in page.get("/Annots") or []:
            a = ref.get_object()
            if str(a.get("/Contents", "")).endswith("[cited-not-listed]"):
                found.append(([float(v) for v in a["/Rect"]], chars))
    [(rect, chars)] = found
    x0, y0, x1, y1 = rect
    assert 12 * 4 < x1 - x0 < 12 * 12  # about the width of "(Moreno, 2016)" at 12 pt, not a whole line
    assert 8 < y1 - y0 < 20
    line_start = min(x for x, y, _t in chars if y0 <= y <= y1)
    assert x0 > line_start + 100  # the citation ends its sentence, well to the right of the line's start


# ---- CLI ------------------------------------------------------------------------------------------


def test_cli_review_writes_comments_and_refuses_json(tmp_path) -> None:
    src = tmp_path / "essay.txt"
    src.write_text(APA, encoding="utf-8")
    out = tmp_path / "essay.docx"
    r = CliRunner().invoke(main, [str(src), "--review", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    assert len(_docx_comments(out.read_bytes())) == 4
    r = CliRunner().invoke(main, [str(src), "--review", "--to", "json", "-o", "-"])
    assert r.exit_code == 2 and "--review" in r.output


@pytest.mark.parametrize("to", ["docx", "pdf"])
def test_review_leaves_the_document_text_alone(to: str) -> None:
    """The comments add marks, never text: the document reads the same with and without them."""
    plain, reviewed = _convert(APA, "apa", to, review=False).data, _convert(APA, "apa", to).data
    if to == "docx":
        strip = lambda b: re.sub(  # noqa: E731
            r"<w:commentRange(Start|End) w:id=\"\d+\"/>|<w:r><w:commentReference w:id=\"\d+\"/></w:r>",
            "",
            zipfile.ZipFile(io.BytesIO(b)).read("word/document.xml").decode(),
        )
    else:
        strip = lambda b: "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(b)).pages)  # noqa: E731
    assert strip(reviewed) == strip(plain)
