"""Link each in-text citation to an entry of the reference list (sets CiteItem.key)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from msgspec.structs import replace

from ..diagnostics import Diagnostic
from ..model import Cite, CiteItem, Document, Inline, Inlines, Reference, Text, map_inlines, map_sequences
from ..names import cite_names, family_key, fold, given_acronyms, one_letter_off, short_forms, two_letters_off

_YEAR = re.compile(r"(\d{4})\s*([a-z])?\b|\b(n\.\s?d\.)", re.I)


class _RefKey:
    """What a citation is matched against, per reference. (A plain class: making a dataclass
    costs start-up time.)"""

    __slots__ = ("ref", "names", "year", "suffix", "short")

    def __init__(self, ref: Reference, names: tuple[str, ...], year: str | None, suffix: str) -> None:
        self.ref = ref
        self.names = names  # folded family names of the authors (or editors, or the literal)
        self.year = year  # "2022", None when undated
        self.suffix = suffix  # "a" when the entry carries "2022a"
        self.short = _short_forms(ref.csl, ref.raw)  # an organisation's acronyms ("who"), else empty


def _ref_names(csl: Mapping[str, Any], raw: str) -> tuple[str, ...]:
    for var in ("author", "editor", "translator", "director", "composer"):
        names = csl.get(var)
        if isinstance(names, list) and names:
            out = []
            for n in names:
                if not isinstance(n, Mapping):
                    continue
                if n.get("literal"):
                    out.append(fold(str(n["literal"])))
                    out.append(family_key(str(n["literal"]).split(",")[0]))
                else:
                    fam = " ".join(str(n.get(p) or "") for p in ("non-dropping-particle", "family"))
                    out.append(family_key(fam) or fold(str(n.get("given", ""))))
            if out:
                return tuple(out)
    lead = re.split(r"[.,(]", raw, maxsplit=1)[0]
    return (family_key(lead),) if lead.strip() else ()


def _short_forms(csl: Mapping[str, Any], raw: str) -> frozenset[str]:
    """The short forms of the organisation that is the work's first author (or that heads an entry
    without authors), as the entry writes it before its year ("Forest Survey of India (FSI) 2003")."""
    lead = _ORG_LEAD.match(raw)
    if not lead:
        return frozenset()
    people = csl.get("author") or csl.get("editor")
    if isinstance(people, list) and people and isinstance(people[0], Mapping) and not people[0].get("literal"):
        return given_acronyms(lead.group(0))  # a person, or an organisation the parser took for one
    return short_forms(lead.group(0))


# The head of an entry up to its year or first full stop: "World Health Organization. (2005)".
_ORG_LEAD = re.compile(r"[^.\d]{3,120}?(?=\s*(?:\(?\d{4}|\(n\.\s?d|\.\s|,\s*\d{4}))")


def _ref_year(csl: Mapping[str, Any], raw: str) -> tuple[str | None, str]:
    issued = csl.get("issued")
    year = None
    if isinstance(issued, Mapping):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            year = str(parts[0][0]).strip() or None
        elif issued.get("raw") or issued.get("literal"):
            m = re.search(r"\d{4}", str(issued.get("raw") or issued.get("literal")))
            year = m.group(0) if m else None
    suffix = ""
    if year:
        m = re.search(rf"\b{re.escape(year)}([a-z])\b", raw)
        if m:
            suffix = m.group(1)
        ys = csl.get("year-suffix")
        if isinstance(ys, str) and ys:
            suffix = ys
    return year, suffix


def _split_year(year: str | None) -> tuple[str | None, str, bool]:
    """(year, suffix, undated) of a citation's year as written."""
    if not year:
        return None, "", False
    m = _YEAR.search(year)
    if not m:
        return None, "", False
    if m.group(3):
        return None, "", True
    return m.group(1), (m.group(2) or "").lower(), False


