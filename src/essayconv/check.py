"""What a writing centre checks before an essay is handed in (``essayconv check``, issue 20).

The checks read the document the reader and the resolver produced (citations linked or not, references
with their parse confidence) and return findings; they never link citations themselves and never change the
document. Each check is a short named function in ``CHECKS``; each finding has a stable code, a level
(error, warning, note), the source line, the text concerned, one short sentence, and an anchor saying
where a reviewer's comment belongs (a citation, by its place in reading order, or a reference entry), which
the writers use for ``--review``. Nothing here imports docx or reportlab.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from msgspec import Struct

from .citations.compat_input import truncated_names
from .citations.resolve import page_only
from .diagnostics import Diagnostic
from .model import BlockQuote, Cite, CiteItem, Document, Inlines, Reference, Text, all_cites, iter_inlines
from .names import ET_AL, fold
from .readers.inline import NUMBERS_KEPT, bracket_numbers
from .references.confidence import is_unsure, publisher_journal, volume_unread

Level = Literal["error", "warning", "note"]
LEVELS: tuple[Level, ...] = ("error", "warning", "note")  # most serious first


class Finding(Struct, frozen=True):
    code: str  # stable, kebab-case: "cited-not-listed", "missing-field", ...
    level: Level
    message: str  # one short sentence
    line: int | None = None  # 1-based source line
    text: str = ""  # the text concerned: the citation, the quotation or the reference entry as written
    cite: int | None = None  # anchor: the n-th citation of the document in reading order (model.all_cites)
    reference: str | None = None  # anchor: a Reference.id

    def format(self, source: str | None = None) -> str:
        """``paper.txt:12: warning: message [code]``, as the converter prints its diagnostics."""
        where = source or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.level}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "level": self.level,
            "line": self.line,
            "text": self.text,
            "message": self.message,
        }
        if self.cite is not None:
            out["cite"] = self.cite
        if self.reference is not None:
            out["reference"] = self.reference
        return out


def at_least_warning(f: Finding) -> bool:
    return f.level in ("error", "warning")


# --------------------------------------------------------------------------------------------
# What the checks look at
# --------------------------------------------------------------------------------------------


class StyleRules(Struct, frozen=True):
    """What the target style asks of an essay, as far as the checks need it."""

    family: str  # "apa", "mla", "chicago", "numeric", "author-date" (citations/styles.py)
    et_al_min: int  # a citation may shorten to "et al." from this many authors on (the style's et-al-min)
    locator_for_quotes: bool  # a direct quotation needs a page or other locator (APA, MLA, Chicago)
    numeric: bool  # citations are numbers in order of first citation


class Context:
    """The document and what the checks share about it, computed once. (A plain class: see resolve._RefKey.)"""

    __slots__ = ("doc", "style", "cites", "refs", "near_miss", "repeats")

    def __init__(self, doc: Document, style: StyleRules) -> None:
        self.doc = doc
        self.style = style
        self.cites = all_cites(doc)
        self.refs: dict[str, Reference] = {r.id: r for r in doc.references}
        self.near_miss = near_misses(doc)
        self.repeats = repeats(doc.references)


def style_rules(style: str) -> StyleRules:
    """The rules of a style name (an alias, a style id or a .csl path); ConversionError for an unknown one."""
    from .citations.styles import resolve_style

    info = resolve_style(style)
    numeric = info.citation_format == "numeric"
    return StyleRules(
        family=info.family,
        et_al_min=_et_al_min(info.path),
        numeric=numeric,
        locator_for_quotes=info.family in ("apa", "mla", "chicago"),
    )


@lru_cache(maxsize=64)
def _et_al_min(path: Path) -> int:
    """The citation's et-al-min of a CSL file (on its names, the citation, or the style); 3 when unsaid."""
    from lxml import etree

    ns = {"cs": "http://purl.org/net/xbiblio/csl"}
    root = etree.parse(str(path)).getroot()
    cit = root.find("cs:citation", ns)
    places = [*(cit.iterfind(".//cs:name", ns) if cit is not None else []), cit, root]
    for el in places:
        if el is not None and el.get("et-al-min"):
            try:
                return int(el.get("et-al-min"))
            except ValueError:
                break
    return 3


