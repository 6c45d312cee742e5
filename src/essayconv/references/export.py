"""CSL-JSON items out as CSL-JSON, JSON lines, BibTeX or RIS text."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any, Iterable

FORMATS = ("csl-json", "csl-jsonl", "bibtex", "ris")

_BIBTEX_TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article", "article": "article",
    "book": "book", "chapter": "incollection", "paper-conference": "inproceedings", "thesis": "phdthesis",
    "report": "techreport", "webpage": "misc",
}
_RIS_TYPES = {
    "article-journal": "JOUR", "article-magazine": "MGZN", "article-newspaper": "NEWS", "article": "JOUR",
    "book": "BOOK", "chapter": "CHAP", "paper-conference": "CPAPER", "thesis": "THES", "report": "RPRT",
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


def citation_key(item: dict[str, Any], taken: set[str]) -> str:
    """ "jeng2022", made unique within ``taken`` by a letter suffix."""
    names = item.get("author") or item.get("editor") or []
    first = names[0] if names else {}
    base = first.get("family") or first.get("literal") or (item.get("title") or "ref").split()[0]
    base = unicodedata.normalize("NFKD", str(base)).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]", "", base) or "ref"
    key = base + year_of(item)
    out, n = key, 0
    while out in taken:
        out = key + "abcdefghijklmnopqrstuvwxyz"[n % 26] * (n // 26 + 1)
        n += 1
    taken.add(out)
    return out


def _bib_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", str(text))


def to_bibtex(items: Iterable[dict[str, Any]]) -> str:
    taken: set[str] = set()
    entries = []
    for item in items:
        kind = _BIBTEX_TYPES.get(item.get("type", ""), "misc")
        fields: list[tuple[str, str]] = []
        for role in ("author", "editor"):
            if item.get(role):
                fields.append((role, " and ".join(name_text(n) for n in item[role])))
        container = item.get("container-title")
        simple = {
            "title": item.get("title"), "year": year_of(item) or None,
            "journal" if kind == "article" else "booktitle": container,
            "volume": item.get("volume"), "number": item.get("issue") or item.get("number"),
            "pages": str(item["page"]).replace("-", "--") if item.get("page") else None,
            "publisher": item.get("publisher"), "address": item.get("publisher-place"),
            "edition": item.get("edition"), "doi": item.get("DOI"), "url": item.get("URL"),
            "series": item.get("collection-title"), "note": item.get("note"),
        }
        if kind in ("phdthesis", "techreport") and item.get("publisher"):
            simple["school" if kind == "phdthesis" else "institution"] = simple.pop("publisher")
        fields += [(k, str(v)) for k, v in simple.items() if v]
        body = ",\n".join(f"  {k} = {{{_bib_escape(v)}}}" for k, v in fields)
        entries.append(f"@{kind}{{{citation_key(item, taken)},\n{body}\n}}\n")
    return "\n".join(entries)


def to_ris(items: Iterable[dict[str, Any]]) -> str:
    out = []
    for item in items:
        lines = [("TY", _RIS_TYPES.get(item.get("type", ""), "GEN"))]
        lines += [("AU", name_text(n)) for n in item.get("author", [])]
        lines += [("ED", name_text(n)) for n in item.get("editor", [])]
        for tag, key in (("TI", "title"), ("T2", "container-title"), ("T3", "collection-title"), ("VL", "volume"),
                         ("IS", "issue"), ("PB", "publisher"), ("CY", "publisher-place"), ("ET", "edition"),
                         ("DO", "DOI"), ("UR", "URL"), ("N1", "note")):
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
        out.append("\n".join(f"{tag}  - {val}".rstrip() for tag, val in lines) + "\n")
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
