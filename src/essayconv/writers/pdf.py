"""The PDF writer: reportlab platypus, embedded fonts, page furniture, footnotes, outline, live links."""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable, Sequence

from msgspec import Struct, field
from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFName, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from ..check import Finding
from ..diagnostics import Diagnostic
from ..layouts import Layout, surname
from ..model import (
    BlockQuote,
    Cite,
    Document,
    Emph,
    Inline,
    Inlines,
    Link,
    ListBlock,
    NoteRef,
    Preformatted,
    SmallCaps,
    Strong,
    Sub,
    Sup,
    Text,
    iter_inlines,
    plain_text,
)
from ..model import (
    Paragraph as ModelParagraph,
)
from ..transforms import essential
from ..typography import clean, safe_url
from . import _pdf_fonts as fonts
from ._plan import (
    AbstractHeading,
    Body,
    Fmt,
    Head,
    Item,
    Note,
    Notes,
    RefEntry,
    RefHeading,
    RunIn,
    TitleLine,
    heading_text,
    notes_for,
    plan,
    run_in_text,
    title_lines,
)
from ._review import AUTHOR, Comment, Review
from ._stamp import creation_time, pdf_date

LINE_FACTOR = 1.15  # Word's single line for Times-metric faces, so both outputs paginate alike
LINK_COLOR = "#0563C1"
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
_NOTE_CB = "essayconv_note"  # the canvas callback a note mark calls when it is drawn
_SPACE_RUN = re.compile(" (?= )")
_MARK_LABEL = re.compile(f'<onDraw name="{_NOTE_CB}" label="(\\d+)"/>')  # what _Markup.mark writes
# --review: the canvas callbacks at the start and the end of a commented span (label: the comment ids, or
# "doc" for the title's, which are known only once every other span is written)
_REVIEW_START = "essayconv_review_start"
_REVIEW_END = "essayconv_review_end"
_DOC_LABEL = "doc"
_FIRST_CHAR = re.compile(r"(?:<[^>]*>)*(&#?\w+;|[^<&])")  # the tags before a markup's first character, and it
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#160;": "\u00a0"}


def _unescape(piece: str) -> str:
    return _ENTITIES.get(piece, piece)


# --------------------------------------------------------------------------------------------
# Inline markup: every character escaped, tags only from model nodes
# --------------------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Text as markup: what xml.sax.saxutils.escape gives (that module drags in urllib.request,
    http.client, ssl and email: tens of milliseconds of a cold start)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _attr(value: str) -> str:
    return escape(value).replace('"', "&quot;")


def _chunk(text: str, fmt: Fmt, size: float, primary: str) -> str:
    """Escaped text with every run in an explicit face: bold and italic pick the variant, and a
    fallback font for the characters the text font lacks keeps the same weight and slant."""
    k = int(fmt.bold) + 2 * int(fmt.italic)
    out: list[str] = []
    for family, piece in fonts.runs(text, primary):
        markup = _small_caps(piece, size) if fmt.small_caps else escape(piece)
        out.append(f'<font face="{fonts.variant(family, k)}">{markup}</font>')
    s = "".join(out)
    return _vert(s, fmt.vert, size) if fmt.vert else s


def _vert(markup: str, kind: str, size: float) -> str:
    """Superscript or subscript at 70 %, raised or lowered like a word processor does it."""
    rise = 0.33 * size if kind == "super" else 0.14 * size  # reportlab lowers <sub> by its rise
    return f'<{kind} size="{size * 0.7:.2f}" rise="{rise:.2f}">{markup}</{kind}>'


def _small_caps(text: str, size: float) -> str:
    """Lower-case letters as capitals at 80 % (reportlab has no small-caps feature)."""
    out: list[str] = []
    buf: list[str] = []
    lower: bool | None = None
    for ch in text:
        is_lower = ch.islower()
        if lower is not None and is_lower != lower:
            out.append(_sc_piece("".join(buf), lower, size))
            buf = []
        buf.append(ch)
        lower = is_lower
    if buf:
        out.append(_sc_piece("".join(buf), bool(lower), size))
    return "".join(out)


def _sc_piece(text: str, lower: bool, size: float) -> str:
    if not lower:
        return escape(text)
    return f'<font size="{size * 0.8:.1f}">{escape(text.upper())}</font>'


