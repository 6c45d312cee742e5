"""Reader structure rules on small made-up inputs: headings, tables, quotes, notes, reference lists."""

from __future__ import annotations

from essayconv.model import BlockQuote, Heading, ListBlock, Paragraph, Preformatted, plain_text
from essayconv.readers.plaintext import read

WRAPPED = (
    "Tidal mills were common on the coasts of Europe during the middle ages and they were\n"
    "used to grind grain for the villages that lay along the estuaries of the larger rivers.\n"
)


def _headings(doc):  # type: ignore[no-untyped-def]
    return [(b.level, b.numbering, plain_text(b.content)) for b in doc.blocks if isinstance(b, Heading)]


def test_markdown_allcaps_colon_and_prefixed_headings() -> None:
    doc = read(
        "# Mills and Tides\n\nSome prose that opens the essay and says what it is about.\n\n"
        "## Early Mills\n\nMore prose about early mills and their owners in the towns.\n\n"
        "METHODS\n\nWe read the records of twelve mills in three different countries.\n\n"
        "Results:\nThe mills ran for about ten hours on each tide in the summer months.\n\n"
        "Heading: Closing Thoughts\n\nThe last paragraph ends the essay with a short summary.\n"
    )
    assert doc.meta.title == "Mills and Tides"  # a lone "# " line on top is the title
    assert _headings(doc) == [
        (2, None, "Early Mills"),
        (1, None, "METHODS"),
        (2, None, "Results:"),
        (2, None, "Closing Thoughts"),
    ]


def test_title_prefix_and_apa_running_head() -> None:
    doc = read("Title: Mills by the Sea\n\nThe essay begins here with a sentence of ordinary prose text.\n")
    assert doc.meta.title == "Mills by the Sea"
    doc = read(
        "Running head: MILLS\n\nMills by the Sea\n\nAda Byron\nNorth College\n\n"
        "The essay begins here with a sentence of ordinary prose text, long enough to be prose.\n"
    )
    assert (doc.meta.running_head, doc.meta.title, doc.meta.author) == ("MILLS", "Mills by the Sea", "Ada Byron")


def test_table_cells_become_preformatted_not_headings() -> None:
    doc = read(
        "Counts of Mills\n\n"
        + WRAPPED * 4
        + "\nTable 1. Mills per region\n\nRegion\nMills\nNorth\n12\nSouth\n7\n\n"
        + WRAPPED * 3
    )
    pre = [b for b in doc.blocks if isinstance(b, Preformatted)]
    assert len(pre) == 1 and pre[0].text.split("\n") == ["Region", "Mills", "North", "12", "South", "7"]
    assert _headings(doc) == []
    caps = [b for b in doc.blocks if isinstance(b, Paragraph) and b.role == "caption"]
    assert [plain_text(c.content) for c in caps] == ["Table 1. Mills per region"]


def test_table_of_contents_is_removed() -> None:
    toc = "TABLE OF CONTENTS\n1.0 INTRODUCTION .................... 1\n2.0 HISTORY ......................... 2\n3.0 SUMMARY ......................... 4\n\n"
    doc = read("Mill Report\n\n" + toc + "1.0 INTRODUCTION\n\n" + WRAPPED)
    assert [r.reason for r in doc.removed].count("table-of-contents") == 4
    assert _headings(doc) == [(1, "1.0", "INTRODUCTION")]


def test_block_quote_after_colon_and_epigraph() -> None:
    quote = (
        "“The mill is a machine for turning the patience of the sea into bread, and every miller knows that "
        "the tide keeps its own hours whatever the market may want” (Hale, 1921, p. 4)."
    )
    doc = read(
        "Mills\n\n“Time and tide wait for no man.”\n— Geoffrey Chaucer\n\n"
        "Hale put the matter plainly in his memoir of the trade:\n\n" + quote + "\n\n"
        "That view was common among the millers of the period and shaped their habits.\n"
    )
    # the epigraph is a quotation set apart: a block quote of two epigraph paragraphs, quotation and source
    epigraph, *quotes = [b for b in doc.blocks if isinstance(b, BlockQuote)]
    assert [(p.role, plain_text(p.content)) for p in epigraph.paragraphs] == [
        ("epigraph", "“Time and tide wait for no man.”"),
        ("epigraph", "— Geoffrey Chaucer"),
    ]
    assert len(quotes) == 1 and plain_text(quotes[0].paragraphs[0].content) == quote


