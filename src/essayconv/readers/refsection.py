"""The reference list: find where it starts (by heading or by shape), split it into entries, name them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from msgspec import Struct
from msgspec.structs import replace

from ..model import Reference, Removed
from ..names import ascii_stem as fold  # fold: ids and first letters, ASCII letters of a name
from ..names import particle_pattern
from ..references.dates import year_suffix
from . import _rx as rx
from . import trace
from .layout import Unit, Wrap, join_lines

_HEADING_WORDS = (
    r"references?(?:\s+list)?|works?\s+cited|resources|bibliography|literature\s+cited|sources(?:\s+cited)?|"
    r"works\s+consulted|cited\s+works|reference\s+list|list\s+of\s+references|citations|"
    r"references\s+cited|sources\s+consulted|select(?:ed)?\s+bibliography|works\s+referenced|"
    r"notes\s+and\s+references|references\s+and\s+notes|list\s+of\s+works\s+cited|annotated\s+bibliography"
)
# Also the variants students write: under an appendix label ("APPENDIX 1: REFERENCES"), two names
# joined ("Works Cited and Consulted", "References and Bibliography"), a qualifier in parentheses
# ("References (Outside of Class)"), a dash for the colon ("References -"; ASCII only, a twin pattern:
# ref_heading takes "References –" with a typographic dash).
REF_HEADING = rx.compile(
    rf"^(?:#+\s*)?(?:appendix\s+(?:\d+|[a-z]|[ivx]+)\s*[:.-]\s*)?(?:(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s*)?"
    rf"(?P<word>{_HEADING_WORDS})(?:\s+and\s+(?:{_HEADING_WORDS}|consulted))?(?:\s*\([^()]{{1,40}}\))?\s*[:-]?\s*$",
    rx.IGNORECASE,
    gated=True,
    twin=True,
)


def ref_heading(text: str) -> rx.Match[str] | None:
    """The match of REF_HEADING on a line, a typographic dash at its end taken as "-" ("References –")."""
    if text.endswith(("–", "—")):
        text = text[:-1] + "-"
    return REF_HEADING.match(text)


# Entry numbers: "[3]", "3.", "3)", "(3)" and "3:" (engineering lists), "3 Family," and a bare "3".
_NUMBERED = rx.compile(
    r"^(?:\[(?P<b>\d{1,3})\]|\((?P<q>\d{1,3})\)(?=\s)|(?P<d>\d{1,3})(?:[.)](?=\s|\t|\p{Lu}|$)|:(?=\s))"
    r"|(?P<p>\d{1,3})(?:\s+(?=\p{Lu}\p{L}+,)|$))\s*(?:[-–]\s+)?"
)
_BULLET = rx.compile(r"^[•●▪◦·\-–*]\s+")
_SAME_AUTHOR = rx.compile(r"^(?:[—–\-_]{2,}|⸺)\s*[.,]?")
_PARTICLE = particle_pattern(capitalised=False)  # "van der Berg, A." (a capital starts the name itself)
_FAMILY = rf"(?:{_PARTICLE}\s+)*\p{{Lu}}[\p{{L}}\p{{M}}'’\-]+"
# The first line of an entry: "Family, I." / "Family, Given" / "Organisation (Year)" / "———". Each form
# is a pattern of its own, tried in turn: a line starts an entry when one of them matches at its start,
# which is what one pattern "^(?:form|form|...)" answers. Why: that pattern cost ~3 ms to compile on the
# first essay of a process, while most entries take the first form and most lists need no other.
ENTRY_FORMS = (
    rf"{_FAMILY}(?:\s+{_FAMILY})?,\s*(?:\p{{Lu}}\.|\p{{Lu}}[\p{{L}}\p{{M}}'’\-]+|\p{{Lu}}{{1,3}}\b)",
    rf"\p{{Lu}}\.\s*(?:\p{{Lu}}\.\s*)*{_FAMILY}[,.]",
    r"[\p{Lu}][^()]{1,120}?\s\((?:1[5-9]\d\d|20\d\d)[a-z]?(?:,[^()]{1,20})?\)",
    r"[\p{Lu}][^()]{1,120}?\.\s(?:1[5-9]\d\d|20\d\d)[a-z]?\.",
    r"[\p{Lu}][^()]{1,120}?\((?:n\.\s?d\.|in\s+press|forthcoming)\)",
    r"(?:[—–\-_]{2,}|⸺)",
)
_ENTRY_NAME = rx.compile("^(?:" + ENTRY_FORMS[0] + ")")
_ENTRY_INITIALS = rx.compile("^(?:" + ENTRY_FORMS[1] + ")")
_ENTRY_PAREN_YEAR = rx.compile("^(?:" + ENTRY_FORMS[2] + ")", gated=True)
_ENTRY_DOT_YEAR = rx.compile("^(?:" + ENTRY_FORMS[3] + ")", gated=True)
_ENTRY_UNDATED = rx.compile("^(?:" + ENTRY_FORMS[4] + ")", gated=True)
_ENTRY_RULE = rx.compile("^(?:" + ENTRY_FORMS[5] + ")")
_ENTRY_STARTS = (_ENTRY_NAME, _ENTRY_INITIALS, _ENTRY_PAREN_YEAR, _ENTRY_DOT_YEAR, _ENTRY_UNDATED, _ENTRY_RULE)


def _entry_start(text: str) -> bool:
    """Whether ``text`` begins with one of the forms of an entry's first line."""
    return any(p.match(text) for p in _ENTRY_STARTS)


_YEAR = rx.compile(r"\b(?:1[5-9]\d\d|20\d\d)[a-z]?\b|\bn\.\s?d\.")
_BACK_MATTER = rx.compile(
    r"^(?:appendix|appendices|figure\s+legends?|figures?\s*\d*\s*[:.]|fig\.\s*\d|tables?\s*\d*\s*[:.]|"
    r"about\s+the\s+author|author\s+biograph|biograph|acknowledge?ments?|notes?\s*:?$|endnotes|footnotes|"
    r"glossary|index$|supplementary|word\s*count|"
    # the heading of what follows the list: "Tables", "Tables and Figures", "Figures and Results:", "Abstract"
    r"(?:tables?|figures?|graphs?|charts?)(?:\s+(?:and|&)\s+[a-z]+)?\s*:?\s*$|abstract\s*:?\s*$)",
    rx.IGNORECASE,
    gated=True,
    twin=True,
)


