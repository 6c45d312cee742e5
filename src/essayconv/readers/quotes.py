"""Block quotations and verse: chunks set apart from the running text as quoted matter.

In a copy of a PDF a block quotation has lost its indentation, but it keeps its measure: it is set in a
narrower column (or, in a smaller type, a wider one) than the paragraphs around it, so every line of it
but the last is clearly shorter (or longer) than the body's full lines. It is introduced by a sentence
that runs on into it ("... she writes:", "... declares that", "As Locke puts it,") and often ends with
its citation ("... of his character (Annals 113)"). Verse quoted line by line is the same, with shorter
lines, which the chunker may have cut into several chunks."""

from __future__ import annotations

from collections.abc import Callable

from . import _rx as rx
from .chunks import BULLET, CONNECTOR_END, ENUM, Chunk, ends_sentence, math_line
from .layout import Wrap

# The citation that closes a block quotation: "(Tac. Annals 113)", "(lines 612-624)", "(Kenkel, 1991).",
# "(p. 388)", "(Laura)".
_CLOSING_CITE = rx.compile(r"\((?=[^()]*[\p{Lu}\d])[^()]{1,60}\)\.?$")
# Lines of the body are full when they reach this share of the wrap width; a quotation's measure stays
# under NARROW of it (or, in a smaller type, over WIDE).
NARROW = 0.88
SLIGHTLY = 0.94
WIDE = 1.06
_MAX_RUN = 40  # chunks of one quotation (verse cut line by line)


def _measure(units_len: list[int], wrap: Wrap) -> str | None:
    """ "narrow" or "wide" when every line but the last is set to another measure than the body's."""
    body = units_len[:-1]
    if not body:
        return None
    if max(body) <= NARROW * wrap.width:
        return "narrow"
    if min(body) >= WIDE * wrap.width:
        return "wide"
    return None


def opening_measure(c: Chunk, wrap: Wrap) -> bool:
    """Whether a chunk of prose is set to a narrower measure than the body's: every line, the last too,
    clearly shorter than the body's full lines (a motto or quotation before the essay begins)."""
    if not wrap.wrapped or wrap.width < 40 or len(c.units) < 3:
        return False
    return max(len(u.text) for u in c.units) <= NARROW * wrap.width and _prose_like(" ".join(u.text for u in c.units))


# A paragraph of the body: its lines (but the last) average this share of the full line or more.
_BODY_MEAN = 0.93


def body_measure(c: Chunk, wrap: Wrap) -> bool:
    """Whether a chunk of three lines or more of hard-wrapped text is set to the body's full measure: its
    lines but the last average nearly the full line (a quotation's are shorter, its measure narrower)."""
    if not wrap.wrapped or wrap.width < 40 or len(c.units) < 3:
        return False
    body = [len(u.text) for u in c.units[:-1]]
    return sum(body) / len(body) >= _BODY_MEAN * wrap.width


def _prose_like(text: str) -> bool:
    # sentences, not cells, labels or codes: most tokens are words, most of them in lower case
    tokens = text.split()
    if len(tokens) < 10:
        return False
    words = sum(1 for t in tokens if rx.search(r"\p{L}{2,}", t))
    lower = sum(1 for t in tokens if rx.match(r"^[(“\"‘'\[]?\p{Ll}", t))
    return words >= 0.8 * len(tokens) and lower >= 0.5 * len(tokens)


# What does not start a quotation: a caption or table label, a list's number or letter.
_NOT_QUOTE_START = rx.compile(
    r"^(?:(?:fig(?:ure)?\.?|table|chart|exhibit|plate|appendix|source|note)\b|\(?(?:\d{1,3}|[a-zA-Z]|[ivx]{1,4})[.)]\s|\d{1,3}\s)",
    rx.IGNORECASE,
)


def _introduced(prev: Chunk, wrap: Wrap) -> str | None:
    """How the chunk before introduces what follows: "colon" ("she writes:"), "colon-line" (a line of its
    own: "The song begins:"), "runs-on" ("He writes,", "... declares that": the sentence is not finished), None (a finished sentence, or no paragraph of
    the body: a heading, a table, a list)."""
    before = prev.last.rstrip()
    words = before.split()
    if len(prev.units) < 2 and len(words) <= 6:
        # a heading or label, not a sentence running on; but "The song begins:" is a sentence
        content = [w for w in words if rx.fullmatch(r"\p{Ll}{3,}:?", w) and w.rstrip(":") not in CONNECTOR_END]
        return "colon-line" if before.endswith(":") and len(content) >= 2 else None
    if before.endswith(":"):
        return "colon"
    if not any(wrap.full(u.text) for u in prev.units):
        return None
    if before.endswith(",") or not ends_sentence(before) and words and words[-1][-1:].isalpha():
        return "runs-on"
    return None