# --------------------------------------------------------------------------------------------
# The hook for the resolver's near misses
# --------------------------------------------------------------------------------------------

# Codes of the resolver's diagnostics that report a near miss: a citation one or two letters, a year or an
# a/b suffix away from a reference ("cited Safrenek 1980; linked to Safranek 1980", or the nearest
# candidates when none is unique). The resolver owns the matching; ``check`` only turns what it reports
# into findings (and drops its own "cited but not listed" for the same citation).
NEAR_MISS_CODES: frozenset[str] = frozenset({"near-miss-citation"})


def near_misses(doc: Document) -> list[Diagnostic]:
    """The resolver's near-miss diagnostics of ``doc``."""
    return [d for d in doc.diagnostics if d.code in NEAR_MISS_CODES]


def _names(d: Diagnostic, c: Cite) -> bool:
    """Whether the diagnostic ``d`` is about citation ``c``: on its line, naming its text or an item of it
    ("cited Safrenek 1980; ...")."""
    return d.line == c.line and (
        c.text in d.message or any(_describe(it) in d.message for it in c.items if it.author or it.number is not None)
    )


def _near_miss_of(ctx: Context, c: Cite) -> Diagnostic | None:
    return next((d for d in ctx.near_miss if _names(d, c)), None)


# --------------------------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------------------------


