"""The title block at the top of an essay: title, MLA heading lines, APA title page, byline, date."""

from __future__ import annotations

from collections.abc import Callable

from msgspec import Struct, field

from ..model import Meta
from . import _rx as rx
from . import trace
from .furniture import ASSIGNMENT_LABEL
from .layout import Unit, Wrap

_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DATE_LINE = rx.compile(
    rf"^(?:(?:\d{{1,2}}\s+{_MONTHS}\s+\d{{4}})|(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}})|(?:{_MONTHS}\s+\d{{4}})|"
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}})|(?:\d{{4}}-\d{{2}}-\d{{2}})|(?:1[5-9]\d\d|20\d\d)|"
    rf"(?:(?:spring|summer|fall|autumn|winter)\s+(?:term\s+|semester\s+)?\d{{4}}))\.?$",
    rx.IGNORECASE,
    gated=True,
    twin=True,
)
_INSTRUCTOR = rx.compile(
    r"^(?:professor|prof\.?|dr\.?|mr\.?|mrs\.?|ms\.?|instructor:?|teacher:?)\s+\p{Lu}",
    rx.IGNORECASE,
    gated=True,
)
_COURSE = rx.compile(
    r"(?:^[A-Z]{2,5}\s?-?\d{2,4}[A-Z]?\b|\bcourse\b|\bclass\b|\bsection\s+\d|\bseminar\b|^(?:english|history|biology|"
    r"psychology|sociology|philosophy|composition|writing)\b.*\d|"
    r"^\p{Lu}[\p{L}&]+(?:\s+\p{Lu}[\p{L}&]+){0,3}\s+\d{3}[A-Z]?$)",
    rx.IGNORECASE,
    gated=True,
)
_PERSON = rx.compile(r"^\p{Lu}\p{Ll}[\p{L}'’\-]*(?:\s+\p{Lu}\.?)?(?:\s+\p{Lu}\p{Ll}[\p{L}'’\-]*){1,3}$")
_AFFILIATION = rx.compile(
    r"\b(?:university|college|institute|school|academy|polytechnic|department\s+of|dept\.?\s+of)\b",
    rx.IGNORECASE,
    gated=True,
)
_RUNNING_HEAD = rx.compile(r"^running\s+head\s*:\s*(?P<rh>.+)$", rx.IGNORECASE, gated=True, twin=True)
_TITLE_PREFIX = rx.compile(
    r"^(?:(?:essay\s+)?title|(?:essay|paper|research\s+paper)\s+(?:sample|example))\s*:\s*(?P<t>\S.*)$",
    rx.IGNORECASE,
    gated=True,
    twin=True,
)
_BYLINE = rx.compile(
    r"^(?:by|written\s+by|author)\s*:?\s*(?P<who>.*)$",
    rx.IGNORECASE,
    gated=True,
    twin=True,
)
_SECTION_WORDS = rx.compile(
    r"^(?:#+\s*)?(?:(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})\.?\s*)?"
    r"(?:abstract|introduction|background|summary|executive\s+summary|table\s+of\s+contents|contents|"
    r"preface|acknowledge?ments?|methods?|keywords?|overview|outline|intro)\b",
    rx.IGNORECASE,
    gated=True,
)
# A numbered section heading ("1. Goals", "I. What is biodiversity?", "2.1 Method"): it starts the body.
_NUMBERED_HEADING = rx.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)\s+\p{Lu}")
# Letter and memo openings: "Dear Dr. Smith:", "To: Board", "From:", "Date: May 2, 2008", "CC:".
_LETTER_LINE = rx.compile(
    r"^(?:dear\s+\S|(?:to|from|date|cc|memo(?:randum)?)\s*:)",
    rx.IGNORECASE,
    gated=True,
)
# The memo's subject line: "Subject: Interim Report", "Re: Observations" (the value may be on the next lines).
_SUBJECT_LINE = rx.compile(r"^(?:subject|re|regarding)\s*:\s*(?P<t>.*)$", rx.IGNORECASE, gated=True, twin=True)
_MARKDOWN_TITLE = rx.compile(r"^#\s+(?P<t>\S.*?)\s*#*$", gated=True, twin=True)
_MARKDOWN_HEADING = rx.compile(r"^#\s", gated=True)
_CONNECTORS = frozenset("a an the and or of for in on to with at by from as vs vs. versus into".split())
# Words a wrapped title line can end with: the title goes on in the next line ("Race Relations between" /
# "Two Groups"); not in _CONNECTORS, which also decides Title Case.
_LINE_END_LINKS = _CONNECTORS | frozenset(
    "between among about across against through within without under over upon toward towards beyond after "
    "before during via nor but not its their his her our".split()
)
# A footnote mark on its own line right after the title ("1", "1.", "*").
_NOTE_MARK_LINE = rx.compile(r"^(?:\d{1,2}\.?|\*{1,3}|†)$")


