"""Headings: which chunks are section headings, with their numbering and level."""

from __future__ import annotations

from collections.abc import Callable

from msgspec import Struct

from ..model import Block, Heading, Paragraph
from . import _rx as rx
from . import trace
from .chunks import CITE_LIKE, CONNECTOR_END, MARKDOWN, Chunk, long_heading_line, titled_line
from .furniture import ASSIGNMENT_LABEL
from .layout import Wrap, words_at_least

_TERMINAL = (".", ",", ";", "!")
# A number glued to a capital ("2Methods") is a section number; the capital is matched case-sensitively, since
# under IGNORECASE \p{Lu} matches any letter and an ordinal ("2nd Lesson Plan", "19th century") read as 2, 19.
NUMBERED_HEADING = rx.compile(
    r"^(?P<num>(?:chapter|section|part)\s+(?:\d+|[IVXLC]+)[.:]?|\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.?(?=\s|(?-i:\p{Lu}))|"
    r"[IVXLC]{1,5}\.|[A-H]\.)\s*(?P<rest>\S.*)$",
    rx.IGNORECASE,
)
# A label then punctuation, or a label then a capital ("Figure 2 Growth by week"): the capital is matched
# case-sensitively, since "Table 1 shows the sample" opens a sentence of prose, not a caption. Rule
# caption-label (the kind of 4 MICUSP dev files, set as headings before): a figure lettered rather than
# numbered ("Figure B. Drawings of the frame", "Table A1: Costs"), a box of text or a numbered equation
# ("Box 2: Three Theories", "Equation 11"), and a label alone on its line ("Graph 1") are captions too.
CAPTION = rx.compile(
    r"^(?:figure|fig\.|table|chart|graph|plate|exhibit|map|box|equation)\s*(?:\d+|[IVXLC]+|(?-i:[A-Z])\d{0,2}(?![\p{L}]))[a-z]?"
    r"(?:\s*[.:—–-]|\s+(?=(?-i:\p{Lu}))|\s*$)",
    rx.IGNORECASE,
    gated=True,
)
_HEADING_PREFIX = rx.compile(
    r"^(?:heading|section|subheading)\s*:\s*(?P<rest>\S.*)$",
    rx.IGNORECASE,
    gated=True,
    twin=True,
)


# Rule appendix-heading: "Appendix A", "APPENDIX 2: Interview Guide", "Appendix B – Figures", "Appendices"
# on a line of their own head the material after the reference list (lab reports, proposals, theses).
_APPENDIX = rx.compile(
    r"^(?:appendix|appendices)(?:\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4})\b\.?)?(?:\s*(?P<sep>[:.\-–—]\s*)?(?P<rest>\S.*))?$",
    rx.IGNORECASE,
    gated=True,
)


def appendix_heading(chunk: Chunk, text: str) -> bool:
    """A short line or two naming an appendix, not a sentence that mentions one ("Appendix A shows ...")."""
    m = _APPENDIX.match(text)
    if not m or len(chunk.units) > 2 or len(text.split()) > 16 or text.endswith((".", ",", ";")):
        return False
    rest = m.group("rest") or ""
    # "Appendix A shows the raw data": a sentence; "Appendix A – Raw Data" or "Appendix A: raw data": a heading
    return not rest or m.group("sep") is not None or bool(rx.match(r"^[\p{Lu}\d(“\"‘]", rest) and title_case(rest))


# A sentence's end with a note mark after it: "... voice.19", "... weeks.”6", "... authority…8".
_NOTE_AFTER_STOP = rx.compile(r"(?:[.!?;,…]|\p{Ll}[.!?]?[”\"’])\d{1,3}$")
# One sentence ending and the next beginning inside the line: a word of two or more small letters, a full
# stop and a capital ("behind. We"); abbreviations and titles ("vs. The", "et al. Some", "Dr. King") do not count.
_SENTENCE_INSIDE = rx.compile(
    r"(?<![\p{L}.])(?!(?i:vs|al|etc|ed|eds|pp|no|vol|cf|ch|mr|mrs|ms|dr|st|jr|sr|prof|rev|gen|col|capt|sen|rep|gov|pres|fr|sgt|lt)\.)\p{L}\p{Ll}+\.[”\"’)]?\s+[\p{Lu}“\"‘]"
)


_QUOTED_LINE = rx.compile(r"^[“\"‘'][^“”\"]*[”\"’']$")
_PROSE_LINE_WORDS = 9  # (a sentence-case heading of nine words or more, set straight over its text, is rare)


