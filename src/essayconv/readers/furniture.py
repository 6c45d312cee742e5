"""Page furniture and web boilerplate: the source lines that are not part of the essay."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from itertools import accumulate, pairwise
from typing import NamedTuple

from msgspec import Struct

from . import _rx as rx
from ._rx import fold

# The fields an essay site lists about a sample ("Words: 612", "Category: Environment", "Pages: 3").
_SITE_FIELDS = (
    "category",
    "downloads",
    "language",
    "level",
    "pages",
    "rating",
    "subject",
    "topic",
    "type",
    "university",
    "updated",
    "views",
    "words",
)
_SITE_FIELDS_RE = "|".join(_SITE_FIELDS)

# Phrases of essay-mill pages, paper databases and corpus wrappers; each hit adds weight to a line.
# Gated (see _rx.GatedPattern): each pattern is only searched in a line holding what every line it matches
# holds, after fold (_rx.fold): one of its start strings at the start (patterns anchored by "^"), and one
# keyword of each of its groups somewhere. Most essays need none of these patterns: they stay uncompiled.
_STRONG = [
    r"place (?:your|an) (?:first )?order",
    r"\border (?:it )?(?:now|today)\b",
    r"cite this (?:work|essay|article|paper|page|sample)",
    r"to export a reference",
    r"cop(?:y|ied) to clipboard",
    r"^info:\s*[\d,]+\s+words",
    r"\bdmca\b|removal request|request (?:essay|content) removal",
    r"original writer of this (?:essay|paper)|no longer wish to have your work published",
    r"study for free with our",
    r"(?:university|college) lectures!",
    r"^(?:essay|paper|sample) (?:details|info(?:rmation)?)\b",
    r"^(?:report|flag) (?:this )?(?:essay|content|paper)",
    r"^(?:this|the) (?:essay|paper|sample) (?:is|was) (?:contributed|uploaded|provided)",
    r"plagiarism[- ]free",
    r"essay writing service",
    r"writing service",
    r"(?:written|checked) by (?:an? )?(?:educator|expert|professional)",
    r"(?:don['’]t|do not) have time to write",
    r"need an? (?:perfect|original|custom|plagiarism)",
    r"(?:popular|related|similar) (?:essay )?(?:topics|essays|samples)",
    r"disclaimer: this is an example of a student",
    r"^paper type:",
    r"^word ?count:",
    r"^reference this\b",
    r"get \d+ ?% off",
    r"save \d+ ?%",
    r"\bwith (?:this |the )?(?:promo )?code\b",
    r"\bfree essays?\b",
    r"essay (?:sample|example)s?\s*\|",
    r"\|\s*free essays?",
    r"we guarantee",
    r"100 ?% (?:confidential|original|plagiarism)",
    r"on-time delivery",
    r"our (?:expert )?writers",
    r"hire an? (?:writer|expert)",
    r"get (?:your )?(?:custom|original) (?:essay|paper)",
    r"struggling with (?:deadlines|your)",
    r"(?:download|print|share) (?:this|the full) (?:essay|paper|sample)",
    r"^(?:log in|sign up|subscribe|share this|report this|print this)\b",
    r"all rights reserved",
    r"privacy policy|terms (?:of|and) (?:use|service|conditions)",
    r"this (?:essay|paper) (?:was|has been) (?:written|submitted) by",
    r"any opinions, findings, conclusions or recommendations",
    r"we use cookies",
    r"^micusp version \d",
    r"michigan corpus\w*\s+of upper-level student papers",
    r"^(?:essay|paper|sample) (?:type|level|subject|topic|category):",
    # a site's date line ("Published: 8th Feb 2020", "Posted on May 3, 2020"), not a wrapped line of prose that
    # begins with the word ("published the diary of ...": 5 MICUSP dev files lost such a line)
    r"^(?:published|last (?:updated|modified)|posted)(?:\s+on)?(?:\s*:|\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d))",
    r"^(?:tags|categories|keywords for this essay):",
    r"looking for (?:a )?(?:flexible|professional|custom)",
    r"\bessay (?:help|writers?)\b",
    r"copyright \(c\)|copyright ©|^©",
    r"\b(?:ivypanda|studymoose|gradesfixer|papersowl|ukessays|essaypro|studycorgi|bartleby|123helpme|edubirdie|"
    r"samplius|writix|phdessay|antiessays|kibin|essayshark|studybay|paperdue|freebooksummary|assignzen)\b",
    r"written by a fellow student|use it as a guide or sample|remember to cite it|submit it as your own",
    r"submitted by (?:your|a) fellow student|free to use it for research|you must cite it",
    r"^get (?:help|assistance|support) with (?:your|an?|this) (?:essay|paper|assignment|dissertation)",
    r"^(?:find out|learn|read|see) more(?: about)?\b.{0,40}(?:service|essay|writ)",
    # a site's link list heading ("Related Services", "More essays like this:"), not prose ("related articles collated, ...")
    r"^(?:related|similar|more) (?:services|content|essays|articles|papers|posts)\b(?:\s*[:|»›>]|(?:\s+\S+){0,3}\s*$)",
    r"^(?:all tags|content relating to|view all)\b",
    r"custom (?:essay|paper|writing)|written from scratch|(?:hire|find) (?:a|your) (?:writer|expert)",
    rf"^(?:{_SITE_FIELDS_RE})\s*:\s*\S",
    r"^(?:cite this|select style|reference copied|copy reference)",
    r"^(?:get (?:your|an?) (?:price|quote)|check (?:price|prices)|(?:order|buy) (?:an? )?(?:original|custom))",
    r"(?:sign|log) ?in to (?:continue|read|download)|(?:continue|keep) reading|read (?:the )?full (?:essay|text|paper)",
    r"^(?:free|premium) (?:essay|sample|example)",
    r"^home\s*(?:[»›>/|]|&gt;)",
    r"did you (?:like|enjoy) this (?:essay|example|sample|paper)",
    r"remember!? this is just a sample|haven['’]?t found the (?:right )?(?:essay|sample|paper)",
    r"get an? (?:expert|professional) (?:writer )?to (?:write|help)|let a professional writer",
    r"^show more$|^open document$|^hire (?:a )?writer$|^get original essay$",
    r"^(?:good|great|decent|better|satisfactory|powerful|strong|superior|bad|best) essays$",
    r"^\d[\d,]*\s+words?\s*[|•·]?\s*\d+\s+pages?$",
    r"for only \$\d|\$\d+(?:\.\d\d)?\s*/\s*page",
    r"this (?:essay|paper|sample) (?:sample )?(?:was|has been) (?:donated|submitted|shared) by",
    r"^(?:was this (?:essay|example|sample) helpful|rate this (?:essay|sample))",
]
_STRONG_RE = [rx.compile(p, rx.IGNORECASE, gated=True) for p in _STRONG]
# For speed, the line is checked against all start strings at once, and the unanchored patterns are
# found through the keywords of their first group without DIGIT (each keyword is looked for once per line);
# a pattern with neither (none today) is tried on every line.
_ANCHORED = [pattern for pattern in _STRONG_RE if pattern.starts]
_ANY_START = tuple(sorted({s for pattern in _ANCHORED for s in pattern.starts}))


def _index_group(pattern: rx.GatedPattern) -> tuple[str, ...] | None:
    """The keywords an unanchored phrase pattern is found through, or None (tried on every line)."""
    return next((group for group in pattern.needs if rx.DIGIT not in group), None)


def _index_keywords() -> dict[str, list[int]]:
    """Keyword of an index group -> the unanchored patterns (their indexes in _STRONG_RE) it gates."""
    out: dict[str, list[int]] = {}
    for k, pattern in enumerate(_STRONG_RE):
        if not pattern.starts:
            for key in _index_group(pattern) or ():
                out.setdefault(key, []).append(k)
    return out


_UNINDEXED = [pattern for pattern in _STRONG_RE if not pattern.starts and _index_group(pattern) is None]
_BY_KEYWORD = _index_keywords()
_PIECES = {key: [piece for piece in key.split(" ") if piece] for key in _BY_KEYWORD}
# (keyword, the patterns it gates, its space-free pieces, whether it has a space) for find_furniture
_KEY_CHECKS = tuple((key, ks, tuple(_PIECES[key]), " " in key) for key, ks in _BY_KEYWORD.items())


# Weak signals: call-to-action words that only count on short lines next to strong ones.
_WEAK_RE = rx.compile(
    r"\b(?:order|essay|essays|paper|papers|writers?|topics|cite|clipboard|download|share|free|deadline|"
    r"sample|samples|plagiarism|reference|referencing style|select|click|here|now|today|sign|join|related|"
    r"services?|view|more|menu|home|contact|login|comments?|reply|tweet|facebook|email|print|share|"
    r"subjects?|categories|tags|previous|next|back to top|twitter|reddit|linkedin|whatsapp|pinterest|"
    r"instagram|tumblr|telegram|apa|mla|harvard|chicago|vancouver|ieee|oscola|mhra|turabian|asa|"
    r"removal|request|copied|bibtex|endnote|refworks)\b",
    rx.IGNORECASE,
)
# The first words of _WEAK_RE's alternatives: a match of "\b(?:...)\b" folds to a whole run of ASCII
# letters (its neighbours are not word characters, and no non-word character folds to a letter), so a
# line whose folded letter runs include none of these has no match (see _weak_count).
_WEAK_WORDS = frozenset(
    "order essay essays paper papers writer writers topics cite clipboard download share free deadline sample "
    "samples plagiarism reference referencing select click here now today sign join related service services "
    "view more menu home contact login comment comments reply tweet facebook email print subject subjects "
    "categories tags previous next back twitter reddit linkedin whatsapp pinterest instagram tumblr telegram "
    "apa mla harvard chicago vancouver ieee oscola mhra turabian asa removal request copied bibtex endnote "
    "refworks".split()
)
_LETTER_RUN = re.compile(r"[a-z]+")


def _weak_count(text: str) -> int:
    """How many call-to-action words (_WEAK_RE) ``text`` holds."""
    if _WEAK_WORDS.isdisjoint(_LETTER_RUN.findall(fold(text))):
        return 0
    return len(_WEAK_RE.findall(text))


_PAGE_NUMBER = rx.compile(
    r"^(?:(?:page|p\.)\s*)?(?:\d{1,3}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,3})?$|^[-–—]\s*\d{1,3}\s*[-–—]$|"
    r"^\d{1,3}\s*\|\s*page$|^page\s*\|\s*\d{1,3}$",
    rx.IGNORECASE,
)
_CHAPTER = rx.compile(
    r"^(?:chapter|part|section|appendix)\s+(?:\d+|[ivxlc]+|[a-z])\.?$",
    rx.IGNORECASE,
    gated=True,
    twin=True,
)
_FRAME = rx.compile(r"^[*=#~_\-]{5,}$")
_KEY_VALUE = rx.compile(r"^[A-Z][\w .()/-]{0,40}?:\s*\S.{0,80}$")


class Line(Struct, frozen=True):
    """One source line: its 1-based number, the text as written, and the text without form feeds."""

    no: int
    raw: str
    text: str  # stripped, no form feed
    page_break: bool  # a form feed precedes this line's text


def split_lines(text: str) -> list[Line]:
    """Number the lines of ``text``; form feeds mark page breaks and are dropped from ``text``."""
    out = []
    for i, raw in enumerate(text.split("\n"), start=1):
        out.append(Line(i, raw, raw.replace("\f", "").strip(), "\f" in raw))
    return out


def boilerplate_score(text: str) -> int:
    """How strongly a line looks like site furniture (0: not at all)."""
    return _score(text, _BY_KEYWORD)


def _score(text: str, by_keyword: dict[str, list[int]], folded: str | None = None) -> int:
    """boilerplate_score, with the unanchored patterns found through ``by_keyword`` (all of _BY_KEYWORD,
    or the part whose keywords occur in a text that holds ``text``); ``folded``: fold(text), when known."""
    if folded is None:
        folded = fold(text)
    candidates = {k for key, ks in by_keyword.items() if key in folded for k in ks}
    tried = [_STRONG_RE[k] for k in candidates] + _UNINDEXED
    if folded.startswith(_ANY_START):
        tried += [pattern for pattern in _ANCHORED if folded.startswith(pattern.starts)]
    score = 0
    for pattern in tried:
        if pattern.holds_needs(text, folded) and pattern.compiled.search(text):  # (the gate's rest, then the pattern)
            score += 3
    if score and (words := len(text.split())) > 40:  # (words counted only for a line that scored)
        # A long prose line that happens to mention "copyright" is still prose.
        score -= 3 * (words // 40)
    return max(score, 0)


class Furniture(NamedTuple):
    """Why a line is not part of the essay, and the rule that found it."""

    reason: str  # "boilerplate", "page-number", "running-head", ...
    rule: str  # "furniture.page-numbers"


def find_furniture(lines: list[Line]) -> dict[int, Furniture]:
    """Map line index -> (removal reason, rule) for boilerplate, page numbers, running heads and headers.

    The rules run in the order of _FURNITURE_RULES, each adding to one map of reasons; a line is credited
    to the first rule that gave it a reason."""
    reasons: dict[int, str] = {}
    rules: dict[int, str] = {}
    everything = fold("\n".join(ln.text for ln in lines))
    paged = any(ln.page_break for ln in lines)
    for name, rule, when in _FURNITURE_RULES:
        if when is not None and when != paged:
            continue
        before = len(reasons)
        rule(lines, reasons, everything)
        if len(reasons) != before:
            for i in reasons.keys() - rules.keys():
                rules[i] = name
    return {i: Furniture(why, rules.get(i, "furniture")) for i, why in reasons.items()}


def _boilerplate_lines(lines: list[Line], reasons: dict[int, str], everything: str) -> None:
    """Rule boilerplate-score: lines scoring 3 or more on the site keywords (ads, "Cite This Work")."""
    # A keyword in a line's fold is in the fold of all lines joined: the keywords that are not are
    # looked for once here instead of once per line, first in the distinct words of the text (each
    # space-free piece of a keyword lies within one word), then, if it has spaces, in the whole text.
    words = " ".join(set(everything.split()))
    present: dict[str, list[int]] = {}
    for key, ks, pieces, spaced in _KEY_CHECKS:  # (a plain loop: ~100 keywords, no generator for each)
        for piece in pieces:
            if piece not in words:
                break
        else:
            if not spaced or key in everything:
                present[key] = ks
    # The fold of the joined lines, split at its line feeds, is the fold of each line (lower() works
    # character by character but for a final sigma, which a line feed ends; tests/test_reader_prefilters.py).
    folded = everything.split("\n")
    for i, ln in enumerate(lines):
        if ln.text and _score(ln.text, present, folded[i]) >= 3 and not _memo_subject(lines, i, folded):
            reasons[i] = "boilerplate"


# A site's "Subject: History" names a category; a memo's "Subject: Interim Report on the Library" is its title.
_SUBJECT = rx.compile(r"^subject\s*:\s*\S+(?:\s+\S+){2}", rx.IGNORECASE, gated=True)
_SITE_KEY = rx.compile(rf"^(?:{_SITE_FIELDS_RE})\s*:", gated=True)


def _memo_subject(lines: list[Line], i: int, folded: list[str]) -> bool:
    """Rule memo-subject (an exception to boilerplate-score): a "Subject:" line with a value of three words or
    more that no other "Key: value" line of a site's listing ("Words: 1200", "Type: Essay") stands next to."""
    if not folded[i].startswith("subject") or not _SUBJECT.match(lines[i].text):
        return False
    if boilerplate_score(lines[i].text) > 3:
        return False  # "Subject: Essay Writing Service ...": other site phrases too
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].text:
            j += step
        if 0 <= j < len(lines) and _SITE_KEY.match(folded[j]):
            return False
    return True


