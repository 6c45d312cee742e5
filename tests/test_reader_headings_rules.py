"""The heading rules as a table (readers/headings.py HEADING_RULES): each named, and the veto rules,
which the trace cannot show (the line becomes what the block rules make it), named by heading_rule."""

from __future__ import annotations

from essayconv.readers.chunks import Chunk
from essayconv.readers.headings import HEADING_RULES, heading_rule
from essayconv.readers.layout import Unit, Wrap

_LINES = Wrap(wrapped=False, width=0)


def _chunk(text: str, gap: str = "blank", no: int = 1) -> Chunk:
    return Chunk([Unit(no, text, gap, 0)])


def _rule(text: str, after: str | None = "The prose that the line stands over goes on here at some length.") -> str:
    nxt = _chunk(after, no=2) if after is not None else None
    return heading_rule(text, _chunk(text), _LINES, nxt)[0]


def test_every_rule_is_named_in_the_headings_module() -> None:
    names = [name for name, _ in HEADING_RULES]
    assert len(names) == len(set(names))
    assert all(name.startswith("headings.") for name in names)
    assert names[-1] == "headings.plain"  # the last rule answers every chunk that came so far


def test_veto_rules_name_themselves() -> None:
    assert _rule("The storm came up faster than anyone had seen it come.") == "headings.ends-like-a-sentence"
    assert _rule("“We are such stuff as dreams are made on”") == "headings.quoted-line"
    assert _rule("Leave not a rack behind. We are such stuff") == "headings.two-sentences"
    assert _rule("Group A   12   14") == "headings.spaced-columns"
    assert _rule("Closing Remarks", after=None) == "headings.last-chunk"


def test_accepting_rules_name_themselves_in_the_guess() -> None:
    for text, rule in (
        ("## Methods", "headings.markdown"),
        ("2.1 Data Collection", "headings.numbered"),
        ("LITERATURE REVIEW", "headings.caps"),
        ("Methods:", "headings.colon"),
        ("The Early Years", "headings.title"),
        ("Appendix B", "headings.appendix"),
    ):
        name, guess = heading_rule(text, _chunk(text), _LINES, _chunk("The prose goes on here.", no=2))
        assert guess is not None and name == rule == guess.rule, text


def test_numbered_lines_counting_on_straight_under_one_another_are_list_items() -> None:
    first, second = _chunk("1. Lithium ion"), _chunk("2. Nickel metal hydride", gap="none", no=2)
    assert heading_rule("1. Lithium ion", first, _LINES, second)[0] == "headings.numbered-list-item"
    after = _chunk("The lithium cells were chosen.", gap="none", no=3)
    assert heading_rule("2. Nickel metal hydride", second, _LINES, after, first)[0] == "headings.numbered-list-item"