def _short(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def cited_not_listed(ctx: Context) -> Iterator[Finding]:
    """A citation naming no entry of the reference list (a citation the resolver reports as a near miss is
    left to ``near_miss``)."""
    for n, c in enumerate(ctx.cites):
        missing = [it for it in c.items if it.key is None]
        if not missing or _near_miss_of(ctx, c) is not None:
            continue
        if all(page_only(it) for it in missing):
            yield Finding(
                "cited-not-listed",
                "warning",
                f"'{c.text}' gives a page alone, and no work is cited, nor its author or title named, before it",
                c.line,
                c.text,
                cite=n,
            )
            continue
        what = "; ".join(_describe(it) for it in missing)
        yield Finding(
            "cited-not-listed", "error", f"'{what}' is cited but not in the reference list", c.line, c.text, cite=n
        )


def _describe(it: CiteItem) -> str:
    if it.number is not None:
        return f"[{it.number}]"
    return " ".join(x for x in (it.author, it.year) if x) or "an item"


def listed_not_cited(ctx: Context) -> Iterator[Finding]:
    """A reference no citation names (only in an essay with citations: one without any has other troubles)."""
    if not ctx.cites:
        return
    cited = {it.key for c in ctx.cites for it in c.items if it.key}
    for r in ctx.doc.references:
        if r.id not in cited and r.id not in ctx.repeats:  # (a repeat is said once, as a duplicate)
            yield Finding(
                "listed-not-cited",
                "warning",
                f"reference '{_short(r.raw)}' is never cited",
                r.line,
                r.raw,
                reference=r.id,
            )


def near_miss(ctx: Context) -> Iterator[Finding]:
    """What the resolver reports as near misses, anchored on the citation it names."""
    for d in ctx.near_miss:
        n = next((i for i, c in enumerate(ctx.cites) if _names(d, c)), None)
        text = ctx.cites[n].text if n is not None else ""
        yield Finding("near-miss", "warning", d.message, d.line, text, cite=n)


def _title_key(r: Reference) -> str:
    title = r.csl.get("title")
    return fold(str(title)) if title else ""


def _first_family(r: Reference) -> str:
    for var in ("author", "editor"):
        names = r.csl.get(var)
        if isinstance(names, list) and names and isinstance(names[0], Mapping):
            return fold(str(names[0].get("family") or names[0].get("literal") or ""))
    return ""


def _year(r: Reference) -> str:
    issued = r.csl.get("issued")
    if isinstance(issued, Mapping):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return str(parts[0][0])
    return ""


def repeats(refs: Iterable[Reference]) -> dict[str, Reference]:
    """Reference id -> the earlier entry it repeats: the same text (its number aside), or the same first
    author, year and title."""
    seen: dict[str, Reference] = {}
    out: dict[str, Reference] = {}
    for r in refs:
        keys = [fold(re.sub(r"^\s*\[?\d+[\].)]?\s+", "", r.raw))]
        title = _title_key(r)
        if title and len(title) >= 8:
            keys.append("|".join((_first_family(r), _year(r), title)))
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            out[r.id] = first
            continue
        for k in keys:
            seen[k] = r
    return out


def duplicate_reference(ctx: Context) -> Iterator[Finding]:
    """An entry listed twice."""
    for r in ctx.doc.references:
        first = ctx.repeats.get(r.id)
        if first is not None:
            where = f" (line {first.line})" if first.line else ""
            yield Finding(
                "duplicate-reference",
                "warning",
                f"reference '{_short(r.raw)}' repeats an earlier entry{where}",
                r.line,
                r.raw,
                reference=r.id,
            )


def numbering(ctx: Context) -> Iterator[Finding]:
    """Numbered lists and numeric citations: a number missing from the list, a number used twice, a work
    cited first before a lower-numbered one (IEEE, Vancouver number in order of first citation)."""
    numbers = [r for r in ctx.doc.references if r.number is not None]
    if numbers:
        by_number: dict[int, Reference] = {}
        for r in numbers:
            assert r.number is not None
            if r.number in by_number:
                yield Finding(
                    "numbering-repeat",
                    "warning",
                    f"reference number {r.number} is used twice",
                    r.line,
                    r.raw,
                    reference=r.id,
                )
            by_number.setdefault(r.number, r)
        present = sorted(by_number)
        gaps = [k for k in range(1, present[-1]) if k not in by_number]
        if gaps:
            first_after = next(r for r in numbers if r.number is not None and r.number > gaps[0])
            listed = ", ".join(map(str, gaps[:5])) + (", …" if len(gaps) > 5 else "")
            yield Finding(
                "numbering-gap",
                "warning",
                f"the reference list skips number {listed}",
                first_after.line,
                first_after.raw,
                reference=first_after.id,
            )
    if not ctx.style.numeric:
        return
    listed = sorted({r.number if r.number is not None else i for i, r in enumerate(ctx.doc.references, 1)})
    highest = 0
    for n, c in enumerate(ctx.cites):
        for it in c.items:
            if it.number is None or it.key is None:  # (a number with no entry is cited-not-listed)
                continue
            expected = next((k for k in listed if k > highest), None)
            if expected is not None and it.number > expected:
                yield Finding(
                    "numbering-order",
                    "warning",
                    f"[{it.number}] is cited before [{expected}]: numbers go in order of first citation",
                    c.line,
                    c.text,
                    cite=n,
                )
            highest = max(highest, it.number)


# A locator written straight after a quotation, outside any citation: "(p. 8)", "(pp. 3-4)", "(para. 2)",
# "(45)", "(ch. 3)".
_LOCATOR_AFTER = re.compile(
    r"\s*\((?:pp?|paras?|ch|sec|chap|line|ll?|fol|§)\.?\s*[\dxivlc]+|\s*\(\d+(?:\s*[-–]\s*\d+)?\)", re.I
)
# A quotation: double quotes, straight or curly, around at least four words (a scare-quoted term or a
# title is not a quotation that needs a page).
_QUOTE = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z“\"(]|\s*$)")
# Works that have no pages to cite: a quotation from them needs no page number.
_PAGELESS = frozenset(
    {
        "webpage",
        "post",
        "post-weblog",
        "motion_picture",
        "broadcast",
        "song",
        "interview",
        "personal_communication",
        "speech",
        "dataset",
        "software",
        "graphic",
    }
)


