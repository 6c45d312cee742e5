"""CSL-JSON, BibTeX and RIS in, as CSL-JSON items (the other way from export.py): for ``--bibliography refs.bib``.

Parsing is the libraries' (bibtexparser with pylatexenc for LaTeX, rispy for RIS); what is here is the map
of their fields and types onto CSL variables, the one Zotero and citation.js use for the common ones."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from .dates import MONTHS

# What `refs extract` adds to a parse (the entry as written), and what is dropped again when an item is used.
RAW_FIELD = "note"

# BibTeX entry type -> CSL type (an entry type not listed is a "document")
_BIBTEX_TYPES = {
    "article": "article-journal",
    "book": "book",
    "booklet": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "unpublished": "manuscript",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "misc": "document",
}
# BibTeX field -> CSL variable, for fields whose text is taken as it is
_BIBTEX_FIELDS = {
    "title": "title",
    "journal": "container-title",
    "journaltitle": "container-title",
    "booktitle": "container-title",
    "series": "collection-title",
    "volume": "volume",
    "edition": "edition",
    "publisher": "publisher",
    "institution": "publisher",
    "school": "publisher",
    "organization": "publisher",
    "address": "publisher-place",
    "location": "publisher-place",
    "doi": "DOI",
    "url": "URL",
    "isbn": "ISBN",
    "issn": "ISSN",
    "note": "note",
    "abstract": "abstract",
    "language": "language",
    "shorttitle": "title-short",
    "type": "genre",
    "eventtitle": "event",
    "venue": "event-place",
}
_RIS_TYPES = {
    "JOUR": "article-journal",
    "JFULL": "article-journal",
    "MGZN": "article-magazine",
    "NEWS": "article-newspaper",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "CONF": "paper-conference",
    "CPAPER": "paper-conference",
    "THES": "thesis",
    "RPRT": "report",
    "ELEC": "webpage",
    "WEB": "webpage",
    "BLOG": "post-weblog",
    "GOVDOC": "report",
    "UNPB": "manuscript",
}
# rispy key -> CSL variable (the first key present wins for a variable)
_RIS_FIELDS = (
    ("title", "title"),
    ("primary_title", "title"),
    ("secondary_title", "container-title"),
    ("journal_name", "container-title"),
    ("alternate_title3", "container-title"),
    ("volume", "volume"),
    ("number", "issue"),
    ("publisher", "publisher"),
    ("place_published", "publisher-place"),
    ("doi", "DOI"),
    ("edition", "edition"),
    ("issn", "ISSN"),
    ("abstract", "abstract"),
    ("language", "language"),
    ("type_of_work", "genre"),
)


# --------------------------------------------------------------------------------------------
# CSL-JSON (refs format, --bibliography refs.json)
# --------------------------------------------------------------------------------------------


class NotCslJson(ValueError):
    """A file that is not CSL-JSON; the message is one line and names the file."""


def csl_json_items(data: bytes, name: str) -> list[Any]:
    """The items of a CSL-JSON file (an array, one object, or one object per line); anything else, bytes
    that are not UTF-8 (or UTF-16/32 as JSON allows) included, is NotCslJson, one line naming the file."""
    encoding = json.detect_encoding(data)  # UTF-8 unless a BOM or the NULs of UTF-16/32 say otherwise
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise NotCslJson(
            f"{name}: not CSL-JSON: the file is not {encoding.upper()} text (byte "
            f"0x{data[err.start]:02x} at offset {err.start}); save it as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff")
    try:
        parsed = _json_loads(text, name)
    except json.JSONDecodeError as whole:
        parsed = []
        for n, line in enumerate(text.splitlines(), start=1):  # JSON lines: one item a line
            if not line.strip():
                continue
            try:
                parsed.append(_json_loads(line, f"{name}:{n}"))
            except json.JSONDecodeError as err:
                where, why = (name, whole) if text.lstrip().startswith("[") else (f"{name}:{n}", err)
                raise NotCslJson(f"{where}: not CSL-JSON: {why}") from None
    return parsed if isinstance(parsed, list) else [parsed]


def _json_loads(text: str, where: str) -> Any:
    """``json.loads``, its JSONDecodeError left to the caller; whatever else the parser raises (nesting
    deeper than the recursion limit, a number of too many digits) is a one-line error naming ``where``."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise NotCslJson(f"{where}: not CSL-JSON: arrays or objects nested too deeply") from None
    except ValueError as err:  # "Exceeds the limit (4300 digits) ...; use sys.set_int_max_str_digits() ..."
        raise NotCslJson(f"{where}: not CSL-JSON: {str(err).split(';')[0]}") from None


