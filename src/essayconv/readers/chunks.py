"""Chunks: kept lines grouped into the paragraphs, headings and items they were wrapped from."""

from __future__ import annotations

from collections.abc import Container

from msgspec import Struct

from . import _rx as re

from .layout import Unit, Wrap, join_lines

BULLET = re.compile(r"^(?P<m>[•●▪◦·■□➢➤►✓\-–*o])\s+(?=\S)")
BULLET_ONLY = re.compile(r"^[•●▪◦·■□➢➤►✓\-–*]$")
ENUM = re.compile(r"^(?P<m>\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})\)|(?:\d{1,2}|[a-z])\.)\s+(?=\S)")
MARKDOWN = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<rest>\S.*?)\s*#*$", starts=("#",), twin=True)
CITE_LIKE = re.compile(r"\([^()]*\b(?:1[6-9]\d\d|20\d\d)[a-z]?\)|\[\d")


class Chunk(Struct):
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
    tail = False  # the previous unit was the second half of a justified line split at a wide gap
    prone = split_prone(units, wrap)
    for k, u in enumerate(units):
        if not chunks:
            chunks.append(Chunk([u]))
            continue
        prev = chunks[-1].units[-1]
        nxt = units[k + 1] if k + 1 < len(units) else None
        joined_tail, tail = tail, False
        if note_mark_line(prev, u, nxt):
            chunks[-1].units.append(u)  # the mark stays in the paragraph's text, where it was printed
            continue
        if u.gap == "none" and u.text[:1].islower() and len(chunks[-1].units) >= 2 and note_mark_line(
            chunks[-1].units[-2], prev, u
        ):
            chunks[-1].units.append(u)  # the sentence running on after the mark
            continue
        if _starts_new(prev, u, wrap, chunks[-1]) and not _gap_inside_paragraph(prev, u, nxt, wrap, joined_tail, prone):
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
        elif (
            len(chunks[-1].units) == 1
            and len(chunks) > 1
            and wrap.wrapped
            and ends_sentence(chunks[-2].last)
            and (
                titled_line(prev.text, u.text)
                or re.match(r"^\d{1,2}(?:\.\d{1,2})+\.?\s", prev.text) is not None and long_heading_line(prev.text, u.text)
            )
        ):
            # "R2: Use of Renewable Energy and Rural Infrastructure (S-S)" over its paragraph: a line in
            # title case after a finished paragraph is a heading even when it fills the line.
            chunks.append(Chunk([u]))
        else:
            tail = u.gap == "blank" and justified_tail(prev, u, nxt, wrap, prone)
            chunks[-1].units.append(u)
    return _attach_bullets(chunks)


# ------------------------------------------------------------------------------------------------
# Paragraph boundaries at blank lines that pdftotext put inside a paragraph
# ------------------------------------------------------------------------------------------------


def _gap_inside_paragraph(prev: Unit, u: Unit, nxt: Unit | None, wrap: Wrap, prev_is_tail: bool, prone: bool) -> bool:
    """Whether a blank line before ``u`` is no paragraph break, though the line rules call it one."""
    if u.gap != "blank" or not wrap.wrapped or _kept_apart(prev.text) or _kept_apart(u.text):
        return False
    return justified_tail(prev, u, nxt, wrap, prone) or tail_runs_on(prev, u, prev_is_tail) or connector_runs_on(prev, u)


def note_mark_line(prev: Unit, u: Unit, nxt: Unit | None) -> bool:
    """Rule "note-mark-line": a footnote's superscript number that pdftotext printed on a line of its
    own inside a sentence ("... could double within the" / "3" / "next twenty years."). It is no
    equation number: the sentence runs on in lower case on the next line."""
    return (
        nxt is not None
        and u.gap == "none"
        and nxt.gap == "none"
        and re.fullmatch(r"\d{1,2}", u.text) is not None
        and len(prev.text.split()) >= 3
        and not ends_sentence(prev.text)
        and not math_line(prev.text)
        and nxt.text[:1].islower()
    )