def _page_break_lines(lines: list[Line], reasons: dict[int, str], everything: str) -> None:
    """Rule page-break: form-feed-only lines are page furniture too."""
    for i, ln in enumerate(lines):
        if i not in reasons and not ln.text and "\f" in ln.raw:
            reasons[i] = "page-break"


def _two(rule: Callable[[list[Line], dict[int, str]], None]) -> Callable[[list[Line], dict[int, str], str], None]:
    """A rule that needs no fold of the whole text, in the table's three-argument form."""
    return lambda lines, reasons, everything: rule(lines, reasons)


_LEADER = rx.compile(r"(?:\.\s?){5,}\s*(?:\d{1,3}|[ivxlc]{1,5})?$|…{2,}\s*\d{1,3}$", rx.IGNORECASE)
_TOC_HEADING = rx.compile(r"^(?:table\s+of\s+contents|contents)$", rx.IGNORECASE, gated=True, twin=True)


def _leader(text: str) -> bool:
    # A leader has two ellipses, or full stops at most two characters apart: other lines are not tried.
    return ("……" in text or _CLOSE_STOPS.search(text) is not None) and bool(_LEADER.search(text))


_CLOSE_STOPS = re.compile(r"\.(?s:.)?\.")


_TOC_NUMBER = rx.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[ivxlc]{1,5}\.?|[a-h]\.)$", rx.IGNORECASE)