def _segments(seq: Inlines) -> list[tuple[str, int | None]]:
    """The sequence as (text, None) and (cite text, cite index in reading order) pieces; cites nested in
    emphasis or links are taken with their text."""
    out: list[tuple[str, int | None]] = []
    from .model import iter_nodes

    for node in iter_nodes(seq):
        if isinstance(node, Text):
            out.append((node.text, None))
        elif isinstance(node, Cite):
            out.append((node.text, -1))
    return out


def _has_locator(c: Cite) -> bool:
    return any(it.locator for it in c.items) or any(re.search(r"\d", it.suffix) for it in c.items)


def _pageless(ctx: Context, c: Cite) -> bool:
    types = [str(ctx.refs[it.key].csl.get("type", "")) for it in c.items if it.key in ctx.refs]
    return bool(types) and all(t in _PAGELESS for t in types)


def quotation_without_locator(ctx: Context) -> Iterator[Finding]:
    """A direct quotation whose citation gives no page or other locator, where the style asks for one
    (APA, MLA, Chicago). The citation is the first after the quotation in its sentence, else the last
    before it (a narrative "Rivera (2019) argued that “…”"); a quotation with no citation in its sentence,
    or from a work without pages (a web page, a film), is left alone."""
    if not ctx.style.locator_for_quotes:
        return
    counter = iter(range(len(ctx.cites)))
    for seq, quoted_block in _sequences(ctx.doc):
        pieces: list[tuple[str, int | None]] = []
        for text, mark in _segments(seq):
            pieces.append((text, next(counter) if mark is not None else None))
        if quoted_block or any('"' in t or "“" in t for t, _ in pieces):  # (no quotation mark: no quotation)
            yield from _quotes_in(ctx, pieces, quoted_block)


def _sequences(doc: Document) -> Iterator[tuple[Inlines, bool]]:
    """Every inline sequence in reading order (as model.all_cites walks them), and whether it is a block quote's."""
    for b in doc.blocks:
        if isinstance(b, BlockQuote):
            # (an epigraph gives its source, not a page: its quotation is read as a paragraph's would be)
            for i, p in enumerate(b.paragraphs):
                yield p.content, i == len(b.paragraphs) - 1 and p.role != "epigraph"
        else:
            for seq in iter_inlines((b,)):
                yield seq, False
    for fn in doc.footnotes:
        yield fn.content, False


def _quotes_in(ctx: Context, pieces: list[tuple[str, int | None]], quoted_block: bool) -> Iterator[Finding]:
    text = "".join(t for t, _ in pieces)
    spans: list[tuple[int, int, int | None]] = []  # (start, end, cite index) of each piece
    pos = 0
    for t, idx in pieces:
        spans.append((pos, pos + len(t), idx))
        pos += len(t)
    cites_at = [(s, e, idx) for s, e, idx in spans if idx is not None]
    if quoted_block:  # a block quote: the citation that ends it needs the locator (a citation inside an
        # indented paragraph the reader took for a quotation is not the quotation's)
        if cites_at and not text[cites_at[-1][1] :].strip(' \t.;,)”"'):
            s, e, idx = cites_at[-1]
            c = ctx.cites[idx]  # type: ignore[index]
            if not _has_locator(c) and not _pageless(ctx, c) and not _LOCATOR_AFTER.match(text, e):
                yield _quote_finding(c, idx, _short(text[:s], 50))  # type: ignore[arg-type]
        return
    for m in _QUOTE.finditer(text):
        if len(m.group(1).split()) < 4:
            continue
        # the quotation's sentence: from the previous sentence end to the next one after the quotation
        end_m = _SENTENCE_END.search(text, m.end())
        stop = end_m.end() if end_m else len(text)
        starts = [e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())]
        start = starts[-1] if starts else 0
        after = [(s, e, i) for s, e, i in cites_at if m.end() <= s < stop]
        before = [(s, e, i) for s, e, i in cites_at if start <= s < m.start()]
        if _LOCATOR_AFTER.match(text, m.end()):
            continue
        chosen = after[0] if after else (before[-1] if before else None)
        if chosen is None:
            continue
        c = ctx.cites[chosen[2]]  # type: ignore[index]
        if _has_locator(c) or _pageless(ctx, c) or _LOCATOR_AFTER.match(text, chosen[1]):
            continue
        if after == [] and _LOCATOR_AFTER.search(text, m.end(), stop):
            continue
        yield _quote_finding(c, chosen[2], _short(m.group(0), 50))  # type: ignore[arg-type]


