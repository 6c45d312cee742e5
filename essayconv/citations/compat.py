"""Compatibility layer that makes citeproc-py 0.11.1 render like citeproc-js.

Two mechanisms, both scoped to essayconv:
- element subclasses (``ELEMENT_CLASSES``) that our own XML parser instantiates for CSL elements,
  so the fixes apply only to styles loaded through ``make_parser`` (never to other citeproc users);
- input preparation (``prepare_item``) that turns CSL-JSON citeproc-py would crash on into the
  shapes it supports.
Each fix names the citeproc-js behaviour it reproduces; tests are in tests/test_citations_compat.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from citeproc import model as cm
from lxml import etree

CSL_NS = "http://purl.org/net/xbiblio/csl"

# tag name -> subclass of the citeproc element class with the same name (filled below)
ELEMENT_CLASSES: dict[str, type] = {}


def make_parser() -> etree.XMLParser:
    """An lxml parser that builds citeproc elements (with our subclasses) and trusts nothing."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = cm.CitationStylesElement
    for cls in cm.CitationStylesElement.__subclasses__():
        namespace[cls.__name__.replace("_", "-").lower()] = cls
    namespace.update(ELEMENT_CLASSES)
    parser = etree.XMLParser(
        remove_comments=True, encoding="UTF-8", no_network=True, resolve_entities=False, load_dtd=False
    )
    parser.set_element_class_lookup(lookup)
    return parser


# --------------------------------------------------------------------------------------------
# Conditions
# --------------------------------------------------------------------------------------------

DISAMBIGUATE_FLAG = "essayconv_disambiguate"  # set on a CitationItem whose cite is ambiguous


class _ConditionMixin:
    """cs:if / cs:else-if with ``disambiguate`` evaluated (citeproc-py treats it as always true).

    citeproc-js renders a ``disambiguate="true"`` branch only for a citation that would otherwise
    look like another item's (MLA adds the title only when two works share an author)."""

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        results: list[bool] = []
        a = self.attrib  # type: ignore[attr-defined]
        if "type" in a:
            results += self._type(item)  # type: ignore[attr-defined]
        if "variable" in a:
            results += self._variable(item)  # type: ignore[attr-defined]
        if "is-numeric" in a:
            results += [bool(r) for r in self._is_numeric(item)]  # type: ignore[attr-defined]
        if "is-uncertain-date" in a:
            results += self._is_uncertain_date(item)  # type: ignore[attr-defined]
        if "locator" in a:
            results += self._locator(item)  # type: ignore[attr-defined]
        if "position" in a:
            results += self._position(item, context)  # type: ignore[attr-defined]
        if "disambiguate" in a:
            flagged = bool(item.get(DISAMBIGUATE_FLAG, False)) if hasattr(item, "get") else False
            results.append(flagged == (a["disambiguate"] == "true"))
        match = a.get("match", "all")
        if match == "any":
            ok = any(results)
        elif match == "none":
            ok = not any(results)
        else:
            ok = all(results)
        if not ok:
            raise cm.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)  # type: ignore[attr-defined]


class If(_ConditionMixin, cm.If):
    pass


class ElseIf(_ConditionMixin, cm.Else_If):
    pass


ELEMENT_CLASSES["if"] = If
ELEMENT_CLASSES["else-if"] = ElseIf


# --------------------------------------------------------------------------------------------
# Text case
# --------------------------------------------------------------------------------------------

# citeproc-js's stop words for text-case="title" (prepositions, articles, conjunctions, particles)
SKIP_WORDS = frozenset(
    """about above across afore after against al along alongside amid amidst among amongst anenst apropos apud
    around as aside astride at athwart atop barring before behind below beneath beside besides between beyond
    but by circa despite down during et except for forenenst from given in inside into lest like modulo near
    next notwithstanding of off on onto out over per plus pro qua sans since than through thru throughout
    thruout till to toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with
    within without or yet so and nor a an the de d' von van c ca à""".split()
)
# what separates words for title case: punctuation, quotes, brackets, dashes, formatting markers
_CASE_TAG = re.compile(r"([\u2018\u2019\u201c\u201d\"'\-/.,;?!:\[\]()\u2013\u2014\ue000-\ue0ff]+)")
_OPEN_QUOTES = ("\u201c", "\u2018")
_CLOSE_QUOTES = ("\u201d", "\u2019", "'", '"')


def _capitalise(word: str) -> str:
    if not word:
        return word
    first = word[0]
    if "\u0370" <= first <= "\u03ff" and len(word) == 1:
        return word  # a lone Greek letter is a symbol, not a word
    return first.upper() + word[1:]