class _Markup:
    """Turns model inlines into reportlab Paragraph markup, numbering note marks as it goes."""

    def __init__(self, notes: Notes, size: float, note_size: float, primary: str, review: Review | None = None) -> None:
        self.primary = primary
        self.notes = notes
        self.size = size
        self.note_size = note_size
        self.review = review
        self.emitted: set[int] = set()  # the comments whose spans are in some paragraph's markup
        self.first_chars: dict[str, str] = {}  # a span's label -> the character its start callback follows

    def __call__(self, nodes: Inlines, fmt: Fmt = Fmt(), *, in_note: bool = False, primary: str | None = None) -> str:
        primary = primary or self.primary
        out: list[str] = []
        for node in nodes:
            match node:
                case Text(text=t):
                    t = clean(t)
                    if t:
                        out.append(_chunk(t, fmt, self.note_size if in_note else self.size, primary))
                case Emph(children=c):
                    out.append(
                        self(
                            c,
                            Fmt(fmt.bold, not fmt.italic, fmt.small_caps, fmt.vert, fmt.link),
                            in_note=in_note,
                            primary=primary,
                        )
                    )
                case Strong(children=c):
                    out.append(
                        self(
                            c,
                            Fmt(True, fmt.italic, fmt.small_caps, fmt.vert, fmt.link),
                            in_note=in_note,
                            primary=primary,
                        )
                    )
                case SmallCaps(children=c):
                    out.append(
                        self(c, Fmt(fmt.bold, fmt.italic, True, fmt.vert, fmt.link), in_note=in_note, primary=primary)
                    )
                case Sup(children=c):
                    out.append(
                        self(
                            c,
                            Fmt(fmt.bold, fmt.italic, fmt.small_caps, "super", fmt.link),
                            in_note=in_note,
                            primary=primary,
                        )
                    )
                case Sub(children=c):
                    out.append(
                        self(
                            c,
                            Fmt(fmt.bold, fmt.italic, fmt.small_caps, "sub", fmt.link),
                            in_note=in_note,
                            primary=primary,
                        )
                    )
                case Link(children=c, url=u):
                    target = safe_url(u)
                    inner = self(
                        c, Fmt(fmt.bold, fmt.italic, fmt.small_caps, fmt.vert, True), in_note=in_note, primary=primary
                    )
                    if target is None or fmt.link:
                        out.append(inner)
                    else:
                        out.append(f'<a href="{_attr(target)}" color="{LINK_COLOR}" underline="1">{inner}</a>')
                case Cite(text=t, rendered=r):
                    inner = self(r if r is not None else (Text(t),), fmt, in_note=in_note, primary=primary)
                    out.append(self.commented(self.review.on_cite(node), inner) if self.review else inner)
                case NoteRef(note_id=nid, mark=m):
                    if not in_note and self.notes.number_for(nid) is not None:
                        out.append(self.mark(nid))
                    else:
                        out.append(self((Sup((Text(m),)),), fmt, in_note=in_note, primary=primary))
                case _:
                    raise TypeError(f"not an inline: {node!r}")
        return "".join(out)

    def commented(self, comments: Sequence[Comment], markup: str, label: str | None = None) -> str:
        """The markup between the callbacks that annotate it when drawn (``label``: the comments' ids)."""
        if label is None:
            if not comments:
                return markup
            self.emitted.update(c.id for c in comments)
            label = " ".join(str(c.id) for c in comments)
        # the start goes after the span's first character: a callback before a word stays at the end of the
        # line before it when the word wraps (reportlab keeps a zero-width piece with the word it follows)
        m = _FIRST_CHAR.match(markup)
        cut = m.end() if m else 0
        self.first_chars[label] = _unescape(m.group(1)) if m else ""  # (the callback steps back over it)
        return (
            f'{markup[:cut]}<onDraw name="{_REVIEW_START}" label="{label}"/>{markup[cut:]}'
            f'<onDraw name="{_REVIEW_END}" label="{label}"/>'
        )

    def mark(self, note_id: str) -> str:
        number = self.notes.number_for(note_id)
        return f'<onDraw name="{_NOTE_CB}" label="{number}"/>' + _vert(str(number), "super", self.size)


# --------------------------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------------------------


class _Styles(Struct):
    layout: Layout
    by_name: dict[str, ParagraphStyle] = field(default_factory=dict)
    fmt: dict[str, Fmt] = field(default_factory=dict)  # the weight and slant each style sets its text in
    family: str = fonts.SERIF

    def __post_init__(self) -> None:
        lay = self.layout
        self.family = fonts.text_family(lay.font)
        size = lay.font_size
        line = size * LINE_FACTOR
        lead = line * lay.line_spacing
        ind = lay.first_line_indent_in * 72
        tb = lay.title
        base = ParagraphStyle(
            "Normal",
            fontName=self.family,
            fontSize=size,
            leading=lead,
            alignment=_ALIGN[lay.align],
            allowWidows=0,
            allowOrphans=0,
            textColor=black,
            spaceBefore=0,
            spaceAfter=0,
        )
        add = self._add
        add("Normal", base)
        add("Body Text", base, firstLineIndent=ind)
        add("First Paragraph", base, firstLineIndent=ind)
        add("Body Text Continued", base, firstLineIndent=0)  # the rest of a paragraph after a display
        title_size = tb.title_size or size
        add(
            "Title",
            base,
            alignment=TA_CENTER,
            fontSize=title_size,
            leading=max(lead, title_size * 1.3),
            bold=tb.title_bold,
            italic=False,
        )
        add("Subtitle", self.by_name["Title"])
        add("Title Repeated", base, alignment=TA_CENTER, bold=tb.title_bold, italic=False)
        add("Title Block", base, alignment=_ALIGN[tb.fields_align])
        for level in range(1, 6):
            hs = lay.heading(level)
            hsize = hs.size or size
            add(
                f"Heading {level}",
                base,
                alignment=_ALIGN[hs.align],
                fontSize=hsize,
                leading=max(lead, hsize * LINE_FACTOR * lay.line_spacing),
                bold=hs.bold,
                italic=hs.italic,
                firstLineIndent=ind if hs.indent else 0,
            )
        rh = lay.reference_heading
        add("Bibliography Heading", base, alignment=_ALIGN[rh.align], bold=rh.bold, italic=False)
        add("Abstract Title", base, alignment=_ALIGN[rh.align], bold=rh.bold, italic=False)
        add("Abstract", base)
        bq_gap = line if lay.block_quote_line_spacing < lay.line_spacing else 0.0
        bq_lead = line * lay.block_quote_line_spacing
        add(
            "Block Text",
            base,
            leftIndent=lay.block_quote_indent_in * 72,
            leading=bq_lead,
            alignment=TA_LEFT,
            spaceBefore=bq_gap,
            spaceAfter=bq_gap,
        )
        add("Epigraph", self.by_name["Block Text"], bold=False, italic=True)
        add("Caption", base, bold=False, italic=True, alignment=TA_LEFT)
        add(
            "List Paragraph",
            base,
            leftIndent=ind + 18,
            bulletIndent=ind,
            alignment=TA_LEFT,
            bulletFontName=self.family,
            bulletFontSize=size,
        )
        pre_size = max(size - 2, 8)
        add(
            "Preformatted Text",
            base,
            fontName=fonts.MONO,
            fontSize=pre_size,
            leading=pre_size * LINE_FACTOR,
            alignment=TA_LEFT,
            spaceAfter=line,
        )
        # a long block is set as pieces (see _pre_pieces) that break across pages as the whole block did:
        # widow and orphan control and the space after belong to the block's ends, not to every piece
        pre = self.by_name["Preformatted Text"]
        add("Preformatted Text (first)", pre, allowWidows=1, spaceAfter=0)
        add("Preformatted Text (middle)", pre, allowOrphans=1, allowWidows=1, spaceAfter=0)
        add("Preformatted Text (last)", pre, allowOrphans=1)
        hang = lay.hanging_indent_in * 72
        add(
            "Bibliography",
            base,
            leading=line * lay.bib_line_spacing,
            leftIndent=hang,
            firstLineIndent=-hang,
            alignment=TA_LEFT,
            spaceAfter=lay.bib_entry_gap_lines * line,
        )
        label = lay.label_width_in * 72
        add(
            "Bibliography Numbered",
            self.by_name["Bibliography"],
            leftIndent=label,
            firstLineIndent=0,
            bulletIndent=0,
            bulletFontName=self.family,
            bulletFontSize=size,
        )
        nsize = lay.note_font_size
        add(
            "Footnote Text",
            base,
            fontSize=nsize,
            leading=nsize * LINE_FACTOR * lay.note_line_spacing,
            alignment=TA_LEFT,
            spaceAfter=nsize * LINE_FACTOR * lay.note_gap_lines,
        )
        add("Header", base, alignment=TA_RIGHT, leading=line)

    def _face(self, bold: bool, italic: bool) -> str:
        # named, not parsed: most essays never use some styles (Story.p loads a style's face)
        return fonts.variant_name(self.family, int(bold) + 2 * int(italic))

    def _add(
        self, name: str, parent: ParagraphStyle, *, bold: bool | None = None, italic: bool | None = None, **kw: object
    ) -> None:
        base = self.fmt.get(parent.name, Fmt())
        if bold is not None or italic is not None:
            base = Fmt(base.bold if bold is None else bold, base.italic if italic is None else italic)
            kw["fontName"] = self._face(base.bold, base.italic)
        self.fmt[name] = base
        self.by_name[name] = ParagraphStyle(name, parent=parent, **kw)  # type: ignore[arg-type]

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.by_name[name]

    def continuation(self, name: str) -> str:
        """The style of a later piece of a paragraph set in pieces: no first-line indent, no space between."""
        cont = f"{name} (continued)"
        if cont not in self.by_name:
            parent = self.by_name[name]
            self.fmt[cont] = self.fmt.get(name, Fmt())
            first = parent.firstLineIndent if parent.firstLineIndent < 0 else 0  # a hanging indent stays hanging
            self.by_name[cont] = ParagraphStyle(
                cont,
                parent=parent,
                firstLineIndent=first,
                spaceBefore=0,
                leftIndent=parent.leftIndent - (parent.firstLineIndent if first else 0),
            )
        return cont