_CONTINUATION = rx.compile(
    r"^(?:retrieved|available|accessed|in|from|vol\.|pp?\.|doi|https?:|www\.|edited|ed\.|eds\.|trans\.|and|&)\b",
    rx.IGNORECASE,
    gated=True,
)


# The place and publisher that go on an entry over its next line ("Burlington, VT: Ashgate, 2004." /
# "Newark, New Jersey: Rutgers"): shaped as "Family, Given" but for the colon.
_PLACE = rx.compile(rf"^{_FAMILY}(?:\s+{_FAMILY})?,\s*\p{{Lu}}[\p{{L}}.]*(?:\s+\p{{Lu}}[\p{{L}}.]*)?\s*:", gated=True)


def looks_like_entry(text: str) -> bool:
    """Whether a line could begin a reference-list entry (author/organisation and a year soon after)."""
    t = _strip_marker(text)[1]
    if _CONTINUATION.match(t) or _PLACE.match(t):
        return False
    if _SAME_AUTHOR.match(t):
        return True
    if not _entry_start(t):
        return False
    head = t[:200]
    return bool(_YEAR.search(head)) and len(t.split()) >= 4


def _strip_marker(text: str) -> tuple[int | None, str]:
    m = _NUMBERED.match(text)
    if m:
        num = m.group("b") or m.group("q") or m.group("d") or m.group("p")
        return int(num), text[m.end() :]
    b = _BULLET.match(text)
    if b:
        return None, text[b.end() :]
    return None, text


def is_back_matter(text: str) -> bool:
    # (a heading or a legend opens with a capital: "figures. Retrieved March 19, ..." goes on with an entry)
    return bool(_BACK_MATTER.match(text)) and not text[:1].islower()


class RawEntry(Struct, frozen=True):
    text: str
    line: int
    number: int | None
    lines: tuple[int, ...] = ()  # the source lines of the entry
    rule: str = ""  # the rule that started it ("refsection.numbered", "refsection.entry-after-end", ...)


# ------------------------------------------------------------------------------------------------
# Finding the list: an ordered table of rules over the body (after the title block), each answering
# (start of the heading or of the list, index of the first entry line) or None.
# ------------------------------------------------------------------------------------------------


def _under_heading(body: list[Unit], wrap: Wrap) -> tuple[int, int] | None:
    """Rule heading: the last reference heading ("References", "Works Cited", "APPENDIX 1: REFERENCES");
    one early in the text must be followed by entries (a table of contents has none), and so must a
    weak one ("Resources")."""
    for k in range(len(body) - 1, -1, -1):
        m = ref_heading(body[k].text)
        if m and (
            k >= len(body) * 0.3 - 1 and m.group("word").lower() not in _WEAK_HEADINGS or _entries_follow(body, k)
        ):
            return k, k + 1
    return None


# "Resources" also heads a section of the essay (water resources): a list only when entries follow.
_WEAK_HEADINGS = frozenset({"resources"})


def _entries_follow(body: list[Unit], k: int) -> bool:
    # Rule dated-lines-follow (the kind of 1 MICUSP dev file, before long appendices): entries split over
    # short lines ("Baird, D., Ulanowicz, R.E." / "The seasonal dynamics ..." / "Ecological Monographs
    # 59(4):329-365 (1989)") may show no entry's shape, but two of the next six lines carry a year; a table
    # of contents carries page numbers.
    after = body[k + 1 : k + 7]
    return any(looks_like_entry(u.text) for u in after[:3]) or sum(1 for u in after if _YEAR.search(u.text)) >= 2


def _trailing_list(body: list[Unit], wrap: Wrap) -> tuple[int, int] | None:
    """Rule trailing-entries: no heading, a run of lines shaped like entries ends the text."""
    start = _trailing_entries(body, wrap)
    return None if start is None else (start, start)


_LIST_FINDERS: tuple[tuple[str, Callable[[list[Unit], Wrap], tuple[int, int] | None]], ...] = (
    ("refsection.heading", _under_heading),
    ("refsection.trailing-entries", _trailing_list),
)


def find_list(body: list[Unit], wrap: Wrap) -> tuple[list[Unit], list[Unit], str | None, list[Removed]]:
    """(body, reference lines, heading as written, removed lines) for the essay's reference list."""
    found = trace.first_rule(_LIST_FINDERS, body, wrap)
    if found is None:
        return body, [], None, []
    name, (at, first) = found
    if name != "refsection.heading":
        return body[:at], body[first:], None, []
    # Rule stacked-headings: "Literature Cited:" directly followed by "Works Cited": one list under two
    # headings; the lower ones are removed.
    start = at
    while start > 0 and ref_heading(body[start - 1].text):
        start -= 1
    removed = [
        Removed(u.no, u.text, "duplicate-heading", "refsection.stacked-headings") for u in body[start + 1 : at + 1]
    ]
    return body[:start], body[first:], body[start].text, removed


def _trailing_entries(body: list[Unit], wrap: Wrap) -> int | None:
    end = len(body)
    # Figure legends and appendices may follow the list.
    while end > 0 and is_back_matter(body[end - 1].text):
        end -= 1
    k = end - 1
    starts = 0
    first = None
    run = 0  # lines above the last start found: an entry spans a few lines, a paragraph many
    while k >= 0:
        u = body[k]
        if _entry_probe(body, k, end, wrap) and (
            u.gap != "none" or k == 0 or _ended(body[k - 1].text) or not wrap.wrapped
        ):
            starts += 1
            first = k
            k -= 1
            run = 0
            continue
        if wrap.wrapped and k > 0 and u.gap == "none" and _runs_on(body[k - 1].text, wrap) and run < _ENTRY_LINES:
            k -= 1  # a wrapped line of the entry ("... In Ecrits, pp." / "1-7. New York: Norton, 1977.")
            run += 1
            continue
        break
    if first is None:
        return None
    if starts < 2:
        # One or two entries are a list only when the essay cites them: the family name and year
        # of each entry appear together in the text above.
        entries = [u.text for u in body[first:end] if looks_like_entry(u.text)]
        prose = "\n".join(u.text for u in body[:first])
        if not entries or not all(_cited_above(e, prose) for e in entries):
            return None
    return first


_ENTRY_LINES = 6  # wrapped lines of one entry at most (a longer run is a paragraph of prose)