def title_case(text: str) -> str:
    """citeproc-js's text-case="title": capitalise every word except stop words (the first and
    last word and a word after ":", "?" or "!" always), split at punctuation and dashes; words
    with capitals inside ("cDNA", "iPhone") and words after an apostrophe keep their case."""
    parts = _CASE_TAG.split(text)
    is_first = True
    after_punct = False
    last: tuple[int, int] | None = None
    quote_depth = 0
    keep_next = False
    out: list[str] = []
    for i, part in enumerate(parts):
        if i % 2 == 1:  # a tag
            if re.search("[!?:]$", re.sub("[\ue000-\ue0ff]", "", part)):
                after_punct = True
            if any(q in part for q in _OPEN_QUOTES):
                quote_depth += 1
            elif "\u2019" in part or "'" in part:
                # an apostrophe (a closing quote nothing opened): the next word keeps its case
                if quote_depth:
                    quote_depth -= 1
                elif not part.endswith(("(", "[")):
                    keep_next = True
            out.append(part)
            continue
        words = part.split(" ")
        for j, w in enumerate(words):
            if not w:
                continue
            if keep_next and j == 0:
                keep_next = False
            elif any(ch.isupper() for ch in w[1:]):
                pass
            elif w.lower() not in SKIP_WORDS or is_first or after_punct:
                words[j] = _capitalise(w)
            is_first = False
            after_punct = False
            last = (len(out), j)
        keep_next = False
        out.append(" ".join(words))
    if last is not None:
        idx, j = last
        words = out[idx].split(" ")
        w = words[j]
        if not any(ch.isupper() for ch in w[1:]):
            words[j] = _capitalise(w)
        out[idx] = " ".join(words)
    return "".join(out)


def _apply_to_parts(text: Any, fn: Any) -> Any:
    """Apply a str -> str case function to citeproc text, leaving NoCase parts alone."""
    from citeproc.string import MixedString, NoCase, String

    if isinstance(text, MixedString):
        parts = list(text)
        joined = "".join(str(p) if not isinstance(p, NoCase) else "\ue0fe" * len(p) for p in parts)
        cased = fn(joined)
        out = []
        pos = 0
        for p in parts:
            n = len(str(p))
            out.append(p if isinstance(p, NoCase) else String(cased[pos : pos + n]))
            pos += n
        return MixedString(out)
    if isinstance(text, NoCase):
        return text
    return type(text)(fn(str(text))) if isinstance(text, String) else fn(str(text))


def _capitalize_first(text: str) -> str:
    for i, ch in enumerate(text):
        if "\ue000" <= ch <= "\ue0ff" or ch.isspace():
            continue
        return text[:i] + ch.upper() + text[i + 1 :]
    return text


class _CaseMixin:
    """text-case as citeproc-js applies it (citeproc-py: no capital after a hyphen or "(", a short
    stop-word list, "arXiv" -> "ArXiv", formatting markers counted as letters)."""

    def case(self, text: Any, language: str | None = None) -> Any:
        text_case = self.get("text-case")  # type: ignore[attr-defined]
        if text_case is None or text is None:
            return text
        if text_case == "title":
            if language not in (None, "en"):
                return text
            return _apply_to_parts(text, title_case)
        if text_case == "capitalize-first":
            return _apply_to_parts(text, _capitalize_first)
        if text_case == "capitalize-all":
            return _apply_to_parts(text, lambda s: " ".join(_capitalize_first(w) for w in s.split(" ")))
        if text_case == "sentence":
            return _apply_to_parts(text, _sentence_case)
        return super().case(text, language)  # type: ignore[misc]


def _sentence_case(s: str) -> str:
    words = s.split(" ")
    out = []
    first = True
    for w in words:
        if not w:
            out.append(w)
            continue
        if first:
            out.append(_capitalize_first(w.lower() if w.isupper() and len(w) > 1 and s.isupper() else w))
            first = False
        else:
            out.append(w.lower() if s.isupper() else w)
    return " ".join(out)


class Text(_CaseMixin, cm.Text):
    pass


class DatePart(_CaseMixin, cm.Date_Part):
    pass


class Number(_CaseMixin, cm.Number):
    pass


class Label(_CaseMixin, cm.Label):
    pass


class NamePart(_CaseMixin, cm.Name_Part):
    pass


ELEMENT_CLASSES.update({"text": Text, "date-part": DatePart, "number": Number, "label": Label, "name-part": NamePart})


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

_INITIAL = re.compile(r"^[A-Z\u00c0-\u00de]$")
_GIVEN_TOKEN = re.compile(r"([^\s.\-\u2010]+)(\.?)(\s*[-\u2010]\s*)?")


def initials_only(given: str, mark: str) -> str:
    """initialize="false": full given names stay; existing initials are normalised
    ("A. C" -> "A. C.", "J.L" -> "J. L.", "G-Q" -> "G. Q.", "PA" stays "PA")."""
    out = ""
    for m in _GIVEN_TOKEN.finditer(given):
        tok, hyphen = m.group(1), m.group(3)
        if _INITIAL.match(tok):
            out += tok + mark
        else:
            out += tok + ("-" if hyphen else " ")
    return out.rstrip()


