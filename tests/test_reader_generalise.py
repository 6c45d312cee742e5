"""Reader rules that must hold beyond the sample corpus: each test is one kind of mess, in our own words."""

from __future__ import annotations

from pathlib import Path

from essayconv.model import BlockQuote, Heading, Paragraph, Preformatted, plain_text
from essayconv.readers.plaintext import read
from essayconv.readers.refsection import RawEntry, build_references

CASES = Path(__file__).resolve().parent / "cases"


def _doc(name: str):  # type: ignore[no-untyped-def]
    return read((CASES / name).read_text(encoding="utf-8"), source_name=name)


def _headings(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f"{b.numbering} {plain_text(b.content)}" if b.numbering else plain_text(b.content)
        for b in doc.blocks
        if isinstance(b, Heading)
    ]


def _paras(doc, role: str = "body") -> list[str]:  # type: ignore[no-untyped-def]
    return [plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph) and b.role == role]


def test_single_cited_entry_without_heading_is_a_reference() -> None:
    doc = read(
        "On Rivers\n\nRivers shape towns (Ortiz, 2019).\n\n"
        "Ortiz, L. (2019). Towns and rivers. Journal of Water History, 4(2), 10-20.\n"
    )
    assert [r.raw for r in doc.references] == [
        "Ortiz, L. (2019). Towns and rivers. Journal of Water History, 4(2), 10-20."
    ]
    assert doc.references[0].id == "ortiz2019"
    assert _paras(doc) == ["Rivers shape towns (Ortiz, 2019)."]


def test_uncited_entry_shaped_last_line_stays_prose() -> None:
    # Without a citation of that author and year the last line is just the last paragraph.
    doc = read(
        "On Rivers\n\nRivers shape towns, as every map shows.\n\n"
        "Ortiz, L. (2019). Towns and rivers. Journal of Water History, 4(2), 10-20.\n"
    )
    assert doc.references == ()


def test_corporate_author_ids_come_from_first_words() -> None:
    raws = [
        "C.S. Mott Children’s Hospital. (2007). National poll on children's health. Ann Arbor, MI.",
        "U.S. Department of Energy. (2009). Wind power today. Washington, DC.",
        "World Health Organization. (2010). Global report on diabetes. Geneva: WHO.",
        "The Royal Society. (2011). Knowledge, networks and nations. London.",
        "Smith, J. (2001). A book. Press.",
        "John A. Smith (2002). Another book. Press.",
    ]
    ids = [r.id for r in build_references([RawEntry(t, n, None) for n, t in enumerate(raws, 1)])]
    assert ids == ["csmott2007", "usdepartment2009", "world2010", "royal2011", "smith2001", "smith2002"]


def test_two_column_equations_axis_labels_and_detached_caption() -> None:
    doc = _doc("ieee-two-column.txt")
    assert _headings(doc) == ["Abstract", "I. INTRODUCTION", "II. METHODS", "III. RESULTS"]
    captions = _paras(doc, "caption")
    assert captions == [
        "Fig. 2. Daily heat content of the north pond",
        "Fig. 3. Night cooling of the surface and the bottom layers of the pond",
    ]
    # (the text after the equation goes on with the paragraph the equation interrupted)
    assert [p[:24] for p in _paras(doc, "continuation")] == ["where ρ is the density o"]
    body = _paras(doc) + _paras(doc, "continuation")
    # The sentence cut by the figure is whole again, in one paragraph.
    assert any("For the range of depths found in the survey, the pond never mixed" in p for p in body)
    assert any(
        p.endswith("while the bottom layer changed little, since it was shielded by the water above it.") for p in body
    )
    assert not any(p.startswith(("of depths", "0.", "H =", "(1)")) for p in body)
    pre = [b.text for b in doc.blocks if isinstance(b, Preformatted)]
    assert "H =\nρ cp T dz" in pre and "(1)" in pre
    assert any("Depth (m)" in t for t in pre) and any("Time (h)" in t for t in pre)
    assert [r.number for r in doc.references] == [1, 2, 3]