class TitleBlock(Struct):
    meta: Meta = field(default_factory=Meta)
    used: int = 0  # number of leading units consumed
    title_units: list[int] = field(default_factory=list)  # line numbers of title lines
    site_lines: list[int] = field(default_factory=list)  # lines above the title that belong to the site
    rule: str = ""  # the rule that chose the title ("titleblock.title-label"); "" when there is none
    # line number -> the rule that took that line into the block (a title line that goes on the one above:
    # "titleblock.wrapped-title"); lines not listed were taken by ``rule`` (title) or as meta lines
    line_rules: dict[int, str] = field(default_factory=dict)


def _is_titleish(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 24 or len(text) > 200:
        return False
    if text.endswith((".", ",", ";")) and not text.endswith(("Jr.", "etc.")):
        return False
    if not rx.match(r"^[\p{Lu}\d“\"'‘]", text):
        return False
    return any(ch.isalpha() for ch in text)  # "1", "2.3": a page or note number, never a title


def _is_affiliation_line(text: str, wrap: Wrap) -> bool:
    """ "University of Michigan", "Department of History": a short line naming an institution."""
    return not wrap.full(text) and not text.endswith(".") and bool(_AFFILIATION.search(text))


def _ends_with_colon(text: str) -> bool:
    """``text`` ends with a colon, also inside closing quotes ("“Drunk Girls are Easy:”")."""
    return text.rstrip("”\"’'").endswith(":")


def _is_meta_line_not_name(text: str) -> bool:
    return bool(
        DATE_LINE.match(text)
        or _INSTRUCTOR.match(text)
        or len(text) < 80
        and _COURSE.search(text)
        or _BYLINE.match(text)
    )


def _is_meta_line(text: str) -> bool:
    return bool(
        DATE_LINE.match(text)
        or _INSTRUCTOR.match(text)
        or len(text) < 80
        and _COURSE.search(text)
        or _PERSON.match(text)
        or _BYLINE.match(text)
    )


# ---- The title block: an ordered table of named rules over one reading state ------------------------------


class _Reading:
    """The state of the title block's rules: the units, the next unit to read (``k``), the meta found so far,
    the site lines above the title, and the rule of each line taken."""

    __slots__ = ("k", "line_rules", "meta", "site_lines", "units", "wrap")

    def __init__(self, units: list[Unit], wrap: Wrap) -> None:
        self.units, self.wrap = units, wrap
        self.k = 0
        self.meta: dict[str, str] = {}
        self.site_lines: list[int] = []
        self.line_rules: dict[int, str] = {}

    def take(self, n: int, rule: str) -> None:
        """The next ``n`` units are block lines that ``rule`` read (meta lines above the title)."""
        for u in self.units[self.k : self.k + n]:
            self.line_rules[u.no] = rule
        self.k += n

    def done(self, used: int, title_units: list[int] | None = None, rule: str = "") -> TitleBlock:
        return TitleBlock(
            meta=Meta(**self.meta),
            used=used,
            title_units=title_units or [],
            site_lines=self.site_lines,
            rule=rule if title_units else "",
            line_rules=self.line_rules,
        )


def _title_label(st: _Reading) -> TitleBlock | None:
    # "Title: Light and Growth" (or "Essay Sample: ...") anywhere in the first lines wins; the title may go
    # on over the next lines when the labelled line is wrapped at full width.
    units = st.units
    for j, u in enumerate(units[:12]):
        m = _TITLE_PREFIX.match(u.text)
        if m:
            n = _title_lines(st, j)
            st.meta["title"] = " ".join([m.group("t").strip()] + [v.text for v in units[j + 1 : j + n]])
            return st.done(j + n, [v.no for v in units[j : j + n]], "titleblock.title-label")
    return None


def _markdown_title(st: _Reading) -> TitleBlock | None:
    # Markdown: a single "# Title" line on top, with any sections below it as "##".
    units = st.units
    md = _MARKDOWN_TITLE.match(units[0].text)
    if md and not any(_MARKDOWN_HEADING.match(u.text) for u in units[1:]):
        st.meta["title"] = md.group("t")
        return st.done(_after_title(units, 1, st.meta, st.wrap), [units[0].no], "titleblock.markdown-title")
    return None


def _running_head_line(st: _Reading) -> None:
    # APA title page: "Running head: SLEEP AND MEMORY" above the title (the meta keeps the head).
    m = _RUNNING_HEAD.match(st.units[0].text)
    if m:
        st.meta["running_head"] = m.group("rh").strip()
        st.take(1, "titleblock.running-head")
    return None


def _memo(st: _Reading) -> TitleBlock | None:
    # A memo or letter: "To:", "Date:", "Dear Dr. Smith:" are not titles; the subject line is ("Subject:
    # Interim Report" may open the memo too). Above "To:" a letterhead may stand (the firm's name and
    # address on short lines): when a subject follows, those lines are the memo's header too.
    units, k = st.units, st.k
    if not k < len(units):
        return None
    if _LETTER_LINE.match(units[k].text) or _SUBJECT_LINE.match(units[k].text):
        memo = _memo_subject(units, k)
        if memo is None:
            return st.done(k)
    else:
        j = _letter_below_letterhead(units, k)
        memo = _memo_subject(units, j) if j is not None else None
        if memo is None:
            return None
    title, first, end = memo
    st.meta["title"] = title
    return st.done(end, [u.no for u in units[first:end]], "titleblock.memo-subject")


def _stray_page_number(st: _Reading) -> None:
    # A stray page number above the title ("|1", "- 1 -"): no letters, part of nothing.
    while st.k < min(len(st.units) - 1, 2) and not any(ch.isalpha() for ch in st.units[st.k].text):
        st.k += 1
    return None


def _mla_lines(st: _Reading) -> None:
    # MLA heading: name, instructor, course, date on separate short lines, then the title.
    mla = _mla_heading(st.units[st.k :])
    if mla is not None:
        n = int(mla.pop("_used"))
        st.meta.update(mla)
        st.take(n, "titleblock.mla-heading")
    return None


def _site_line(st: _Reading) -> None:
    # A site name above the page furniture ("Student Essay Archive" / "Disclaimer: ..." / title):
    # the title is the title-like line after the furniture, right above the essay.
    units, k = st.units, st.k
    if (
        k + 2 < len(units)
        and units[k + 1].after_boilerplate
        and units[k + 1].gap != "page"
        and _is_titleish(units[k].text)
        and _is_titleish(units[k + 1].text)
        and not _SECTION_WORDS.match(units[k + 1].text)
        and (len(units[k + 2].text) > 60 or _SECTION_WORDS.match(units[k + 2].text))
    ):
        st.site_lines.append(units[k].no)
        st.k += 1
    return None


def _standalone_title(st: _Reading) -> TitleBlock:
    # The title proper: a title-like line (or a few, _title_lines) that stands apart from what follows
    # (_follows_title); then its subtitle, byline and meta lines (_after_title).
    units, k, wrap = st.units, st.k, st.wrap
    if k >= len(units):
        return st.done(k)
    first = units[k]
    if (
        not _is_titleish(_wrapped_head(units, k, wrap))
        or _section_name(first.text)
        or _NUMBERED_HEADING.match(first.text)
    ):
        return st.done(k)
    if _assignment_label_over_text(units, k, wrap):
        trace.note((first.no,), "titleblock.assignment-label")
        return st.done(k)
    n = _title_lines(st, k)
    title_parts = [u.text for u in units[k : k + n]]
    if k + n < len(units) and not _follows_title(units, k + n, wrap, title_parts[-1]):
        for u in units[k + 1 : k + n]:
            st.line_rules.pop(u.no, None)
        return st.done(k)
    st.meta["title"] = " ".join(title_parts)
    end = _after_title(units, k + n, st.meta, wrap)
    return st.done(end, [u.no for u in units[k : k + n]], "titleblock.standalone-title")


def _section_name(text: str) -> bool:
    """Rule section-name-first (why no title): "Introduction", "1. Abstract:", "Summary. The ..." on top
    open the text; "Introduction to Welfare Economics", "Background of the Policy Issue", "Introduction/Lit
    Review/Research Design" (section words that run on into a name of their own) may be its title."""
    m = _SECTION_WORDS.match(text)
    return m is not None and not rx.match(r"^(?:\s+\p{L}|/)", text[m.end() :])


def _assignment_label_over_text(units: list[Unit], k: int, wrap: Wrap) -> bool:
    # Rule assignment-label (the kind of 2 MICUSP dev files): "Essay 1" straight over the essay's first
    # paragraph (a full line, or one that ends a sentence or leads in with a colon) names the piece of
    # coursework, as a heading over its text; the paper has no title. (Over a title-like line, the label
    # is left to the rules above the title.)
    if not ASSIGNMENT_LABEL.match(units[k].text) or k + 1 >= len(units):
        return False
    nxt = units[k + 1].text
    return not _is_titleish(nxt) or wrap.full(nxt) or nxt.endswith(":")


# The title block's rules in the order they run. A rule that reads lines above the title (a running head,
# an MLA heading) moves the state on and answers None; the first rule that answers a TitleBlock ends the block.
_BLOCK_RULES: tuple[tuple[str, Callable[[_Reading], TitleBlock | None]], ...] = (
    ("titleblock.title-label", _title_label),
    ("titleblock.markdown-title", _markdown_title),
    ("titleblock.running-head", _running_head_line),
    ("titleblock.memo-subject", _memo),
    ("titleblock.stray-page-number", _stray_page_number),
    ("titleblock.mla-heading", _mla_lines),
    ("titleblock.site-line", _site_line),
    ("titleblock.standalone-title", _standalone_title),
)


def read_title_block(units: list[Unit], wrap: Wrap) -> TitleBlock:
    """Find the title block at the start of ``units`` (already free of furniture)."""
    if not units:
        return TitleBlock()
    found = trace.first_rule(_BLOCK_RULES, _Reading(units, wrap))
    assert found is not None  # (the last rule always answers)
    return found[1]


def _wrapped_head(units: list[Unit], k: int, wrap: Wrap) -> str:
    """The first line of a title, without the comma it ends with where the title wraps on ("The Portrayal of
    X: Commentary on Y," / "Z and W")."""
    text = units[k].text
    if text.endswith(",") and k + 1 < len(units) and units[k + 1].gap == "none" and not wrap.full(units[k + 1].text):
        return text[:-1]
    return text


def _title_lines(st: _Reading, k: int) -> int:
    """How many lines from ``units[k]`` make the title (1 to 4): a title wraps onto a next line without a gap
    when a rule of _CONTINUATION_RULES says so (the rule is kept for the line in ``st.line_rules``)."""
    units, wrap = st.units, st.wrap
    n = 1
    while n < 4 and k + n < len(units):
        found = trace.first_rule(_CONTINUATION_RULES, _Next(units, k, n, wrap))
        if found is None or not found[1]:
            break
        st.line_rules[units[k + n].no] = found[0]
        n += 1
    return n


def _ends_soon(units: list[Unit], j: int, wrap: Wrap) -> bool:
    """The lines from ``units[j]`` stop within two lines (the last not full width) at a gap or the end:
    the tail of a wrapped title or subtitle, not a paragraph running on."""
    for i in range(j, min(j + 2, len(units))):
        if i + 1 >= len(units) or units[i + 1].gap != "none":
            return i == j or not wrap.full(units[i].text)
    return False


# ---- Does the title go on in the next line? An ordered table of named rules --------------------------------


class _Next:
    """The question the continuation rules answer: does the title that ends with ``prev`` (units[k + n - 1])
    go on in ``nxt`` (units[k + n])? ``after``: the unit after that, if any."""

    __slots__ = ("after", "gap", "k", "n", "nxt", "prev", "units", "wrap")

    def __init__(self, units: list[Unit], k: int, n: int, wrap: Wrap) -> None:
        self.units, self.k, self.n, self.wrap = units, k, n, wrap
        self.prev, self.nxt = units[k + n - 1].text, units[k + n].text
        self.gap = units[k + n].gap
        self.after = units[k + n + 1] if k + n + 1 < len(units) else None


def _colon_over_gap(q: _Next) -> bool | None:
    # After a gap, only "Hegel and Marx:" / (blank) / "Social division and the state": a colon does not end a
    # title when a short title-like tail follows it.
    if q.gap == "none":
        return None
    nxt = q.nxt
    return (
        q.gap == "blank"
        and _ends_with_colon(q.prev)
        and _is_titleish(nxt)
        and not _SECTION_WORDS.match(nxt)
        and not _NUMBERED_HEADING.match(nxt)
        and _ends_soon(q.units, q.k + q.n, q.wrap)
    )


def _numbered_heading_next(q: _Next) -> bool | None:
    # "1. Goals", "I. What is X?": the first section has begun.
    return False if _NUMBERED_HEADING.match(q.nxt) else None


def _section_word_next(q: _Next) -> bool | None:
    # "Introduction" (or "Overview") right above the first paragraph.
    return False if _SECTION_WORDS.match(q.nxt) and (q.after is None or q.after.gap == "none") else None


def _prose_next(q: _Next) -> bool | None:
    # A full-width line running on into more lines is prose, not the end of a title.
    return False if q.wrap.full(q.nxt) and not _ends_soon(q.units, q.k + q.n, q.wrap) else None


def _wrapped_title(q: _Next) -> bool | None:
    # Wrapped title: the line ends with a connector, a comma, a dash or a colon ("... Phenomenon in" / "North
    # American Monarchs", "Defining X:" / "A brief study of ..."), or the next starts with a dash or colon:
    # the line goes on whatever it looks like (when it is not long).
    prev, nxt = q.prev, q.nxt
    if (
        prev.split()[-1].lower() in _LINE_END_LINKS
        or prev.endswith((",", "–", "—", "-"))
        or _ends_with_colon(prev)
        or nxt.startswith(("–", "—", ":"))
    ):
        return len(nxt) < 100
    return None


def _link_word_start(q: _Next) -> bool | None:
    # The next line starts with a link word ("A Study of Compounds" / "Between Two Groups").
    nxt = q.nxt
    first_word = nxt.split()[0]
    if (
        first_word.lower() in _LINE_END_LINKS
        and first_word[:1].isupper()
        and _is_titleish(nxt)
        and (_title_case(nxt) and len(nxt) < 80 or not q.wrap.full(nxt) and len(nxt) < 60)
    ):
        return True
    return None


def _name_after_full_line(q: _Next) -> bool | None:
    # "... Other Key Financial" / "Stock Indexes": a full line does not end a title, even when the tail
    # reads like a name.
    wrap, nxt = q.wrap, q.nxt
    if wrap.full(q.prev) and not wrap.full(nxt) and _PERSON.match(nxt) and not _is_meta_line_not_name(nxt):
        return True
    return None


def _meta_line_next(q: _Next) -> bool | None:
    # A date, a name, a course line: the title has ended.
    return False if _is_meta_line(q.nxt) and not q.nxt[:1].islower() else None


def _affiliation_next(q: _Next) -> bool | None:
    # "University of Michigan", "School of Nursing": the title block's affiliation line.
    nxt = q.nxt
    return False if _AFFILIATION.search(nxt) and not _AFFILIATION.search(q.prev) and not nxt[:1].islower() else None


def _lowercase_next(q: _Next) -> bool | None:
    # A line that starts in lower case goes on the sentence of the title above it (when it is not long).
    return len(q.nxt) < 80 if q.nxt[:1].islower() else None


def _long_title(q: _Next) -> bool | None:
    # Long title: the previous line filled the width, so the title went on to the next (shorter) line.
    wrap = q.wrap
    return True if wrap.full(q.prev) and not wrap.full(q.nxt) and _is_titleish(q.nxt) else None


def _title_case_subtitle(q: _Next) -> bool:
    # Title and subtitle both in Title Case over two or three short lines.
    nxt = q.nxt
    return (
        _is_titleish(nxt)
        and _title_case(q.prev)
        and _title_case(nxt)
        and len(nxt.split()) <= 10
        and not _SECTION_WORDS.match(nxt)
    )


# The continuation rules in order: the first that answers (True: the title goes on; False: it has ended) decides.
_CONTINUATION_RULES: tuple[tuple[str, Callable[[_Next], bool | None]], ...] = (
    ("titleblock.colon-over-gap", _colon_over_gap),
    ("titleblock.numbered-heading-next", _numbered_heading_next),
    ("titleblock.section-word-next", _section_word_next),
    ("titleblock.prose-next", _prose_next),
    ("titleblock.wrapped-title", _wrapped_title),
    ("titleblock.link-word-start", _link_word_start),
    ("titleblock.name-after-full-line", _name_after_full_line),
    ("titleblock.meta-line-next", _meta_line_next),
    ("titleblock.affiliation-next", _affiliation_next),
    ("titleblock.lowercase-next", _lowercase_next),
    ("titleblock.long-title", _long_title),
    ("titleblock.title-case-subtitle", _title_case_subtitle),
)


# A letterhead line: short, not a sentence ("Systems Group", "1234 Harbor Road, Ann Arbor, MI 48105").
_LETTERHEAD_MAX = 60


def _letter_below_letterhead(units: list[Unit], k: int) -> int | None:
    """The index of a "To:"/"From:" line within the first five units from ``k`` with only letterhead lines
    above it, if there is one."""
    for j in range(k + 1, min(len(units), k + 5)):
        if _LETTER_LINE.match(units[j].text):
            return j
        t = units[j].text
        if len(t) > _LETTERHEAD_MAX or t.endswith((".", "?", "!")) and len(t.split()) > 4:
            return None  # a sentence, not a name or an address ("Harbor Systems Inc.")
    return None


# A bare memo label: "To:", "From:", "Re:" with its value elsewhere.
_BARE_LABEL = rx.compile(
    r"^(?:to|from|date|cc|re|subject|regarding|memo(?:randum)?)\s*:$",
    rx.IGNORECASE,
    gated=True,
)


def _label_column(units: list[Unit], j: int) -> int | None:
    """A memo set as two columns copies as the labels one under the other ("To:" / "From:" / "Re:") and then
    their values in the same order ("Board" / "Planning Office" / "Flood Records"): the index of the value of
    the label ``units[j]``, when the labels run on from it and as many values follow without a gap."""
    start = j
    while start > 0 and units[start].gap == "none" and _BARE_LABEL.match(units[start - 1].text):
        start -= 1
    end = j + 1
    while end < len(units) and units[end].gap == "none" and _BARE_LABEL.match(units[end].text):
        end += 1
    count = end - start
    if count < 2 or end + count > len(units):
        return None
    values = units[end : end + count]
    if any(v.gap != "none" for v in values[1:]) or any(_BARE_LABEL.match(v.text) for v in values):
        return None
    if end + count < len(units) and units[end + count].gap == "none":
        return None  # the lines run on: not a column of values
    return end + (j - start)


def _memo_subject(units: list[Unit], k: int) -> tuple[str, int, int] | None:
    """A memo's header ("To:", "From:", "Date:", "Re:"/"Subject:" in the first dozen lines): the subject is the
    title; its value may be on the lines after a bare "Re:". Returns (title, index of its first line, index
    after the subject)."""
    for j in range(k, min(len(units), k + 12)):
        m = _SUBJECT_LINE.match(units[j].text)
        if not m:
            continue
        value = m.group("t").strip()
        end = j + 1
        col = None if value else _label_column(units, j)
        if col is not None and _is_titleish(units[col].text):
            return units[col].text, col, col + 1
        if not value:
            parts = []
            while (
                end < len(units)
                and len(parts) < 3
                and (not parts or units[end].gap == "none")
                and _is_titleish(units[end].text)
                and len(units[end].text) < 100
            ):
                parts.append(units[end].text)
                end += 1
            value = " ".join(parts)
        if not value:
            return None
        return value, (j if m.group("t").strip() else j + 1), end
    return None


def _title_case(text: str) -> bool:
    words = [w for w in rx.findall(r"[\p{L}'’\-]+", text)]
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in _CONNECTORS)
    return caps >= 0.8 * len(words)