class Name(cm.Name):
    """cs:name with initialize="false" honoured (citeproc-py always initialises when
    initialize-with is set) and options inherited from cs:style as CSL 1.0.1 allows."""

    def _initialize_enabled(self, context: Any) -> bool:
        value = self.get("initialize")
        if value is None:
            ctx = context if context is not None else self
            parents = ctx.xpath_search("./ancestor::*[self::cs:citation or self::cs:bibliography][1]")
            for el in (*parents, self.get_root()):
                if el.get("initialize") is not None:
                    value = el.get("initialize")
                    break
        return (value or "true").lower() != "false"

    def initialize(self, given: str, mark: str, context: Any) -> str:  # type: ignore[override]
        if not self._initialize_enabled(context):
            return initials_only(given, mark)
        return super().initialize(given, mark, context)  # type: ignore[no-any-return]


ELEMENT_CLASSES["name"] = Name


# --------------------------------------------------------------------------------------------
# Output post-processing (on formatter-marked text)
# --------------------------------------------------------------------------------------------

_MARK = "[\ue000-\ue0ff]*"
_PIQ = re.compile(f"(”|’)({_MARK})([.,])")


def punctuation_in_quote(marked: str) -> str:
    """en-US: a period or comma that follows a closing quote moves inside it ("“Title,”")."""

    def move(m: re.Match[str]) -> str:
        quote, marks, punct = m.group(1), m.group(2), m.group(3)
        return punct + quote + marks

    out = _PIQ.sub(lambda m: move(m) if m.group(1) == "”" else m.group(0), marked)
    # a closing single quote counts only when an opening one precedes it (else it is an apostrophe)
    if "‘" in out:
        out = re.sub(f"(‘[^’]*)(’)({_MARK})([.,])", lambda m: m.group(1) + m.group(4) + m.group(2) + m.group(3), out)
    return out


def finish(marked: str, piq: bool) -> str:
    """Fixes applied to every rendered citation and entry."""
    if piq:
        marked = punctuation_in_quote(marked)
    return marked


# --------------------------------------------------------------------------------------------
# Input preparation
# --------------------------------------------------------------------------------------------

_DATE_VARS = {"accessed", "container", "event-date", "issued", "original-date", "submitted", "available-date"}
_ISO_DATE = re.compile(r"^\s*(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def _int_or_none(v: Any) -> int | None:
    try:
        return int(str(v).strip())
    except (TypeError, ValueError):
        return None


def prepare_date(value: Any) -> dict[str, Any] | None:
    """A CSL date in any of the forms seen in the wild -> {"date-parts": [[y, m, d]]} or literal.

    citeproc-py crashes on string dates ("2020-05"), string parts (["2020"]), empty parts and
    "raw" dates; citeproc-js accepts them all."""
    if value is None or value == "":
        return None
    if isinstance(value, (str, int)):
        value = {"raw": str(value)}
    if not isinstance(value, Mapping):
        return None
    out: dict[str, Any] = {}
    parts_in = value.get("date-parts")
    ranges: list[list[int]] = []
    if isinstance(parts_in, list):
        for part in parts_in[:2]:
            if not isinstance(part, list):
                continue
            nums: list[int] = []
            for p in part[:3]:
                n = _int_or_none(p)
                if n is None or (nums and n == 0):
                    break
                nums.append(n)
            if nums and nums[0] != 0 or (nums and len(ranges) == 1):
                ranges.append(nums)
    if not ranges:
        raw = value.get("raw") or value.get("literal")
        if raw:
            m = _ISO_DATE.match(str(raw))
            if m and value.get("raw"):
                ranges.append([int(g) for g in m.groups() if g is not None])
            else:
                out["literal"] = str(raw)
    if ranges:
        # a month outside 1..12 (21..24 are CSL seasons) is dropped with the day that follows it
        cleaned = []
        for r in ranges:
            if len(r) > 1 and not 1 <= r[1] <= 12:
                if 13 <= r[1] <= 16 or 21 <= r[1] <= 24:
                    out["season"] = (r[1] - 12) if r[1] <= 16 else (r[1] - 20)
                r = r[:1]
            if len(r) > 2 and not 1 <= r[2] <= 31:
                r = r[:2]
            cleaned.append(r)
        if len(cleaned) == 2 and cleaned[1] == cleaned[0]:
            cleaned = cleaned[:1]
        out["date-parts"] = cleaned
    if value.get("circa"):
        out["circa"] = 1
    if "season" in value and "season" not in out:
        out["season"] = value["season"]
    return out or None


def prepare_names(value: Any) -> list[dict[str, str]]:
    """Names as citeproc-py accepts them: dicts with string parts, no unknown keys."""
    allowed = {"family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal"}
    out = []
    if isinstance(value, Mapping):
        value = [value]
    if not isinstance(value, list):
        return out
    for n in value:
        if isinstance(n, str):
            n = {"literal": n}
        if not isinstance(n, Mapping):
            continue
        d = {k: str(v) for k, v in n.items() if k in allowed and v not in (None, "")}
        if "literal" in d:
            d = {"literal": d["literal"]}
        elif "family" not in d and "given" in d:
            d = {"literal": d["given"]}
        if d:
            out.append(d)
    return out


def prepare_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a CSL-JSON item that citeproc-py can render without crashing."""
    import citeproc

    names = {n.replace("_", "-") for n in citeproc.NAMES}
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
            out[key] = str(value)
    out.setdefault("type", "article")
    return out