def paragraph_first_line(text: str, chunk: Chunk, nxt: Chunk) -> bool:
    """A line (or two) in sentence case with text straight above and below it (rule paragraph-first-line)."""
    return (
        words_at_least(text, _PROSE_LINE_WORDS)
        and nxt.units[0].gap == "none"
        and chunk.units[0].gap == "none"
        and not title_case(text)
        and not rx.search(r"[:?]", text)
    )


class HeadingGuess(Struct, frozen=True):
    text: str
    numbering: str | None
    kind: str  # "numbered", "markdown", "caps", "colon", "title", "plain"
    depth: int
    rule: str = ""  # the accepting rule ("headings.numbered"), for the trace


class _Veto:
    """The answer of a veto rule: the chunk is not a heading (the table stops)."""

    __slots__ = ()


VETO = _Veto()


class _Case:
    """What the heading rules look at: the chunk's text, the chunk, the text's wrapping, the chunk after it."""

    __slots__ = ("chunk", "nxt", "prev", "text", "words", "wrap")

    def __init__(self, text: str, chunk: Chunk, wrap: Wrap, nxt: Chunk | None, prev: Chunk | None) -> None:
        self.text = text
        self.chunk = chunk
        self.wrap = wrap
        self.nxt = nxt
        self.prev = prev
        self.words: list[str] = []


_Answer = HeadingGuess | _Veto | None


# ---- rules that look at the chunk alone (any chunk, the last one too) -------------------------------


def _too_many_lines(c: _Case) -> _Answer:
    # Four lines or more, or a chunk under a bullet of its own: a paragraph or a list item.
    return VETO if len(c.chunk.units) > 3 or c.chunk.marker is not None else None


# A line of code: an assignment, a variable or a statement's end ("x = 0", "directory$ = ...", "run();").
_CODE_LINE = rx.compile(r"=|\$|;\s*$")


def code_comment(text: str, chunk: Chunk, prev: Chunk | None, nxt: Chunk | None) -> bool:
    """Rule code-comment (the kind of 3 MICUSP dev files: scripts and program output in appendices): a chunk
    opened by "#" that reads as a comment in code, not as a markdown heading: running over two lines, in
    lower case ("# observed"), framed in hashes ("### results ####"), a sentence ("## Now we will do some
    prep work ... The first"), or among other comment lines and lines of code."""
    m = MARKDOWN.match(text)
    if m is None:
        return False
    rest = m.group("rest")
    near = [t for t in (prev.last if prev else "", nxt.first if nxt else "") if t]
    return (
        len(chunk.units) > 1
        or rest[:1].islower()
        or rx.search(r"#{3,}\s*$", text) is not None
        or len(rest.split()) >= 12
        or rest.endswith((".", ":", ","))
        or any(t.startswith("#") or _CODE_LINE.search(t) is not None for t in near)
    )


def _code_comment(c: _Case) -> _Answer:
    # "# Select the sound" between lines of a script: a comment of the code (set with it by the block rule
    # blocks.code-comment), not a markdown heading.
    return VETO if code_comment(c.text, c.chunk, c.prev, c.nxt) else None


def _markdown(c: _Case) -> _Answer:
    # "## Methods": a markdown heading, its rank from the hashes.
    m = MARKDOWN.match(c.text)
    if m and rx.search(r"\p{L}{2,}", m.group("rest")):
        return HeadingGuess(m.group("rest"), None, "markdown", len(m.group("hashes")), "headings.markdown")
    return None


def _labelled(c: _Case) -> _Answer:
    # "Heading: The Early Years", "Section: Results": the writer labelled the line a heading.
    m = _HEADING_PREFIX.match(c.text)
    if m and len(m.group("rest").split()) <= 15:
        return HeadingGuess(m.group("rest"), None, "title", 1, "headings.labelled")
    return None


def _appendix(c: _Case) -> _Answer:
    # "Appendix D", "APPENDIX B: Interview Guide": a short line naming an appendix heads it, even as the
    # last line of the text (its material may have been a figure or a table that did not copy).
    if c.text[:8].lower().startswith("appendi") and appendix_heading(c.chunk, c.text):
        return HeadingGuess(c.text, None, "caps" if c.text.isupper() else "title", 1, "headings.appendix")
    return None


# Rule question-label: "Q2. Did the two firms have the same goals? Explain." / "Question 1B." on a line
# or three of their own head the answer under them (take-home exams, case-study reports): the writer
# numbered the question as a section, though it ends like a sentence and may run long.
QUESTION_LABEL = rx.compile(r"^(?:Q\d{1,2}[a-z]?[.:)]|Question\s+\d{1,2}(?:[A-Z]|\([a-z]\))?[.:)]?)(?:\s+\S.*)?$")
_QUESTION_WORDS = 40