def _follows_title(units: list[Unit], k: int, wrap: Wrap, last: str) -> bool:
    # A title stands apart: the next line is after a gap, or is a meta line, a heading, or long prose.
    nxt = units[k]
    if _NOTE_MARK_LINE.match(nxt.text) and k + 1 < len(units):
        nxt = units[k + 1]  # "Title" / "1" (its footnote mark) / the next line: look past the mark
    if nxt.gap != "none":
        return True
    if _is_meta_line(nxt.text) or _SECTION_WORDS.match(nxt.text) or _BYLINE.match(nxt.text):
        return True
    if _NUMBERED_HEADING.match(nxt.text) or _is_affiliation_line(nxt.text, wrap):
        return True
    if _title_case(last) and _short_lines(units, k, wrap):
        return True  # a Title Case title, then the lines of a poem or an epigraph set under it
    if _ends_with_colon(last):
        return False  # "I will divide them into three groups:" then prose: a sentence leading in, not a title
    if wrap.full(last) and not _title_case(last):
        return False  # a full-width sentence running on into the next line: the first line of a paragraph
    if nxt.text.endswith((".", "?", "!")) and len(nxt.text.split()) >= 5 and _title_case(last):
        return True  # a Title Case title, then a sentence (a short first line of a paragraph broken by the PDF)
    return len(nxt.text) > 60 or wrap.full(nxt.text)


