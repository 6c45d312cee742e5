"""Chunks: kept lines grouped into the paragraphs, headings and items they were wrapped from."""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from .layout import Unit, Wrap, join_lines

BULLET = re.compile(r"^(?P<m>[•●▪◦·■□➢➤►✓\-–*o])\s+(?=\S)")
BULLET_ONLY = re.compile(r"^[•●▪◦·■□➢➤►✓\-–*]$")
ENUM = re.compile(r"^(?P<m>\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})\)|(?:\d{1,2}|[a-z])\.)\s+(?=\S)")
MARKDOWN = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<rest>\S.*?)\s*#*$")
CITE_LIKE = re.compile(r"\([^()]*\b(?:1[6-9]\d\d|20\d\d)[a-z]?\)|\[\d")


@dataclass
class Chunk:
    units: list[Unit]
    marker: str | None = None  # a bullet that stood on its own line before the chunk

    @property
    def line(self) -> int:
        return self.units[0].no

    @property
    def first(self) -> str:
        return self.units[0].text

    @property
    def last(self) -> str:
        return self.units[-1].text


def chunk_units(units: list[Unit], wrap: Wrap) -> list[Chunk]:
    """Group kept lines into chunks: one paragraph, heading, list item or table each."""
    chunks: list[Chunk] = []
    for k, u in enumerate(units):
        if not chunks:
            chunks.append(Chunk([u]))
            continue
        prev = chunks[-1].units[-1]
        nxt = units[k + 1] if k + 1 < len(units) else None
        if _starts_new(prev, u, wrap, chunks[-1]):
            chunks.append(Chunk([u]))
        elif (
            wrap.wrapped
            and u.gap == "page"
            and nxt is not None
            and nxt.gap == "none"
            and ends_sentence(prev.text)
            and long_heading_line(u.text, nxt.text)
        ):
            # A page that starts with a full-width heading line.
            chunks.append(Chunk([u]))
        elif (
            len(chunks[-1].units) == 1
            and wrap.wrapped
            and long_heading_line(prev.text, u.text)
            and (len(chunks) == 1 or prev.gap == "page" or prev.gap == "blank" and ends_sentence(chunks[-2].last))
        ):
            # A full-width heading line directly above its paragraph ("Early maternal ... disease").
            chunks.append(Chunk([u]))
        else:
            chunks[-1].units.append(u)
    return _attach_bullets(chunks)


CONNECTOR_END = frozenset(
    "a an the and or but of to in on at by for with from as that which who whose than into onto its their his her "
    "our your this these those is are was were be been being has have had not nor so such".split()
)


def long_heading_line(text: str, nxt: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 16 or text.endswith((",", ";", ".", "-", ":", "!", "?")):
        return False
    if words[-1].lower() in CONNECTOR_END or re.search(r"[.!?][\"”’')]*\s+\p{Lu}", text):
        return False
    if not re.match(r"^[\p{Lu}\d]", text) or not re.match(r"^[\p{Lu}]", nxt):
        return False
    if CITE_LIKE.search(text) or "," in text or re.search(r"\(|\)", text):
        return False
    return True


_SENTENCE_END = re.compile(r"[.!?:][\"”’')\]]*\d{0,2}$|[.!?][\"”’']?\s*\(\S[^()]*\)\.?$")


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _starts_new(prev: Unit, u: Unit, wrap: Wrap, chunk: Chunk) -> bool:
    if BULLET_ONLY.match(prev.text) or BULLET_ONLY.match(u.text):
        return True
    if not wrap.wrapped:
        return True
    if u.gap == "blank":
        # pdftotext sometimes leaves a blank line inside a paragraph; a lowercase start continues it.
        return not (not ends_sentence(prev.text) and u.text[:1].islower() and not prev.text.endswith(":"))
    if u.text[:1].islower() and (prev.text.endswith("-") or not ends_sentence(prev.text)):
        return False  # a sentence running on: "Self-" / "reported ...", "the" / "output"
    if not wrap.full(prev.text):
        return True
    if ends_sentence(prev.text) and re.match(r"^[\p{Lu}“\"‘(\d]", u.text) and wrap.would_fit(prev.text, u.text.split()[0]):
        return True  # the next word would have fitted: the paragraph ended here
    if ends_sentence(prev.text) and (BULLET.match(u.text) or ENUM.match(u.text) or MARKDOWN.match(u.text)):
        return True
    if ends_sentence(prev.text) and _heading_line(u.text, wrap):
        return True
    return False


def _heading_line(text: str, wrap: Wrap) -> bool:
    # A short line with no closing punctuation after a finished sentence: a heading, not a wrap.
    words = text.split()
    return (
        not wrap.full(text)
        and 1 <= len(words) <= 14
        and not text.endswith((".", ",", ";", "-"))
        and bool(re.match(r"^(?:\d+(?:\.\d+)*\.?\s+)?[\p{Lu}]", text))
    )


def _attach_bullets(chunks: list[Chunk]) -> list[Chunk]:
    out: list[Chunk] = []
    pending: str | None = None
    for c in chunks:
        if len(c.units) == 1 and BULLET_ONLY.match(c.first):
            pending = c.first
            continue
        if pending is not None:
            c.marker = pending
            pending = None
        out.append(c)
    return out


def chunk_text(chunk: Chunk, known_words: set[str]) -> str:
    return join_lines([u.text for u in chunk.units], known_words)


# ------------------------------------------------------------------------------------------------
# Classification
# ------------------------------------------------------------------------------------------------
