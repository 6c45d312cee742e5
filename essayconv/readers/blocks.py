"""Body structure: chunks into headings, paragraphs, lists, quotes and tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import regex as re

from ..model import Block, BlockQuote, Cite, Heading, Inline, ListBlock, ListItem, NoteRef, Paragraph, Preformatted, Text
from .chunks import BULLET, ENUM, Chunk, chunk_text, ends_sentence
from .headings import CAPTION, NUMBER_ONLY, NUMBERED_HEADING, HeadingGuess, depth, heading_of
from .layout import Wrap

InlineParser = Callable[[str, int], tuple[Inline, ...]]

_ABSTRACT_INLINE = re.compile(r"^(?P<h>abstract)\s*(?:[—–:]|-{1,2}|\.)\s*(?P<rest>\S.{40,})$", re.IGNORECASE)
_CAPTION_LABEL = re.compile(r"^(?:fig(?:ure)?\.?|table|chart|exhibit|plate)\s*(?:\d+|[IVXLC]+)[a-z]?\s*[.:]?$", re.IGNORECASE)


def _is_table_caption(text: str) -> bool:
    return bool(re.match(r"(?i)^table\s*(?:\d+|[IVXLC]+)", text)) and len(text.split()) <= 25


def _table_cell(chunk: Chunk, text: str) -> bool:
    # Table cells are short and are not sentences; prose resumes with a long or sentence-ending chunk.
    words = text.split()
    if len(chunk.units) > 3 or len(words) > 14:
        return False
    if _CAPTION_LABEL.match(text) or CAPTION.match(text) or _SECTION_NAMES.match(text):
        return False
    return not (len(words) >= 8 and re.search(r"[.!?]$", text))


def list_marker(text: str) -> tuple[str, str, bool] | None:
    """(marker, rest, ordered) when the text starts like a list item."""
    m = BULLET.match(text)
    if m and not text.startswith(("- -", "-- ")):
        return m.group("m"), text[m.end() :], False
    m = ENUM.match(text)
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
    parse = _line_exact(parse, chunks, known_words)
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
        if _CAPTION_LABEL.match(text) or CAPTION.match(text) and _is_table_caption(text):
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
                tabbed = j < len(chunks) and "\t" in chunks[j].first
                while end < len(chunks) and _table_cell(chunks[end], texts[end]):
                    if tabbed and "\t" not in chunks[end].first:
                        break  # tab-separated rows end where a line without tabs begins
                    end += 1
                if end > j:
                    blocks.append(Preformatted("\n".join(u.text for ch in chunks[j:end] for u in ch.units), chunks[j].line))
                j = end
            skip_until = j
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
            continue
        num_only = NUMBER_ONLY.match(text)
        if num_only and nxt is not None and k + 1 not in runs:
            after = chunks[k + 2] if k + 2 < len(chunks) else None
            h2 = heading_of(texts[k + 1], nxt, wrap, after)
            if h2 is not None and h2.numbering is None:
                # "Chapter 2" / "Introduction" or "3.1" / "AVASIM Overview": one numbered heading.
                num = num_only.group(0).rstrip(".: ")
                flush_list()
                blocks.append(Heading(depth(num), parse(h2.text, nxt.line), c.line, num))
                heading_kinds.append((len(blocks) - 1, "numbered"))
                in_abstract = bool(re.match(r"^abstract\b", h2.text, re.IGNORECASE))
                skip_until = k + 2
                continue
        h = heading_of(text, c, wrap, nxt)
        marker = list_marker(text) if c.marker is None else (c.marker, text, False)
        if h is not None and (marker is None or h.kind == "numbered" and _heading_not_item(h, chunks, k, texts)):
            flush_list()
            blocks.append(Heading(h.depth, parse(h.text, c.line), c.line, h.numbering))
            heading_kinds.append((len(blocks) - 1, h.kind))
            in_abstract = bool(re.match(r"^abstract\b", h.text, re.IGNORECASE))
            continue
        if marker is not None:
            mk, rest, ordered = marker
            if not items:
                list_line = c.line
                list_ordered = ordered
            items.append(ListItem(parse(rest, c.line), mk))
            continue
        flush_list()
        if is_table(c, text):
            blocks.append(Preformatted("\n".join(u.text for u in c.units), c.line))
            continue
        if CAPTION.match(text):
            blocks.append(Paragraph(parse(text, c.line), c.line, "caption"))
            continue
        if _is_quote(c, text, chunks, k):
            blocks.append(BlockQuote((Paragraph(parse(text, c.line), c.line),), c.line))
            continue
        blocks.append(Paragraph(parse(text, c.line), c.line, "abstract" if in_abstract else "body"))
        # An abstract is one paragraph (and perhaps a keywords line); without an "Introduction"
        # heading the essay proper follows directly.
        if in_abstract and not re.match(r"(?i)^key\s?words?\b", text):
            in_abstract = bool(nxt is not None and re.match(r"(?i)^key\s?words?\b", texts[k + 1]))
    flush_list()
    return _level_headings(blocks, heading_kinds)


_SECTION_NAMES = re.compile(
    r"^(?:abstract|introduction|background|methods?|materials(?:\s+and\s+methods?)?|results?|discussion|"
    r"conclusions?|summary|acknowledge?ments?|literature\s+review|analysis|recommendations?|limitations|"
    r"appendix(?:\s+\w+)?|references|bibliography|works\s+cited|notes|keywords?)\s*:?$",
    re.IGNORECASE,
)


def _is_fragment(c: Chunk, text: str) -> bool:
    if len(c.units) > 1 or c.marker is not None or _SECTION_NAMES.match(text) or BULLET.match(text) or _CAPTION_LABEL.match(text):
        return False
    words = text.split()
    if not words or len(words) > 6 or len(text) > 50:
        return False
    if NUMBERED_HEADING.match(text) and len(words) >= 2 and re.search(r"\p{L}{3,}", text):
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
        if frag[k] and NUMBER_ONLY.match(texts[k]) and _caps_heading(texts[k + 1]):
            frag[k] = False
    runs: dict[int, int] = {}
    k = 0
    while k < n:
        if not frag[k]:
            k += 1
            continue
        j = k + 1
        tabbed = "\t" in chunks[k].first
        # A run of cells ends where lines switch between tab-separated and not.
        while j < n and frag[j] and ("\t" in chunks[j].first) == tabbed:
            j += 1
        if j - k >= 3:
            start, end = k, j
            # A heading-like fragment between prose and the cells (or after them) stays a heading.
            if start > 0 and not frag[start - 1] and _plain_heading(texts[start]) and "\t" not in texts[start]:
                start += 1
            if end < n and not frag[end] and _plain_heading(texts[end - 1]) and "\t" not in texts[end - 1]:
                end -= 1
            if end - start >= 3:
                runs[start] = end
        k = j
    return runs


def _plain_heading(text: str) -> bool:
    return bool(re.match(r"^[\p{Lu}]", text)) and len(re.findall(r"\p{L}{4,}", text)) >= 2


def _line_exact(parse: InlineParser, chunks: list[Chunk], known_words: set[str]) -> InlineParser:
    """Wrap ``parse`` so that a citation in a joined paragraph gets the source line it starts on."""
    starts: dict[int, list[tuple[int, int]]] = {}
    for c in chunks:
        if len(c.units) > 1:
            offsets = []
            pos = 0
            for u in c.units:
                offsets.append((pos, u.no))
                pos += len(u.text) + 1
            starts[c.line] = offsets

    def parse_exact(text: str, line: int) -> tuple[Inline, ...]:
        nodes = parse(text, line)
        offsets = starts.get(line)
        if not offsets:
            return nodes
        out: list[Inline] = []
        pos = 0
        for node in nodes:
            if isinstance(node, Cite):
                at = max(no for start, no in offsets if start <= pos + 1)
                node = replace(node, line=at)
                pos += len(node.text)
            elif isinstance(node, Text):
                pos += len(node.text)
            elif isinstance(node, NoteRef):
                pos += len(node.mark)
            out.append(node)
        return tuple(out)

    return parse_exact


def _heading_not_item(h: HeadingGuess, chunks: list[Chunk], k: int, texts: list[str]) -> bool:
    # "1. Introduction" followed by prose is a heading; "1. Apples" followed by "2. Pears" is a list.
    nxt = texts[k + 1] if k + 1 < len(texts) else ""
    m = NUMBERED_HEADING.match(nxt)
    if m and ENUM.match(nxt) and len(nxt.split()) <= 8 and not re.match(r"^\d+\.\d", nxt):
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
        if before.endswith(":") or ends_sentence(before):
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