def _question_label(c: _Case) -> _Answer:
    # "Q1. What is the difference between ...? Explain." over its answer: a numbered question heads it.
    if c.nxt is None or not QUESTION_LABEL.match(c.text) or len(c.chunk.units) > 3:
        return None
    if len(c.text.split()) > _QUESTION_WORDS or not c.nxt.first[:1].isupper():
        return None
    return HeadingGuess(c.text, None, "title", 1, "headings.question-label")


# Rule addressee (the kind of 4 MICUSP dev files: letters and memos in reports): a person named with a
# title, as a letter or memo addresses its reader or names its writer ("Dear Dr. Wight:", "Mr. Reed
# Sharp, Owner", "Dr. Ana Ruiz, Head of Quality Control"), is no section heading.
_ADDRESSEE = rx.compile(
    r"^(?:Dear\s+)?(?:Mr|Mrs|Ms|Dr|Prof|Professor)\.?\s+\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,3}"
    r"(?:\s*,\s*\p{Lu}.*|\s*:)?$"
)


def _addressee(c: _Case) -> _Answer:
    # "Mr. Reed Sharp, Owner" over a letter: its addressee, not a heading ("Dear Dr. Wight:" its salutation).
    if not _ADDRESSEE.match(c.text):
        return None
    return VETO if c.text.startswith("Dear") or "," in c.text or c.text.endswith(":") else None


def _last_chunk(c: _Case) -> _Answer:
    # Nothing after it: a heading heads something; the last chunk is the essay's last line or paragraph.
    return VETO if c.nxt is None else None


def _too_long(c: _Case) -> _Answer:
    # Over 180 characters or 22 words: a paragraph (most chunks are, so this is asked first).
    if len(c.text) > 180:
        return VETO
    c.words = c.text.split()
    return VETO if not c.words or len(c.words) > 22 else None


def _caption_or_citation(c: _Case) -> _Answer:
    # "Figure 3: Sales by region", "(Smith 2004, p. 12)": a caption, or a line carrying a citation.
    return VETO if CAPTION.match(c.text) or CITE_LIKE.search(c.text) else None


def _ends_like_a_sentence(c: _Case) -> _Answer:
    # "... in the valley." / "... and so," / "... which is —": the end of a sentence, or one broken off.
    t = c.text
    return VETO if t.rstrip("”’\"'").endswith(_TERMINAL) or t.endswith(("-", "—", "–")) else None


def _spaced_columns(c: _Case) -> _Answer:
    # "Group A   12   14": cells set apart by runs of spaces or tabs, a row of a table.
    return VETO if rx.search(r"\s{3,}|\t", c.text) else None


def _quoted_line(c: _Case) -> _Answer:
    # “Whither goest thou?”: a line wholly in quotation marks is a quotation or a turn of dialogue.
    return VETO if _QUOTED_LINE.match(c.text) else None


def _sentence_with_note_mark(c: _Case) -> _Answer:
    # "... the poet's voice.19": a sentence of prose ending in a note mark.
    return VETO if _NOTE_AFTER_STOP.search(c.text) else None


def _two_sentences(c: _Case) -> _Answer:
    # "Leave not a rack behind. We are such stuff": one sentence ends inside the line (verse, dialogue,
    # prose); a numbered heading ("2.1 Results") is not read so, unless it is as long as a sentence
    # ("5. The protein was predicted to be peripheral by all programs. I then used ...": a numbered point).
    if not _SENTENCE_INSIDE.search(c.text):
        return None
    return VETO if not NUMBERED_HEADING.match(c.text) or len(c.words) > 12 else None


# A list's or an example's number before the text ("3.", "5a)", "2.)", "(iv)"), left out of the count below.
_LEADING_NUMBER = rx.compile(r"^\(?\w{1,4}(?:\.\)|[.)])\s+")


def _unbalanced_bracket(c: _Case) -> _Answer:
    # Rule unbalanced-bracket (the kind of 6 MICUSP dev files: lines cut out of a table's cells, a
    # two-column page or a bracketed parse): "Hebrew) consensus", "36º above the horizon)", "Very explicit
    # (I knew what I wanted": a bracket opened or closed on another line makes the line a piece of
    # something longer, not a heading.
    t = _LEADING_NUMBER.sub("", c.text, count=1)
    return VETO if t.count("(") != t.count(")") or t.count("[") != t.count("]") else None