def quote_runs(
    chunks: list[Chunk], texts: list[str], wrap: Wrap, is_table: Callable[[Chunk, str], bool]
) -> dict[int, int]:
    """Rule measure-quote: start index -> end index of chunks set apart as a block quotation by their
    measure (narrower or wider lines than the body's) and introduced by the sentence before them or closed
    by a citation."""
    if not wrap.wrapped or wrap.width < 40:
        return {}
    out: dict[int, int] = {}
    n = len(chunks)
    k = 1
    while k < n:
        end = _run_from(chunks, texts, wrap, k, is_table)
        if end is None:
            k += 1
            continue
        out[k] = end
        k = end
    return out


def _member(c: Chunk, text: str, wrap: Wrap) -> bool:
    # A chunk that can be part of a quotation: no list marker, no full-width line of the body.
    if c.marker is not None or BULLET.match(text) or ENUM.match(text):
        return False
    if all(math_line(u.text) for u in c.units) and not rx.search(r"\p{L}{2,}.*\p{L}{2,}", text):
        return False  # an equation, not a short line of verse ("No, no—")
    return all(len(u.text) <= NARROW * wrap.width for u in c.units)


def _run_from(
    chunks: list[Chunk], texts: list[str], wrap: Wrap, k: int, is_table: Callable[[Chunk, str], bool]
) -> int | None:
    prev = chunks[k - 1]
    intro = _introduced(prev, wrap)
    c = chunks[k]
    if c.units[0].gap == "page" and intro is None:
        return None
    if _member(c, texts[k], wrap):
        # narrow: the run goes on over the chunks the chunker cut it into (verse, sentence ends at a
        # line's end), as long as no blank line or page and no full-width line comes between
        if _member(prev, texts[k - 1], wrap) and len(prev.units) > 1 and intro != "colon":
            return None  # inside a narrow stretch already passed over (a paragraph's last lines that end
            # "As Malthus writes:" introduce the quotation, though they are short too: rule colon-ends-intro)
        end = k + 1
        while (
            end < len(chunks)
            and end - k < _MAX_RUN
            and chunks[end].units[0].gap == "none"
            and _member(chunks[end], texts[end], wrap)
        ):
            end += 1
    else:
        end = k + 1
    lengths = [len(u.text) for ch in chunks[k:end] for u in ch.units]
    kind = _measure(lengths, wrap)
    if kind is None and intro == "colon" and len(lengths) >= 3:
        # after "she writes:" a quotation indented a little: every line but the last clearly shorter
        # than the longest lines of the paragraph introducing it
        if max(lengths[:-1]) <= SLIGHTLY * min(wrap.width, max(len(u.text) for u in prev.units)):
            kind = "indented"
    if kind is None:
        return None
    text = " ".join(texts[k:end])
    if _NOT_QUOTE_START.match(text) or text[:1].islower() and intro != "colon":
        return None
    if not _prose_like(text) or any(is_table(ch, t) for ch, t in zip(chunks[k:end], texts[k:end])):
        return None
    cited = bool(_CLOSING_CITE.search(texts[end - 1]))
    if intro in (None, "colon-line") and not cited:
        return None  # (a line of its own ending in ":" may be a heading: the citation must close the quotation)
    # the body must come back after it: a quotation is not the last thing of the essay's text unless cited
    if end < len(chunks) and _member(chunks[end], texts[end], wrap) and chunks[end].units[0].gap == "none":
        return None
    return end


# A quotation after "she writes:" closed by its citation may keep nearly the body's measure (indented on
# the left only, half an inch of a line): its lines average under a full line of the body, none runs
# wider. (A paragraph of the body's own measure averages about the full width.)
_CITED_MEAN = 0.95
_CITED_MAX_LINES = 25
# It begins as a sentence does: a capital, perhaps after an opening mark, a bracket or an ellipsis.
_QUOTE_START = rx.compile(r"^(?:[“\"‘'\[(]|…|\.\.\.)?\s?\p{Lu}")


