"""The plain-text reader: title blocks, boilerplate, headings, paragraphs, references, footnotes."""

from __future__ import annotations

from pathlib import Path

from essayconv.convert import read as convert_read
from essayconv.model import (
    Heading,
    ListBlock,
    NoteRef,
    Paragraph,
    all_cites,
    plain_text,
)
from essayconv.readers.plaintext import read

CASES = Path(__file__).resolve().parent / "cases"

SEED_ADS = [
    "Need a perfect paper? Place your first order",
    "Don't have time to write this essay",
    "Use our essay writing service",
    "Place an order",
    "Cite This Work",
    "To export a reference",
    "Copy to clipboard",
    "Need a plagiarism free essay",
    "Order it today",
    "Popular Essay Topics",
]


def _all_block_text(doc) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for b in doc.blocks:
        if isinstance(b, Heading | Paragraph):
            parts.append(plain_text(b.content))
        elif isinstance(b, ListBlock):
            parts.extend(plain_text(i.content) for i in b.items)
    return "\n".join(parts)


def test_seed_essay(seed_path: Path) -> None:
    doc = convert_read(seed_path.read_bytes())
    assert doc.meta.title == "Combating Sex Trafficking"
    body = _all_block_text(doc)
    removed = "\n".join(r.text for r in doc.removed)
    for ad in SEED_ADS:
        assert ad not in body
        assert ad in removed
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert len(paras) == 6 and all(p.role == "body" for p in paras)
    assert not any(isinstance(b, Heading) for b in doc.blocks)
    assert doc.references_heading is None
    assert [r.id for r in doc.references] == ["jeng2022", "kleygrewe2022", "price2023"]
    assert doc.references[0].raw.startswith("Jeng, C. C., Huang, E., Meo, S., & Shelley, L. (2022).")
    assert all(r.csl["id"] == r.id for r in doc.references)
    assert [c.text for c in all_cites(doc)] == [
        "(Jeng et al., 2022)",
        "(Kleygrewe et al.,2022)",
        "(Price & Bentele, 2023)",
    ]
    # Removed lines carry their source line numbers.
    first = doc.removed[0]
    assert (first.line, first.reason) == (1, "boilerplate")


def test_mla_heading_block_goes_to_meta() -> None:
    doc = read((CASES / "mla-essay.txt").read_text())
    m = doc.meta
    assert (m.author, m.instructor, m.course, m.date) == (
        "Jordan Alvarez",
        "Professor Miriam Castell",
        "ENGL 1010: Academic Writing",
        "3 March 2025",
    )
    assert m.title == "Why Community Gardens Outlast Their Founders"
    assert doc.references_heading == "Works Cited"
    assert [r.id for r in doc.references] == ["delacroix2019", "hartwell2016", "hartwell2021"]
    # One line per paragraph (a Word copy): four paragraphs, no headings.
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph"] * 4
    assert [c.text for c in all_cites(doc)] == ["(Hartwell 41)", "(Hartwell and Moss 112-14)", "(Delacroix et al. 9)"]


def test_numbered_headings_and_endnotes() -> None:
    doc = read((CASES / "chicago-notes.txt").read_text())
    heads = [(b.level, b.numbering, plain_text(b.content)) for b in doc.blocks if isinstance(b, Heading)]
    assert heads == [
        (1, "1.", "Introduction"),
        (1, "2.", "The Merchants"),
        (2, "2.1", "Ledgers and Prices"),
        (1, "3.", "Conclusion"),
    ]
    assert [(f.id, f.mark) for f in doc.footnotes] == [("fn1", "1"), ("fn2", "2")]
    assert plain_text(doc.footnotes[0].content).startswith("Most of the salt came")
    refs = [n for b in doc.blocks if isinstance(b, Paragraph) for n in b.content if isinstance(n, NoteRef)]
    assert refs == [NoteRef("fn1", "1"), NoteRef("fn2", "2")]
    assert doc.references_heading == "Bibliography"
    assert len(doc.references) == 2


def test_ieee_numbered_references_and_abstract() -> None:
    doc = read((CASES / "ieee-report.txt").read_text())
    assert [r.number for r in doc.references] == [1, 2, 3, 4, 5]
    assert doc.references[0].raw.startswith("[1] A. Meier")
    heads = [(b.level, b.numbering, plain_text(b.content)) for b in doc.blocks if isinstance(b, Heading)]
    assert heads[:4] == [
        (1, None, "Abstract"),
        (1, "I.", "INTRODUCTION"),
        (1, "II.", "MEASUREMENT"),
        (2, "A.", "Test Setup"),
    ]
    abstract = [b for b in doc.blocks if isinstance(b, Paragraph) and b.role == "abstract"]
    assert len(abstract) == 1 and plain_text(abstract[0].content).startswith("Devices that are switched off")
    assert [c.text for c in all_cites(doc)] == [
        "[1]",
        "[2], [3]",
        "[4, 5]",
        "[1, 3-5]",
    ]  # "[2], [3]": one citation of two works