def test_numbered_wrapped_references_and_back_matter() -> None:
    doc = read(
        "Leaf Colour\n\nBody text cites two works (1) and (2) in the usual way for a lab report.\n\n"
        "References\n1. Park, J. (2001) Leaf colour and light. Plant Journal\n12: 33-41.\n"
        "2. Osei, K. (1999) Shade plants. Botany Today 4: 1-9.\n\nAppendix A\nRaw data tables are kept by the lab.\n"
    )
    assert [r.raw for r in doc.references] == [
        "1. Park, J. (2001) Leaf colour and light. Plant Journal 12: 33-41.",
        "2. Osei, K. (1999) Shade plants. Botany Today 4: 1-9.",
    ]
    assert [r.number for r in doc.references] == [1, 2]
    # "(1)" counts as a citation because the list is numbered and no [n] citations occur.
    cites = [n for b in doc.blocks if isinstance(b, Paragraph) for n in b.content if hasattr(n, "items")]
    assert [c.text for c in cites] == ["(1)", "(2)"]
    tail = [plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph) and b.role == "caption"]
    assert tail == ["Raw data tables are kept by the lab."]
    # (rule appendix-heading: the appendix's name heads the back matter)
    assert [plain_text(b.content) for b in doc.blocks if isinstance(b, Heading)][-1:] == ["Appendix A"]


def test_same_author_dash_and_spaced_small_caps_heading() -> None:
    doc = read(
        "Work and Power\n\n" + WRAPPED + "\nR EFERENCES\n"
        "Foucault, Michel. 1979. Discipline and Punish. New York: Vintage.\n"
        "———. 1980. The History of Sexuality. New York: Vintage.\n"
    )
    assert doc.references_heading == "REFERENCES"
    assert [r.id for r in doc.references] == ["foucault1979", "foucault1980"]


def test_bullets_on_their_own_lines_join_their_text() -> None:
    doc = read(
        "Lists\n\n"
        + WRAPPED
        + "\n•\n\nFirst question about the mills?\n\n•\n\nSecond question about them?\n\n"
        + WRAPPED
    )
    lists = [b for b in doc.blocks if isinstance(b, ListBlock)]
    assert len(lists) == 1
    assert [(i.marker, plain_text(i.content)) for i in lists[0].items] == [
        ("•", "First question about the mills?"),
        ("•", "Second question about them?"),
    ]


def test_apa_title_page_in_a_word_copy() -> None:
    doc = read(
        "Running head: SLEEP AND MEMORY\n\nSleep and Memory in Students\n\nAda Lovelace\nNorthfield University\n"
        "PSY 101: Introduction to Psychology\nDr. Alan Turing\nMarch 3, 2024\n\nAbstract\n\n"
        "This paper reviews what is known about sleep and memory in students and argues for later classes.\n\n"
        "Introduction\n\nStudents sleep too little and pay for it in memory, mood and marks, as studies show.\n"
    )
    m = doc.meta
    assert (m.title, m.author, m.affiliation, m.course, m.instructor, m.date, m.running_head) == (
        "Sleep and Memory in Students",
        "Ada Lovelace",
        "Northfield University",
        "PSY 101: Introduction to Psychology",
        "Dr. Alan Turing",
        "March 3, 2024",
        "SLEEP AND MEMORY",
    )
    assert [b.role for b in doc.blocks if isinstance(b, Paragraph)] == ["abstract", "body"]
    assert _headings(doc) == [(1, None, "Abstract"), (1, None, "Introduction")]


def test_essay_site_copy_keeps_only_the_essay() -> None:
    from pathlib import Path

    doc = read((Path(__file__).parent / "cases" / "web-essay-site.txt").read_text())
    assert doc.meta.title == "The Role of Night Markets in Urban Life"
    assert _headings(doc) == [
        (1, None, "Introduction"),
        (1, None, "Economic Functions"),
        (1, None, "Social Functions"),
        (1, None, "Conclusion"),
    ]
    assert [r.id for r in doc.references] == ["chen2018", "lin2015", "mendoza2019"]
    body = "\n".join(plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph | Heading))
    for junk in ("Twitter", "Essay Writing Service", "Clipboard", "DMCA", "Harvard", "Published:"):
        assert junk not in body
    assert len([b for b in doc.blocks if isinstance(b, Paragraph)]) == 4


def test_etext_chapters_and_bracketed_footnotes() -> None:
    from pathlib import Path

    from essayconv.readers.decode import decode

    text, _ = decode((Path(__file__).parent / "cases" / "etext-chapters.txt").read_bytes())
    doc = read(text)
    assert (doc.meta.title, doc.meta.author, doc.meta.date) == ("AN ESSAY ON WALKING", "A. Writer", "1911")
    # The number keeps its full stop as written: the heading reads "CHAPTER I. THE ROAD".
    assert _headings(doc) == [(1, "CHAPTER I.", "THE ROAD"), (1, "CHAPTER II.", "THE EVENING")]
    assert [(f.id, f.mark) for f in doc.footnotes] == [("fn1", "[1]")]
    assert plain_text(doc.footnotes[0].content) == "The oldest known paths in Britain are some six thousand years old."
    first = next(b for b in doc.blocks if isinstance(b, Paragraph))
    assert [type(n).__name__ for n in first.content] == [
        "Text",
        "NoteRef",
        "Text",
    ]  # "[1]" is a note mark, not a citation
    assert len([b for b in doc.blocks if isinstance(b, Paragraph)]) == 2