def _quote_finding(c: Cite, idx: int, quote: str) -> Finding:
    return Finding(
        "quotation-without-locator",
        "warning",
        f"the quotation {quote} has no page or other locator in '{c.text}'",
        c.line,
        quote,
        cite=idx,
    )


def unsure(r: Reference) -> bool:
    """Whether the parse of ``r`` is a guess: its confidence under the parser's line (references/confidence.py,
    the one decision that the conversion's warning and inspect show too)."""
    return is_unsure(r.confidence)


def reference_unsure(ctx: Context) -> Iterator[Finding]:
    """A reference the parser is unsure of, with what it is unsure of (a web address alone is told as such,
    by ``address_only``)."""
    for r in ctx.doc.references:
        if not unsure(r) or address_alone(r.raw):
            continue
        why = []
        if volume_unread(r.csl, r.raw):
            why.append("a number after the journal's name was not read as its volume")
        if publisher_journal(r.csl):
            why.append(f"read as a journal article in '{r.csl.get('container-title')}', which looks like a publisher")
        why.append(f"unsure of: {', '.join(r.uncertain)}" if r.uncertain else f"confidence {r.confidence:.2f}")
        yield Finding(
            "reference-unsure",
            "note",
            f"the reference '{_short(r.raw)}' may be read wrongly ({'; '.join(why)})",
            r.line,
            r.raw,
            reference=r.id,
        )


# An entry that is a web address or a DOI and nothing else ("12. http://www.example.org/page", "<https://...>",
# "https://doi.org/10.1000/xyz"): 31 entries of 16 of the 1,186 corpus files
_ADDRESS_ALONE = re.compile(
    r"^\W*(?:\d{1,3}[.)]\s*|\[\d{1,3}\]\s*|\(\d{1,3}\)\s*-?\s*)?<?\s*"
    r"(?:(?:https?://|www\.)\S+|(?:doi:\s*)?10\.\d{4,9}/\S+)\s*>?[.,;]?\s*$",
    re.I,
)


def address_alone(raw: str) -> bool:
    """Whether a reference entry is a web address or a DOI alone."""
    return bool(_ADDRESS_ALONE.match(raw))


def address_only(ctx: Context) -> Iterator[Finding]:
    """An entry that is only a web address: every style names the work (its author, date and title) and gives
    the address after it (APA 7 §9.34, MLA 9 core elements, Chicago 14.6)."""
    for r in ctx.doc.references:
        if address_alone(r.raw):
            yield Finding(
                "address-only",
                "warning",
                f"'{_short(r.raw)}' is a web address alone: give the work's author, date and title before it",
                r.line,
                r.raw,
                reference=r.id,
            )


class FieldRule(Struct, frozen=True):
    """A field the target style needs for some kinds of work."""

    name: str
    types: frozenset[str]
    fields: tuple[str, ...]  # any one of them will do
    families: frozenset[str]  # style families that need it
    level: Level
    what: str  # "a book without a publisher"
    # the raw entry plainly lacks the field, whatever its parse (then even an unsure parse is checked)
    absent_in_raw: re.Pattern[str] | None = None