def test_unindented_block_quotes_and_notes_across_pages() -> None:
    doc = _doc("pdf-quotes-notes.txt")
    quotes = [plain_text(b.paragraphs[0].content) for b in doc.blocks if isinstance(b, BlockQuote)]
    assert [q[:20] for q in quotes] == ["“The lamp must be tr", "“We were not lonely,"]
    notes = {f.mark: plain_text(f.content) for f in doc.footnotes}
    assert notes["1"].endswith("letters sent by the inspectors and the replies of the keepers.")
    # pdftotext lost the number 3: its text was read as the second line of note 2.
    assert notes["2"] == "Inspectors visited twice a year at most."
    assert notes["3"] == "Their reports went to a board of three members."
    assert notes["4"] == "She wrote her memoir in 1952."
    assert not any("replies of the keepers" in p for p in _paras(doc))


def test_garbled_pdf_lines_make_no_headings() -> None:
    doc = _doc("pdf-garbled-lines.txt")
    assert _headings(doc) == [
        "1.Introduction",
        "2.1 Why a list of known names is not enough for the oldest harbour records",
        "R1: Spelling Variants of Harbour Names in the Earliest Ledgers (A-B)",
    ]
    body = _paras(doc)
    assert (
        "The most common approach is still to compare each spelling with a list of known names and to accept the closest match."
        in body
    )
    assert not any(p.startswith(("Kd01", "Name")) for p in body)
    # The bullets printed apart count the entries; the wrapped one stays whole.
    assert [r.raw for r in doc.references] == [
        "Harbour Survey Office (2016) Coastal Gazetteer of Place Names, Harbour Press",
        "Lindgren, Maja (2011) Clerks and Their Spellings, Northfield University Press, Northfield and London",
        "Digital edition notes, Ledger Project, March 2019",
    ]
    assert doc.references[0].id == "harbour2016"


def test_gutenberg_header_and_licence_are_not_the_essay() -> None:
    doc = _doc("gutenberg-frame.txt")
    assert (doc.meta.title, doc.meta.subtitle, doc.meta.author, doc.meta.date) == (
        "ON LANTERNS",
        "AN ESSAY",
        "Edith Marlowe",
        "1871",
    )
    assert _headings(doc) == ["CHAPTER I. THE LAMP IN THE WINDOW", "CHAPTER II. THE LAMPLIGHTER"]
    body = " ".join(_paras(doc))
    assert "Project Gutenberg" not in body and "renamed" not in body
    assert [f.mark for f in doc.footnotes] == ["[1]"]
    assert sum(isinstance(b, BlockQuote) for b in doc.blocks) == 1


def test_stacked_note_numbers_share_out_the_note_texts() -> None:
    notes = {f.mark: plain_text(f.content) for f in _doc("pdf-quotes-notes.txt").footnotes}
    assert notes["5"] == "Sales of the cottages were recorded by the county in 1964."
    assert notes["6"] == "Two of the museums are open only in the summer months."


def test_title_repeated_over_the_text_is_not_a_heading() -> None:
    doc = read(
        "Running head: LAMPS\n\nLamps at Sea\nJo Reyes\nHarbour College\n\n"
        "Lamps at Sea\nShips carried oil lamps until the end of the century, and the lamps set many fires.\n\n"
        "Later Lamps\nElectric light came to ships slowly because the dynamos were heavy and costly.\n"
    )
    assert doc.meta.title == "Lamps at Sea"
    assert _headings(doc) == ["Later Lamps"]
    assert any(r.reason == "title-repeat" for r in doc.removed)


def test_essay_site_breadcrumbs_related_links_and_reference_list() -> None:
    doc = _doc("web-essay-breadcrumbs.txt")
    assert doc.meta.title == "Community Gardens in Dense Cities"
    assert _headings(doc) == ["Benefits for Residents", "Problems of Land", "Conclusion"]
    assert [r.id for r in doc.references] == ["alvarez2018", "chen2020"]
    body = "\n".join(_paras(doc))
    for line in (
        "Home » Essay Samples",
        "Did you like this example?",
        "Urban Heat Islands and Trees",
        "Copy to clipboard",
        "Remember! This is just a sample.",
        "Show More",
        "5 Pages",
    ):
        assert line not in body
    assert "Urban Heat Islands and Trees" in {r.text for r in doc.removed}


