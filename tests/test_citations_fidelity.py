"""Rewriting a citation changes only that citation: the sentence around it, its subject included, stays
as the student wrote it (issue 18)."""

from __future__ import annotations

import pytest

from essayconv import ConvertOptions
from essayconv.convert import process, read
from essayconv.model import Cite, Footnote, NoteRef, Paragraph, Sup, Text, plain_text

ESSAY = (
    "Sleep and Memory\n\nDiekelmann and Born (2010) describe this in detail. Later, Walker (2004, p. 3) argued "
    "the same. Others agree (Hershner & Chervin, 2014).\n\nReferences\n\n"
    "Diekelmann, S., & Born, J. (2010). The memory function of sleep. Nature Reviews Neuroscience, 11(2), 114-126.\n\n"
    "Walker, M. P. (2004). Sleep-dependent memory processing. Harvard Review of Psychiatry, 16(5), 287-298.\n\n"
    "Hershner, S. D., & Chervin, R. D. (2014). Causes and consequences of sleepiness among college students. "
    "Nature and Science of Sleep, 6, 73-84.\n"
)


def _paragraph(text: str, style: str, containing: str = "") -> tuple[Paragraph, tuple[Footnote, ...]]:
    """The first paragraph of the converted essay that contains ``containing``, and the essay's notes."""
    doc = process(read(text), ConvertOptions(style=style))
    para = next(b for b in doc.blocks if isinstance(b, Paragraph) and containing in plain_text(b.content))
    return para, doc.footnotes


def _shown(para: Paragraph) -> list[object]:
    """The paragraph as the writers show it: each citation replaced by its rendering."""
    shown: list[object] = []
    for node in para.content:
        shown.extend(node.rendered if isinstance(node, Cite) and node.rendered is not None else [node])
    return shown


def _sentence(style: str) -> tuple[list[object], tuple[Footnote, ...]]:
    para, notes = _paragraph(ESSAY, style, "describe")
    return _shown(para), notes


def _text(nodes: list[object]) -> str:
    return "".join(
        n.text
        if isinstance(n, Text)
        else f"<{n.mark}>"
        if isinstance(n, NoteRef)
        else f"^{plain_text(n.children)}"
        if isinstance(n, Sup)
        else "?"
        for n in nodes
    )


def test_a_note_style_keeps_the_names_of_a_narrative_citation_in_the_sentence() -> None:
    shown, notes = _sentence("chicago-notes")
    assert (
        _text(shown)
        == "Diekelmann and Born<1> describe this in detail. Later, Walker<2> argued the same. Others agree.<3>"
    )
    assert "The Memory Function of Sleep" in plain_text(notes[0].content)
    assert "3" in plain_text(notes[1].content)  # the page moved into the note, not lost


@pytest.mark.parametrize("style", ["american-medical-association", "nature"])
def test_a_superscript_number_follows_the_names_with_no_space(style: str) -> None:
    shown, _ = _sentence(style)
    assert _text(shown).startswith("Diekelmann and Born^1 describe this in detail. Later, Walker^2")


@pytest.mark.parametrize(
    "sentence, cited",
    [
        ("The difference was significant, t(4)= 3.63, p < .05 (2).", ["(2)"]),
        ("The difference was significant, t (4) = 3.63 (2).", ["(2)"]),
        ("An effect of dose, F(2, 30) = 5.1, was found (1, 2).", ["(1, 2)"]),
        ("We potted six (6) mungbean seeds as before (3).", ["(3)"]),
        ("This was attributed to (1) limited feeding and (2) low temperature (4).", ["(4)"]),
        ("As shown before (3), growth slowed (4-6).", ["(3)", "(4-6)"]),
        ("Body text cites two works (1) and (2) in the usual way.", ["(1)", "(2)"]),
        ("Traces in order from top (1) to bottom (3). The left (2) panel is a control (5).", ["(5)"]),
        ("The rise at the top (1) of the curve was reported (2).", ["(2)"]),
    ],
)
def test_numbers_in_the_prose_are_not_taken_for_numeric_citations(sentence: str, cited: list[str]) -> None:
    from essayconv.readers.inline import parse_inlines

    nodes = parse_inlines(sentence, paren_numeric=True)
    assert [n.text for n in nodes if isinstance(n, Cite)] == cited
    assert "".join(n.text for n in nodes) == sentence  # nothing else of the sentence changes


