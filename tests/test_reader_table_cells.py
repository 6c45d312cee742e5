"""Short lines among a table's or a figure's material are cells, not paragraphs (readers/blocks.py,
rules blocks.cell-between-blocks and blocks.cell-between-captions; issue 16)."""

from __future__ import annotations

from essayconv.model import Cite, Paragraph, Preformatted, Text
from essayconv.readers.blocks import cells_between_material


def _para(text: str, role: str = "body") -> Paragraph:
    return Paragraph((Text(text),), 1, role)  # type: ignore[arg-type]


def _middle(prev: object, text: str, nxt: object) -> object:
    blocks, _ = cells_between_material([prev, _para(text), nxt])  # type: ignore[list-item]
    return blocks[1]


def test_a_short_label_between_a_vetoed_caption_and_figures_is_a_cell() -> None:
    got = _middle(_para("Treatment group", "caption"), "males and females pooled", Preformatted("12  14\n9  11"))
    assert got == Preformatted("males and females pooled", 1)


def test_between_two_preformatted_blocks_too() -> None:
    got = _middle(Preformatted("3.2  4.1"), "second sowing", Preformatted("2.8  3.9"))
    assert isinstance(got, Preformatted)


def test_sentences_introductions_and_list_items_stay_prose() -> None:
    for text in (
        "It holds for every plot.",
        "Based on the equations above:",
        "Ownership of the land;",
        "the rate is found from the",
    ):
        got = _middle(Preformatted("x = a + b"), text, Preformatted("y = c - d"))
        assert isinstance(got, Paragraph), text


def test_a_long_line_stays_prose() -> None:
    text = "the moisture in the two plots fell over the dry summer months"
    assert isinstance(_middle(Preformatted("1  2"), text, Preformatted("3  4")), Paragraph)


def test_two_captions_without_preformatted_material_leave_the_line() -> None:
    got = _middle(_para("Group A", "caption"), "control plots only", _para("Group B", "caption"))
    assert isinstance(got, Paragraph)


def test_a_turn_after_a_speakers_label_stays_prose() -> None:
    got = _middle(Preformatted("M"), "Schon gut danke", Preformatted("x = 1"))
    assert isinstance(got, Paragraph)


def test_a_paragraph_with_a_citation_is_left_alone() -> None:
    cite = Paragraph((Text("as shown "), Cite((), "(Lee, 2001)")), 1, "body")
    blocks, changed = cells_between_material([Preformatted("1  2"), cite, Preformatted("3  4")])
    assert changed == [] and blocks[1] is cite


def test_two_short_lines_in_a_row_between_a_caption_and_figures_are_cells() -> None:
    blocks = [_para("Cross one", "caption"), _para("62 red & 30 white"), _para("0 red & 0 white"), Preformatted("92")]
    got, changed = cells_between_material(blocks)  # type: ignore[arg-type]
    assert changed == [1, 2] and all(isinstance(b, Preformatted) for b in got[1:3])


def test_four_short_lines_in_a_row_stay_prose() -> None:
    lines = [_para(t) for t in ("Where to", "Over there", "Not now", "Later then")]
    got, changed = cells_between_material([Preformatted("1  2"), *lines, Preformatted("3  4")])  # type: ignore[list-item]
    assert changed == [] and got[1:5] == lines
