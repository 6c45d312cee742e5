"""Body structure: wrapped lines into chunks, chunks into headings, paragraphs, lists, quotes and tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex as re

from ..model import Block, BlockQuote, Heading, Inline, ListBlock, ListItem, Paragraph, Preformatted
from .layout import Unit, Wrap, join_lines

InlineParser = Callable[[str, int], tuple[Inline, ...]]

_TERMINAL = (".", ",", ";", "!")
_BULLET = re.compile(r"^(?P<m>[•●▪◦·■□➢➤►✓\-–*o])\s+(?=\S)")
_BULLET_ONLY = re.compile(r"^[•●▪◦·■□➢➤►✓\-–*]$")
_ENUM = re.compile(r"^(?P<m>\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})\)|(?:\d{1,2}|[a-z])\.)\s+(?=\S)")
_NUMBERED_HEADING = re.compile(
    r"^(?P<num>(?:chapter|section|part)\s+(?:\d+|[IVXLC]+)[.:]?|\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.?(?=\s|\p{Lu})|"
    r"[IVXLC]{1,5}\.|[A-H]\.)\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_MARKDOWN = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<rest>\S.*?)\s*#*$")
_ABSTRACT_INLINE = re.compile(r"^(?P<h>abstract)\s*(?:[—–:]|-{1,2}|\.)\s*(?P<rest>\S.{40,})$", re.IGNORECASE)
_CAPTION = re.compile(r"^(?:figure|fig\.|table|chart|graph|plate|exhibit|map)\s*\d+[a-z]?\s*[.:—–-]", re.IGNORECASE)
_HEADING_PREFIX = re.compile(r"^(?:heading|section|subheading)\s*:\s*(?P<rest>\S.*)$", re.IGNORECASE)
_CAPTION_LABEL = re.compile(r"^(?:fig(?:ure)?\.?|table|chart|exhibit|plate)\s*(?:\d+|[IVXLC]+)[a-z]?\s*[.:]?$", re.IGNORECASE)


def _is_table_caption(text: str) -> bool:
    return bool(re.match(r"(?i)^table\s*(?:\d+|[IVXLC]+)", text)) and len(text.split()) <= 25


def _table_cell(chunk: "Chunk", text: str) -> bool:
    # Table cells are short and are not sentences; prose resumes with a long or sentence-ending chunk.
    words = text.split()
    if len(chunk.units) > 3 or len(words) > 14:
        return False
    if _CAPTION_LABEL.match(text) or _CAPTION.match(text):
        return False
    return not (len(words) >= 8 and re.search(r"[.!?]$", text))


_CITE_LIKE = re.compile(r"\([^()]*\b(?:1[6-9]\d\d|20\d\d)[a-z]?\)|\[\d")


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
            and _ends_sentence(prev.text)
            and _long_heading_line(u.text, nxt.text)
        ):
            # A page that starts with a full-width heading line.
            chunks.append(Chunk([u]))
        elif (
            len(chunks[-1].units) == 1
            and wrap.wrapped
            and _long_heading_line(prev.text, u.text)
            and (len(chunks) == 1 or prev.gap == "page" or prev.gap == "blank" and _ends_sentence(chunks[-2].last))
        ):
            # A full-width heading line directly above its paragraph ("Early maternal ... disease").
            chunks.append(Chunk([u]))
        else:
            chunks[-1].units.append(u)
    return _attach_bullets(chunks)


_CONNECTOR_END = frozenset(
    "a an the and or but of to in on at by for with from as that which who whose than into onto its their his her "
    "our your this these those is are was were be been being has have had not nor so such".split()
)


def _long_heading_line(text: str, nxt: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 16 or text.endswith((",", ";", ".", "-", ":", "!", "?")):
        return False
    if words[-1].lower() in _CONNECTOR_END or re.search(r"[.!?][\"”’')]*\s+\p{Lu}", text):
        return False
    if not re.match(r"^[\p{Lu}\d]", text) or not re.match(r"^[\p{Lu}]", nxt):
        return False
    if _CITE_LIKE.search(text) or "," in text or re.search(r"\(|\)", text):
        return False
    return True


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?:][\"”’')\]]*\d{0,2}$|[.!?][\"”’']?\s*\(\S[^()]*\)\.?$", text))


def _starts_new(prev: Unit, u: Unit, wrap: Wrap, chunk: Chunk) -> bool:
    if _BULLET_ONLY.match(prev.text) or _BULLET_ONLY.match(u.text):
        return True
    if not wrap.wrapped:
        return True
    if u.gap == "blank":
        # pdftotext sometimes leaves a blank line inside a paragraph; a lowercase start continues it.
        return not (not _ends_sentence(prev.text) and u.text[:1].islower() and not prev.text.endswith(":"))
    if u.text[:1].islower() and (prev.text.endswith("-") or not _ends_sentence(prev.text)):
        return False  # a sentence running on: "Self-" / "reported ...", "the" / "output"
    if not wrap.full(prev.text):
        return True
    if _ends_sentence(prev.text) and re.match(r"^[\p{Lu}“\"‘(\d]", u.text) and wrap.would_fit(prev.text, u.text.split()[0]):
        return True  # the next word would have fitted: the paragraph ended here
    if _ends_sentence(prev.text) and (_BULLET.match(u.text) or _ENUM.match(u.text) or _MARKDOWN.match(u.text)):
        return True
    if _ends_sentence(prev.text) and _heading_line(u.text, wrap):
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
        if len(c.units) == 1 and _BULLET_ONLY.match(c.first):
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


@dataclass(frozen=True, slots=True)
class HeadingGuess:
    text: str
    numbering: str | None
    kind: str  # "numbered", "markdown", "caps", "colon", "title", "plain"
    depth: int


def heading_of(text: str, chunk: Chunk, wrap: Wrap, nxt: Chunk | None, prev_kind: str | None) -> HeadingGuess | None:
    """The heading this chunk is, or None."""
    if len(chunk.units) > 3 or chunk.marker is not None:
        return None
    m = _MARKDOWN.match(text)
    if m and re.search(r"\p{L}{2,}", m.group("rest")):
        return HeadingGuess(m.group("rest"), None, "markdown", len(m.group("hashes")))
    m = _HEADING_PREFIX.match(text)
    if m and len(m.group("rest").split()) <= 15:
        return HeadingGuess(m.group("rest"), None, "title", 1)
    if nxt is None:
        return None
    words = text.split()
    if not words or len(words) > 22 or len(text) > 180:
        return None
    if _CAPTION.match(text) or _CITE_LIKE.search(text):
        return None
    if text.endswith(_TERMINAL) or text.endswith(("-", "—", "–")):
        return None
    if re.search(r"\s{3,}|\t", text):
        return None
    if re.search(r"[=+−×∑∫<>|^_{}\\]|\p{Sm}", text) or not re.search(r"\p{L}{4,}|\p{Lu}\p{Ll}{2}", text):
        return None  # equations and table labels ("RSred =", "PI", "AB")
    digits = sum(1 for w in words if re.fullmatch(r"[\d.,%±()\-–+/=<>]+", w))
    if digits > max(1, len(words) // 3):
        return None
    if wrap.wrapped and wrap.full(chunk.last) and not (len(chunk.units) == 1 and _long_heading_line(text, nxt.first)):
        return None
    m = _NUMBERED_HEADING.match(text)
    if m and not _ENUM_LOWER.match(text):
        rest = m.group("rest")
        num = m.group("num").rstrip(".: ").strip()
        if rest[:1].isupper() or rest[:1] in "“\"‘'" or rest[:1].isdigit() is False and rest[:1].isalpha():
            if len(rest.split()) <= 16 and not rest.endswith(("?",)) or len(rest.split()) <= 10:
                return HeadingGuess(rest, num, "numbered", _depth(num))
    if not re.match(r"^[\p{Lu}“\"‘'\d]", text):
        return None

    if text.endswith("?") and (len(words) > 24 or len(words) > 14 and (len(chunk.units) > 2 or not nxt.first[:1].isupper())):
        return None
    letters = re.sub(r"[^\p{L}]", "", text)
    if letters and letters.isupper() and len(letters) >= 3:
        return HeadingGuess(text, None, "caps", 1)
    if text.endswith(":"):
        ok = len(words) <= 3 or len(words) <= 6 and _title_case(text)
        return HeadingGuess(text, None, "colon", 1) if ok else None
    # A plain short line. What follows must be prose (or another block), not a continuation.
    if nxt.first[:1].islower() and (nxt.units[0].gap == "none" or not _title_case(text)):
        return None
    if not _title_case(text) and ("," in text and len(chunk.units) == 1 or words[-1].lower() in _CONNECTOR_END):
        return None
    if len(words) > 16 and chunk.units[0].gap == "none":
        return None
    if not wrap.wrapped and len(words) > 12 and not _title_case(text):
        return None
    if not wrap.wrapped and nxt is not None and len(nxt.first) < 40 and not _title_case(text):
        # Two short lines in a row in a one-line-per-paragraph text are more likely a list or poem.
        if not _title_case(nxt.first):
            return None
    return HeadingGuess(text, None, "title" if _title_case(text) else "plain", 1)


_NUMBER_ONLY = re.compile(r"^(?:(?:chapter|part|section)\s+(?:\d+|[IVXLC]+)|\d{1,2}(?:\.\d{1,2})+|\d{1,2}\.|[IVXLC]{1,5}\.)\s*[.:]?$", re.IGNORECASE)
_ENUM_LOWER = re.compile(r"^\(?[a-z]\)|^\d{1,2}\)")


def _depth(num: str) -> int:
    n = num.strip().rstrip(".")
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


def _title_case(text: str) -> bool:
    small = {"a", "an", "the", "and", "or", "of", "for", "in", "on", "to", "with", "at", "by", "from", "as", "vs", "its", "into", "is", "are"}
    words = re.findall(r"[\p{L}'’\-]+", text)
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in small)
    return caps >= 0.85 * len(words) and words[0][0].isupper()


def list_marker(text: str) -> tuple[str, str, bool] | None:
    """(marker, rest, ordered) when the text starts like a list item."""
    m = _BULLET.match(text)
    if m and not text.startswith(("- -", "-- ")):
        return m.group("m"), text[m.end() :], False
    m = _ENUM.match(text)
    if m:
        return m.group("m"), text[m.end() :], True
    return None


def is_table(chunk: Chunk, text: str) -> bool:
    """Rows of figures or aligned columns pasted as text."""
    if any("\t" in u.text or re.search(r"\S\s{3,}\S", u.text) for u in chunk.units) and len(chunk.units) >= 2:
        return True
    tokens = text.split()
    if len(tokens) < 6:
        return False
    numeric = sum(1 for t in tokens if re.fullmatch(r"[-+−]?[\d.,%]+[a-z%]?|[±=<>]", t))
    return numeric >= 0.5 * len(tokens)


def build_blocks(
    chunks: list[Chunk], wrap: Wrap, known_words: set[str], parse: InlineParser, *, back_matter: bool = False
) -> list[Block]:
    """Classify chunks and build model blocks; abstract paragraphs get role "abstract".

    ``back_matter``: material after the reference list (figure legends, links, appendices) is kept as
    caption paragraphs, never as headings or prose."""
    if back_matter:
        out: list[Block] = []
        for c in chunks:
            text = re.sub(r"\s*[*=#~_]{5,}$", "", chunk_text(c, known_words))
            if text:
                out.append(Paragraph(parse(text, c.line), c.line, "caption"))
        return out
    blocks: list[Block] = []
    in_abstract = False
    items: list[ListItem] = []
    list_line: int | None = None
    list_ordered = False
    heading_kinds: list[tuple[int, str]] = []

    def flush_list() -> None:
        nonlocal items, list_line
        if items:
            blocks.append(ListBlock(tuple(items), list_ordered, list_line))
        items = []
        list_line = None

    texts = [chunk_text(c, known_words) for c in chunks]
    runs = _fragment_runs(chunks, texts)
    prev_kind: str | None = None
    skip_until = -1
    for k, c in enumerate(chunks):
        if k < skip_until:
            continue
        if k in runs:
            # Table cells, equations and figure labels that pdftotext put one per line.
            flush_list()
            end = runs[k]
            blocks.append(Preformatted("\n".join(u.text for ch in chunks[k:end] for u in ch.units), c.line))
            skip_until = end
            prev_kind = "table"
            continue
        text = texts[k]
        nxt = chunks[k + 1] if k + 1 < len(chunks) else None
        m = _ABSTRACT_INLINE.match(text)
        if m:
            flush_list()
            blocks.append(Heading(1, parse(m.group("h"), c.line), c.line))
            heading_kinds.append((len(blocks) - 1, "abstract"))
            blocks.append(Paragraph(parse(m.group("rest"), c.line), c.line, "abstract"))
            in_abstract = True
            continue
        if _CAPTION_LABEL.match(text) or _CAPTION.match(text) and _is_table_caption(text):
            # "Fig. 7." over its caption, or "TABLE I" over its title: one caption; a table's cells follow.
            flush_list()
            cap = text
            j = k + 1
            if _CAPTION_LABEL.match(text) and nxt is not None and len(texts[k + 1].split()) <= 30 and k + 1 not in runs:
                cap = f"{text} {texts[k + 1]}"
                j = k + 2
            blocks.append(Paragraph(parse(cap, c.line), c.line, "caption"))
            if re.match(r"(?i)^table", text):
                end = j
                while end < len(chunks) and _table_cell(chunks[end], texts[end]):
                    end += 1
                if end > j:
                    blocks.append(Preformatted("\n".join(u.text for ch in chunks[j:end] for u in ch.units), chunks[j].line))
                j = end
            skip_until = j
            prev_kind = "caption"
            continue
        num_only = _NUMBER_ONLY.match(text)
        if num_only and nxt is not None and k + 1 not in runs:
            after = chunks[k + 2] if k + 2 < len(chunks) else None
            h2 = heading_of(texts[k + 1], nxt, wrap, after, prev_kind)
            if h2 is not None and h2.numbering is None:
                # "Chapter 2" / "Introduction" or "3.1" / "AVASIM Overview": one numbered heading.
                num = num_only.group(0).rstrip(".: ")
                flush_list()
                blocks.append(Heading(_depth(num), parse(h2.text, nxt.line), c.line, num))
                heading_kinds.append((len(blocks) - 1, "numbered"))
                in_abstract = bool(re.match(r"^abstract\b", h2.text, re.IGNORECASE))
                skip_until = k + 2
                prev_kind = "heading"
                continue
        h = heading_of(text, c, wrap, nxt, prev_kind)
        marker = list_marker(text) if c.marker is None else (c.marker, text, False)
        if h is not None and (marker is None or h.kind == "numbered" and _heading_not_item(h, chunks, k, texts)):
            flush_list()
            blocks.append(Heading(h.depth, parse(h.text, c.line), c.line, h.numbering))
            heading_kinds.append((len(blocks) - 1, h.kind))
            in_abstract = bool(re.match(r"^abstract\b", h.text, re.IGNORECASE))
            prev_kind = "heading"
            continue
        if marker is not None:
            mk, rest, ordered = marker
            if not items:
                list_line = c.line
                list_ordered = ordered
            items.append(ListItem(parse(rest, c.line), mk))
            prev_kind = "item"
            continue
        flush_list()
        if is_table(c, text):
            blocks.append(Preformatted("\n".join(u.text for u in c.units), c.line))
            prev_kind = "table"
            continue
        if _CAPTION.match(text):
            blocks.append(Paragraph(parse(text, c.line), c.line, "caption"))
            prev_kind = "caption"
            continue
        if (
            not any(isinstance(b, Paragraph) and b.role in ("body", "abstract") for b in blocks)
            and nxt is not None
            and is_attribution(texts[k + 1])
            and len(text.split()) <= 120
        ):
            # An epigraph: a quotation and its source before the essay proper begins.
            blocks.append(Paragraph(parse(text, c.line), c.line, "epigraph"))
            blocks.append(Paragraph(parse(texts[k + 1], nxt.line), nxt.line, "epigraph"))
            skip_until = k + 2
            prev_kind = "epigraph"
            continue
        if _is_quote(c, text, chunks, k):
            blocks.append(BlockQuote((Paragraph(parse(text, c.line), c.line),), c.line))
            prev_kind = "quote"
            continue
        blocks.append(Paragraph(parse(text, c.line), c.line, "abstract" if in_abstract else "body"))
        prev_kind = "para"
    flush_list()
    return _level_headings(blocks, heading_kinds)


_SECTION_NAMES = re.compile(
    r"^(?:abstract|introduction|background|methods?|materials(?:\s+and\s+methods?)?|results?|discussion|"
    r"conclusions?|summary|acknowledge?ments?|literature\s+review|analysis|recommendations?|limitations|"
    r"appendix(?:\s+\w+)?|references|bibliography|works\s+cited|notes|keywords?)\s*:?$",
    re.IGNORECASE,
)


def _is_fragment(c: Chunk, text: str) -> bool:
    if len(c.units) > 1 or c.marker is not None or _SECTION_NAMES.match(text) or _BULLET.match(text) or _CAPTION_LABEL.match(text):
        return False
    words = text.split()
    if not words or len(words) > 6 or len(text) > 50:
        return False
    if _NUMBERED_HEADING.match(text) and len(words) >= 2 and re.search(r"\p{L}{3,}", text):
        return False  # "3.1 Results", "II. METHODS"
    if re.search(r"[.!?;,]$", text) and not re.search(r"\d[.,]?$", text):
        return False
    return True


def _caps_heading(text: str) -> bool:
    return bool(re.search(r"\p{Lu}{5,}", text)) and re.sub(r"[^\p{L}]", "", text).isupper()


def _fragment_runs(chunks: list[Chunk], texts: list[str]) -> dict[int, int]:
    """Start index -> end index of runs of three or more fragment chunks."""
    n = len(chunks)
    frag = [_is_fragment(chunks[k], texts[k]) and not _caps_heading(texts[k]) for k in range(n)]
    for k in range(n - 1):
        # "1.0" over "DEFINITION": a heading number, not a table cell.
        if frag[k] and _NUMBER_ONLY.match(texts[k]) and _caps_heading(texts[k + 1]):
            frag[k] = False
    runs: dict[int, int] = {}
    k = 0
    while k < n:
        if not frag[k]:
            k += 1
            continue
        j = k
        while j < n and frag[j]:
            j += 1
        if j - k >= 3:
            start = k
            # A heading-like first fragment directly after prose stays a heading.
            if start > 0 and not _is_fragment(chunks[start - 1], texts[start - 1]) and _plain_heading(texts[start]):
                start += 1
            if j - start >= 3:
                runs[start] = j
        k = j
    return runs


def _plain_heading(text: str) -> bool:
    return bool(re.match(r"^[\p{Lu}]", text)) and len(re.findall(r"\p{L}{4,}", text)) >= 2


def _heading_not_item(h: HeadingGuess, chunks: list[Chunk], k: int, texts: list[str]) -> bool:
    # "1. Introduction" followed by prose is a heading; "1. Apples" followed by "2. Pears" is a list.
    nxt = texts[k + 1] if k + 1 < len(texts) else ""
    m = _NUMBERED_HEADING.match(nxt)
    if m and _ENUM.match(nxt) and len(nxt.split()) <= 8 and not re.match(r"^\d+\.\d", nxt):
        return False
    return True


_OPEN_QUOTE = re.compile(r"^[“\"‘]")
_QUOTE_END = re.compile(r"[”\"’]\s*(?:\([^()]{2,80}\))?\s*[.]?$")
_ATTRIBUTION = re.compile(r"^(?:[-—–]{1,2}|~)\s*\p{Lu}[\p{L}.'’\- ]{1,60}(?:,.{0,80})?$")


def _is_quote(c: Chunk, text: str, chunks: list[Chunk], k: int) -> bool:
    # Indented relative to its neighbours: a block quote pasted with its indentation.
    if c.units[0].indent >= 4 and all(u.indent >= 4 for u in c.units):
        neigh = [chunks[j] for j in (k - 1, k + 1) if 0 <= j < len(chunks)]
        if neigh and all(n.units[0].indent < 2 for n in neigh):
            return True
    # A quotation set apart: introduced by a colon, wholly inside quotation marks, and long.
    if _OPEN_QUOTE.match(text) and _QUOTE_END.search(text) and len(text.split()) >= 25 and k > 0:
        before = chunks[k - 1].last.rstrip()
        if before.endswith(":") or _ends_sentence(before):
            inner = text[1:]
            # Only one quotation: no closing-then-opening quote inside ("A” said B, “C”).
            return not re.search(r"[”\"]\s+[^“\"]{3,}[“\"]", inner[:-3])
    return False


def is_attribution(text: str) -> bool:
    """"-Frederick Winslow Taylor", "— Oscar Wilde, De Profundis": the source line of an epigraph."""
    return bool(_ATTRIBUTION.match(text))


def _level_headings(blocks: list[Block], kinds: list[tuple[int, str]]) -> list[Block]:
    # Unnumbered headings: ALL CAPS and markdown keep their rank; when both caps and other plain
    # headings occur, the plain ones sit one level below.
    has_caps = any(kind == "caps" for _, kind in kinds)
    has_plain = any(kind in ("title", "plain", "colon") for _, kind in kinds)
    if not (has_caps and has_plain):
        return blocks
    out = list(blocks)
    for idx, kind in kinds:
        b = out[idx]
        if isinstance(b, Heading) and kind in ("title", "plain", "colon"):
            out[idx] = Heading(2, b.content, b.line, b.numbering)
    return out
