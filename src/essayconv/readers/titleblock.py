"""The title block at the top of an essay: title, MLA heading lines, APA title page, byline, date."""

from __future__ import annotations

from msgspec import Struct, field

from . import _rx as re

from ..model import Meta
from .layout import Unit, Wrap

_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DATE_LINE = re.compile(
    rf"^(?:(?:\d{{1,2}}\s+{_MONTHS}\s+\d{{4}})|(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}})|(?:{_MONTHS}\s+\d{{4}})|"
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}})|(?:\d{{4}}-\d{{2}}-\d{{2}})|(?:1[5-9]\d\d|20\d\d)|"
    rf"(?:(?:spring|summer|fall|autumn|winter)\s+(?:term\s+|semester\s+)?\d{{4}}))\.?$",
    re.IGNORECASE,
    needs=((re.DIGIT,),),
    twin=True,
)
_INSTRUCTOR = re.compile(
    r"^(?:professor|prof\.?|dr\.?|mr\.?|mrs\.?|ms\.?|instructor:?|teacher:?)\s+\p{Lu}",
    re.IGNORECASE,
    starts=("dr", "instructor", "mr", "ms", "prof", "teacher"),
)
_COURSE = re.compile(
    r"(?:^[A-Z]{2,5}\s?-?\d{2,4}[A-Z]?\b|\bcourse\b|\bclass\b|\bsection\s+\d|\bseminar\b|^(?:english|history|biology|"
    r"psychology|sociology|philosophy|composition|writing)\b.*\d|"
    r"^\p{Lu}[\p{L}&]+(?:\s+\p{Lu}[\p{L}&]+){0,3}\s+\d{3}[A-Z]?$)",
    re.IGNORECASE,
    needs=((re.DIGIT, "class", "course", "seminar"),),
)
_PERSON = re.compile(r"^\p{Lu}\p{Ll}[\p{L}'’\-]*(?:\s+\p{Lu}\.?)?(?:\s+\p{Lu}\p{Ll}[\p{L}'’\-]*){1,3}$")
_AFFILIATION = re.compile(
    r"\b(?:university|college|institute|school|academy|polytechnic|department\s+of)\b",
    re.IGNORECASE,
    needs=(("academy", "college", "department", "institute", "polytechnic", "school", "university"),),
)
_RUNNING_HEAD = re.compile(r"^running\s+head\s*:\s*(?P<rh>.+)$", re.IGNORECASE, starts=("running",), twin=True)
_TITLE_PREFIX = re.compile(
    r"^(?:(?:essay\s+)?title|(?:essay|paper|research\s+paper)\s+(?:sample|example))\s*:\s*(?P<t>\S.*)$",
    re.IGNORECASE,
    needs=((":",), ("example", "sample", "title")),
    twin=True,
)
_BYLINE = re.compile(
    r"^(?:by|written\s+by|author)\s*:?\s*(?P<who>.*)$",
    re.IGNORECASE,
    starts=("author", "by", "written"),
    twin=True,
)
_SECTION_WORDS = re.compile(
    r"^(?:#+\s*)?(?:(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4})\.?\s*)?"
    r"(?:abstract|introduction|background|summary|executive\s+summary|table\s+of\s+contents|contents|"
    r"preface|acknowledge?ments?|methods?|keywords?)\b",
    re.IGNORECASE,
    needs=(
        ("abstract", "acknowledg", "background", "contents", "executive", "introduction", "keyword", "method", "preface", "summary"),
    ),
)
_MARKDOWN_TITLE = re.compile(r"^#\s+(?P<t>\S.*?)\s*#*$", starts=("#",), twin=True)
_MARKDOWN_HEADING = re.compile(r"^#\s", starts=("#",))
_CONNECTORS = frozenset("a an the and or of for in on to with at by from as vs vs. versus into".split())


class TitleBlock(Struct):
    meta: Meta = field(default_factory=Meta)
    used: int = 0  # number of leading units consumed
    title_units: list[int] = field(default_factory=list)  # line numbers of title lines
    site_lines: list[int] = field(default_factory=list)  # lines above the title that belong to the site