def _formula_or_label(c: _Case) -> _Answer:
    # "RSred = 0.42", "PI", "AB": equations and table labels, no word of four letters.
    t = c.text
    return VETO if rx.search(r"[=+−×∑∫<>|^_{}\\]|\p{Sm}", t) or not rx.search(r"\p{L}{4,}|\p{Lu}\p{Ll}{2}", t) else None


# A sentence's piece, not a heading: every word a function word ("For", "in"), an honorific with no name
# ("Miss", "Dr."), a quoted title closed after its comma or full stop (“Mission in the Sudan,” a note's
# or a sentence's way to cite, never a heading's).
_FUNCTION_WORDS = CONNECTOR_END
_HONORIFIC_ALONE = rx.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lady|Lord|Saint|St)\.?$")
_QUOTED_TITLE_CLOSED = rx.compile(r"[,.][”\"]")


def _sentence_piece(c: _Case) -> _Answer:
    # Rule sentence-piece (the kind of 3 MICUSP dev files, 0 wrong; papers whose justified lines pdftotext
    # split at wide gaps, notes at a page's top): "For" / "West, in ..." and "Miss" over a page break are
    # pieces of a sentence set apart; "25. United Nations, “Mission in the Sudan,” United Nations" a note.
    words = rx.findall(r"[\p{L}'’]+", c.text)
    if words and all(w.lower() in _FUNCTION_WORDS for w in words):
        return VETO
    return VETO if _HONORIFIC_ALONE.match(c.text) or _QUOTED_TITLE_CLOSED.search(c.text) else None


# An initial and a surname running on in lower case: "H. Bremer identifies the interwar period ...".
_INITIAL_RUNS_ON = rx.compile(r"^\p{Lu}\.\s+\p{Lu}\p{Ll}+\s+\p{Ll}")


def _name_runs_on(c: _Case) -> _Answer:
    # Rule name-runs-on (papers whose justified lines pdftotext split at wide gaps): "Sidney" over "H.
    # Bremer identifies ...": a first name cut from the rest of its name and sentence, not a heading.
    nxt = c.nxt
    return VETO if nxt is not None and len(c.words) <= 2 and _INITIAL_RUNS_ON.match(nxt.first) else None


def _mostly_numbers(c: _Case) -> _Answer:
    # "Trial 2 14.5 13.2 (0.4)": more than a third of the words are numbers, a row of data.
    words = c.words
    digits = sum(1 for w in words if rx.fullmatch(r"[\d.,%±()\-–+/=<>]+", w))
    return VETO if digits > max(1, len(words) // 3) else None


def _full_line(c: _Case) -> _Answer:
    # In hard-wrapped text, a last line as long as a full line most likely runs on into the next: prose.
    # Kept: a question standing apart on one or two lines over prose, however long its lines ("Are there
    # overlapping diagnoses from other cultures, or ...?"), and a long heading line set over its text.
    chunk, nxt, text = c.chunk, c.nxt, c.text
    assert nxt is not None
    if not (c.wrap.wrapped and c.wrap.full(chunk.last)):
        return None
    question = (
        text.endswith("?")
        and len(chunk.units) <= 2
        and text.count("?") == 1
        and chunk.units[0].gap != "none"
        and nxt.first[:1].isupper()
        and not CITE_LIKE.search(text)
    )
    if question:
        return None
    if len(chunk.units) == 1 and (
        titled_line(text, nxt.first) or long_heading_line(text, nxt.first) and not _sentence_over_its_rest(c)
    ):
        return None
    return VETO


_PROSE_WORDS = frozenset(
    "the a an this that these those there it its has have had was were been is are which who would could".split()
)


def _sentence_over_its_rest(c: _Case) -> bool:
    # "Kegl and other linguists have been studying the newly formed" / "Language in an attempt ...": a
    # full line of nine words or more in sentence case, the next line straight under it, is the first
    # line of a paragraph (a page break or removed furniture above it set it apart), not a long heading.
    # A statement heading ("Early maternal undernutrition predisposes offspring to obesity") has few of
    # the articles, auxiliaries and pronouns of running prose ("there was a small scandal when the ...");
    # a numbered line ("2.1 Why a list of names is not enough for the oldest records") is a heading.
    assert c.nxt is not None
    return (
        len(c.words) >= _PROSE_LINE_WORDS
        and sum(1 for w in c.words if w.lower() in _PROSE_WORDS) >= 2
        and c.nxt.units[0].gap == "none"
        and not title_case(c.text)
        and not rx.search(r"[:?]", c.text)
        and not NUMBERED_HEADING.match(c.text)
    )


# A single-level number of a list or of sections: "3." / "3" / "IV." / "B." and what it counts.
_ORDINAL = rx.compile(r"^(?:(?P<d>\d{1,2})\.?|(?P<r>[IVX]{1,5})\.|(?P<l>[A-H])\.)\s+\S")
_ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}


