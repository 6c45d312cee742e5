"""Markdown input (issue 21): CommonMark structure, footnotes, front matter, typed and pandoc citations."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from essayconv.cli import main
from essayconv.convert import convert, input_format, read
from essayconv.model import BlockQuote, Cite, Emph, Heading, Link, ListBlock, NoteRef, Paragraph, Preformatted, Strong
from essayconv.options import ConvertOptions

ESSAY = """---
title: "Bowling Alone, Twenty Years On"
author: Ana Rivera
course: SOC 210
theme: dark
---

# Introduction

Putnam's *Bowling Alone* argued that civic life declined (Putnam, 2000, p. 19). Later work
disagreed [@paxton1999, p. 90; see @fischer2005]. As @putnam2000 [p. 27] put it, the **trend** is clear.[^1]

> A quotation set apart, long enough to be a block
> quotation in the paper (Putnam, 2000, p. 31).

- one point
- another point with [a link](https://example.org/clubs)

| Year | Leagues |
|------|---------|
| 1980 | 42 |

    code kept as written

## References

1. Putnam, R. D. (2000). *Bowling alone: The collapse and revival of American community*. Simon & Schuster.
2. Paxton, P. (1999). Is social capital declining in the United States? *American Journal of Sociology, 105*(1), 88-127.

[^1]: A note with *emphasis*.
"""

ITEMS = [
    {
        "id": "putnam2000",
        "type": "book",
        "title": "Bowling alone: The collapse and revival of American community",
        "author": [{"family": "Putnam", "given": "Robert D."}],
        "issued": {"date-parts": [[2000]]},
        "publisher": "Simon & Schuster",
    },
    {
        "id": "Fischer2005",
        "type": "article-journal",
        "title": "Bowling alone: What's the score?",
        "author": [{"family": "Fischer", "given": "Claude S."}],
        "issued": {"date-parts": [[2005]]},
        "container-title": "Social Networks",
        "volume": "27",
        "issue": "2",
        "page": "155-167",
    },
]


def test_structure_from_the_markup() -> None:
    doc = read(ESSAY, ConvertOptions(), source_name="essay.md")
    assert (doc.meta.title, doc.meta.author, doc.meta.course) == (
        "Bowling Alone, Twenty Years On",
        "Ana Rivera",
        "SOC 210",
    )
    assert [(r.line, r.text, r.rule) for r in doc.removed] == [(5, "theme: dark", "markdown.front-matter")]
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Heading", "Paragraph", "BlockQuote", "ListBlock", "Preformatted", "Preformatted"]
    head, para, quote, items, table, code = doc.blocks
    assert isinstance(head, Heading) and head.level == 1 and head.line == 8
    assert isinstance(para, Paragraph) and Emph((para.content[1].children[0],)) == para.content[1]
    assert any(isinstance(n, Strong) for n in para.content) and isinstance(para.content[-1], NoteRef)
    assert isinstance(quote, BlockQuote) and len(quote.paragraphs) == 1
    assert isinstance(items, ListBlock) and [i.marker for i in items.items] == ["•", "•"]
    assert (
        isinstance(items.items[1].content[-1], Link) and items.items[1].content[-1].url == "https://example.org/clubs"
    )
    assert isinstance(table, Preformatted) and table.text == "Year\tLeagues\n1980\t42"
    assert isinstance(code, Preformatted) and code.text == "code kept as written"
    [note] = doc.footnotes
    assert isinstance(note.content[1], Emph) and para.content[-1].note_id == note.id
    assert doc.references_heading == "References"
    assert [(r.id, r.number) for r in doc.references] == [("putnam2000", 1), ("paxton1999", 2)]
    # the entry is its text: emphasis is markup, not part of the reference
    assert doc.references[0].raw.startswith("1. Putnam, R. D. (2000). Bowling alone: The collapse")


def test_typed_and_pandoc_citations_are_read() -> None:
    doc = read(ESSAY, ConvertOptions(), source_name="essay.md")
    cites = [n for n in doc.blocks[1].content if isinstance(n, Cite)]
    assert [c.text for c in cites] == [
        "(Putnam, 2000, p. 19)",
        "[@paxton1999, p. 90; see @fischer2005]",
        "@putnam2000 [p. 27]",
    ]
    pandoc = cites[1]
    assert [(i.key, i.locator, i.label, i.prefix) for i in pandoc.items] == [
        ("paxton1999", "90", "page", ""),
        ("fischer2005", None, None, "see "),
    ]
    assert cites[2].mode == "narrative" and cites[2].items[0].locator == "27"


def _docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_pandoc_citations_render_from_the_bibliography_in_the_target_style(tmp_path: Path) -> None:
    bib = tmp_path / "refs.json"
    bib.write_text(json.dumps(ITEMS), encoding="utf-8")
    result = convert(ESSAY, ConvertOptions(to="docx", bibliography=str(bib)), source_name="essay.md")
    text = _docx_paragraphs(result.data)
    assert (
        "Putnam\u2019s Bowling Alone argued that civic life declined (Putnam, 2000, p. 19). Later work disagreed "
        "(see Fischer, 2005; Paxton, 1999, p. 90). As Putnam (2000, p. 27) put it, the trend is clear."
    ) in text
    assert [t for t in text if t.startswith(("Fischer", "Paxton", "Putnam, R"))] == [
        "Fischer, C. S. (2005). Bowling alone: What\u2019s the score? Social Networks, 27(2), 155\u2013167.",
        "Paxton, P. (1999). Is social capital declining in the United States? American Journal of Sociology, "
        "105(1), 88\u2013127.",
        "Putnam, R. D. (2000). Bowling alone: The collapse and revival of American community. Simon & Schuster.",
    ]
    assert not [d for d in result.diagnostics if d.code in ("unresolved-citation", "bibliography-unmatched")]


def test_a_key_no_item_has_is_named_and_the_citation_kept_as_typed() -> None:
    text = "# Title\n\nAs argued before [@nobody2001, p. 4].\n\n## Notes\n\nNone.\n"
    result = convert(text, ConvertOptions(to="json"), source_name="essay.md")
    warnings = [d.message for d in result.diagnostics if d.code == "unresolved-citation"]
    assert warnings == ["citation '[@nobody2001, p. 4]' matches no reference"]
    dump = json.loads(result.data)
    assert "[@nobody2001, p. 4]" in json.dumps(dump["blocks"])


def test_an_author_suppressed_pandoc_citation_stays_as_typed() -> None:
    doc = read("# T\n\nPutnam says so [-@putnam2000].\n", ConvertOptions(), source_name="e.md")
    assert not [n for n in doc.blocks[0].content if isinstance(n, Cite) and n.text.startswith("[-@")]


def test_italics_reach_the_docx_and_the_pdf() -> None:
    from pypdf import PdfReader

    data = convert(ESSAY, ConvertOptions(to="docx"), source_name="essay.md").data
    runs = [(r.text, r.italic) for p in docx.Document(io.BytesIO(data)).paragraphs for r in p.runs]
    assert ("Bowling Alone", True) in runs
    pdf = convert(ESSAY, ConvertOptions(to="pdf"), source_name="essay.md").data
    spans: list[tuple[str, str]] = []

    def visit(text: str, cm: list, tm: list, font: dict | None, size: float) -> None:
        if font is not None and text.strip():
            spans.append((text.strip(), str(font["/BaseFont"]).split("+")[-1]))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    assert any("Bowling Alone" in t and f.endswith("Italic") for t, f in spans), spans[:20]


@pytest.mark.parametrize(
    ("name", "text", "forced", "expected"),
    [
        ("essay.md", "Plain words.\n", None, "md"),
        ("essay.markdown", "Plain words.\n", None, "md"),
        ("essay.txt", "# One\n\ntext\n\n# Two\n", None, "text"),  # the extension decides
        ("essay.txt", "Plain words.\n", "md", "md"),  # --from decides over it
        ("<stdin>", "# One\n\ntext\n\n## Two\n", None, "md"),  # no extension: two "# " headings
        ("<stdin>", "---\ntitle: T\n---\n\ntext\n", None, "md"),  # a front matter
        ("<stdin>", "See [@doe99].\n", None, "md"),  # a pandoc citation
        ("<stdin>", "# A hashtag line\n\nAn essay.\n", None, "text"),
    ],
)
def test_the_input_format(name: str, text: str, forced: str | None, expected: str) -> None:
    assert input_format(text, forced, name) == expected


def test_cli_reads_markdown_by_extension_and_from_stdin_with_from(tmp_path: Path) -> None:
    src = tmp_path / "paper.md"
    src.write_text(ESSAY, encoding="utf-8")
    r = CliRunner().invoke(main, ["inspect", str(src), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["title"] == "Bowling Alone, Twenty Years On"
    r = CliRunner().invoke(main, ["inspect", "-", "--json", "--from", "md"], input="Plain *words*, one paragraph.\n")
    assert r.exit_code == 0 and json.loads(r.stdout)["paragraphs"] == 1
    r = CliRunner().invoke(main, ["inspect", str(src), "--from", "rtf"])
    assert r.exit_code == 2 and "'rtf' is not one of 'text', 'md'" in r.stderr


def test_an_html_comment_is_removed_with_its_reason_not_printed() -> None:
    doc = read("# T\n\n<!-- draft: cut this -->\n\nText.\n", ConvertOptions(), source_name="e.md")
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph"]
    assert [(r.line, r.text, r.reason) for r in doc.removed] == [(3, "<!-- draft: cut this -->", "HTML comment")]