LONG_PARAGRAPH_WORDS = 500
_TOKEN = re.compile(r"\s*\S+\s*|\s+")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s*$")


def _pieces(nodes: Inlines, limit: int) -> list[Inlines]:
    """Split inlines into pieces of about ``limit`` words, at sentence ends inside top-level text."""
    if sum(len(plain_text((n,)).split()) for n in nodes) <= 2 * limit:
        return [nodes]
    pieces: list[Inlines] = []
    cur: list[Inline] = []
    count = 0
    for node in nodes:
        if not isinstance(node, Text):
            cur.append(node)
            count += len(plain_text((node,)).split())
            continue
        buf = ""
        for m in _TOKEN.finditer(node.text):
            buf += m.group()
            count += 1
            if count >= limit and _SENTENCE_END.search(m.group()) or count >= 2 * limit:
                cur.append(Text(buf.rstrip()))
                pieces.append(tuple(cur))
                cur, buf, count = [], "", 0
        if buf:
            cur.append(Text(buf))
    if cur:
        pieces.append(tuple(cur))
    return pieces


PRE_PIECE_LINES = 50
PRE_PIECE_CHARS = 4000


def _pre_pieces(
    lines: list[str], max_lines: int = PRE_PIECE_LINES, max_chars: int = PRE_PIECE_CHARS
) -> list[list[str]]:
    """The lines of a preformatted block in pieces of about ``max_lines`` lines (or ``max_chars``
    characters), each of at least two lines; a block of up to two pieces' worth stays whole.

    Why: reportlab breaks the lines of the rest of a paragraph again at every page it splits across, and
    a block of 8,000 short lines set as one paragraph took 16 s (quadratic). Lines after a ``<br/>`` are
    broken on their own, so pieces set the same lines; with the piece styles (first, middle, last) they
    also break across pages where the whole block did: orphan control at its start, widow control at its
    end, the space after it after its last line. Two lines at least per end piece keep those rules the
    block's (a one-line last piece could be a widow the whole block would have given company)."""
    if len(lines) <= 2 * max_lines and sum(map(len, lines)) <= 2 * max_chars:
        return [lines]
    pieces: list[list[str]] = []
    cur: list[str] = []
    chars = 0
    for line in lines:
        cur.append(line)
        chars += len(line)
        if len(cur) >= 2 and (len(cur) >= max_lines or chars >= max_chars):
            pieces.append(cur)
            cur, chars = [], 0
    if cur:
        if len(cur) < 2 and pieces:
            pieces[-1] += cur
        else:
            pieces.append(cur)
    return pieces


# --------------------------------------------------------------------------------------------
# Flowables
# --------------------------------------------------------------------------------------------


class _KeepHeading(CondPageBreak):
    """Start a new page unless the heading and two lines of what follows fit: no stranded heading."""

    def __init__(self, heading: Flowable, after: float) -> None:
        super().__init__(0)
        self.heading = heading
        self.after = after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, h = self.heading.wrap(availWidth, availHeight)
        self.height = h + self.after
        return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]