def _table_of_contents(lines: list[Line], reasons: dict[int, str], everything: str) -> None:
    # Dot leaders ("WIND POWER ........ 1") mark a table of contents; it is navigation, not text.
    leaders = [i for i, ln in enumerate(lines) if ln.text and _leader(ln.text)]
    if len(leaders) < 3:
        # (a "Contents" heading folds to a piece of the fold of the whole text: without one there, no line
        # is that heading, and the lines need not be tried one by one)
        if "contents" in everything:
            _listed_contents(lines, reasons)
        return
    first, last = leaders[0], leaders[-1]
    j = first - 1
    while j >= 0 and (not lines[j].text or _TOC_NUMBER.match(lines[j].text) or j in reasons):
        j -= 1
    if j >= 0 and _TOC_HEADING.match(lines[j].text):
        first = j
    for i in range(first, last + 1):
        t = lines[i].text
        if i in reasons or not t:
            continue
        if _leader(t) or _TOC_NUMBER.match(t) or _TOC_HEADING.match(t):
            reasons[i] = "table-of-contents"


def _listed_contents(lines: list[Line], reasons: dict[int, str]) -> None:
    # A web page's "Table of Contents" lists the section titles, one per line, before the essay;
    # the list ends at the first prose line or where its first entry comes round again as a heading.
    for i, ln in enumerate(lines[:80]):
        if not _TOC_HEADING.match(ln.text) or i in reasons:
            continue
        entries: list[int] = []
        j = i + 1
        while j < len(lines) and len(entries) < 40:
            t = lines[j].text
            if t:
                if len(t) > 80 or t.endswith((".", ",", ";")) and not _TOC_NUMBER.match(t):
                    break
                if entries and _toc_key(t) == _toc_key(lines[entries[0]].text):
                    break
                entries.append(j)
            j += 1
        if len(entries) >= 2:
            reasons[i] = "table-of-contents"
            for e in entries:
                reasons.setdefault(e, "table-of-contents")
        return