def _kept_apart(text: str) -> bool:
    # Lines that stand on their own whatever their length: bullets, list items, captions, formulas.
    return bool(
        BULLET_ONLY.match(text) or BULLET.match(text) or ENUM.match(text) or MARKDOWN.match(text)
        or _CAPTION_START.match(text) or math_line(text)
    )


def justified_tail(prev: Unit, u: Unit, nxt: Unit | None, wrap: Wrap, prone: bool = False) -> bool:
    """Rule "justified-split": one justified line that pdftotext printed as two lines at a wide gap.

    A PDF's justified line with a wide space (often between two sentences) comes out as its left part
    ending the lines above, a blank line, then its right part on a line of its own, a blank line, and
    the rest of the paragraph ("... structure." / "" / "A commonly reported" / "" / "is an increase ...").
    The two parts together fill the line, the right part ends no sentence, and what follows it runs on.
    ``prone``: the paper has many such splits (``split_prone``); then a right part that is no title-case
    line of two words or more will do, whatever follows ("... (591)." / "" / "In Smith's reading, Miss" /
    "" / "Lonelyhearts is ...")."""
    # (the left part may fill most of the line when the right part is a word or two: "... system." / "It")
    if wrap.full(u.text) or ends_sentence(u.text) or u.text.endswith(":"):
        return False
    if not re.match(r"^[\p{L}“\"‘(]", u.text) or nxt is None or nxt.gap != "blank":
        return False
    together = len(prev.text) + 1 + len(u.text)
    if not 0.72 * wrap.width <= together <= 1.1 * max(wrap.fit, wrap.width):
        return False
    # the rest of the sentence: a lower-case start, or a line that ends on a word that cannot end one
    if nxt.text[:1].islower() or _connector_end(u.text):
        return True
    return (
        prone
        and len(u.text.split()) >= 2
        and not u.text.isupper()  # "MATERIALS AND METHODS"
        and not titled_line(u.text, nxt.text)
        and not _heading_line_start(u.text)
    )


def _heading_line_start(text: str) -> bool:
    # "3.2 Sampling", "II. Method": a numbered heading is never the right part of a split line
    return bool(re.match(r"^(?:\d+(?:\.\d+)*|[IVX]+)\.?\s", text))


def split_prone(units: list[Unit], wrap: Wrap) -> bool:
    """Whether pdftotext split this paper's justified lines at wide gaps: three or more times a line
    that ends no sentence is followed, over a blank line, by one that runs on in lower case."""
    if not wrap.wrapped:
        return False
    seen = 0
    for a, b in zip(units, units[1:]):
        if b.gap == "blank" and b.text[:1].islower() and not ends_sentence(a.text) and not wrap.full(a.text):
            seen += 1
            if seen >= 3:
                return True
    return False


def tail_runs_on(prev: Unit, u: Unit, prev_is_tail: bool) -> bool:
    """Rule "tail-runs-on": after the right part of a split justified line that ends no sentence, the
    paragraph goes on whatever the next line starts with ("... an Asian individual in an all" / "" /
    "African American setting ...")."""
    return prev_is_tail and not ends_sentence(prev.text) and bool(re.match(r"^[\p{L}“\"‘(\d]", u.text))


def connector_runs_on(prev: Unit, u: Unit) -> bool:
    """Rule "connector-runs-on": a line that stops on "and", "of", "the" ... is cut mid-sentence, so a
    blank line after it does not end the paragraph even when a name follows ("For David Smith and" /
    "" / "Mary Jones, ..."). A heading seldom ends so; a short one is left to the heading rules."""
    return len(prev.text.split()) >= 4 and _connector_end(prev.text) and bool(re.match(r"^[\p{L}“\"‘(]", u.text))