def _is_titleish(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 24 or len(text) > 200:
        return False
    if text.endswith((".", ",", ";")) and not text.endswith(("Jr.", "etc.")):
        return False
    if not re.match(r"^[\p{Lu}\d“\"'‘]", text):
        return False
    return True


def _is_meta_line(text: str) -> bool:
    return bool(
        DATE_LINE.match(text) or _INSTRUCTOR.match(text) or len(text) < 80 and _COURSE.search(text)
        or _PERSON.match(text) or _BYLINE.match(text)
    )


def read_title_block(units: list[Unit], wrap: Wrap) -> TitleBlock:
    """Find the title block at the start of ``units`` (already free of furniture)."""
    tb = TitleBlock()
    if not units:
        return tb
    meta: dict[str, str] = {}
    k = 0
    # "Title: ..." anywhere in the first lines wins.
    for j, u in enumerate(units[:12]):
        m = _TITLE_PREFIX.match(u.text)
        if m:
            meta["title"] = m.group("t").strip()
            tb.title_units = [u.no]
            tb.used = j + 1
            tb.meta = Meta(**meta)
            return tb
    # Markdown: a single "# Title" line on top, with any sections below it as "##".
    md = _MARKDOWN_TITLE.match(units[0].text)
    if md and not any(_MARKDOWN_HEADING.match(u.text) for u in units[1:]):
        meta["title"] = md.group("t")
        tb.title_units = [units[0].no]
        k = _after_title(units, 1, meta, wrap)
        tb.meta = Meta(**meta)
        tb.used = k
        return tb
    # APA title page: "Running head: X" then the title.
    m = _RUNNING_HEAD.match(units[0].text)
    if m:
        meta["running_head"] = m.group("rh").strip()
        k = 1
    # MLA heading: name, instructor, course, date on separate short lines, then the title.
    mla = _mla_heading(units[k:])
    if mla is not None:
        k += int(mla.pop("_used"))
        meta.update(mla)
    if k >= len(units):
        tb.meta = Meta(**meta)
        tb.used = k
        return tb
    # A site name above the page furniture ("Student Essay Archive" / "Disclaimer: ..." / title):
    # the title is the title-like line after the furniture, right above the essay.
    if (
        k + 2 < len(units)
        and units[k + 1].after_boilerplate
        and units[k + 1].gap != "page"
        and _is_titleish(units[k].text)
        and _is_titleish(units[k + 1].text)
        and not _SECTION_WORDS.match(units[k + 1].text)
        and (len(units[k + 2].text) > 60 or _SECTION_WORDS.match(units[k + 2].text))
    ):
        tb.site_lines.append(units[k].no)
        k += 1
    first = units[k]
    if not _is_titleish(first.text) or _SECTION_WORDS.match(first.text):
        tb.meta = Meta(**meta)
        tb.used = k
        return tb
    # The next unit must look like the start of something else, or more title-block lines.
    title_parts = [first.text]
    tb.title_units = [first.no]
    k += 1
    # A title wrapped over two or three lines: a line ends with a connector, the next starts
    # lowercase, or all are in Title Case.
    while len(title_parts) < 3 and k < len(units) and units[k].gap == "none" and (
        _is_titleish(units[k].text) or units[k].text[:1].islower() and len(units[k].text) < 80
    ):
        last_word = title_parts[-1].split()[-1].lower()
        nxt = units[k].text
        if last_word in _CONNECTORS or nxt[:1].islower() or (
            _title_case(title_parts[-1]) and _title_case(nxt) and not _is_meta_line(nxt)
            and len(nxt.split()) <= 10
            and (not _SECTION_WORDS.match(nxt) or k + 1 >= len(units) or units[k + 1].gap != "none")
        ):
            title_parts.append(nxt)
            tb.title_units.append(units[k].no)
            k += 1
        else:
            break
    if k < len(units) and not _follows_title(units, k, wrap):
        tb.meta = Meta(**meta)
        tb.used = k - len(title_parts)
        tb.title_units = []
        return tb
    meta["title"] = " ".join(title_parts)
    # After the title: subtitle, byline, author/instructor/course/date lines.
    k = _after_title(units, k, meta, wrap)
    tb.meta = Meta(**meta)
    tb.used = k
    return tb


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[\p{L}'’\-]+", text)]
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in _CONNECTORS)
    return caps >= 0.8 * len(words)


def _follows_title(units: list[Unit], k: int, wrap: Wrap) -> bool:
    # A title stands apart: the next line is after a gap, or is a meta line, a heading, or long prose.
    nxt = units[k]
    if nxt.gap != "none":
        return True
    if _is_meta_line(nxt.text) or _SECTION_WORDS.match(nxt.text) or _BYLINE.match(nxt.text):
        return True
    return len(nxt.text) > 60 or wrap.full(nxt.text)


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
        if DATE_LINE.match(t):
            meta.setdefault("date", t)
            k += 1
            continue
        if len(t) < 80 and _INSTRUCTOR.match(t):
            meta.setdefault("instructor", t)
            k += 1
            continue
        if len(t) < 80 and not t.endswith(".") and _COURSE.search(t):
            meta.setdefault("course", t)
            k += 1
            continue
        if len(t) < 100 and not t.endswith(".") and "affiliation" not in meta and _AFFILIATION.search(t):
            meta["affiliation"] = t
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