def test_word_copy_rule_line_notes_and_mla_block_quote() -> None:
    doc = _doc("word-copy-notes.txt")
    assert [(f.mark, plain_text(f.content)) for f in doc.footnotes] == [
        ("1", "The oldest bell is dated 1688."),
        ("2", "Parish accounts list the wages of six ringers."),
    ]
    quotes = [plain_text(b.paragraphs[0].content) for b in doc.blocks if isinstance(b, BlockQuote)]
    assert len(quotes) == 1 and quotes[0].endswith("faster than he expected. (Greene 22)")
    assert not any(p.startswith(("1 The oldest", "____")) for p in _paras(doc))


def test_superscript_note_marks_are_their_numbers() -> None:
    doc = read(
        "Bells\n\nThe bells rang every hour for three centuries.¹ They marked the market.\n\n"
        "The ringers were paid by the parish.² Their work was hard.\n\nNotes\n\n"
        "¹ The oldest bell is dated 1688.\n² Parish accounts list six ringers.\n"
    )
    assert [(f.mark, plain_text(f.content)) for f in doc.footnotes] == [
        ("1", "The oldest bell is dated 1688."),
        ("2", "Parish accounts list six ringers."),
    ]
    first = next(b for b in doc.blocks if isinstance(b, Paragraph))
    assert [(getattr(n, "note_id", None), getattr(n, "mark", None)) for n in first.content] == [
        (None, None),
        ("fn1", "¹"),
        (None, None),
    ]


def test_table_at_a_page_break_does_not_split_the_sentence() -> None:
    text = (
        "Pond Readings\n\n"
        "The loggers were read once a week through the whole summer, and the readings were copied\n"
        "into a notebook before they were entered in the spreadsheet for the analysis. It was decided to\n"
        "\fTable 2: Mean readings at each depth.\n"
        "depth\n\ntemp\n\n1\n\n14.2\n\n2\n\n13.1\n\n3\n\n12.5\n\n"
        "measure the mixing again in the autumn, when the surface layer cools and sinks to the bottom\n"
        "of the pond, and to compare the two seasons in the final report for the parks department.\n"
    )
    doc = read(text)
    assert _paras(doc, "caption") == ["Table 2: Mean readings at each depth."]
    body = _paras(doc)
    assert len(body) == 1 and "It was decided to measure the mixing again in the autumn" in body[0]
    assert any(isinstance(b, Preformatted) and b.text.startswith("depth") for b in doc.blocks)


def test_narrative_citation_with_colleagues() -> None:
    from essayconv.model import Cite

    doc = read(
        "Birds\n\nStudies by Waters and colleagues (1993) showed a link. Smith and his co-workers (2001) agreed.\n\n"
        "References\n\nWaters, A. 1993. Relatedness. Mol. Biol. 10: 914-923.\nSmith, B. 2001. Birds. Press.\n"
    )
    cites = [n for b in doc.blocks if isinstance(b, Paragraph) for n in b.content if isinstance(n, Cite)]
    assert [(c.text, c.mode, c.items[0].year) for c in cites] == [
        ("Waters and colleagues (1993)", "narrative", "1993"),
        ("Smith and his co-workers (2001)", "narrative", "2001"),
    ]


def test_footer_broken_by_a_figure_label_is_furniture() -> None:
    from essayconv.readers.furniture import find_furniture, split_lines

    lines = split_lines(
        "The lookup runs as shown below.\n\nMichigan Corpusname\n"
        "of Upper-level Student Papers. Version 1.0 Ann Arbor, MI. Copyright (c) 2009 Regents of the University of Michigan\n"
    )
    reasons = find_furniture(lines)
    # the footer line scores as boilerplate; its first half, broken off by the label, goes with it
    assert reasons == {
        2: ("boilerplate", "furniture.broken-boilerplate"),
        3: ("boilerplate", "furniture.boilerplate-score"),
    }