def _toc_key(text: str) -> str:
    return rx.sub(r"^\d+(?:\.\d+)*\.?\s*|[^\p{L} ]", "", text).strip().lower()


_PG_START = rx.compile(
    r"^\*{3}\s*start of (?:the|this) project gutenberg e-?book\b.*\*{3}$",
    rx.IGNORECASE,
    gated=True,
)
_PG_END = rx.compile(
    r"^(?:\*{3}\s*end of (?:the|this) project gutenberg e-?book\b.*\*{3}|end of (?:the )?project gutenberg'?s?\b.*)$",
    rx.IGNORECASE,
    gated=True,
)


def _gutenberg_frame(lines: list[Line], reasons: dict[int, str], everything: str) -> None:
    # A Project Gutenberg e-text: the header (title card, licence note) ends with the START marker and
    # the licence follows the END marker; neither is part of the work. Both markers name the project, so
    # a text whose fold (``everything``) does not has neither, and its lines need not be tried.
    if "project gutenberg" not in everything:
        return
    start = next((i for i, ln in enumerate(lines) if _PG_START.match(ln.text)), None)
    end = next((i for i, ln in enumerate(lines) if _PG_END.match(ln.text)), None)
    if start is not None and start < len(lines) // 2 + 1:
        for i in range(start + 1):
            if lines[i].text:
                reasons[i] = "boilerplate"
    if end is not None and (start is None or end > start):
        for i in range(end, len(lines)):
            if lines[i].text:
                reasons[i] = "boilerplate"


_SAMPLE_TITLE = rx.compile(
    r"^(?:essay|paper|research paper) (?:sample|example)\s*:\s*(?P<t>\S.*)$",
    rx.IGNORECASE,
    gated=True,
    twin=True,
)


def _sample_title_lines(lines: list[Line], reasons: dict[int, str]) -> None:
    # "Essay Sample: Community Gardens" is the site's label when the title itself follows; alone, it
    # is where the title is (the title block takes it from there).
    head = [ln.text for ln in lines[:25] if ln.text]
    for i, ln in enumerate(lines[:25]):
        m = _SAMPLE_TITLE.match(ln.text)
        if m and m.group("t").strip() in head:
            reasons[i] = "boilerplate"


def _broken_boilerplate(lines: list[Line], reasons: dict[int, str]) -> None:
    # pdftotext may break a footer line where a figure label cuts into it ("Michigan Corpuschain" /
    # "of Upper-level Student Papers ..."): the head is furniture when the two read as one.
    for i, ln in enumerate(lines):
        if reasons.get(i) != "boilerplate":
            continue
        j = i - 1
        while j >= 0 and not lines[j].text:
            j -= 1
        if j < 0 or j in reasons or len(lines[j].text.split()) > 5:
            continue
        if boilerplate_score(f"{lines[j].text} {ln.text}") > boilerplate_score(ln.text):
            reasons[j] = "boilerplate"