def test_word_copy_with_headings_list_and_tab_table() -> None:
    from pathlib import Path

    doc = read((Path(__file__).parent / "cases" / "word-copy-headings.txt").read_text())
    assert doc.meta.title == "Remote Work and Team Trust"
    assert [h[2] for h in _headings(doc)] == ["Introduction", "Literature Review", "Discussion and Conclusion"]
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == [
        "Heading",
        "Paragraph",
        "Heading",
        "Paragraph",
        "Paragraph",
        "ListBlock",
        "Paragraph",
        "Preformatted",
        "Heading",
        "Paragraph",
    ]
    table = next(b for b in doc.blocks if isinstance(b, Preformatted))
    assert table.text == "Group\tTrust score\tN\nRemote\t3.9\t120\nOffice\t4.1\t98"
    lst = next(b for b in doc.blocks if isinstance(b, ListBlock))
    assert lst.ordered and [i.marker for i in lst.items] == ["1)", "2)", "3)"]
    assert [r.id for r in doc.references] == ["barnes2019", "okafor2021", "sato2022"]


def test_author_bio_after_references_is_not_an_entry() -> None:
    doc = read(
        "A Title Here\n\nBody text of the essay with a citation (Lee, 2001) in it.\n\nReferences\n\n"
        "Lee, K. (2001). A study. Journal, 1, 2-3.\n\nMoss, P. (1999). Another study. Press.\n\n"
        "Jane Doe is a senior at State University who studies marine biology and writes poems.\n"
    )
    assert [r.id for r in doc.references] == ["lee2001", "moss1999"]
    assert [(type(b).__name__, b.role) for b in doc.blocks if isinstance(b, Paragraph)][-1] == ("Paragraph", "caption")


def test_mla_heading_lines_in_any_order() -> None:
    doc = read(
        "Maya Rivera\nENGL 1102\nDr. Okafor\nFall 2024\nThe Quiet Work of Public Libraries\n"
        "When people describe what a public library does, they usually mention books and little else at all.\n"
    )
    m = doc.meta
    assert (m.author, m.course, m.instructor, m.date, m.title) == (
        "Maya Rivera",
        "ENGL 1102",
        "Dr. Okafor",
        "Fall 2024",
        "The Quiet Work of Public Libraries",
    )


def test_page_furniture_without_form_feeds() -> None:
    para = (
        "The harbour was dredged twice in the nineteenth century, and each time the sand came back within\n"
        "a decade, carried by the same longshore current that had built the spit in the first place and\n"
    )
    pages = []
    for n in (1, 2, 3):
        pages.append(f"Harbours {n}\n" + para * 3 + f"\n{n}\n\n")
    doc = read("Sand and Harbours\n\n" + "".join(pages) + "still keeps it.\n")
    reasons = {(r.text, r.reason) for r in doc.removed}
    assert {("Harbours 1", "running-head"), ("Harbours 3", "running-head"), ("2", "page-number")} <= reasons
    text = " ".join(plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph))
    assert "Harbours" not in text and " 2 " not in text


def test_essay_page_with_contents_list_and_self_citation() -> None:
    from pathlib import Path

    doc = read((Path(__file__).parent / "cases" / "web-essay-toc.txt").read_text())
    assert doc.meta.title == "Remote Work and Team Trust Essay"
    assert [h[2] for h in _headings(doc)] == ["Introduction", "Trust at a Distance", "Conclusion"]
    assert [r.id for r in doc.references] == ["okafor2021", "sato2022"]
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons["Table of Contents"] == "table-of-contents" and reasons["Trust at a Distance"] == "table-of-contents"
    assert reasons["Words: 612"] == "boilerplate"
    assert all(reasons.get(t) == "boilerplate" for t in ("Cite This paper", "Select style"))
    assert len([b for b in doc.blocks if isinstance(b, Paragraph) and b.role == "body"]) == 3


def test_line_joins_soft_hyphen_and_real_compounds() -> None:
    from essayconv.readers.layout import join_lines

    assert join_lines(["the infor\u00ad", "mation age"]) == "the information age"
    assert join_lines(["a well-", "known result"]) == "a well-known result"
    assert join_lines(["ground-", "water flows"], known_words={"groundwater"}) == "groundwater flows"
    assert join_lines(["see https://example.org/a/", "b/c.pdf now"]) == "see https://example.org/a/b/c.pdf now"
    assert join_lines(["at https://example.org", "and more"]) == "at https://example.org and more"
    assert join_lines(["https://doi.org/10.5555/rsr.2019.", "0702"]) == "https://doi.org/10.5555/rsr.2019.0702"
    assert join_lines(["from http://census.gov/", "United States"]) == "from http://census.gov/ United States"
