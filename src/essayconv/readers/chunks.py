"""Chunks: kept lines grouped into the paragraphs, headings and items they were wrapped from."""

from __future__ import annotations

from collections.abc import Callable, Container

from msgspec import Struct

from . import _rx as rx
from . import trace
from .furniture import DRAWN_RULE
from .layout import Unit, Wrap, join_lines

BULLET = rx.compile(r"^(?P<m>[•●▪◦·■□➢➤►✓\-–*o])\s+(?=\S)")
BULLET_ONLY = rx.compile(r"^[•●▪◦·■□➢➤►✓\-–*]$")
ENUM = rx.compile(r"^(?P<m>\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})\)|(?:\d{1,2}|[a-z])\.)\s+(?=\S)")
MARKDOWN = rx.compile(r"^(?P<hashes>#{1,6})\s+(?P<rest>\S.*?)\s*#*$", gated=True, twin=True)
# A paragraph or item number alone on its line ("1.", "12.", "IV)", "(iii)", "c."): pdftotext puts the
# number of a numbered paragraph on a line of its own when a tab stands between it and the text.
# ("(12)" is left out: an equation's number.)
NUMBER_ALONE = rx.compile(r"^(?:\d{1,2}\.|[IVX]{1,4}[.)]|\(?[ivx]{1,4}\)|[ivx]{1,4}\.|\(?[a-h]\)|[a-hA-H]\.)$")
CITE_LIKE = rx.compile(r"\([^()]*\b(?:1[6-9]\d\d|20\d\d)[a-z]?\)|\[\d")


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
    """Group kept lines into chunks: one paragraph, heading, list item or table each.

    Each line after the first goes through ``BOUNDARY_RULES`` in order: the first rule that answers
    says whether it starts a new chunk (True) or joins the chunk above (False)."""
    chunks: list[Chunk] = []
    if not units:
        return chunks
    tracing = trace.active()
    s = _Reading(wrap, split_prone(units, wrap), chunks)
    s.indent = indented_starts(units, wrap)
    chunks.append(Chunk([units[0]]))
    if tracing:
        trace.record((units[0].no,), "paragraph", "paragraphs.first-line")
    last = len(units) - 1
    for k in range(1, last + 1):
        u = units[k]
        prev = chunks[-1].units[-1]
        nxt = units[k + 1] if k < last else None
        name, new = _first_answer(s, prev, u, nxt)
        if new:
            chunks.append(Chunk([u]))
            s.tail = False
            s.started_by = name
        else:
            chunks[-1].units.append(u)
            # whether this line was the right part of a justified line split at a wide gap
            s.tail = (
                name not in _NO_TAIL
                and u.gap == "blank"
                and (name == "paragraphs.justified-gap" or justified_tail(prev, u, nxt, wrap, s.prone))
            )
        if tracing:
            trace.record((u.no,), "paragraph", name)
    return _attach_bullets(chunks)


class _Reading:
    """The state of chunk_units as the boundary rules see it."""

    __slots__ = ("wrap", "prone", "chunks", "tail", "indent", "started_by")

    def __init__(self, wrap: Wrap, prone: bool, chunks: list[Chunk]) -> None:
        self.wrap = wrap
        self.prone = prone  # the paper splits justified lines at wide gaps often (split_prone)
        self.chunks = chunks
        self.tail = False  # the line above was the right part of a justified line split at a wide gap
        self.indent: tuple[int, int] | None = None  # indented first lines: indented_starts
        self.started_by = "paragraphs.first-line"  # the rule that started the current chunk


BoundaryRule = Callable[[_Reading, Unit, Unit, "Unit | None"], "bool | None"]


