"""Linking in-text citations to reference entries."""

from __future__ import annotations

from essayconv.citations.resolve import cite_names, resolve
from essayconv.convert import read as read_essay
from essayconv.model import Cite, CiteItem, Document, Paragraph, Reference, plain_text


def ref(rid: str, families: list[str], year: int | None, raw: str = "", number: int | None = None) -> Reference:
    csl: dict = {"id": rid, "type": "book", "title": rid, "author": [{"family": f, "given": "A."} for f in families]}
    if year is not None:
        csl["issued"] = {"date-parts": [[year]]}
    return Reference(rid, raw or f"{families[0]}, A. ({year}). {rid}.", csl, number=number)


def keys(doc: Document) -> list[str | None]:
    return [it.key for c in doc.blocks[0].content if isinstance(c, Cite) for it in c.items]


def doc_with(refs: tuple[Reference, ...], *items: CiteItem) -> Document:
    cites = tuple(Cite((it,), f"({it.author}, {it.year})", line=7) for it in items)
    return Document(blocks=(Paragraph(cites),), references=refs)


def cites_of(text: str) -> tuple[Document, list[Cite]]:
    """An essay read and resolved, and its citations in paragraphs, in order."""
    doc = resolve(read_essay(text))
    return doc, [n for b in doc.blocks if isinstance(b, Paragraph) for n in b.content if isinstance(n, Cite)]


def test_cite_names() -> None:
    assert cite_names("Jeng et al.") == (["jeng"], True)
    assert cite_names("Price & Bentele") == (["price", "bentele"], False)
    assert cite_names("Price and Bentele") == (["price", "bentele"], False)
    assert cite_names("van der Berg") == (["berg"], False)


def test_author_year_with_accents_case_and_particles() -> None:
    refs = (
        ref("muller2020", ["Müller", "Berg"], 2020),
        ref("vdberg2019", ["van der Berg"], 2019),
        ref("jeng2022", ["Jeng", "Huang", "Meo"], 2022),
    )
    d = resolve(
        doc_with(
            refs, CiteItem("MULLER & Berg", "2020"), CiteItem("Van der Berg", "2019"), CiteItem("Jeng et al.", "2022")
        )
    )
    assert keys(d) == ["muller2020", "vdberg2019", "jeng2022"]
    assert not [x for x in d.diagnostics if x.severity == "warning"]


def test_year_suffixes_pick_by_suffix_then_list_order() -> None:
    refs = (
        ref("s1", ["Smith"], 2020, "Smith, A. (2020b). Later."),
        ref("s2", ["Smith"], 2020, "Smith, A. (2020a). Earlier."),
    )
    d = resolve(doc_with(refs, CiteItem("Smith", "2020a"), CiteItem("Smith", "2020b")))
    assert keys(d) == ["s2", "s1"]
    refs2 = (ref("t1", ["Tan"], 2021), ref("t2", ["Tan"], 2021))
    assert keys(resolve(doc_with(refs2, CiteItem("Tan", "2021b"), CiteItem("Tan", "2021a")))) == ["t2", "t1"]


def test_same_author_year_prefers_matching_coauthors() -> None:
    refs = (ref("a", ["Lee", "Kim"], 2019), ref("b", ["Lee", "Park"], 2019))
    assert keys(resolve(doc_with(refs, CiteItem("Lee & Park", "2019")))) == ["b"]


def test_undated() -> None:
    refs = (ref("nd", ["Marsh"], None, "Marsh, A. (n.d.). Data."), ref("d", ["Marsh"], 2001))
    assert keys(resolve(doc_with(refs, CiteItem("Marsh", "n.d.")))) == ["nd"]


def test_numeric_by_the_entry_number_never_by_position() -> None:
    numbered = (ref("r1", ["A"], 2000, number=2), ref("r2", ["B"], 2001, number=1))
    d = resolve(doc_with(numbered, CiteItem(number=1), CiteItem(number=2)))
    assert keys(d) == ["r2", "r1"]
    plain = (ref("p1", ["A"], 2000), ref("p2", ["B"], 2001))
    assert keys(resolve(doc_with(plain, CiteItem(number=2), CiteItem(number=3)))) == [None, None]