def _ordinal(line: str) -> tuple[str, int] | None:
    m = _ORDINAL.match(line)
    if m is None:
        return None
    if m.group("d"):
        return ("d", int(m.group("d")))
    if m.group("r"):
        n = _ROMAN.get(m.group("r"))
        return ("r", n) if n else None
    return ("l", ord(m.group("l")) - 64)


def _numbered_list_item(c: _Case) -> _Answer:
    # "1. Lithium ion" / "2. Nickel metal hydride" / "3. Sealed lead acid": numbered lines set straight
    # under one another, each counting on from the one above, are the items of a list (assumptions,
    # options, steps of a procedure, a list of contents), not headings with their sections under them.
    here = _ordinal(c.text)
    if here is None:
        return None
    style, n = here
    nxt, prev = c.nxt, c.prev
    if nxt is not None and nxt.units[0].gap == "none" and _ordinal(nxt.first) == (style, n + 1):
        return VETO
    if prev is not None and c.chunk.units[0].gap == "none" and _ordinal(prev.first) == (style, n - 1):
        return VETO
    return None


_COUNT_LINE = rx.compile(r"^\d{1,4}\s+\p{Lu}")


def _counted_lines(c: _Case) -> _Answer:
    # "3 Large Crayfish" / "2 Beakers" / "1 Stopwatch": lines that start with a bare number (no full
    # stop) straight under or over another such line count things (materials, a table's rows); a
    # LaTeX section number stands over prose or over "1.1 ...".
    if not _COUNT_LINE.match(c.text):
        return None
    nxt, prev = c.nxt, c.prev
    if nxt is not None and nxt.units[0].gap == "none" and _COUNT_LINE.match(nxt.first):
        return VETO
    if prev is not None and c.chunk.units[0].gap == "none" and _COUNT_LINE.match(prev.last):
        return VETO
    return None


def _decimal_quantity(c: _Case) -> _Answer:
    # "0.3 ml Caffeine (1.9 g in 100 ml Ringer's)", "0.5 M Tris buffer": a quantity, not section 0.3.
    return VETO if rx.match(r"^0\.[1-9]", c.text) else None


def _numbered(c: _Case) -> _Answer:
    # "2.1 Data Collection", "IV. The Trial", "Chapter 3: Return": a number and a short title. (A list
    # item "a)" or "3)" is not; a number over a long question may be a list of questions.)
    text = c.text
    m = NUMBERED_HEADING.match(text)
    if not m or _ENUM_LOWER.match(text):
        return None
    rest = m.group("rest")
    num = m.group("num").strip()  # as written, "I." and "Chapter 3:" included: writers print it so
    if not (rest[:1].isupper() or rest[:1] in "“\"‘'" or rest[:1].isalpha()):
        return None
    n = len(rest.split())
    if not (n <= 16 and not rest.endswith("?") or n <= 10):
        return None
    if not text[m.end("num") : m.start("rest")]:
        # "1.Introduction": kept as written, since writers print numbering + " " + text.
        return HeadingGuess(text, None, "numbered", depth(num), "headings.numbered")
    return HeadingGuess(rest, num, "numbered", depth(num), "headings.numbered")


def _lower_case_start(c: _Case) -> _Answer:
    # "and then the rest of it": an unnumbered heading starts with a capital, a quotation mark or a digit.
    return None if rx.match(r"^[\p{Lu}“\"‘'\d]", c.text) else VETO


def _long_question(c: _Case) -> _Answer:
    # A question of over 24 words, or over 14 on three lines or with lower case after it: prose.
    text, words, nxt = c.text, c.words, c.nxt
    assert nxt is not None
    if text.endswith("?") and (
        len(words) > 24 or len(words) > 14 and (len(c.chunk.units) > 2 or not nxt.first[:1].isupper())
    ):
        return VETO
    return None


def _caps(c: _Case) -> _Answer:
    # "LITERATURE REVIEW": a line in capitals (three letters or more).
    letters = rx.sub(r"[^\p{L}]", "", c.text)
    if letters and letters.isupper() and len(letters) >= 3:
        return HeadingGuess(c.text, None, "caps", 1, "headings.caps")
    return None


# A line in title case ending in a colon heads what follows up to this many words ("Cost of Health Care in
# the U.S.:", "Specifications of the System and the Implications of Learning:"); a sentence introducing a
# list is seldom in title case. (Over two lines, six: a figure's credit line run into a label is no heading.)
_COLON_TITLE_WORDS = 10