def test_web_copy_boilerplate_scored_not_listed() -> None:
    doc = read((CASES / "web-copy.txt").read_text())
    assert doc.meta.title == "The Hidden Cost of Fast Fashion"
    reasons = {r.text: r.reason for r in doc.removed}
    for line in (
        "Disclaimer: This is an example of a student written essay.",
        "Paper Type: Free Essay | Subject: Environment",
        "Wordcount: 412 words",
        "Reference this",
        "Order now",
        "Related Services",
        "View all",
    ):
        assert reasons.get(line) == "boilerplate", line
    assert len(doc.references) == 3
    assert [c.mode for c in all_cites(doc)] == ["parenthetical", "parenthetical", "narrative"]


def test_pdf_copy_pages_hyphens_and_page_notes() -> None:
    doc = read((CASES / "pdf-copy.txt").read_text())
    assert doc.meta.title == "Tidal Energy and the Limits of Prediction"
    assert doc.meta.running_head == "TIDAL ENERGY"
    reasons = {(r.line, r.reason) for r in doc.removed}
    assert {(5, "running-head"), (19, "page-number"), (20, "running-head"), (30, "page-number")} <= reasons
    text = _all_block_text(doc)
    assert "grid operators" in text  # a word split at the line end is rejoined
    assert "Self-reported" in text  # a real compound keeps its hyphen
    assert "Tides" not in text
    assert [plain_text(b.content) for b in doc.blocks if isinstance(b, Heading)] == ["Introduction", "Early Projects"]
    assert len(doc.footnotes) == 1 and doc.footnotes[0].mark == "1"
    assert plain_text(doc.footnotes[0].content) == "Delivered energy is reported by operators and rarely audited."
    assert "Delivered energy" not in text
    # The URL broken over two lines is rejoined without a space.
    assert doc.references[0].raw.endswith("https://doi.org/10.5555/rsr.2019.0702")


def test_blank_separated_and_one_line_paragraphs_agree() -> None:
    para = [
        "First paragraph says one thing about rivers and the towns along them.",
        "Second paragraph adds another point about bridges across the rivers.",
        "Third paragraph concludes the short essay about rivers and bridges.",
    ]
    a = read("A Short Title\n\n" + "\n\n".join(para) + "\n")
    b = read("A Short Title\n" + "\n".join(para) + "\n")
    for doc in (a, b):
        assert doc.meta.title == "A Short Title"
        assert [plain_text(x.content) for x in doc.blocks if isinstance(x, Paragraph)] == para


def test_no_title_when_essay_starts_with_prose() -> None:
    doc = read(
        "This essay has no title line at all and starts straight away with its argument.\n\n"
        "A second paragraph follows with more argument about the same thing.\n"
    )
    assert doc.meta.title is None
    assert len([b for b in doc.blocks if isinstance(b, Paragraph)]) == 2


def test_bulleted_list_and_short_sentences_are_not_headings() -> None:
    doc = read(
        "Planning a Garden\n\nThree things matter:\n\n- light\n- water\n- soil\n\nIt worked.\n\nThe end of the essay is here.\n"
    )
    lists = [b for b in doc.blocks if isinstance(b, ListBlock)]
    assert len(lists) == 1 and [i.marker for i in lists[0].items] == ["-", "-", "-"]
    assert [plain_text(i.content) for i in lists[0].items] == ["light", "water", "soil"]
    assert not any(isinstance(b, Heading) and plain_text(b.content) == "It worked." for b in doc.blocks)


def test_reference_ids_disambiguate_and_fold() -> None:
    text = (
        "Title Here\n\nBody text (Müller, 2020a; Müller, 2020b).\n\nReferences\n\n"
        "Müller, K. (2020a). First study of things. Journal of Things, 1, 1-2.\n\n"
        "Müller, K. (2020b). Second study of things. Journal of Things, 2, 3-4.\n\n"
        "The anonymous pamphlet without author or date.\n"
    )
    doc = read(text)
    ids = [r.id for r in doc.references]
    assert ids == ["muller2020a", "muller2020b", "ref3"]
    assert len(set(ids)) == len(ids)
    assert all(i == i.lower() for i in ids)
