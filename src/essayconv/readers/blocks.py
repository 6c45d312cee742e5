"""Body structure: chunks into headings, paragraphs, lists, quotes and tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container
from operator import itemgetter
from typing import TypeGuard

from msgspec.structs import replace

from ..model import (
    Block,
    BlockQuote,
    Cite,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    NoteRef,
    Paragraph,
    Preformatted,
    Text,
)
from . import _rx as rx
from . import trace
from .chunks import BULLET, CONNECTOR_END, ENUM, NUMBER_ALONE, TABLE_NOTE, Chunk, chunk_text, ends_sentence, math_line
from .headings import (
    CAPTION,
    NUMBER_ONLY,
    NUMBERED_HEADING,
    HeadingGuess,
    appendix_heading,
    code_comment,
    depth,
    heading_of,
    heading_rule,
    lone_heading,
    paragraph_first_line,
)
from .layout import Wrap
from .quotes import (
    body_measure,
    cited_after_colon,
    interview_answers,
    numbered_quotation,
    opening_measure,
    peel_quote_tails,
    quote_runs,
)

InlineParser = Callable[[str, int], tuple[Inline, ...]]

_ABSTRACT_INLINE = rx.compile(
    r"^(?P<h>abstract)\s*(?P<sep>[—–:]|-{1,2}|\.)\s*(?P<rest>\S.{40,})$",
    rx.IGNORECASE,
    gated=True,
)
# Lab reports run a section's name into its first line: "Methods: Thirty seedlings were ...".
_SECTION_INLINE = rx.compile(
    r"^(?P<h>introduction|background|methods?|materials\s+and\s+methods?|methods\s+and\s+materials|procedures?|"
    r"results?|discussion|results\s+and\s+discussion|conclusions?|summary|hypothesis|purpose|objectives?)"
    r"\s*(?P<sep>:)\s+(?P<rest>\p{Lu}.{15,})$",
    rx.IGNORECASE,
    gated=True,
)
_CAPTION_LABEL = rx.compile(
    r"^(?:fig(?:ure)?\.?|table|chart|exhibit|plate)\s*(?:\d+|[IVXLC]+)[a-z]?\s*[.:]?$",
    rx.IGNORECASE,
    gated=True,
    twin=True,
)


def _is_table_caption(text: str) -> bool:
    return bool(rx.match(r"(?i)^table\s*(?:\d+|[IVXLC]+)", text)) and len(text.split()) <= 25


def _table_cell(chunk: Chunk, text: str) -> bool:
    # Table cells are short and are not sentences; prose resumes with a long or sentence-ending chunk.
    words = text.split()
    if len(chunk.units) > 3 or len(words) > 14:
        return False
    if _CAPTION_LABEL.match(text) or CAPTION.match(text) or _SECTION_NAMES.match(text):
        return False
    return not (len(words) >= 8 and rx.search(r"[.!?]$", text))


def _detached_caption(chunk: Chunk, text: str) -> bool:
    # The caption text itself: a short line or two, not a section heading and not a full paragraph.
    if len(chunk.units) > 3 or len(text.split()) > 30 or _SECTION_NAMES.match(text) or NUMBERED_HEADING.match(text):
        return False
    if _caps_heading(text) or not rx.search(r"\p{L}{4,}", text):
        return False
    return not (len(text.split()) > 12 and rx.search(r"[.!?]$", text))


def list_marker(text: str) -> tuple[str, str, bool] | None:
    """(marker, rest, ordered) when the text starts like a list item."""
    m = BULLET.match(text)
    if m and not text.startswith(("- -", "-- ")):
        return m.group("m"), text[m.end() :], False
    m = ENUM.match(text)
    if m:
        return m.group("m"), text[m.end() :], True
    return None


_NUMERIC_TOKEN = rx.compile(r"[-+−]?[\d.,%]+[a-z%]?|[±=<>]")
# The ASCII characters a token that _NUMERIC_TOKEN matches can start with (besides non-ASCII ones: "−", "±"
# and the digits of other scripts).
_NUMERIC_FIRST = "0123456789+-.,%=<>"
_NUMERIC_FIRST_BYTES = _NUMERIC_FIRST.encode("ascii")


def _maybe_numeric(tokens: list[str]) -> int:
    """How many tokens start with a character a number token can start with: at least as many as
    _NUMERIC_TOKEN matches, counted without trying each token."""
    firsts = "".join(map(itemgetter(0), tokens))
    ascii_firsts = firsts.encode("ascii", "ignore")
    # (non-ASCII first characters, then the ASCII ones of _NUMERIC_FIRST: those the deletion takes)
    return len(firsts) - len(ascii_firsts.translate(None, _NUMERIC_FIRST_BYTES))


def is_table(chunk: Chunk, text: str, tokens: list[str] | None = None) -> bool:
    """Rows of figures or aligned columns pasted as text (``tokens``: ``text.split()``, when the caller has it)."""
    if len(chunk.units) >= 2 and any("\t" in u.text or _SPACED_COLUMNS.search(u.text) for u in chunk.units):
        return True
    if tokens is None:
        tokens = text.split()
    if len(tokens) < 6:
        return False
    if _maybe_numeric(tokens) < 0.5 * len(tokens):
        return False  # prose: too few tokens could be numbers
    numeric = sum(1 for t in tokens if _NUMERIC_TOKEN.fullmatch(t))
    return numeric >= 0.5 * len(tokens)


_SPACED_COLUMNS = rx.compile(r"\S\s{3,}\S")


def build_blocks(
    chunks: list[Chunk], wrap: Wrap, known_words: Container[str], parse: InlineParser, *, back_matter: bool = False
) -> list[Block]:
    """Classify chunks and build model blocks; abstract paragraphs get role "abstract".

    Each chunk (at the reader's cursor) goes to the first rule of _BLOCK_RULES that takes it; the rule
    builds its blocks and says where the cursor goes next. ``back_matter``: material after the reference
    list (figure legends, links, appendices) is kept as caption paragraphs, never as headings or prose."""
    parse = _line_exact(parse, chunks, known_words)
    if back_matter:
        return _back_matter(chunks, known_words, parse)
    r = _Reader(chunks, wrap, known_words, parse)
    tracing = trace.active()
    n = len(r.chunks)
    while r.k < n:
        k, made, listed = r.k, len(r.blocks), len(r.items)
        for name, rule in _BLOCK_RULES:  # (trace.first_rule, written out: it runs for every chunk)
            at = rule(r)
            if at is not None:
                break
        assert at is not None  # (the last rule, paragraph, takes every chunk)
        r.move(at)
        if tracing and name != "heading":  # (a heading's rule is heading_of's, in headings.py)
            _record(r, k, made, listed, name)
    r.flush_list()
    blocks, heading_kinds = _label_runs(r.blocks, r.heading_kinds)
    blocks, heading_kinds = lone_heading(blocks, heading_kinds)
    if wrap.wrapped:
        blocks = _rejoin_interrupted(blocks)
    blocks = _continuations(blocks)
    return _level_headings(blocks, heading_kinds)


def _record(r: _Reader, k: int, made: int, listed: int, name: str) -> None:
    """Trace the lines of the chunks rule ``name`` took (k up to the cursor). A chunk the paragraph rule
    keeps as the chunker read it keeps the chunker's rule, when it recorded one."""
    became = (
        _BECAME.get(type(r.blocks[-1]), "paragraph")
        if len(r.blocks) > made
        else "list"
        if len(r.items) > listed
        else None
    )
    if became is None:
        return
    lines = [u.no for c in r.chunks[k : r.k] for u in c.units]
    if name == "paragraph":
        prior = trace.current()
        lines = [n for n in lines if n not in prior]
    trace.record(lines, became, f"blocks.{name}")


_BECAME: dict[type, str] = {
    Heading: "heading",
    BlockQuote: "block-quote",
    ListBlock: "list",
    Preformatted: "preformatted",
}


def _back_matter(chunks: list[Chunk], known_words: Container[str], parse: InlineParser) -> list[Block]:
    # After the reference list: an appendix's heading, or a caption paragraph (legends, links, bios); under
    # an appendix heading, prose stays prose (appendix_prose).
    out: list[Block] = []
    in_appendix = False
    for c in chunks:
        text = rx.sub(r"\s*[*=#~_]{5,}$", "", chunk_text(c, known_words))
        if text and appendix_heading(c, text):
            out.append(Heading(1, parse(text, c.line), c.line))
            in_appendix = True
        elif text and in_appendix and c.marker is None and appendix_prose(text):
            out.append(Paragraph(parse(text, c.line), c.line))
            if trace.active():
                trace.record([u.no for u in c.units], "paragraph", "blocks.appendix-prose")
        elif text:
            out.append(Paragraph(parse(text, c.line), c.line, "caption"))
    return out


_PROSE_WORD = rx.compile(r"(?<![\p{L}\d])\p{Ll}{2,}(?![\p{L}\d])")


def appendix_prose(text: str) -> bool:
    """Rule "blocks.appendix-prose": under an appendix heading after the reference list, a paragraph of
    prose (a method described, an interview summarised, a derivation explained) is a paragraph of the
    paper, not a caption: twelve words or more, most of them lower-case words, ending a statement, and no
    figure or table label ("Figure 3. Yield by plot" stays a caption) nor list item (an interview guide's
    "• What was it like ...?" questions stay as they were)."""
    words = text.split()
    if len(words) < 12 or CAPTION.match(text) or BULLET.match(text) or ENUM.match(text):
        return False
    if not ends_sentence(text) or text.endswith("?"):
        return False
    return len(_PROSE_WORD.findall(text)) >= 0.6 * len(words)


class _Reader:
    """The state the block rules share: the chunks and their texts, what was found over all of them
    before reading (fragment runs, section numbers, quotations, speaker turns), the blocks built, the
    list being gathered, whether the abstract is open, the kinds of the headings built, and the cursor
    ``k`` (the chunk being read)."""

    def __init__(self, chunks: list[Chunk], wrap: Wrap, known_words: Container[str], parse: InlineParser) -> None:
        self.chunks = chunks
        self.wrap = wrap
        self.known_words = known_words
        self.parse = parse
        chunks = peel_quote_tails(chunks, wrap)
        self.chunks = chunks
        self.texts = [chunk_text(c, known_words) for c in chunks]
        self.runs = _fragment_runs(chunks, self.texts)
        self.numerals = _section_numerals(chunks, self.texts)
        self.numbers = _section_numbers(chunks, self.texts, wrap)
        self.turns = _speaker_turns(self.texts)
        runs = quote_runs(chunks, self.texts, wrap, is_table)
        self.quotes, self.exchanges = interview_answers(chunks, self.texts, wrap, runs)
        self.blocks: list[Block] = []
        self.items: list[ListItem] = []
        self.list_line: int | None = None
        self.list_ordered = False
        self.in_abstract = False
        self.heading_kinds: list[tuple[int, str]] = []
        self.k = 0
        self._guess: tuple[HeadingGuess | None] | None = None  # heading_of of the chunk at the cursor
        self._tokens: list[str] | None = None
        self.c: Chunk
        self.text: str
        self.nxt: Chunk | None
        self.move(0)

    def move(self, k: int) -> None:
        """Put the cursor on chunk ``k``: ``c``, ``text`` and ``nxt`` are the chunk there, its text and
        the chunk after it."""
        self.k = k
        self._guess = None
        self._tokens = None
        if k < len(self.chunks):
            self.c = self.chunks[k]
            self.text = self.texts[k]
            self.nxt = self.chunks[k + 1] if k + 1 < len(self.chunks) else None

    def after(self, j: int) -> Chunk | None:
        return self.chunks[j] if j < len(self.chunks) else None

    def guess(self) -> HeadingGuess | None:
        """heading_of for the chunk at the cursor (worked out once)."""
        if self._guess is None:
            prev = self.chunks[self.k - 1] if self.k else None
            if trace.active():  # (the veto rule's name too: "headings.quoted-line" kept this line prose)
                name, guess = heading_rule(self.text, self.c, self.wrap, self.nxt, prev)
                if guess is None:
                    trace.note((u.no for u in self.c.units), name)
                self._guess = (guess,)
            else:
                self._guess = (heading_of(self.text, self.c, self.wrap, self.nxt, prev),)
        return self._guess[0]

    def tokens(self) -> list[str]:
        """The words of the chunk at the cursor (split once, for the table and code tests)."""
        if self._tokens is None:
            self._tokens = self.text.split()
        return self._tokens

    def flush_list(self) -> None:
        if self.items:
            self.blocks.append(ListBlock(tuple(self.items), self.list_ordered, self.list_line))
        self.items = []
        self.list_line = None

    def add_heading(self, heading: Heading, kind: str) -> None:
        self.blocks.append(heading)
        self.heading_kinds.append((len(self.blocks) - 1, kind))

    def lines_text(self, start: int, end: int) -> str:
        return "\n".join(u.text for ch in self.chunks[start:end] for u in ch.units)


# The block rules. Each takes the reader at its cursor and, when the chunk there is its case, builds
# the blocks and answers where the cursor goes next (None: not its case).


def _section_numeral(r: _Reader) -> int | None:
    # "I" / "II" alone over the parts of an essay: the sections have no other titles.
    if r.k not in r.numerals:
        return None
    r.flush_list()
    r.add_heading(Heading(1, r.parse(r.text, r.c.line), r.c.line), "numbered")
    return r.k + 1


def _number_line_over_heading(r: _Reader) -> int | None:
    # "1" over "Introduction": one numbered heading.
    k = r.k
    if k not in r.numbers:
        return None
    r.flush_list()
    h2 = heading_of(r.texts[k + 1], r.chunks[k + 1], r.wrap, r.after(k + 2))
    assert h2 is not None
    r.add_heading(Heading(1, r.parse(h2.text, r.chunks[k + 1].line), r.c.line, r.text), "numbered")
    return k + 2


def _quote_measure(r: _Reader) -> int | None:
    # A block quotation or verse set to its own measure (readers/quotes.py, quote_runs).
    if r.k not in r.quotes:
        return None
    r.flush_list()
    end = r.quotes[r.k]
    r.blocks.append(_quote_block(r.chunks[r.k : end], r.texts[r.k : end], r.parse))
    return end


def _interview_question(r: _Reader) -> int | None:
    # The interviewer's question over an answer quoted: a paragraph of the text (readers/quotes.py,
    # interview_answers); the answer under it is the quotation.
    if r.k not in r.exchanges:
        return None
    r.flush_list()
    r.blocks.append(Paragraph(r.parse(r.text, r.c.line), r.c.line))
    return r.k + 1


def _interview_answer(r: _Reader) -> int | None:
    # The answer under an interviewer's question, quoted (readers/quotes.py, interview_answers).
    end = r.exchanges.get(r.k - 1, 0) if r.k else 0
    if end <= r.k:
        return None
    r.blocks.append(_quote_block(r.chunks[r.k : end], r.texts[r.k : end], r.parse))
    return end


def _quote_cited_after_colon(r: _Reader) -> int | None:
    # A quotation after "she writes:" closed by its citation, set nearly to the body's measure
    # (readers/quotes.py, cited_after_colon).
    if not cited_after_colon(r.chunks, r.texts, r.wrap, r.k) or is_table(r.c, r.text, r.tokens()):
        return None
    r.flush_list()
    r.blocks.append(_quote_block([r.c], [r.text], r.parse))
    return r.k + 1


def _numbered_quotation(r: _Reader) -> int | None:
    # A passage numbered "(3)" and closed by its citation (readers/quotes.py, numbered_quotation).
    if r.k == 0 or not numbered_quotation(r.text, r.texts[r.k - 1]):
        return None
    r.flush_list()
    r.blocks.append(_quote_block([r.c], [r.text], r.parse))
    return r.k + 1


def _fragment_run(r: _Reader) -> int | None:
    # Table cells, equations and figure labels that pdftotext put one per line.
    if r.k not in r.runs:
        return None
    r.flush_list()
    end = r.runs[r.k]
    r.blocks.append(Preformatted(r.lines_text(r.k, end), r.c.line))
    return end


def _inline_section(r: _Reader) -> int | None:
    # "Abstract: This study ..." / "Methods: Thirty seedlings ...": a heading and its first paragraph.
    # The heading as written: "Abstract:" keeps its colon, "Abstract—" is just "Abstract".
    m = _ABSTRACT_INLINE.match(r.text) or _SECTION_INLINE.match(r.text)
    if not m:
        return None
    c = r.c
    r.flush_list()
    name = m.group("h") + (":" if m.group("sep") == ":" else "")
    abstract = m.group("h").lower() == "abstract"
    r.add_heading(Heading(1, r.parse(name, c.line), c.line), "abstract" if abstract else "colon")
    r.blocks.append(Paragraph(r.parse(m.group("rest"), c.line), c.line, "abstract" if abstract else "body"))
    r.in_abstract = abstract
    return r.k + 1


def _caption_label(r: _Reader) -> int | None:
    # "Fig. 7." over its caption, or "TABLE I" over its title: one caption; a table's cells follow.
    k, c, text, nxt = r.k, r.c, r.text, r.nxt
    chunks, texts, runs = r.chunks, r.texts, r.runs
    if not (_CAPTION_LABEL.match(text) or CAPTION.match(text) and _is_table_caption(text)):
        return None
    r.flush_list()
    cap = text
    j = k + 1
    pre: Preformatted | None = None
    if _CAPTION_LABEL.match(text) and nxt is not None and len(texts[k + 1].split()) <= 30 and k + 1 not in runs:
        cap = f"{text} {texts[k + 1]}"
        j = k + 2
    elif _CAPTION_LABEL.match(text) and k + 1 in runs and runs[k + 1] < len(chunks):
        # Two-column PDFs print a figure's axis labels between "Fig. 11." and its caption.
        end = runs[k + 1]
        after = chunks[end]
        if (
            len(after.units) > 1
            and not r.wrap.full(after.first)
            and after.units[1].text[:1].islower()
            and _detached_caption(Chunk(after.units[:1]), after.first)
        ):
            # The caption, then the interrupted sentence running on in lower case.
            chunks[end] = Chunk(after.units[1:])
            texts[end] = chunk_text(chunks[end], r.known_words)
            pre = Preformatted(r.lines_text(k + 1, end), chunks[k + 1].line)
            cap = f"{text} {after.first}"
            j = end
        elif _detached_caption(chunks[end], texts[end]):
            pre = Preformatted(r.lines_text(k + 1, end), chunks[k + 1].line)
            cap = f"{text} {texts[end]}"
            j = end + 1
    if pre is not None:
        r.blocks.append(pre)
    r.blocks.append(Paragraph(r.parse(cap, c.line), c.line, "caption"))
    if rx.match(r"(?i)^table", text):
        end = j
        tabbed = j < len(chunks) and "\t" in chunks[j].first
        while end < len(chunks) and _table_cell(chunks[end], texts[end]):
            if tabbed and "\t" not in chunks[end].first:
                break  # tab-separated rows end where a line without tabs begins
            end += 1
        if end > j:
            r.blocks.append(Preformatted(r.lines_text(j, end), chunks[j].line))
        j = end
    return j


def _opening_quote(r: _Reader) -> int | None:
    # A quotation standing before the essay proper, as a motto: a few lines closed by its citation after
    # the full stop ("... outrunning support for them. (p. 1)"), or set to a narrower measure than the
    # body's. (A long first paragraph that ends so has a quotation run into its end: it is prose.)
    c, text = r.c, r.text
    if len(c.units) < 2 or not 15 <= len(text.split()) <= 100 or not rx.match(r"^[\p{Lu}“\"‘…]", text):
        return None
    cited = text.endswith((")", ").")) and _cite_after_stop(text)
    if not (cited or opening_measure(c, r.wrap)):
        return None
    if any(isinstance(b, Paragraph) and b.role in ("body", "abstract") for b in r.blocks):
        return None
    r.blocks.append(BlockQuote((Paragraph(r.parse(text, c.line), c.line),), c.line))
    return r.k + 1


def _epigraph(r: _Reader) -> int | None:
    # A quotation and its source ("- Oscar Wilde") before the essay proper begins: a quotation set apart,
    # so a BlockQuote (as TEI's <epigraph> holds a <quote>), whose two paragraphs have the epigraph role.
    nxt = r.nxt
    if (
        nxt is None
        or not is_attribution(r.texts[r.k + 1])
        or len(r.text.split()) > 120
        or any(isinstance(b, Paragraph) and b.role in ("body", "abstract") for b in r.blocks)
    ):
        return None
    quote = Paragraph(r.parse(r.text, r.c.line), r.c.line, "epigraph")
    source = Paragraph(r.parse(r.texts[r.k + 1], nxt.line), nxt.line, "epigraph")
    r.blocks.append(BlockQuote((quote, source), r.c.line))
    return r.k + 2


def _number_over_heading(r: _Reader) -> int | None:
    # "Chapter 2" / "Introduction" or "3.1" / "AVASIM Overview": one numbered heading.
    k, nxt = r.k, r.nxt
    num_only = NUMBER_ONLY.match(r.text)
    if not num_only or nxt is None or k + 1 in r.runs:
        return None
    h2 = heading_of(r.texts[k + 1], nxt, r.wrap, r.after(k + 2))
    if h2 is None or h2.numbering is not None:
        return None
    num = num_only.group(0).strip()
    r.flush_list()
    r.add_heading(Heading(depth(num), r.parse(h2.text, nxt.line), r.c.line, num), "numbered")
    r.in_abstract = bool(rx.match(r"^abstract\b", h2.text, rx.IGNORECASE))
    return k + 2


def _code_comment(r: _Reader) -> int | None:
    # "# Select the sound" among the lines of a script (headings.code_comment): the code's comment, kept
    # as laid out with it, not a heading nor a paragraph.
    prev = r.chunks[r.k - 1] if r.k else None
    if not code_comment(r.text, r.c, prev, r.nxt):
        return None
    r.flush_list()
    r.blocks.append(Preformatted("\n".join(u.text for u in r.c.units), r.c.line))
    return r.k + 1


def _equation(r: _Reader) -> int | None:
    # Equations, equation numbers ("(1)") and axis labels are kept as they were laid out.
    c = r.c
    if not all(math_line(u.text) for u in c.units):
        return None
    r.flush_list()
    r.blocks.append(Preformatted("\n".join(([c.marker] if c.marker else []) + [u.text for u in c.units]), c.line))
    return r.k + 1


def _paragraph_first_line(r: _Reader) -> int | None:
    # A line that is the start of the paragraph under it (headings.paragraph_first_line): one paragraph.
    # The chunk joins the next one, which the rules then read.
    k, c, text, nxt = r.k, r.c, r.text, r.nxt
    if nxt is None or k + 1 in r.runs or k + 1 in r.numbers or nxt.marker is not None:
        return None
    if not (
        len(c.units) <= 2
        and not text.endswith((",", ";"))  # (a sentence introducing a quotation set apart under it)
        and r.guess() is None
        and paragraph_first_line(text, c, nxt)
        and not ends_sentence(text)
        and not all(math_line(u.text) for u in nxt.units)
    ):
        return None
    r.chunks[k + 1] = Chunk(c.units + nxt.units, c.marker)
    r.texts[k + 1] = chunk_text(r.chunks[k + 1], r.known_words)
    return k + 1


def _formula_label_guess(r: _Reader) -> bool:
    # "Relative Tolerances:" over a formula: a label of the formula, not a section.
    h, nxt = r.guess(), r.nxt
    return (
        h is not None
        and h.kind not in ("numbered", "markdown")
        and nxt is not None
        and all(math_line(u.text) for u in nxt.units)
        and not _SECTION_NAMES.match(r.text)
    )


def _formula_label(r: _Reader) -> int | None:
    # The label of a formula, without a full stop: kept with the formula's lines.
    if not _formula_label_guess(r) or rx.search(r"[.!?]$", r.text):
        return None
    r.flush_list()
    r.blocks.append(Preformatted(r.text, r.c.line))
    return r.k + 1


def _heading_here(r: _Reader) -> HeadingGuess | None:
    """The heading the chunk at the cursor is, after the rules that turn heading_of's guess away: a
    formula's label, a line running on from prose (rule line-inside-prose), a speaker's turn."""
    h = r.guess()
    if h is None or _formula_label_guess(r):
        return None
    if h.kind not in ("numbered", "markdown") and (_continues_prose(r.chunks, r.k) or r.k in r.turns):
        return None
    return h


def _marker(r: _Reader) -> tuple[str, str, bool] | None:
    c = r.c
    return list_marker(r.text) if c.marker is None else (c.marker, r.text, False)


def _heading(r: _Reader) -> int | None:
    # A section heading (headings.heading_of); "1. Introduction" over prose is one, "1. Apples" over
    # "2. Pears" is a list item.
    h = _heading_here(r)
    if h is None:
        return None
    if _marker(r) is not None and not (h.kind == "numbered" and _heading_not_item(h, r.chunks, r.k, r.texts)):
        return None
    r.flush_list()
    r.add_heading(Heading(h.depth, r.parse(h.text, r.c.line), r.c.line, h.numbering), h.kind)
    trace.record((u.no for u in r.c.units), "heading", h.rule)  # the heading rule that accepted it
    r.in_abstract = bool(rx.match(r"^abstract\b", h.text, rx.IGNORECASE))
    return r.k + 1


def _axis_sign(r: _Reader) -> int | None:
    # "-" over "VerticalAcc": the sign and label of a chart axis, not a one-word list.
    marker, c = _marker(r), r.c
    if not (
        marker is not None
        and r.wrap.wrapped
        and not r.items
        and len(marker[1].split()) <= 1
        and r.blocks
        and isinstance(r.blocks[-1], Preformatted)
    ):
        return None
    r.blocks.append(Preformatted("\n".join(([c.marker] if c.marker else []) + [u.text for u in c.units]), c.line))
    return r.k + 1


def _numbered_paragraph(r: _Reader) -> int | None:
    # "4." / "Essentially, the first question we would like to analyze is ... . It ...": a number alone on
    # its line (pdftotext puts a paragraph's number on a line of its own when a tab follows it) over prose
    # that runs on for three lines or more to a finished sentence is one numbered paragraph, number kept.
    # (A number over a heading was taken by number-over-heading; over an item of a line or two it is left
    # to the rules below.)
    k, c, nxt = r.k, r.c, r.nxt
    if nxt is None or len(c.units) != 1 or c.marker is not None or not NUMBER_ALONE.match(c.first) or k + 1 in r.runs:
        return None
    if len(nxt.units) < 3 or not ends_sentence(nxt.last) or not rx.match(r"^[\p{Lu}“\"‘]\p{L}", nxt.first):
        return None
    if list_marker(r.texts[k + 1]) is not None or CAPTION.match(r.texts[k + 1]):
        return None
    if k > 0 and len(r.chunks[k - 1].units) == 1 and NUMBER_ALONE.match(r.chunks[k - 1].first):
        return None  # "e." / "f." / "g.": the last of a run of labels (a figure's parts), not a paragraph's number
    r.flush_list()
    text = f"{c.first} {r.texts[k + 1]}"
    r.blocks.append(Paragraph(r.parse(text, c.line), c.line, "abstract" if r.in_abstract else "body"))
    return k + 2


def _list_item(r: _Reader) -> int | None:
    # A bulleted or numbered item: gathered into the open list.
    marker = _marker(r)
    if marker is None:
        return None
    mk, rest, ordered = marker
    if not r.items:
        r.list_line = r.c.line
        r.list_ordered = ordered
    r.items.append(ListItem(r.parse(rest, r.c.line), mk))
    return r.k + 1


def _table(r: _Reader) -> int | None:
    # Rows of figures or aligned columns pasted as text.
    r.flush_list()
    if not is_table(r.c, r.text, r.tokens()):
        return None
    r.blocks.append(Preformatted("\n".join(u.text for u in r.c.units), r.c.line))
    return r.k + 1


def _caption(r: _Reader) -> int | None:
    # "Figure 2. Growth by week": a caption paragraph.
    if not CAPTION.match(r.text):
        return None
    r.blocks.append(Paragraph(r.parse(r.text, r.c.line), r.c.line, "caption"))
    return r.k + 1


def _table_note(r: _Reader) -> int | None:
    # "Source: Census of Population, 2000." / "Notes: ** significant at 1%." straight under a table's or a
    # figure's block: the table's note, set with its caption, not a paragraph of the text.
    if not (TABLE_NOTE.match(r.text) and _material_before(r)):
        return None
    r.blocks.append(Paragraph(r.parse(r.text, r.c.line), r.c.line, "caption"))
    return r.k + 1


def _codes(r: _Reader) -> int | None:
    # "Aj14* Ca06* Cb04 Da05*": codes, tags or cells, not sentences.
    if not _codes_not_words(r.text, r.tokens()):
        return None
    r.blocks.append(Preformatted("\n".join(u.text for u in r.c.units), r.c.line))
    return r.k + 1


def _stray_label_word(r: _Reader) -> int | None:
    # A stray word among a figure's or a table's labels ("effect" under a column of numbers).
    text = r.text
    if not (
        r.wrap.wrapped
        and len(text.split()) <= 2
        and not rx.search(r"[.!?:\"”’)]$", text)
        and any(isinstance(b, Preformatted) for b in r.blocks[-1:])
    ):
        return None
    r.blocks.append(Preformatted(text, r.c.line))
    return r.k + 1


def _cell_between_blocks(r: _Reader) -> int | None:
    # A short line between two pieces of a table, a figure or program output ("work varies contractors'"
    # between two runs of cells, "[pat] pig's feet" between two rows of symbols): a cell of the same
    # material, not a paragraph (_cell_text says which lines stay prose); headings were taken by the
    # heading rule before.
    if not (
        len(r.c.units) <= 3
        and r.c.marker is None
        and _cell_text(r.text)
        and _material_before(r)
        and _material_at(r, r.k + 1)
    ):
        return None
    r.blocks.append(Preformatted(r.text, r.c.line))
    return r.k + 1


def _cell_text(text: str) -> bool:
    # Short, and no sentence: sentences, list items ending in ";", lines introducing what follows ("Based
    # on the equations above:") and prose cut at a connector ("... that and") stay prose.
    words = text.split(None, 7)  # (eight pieces: more than seven words)
    return 0 < len(words) <= 7 and not rx.search(r"[.!?:;\"”’]$", text) and words[-1].lower() not in CONNECTOR_END


# A speaker's label over a turn of a dialogue ("M", "I", "JS"): what follows it is prose.
_SPEAKER_LABEL = rx.compile(r"\p{Lu}{1,2}")


def _material(b: Block | None) -> bool:
    # A table's, a figure's or a formula's block: preformatted text or a caption (not a speaker's label).
    if isinstance(b, Paragraph) and b.role == "caption":
        return not _SPEAKER_LABEL.fullmatch(_plain_text(b.content).strip())
    return isinstance(b, Preformatted) and not _SPEAKER_LABEL.fullmatch(b.text.strip())


def cells_between_material(blocks: list[Block]) -> tuple[list[Block], list[int]]:
    """Rule blocks.cell-between-captions: once the labeller has set a table's labels as captions
    (readers/linelabel.py), up to three short body paragraphs of plain text between two such blocks, one
    of them preformatted ("90 females & 89 males" between a column label and the column's figures), are
    cells of the table (_cell_text), as _cell_between_blocks makes them while reading. Answers the
    blocks and the indexes of those changed."""
    out = list(blocks)
    changed: list[int] = []
    cell = [_cell_paragraph(b) for b in blocks]
    i = 1
    while i < len(blocks) - 1:
        if not cell[i]:
            i += 1
            continue
        j = i
        while j < len(blocks) and cell[j]:
            j += 1
        prev, nxt = blocks[i - 1], blocks[j] if j < len(blocks) else None
        if j - i <= _MAX_CELLS and _material(prev) and _material(nxt) and Preformatted in (type(prev), type(nxt)):
            for k in range(i, j):
                out[k] = Preformatted(_plain_text(blocks[k].content), blocks[k].line)  # type: ignore[union-attr]
                changed.append(k)
        i = j
    return out, changed


_MAX_CELLS = 3  # more short lines in a row than this are prose (a dialogue, a poem), not a table's cells


def short_line_runs(blocks: list[Block]) -> tuple[list[Block], list[int]]:
    """Rule blocks.short-line-run: in a PDF copy, three or more body paragraphs in a row of at most
    ``_SHORT_LINE_WORDS`` words each, plain text all (no citation, no note mark), are lines whose breaks
    matter, not paragraphs: a table's rows or a program's output the table rules did not take ("PSG score:
    4.13" / "GvH: von Heijne's method" / ...), a poem quoted line by line ("Take up the burden of the" /
    "Send forth the best ..." / ...), a codebook's values, an interview's speaker turns. Prose seldom
    sets three such short paragraphs running. Each run becomes one preformatted block, a line per
    paragraph. Answers the blocks and the indexes (in the blocks given) of the paragraphs taken."""
    short = [_short_line(b) for b in blocks]
    out: list[Block] = []
    taken: list[int] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and short[j]:
            j += 1
        if j - i >= _SHORT_LINE_RUN:
            lines = [_plain_text(b.content) for b in blocks[i:j]]  # type: ignore[union-attr]
            out.append(Preformatted("\n".join(lines), blocks[i].line))
            taken.extend(range(i, j))
            i = j
            continue
        out.extend(blocks[i : max(j, i + 1)])
        i = max(j, i + 1)
    return out, taken


_SHORT_LINE_WORDS = 10
_SHORT_LINE_RUN = 3


def _plain_body(b: Block) -> TypeGuard[Paragraph]:
    # a body paragraph of plain text: no citation, no note mark, no emphasis
    return isinstance(b, Paragraph) and b.role == "body" and all(isinstance(n, Text) for n in b.content)


def _short_line(b: Block) -> bool:
    # (a line ending in a colon leads into what follows, "The song begins:": prose, whatever its length)
    if _plain_body(b):
        text = _plain_text(b.content)
        return len(text.split()) <= _SHORT_LINE_WORDS and not text.endswith(":")
    return False


def _cell_paragraph(b: Block) -> bool:
    # a body paragraph of plain text that reads as a cell
    return _plain_body(b) and _cell_text(_plain_text(b.content))


def _material_before(r: _Reader) -> bool:
    # The block before is a table's, a figure's or a formula's (a speaker's label "M" alone is not).
    return _material(r.blocks[-1] if r.blocks else None)


def _material_at(r: _Reader, j: int) -> bool:
    # Chunk j starts a run of cells, is a formula, a row of figures or a caption.
    if j >= len(r.chunks):
        return False
    c, text = r.chunks[j], r.texts[j]
    if j in r.runs or is_table(c, text) or CAPTION.match(text) or _CAPTION_LABEL.match(text):
        return True
    return all(math_line(u.text) for u in c.units) and not _SPEAKER_LABEL.fullmatch(text)


def _quote_set_apart(r: _Reader) -> int | None:
    # A quotation set apart by its indentation, its closing citation or its quotation marks (_is_quote).
    if not _is_quote(r.c, r.text, r.chunks, r.k, r.wrap):
        return None
    r.blocks.append(BlockQuote((Paragraph(r.parse(r.text, r.c.line), r.c.line),), r.c.line))
    return r.k + 1


def _paragraph(r: _Reader) -> int | None:
    # Prose: a body paragraph, or the abstract's. An abstract is one paragraph (and perhaps a keywords
    # line); without an "Introduction" heading the essay proper follows directly.
    text = r.text
    r.blocks.append(Paragraph(r.parse(text, r.c.line), r.c.line, "abstract" if r.in_abstract else "body"))
    if r.in_abstract and not rx.match(r"(?i)^key\s?words?\b", text):
        r.in_abstract = bool(r.nxt is not None and rx.match(r"(?i)^key\s?words?\b", r.texts[r.k + 1]))
    return r.k + 1


_BLOCK_RULES: list[tuple[str, Callable[[_Reader], int | None]]] = [
    ("section-numeral", _section_numeral),
    ("number-line-over-heading", _number_line_over_heading),
    ("quote-measure", _quote_measure),
    ("interview-question", _interview_question),
    ("interview-answer", _interview_answer),
    ("quote-cited-after-colon", _quote_cited_after_colon),
    ("numbered-quotation", _numbered_quotation),
    ("fragment-run", _fragment_run),
    ("inline-section", _inline_section),
    ("caption-label", _caption_label),
    ("epigraph", _epigraph),
    ("opening-quote", _opening_quote),
    ("number-over-heading", _number_over_heading),
    ("numbered-paragraph", _numbered_paragraph),
    ("code-comment", _code_comment),
    ("equation", _equation),
    ("paragraph-first-line", _paragraph_first_line),
    ("formula-label", _formula_label),
    ("heading", _heading),
    ("axis-sign", _axis_sign),
    ("list-item", _list_item),
    # (from here on the open list is closed: _table flushes it)
    ("table", _table),
    ("caption", _caption),
    ("table-note", _table_note),
    ("codes", _codes),
    ("stray-label-word", _stray_label_word),
    ("cell-between-blocks", _cell_between_blocks),
    ("quote-set-apart", _quote_set_apart),
    ("paragraph", _paragraph),
]


def _quote_block(chunks: list[Chunk], texts: list[str], parse: InlineParser) -> BlockQuote:
    # One paragraph for each chunk, except where the chunker cut the quotation at a full line of its
    # measure (a sentence ending at the line's end): that is one paragraph going on.
    full = max(len(u.text) for c in chunks for u in c.units)
    paras: list[tuple[str, int]] = []
    prev_last = ""
    for c, t in zip(chunks, texts):
        if paras and len(c.units) > 1 and len(prev_last) >= 0.8 * full:
            paras[-1] = (f"{paras[-1][0]} {t}", paras[-1][1])
        else:
            paras.append((t, c.line))
        prev_last = c.last
    return BlockQuote(tuple(Paragraph(parse(t, line), line) for t, line in paras), chunks[0].line)


def _label_runs(blocks: list[Block], kinds: list[tuple[int, str]]) -> tuple[list[Block], list[tuple[int, str]]]:
    """Three or more unnumbered "headings" in a row with nothing under them are the labels of a
    diagram pasted as text ("Word name" / "link to next word" / ...), unless they are a table of
    contents (the same titles come back as headings later)."""
    kind_of = dict(kinds)
    plain = {i for i, kd in kinds if kd in ("title", "plain", "colon")}
    texts = {i: _plain_text(b.content) for i, b in enumerate(blocks) if isinstance(b, Heading)}
    # the heading texts from block j on, kept as j moves forward (a set rebuilt for every run made a
    # paper of thousands of headings take quadratic time)
    later = Counter(texts.values())
    passed = iter(sorted(texts))
    next_heading = next(passed, len(blocks))
    out = list(blocks)
    i = 0
    while i < len(blocks):
        if i not in plain:
            i += 1
            continue
        j = i
        run = []
        while j < len(blocks) and (j in plain or isinstance(blocks[j], Preformatted)):
            if j in plain:
                run.append(j)
            j += 1
        while next_heading < j:
            later[texts[next_heading]] -= 1
            next_heading = next(passed, len(blocks))
        # Headings over subheadings ("Results" / "Study 1" / "Descriptive Statistics") are in title
        # case and differ; labels repeat or are not capitalised ("link to next word").
        labels = len({texts[r] for r in run}) < len(run) or any(kind_of.get(r) == "plain" for r in run)
        if len(run) >= 3 and labels and not any(later[texts[r]] > 0 for r in run):
            for r in run:
                h = blocks[r]
                assert isinstance(h, Heading)
                out[r] = Preformatted(texts[r], h.line)
                kind_of.pop(r, None)
        i = j
    return out, sorted(kind_of.items())


_PLAIN_WORD = rx.compile(r"[(“\"‘'\[]?\p{L}[\p{L}\p{M}'’\-]*[.,;:!?)\"”’'\]]*")


def _codes_not_words(text: str, tokens: list[str] | None = None) -> bool:
    if tokens is None:
        tokens = text.split()
    if len(tokens) < 3:
        return False
    # A token of ASCII letters only is a plain word: counting those bounds the plain words from below.
    if sum(map(str.isascii, filter(str.isalpha, tokens))) >= 0.3 * len(tokens):
        return False  # prose: enough plain words without trying each token
    plain = sum(1 for t in tokens if _PLAIN_WORD.fullmatch(t))
    return plain < 0.3 * len(tokens)


def _plain_text(content: tuple[Inline, ...]) -> str:
    return "".join(getattr(n, "text", "") or getattr(n, "mark", "") for n in content)


# How many blocks back a paragraph interrupted by displays (equations, figures, captions) is looked for
_LOOK_BACK = 16

# A paragraph's text starting with a lower-case word ("where", "and", "which"): not a sentence's start
_LOWER_START = rx.compile(r"^\p{Ll}\p{L}")


def _continuations(blocks: list[Block]) -> list[Block]:
    """Rule "blocks.continuation": a body paragraph starting with a lower-case word right after a display (an
    equation, a table set in the text, a block quotation) goes on with the paragraph the display interrupted
    ("The strain is:" / S = sT + gD (1) / "where S is strain, s ..."): the same paragraph, so it is set flush
    left and not counted as a new one (role "continuation"). There must be a paragraph before the display(s)
    for it to go on with (captions and further displays between are passed over). Blocks keep their order
    and text: an equation stays where the student put it."""
    out = list(blocks)
    for i in range(1, len(out)):
        b = out[i]
        if not (
            isinstance(b, Paragraph)
            and b.role == "body"
            and isinstance(out[i - 1], Preformatted | BlockQuote)
            and _LOWER_START.match(_plain_text(b.content))
        ):
            continue
        host = next((x for x in reversed(out[max(0, i - _LOOK_BACK) : i]) if not _display_or_caption(x)), None)
        if isinstance(host, Paragraph) and host.role in ("body", "abstract", "continuation"):
            out[i] = Paragraph(b.content, b.line, "continuation")
    return out


def _display_or_caption(b: Block) -> bool:
    return isinstance(b, Preformatted | BlockQuote) or (isinstance(b, Paragraph) and b.role == "caption")


def _rejoin_interrupted(blocks: list[Block]) -> list[Block]:
    """A paragraph that a figure or a column break cut in two, put back together.

    In a PDF copy a figure's labels and caption (or, in two columns, the other column) can land in
    the middle of a sentence; the rest of the paragraph then starts in lower case after them. It
    joins the latest unfinished paragraph before the figure; the figure material follows it."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Paragraph) and b.role == "body" and _plain_text(b.content)[:1].islower():
            target = None
            figure = False
            for j in range(len(out) - 1, max(-1, len(out) - _LOOK_BACK), -1):
                prev = out[j]
                if isinstance(prev, Heading | ListBlock | BlockQuote):
                    break
                if isinstance(prev, Preformatted):
                    continue  # an equation alone does not move: "where x is ..." stays after it
                if isinstance(prev, Paragraph) and prev.role == "caption":
                    figure = True
                    continue
                if isinstance(prev, Paragraph) and prev.role == "body":
                    if not ends_sentence(_plain_text(prev.content).rstrip()):
                        target = j
                        break
                    continue  # in two columns a whole paragraph of the other column may come between
                break
            if target is not None and figure:
                host = out[target]
                assert isinstance(host, Paragraph)
                out[target] = Paragraph(host.content + (Text(" "),) + b.content, host.line, host.role)
                continue
        out.append(b)
    return out


_SECTION_NAMES = rx.compile(
    r"^(?:abstract|introduction|background|methods?|materials(?:\s+and\s+methods?)?|methods\s+and\s+materials|"
    r"results?(?:\s+and\s+discussion)?|discussion|conclusions?(?:\s+and\s+recommendations?)?|summary|"
    r"executive\s+summary|acknowledge?ments?|literature\s+review|analysis|recommendations?|limitations|"
    r"procedures?|experimental(?:\s+(?:procedures?|methods?|design|setup))?|objectives?|hypothes[ie]s|apparatus|"
    r"appendix(?:\s+\w+)?|references|bibliography|works\s+cited|notes|keywords?)\s*:?$",
    rx.IGNORECASE,
    gated=True,
)


def _is_fragment(c: Chunk, text: str) -> bool:
    # the length tests first: most chunks are prose, which they turn away without trying a pattern
    if len(c.units) > 1 or c.marker is not None or len(text) > 50:
        return False
    words = text.split()
    if not words or len(words) > 6:
        return False
    if _SECTION_NAMES.match(text) or BULLET.match(text) or _CAPTION_LABEL.match(text):
        return False
    if NUMBERED_HEADING.match(text) and len(words) >= 2 and rx.search(r"\p{L}{3,}", text):
        return False  # "3.1 Results", "II. METHODS"
    # a cell may end on a figure ("12.5,") or on an abbreviation with a dot inside it ("m.u.", "Std.Dev."),
    # a sentence on neither
    if rx.search(r"[.!?;,]$", text) and not rx.search(r"\d[.,]?$|(?<!\S)\p{L}{1,4}\.\p{L}{1,4}\.$", text):
        return False
    return True


def _caps_heading(text: str) -> bool:
    return bool(rx.search(r"\p{Lu}{5,}", text)) and rx.sub(r"[^\p{L}]", "", text).isupper()


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
            if end < n and not frag[end] and _heading_after_run(chunks[end - 1], texts[end - 1]):
                end -= 1
            if end - start >= 3:
                runs[start] = end
        k = j
    return runs


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(text: str) -> int | None:
    m = rx.fullmatch(r"([IVXLC]{1,7})\.?", text)
    if not m:
        return None
    total = 0
    digits = [_ROMAN_VALUES[ch] for ch in m.group(1)]
    for a, b in zip(digits, digits[1:] + [0]):
        total += -a if a < b else a
    return total


def _section_numerals(chunks: list[Chunk], texts: list[str]) -> set[int]:
    """Chunks that are bare Roman numerals numbering the sections I, II, III ... in order."""
    found = [
        (k, n)
        for k in range(len(chunks) - 1)
        if len(chunks[k].units) == 1
        and (n := _roman(texts[k])) is not None
        and chunks[k].units[0].gap != "none"
        and rx.match(r"^[\p{Lu}“\"‘]", texts[k + 1])
        and len(texts[k + 1].split()) >= 8
    ]
    if len(found) < 2 or [n for _, n in found] != list(range(1, len(found) + 1)):
        return set()
    return {k for k, _ in found}


def _section_numbers(chunks: list[Chunk], texts: list[str], wrap: Wrap) -> set[int]:
    """Rule number-line-over-heading: a bare "1", "2", "3" each on a line of its own over a heading line
    numbers the sections (LaTeX papers copied from the PDF set the number apart). A bare number is also a
    page number, so they count only as a run going up by one from 1 or 2 (a first "1" may have gone with
    the title block), a lone "1" over "Introduction" (the other numbers went as page numbers), and after
    such a run, further runs of two or more going on up by one."""
    found = []
    for k in range(len(chunks) - 1):
        if len(chunks[k].units) != 1 or not rx.fullmatch(r"\d{1,2}", texts[k]):
            continue
        after = chunks[k + 2] if k + 2 < len(chunks) else None
        h = heading_of(texts[k + 1], chunks[k + 1], wrap, after)
        if h is not None and h.numbering is None and h.kind != "markdown":
            found.append((k, int(texts[k])))
    # the run 1, 2, 3 ... (or 2, 3 ...) in reading order; other bare numbers over short lines (a table's
    # cells: "4" over "Cm") are passed over
    run: list[int] = []
    expect = None
    for k, v in found:
        if expect is None and v in (1, 2) or v == expect:
            run.append(k)
            expect = v + 1
    if len(run) == 1 and not (int(texts[run[0]]) == 1 and _SECTION_NAMES.match(texts[run[0] + 1])):
        run = []  # (one "1" counts only over "Introduction": the others went as page numbers)
    if not run:
        return set()
    top = int(texts[run[-1]])
    later = [(k, v) for k, v in found if v > top and k > run[-1] and "," not in texts[k + 1]]
    return set(run) | _later_run(later)


def _later_run(found: list[tuple[int, int]]) -> set[int]:
    # "4" over "Product Design" ... "5" over "Conclusions" after "1" and "2" (the "3" went with the page
    # numbers): after the run from 1 or 2, two or more numbers going on up by one, each over a heading,
    # still number their sections.
    out: set[int] = set()
    run: list[int] = []
    last = None
    for k, v in found:
        run = run + [k] if last is not None and v == last + 1 else [k]
        last = v
        if len(run) >= 2:
            out.update(run)
    return out


def _heading_after_run(c: Chunk, text: str) -> bool:
    # The last fragment of a run, over prose, is the prose's heading when it reads like one, or when it
    # opens a new page in title case ("Cross I" at the top of a page, after a table's last cell "m.u.").
    if "\t" in text:
        return False
    return _plain_heading(text) or c.units[0].gap == "page" and rx.match(r"^\p{Lu}\p{Ll}{3,}", text) is not None


def _plain_heading(text: str) -> bool:
    return bool(rx.match(r"^[\p{Lu}]", text)) and len(rx.findall(r"\p{L}{4,}", text)) >= 2


def _line_exact(parse: InlineParser, chunks: list[Chunk], known_words: Container[str]) -> InlineParser:
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


_TURN = rx.compile(r"^(?P<who>[\p{Lu}\p{Ll}\d_.]{1,24}):\s+\S")


def _speaker_turns(texts: list[str]) -> set[int]:
    """Rule speaker-turn: lines of a dialogue, a transcript or a chat log ("Ian: Why", "Cate: ...")
    start with a one-word speaker's name and a colon, and the names come round again. Three such lines
    with a name used at least twice are turns, not headings ("Methods: ..." is one line of its kind)."""
    who = {k: m.group("who") for k, t in enumerate(texts) if (m := _TURN.match(t))}
    if len(who) < 3:
        return set()
    seen = Counter(who.values())
    return {k for k, name in who.items() if seen[name] >= 2}


def _continues_prose(chunks: list[Chunk], k: int) -> bool:
    """Rule line-inside-prose: a line set directly under prose that has not finished its sentence
    ("... he reflects on the plot:" / "Yea, all which it inherit, shall dissolve,", "... shall" / "Be
    Judged") goes on with it, as a quoted verse line or the rest of the sentence: it is not a heading."""
    if k == 0 or chunks[k].units[0].gap != "none":
        return False
    prev = chunks[k - 1]
    before = prev.last.rstrip()
    if before.endswith((",", ";", ":")):
        return len(prev.units) > 1 or len(before.split()) > 6
    words = before.split()
    return len(prev.units) > 1 and bool(words) and words[-1].lower() in CONNECTOR_END


def _heading_not_item(h: HeadingGuess, chunks: list[Chunk], k: int, texts: list[str]) -> bool:
    # "1. Introduction" followed by prose is a heading; "1. Apples" followed by "2. Pears" is a list.
    nxt = texts[k + 1] if k + 1 < len(texts) else ""
    m = NUMBERED_HEADING.match(nxt)
    if m and ENUM.match(nxt) and len(nxt.split()) <= 8 and not rx.match(r"^\d+\.\d", nxt):
        return False
    return True


_OPEN_QUOTE = rx.compile(r"^[“\"‘]")
_CITE_AFTER_STOP = rx.compile(r"[.!?][\"”’]?\s+\((?=[^()]*(?:\d|\p{Lu}))[^()]{2,60}\)\.?$")


def _cite_after_stop(text: str) -> bool:
    """_CITE_AFTER_STOP searched for where it can match: its "(" is the text's last (none may follow inside
    the brackets or after them), with the stop, a quotation mark and spaces just before it. (A search
    from the start tried the pattern at each full stop of the paragraph.)"""
    bracket = text.rfind("(")
    if bracket < 1:
        return False
    start = bracket
    while start > 0 and text[start - 1].isspace():  # (str's spaces include all that \s takes)
        start -= 1
    return bool(_CITE_AFTER_STOP.search(text, max(0, start - 2)))


_QUOTE_END = rx.compile(r"[”\"’]\s*(?:\([^()]{2,80}\))?\s*[.]?$")
_ATTRIBUTION = rx.compile(r"^(?:[-—–]{1,2}|~)\s*\p{Lu}[\p{L}.'’\- ]{1,60}(?:,.{0,80})?$")


def _is_quote(c: Chunk, text: str, chunks: list[Chunk], k: int, wrap: Wrap) -> bool:
    # Indented relative to its neighbours: a block quote pasted with its indentation.
    if c.units[0].indent >= 4 and all(u.indent >= 4 for u in c.units):
        neigh = [chunks[j] for j in (k - 1, k + 1) if 0 <= j < len(chunks)]
        if neigh and all(n.units[0].indent < 2 for n in neigh):
            return True
    # MLA/APA block quotes carry their citation after the final full stop: "... expected. (Greene 22)".
    # (a match ends the text, or comes just before a final line feed, with ")" or ")."; a text that does
    # not end so is not searched through)
    if k > 0 and text.rstrip("\n").endswith((")", ").")) and _cite_after_stop(text) and not _OPEN_QUOTE.match(text):
        before = chunks[k - 1].last.rstrip()
        if before.endswith(":"):
            return True
        # Not after a colon, it must be long, show no other citation after a full stop ("... affairs.
        # (Agrawal 2001). It is"): that is the writer's habit, not a quotation's), and, in hard-wrapped
        # text, not be set to the body's full measure (rule cited-body-measure: a paragraph of the body that
        # ends "... for trade. (Smith, 2001).")
        if len(text.split()) >= 40 and not rx.search(r"[.!?]\s+\([^()]*\)\.?\s+\S", text):
            return not body_measure(c, wrap)
    # A quotation set apart: introduced by a colon, wholly inside quotation marks, and long.
    if k > 0 and _OPEN_QUOTE.match(text) and _QUOTE_END.search(text) and len(text.split()) >= 15:
        before = chunks[k - 1].last.rstrip()
        # Introduced by "he said:" (a short quotation will do), or by "In the words of X," or after
        # a finished sentence (then it must be long: a quoted sentence alone is prose).
        if before.endswith(":") or len(text.split()) >= 25 and (ends_sentence(before) or before.endswith(",")):
            inner = text[1:]
            # Only one quotation: no closing-then-opening quote inside ("A” said B, “C”).
            return not rx.search(r"[”\"]\s+[^“\"]{3,}[“\"]", inner[:-3])
    return False


def is_attribution(text: str) -> bool:
    """ "-Frederick Winslow Taylor", "— Oscar Wilde, De Profundis": the source line of an epigraph."""
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
