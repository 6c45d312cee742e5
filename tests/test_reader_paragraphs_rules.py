"""Paragraph boundaries as a table of named rules (readers/chunks.py, BOUNDARY_RULES): every rule is
named "paragraphs.<rule>", the table is what chunk_units runs, and the trace names the rule that
decided each line. Fixtures are written for each kind, never copied from a corpus."""

from __future__ import annotations

import textwrap

from essayconv.model import Paragraph, plain_text
from essayconv.readers.chunks import BOUNDARY_RULES
from essayconv.readers.plaintext import read
from essayconv.readers.trace import tracing

# A wrapped paragraph of full lines (about 74 characters), as a PDF copy has it.
_LEAD = """Every spring the district engineers walk the length of the three rivers
and note where the banks have fallen in, where the gauges have been moved
by the ice, and where the canal gates need new boards before the water is
let in; their notes go into the register kept at the dam, and the register
is read aloud at the meeting of the farmers in the first week of April.
"""


def _paragraphs(text: str) -> list[str]:
    return [plain_text(b.content) for b in read(text).blocks if isinstance(b, Paragraph) and b.role == "body"]


def test_every_rule_is_named_in_the_paragraphs_module() -> None:
    names = [name for name, _ in BOUNDARY_RULES]
    assert len(names) == len(set(names))
    assert all(n.startswith("paragraphs.") for n in names)


def test_a_short_line_cut_after_a_connector_joins_the_next_line() -> None:
    text = (
        "Water in the Upper Valley\n\n" + _LEAD + "\n"
        "Between the two great droughts, many farmers in\n"
        "Northern Valley County dug wells of their own, and the district lost much of\n"
        "the income it had drawn from the water rights of the upper terraces.\n"
    )
    paras = _paragraphs(text)
    assert len(paras) == 2
    assert paras[1].startswith("Between the two great droughts, many farmers in Northern Valley County")


def test_a_list_item_after_a_connector_line_stays_apart() -> None:
    # "1. ..." is a list item's start: the connector rule leaves it to the list rules
    text = (
        "Water in the Upper Valley\n\n" + _LEAD + "\n"
        "The farmers gave three reasons for digging the wells, and the\n"
        "1. The reservoir is too small for the farms of the valley and the town.\n"
    )
    with tracing() as steps:
        read(text)
    assert steps[10].rule != "paragraphs.connector-end"


def test_the_trace_names_the_rule_of_each_line() -> None:
    text = "Water in the Upper Valley\n\n" + _LEAD
    with tracing() as steps:
        read(text)
    assert steps[3].rule == "paragraphs.first-line"
    assert steps[4].rule == "paragraphs.lowercase-runs-on"


def _indented_paper(last_start: str, last_next: str) -> str:
    # Ten paragraphs whose first lines are indented (shorter than the full lines of about 72 characters)
    body = []
    for k in range(10):
        body += [
            f"Paragraph {k + 1} of the valley's history opens on an indented line",
            "that the copy shows only as a shorter line, and the lines that follow it",
            "run to the full width of the page until the paragraph comes to its end",
            "on a short line.",
        ]
    body += ["The board of the district meets in the same room above the office today.", last_start, last_next]
    return "Water in the Upper Valley\n\n" + "\n".join(body) + "\n"


def test_an_indented_first_line_after_a_full_last_line_starts_a_paragraph() -> None:
    text = _indented_paper(
        "Its members still read the flow of the rivers aloud at the very",
        "start of each meeting, as the first engineers did, and argue over water.",
    )
    assert len(_paragraphs(text)) == 12


def test_a_line_cut_short_by_a_long_next_word_is_no_indented_start() -> None:
    text = _indented_paper(
        "Its members still read the flow of the rivers aloud at the very",
        "commencement of each meeting, as the first engineers did, and argue.",
    )
    assert len(_paragraphs(text)) == 11


def test_a_paper_without_indented_first_lines_is_not_read_as_one() -> None:
    from essayconv.readers.chunks import indented_starts
    from essayconv.readers.furniture import find_furniture, split_lines
    from essayconv.readers.layout import measure_wrap, units_of

    # (twelve paragraphs of different words, wrapped at 72 with no indent: starts as long as other lines)
    words = [w.strip(".;,") for w in _LEAD.split()]
    paras = [textwrap.fill(" ".join((words[k:] + words[:k])[:45]) + ".", 72).capitalize() for k in range(0, 80, 7)]
    text = "Water in the Upper Valley\n\n" + "\n".join(paras) + "\n"
    lines = split_lines(text)
    units = units_of(lines, find_furniture(lines))
    assert indented_starts(units, measure_wrap(units)) is None


def _wrap_of(text: str) -> bool:
    from essayconv.readers.furniture import find_furniture, split_lines
    from essayconv.readers.layout import measure_wrap, units_of

    lines = split_lines(text)
    return measure_wrap(units_of(lines, find_furniture(lines))).wrapped


# A tool's output pasted between paragraphs: many short lines of no common width.
_TOOL_OUTPUT = "\n".join(
    f"Site {k}: gauge {k * 7 % 13} reading {k * 3}.{k % 10} m\nStatus {'open' if k % 2 else 'closed'} at dawn"
    for k in range(1, 40)
)


def test_a_pdf_copy_of_mostly_short_lines_is_hard_wrapped_when_its_sentences_run_on() -> None:
    # The prose between the tool's output is wrapped at 72: its sentences run on in lower case from line
    # to line, which text with one line per paragraph seldom does.
    words = [w.strip(".;,") for w in _LEAD.split()]
    paras = [
        textwrap.fill(" ".join((words[k:] + words[:k])[:45]).lower() + ".", 72).capitalize() for k in range(0, 40, 7)
    ]
    text = "Water in the Upper Valley\n\n" + "\n\n".join(paras) + "\n\n" + _TOOL_OUTPUT + "\n"
    assert _wrap_of(text)
    doc = read(text)
    assert sum(1 for b in doc.blocks if isinstance(b, Paragraph) and len(plain_text(b.content).split()) >= 40) == len(
        paras
    )


def test_one_line_per_paragraph_with_a_wrapped_reference_list_stays_unwrapped() -> None:
    # Paragraphs of one line each (a Word file) and a reference list hard-wrapped at 70: a few entries run
    # on in lower case, too few to call the text wrapped.
    words = [w.strip(".;,") for w in _LEAD.split()]
    paras = [" ".join((words[k:] + words[:k])[: 30 + k % 20]).capitalize() + "." for k in range(0, 80, 3)]
    refs = [
        f"Author{k}, A. (2001). Water rights of the valley farms in the years of the long\n"
        f"drought and after. Journal of Rivers, {k}, 1-20."
        for k in range(6)
    ]
    text = "Water in the Upper Valley\n\n" + "\n".join(paras) + "\n\nReferences\n" + "\n".join(refs) + "\n"
    assert not _wrap_of(text)