def _connector_end(text: str) -> bool:
    last = text.rsplit(None, 1)[-1] if text.strip() else ""
    return last in CONNECTOR_END


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


_SMALL_WORDS = frozenset("a an the and or of for in on to with at by from as vs its into is are".split())


def titled_line(text: str, nxt: str) -> bool:
    """A line in title case, not a sentence, above a line that starts a sentence."""
    words = re.findall(r"[\p{L}'’\-]+", text)
    if not 4 <= len(words) <= 16 or re.search(r"[.,;!?]$|[:\-–]$", text) or not re.match(r"^[\p{Lu}“\"‘(\[]", nxt):
        return False
    if CITE_LIKE.search(text) or re.search(r"\((?=[^)]*\d)", text):
        return False
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in _SMALL_WORDS)
    return caps == len(words) and words[0][0].isupper() and words[-1].lower() not in _SMALL_WORDS


_SENTENCE_END = re.compile(r"[.!?:][\"”’')\]]*\d{0,2}$|[.!?][\"”’']?\s*\(\S[^()]*\)\.?$")


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


_CAPTION_START = re.compile(
    r"^(?:figure|fig\.|table|chart|exhibit)\s*(?:\d+|[IVXLC]+)(?:\.\d+)?[a-z]?\s*[.:—–-]\s*\p{Lu}",
    re.IGNORECASE,
    starts=("chart", "exhibit", "fig", "table"),
)
_MATH_SIGN = re.compile(r"[=∂∑∏∫±×÷√∞≤≥≈≠∆∇−]")
_LONG_WORD = re.compile(r"(?<![\p{L}\d])\p{L}{3,}(?![\p{L}\d])")


# A chart's axis label: a word or two and a unit in brackets ("Distance (m)", "Conc (g/m3)").
_AXIS_LABEL = re.compile(r"^\p{L}[\p{L}.\-]*(?:\s\p{L}[\p{L}.\-]*)?\s?\((?:%|[\p{L}µ°]{1,3}(?:[/^·]?[\p{L}\dµ°]{1,3}){0,3})\)$")


_SHORT_WORDS = frozenset(
    "a i an as at be by do go he if in is it me my no of on or so to up us we am".split()
)


def math_line(text: str) -> bool:
    """An equation line, an equation number or a stray page number pasted from a PDF: no words, or
    few words among mathematical signs ("∂U D ∂U 2 D", "(4)", "dt", "Qin = P + SRO + B,")."""
    # (split at most 16 times: a list of 17 says "more than 16 tokens", and a shorter one is every token)
    tokens = text.split(None, 16)
    if not tokens or len(tokens) > 16:
        return False
    if _AXIS_LABEL.match(text):
        return True
    if re.fullmatch(r"(?:\(?\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]\)?[.,;:]?\s*)+", text):
        return False  # "[2]." at the end of a sentence is a citation, not an equation number
    words = _LONG_WORD.findall(text)
    if not words:
        if all(t.lower().strip(".,;:") in _SHORT_WORDS for t in tokens):
            return False  # "is", "a", "of": prose printed one word per line
        if not _MATH_SIGN.search(text) and re.search(r"\w", text) and (
            re.search(r"[.!?][\"”’]?$", text) or text.count(")") > text.count("(") or text.count("]") > text.count("[")
        ):
            return False  # the tail of a sentence or citation: "2015).", "p. 4]"
        return len(tokens) <= 4 or bool(_MATH_SIGN.search(text))
    if _MATH_SIGN.search(text) and len(tokens) >= 2:
        plain = sum(1 for t in tokens if re.fullmatch(r"[(“\"‘]?\p{L}[\p{L}'’\-]*[.,;:!?)\"”’]*", t) and len(t) >= 2)
        return plain < 0.5 * len(tokens) or len(tokens) <= 3 and plain <= 1
    return False


_CLOSING = re.compile(r"[”\"][)\]]?(?:\s*\([^()]{2,60}\))?\.?$")