# Rule lead-in-colon (the kind of 6 MICUSP dev files, none a heading there): a line whose colon comes
# after a verb, a pronoun or a preposition that needs what follows ("The song begins:", "They observed
# that:", "If there is:", "THIS TEXT REFERS TO:", "Submitted To:") leads into a quotation, a list or a
# form's value; a heading's colon follows a name ("Methods:", "Data and Sources:").
_LEAD_IN = rx.compile(
    r"\b(?:that|to|is|are|was|were|be|begins?|began|follows|following|includes?|including|as|says|said|states|"
    r"stated|reads|writes|wrote|like|there|below|by)\s*:$",
    rx.IGNORECASE,
)


def _lead_in_colon(c: _Case) -> _Answer:
    # "The song begins:" over the lines of the song: a sentence leading into what follows, not a heading.
    return VETO if c.text.endswith(":") and _LEAD_IN.search(c.text) else None


def _colon(c: _Case) -> _Answer:
    # "Methods:", "Data and Sources:": up to three words, or ten in title case, ending in a colon; a
    # longer line ending in a colon introduces what follows ("The results were as follows:").
    if not c.text.endswith(":"):
        return None
    words = c.words
    most = 6 if len(c.chunk.units) > 1 else _COLON_TITLE_WORDS
    ok = len(words) <= 3 or len(words) <= most and title_case(c.text)
    return HeadingGuess(c.text, None, "colon", 1, "headings.colon") if ok else VETO


# ---- a plain short line: what follows must be prose (or another block), not its continuation --------


def _continued_lower(c: _Case) -> _Answer:
    # "The committee met twice" over "in the spring of 1921": the sentence runs on in lower case.
    nxt = c.nxt
    assert nxt is not None
    if nxt.first[:1].islower() and (nxt.units[0].gap == "none" or not title_case(c.text)):
        return VETO
    return None


def _clause(c: _Case) -> _Answer:
    # "Still, the reforms came late" (one line with a comma) or "... the rise of" (a connector at the
    # end), not in title case: a clause of a sentence.
    text, words = c.text, c.words
    if not title_case(text) and ("," in text and len(c.chunk.units) == 1 or words[-1].lower() in CONNECTOR_END):
        return VETO
    return None


def _long_without_gap(c: _Case) -> _Answer:
    # Over 16 words straight under the text above it: the end of a paragraph.
    return VETO if len(c.words) > 16 and c.chunk.units[0].gap == "none" else None


def _paragraph_first_line(c: _Case) -> _Answer:
    # A line in sentence case with text straight above it and the rest of its paragraph straight under
    # it ("It is very commonly held that the two groups" / "Americans are ...") starts prose. (Set apart
    # by a blank line above, such a line is a statement heading.)
    assert c.nxt is not None
    return VETO if paragraph_first_line(c.text, c.chunk, c.nxt) and not _ended_early(c) else None


def _ended_early(c: _Case) -> bool:
    # Rule heading-ended-early (an exception to paragraph-first-line): in hard-wrapped text, a one-line
    # chunk well short of the width although the next line's first word would have fitted on it was
    # ended by hand ("Analysis of body colour and wing venation genes together" / "To test whether the
    # ..."): a heading over its paragraph, not the paragraph's wrapped first line. Not a line with the
    # articles, pronouns and auxiliaries of running prose ("But the Assembly went beyond this and wrote"
    # over a quotation, "If i and j are of the same topic" over a formula): a sentence cut short.
    assert c.nxt is not None
    wrap, line = c.wrap, c.chunk.last
    return (
        len(c.chunk.units) == 1
        and wrap.wrapped
        and not wrap.full(line)
        and sum(1 for w in c.text.split() if w.lower() in _PROSE_WORDS) < 2
        and wrap.would_fit(line, c.nxt.first.split()[0] if c.nxt.first.split() else "")
    )


def _long_sentence_case(c: _Case) -> _Answer:
    # One line per paragraph: over twelve words not in title case is a short paragraph.
    return VETO if not c.wrap.wrapped and len(c.words) > 12 and not title_case(c.text) else None


def _short_lines_run(c: _Case) -> _Answer:
    # One line per paragraph: two short lines in a row, neither in title case, are more likely a list
    # or a poem.
    nxt = c.nxt
    assert nxt is not None
    if not c.wrap.wrapped and len(nxt.first) < 40 and not title_case(c.text) and not title_case(nxt.first):
        return VETO
    return None


