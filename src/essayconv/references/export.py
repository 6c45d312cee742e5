"""CSL-JSON items out as CSL-JSON, JSON lines, BibTeX or RIS text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from ..names import fold
from .dates import year_suffix

FORMATS = ("csl-json", "csl-jsonl", "bibtex", "ris")

_BIBTEX_TYPES = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "article": "article",
    "book": "book",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "thesis": "phdthesis",
    "report": "techreport",
    "webpage": "misc",
}
_RIS_TYPES = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "article": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CPAPER",
    "thesis": "THES",
    "report": "RPRT",
    "webpage": "ELEC",
}


def name_text(name: dict[str, Any], inverted: bool = True) -> str:
    """ "Family, Given" (or "Given Family") of one CSL name, particles and suffix kept."""
    if name.get("literal"):
        return str(name["literal"])
    family = " ".join(x for x in (name.get("non-dropping-particle"), name.get("family")) if x)
    given = name.get("given", "")
    if inverted:
        return ", ".join(x for x in (family, given, name.get("suffix")) if x)
    return " ".join(x for x in (given, family, name.get("suffix")) if x)


def year_of(item: dict[str, Any]) -> str:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return str(parts[0][0]) if parts and parts[0] else ""


def citation_key(item: dict[str, Any], taken: set[str], tried: dict[str, int] | None = None) -> str:
    """ "jeng2022", made unique within ``taken`` by a letter suffix (a ... z, aa, ab ...). ``tried``
    remembers, for each key, how many suffixes are taken already: 50,000 items of one author and year
    then cost 50,000 steps, not 50,000 squared over two."""
    names = item.get("author") or item.get("editor") or []
    first = names[0] if names else {}
    base = first.get("family") or first.get("literal") or (item.get("title") or "ref").split()[0]
    base = re.sub(r"[^a-z0-9]", "", fold(str(base))) or "ref"
    key = base + year_of(item)
    out, n = key, (tried or {}).get(key, 0)
    while out in taken:
        out = key + year_suffix(n)
        n += 1
    if tried is not None:
        tried[key] = n
    taken.add(out)
    return out


# Characters with a meaning in BibTeX or LaTeX, as the text commands that print them (Zotero's set): a
# backslash must not start a command ("\\input /etc/passwd") nor escape the closing brace of the field,
# a brace must not close the field, "%" must not comment out the rest of the line. Other characters,
# accented letters included, are written as they are (a UTF-8 .bib file, as biber and bibtexu read).
_BIB_SPECIAL = {
    "\\": "{\\textbackslash}",
    "{": "\\{",
    "}": "\\}",
    "&": "\\&",
    "%": "\\%",
    "$": "\\$",
    "#": "\\#",
    "_": "\\_",
    "^": "{\\textasciicircum}",
    "~": "{\\textasciitilde}",
    "<": "{\\textless}",
    ">": "{\\textgreater}",
    "|": "{\\textbar}",
}
_BIB_SPECIAL_RE = re.compile("[" + re.escape("".join(_BIB_SPECIAL)) + "]")
# Line and paragraph breaks: a blank line in a field is a paragraph break, which LaTeX refuses there.
_LINE_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*")
# Fields BibTeX styles and biblatex read verbatim (\url{...}): written as they are, like Zotero does,
# but with the characters a URI may not hold unencoded that would unbalance the field (a brace, a
# backslash escaping the closing brace) percent-encoded, which leaves the address the same.
_VERBATIM_FIELDS = ("url", "doi")
_URL_UNSAFE = re.compile(r"[\\{}\s]")


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text)


def _bib_escape(text: str) -> str:
    """``text`` as the value of a braced BibTeX field: it reads back (as LaTeX) as the same text."""
    return _BIB_SPECIAL_RE.sub(lambda m: _BIB_SPECIAL[m.group()], _one_line(str(text)))


def _bib_verbatim(text: str) -> str:
    """A URL or DOI as the value of a braced BibTeX field, every character kept but the unsafe ones."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), str(text).strip())


_AND = re.compile(r"\band\b|,", re.IGNORECASE)