def test_unresolved_warns_with_line_and_uncited_is_info() -> None:
    refs = (ref("jeng2022", ["Jeng"], 2022), ref("other", ["Other"], 2001))
    # (a year two off is no near miss: the warning names the entry nearest to it)
    d = resolve(doc_with(refs, CiteItem("Jeng et al.", "2020"), CiteItem("Jeng et al.", "2022")))
    assert keys(d) == [None, "jeng2022"]
    warn = [x for x in d.diagnostics if x.code == "unresolved-citation"]
    assert len(warn) == 1 and warn[0].severity == "warning" and warn[0].line == 7
    assert warn[0].message == "citation '(Jeng et al., 2020)' matches no reference; nearest: Jeng 2022"
    info = [x for x in d.diagnostics if x.code == "uncited-reference"]
    assert len(info) == 1 and info[0].severity == "info" and "Other" in info[0].message


def test_one_warning_per_citation_naming_the_missing_items() -> None:
    refs = (ref("lee2020", ["Lee"], 2020, number=2),)
    partly = Cite(tuple(CiteItem("", number=n) for n in (2, 4, 5)), "[2, 4-5]", mode="numeric", line=3)
    one = Cite((CiteItem("", number=2), CiteItem("", number=9)), "[2, 9]", mode="numeric", line=4)
    none = Cite((CiteItem("", number=7),), "[7]", mode="numeric", line=5)
    d = resolve(Document(blocks=(Paragraph((partly, one, none)),), references=refs))
    warn = [(x.message, x.line) for x in d.diagnostics if x.code == "unresolved-citation"]
    assert warn == [
        ("citation '[2, 4-5]': 4, 5 match no reference", 3),
        ("citation '[2, 9]': 9 matches no reference", 4),
        ("citation '[7]' matches no reference", 5),
    ]


def test_bracketed_and_vancouver_style_author_year_citations_link() -> None:
    # Lab reports cite "[Ebashi S: 2009]", "[Chaves;2008]", "(Johnson AD 2018)": initials after the family
    # name, a colon or a semicolon before the year; each links to its entry.
    text = (
        "Muscle Calcium\n\nCalcium controls contraction [Ebashi S: 2009]. Others saw it [Weiss and Goodman: 1969] "
        "and later [Chaves;2008]. Johnson found it too (Johnson AD 2018).\n\nReferences\n\n"
        "Chaves, M. (2008). Calcium in muscle. Journal of Physiology, 12, 1-9.\n\n"
        "Ebashi, S. (2009). Excitation-contraction coupling. Annual Review of Physiology, 38, 293-313.\n\n"
        "Johnson, A. D. (2018). Muscle again. Muscle Science, 3, 4-5.\n\n"
        "Weiss, P., & Goodman, R. (1969). Troponin. Science, 164, 1-2.\n"
    )
    doc, cites = cites_of(text)
    assert [(c.text, c.items[0].key) for c in cites] == [
        ("[Ebashi S: 2009]", "ebashi2009"),
        ("[Weiss and Goodman: 1969]", "weiss1969"),
        ("[Chaves;2008]", "chaves2008"),
        ("(Johnson AD 2018)", "johnson2018"),
    ]


MLA_ESSAY = (
    "Jane Doe\n\nProfessor Smith\n\nEnglish 101\n\n2 May 2026\n\nThe Cold in Frost\n\n"
    'Frost calls it "a cold calling" (45). Later Morrison writes of "the weight of names" (Morrison 12). '
    'She adds that "nothing stays" (14). The "first edition" (1999) is cited as a year.\n\n'
    "Works Cited\n\nFrost, Robert. Collected Poems. Holt, 1995.\n\nMorrison, Toni. Beloved. Knopf, 1987.\n"
)


def test_mla_page_only_citations_link_to_the_work_named_or_cited_before_them() -> None:
    # "(45)" after a quotation: the author named in the sentence ("Frost calls it") or the work cited
    # last ("(Morrison 12)" ... "(14)"); a year in parentheses is not a page
    doc, cites = cites_of(MLA_ESSAY)
    assert [(c.text, c.items[0].key, c.items[0].locator) for c in cites] == [
        ("(45)", "frost1995", "45"),
        ("(Morrison 12)", "morrison1987", "12"),
        ("(14)", "morrison1987", "14"),
    ]


MLA_PARAPHRASE = (
    "Jane Doe\n\nProfessor Smith\n\nEnglish 101\n\n2 May 2026\n\nNames in Morrison\n\n"
    'Morrison writes of "the weight of names" (Morrison 12). Frost hears winter in every field (Frost 45). '
    "Morrison later shows how the house keeps its dead (88-89). The numbers in Table (2). and the three "
    "steps (3). and the year of the flood (1999). are not pages.\n\n"
    "Works Cited\n\nFrost, Robert. Collected Poems. Holt, 1995.\n\nMorrison, Toni. Beloved. Knopf, 1987.\n"
)