POSSESSIVE = (
    "Children and Screens\n\nHospitals now warn parents about screens at bedtime (C.S. Mott Children's Hospital, "
    "2015). Smith’s (2020) survey of parents agrees.\n\nReferences\n\n"
    "C.S. Mott Children's Hospital. (2015). Sleep and screens: A national poll. University of Michigan.\n\n"
    "Smith, J. (2020). Screens at night. Journal of Sleep Studies, 4(2), 1-9.\n"
)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "apa",
            "Hospitals now warn parents about screens at bedtime (C.S. Mott Children’s Hospital, 2015). "
            "Smith’s (2020) survey of parents agrees.",
        ),
        (
            "mla",
            "Hospitals now warn parents about screens at bedtime (C.S. Mott Children’s Hospital). "
            "Smith’s survey of parents agrees.",
        ),
        ("ieee", "Hospitals now warn parents about screens at bedtime [1]. Smith’s [2] survey of parents agrees."),
        (
            "chicago-notes",
            "Hospitals now warn parents about screens at bedtime.<1> Smith’s<2> survey of parents agrees.",
        ),
    ],
)
def test_a_possessive_narrative_citation_keeps_its_possessive(style: str, expected: str) -> None:
    # "Smith’s (2020) survey": rewriting the citation must not turn the sentence into "Smith (2020) survey";
    # an apostrophe inside an organisation's name is part of the name and the citation still links.
    para, _ = _paragraph(POSSESSIVE, style, "survey")
    cites = [n for n in para.content if isinstance(n, Cite)]
    assert [c.items[0].key for c in cites] == ["csmott2015", "smith2020"]
    assert _text(_shown(para)) == expected


NUMBERED = (
    "Battery Ageing\n\nCapacity fades with cycling [1]-[2] and with calendar time [2], [3].\n\nReferences\n\n"
    '[1] C. R. Birkl, M. R. Roberts, E. McTurk, P. G. Bruce, and D. A. Howey, "Degradation diagnostics for '
    'lithium ion cells," J. Power Sources, vol. 341, pp. 373-386, 2017.\n'
    '[2] M. Berecibar, "Critical review of state of health estimation methods," Renew. Sustain. Energy Rev., '
    "vol. 56, pp. 572-587, 2016.\n"
    '[3] J. Vetter, P. Novak, M. R. Wagner, and C. Veit, "Ageing mechanisms in lithium-ion batteries," '
    "J. Power Sources, vol. 147, pp. 269-281, 2005.\n"
)


def test_a_group_of_numeric_citations_becomes_one_author_date_citation() -> None:
    # "[1]-[2]" was "(Birkl et al., 2017)-(Berecibar, 2016)": two parentheses and a stray hyphen
    assert _text(_shown(_paragraph(NUMBERED, "apa")[0])) == (
        "Capacity fades with cycling (Berecibar, 2016; Birkl et al., 2017) and with calendar time "
        "(Berecibar, 2016; Vetter et al., 2005)."
    )


SAME_NAMES = (
    "Ecology\n\nBronfenbrenner’s (1977, 1979) ecological model matters. Smith and O’Day (1991) suggest reform.\n\n"
    "References\n\n"
    "Bronfenbrenner, U. (1977). Toward an experimental ecology of human development. American Psychologist, "
    "32(7), 513-531.\n\n"
    "Bronfenbrenner, U. (1979). The ecology of human development. Harvard University Press.\n\n"
    "Smith, M. S., & O’ Day, J. A. (1991). Systemic school reform. Politics of Education Association Yearbook, "
    "5, 233-267.\n"
)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("apa", "Bronfenbrenner’s (1977, 1979) ecological model matters. Smith and O’Day (1991) suggest reform."),
        ("mla", "Bronfenbrenner’s ecological model matters. Smith and O’Day suggest reform."),
        ("ieee", "Bronfenbrenner’s [1], [2] ecological model matters. Smith and O’Day [3] suggest reform."),
        ("ama", "Bronfenbrenner’s^1,^2 ecological model matters. Smith and O’Day^3 suggest reform."),
    ],
)
def test_works_by_the_same_names_name_them_once_as_the_student_spelt_them(style: str, expected: str) -> None:
    # was "Bronfenbrenner (1977); Bronfenbrenner’s (1979)" and "Smith and O’ Day (1991)" (the list's spacing)
    assert _text(_shown(_paragraph(SAME_NAMES, style)[0])) == expected