# The citation that closes it names a page, a year or an author ("(Harlow 112)", "(Art. 14, Sec. 3)",
# "(Laura)"): not an acronym spelled out ("... Engineering (WISE).") nor a pointer to a figure or table.
_CITATION_END = rx.compile(
    r"\((?!(?i:see\s+)?(?i:fig(?:ure)?s?|tables?|appendix|eq(?:uation)?)\b)(?=[^()]*(?:\d|\p{Lu}\p{Ll}))[^()]{1,60}\)\.?$"
)


def cited_after_colon(chunks: list[Chunk], texts: list[str], wrap: Wrap, k: int) -> bool:
    """Rule cited-after-colon: a chunk of a few lines after a paragraph that ends "... she writes:" (or runs
    on into it: "... declares that", "As Locke puts it,"), which begins as a sentence and ends with its
    citation ("... of the trade (Harlow 112)."), set no wider than the body, is a block quotation though its
    measure is only a little narrower than the body's."""
    if not wrap.wrapped or wrap.width < 40 or k == 0:
        return False
    c, text = chunks[k], texts[k]
    prev = chunks[k - 1]
    intro = _introduced(prev, wrap)
    if intro != "colon" and (intro != "runs-on" or len(prev.units) < 2) or c.marker is not None:
        return False  # (a caption or a heading of one line has no full stop either: it runs on into nothing)
    broken = _short_break([u.text for u in prev.units], [u.text for u in c.units], wrap)
    return _cited_quote([len(u.text) for u in c.units], text, wrap, broken)


def _cited_quote(lengths: list[int], text: str, wrap: Wrap, lower: bool = False) -> bool:
    # A few lines that begin as a sentence (or, with ``lower``, go on with the one introducing them), end
    # with a citation and average under the body's full line.
    if not 2 <= len(lengths) <= _CITED_MAX_LINES:
        return False
    starts = _QUOTE_START.match(text) or lower and _LOWER_START.match(text)
    if not _CITATION_END.search(text) or not starts or _NOT_QUOTE_START.match(text):
        return False
    body = lengths[:-1]
    if sum(body) / len(body) > _CITED_MEAN * wrap.width or max(body) > WIDE * wrap.width:
        return False
    return _prose_like(text) and not (BULLET.match(text) or ENUM.match(text))


# A quotation that goes on with the sentence introducing it: "Thoreau writes," / "we require that all ...".
_LOWER_START = rx.compile(r"^(?:…|\.\.\.)?\s?\p{Ll}")


def _cited_tail(c: Chunk, wrap: Wrap) -> int | None:
    """Rule peel-cited-tail: where a quotation closed by its citation starts at the end of the paragraph
    introducing it ("... the Constitution of 1935 declares that" / "The Congress shall ... (Art. 14, Sec.
    3)."): after a line that ends with ":", "," or "that", or one broken short in mid-sentence (rule
    short-break-intro), the rest of the chunk passes as a cited quotation (the longest such tail; the
    paragraph keeps two lines or more)."""
    n = len(c.units)
    if n < 4 or not _CITATION_END.search(c.last):
        return None
    for t in range(max(2, n - _CITED_MAX_LINES), n - 1):
        before = c.units[t - 1].text.rstrip()
        if c.units[t].gap != "none":
            continue
        tail = c.units[t:]
        lengths = [len(u.text) for u in tail]
        broken = _short_break([u.text for u in c.units[:t]], [u.text for u in tail], wrap)
        if not (before.endswith((":", ",")) or before.endswith(" that") or broken):
            continue
        # (a quotation that begins in lower case goes on with the sentence before it: the break must be short)
        if _cited_quote(lengths, " ".join(u.text for u in tail), wrap, broken):
            return t
    return None


def _short_break(above: list[str], tail: list[str], wrap: Wrap) -> bool:
    """Rule short-break-intro: the last line of a paragraph (``above``) broken short in mid-sentence ("...
    she will receive from" / "the view of the last smiles ..."), though the next line's first word would
    have fitted on it, over lines (``tail``) set narrower than the paragraph's: the sentence runs on into a
    quotation set apart below it. (Lines that only wrap around a figure are no narrower than the ones above.)"""
    before, words = above[-1].rstrip(), tail[0].split()
    if len(above) < 3 or len(tail) < 2 or not words or ends_sentence(before) or not wrap.would_fit(before, words[0]):
        return False
    lines = [len(t) for t in above[:-1] if len(t) <= WIDE * wrap.width]  # (not two lines pdftotext ran together)
    if not lines or wrap.full(before) or len(before) > NARROW * max(lines):
        return False
    return sum(len(t) for t in tail[:-1]) / (len(tail) - 1) <= _SHORT_BREAK_MEAN * sum(lines) / len(lines)