def test_mla_page_only_citations_after_a_paraphrase_end_their_sentence() -> None:
    # In an essay that cites MLA's way ("(Morrison 12)", "(Frost 45)"), a page alone at the end of a
    # sentence cites the work named before it; a numbered thing ("Table (2).", "steps (3).") or a year
    # is not a page
    _, cites = cites_of(MLA_PARAPHRASE)
    assert [(c.text, c.items[0].key, c.items[0].locator) for c in cites] == [
        ("(Morrison 12)", "morrison1987", "12"),
        ("(Frost 45)", "frost1995", "45"),
        ("(88-89)", "morrison1987", "88–89"),
    ]


PLAY_ESSAY = (
    "Ambition in a Tragedy\n\n"
    "Garber reads the play as a study of time (Garber 702). Macbeth first hears the witches and is lost in the "
    'thought of the crown (1.3.57). Lady Macbeth urges him to "look like th\' innocent flower" (1.5.64-65). '
    "Garber sees the same haste in the banquet scene (Garber 711). Macbeth himself says the deed must be done "
    "quickly (1.7.1-2). The year of the first staging (1606). is no line.\n\n"
    "Works Cited\n\nGarber, Marjorie. Shakespeare After All. Pantheon, 2004.\n\n"
    "Shakespeare, William. Macbeth. Edited by Barbara Mowat, Folger, 2013.\n"
)


def test_a_play_s_lines_cited_alone_link_to_the_work_whose_title_the_text_names_last() -> None:
    # an MLA essay on a play cites its act.scene.line alone, after a quotation or a paraphrase; the text
    # names the play ("Macbeth", "Lady Macbeth"), not its author: the title named last (or the author named
    # last, or the work cited last, whichever comes latest) is the work cited
    _, cites = cites_of(PLAY_ESSAY)
    assert [(c.text, c.items[0].key, c.items[0].locator, c.items[0].label) for c in cites] == [
        ("(Garber 702)", "garber2004", "702", "page"),
        ("(1.3.57)", "shakespeare2013", "1.3.57", "line"),
        ("(1.5.64-65)", "shakespeare2013", "1.5.64–65", "line"),
        ("(Garber 711)", "garber2004", "711", "page"),
        ("(1.7.1-2)", "shakespeare2013", "1.7.1–2", "line"),
    ]


def test_a_page_alone_cites_the_work_whose_title_the_text_marks_last() -> None:
    # a title marked as one ("in Title", quotation marks around it, a subtitle's colon allowed) after the
    # work cited last: the page cites the titled work; a quotation that opens with the title's words
    # ("“The Long Road was empty”") names no work: the work cited last stays the one
    essay = (
        "Tides\n\nMoss describes the harbour at low water (Moss 10). The argument of “The Long Road: A "
        "History” rests on the tides (45). Moss returns to the harbour (Moss 12). “The Long Road was empty "
        "that year” (14). Moss ends with the boats (Moss 20). The tides recur in The Long Road as well (46)."
        "\n\nWorks Cited\n\nLee, Ann. The Long Road: A History. Northway, 2001.\n\n"
        "Moss, Ray. Harbour Lights. Eastgate, 1999.\n"
    )
    _, cites = cites_of(essay)
    assert [(c.text, c.items[0].key) for c in cites] == [
        ("(Moss 10)", "moss1999"),
        ("(45)", "lee2001"),
        ("(Moss 12)", "moss1999"),
        ("(14)", "moss1999"),
        ("(Moss 20)", "moss1999"),
        ("(46)", "lee2001"),
    ]


def test_a_title_named_in_lower_case_is_no_title() -> None:
    # "the crown" in prose is not the title "The Crown": a page alone after it cites the work cited last
    essay = (
        "Power\n\nKings fear the loss of the crown more than death (Lee 14). Every reign ends with the crown "
        "passing on (22).\n\nWorks Cited\n\nLee, Ann. Kingship. Northway, 2001.\n\n"
        "Moss, Ray. The Crown. Eastgate, 1999.\n"
    )
    _, cites = cites_of(essay.replace("(Lee 14)", "(Lee 14). Lee says so twice (Lee 15)"))
    assert [(c.text, c.items[0].key) for c in cites][-1] == ("(22)", "lee2001")


def test_a_page_after_a_paraphrase_is_not_taken_in_an_essay_that_does_not_cite_mla_s_way() -> None:
    _, cites = cites_of(MLA_PARAPHRASE.replace("(Frost 45)", "(Frost, 1995)"))
    assert "(88-89)" not in [c.text for c in cites]


