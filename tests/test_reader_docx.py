"""Word documents in (issue 21): styles, emphasis, notes, tables, Zotero fields; unstructured ones as text."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from essayconv.cli import main
from essayconv.convert import convert, read
from essayconv.diagnostics import ConversionError
from essayconv.model import BlockQuote, Heading, ListBlock, Paragraph, plain_text
from essayconv.options import ConvertOptions

SAMPLES = sorted((Path(__file__).parent.parent / "samples").glob("*.txt"))
PUTNAM = {
    "id": 1234,
    "type": "book",
    "title": "Bowling alone",
    "author": [{"family": "Putnam", "given": "Robert D."}],
    "issued": {"date-parts": [[2000]]},
    "publisher": "Simon & Schuster",
}


def _field(p, instr: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, result, end), as Word and Zotero write one."""

    def char(kind: str):
        r = OxmlElement("w:r")
        c = OxmlElement("w:fldChar")
        c.set(qn("w:fldCharType"), kind)
        r.append(c)
        return r

    def text(tag: str, value: str):
        r = OxmlElement("w:r")
        t = OxmlElement(tag)
        t.set(qn("xml:space"), "preserve")
        t.text = value
        r.append(t)
        return r

    for el in (char("begin"), text("w:instrText", instr), char("separate"), text("w:t", shown), char("end")):
        p._p.append(el)