class _NoteRoom:
    """Room at the bottom of the current page for the notes of the paragraphs placed on it so far.

    A paragraph reserves the height of its notes, but never more than ``limit`` (the page less three
    lines of text): notes taller than that, or than what is left of the page when a paragraph must
    be set on it whatever its notes, continue at the bottom of the next page (``carry``) before that
    page's own notes, as Word and the Chicago Manual set them.
    """

    def __init__(self, story: _Story, full: float, limit: float) -> None:
        self.story = story
        self.full = full  # the height of an empty page's text frame
        self.limit = limit
        self.page_has_notes = False
        self.reserved = 0.0  # the height given to notes at the bottom of the current page
        self.carry: list[Flowable] = []  # the parts of notes still to set, from the pages before

    def carry_height(self) -> float:
        gap = self.story.styles["Footnote Text"].spaceAfter
        return sum(f.wrap(self.story.text_width, 1e6)[1] + gap for f in self.carry)

    def need_to_start(self, numbers: list[int]) -> float | None:
        """The room these notes need if the last of them is a long one that may continue on the next
        page: the others whole, and its first two lines. None when the last note is not that long
        (a short note is kept whole, on the page of its mark, by moving the text instead)."""
        if not numbers:
            return None
        story = self.story
        last = numbers[-1]
        if story.note_height(last) < self.full / 3:
            return None
        style = story.styles["Footnote Text"]
        head = story.notes_height(numbers[:-1], rule=not self.page_has_notes)
        return head + 2 * style.leading + style.spaceAfter

    def pending(self, numbers: list[int]) -> float:
        """The height every note due on this page needs: the continued ones, then these."""
        if not numbers and not self.carry:
            return 0.0
        return self.carry_height() + self.story.notes_height(numbers, rule=True)

    def need(self, numbers: list[int]) -> float:
        if not numbers:
            return 0.0
        return min(self.story.notes_height(numbers, rule=not self.page_has_notes), self.limit)


