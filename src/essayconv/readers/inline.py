"""In-text citations: split prose into Text and Cite nodes (author-date, MLA author-page, numeric)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from msgspec import Struct

from .._patterns import LazyPattern
from ..model import Cite, CiteItem, Emph, Inline, NoteRef, Strong, Text
from ..names import PARTICLES, ascii_stem, one_letter_off, particle_pattern, strip_possessive
from . import _rx as rx

# ------------------------------------------------------------------------------------------------
# Building blocks
# ------------------------------------------------------------------------------------------------

# "in\s+press", not "in press": the pattern is also used in VERBOSE mode, where a bare space is ignored
_YEAR = r"(?:1[5-9]\d\d|20\d\d)(?:[a-z](?![\p{L}]))?|n\.\s?d\.|in\s+press|forthcoming"
# The year of a work's first edition before the edition's: Chicago's "[1930] 1961", APA's "1930/1961"
_ORIGINAL = r"(?:\[\d{4}\]\s*|(?:1[5-9]\d\d|20\d\d)/)"
_PARTICLE = particle_pattern()  # "van der Berg (2019)", "De Vries (2001)"
# One family name as it appears in prose: "Price", "Ramlo-Halsted", "O’Roke", "McMillen".
_NAME = rf"(?:{_PARTICLE}\s+)*\p{{Lu}}[\p{{Ll}}\p{{Lu}}\p{{M}}'’\-]*\p{{L}}"
_ETAL = r"et\s+al\.?"
_NARRATIVE_AUTHOR = (
    rf"(?P<author>{_NAME}(?:\s+{_ETAL}|\s+and\s+(?:his\s+|her\s+|their\s+)?(?:colleagues|co-?workers|associates)|"
    rf"(?:\s*,\s*{_NAME})*,?\s+(?:and|&)\s+{_NAME}(?:\s+{_ETAL})?)?)"
)

_LABELS = {
    "p": "page",
    "pp": "page",
    "page": "page",
    "pages": "page",
    "para": "paragraph",
    "paras": "paragraph",
    "chap": "chapter",
    "ch": "chapter",
    "sec": "section",
    "§": "section",
    "fig": "figure",
    "vol": "volume",
    "l": "line",
    "ll": "line",
}
_PAGE = r"[\divxlcIVXLC]+(?:\s*[-–—]\s*[\divxlcIVXLC]+)?"
# A play's act, scene and lines as MLA cites them, "1.5.189" or "3.1.56-88": a "line" locator (CSL styles
# print it bare, as they should: "(Shakespeare 1.5.189)", "(Shakespeare, 2003, 1.5.189)").
_ACT_SCENE_LINE = r"\d{1,2}\.\d{1,3}\.\d{1,4}(?:\s*[-–]\s*\d{1,4})?"
_LOCATOR = (
    rf"(?P<label>pp?\.|pages?|paras?\.|chap\.|ch\.|sec\.|§|fig\.|vol\.|ll?\.)\s*(?P<loc>{_PAGE}(?:\s*,\s*{_PAGE})*)"
)

# Words that start sentences or label things; "(In 2020)", "(Table 2)" and "(Summer 2019)" are not citations.
_NOT_AUTHORS = frozenset(
    """an the in on at of for from to by with as since until after before during between about around
    this that these those there then thus here it its we our they their he she his her you your
    and or but if when while where which whom what how why although though because so yet also
    see cf compare e.g i.e et al ibid note notes
    table tables figure figures fig fig. chart graph equation eq eq. appendix chapter section part step phase
    stage type group level grade version model study experiment trial sample case item question unit
    class form wave round year years day days week weeks month months age ages page pages vol no
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec spring summer fall autumn winter
    monday tuesday wednesday thursday friday saturday sunday
    act law article amendment rule bill code title
    war ad bc ce bce circa ca c approx approximately about roughly nearly over under up
    many most some all each every one two three first second third last new old
    fig.""".split()
)

_PREFIX = (
    r"(?P<prefix>(?:see\s+also|see|e\.g\.,?|cf\.|i\.e\.,?|as\s+cited\s+in|quoted\s+in|cited\s+in|also|"
    r"for\s+example,?|for\s+a\s+review,?\s+see)\s+|[^;()\[\]]{1,60}?\s[-–—]\s)?"
)

# One author-date item inside parentheses: "Jeng et al., 2022", "Postone 1993: 31", "Z.Dong, 1999",
# "R. Mancini, personal communication, February 21, 2008", "Smith, 2020, p. 5".
_AUTHOR_DATE_ITEM = rx.compile(
    rf"""^\s*{_PREFIX}
    (?P<author>[\p{{Lu}}\p{{Ll}}][\p{{L}}\p{{M}}.'’&\-\s,\[\]]*?)
    (?P<comm>\s*,\s*personal\s+communication(?:\s*,\s*\p{{L}}+\.?\s+\d{{1,2}})?)?
    \s*[,:]?\s*  # "Romano, 2017", "Romano 2017", "Romano: 2017"
    {_ORIGINAL}?(?P<years>(?:{_YEAR})(?:\s*,\s*(?:{_YEAR}))*)(?:\s*\[\d{{4}}\])?
    (?:(?:\s*[,:]\s*|\s+(?=pp?\.|pages?\b))(?:{_LOCATOR}|(?P<bare>{_PAGE}(?:\s*,\s*{_PAGE})*)))?  # "2010 p. 4" too
    (?P<suffix>\s*,\s*[^;]*?|\s+(?:for|in|on|regarding|about)\s+[^;,]{{1,40}}?)?\s*$""",
    rx.VERBOSE,
    gated=True,
)
# MLA author-page: "Jeng et al. 138", "Smith and Jones 45-47".
_MLA_ITEM = rx.compile(
    rf"^\s*{_PREFIX}(?P<author>{_NAME}(?:\s+{_ETAL}|(?:\s*,\s*{_NAME})*,?\s+(?:and|&)\s+{_NAME})?)\s+(?P<loc>{_ACT_SCENE_LINE}|\d+(?:\s*[-–—]\s*\d+)?)\s*$",
    gated=True,
)
_YEAR_ONLY = rx.compile(
    rf"^\s*(?P<years>{_ORIGINAL}?(?:{_YEAR})(?:\s*,\s*(?:{_YEAR}))*)(?:\s*(?:,\s*|:\s*)(?:{_LOCATOR}|(?P<bare>{_PAGE})))?\s*$",
    gated=True,
)
_NUMERIC_BODY = r"\d{1,3}(?:\s*[-–—]\s*\d{1,3})?(?:\s*[,;]\s*\d{1,3}(?:\s*[-–—]\s*\d{1,3})?)*"
_NUMERIC = rx.compile(rf"\[(?P<body>{_NUMERIC_BODY})(?:\s*,\s*{_LOCATOR})?\]")
_PAREN_NUMERIC = rx.compile(rf"\((?P<body>{_NUMERIC_BODY})\)")
# Author-date citations in square brackets: "[Reinecke: 1980]", "[Weiss and Goodman: 1969]", "[Ebashi S: 2009]",
# "[Smith-2010]" (the hyphen as the separator only here: inside parentheses it joins names).
_BRACKET = rx.compile(r"\[(?P<inner>[^\[\]\n]{4,300})\]")
_BRACKET_HYPHEN = rx.compile(rf"^(?P<author>{_NAME}(?:\s+{_ETAL})?)\s*[-–]\s*(?P<years>{_YEAR})$")
# "(Chaves;2008)": a semicolon typed where the comma goes, between one name and its year
_SEMICOLON_YEAR = rx.compile(rf"^(?P<author>\s*{_NAME}(?:\s+{_ETAL})?)\s*;\s*(?=(?:{_YEAR})\s*$)")
_PAREN = rx.compile(r"\((?P<inner>[^()\n]{2,400})\)")
_NARRATIVE = rx.compile(rf"(?<![\p{{L}}\p{{M}}'’\-])(?:{_NARRATIVE_AUTHOR})(?:['’]s)?\s+\((?P<inner>[^()\n]{{4,60}})\)")


# A narrative citation counts only when its parenthesis opens with what _YEAR_ONLY starts with: blanks, then
# "[", a year, "n." (n.d.), "in press" or "forthcoming". The stdlib's \s takes every character regex's \s
# takes (and four more), so a text this finds nothing in holds no narrative citation.
_YEAR_IN_PARENS = re.compile(r"\(\s*(?:\[|1[5-9]|20|n\.|in\s+press|forthcoming)")

_COMMA_SPLIT = rx.compile(rf",\s+(?={_NAME}(?:\s+{_ETAL})?,?\s+(?:{_YEAR}))")


class _Hit(Struct, frozen=True):
    start: int
    end: int
    node: Inline


def parse_inlines(
    text: str,
    line: int | None = None,
    *,
    paren_numeric: bool = False,
    bracket_numeric: bool = True,
    note_marks: Mapping[str, str] | None = None,
    authors: Collection[str] | None = None,
    unlisted_pages: bool = False,
    emphasis: bool = True,
) -> tuple[Inline, ...]:
    """Split prose into Text and Cite nodes (and NoteRef for footnote marks, Emph and Strong for emphasis
    typed as Markdown: "*Bowling Alone*"; ``emphasis=False`` where a Markdown parser has read it).

    ``paren_numeric``: "(3)" is a numeric citation (documents with a numbered reference list and no
    "[n]" citations); ``bracket_numeric``: "[3]" is one (all but documents whose list numbers no entry).
    ``note_marks`` maps footnote marks glued to words ("them.1") to Footnote ids.
    ``authors``: lowercase ASCII family names from the reference list; when given, the weak forms
    (author-page "(Smith 45)" and narrative "Smith (2020)") count only if their first name is one
    of them, which keeps "the United States (2020)" out. ``unlisted_pages``: the essay cites MLA's way,
    "(Smith 45)", so an author-page item whose name the list lacks is a citation too (of a work missing
    from the list), unless the name is a label such as "(Figure 3)" or "(Route 66)".
    """
    hits: list[_Hit] = []
    # Each kind of citation needs a bracket or a parenthesis: a text without one is not searched for it.
    if "[" in text:
        if bracket_numeric:
            hits += [h for h in _numeric_hits(text, line) if not note_marks or text[h.start : h.end] not in note_marks]
        hits += _bracket_author_hits(text, line, authors)
    if "(" in text:
        if paren_numeric:
            hits += [h for h in _numeric_hits(text, line, pattern=_PAREN_NUMERIC) if not _number_in_prose(text, h)]
        elif authors is not None:
            hits += _page_only_hits(text, line)
            if unlisted_pages:
                hits += _page_only_hits(text, line, _PAGE_ONLY_AT_END)
        if _YEAR_IN_PARENS.search(text):
            hits += _narrative_hits(text, line, authors)
        hits += _paren_hits(text, line, authors, unlisted_pages)
    if note_marks:
        hits += _note_hits(text, note_marks)
    chosen = _non_overlapping(hits)
    if len(chosen) > 1 and "[" in text:
        chosen = _numeric_groups(text, chosen)
    out: list[Inline] = []
    pos = 0
    for h in chosen:
        if h.start > pos:
            out.append(Text(text[pos : h.start]))
        out.append(h.node)
        pos = h.end
    if pos < len(text):
        out.append(Text(text[pos:]))
    if emphasis and ("*" in text or "_" in text):
        return tuple(n for node in out for n in (_emphasis(node.text) if isinstance(node, Text) else (node,)))
    return tuple(out)


# Emphasis typed as Markdown in plain text: "*Bowling Alone*", "_The Great Gatsby_", "**strong**". The span
# is words (a letter first; letters, digits, spaces and sentence punctuation), its marks stand apart from
# words, and nothing glues to the closing one: a product "2*pi.*x", a significance star "p < .05*",
# genetics' "_b+_" and "a * b" are not emphasis.
_EMPHASIS = LazyPattern(
    r"(?<![\w*\\.])(?P<mark>\*{1,2}|_)(?P<body>\p{L}[\p{L}\p{N}\p{Zs}'’,.:;!?&\-]{0,200}?[\p{L}\p{N}.!?])"
    r"(?P=mark)(?![\w*(\[])",
    0,
    rx.compile,
)


def without_emphasis_marks(text: str) -> str:
    """The text with the marks of its Markdown emphasis taken off ("*Bowling alone*" -> "Bowling alone")."""
    return _EMPHASIS.sub(lambda m: m.group("body"), text)


def _emphasis(text: str) -> tuple[Inline, ...]:
    out: list[Inline] = []
    pos = 0
    for m in _EMPHASIS.finditer(text):
        if m.start() > pos:
            out.append(Text(text[pos : m.start()]))
        body = (Text(m.group("body")),)
        out.append(Strong(body) if m.group("mark") == "**" else Emph(body))
        pos = m.end()
    if pos == 0:
        return (Text(text),)
    if pos < len(text):
        out.append(Text(text[pos:]))
    return tuple(out)


def _non_overlapping(hits: list[_Hit]) -> list[_Hit]:
    # Earliest first, and at one position the longest: a narrative "Price (2023)" beats "(2023)".
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[_Hit] = []
    end = -1
    for h in hits:
        if h.start >= end:
            out.append(h)
            end = h.end
    return out


# ------------------------------------------------------------------------------------------------
# Numeric
# ------------------------------------------------------------------------------------------------

# Between two bracketed numbers of one group: "[2], [3]", "[2],[3]", "[3]-[4]" (a range), "[3] – [6]".
_GROUP_GAP = re.compile(r"\s*(?:(?P<range>[-–—])|,)\s*")


# The reader's warning that numbers in brackets were kept as text (the list numbers no entry)
NUMBERS_KEPT = "numbers-without-numbered-list"


def bracket_numbers(text: str) -> list[str]:
    """The numbered citations in brackets ("[3]", "[2, 5]", "[4-6]") ``text`` holds, as written: what a text
    whose list numbers no entry keeps as text (plaintext._unnumbered_list_numbers, check.mixed_systems)."""
    return [m.group(0) for m in _NUMERIC.finditer(text)] if "[" in text else []


def _numeric_groups(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Bracketed numbers written one after another ("[2], [3]", "[3]-[4]") are one citation of several
    works: an author-date style renders them as one parenthesis ("(Birkl et al., 2017; Vetter, 2005)")."""
    out: list[_Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        gap = _GROUP_GAP.fullmatch(text, prev.end, h.start) if prev is not None else None
        if prev is None or gap is None or not (_bracket_numeric(prev) and _bracket_numeric(h)):
            out.append(h)
            continue
        first, second = prev.node.items, h.node.items  # type: ignore[union-attr]
        a, b = first[-1].number, second[0].number
        between: tuple[CiteItem, ...] = ()
        if gap.group("range") and a is not None and b is not None and a < b <= a + 50 and first[-1].locator is None:
            between = tuple(CiteItem(number=n) for n in range(a + 1, b))  # "[3]-[6]": 3, 4, 5 and 6
        node = Cite(first + between + second, text[prev.start : h.end], "numeric", prev.node.line)  # type: ignore[union-attr]
        out[-1] = _Hit(prev.start, h.end, node)
    return out


def _bracket_numeric(hit: _Hit) -> bool:
    return isinstance(hit.node, Cite) and hit.node.mode == "numeric" and hit.node.text.startswith("[")


def _expand_numbers(body: str) -> list[int]:
    nums: list[int] = []
    for part in rx.split(r"\s*[,;]\s*", body.strip()):
        m = rx.fullmatch(r"(\d+)\s*[-–—]\s*(\d+)", part)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if a <= b and b - a <= 50:
                nums.extend(range(a, b + 1))
            else:
                nums.extend([a, b])
        elif part:
            nums.append(int(part))
    return nums


def _numeric_hits(text: str, line: int | None, pattern: rx.Pattern[str] = _NUMERIC) -> list[_Hit]:
    hits = []
    for m in pattern.finditer(text):
        nums = _expand_numbers(m.group("body"))
        if not nums or any(n == 0 for n in nums):
            continue
        label = loc = None
        if "label" in pattern.groupindex and m.group("label"):
            label = _label(m.group("label"))
            loc = m.group("loc")
        items = [CiteItem(number=n) for n in nums]
        if loc is not None:
            items[-1] = CiteItem(number=nums[-1], locator=loc, label=label)
        hits.append(_Hit(m.start(), m.end(), Cite(tuple(items), m.group(0), "numeric", line)))
    return hits


# A number in parentheses that is part of the prose, not a citation "(3)" of a numbered list. Each rule
# is a kind seen in lab reports and papers whose references are numbered:
# a statistic: "t(4) = 3.63", "F(2, 30) = 5.1", "r (28) = .41", "χ2(1) = 4.2" (a test's letter, then "=")
_STATISTIC = re.compile(r"(?:\b(?:[tFrnNdzUHWQ]|df|[χΧ]\S?|chi\S*)\s*)$")
_RELATION = re.compile(r"^\s*[=<>≤≥]")
# a number repeated in figures after its word: "six (6) plants", "twenty (20) seeds"
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
).split()
# an enumeration: "attributed to (1) limited feeding and (2) ...", an item's words after it and the next number later
_ITEM_AFTER = re.compile(r"^\s+[^\W\d_]")
# a figure's parts numbered by where they stand: "from top (1) to bottom (3)", "the left (2) panel"
_POSITION_WORDS = frozenset(
    "top bottom left right middle centre center upper lower uppermost lowermost leftmost rightmost".split()
)
# (and a number glued to the word before it: "t(4)", "Eq(3)", "x(2)")


def _number_in_prose(text: str, hit: _Hit) -> bool:
    """Whether the "(n)" of ``hit`` belongs to the sentence rather than citing a numbered reference."""
    before, after = text[: hit.start], text[hit.end :]
    nums = [it.number for it in hit.node.items]  # type: ignore[union-attr]
    if before[-1:].isalnum():
        return True  # glued to what precedes it: "t(4)", "Eq(3)", "x(2)"
    if _STATISTIC.search(before[-12:]) and _RELATION.match(after):
        return True
    word = before.rstrip().rsplit(None, 1)[-1].lower() if before.strip() else ""
    if len(nums) == 1 and nums[0] is not None and nums[0] < len(_NUMBER_WORDS) and word == _NUMBER_WORDS[nums[0]]:
        return True
    if len(nums) == 1 and _ITEM_AFTER.match(after) and nums[0] is not None and _enumerated(before, after, nums[0]):
        return True
    return word in _POSITION_WORDS


_JOINERS = frozenset({"and", "or", "&", ",", ";"})


def _enumerated(before: str, after: str, n: int) -> bool:
    """ "attributed to (1) limited feeding and (2) low temperature": the item's own words lie between its
    number and the next (or the last) one; "works (1) and (2) in the usual way" has only "and" between."""
    nxt = after.find(f"({n + 1})")
    if nxt > 0 and set(after[:nxt].replace(",", " , ").split()) - _JOINERS:
        return True
    prev = before.rfind(f"({n - 1})")
    gap = before[prev + len(f"({n - 1})") :] if prev >= 0 else ""
    return prev >= 0 and bool(set(gap.replace(",", " , ").split()) - _JOINERS)


def _label(raw: str) -> str:
    """The CSL locator label of "pp.", "para.", "chap.", "§" ...; page when unsure."""
    key = raw.lower().rstrip(".")
    return _LABELS.get(key) or _LABELS.get(key.rstrip("s"), "page")


# ------------------------------------------------------------------------------------------------
# Author-date and author-page
# ------------------------------------------------------------------------------------------------


def _bracket_author_hits(text: str, line: int | None, authors: Collection[str] | None) -> list[_Hit]:
    """Author-date citations in square brackets, read as inside parentheses; every item must have a
    year ("[Smith 45]" and "[sic]" are not taken)."""
    hits = []
    for m in _BRACKET.finditer(text):
        inner = m.group("inner")
        hyphen = _BRACKET_HYPHEN.match(inner.strip())
        if hyphen:
            if not _plausible_author(hyphen.group("author")):
                continue
            items: list[CiteItem] | None = [
                CiteItem(author=hyphen.group("author"), year=_norm_year(hyphen.group("years")))
            ]
        else:
            items = _parse_paren(inner, authors)
        if items and all(it.year for it in items):
            hits.append(_Hit(m.start(), m.end(), Cite(tuple(items), m.group(0), "parenthetical", line)))
    return hits


# MLA's page-only citation after a quotation whose author the sentence names: ‘... “a cold calling” (45).’
# Only straight after a closing quotation mark, in an essay with a reference list and no "(n)" numbering.
_PAGE_ONLY = rx.compile(
    rf"(?<=[”\"’][.,;:!?]?\s?)\((?!(?:1[5-9]|20)\d\d\))(?P<loc>{_ACT_SCENE_LINE}|\d{{1,4}}(?:\s*[-–]\s*\d{{1,4}})?)\)"
)


# The same after a paraphrase, at the end of its sentence, in an essay that cites MLA's way ("(Smith 45)",
# cites_by_author_page): ‘... what he will do next (47-48).’, a play's lines ‘... at the thought (1.3.57).’
# Only after a word in lower case that does not name a numbered thing ("in Table (2).", "step (3);"), and
# never a year.
_NUMBERED_THINGS = (
    "appendix|case|chapter|chart|equation|eq|experiment|fig|figure|graph|group|item|line|model|number|"
    "page|part|phase|question|section|stage|step|study|table|trial|type|version|volume"
)
_PAGE_ONLY_AT_END = rx.compile(
    rf"(?<=(?<![\p{{L}}\d])(?!(?:{_NUMBERED_THINGS})s?\s)\p{{Ll}}+\s)"
    rf"\((?!(?:1[5-9]|20)\d\d\))(?P<loc>{_ACT_SCENE_LINE}|\d{{1,4}}(?:\s*[-–]\s*\d{{1,4}})?)\)(?=[.;!?])"
)


def _page_only_hits(text: str, line: int | None, pattern: Any = _PAGE_ONLY) -> list[_Hit]:
    hits = []
    for m in pattern.finditer(text):
        item = CiteItem(locator=_dash(m.group("loc")), label=_page_or_line(m.group("loc")))
        hits.append(_Hit(m.start(), m.end(), Cite((item,), m.group(0), "parenthetical", line)))
    return hits


def _narrative_hits(text: str, line: int | None, authors: Collection[str] | None) -> list[_Hit]:
    hits = []
    for m in _NARRATIVE.finditer(text, overlapped=True):
        # "Smith's (2020) survey": the name's possessive is not part of the name
        author = strip_possessive(m.group("author"))
        if not _plausible_author(author) or rx.fullmatch(r"[IVXLC]+", author):
            continue
        if authors is not None and not _listed(author, authors):
            continue
        ym = _YEAR_ONLY.match(m.group("inner"))
        if not ym:
            continue
        years = _split_years(ym.group("years"))
        label, loc = _locator_of(ym)
        items = tuple(
            CiteItem(
                author=author,
                year=y,
                locator=loc if i == len(years) - 1 else None,
                label=label if i == len(years) - 1 else None,
            )
            for i, y in enumerate(years)
        )
        hits.append(_Hit(m.start(), m.end(), Cite(items, m.group(0), "narrative", line)))
    return hits


def _paren_hits(
    text: str, line: int | None, authors: Collection[str] | None, unlisted_pages: bool = False
) -> list[_Hit]:
    hits = []
    for m in _PAREN.finditer(text):
        items = _parse_paren(m.group("inner"), authors, unlisted_pages)
        if items:
            hits.append(_Hit(m.start(), m.end(), Cite(tuple(items), m.group(0), "parenthetical", line)))
    return hits


def _parse_paren(inner: str, authors: Collection[str] | None, unlisted_pages: bool = False) -> list[CiteItem] | None:
    items: list[CiteItem] = []
    inner = _SEMICOLON_YEAR.sub(r"\g<author>, ", inner)
    for part in inner.split(";"):
        if not part.strip():
            return None
        parsed = _parse_item(part, authors, unlisted_pages)
        if parsed is None and "," in part:
            # "(Smith 2020, Jones 2019)": works separated by commas instead of semicolons.
            pieces = _COMMA_SPLIT.split(part)
            if len(pieces) > 1:
                subs = [_parse_item(p, authors, unlisted_pages) for p in pieces]
                if all(sub is not None for sub in subs):
                    parsed = [it for sub in subs if sub is not None for it in sub]
        if parsed is None:
            # "(Foucault 1980: 94; 98)": a bare page after a semicolon continues the previous item.
            if items and rx.fullmatch(rf"\s*{_PAGE}\s*", part) and items[-1].locator:
                prev = items[-1]
                items[-1] = CiteItem(
                    prev.author,
                    prev.year,
                    prev.number,
                    f"{prev.locator}; {part.strip()}",
                    prev.label,
                    prev.prefix,
                    prev.suffix,
                )
                continue
            return None
        items.extend(parsed)
    return items or None


# The commonest author-date items, "Smith, 2020", "Smith & Jones, 2020a", "Smith, Lee, & Jones, 2020",
# "Smith et al., 2020", "Smith, 2020, p. 4", "Smith, 2020, pp. 4-5", in ASCII: for such a string the match of
# _AUTHOR_DATE_ITEM has the author before ", ", the year as its years, the page label and pages as its
# locator, and no other group (no prefix: the first character is a capital and no dash stands between
# spaces; no suffix: the year or the pages end the string). Matched with the standard re, such an item skips
# regex's match of the full pattern (~10 µs), and its compilation (~5 ms) while every item of the essay is
# such a one. tests/test_reader_prefilters.py checks the groups against _AUTHOR_DATE_ITEM's.
_SIMPLE_ITEM = LazyPattern(
    r"(?P<author>[A-Z][a-z]+(?:(?:, | & |, & )[A-Z][a-z]+)*(?: et al\.)?), (?P<years>(?:1[5-9]|20)\d\d[a-z]?)"
    r"(?:, (?P<label>pp?\.) (?P<loc>\d+(?:[-–]\d+)?))?",
    0,
    re.compile,
)


def _parse_item(part: str, authors: Collection[str] | None, unlisted_pages: bool = False) -> list[CiteItem] | None:
    simple = _SIMPLE_ITEM.fullmatch(part)
    m = simple or _AUTHOR_DATE_ITEM.match(part)
    if m:
        author = m.group("author").strip().rstrip(",").strip()
        if _plausible_author(author):
            if simple:
                # one year, perhaps pages, no prefix or suffix (see _SIMPLE_ITEM)
                label, loc = _locator_of(m)
                return [CiteItem(author=author, year=m.group("years"), locator=loc, label=label, prefix="", suffix="")]
            years = _split_years(m.group("years"))
            label, loc = _locator_of(m)
            suffix = (m.group("comm") or "").strip(" ,") or (m.group("suffix") or "").strip(" ,")
            if suffix and not _plausible_suffix(suffix):
                return None
            prefix = m.group("prefix") or ""
            return [
                CiteItem(
                    author=author,
                    year=y,
                    locator=loc if i == len(years) - 1 else None,
                    label=label if i == len(years) - 1 else None,
                    prefix=prefix if i == 0 else "",
                    suffix=suffix if i == len(years) - 1 else "",
                )
                for i, y in enumerate(years)
            ]
    # An author-page item ends with its page number (then only blanks, which rstrip() takes): a part
    # whose last character cannot be a digit is not tried.
    end = part.rstrip()[-1:]
    m = _MLA_ITEM.match(part) if end and ("0" <= end <= "9" or not end.isascii()) else None
    if m:
        author = m.group("author")
        if not _plausible_author(author):
            return None
        if authors is not None and not _listed(author, authors) and not (unlisted_pages and _unlisted_author(author)):
            return None
        loc = m.group("loc")
        return [CiteItem(author=author, locator=_dash(loc), label=_page_or_line(loc), prefix=m.group("prefix") or "")]
    return _author_only_item(part, authors)


# MLA's citation of a work without pages, "(Okafor)", "(Lee and Park)", "(Vetter et al.)": only a name that
# a reference list gives as a first author (exactly: with no year or page to confirm it, a near miss is
# not enough), and only in an essay with a list. Not capitals alone: "Remote Associates Test (RAT)" defines
# an acronym, even where an organisation of the list is cited by it.
_AUTHOR_ONLY = LazyPattern(
    r"\s*(?P<author>[A-Z][a-z][\w'’\-]*(?: (?:and|&) [A-Z][a-z][\w'’\-]*| et al\.)?)\s*", 0, re.compile
)


def _author_only_item(part: str, authors: Collection[str] | None) -> list[CiteItem] | None:
    m = _AUTHOR_ONLY.fullmatch(part) if authors else None
    if m is None or not _plausible_author(m.group("author")) or _first_family(m.group("author")) not in authors:
        return None
    return [CiteItem(author=m.group("author"))]


# Words that number things in prose, "(Route 66)", "(Box 4)", "(Sonnet 18)": never an author cited by page.
# (Beyond _NOT_AUTHORS, "(Figure 3)", "(Chapter 4)", which _plausible_author turns away before this is asked.)
_LABEL_WORDS = frozenset(
    """apollo block book bottle box cage canto cell chap column congress district episode example
exercise exhibit exodus field file folder footnote genesis highway interstate issue lab lane lesson line lines lot
map number panel plate plot problem psalm psalms region room route row scene season sect series session sheet site
sonnet station tank test tube verse volume ward well windows zone""".split()
)


def _unlisted_author(author: str) -> bool:
    """An author-page item's name that the list lacks but that reads as a person's or a body's name."""
    first = author.split()[0].strip(",.").lower()
    return first not in _LABEL_WORDS and len(first) >= 3


def cites_by_author_page(text: str, authors: Collection[str]) -> bool:
    """Whether an essay cites MLA's way: two or more "(Name 45)" citations whose name the list gives."""
    found = 0
    for m in _AUTHOR_PAGE_SCAN.finditer(text):
        if _first_family(m.group(1)) in authors:
            found += 1
            if found >= 2:
                return True
    return False


_AUTHOR_PAGE_SCAN = LazyPattern(r"\((\p{Lu}[\p{L}'’\-]+)(?: et al\.)? \d{1,4}(?:[-–]\d{1,4})?\)", 0, rx.compile)


def _page_or_line(loc: str) -> str:
    return "line" if loc.count(".") == 2 else "page"


def _plausible_suffix(s: str) -> bool:
    # Only short, citation-like trailers: "emphasis added", "my translation", "personal communication".
    return len(s.split()) <= 4 and not rx.search(r"\d{3,}", s)


def _plausible_author(author: str) -> bool:
    a = author.strip()
    if not a or len(a) > 120:
        return False
    words = [
        w.strip("[]") for w in (_ASCII_NAME_SEPARATORS if a.isascii() else _NAME_SEPARATORS).split(a) if w.strip("[]")
    ]
    if not words or len(words) > 14:
        return False
    first = words[0].lower().rstrip(".,")
    if first in _NOT_AUTHORS or words[0].lower() in _NOT_AUTHORS:
        return False
    # (an ASCII capital is what \p{Lu} matches in ASCII: the patterns are only tried on other first characters,
    # and _CAPITALISED_NAME, which only particles can precede, matches any string opening with one)
    if not "A" <= a[0] <= "Z" and not _CAPITALISED_NAME.match(a):
        return False
    # Every word is capitalised, an initial, or a connecting word: prose inside parentheses is not.
    for w in words:
        wl = w.lower()
        if wl in _CONNECTORS or wl.rstrip(".") in _CONNECTORS:
            continue
        if not ("A" <= w[0] <= "Z" or not w[0].isascii() and _UPPER.match(w)):
            return False
    return True


_NAME_SEPARATORS = rx.compile(r"[\s,&]+")
# The same in ASCII, where regex's \s takes these five characters and the space (the standard re splits faster).
_ASCII_NAME_SEPARATORS = LazyPattern(r"[\t\n\x0b\x0c\r ,&]+", 0, re.compile)
_CAPITALISED_NAME = rx.compile(rf"(?:{_PARTICLE}\s+)*\p{{Lu}}")
_UPPER = rx.compile(r"[\p{Lu}]")
# Small words a list of names holds: the joins, "et al." and its kin, and the particles of family names.
_CONNECTORS = (
    frozenset(
        {
            "and",
            "&",
            "et",
            "al",
            "al.",
            "of",
            "the",
            "for",
            "on",
            "in",
            "his",
            "her",
            "their",
            "colleagues",
            "co-workers",
            "coworkers",
            "associates",
        }
    )
    | PARTICLES
)


def _first_family(author: str) -> str:
    # "Van der Berg" -> "berg"? No: the reference list folds the family as written without
    # particles, so skip lowercase and capitalised particles alike.
    words = [w for w in _NAME_SEPARATORS.split(author) if w and w[0].isupper() and not _PARTICLE_WORD.fullmatch(w)]
    return ascii_stem(words[0]) if words else ""


_PARTICLE_WORD = rx.compile(_PARTICLE)


def _listed(author: str, authors: Collection[str]) -> bool:
    """Whether a weak form's first name is a first author of the list, or misses one by a letter
    ("Hollingswoth (2014)" for Hollingsworth): the resolver links such a slip with a warning, so it must
    be read as a citation first."""
    first = _first_family(author)
    return first in authors or any(one_letter_off(first, a) for a in authors)


def _split_years(years: str) -> list[str]:
    return [_norm_year(y) for y in _COMMA.split(_BRACKET_YEAR.sub("", years.strip())) if y]


_COMMA = rx.compile(r"\s*,\s*")
_BRACKET_YEAR = rx.compile("^" + _ORIGINAL)
_ND = rx.compile(r"n\.\s?d\.")


def _norm_year(y: str) -> str:
    y = y.strip()
    return "n.d." if _ND.fullmatch(y) else y


def _locator_of(m: rx.Match[str]) -> tuple[str | None, str | None]:
    if m.group("label"):
        return _label(m.group("label")), _dash(m.group("loc"))
    if m.groupdict().get("bare"):
        return "page", _dash(m.group("bare"))
    return None, None


def _dash(s: str) -> str:
    return _DASH.sub("–", s.strip())


_DASH = rx.compile(r"\s*[-–—]\s*")


# ------------------------------------------------------------------------------------------------
# Footnote marks
# ------------------------------------------------------------------------------------------------


def _note_hits(text: str, note_marks: Mapping[str, str]) -> list[_Hit]:
    hits = []
    # "[1]" marks of e-texts stand anywhere; bare digits only count glued to a word.
    for mark in (m for m in note_marks if m.startswith("[")):
        for m in rx.finditer(rx.escape(mark), text):
            hits.append(_Hit(m.start(), m.end(), NoteRef(note_marks[mark], mark)))
    # Marks pasted from a web page as HTML: "<sup>3</sup>" (kept as written, it is the source text).
    for m in rx.finditer(r"<sup>\s*([\w*†]{1,4})\s*</sup>", text, rx.IGNORECASE):
        if m.group(1) in note_marks:
            hits.append(_Hit(m.start(), m.end(), NoteRef(note_marks[m.group(1)], m.group(0))))
    # Superscript marks ("them.¹²") stand for the note of that number; the mark stays as written.
    for m in rx.finditer(r"(?<=\S)[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?![⁰¹²³⁴⁵⁶⁷⁸⁹\p{L}\d])", text):
        num = m.group(0).translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))
        if num in note_marks:
            hits.append(_Hit(m.start(), m.end(), NoteRef(note_marks[num], m.group(0))))
    marks = sorted((m for m in note_marks if not m.startswith("[")), key=len, reverse=True)
    if not marks:
        return hits
    alt = "|".join(rx.escape(m) for m in marks)
    # A mark glued to a word or closing punctuation and not part of a number: "them.1", "crisis,12".
    pattern = rx.compile(
        rf"(?<=\p{{Ll}}[.,;:]?[’”\"')]?)(?P<mark>{alt})(?![\d\p{{L}}])|(?<=\b(?:1[6-9]|20)\d\d[.,;:]?)(?P<mark2>{alt})(?![\d\p{{L}}%]|[.,]\d)"
    )
    for m in pattern.finditer(text):
        mark = m.group("mark") or m.group("mark2")
        hits.append(_Hit(m.start(), m.end(), NoteRef(note_marks[mark], mark)))
    return hits