def _save(d: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def zotero_paper() -> bytes:
    d = docx.Document()
    d.add_paragraph("Bowling Alone Revisited", style="Title")
    d.add_heading("Introduction", level=1)
    p = d.add_paragraph()
    p.add_run("Putnam\u2019s ")
    p.add_run("Bowling").italic = True
    p.add_run(" Alone").italic = True  # Word splits runs: still one italic span
    p.add_run(" argued that leagues declined ")
    payload = {
        "citationID": "a1",
        "citationItems": [{"id": 1234, "itemData": PUTNAM, "locator": "19", "label": "page"}],
    }
    _field(p, "ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(payload), "(Putnam, 2000, p. 19)")
    p.add_run(". Figures such as 5 * 3 [sic] keep their characters.")
    d.add_paragraph("A set-apart quotation the student styled as a quote (Putnam, 2000, p. 31).", style="Quote")
    d.add_paragraph("first point", style="List Bullet")
    t = d.add_table(rows=2, cols=2)
    for (r, c), v in {(0, 0): "Year", (0, 1): "Leagues", (1, 0): "1980", (1, 1): "42"}.items():
        t.cell(r, c).text = v
    d.add_heading("References", level=1)
    _field(
        d.add_paragraph(),
        'ADDIN ZOTERO_BIBL {"uncited":[]} CSL_BIBLIOGRAPHY',
        "Putnam, R. D. (2000). Bowling alone. Simon & Schuster.",
    )
    return _save(d)


def test_a_word_paper_with_zotero_fields_is_restyled_from_its_items() -> None:
    result = convert(zotero_paper(), ConvertOptions(to="docx", style="mla"), source_name="paper.docx")
    out = docx.Document(io.BytesIO(result.data))
    text = [p.text for p in out.paragraphs]
    assert (
        "Putnam\u2019s Bowling Alone argued that leagues declined (Putnam 19). Figures such as 5 * 3 [sic] keep "
        "their characters."
    ) in text
    assert "A set-apart quotation the student styled as a quote (Putnam 31)." in text
    assert text[-2:] == ["Works Cited", "Putnam, Robert D. Bowling Alone. Simon & Schuster, 2000."]
    runs = [(r.text, r.italic) for p in out.paragraphs for r in p.runs]
    assert ("Bowling Alone", True) in runs
    # no parsing (and so no parsing warning): the items are the fields'
    assert not [d for d in result.diagnostics if d.code in ("reference-unsure", "unresolved-citation")]
    [gone] = result.document.removed
    assert gone.text == "Putnam, R. D. (2000). Bowling alone. Simon & Schuster." and "citation manager" in gone.reason


def test_word_structure_becomes_the_model() -> None:
    doc = read(zotero_paper(), ConvertOptions(), source_name="paper.docx")
    assert doc.meta.title == "Bowling Alone Revisited"
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Heading", "Paragraph", "BlockQuote", "ListBlock", "Preformatted"]
    assert isinstance(doc.blocks[0], Heading) and doc.blocks[0].level == 1
    assert isinstance(doc.blocks[3], ListBlock) and plain_text(doc.blocks[3].items[0].content) == "first point"
    assert doc.blocks[4].text == "Year\tLeagues\n1980\t42"
    assert [r.id for r in doc.references] == ["item-1234"] and doc.references_heading == "References"


def test_an_unstyled_document_is_read_as_text_with_its_italics() -> None:
    d = docx.Document()
    d.add_paragraph("Civic Life in Decline")
    p = d.add_paragraph("Putnam\u2019s ")
    p.add_run("Bowling Alone").italic = True
    p.add_run(" argued that civic life declined (Putnam, 2000).")
    d.add_paragraph("References")
    entry = d.add_paragraph("Putnam, R. D. (2000). ")
    entry.add_run("Bowling alone: The collapse and revival of American community").italic = True
    entry.add_run(". Simon & Schuster.")
    doc = read(_save(d), ConvertOptions(), source_name="plain.docx")
    assert doc.meta.title == "Civic Life in Decline"
    [para] = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert "Emph" in [type(n).__name__ for n in para.content]
    assert [r.id for r in doc.references] == ["putnam2000"]
    # the italics of an entry are the list's formatting, not its text: the title is the words
    [ref] = doc.references
    assert "*" not in ref.raw and ref.csl["title"] == "Bowling alone: The collapse and revival of American community"


def test_footnotes_come_back_as_notes() -> None:
    essay = (Path(__file__).parent.parent / "samples" / "chicago-notes.txt").read_bytes()
    data = convert(essay, ConvertOptions(to="docx", style="chicago-notes")).data  # Word footnotes
    doc = read(data, ConvertOptions(), source_name="notes.docx")
    first = read(essay, ConvertOptions(), source_name="notes.txt")
    assert len(doc.footnotes) >= len(first.footnotes) > 0
    assert all(plain_text(fn.content).strip() for fn in doc.footnotes)


_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        **{c: str(n) for n, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")},
    }
)


def _prose(p: Paragraph) -> str:
    """A paragraph's words outside its citations and note marks (which the DOCX has rendered), up to
    typography (curly quotes, dashes)."""
    from essayconv.model import Cite, NoteRef, Text, iter_nodes

    parts = [
        "|" if isinstance(n, (Cite, NoteRef)) else "".join(x.text for x in iter_nodes((n,)) if isinstance(x, Text))
        for n in p.content
    ]
    return " ".join("".join(parts).translate(_TYPOGRAPHY).replace("\u2014", "--").split())


def _summary(doc) -> dict:
    return {
        "title": doc.meta.title,
        "prose": [_prose(b) for b in doc.blocks if isinstance(b, Paragraph)],
        "headings": [(h.level, h.numbering, plain_text(h.content)) for h in doc.blocks if isinstance(h, Heading)],
        "paragraphs": sum(isinstance(b, Paragraph) for b in doc.blocks),
        "quotes": sum(isinstance(b, BlockQuote) for b in doc.blocks),
        "lists": sum(isinstance(b, ListBlock) for b in doc.blocks),
        "references": len(doc.references),
        "notes": len(doc.footnotes),
    }


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_a_sample_converted_to_docx_reads_back_as_the_same_document(sample: Path) -> None:
    """The DOCX essayconv writes, read again: the same title, headings, paragraphs word for word outside the
    citations it rewrote, quotations, lists, references and notes (the layout's parts aside: the title page,
    the list's heading as the style names it)."""
    data = sample.read_bytes()
    written = convert(data, ConvertOptions(to="docx"), source_name=sample.name).data
    assert _summary(read(written, ConvertOptions(), source_name="x.docx")) == _summary(
        read(data, ConvertOptions(), source_name=sample.name)
    )


def test_a_damaged_word_document_is_one_line_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("word/document.xml", "<w:document xmlns:w='x'><w:body><w:p>")
    r = CliRunner().invoke(main, [str(bad), "--to", "json", "-o", "-"])
    assert r.exit_code == 1
    assert r.stderr.startswith(f"essayconv: error: {bad}: the Word document's XML is damaged")
    with pytest.raises(ConversionError, match="not a readable Word document"):
        read(b"plain words", ConvertOptions(input_format="docx"))


def test_a_file_named_docx_that_is_no_word_document_is_one_line_naming_it(tmp_path: Path) -> None:
    # (its extension chose the Word reader, its bytes are no zip: once an internal KeyError)
    bad = tmp_path / "essay.docx"
    bad.write_bytes(b"\x00\x01not a zip")
    r = CliRunner().invoke(main, [str(bad), "--to", "json", "-o", "-"])
    assert r.exit_code == 1
    assert r.stderr == f"essayconv: error: {bad}: not a readable Word document (File is not a zip file)\n"
    with pytest.raises(ConversionError, match="text given, not the file's bytes"):
        read("plain words", ConvertOptions(input_format="docx"))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_document_saved_by_libreoffice_is_read(tmp_path: Path) -> None:
    src = tmp_path / "paper.docx"
    src.write_bytes(zotero_paper())
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    doc = read((out / "paper.docx").read_bytes(), ConvertOptions(), source_name="paper.docx")
    assert doc.meta.title == "Bowling Alone Revisited"
    assert [plain_text(h.content) for h in doc.blocks if isinstance(h, Heading)] == ["Introduction"]
    assert any(isinstance(b, BlockQuote) for b in doc.blocks)


def test_a_document_that_unpacks_to_too_much_is_refused_before_unpacking(monkeypatch) -> None:
    from essayconv.readers import wordml

    monkeypatch.setattr(wordml, "MAX_UNPACKED", 2000)
    with pytest.raises(ConversionError, match="unpacks to more than"):
        read(zotero_paper(), ConvertOptions(), source_name="big.docx")


def test_small_capitals_superscripts_and_subscripts_are_kept() -> None:
    from essayconv.model import SmallCaps, Sub, Sup, Text

    d = docx.Document()
    d.add_paragraph("Formulas", style="Title")
    p = d.add_paragraph("Water is H")
    p.add_run("2").font.subscript = True
    p.add_run("O and E = mc")
    p.add_run("2").font.superscript = True
    p.add_run(" NASA").font.small_caps = True
    p.add_run(" said so.")
    [para] = read(_save(d), ConvertOptions(), source_name="f.docx").blocks
    assert para.content == (
        Text("Water is H"),
        Sub((Text("2"),)),
        Text("O and E = mc"),
        Sup((Text("2"),)),
        Text(" "),
        SmallCaps((Text("NASA"),)),
        Text(" said so."),
    )
