"""Headings: which chunks are section headings, with their numbering and level."""

from __future__ import annotations

from msgspec import Struct

from . import _rx as re

from .chunks import CITE_LIKE, CONNECTOR_END, MARKDOWN, Chunk, long_heading_line, titled_line
from .layout import Wrap

_TERMINAL = (".", ",", ";", "!")
NUMBERED_HEADING = re.compile(
    r"^(?P<num>(?:chapter|section|part)\s+(?:\d+|[IVXLC]+)[.:]?|\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.?(?=\s|\p{Lu})|"
    r"[IVXLC]{1,5}\.|[A-H]\.)\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
CAPTION = re.compile(
    r"^(?:figure|fig\.|table|chart|graph|plate|exhibit|map)\s*(?:\d+|[IVXLC]+)[a-z]?(?:\s*[.:—–-]|\s+(?=\p{Lu}))",
    re.IGNORECASE,
    starts=("chart", "exhibit", "fig", "graph", "map", "plate", "table"),
)
_HEADING_PREFIX = re.compile(
    r"^(?:heading|section|subheading)\s*:\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
    starts=("heading", "section", "subheading"),
    needs=((":",),),
    twin=True,
)


# Rule appendix-heading: "Appendix A", "APPENDIX 2: Interview Guide", "Appendix B – Figures", "Appendices"
# on a line of their own head the material after the reference list (lab reports, proposals, theses).
_APPENDIX = re.compile(
    r"^(?:appendix|appendices)(?:\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4})\b\.?)?(?:\s*(?P<sep>[:.\-–—]\s*)?(?P<rest>\S.*))?$",
    re.IGNORECASE,
    starts=("appendi",),
)


def appendix_heading(chunk: Chunk, text: str) -> bool:
    """A short line or two naming an appendix, not a sentence that mentions one ("Appendix A shows ...")."""
    m = _APPENDIX.match(text)
    if not m or len(chunk.units) > 2 or len(text.split()) > 16 or text.endswith((".", ",", ";")):
        return False
    rest = m.group("rest") or ""
    # "Appendix A shows the raw data": a sentence; "Appendix A – Raw Data" or "Appendix A: raw data": a heading
    return not rest or m.group("sep") is not None or bool(
        re.match(r"^[\p{Lu}\d(“\"‘]", rest) and title_case(rest)
    )


# A sentence's end with a note mark after it: "... voice.19", "... weeks.”6", "... authority…8".
_NOTE_AFTER_STOP = re.compile(r"(?:[.!?;,…]|\p{Ll}[.!?]?[”\"’])\d{1,3}$")
# One sentence ending and the next beginning inside the line: a word of two or more small letters, a full
# stop and a capital ("behind. We"); abbreviations and titles ("vs. The", "et al. Some", "Dr. King") do not count.
_SENTENCE_INSIDE = re.compile(r"(?<![\p{L}.])(?!(?i:vs|al|etc|ed|eds|pp|no|vol|cf|ch|mr|mrs|ms|dr|st|jr|sr|prof|rev|gen|col|capt|sen|rep|gov|pres|fr|sgt|lt)\.)\p{L}\p{Ll}+\.[”\"’)]?\s+[\p{Lu}“\"‘]")


_QUOTED_LINE = re.compile(r"^[“\"‘'][^“”\"]*[”\"’']$")
_PROSE_LINE_WORDS = 9  # (a sentence-case heading of nine words or more, set straight over its text, is rare)


def paragraph_first_line(text: str, chunk: Chunk, nxt: Chunk) -> bool:
    """A line (or two) in sentence case with text straight above and below it (rule paragraph-first-line)."""
    return (
        len(text.split()) >= _PROSE_LINE_WORDS
        and nxt.units[0].gap == "none"
        and chunk.units[0].gap == "none"
        and not title_case(text)
        and not re.search(r"[:?]", text)
    )


class HeadingGuess(Struct, frozen=True):
    text: str
    numbering: str | None
    kind: str  # "numbered", "markdown", "caps", "colon", "title", "plain"
    depth: int


def heading_of(text: str, chunk: Chunk, wrap: Wrap, nxt: Chunk | None) -> HeadingGuess | None:
    """The heading this chunk is, or None."""
    if len(chunk.units) > 3 or chunk.marker is not None:
        return None
    m = MARKDOWN.match(text)
    if m and re.search(r"\p{L}{2,}", m.group("rest")):
        return HeadingGuess(m.group("rest"), None, "markdown", len(m.group("hashes")))
    m = _HEADING_PREFIX.match(text)
    if m and len(m.group("rest").split()) <= 15:
        return HeadingGuess(m.group("rest"), None, "title", 1)
    if nxt is None:
        return None
    if len(text) > 180:  # (before the split: most chunks are paragraphs of prose)
        return None
    words = text.split()
    if not words or len(words) > 22:
        return None
    if CAPTION.match(text) or CITE_LIKE.search(text):
        return None
    if text.rstrip("”’\"'").endswith(_TERMINAL) or text.endswith(("-", "—", "–")):
        return None
    if re.search(r"\s{3,}|\t", text):
        return None
    if _QUOTED_LINE.match(text):
        return None  # rule quoted-line: a line wholly in quotation marks is a quotation or a turn of dialogue
    if _NOTE_AFTER_STOP.search(text):
        return None  # rule sentence-with-note-mark: "... the poet's voice.19" ends a sentence of prose
    if _SENTENCE_INSIDE.search(text) and not NUMBERED_HEADING.match(text):
        return None  # rule two-sentences: "Leave not a rack behind. We are such stuff" (verse, dialogue, prose)
    if re.search(r"[=+−×∑∫<>|^_{}\\]|\p{Sm}", text) or not re.search(r"\p{L}{4,}|\p{Lu}\p{Ll}{2}", text):
        return None  # equations and table labels ("RSred =", "PI", "AB")
    digits = sum(1 for w in words if re.fullmatch(r"[\d.,%±()\-–+/=<>]+", w))
    if digits > max(1, len(words) // 3):
        return None
    # A question standing apart on one or two lines over prose is a heading however long its lines
    # ("Are there overlapping diagnoses from other cultures, or ...?").
    question = (
        text.endswith("?")
        and len(chunk.units) <= 2
        and text.count("?") == 1
        and chunk.units[0].gap != "none"
        and nxt.first[:1].isupper()
        and not CITE_LIKE.search(text)
    )
    if wrap.wrapped and wrap.full(chunk.last) and not question and not (
        len(chunk.units) == 1 and (long_heading_line(text, nxt.first) or titled_line(text, nxt.first))
    ):
        return None
    m = NUMBERED_HEADING.match(text)
    if m and not _ENUM_LOWER.match(text):
        rest = m.group("rest")
        num = m.group("num").strip()  # as written, "I." and "Chapter 3:" included: writers print it so
        if rest[:1].isupper() or rest[:1] in "“\"‘'" or rest[:1].isalpha():
            if len(rest.split()) <= 16 and not rest.endswith(("?",)) or len(rest.split()) <= 10:
                if not text[m.end("num") : m.start("rest")]:
                    # "1.Introduction": kept as written, since writers print numbering + " " + text.
                    return HeadingGuess(text, None, "numbered", depth(num))
                return HeadingGuess(rest, num, "numbered", depth(num))
    if not re.match(r"^[\p{Lu}“\"‘'\d]", text):
        return None

    if text.endswith("?") and (len(words) > 24 or len(words) > 14 and (len(chunk.units) > 2 or not nxt.first[:1].isupper())):
        return None
    letters = re.sub(r"[^\p{L}]", "", text)
    if letters and letters.isupper() and len(letters) >= 3:
        return HeadingGuess(text, None, "caps", 1)
    if text.endswith(":"):
        ok = len(words) <= 3 or len(words) <= 6 and title_case(text)
        return HeadingGuess(text, None, "colon", 1) if ok else None
    # A plain short line. What follows must be prose (or another block), not a continuation.
    if nxt.first[:1].islower() and (nxt.units[0].gap == "none" or not title_case(text)):
        return None
    if not title_case(text) and ("," in text and len(chunk.units) == 1 or words[-1].lower() in CONNECTOR_END):
        return None
    if len(words) > 16 and chunk.units[0].gap == "none":
        return None
    if paragraph_first_line(text, chunk, nxt):
        # Rule paragraph-first-line: a line in sentence case with text straight above it and the rest of
        # its paragraph straight under it ("It is very commonly held that the two groups" / "Americans
        # are ...") starts prose. (Set apart by a blank line above, such a line is a statement heading.)
        return None
    if not wrap.wrapped and len(words) > 12 and not title_case(text):
        return None
    if not wrap.wrapped and nxt is not None and len(nxt.first) < 40 and not title_case(text):
        # Two short lines in a row in a one-line-per-paragraph text are more likely a list or poem.
        if not title_case(nxt.first):
            return None
    return HeadingGuess(text, None, "title" if title_case(text) else "plain", 1)


NUMBER_ONLY = re.compile(
    r"^(?:(?:chapter|part|section)\s+(?:\d+|[IVXLC]+)|(?!0\.[1-9])\d{1,2}(?:\.\d{1,2})+|\d{1,2}\.|[IVXLC]{1,5}\.)\s*[.:]?$",
    re.IGNORECASE,
    needs=((".", "chapter", "part", "section"),),
    twin=True,
)
_ENUM_LOWER = re.compile(r"^\(?[a-z]\)|^\d{1,2}\)")


def depth(num: str) -> int:
    n = num.strip().rstrip(".:").strip()
    low = n.lower()
    if low.startswith(("chapter", "part")):
        return 1
    if low.startswith("section"):
        return 2
    if re.fullmatch(r"\d+(?:\.\d+)*", n):
        parts = [p for p in n.split(".") if p]
        # "1.0" is a top-level number written with a zero.
        while len(parts) > 1 and parts[-1] == "0":
            parts.pop()
        return len(parts)
    if re.fullmatch(r"[A-H]", n):
        return 2
    if re.fullmatch(r"[IVXLC]+", n):
        return 1
    return 1


def title_case(text: str) -> bool:
    small = {"a", "an", "the", "and", "or", "of", "for", "in", "on", "to", "with", "at", "by", "from", "as", "vs", "its", "into", "is", "are"}
    words = re.findall(r"[\p{L}'’\-]+", text)
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in small)
    return caps >= 0.85 * len(words) and words[0][0].isupper()