# A quotation's lines average this share of the paragraph's above it or less.
_SHORT_BREAK_MEAN = 0.95


def _ends_intro(line: str) -> bool:
    # "Locke writes," / "the following:" / "Smith argues that": the end of a sentence introducing a quotation
    words = line.rstrip().split()
    return line.rstrip().endswith((",", ":")) or bool(words) and words[-1].lower() in CONNECTOR_END


def peel_quote_tails(chunks: list[Chunk], wrap: Wrap) -> list[Chunk]:
    """Rule peel-tail: the first lines of a quotation that the chunker left at the end of the paragraph
    introducing it are set apart from it. After a full line that runs on with "," or ":" (or a short line
    that ends the introducing sentence: "Smith argues that", "Locke writes,"), two or more lines of a
    narrower measure, or one that the rest of the quotation follows in chunks of its own. (One short line
    alone is every paragraph's last line.)"""
    if not wrap.wrapped or wrap.width < 40:
        return chunks
    out: list[Chunk] = []
    for k, c in enumerate(chunks):
        start = _quote_tail(c, wrap)
        if start is None:
            start = _cited_tail(c, wrap)
        nxt = chunks[k + 1] if k + 1 < len(chunks) else None
        follows = nxt is not None and nxt.units[0].gap == "none" and _member(nxt, nxt.first, wrap)
        if start is None or len(c.units) - start < 2 and not follows:
            out.append(c)
            continue
        out.append(Chunk(c.units[:start], c.marker))
        out.append(Chunk(c.units[start:]))
    return out


def _quote_tail(c: Chunk, wrap: Wrap) -> int | None:
    """Where the lines of a narrower measure at the end of a paragraph of full lines start, when the
    paragraph introduces them."""
    n = len(c.units)
    t = n
    while t > 0 and len(c.units[t - 1].text) <= NARROW * wrap.width and c.units[t - 1].gap == "none":
        t -= 1
    if t < 2 or t == n or not wrap.full(c.units[t - 1].text):
        return None
    before = c.units[t - 1].text.rstrip()
    if ends_sentence(before) and not before.endswith(":"):  # (a colon ends a sentence, but introduces)
        return None
    if _ends_intro(c.units[t].text) and not before.endswith(":"):  # (after a colon the quotation has begun)
        t += 1  # "Because of this," / "Smith argues that" / "Among civilized nations ...": it ends the intro
    elif not before.endswith((",", ":")):
        return None
    if t == n or not rx.match(r"^[\p{Lu}“\"‘]", c.units[t].text):
        return None
    return t


# An interviewer's question on a line or two of its own, between the answers quoted from the interview:
# "What do you do to get ready to go out?", "(I: And after school?)". It is short and ends with "?".
_QUESTION = rx.compile(r"^[(\[]?(?:\p{Lu}{1,3}:\s*)?[\p{Lu}“\"‘].*\?[”\"’]?[)\]]?$")
_QUESTION_MAX_WORDS = 30


def _question(c: Chunk, text: str) -> bool:
    return (
        c.marker is None
        and len(c.units) <= 2
        and len(text.split()) <= _QUESTION_MAX_WORDS
        and bool(_QUESTION.match(text))
    )


def _answers(chunks: list[Chunk], texts: list[str], wrap: Wrap, q: int) -> int:
    """The end of the answer under the question at ``q``: the chunks set directly under it to a narrower
    measure than the body's, up to the next question (q + 1 when there is none: the line under the question
    is no answer when it asks a question too, begins with a number or a label, or is not set narrower)."""
    end = q + 1
    while (
        end < len(chunks)
        and chunks[end].units[0].gap == "none"
        and _member(chunks[end], texts[end], wrap)
        and not _question(chunks[end], texts[end])
        and (end > q + 1 or _QUOTE_START.match(texts[end]) and not _NOT_QUOTE_START.match(texts[end]))
    ):
        end += 1
    return end


# A reply too short to be prose ("Yeah.", "Having sex."): an answer only in an essay that quotes an
# interview at length.
_SHORT_REPLY = rx.compile(r"^\p{Lu}[\p{L}'’ ,]{0,40}[.!]$")


