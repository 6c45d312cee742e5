"""The fidelity invariant (issue 18): outside citation spans the rendered prose equals the prose read, and
the names of a narrative citation stay in the sentence, in every style family."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from essayconv import ConvertOptions
from essayconv.convert import process, read
from essayconv.fidelity import changed_spans
from essayconv.model import Cite, Paragraph, Text

REFERENCES = (
    "References\n\n"
    "Diekelmann, S., & Born, J. (2010). The memory function of sleep. Nature Reviews Neuroscience, 11(2), 114-126.\n\n"
    "Walker, M. P. (2004). Sleep-dependent memory processing. Harvard Review of Psychiatry, 16(5), 287-298.\n\n"
    "Hershner, S. D., Chervin, R. D., & Lo, J. C. (2014). Causes and consequences of sleepiness among college "
    "students. Nature and Science of Sleep, 6, 73-84.\n"
)
CITATIONS = [
    "Diekelmann and Born (2010)",
    "Walker (2004, p. 3)",
    "Walker’s (2004)",
    "(Walker, 2004)",
    "(Hershner et al., 2014)",
    "Hershner et al. (2014)",
    "(Diekelmann & Born, 2010; Walker, 2004)",
]
WORDS = [
    "sleep",
    "memory",
    "students",
    "often",
    "argue",
    "that",
    "the",
    "night",
    "before",
    "an",
    "exam",
    "matters",
    "six",
    "(6)",
    "t(4)",
    "=",
    "3.63",
    "“rest”",
    "—",
    "and",
    "20%",
    "2019",
    "(see",
    "above)",
    "however,",
]


def _changes(text: str, style: str) -> list[object]:
    doc = read(text)
    return list(changed_spans(doc, process(doc, ConvertOptions(style=style))))


def test_a_name_lost_from_a_narrative_citation_is_a_change() -> None:
    # (the check must be able to fail: the old chicago-notes rendering turned "Diekelmann and Born (2010)
    # describe" into ".² describe")
    doc = read("Sleep\n\nDiekelmann and Born (2010) describe this.\n\n" + REFERENCES)
    para = doc.blocks[0]
    assert isinstance(para, Paragraph)
    cite = next(n for n in para.content if isinstance(n, Cite))
    broken = replace(cite, rendered=(Text("."),))
    bad = replace(doc, blocks=(replace(para, content=tuple(broken if n is cite else n for n in para.content)),))
    [change] = changed_spans(doc, bad)
    assert (change.before, change.after) == ("Diekelmann and Born", ".")


def test_a_word_changed_outside_citations_is_a_change() -> None:
    doc = read("Sleep\n\nStudents sleep six (6) hours (Walker, 2004).\n\n" + REFERENCES)
    para = doc.blocks[0]
    assert isinstance(para, Paragraph)
    bad = replace(doc, blocks=(replace(para, content=(Text("Students sleep six hours"),) + para.content[1:]),))
    assert [(c.before, c.after) for c in changed_spans(doc, bad)] == [("6", "")]


@pytest.mark.parametrize("style", ["apa", "mla", "chicago-notes", "ieee"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sentences=st.lists(
        st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), st.sampled_from(CITATIONS), st.booleans()),
        min_size=1,
        max_size=4,
    )
)
def test_rendering_citations_changes_nothing_else(style: str, sentences: list[tuple[list[str], str, bool]]) -> None:
    body = " ".join(
        f"{cite} {' '.join(words)}." if first else f"{' '.join(words).capitalize()} {cite}."
        for words, cite, first in sentences
    )
    assert _changes(f"Sleep and Memory\n\n{body}\n\n{REFERENCES}", style) == []
