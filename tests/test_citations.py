"""The citation pass on the seed essay's references: APA, MLA, IEEE, notes, narrative cites."""

from __future__ import annotations

import pytest

from essayconv.citations import csl, resolve
from essayconv.model import (
    Cite,
    CiteItem,
    Document,
    Emph,
    NoteRef,
    Paragraph,
    Reference,
    Text,
    plain_text,
)

JENG = {
    "id": "jeng2022",
    "type": "article-journal",
    "author": [
        {"family": "Jeng", "given": "C. C."},
        {"family": "Huang", "given": "E."},
        {"family": "Meo", "given": "S."},
        {"family": "Shelley", "given": "L."},
    ],
    "issued": {"date-parts": [[2022]]},
    "title": "Combating sex trafficking: The role of the hotel—moral and Ethical Questions",
    "container-title": "Religions",
    "volume": "13",
    "issue": "2",
    "page": "138",
}
KLEY = {
    "id": "kleygrewe2022",
    "type": "article-journal",
    "author": [
        {"family": "Kleygrewe", "given": "L."},
        {"family": "Oudejans", "given": "R. R."},
        {"family": "Koedijk", "given": "M."},
        {"family": "Hutter", "given": "R. I."},
    ],
    "issued": {"date-parts": [[2022]]},
    "title": "Police training in practice: Organization and delivery according to European law enforcement agencies",
    "container-title": "Frontiers in Psychology",
    "volume": "12",
    "page": "798067",
}
PRICE = {
    "id": "price2023",
    "type": "article-journal",
    "author": [{"family": "Price", "given": "K."}, {"family": "Bentele", "given": "K. G."}],
    "issued": {"date-parts": [[2023]]},
    "title": "Defining worthy victims: socioeconomic factors associated with state-level legislative decisions",
    "container-title": "Victims & Offenders",
    "volume": "18",
    "issue": "3",
    "page": "512-542",
}


def refs() -> tuple[Reference, ...]:
    return tuple(Reference(c["id"], f"raw {c['id']}", c, line=20 + i) for i, c in enumerate((JENG, KLEY, PRICE)))


def cite(author: str, year: str | None, text: str, mode: str = "parenthetical", **kw: object) -> Cite:
    return Cite((CiteItem(author, year, **kw),), text, mode=mode, line=3)  # type: ignore[arg-type]


def seed_doc(*cites: Cite) -> Document:
    content: list = []
    for c in cites:
        content += [Text("Some words "), c, Text(".")]
    return Document(blocks=(Paragraph(tuple(content), line=3),), references=refs())


def run(style: str, *cites: Cite) -> Document:
    return csl.render(resolve.resolve(seed_doc(*cites)), style)


def rendered(doc: Document) -> list[str]:
    return [plain_text(c.rendered) for c in doc.blocks[0].content if isinstance(c, Cite) and c.rendered]


def entry(doc: Document, ref_id: str):
    assert doc.bibliography is not None
    return next(e for e in doc.bibliography.entries if e.ref_id == ref_id)


def find_emph(inlines) -> list[str]:
    out = []
    for n in inlines:
        if isinstance(n, Emph):
            out.append(plain_text(n.children))
    return out


SEED_CITES = (
    cite("Jeng et al.", "2022", "(Jeng et al., 2022)"),
    cite("Kleygrewe et al.", "2022", "(Kleygrewe et al.,2022)"),
    cite("Price & Bentele", "2023", "(Price & Bentele, 2023)"),
)


def test_apa_citations_and_entries() -> None:
    doc = run("apa", *SEED_CITES)
    assert rendered(doc) == ["(Jeng et al., 2022)", "(Kleygrewe et al., 2022)", "(Price & Bentele, 2023)"]
    bib = doc.bibliography
    assert bib is not None and bib.heading == "References" and bib.family == "apa" and bib.hanging_indent
    jeng = entry(doc, "jeng2022")
    assert plain_text(jeng.content) == (
        "Jeng, C. C., Huang, E., Meo, S., & Shelley, L. (2022). Combating sex trafficking: The role of the "
        "hotel—moral and Ethical Questions. Religions, 13(2), 138."
    )
    assert find_emph(jeng.content) == ["Religions", "13"]
    assert jeng.label is None
    assert plain_text(entry(doc, "price2023").content).endswith("Victims & Offenders, 18(3), 512–542.")
    assert [e.ref_id for e in bib.entries] == ["jeng2022", "kleygrewe2022", "price2023"]


def test_mla_works_cited_and_author_only_cites() -> None:
    doc = run("mla", *SEED_CITES)
    assert rendered(doc) == ["(Jeng et al.)", "(Kleygrewe et al.)", "(Price and Bentele)"]
    assert doc.bibliography is not None and doc.bibliography.heading == "Works Cited"
    jeng = entry(doc, "jeng2022")
    assert plain_text(jeng.content) == (
        "Jeng, C. C., et al. “Combating Sex Trafficking: The Role of the Hotel—Moral and Ethical Questions.” "
        "Religions, vol. 13, no. 2, 2022, p. 138."
    )
    assert find_emph(jeng.content) == ["Religions"]


def test_mla_keeps_locator() -> None:
    doc = run("mla", cite("Jeng et al.", "2022", "(Jeng et al., 2022, p. 5)", locator="5", label="page"))
    assert rendered(doc) == ["(Jeng et al. 5)"]