def _match_author(item_names: list[str], et_al: bool, key: _RefKey) -> int:
    """0 = no match; higher is better."""
    if not item_names or not key.names:
        return 0
    first = item_names[0]
    # corporate authors are often cited by a shortened form: an acronym ("WHO" for "World Health
    # Organization"), the head of the name, or a part of it
    if first != key.names[0] and first not in key.short and not (len(first) > 3 and key.names[0].startswith(first)):
        if not (first and first in key.names[0] and len(first) >= 4):
            return 0
    score = 2
    if len(item_names) > 1:
        if all(n in key.names for n in item_names[1:]):
            score += len(item_names)
        else:
            score -= 1
    if et_al and len(key.names) >= 2:
        score += 1
    if not et_al and len(item_names) == len(key.names):
        score += 1
    return score


def _resolve_item(item: CiteItem, keys: list[_RefKey], refs: tuple[Reference, ...]) -> tuple[str | None, str]:
    """The id of the work ``item`` cites (None: none), and what a warning says of it: how a near miss
    was linked, or the entries nearest to an item that found none ("" when there is nothing to say)."""
    if item.number is not None:
        return _resolve_number(item.number, refs), ""
    names, et_al = cite_names(item.author)
    year, suffix, undated = _split_year(item.year)
    exact, note = _resolve_exact(names, et_al, year, suffix, undated, keys)
    if exact is not None or not names:
        return exact, note and f"cited {item.author} {item.year}; {note}"
    return _near_miss(item, names, et_al, year, keys)


def _resolve_number(number: int, refs: tuple[Reference, ...]) -> str | None:
    """The entry numbered ``number``. (A list that numbers no entry is cited by number only as written: the
    plain-text reader keeps such numbers as text and says so.)"""
    for r in refs:
        if r.number == number:
            return r.id
    return None


def _resolve_exact(
    names: list[str], et_al: bool, year: str | None, suffix: str, undated: bool, keys: list[_RefKey]
) -> tuple[str | None, str]:
    """The entry the names and year match, and a note when the link is a guess (else "")."""
    candidates: list[tuple[int, int, _RefKey]] = []
    for pos, k in enumerate(keys):
        s = _match_author(names, et_al, k)
        if not s:
            continue
        if undated:
            if k.year is not None:
                continue
        elif year is not None and k.year != year:
            continue
        candidates.append((s, pos, k))
    if not candidates:
        return None, ""
    if suffix:
        exact = [c for c in candidates if c[2].suffix == suffix]
        if exact:
            return max(exact, key=lambda c: (c[0], -c[1]))[2].ref.id, ""
        return _by_list_order(candidates, suffix)
    best = max(c[0] for c in candidates)
    top = [c for c in candidates if c[0] == best]
    return min(top, key=lambda c: c[1])[2].ref.id, ""


def _by_list_order(candidates: list[tuple[int, int, _RefKey]], suffix: str) -> tuple[str | None, str]:
    """ "(Lindgren 2015a)" when the list writes no a/b after its years: "a" is the first match in list
    order, "b" the second. With two or more such works that is a guess, which the note says (a missing
    a/b suffix is one of the slips a student should check)."""
    ordered = sorted(candidates, key=lambda c: c[1])
    idx = ord(suffix) - ord("a")
    if not 0 <= idx < len(ordered):
        return None, ""
    key = ordered[idx][2]
    if len(ordered) == 1:
        return key.ref.id, ""
    return key.ref.id, (
        f"the list gives its {len(ordered)} works of {_label(key)} no a/b suffix; "
        f"linked to the {_ORDINALS.get(idx, f'{idx + 1}th')} in list order"
    )


_ORDINALS = {0: "first", 1: "second", 2: "third"}


# Near misses: a citation that matches no entry exactly links to the one entry it misses by a little, with a
# warning naming both (a misspelt name or a misremembered year is the commonest slip in an essay's
# citations). Each rule: (name, test of a dated citation's names and year against an entry). With two or
# more entries caught, the citation stays as written and the warning names them.


def _one_letter_off_same_year(names: list[str], et_al: bool, year: str, k: _RefKey) -> bool:
    """ "Safrenek (1980)" for "Safranek, J. (1980)": the first name one letter off, the year the same
    (and any further names as the entry has them)."""
    return (
        k.year == year
        and bool(k.names)
        and one_letter_off(names[0], k.names[0])
        and _match_author([k.names[0], *names[1:]], et_al, k) > 0
    )


