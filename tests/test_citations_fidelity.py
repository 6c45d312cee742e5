"""Rewriting a citation changes only that citation: the sentence around it, its subject included, stays
as the student wrote it (issue 18)."""

from __future__ import annotations

import pytest

from essayconv import ConvertOptions
from essayconv.convert import process, read
from essayconv.model import Cite, Footnote, NoteRef, Paragraph, Sup, Text, plain_text

ESSAY = ("Sleep and Memory\n\nDiekelmann and Born (2010) describe this in detail. Later, Walker (2004, p. 3) argued "
         "the same. Others agree (Hershner & Chervin, 2014).\n\nReferences\n\n"
         "Diekelmann, S., & Born, J. (2010). The memory function of sleep. Nature Reviews Neuroscience, 11(2), 114-126.\n\n"
         "Walker, M. P. (2004). Sleep-dependent memory processing. Harvard Review of Psychiatry, 16(5), 287-298.\n\n"
         "Hershner, S. D., & Chervin, R. D. (2014). Causes and consequences of sleepiness among college students. "
         "Nature and Science of Sleep, 6, 73-84.\n")


def _sentence(style: str) -> tuple[list[object], tuple[Footnote, ...]]:
    doc = process(read(ESSAY), ConvertOptions(style=style))
    para = next(b for b in doc.blocks if isinstance(b, Paragraph) and "describe" in plain_text(b.content))
    shown: list[object] = []
    for node in para.content:
        shown.extend(node.rendered if isinstance(node, Cite) and node.rendered is not None else [node])
    return shown, doc.footnotes


def _text(nodes: list[object]) -> str:
    return "".join(n.text if isinstance(n, Text) else f"<{n.mark}>" if isinstance(n, NoteRef)
                   else f"^{plain_text(n.children)}" if isinstance(n, Sup) else "?" for n in nodes)


def test_a_note_style_keeps_the_names_of_a_narrative_citation_in_the_sentence() -> None:
    shown, notes = _sentence("chicago-notes")
    assert _text(shown) == "Diekelmann and Born<1> describe this in detail. Later, Walker<2> argued the same. Others agree.<3>"
    assert "The Memory Function of Sleep" in plain_text(notes[0].content)
    assert "3" in plain_text(notes[1].content)  # the page moved into the note, not lost


@pytest.mark.parametrize("style", ["american-medical-association", "nature"])
def test_a_superscript_number_follows_the_names_with_no_space(style: str) -> None:
    shown, _ = _sentence(style)
    assert _text(shown).startswith("Diekelmann and Born^1 describe this in detail. Later, Walker^2")
