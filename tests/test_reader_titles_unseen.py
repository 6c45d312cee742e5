"""Titles of papers the reader has never seen (issue 16): one test per kind of title block, in our own words.

Each fixture is a PDF-like copy: hard-wrapped body lines, a title block above them. The kinds come from the
failures on the MICUSP dev split (a paragraph's first line taken as the title, memo headers, wrapped titles
cut or merged with the next heading); the texts are our own.
"""

from __future__ import annotations

import textwrap

import pytest

from essayconv.readers.plaintext import read

_PROSE = (
    "Small towns along the river kept records of every flood for more than a century, and those records let us "
    "compare what the water did with what the towns believed it would do. The comparison is not flattering to "
    "the planners, who built where the maps said the land was safe and learned otherwise within a generation. "
    "What follows traces three of those towns through their archives, their newspapers and the memories of the "
    "people who stayed, and it asks why the lessons of one flood were so rarely carried to the next town down "
    "the valley, even when the same engineers worked on both sides of the county line for many years."
)


def _body(paragraphs: int = 2) -> str:
    """Hard-wrapped prose (about 88 characters a line), as pdftotext gives it."""
    return "\n\n".join(textwrap.fill(_PROSE, 88) for _ in range(paragraphs)) + "\n"


def _title(text: str) -> str | None:
    return read(text).meta.title


def _words(text: str) -> list[str]:
    return text.split()


# -- no title: the paper starts with its first paragraph ------------------------------------------------


def test_first_line_of_a_paragraph_is_not_a_title() -> None:
    # A full-width sentence that runs on into the next line is the start of a paragraph.
    text = "\n" + textwrap.fill("Rivers remember what towns forget, and " + _PROSE, 88) + "\n\n" + _body()
    assert _title(text) is None


def test_sentence_leading_in_with_a_colon_is_not_a_title() -> None:
    # "I will compare three towns:" then prose: a lead-in sentence, not a title.
    text = "\nI will compare the records of three river towns:\n" + _body()
    assert _title(text) is None


def test_numbered_section_heading_on_top_is_not_a_title() -> None:
    text = "\nI. The Flood of the Century\n" + _body()
    assert _title(text) is None


def test_a_bare_number_is_not_a_title() -> None:
    text = "\n1\n\n" + _body()
    assert _title(text) is None


# -- wrapped titles: all their lines, and nothing after them --------------------------------------------


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        # a line ending in a link word goes on, whatever the next line looks like
        (["Floods and Planning in", "Three River Towns"], "Floods and Planning in Three River Towns"),
        (["Town Records Kept Between", "Two Great Floods"], "Town Records Kept Between Two Great Floods"),
        # the next line starts with a capitalised link word
        (["A Study of Flood Records", "In Three River Towns"], "A Study of Flood Records In Three River Towns"),
        # a colon does not end a title: the sentence-case subtitle belongs to it
        (
            ["Rivers and memory:", "how three towns forgot their floods"],
            "Rivers and memory: how three towns forgot their floods",
        ),
        (["“Water Will Come:”", "Flood Planning and Its Critics"], "“Water Will Come:” Flood Planning and Its Critics"),
        # a comma at the end of the first line
        (
            ["Floods, Maps, Engineers,", "and the Towns They Failed"],
            "Floods, Maps, Engineers, and the Towns They Failed",
        ),
        # a dash at the start of the second line
        (["Rivers as Archives", "– A Study of Three Towns"], "Rivers as Archives – A Study of Three Towns"),
        # four short centred lines
        (
            ["Flood Memory", "in Three River Towns", "and the County: A", "Comparison"],
            "Flood Memory in Three River Towns and the County: A Comparison",
        ),
    ],
)
def test_wrapped_title_keeps_all_its_lines(lines: list[str], title: str) -> None:
    text = "\n" + "\n".join(lines) + "\n\n" + _body()
    assert _title(text) == title


def test_long_title_wrapped_at_full_width() -> None:
    # The first line filled the width, so the title went on to a shorter second line.
    first = "The Long Memory of Small Towns: Flood Records, Planning Maps and Three Engineers"
    assert len(first) >= 0.78 * 88
    text = "\n" + first + "\nWho Drew the Maps\n\n" + _body()
    assert _title(text) == first + " Who Drew the Maps"


def test_colon_title_goes_on_across_one_blank_line() -> None:
    text = "\nRivers and Towns:\n\nA Century of Floods\n\n" + _body()
    assert _title(text) == "Rivers and Towns: A Century of Floods"


def test_full_width_title_then_prose_without_a_gap() -> None:
    # A Title Case line as long as the body's lines, then the first paragraph straight after it.
    first = "The Long Memory of Small Towns: Flood Records and the Engineers Who Drew the Maps"
    text = "\n" + first + "\n" + _body()
    assert _title(text) == first


# -- what ends a title ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading", ["Introduction", "Overview", "Outline", "Intro:", "1. Goals", "I. Background of the Study"]
)
def test_heading_right_after_the_title_is_not_part_of_it(heading: str) -> None:
    text = "\nFlood Records of Three River Towns\n" + heading + "\n" + _body()
    assert _title(text) == "Flood Records of Three River Towns"