class _NoteParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that counts the room its footnotes take at the page bottom as part of its height.

    The frame places it as if it were that tall; the template then gives the extra back to the text
    that follows and raises the page bottom instead, so notes and text never overlap.
    """

    room: _NoteRoom | None = None
    outline: tuple[str, int, str] | None = None  # (title, level, key) for headings
    note_room = 0.0
    force_fit = False  # set on a paragraph no split can seat with its notes, even on an empty page
    # the note numbers marked in it, in text order, when known: read from the markup of a whole
    # paragraph and handed on to the parts of a split, so that finding them does not mean walking
    # every word of the rest of a long paragraph at every wrap and every split tried (None: walk)
    note_seq: tuple[int, ...] | None = None

    def note_numbers(self) -> list[int]:
        """The notes marked in this paragraph (or part of one)."""
        if self.note_seq is not None:
            return list(self.note_seq)
        return _marks(self.frags)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # (reportlab breaks the lines again at every wrap; keeping them from the first wrap would be
        # cheaper, but a word split across lines comes out spaced differently the second time)
        w, h = super().wrap(availWidth, availHeight)
        room = self.room
        self.note_room = room.need(self.note_numbers()) if room is not None else 0.0
        if self.force_fit:
            self.note_room = min(self.note_room, max(availHeight - h, 0.0))
        self.height = h + self.note_room
        return w, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = self.room
        if room is None or not self.note_numbers():
            return self._adopt(self._split(availWidth, availHeight))
        # the first part must fit together with its own notes: the most lines for which it does
        lead = self.style.leading
        for lines in range(int(availHeight / lead), 0, -1):
            parts = self._split(availWidth, lines * lead + 1e-6)
            if not parts:
                break  # orphan and widow rules allow no split this short
            if len(parts) == 1:
                continue  # all the text fits in these lines, but not with all of its notes
            first = parts[0]
            if len(first.blPara.lines) * lead + room.need(first.note_numbers()) <= availHeight + 1e-6:
                return self._adopt(parts)
        # a long note may start here and continue on the next page (the Chicago Manual's rule:
        # at least two of its lines on the page of its mark) rather than leave the page part empty
        for lines in range(int(availHeight / lead), 0, -1):
            parts = self._split(availWidth, lines * lead + 1e-6)
            if not parts:
                break
            first = copy.copy(self) if len(parts) == 1 else parts[0]
            start = room.need_to_start(first.note_numbers())
            if start is None:
                continue  # the last note of this much text is short: keep it whole (less text, or move it)
            if len(first.blPara.lines) * lead + start <= availHeight + 1e-6:
                first.force_fit = True
                return self._adopt([first, *parts[1:]])
        if availHeight < room.full - 1e-6:
            return []  # try again at the top of the next page
        # even an empty page cannot hold it with all its notes: set it with the room there is, and the
        # notes that do not fit continue on the next page
        forced = copy.copy(self)
        forced.force_fit = True
        return [forced]

    def _split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """reportlab's split, the parts told which of this paragraph's notes each one marks."""
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and self.note_seq is not None and isinstance(parts[0], _NoteParagraph):
            first, rest = parts
            n = self._marks_in_first_lines(len(first.blPara.lines))  # the first part is these lines
            first.note_seq, rest.note_seq = self.note_seq[:n], self.note_seq[n:]
        return parts

    def _marks_in_first_lines(self, count: int) -> int:
        """How many note marks the first ``count`` lines of the last wrap hold (counted once per wrap:
        the split search asks for fewer and fewer lines of the same wrap)."""
        bl = self.blPara
        memo = self.__dict__.get("_mark_prefix")
        if memo is None or memo[0] is not bl:
            memo = self._mark_prefix = (bl, [0])
        prefix: list[int] = memo[1]
        while len(prefix) <= count:
            line = bl.lines[len(prefix) - 1]
            prefix.append(prefix[-1] + len(_marks(getattr(line, "words", line))))
        return prefix[count]

    def _adopt(self, parts: list[Flowable]) -> list[Flowable]:
        for k, part in enumerate(parts):
            if isinstance(part, _NoteParagraph) and part is not self:
                part.room = self.room
                part.outline = self.outline if k == 0 else None
        return parts


class _PrePiece(_NoteParagraph):
    """A later piece of a long preformatted block (see _pre_pieces), set as the whole block was set.

    When the piece before it ends on the last line of a page, this piece starts the next page with an
    empty line: reportlab's split of a paragraph at a ``<br/>`` begins the part it carries over with the
    empty line the break leaves, and the block set as one paragraph had that line at the top of every
    page it continued on, wherever the page broke.
    """

    whole = False  # set on the piece as written; the parts reportlab splits off begin with the line already

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self.whole and int(availHeight / float(self.style.leading)) == 0:  # not one of its lines fits here
            carried = _PrePiece("<br/>" + self.text, self.style)
            carried.room = self.room
            carried.note_seq = ()
            return [_Nothing(), carried]
        return super().split(availWidth, availHeight)  # type: ignore[no-any-return]


class _Nothing(Flowable):  # type: ignore[misc]
    """Takes no room and draws nothing: what a split leaves on a page that keeps none of a flowable."""

    _ZEROSIZE = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        pass


def _marks(frags: object) -> list[int]:
    """The note numbers in paragraph fragments, which reportlab turns from flat runs into nested
    word lists once the paragraph is wrapped."""
    out: list[int] = []
    stack: list[object] = [frags]
    while stack:
        f = stack.pop()
        if isinstance(f, (list, tuple)):
            stack.extend(reversed(f))
            continue
        cb = getattr(f, "cbDefn", None)
        if getattr(cb, "name", None) == _NOTE_CB:
            out.append(int(cb.label))  # type: ignore[union-attr]
    return out


class _NotesTail(Flowable):  # type: ignore[misc]
    """The last flowable: adds pages while notes are still to be set (a note continued from the last
    page of text, or notes that needed more than the room their paragraph could reserve)."""

    def __init__(self, room: _NoteRoom, marked: Callable[[], list[int]], fill: float | None = None) -> None:
        super().__init__()
        self.room = room
        self.marked = marked  # the notes marked on the current page so far
        self.fill = fill  # set on the part that gives the rest of a page to its notes
        self.note_room = fill or 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self.fill is not None:
            self.height = self.fill
        else:
            over = self.room.pending(self.marked()) - self.room.reserved > 1e-3
            # a tail that does not fit is split (below) into the rest of this page, given to its notes
            self.height = availHeight + 1.0 if over else 0.0
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return [_NotesTail(self.room, self.marked, fill=availHeight), _NotesTail(self.room, self.marked)]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        pass  # nothing to draw (and no empty graphics state left in the page's content)


class _Story:
    def __init__(self, doc: Document, layout: Layout, review: Review | None = None) -> None:
        self.doc = doc
        self.layout = layout
        self.styles = _Styles(layout)
        self.notes = notes_for(doc)
        self.review = review
        self.markup = _Markup(self.notes, layout.font_size, layout.note_font_size, self.styles.family, review)
        # --review: the paragraph the comments without a place of their own span (the title, else the first)
        self.doc_anchor: str | None = "Title" if any(t.kind == "title" for t in title_lines(doc, layout)) else None
        self.doc_marked = False
        self.flow: list[Flowable] = []
        self.outline_level = -1
        self.keys = 0
        self.pending_break = False
        self.title_page = False
        self.line = layout.font_size * LINE_FACTOR
        width, height = layout.page_size
        self.text_width = width - 2 * layout.margin_in * 72
        self.note_cache: dict[int, Paragraph] = {}
        # a note's height at the text width, measured once: the room check runs for every split
        # tried, and re-wrapping every note of a paragraph each time was quadratic in its notes
        self.note_heights: dict[int, float] = {}
        self.note_by_number: dict[int, Note] = {}
        # notes may fill the page but for the first lines of text (orphan control keeps two together)
        body_lead = self.styles["Body Text"].leading
        frame = height - 2 * layout.margin_in * 72
        self.room = _NoteRoom(self, frame, frame - 3 * body_lead)

    # ---- helpers ---------------------------------------------------------------------------

    def style(self, name: str) -> ParagraphStyle:
        ps = self.styles[name]
        fonts.load(ps.fontName)  # styles name their faces; a face is parsed once a paragraph uses it
        return ps

    def p(self, text: str, style: str) -> _NoteParagraph:
        if self.review and not self.doc_marked and self.doc_anchor in (None, style):
            text = self.markup.commented((), text, label=_DOC_LABEL)
            self.doc_marked = True
        para = _NoteParagraph(text, self.style(style))
        para.room = self.room
        para.note_seq = tuple(map(int, _MARK_LABEL.findall(text))) if _NOTE_CB in text else ()
        return para

    def later_pre_piece(self, text: str, style: str) -> _PrePiece:
        """A piece of a long preformatted block after its first (no notes are marked in one)."""
        para = _PrePiece(text, self.style(style))
        para.room = self.room
        para.note_seq = ()
        para.whole = True
        return para

    def note_paragraph(self, number: int) -> Paragraph:
        if number not in self.note_cache:
            if number not in self.note_by_number:  # all notes are numbered before the first is set
                self.note_by_number = {n.number: n for n in self.notes.by_id.values()}
            note = self.note_by_number[number]
            mark = _vert(str(number), "super", self.layout.note_font_size)
            text = mark + " " + self.markup(note.content, in_note=True)
            self.note_cache[number] = Paragraph(text, self.styles["Footnote Text"])
        return self.note_cache[number]

    def notes_height(self, numbers: list[int], *, rule: bool) -> float:
        """The height of these notes at the page bottom (plus the separator rule when it is the first)."""
        gap = self.styles["Footnote Text"].spaceAfter
        h = sum(self.note_height(n) + gap for n in sorted(set(numbers)))
        return h + (self.line if rule else 0.0)

    def note_height(self, number: int) -> float:
        h = self.note_heights.get(number)
        if h is None:
            h = self.note_heights[number] = self.note_paragraph(number).wrap(self.text_width, 1e6)[1]
        return h

    def add(self, f: Flowable, *, page_break: bool = False) -> None:
        if page_break or self.pending_break:
            self.flow.append(PageBreakIfNotEmpty())
            self.pending_break = False
        self.flow.append(f)

    def para(
        self,
        style: str,
        nodes: Inlines,
        *,
        page_break: bool = False,
        bullet: str | None = None,
        comments: Sequence[Comment] = (),
    ) -> None:
        # reportlab re-breaks the rest of a paragraph at every page it splits across, so a huge paragraph
        # costs pages x length; set it as pieces that continue one another (no indent, no gap) instead
        pieces = [nodes] if bullet is not None else _pieces(nodes, LONG_PARAGRAPH_WORDS)
        for i, piece in enumerate(pieces):
            text = self.markup(piece, self.styles.fmt[style])
            if comments and i == 0:  # (a commented entry is short: one piece)
                text = self.markup.commented(comments, text)
            if bullet is not None:
                text = f"<bullet>{self.markup((Text(bullet),))}</bullet>{text}"
            name = style if i == 0 else self.styles.continuation(style)
            self.add(self.p(text, name), page_break=page_break and i == 0)

    def heading(
        self, style: str, title: str, level: int, *, page_break: bool = False, nodes: Inlines | None = None
    ) -> None:
        # outline levels may rise by one at a time only (reportlab refuses a jump)
        level = min(level, self.outline_level + 1)
        self.outline_level = level
        self.keys += 1
        text = self.markup(nodes if nodes is not None else (Text(title),), self.styles.fmt[style])
        p = self.p(text, style)
        p.outline = (title, level, f"h{self.keys}")
        if page_break or self.pending_break:
            self.add(p, page_break=True)
        else:
            self.flow.append(_KeepHeading(p, 2 * self.styles["Body Text"].leading))
            self.flow.append(p)

    # ---- items -----------------------------------------------------------------------------

    def build(self, marked: Callable[[], list[int]]) -> list[Flowable]:
        """The flowables; ``marked`` tells the last one which notes are marked on the current page."""
        for it in plan(self.doc, self.layout):
            self.item(it)
        if self.notes.by_id:
            self.flow.append(_NotesTail(self.room, marked))
        if self.review:  # the notes' markup now, so that the title's comments are known before it is drawn
            for note in self.notes.by_id.values():
                self.note_paragraph(note.number)
        return self.flow

    def item(self, it: Item) -> None:
        tb = self.layout.title
        lead = self.styles["Body Text"].leading
        match it:
            case TitleLine(text=t, kind=kind, first=first, last=last):
                if kind == "title":
                    if tb.lines_before:
                        self.add(Spacer(1, tb.lines_before * lead))
                    self.add(self.p(self.markup((Text(t),), self.styles.fmt["Title"]), "Title"))
                    if not (self.doc.meta.subtitle or "").strip() and tb.gap_lines:
                        self.add(Spacer(1, tb.gap_lines * lead))
                elif kind == "subtitle":
                    self.add(self.p(self.markup((Text(t),), self.styles.fmt["Subtitle"]), "Subtitle"))
                    if tb.gap_lines:
                        self.add(Spacer(1, tb.gap_lines * lead))
                elif kind == "repeat-title":
                    self.add(
                        self.p(self.markup((Text(t),), self.styles.fmt["Title Repeated"]), "Title Repeated"),
                        page_break=first,
                    )
                else:
                    self.add(self.p(self.markup((Text(t),), self.styles.fmt["Title Block"]), "Title Block"))
                if last:
                    self.pending_break = True
                    self.title_page = True
            case AbstractHeading(text=t, new_page=new_page):
                self.heading("Abstract Title", t, 0, page_break=new_page)
            case Head(heading=h, page_break=pb):
                nodes = ((Text(h.numbering + " "),) if h.numbering else ()) + h.content
                self.heading(
                    f"Heading {min(max(h.level, 1), 5)}",
                    heading_text(h),
                    max(h.level - 1, 0),
                    page_break=pb,
                    nodes=nodes,
                )
            case RunIn(heading=h, paragraph=p, page_break=pb):
                hs = self.layout.heading(h.level)
                head = self.markup((Text(run_in_text(h)),), Fmt(hs.bold, hs.italic))
                rest = " " + self.markup(p.content) if p is not None else ""
                self.add(self.p(head + rest, "Body Text"), page_break=pb)
            case Body(block=b, first=first, page_break=pb):
                self.block(b, first, pb)
            case RefHeading(text=t):
                rh = self.layout.reference_heading
                self.heading("Bibliography Heading", t, 0, page_break=rh.new_page)
            case RefEntry(content=c, label=label, ref_id=ref_id):
                comments = self.review.on_reference(ref_id) if self.review else ()
                if label:
                    self.para("Bibliography Numbered", c, bullet=label, comments=comments)
                else:
                    self.para("Bibliography", c, comments=comments)
            case _:
                raise TypeError(f"not a plan item: {it!r}")

    def block(self, b: object, first: bool, page_break: bool) -> None:
        match b:
            case ModelParagraph(content=c, role=role):
                style = {
                    "body": "First Paragraph" if first else "Body Text",
                    "abstract": "Abstract",
                    "epigraph": "Epigraph",
                    "caption": "Caption",
                    "continuation": "Body Text Continued",
                }[role]
                self.para(style, c, page_break=page_break)
            case BlockQuote(paragraphs=ps):
                for k, q in enumerate(ps):
                    style = "Epigraph" if q.role == "epigraph" else "Block Text"
                    self.para(style, q.content, page_break=page_break and k == 0)
            case ListBlock(items=items, ordered=ordered):
                for k, li in enumerate(items):
                    marker = li.marker.strip() or (f"{k + 1}." if ordered else "\u2022")
                    self.para("List Paragraph", li.content, page_break=page_break and k == 0, bullet=marker)
            case Preformatted(text=t):
                pieces = _pre_pieces(clean(t.rstrip("\n")).split("\n"))
                for k, piece in enumerate(pieces):
                    markup = "<br/>".join(self._pre_line(line) for line in piece)
                    if len(pieces) == 1:
                        self.add(self.p(markup, "Preformatted Text"), page_break=page_break)
                    elif k == 0:
                        self.add(self.p(markup, "Preformatted Text (first)"), page_break=page_break)
                    else:
                        end = "last" if k == len(pieces) - 1 else "middle"
                        self.add(self.later_pre_piece(markup, f"Preformatted Text ({end})"))
            case _:
                raise TypeError(f"not a block: {b!r}")

    def _pre_line(self, line: str) -> str:
        """Keep runs of spaces (column alignment) while single spaces may still wrap a long line."""
        parts: list[str] = []
        for family, piece in fonts.runs(line.replace("\t", "    "), fonts.MONO):
            s = _SPACE_RUN.sub("&#160;", escape(piece))  # a space before a space must not collapse
            s = "&#160;" + s[1:] if s.startswith(" ") else s
            parts.append(s if family == fonts.MONO else f'<font face="{family}">{s}</font>')
        return "".join(parts) or "&#160;"


# --------------------------------------------------------------------------------------------
# The document template: page furniture and footnotes at the page bottoms
# --------------------------------------------------------------------------------------------


class _Template(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, buf: io.BytesIO, story: _Story, *, date: str, **kw: object) -> None:
        self.story = story
        self.date = date  # the creation and modification date, as a PDF date string
        self.lay = story.layout
        self.notes_on: dict[int, list[int]] = {}  # page -> note numbers whose marks were drawn there
        self.review_open: dict[str, tuple[int, float, float, float]] = {}  # label -> (page, x, y, size) of its start
        self.review_drawn: set[int] = set()  # the comments annotated (each once)
        width, height = self.lay.page_size
        m = self.lay.margin_in * 72
        super().__init__(buf, pagesize=(width, height), leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m, **kw)
        self.body_frame = Frame(m, m, width - 2 * m, height - 2 * m, 0, 0, 0, 0, id="body")
        self.addPageTemplates(
            [PageTemplate("page", [self.body_frame], onPage=self._furniture, onPageEnd=self._draw_notes)]
        )

    def beforeDocument(self) -> None:
        self.canv.setNamedCB(_NOTE_CB, self._note_drawn)
        if self.story.review:
            self.canv.setNamedCB(_REVIEW_START, self._review_start)
            self.canv.setNamedCB(_REVIEW_END, self._review_end)
        # reportlab dates the file now in local time (the minutes of a half-hour zone's offset come out
        # wrong), or at SOURCE_DATE_EPOCH, or in 2000 when invariant: ours is the writers' shared stamp, in UTC
        self.canv.setDateFormatter(lambda *_ymdhms: self.date)

    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        self.frame._geom()  # noqa: SLF001 -- undo the raised bottom of the last page
        room = self.story.room
        room.page_has_notes = False
        room.reserved = 0.0
        if room.carry:
            # notes continued from the last page take their room before any text is set
            need = min(room.pending([]), room.limit)
            self.frame._y1p += need  # noqa: SLF001
            room.reserved = need
            room.page_has_notes = True

    # ---- --review: a text annotation over each commented span ------------------------------------

    def _here(self, canv: Canvas) -> tuple[float, float, float]:
        """Where the text is being set, in page coordinates, and its font size (in an onDraw callback)."""
        info = canv._curr_tx_info  # noqa: SLF001 -- what reportlab hands a callback: the text cursor
        x, y = canv.absolutePosition(info["cur_x"], info["cur_y"])
        return x, y, float(info["xs"].style.fontSize)

    def _review_start(self, canv: Canvas, kind: str, label: str | None) -> None:
        x, y, size = self._here(canv)
        tx = canv._curr_tx_info["tx"]  # noqa: SLF001
        first = self.story.markup.first_chars.get(label or "", "")
        if first and tx._fontname:  # noqa: SLF001 -- the face the character was just set in
            x -= stringWidth(first, tx._fontname, tx._fontsize)  # noqa: SLF001
        self.review_open[label or ""] = (self.page, x, y, size)

    def _review_end(self, canv: Canvas, kind: str, label: str | None) -> None:
        review = self.story.review
        assert review is not None
        x1, y1, size = self._here(canv)
        page, x0, y0, _ = self.review_open.pop(label or "", (self.page, x1, y1, size))
        m = self.lay.margin_in * 72
        right = self.lay.page_size[0] - m
        if page != self.page or abs(y0 - y1) > 1:  # the span breaks across lines (or pages)
            if page == self.page and right - x0 > size:  # the rest of its first line
                x1 = right
            else:  # it starts at the very end of a line (or page): its last line, up to its end
                x0, y0 = m, y1
        if x1 - x0 < size / 2:
            x1 = x0 + size / 2
        if label == _DOC_LABEL:
            comments = review.unplaced(self.story.markup.emitted)
        else:
            ids = {int(i) for i in (label or "").split()}
            comments = [c for c in review.comments if c.id in ids]
        rect = (x0, y0 - 0.25 * size, x1, y0 + 0.85 * size)
        for c in comments:
            if c.id not in self.review_drawn:
                self.review_drawn.add(c.id)
                canv.textAnnotation(
                    c.text, Rect=rect, relative=0, T=PDFString(AUTHOR), Name=PDFName("Comment"), Color=(1.0, 0.8, 0.2)
                )

    def marked_here(self) -> list[int]:
        return self.notes_on.get(self.page, [])

    def _note_drawn(self, canv: Canvas, kind: str, label: str | None) -> None:
        if label is not None:
            self.notes_on.setdefault(self.page, []).append(int(label))

    def afterFlowable(self, flowable: Flowable) -> None:
        room = getattr(flowable, "note_room", 0.0)
        if room:
            # the frame placed the paragraph as if its notes were below it: give that space back
            # to the text and raise the page bottom by it instead
            f = self.frame
            f._y += room  # noqa: SLF001 -- Frame has no public API for its cursor and bottom
            f._y1p += room  # noqa: SLF001
            self.story.room.page_has_notes = True
            self.story.room.reserved += room
        outline = getattr(flowable, "outline", None)
        if outline is not None:
            title, level, key = outline
            top = self.frame._y + flowable.height  # noqa: SLF001
            self.canv.bookmarkHorizontal(key, 0, top + self.lay.font_size)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)

    def _draw_notes(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        numbers = sorted(set(self.notes_on.get(self.page, [])))
        story = self.story
        room = story.room
        if not numbers and not room.carry:
            return
        m = self.lay.margin_in * 72
        # the notes sit on the page bottom; what the page reserved for them is all they may take
        y = m + min(room.pending(numbers), room.reserved)
        canv.saveState()
        canv.setLineWidth(0.5)
        rule_y = y - story.line * 0.5
        canv.line(m, rule_y, m + 2 * 72, rule_y)
        canv.restoreState()
        y -= story.line
        gap = story.styles["Footnote Text"].spaceAfter
        queue = [*room.carry, *(story.note_paragraph(n) for n in numbers)]
        room.carry = []
        for k, p in enumerate(queue):
            # wrapped again although its height is known: reportlab's second line breaking of a text
            # (from processed fragments) can space a word split across lines differently from the first
            _, h = p.wrap(story.text_width, 1e6)
            if h > y - m + 1e-3:
                parts = p.split(story.text_width, y - m + 1e-3) if y - m >= story.line else []
                if len(parts) == 2:
                    _, h = parts[0].wrap(story.text_width, 1e6)
                    parts[0].drawOn(canv, m, y - h)
                    room.carry = [parts[1], *queue[k + 1 :]]
                else:
                    room.carry = queue[k:]
                break
            p.drawOn(canv, m, y - h)
            y -= h + gap

    def _furniture(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        lay = self.lay
        if lay.header == "none" or (self.page == 1 and self.story.title_page and not lay.header_on_title_page):
            return
        label = str(self.page)
        if lay.header == "surname-page":
            name = surname(self.story.doc.meta.author)
            label = f"{clean(name)} {label}" if name else label
        width, height = lay.page_size
        m = lay.margin_in * 72
        p = Paragraph(self.story.markup((Text(label),)), self.story.styles["Header"])
        _, h = p.wrap(width - 2 * m, lay.font_size * 3)
        p.drawOn(canv, m, height - lay.header_distance_in * 72 - h)


def font_warnings(layout: Layout, doc: Document | None = None) -> list[Diagnostic]:
    """Warnings about the PDF's type: the layout's font is not available (Liberation Serif stands in),
    or characters of ``doc`` that no font can print (they show as U+FFFD)."""
    out: list[Diagnostic] = []
    if fonts.is_substituted(layout.font):
        out.append(
            Diagnostic(
                "font-substituted",
                "warning",
                f"font {layout.font!r} is not installed as TrueType; the PDF uses Liberation Serif instead",
            )
        )
    if doc is not None:
        missing = sorted(fonts.unprintable(_all_text(doc)))
        if missing:
            shown = ", ".join(f"U+{ord(c):04X}" for c in missing[:8]) + (" ..." if len(missing) > 8 else "")
            out.append(
                Diagnostic(
                    "glyph-missing",
                    "warning",
                    f"no font can print {len(missing)} character(s) ({shown}); the PDF shows \ufffd",
                )
            )
    return out


def _all_text(doc: Document) -> str:
    parts = [
        getattr(doc.meta, f) or ""
        for f in ("title", "subtitle", "author", "instructor", "course", "affiliation", "date")
    ]
    parts += [plain_text(seq) for seq in iter_inlines(doc.blocks)]
    parts += [b.text for b in doc.blocks if isinstance(b, Preformatted)]
    parts += [plain_text(fn.content) for fn in doc.footnotes]
    if doc.bibliography is not None:
        parts += [plain_text(e.content) + (e.label or "") for e in doc.bibliography.entries]
        parts.append(doc.bibliography.heading)
    else:
        parts += [r.raw for r in doc.references]
    return "\n".join(parts)


# The whole-document passes (transforms.py) this writer needs before it writes.
NEEDS: tuple[str, ...] = ("smart-quotes", "title-block-warnings", "font-warnings", "orphan-notes", "links")


def write(doc: Document, layout: Layout, review: Sequence[Finding] = ()) -> bytes:
    """The document as PDF bytes, dated now (reproducible when SOURCE_DATE_EPOCH is set: the same input then
    gives the same bytes); with ``review``, each finding of ``essayconv check`` is a text annotation (author
    "essayconv") over the citation or reference entry it names, else over the title."""
    stamp = creation_time()  # (before any work: a SOURCE_DATE_EPOCH that is not a time is refused)
    doc = essential(doc, layout)  # (a document straight from the model: no note dropped, URLs linked)
    fonts.register()
    story = _Story(doc, layout, Review(doc, review) if review else None)
    buf = io.BytesIO()
    meta = doc.meta
    t = _Template(
        buf,
        story,
        date=pdf_date(stamp),
        title=clean(meta.title or ""),
        author=clean(meta.author or ""),
        subject=clean(meta.subtitle or ""),
        creator="essayconv",
        producer="essayconv",
        initialFontName=story.styles.family,
        lang=clean(meta.language or "en-US"),
        invariant=0,
        displayDocTitle=1,
    )
    t.build(story.build(t.marked_here))
    return buf.getvalue()