def _first_answer(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> tuple[str, bool]:
    for name, rule in BOUNDARY_RULES:
        answer = rule(s, prev, u, nxt)
        if answer is not None:
            return name, answer
    return "paragraphs.wrapped-line", False


# --- rules: each answers True (a new chunk starts at ``u``), False (``u`` joins) or None ---------------


def _note_mark_line(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "... double within the" / "3" / "next twenty years.": the mark stays in the paragraph where printed
    return False if note_mark_line(prev, u, nxt) else None


def _note_mark_runs_on(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "... within the" / "3" / "next twenty years.": the sentence running on after the mark
    units = s.chunks[-1].units
    if u.gap == "none" and u.text[:1].islower() and len(units) >= 2 and note_mark_line(units[-2], prev, u):
        return False
    return None


def _page_heading_line(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # A page that starts with a full-width heading line after a finished sentence.
    if (
        u.gap == "page"
        and s.wrap.wrapped
        and nxt is not None
        and nxt.gap == "none"
        and ends_sentence(prev.text)
        and long_heading_line(u.text, nxt.text)
    ):
        return True
    return None


def _long_heading_line(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # A full-width heading line directly above its paragraph ("Early maternal ... disease").
    chunks = s.chunks
    if (
        len(chunks[-1].units) == 1
        and s.wrap.wrapped
        and s.started_by != "paragraphs.indent-start"
        and long_heading_line(prev.text, u.text)
        and (len(chunks) == 1 or prev.gap == "page" or prev.gap == "blank" and ends_sentence(chunks[-2].last))
    ):
        return True
    return None


def _titled_heading_line(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "R2: Use of Renewable Energy and Rural Infrastructure (S-S)" over its paragraph: a line in title
    # case (or a numbered one, "2.1 ...", "3. ...", "IV. ...") after a finished paragraph is a heading even
    # when it fills the line.
    chunks = s.chunks
    if (
        len(chunks[-1].units) == 1
        and len(chunks) > 1
        and s.wrap.wrapped
        and ends_sentence(chunks[-2].last)
        and s.started_by != "paragraphs.indent-start"
        and (
            titled_line(prev.text, u.text)
            or _SECTION_NUMBER.match(prev.text) is not None
            and long_heading_line(prev.text, u.text)
        )
    ):
        return True
    return None


# The number of a section heading: "2.1", "3.", "IV." ("1. The contributions and limitations of behavioural
# theories" over its paragraph: a numbered heading that fills the line, after a finished paragraph).
_SECTION_NUMBER = rx.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.|[IVX]{1,5}\.)\s")


def _gap_inside(s: _Reading, prev: Unit, u: Unit) -> bool:
    # A blank line that the rules below would take as a boundary but that pdftotext may have put
    # inside a paragraph: not around a bullet, list item, caption or formula. (Asked last by the
    # three rules: _kept_apart is the costly part.)
    return not _kept_apart(prev.text) and not _kept_apart(u.text)


def _justified_gap(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "... structure." / "" / "A commonly reported" / "" / "is an increase ...": the right part of a
    # justified line split at a wide gap (justified_tail)
    if (
        u.gap == "blank"
        and s.wrap.wrapped
        and justified_tail(prev, u, nxt, s.wrap, s.prone)
        and _gap_inside(s, prev, u)
    ):
        return False
    return None


def _tail_runs_on(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "... in an all" / "" / "African American setting": the paragraph goes on after a split line's right part
    if u.gap == "blank" and s.wrap.wrapped and tail_runs_on(prev, u, s.tail) and _gap_inside(s, prev, u):
        return False
    return None


def _connector_runs_on(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "For David Smith and" / "" / "Mary Jones, ...": a line cut after "and", "of", "the" runs on
    if u.gap == "blank" and s.wrap.wrapped and connector_runs_on(prev, u) and _gap_inside(s, prev, u):
        return False
    return None


def _bullet_alone(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "•" on a line of its own, or the line after it: the bullet is attached to its item later
    return True if BULLET_ONLY.match(prev.text) or BULLET_ONLY.match(u.text) else None


def _drawn_rule_apart(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # A short drawn rule ("_____", a blank to fill in or an empty cell; the long ones are removed as furniture)
    # stands on its own, and the line after it starts a new chunk however long the rule made the line look
    return True if DRAWN_RULE.match(prev.text) or DRAWN_RULE.match(u.text) else None


def _numbered_line_runs_on(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "4." / "" / "Essentially, the first question we would like to analyze is the correlation between" / "" /
    # "STI and the major stock indexes.": the first line of a numbered paragraph, set apart by blank lines
    # like the number above it (a tab stood between them), goes on over the blank line below it when it
    # fills the line and ends no sentence.
    chunks = s.chunks
    if (
        u.gap == "blank"
        and len(chunks) >= 2
        and chunks[-1].units == [prev]
        and len(chunks[-2].units) == 1
        and NUMBER_ALONE.match(chunks[-2].first)
        and s.wrap.full(prev.text)
        and not ends_sentence(prev.text)
        and rx.match(r"^[\p{L}“\"‘(\d]", u.text)
        and not _kept_apart(u.text)
    ):
        return False
    return None


def _line_per_paragraph(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # Text not hard-wrapped (a web page, a Word file): every line is a paragraph of its own
    return None if s.wrap.wrapped else True


def _quotation_apart(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # A quotation set apart: it starts after "said:" and ends with its closing mark
    if _quotation_ends(s.chunks[-1], prev) or prev.text.endswith(":") and rx.match(r"^[“\"]\S", u.text):
        return True
    return None


def _plus_minus(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "±" that pdftotext printed as "+" over "−"
    return False if prev.text.endswith("+") and u.text.startswith("−") else None


def _caption_ends(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "Figure 2. Rainfall by month." / "The rain ...": a caption ends with its sentence; the prose goes on
    # below. So does a table's note ("Source: Census of 2000." / "The towns differ ...").
    first = s.chunks[-1].units[0].text
    if (
        ends_sentence(prev.text)
        and rx.match(r"^[\p{Lu}“\"]", u.text)
        and (_CAPTION_START.match(first) or TABLE_NOTE.match(first))
    ):
        return True
    return None


# A table's or a figure's note: "Source: Census of 2000.", "Notes: ** significant at 1%.", "Note. Means ..."
# (it ends with its sentence like a caption; blocks.table-note sets it with the caption under a table)
TABLE_NOTE = rx.compile(r"^\*?(?:Sources?|Notes?)(?:\s*:|\.)\s*\S")


def _caption_start(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "Figure 3. Heat content by month." after a finished sentence or a page break: a caption
    return True if (u.gap == "page" or ends_sentence(prev.text)) and _CAPTION_START.match(u.text) else None


def _numbered_heading(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "1.3 Who might be interested ..." after a finished sentence: a numbered heading, however long the line
    if (
        ends_sentence(prev.text)
        and rx.match(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+\p{Lu}", u.text)
        and len(u.text.split()) <= 16
    ):
        return True
    return None


# What ENUM's and _NUMBERED_LINE's numbers open with ("1.", "(a)", "a.", "IV."): lines that open otherwise are
# turned away before either pattern is tried
_NUMBER_STARTS = frozenset("0123456789(abcdefghijklmnopqrstuvwxyzIVX")


def _numbered_under_heading(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "III. The Implications for the Intervention" over "1. The implications of the systems analysis", and
    # "CONCEPTUAL ISSUES" over "a. DEFINE RACE AND GENDER": a numbered line set straight under a line alone
    # that reads as a heading is a heading (or an item) of its own, not the heading's second line.
    if (
        u.gap == "none"
        and len(s.chunks[-1].units) == 1
        and u.text[:1] in _NUMBER_STARTS
        and (ENUM.match(u.text) or _NUMBERED_LINE.match(u.text))
        and len(u.text.split()) <= 16
        and heading_shape(prev.text)
    ):
        return True
    return None


def _statistics_close(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # The statistics closing a sentence: "... were higher" / "(M = 4.2, SD = 1.1)."
    wrap = s.wrap
    if (
        u.gap == "none"
        and _set_apart(u.text, wrap)
        and _MATH_SIGN.search(u.text)
        and not _set_apart(prev.text, wrap)
        and not ends_sentence(prev.text)
        and rx.search(r"\)[.!?;,]?$", u.text)
        and rx.search(r"\p{L}$", prev.text)
    ):
        return False
    return None


def _formula_apart(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # Equations, equation numbers and axis labels pasted from a PDF stand apart from the prose
    # around them ("... are described by" / "∂U D ∂U" / "where U is ...").
    return True if _set_apart(prev.text, s.wrap) != _set_apart(u.text, s.wrap) else None


def _caption_blank_end(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # A caption ends at a blank line; lower case after it resumes the paragraph it cut
    return True if u.gap == "blank" and _CAPTION_START.match(s.chunks[-1].units[0].text) else None


def _lowercase_after_blank(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "... the results of the" / "" / "survey were ...": pdftotext left a blank line inside a paragraph;
    # a lower-case start after an unfinished sentence continues it
    if u.gap == "blank" and u.text[:1].islower() and _unfinished(prev.text, u.text) and not prev.text.endswith(":"):
        return False
    return None


def _blank_line(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # A blank line between two lines: a paragraph break
    return True if u.gap == "blank" else None


def _lowercase_runs_on(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # A sentence running on: "Self-" / "reported ...", "the" / "output"
    if u.text[:1].islower() and (prev.text.endswith("-") or _unfinished(prev.text, u.text)):
        return False
    return None


def _unfinished(text: str, nxt: str) -> bool:
    # A line that ends no sentence, or ends on an initial that the next line's lower-case word goes on
    # from: "The calls of M." / "septentrionalis are shorter ...", "... strains of E." / "coli" (a list
    # item's letter, "b. second item", is no such word).
    return not ends_sentence(text) or bool(_INITIAL_END.search(text)) and not ENUM.match(nxt)


# A capital initial closing a line: a genus or a first name abbreviated ("M.", "D.")
_INITIAL_END = rx.compile(r"(?:^|\s)\p{Lu}\.$")


def _one_word_lines(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # A justified line that pdftotext printed one word per line: "the" / "most" / "famous"
    units = s.chunks[-1].units
    if (
        u.gap == "none"
        and len(units) >= 2
        and len(prev.text.split()) == 1
        and not ends_sentence(prev.text)
        and rx.match(r"^[“\"‘(]?\p{L}{2,}", prev.text)
        and len(units[-2].text.split()) == 1
    ):
        return False
    return None


def _connector_end_line(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "Between 1993 and 1995, many countries in" / "Africa and South America ...": a line that stops on
    # "in", "of", "the", "and" ... is cut mid-sentence, however short it is (text set around a figure,
    # a line broken by hand) and whatever the next line starts with (a name, a quotation, a number).
    # Lists and formulas are left to their own rules.
    if u.gap == "blank" or len(prev.text.split()) < 3 or not _connector_end(prev.text):
        return None
    if rx.match(r"^[\p{L}“\"‘(\d]", u.text) and not _kept_apart(u.text) and not _kept_apart(prev.text):
        return False
    return None


def _short_last_line(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "... of the survey." / "The second ...": a line well short of the wrap width ends its paragraph
    return None if s.wrap.full(prev.text) else True


def _next_word_fits(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # A finished sentence on a long line, and the next line's first word would have fitted after it:
    # the paragraph ended here
    if (
        ends_sentence(prev.text)
        and rx.match(r"^[\p{Lu}“\"‘(\d]", u.text)
        and s.wrap.would_fit(prev.text, u.text.split()[0])
    ):
        return True
    return None


def _indent_start(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "... by poorly informed owners." / "This paper will first situate the problem" / "within ...": in a
    # paper whose paragraphs start indented (indented_starts), a line after a finished sentence that is
    # shorter than a full line although the next line's first word would have fitted on it is the
    # indented first line of a new paragraph, even when the line above filled the width
    if (
        s.indent is not None
        and u.gap == "none"
        and nxt is not None
        and nxt.gap == "none"
        and len(u.text) < s.indent[0]
        and len(u.text) + 1 + len(nxt.text.split(None, 1)[0]) <= s.indent[1]
        and ends_sentence(prev.text)
        and not ends_sentence(u.text)
        and rx.match(r"^[\p{Lu}“\"‘(]", u.text)
    ):
        return True
    return None


def indented_starts(units: list[Unit], wrap: Wrap) -> tuple[int, int] | None:
    """(shorter than, room) when the paper indents the first lines of its paragraphs; else None.

    Lines known to start a paragraph (after a short last line that ends a sentence, going on to more
    lines) are compared with lines known to run on inside one (after a full line that ends no sentence,
    themselves going on): in an indenting paper half the starts are shorter than 90% of the run-on lines,
    and three in four shorter than the shortest quarter of them (a proportional font spreads the run-on
    lines' lengths, so a start whose words are wide can reach the lower run-on lengths). A start is then a line under that length (the first value) that had room, under the median run-on
    line (the second), for the next line's first word: a line cut short because its next word was long
    is no start."""
    if not wrap.wrapped:
        return None
    starts: list[int] = []
    inner: list[int] = []
    for a, b, c in zip(units, units[1:], units[2:]):
        kind = _known_line(a, b, c, wrap)
        if kind is not None:
            (starts if kind == "start" else inner).append(len(b.text))
    if len(starts) < 5 or len(inner) < 20:
        return None
    inner.sort()
    starts.sort()
    limit = inner[len(inner) // 10]
    if starts[len(starts) // 2] < limit and starts[3 * len(starts) // 4] <= inner[len(inner) // 4]:
        return limit, inner[len(inner) // 2]
    return None


def _known_line(a: Unit, b: Unit, c: Unit, wrap: Wrap) -> str | None:
    # "start": ``b`` surely starts a paragraph (after a short line ending a sentence), "inner": it surely
    # runs on inside one (after a full line ending none); either way a line going on to more lines
    if b.gap != "none" or c.gap != "none" or ends_sentence(b.text):
        return None
    if ends_sentence(a.text) and not wrap.full(a.text) and wrap.full(b.text) and rx.match(r"^[\p{Lu}“\"‘(]", b.text):
        return "start"
    if not ends_sentence(a.text) and wrap.full(a.text) and b.text[:1].islower():
        return "inner"
    return None


def _list_start(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "- first item", "2. second item", "## Methods" after a finished sentence
    if ends_sentence(prev.text) and (BULLET.match(u.text) or ENUM.match(u.text) or MARKDOWN.match(u.text)):
        return True
    return None


def _heading_after_sentence(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "Methods" after a finished sentence: a short line with no closing punctuation is a heading, not a wrap
    return True if ends_sentence(prev.text) and _heading_line(u.text, s.wrap) else None


# A heading's shape on one short line: a number ("2.1", "IV.", "3."), or a line in capitals or title case.
_NUMBERED_LINE = rx.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)\s+[\p{Lu}“\"‘]")


def _heading_in_prose(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "... committed to the future of the profession along the way" / "The United Nations" / "When the
    # United Nations was ...": a short line in title case, in capitals or numbered, that ends no sentence,
    # set straight under a full line and over text that starts a sentence, although the next line's first
    # word would have fitted on it: a heading between two paragraphs (pdftotext left no blank line around
    # it), not the last line of the paragraph above.
    if (
        nxt is None
        or u.gap != "none"
        or not s.wrap.wrapped
        or s.wrap.full(u.text)
        or len(s.chunks[-1].units) < 2
        or not rx.match(r"^[\p{Lu}“\"‘(\d]", nxt.text)
        or not s.wrap.would_fit(u.text, nxt.text.split()[0])
    ):
        return None
    return True if heading_shape(u.text) else None


def _heading_at_page_top(s: _Reading, prev: Unit, u: Unit, nxt: Unit | None) -> bool | None:
    # "... the line of the paragraph above" / (page number, running head) / "3. Loads on the Frame" / "The
    # frame carries ...": a short line in title case, in capitals or numbered at the top of a page, over text
    # that starts a sentence and whose first word would have fitted on it: a heading, not the last line of
    # the paragraph the page break cut (heading-in-prose without its full line above: the line above the
    # break may be a formula, a table row or a title block).
    if (
        nxt is None
        or u.gap != "page"
        or nxt.gap != "none"
        or not s.wrap.wrapped
        or s.wrap.full(u.text)
        or _connector_end(prev.text)
        or not rx.match(r"^[\p{Lu}“\"‘(]", nxt.text)
        or not s.wrap.would_fit(u.text, nxt.text.split()[0])
    ):
        return None
    return True if heading_shape(u.text) else None


def heading_shape(text: str) -> bool:
    """A short line that reads as a heading on its own: up to twelve words ending no sentence or clause,
    numbered ("3.2 Sampling", "IV. Results"), in capitals ("DISCUSSION") or in title case."""
    words = text.split()
    if not 1 <= len(words) <= 12 or rx.search(r"[.,;!?\-–—]$|\((?=[^)]*\d)", text) or CITE_LIKE.search(text):
        return False
    if words[-1].lower() in CONNECTOR_END:
        return False
    letters = rx.sub(r"[^\p{L}]", "", text)
    if len(letters) < 3:
        return False
    if _NUMBERED_LINE.match(text) or letters.isupper():
        return True
    if len(words) == 1:
        return False  # ("Sidney" / "H. Bremer identifies ...": a name cut off a line more often than a heading)
    small = _SMALL_WORDS
    named = rx.findall(r"[\p{L}'’\-]+", text)
    return named[0][0].isupper() and all(w[0].isupper() or w.lower() in small for w in named)


BOUNDARY_RULES: tuple[tuple[str, BoundaryRule], ...] = (
    ("paragraphs.note-mark-line", _note_mark_line),
    ("paragraphs.note-mark-runs-on", _note_mark_runs_on),
    ("paragraphs.page-heading-line", _page_heading_line),
    ("paragraphs.long-heading-line", _long_heading_line),
    ("paragraphs.titled-heading-line", _titled_heading_line),
    ("paragraphs.justified-gap", _justified_gap),
    ("paragraphs.tail-runs-on", _tail_runs_on),
    ("paragraphs.connector-runs-on", _connector_runs_on),
    ("paragraphs.bullet-alone", _bullet_alone),
    ("paragraphs.drawn-rule-apart", _drawn_rule_apart),
    ("paragraphs.numbered-line-runs-on", _numbered_line_runs_on),
    ("paragraphs.line-per-paragraph", _line_per_paragraph),
    ("paragraphs.quotation-apart", _quotation_apart),
    ("paragraphs.plus-minus", _plus_minus),
    ("paragraphs.caption-ends", _caption_ends),
    ("paragraphs.caption-start", _caption_start),
    ("paragraphs.numbered-heading", _numbered_heading),
    ("paragraphs.numbered-under-heading", _numbered_under_heading),
    ("paragraphs.statistics-close", _statistics_close),
    ("paragraphs.formula-apart", _formula_apart),
    ("paragraphs.caption-blank-end", _caption_blank_end),
    ("paragraphs.lowercase-after-blank", _lowercase_after_blank),
    ("paragraphs.blank-line", _blank_line),
    ("paragraphs.lowercase-runs-on", _lowercase_runs_on),
    ("paragraphs.one-word-lines", _one_word_lines),
    ("paragraphs.connector-end", _connector_end_line),
    ("paragraphs.short-last-line", _short_last_line),
    ("paragraphs.next-word-fits", _next_word_fits),
    ("paragraphs.indent-start", _indent_start),
    ("paragraphs.list-start", _list_start),
    ("paragraphs.heading-after-sentence", _heading_after_sentence),
    ("paragraphs.heading-in-prose", _heading_in_prose),
    ("paragraphs.heading-at-page-top", _heading_at_page_top),
)
# (no rule answering: "paragraphs.wrapped-line", a full line that wraps on to the next)

# The joins after which the line is never the right part of a split justified line.
_NO_TAIL = frozenset(("paragraphs.note-mark-line", "paragraphs.note-mark-runs-on"))


# ------------------------------------------------------------------------------------------------
# Paragraph boundaries at blank lines that pdftotext put inside a paragraph
# ------------------------------------------------------------------------------------------------


def note_mark_line(prev: Unit, u: Unit, nxt: Unit | None) -> bool:
    """Rule "paragraphs.note-mark-line" (and "paragraphs.note-mark-runs-on" after it): a footnote's
    superscript number that pdftotext printed on a line of its own inside a sentence ("... could double
    within the" / "3" / "next twenty years."). It is no equation number: the sentence runs on in lower
    case on the next line."""
    return (
        nxt is not None
        and u.gap == "none"
        and nxt.gap == "none"
        and rx.fullmatch(r"\d{1,2}", u.text) is not None
        and len(prev.text.split()) >= 3
        and not ends_sentence(prev.text)
        and not math_line(prev.text)
        and nxt.text[:1].islower()
    )


def _kept_apart(text: str) -> bool:
    # Lines that stand on their own whatever their length: bullets, list items, captions, formulas.
    return bool(
        BULLET_ONLY.match(text)
        or BULLET.match(text)
        or ENUM.match(text)
        or MARKDOWN.match(text)
        or _CAPTION_START.match(text)
        or math_line(text)
    )


def justified_tail(prev: Unit, u: Unit, nxt: Unit | None, wrap: Wrap, prone: bool = False) -> bool:
    """Rule "paragraphs.justified-gap": one justified line that pdftotext printed as two lines at a wide gap.

    A PDF's justified line with a wide space (often between two sentences) comes out as its left part
    ending the lines above, a blank line, then its right part on a line of its own, a blank line, and
    the rest of the paragraph ("... structure." / "" / "A commonly reported" / "" / "is an increase ...").
    The two parts together fill the line, the right part ends no sentence, and what follows it runs on.
    ``prone``: the paper has many such splits (``split_prone``); then a right part that is no title-case
    line of two words or more will do, whatever follows ("... (591)." / "" / "In Smith's reading, Miss" /
    "" / "Lonelyhearts is ...")."""
    # (the left part may fill most of the line when the right part is a word or two: "... system." / "It")
    if ends_sentence(u.text) or u.text.endswith(":"):
        return False
    if not rx.match(r"^[\p{L}“\"‘(]", u.text) or nxt is None or nxt.gap != "blank":
        return False
    if wrap.full(u.text) and not _full_right_part(prev, nxt, prone):
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


def _full_right_part(prev: Unit, nxt: Unit, prone: bool) -> bool:
    # The right part fills most of the line when the left part is a word or two: "... for human" /
    # "habitation." / "" / "If his troubles are city troubles," / "" / "then he is ...". Taken only in a
    # paper that splits its lines so (``prone``) and with the sentence running on in lower case below;
    # a number alone on the left is a numbered paragraph's ("4." / "" / "Often, we ...": numbered-line-runs-on).
    return prone and nxt.text[:1].islower() and not NUMBER_ALONE.match(prev.text)


def _heading_line_start(text: str) -> bool:
    # "3.2 Sampling", "II. Method": a numbered heading is never the right part of a split line
    return bool(rx.match(r"^(?:\d+(?:\.\d+)*|[IVX]+)\.?\s", text))


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
    """Rule "paragraphs.tail-runs-on": after the right part of a split justified line that ends no sentence, the
    paragraph goes on whatever the next line starts with ("... an Asian individual in an all" / "" /
    "African American setting ...")."""
    return prev_is_tail and not ends_sentence(prev.text) and bool(rx.match(r"^[\p{L}“\"‘(\d]", u.text))


def connector_runs_on(prev: Unit, u: Unit) -> bool:
    """Rule "paragraphs.connector-runs-on": a line that stops on "and", "of", "the" ... is cut mid-sentence, so a
    blank line after it does not end the paragraph even when a name follows ("For David Smith and" /
    "" / "Mary Jones, ..."). A heading seldom ends so; a short one is left to the heading rules."""
    return len(prev.text.split()) >= 4 and _connector_end(prev.text) and bool(rx.match(r"^[\p{L}“\"‘(]", u.text))


def _connector_end(text: str) -> bool:
    last = text.rsplit(None, 1)[-1] if text.strip() else ""
    return last in CONNECTOR_END


CONNECTOR_END = frozenset(
    "a an the and or but of to in on at by for with from as that which who whose than into onto its their his her "
    "our your this these those is are was were be been being has have had not nor so such".split()
)


def long_heading_line(text: str, nxt: str) -> bool:
    # (a section number is no sentence's end: "1. The contributions of ..." is read without its number)
    text = _SECTION_NUMBER.sub("", text, count=1) or text
    words = text.split()
    if not 2 <= len(words) <= 16 or text.endswith((",", ";", ".", "-", ":", "!", "?")):
        return False
    if words[-1].lower() in CONNECTOR_END or rx.search(r"[.!?][\"”’')]*\s+\p{Lu}", text):
        return False
    if not rx.match(r"^[\p{Lu}\d]", text) or not rx.match(r"^[\p{Lu}]", nxt):
        return False
    if CITE_LIKE.search(text) or "," in text or rx.search(r"\(|\)", text):
        return False
    return True


_SMALL_WORDS = frozenset("a an the and or of for in on to with at by from as vs its into is are".split())


def titled_line(text: str, nxt: str) -> bool:
    """A line in title case, not a sentence, above a line that starts a sentence."""
    words = rx.findall(r"[\p{L}'’\-]+", text)
    if not 4 <= len(words) <= 16 or rx.search(r"[.,;!?]$|[:\-–]$", text) or not rx.match(r"^[\p{Lu}“\"‘(\[]", nxt):
        return False
    if CITE_LIKE.search(text) or rx.search(r"\((?=[^)]*\d)", text):
        return False
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in _SMALL_WORDS)
    return caps == len(words) and words[0][0].isupper() and words[-1].lower() not in _SMALL_WORDS


_SENTENCE_END = rx.compile(r"[.!?:][\"”’')\]]*\d{0,2}$|[.!?][\"”’']?\s*\(\S[^()]*\)\.?$")


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


_CAPTION_START = rx.compile(
    r"^(?:figure|fig\.|table|chart|exhibit)\s*(?:\d+|[IVXLC]+)(?:\.\d+)?[a-z]?\s*[.:—–-]\s*\p{Lu}",
    rx.IGNORECASE,
    gated=True,
)
_MATH_SIGN = rx.compile(r"[=∂∑∏∫±×÷√∞≤≥≈≠∆∇−]")
_LONG_WORD = rx.compile(r"(?<![\p{L}\d])\p{L}{3,}(?![\p{L}\d])")


# A chart's axis label: a word or two and a unit in brackets ("Distance (m)", "Conc (g/m3)").
_AXIS_LABEL = rx.compile(
    r"^\p{L}[\p{L}.\-]*(?:\s\p{L}[\p{L}.\-]*)?\s?\((?:%|[\p{L}µ°]{1,3}(?:[/^·]?[\p{L}\dµ°]{1,3}){0,3})\)$"
)


_SHORT_WORDS = frozenset("a i an as at be by do go he if in is it me my no of on or so to up us we am".split())


def math_line(text: str) -> bool:
    """An equation line, an equation number or a stray page number pasted from a PDF: no words, or
    few words among mathematical signs ("∂U D ∂U 2 D", "(4)", "dt", "Qin = P + SRO + B,")."""
    # (split at most 16 times: a list of 17 says "more than 16 tokens", and a shorter one is every token)
    tokens = text.split(None, 16)
    if not tokens or len(tokens) > 16:
        return False
    if _AXIS_LABEL.match(text):
        return True
    if rx.fullmatch(r"(?:\(?\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]\)?[.,;:]?\s*)+", text):
        return False  # "[2]." at the end of a sentence is a citation, not an equation number
    words = _LONG_WORD.findall(text)
    if not words:
        if all(t.lower().strip(".,;:") in _SHORT_WORDS for t in tokens):
            return False  # "is", "a", "of": prose printed one word per line
        if (
            not _MATH_SIGN.search(text)
            and rx.search(r"\w", text)
            and (
                rx.search(r"[.!?][\"”’]?$", text)
                or text.count(")") > text.count("(")
                or text.count("]") > text.count("[")
            )
        ):
            return False  # the tail of a sentence or citation: "2015).", "p. 4]"
        return len(tokens) <= 4 or bool(_MATH_SIGN.search(text))
    if _MATH_SIGN.search(text) and len(tokens) >= 2:
        plain = sum(1 for t in tokens if rx.fullmatch(r"[(“\"‘]?\p{L}[\p{L}'’\-]*[.,;:!?)\"”’]*", t) and len(t) >= 2)
        return plain < 0.5 * len(tokens) or len(tokens) <= 3 and plain <= 1
    return False


_CLOSING = rx.compile(r"[”\"][)\]]?(?:\s*\([^()]{2,60}\))?\.?$")


def _quotation_ends(chunk: Chunk | None, prev: Unit) -> bool:
    # The chunk opened with a quotation mark that first closes at the end of this line: one
    # quotation set off on lines of its own (in a PDF copy its indentation is lost).
    if chunk is None or not rx.match(r"^[“\"]", chunk.units[0].text) or not _CLOSING.search(prev.text):
        return False
    inner = " ".join(u.text for u in chunk.units)[1:]
    body = _CLOSING.sub("", inner)
    return "”" not in body and '"' not in body and len(chunk.units) >= 2


def _set_apart(text: str, wrap: Wrap) -> bool:
    # A full-width line with signs in it is prose that happens to hold a formula.
    return math_line(text) and not wrap.full(text)


def _heading_line(text: str, wrap: Wrap) -> bool:
    # A short line with no closing punctuation after a finished sentence: a heading, not a wrap.
    words = text.split()
    return (
        not wrap.full(text)
        and 1 <= len(words) <= 14
        and not text.endswith((".", ",", ";", "-"))
        and bool(rx.match(r"^(?:\d+(?:\.\d+)*\.?\s+)?[\p{Lu}]", text))
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
