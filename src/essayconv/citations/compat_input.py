"""CSL-JSON prepared for citeproc-py: the shapes it crashes on made safe, and field text as
citeproc-js reads it (typographic apostrophes, quotation and rich-text markers)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..references.dates import is_undated
from .compat_text import (
    COMMA_SUFFIX,
    CURLY_CLOSE,
    CURLY_OPEN,
    DATA_PUNCT,
    DATA_QUOTE_CLOSE,
    DATA_QUOTE_OPEN,
    lazy_pattern,
)
from .markers import (
    B_CLOSE,
    B_OPEN,
    I_CLOSE,
    I_OPEN,
    MARK_FIRST,
    NOCASE_CLOSE,
    NOCASE_OPEN,
    NORMAL_CLOSE,
    NORMAL_OPEN,
    PRIVATE_USE,
    SC_CLOSE,
    SC_OPEN,
    SUB_CLOSE,
    SUB_OPEN,
    SUP_CLOSE,
    SUP_OPEN,
)

# --------------------------------------------------------------------------------------------
# Input preparation
# --------------------------------------------------------------------------------------------

_DATE_VARS = {"accessed", "container", "event-date", "issued", "original-date", "submitted", "available-date"}
_ISO_DATE = lazy_pattern(r"^\s*(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def _int_or_none(v: Any) -> int | None:
    try:
        return int(str(v).strip())
    except (TypeError, ValueError):
        return None


# in a date prepare_date returns: the season of a range's end, which citeproc-py's reader cannot take
# (csl.Session takes it off with take_end_seasons and sets it after the item is read)
END_SEASON = "essayconv-end-season"


def prepare_date(value: Any) -> dict[str, Any] | None:
    """A CSL date in any of the forms seen in the wild -> {"date-parts": [[y, m, d]]} or literal.

    citeproc-py crashes on string dates ("2020-05"), string parts (["2020"]), empty parts and
    "raw" dates; citeproc-js accepts them all."""
    value = _date_mapping(value)
    if value is None:
        return None
    out: dict[str, Any] = {}
    ranges = _date_part_ranges(value.get("date-parts"))
    if not ranges:
        ranges = _raw_date_ranges(value, out)
    if ranges:
        _set_date_parts(out, ranges)
    if value.get("circa"):
        out["circa"] = 1
    if "season" in value and "season" not in out:
        out["season"] = value["season"]
    return out or None


def _date_mapping(value: Any) -> Mapping[str, Any] | None:
    """The date as a mapping: a string or number ("2020-05", 2020) is read as a raw date; nothing for
    an empty value or any other shape."""
    if value is None or value == "":
        return None
    if isinstance(value, (str, int)):
        return {"raw": str(value)}
    return value if isinstance(value, Mapping) else None


def _date_part_ranges(parts_in: Any) -> list[list[int]]:
    """The one or two ends of "date-parts" as numbers: string parts ("2020") read as numbers, a part
    that is not a number (or a 0 after the year) ends its end; an end without a year is dropped, unless
    it is a range's second end."""
    ranges: list[list[int]] = []
    if not isinstance(parts_in, list):
        return ranges
    for part in parts_in[:2]:
        if not isinstance(part, list):
            continue
        nums = _leading_numbers(part[:3])
        if nums and nums[0] != 0 or (nums and len(ranges) == 1):
            ranges.append(nums)
    return ranges


def _leading_numbers(part: list[Any]) -> list[int]:
    """The numbers a date part starts with, up to the first that is not one (or a 0 after the first)."""
    nums: list[int] = []
    for p in part:
        n = _int_or_none(p)
        if n is None or (nums and n == 0):
            break
        nums.append(n)
    return nums


def _raw_date_ranges(value: Mapping[str, Any], out: dict[str, Any]) -> list[list[int]]:
    """A date without parts: a "raw" date that starts as an ISO date ("2020-05-17") gives its parts;
    any other raw or "literal" text is kept in ``out`` as the literal date."""
    raw = value.get("raw") or value.get("literal")
    if not raw or is_undated(str(raw)):
        return []  # ("n.d.": no date; the style prints its own term for one, or nothing)
    m = _ISO_DATE.match(str(raw))
    if m and value.get("raw"):
        return [[int(g) for g in m.groups() if g is not None]]
    out["literal"] = str(raw)
    return []


