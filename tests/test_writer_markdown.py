"""--to md (issue 21): Pandoc Markdown with [@key] citations, the items in its front matter and beside it."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from essayconv.cli import main
from essayconv.convert import convert
from essayconv.options import ConvertOptions

SAMPLES = Path(__file__).parent.parent / "samples"


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_citations_become_pandoc_citations_of_the_list_items() -> None:
    result = convert((SAMPLES / "apa-web-copy.txt").read_bytes(), ConvertOptions(to="md"), source_name="a.txt")
    text = result.data.decode("utf-8")
    assert text.startswith('---\ntitle: "Sleep, Memory, and the College Student"\n')
    assert "(Diekelmann & Born, 2010, p. 118)" not in text
    assert "[@diekelmann2010, p. 118]" in text and "@diekelmann2010 describe" in text
    assert "[@walker2004; @hershner2014]" in text
    items = json.loads(result.companions[".references.json"])
    assert [i["id"] for i in items] == ["diekelmann2010", "hershner2014", "lo2016", "walker2004"]
    assert items[0]["container-title"] == "Nature Reviews Neuroscience"


@pytest.mark.parametrize("style", ["apa", "mla"])
def test_the_markdown_converts_to_the_same_paper(style: str) -> None:
    """The Markdown essayconv writes, converted again, gives the paper the text gives."""
    essay = (SAMPLES / "apa-web-copy.txt").read_bytes()
    md = convert(essay, ConvertOptions(to="md"), source_name="a.txt").data
    direct = _paragraphs(convert(essay, ConvertOptions(to="docx", style=style), source_name="a.txt").data)
    again = _paragraphs(convert(md, ConvertOptions(to="docx", style=style), source_name="a.md").data)
    body = lambda ps: [p for p in ps if "(" in p and len(p) > 200]  # noqa: E731 - the cited paragraphs
    assert body(again) == body(direct) and len(body(direct)) >= 4


def test_the_cli_writes_the_items_beside_the_markdown(tmp_path: Path) -> None:
    out = tmp_path / "paper.md"
    r = CliRunner().invoke(main, [str(SAMPLES / "apa-web-copy.txt"), "--to", "md", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    assert [i["id"] for i in json.loads((tmp_path / "paper.references.json").read_text())][:1] == ["diekelmann2010"]


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_renders_the_markdown_with_its_citations(tmp_path: Path) -> None:
    md = convert((SAMPLES / "apa-web-copy.txt").read_bytes(), ConvertOptions(to="md"), source_name="a.txt").data
    src = tmp_path / "paper.md"
    src.write_bytes(md)
    out = subprocess.run(
        ["pandoc", str(src), "--citeproc", "-t", "plain", "--wrap=none"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    assert "(Walker and Stickgold 2004)" in out and "Diekelmann and Born (2010) describe" in out
    assert "Walker, M. P., and R. Stickgold. 2004." in out


@pytest.mark.parametrize("label", ["page", "chapter", "section", "paragraph", "figure", "volume", "line", "verse"])
def test_every_locator_label_the_writer_writes_the_reader_reads(label: str) -> None:
    from essayconv.model import Cite, CiteItem, Document, Paragraph, Text
    from essayconv.readers.markdown import read as read_markdown
    from essayconv.writers.markdown import write

    cite = Cite((CiteItem(key="doe99", locator="12", label=label),), "(Doe, 1999)")
    md = write(
        Document(
            blocks=(
                Paragraph(
                    (Text("As shown "), cite, Text(".")),
                ),
            )
        )
    ).decode()
    [back] = [n for n in read_markdown(md).blocks[0].content if isinstance(n, Cite)]
    assert (back.items[0].key, back.items[0].locator, back.items[0].label) == ("doe99", "12", label)
