"""The fidelity check: rewriting citations changes only the citations.

Outside citation spans the prose of the rendered document must equal the prose the reader found, up to
typography (quotes, dashes, spaces, line joins). The names of a narrative citation ("Diekelmann and Born
(2010) describe") are the sentence's subject: the style may complete them ("Smith" -> "Smith and Jones",
"et al."), but every name the student wrote stays in the sentence, in every style family.
``changed_spans`` compares the two documents block by block as sequences of words and returns each
stretch that differs, and each narrative citation that lost a name. Used by benchmarks/fidelity.py over
whole corpora and by tests/test_fidelity.py.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from msgspec import Struct

from .model import Block, Cite, Document, Inlines, NoteRef, Sup, Text, iter_inlines
from .names import strip_possessive

# A word for the comparison: letters and digits; quotes, dashes and other punctuation are typography.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


# Words of a narrative citation that are not names: the style decides them ("Payne et al." of a work by two
# authors is "Payne and Sorenson" in APA).
_NOT_NAMES = frozenset({"et", "al", "and", "others", "colleagues", "coworkers", "co", "workers", "his", "her", "their"})


class Change(Struct, frozen=True):
    """One stretch of prose that differs: what the reader found and what will be written."""

    block: int  # index of the block in Document.blocks
    line: int | None
    before: str
    after: str


def changed_spans(read: Document, rendered: Document) -> list[Change]:
    """Stretches of prose outside citations that the citation pass changed (none, when it kept its promise)."""
    changes: list[Change] = []
    for k, (b0, b1) in enumerate(zip(read.blocks, rendered.blocks, strict=True)):
        line = getattr(b0, "line", None)
        for c0, c1 in zip(_narratives(b0), _narratives(b1), strict=True):
            names, shown = _narrative_names(c0, rendered=False), _narrative_names(c1, rendered=True)
            if names_lost(names, shown):
                changes.append(Change(k, c0.line or line, names.strip(), shown.strip()))
        w0 = _words(_prose(b0))
        w1 = _words(_prose(b1))
        if w0 == w1:
            continue
        matcher = difflib.SequenceMatcher(a=w0, b=w1, autojunk=False)
        for op, i0, i1, j0, j1 in matcher.get_opcodes():
            if op != "equal":
                changes.append(Change(k, line, " ".join(w0[i0:i1]), " ".join(w1[j0:j1])))
    return changes


def names_lost(names: str, shown: str) -> bool:
    """Whether the sentence lost a name the student wrote. The style may shorten three or more names to the
    first and "et al." ("Alfaro, Kalemli-Ozcan and Volosovych" -> "Alfaro et al." in APA) and complete them
    ("Xie's" -> "Xie and Shauman's")."""
    written = [strip_possessive(w) for w in _words(names)]
    kept = {strip_possessive(w) for w in _words(shown)}
    lost = set(written) - kept - _NOT_NAMES
    shortened = "al" in kept and bool(written) and written[0] in kept
    return bool(lost) and not shortened


def _words(text: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in _WORD.findall(text)]


def _contents(block: Block) -> Iterator[Inlines]:
    return iter_inlines((block,))


def _prose(block: Block) -> str:
    return " ".join(_inline_prose(c) for c in _contents(block))


def _inline_prose(nodes: Inlines) -> str:
    out: list[str] = []
    for n in nodes:
        if isinstance(n, Text):
            out.append(n.text)
        elif isinstance(n, (Cite, NoteRef, Sup)):
            continue  # the citation's own span (its names are checked apart), a note mark, a number
        elif hasattr(n, "children"):
            out.append(_inline_prose(n.children))  # type: ignore[attr-defined]
    return " ".join(out)


def _narratives(block: Block) -> Iterator[Cite]:
    for content in _contents(block):
        yield from _cites(content)


def _cites(nodes: Inlines) -> Iterator[Cite]:
    for n in nodes:
        if isinstance(n, Cite):
            if n.mode == "narrative":
                yield n
        elif hasattr(n, "children"):
            yield from _cites(n.children)  # type: ignore[attr-defined]


def written_names(cite_text: str) -> str:
    """The names of a narrative citation as the student wrote them: its text up to the parenthesis or
    bracket ("Bronfenbrenner’s (1977, 1979)" -> "Bronfenbrenner’s"; "Anderson ([1974]1979: 19)" -> "Anderson").
    A Markdown citation key ("@putnam2000 [p. 27]") names no one: the style's names take its place."""
    if cite_text.startswith("@"):
        return ""
    return _split_at_bracket(cite_text)[0].strip()


def _narrative_names(cite: Cite, rendered: bool) -> str:
    """The names of a narrative citation as the sentence shows them: up to its parenthesis, bracket or mark."""
    if not rendered or cite.rendered is None:
        return written_names(cite.text)
    names: list[str] = []
    for n in cite.rendered:
        if not isinstance(n, Text):
            break
        head, sep, _ = _split_at_bracket(n.text)
        names.append(head)
        if sep:
            break
    return "".join(names)


def _split_at_bracket(text: str) -> tuple[str, str, str]:
    m = re.search(r"[(\[]", text)
    return (text[: m.start()], m.group(0), text[m.end() :]) if m else (text, "", "")