def _short_lines(units: list[Unit], k: int, wrap: Wrap) -> bool:
    """Three lines or more from ``units[k]`` without a gap, each well short of the width (and of 60
    characters): verse or an epigraph, not the first lines of a paragraph."""
    if k + 3 > len(units) or any(u.gap != "none" for u in units[k + 1 : k + 3]):
        return False
    limit = min(60, 0.7 * wrap.width) if wrap.wrapped else 60
    return all(len(u.text) < limit for u in units[k : k + 3])


def title_block_field(t: str) -> str | None:
    """The title-block field a line gives by its form: "date", "instructor", "course" or "affiliation"
    (the DOCX reader's Title Block paragraphs are sorted by it too); None for any other line."""
    # (the length tests come before the patterns they go with: a paragraph of prose is turned away
    # without trying them, and without compiling them on the first essay)
    if DATE_LINE.match(t):
        return "date"
    if len(t) < 80 and _INSTRUCTOR.match(t):
        return "instructor"
    if len(t) < 80 and not t.endswith(".") and _COURSE.search(t):
        return "course"
    if len(t) < 100 and not t.endswith(".") and _AFFILIATION.search(t):
        return "affiliation"
    return None


def _after_title(units: list[Unit], k: int, meta: dict[str, str], wrap: Wrap) -> int:
    start = k
    while k < len(units) and k - start < 8:
        t = units[k].text
        # (the length tests come before the patterns they go with: a paragraph of prose, which ends the
        # block, is turned away without trying them, and without compiling them on the first essay)
        by = _BYLINE.match(t) if len(t) < 80 else None
        if by:
            who = by.group("who").strip()
            if who:
                meta.setdefault("author", who)
            k += 1
            continue
        field = title_block_field(t)
        if field is not None and not (field == "affiliation" and "affiliation" in meta):
            meta.setdefault(field, t)
            k += 1
            continue
        if "author" not in meta and _PERSON.match(t) and not _SECTION_WORDS.match(t):
            meta["author"] = t
            k += 1
            continue
        # A subtitle: right after the title, a sentence-like block that is not a paragraph of prose
        # (short, or wrapped over at most 3 lines), followed by more title-block lines.
        if k == start and "subtitle" not in meta:
            sub, j = _subtitle(units, k, wrap)
            if sub is not None:
                meta["subtitle"] = sub
                k = j
                continue
        break
    return k