def _full_answer(chunks: list[Chunk], texts: list[str], q: int) -> bool:
    """Rule interview-answer-full: in an essay that quotes an interview (two exchanges or more set to a
    narrower measure), the paragraph directly under another of the interviewer's questions is its answer
    though its lines run nearly to the body's width: sentences, finished."""
    c, text = chunks[q + 1], texts[q + 1]
    if c.units[0].gap != "none" or c.marker is not None or _question(c, text) or _NOT_QUOTE_START.match(text):
        return False
    return bool(_QUOTE_START.match(text)) and _prose_like(text) and (ends_sentence(text) or text.endswith(")"))


# An interview is excerpted when two questions or more are quoted with their answers.
_MIN_EXCHANGES = 2


def interview_answers(
    chunks: list[Chunk], texts: list[str], wrap: Wrap, runs: dict[int, int]
) -> tuple[dict[int, int], dict[int, int]]:
    """Rule interview-answer: in an essay that quotes an interview, question after answer, a question on a
    line or two of its own ("What do you do to get ready to go out?") set directly over an answer of a
    narrower measure than the body's (sentences, finished: not a codebook's "0 = Never" or a questionnaire's
    "Not likely") is an exchange: the question stays a paragraph of the text (rule interview-question), the
    answer is a block quotation, one for each exchange. A run of quoted lines (quote_runs) that holds such a
    question is cut there, so that each answer is one quotation. Returns the runs (cut) and the exchanges:
    index of the question -> end index of its answer's chunks."""
    if not wrap.wrapped or wrap.width < 40:
        return runs, {}
    exchanges: dict[int, int] = {}
    replies: dict[int, int] = {}
    for q, c in enumerate(chunks[:-1]):
        if _question(c, texts[q]) and not _NOT_QUOTE_START.match(texts[q]):
            end = _answers(chunks, texts, wrap, q)
            answer = " ".join(texts[q + 1 : end])
            if end > q + 1 and _prose_like(answer) and (ends_sentence(answer) or answer.endswith(")")):
                exchanges[q] = end
            elif end > q + 1 and _SHORT_REPLY.match(answer):
                replies[q] = end
    if len(exchanges) < _MIN_EXCHANGES:
        return runs, {}
    for q, c in enumerate(chunks[:-1]):
        if q in exchanges or q in replies or not _question(c, texts[q]) or _NOT_QUOTE_START.match(texts[q]):
            continue
        if _full_answer(chunks, texts, q):
            exchanges[q] = q + 2
    runs = dict(runs)
    out: dict[int, int] = {}
    for q, end in sorted({**exchanges, **replies}.items()):
        inside = next((s for s, t in {**runs, **out}.items() if s <= q < t), None)
        if inside is not None:  # a question inside a run of quoted lines: the run is cut there
            into = runs if inside in runs else out
            end = max(end, into.pop(inside) if inside == q else into[inside])
            if inside != q:
                into[inside] = q
        end = min((s for s in (*runs, *out) if q < s < end), default=end)
        if end > q + 1:
            out[q] = end
    return runs, out


# A quotation numbered for reference in the discussion, "(3) If phantasia is ... (De An. 428a1-4)": the
# number in brackets, then a sentence, then its citation after the full stop (or before it: "... to memory
# (De Mem. 450b24-7)."), perhaps with a note mark.
_NUMBERED = rx.compile(r"^\(\d{1,2}\)\s+[“\"‘]?\p{Lu}")
_NUMBERED_CITE = rx.compile(
    r"(?:[.!?…][\"”’]?\s*\((?=[^()]*\d)[^()]{2,60}\)\.?|\s\((?=[^()]*\d)[^()]{2,60}\)\.)\d{0,2}$"
)
_NUMBERED_MIN_WORDS = 15


def numbered_quotation(text: str, before: str) -> bool:
    """Rule numbered-quotation: a passage numbered "(3)" so the discussion can refer to it, which ends with
    its citation after the full stop ("... or fall into error. (De An. 3.3.428a1-4)"), after a sentence
    introducing it ("But Aristotle claims exactly this:") or another such passage, is a block quotation, not
    an item of a numbered list (whose items give no source)."""
    if not _NUMBERED.match(text) or len(text.split()) < _NUMBERED_MIN_WORDS or not _NUMBERED_CITE.search(text):
        return False
    return before.rstrip().endswith(":") or bool(_NUMBERED.match(before) and _NUMBERED_CITE.search(before))