def test_a_name_the_list_leaves_out_stays_in_the_sentence() -> None:
    # "Werley and Lang (1988) argue" linked to an entry by Werley alone was rewritten "Werley (1988) argue"
    text = (
        "Nursing Data\n\nWerley and Lang (1988) argue for a minimum data set.\n\nReferences\n\n"
        "Werley, H. H. (1988). Identification of the nursing minimum data set. Springer.\n"
    )
    assert _text(_shown(_paragraph(text, "apa")[0])) == "Werley and Lang (1988) argue for a minimum data set."


def test_a_note_style_keeps_names_before_a_bracketed_first_edition_year() -> None:
    # "Anderson ([1974]1979: 19)": the names end at the parenthesis, not at the bracket inside it
    # (the sentence read "Anderson ([1974¹ describes it")
    text = (
        "History\n\nAnderson ([1974]1979: 19) describes it.\n\nReferences\n\n"
        "Anderson, P. (1979). Lineages of the absolutist state. Verso.\n"
    )
    assert _text(_shown(_paragraph(text, "chicago-notes")[0])) == "Anderson<1> describes it."


REPUBLISHED = (
    "Old Books\n\nThe harbour is older than the town (Marlow, 1925/2004). Quist (1930/1961) agrees.\n\n"
    "References\n\n"
    "Marlow, T. (2004). The salt road. Harbour House. (Original work published 1925)\n"
    "Quist, L. (1961). Tide mills (R. Ortega, Trans.). Riverside Press. (Original work published 1930)\n"
)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("apa", "The harbour is older than the town (Marlow, 1925/2004). Quist (1930/1961) agrees."),
        ("chicago-author-date", "The harbour is older than the town (Marlow [1925] 2004). Quist ([1930] 1961) agrees."),
        ("mla", "The harbour is older than the town (Marlow). Quist agrees."),
    ],
)
def test_a_republished_work_s_two_years_are_one_citation_in_each_style(style: str, expected: str) -> None:
    # APA's "(Marlow, 1925/2004)" for a work with "(Original work published 1925)" in the list was no citation
    para, _ = _paragraph(REPUBLISHED, style, "harbour")
    assert _text(_shown(para)) == expected


UNDATED = (
    "Words\n\nCulture is shared (Gullbook, n.d.).\n\nReferences\n\n"
    "Gullbook. (n.d.). Roost. In Gullbook.com dictionary. Retrieved May 1, 2021, from https://gullbook.example/roost\n"
)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("apa", "Culture is shared (Gullbook, n.d.)."),  # was "(Gullbook, n.d)": the literal lost its full stop
        ("harvard-cite-them-right", "Culture is shared (Gullbook, no date)."),
        ("mla", "Culture is shared (Gullbook)."),
    ],
)
def test_an_undated_work_is_cited_with_the_style_s_own_term(style: str, expected: str) -> None:
    para, _ = _paragraph(UNDATED, style, "Culture")
    assert _text(_shown(para)) == expected


def test_an_undated_entry_in_a_dictionary_is_rendered_as_one() -> None:
    from essayconv.citations.csl import format_bibliography
    from essayconv.references.parse import parse_reference

    raw = "Gullbook. (n.d.). Roost. In Gullbook.com dictionary. Retrieved May 1, 2021, from https://gullbook.example/roost"
    item = {"id": "g", **parse_reference(raw).csl}
    assert item["issued"] == {"literal": "n.d."}
    assert format_bibliography([item], "apa").strip() == raw