def test_ieee_numbers_in_order_of_first_citation_with_label_column() -> None:
    doc = run("ieee", SEED_CITES[2], SEED_CITES[0], SEED_CITES[1], SEED_CITES[2])
    assert rendered(doc) == ["[1]", "[2]", "[3]", "[1]"]
    bib = doc.bibliography
    assert bib is not None and bib.second_field_align == "flush" and bib.family == "numeric"
    assert [(e.ref_id, e.label) for e in bib.entries] == [
        ("price2023", "[1]"),
        ("jeng2022", "[2]"),
        ("kleygrewe2022", "[3]"),
    ]
    jeng = entry(doc, "jeng2022")
    assert plain_text(jeng.content) == (
        "C. C. Jeng, E. Huang, S. Meo, and L. Shelley, “Combating sex trafficking: The role of the "
        "hotel—moral and Ethical Questions,” Religions, vol. 13, no. 2, p. 138, 2022."
    )
    assert find_emph(jeng.content) == ["Religions"]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("apa", "Price and Bentele (2023)"),
        ("mla", "Price and Bentele"),
        ("ieee", "Price and Bentele [1]"),
        ("chicago", "Price and Bentele (2023)"),
    ],
)
def test_narrative_cites_stay_narrative(style: str, expected: str) -> None:
    doc = run(style, cite("Price and Bentele", "2023", "Price and Bentele (2023)", mode="narrative"))
    assert rendered(doc) == [expected]


def test_narrative_with_locator() -> None:
    doc = run(
        "apa", cite("Jeng et al.", "2022", "Jeng et al. (2022, p. 5)", mode="narrative", locator="5", label="page")
    )
    assert rendered(doc) == ["Jeng et al. (2022, p. 5)"]


def test_unresolved_cite_keeps_source_text() -> None:
    doc = run("apa", cite("Nobody", "2020", "(Nobody, 2020)"), SEED_CITES[0])
    cites = [c for c in doc.blocks[0].content if isinstance(c, Cite)]
    assert cites[0].rendered is None and plain_text(doc.blocks[0].content).count("(Nobody, 2020)") == 1
    codes = [(d.code, d.severity, d.line) for d in doc.diagnostics]
    assert ("unresolved-citation", "warning", 3) in codes


def test_note_style_makes_footnotes_with_subsequent_forms() -> None:
    doc = run("chicago-notes-bibliography", SEED_CITES[0], SEED_CITES[0])
    cites = [c for c in doc.blocks[0].content if isinstance(c, Cite)]
    assert all(isinstance(c.rendered[0], NoteRef) for c in cites)  # type: ignore[index]
    notes = {f.id: plain_text(f.content) for f in doc.footnotes}
    first, second = (notes[c.rendered[0].note_id] for c in cites)  # type: ignore[index, union-attr]
    assert first.startswith("C. C. Jeng et al., “Combating Sex Trafficking")
    assert first.endswith("Religions 13, no. 2 (2022): 138.")
    assert second.startswith("Jeng et al., “Combating Sex Trafficking") and len(second) < len(first)
    assert doc.bibliography is not None and doc.bibliography.heading == "Bibliography"
    assert doc.bibliography.style_class == "note"


def test_uncited_references_are_still_listed() -> None:
    doc = run("apa", SEED_CITES[0])
    assert doc.bibliography is not None and len(doc.bibliography.entries) == 3
    assert sum(d.code == "uncited-reference" for d in doc.diagnostics) == 2


def test_markup_in_data_is_escaped_except_csl_rich_text_tags() -> None:
    item = dict(PRICE, id="x1", title="A study of <things> & <i>stuff</i> <script>x</script>")
    out = csl.format_bibliography([item], "apa", html=True)
    # CSL-JSON's rich-text tags become formatting (as in citeproc-js); anything else is text
    assert "A study of &lt;things&gt; &#38; <i>stuff</i> &lt;script&gt;x&lt;/script&gt;." in out
    assert "<i>Victims &#38; Offenders</i>" in out
    plain = csl.format_bibliography([item], "apa")
    assert "A study of <things> & stuff <script>x</script>." in plain


def test_format_bibliography_numeric_label() -> None:
    out = csl.format_bibliography([JENG, PRICE], "ieee")
    assert out.splitlines()[0].startswith("[1] C. C. Jeng, E. Huang")
    html = csl.format_bibliography([JENG, PRICE], "ieee", html=True)
    assert '<div class="csl-left-margin">[2]</div><div class="csl-right-inline">K. Price and K. G. Bentele' in html


def test_crashing_item_falls_back_to_raw() -> None:
    bad = Reference(
        "bad", "Bad entry, 2020.", {"id": "bad", "type": "book", "title": "T", "issued": {"date-parts": [["x"]]}}
    )
    doc = Document(references=(bad,) + refs())
    out = csl.render(resolve.resolve(doc), "apa")
    assert out.bibliography is not None and len(out.bibliography.entries) == 4


def test_citation_rendering_empty_keeps_source_text() -> None:
    blank = Reference(
        "blank", "Anon. (2001).", {"id": "blank", "type": "article-journal", "issued": {"date-parts": [[2001]]}}
    )
    c = Cite((CiteItem("Anon", "2001", key="blank"),), "(Anon, 2001)", line=4)
    doc = csl.render(Document(blocks=(Paragraph((c,)),), references=(blank,)), "mla")
    assert doc.blocks[0].content[0].rendered is None  # type: ignore[union-attr]
    assert any(d.code == "citation-render-empty" and d.line == 4 for d in doc.diagnostics)


def test_narrative_cite_of_a_work_without_author_uses_its_title() -> None:
    web = Reference(
        "w", "raw", {"id": "w", "type": "webpage", "title": "Harbour statistics", "issued": {"date-parts": [[2021]]}}
    )
    c = Cite((CiteItem("", None, key="w", locator="4", label="page"),), "Harbour statistics (2021)", mode="narrative")
    doc = csl.render(Document(blocks=(Paragraph((c,)),), references=(web,)), "apa")
    assert plain_text(doc.blocks[0].content) == "Harbour statistics (2021, p. 4)"
