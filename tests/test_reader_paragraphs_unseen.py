"""Paragraph boundaries in text copied out of a PDF (issue 16): blank lines that pdftotext puts
inside a paragraph. Fixtures are written for each kind, never copied from a corpus."""

from __future__ import annotations

from essayconv.model import Heading, Paragraph, plain_text
from essayconv.readers.chunks import connector_runs_on, justified_tail, tail_runs_on
from essayconv.readers.layout import Unit, Wrap
from essayconv.readers.plaintext import read

WRAP = Wrap(True, 66, 68)

# A justified paragraph: full lines of about 66 characters.
_LEAD = """Soil moisture in the upper basin was measured at twelve stations
over three growing seasons, and each station reported its readings
to the district office at the end of every week of the season.
"""


def _paragraphs(text: str) -> list[str]:
    doc = read(text)
    return [plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph) and b.role == "body"]


def _unit(no: int, text: str, gap: str = "none") -> Unit:
    return Unit(no, text, gap, 0)


# --- rule "justified-split" ------------------------------------------------------------------------


def test_right_part_of_a_split_line_joins_its_paragraph() -> None:
    prev = _unit(1, "to the district office at the end of every season.")
    u = _unit(3, "The readings then", "blank")
    nxt = _unit(5, "went into a shared table that the engineers kept for the dam.", "blank")
    assert justified_tail(prev, u, nxt, WRAP)


def test_a_short_heading_after_a_short_last_line_is_no_split_line() -> None:
    prev = _unit(1, "to the district office.")
    u = _unit(3, "Methods", "blank")
    nxt = _unit(5, "The stations were placed along the river at equal distances.", "blank")
    assert not justified_tail(prev, u, nxt, WRAP)


def test_parts_that_do_not_fill_a_line_are_two_paragraphs() -> None:
    prev = _unit(1, "at the end.")
    u = _unit(3, "The readings then", "blank")
    nxt = _unit(5, "went into a shared table that the engineers kept for the dam.", "blank")
    assert not justified_tail(prev, u, nxt, WRAP)


def test_a_capitalised_next_line_needs_a_connector_at_the_end_of_the_part() -> None:
    prev = _unit(1, "at the end of every season.")
    nxt = _unit(5, "River Authority kept for the dam and the two smaller weirs.", "blank")
    assert justified_tail(prev, _unit(3, "They gave the tables to the", "blank"), nxt, WRAP)
    assert not justified_tail(prev, _unit(3, "Results of the Survey", "blank"), nxt, WRAP)


def test_justified_paragraph_split_at_wide_gaps_is_one_paragraph() -> None:
    text = (
        "Water in the Upper Basin\n\n" + _LEAD + "In the last season the readings showed a steady fall, which was\n"
        "sharpest in the wettest month.\n\n"
        "Most stations in the hills\n\n"
        "recorded their lowest values in late summer, when the river was\n"
        "at its lowest level and the reservoirs were drawn down for the\n"
        "farms of the lower valley and the towns along the coast road.\n\n"
        "A second paragraph begins here, after a last line that ended well\n"
        "short of the margin, and it runs on for a line or two to close the\n"
        "essay with a sentence of its own.\n"
    )
    paras = _paragraphs(text)
    assert len(paras) == 2, paras
    assert "wettest month. Most stations in the hills recorded their lowest" in paras[0]


# --- rule "tail-runs-on" ---------------------------------------------------------------------------


def test_after_a_split_tail_the_paragraph_runs_on_into_a_capital() -> None:
    prev = _unit(3, "They sent the table to the district office in", "blank")
    u = _unit(5, "Lansing before the end of the season.", "blank")
    assert tail_runs_on(prev, u, True)
    assert not tail_runs_on(prev, u, False)  # only the right part of a split line proves it
    assert not tail_runs_on(_unit(3, "They sent the table to the office.", "blank"), u, True)


# --- rule "connector-runs-on" ----------------------------------------------------------------------


def test_a_line_stopping_on_a_connector_runs_on_over_a_blank_line() -> None:
    assert connector_runs_on(
        _unit(1, "The survey was planned by Ruth Ellis and"), _unit(3, "Tomas Berg in 2004.", "blank")
    )
    assert not connector_runs_on(_unit(1, "Results and"), _unit(3, "Discussion", "blank"))  # short: left to headings
    assert not connector_runs_on(_unit(1, "The survey was planned by Ruth Ellis."), _unit(3, "Tomas Berg", "blank"))