def test_a_page_only_citation_with_no_work_before_it_stays_as_written_with_a_warning() -> None:
    doc, cites = cites_of(MLA_ESSAY.replace("Frost calls it", "It is called"))
    first = cites[0]
    assert (first.text, first.items[0].key) == ("(45)", None)
    assert any(
        d.code == "unresolved-citation"
        and d.message == "citation '(45)' is a page alone: no work is cited, nor its author or title named, before it"
        for d in doc.diagnostics
    )


def test_a_suffix_the_list_does_not_write_links_by_list_order_with_a_warning() -> None:
    refs = (ref("t1", ["Tan"], 2021), ref("t2", ["Tan"], 2021), ref("u1", ["Ueda"], 2020))
    d = resolve(doc_with(refs, CiteItem("Tan", "2021b"), CiteItem("Ueda", "2020a")))
    assert keys(d) == ["t2", "u1"]
    warn = [(x.code, x.message) for x in d.diagnostics if x.severity == "warning"]
    # two works by Tan in 2021 and no a/b in the list: a guess, said; one Ueda 2020: no doubt, nothing said
    assert warn == [
        (
            "near-miss-citation",
            "citation '(Tan, 2021b)': cited Tan 2021b; the list gives its 2 works "
            "of Tan 2021 no a/b suffix; linked to the second in list order",
        )
    ]


MISSPELT_ESSAY = (
    "Gardens\n\nHollingswoth (2014) argues that gardens build trust. Others agree (Okafor). The Shared Plots Survey (SPS) and (NASA) are prose. "
    "Smith (2014) is not in the list, and neither is Hollingsmith (2014), far off.\n\n"
    "References\n\nHollingsworth, J. (2014). Growing together. Harbourside Press.\n\n"
    "Okafor, N. (2019). Shared plots. City Press.\n"
)


def test_a_misspelt_narrative_name_and_a_bare_listed_name_are_read_as_citations() -> None:
    # "Hollingswoth (2014)": one letter off a listed first author, so read as a citation and linked with a
    # warning; "(Okafor)": a listed author alone (MLA, a work without pages); names not listed (nor one
    # letter off) stay prose
    doc, cites = cites_of(MISSPELT_ESSAY)
    assert [(c.text, c.items[0].key) for c in cites] == [
        ("Hollingswoth (2014)", "hollingsworth2014"),
        ("(Okafor)", "okafor2019"),
    ]
    assert [d.message for d in doc.diagnostics if d.code == "near-miss-citation"] == [
        "citation 'Hollingswoth (2014)': cited Hollingswoth 2014; linked to Hollingsworth 2014"
    ]


def test_a_dated_citation_of_an_undated_entry_links_with_a_warning() -> None:
    # lab reports list "Buschmann C, Meier D. Title. Journal. 27: 195-198." with no year and cite
    # "[Buschmann et al.: 1977]": the names find the one entry, which gives no year to check against
    refs = (
        ref("b1", ["Buschmann", "Meier"], None, "Buschmann C, Meier D. Light. Photobiology. 27: 195-198."),
        ref("c1", ["Cole"], 2001),
        ref("c2", ["Cole"], None, "Cole A. Notes."),
        ref("c3", ["Cole"], 2003),
    )
    d = resolve(doc_with(refs, CiteItem("Buschmann et al.", "1977"), CiteItem("Cole", "2002")))
    assert keys(d) == ["b1", None]
    warn = [x.message for x in d.diagnostics if x.severity == "warning"]
    assert warn == [
        "citation '(Buschmann et al., 1977)': cited Buschmann et al. 1977; linked to Buschmann and Meier n.d.",
        # three entries are near (two a year off, one undated): none is linked, all named
        "citation '(Cole, 2002)' matches no reference; nearest: Cole 2001, Cole 2003, Cole n.d.",
    ]


MLA_UNLISTED = (
    'Reading Frost\n\nFrost calls it "a cold calling" (Frost 45). Morrison writes of "the weight of names" '
    '(Morrison 12). A critic adds that "nothing stays" (Moreau 71). The chart (Figure 3) and the road '
    "(Route 66) are prose.\n\nWorks Cited\n\nFrost, Robert. Collected Poems. Holt, 1995.\n\n"
    "Morrison, Toni. Beloved. Knopf, 1987.\n"
)