def _title(c: _Case) -> _Answer:
    # "The Early Years": a short line in title case standing alone over its text.
    return HeadingGuess(c.text, None, "title", 1, "headings.title") if title_case(c.text) else None


def _plain(c: _Case) -> _Answer:
    # "Why the reforms failed": a short line in sentence case standing alone over its text.
    return HeadingGuess(c.text, None, "plain", 1, "headings.plain")


# The ordered rules of heading_of: the first that answers decides (a HeadingGuess accepts, VETO rejects).
HEADING_RULES: tuple[tuple[str, Callable[[_Case], _Answer]], ...] = (
    ("headings.too-many-lines", _too_many_lines),
    ("headings.code-comment", _code_comment),
    ("headings.markdown", _markdown),
    ("headings.labelled", _labelled),
    ("headings.appendix", _appendix),
    ("headings.question-label", _question_label),
    ("headings.addressee", _addressee),
    ("headings.last-chunk", _last_chunk),
    ("headings.too-long", _too_long),
    ("headings.caption-or-citation", _caption_or_citation),
    ("headings.ends-like-a-sentence", _ends_like_a_sentence),
    ("headings.spaced-columns", _spaced_columns),
    ("headings.quoted-line", _quoted_line),
    ("headings.sentence-with-note-mark", _sentence_with_note_mark),
    ("headings.two-sentences", _two_sentences),
    ("headings.unbalanced-bracket", _unbalanced_bracket),
    ("headings.formula-or-label", _formula_or_label),
    ("headings.sentence-piece", _sentence_piece),
    ("headings.name-runs-on", _name_runs_on),
    ("headings.mostly-numbers", _mostly_numbers),
    ("headings.full-line", _full_line),
    ("headings.numbered-list-item", _numbered_list_item),
    ("headings.counted-lines", _counted_lines),
    ("headings.decimal-quantity", _decimal_quantity),
    ("headings.numbered", _numbered),
    ("headings.lower-case-start", _lower_case_start),
    ("headings.long-question", _long_question),
    ("headings.lead-in-colon", _lead_in_colon),
    ("headings.caps", _caps),
    ("headings.colon", _colon),
    ("headings.continued-lower", _continued_lower),
    ("headings.clause", _clause),
    ("headings.long-without-gap", _long_without_gap),
    ("headings.paragraph-first-line", _paragraph_first_line),
    ("headings.long-sentence-case", _long_sentence_case),
    ("headings.short-lines-run", _short_lines_run),
    ("headings.title", _title),
    ("headings.plain", _plain),
)


def heading_rule(
    text: str, chunk: Chunk, wrap: Wrap, nxt: Chunk | None, prev: Chunk | None = None
) -> tuple[str, HeadingGuess | None]:
    """The rule of HEADING_RULES that decided on this chunk, and the heading it is (None: vetoed)."""
    case = _Case(text, chunk, wrap, nxt, prev)
    for name, rule in HEADING_RULES:
        answer = rule(case)
        if answer is not None:
            return name, answer if isinstance(answer, HeadingGuess) else None
    raise AssertionError("headings.plain answers every chunk")


def heading_of(
    text: str, chunk: Chunk, wrap: Wrap, nxt: Chunk | None, prev: Chunk | None = None
) -> HeadingGuess | None:
    """The heading this chunk is, or None (its ``rule`` names the accepting rule of HEADING_RULES).
    ``prev``: the chunk before it, when the caller has it (a list's items are told by their neighbours)."""
    return heading_rule(text, chunk, wrap, nxt, prev)[1]


# Names of the sections of a paper: a heading even when it is the only one.
_NAMES = (
    r"(?:abstract|introduction|background|overview|methods?|materials|procedures?|results?|discussion|conclusions?|"
    r"summary|executive\s+summary|literature\s+review|analysis|recommendations?|findings)"
)
_SECTION_NAME = rx.compile(rf"^(?:{_NAMES}(?:\s*(?:,|and|&)\s*{_NAMES})*|appendix\b.*)\s*:?$", rx.IGNORECASE)