def _next_to(lines: list[Line], i: int, holds: Callable[[int], bool]) -> bool:
    """Whether the nearest non-blank line before or after line i holds ``holds``."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].text:
            j += step
        if 0 <= j < len(lines) and holds(j):
            return True
    return False


_ASCII_DIGITS = re.compile(r"[0-9]+")


def _has_digit(text: str) -> bool:
    if text.isascii():  # regex's \d matches no ASCII character but 0-9
        return _ASCII_DIGITS.search(text) is not None
    return rx.search(r"\d", text) is not None


def _near_page_break(lines: list[Line]) -> list[bool]:
    # A line is "near" a page break if at most 3 non-blank lines separate it from a form feed or from
    # the start/end of the file: headers and footers live there.
    n = len(lines)
    anchors = [0, n - 1] + [i for i, ln in enumerate(lines) if ln.page_break]
    near = [False] * n
    for a in anchors:
        for step in (-1, 1):
            j, seen = a, 0
            while 0 <= j < n and seen <= 3:
                near[j] = True
                if lines[j].text:
                    seen += 1
                j += step
    return near


def _page_numbers(lines: list[Line], reasons: dict[int, str]) -> None:
    # Walk away from each page break over blank lines and furniture: bare numbers met before any
    # text are page numbers. A footnote number above its note is not reached (the note is text).
    n = len(lines)
    walks = [[(0, 1)], [(n - 1, -1)]]
    for i, ln in enumerate(lines):
        if ln.page_break:
            walks.append([(i - 1, -1), (i, 1)])  # (the foot of the page before, then the top of the next)
    for walk in walks:
        taken: list[int] = []
        for start, step in walk:
            j, headed = start, False
            while 0 <= j < n:
                ln = lines[j]
                if ln.text and j not in reasons:
                    if not _PAGE_NUMBER.match(ln.text) or headed and _section_number(lines, reasons, j, taken):
                        break
                    reasons[j] = "page-number"
                    if ln.text.isdigit():
                        taken.append(int(ln.text))
                elif ln.text and step == 1 and reasons[j] != "page-number":
                    headed = True  # (the page's running header or other furniture is above)
                j += step


def _section_number(lines: list[Line], reasons: dict[int, str], i: int, taken: list[int]) -> bool:
    # Rule section-number-over-heading (an exception to page-numbers; the kind of 2 MICUSP dev files, 5
    # headings): at the top of a page, under its running header, a bare number lower by two or more than
    # the page number already taken at the same break ("4" / footer / header / "2"), over a short line
    # that starts with a capital, ends no sentence and stands apart ("Why does the firm outsource?",
    # "PROBLEM STATEMENT"), is the number of the section that starts the page: pages count up, never back (a
    # copy's own page number may lag the printed one by a cover page).
    text = lines[i].text
    if not text.isdigit() or not taken or int(text) >= max(taken) - 1:
        return False
    j = i + 1
    while j < len(lines) and (not lines[j].text or j in reasons):
        j += 1
    if j == len(lines) or lines[j].page_break:
        return False
    nxt = lines[j].text
    apart = j + 1 == len(lines) or not lines[j + 1].text  # (a heading line, not a paragraph's first line)
    return apart and 1 <= len(nxt.split()) <= 12 and nxt[:1].isupper() and not nxt.endswith((".", ",", ";"))


# A page number a word processor's footer decorates: "pg. 4", "-4", "|4", "4|". Alone these are too like a
# table's cell ("-4") to be taken on sight (_PAGE_NUMBER takes the plain forms).
_DECORATED_PAGE_NUMBER = rx.compile(r"^(?:pg\.?\s*|[-–—|]\s*)(\d{1,3})$|^(\d{1,3})\s*\|$", rx.IGNORECASE)


def _decorated_page_numbers(lines: list[Line], reasons: dict[int, str]) -> None:
    """Rule: "... the children were also" / "-4" / (page break, corpus header) / "of its kind ...": a decorated
    page number (_DECORATED_PAGE_NUMBER) met walking from a page break over blank lines and furniture, before
    any text, when such numbers run with the pages: the same distance ahead of the page count, on two pages
    or more and on at least half of those where one is met (a table's "-4" and "-12" next to page breaks
    do not run with the pages)."""
    n = len(lines)
    page_of = list(accumulate(int(ln.page_break) for ln in lines))
    anchors = [(0, 1), (n - 1, -1)]
    for i, ln in enumerate(lines):
        if ln.page_break:
            anchors += [(i, 1), (i - 1, -1)]
    found: dict[int, int] = {}
    for start, step in anchors:
        j = start
        while 0 <= j < n and (not lines[j].text or j in reasons):
            j += step
        m = _DECORATED_PAGE_NUMBER.match(lines[j].text) if 0 <= j < n else None
        if m:
            found[j] = int(m.group(1) or m.group(2)) - page_of[j]
    if not found:
        return
    offset, count = Counter(found.values()).most_common(1)[0]
    if count >= 2 and 2 * count >= len(found):
        for j, ahead in found.items():
            if ahead == offset:
                reasons[j] = "page-number"


def _running_heads_near_breaks(lines: list[Line], reasons: dict[int, str]) -> None:
    # With form feeds: a short line that comes round near the page breaks is a header, a footer or a
    # running head ("DIABETES PREVENTION" on each page, "Diabetes 4" on page 4), when the lines read the
    # same but for a page number that follows the pages (_one_running_head).
    near_break = _near_page_break(lines)
    groups: dict[tuple[str, ...], list[tuple[int, tuple[str, ...], int]]] = {}
    page = 0
    for i, ln in enumerate(lines):
        page += ln.page_break
        if ln.text and near_break[i]:
            key, numbers = _page_key(ln.text)
            groups.setdefault(key, []).append((i, numbers, page))
    # the banners removed whole (a corpus's or a site's line on each page): a piece of one, broken off on a
    # few pages ("- History & Classical" / "Studies - First"), is furniture however few pages show it
    banners = [lines[i].text for i, why in reasons.items() if why == "boilerplate" and len(lines[i].text) > 40]
    for key, members in groups.items():
        if len(members) < 2 or len(rx.findall(r"\p{L}", "".join(key))) < 3:
            continue
        if _title_and_its_repeat(members, page):
            continue
        if _title_as_running_head(lines, reasons, members):
            members = members[1:]
        piece = any(lines[members[0][0]].text in b for b in banners)
        for i in _one_running_head(key, members, follows_pages=True, pages=0 if piece else page + 1):
            t = lines[i].text
            if i in reasons or len(t) > 200 or _CHAPTER.match(t):
                continue  # ("Chapter 3" opens a page because chapters start on new pages)
            reasons[i] = "running-head"


def _title_and_its_repeat(members: list[tuple[int, tuple[str, ...], int]], last_page: int) -> bool:
    """Rule title-repeated: an APA paper prints its title on the title page and again over the text of the
    next page ("Language and Policy" on page 1, and on page 2 above the first paragraph), and nowhere after.
    A running head comes round on most pages: a line met only there, on the first two pages of a paper of
    four pages or more, is the title and its repeat (the title block and the title-repeat rule read them)."""
    if len(members) != 2 or last_page < 3:
        return False
    (_, a, p), (_, b, q) = members
    return a == b and p <= 1 and p < q <= 2  # (page 2: a blank page may follow the title page)


def _title_as_running_head(
    lines: list[Line], reasons: dict[int, str], members: list[tuple[int, tuple[str, ...], int]]
) -> bool:
    """Rule title-as-running-head: a paper whose title is also its running head prints it first on top of page 1,
    right above the text ("Optical Lattices" / "Introduction" / the first paragraph, then "Optical Lattices" on
    each page): that first line is the title. Not when a short line follows it that is no heading over prose
    ("DIABETES PREVENTION" / "Diabetes Prevention in Teens": the head above the title)."""
    if len(members) < 3 or any(m[1] for m in members):
        return False  # the same text on three pages or more, no page number in it
    first = members[0][0]
    if first in reasons:
        return False  # (a corpus header on each page, already boilerplate)
    if any(ln.text and j not in reasons and not _PAGE_NUMBER.match(ln.text) for j, ln in enumerate(lines[:first])):
        return False  # text above it: it is not the first line of the paper
    near = [
        (j, ln.text)
        for j, ln in enumerate(lines[first + 1 : first + 12], start=first + 1)
        if ln.text and j not in reasons
    ]
    numbers = [j for j, t in near if _PAGE_NUMBER.match(t)]
    after = [t for j, t in near if not _PAGE_NUMBER.match(t)][:2]
    if not after:
        return False
    if len(after[0]) > 60:
        title = not _capitalised(after[0])  # the first line of the first paragraph, not a long title
    else:
        title = len(after[0].split()) <= 3 and len(after) == 2 and len(after[1]) > 60  # a heading ("Introduction")
    if title:
        stop = next(j for j, t in near if t == after[0])
        for j in numbers:
            if j < stop:
                reasons[j] = "page-number"  # the page's number under the title, as it would be above it
    return title


_SMALL_WORDS = frozenset("a an the and or of for in on to with at by from as".split())


def _capitalised(text: str) -> bool:
    """Most words start with a capital, small words aside: a title ("The Role of Gender in Group Play"), not
    a line of prose."""
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    caps = sum(1 for w in words if w[:1].isupper() or w.lower() in _SMALL_WORDS)
    return bool(words) and caps >= 0.8 * len(words)


def _repeated_running_heads(lines: list[Line], reasons: dict[int, str]) -> None:
    # Without form feeds, a running head shows as a short line repeated with a changing page
    # number ("Diabetes 2", "Diabetes 3", ...): three or more times, with words and a number, the lines
    # reading the same but for a page number that goes up from one to the next (_one_running_head).
    groups: dict[tuple[str, ...], list[tuple[int, tuple[str, ...], int]]] = {}
    for i, ln in enumerate(lines):
        t = ln.text
        if i in reasons or not t or len(t) > 80 or t.endswith((".", ",", ";")) or not _has_digit(t):
            continue
        key, numbers = _page_key(t)
        groups.setdefault(key, []).append((i, numbers, 0))
    for key, members in groups.items():
        if len(members) < 3 or len(rx.findall(r"\p{L}", "".join(key))) < 4:
            continue
        for i in _one_running_head(key, members, follows_pages=False):
            if not _CAPTION_LIKE.match(lines[i].text):
                reasons[i] = "running-head"


# A page number as a running head prints it: a whole number of one to three digits standing alone
# ("Diabetes 4", "Page 2 of 7", "- 3 -"); not a piece of a decimal ("0.0106"), of a thousands group
# ("3,000") or of a word ("C1", "ASM_2Y"), nor a list number ("12. Cedar Hollow") or a sentence's end
# ("Ibid., 3."). (stdlib re: its \d and \w are Unicode's, as in regex)
_PAGE_SLOT = re.compile(r"(?<![\w.,])(\d{1,3})(?![\w.,])")


def _page_key(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``text`` cut at its page-number slots (_PAGE_SLOT), and the numbers in them: lines with the same key
    read the same but for those numbers ("Diabetes 4" and "Diabetes 5": ("Diabetes ", ""), ("4",), ("5",))."""
    parts = _PAGE_SLOT.split(text)
    return tuple(parts[::2]), tuple(parts[1::2])