# --------------------------------------------------------------------------------------------
# BibTeX
# --------------------------------------------------------------------------------------------


# bibtexparser logs each block it cannot parse, over several lines: bibtex_items's one-line error says it
# (a handler of its own keeps the log from Python's last-resort handler, the terminal)
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())


def bibtex_items(text: str) -> list[dict[str, Any]]:
    """The entries of a BibTeX file as CSL-JSON items; ValueError (one line) for a file it cannot read."""
    import bibtexparser
    from bibtexparser import middlewares

    # names split while their braces still mark organisations ("{World Health Organization}")
    library = bibtexparser.parse_string(
        text, append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()]
    )
    if not library.entries:
        raise ValueError(f"not BibTeX ({_first_failure(library.failed_blocks)})")
    if library.failed_blocks:  # an entry the user wrote would be left out without a word
        raise ValueError(_first_failure(library.failed_blocks))
    return [_bibtex_item(entry) for entry in library.entries]


def _first_failure(failed: list[Any]) -> str:
    """Where and why the first block bibtexparser could not read failed ("line 1: unexpectedly reached end of
    file", "line 5: duplicate entry key 'a'")."""
    if not failed:
        return "no entry found"
    block = failed[0]
    error = getattr(block, "error", None)
    # a block cut short says why in abort_reason; a duplicate key or field, in its message's first sentence
    reason = str(getattr(error, "abort_reason", "") or (error.args[0] if error and error.args else ""))
    reason = reason.split(". ")[0].strip().rstrip(".")
    where = f"line {block.start_line + 1}"
    return f"{where}: {reason[:1].lower() + reason[1:]}" if reason else where


def _bibtex_item(entry: Any) -> dict[str, Any]:
    fields = {f.key.lower(): f.value for f in entry.fields}
    item: dict[str, Any] = {"id": entry.key, "type": _BIBTEX_TYPES.get(entry.entry_type.lower(), "document")}
    for key, variable in _BIBTEX_FIELDS.items():
        if isinstance(fields.get(key), str) and variable not in item:
            item[variable] = _latex(fields[key])
    for role in ("author", "editor", "translator"):
        if isinstance(fields.get(role), list):
            item[role] = [_bibtex_name(n) for n in fields[role]]
    number = fields.get("number")
    if isinstance(number, str):
        item["issue" if item["type"].startswith("article") else "number"] = _latex(number)
    if isinstance(fields.get("pages"), str):
        item["page"] = re.sub(r"\s*-+\s*|–", "-", _latex(fields["pages"]))
    _put_dates(
        item, _date(fields.get("date") or fields.get("year"), fields.get("month")), _date(fields.get("urldate"), None)
    )
    original = _date(fields.get("origdate"), None)
    if original:
        item["original-date"] = original
    return item


def _bibtex_name(parts: Any) -> dict[str, str]:
    last = " ".join(parts.last)
    if not parts.first and not parts.von and last.startswith("{") and last.endswith("}"):
        return {"literal": _latex(last)}  # braced whole: an organisation, never split
    name = {"family": _latex(last), "given": _latex(" ".join(parts.first))}
    if parts.von:
        name["non-dropping-particle"] = _latex(" ".join(parts.von))
    if parts.jr:
        name["suffix"] = _latex(" ".join(parts.jr))
    return {k: v for k, v in name.items() if v}


def _latex(text: str) -> str:
    """LaTeX to plain Unicode text (``M{\\"u}ller`` -> "Müller", ``\\&`` -> "&", braces dropped)."""
    if "\\" not in text and "{" not in text and "$" not in text:
        return " ".join(text.split())
    from pylatexenc.latex2text import LatexNodes2Text

    return " ".join(LatexNodes2Text().latex_to_text(text).split())


# --------------------------------------------------------------------------------------------
# RIS
# --------------------------------------------------------------------------------------------


def ris_items(text: str) -> list[dict[str, Any]]:
    """The records of a RIS file as CSL-JSON items; ValueError (one line) for a file it cannot read."""
    import rispy

    try:
        records = rispy.loads(text, skip_unknown_tags=True)
    except (OSError, ValueError) as err:
        raise ValueError(f"not RIS ({err})") from None
    if not records and text.strip():
        raise ValueError("not RIS (no record found)")
    unclosed = _unclosed_ris_record(text)
    if unclosed:  # rispy leaves such a record out: the user's item would be lost without a word
        raise ValueError(f"line {unclosed}: a record that no 'ER  -' line ends")
    return [_ris_item(n, record) for n, record in enumerate(records, start=1)]