def _set_date_parts(out: dict[str, Any], ranges: list[list[int]]) -> None:
    """Set the cleaned parts in ``out`` with the seasons their months stand for; a range whose two ends
    are the same (and in the same season) is one date."""
    cleaned, seasons = zip(*(_clean_date_end(r) for r in ranges))
    if len(cleaned) == 2 and cleaned[1] == cleaned[0] and seasons[1] in (None, seasons[0]):
        cleaned, seasons = cleaned[:1], seasons[:1]
    if seasons[0] is not None:
        out["season"] = seasons[0]
    if len(seasons) == 2 and seasons[1] is not None and seasons[1] != seasons[0]:
        # citeproc-py gives both ends of a range the date's one season: the end's own is
        # set after the item is read (csl.Session)
        out[END_SEASON] = seasons[1]
    out["date-parts"] = list(cleaned)


def _clean_date_end(r: list[int]) -> tuple[list[int], int | None]:
    """One end of a date without the parts citeproc-py cannot read, and the season it names: a month
    outside 1..12 is dropped with the day that follows it; 13..24 stand for the seasons (21..24 in CSL;
    citeproc-js reads 13..20 the same way, 17 as spring again); a day outside 1..31 is dropped."""
    season = None
    if len(r) > 1 and not 1 <= r[1] <= 12:
        if 13 <= r[1] <= 24:
            season = (r[1] - 13) % 4 + 1
        r = r[:1]
    if len(r) > 2 and not 1 <= r[2] <= 31:
        r = r[:2]
    return r, season


def prepare_names(value: Any) -> list[dict[str, str]]:
    """Names as citeproc-py accepts them: dicts with string parts, no unknown keys."""
    allowed = {"family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal"}
    out: list[dict[str, str]] = []
    if isinstance(value, Mapping):
        value = [value]
    if not isinstance(value, list):
        return out
    for n in value:
        if isinstance(n, str):
            n = {"literal": n}
        if not isinstance(n, Mapping):
            continue
        d = {
            k: _superscripts(str(v).replace("'", "\u2019"))
            for k, v in n.items()
            if k in allowed and v not in (None, "")
        }
        for part in ("literal", "family"):
            if "<" in d.get(part, ""):
                # rich-text tags, as in other field data ("Center <sup>for</sup> History"); not
                # in given names, whose initials are taken letter by letter
                d[part] = _DATA_TAGS.sub(lambda m: _DATA_TAG_MARKERS[m.group(0).lower()], d[part])
        if "literal" in d:
            d = {"literal": d["literal"]}
        elif "family" not in d and "given" in d:
            d = {"literal": d["given"]}
        else:
            if "given" in d and "suffix" not in d and "family" in d and "," in d["given"]:
                # citeproc-js reads "John, III" as a given name and a suffix ("John Doe III");
                # "John,! Jr." asks for a comma before the suffix ("John Doe, Jr.")
                given, _, suffix = d["given"].rpartition(",")
                comma = suffix.startswith("!")
                suffix = suffix.lstrip("!").strip()
                if given.strip() and suffix:
                    d["given"], d["suffix"] = given.strip(), (COMMA_SUFFIX if comma else "") + suffix
            elif "suffix" in d and n.get("comma-suffix") and not d["suffix"].startswith(COMMA_SUFFIX):
                d["suffix"] = COMMA_SUFFIX + d["suffix"]
            if "non-dropping-particle" not in d and "family" in d:
                # "de la Chapelle": lower-case leading words are a particle (citeproc-js parses them)
                m = re.match(r"^((?:[a-z\u00e0-\u00ff]+[\s\u00a0]+)+)(\S.*)$", d["family"])
                if m and m.group(2)[:1].isupper():
                    d["non-dropping-particle"] = m.group(1).strip()
                    d["family"] = m.group(2)
        if d:
            out.append(d)
    return out