def _quotation_ends(chunk: Chunk | None, prev: Unit) -> bool:
    # The chunk opened with a quotation mark that first closes at the end of this line: one
    # quotation set off on lines of its own (in a PDF copy its indentation is lost).
    if chunk is None or not re.match(r"^[“\"]", chunk.units[0].text) or not _CLOSING.search(prev.text):
        return False
    inner = " ".join(u.text for u in chunk.units)[1:]
    body = _CLOSING.sub("", inner)
    return "”" not in body and '"' not in body and len(chunk.units) >= 2


def _set_apart(text: str, wrap: Wrap) -> bool:
    # A full-width line with signs in it is prose that happens to hold a formula.
    return math_line(text) and not wrap.full(text)


def _starts_new(prev: Unit, u: Unit, wrap: Wrap, chunk: Chunk) -> bool:
    if BULLET_ONLY.match(prev.text) or BULLET_ONLY.match(u.text):
        return True
    if not wrap.wrapped:
        return True
    if _quotation_ends(chunk, prev) or prev.text.endswith(":") and re.match(r"^[“\"]\S", u.text):
        return True  # a quotation set apart: it starts after "said:" and ends with its closing mark
    if prev.text.endswith("+") and u.text.startswith("−"):
        return False  # "±" that pdftotext printed as "+" over "−"
    if ends_sentence(prev.text) and re.match(r"^[\p{Lu}“\"]", u.text) and _CAPTION_START.match(chunk.units[0].text if chunk else ""):
        return True  # a caption ends with its sentence; the prose goes on below it
    if (ends_sentence(prev.text) or u.gap == "page") and _CAPTION_START.match(u.text):
        return True  # "Figure 3. Heat content by month." after a finished sentence: a caption
    if ends_sentence(prev.text) and re.match(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+\p{Lu}", u.text) and len(u.text.split()) <= 16:
        return True  # "1.3 Who might be interested ...": a numbered heading, however long the line
    if (
        u.gap == "none"
        and _set_apart(u.text, wrap)
        and _MATH_SIGN.search(u.text)
        and not _set_apart(prev.text, wrap)
        and not ends_sentence(prev.text)
        and re.search(r"\)[.!?;,]?$", u.text)
        and re.search(r"\p{L}$", prev.text)
    ):
        return False  # the statistics closing a sentence: "... were higher" / "(M = 4.2, SD = 1.1)."
    if _set_apart(prev.text, wrap) != _set_apart(u.text, wrap):
        # Equations, equation numbers and axis labels pasted from a PDF stand apart from the prose
        # around them ("... are described by" / "∂U D ∂U" / "where U is ...").
        return True
    if u.gap == "blank" and chunk is not None and _CAPTION_START.match(chunk.units[0].text):
        return True  # a caption ends at a blank line; lower case after it resumes the cut paragraph
    if u.gap == "blank":
        # pdftotext sometimes leaves a blank line inside a paragraph; a lowercase start continues it.
        return not (not ends_sentence(prev.text) and u.text[:1].islower() and not prev.text.endswith(":"))
    if u.text[:1].islower() and (prev.text.endswith("-") or not ends_sentence(prev.text)):
        return False  # a sentence running on: "Self-" / "reported ...", "the" / "output"
    if (
        u.gap == "none"
        and len(chunk.units) >= 2
        and len(prev.text.split()) == 1
        and not ends_sentence(prev.text)
        and re.match(r"^[“\"‘(]?\p{L}{2,}", prev.text)
        and len(chunk.units[-2].text.split()) == 1
    ):
        return False  # a justified line that pdftotext printed one word per line: "the" / "most" / "famous"
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


def chunk_text(chunk: Chunk, known_words: Container[str]) -> str:
    return join_lines([u.text for u in chunk.units], known_words)


# ------------------------------------------------------------------------------------------------
# Classification
# ------------------------------------------------------------------------------------------------