_RIS_TAG = re.compile(r"^(TY|ER)  -")


def _unclosed_ris_record(text: str) -> int | None:
    """The line of the first record ("TY  - ") that the next record or the file's end reaches before its
    "ER  - " line; None when every record is closed."""
    opened = None
    for n, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        m = _RIS_TAG.match(line)
        if m and m.group(1) == "TY":
            if opened is not None:
                return opened
            opened = n
        elif m:
            opened = None
    return opened


def _ris_item(n: int, record: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": str(record.get("id") or f"ris{n}"),
        "type": _RIS_TYPES.get(str(record.get("type_of_reference", "")).upper(), "document"),
    }
    for key, variable in _RIS_FIELDS:
        value = record.get(key)
        if isinstance(value, str) and value.strip() and variable not in item:
            item[variable] = value.strip()
    roles = (("authors", "author"), ("first_authors", "author"), ("secondary_authors", "editor"))
    for key, role in (*roles, ("subsidiary_authors", "translator")):  # (A4, as Zotero writes a translator)
        names = record.get(key)
        if isinstance(names, list) and names and role not in item:
            item[role] = [_ris_name(x) for x in names if isinstance(x, str) and x.strip()]
    first, last = record.get("start_page"), record.get("end_page")
    if first:
        item["page"] = f"{first}-{last}" if last else str(first)
    urls = record.get("urls")
    if isinstance(urls, list) and urls:
        item["URL"] = urls[0]
    issued = _date(record.get("year") or record.get("publication_year") or record.get("date"), None)
    _put_dates(item, issued, _date(record.get("access_date"), None))
    return item


def _ris_name(text: str) -> dict[str, str]:
    """RIS writes "Family, Given" (a name without a comma is an organisation)."""
    family, comma, given = text.partition(",")
    if not comma:
        return {"literal": text.strip()}
    return {"family": family.strip(), "given": given.strip(" ,")} if given.strip(" ,") else {"family": family.strip()}


# --------------------------------------------------------------------------------------------
# Dates: "2020", "2020-03-05", "2020/03/05/", with a BibTeX month ("mar", "3", "March")
# --------------------------------------------------------------------------------------------


def _put_dates(item: dict[str, Any], issued: dict[str, Any] | None, accessed: dict[str, Any] | None) -> None:
    for variable, value in (("issued", issued), ("accessed", accessed)):
        if value:
            item[variable] = value


def _date(value: Any, month: Any) -> dict[str, Any] | None:
    if not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4})(?:[-/](\d{1,2}))?(?:[-/](\d{1,2}))?", value)
    if not m:
        return {"literal": value.strip()} if value.strip() else None
    parts = [int(m.group(1))]
    mon = int(m.group(2)) if m.group(2) else _month(month)
    if mon and 1 <= mon <= 12:
        parts.append(mon)
        if m.group(3) and 1 <= int(m.group(3)) <= 31:
            parts.append(int(m.group(3)))
    return {"date-parts": [parts]}


def _month(value: Any) -> int | None:
    if not isinstance(value, str):
        return None
    key = value.strip().lower().rstrip(".")
    return int(key) if key.isdigit() else MONTHS.get(key)


def reference_of(item: dict[str, Any]) -> Any:
    """A Reference made from a user's CSL item (cited by key: Markdown's "[@key]", a Zotero field): its id
    the item's id, case folded as citation keys are; its raw text what messages show of it."""
    from ..model import Reference

    key = str(item["id"]).casefold()
    raw = item.get(RAW_FIELD)
    if not isinstance(raw, str):  # "Putnam (2000). Bowling alone"
        names = item.get("author") or item.get("editor") or []
        first = names[0] if isinstance(names, list) and names and isinstance(names[0], dict) else {}
        issued = item.get("issued")
        parts = issued.get("date-parts") if isinstance(issued, dict) else None
        year = str(parts[0][0]) if parts and isinstance(parts[0], list) and parts[0] else ""
        raw = " ".join(
            x
            for x in (
                str(first.get("family") or first.get("literal") or ""),
                f"({year})." if year else "",
                str(item.get("title") or key),
            )
            if x
        )
    return Reference(key, raw, {**{k: v for k, v in item.items() if k != RAW_FIELD}, "id": key})