def test_an_mla_essay_cites_a_work_missing_from_its_list_by_author_and_page() -> None:
    # two "(Name 45)" citations of listed authors make the essay an MLA one: "(Moreau 71)" is then a
    # citation too (of a work the list lacks: unresolved, with a warning), "(Figure 3)" and "(Route 66)" not
    doc, cites = cites_of(MLA_UNLISTED)
    assert [(c.text, c.items[0].key) for c in cites] == [
        ("(Frost 45)", "frost1995"),
        ("(Morrison 12)", "morrison1987"),
        ("(Moreau 71)", None),
    ]
    # with one listed author-page citation only, an unlisted name stays prose
    assert [c.text for c in cites_of(MLA_UNLISTED.replace(" (Morrison 12)", ""))[1]] == ["(Frost 45)"]


def test_act_scene_line_citations_are_line_locators_printed_bare() -> None:
    # MLA cites a play by act, scene and line, "(Shakespeare 1.5.189)" or "(5.2.358-60)" after a quotation;
    # a "line" locator, which the styles print without a label (APA: no "p.")
    from essayconv.convert import process
    from essayconv.options import ConvertOptions

    text = (
        'Hamlet and Delay\n\nHamlet says that "the time is out of joint" (Shakespeare 1.5.189). Later he adds '
        'that "the rest is silence" (5.2.358-60). Version (2.1.3) is prose.\n\nWorks Cited\n\n'
        "Shakespeare, William. Hamlet. Edited by Ann Thompson, Arden, 2003.\n"
    )
    doc, cites = cites_of(text)
    assert [(c.text, c.items[0].key, c.items[0].locator, c.items[0].label) for c in cites] == [
        ("(Shakespeare 1.5.189)", "shakespeare2003", "1.5.189", "line"),
        ("(5.2.358-60)", "shakespeare2003", "5.2.358–60", "line"),
    ]
    for style, first, second in (
        ("mla", "(Shakespeare 1.5.189)", "(Shakespeare 5.2.358–60)"),
        ("apa", "(Shakespeare, 2003, 1.5.189)", "(Shakespeare, 2003, 5.2.358–60)"),
    ):
        out = process(read_essay(text), ConvertOptions(style=style))
        prose = plain_text(next(b for b in out.blocks if isinstance(b, Paragraph)).content)
        assert first in prose and second in prose, prose


def test_numbers_in_brackets_with_a_list_that_numbers_no_entry_stay_as_written_and_say_so() -> None:
    # "[1]" ... "[2]" with a reference list that numbers no entry: which entry each means is a guess, so the
    # numbers stay text (no citation to rewrite) and one warning names the first; a numbered list links them
    from essayconv.convert import process
    from essayconv.options import ConvertOptions

    essay = (
        "Gulls\n\nGulls moult twice a year [1]. Terns do not [2].\n\nReferences\n\n"
        "Arden, K. (2003). Gulls at dusk. Tern Review, 4, 1-9.\n\nMarlow, B. (2011). Terns. Gull Notes, 2, 3-5.\n"
    )
    doc, cites = cites_of(essay)
    assert cites == []
    assert plain_text(next(b for b in doc.blocks if isinstance(b, Paragraph)).content) == (
        "Gulls moult twice a year [1]. Terns do not [2]."
    )
    warned = [(d.message, d.line) for d in doc.diagnostics if d.code == "numbers-without-numbered-list"]
    assert warned == [
        (
            "'[1]' and the like look like numbered citations, but the reference list numbers no entry: they are "
            "kept as written (number the entries to link them)",
            3,
        )
    ]
    apa = process(read_essay(essay), ConvertOptions(style="apa"))
    assert "Gulls moult twice a year [1]. Terns do not [2]." in plain_text(
        next(b for b in apa.blocks if isinstance(b, Paragraph)).content
    )
    numbered = essay.replace("Arden, K.", "1. Arden, K.").replace("Marlow, B.", "2. Marlow, B.")
    doc, cites = cites_of(numbered)
    assert [(c.text, c.items[0].key) for c in cites] == [("[1]", "arden2003"), ("[2]", "marlow2011")]
    assert not [d for d in doc.diagnostics if d.code == "numbers-without-numbered-list"]
    # an e-text's "[1]" that marks its note "1" is no number kept as text
    noted = (
        "Gulls\n\nGulls moult twice a year.[1] Terns do not (Arden, 2003).\n\nNotes\n\n[1] Some gulls moult once."
        "\n\nReferences\n\nArden, K. (2003). Gulls at dusk. Tern Review, 4, 1-9.\n"
    )
    doc, _ = cites_of(noted)
    assert len(doc.footnotes) == 1
    assert not [d for d in doc.diagnostics if d.code == "numbers-without-numbered-list"]