def _subtitle(units: list[Unit], k: int, wrap: Wrap) -> tuple[str | None, int]:
    parts = [units[k].text]
    j = k + 1
    while j < len(units) and units[j].gap == "none" and len(parts) < 3:
        parts.append(units[j].text)
        j += 1
    if j < len(units) and units[j].gap == "none":
        return None, k
    text = " ".join(parts)
    if len(text.split()) > 40:
        return None, k
    # Only a subtitle if title-block lines follow (a byline or a date), else it is the first paragraph.
    if j < len(units) and (_BYLINE.match(units[j].text) or DATE_LINE.match(units[j].text)):
        return text, j
    if text.startswith(":") or text.startswith(("A ", "An ")) and _title_case(text) and not text.endswith("."):
        return text.lstrip(": "), j
    return None, k


def _titled_phrase(text: str) -> bool:
    """A Title Case phrase with a lowercase link word ("Mapping of Unknown Mutations"): not a person's name."""
    words = text.split()
    return len(words) >= 3 and _title_case(text) and any(w in _CONNECTORS and w.islower() for w in words[1:])


def _mla_heading(units: list[Unit]) -> dict[str, str] | None:
    """An MLA heading: three to five short lines (author, instructor, course, date in any order,
    at least a date among them), directly above the title."""
    block: list[str] = []
    for u in units[:6]:
        if block and u.gap != "none":
            break
        t = u.text
        if len(t) > 70 or t.endswith(".") and not DATE_LINE.match(t) or _SECTION_WORDS.match(t):
            break
        if t[:1].islower():
            return None  # "Outsourcing clerical jobs, an exploratory" / "analysis": a wrapped title, no MLA line
        block.append(t)
    # The last short line may be the title itself when it follows the heading without a gap.
    while len(block) >= 3 and not DATE_LINE.match(block[-1]) and not _is_meta_line(block[-1]):
        block.pop()
    if not 3 <= len(block) <= 5 or len(units) <= len(block):
        return None
    if not any(DATE_LINE.match(t) for t in block):
        return None
    meta: dict[str, str] = {}
    rest: list[str] = []
    for t in block:
        if "date" not in meta and DATE_LINE.match(t):
            meta["date"] = t
        elif "instructor" not in meta and _INSTRUCTOR.match(t):
            meta["instructor"] = t
        elif "course" not in meta and _COURSE.search(t):
            meta["course"] = t
        else:
            rest.append(t)
    if rest and _titled_phrase(rest[0]):
        return None  # "Mapping of Unknown Mutations" / "MCDB 306" / a date: a title over course lines, no MLA heading
    if rest:
        meta["author"] = rest.pop(0)
    if rest and "instructor" not in meta:
        meta["instructor"] = rest.pop(0)
    if rest and "course" not in meta:
        meta["course"] = rest.pop(0)
    if rest:
        return None  # more unexplained lines than an MLA heading has
    meta["_used"] = str(len(block))
    return meta