_ALL = frozenset({"apa", "mla", "chicago", "numeric", "author-date"})
_JOURNAL = frozenset({"article-journal"})
_WEB = frozenset({"webpage", "post", "post-weblog"})
FIELD_RULES: tuple[FieldRule, ...] = (
    # every style names the publisher of a book (APA 7 §9.29, MLA 9 core elements, Chicago 14.127, IEEE)
    # (the parser often puts a publisher it cannot place as "publisher-place": either field names one)
    FieldRule(
        "book-publisher",
        frozenset({"book"}),
        ("publisher", "publisher-place"),
        _ALL,
        "warning",
        "a book without a publisher",
    ),
    # and the volume of a journal article
    FieldRule("journal-volume", _JOURNAL, ("volume",), _ALL, "warning", "a journal article without a volume"),
    FieldRule(
        "journal-title", _JOURNAL, ("container-title",), _ALL, "warning", "a journal article without the journal's name"
    ),
    # a web page is found by its address
    FieldRule(
        "web-url",
        _WEB,
        ("URL", "DOI"),
        _ALL,
        "warning",
        "a web page without a URL",
        re.compile(r"https?:|www\.|\bdoi\b|\b10\.\d{4,}/|\.(?:com|org|net|edu|gov)\b", re.I),
    ),
    # MLA 9 recommends the access date for a web page (optional but expected when the page has no date)
    FieldRule("web-accessed", _WEB, ("accessed",), frozenset({"mla"}), "note", "a web page without an access date"),
)


def missing_field(ctx: Context) -> Iterator[Finding]:
    """A reference that lacks a field the style needs (a field the parse is unsure of, or a kind of work it
    misread, is left to ``reference_unsure``: the field may be there, misread)."""
    for r in ctx.doc.references:
        kind = str(r.csl.get("type", ""))
        if publisher_journal(r.csl):  # a book read as a journal article needs no volume
            continue
        for rule in FIELD_RULES:
            if kind not in rule.types or ctx.style.family not in rule.families:
                continue
            # (a parse unsure of the very field may have misread it; an unsure parse of the rest is checked: a
            # field that the entry lacks is itself evidence of an unsure parse, references/confidence.py)
            if unsure(r) and rule.absent_in_raw is not None and rule.absent_in_raw.search(r.raw):
                continue
            if any(r.csl.get(f) for f in rule.fields) or any(f.lower() in r.uncertain for f in rule.fields):
                continue
            yield Finding(
                "missing-field", rule.level, f"'{_short(r.raw)}' is {rule.what}", r.line, r.raw, reference=r.id
            )


def mixed_systems(ctx: Context) -> Iterator[Finding]:
    """Numbered citations and author-date citations in one essay. Numbers in brackets the reader kept as
    text (the list numbers no entry) count as numbered citations."""
    numeric = [n for n, c in enumerate(ctx.cites) if any(it.number is not None for it in c.items)]
    named = [n for n, c in enumerate(ctx.cites) if any(it.author or it.year for it in c.items)]
    if not numeric:
        yield from _kept_numbers(ctx, len(named))
    if not numeric or not named:
        return
    fewer = numeric if len(numeric) <= len(named) else named
    kind = "numbered" if fewer is numeric else "author-date"
    c = ctx.cites[fewer[0]]
    yield Finding(
        "mixed-citation-systems",
        "warning",
        f"the essay mixes numbered ({len(numeric)}) and author-date ({len(named)}) citations; "
        f"'{c.text}' is the first {kind} one",
        c.line,
        c.text,
        cite=fewer[0],
    )


