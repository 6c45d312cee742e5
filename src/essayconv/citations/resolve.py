"""Link each in-text citation to an entry of the reference list (sets CiteItem.key)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from msgspec.structs import replace

from ..diagnostics import Diagnostic
from ..model import Cite, CiteItem, Document, Inline, Inlines, Reference, Text, map_inlines, map_sequences

_ET_AL = re.compile(r"\bet\s*al\b\.?|\band\s+others\b|\bu\.\s*a\.|\bet\s+coll\b\.?", re.I)
_SPLIT = re.compile(r"\s*(?:&|\band\b|\bund\b|\bet\b|\by\b|;|,)\s*", re.I)
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ten", "ter", "dos", "das", "al", "el"}
_YEAR = re.compile(r"(\d{4})\s*([a-z])?\b|\b(n\.\s?d\.)", re.I)


def fold(s: str) -> str:
    """Case- and accent-insensitive form of a name, letters and digits only."""
    if not s.isascii():  # (ASCII text has no decomposition and no combining marks)
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", "", s.casefold().replace("ß", "ss"))


def _name_key(name: str) -> str:
    """The comparable part of a family name: particles dropped ("van der Berg" -> "berg")."""
    words = [w for w in re.split(r"[\s\u00a0]+", name.strip()) if w]
    while len(words) > 1 and words[0].casefold().strip(".'’") in _PARTICLES:
        words = words[1:]
    return fold(" ".join(words))


# Initials after a family name, as Vancouver-style writers cite: "Ebashi S", "Johnson AD" (not an acronym
# standing alone: "WHO").
_INITIALS_AFTER = re.compile(r"(?<=[^\W\d_][a-z])\s+[A-Z]{1,3}\.?$")


def cite_names(author: str) -> tuple[list[str], bool]:
    """Family names as written in a citation ("Jeng et al." -> (["jeng"], True))."""
    et_al = bool(_ET_AL.search(author))
    text = _ET_AL.sub(" ", author)
    # The possessive of a narrative citation ("Smith's (2020)", "Hill and Ng's (2019)") ends the names;
    # one inside them is part of an organisation's name ("C.S. Mott Children's Hospital, 2015").
    text = re.sub(r"[’']s\s*$", "", text)
    parts = [_INITIALS_AFTER.sub("", p) for p in _SPLIT.split(text) if p and fold(p)]
    return [_name_key(p) for p in parts], et_al


class _RefKey:
    """What a citation is matched against, per reference. (A plain class: making a dataclass
    costs start-up time.)"""

    __slots__ = ("ref", "names", "year", "suffix")

    def __init__(self, ref: Reference, names: tuple[str, ...], year: str | None, suffix: str) -> None:
        self.ref = ref
        self.names = names  # folded family names of the authors (or editors, or the literal)
        self.year = year  # "2022", None when undated
        self.suffix = suffix  # "a" when the entry carries "2022a"


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
                    out.append(_name_key(str(n["literal"]).split(",")[0]))
                else:
                    fam = " ".join(str(n.get(p) or "") for p in ("non-dropping-particle", "family"))
                    out.append(_name_key(fam) or fold(str(n.get("given", ""))))
            if out:
                return tuple(out)
    lead = re.split(r"[.,(]", raw, maxsplit=1)[0]
    return (_name_key(lead),) if lead.strip() else ()


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
    if first != key.names[0] and not (len(first) > 3 and key.names[0].startswith(first)):
        # corporate authors are often cited by a shortened form ("WHO" vs the full literal)
        if not (len(key.names) >= 1 and first and first in key.names[0] and len(first) >= 4):
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


def _resolve_item(item: CiteItem, keys: list[_RefKey], refs: tuple[Reference, ...]) -> str | None:
    if item.number is not None:
        for r in refs:
            if r.number == item.number:
                return r.id
        if 1 <= item.number <= len(refs) and all(r.number is None for r in refs):
            return refs[item.number - 1].id
        return None
    names, et_al = cite_names(item.author)
    year, suffix, undated = _split_year(item.year)
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
        return None
    if suffix:
        exact = [c for c in candidates if c[2].suffix == suffix]
        if exact:
            return max(exact, key=lambda c: (c[0], -c[1]))[2].ref.id
        # no suffix written in the list: "a" is the first match in list order, "b" the second
        ordered = sorted(candidates, key=lambda c: c[1])
        idx = ord(suffix) - ord("a")
        return ordered[idx][2].ref.id if 0 <= idx < len(ordered) else None
    best = max(c[0] for c in candidates)
    top = [c for c in candidates if c[0] == best]
    return min(top, key=lambda c: c[1])[2].ref.id


def _first_family_names(keys: list[_RefKey]) -> dict[str, str | None]:
    """Folded first-author family name -> the one work by that first author (None when there are several)."""
    out: dict[str, str | None] = {}
    for k in keys:
        if k.names:
            name = k.names[0]
            out[name] = None if name in out else k.ref.id
    return out


_WORDS = re.compile(r"[^\W\d_][\w'’\-]*")


def _page_only_work(before: str, last: tuple[int, str] | None, names: Mapping[str, str | None]) -> str | None:
    """The work an MLA page-only citation cites: the one whose author the text names last before it
    ("Frost calls it “a cold calling” (45)"), or the one cited last, whichever comes later."""
    named: tuple[int, str] | None = None
    for m in _WORDS.finditer(before):
        work = names.get(_name_key(m.group(0)))
        if work is not None:
            named = (m.start(), work)
    candidates = [c for c in (last, named) if c is not None]
    return max(candidates)[1] if candidates else None


def _page_only(it: CiteItem) -> bool:
    """An MLA page-only item, "(45)": a page and nothing that names the work."""
    return it.number is None and not it.author and not it.year and it.locator is not None


def _describe(it: CiteItem) -> str:
    if it.number is not None:
        return str(it.number)
    if _page_only(it):
        return f"page {it.locator} (no work cited or its author named before it)"
    return " ".join(x for x in (it.author, it.year) if x) or "an item"


def resolve(doc: Document) -> Document:
    """Set CiteItem.key for every citation item that names a reference; warn about the rest."""
    refs = doc.references
    keys = [_RefKey(r, _ref_names(r.csl, r.raw), *_ref_year(r.csl, r.raw)) for r in refs]
    known = {r.id for r in refs}
    diags: list[Diagnostic] = []
    cited: set[str] = set()
    # an essay cites the same work the same way many times; the match depends on these only
    found: dict[tuple[int | None, str, str | None], str | None] = {}
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

    def fix(c: Cite) -> Cite:
        nonlocal seen_cites
        seen_cites = True
        items = []
        missing: list[str] = []
        for it in c.items:
            if it.key in known:
                key = it.key
            elif _page_only(it):
                key = _page_only_work("".join(before), last[-1] if last else None, first_names) or (
                    refs[0].id if len(refs) == 1 else None)
            else:
                memo_key = (it.number, it.author, it.year)
                if memo_key not in found:
                    found[memo_key] = _resolve_item(it, keys, refs)
                key = found[memo_key]
            if key is None:
                missing.append(_describe(it))
            else:
                cited.add(key)
                last.append((walked, key))
            new = resolved.get(it)
            if new is None:
                new = resolved[it] = replace(it, key=key)
            items.append(new)
        if missing:  # one warning per citation, naming the items that found no reference when some did
            if len(missing) == len(c.items) and all(map(_page_only, c.items)):
                message = f"citation '{c.text}' is a page alone: no work is cited or its author named before it"
            elif len(missing) == len(c.items):
                message = f"citation '{c.text}' matches no reference"
            else:
                verb = "matches" if len(missing) == 1 else "match"
                message = f"citation '{c.text}': {', '.join(missing)} {verb} no reference"
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
                diags.append(Diagnostic("uncited-reference", "info", f"reference '{short}' is never cited", line=r.line))
    return replace(out, diagnostics=doc.diagnostics + tuple(diags))