def _runs_on(prev: str, wrap: Wrap) -> bool:
    """The line goes on over the next: it does not end a sentence, or stops on an abbreviation ("pp."),
    or runs to the margin."""
    return not _ended(prev) or bool(_ABBREV_END.search(prev)) or wrap.full(prev)


def _entry_probe(body: list[Unit], k: int, end: int, wrap: Wrap) -> bool:
    """Whether line ``k`` begins an entry; in hard-wrapped text the year may sit on the next line
    ("Family, Given. “A Long Title That Runs" / "On.” Journal 4 (1998).": MLA puts it last)."""
    u = body[k]
    if looks_like_entry(u.text):
        return True
    if not wrap.wrapped or k + 1 >= end or body[k + 1].gap != "none" or not wrap.full(u.text):
        return False
    return looks_like_entry(f"{u.text} {body[k + 1].text}")


def _cited_above(entry: str, prose: str) -> bool:
    m = rx.match(rf"^\s*(?:\[\d+\]|\d+\.)?\s*[•\-–*]?\s*(?:{_PARTICLE}\s+)*(\p{{Lu}}[\p{{L}}\p{{M}}'’\-]+)", entry)
    y = rx.search(r"\b(1[5-9]\d\d|20\d\d)[a-z]?\b|\bn\.\s?d\.", entry[:200])
    if not m or not y:
        return False
    name, year = rx.escape(m.group(1)), rx.escape(y.group(0))
    return bool(rx.search(rf"\b{name}\b[^()\n]{{0,60}}?[(,\s]\s*{year}|\b{name}\b[^\n]{{0,40}}\(\s*{year}", prose))


def _ended(text: str) -> bool:
    """The line ends a sentence or an entry, or is a rule of its own ("***") between text and list."""
    return bool(rx.search(r"[.!?\"”)\]]$|\d$|^[^\p{L}\p{N}]+$", text))


# ------------------------------------------------------------------------------------------------
# Splitting the list into entries. The list's shape is decided first (a table of shapes); each shape
# says which lines start an entry. A hard-wrapped list without numbers or bullets has its own ordered
# table of start rules (_WRAPPED_STARTS).
# ------------------------------------------------------------------------------------------------


class _List(NamedTuple):
    """What the shape rules look at: the list's lines (bullets printed apart dropped) and its layout."""

    units: list[Unit]
    wrap: Wrap
    blank_sep: bool  # most entries are separated by a blank line


Starter = Callable[[list[list[Unit]], int], "str | None"]