# Without form feeds: a running head may be missing from a page or two (a figure's page), and a page holds
# a few lines at least (lines that follow each other, "pH 3 p_value: 0.05", "pH 5 p_value: 0.05", are rows).
_MAX_PAGE_STEP = 3
_MIN_PAGE_LINES = 5


def _one_running_head(
    key: tuple[str, ...], members: list[tuple[int, tuple[str, ...], int]], follows_pages: bool, pages: int = 0
) -> list[int]:
    """Rule: a running head repeats one text, with at most its page number changing, and that number goes
    up with the pages. ``members``: (line index, numbers, page) of the lines with the _page_key ``key``, in
    order; ``follows_pages``: form feeds mark the pages, and ``page`` counts them; ``pages``: how many pages the
    paper has (0: no share of them asked of a head, see _once_a_page). Returns the lines taken.

    - the same text each time ("DIABETES PREVENTION", "Running head: SLEEP"): all of them, once a page and on
      a good share of the pages (_once_a_page);
    - two numbers change ("Caterpillar 1 (C1)", "3 tubes 4-6"): a table's rows, not a head: none;
    - a caption's number changes ("Figure 3:", "Figure 4:" on pages of their own: it counts figures): none;
    - one number changes ("Diabetes 4", "Page 2 of 7" with the 7 fixed): with form feeds, the lines whose
      number is as far ahead of their page as most are, when two or more are (not "108 map units" and
      "110 map units" on facing pages) and they come round page after page (_comes_round: not numbered
      headings that share words, "4 Sampling" on page 3 and "24 Sampling" on page 23); without them, all when the number goes up by one to
      _MAX_PAGE_STEP from each line to the next, _MIN_PAGE_LINES lines on or more (not "Trial 1",
      "Trial 2", "Trial 1", nor "Cedar Tide 12", "Cedar Tide 57": words that happen to repeat).
    Lines whose other numbers differ ("pH 9 p_value: 0.0106", "pH 7 p_value: 0.0311") have keys of their
    own (_PAGE_SLOT) and never meet here."""
    first = members[0][1]
    changing = [k for k in range(len(first)) if any(m[1][k] != first[k] for m in members)]
    if not changing:
        return _once_a_page(members, pages) if follows_pages else [i for i, _, _ in members]
    if len(changing) > 1:
        return []
    k = changing[0]
    if k == 0 and _CAPTION_LIKE.match(key[0]):
        return []
    if follows_pages:
        ahead = [int(numbers[k]) - page for _, numbers, page in members]
        offset, count = Counter(ahead).most_common(1)[0]
        taken = [m for m, a in zip(members, ahead, strict=True) if a == offset]
        return [i for i, _, _ in taken] if count >= 2 and _comes_round(taken) else []
    pages = [(i, int(numbers[k])) for i, numbers, _ in members]
    if all(0 < b - a <= _MAX_PAGE_STEP and j - i >= _MIN_PAGE_LINES for (i, a), (j, b) in pairwise(pages)):
        return [i for i, _ in pages]
    return []


