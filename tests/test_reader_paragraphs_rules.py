"""Paragraph boundaries as a table of named rules (readers/chunks.py, BOUNDARY_RULES): every rule is
named "paragraphs.<rule>", the table is what chunk_units runs, and the trace names the rule that
decided each line. Fixtures are written for each kind, never copied from a corpus."""

from __future__ import annotations

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