def test_affiliation_line_after_the_title_is_not_part_of_it() -> None:
    text = "\nFlood Records of Three River Towns\nUniversity of Eastmoor\n\n" + _body()
    assert _title(text) == "Flood Records of Three River Towns"


def test_footnote_mark_after_the_title() -> None:
    text = "\nFlood Records of Three River Towns:\nA Comparison\n1\n\nIntroduction\n" + _body()
    assert _title(text) == "Flood Records of Three River Towns: A Comparison"


def test_title_then_a_short_first_sentence() -> None:
    # The PDF broke the first paragraph after a short sentence: the title is still the Title Case line.
    text = "\nFlood Records Between\nTwo River Towns\nFloods shape every town along a river.\n\n" + _body()
    assert _title(text) == "Flood Records Between Two River Towns"


# -- memos and letters ----------------------------------------------------------------------------------


def test_memo_subject_line_is_the_title() -> None:
    text = "\nDate: March 3, 2021\nTo: County Board\n\nRe: Flood records of three river towns\n\n" + _body()
    doc = read(text)
    assert doc.meta.title == "Flood records of three river towns"
    # the memo's other lines are listed as removed, none of their words lost
    removed = " ".join(r.text for r in doc.removed)
    for word in ("To:", "County", "Board", "Date:", "Re:"):
        assert word in removed


def test_memo_subject_on_the_lines_after_a_bare_label() -> None:
    text = (
        "\nTo:\nCounty Board\nFrom: Planning Office\nSubject:\nFlood Records of Three River Towns and\nWhat They Teach\n\n"
        + _body()
    )
    assert _title(text) == "Flood Records of Three River Towns and What They Teach"


def test_letter_salutation_is_not_a_title() -> None:
    text = "\nDear Dr. Ortiz:\n" + _body()
    assert _title(text) is None


# -- the guarantees hold ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "\nRivers and memory:\nhow three towns forgot their floods\n\n",
        "\nTo:\nCounty Board\nFrom: Planning Office\nRe:\nFlood Records of Three River Towns\n\n",
        "\nFlood Records of Three River Towns\n1. Goals\n",
    ],
)
def test_no_word_of_the_title_block_is_lost(head: str) -> None:
    from essayconv.inspect import body_text

    text = head + _body()
    doc = read(text)
    kept = _words(body_text(doc)) + _words(" ".join(r.text for r in doc.removed))
    for word in _words(head):
        assert word in kept, word


# -- title-page lines around the title --------------------------------------------------------------------


def test_title_over_course_and_date_lines_is_not_an_mla_heading() -> None:
    # Short lines with a date look like an MLA heading, but the first is a titled phrase, not a name.
    text = "\nRecords of Unknown Floods\nIn Three River Towns\nGEOG 306\nMarch 3, 2021\n\nAbstract\n" + _body()
    assert _title(text) == "Records of Unknown Floods In Three River Towns"


def test_mla_heading_with_a_name_still_read() -> None:
    text = "\nJane Ortiz\nProfessor Lee\nHistory 210\n3 March 2021\nFlood Records of Three River Towns\n\n" + _body()
    doc = read(text)
    assert doc.meta.title == "Flood Records of Three River Towns"
    assert doc.meta.author == "Jane Ortiz"


def test_stray_page_number_above_the_title() -> None:
    text = "\n|1\n\nFlood Records of Three River Towns\n" + _body()
    assert _title(text) == "Flood Records of Three River Towns"


def test_abbreviated_department_line_ends_the_title() -> None:
    text = "\nFlood Records of Three River Towns\nDept. of Geography and\nEnvironmental Studies\n\n" + _body()
    assert _title(text) == "Flood Records of Three River Towns"


def test_short_sentence_case_line_after_a_link_word() -> None:
    text = "\nFlood Memory\nAs a means of planning\nA county study\nABSTRACT\n" + _body()
    assert _title(text) == "Flood Memory As a means of planning A county study"


def test_title_label_wrapped_at_full_width_onto_two_capitalised_words() -> None:
    # The tail of a full-width title line looks like a name ("Reports Compared"); it is still the title's end.
    first = "Title: The Long Memory of Small Towns: Flood Records, Planning Maps and Engineering Survey"
    assert len(first) >= 0.78 * 88
    text = "\n" + first + "\nReports Compared\n\n" + _body()
    assert _title(text) == first[len("Title: ") :] + " Reports Compared"


def test_the_label_of_a_wrapped_title_line_is_listed_as_removed() -> None:
    # "Title:" then a title that goes on over the next line: the label is not in the title, nor lost
    doc = read(
        "Title: Light and Growth in the Shaded Corners of Small Urban\nGardens\n\n"
        "Plants in shaded corners grow slowly, and this report measures how slowly they grow.\n"
    )
    assert doc.meta.title == "Light and Growth in the Shaded Corners of Small Urban Gardens"
    assert [(r.text, r.reason) for r in doc.removed] == [("Title:", "title-prefix")]