# A paper this long (in pages) shows its running head on a good share of them (_once_a_page).
_LONG_PAPER = 8
_HEAD_SHARE = 0.25


def _once_a_page(members: list[tuple[int, tuple[str, ...], int]], pages: int) -> list[int]:
    """A running head comes once on a page, and on most pages (a figure's or a table's may lack it). Lines of
    one text that meet on one page are the text's own (two entries of a reference list that both end "New" /
    "York." at the foot of the last page). In a paper of _LONG_PAPER pages or more, text on fewer than a
    quarter of the pages is a label that two figures or tables share near their pages' edges ("Source: OECD,
    2000.", "Female", "45 degree", a "where" under two equations): the heads of the MICUSP dev papers are on
    40% of their pages or more, such labels on 13% or fewer. The others are taken when they still come on
    two pages or more."""
    on_page = Counter(page for _, _, page in members)
    taken = [i for i, _, page in members if on_page[page] == 1]
    if pages >= _LONG_PAPER and len(taken) < _HEAD_SHARE * pages:
        return []
    return taken if len(taken) >= 2 else []


def _comes_round(members: list[tuple[int, tuple[str, ...], int]]) -> bool:
    """A numbered running head comes round page after page ("Soil Survey 4", "Soil Survey 5"): from one of its
    lines to the next, at most _MAX_PAGE_STEP pages most of the time (a figure's page may lack it). Numbered
    headings that share their words ("4 Sampling" on page 3, "24 Sampling" on page 23) are far apart."""
    steps = [q - p for (_, _, p), (_, _, q) in pairwise(members)]
    return 2 * sum(1 for st in steps if st <= _MAX_PAGE_STEP) >= len(steps)


_CAPTION_LIKE = rx.compile(
    r"^(?:fig(?:ure)?|table|chart|step|chapter|part|section|appendix)\b",
    rx.IGNORECASE,
    gated=True,
)


def _isolated_page_numbers(lines: list[Line], reasons: dict[int, str]) -> None:
    # Without form feeds a page number is a bare number line set apart by blank lines or page
    # furniture, seen at least twice with values that never go down.
    def apart(i: int, step: int) -> bool:
        # The neighbour on this side is the file's edge, a blank line, or furniture.
        j = i + step
        return not 0 <= j < len(lines) or not lines[j].text or j in reasons

    cands = []
    for i, ln in enumerate(lines):
        if len(ln.text) <= 3 and ln.text.isascii() and ln.text.isdigit() and apart(i, -1) and apart(i, 1):
            cands.append(i)
    values = [int(lines[i].text) for i in cands]
    if len(cands) >= 2 and values == sorted(values) and max(Counter(values).values()) <= 2:
        for i in cands:
            reasons[i] = "page-number"


def _header_frame(lines: list[Line], reasons: dict[int, str]) -> None:
    # A submission-system header: a frame line of asterisks at the top, "Key: value" lines, another
    # frame line. The frame and the metadata are not the essay.
    idx = [i for i, ln in enumerate(lines) if ln.text]
    if not idx or not _FRAME.match(lines[idx[0]].text):
        return
    for k in range(1, min(len(idx), 30)):
        j = idx[k]
        if _FRAME.match(lines[j].text):
            for i in idx[: k + 1]:
                if not lines[i].text.lower().startswith("title:"):
                    reasons[i] = "header-block"
            return
        t = lines[j].text
        if not (_KEY_VALUE.match(t) or len(t.split()) <= 6):
            return


# A line drawn with underscores, dashes, equals signs, asterisks or tildes (five or more, nothing else): a rule
# under a title or between the parts of an essay, or, short, a blank to fill in or an empty table cell.
DRAWN_RULE = rx.compile(r"^[_=\-–—*~]{5,}$")
_RULE_START = frozenset("_=-–—*~")  # (the first character of a drawn rule or a break mark: other lines are not tried)
# A drawn rule this long or longer crosses the page (the short ones are left to the paragraphs rules).
_RULE_ACROSS = 8
# A section break set as a row of spaced asterisks ("* * *", "* * * * *").
_BREAK_MARK = rx.compile(r"^\*(?:\s+\*){2,}$")
DRAWN_RULE_REASON = "drawn-rule"