def test_long_question_heading_over_two_full_lines() -> None:
    text = (
        "Lamps\n\n"
        "Oil lamps lit the harbour for two centuries, and their keepers kept\n"
        "careful accounts of the oil, the wicks and the hours of burning, which\n"
        "is why so much is known about them and their keepers today.\n\n"
        "Did the northern lamps burn more oil than the southern ones, or did\n"
        "the southern keepers simply record their oil less well?\n"
        "The accounts of six harbours allow a first answer, since they cover\n"
        "the same forty years and were kept on the same printed forms that\n"
        "the board sent out to every keeper on the coast every spring.\n"
    )
    assert _headings(read(text)) == [
        "Did the northern lamps burn more oil than the southern ones, or did "
        "the southern keepers simply record their oil less well?"
    ]


def test_sample_label_holds_the_title_when_it_is_not_repeated() -> None:
    doc = read(
        "Home » Essays\nEssay Sample: Gardens in Cities\nWords: 500\n"
        "Gardens spread through crowded neighbourhoods over two decades, turning empty lots into plots.\n\n"
        "They need secure land to last.\n"
    )
    assert doc.meta.title == "Gardens in Cities"
    assert _paras(doc)[0].startswith("Gardens spread")


def test_bare_roman_numerals_number_the_sections() -> None:
    text = (
        "ON CANDLES\n\nBy A. Writer\n\n\nI\n\nThe candle is older than the lamp, and it has\n"
        "kept its place in houses where lamps are common.\n\n\nII\n\nA candle needs no oil and no wick-trimmer, only\n"
        "a steady hand and a dry place to stand in the dark.\n"
    )
    doc = read(text)
    assert _headings(doc) == ["I", "II"]
    assert len(_paras(doc)) == 2


def test_note_mark_after_a_year_and_full_stop() -> None:
    from essayconv.readers.notes import glued_mark

    assert glued_mark("growth in wind energy from that of 2005.10 This is", "10")
    assert glued_mark("from 1990 through 20048. Next", "8")
    assert not glued_mark("a share of 2005.10% of the total", "10")


def test_lab_report_section_names_run_into_their_text() -> None:
    doc = _doc("labreport-inline-headings.txt")
    assert doc.meta.title == "Light Color and the Growth of Pea Seedlings"
    assert _headings(doc) == ["Abstract:", "Introduction:", "Methods:", "Results:", "Discussion:"]
    assert _paras(doc, "abstract")[0].startswith("We grew pea seedlings")
    assert [p[:12] for p in _paras(doc)] == ["Plants use l", "Thirty seedl", "Mean height ", "The results "]
    assert [r.id for r in doc.references] == ["kim2015", "patel2012"]


def test_statistics_at_the_end_of_a_sentence_stay_in_the_paragraph() -> None:
    text = (
        "Scores\n\n"
        "Reading aloud to older students is often dropped once they can read alone, but the six\n"
        "classrooms in this study kept the habit for a full year, from September to the following June.\n"
        "Each teacher read one chapter a day from a novel chosen by the class, and no test was set on\n"
        "the books that were read aloud, so that the reading stayed a pleasure rather than a task.\n"
        "The students who heard a chapter read aloud every day chose longer books in the spring, and\n"
        "their scores on the reading test were higher than those of the other classes in the school\n"
        "(M = 4.2, SD = 1.1).\n"
        "The difference held for boys and girls alike, and it was largest among the weakest readers.\n"
        "It was smallest among the strongest readers, who already chose long books in the autumn.\n"
    )
    body = _paras(read(text))
    assert any(p.endswith("other classes in the school (M = 4.2, SD = 1.1).") for p in body)
    assert not any(isinstance(b, Preformatted) for b in read(text).blocks)