def test_connector_line_over_a_blank_line_joins_in_a_paper() -> None:
    text = (
        _LEAD + "The first survey of the basin was planned by Ruth Ellis and\n\n"
        "Tomas Berg, who walked the river from the dam to the sea with two\n"
        "assistants and a borrowed boat in the dry summer of that year.\n"
    )
    paras = _paragraphs(text)
    assert any("Ruth Ellis and Tomas Berg, who walked" in p for p in paras), paras


# --- what stays apart -------------------------------------------------------------------------------


def test_heading_between_paragraphs_stays_a_heading() -> None:
    text = (
        _LEAD + "The district kept the readings in a ledger for the engineers.\n\n"
        "Results\n\n"
        "The readings fell in every month of the summer, and the wells of the\n"
        "lower valley ran dry in the last week of August for the first time.\n"
    )
    doc = read(text)
    assert any(isinstance(b, Heading) and plain_text(b.content) == "Results" for b in doc.blocks)


def test_list_items_after_blank_lines_stay_apart() -> None:
    text = (
        _LEAD + "The stations fell into three groups of four along the river, and\n"
        "each group was visited by\n\n"
        "1. the district engineer, who read the gauges;\n\n"
        "2. a surveyor from the county office.\n"
    )
    doc = read(text)
    paras = [plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph)]
    assert not any("visited by 1." in p or "visited by the district" in p for p in paras), paras


def test_in_a_split_prone_paper_a_sentence_part_joins_but_a_heading_does_not() -> None:
    prev = _unit(1, "at the end of every season (Ellis 2004).")
    nxt = _unit(5, "Berg read it as a sign of the drought that came two years later.", "blank")
    part = _unit(3, "In the reading of Tomas", "blank")
    assert justified_tail(prev, part, nxt, WRAP, prone=True)
    assert not justified_tail(prev, part, nxt, WRAP, prone=False)
    for heading in ("MATERIALS AND METHODS", "Results of the Basin Survey", "3.2 Sampling design", "Methods"):
        assert not justified_tail(prev, _unit(3, heading, "blank"), nxt, WRAP, prone=True), heading


# --- rule "note-mark-line" --------------------------------------------------------------------------


def test_a_note_number_on_its_own_line_stays_inside_its_sentence() -> None:
    from essayconv.readers.chunks import note_mark_line

    prev = _unit(1, "and the wells of the lower valley could run dry within the")
    assert note_mark_line(prev, _unit(2, "4"), _unit(3, "next ten years, as the engineers had warned."))
    assert not note_mark_line(prev, _unit(2, "4"), _unit(3, "The engineers had warned of it."))
    assert not note_mark_line(_unit(1, "The flow is given by the sum."), _unit(2, "4"), _unit(3, "where q is the flow"))


def test_note_number_line_in_a_paper_keeps_one_paragraph() -> None:
    text = (
        _LEAD + "and the wells of the lower valley could run dry within the\n"
        "4\n"
        "next ten years, as the engineers of the district had warned in a\n"
        "report that the county read and then put aside for a wetter year.\n\n"
        "A second paragraph begins here, after a last line that ended well\n"
        "short of the margin, and it runs on for a line or two to close the\n"
        "essay with a sentence of its own.\n"
    )
    paras = _paragraphs(text)
    assert len(paras) == 2, paras
    assert "within the 4 next ten years" in paras[0]


def test_a_long_left_part_and_a_one_word_right_part() -> None:
    prev = _unit(1, "of every station that the district engineers kept in the basin.")
    nxt = _unit(5, "was the wettest of the three seasons that the survey covered.", "blank")
    assert justified_tail(prev, _unit(3, "It", "blank"), nxt, WRAP)
    assert not justified_tail(prev, _unit(3, "It was the best of the", "blank"), nxt, WRAP)  # too long for one line


def test_private_use_bullets_of_a_word_pdf_make_a_list() -> None:
    from essayconv.model import ListBlock

    text = (
        _LEAD + "The district asked for three things:\n\n"
        "\uf0a7 a gauge at every bridge;\n"
        "\uf0a7 a weekly report to the county;\n"
        "\uf0a7 a map of the wells.\n\n"
        "The county agreed to the first two of them and put the third aside\n"
        "until the survey of the lower valley was finished in the spring.\n"
    )
    doc = read(text)
    lists = [b for b in doc.blocks if isinstance(b, ListBlock)]
    assert lists and len(lists[0].items) == 3, doc.blocks
    assert [it.marker for it in lists[0].items] == ["•"] * 3  # a bullet that prints, not a private-use sign