def _drawn_rules(lines: list[Line], reasons: dict[int, str]) -> None:
    """Rule drawn-rules: a rule drawn across the page, or a row of asterisks marking a section break, holds
    no words. Kept, the rule was set as a preformatted line that wrapped past the measure of the output, and
    the asterisks as a list item ("*" bulleting "* *") or the tail of the reference above them. Each one not
    taken by a rule before (a header's frame) goes, leaving the blank gap it drew (layout.units_of), so what
    follows it starts anew. A rule over a numbered note is Word's footnote separator, left to the notes
    reader (notes.notes_section), which reads the notes under it."""
    from .notes import note_item  # (here: notes imports layout, which imports this module)

    for i, ln in enumerate(lines):
        text = ln.text
        if text[:1] not in _RULE_START or i in reasons:
            continue
        if len(text) >= _RULE_ACROSS and DRAWN_RULE.match(text) or _BREAK_MARK.match(text):
            below = next((x.text for x in lines[i + 1 :] if x.text), "")
            if not note_item(below):
                reasons[i] = DRAWN_RULE_REASON


# An assignment's label alone on a line: "Essay 1", "Paper #2", "ESSAY 3" (the writer's name for the piece
# of coursework, over its text). Kept out of the site furniture here (its "essay" is no call to action), out
# of the title (titleblock.assignment-label) and out of rule headings.lone-heading.
ASSIGNMENT_LABEL = rx.compile(r"^(?:essay|paper)\s+#?\d{1,2}[a-z]?$", rx.IGNORECASE, gated=True)


# The writer's name of the piece, "Third Essay", "Midterm Paper", "Final Paper": capitalised words before it,
# none a call to action (a site's "Related Essay", "Cite This Essay")
_PIECE_NAME = rx.compile(r"^(?:[A-Z][a-z]+\s+){1,2}(?:Essay|Paper)$", gated=True)
# A paragraph's last words, run on from the line above: lower-case first, a full stop last
_PARAGRAPH_END = rx.compile(r"^[a-z].*[.?!]$")


def _spread_boilerplate(lines: list[Line], reasons: dict[int, str]) -> None:
    from .refsection import ref_heading  # (here: refsection imports layout, which imports this module)

    changed = True
    while changed:
        changed = False
        for i, ln in enumerate(lines):
            if i in reasons or not ln.text:
                continue
            # (split at most 8 times: a list of 9 says "more than 8 words", and a shorter one is every word)
            words = ln.text.split(None, 8)
            if len(words) > 8 or ln.text.endswith((".", "?", "!")) and len(words) > 6:
                continue
            if len(words) <= 4 and ref_heading(ln.text) and not _between_boilerplate(lines, reasons, i):
                continue  # "Reference" / "Reference:" after a page's furniture heads the list, not a link
            if (
                i > 0.6 * len(lines)
                and _between_boilerplate(lines, reasons, i)
                and not ln.text.endswith((".", "?", "!", ":"))
            ):
                # "Related essays" / "Urban Heat Islands and Trees" / "Cite this essay": a link
                # in a list of links, whatever its words (at the end only: a title at the top may
                # sit between two lines of site furniture).
                reasons[i] = "boilerplate"
                changed = True
                continue
            # Only a line next to boilerplate can join it: that test comes first, so an essay without
            # boilerplate never counts words with (nor compiles) _WEAK_RE and _FRAME.
            if not _neighbour_is_boilerplate(lines, reasons, i):
                continue
            # Mostly call-to-action words ("Related Services", "View all"), not a title that
            # happens to contain "Essay".
            if ASSIGNMENT_LABEL.match(ln.text) or _PIECE_NAME.match(ln.text) and _weak_count(ln.text) == 1:
                continue  # "Essay 1", "Third Essay" under a corpus's or site's stamp: the writer's name of the piece
            if _PARAGRAPH_END.match(ln.text):
                continue  # "more important." over a page's footer: the paragraph's last words
            if not _FRAME.match(ln.text):
                weak = _weak_count(ln.text)
                if weak == 0 or len(words) > 2 and weak < 0.5 * len(words):
                    continue
            reasons[i] = "boilerplate"
            changed = True


def _between_boilerplate(lines: list[Line], reasons: dict[int, str], i: int) -> bool:
    found = 0
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].text:
            j += step
        if 0 <= j < len(lines) and reasons.get(j) == "boilerplate":
            found += 1
    return found == 2


def _neighbour_is_boilerplate(lines: list[Line], reasons: dict[int, str], i: int) -> bool:
    return _next_to(lines, i, lambda j: reasons.get(j) == "boilerplate")


# The furniture rules in the order they run: (name, rule, only when the text has page breaks (True),
# has none (False), or either (None)).
_FURNITURE_RULES: tuple[tuple[str, Callable[[list[Line], dict[int, str], str], None], bool | None], ...] = (
    ("furniture.boilerplate-score", _boilerplate_lines, None),
    ("furniture.sample-title-lines", _two(_sample_title_lines), None),
    ("furniture.broken-boilerplate", _two(_broken_boilerplate), None),
    ("furniture.header-frame", _two(_header_frame), None),
    ("furniture.gutenberg-frame", _gutenberg_frame, None),
    ("furniture.running-heads-near-breaks", _two(_running_heads_near_breaks), True),
    ("furniture.page-numbers", _two(_page_numbers), True),
    ("furniture.decorated-page-numbers", _two(_decorated_page_numbers), True),
    ("furniture.repeated-running-heads", _two(_repeated_running_heads), False),
    ("furniture.isolated-page-numbers", _two(_isolated_page_numbers), False),
    ("furniture.table-of-contents", _table_of_contents, None),
    # Short call-to-action lines clustered with boilerplate ("Place an order", "Popular Essay Topics").
    ("furniture.spread-boilerplate", _two(_spread_boilerplate), None),
    ("furniture.page-break", _page_break_lines, None),
    ("furniture.drawn-rules", _two(_drawn_rules), None),
)