def _kept_numbers(ctx: Context, named: int) -> Iterator[Finding]:
    """Numbers in brackets the reader kept as text, at the line its warning gives: beside author-date
    citations, mixed systems; alone, the reader's warning as a finding (the list numbers no entry)."""
    said = next((d for d in ctx.doc.diagnostics if d.code == NUMBERS_KEPT), None)
    if said is None:
        return
    kept = [n for seq, _ in _sequences(ctx.doc) for text, _ in _segments(seq) for n in bracket_numbers(text)]
    if kept and named:
        yield Finding(
            "mixed-citation-systems",
            "warning",
            f"the essay mixes numbered ({len(kept)}) and author-date ({named}) citations; "
            f"'{kept[0]}' is the first numbered one",
            said.line,
            kept[0],
        )
    elif kept:
        yield Finding(NUMBERS_KEPT, "warning", said.message, said.line, kept[0])


def et_al(ctx: Context) -> Iterator[Finding]:
    """ "et al." for a work with fewer authors than the style shortens (APA: three or more)."""
    if ctx.style.numeric:
        return
    for n, c in enumerate(ctx.cites):
        for it in c.items:
            if not it.author or it.key not in ctx.refs or not ET_AL.search(it.author):
                continue
            csl = ctx.refs[it.key].csl
            if "author" in truncated_names(csl):
                continue  # the list itself ends in "et al." ("Vetter, J., et al."): more authors than it names
            authors = csl.get("author")
            count = len(authors) if isinstance(authors, list) else 0
            if 1 <= count < ctx.style.et_al_min:
                yield Finding(
                    "et-al-not-allowed",
                    "warning",
                    f"'{it.author}' shortens a work with {count} author{'s' if count > 1 else ''}: "
                    f"the style uses 'et al.' from {ctx.style.et_al_min} authors on",
                    c.line,
                    c.text,
                    cite=n,
                )


# The checks in the order their findings are listed (then sorted by line).
CHECKS: tuple[tuple[str, Callable[[Context], Iterable[Finding]]], ...] = (
    ("cited-not-listed", cited_not_listed),
    ("near-miss", near_miss),
    ("listed-not-cited", listed_not_cited),
    ("duplicate-reference", duplicate_reference),
    ("numbering", numbering),
    ("quotation-without-locator", quotation_without_locator),
    ("missing-field", missing_field),
    ("address-only", address_only),
    ("reference-unsure", reference_unsure),
    ("mixed-citation-systems", mixed_systems),
    ("et-al-not-allowed", et_al),
)


def check(doc: Document, style: str | StyleRules = "apa") -> list[Finding]:
    """The findings of a resolved document (``resolve.resolve`` has run), sorted by line."""
    rules = style if isinstance(style, StyleRules) else style_rules(style)
    ctx = Context(doc, rules)
    found = [f for _name, fn in CHECKS for f in fn(ctx)]
    order = {lv: i for i, lv in enumerate(LEVELS)}
    return sorted(found, key=lambda f: (f.line if f.line is not None else 10**9, order[f.level]))


# Findings the conversion already reports through the resolver's or the reader's own diagnostics.
_SAID_BY_RESOLVER = frozenset({"cited-not-listed", "near-miss", NUMBERS_KEPT})
# Notes a conversion prints too: the parser's unsure flag names the entry's line for the student to check
# (issue 17), once, unless the reader has said of that line that it could not parse the entry at all.
_PRINTED_NOTES = {"reference-unsure": "reference-unparsed"}


def as_diagnostics(findings: Iterable[Finding], said: Iterable[Diagnostic] = ()) -> tuple[Diagnostic, ...]:
    """The findings a conversion prints: warnings and errors (as warnings: the conversion still succeeds) and
    the notes of _PRINTED_NOTES, less those the resolver or the reader (``said``) has already said."""
    already = {(d.code, d.line) for d in said}
    return tuple(
        Diagnostic(f.code, "warning", f.message, f.line)
        for f in findings
        if (at_least_warning(f) or (f.code in _PRINTED_NOTES and (_PRINTED_NOTES[f.code], f.line) not in already))
        and f.code not in _SAID_BY_RESOLVER
    )
