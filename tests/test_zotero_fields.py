"""--zotero (issue 21): citations and the reference list as Zotero's live fields in the DOCX."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from essayconv.cli import main
from essayconv.convert import convert, read
from essayconv.diagnostics import ConversionError
from essayconv.options import ConvertOptions

ESSAY = (Path(__file__).parent.parent / "samples" / "apa-web-copy.txt").read_bytes()
CSL_TYPES = {
    "article-journal",
    "book",
    "chapter",
    "webpage",
    "report",
    "thesis",
    "article-magazine",
    "article-newspaper",
    "paper-conference",
    "article",
    "document",
    "dataset",
    "post-weblog",
}


def _instructions(data: bytes, part: str = "word/document.xml") -> list[str]:
    xml = zipfile.ZipFile(io.BytesIO(data)).read(part).decode("utf-8")
    return [
        re.sub(
            r"&(amp|lt|gt|quot|apos);",
            lambda m: {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}[m.group(1)],
            t,
        ).strip()
        for t in re.findall(r"<w:instrText[^>]*>(.*?)</w:instrText>", xml, re.S)
    ]


def _valid_csl(item: dict) -> None:
    assert item["type"] in CSL_TYPES and isinstance(item["id"], int)
    for var in ("author", "editor"):
        for name in item.get(var, []):
            assert set(name) <= {"family", "given", "literal", "suffix", "non-dropping-particle", "dropping-particle"}
    parts = item["issued"]["date-parts"]
    assert isinstance(parts, list) and all(isinstance(p, int) for p in parts[0])
    assert isinstance(item["title"], str) and item["title"]


def test_each_citation_is_a_zotero_field_with_its_items_as_csl_json() -> None:
    data = convert(ESSAY, ConvertOptions(to="docx", zotero=True), source_name="a.txt").data
    fields = _instructions(data)
    cites = [f for f in fields if f.startswith("ADDIN ZOTERO_ITEM CSL_CITATION ")]
    assert len(cites) == 6 and sum(f.startswith("ADDIN ZOTERO_BIBL") for f in fields) == 1
    payloads = [json.loads(f[len("ADDIN ZOTERO_ITEM CSL_CITATION ") :]) for f in cites]
    for p in payloads:
        assert p["schema"].endswith("csl-citation.json") and re.fullmatch(r"[a-p]{8}", p["citationID"])
        for it in p["citationItems"]:
            assert it["id"] == it["itemData"]["id"]
            _valid_csl(it["itemData"])
    located = [it for p in payloads for it in p["citationItems"] if "locator" in it]
    assert [(it["locator"], it["label"]) for it in located] == [("118", "page")]
    assert payloads[0]["properties"]["plainCitation"] == "(Walker & Stickgold, 2004)"
    # "Diekelmann and Born (2010) describe": the names stay in the sentence, the field is "(2010)"
    narrative = [p for p in payloads if p["citationItems"][0].get("suppress-author")]
    assert [p["properties"]["plainCitation"] for p in narrative] == ["(2010)"]
    # the text reads as without --zotero
    plain = convert(ESSAY, ConvertOptions(to="docx"), source_name="a.txt").data
    paragraphs = lambda d: [p.text for p in docx.Document(io.BytesIO(d)).paragraphs]  # noqa: E731
    assert paragraphs(data) == paragraphs(plain)


def test_a_note_style_puts_each_field_in_its_note() -> None:
    data = convert(ESSAY, ConvertOptions(to="docx", style="chicago-notes", zotero=True), source_name="a.txt").data
    notes = [json.loads(f.split(" ", 3)[3]) for f in _instructions(data, "word/footnotes.xml")]
    assert [p["properties"]["noteIndex"] for p in notes] == [1, 2, 3, 4, 5, 6]
    assert not [f for f in _instructions(data) if "ZOTERO_ITEM" in f]


def test_the_fields_read_back_as_citations_of_their_items() -> None:
    data = convert(ESSAY, ConvertOptions(to="docx", zotero=True), source_name="a.txt").data
    again = convert(data, ConvertOptions(to="docx", style="mla"), source_name="a.docx")
    direct = convert(ESSAY, ConvertOptions(to="docx", style="mla"), source_name="a.txt")
    body = lambda d: [p.text for p in docx.Document(io.BytesIO(d)).paragraphs if "(" in p.text and len(p.text) > 200]  # noqa: E731
    assert body(again.data) == body(direct.data)
    assert not [d for d in again.diagnostics if d.code in ("reference-unsure", "unresolved-citation")]
    assert len(read(data, ConvertOptions(), source_name="a.docx").references) == 4


def test_zotero_fields_go_in_a_docx_only() -> None:
    with pytest.raises(ConversionError, match="--zotero writes Zotero's citation fields into a DOCX, not into PDF"):
        convert(ESSAY, ConvertOptions(to="pdf", zotero=True))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_document(tmp_path: Path) -> None:
    essay = tmp_path / "paper.txt"
    essay.write_bytes(ESSAY)
    src = tmp_path / "paper.docx"
    r = CliRunner().invoke(main, [str(essay), "--to", "docx", "--zotero", "-o", str(src), "-q"])
    assert r.exit_code == 0, r.output
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(src)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = (tmp_path / "paper.txt").read_text(encoding="utf-8-sig")
    assert "(Walker & Stickgold, 2004)" in text and "Walker, M. P., & Stickgold, R. (2004)." in text