def _bib_name(name: dict[str, Any]) -> str:
    """One CSL name as a BibTeX name ("Family, Given, Suffix"), escaped; an organisation (a literal) and a
    part that holds a comma or the word "and" are braced, so that BibTeX takes them whole."""
    if name.get("literal"):
        return "{" + _bib_escape(name["literal"]) + "}"

    def part(x: Any) -> str:
        t = _bib_escape(x)
        return "{" + t + "}" if _AND.search(str(x)) else t

    family = " ".join(part(x) for x in (name.get("non-dropping-particle"), name.get("family")) if x)
    return ", ".join(
        x
        for x in (
            family,
            part(name["given"]) if name.get("given") else "",
            part(name["suffix"]) if name.get("suffix") else "",
        )
        if x
    )


def to_bibtex(items: Iterable[dict[str, Any]]) -> str:
    taken: set[str] = set()
    tried: dict[str, int] = {}
    entries = []
    for item in items:
        kind = _BIBTEX_TYPES.get(item.get("type", ""), "misc")
        fields: list[tuple[str, str]] = []
        for role in ("author", "editor", "translator"):  # (translator: biblatex's, which BibTeX styles ignore)
            if item.get(role):
                fields.append((role, " and ".join(_bib_name(n) for n in item[role])))
        container = item.get("container-title")
        simple = {
            "title": item.get("title"),
            "year": year_of(item) or None,
            "journal" if kind == "article" else "booktitle": container,
            "volume": item.get("volume"),
            "number": item.get("issue") or item.get("number"),
            "pages": str(item["page"]).replace("-", "--") if item.get("page") else None,
            "publisher": item.get("publisher"),
            "address": item.get("publisher-place"),
            "edition": item.get("edition"),
            "doi": item.get("DOI"),
            "url": item.get("URL"),
            "series": item.get("collection-title"),
            "type": item.get("genre"),  # ("PhD dissertation", "Paper presentation")
            "origdate": year_of({"issued": item["original-date"]}) if item.get("original-date") else None,
            "eventtitle": item.get("event"),  # (biblatex's, as origdate and venue)
            "venue": item.get("event-place"),
            "note": item.get("note"),
        }
        if kind in ("phdthesis", "techreport") and item.get("publisher"):
            simple["school" if kind == "phdthesis" else "institution"] = simple.pop("publisher")
        fields += [(k, _bib_verbatim(v) if k in _VERBATIM_FIELDS else _bib_escape(v)) for k, v in simple.items() if v]
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
        entries.append(f"@{kind}{{{citation_key(item, taken, tried)},\n{body}\n}}\n")
    return "\n".join(entries)


def to_ris(items: Iterable[dict[str, Any]]) -> str:
    out = []
    for item in items:
        lines = [("TY", _RIS_TYPES.get(item.get("type", ""), "GEN"))]
        lines += [("AU", name_text(n)) for n in item.get("author", [])]
        lines += [("ED", name_text(n)) for n in item.get("editor", [])]
        lines += [("A4", name_text(n)) for n in item.get("translator", [])]  # (A4: the translator, as Zotero reads it)
        for tag, key in (
            ("TI", "title"),
            ("T2", "container-title"),
            ("T3", "collection-title"),
            ("VL", "volume"),
            ("IS", "issue"),
            ("PB", "publisher"),
            ("CY", "publisher-place"),
            ("ET", "edition"),
            ("M3", "genre"),
            ("DO", "DOI"),
            ("UR", "URL"),
            ("N1", "note"),
        ):
            if item.get(key):
                lines.append((tag, str(item[key])))
        if year_of(item):
            lines.append(("PY", year_of(item)))
        if item.get("page"):
            first, _, last = str(item["page"]).partition("-")
            lines.append(("SP", first))
            if last:
                lines.append(("EP", last))
        lines.append(("ER", ""))
        # A RIS value is one line: a line break in a field ("...\nER  -\nTY  - JOUR") would end the record
        # there and start another; RIS has no escape for it, so it becomes a space.
        out.append("\n".join(f"{tag}  - {_one_line(str(val)).strip()}".rstrip() for tag, val in lines) + "\n")
    return "\n".join(out)


def dump(items: list[dict[str, Any]], fmt: str) -> str:
    """``items`` as text in one of FORMATS."""
    if fmt == "csl-json":
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csl-jsonl":
        return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    if fmt == "bibtex":
        return to_bibtex(items)
    if fmt == "ris":
        return to_ris(items)
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