def _numbered_list(lst: _List) -> Starter | None:
    """Shape numbered: "[3]", "3.", "(3)" open a sixth of the lines or more: a number one or two above
    the last entry's starts an entry."""
    if sum(1 for u in lst.units if _NUMBERED.match(u.text)) < max(2, len(lst.units) // 6):
        return None

    def starts(groups: list[list[Unit]], k: int) -> str | None:
        u = lst.units[k]
        return "refsection.numbered" if _NUMBERED.match(u.text) and _number_follows(groups, u) else None

    return starts


def _bulleted_list(lst: _List) -> Starter | None:
    """Shape bulleted: "•", "-", "*" open a sixth of the lines or more: each bullet starts an entry."""
    if sum(1 for u in lst.units if _BULLET.match(u.text)) < max(2, len(lst.units) // 6):
        return None
    return lambda groups, k: "refsection.bulleted" if _BULLET.match(lst.units[k].text) else None


def _blank_separated_list(lst: _List) -> Starter | None:
    """Shape blank-line: a list that is not hard-wrapped, its entries separated by blank lines: each
    line after a gap starts an entry (a long entry may still be cut into lines within)."""
    if not lst.blank_sep or lst.wrap.wrapped:
        return None

    def starts(groups: list[list[Unit]], k: int) -> str | None:
        u = lst.units[k]
        if u.gap != "none":
            return "refsection.blank-line"
        return "refsection.line-after-whole-entry" if _line_after_whole_entry(groups[-1], u) else None

    return starts


def _line_after_whole_entry(group: list[Unit], u: Unit) -> bool:
    """Rule line-after-whole-entry: in a list whose entries are separated by blank lines, two entries may
    still sit on consecutive lines (a blank line forgotten: "Family AB. Title. ... 2016), pp. 4-9." /
    "Other CD. 2010. Title. ..."): a line shaped as an entry's first, after a line that ends an entry,
    once the entry so far is whole. Seen in 3 of the 800 SWP dev reports."""
    prev = group[-1].text
    return _ended(prev) and not _ABBREV_END.search(prev) and looks_like_entry(u.text) and _entry_whole(group)


def _one_line_each(lst: _List) -> Starter | None:
    """Shape line-per-entry: text that is not hard-wrapped (Word, a web page) has one entry a line."""
    if lst.wrap.wrapped:
        return None
    return lambda groups, k: "refsection.line-per-entry"


def _wrapped_list(lst: _List) -> Starter | None:
    """Shape wrapped: a hard-wrapped list whose hanging indents were lost: the start rules decide."""

    def starts(groups: list[list[Unit]], k: int) -> str | None:
        hit = trace.first_rule(_WRAPPED_STARTS, _Cursor.at(groups[-1], lst, k))
        return hit[0] if hit else None

    return starts


_LIST_SHAPES: tuple[tuple[str, Callable[[_List], Starter | None]], ...] = (
    ("refsection.numbered", _numbered_list),
    ("refsection.bulleted", _bulleted_list),
    ("refsection.blank-line", _blank_separated_list),
    ("refsection.line-per-entry", _one_line_each),
    ("refsection.wrapped", _wrapped_list),
)


def split_entries(units: list[Unit], wrap: Wrap) -> tuple[list[RawEntry], int, list[Removed]]:
    """Split the lines of a reference section into entries; also return how many units were used
    (the rest is back matter: appendices, figure legends, bios) and the list's subheadings."""
    if not units:
        return [], 0, []
    original = units[: _list_end(units, wrap)]
    if not original:
        return [], 0, []
    units, removed = _list_lines(original)
    lst = _List(units, wrap, _blank_separated(units))
    shape, starts = trace.first_rule(_LIST_SHAPES, lst) or ("", _wrapped_list(lst))
    assert starts is not None  # (the wrapped shape always answers)
    groups, rules = _group_entries(units, starts)
    numbered, bulleted = shape == "refsection.numbered", shape == "refsection.bulleted"
    marks = sum(1 for u in original if _BULLET_ONLY.match(u.text))
    if not numbered and not bulleted and marks >= 2:
        # Rule bullets-apart: even the right number of groups may be split in the wrong places: the
        # bullets printed apart decide.
        groups = _split_to_count(groups, marks, wrap)
        rules = ["refsection.first-entry"] + ["refsection.bullets-apart"] * (len(groups) - 1)
    groups, end = _without_trailing_back_matter(groups, original)
    # Rule single-numbered: a list of one entry that opens with "1." ("[1]", "(1)") is numbered too (the
    # numbered shape needs two numbered lines): the text cites it as [1]
    numbered = numbered or (len(groups) == 1 and _strip_marker(groups[0][0].text)[0] == 1)
    out = [_raw_entry(g, rule, numbered, bulleted) for g, rule in zip(groups, rules)]
    return [part for e in out for part in _run_together(e)], end, removed


def _list_end(units: list[Unit], wrap: Wrap) -> int:
    """Where the list ends: at the first line after the first that is not shaped as an entry and is back
    matter ("Appendix A", "Figure 1.") or, in text that is not hard-wrapped, follows removed site
    furniture."""
    for k, u in enumerate(units):
        if (
            (k > 0 or _appendix_first(u.text))
            and (is_back_matter(u.text) or u.after_boilerplate and not wrap.wrapped)
            and not looks_like_entry(u.text)
        ):
            if k == 0:
                trace.note((u.no,), "refsection.appendix-first")
            return k
    return len(units)


def _appendix_first(text: str) -> bool:
    # Rule appendix-first (the kind of 1 MICUSP dev file, 0 wrong): "References" straight over "Appendix A –
    # Additional Tables" (the list did not copy, or was never filled in) has no entries; the appendix heads
    # the back matter. (Other back matter on the first line, "Figure 1. ...", may be an entry's title.)
    return text[:7].lower() == "appendi" and len(text.split()) <= 8


def _list_lines(units: list[Unit]) -> tuple[list[Unit], list[Removed]]:
    """The lines the entries are made of: pdftotext may print the bullets of a list apart from their
    entries (they only mark entries), and the list's subheadings ("Primary sources") are removed."""
    units = [u for u in units if not _BULLET_ONLY.match(u.text)]
    subheads = [k for k in range(len(units)) if _subheading(units, k)]
    removed = [Removed(units[k].no, units[k].text, "reference-subheading", "refsection.subheading") for k in subheads]
    if subheads:
        units = [u for k, u in enumerate(units) if k not in subheads]
    return units, removed


def _blank_separated(units: list[Unit]) -> bool:
    """Most entries are separated by a blank line (a third of the lines after the first or more follow
    one). Gaps left by removed site furniture say nothing about how the entries are separated."""
    gaps = sum(1 for u in units[1:] if u.gap != "none" and not u.after_boilerplate)
    return gaps >= max(1, (len(units) - 1) // 3)


def _group_entries(units: list[Unit], starts: Starter) -> tuple[list[list[Unit]], list[str]]:
    """The lines grouped into entries, each with the rule that started it: a line the list's shape
    starts an entry with opens one, any other goes on the entry before."""
    groups: list[list[Unit]] = []
    rules: list[str] = []
    for k, u in enumerate(units):
        rule = starts(groups, k) if groups else "refsection.first-entry"
        if rule:
            groups.append([u])
            rules.append(rule)
        else:
            groups[-1].append(u)
    return groups, rules


def _without_trailing_back_matter(groups: list[list[Unit]], original: list[Unit]) -> tuple[list[list[Unit]], int]:
    """Rule trailing-back-matter: trailing groups that are not entries are back matter: short site
    furniture, or an author's bio ("Jane Doe is a student at ..."). Returns the groups kept and how many
    of the list's lines they span (the back matter starts there)."""
    end = len(original)
    while groups and len(groups) > 1 and _back_matter_group(" ".join(u.text for u in groups[-1])):
        end = original.index(groups[-1][0])
        groups.pop()
    return groups, end


def _back_matter_group(tail: str) -> bool:
    """A last group is back matter unless it looks like an entry, holds a number or an address, or is a
    long line that does not speak in sentences (a long line without a year may still be an entry; a bio
    says "is", "was", "has")."""
    if looks_like_entry(tail) or _entry_start(_strip_marker(tail)[1]):
        return False
    if rx.search(r"\d|www\.|https?:|\.(?:com|org|edu|gov|net)\b", tail):
        return False
    return not (5 <= len(tail.split()) and not rx.search(r"\b(?:is|was|has|are)\b", tail))


def _raw_entry(group: list[Unit], rule: str, numbered: bool, bulleted: bool) -> RawEntry:
    """One entry from its lines: its number kept only in a numbered list, its bullet dropped in a
    bulleted one."""
    text = _join_entry([u.text for u in group])
    num, _ = _strip_marker(text)
    if not numbered:
        num = None
    text = rx.sub(r"^[•●▪◦·]\s*|^[-–*]\s+", "", text) if bulleted else text
    return RawEntry(text, group[0].no, num, tuple(u.no for u in group), rule)


# Rule run-together: a whole list pasted as one line (lab reports exported from forms): "1. Nielsen SL ...
# 2011. Photosynthetica. 2. Steyn WJ ... 2002. ..." or "Barrows, E. M. (1996). ... Bergman, D. A., & Moore,
# P. A. (2003). ...". It splits an entry only where a next entry plainly starts: the next number of a count
# begun at the entry's start, or, after a full stop, names followed by a year in parentheses.
_INLINE_NUMBER = rx.compile(r"(?<=[.\s])\s*(?P<n>\d{1,3})\.\s+(?=\p{Lu})")
_AUTHOR_YEAR_START = rx.compile(
    r"(?<=[^\s&,]\s{1,3})(?<!\b(?:[Ii]n|and|eds?\.?)\s{1,3})(?=\p{Lu}[\p{L}'’\-]+,\s(?:\p{Lu}\.\s?){1,3}[^()]{0,160}?\((?:1[6-9]|20)\d\d[a-z]?\)\.)"
)
_RUN_TOGETHER_MIN = 250  # (characters: one entry is rarely longer)


def _run_together(entry: RawEntry) -> list[RawEntry]:
    text = entry.text
    if len(text) < _RUN_TOGETHER_MIN:
        return [entry]
    cuts = _numbered_cuts(text)
    numbered = bool(cuts)  # (a count going on by one inside the line: the entries are numbered)
    rule = "refsection.run-together"
    if not cuts:
        cuts = _author_year_cuts(text)
    if not cuts:
        cuts, rule = _sentence_cuts(text), "refsection.run-together-names"
    if not cuts:
        return [entry]
    parts = [text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(text)])]
    return [
        RawEntry(
            part, entry.line, _strip_marker(part)[0] if numbered else None, entry.lines, entry.rule if not k else rule
        )
        for k, part in enumerate(parts)
    ]


# Rule run-together-names: lab reports pasted from forms run their entries together in every style, each
# entry after the full stop (or the address) that ends the one before: "... 121:37-42. Romano, D., G.
# Benelli ... 2017." / "... pp. 15-16.  Kalmar, Jayne M. “Title.” ..." / "... 2004. 2. Tunaz H, Uygun N.
# 2004. ..." (numbers in any order). A cut needs a name shaped as an entry's first author ("Family, I.",
# "Family, Given M.", "Family AB.", "J. L. Family.") after an end that is not an abbreviation ("Dept.",
# "Vol.", an initial), and a year in both parts. Seen in 35 of the 800 SWP dev reports (58 entries more).
_NEXT_ENTRY = rx.compile(
    r"(?:(?<=[.)]\s{1,4})|(?<=(?:https?://|doi\.org/|www\.)\S+\s{1,4})|(?<=\d\s{1,4})(?=\d{1,3}\.\s))"
    r"(?<!\b(?:\p{Lu}|[Dd]ept|[Uu]niv|[Ii]nst|[Vv]ol|[Nn]o|pp?|[Ee]ds?|vs|[Ss]t|[Cc]o|Inc|Ltd|Jr|Sr|Dr|al|[Ee]d|[Ss]uppl)\.\s{1,4})"
    r"(?:\d{1,3}(?:\.{1,2}|\))\s*)?"
    r"(?=\p{Lu}[\p{Ll}'’\-]+(?:\s\p{Lu}[\p{Ll}'’\-]+)?,\s(?:\p{Lu}\.\s?-?){1,3}"  # Family, I. J.
    r"|\p{Lu}[\p{Ll}'’\-]+,\s\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?(?:\s\p{Lu}\.(?=[\s,])|(?:\s\p{Lu}\p{Ll}+)?[.,])"  # Family, Given M.
    # Family AB. / Family D.J., (not "Lee A. Fuiman.")
    r"|\p{Lu}[\p{Ll}'’\-]+\s(?:\p{Lu}{1,3}[.,]|(?:\p{Lu}\.){1,3}),?\s(?<!\s\p{Lu}\.\s(?=\p{Lu}\p{Ll}+[.,]))"
    r"|(?:\p{Lu}\.\s?){1,3}\p{Lu}[\p{Ll}'’\-]+[.,]\s(?:(?:1[6-9]|20)\d\d|and\s|\p{Lu}\.))"  # J. L. Family. 1965. (not "J. Neurosci. 18")
)
_PART_YEAR = rx.compile(r"\b(?:1[6-9]|20)\d\d\b")


def _sentence_cuts(text: str) -> list[int]:
    """Where names shaped as a first author start entries after the end of the one before; each part
    keeps a year (a cut that would leave a part without one is not made)."""
    cuts: list[int] = []
    last = 0
    for m in _NEXT_ENTRY.finditer(text):
        at = m.start()
        if at - last < 40 or not _PART_YEAR.search(text, last, at):
            continue
        cuts.append(at)
        last = at
    while cuts and not _PART_YEAR.search(text, cuts[-1]):
        cuts.pop()  # the last part has no year: it goes back with the one before
    return cuts


def _numbered_cuts(text: str) -> list[int]:
    """Where "2. ", "3. ", ... start entries in a line that starts "1. " (the count must go on by one)."""
    first = rx.match(r"^\s*(\d{1,3})\.\s", text)
    if not first:
        return []
    expect = int(first.group(1)) + 1
    cuts = []
    for m in _INLINE_NUMBER.finditer(text, first.end()):
        if int(m.group("n")) == expect:
            cuts.append(m.start("n"))
            expect += 1
    return cuts


def _author_year_cuts(text: str) -> list[int]:
    """Where names and "(2003)." start entries after the end of the one before, every part with its year."""
    cuts = [m.start() for m in _AUTHOR_YEAR_START.finditer(text) if m.start() > 0]
    return cuts if cuts and rx.search(r"\((?:1[6-9]|20)\d\d[a-z]?\)", text[: cuts[0]]) else []


# The words of a label over a part of the list: kinds of sources ("Primary Sources", "Legal Cases").
_SOURCE_KINDS = rx.compile(
    r"\b(?:sources|texts|works|cases|documents|articles|books|websites|materials|literature|publications|readings|"
    r"reports|interviews|films|statutes|data)\b",
    rx.IGNORECASE,
)


def _subheading(units: list[Unit], k: int) -> bool:
    """Rule subheading: a list in parts ("Primary Sources" / "Ancient Texts:" / "Legal Cases"): a short
    label without a digit or a full stop, after a blank line or an ended line, before an entry."""
    text = units[k].text
    if k + 1 >= len(units) or len(text.split()) > 4 or not text[:1].isupper() or rx.search(r"\d|[.,;/]", text):
        return False
    if not _SOURCE_KINDS.search(text):
        return False
    if k > 0 and units[k].gap == "none" and not _ended(units[k - 1].text):
        return False
    nxt = _strip_marker(units[k + 1].text)[1]
    if _entry_start(text):
        return False
    # a label closed by a colon announces what follows; else the next line must be shaped as entries are
    return nxt[:1].isupper() if text.endswith(":") else looks_like_entry(nxt) or _entry_start(nxt)


def _join_entry(lines: list[str]) -> str:
    """The lines of an entry joined as wrapped lines are; an address closed by ">" ("<http://...>.")
    is complete, so what follows it on the next line ("14 May 2004.") is a word of its own."""
    parts: list[str] = []
    for line in lines:
        if parts and rx.search(r">[.,;]?$", parts[-1]):
            parts = [join_lines(parts) + " " + line]
        elif parts and _open_angle_url(parts[-1]) and rx.match(r"^[^\s<>]+>", line):
            # "<http://site.org/path/" + "page.html>.": the line broke inside an address in angle
            # brackets (MLA), which the next line closes: no space.
            parts = [join_lines(parts) + line]
        else:
            parts.append(line)
    return join_lines(parts)


def _open_angle_url(text: str) -> bool:
    """The line ends inside an address opened by "<" ("<http://...", "<www...") and not closed."""
    i = text.rfind("<")
    return i >= 0 and text.rfind(">") < i and bool(rx.match(r"<(?:https?://|www\.)\S*$", text[i:]))


_BULLET_ONLY = rx.compile(r"^[•●▪◦·■]$")


def _split_to_count(groups: list[list[Unit]], want: int, wrap: Wrap) -> list[list[Unit]]:
    """pdftotext printed the list's bullets apart from the entries, so their number is the number of
    entries: start entries at the ``want - 1`` lines after the first that most look like a start (the
    shape of an entry, a capital after a line that does not run on, after a short line)."""
    units = [u for g in groups for u in g]
    if want > len(units):
        return groups
    width = max(wrap.width, 1)
    scored = []
    for k in range(1, len(units)):
        prev, text = units[k - 1].text, units[k].text
        score = 0.0
        if looks_like_entry(text):
            score += 2
        if _after_short_line(prev, text):
            score += 1 + max(0.0, 1 - len(prev) / width)
        if prev.rstrip().endswith(".") and not rx.search(r"\b(?:\p{Lu}|pp?|vol|eds?|no)\.$", prev):
            score += 0.5
        if score:
            scored.append((-score, k))
    starts = {0} | {k for _, k in sorted(scored)[: want - 1]}
    out: list[list[Unit]] = []
    for k, u in enumerate(units):
        if k in starts or not out:
            out.append([u])
        else:
            out[-1].append(u)
    return out


class _Cursor(NamedTuple):
    """A line of a hard-wrapped list and the entry it may start or continue."""

    u: Unit  # the line
    prev: Unit  # the line before, the last of the entry so far
    group: list[Unit]  # the entry so far
    lst: _List
    ended: bool  # the line before ends as an entry can (".", ")", "]", ">", a digit, an address)
    starts: bool  # the line (with the next, when the year sits there) is shaped like an entry's first

    @staticmethod
    def at(group: list[Unit], lst: _List, k: int) -> _Cursor:
        units, wrap = lst.units, lst.wrap
        u, prev = units[k], group[-1]
        ended = prev.text.endswith((".", ")", "]", ">")) or bool(rx.search(r"\d$|https?://\S+$", prev.text))
        probe = u.text
        if k + 1 < len(units) and units[k + 1].gap == "none" and (wrap.full(u.text) or _name_only(u.text)):
            # the year may sit on the next line: "Family, Given" / "1998 Title ..." (anthropology style)
            probe = f"{u.text} {units[k + 1].text[:80]}"
        return _Cursor(u, prev, group, lst, ended, looks_like_entry(probe))


def _entry_after_end(c: _Cursor) -> bool | None:
    """An entry-shaped line after a line that ends an entry (full stop, short line, blank line); a full
    line that stops on an initial or "eds." breaks a list of names ("Cobert, E." / "Danchin, A. A.
    Dhondt, and J. D. Nichols. 2001. ..."), which goes on."""
    if not c.starts:
        return None
    full = c.lst.wrap.full(c.prev.text)
    if c.u.gap == "blank" or not full or c.ended and not _ABBREV_END.search(c.prev.text):
        return True
    return None


def _author_after_whole_entry(c: _Cursor) -> bool | None:
    """The last line of an entry may lack its full stop and run to the margin ("... Harvard University
    Press"): an entry-shaped line still starts the next entry once this one is whole (it has its year
    and more), the line before does not stop on a connector, and the authors keep A-Z order."""
    year = not c.ended or bool(_ABBREV_END.search(c.prev.text))
    if (
        _author_first(c.u.text, year=year)
        and _entry_whole(c.group)
        and _ends_freely(c.prev.text)
        and _in_order(c.group[0].text, c.u.text)
    ):
        return True
    return None


def _name_after_ended_entry(c: _Cursor) -> bool | None:
    """MLA and Chicago give the year last, lines below the name: "Family, Given" opens an entry after a
    line that ends one (a full stop, not an initial's), once this entry is whole, in A-Z order."""
    if not c.ended or _ABBREV_END.search(c.prev.text) or not _LOOSE_AUTHOR.match(c.u.text):
        return None
    return True if _entry_whole(c.group) and _in_order(c.group[0].text, c.u.text) else None


# "Family, Given"; not a place and its publisher ("Newark, New Jersey: Rutgers", "Boston, Mass.:")
_LOOSE_AUTHOR = rx.compile(rf"^{_FAMILY},\s+\p{{Lu}}\p{{Ll}}+\b(?![,:])(?![^.]{{0,15}}:)")


def _title_first_entry(c: _Cursor) -> bool | None:
    """An entry without an author opens with its quoted title or its year ("“Title.” Site. 2006." /
    "(2002). Title."): after a line that ends an entry, once this entry is whole."""
    return True if _title_first(c.u.text) and c.ended and _entry_whole(c.group) else None


def _after_url_end(c: _Cursor) -> bool | None:
    """An address that ends a short line ends its entry ("CDC, 2006, http://www.cdc.gov/a.htm" /
    "CDC, 2006, http://www.cdc.gov/b.htm"): a capital after it opens the next, once this entry is whole."""
    if c.lst.wrap.full(c.prev.text) or not _URL_END.search(c.prev.text) or not c.u.text[:1].isupper():
        return None
    return True if not _CONTINUATION.match(c.u.text) and _entry_whole(c.group) else None


_URL_END = rx.compile(r"(?:https?://|www\.)\S+$")


def _url_after_url(c: _Cursor) -> bool | None:
    """A list of bare addresses: a URL line after a URL line."""
    return True if _bare_url(c.u.text) and _bare_url(c.prev.text) else None


def _after_short(c: _Cursor) -> bool | None:
    """A short line ends an entry when the next begins as entries do; not inside a quoted title that is
    still open ("“Stochastic Implications of the Life" / "Cycle Hypothesis,”")."""
    if (
        len(c.prev.text) < 0.7 * c.lst.wrap.width
        and _after_short_line(c.prev.text, c.u.text)
        and not _quote_open(c.group)
    ):
        # not after the authors and year alone ("Jackson, S., & Bosma, H. (1998)."): the title comes next;
        # nor before the words that go on with an entry ("Retrieved May 2, 2012, from", "Available at")
        return None if _AUTHORS_YEAR.search(c.prev.text) or _CONTINUATION.match(c.u.text) else True
    return None


_AUTHORS_YEAR = rx.compile(r"\((?:1[5-9]\d\d|20\d\d)[a-z]?(?:,[^()]{1,20})?\)\.?$")


# The start rules of a hard-wrapped list, in turn: the first that answers starts an entry at the line.
_WRAPPED_STARTS: tuple[tuple[str, Callable[[_Cursor], bool | None]], ...] = (
    ("refsection.entry-after-end", _entry_after_end),
    ("refsection.author-after-whole-entry", _author_after_whole_entry),
    ("refsection.name-after-ended-entry", _name_after_ended_entry),
    ("refsection.title-first", _title_first_entry),
    ("refsection.url-after-url", _url_after_url),
    ("refsection.after-url-end", _after_url_end),
    ("refsection.after-short-line", _after_short),
)


_AUTHOR_FIRST = rx.compile(
    rf"^{_FAMILY},\s+(?:(?:\p{{Lu}}\.\s?-?)+|\p{{Lu}}\p{{Ll}}+(?:\s+(?:\p{{Lu}}\p{{Ll}}+|\p{{Lu}}\.)){{0,2}}(?:[.,]|(?<=\.)(?=\s)))(?!\S*:)"
)
# A line that stops on an initial or an abbreviation ("In P." / "(Eds.") has not ended its entry.
_ABBREV_END = rx.compile(r"\b(?:\p{Lu}|pp?|vol|eds?|no|vs|trans)\.$", rx.IGNORECASE)


def _author_first(text: str, year: bool = True) -> bool:
    """The strict first line of an author-first entry: "Family, I. J." or "Family, Given," (and a year
    on the same line when ``year``: MLA puts the year last, lines below)."""
    m = _AUTHOR_FIRST.match(text)
    if not m or year and not _YEAR.search(text[:150]):
        return False
    # "Foundation, Inc." / "Press, Ltd." end a publisher's name wrapped onto the line
    return m.group(0).split(",", 1)[1].strip(" .,").lower() not in {
        "inc",
        "ltd",
        "co",
        "corp",
        "llc",
        "jr",
        "sr",
        "ed",
        "eds",
    }


def _entry_whole(group: list[Unit]) -> bool:
    """An entry that could end here: a year (or "n.d.") and at least eight words."""
    text = " ".join(u.text for u in group)
    if rx.search(r"\((?:1[5-9]\d\d|20\d\d)[a-z]?(?:,[^()]{1,20})?\)\.?$", text):
        return False  # "Family, I., & Other, J. (2003)." : the authors and year, the title still to come
    return bool(_YEAR.search(text) or "http" in text or "www." in text) and len(text.split()) >= 6


_CONNECTORS = frozenset(
    {
        "from",
        "in",
        "and",
        "&",
        "at",
        "of",
        "the",
        "by",
        "retrieved",
        "available",
        "eds.",
        "ed.",
        "pp.",
        "with",
        "for",
        "on",
        "to",
    }
)


def _ends_freely(prev: str) -> bool:
    """The line does not stop where an entry cannot (a connector word, a comma, a colon, a hyphen)."""
    words = prev.split()
    if not words or words[-1].lower() in _CONNECTORS:
        return False
    return not prev.rstrip().endswith((",", ":", ";", "-", "–", "&"))


def _in_order(first: str, text: str) -> bool:
    """Reference lists are sorted by author: the new entry's first letter does not come before the
    current entry's."""
    a, b = fold(_strip_marker(first)[1][:1]), fold(_strip_marker(text)[1][:1])
    return not a or not b or b >= a


_TITLE_FIRST = rx.compile(r"^(?:[\"“‘']\s?[\p{Lu}\d]|\((?:1[5-9]\d\d|20\d\d)[a-z]?(?:,[^()]{1,20})?\)\.?\s+\p{Lu})")


def _title_first(text: str) -> bool:
    """The first line of an entry without an author: a quoted title or a parenthesised year."""
    return bool(_TITLE_FIRST.match(text)) and len(text.split()) >= 2


def _quote_open(group: list[Unit]) -> bool:
    """The entry so far has opened a curly quotation it has not closed."""
    text = " ".join(u.text for u in group)
    return text.count("“") > text.count("”")


def _bare_url(text: str) -> bool:
    return bool(rx.match(r"^<?(?:https?://|www\.)\S+$", text))


def _name_only(text: str) -> bool:
    """A line holding only an author's name, "Family, Given Names" (the year opens the next line)."""
    return bool(rx.match(rf"^{_FAMILY},(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*\.?){{1,4}}$", text))


def _after_short_line(prev: str, text: str) -> bool:
    # A short line ends an entry (hanging indents are lost, but the last line of an entry is short);
    # not when it stops on a connector ("Retrieved March 26, 2008, from" / "http://...").
    last = prev.rstrip().split()[-1].lower() if prev.split() else ""
    if last in {"from", "in", "and", "&", "at", "of", "the", "by", "retrieved", "available", "eds.", "ed.", "pp."}:
        return False
    if prev.rstrip().endswith((",", ":", ";", "-", "–")):
        return False
    if len(text.split()) < 2:
        return False  # a lone word is a fragment of a line broken at wide gaps, not an entry
    return bool(rx.match(r"^\p{Lu}", text))


def _number_follows(groups: list[list[Unit]], u: Unit) -> bool:
    num, _ = _strip_marker(u.text)
    prev_num, _ = _strip_marker(groups[-1][0].text)
    if num is None:
        return False
    if num == prev_num:
        return _repeated_number(groups[-1], u)
    return prev_num is None or num == prev_num + 1 or num > prev_num and num - prev_num <= 2


def _repeated_number(group: list[Unit], u: Unit) -> bool:
    """ "[2] Lindahl ... 2020." then "[2] Suzuki ...": a number written twice (a slip the check reports as
    numbering-repeat) still opens an entry when the one before is finished and the line reads as an entry."""
    return group[-1].text.rstrip().endswith(".") and looks_like_entry(_strip_marker(u.text)[1])


# ------------------------------------------------------------------------------------------------
# Ids
# ------------------------------------------------------------------------------------------------


# An organisation as author: three or more capitalised words before the first full stop or
# parenthesis ("National Biodiesel Board. (2008)"); a person in natural order has two ("Martin Volk.").
_ORG_START = rx.compile(
    r"^\s*(\p{Lu}\p{Ll}[\p{L}\p{M}'’\-]*)(?:\s+(?:\p{Lu}[\p{L}\p{M}'’\-]*|of|and|for|the|on|in|&))+(?=\s*[.(,])"
)


def _family_of(csl: Mapping[str, Any], raw: str) -> str:
    """The id stem: the first author's family name, or an organisation's first word as written
    ("Good Energy Limited. (2007)" -> "good"), whatever the parser made of the organisation."""
    name = _csl_family(csl)
    corporate = _corporate_stem(raw)
    if corporate:
        return corporate
    org = _ORG_START.match(raw)
    if org and (not name or len(org.group(0).split()) >= 3) and fold(org.group(1)) not in {"the", "a", "an"}:
        return fold(org.group(1))
    if name:
        return name
    m = rx.match(rf"^\s*({_FAMILY}),", raw)
    return fold(m.group(1)) if m else ""


# The author part of an entry: everything before "(2007)", ". (2007)" or ". 2007.".
_AUTHOR_PART = rx.compile(
    r"^\s*(?P<a>[^,;:()]{3,120}?)(?:\.?\s*\((?:1[5-9]\d\d|20\d\d|n\.\s?d\.)|\.\s*\(|\.\s+(?:1[5-9]\d\d|20\d\d)\b)"
)
_INITIALISM = rx.compile(r"^(?:\p{Lu}\.){1,3}$|^\p{Lu}{1,2}\.?$")


def _corporate_stem(raw: str) -> str:
    """The id stem of an organisation as author, from its first words whatever the parser made of it:
    "C.S. Mott Children's Hospital. (2007)" -> "csmott", "World Health Organization (2010)" -> "world"."""
    m = _AUTHOR_PART.match(raw)
    if not m:
        return ""
    words = m.group("a").split()
    # Three or more words, all capitalised or small joiners: "Department of Energy"; a person in
    # natural order ("Martin Volk") has two, inverted names have a comma and never match.
    if len(words) < 3 or not all(
        rx.match(r"^[\p{Lu}&]", w) or w in {"of", "and", "for", "the", "on", "in", "&"} for w in words
    ):
        return ""
    if any(rx.match(r"^\p{Lu}\.$", w) for w in words[1:]):
        return ""  # "John A. Smith": a person with a middle initial
    stem = fold(words[0])
    if stem in {"the", "a", "an"} and len(words) > 1:
        stem = fold(words[1])
        words = words[1:]
    if _INITIALISM.match(words[0]) and len(words) > 1:
        stem += fold(words[1])  # "U.S. Department" -> "usdepartment"; "C.S. Mott" -> "csmott"
    return stem


def _csl_family(csl: Mapping[str, Any]) -> str:
    authors = csl.get("author") or csl.get("editor") or []
    if not authors:
        return ""
    first = authors[0]
    name = first.get("family") or first.get("literal") or ""
    if first.get("literal"):
        words = name.split()
        name = words[0] if words else name
    return fold(name)


def _year_of(csl: Mapping[str, Any], raw: str) -> str:
    if rx.search(r"\(n\.\s?d\.?\)", raw[:150]):
        return "nd"  # "(n.d.)": a later "Retrieved March 26, 2008" is not the year of the work
    issued = csl.get("issued") or {}
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    if parts and parts[0] and parts[0][0]:
        return str(parts[0][0])
    if rx.search(r"\(n\.\s?d\.?\)|\bn\.\s?d\.", raw):
        return "nd"  # "(n.d.)": a later "Retrieved March 26, 2008" is not the year of the work
    m = rx.search(r"\b(1[5-9]\d\d|20\d\d)\b", raw)
    return m.group(1) if m else ""


def build_references(entries: list[RawEntry]) -> list[Reference]:
    """Parse each entry and give it a readable unique id ("jeng2022", "jeng2022a", "ref3")."""
    from ..references.parse import parse_references
    from .inline import without_emphasis_marks

    # an entry's "*Bowling alone*" (typed the Markdown way, or a Word document's italics) is its text: the
    # list is rendered again, in the style's own italics
    entries = [
        replace(e, text=without_emphasis_marks(e.text)) if "*" in e.text or "_" in e.text else e for e in entries
    ]
    parsed = parse_references([_strip_marker(e.text)[1] if e.number is not None else e.text for e in entries])
    bases = []
    prev_fam = ""
    for n, (e, p) in enumerate(zip(entries, parsed), start=1):
        body = _strip_marker(e.text)[1]
        # "———. 1980." repeats the previous entry's author.
        fam = prev_fam if _SAME_AUTHOR.match(body) else _family_of(p.csl, body)
        prev_fam = fam
        year = _year_of(p.csl, e.text)
        if year.isdigit():
            m = _year_letter(e.text, year)
            year += m.group(1) if m else ""
        bases.append(f"{fam}{year}" if fam else f"ref{n}")
    counts: dict[str, int] = {}
    for b in bases:
        counts[b] = counts.get(b, 0) + 1
    used: set[str] = set()
    seen: dict[str, int] = {}
    out = []
    for n, (e, p, base) in enumerate(zip(entries, parsed, bases), start=1):
        rid = base
        if counts[base] > 1:
            k = seen.get(base, 0)
            seen[base] = k + 1
            rid = base + year_suffix(k)
        while rid in used:
            rid = f"{rid}x" if not rid.startswith("ref") else f"ref{n}x"
        used.add(rid)
        csl = dict(p.csl)
        csl["id"] = rid
        out.append(Reference(rid, e.text, csl, e.line, p.confidence, tuple(p.uncertain), e.number))
    return out


def _year_letter(text: str, year: str) -> rx.Match[str] | None:
    """The match of "\\b<year>([a-z])\\b" in ``text`` ("2004a"). The pattern is tried (and compiled: one
    for each year) only when the year is somewhere followed by a lowercase ASCII letter."""
    i = text.find(year)
    while i >= 0:
        if "a" <= text[i + len(year) : i + len(year) + 1] <= "z":
            return rx.search(rf"\b{year}([a-z])\b", text)
        i = text.find(year, i + 1)
    return None