def _year_off_by_one(names: list[str], et_al: bool, year: str, k: _RefKey) -> bool:
    """ "Smith (2019)" for "Smith, A. (2020)": the same names, the year one off (a preprint's year, or
    the year misremembered)."""
    return (
        k.year is not None
        and k.year.isdigit()
        and abs(int(k.year) - int(year)) == 1
        and _match_author(names, et_al, k) > 0
    )


def _entry_undated(names: list[str], et_al: bool, year: str, k: _RefKey) -> bool:
    """ "[Buschmann et al.: 1977]" for "Buschmann C, Meier D, … Photochem Photobiol. 27: 195-198." with no
    year at all (or only an access date): the same names, and the entry gives no year to check the cited
    one against (common in lab reports' Vancouver-like lists)."""
    return k.year is None and _match_author(names, et_al, k) > 0


_WRITTEN_UNDER = re.compile(r"^\s*(?:\[\d+\]|\(\d+\)|\d+[.)]?)?\s*([^\W\d_][\w'’\-]*)")


def _written_under(names: list[str], et_al: bool, year: str, k: _RefKey) -> bool:
    """ "[Trinkaus 2008]" for "2. Trinkaus Miha, Pregelj Peter. … 2008": the entry is written under the
    cited name, but its parse put that name elsewhere (names without commas, "Johnson AD.Cell"); the year
    agrees or the entry gives none. The warning shows the names as read, which the student should check."""
    m = _WRITTEN_UNDER.match(k.ref.raw)
    return (
        m is not None
        and fold(m.group(1)) == names[0]
        and names[0] not in k.names
        and (k.year == year or k.year is None)
    )


NEAR_MISS_RULES = (
    ("one-letter-off-same-year", _one_letter_off_same_year),
    ("year-off-by-one", _year_off_by_one),
    ("entry-undated", _entry_undated),
    ("written-under", _written_under),
)


def _near_miss(
    item: CiteItem, names: list[str], et_al: bool, year: str | None, keys: list[_RefKey]
) -> tuple[str | None, str]:
    caught: list[_RefKey] = []
    if year is not None:
        for _name, rule in NEAR_MISS_RULES:
            caught.extend(k for k in keys if k not in caught and rule(names, et_al, year, k))
    cited = " ".join(x for x in (item.author, item.year) if x)
    if len(caught) == 1:
        return caught[0].ref.id, f"cited {cited}; linked to {_label(caught[0])}"
    nearest = caught or [k for k in keys if k.names and _near_name(names[0], k.names[0])]
    return None, ("nearest: " + ", ".join(_label(k) for k in nearest[:3])) if nearest else ""


def _near_name(cited: str, listed: str) -> bool:
    """The names a warning offers as the nearest entries: the same, or one or two letters off."""
    return cited == listed or one_letter_off(cited, listed) or two_letters_off(cited, listed)


def _label(k: _RefKey) -> str:
    """An entry as a warning names it: its first author's family name (or the organisation) and year."""
    csl = k.ref.csl
    name = ""
    for var in ("author", "editor", "translator", "director", "composer"):
        people = csl.get(var)
        if isinstance(people, list) and people and isinstance(people[0], Mapping):
            first = people[0]
            name = str(
                first.get("literal")
                or " ".join(str(first[p]) for p in ("non-dropping-particle", "family") if first.get(p))
            )
            if len(people) > 2:
                name += " et al."
            elif len(people) == 2 and isinstance(people[1], Mapping):
                name += " and " + str(people[1].get("family") or people[1].get("literal") or "")
            break
    name = name or re.split(r"[.,(]", k.ref.raw, maxsplit=1)[0].strip()
    return f"{name} {(k.year or 'n.d.') + k.suffix}"


def _first_family_names(keys: list[_RefKey]) -> dict[str, str | None]:
    """Folded first-author family name -> the one work by that first author (None when there are several)."""
    out: dict[str, str | None] = {}
    for k in keys:
        if k.names:
            name = k.names[0]
            out[name] = None if name in out else k.ref.id
    return out


_WORDS = re.compile(r"[^\W\d_][\w'’\-]*")