_VERBATIM = {"URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "language", "citation-key", "id"}
_PUA = lazy_pattern(f"[{PRIVATE_USE}]")


def _strip_pua(value: str) -> str:
    """``value`` without private-use characters; the pattern (slow to compile: a 6,400-character
    class) only for text that has a character that high."""
    return _PUA.sub("", value) if value and max(value) >= MARK_FIRST else value


def prepare_text(value: str) -> str:
    """Field text as citeproc-js sees it: no private-use characters (our markers), typographic
    apostrophes, and quotation marks as markers so that the renderer can nest them."""
    # (each pattern below needs a character that most field text lacks: "<", a quotation mark;
    # looking for it first skips the pattern, and its compilation in a run that never needs it)
    value = _strip_pua(value)
    nocase = False
    if "<" in value:
        # the rich-text tags CSL-JSON allows in field values (citeproc-js renders them)
        value = _DATA_TAGS.sub(lambda m: _DATA_TAG_MARKERS[m.group(0).lower().replace(" ", "")], value)
        value = _SMALL_CAPS_SPAN.sub(lambda m: SC_OPEN + m.group(1) + SC_CLOSE, value)
        # <span class="nodecor">: the text sheds the formatting around it ("Lessard v. Schmidt")
        value = _NODECOR_SPAN.sub(lambda m: NORMAL_OPEN + m.group(1) + NORMAL_CLOSE, value)
        # <span class="nocase"> is read by citeproc-py's JSON source (no text-case inside): hide its
        # quotation marks from the quote handling below and restore the tag afterwards
        nocase = _NOCASE_SPAN.search(value) is not None
        if nocase:
            value = _NOCASE_SPAN.sub(lambda m: _NOCASE_OPEN + m.group(1) + _NOCASE_CLOSE, value)
    if '"' in value:
        value = _STRAIGHT_PAIR.sub(lambda m: DATA_QUOTE_OPEN + m.group(1) + DATA_QUOTE_CLOSE, value)
    if "\u201c" in value:
        value = _CURLY_PAIR.sub(lambda m: CURLY_OPEN + m.group(1) + CURLY_CLOSE, value)
    if "'" in value:
        # a 'single-quoted phrase' (an opening quote at a word start, a closing one before a space
        # or punctuation) is a quotation too; every other straight apostrophe is typographic
        value = _SINGLE_PAIR.sub(lambda m: m.group(1) + DATA_QUOTE_OPEN + m.group(2) + DATA_QUOTE_CLOSE, value)
    if DATA_QUOTE_CLOSE in value or CURLY_CLOSE in value:
        # punctuation typed after a quotation is the author's: punctuation-in-quote never moves it
        value = _PUNCT_AFTER_QUOTE.sub(lambda m: m.group(1) + DATA_PUNCT + m.group(2), value)
    value = value.replace("'", "\u2019")
    if nocase:
        value = value.replace(_NOCASE_OPEN, '<span class="nocase">').replace(_NOCASE_CLOSE, "</span>")
    return _superscripts(value)


# placeholders outside the private-use range our markers use (removed again before rendering)
_NOCASE_OPEN, _NOCASE_CLOSE = NOCASE_OPEN, NOCASE_CLOSE
_NOCASE_SPAN = lazy_pattern(r"""<span\s+class\s*=\s*["']nocase["']\s*>(.*?)</span>""", re.I | re.S)
_NODECOR_SPAN = lazy_pattern(r"""<span\s+class\s*=\s*["']nodecor["']\s*>(.*?)</span>""", re.I | re.S)
_SMALL_CAPS_SPAN = lazy_pattern(
    r"""<span\s+style\s*=\s*["']font-variant:\s*small-caps;?["']\s*>(.*?)</span>""", re.I | re.S
)


def _superscripts(value: str) -> str:
    """Superscript digits in data become superscript runs, as citeproc-js does."""
    if not value or max(value) < "\u00b2":  # (below the lowest of them: most text)
        return value
    return _SUPERSCRIPTS.sub(lambda m: SUP_OPEN + _SUPERSCRIPT_MAP[m.group(0)] + SUP_CLOSE, value)


# (compiled here rather than looked up in re's cache on each of the many calls)
_STRAIGHT_PAIR = lazy_pattern(r'"([^"]*)"')
_CURLY_PAIR = lazy_pattern("\u201c([^\u201c\u201d]*)\u201d")
_PUNCT_AFTER_QUOTE = lazy_pattern(f"([{DATA_QUOTE_CLOSE}{CURLY_CLOSE}])([.,])")
# (an apostrophe between letters inside is no closing quote: "'Nobody Knows You're a Dog'")
_SINGLE_PAIR = lazy_pattern(r"(^|[\s(\[])'(\w(?:[^']|(?<=\w)'(?=\w))*?[^\s'])'(?=[\s.,;:!?)\]]|$)")

_DATA_TAG_MARKERS = {
    "<i>": I_OPEN,
    "</i>": I_CLOSE,
    "<b>": B_OPEN,
    "</b>": B_CLOSE,
    "<sc>": SC_OPEN,
    "</sc>": SC_CLOSE,
    "<sup>": SUP_OPEN,
    "</sup>": SUP_CLOSE,
    "<sub>": SUB_OPEN,
    "</sub>": SUB_CLOSE,
}
_DATA_TAGS = lazy_pattern(r"</?(?:i|b|sc|sup|sub)>", re.I)

_SUPERSCRIPT_MAP = {
    "\u00b9": "1",
    "\u00b2": "2",
    "\u00b3": "3",
    "\u2070": "0",
    "\u2074": "4",
    "\u2075": "5",
    "\u2076": "6",
    "\u2077": "7",
    "\u2078": "8",
    "\u2079": "9",
}
_SUPERSCRIPTS = lazy_pattern("[" + "".join(_SUPERSCRIPT_MAP) + "]")


@lru_cache(maxsize=1)
def _name_variables() -> frozenset[str]:
    """The engine's name variables (citeproc's and CSL 1.0.2's) with hyphens."""
    from .engine import NAMES

    return frozenset(n.replace("_", "-") for n in NAMES)


def truncated_names(item: Mapping[str, Any]) -> frozenset[str]:
    """The name variables (CSL's spelling, "container-author") the item's source wrote cut short
    ("Vetter, J., et al."): the CSL-JSON ``"custom": {"et-al": [...]}`` the reference parser sets."""
    custom = item.get("custom")
    etal = custom.get("et-al") if isinstance(custom, Mapping) else None
    etal = [etal] if isinstance(etal, str) else etal if isinstance(etal, (list, tuple)) else []
    names = _name_variables()
    return frozenset(v for v in etal if isinstance(v, str) and v in names)


def take_end_seasons(prepared: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """Take prepare_date's END_SEASON off the prepared items' dates: (item key, variable) -> season."""
    out = {}
    for p in prepared:
        for var, d in p.items():
            if isinstance(d, dict) and END_SEASON in d:
                out[str(p["id"]).lower(), var.replace("-", "_")] = d.pop(END_SEASON)
    return out


def prepare_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a CSL-JSON item that citeproc-py can render without crashing."""
    names = _name_variables()
    out: dict[str, Any] = {}
    for key, value in item.items():
        if value is None or value == "" or value == []:
            continue
        if key in ("id", "type"):
            out[key] = str(value)
        elif key in _DATE_VARS:
            d = prepare_date(value)
            if d is not None:
                out[key] = d
        elif key in names:
            ns = prepare_names(value)
            if ns:
                out[key] = ns
        elif isinstance(value, (str, int, float)):
            out[key] = prepare_text(str(value)) if key not in _VERBATIM else _strip_pua(str(value))
    out.setdefault("type", "article")
    for alias, key in _SHORT_ALIASES:
        if alias in out and key not in out:
            out[key] = out.pop(alias)  # the short forms under their Zotero names (citeproc-js reads both)
    return out


_SHORT_ALIASES = (("journalAbbreviation", "container-title-short"), ("shortTitle", "title-short"))