def lone_heading(blocks: list[Block], kinds: list[tuple[int, str]]) -> tuple[list[Block], list[tuple[int, str]]]:
    """Rule lone-heading: a paper whose only heading, or only two, are unnumbered lines that name no
    section has no sections: over its first paragraph they are front matter the title block left (a
    subtitle, "January 2008", the book reviewed); among the paragraphs of a long paper, a line of prose
    that stood alone ("So where lay the blame?", a paragraph's first line in title case). Set as prose."""
    if not 1 <= len(kinds) <= _LONE or any(kind not in ("title", "plain", "caps", "colon") for _, kind in kinds):
        return blocks, kinds
    if sum(1 for b in blocks if isinstance(b, Heading)) != len(kinds):
        return blocks, kinds
    before = sum(1 for b in blocks[: kinds[-1][0]] if isinstance(b, Paragraph) and b.role in ("body", "abstract"))
    if before and sum(1 for b in blocks if isinstance(b, Paragraph) and b.role == "body") < _LONE_PARAGRAPHS:
        return blocks, kinds  # a short essay may well set off one section of its few paragraphs
    if len(kinds) == 2 and any(
        isinstance(b, Paragraph) and b.role == "body" for b in blocks[kinds[0][0] + 1 : kinds[1][0]]
    ):
        return blocks, kinds  # two headings with prose between them: two sections ("At Home" / "Abroad")
    out = list(blocks)
    for k, _ in kinds:
        h = blocks[k]
        if not isinstance(h, Heading) or h.numbering is not None:
            return blocks, kinds
        text = "".join(getattr(n, "text", "") for n in h.content).strip()
        if _SECTION_NAME.match(text) or QUESTION_LABEL.match(text) or ASSIGNMENT_LABEL.match(text):
            return blocks, kinds  # (a numbered question or piece of coursework heads its answer, as a number does)
        out[k] = Paragraph(h.content, h.line, "body")
    for k, _ in kinds:
        if blocks[k].line is not None:
            trace.record((blocks[k].line,), "paragraph", "headings.lone-heading")
    return out, []


_LONE = 2
_LONE_PARAGRAPHS = 8


def heading_run(blocks: list[Block]) -> list[Block]:
    """Rule heading-run (the kind of 1 MICUSP dev file, 9 headings, none right): five or more unnumbered
    headings in a row with nothing under any of them ("PUNCTUATION" / "Condition 1: Standard" / "Condition
    2: Nonstandard" / "CAPITALIZATION" / ...) are the labels and cells of a table or a figure, not sections
    (a heading heads something): set as caption paragraphs, their words kept. An appendix's heading in the
    run stays one (appendices may be figures that did not copy). (Four is too few: "Results" / "Crosses" /
    "Cross A" / "P: female x male" over a table are three nested headings and the table's label.)"""
    out = list(blocks)
    k = 0
    while k < len(blocks):
        j = k
        while j < len(blocks) and isinstance(blocks[j], Heading):
            j += 1
        run = [i for i in range(k, j) if _cell_like(blocks[i])]
        if len(run) >= _RUN:
            for i in run:
                h = blocks[i]
                assert isinstance(h, Heading)
                out[i] = Paragraph(h.content, h.line, "caption")
                if h.line is not None:
                    trace.record((h.line,), "caption", "headings.heading-run")
        k = j + 1
    return out


_RUN = 5


def _cell_like(b: Block) -> bool:
    if not isinstance(b, Heading) or b.numbering is not None:
        return False
    return not _APPENDIX.match("".join(getattr(n, "text", "") for n in b.content).strip())


NUMBER_ONLY = rx.compile(
    r"^(?:(?:chapter|part|section)\s+(?:\d+|[IVXLC]+)|(?!0\.[1-9])\d{1,2}(?:\.\d{1,2})+|\d{1,2}\.|[IVXLC]{1,5}\.)\s*[.:]?$",
    rx.IGNORECASE,
    gated=True,
    twin=True,
)
_ENUM_LOWER = rx.compile(r"^\(?[a-z]\)|^\d{1,2}\)")


def depth(num: str) -> int:
    n = num.strip().rstrip(".:").strip()
    low = n.lower()
    if low.startswith(("chapter", "part")):
        return 1
    if low.startswith("section"):
        return 2
    if rx.fullmatch(r"\d+(?:\.\d+)*", n):
        parts = [p for p in n.split(".") if p]
        # "1.0" is a top-level number written with a zero.
        while len(parts) > 1 and parts[-1] == "0":
            parts.pop()
        return len(parts)
    if rx.fullmatch(r"[A-H]", n):
        return 2
    if rx.fullmatch(r"[IVXLC]+", n):
        return 1
    return 1


def title_case(text: str) -> bool:
    small = {
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "for",
        "in",
        "on",
        "to",
        "with",
        "at",
        "by",
        "from",
        "as",
        "vs",
        "its",
        "into",
        "is",
        "are",
    }
    words = rx.findall(r"[\p{L}'’\-]+", text)
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in small)
    return caps >= 0.85 * len(words) and words[0][0].isupper()