def _main_titles(refs: Sequence[Reference]) -> dict[str, str]:
    """The main title of each work (before a subtitle's colon), lower-cased -> the work, for the titles of
    four letters or more that one work of the list has: an essay on a play or a novel names it ("In
    Macbeth, ..."), then cites its lines or pages alone ("(1.3.57)", "(45)")."""
    out: dict[str, str | None] = {}
    for r in refs:
        title = str(r.csl.get("title") or "").split(":")[0].strip().rstrip(".").strip()
        if sum(c.isalpha() for c in title) >= 4:
            key = title.lower()
            out[key] = None if key in out else r.id
    return {k: v for k, v in out.items() if v is not None}


# What marks a title as the work's in running text: "in" before it ("in Discourse Analysis", "In Macbeth,"),
# or quotation marks around it, a subtitle's colon allowed ("“Half-Hearted Reform: ...”", "“Hedges and How
# to Trim Them”"). A title that is also a character's name or the subject ("Maud Martha had ...", "Robinson
# Crusoe is ...", a quotation opening with the name: "“Maud Martha could not bear ...”") names no work.
_IN_BEFORE = re.compile(r"\bin\s+[“\"‘']?$", re.IGNORECASE)
_QUOTE_BEFORE = re.compile(r"[“\"‘]$")
_QUOTE_CLOSES = re.compile(r"[,.]?[”\"’]|:")


def _marked_title(text: str, at: int, end: int) -> bool:
    """Whether text[at:end] is marked as a title (_IN_BEFORE, or _QUOTE_BEFORE with _QUOTE_CLOSES after it)."""
    ahead = text[max(0, at - 8) : at]
    return bool(_IN_BEFORE.search(ahead) or _QUOTE_BEFORE.search(ahead) and _QUOTE_CLOSES.match(text, end))


def _title_named(before: str, titles: Mapping[str, str], marked: bool) -> tuple[int, str] | None:
    """Where the text last names one of ``titles`` as a title (capitalised, whole words; ``marked``: marked
    as one, _marked_title), and its work."""
    low = before.lower()
    found: tuple[int, str] | None = None
    for title, work in titles.items():
        at = low.rfind(title)
        while at >= 0:
            end = at + len(title)
            whole = (at == 0 or not low[at - 1].isalnum()) and (end == len(low) or not low[end].isalnum())
            if whole and before[at].isupper() and (not marked or _marked_title(before, at, end)):
                if found is None or at > found[0]:
                    found = (at, work)
                break
            at = low.rfind(title, 0, at)
    return found


def _page_only_work(
    it: CiteItem,
    before: str,
    last: tuple[int, str] | None,
    names: Mapping[str, str | None],
    titles: Mapping[str, str],
) -> str | None:
    """The work an MLA page-only citation cites: the one whose author the text names last before it
    ("Frost calls it “a cold calling” (45)"), whose title it names last ("as stated in Discourse Analysis,
    “...” (204)"), or the one cited last, whichever comes latest. A play's lines ("(1.3.57)") cite the play
    the text names however it names it ("Lady Macbeth urges him ..."): a critic's work cited by its pages
    before them is not the one."""
    named: tuple[int, str] | None = None
    for m in _WORDS.finditer(before):
        work = names.get(family_key(m.group(0)))
        if work is not None:
            named = (m.start(), work)
    candidates = [c for c in (last, named, _title_named(before, titles, marked=it.label != "line")) if c is not None]
    return max(candidates)[1] if candidates else None


def page_only(it: CiteItem) -> bool:
    """An MLA page-only item, "(45)": a page and nothing that names the work (Markdown's "[@key, p. 45]"
    names it by its key)."""
    return it.number is None and not it.author and not it.year and it.locator is not None and it.key is None


def _describe(it: CiteItem) -> str:
    if it.number is not None:
        return str(it.number)
    if page_only(it):
        return f"page {it.locator} (no work cited, nor its author or title named, before it)"
    if it.key and not it.author:  # Markdown's "[@key]" with no item of that key
        return f"@{it.key} (no such item in --bibliography)"
    return " ".join(x for x in (it.author, it.year) if x) or "an item"


def resolve(doc: Document) -> Document:
    """Set CiteItem.key for every citation item that names a reference; warn about the rest."""
    refs = doc.references
    keys = [_RefKey(r, _ref_names(r.csl, r.raw), *_ref_year(r.csl, r.raw)) for r in refs]
    known = {r.id for r in refs}
    diags: list[Diagnostic] = []
    cited: set[str] = set()
    # an essay cites the same work the same way many times; the match depends on these only
    found: dict[tuple[int | None, str, str | None], tuple[str | None, str]] = {}
    # and writes the same item many times: equal items resolve alike, and building a frozen
    # CiteItem (replace) costs more than the rest of the lookup (this document only)
    resolved: dict[CiteItem, CiteItem] = {}
    seen_cites = False
    # in the text being walked: the work cited last and where (an MLA page-only "(45)" cites it again,
    # unless the sentence names another work's author after it)
    last: list[tuple[int, str]] = []
    before: list[str] = []
    walked = 0  # characters of text walked in the sequence so far (len of "".join(before))
    first_names = _first_family_names(keys)
    titles: dict[str, str] | None = None  # _main_titles(refs), made at the first page-only citation (most have none)

    def fix(c: Cite) -> Cite:
        nonlocal seen_cites, titles
        seen_cites = True
        items = []
        missing: list[str] = []
        nearest: list[str] = []  # what the warning says of the items missing: the entries nearest to them
        for it in c.items:
            note = ""
            key: str | None
            if it.key in known:
                key = it.key
            elif page_only(it):
                if titles is None:
                    titles = _main_titles(refs)
                key = _page_only_work(it, "".join(before), last[-1] if last else None, first_names, titles) or (
                    refs[0].id if len(refs) == 1 else None
                )
            else:
                memo_key = (it.number, it.author, it.year)
                if memo_key not in found:
                    found[memo_key] = _resolve_item(it, keys, refs)
                key, note = found[memo_key]
            if key is None:
                missing.append(_describe(it))
                if note:
                    nearest.append(
                        note if len(c.items) == 1 else note.replace("nearest", f"nearest to {_describe(it)}", 1)
                    )
            else:
                cited.add(key)
                last.append((walked, key))
                if note:  # a near miss linked: the student should check the name or the year
                    diags.append(
                        Diagnostic("near-miss-citation", "warning", f"citation '{c.text}': {note}", line=c.line)
                    )
            new = resolved.get(it)
            if new is None:
                new = resolved[it] = replace(it, key=key)
            items.append(new)
        if missing:  # one warning per citation, naming the items that found no reference when some did
            if len(missing) == len(c.items) and all(map(page_only, c.items)):
                message = (
                    f"citation '{c.text}' is a page alone: no work is cited, nor its author or title named, before it"
                )
            elif len(missing) == len(c.items):
                message = f"citation '{c.text}' matches no reference"
            else:
                verb = "matches" if len(missing) == 1 else "match"
                message = f"citation '{c.text}': {', '.join(missing)} {verb} no reference"
            if nearest:
                message += "; " + "; ".join(nearest)
            diags.append(Diagnostic("unresolved-citation", "warning", message, line=c.line))
        return replace(c, items=tuple(items))

    def fix_sequence(seq: Inlines) -> Inlines:
        nonlocal walked
        last.clear()
        before.clear()
        walked = 0
        out: list[Inline] = []
        for node in seq:
            if isinstance(node, Cite):
                out.append(fix(node))
            else:
                out.extend(map_inlines((node,), fix))
                if isinstance(node, Text):
                    before.append(node.text)
                    walked += len(node.text)
        return tuple(out)

    out = map_sequences(doc, fix_sequence)
    if seen_cites:  # (``fix`` is called for every Cite all_cites lists)
        for r in refs:
            if r.id not in cited:
                short = r.raw if len(r.raw) <= 60 else r.raw[:57] + "..."
                diags.append(
                    Diagnostic("uncited-reference", "info", f"reference '{short}' is never cited", line=r.line)
                )
    return replace(out, diagnostics=doc.diagnostics + tuple(diags))
